/*
 * Unit tests for core/xlsx.h: cell kinds, sparse cells and rows, sheet
 * lookup through relationships, merged headers, hostile workbooks, the real
 * BLS/NCES files in ../shared/data, and the streaming memory bound.
 *
 * Small workbooks are built at test time with libzip (in memory, or written
 * to a temporary file) from the XML parts each test spells out.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zip.h>

#include "core/buf.h"
#include "core/xlsx.h"

#define SHARED(rel) PM_SHARED_DATA "/" rel

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG	"http://schemas.openxmlformats.org/package/2006/relationships"

#define ROOT_RELS                                                                                  \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"                            \
	"<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_REL             \
	"/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"

#define WORKBOOK                                                                                   \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"                            \
	"<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"                          \
	"<sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"

#define WB_RELS                                                                                    \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"                            \
	"<Relationships xmlns=\"" NS_PKG "\">"                                                     \
	"<Relationship Id=\"rId1\" Type=\"" NS_REL                                                 \
	"/worksheet\" Target=\"worksheets/sheet1.xml\"/>"                                          \
	"<Relationship Id=\"rId2\" Type=\"" NS_REL                                                 \
	"/sharedStrings\" Target=\"sharedStrings.xml\"/>"                                          \
	"</Relationships>"

#define SHEET(rows)                                                                                \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"                            \
	"<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheetData>" rows                 \
	"</sheetData></worksheet>"

#define SST(items)                                                                                 \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"                            \
	"<sst xmlns=\"" NS_MAIN "\">" items "</sst>"

struct part {
	const char *name;
	const char *data; /* NULL: leave the part out */
};

/* ---- helpers ---- */

/* Zip PARTS in memory with libzip; returns malloc'd bytes. */
static unsigned char *zip_parts(const struct part *parts, size_t n, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_int64_t size;
	unsigned char *out;
	size_t i;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	cr_assert_not_null(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	cr_assert_not_null(za, "%s", zip_error_strerror(&ze));
	zip_source_keep(src);
	for (i = 0; i < n; i++) {
		zip_source_t *ps;

		if (!parts[i].data)
			continue;
		ps = zip_source_buffer(za, parts[i].data, strlen(parts[i].data), 0);
		cr_assert_not_null(ps);
		cr_assert_geq(zip_file_add(za, parts[i].name, ps, ZIP_FL_ENC_UTF_8), 0);
	}
	cr_assert_eq(zip_close(za), 0);
	cr_assert_eq(zip_source_open(src), 0);
	cr_assert_eq(zip_source_seek(src, 0, SEEK_END), 0);
	size = zip_source_tell(src);
	cr_assert_gt(size, 0);
	cr_assert_eq(zip_source_seek(src, 0, SEEK_SET), 0);
	out = malloc((size_t)size);
	cr_assert_not_null(out);
	cr_assert_eq(zip_source_read(src, out, (zip_uint64_t)size), size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = (size_t)size;
	return out;
}

/* A test workbook: its zip bytes (borrowed by the workbook) and an open sheet. */
struct book {
	unsigned char *zip;
	size_t len;
	struct pm_xlsx *wb;
	struct pm_xlsx_sheet *s;
};

/* The standard parts with SHEET_XML as sheet "Data" and SST_XML (may be NULL). */
static void std_parts(struct part p[5], const char *sheet_xml, const char *sst_xml)
{
	p[0] = (struct part){ "_rels/.rels", ROOT_RELS };
	p[1] = (struct part){ "xl/workbook.xml", WORKBOOK };
	p[2] = (struct part){ "xl/_rels/workbook.xml.rels", WB_RELS };
	p[3] = (struct part){ "xl/worksheets/sheet1.xml", sheet_xml };
	p[4] = (struct part){ "xl/sharedStrings.xml", sst_xml };
}

static void book_open_parts(struct book *b, const struct part *parts, size_t n)
{
	struct pm_err err = PM_ERR_INIT;

	memset(b, 0, sizeof *b);
	b->zip = zip_parts(parts, n, &b->len);
	cr_assert_eq(pm_xlsx_open_mem(&b->wb, b->zip, b->len, "test.xlsx", &err), PM_OK, "%s",
		     err.msg);
	cr_assert_eq(pm_xlsx_sheet_open(b->wb, "Data", &b->s, &err), PM_OK, "%s", err.msg);
}

static void book_open(struct book *b, const char *sheet_xml, const char *sst_xml)
{
	struct part p[5];

	std_parts(p, sheet_xml, sst_xml);
	book_open_parts(b, p, 5);
}

static void book_close(struct book *b)
{
	pm_xlsx_sheet_free(b->s);
	pm_xlsx_free(b->wb);
	free(b->zip);
}

static void next(struct book *b)
{
	struct pm_err err = PM_ERR_INIT;
	bool eof = true;

	cr_assert_eq(pm_xlsx_next_row(b->s, &eof, &err), PM_OK, "%s", err.msg);
	cr_assert_not(eof, "unexpected end of sheet");
}

static void expect_eof(struct book *b)
{
	struct pm_err err = PM_ERR_INIT;
	bool eof = false;

	cr_assert_eq(pm_xlsx_next_row(b->s, &eof, &err), PM_OK, "%s", err.msg);
	cr_assert(eof, "expected the end, got row %u", pm_xlsx_row_number(b->s));
	cr_assert_eq(pm_xlsx_ncells(b->s), 0);
	/* The end stays the end. */
	cr_assert_eq(pm_xlsx_next_row(b->s, &eof, &err), PM_OK, "%s", err.msg);
	cr_assert(eof);
}

static void expect_cell(struct book *b, size_t col, enum pm_xlsx_type type, const char *text)
{
	size_t len = 99;
	const char *got = pm_xlsx_cell(b->s, col, &len);

	cr_assert_str_eq(got, text, "column %zu", col);
	cr_assert_eq(len, strlen(text));
	cr_assert_eq(pm_xlsx_cell_type(b->s, col), type, "column %zu type", col);
}

/*
 * Build a workbook from PARTS, open it (in memory) and read sheet "Data" to
 * the end; returns the first failure, with ERR set.
 */
static enum pm_status read_all_parts(const struct part *parts, size_t n, struct pm_err *err)
{
	struct pm_xlsx_sheet *s = NULL;
	struct pm_xlsx *wb = NULL;
	enum pm_status rc;
	size_t len;
	unsigned char *zip = zip_parts(parts, n, &len);
	bool eof = false;

	rc = pm_xlsx_open_mem(&wb, zip, len, "bad.xlsx", err);
	if (rc == PM_OK)
		rc = pm_xlsx_sheet_open(wb, "Data", &s, err);
	while (rc == PM_OK && !eof)
		rc = pm_xlsx_next_row(s, &eof, err);
	if (rc == PM_OK) {
		const struct pm_xlsx_range *m;
		size_t nm;

		rc = pm_xlsx_merges(s, &m, &nm, err);
	}
	if (rc != PM_OK && s) {
		/* Failures are sticky. */
		struct pm_err again = PM_ERR_INIT;

		cr_assert_eq(pm_xlsx_next_row(s, &eof, &again), rc);
		cr_assert_str_eq(again.msg, err->msg);
	}
	pm_xlsx_sheet_free(s);
	pm_xlsx_free(wb);
	free(zip);
	return rc;
}

static enum pm_status read_all(const char *sheet_xml, const char *sst_xml, struct pm_err *err)
{
	struct part p[5];

	std_parts(p, sheet_xml, sst_xml);
	return read_all_parts(p, 5, err);
}

static void expect_error(const char *sheet_xml, const char *sst_xml, const char *want)
{
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(read_all(sheet_xml, sst_xml, &err), PM_EDATA, "expected an error with '%s'",
		     want);
	cr_assert_eq(err.code, PM_EDATA);
	cr_assert(strstr(err.msg, want), "message '%s' lacks '%s'", err.msg, want);
}

static void write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	cr_assert_eq(fwrite(data, 1, n, f), n);
	cr_assert_eq(fclose(f), 0);
}

static struct pm_xlsx *open_shared(const char *path)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_xlsx *wb = NULL;

	cr_assert_eq(pm_xlsx_open(&wb, path, &err), PM_OK, "%s", err.msg);
	return wb;
}

static struct pm_xlsx_sheet *open_sheet(struct pm_xlsx *wb, const char *name)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_xlsx_sheet *s = NULL;

	cr_assert_eq(pm_xlsx_sheet_open(wb, name, &s, &err), PM_OK, "%s", err.msg);
	return s;
}

/* ---- cell kinds ---- */

Test(xlsx, shared_strings)
{
	struct book b;

	book_open(&b,
		  SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" "
			"t=\"s\"><v>1</v></c>"
			"<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
			"<c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"F1\" t=\"s\"><v>5</v></c></row>"),
		  SST("<si><t>01.0101</t></si>"
		      /* rich text: runs concatenated, formatting dropped */
		      "<si><r><t>Table 1.2 </t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">"
		      "(in thousands)</t></r></si>"
		      /* phonetic runs are not text */
		      "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>"
		      "<si><t xml:space=\"preserve\">  Management occupations </t></si>"
		      "<si><t>line one_x000D_&#10;line two_x005F_x0041_</t></si>"
		      "<si><t>a &amp; b &lt;c&gt;</t></si>"));
	next(&b);
	cr_assert_eq(pm_xlsx_row_number(b.s), 1);
	cr_assert_eq(pm_xlsx_ncells(b.s), 6);
	expect_cell(&b, 0, PM_XLSX_STRING, "01.0101");
	expect_cell(&b, 1, PM_XLSX_STRING, "Table 1.2 (in thousands)");
	expect_cell(&b, 2, PM_XLSX_STRING, "東京");
	expect_cell(&b, 3, PM_XLSX_STRING, "  Management occupations ");
	expect_cell(&b, 4, PM_XLSX_STRING, "line one\r\nline two_x0041_");
	expect_cell(&b, 5, PM_XLSX_STRING, "a & b <c>");
	expect_eof(&b);
	book_close(&b);
}

Test(xlsx, inline_strings)
{
	struct book b;

	book_open(&b,
		  SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>29-1141</t></is></c>"
			"<c r=\"B1\" t=\"inlineStr\"><is><r><t>Regist</t></r><r><t>ered</t></r>"
			"<rPh><t>x</t></rPh></is></c>"
			"<c r=\"C1\" t=\"inlineStr\"><v>ignored</v><is><t>kept</t></is></c>"
			"<c r=\"D1\" t=\"inlineStr\"><is><t></t></is></c></row>"),
		  NULL);
	next(&b);
	expect_cell(&b, 0, PM_XLSX_STRING, "29-1141");
	expect_cell(&b, 1, PM_XLSX_STRING, "Registered");
	expect_cell(&b, 2, PM_XLSX_STRING, "kept");
	expect_cell(&b, 3, PM_XLSX_EMPTY, "");
	cr_assert_eq(pm_xlsx_ncells(b.s), 3, "an empty string is no value");
	expect_eof(&b);
	book_close(&b);
}

Test(xlsx, numbers_kept_verbatim)
{
	struct pm_err err = PM_ERR_INIT;
	struct book b;
	int64_t i;
	double d;

	book_open(&b,
		  SHEET("<row r=\"1\"><c r=\"A1\"><v>11.0101</v></c><c r=\"B1\" "
			"t=\"n\"><v>2024</v></c>"
			"<c r=\"C1\" s=\"4\"><v>8.1999999999999993</v></c>"
			"<c r=\"D1\"><v>1.0000000000000001E-2</v></c><c r=\"E1\"><v>-0.50</v></c>"
			"<c r=\"F1\"><v>155495730</v></c><c r=\"G1\"><v>2024.0</v></c></row>"),
		  NULL);
	next(&b);
	expect_cell(&b, 0, PM_XLSX_NUMBER, "11.0101");
	expect_cell(&b, 1, PM_XLSX_NUMBER, "2024");
	expect_cell(&b, 2, PM_XLSX_NUMBER, "8.1999999999999993");
	expect_cell(&b, 3, PM_XLSX_NUMBER, "1.0000000000000001E-2");
	expect_cell(&b, 4, PM_XLSX_NUMBER, "-0.50");
	cr_assert_eq(pm_xlsx_cell_i64(b.s, 1, &i, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(i, 2024);
	cr_assert_eq(pm_xlsx_cell_i64(b.s, 5, &i, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(i, 155495730);
	cr_assert_eq(pm_xlsx_cell_i64(b.s, 6, &i, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(i, 2024);
	cr_assert_eq(pm_xlsx_cell_double(b.s, 3, &d, &err), PM_OK, "%s", err.msg);
	cr_assert_float_eq(d, 0.01, 1e-12);
	cr_assert_eq(pm_xlsx_cell_double(b.s, 4, &d, &err), PM_OK, "%s", err.msg);
	cr_assert_float_eq(d, -0.5, 1e-12);
	cr_assert_eq(pm_xlsx_cell_i64(b.s, 0, &i, &err), PM_EDATA);
	cr_assert_str_eq(err.msg,
			 "test.xlsx: sheet 'Data' cell A1: '11.0101' is not a whole number");
	cr_assert_eq(pm_xlsx_cell_double(b.s, 9, &d, &err), PM_EDATA);
	cr_assert_str_eq(err.msg, "test.xlsx: sheet 'Data' cell J1 is empty, expected a number");
	book_close(&b);
}

Test(xlsx, booleans)
{
	struct pm_err err = PM_ERR_INIT;
	struct book b;
	int64_t i;

	book_open(&b,
		  SHEET("<row r=\"1\"><c r=\"A1\" t=\"b\"><v>1</v></c><c r=\"B1\" "
			"t=\"b\"><v>0</v></c></row>"),
		  NULL);
	next(&b);
	expect_cell(&b, 0, PM_XLSX_BOOL, "1");
	expect_cell(&b, 1, PM_XLSX_BOOL, "0");
	cr_assert_eq(pm_xlsx_cell_i64(b.s, 0, &i, &err), PM_EDATA);
	cr_assert_str_eq(err.msg,
			 "test.xlsx: sheet 'Data' cell A1 holds a boolean '1', not a number");
	book_close(&b);
}

Test(xlsx, errors)
{
	struct pm_err err = PM_ERR_INIT;
	struct book b;
	double d;

	book_open(&b,
		  SHEET("<row r=\"3\"><c r=\"B3\" t=\"e\"><v>#N/A</v></c>"
			"<c r=\"C3\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row>"),
		  NULL);
	next(&b);
	expect_cell(&b, 0, PM_XLSX_EMPTY, "");
	expect_cell(&b, 1, PM_XLSX_ERROR, "#N/A");
	expect_cell(&b, 2, PM_XLSX_ERROR, "#DIV/0!");
	cr_assert_eq(pm_xlsx_cell_double(b.s, 2, &d, &err), PM_EDATA);
	cr_assert_str_eq(err.msg,
			 "test.xlsx: sheet 'Data' cell C3 holds an error '#DIV/0!', not a number");
	book_close(&b);
}

Test(xlsx, formula_cached_values)
{
	struct book b;

	book_open(&b,
		  SHEET("<row r=\"1\"><c r=\"A1\" t=\"str\"><f>CONCAT(\"01.\",\"0101\")</f>"
			"<v>01.0101</v></c><c r=\"B1\"><f>1+1</f><v>2</v></c>"
			"<c r=\"C1\" t=\"str\"><f>\"\"</f><v></v></c><c r=\"D1\"><f>NOW()</f></c>"
			"<c r=\"E1\" t=\"b\"><f>TRUE()</f><v>1</v></c></row>"),
		  NULL);
	next(&b);
	expect_cell(&b, 0, PM_XLSX_STRING, "01.0101");
	expect_cell(&b, 1, PM_XLSX_NUMBER, "2");
	expect_cell(&b, 2, PM_XLSX_EMPTY, "");
	expect_cell(&b, 3, PM_XLSX_EMPTY, "");
	expect_cell(&b, 4, PM_XLSX_BOOL, "1");
	book_close(&b);
}

Test(xlsx, dates_as_written)
{
	struct book b;

	book_open(&b,
		  SHEET("<row r=\"1\"><c r=\"A1\" t=\"d\"><v>2024-05-01T00:00:00</v></c></row>"),
		  NULL);
	next(&b);
	expect_cell(&b, 0, PM_XLSX_DATE, "2024-05-01T00:00:00");
	book_close(&b);
}

Test(xlsx, sparse_cells_and_rows_by_reference)
{
	struct book b;

	book_open(&b,
		  SHEET("<row r=\"2\"><c r=\"C2\"><v>3</v></c><c r=\"F2\"><v>6</v></c></row>"
			/* styled but empty cells hold no value */
			"<row r=\"5\" spans=\"1:4\"><c r=\"A5\" s=\"1\"/><c r=\"B5\"><v>x</v></c>"
			"<c r=\"D5\" s=\"2\"/></row>"
			/* a row element with no values at all */
			"<row r=\"7\" ht=\"20\" customHeight=\"1\"/>"
			/* no r on rows or cells: the next position */
			"<row><c><v>a</v></c><c><v>b</v></c><c "
			"r=\"E8\"><v>e</v></c><c><v>f</v></c></row>"
			"<row r=\"1048576\"><c r=\"XFD1048576\"><v>last</v></c></row>"),
		  NULL);
	next(&b);
	cr_assert_eq(pm_xlsx_row_number(b.s), 2);
	cr_assert_eq(pm_xlsx_ncells(b.s), 6);
	expect_cell(&b, 0, PM_XLSX_EMPTY, "");
	expect_cell(&b, 1, PM_XLSX_EMPTY, "");
	expect_cell(&b, 2, PM_XLSX_NUMBER, "3");
	expect_cell(&b, 3, PM_XLSX_EMPTY, "");
	expect_cell(&b, 5, PM_XLSX_NUMBER, "6");
	expect_cell(&b, 6, PM_XLSX_EMPTY, "");
	expect_cell(&b, 1000, PM_XLSX_EMPTY, "");
	next(&b);
	cr_assert_eq(pm_xlsx_row_number(b.s), 5, "rows 3 and 4 are skipped, not invented");
	cr_assert_eq(pm_xlsx_ncells(b.s), 2);
	expect_cell(&b, 0, PM_XLSX_EMPTY, "");
	expect_cell(&b, 1, PM_XLSX_NUMBER, "x");
	expect_cell(&b, 2, PM_XLSX_EMPTY, "");
	expect_cell(&b, 5, PM_XLSX_EMPTY, ""); /* the previous row's cells are gone */
	next(&b);
	cr_assert_eq(pm_xlsx_row_number(b.s), 7);
	cr_assert_eq(pm_xlsx_ncells(b.s), 0);
	next(&b);
	cr_assert_eq(pm_xlsx_row_number(b.s), 8);
	cr_assert_eq(pm_xlsx_ncells(b.s), 6);
	expect_cell(&b, 0, PM_XLSX_NUMBER, "a");
	expect_cell(&b, 1, PM_XLSX_NUMBER, "b");
	expect_cell(&b, 2, PM_XLSX_EMPTY, "");
	expect_cell(&b, 4, PM_XLSX_NUMBER, "e");
	expect_cell(&b, 5, PM_XLSX_NUMBER, "f");
	next(&b);
	cr_assert_eq(pm_xlsx_row_number(b.s), 1048576);
	cr_assert_eq(pm_xlsx_ncells(b.s), 16384);
	expect_cell(&b, 16383, PM_XLSX_NUMBER, "last");
	expect_eof(&b);
	book_close(&b);
}

Test(xlsx, prefixed_elements)
{
	struct book b;

	book_open(&b,
		  "<x:worksheet xmlns:x=\"" NS_MAIN "\"><x:sheetData><x:row r=\"1\">"
		  "<x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>hi</x:t></x:is></x:c>"
		  "<x:c r=\"B1\"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>",
		  NULL);
	next(&b);
	expect_cell(&b, 0, PM_XLSX_STRING, "hi");
	expect_cell(&b, 1, PM_XLSX_NUMBER, "7");
	expect_eof(&b);
	book_close(&b);
}

/* ---- references ---- */

Test(xlsx, ref_parse)
{
	static const char *const bad[] = {
		"",
		"A",
		"1",
		"A0",
		"A01",
		"a1",
		"ZZZZZZ1",
		"XFE1",
		"AAAA1",
		"A1:B2",
		"A1048577",
		"A99999999",
		"$A$1",
		"A1 ",
		" A1",
		"A-1",
		"\xc3\x84"
		"1",
	};
	uint32_t row = 0, col = 0;
	char buf[16];
	size_t i;

	cr_assert(pm_xlsx_ref_parse("A1", &row, &col));
	cr_assert_eq(row, 1);
	cr_assert_eq(col, 0);
	cr_assert(pm_xlsx_ref_parse("Z9", &row, &col));
	cr_assert_eq(col, 25);
	cr_assert(pm_xlsx_ref_parse("AA10", &row, &col));
	cr_assert_eq(col, 26);
	cr_assert_eq(row, 10);
	cr_assert(pm_xlsx_ref_parse("AB12", &row, &col));
	cr_assert_eq(col, 27);
	cr_assert(pm_xlsx_ref_parse("XFD1048576", &row, &col));
	cr_assert_eq(row, 1048576);
	cr_assert_eq(col, 16383);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert_not(pm_xlsx_ref_parse(bad[i], &row, &col), "'%s' accepted", bad[i]);
	pm_xlsx_ref_format(12, 27, buf, sizeof buf);
	cr_assert_str_eq(buf, "AB12");
	pm_xlsx_ref_format(1048576, 16383, buf, sizeof buf);
	cr_assert_str_eq(buf, "XFD1048576");
	pm_xlsx_ref_format(7, 0, buf, sizeof buf);
	cr_assert_str_eq(buf, "A7");
	/* Round trip over every column. */
	for (i = 0; i < 16384; i++) {
		pm_xlsx_ref_format(3, (uint32_t)i, buf, sizeof buf);
		cr_assert(pm_xlsx_ref_parse(buf, &row, &col), "%s", buf);
		cr_assert_eq(col, i);
		cr_assert_eq(row, 3);
	}
}

/* ---- workbook structure ---- */

Test(xlsx, sheets_found_through_relationships)
{
	static const struct part parts[] = {
		{ "_rels/.rels", "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"r\" "
				 "Type=\"" NS_REL "/officeDocument\" Target=\"/book/main.xml\"/>"
				 "</Relationships>" },
		{ "book/main.xml",
		  "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"
		  "<sheet name=\"Zeta\" sheetId=\"9\" r:id=\"rId7\"/>"
		  "<sheet name=\"Alpha &amp; Co\" sheetId=\"2\" r:id=\"rId3\"/>"
		  "<sheet name=\"Broken\" sheetId=\"3\" r:id=\"rId99\"/>"
		  "<sheet name=\"Gone\" sheetId=\"4\" r:id=\"rId4\"/></sheets></workbook>" },
		{ "book/_rels/main.xml.rels",
		  "<Relationships xmlns=\"" NS_PKG "\">"
		  "<Relationship Id=\"rId3\" Type=\"" NS_REL "/worksheet\" Target=\"/data/a.xml\"/>"
		  "<Relationship Id=\"rId7\" Type=\"" NS_REL "/worksheet\" "
		  "Target=\"./sheets/../sheets/z.xml\"/>"
		  "<Relationship Id=\"rId4\" Type=\"" NS_REL "/worksheet\" Target=\"nope.xml\"/>"
		  "<Relationship Id=\"rId5\" Type=\"" NS_REL "/hyperlink\" "
		  "Target=\"http://example.com/\" TargetMode=\"External\"/>"
		  "</Relationships>" },
		{ "data/a.xml", SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>alpha</t>"
				      "</is></c></row>") },
		{ "book/sheets/z.xml", SHEET("<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>zeta"
					     "</t></is></c></row>") },
	};
	struct pm_err err = PM_ERR_INIT;
	struct pm_xlsx_sheet *s = NULL;
	struct pm_xlsx *wb = NULL;
	size_t len;
	unsigned char *zip = zip_parts(parts, sizeof parts / sizeof parts[0], &len);
	bool eof;

	cr_assert_eq(pm_xlsx_open_mem(&wb, zip, len, "rels.xlsx", &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(pm_xlsx_name(wb), "rels.xlsx");
	cr_assert_eq(pm_xlsx_sheet_count(wb), 4);
	cr_assert_str_eq(pm_xlsx_sheet_name(wb, 0), "Zeta");
	cr_assert_str_eq(pm_xlsx_sheet_name(wb, 1), "Alpha & Co");
	cr_assert_eq(pm_xlsx_sheet_find(wb, "zeta"), 0);
	cr_assert_eq(pm_xlsx_sheet_find(wb, "ALPHA & CO"), 1);
	cr_assert_eq(pm_xlsx_sheet_find(wb, "Alpha"), -1);

	/* Case-insensitive fallback. */
	cr_assert_eq(pm_xlsx_sheet_open(wb, "ZETA", &s, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(pm_xlsx_sheet_title(s), "Zeta");
	cr_assert_eq(pm_xlsx_next_row(s, &eof, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_xlsx_row_number(s), 4);
	cr_assert_str_eq(pm_xlsx_cell(s, 0, NULL), "zeta");
	pm_xlsx_sheet_free(s);

	cr_assert_eq(pm_xlsx_sheet_open_index(wb, 1, &s, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_xlsx_next_row(s, &eof, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(pm_xlsx_cell(s, 0, NULL), "alpha");
	pm_xlsx_sheet_free(s);

	cr_assert_eq(pm_xlsx_sheet_open(wb, "Broken", &s, &err), PM_EDATA);
	cr_assert_null(s);
	cr_assert_str_eq(
		err.msg,
		"sheet 'Broken' of 'rels.xlsx' has no part: relationship 'rId99' is missing");
	cr_assert_eq(pm_xlsx_sheet_open(wb, "Gone", &s, &err), PM_EDATA);
	cr_assert_str_eq(err.msg, "'rels.xlsx' has no part 'book/nope.xml' for sheet 'Gone'");
	cr_assert_eq(pm_xlsx_sheet_open(wb, "Missing", &s, &err), PM_EDATA);
	cr_assert_str_eq(err.msg, "no sheet 'Missing' in 'rels.xlsx' (it has 'Zeta', 'Alpha & Co', "
				  "'Broken', 'Gone')");
	pm_xlsx_free(wb);
	free(zip);
}

Test(xlsx, duplicate_relationship_ids)
{
	/* Found by fuzzing (it leaked): the first relationship with an id wins. */
	struct part p[5];
	struct book b;

	std_parts(p, SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"), NULL);
	p[2].data = "<Relationships xmlns=\"" NS_PKG "\">"
		    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" "
		    "Target=\"worksheets/sheet1.xml\"/>"
		    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" "
		    "Target=\"worksheets/other.xml\"/></Relationships>";
	book_open_parts(&b, p, 5);
	next(&b);
	expect_cell(&b, 0, PM_XLSX_NUMBER, "1");
	expect_eof(&b);
	book_close(&b);
}

Test(xlsx, open_file_and_memory_agree)
{
	struct pm_err err = PM_ERR_INIT;
	char dir[] = "/tmp/pm-xlsx-XXXXXX", path[64];
	struct part p[5];
	struct pm_xlsx *wb = NULL;
	struct pm_xlsx_sheet *s = NULL;
	unsigned char *zip;
	size_t len;
	bool eof;

	std_parts(p, SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"),
		  SST("<si><t>from a file</t></si>"));
	zip = zip_parts(p, 5, &len);
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/book.xlsx", dir);
	write_file(path, zip, len);
	cr_assert_eq(pm_xlsx_open(&wb, path, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(pm_xlsx_name(wb), path);
	cr_assert_eq(pm_xlsx_sheet_open(wb, "Data", &s, &err), PM_OK, "%s", err.msg);
	cr_assert_not_null(pm_xlsx_sheet_reader(s));
	cr_assert_eq(pm_xlsx_next_row(s, &eof, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(pm_xlsx_cell(s, 0, NULL), "from a file");
	pm_xlsx_sheet_free(s);
	pm_xlsx_free(wb);
	unlink(path);
	rmdir(dir);
	free(zip);
}

/* ---- merged cells and headers ---- */

#define MERGED_SHEET                                                                               \
	"<?xml version=\"1.0\"?><worksheet xmlns=\"" NS_MAIN "\"><sheetData>"                      \
	"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Table 9 Wages</t></is></c></row>"         \
	"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Occupation</t></is></c>"                  \
	"<c r=\"B2\" t=\"inlineStr\"><is><t>Employment</t></is></c><c r=\"C2\" s=\"1\"/>"          \
	"<c r=\"D2\" t=\"inlineStr\"><is><t> Median wage </t></is></c>"                            \
	"<c r=\"E2\" t=\"inlineStr\"><is><t>Notes</t></is></c></row>"                              \
	"<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Nurses</t></is></c><c r=\"B3\"><v>10</v>" \
	"</c><c r=\"C3\"><v>12</v></c><c r=\"D3\"><v>86070</v></c></row>"                          \
	"</sheetData><mergeCells count=\"3\"><mergeCell ref=\"A1:E1\"/><mergeCell ref=\"B2:C2\"/>" \
	"<mergeCell ref=\"E2:G2\" /></mergeCells></worksheet>"

Test(xlsx, merged_header_row)
{
	struct pm_xlsx_header h = PM_XLSX_HEADER_INIT;
	struct pm_err err = PM_ERR_INIT;
	struct book b;

	book_open(&b, MERGED_SHEET, NULL);
	/* The title row comes first; the header is row 2. */
	cr_assert_eq(pm_xlsx_header_row(b.s, 2, &h, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_xlsx_row_number(b.s), 2);
	cr_assert_eq(h.n, 7);
	cr_assert_str_eq(h.names[0], "Occupation");
	cr_assert_str_eq(h.names[1], "Employment");
	cr_assert_str_eq(h.names[2], "Employment", "merged B2:C2 names column C too");
	cr_assert_str_eq(h.names[3], " Median wage ");
	cr_assert_str_eq(h.names[4], "Notes");
	cr_assert_str_eq(h.names[5], "Notes");
	cr_assert_str_eq(h.names[6], "Notes");
	cr_assert_eq(pm_xlsx_header_col(&h, "median WAGE"), 3);
	cr_assert_eq(pm_xlsx_header_col(&h, "  occupation\t"), 0);
	cr_assert_eq(pm_xlsx_header_col(&h, "Wage"), -1);
	pm_xlsx_header_release(&h);
	cr_assert_null(h.names);
	cr_assert_eq(h.n, 0);
	/* The next row is the first data row. */
	next(&b);
	cr_assert_eq(pm_xlsx_row_number(b.s), 3);
	expect_cell(&b, 0, PM_XLSX_STRING, "Nurses");
	/* The header row has been passed. */
	cr_assert_eq(pm_xlsx_header_row(b.s, 2, &h, &err), PM_EDATA);
	cr_assert_str_eq(err.msg,
			 "test.xlsx: sheet 'Data': cannot read header row 2, already at row 3");
	cr_assert_eq(pm_xlsx_header_row(b.s, 9, &h, &err), PM_EDATA);
	cr_assert_str_eq(err.msg, "test.xlsx: sheet 'Data' has no row 9 (header expected)");
	cr_assert_null(h.names);
	/* At the end, the last row is gone too. */
	cr_assert_eq(pm_xlsx_header_row(b.s, 3, &h, &err), PM_EDATA);
	cr_assert_str_eq(err.msg,
			 "test.xlsx: sheet 'Data': cannot read header row 3, already at row 3");
	book_close(&b);
}

Test(xlsx, merges_before_and_after_the_rows)
{
	const struct pm_xlsx_range *m = NULL;
	struct pm_err err = PM_ERR_INIT;
	struct book b;
	size_t n = 0;

	/* Before any row: a separate pass, the row position is kept. */
	book_open(&b, MERGED_SHEET, NULL);
	cr_assert_eq(pm_xlsx_merges(b.s, &m, &n, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(n, 3);
	cr_assert_eq(m[0].row1, 1);
	cr_assert_eq(m[0].col1, 0);
	cr_assert_eq(m[0].row2, 1);
	cr_assert_eq(m[0].col2, 4);
	cr_assert_eq(m[2].col1, 4);
	cr_assert_eq(m[2].col2, 6);
	next(&b);
	cr_assert_eq(pm_xlsx_row_number(b.s), 1);
	next(&b);
	next(&b);
	expect_eof(&b);
	cr_assert_eq(pm_xlsx_merges(b.s, &m, &n, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(n, 3, "not collected twice");
	book_close(&b);

	/* After the rows: collected by the main pass. */
	book_open(&b, MERGED_SHEET, NULL);
	next(&b);
	next(&b);
	next(&b);
	expect_eof(&b);
	cr_assert_eq(pm_xlsx_merges(b.s, &m, &n, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(n, 3);
	cr_assert_eq(m[1].row1, 2);
	cr_assert_eq(m[1].col1, 1);
	cr_assert_eq(m[1].col2, 2);
	book_close(&b);
}

/* ---- the real files ---- */

Test(xlsx, bls_ep_occupation)
{
	struct pm_xlsx_header h = PM_XLSX_HEADER_INIT;
	struct pm_err err = PM_ERR_INIT;
	struct pm_xlsx *wb = open_shared(SHARED("bls_ep/occupation.xlsx"));
	struct pm_xlsx_sheet *s;
	uint32_t rows = 1, last = 0;
	bool eof = false;
	double d;
	int64_t i;

	cr_assert_eq(pm_xlsx_sheet_count(wb), 12);
	cr_assert_str_eq(pm_xlsx_sheet_name(wb, 0), "Index");
	cr_assert_str_eq(pm_xlsx_sheet_name(wb, 1), "Table 1.1");
	cr_assert_str_eq(pm_xlsx_sheet_name(wb, 2), "Table 1.2");
	cr_assert_str_eq(pm_xlsx_sheet_name(wb, 11), "Table 1.12");
	s = open_sheet(wb, "Table 1.2");
	/* Row 1 is the title (rich text), row 2 the header. */
	cr_assert_eq(pm_xlsx_next_row(s, &eof, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_xlsx_row_number(s), 1);
	cr_assert_eq(strncmp(pm_xlsx_cell(s, 0, NULL), "Table 1.2 Occupational projections", 34), 0,
		     "%s", pm_xlsx_cell(s, 0, NULL));
	cr_assert(strstr(pm_xlsx_cell(s, 0, NULL), "(Employment in thousands)"));
	cr_assert_eq(pm_xlsx_header_row(s, 2, &h, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(h.n, 16);
	cr_assert_str_eq(h.names[0], "2024 National Employment Matrix title");
	cr_assert_eq(pm_xlsx_header_col(&h, "2024 National Employment Matrix code"), 1);
	cr_assert_eq(pm_xlsx_header_col(&h, "Median annual wage, dollars, 2024[1]"), 11);
	cr_assert_eq(pm_xlsx_header_col(&h, "typical education needed for entry"), 12);
	rows = 2;
	cr_assert_eq(pm_xlsx_next_row(s, &eof, &err), PM_OK, "%s", err.msg);
	rows++;
	cr_assert_str_eq(pm_xlsx_cell(s, 0, NULL), "Total, all occupations");
	cr_assert_str_eq(pm_xlsx_cell(s, 1, NULL), "00-0000");
	cr_assert_str_eq(pm_xlsx_cell(s, 3, NULL), "169956.1");
	cr_assert_eq(pm_xlsx_cell_type(s, 3), PM_XLSX_NUMBER);
	cr_assert_eq(pm_xlsx_cell_double(s, 3, &d, &err), PM_OK, "%s", err.msg);
	cr_assert_float_eq(d, 169956.1, 1e-9);
	cr_assert_eq(pm_xlsx_cell_i64(s, 11, &i, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(i, 49500);
	cr_assert_str_eq(pm_xlsx_cell(s, 12, NULL), "—");
	cr_assert_eq(pm_xlsx_next_row(s, &eof, &err), PM_OK, "%s", err.msg);
	rows++;
	/* Leading blanks carry the hierarchy; they are kept. */
	cr_assert_str_eq(pm_xlsx_cell(s, 0, NULL), "  Management occupations");
	cr_assert_str_eq(pm_xlsx_cell(s, 6, NULL), "8.1999999999999993");
	for (;;) {
		cr_assert_eq(pm_xlsx_next_row(s, &eof, &err), PM_OK, "%s", err.msg);
		if (eof)
			break;
		rows++;
		last = pm_xlsx_row_number(s);
		if (last == 1116)
			cr_assert_str_eq(pm_xlsx_cell(s, 0, NULL), "Footnotes:");
	}
	/* PROVENANCE: Table 1.2 has 1119 sheet rows; the last are footnotes. */
	cr_assert_eq(rows, 1119);
	cr_assert_eq(last, 1119);
	pm_xlsx_header_release(&h);
	pm_xlsx_sheet_free(s);
	pm_xlsx_free(wb);
}

Test(xlsx, nces_cip_soc_codes_are_text)
{
	static const char *const names[] = {
		"File Guide",
		"CIP-SOC",
		"SOC-CIP",
		"New CIP",
		"New SOC",
		"Added Matches",
		"Unmatched CIP Codes",
		"Unmatched SOC Codes",
	};
	struct pm_xlsx_header h = PM_XLSX_HEADER_INIT;
	struct pm_err err = PM_ERR_INIT;
	struct pm_xlsx *wb = open_shared(SHARED("nces_cip_soc/cip_soc_crosswalk.xlsx"));
	struct pm_xlsx_sheet *s;
	size_t i, data = 0;
	int cip, soc;
	bool eof;

	cr_assert_eq(pm_xlsx_sheet_count(wb), 8);
	for (i = 0; i < 8; i++)
		cr_assert_str_eq(pm_xlsx_sheet_name(wb, i), names[i]);
	s = open_sheet(wb, "cip-soc");
	cr_assert_eq(pm_xlsx_header_row(s, 1, &h, &err), PM_OK, "%s", err.msg);
	cip = pm_xlsx_header_col(&h, "CIP2020Code");
	soc = pm_xlsx_header_col(&h, "SOC2018Code");
	cr_assert_eq(cip, 0);
	cr_assert_eq(soc, 2);
	for (;;) {
		size_t len;
		const char *c;

		cr_assert_eq(pm_xlsx_next_row(s, &eof, &err), PM_OK, "%s", err.msg);
		if (eof)
			break;
		data++;
		c = pm_xlsx_cell(s, (size_t)cip, &len);
		/* NN.NNNN exactly as written, leading zero and all. */
		cr_assert_eq(len, 7, "row %u: '%s'", pm_xlsx_row_number(s), c);
		cr_assert_eq(c[2], '.');
		cr_assert_eq(pm_xlsx_cell_type(s, (size_t)cip), PM_XLSX_STRING);
		cr_assert_eq(strlen(pm_xlsx_cell(s, (size_t)soc, NULL)), 7);
		if (data == 1) {
			cr_assert_str_eq(c, "01.0000");
			cr_assert_str_eq(pm_xlsx_cell(s, (size_t)soc, NULL), "19-1011");
		}
	}
	/* The issue counts 6,097 CIP-SOC pairs. */
	cr_assert_eq(data, 6097);
	pm_xlsx_header_release(&h);
	pm_xlsx_sheet_free(s);
	pm_xlsx_free(wb);
}

Test(xlsx, oews_national)
{
	struct pm_xlsx_header h = PM_XLSX_HEADER_INIT;
	struct pm_err err = PM_ERR_INIT;
	struct pm_xlsx *wb = open_shared(SHARED("oews/national_M2025_dl.xlsx"));
	struct pm_xlsx_sheet *s;
	size_t rows = 0;
	int occ, naics, emp;
	bool eof;
	int64_t v;

	cr_assert_eq(pm_xlsx_sheet_count(wb), 4);
	cr_assert_str_eq(pm_xlsx_sheet_name(wb, 0), "national_M2025_dl");
	cr_assert_str_eq(pm_xlsx_sheet_name(wb, 1), "Field Descriptions");
	s = open_sheet(wb, "national_M2025_dl");
	cr_assert_eq(pm_xlsx_header_row(s, 1, &h, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(h.n, 32);
	occ = pm_xlsx_header_col(&h, "occ_code");
	naics = pm_xlsx_header_col(&h, "NAICS");
	emp = pm_xlsx_header_col(&h, "TOT_EMP");
	cr_assert_eq(occ, 8);
	cr_assert_eq(naics, 4);
	cr_assert_eq(emp, 11);
	cr_assert_eq(pm_xlsx_next_row(s, &eof, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(pm_xlsx_cell(s, (size_t)occ, NULL), "00-0000");
	cr_assert_str_eq(pm_xlsx_cell(s, (size_t)naics, NULL), "000000", "leading zeros kept");
	cr_assert_eq(pm_xlsx_cell_i64(s, (size_t)emp, &v, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(v, 155495730);
	rows = 1;
	while (pm_xlsx_next_row(s, &eof, &err) == PM_OK && !eof)
		rows++;
	cr_assert_eq(err.code, PM_OK, "%s", err.msg);
	cr_assert_eq(rows, 1401);
	cr_assert_eq(pm_xlsx_row_number(s), 1402);
	pm_xlsx_header_release(&h);
	pm_xlsx_sheet_free(s);

	/* Merged title cells in the notes sheet; row 7 is absent. */
	s = open_sheet(wb, "Field Descriptions");
	{
		const struct pm_xlsx_range *m;
		size_t n;

		cr_assert_eq(pm_xlsx_merges(s, &m, &n, &err), PM_OK, "%s", err.msg);
		cr_assert_eq(n, 2);
		cr_assert_eq(m[0].row1, 8);
		cr_assert_eq(m[0].col2, 1);
	}
	pm_xlsx_sheet_free(s);
	pm_xlsx_free(wb);
}

/* ---- hostile input ---- */

Test(xlsx, legacy_xls_refused)
{
	static const unsigned char ole2[16] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	struct pm_err err = PM_ERR_INIT;
	struct pm_xlsx *wb = NULL;

	cr_assert_eq(pm_xlsx_open_mem(&wb, ole2, sizeof ole2, "list1.xls", &err), PM_EDATA);
	cr_assert_null(wb);
	cr_assert_str_eq(
		err.msg,
		"'list1.xls' is a legacy Excel 97-2003 (.xls) workbook, which pathmap does "
		"not read: open it in Excel or LibreOffice and save it as .xlsx");
	cr_assert_eq(pm_xlsx_open(&wb, SHARED("delineation/list1_2020.xls"), &err), PM_EDATA);
	cr_assert(strstr(err.msg, "save it as .xlsx"), "%s", err.msg);
}

Test(xlsx, not_a_zip)
{
	static const char junk[] = "<html><body>Access Denied</body></html>";
	struct pm_err err = PM_ERR_INIT;
	struct pm_xlsx *wb = NULL;
	unsigned char *zip;
	struct part p[5];
	size_t len;

	cr_assert_eq(pm_xlsx_open_mem(&wb, junk, sizeof junk - 1, "page.xlsx", &err), PM_EDATA);
	cr_assert_str_eq(err.msg, "'page.xlsx' is not an xlsx workbook: Not a zip archive");
	cr_assert_eq(pm_xlsx_open_mem(&wb, "", 0, "empty.xlsx", &err), PM_EDATA);
	cr_assert(strstr(err.msg, "'empty.xlsx' is not an xlsx workbook"), "%s", err.msg);
	cr_assert_eq(pm_xlsx_open(&wb, PM_TEST_DATA "/core/truncated.zip", &err), PM_EDATA);
	cr_assert(strstr(err.msg, "is not an xlsx workbook: cannot open zip archive"), "%s",
		  err.msg);
	cr_assert_eq(pm_xlsx_open(&wb, "/nonexistent/book.xlsx", &err), PM_EIO);
	cr_assert_str_eq(err.msg,
			 "cannot open '/nonexistent/book.xlsx': No such file or directory");

	/* A zip cut short. */
	std_parts(p, SHEET(""), NULL);
	zip = zip_parts(p, 5, &len);
	cr_assert_eq(pm_xlsx_open_mem(&wb, zip, len / 2, "cut.xlsx", &err), PM_EDATA);
	cr_assert(strstr(err.msg, "'cut.xlsx' is not an xlsx workbook"), "%s", err.msg);
	cr_assert_null(wb);
	free(zip);
}

Test(xlsx, missing_parts)
{
	struct pm_err err = PM_ERR_INIT;
	struct part p[5];

	/* No workbook part at all (a plain zip). */
	std_parts(p, SHEET(""), NULL);
	p[1].data = NULL;
	cr_assert_eq(read_all_parts(p, 5, &err), PM_EDATA);
	cr_assert_str_eq(err.msg,
			 "'bad.xlsx' is not an xlsx workbook: it has no 'xl/workbook.xml'");
	/* No _rels/.rels: xl/workbook.xml is assumed. */
	std_parts(p, SHEET(""), NULL);
	p[0].data = NULL;
	cr_assert_eq(read_all_parts(p, 5, &err), PM_OK, "%s", err.msg);
	/* No workbook relationships. */
	std_parts(p, SHEET(""), NULL);
	p[2].data = NULL;
	cr_assert_eq(read_all_parts(p, 5, &err), PM_EDATA);
	cr_assert_str_eq(err.msg, "'bad.xlsx' is not a complete xlsx workbook: no part "
				  "'xl/_rels/workbook.xml.rels' (where its sheets are)");
	/* No sheet part. */
	std_parts(p, NULL, NULL);
	cr_assert_eq(read_all_parts(p, 5, &err), PM_EDATA);
	cr_assert_str_eq(err.msg,
			 "'bad.xlsx' has no part 'xl/worksheets/sheet1.xml' for sheet 'Data'");
}

Test(xlsx, missing_shared_strings)
{
	/* Fine while no cell refers to one. */
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(read_all(SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"), NULL, &err),
		     PM_OK, "%s", err.msg);
	expect_error(SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\" t=\"s\"><v>0</v></c>"
			   "</row>"),
		     NULL,
		     "bad.xlsx:xl/worksheets/sheet1.xml:1: sheet 'Data' cell B1 refers to shared "
		     "string 0 but the workbook has no shared strings part ('xl/sharedStrings.xml' "
		     "is missing)");
}

Test(xlsx, shared_string_index_out_of_range)
{
	expect_error(SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>\n<c r=\"B1\" t=\"s\">"
			   "<v>2</v></c></row>"),
		     SST("<si><t>a</t></si><si><t>b</t></si>"),
		     "bad.xlsx:xl/worksheets/sheet1.xml:2: sheet 'Data' cell B1: shared string "
		     "index 2 out of range (2 strings)");
	expect_error(SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>-1</v></c></row>"),
		     SST("<si><t>a</t></si>"), "cell A1: bad shared string index '-1'");
	expect_error(
		SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>99999999999999999999</v></c></row>"),
		SST("<si><t>a</t></si>"), "bad shared string index '99999999999999999999'");
	expect_error(SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"), SST(""),
		     "index 0 out of range (0 strings)");
}

Test(xlsx, malformed_xml)
{
	expect_error(SHEET("<row r=\"1\">\n<c r=\"A1\"><v>1</v></c>\n<c r=\"B1\"><v>2</c></row>"),
		     NULL, "bad.xlsx:xl/worksheets/sheet1.xml:3: malformed XML: mismatched tag");
	/* Truncated part. */
	expect_error("<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1",
		     NULL, "malformed XML: no element found");
	expect_error(SHEET("<row r=\"1\"><c r=\"A1\"><v>&undefined;</v></c></row>"), NULL,
		     "malformed XML: undefined entity");
	expect_error(SHEET(""), "<sst><si><t>unclosed</si></sst>",
		     "bad.xlsx:xl/sharedStrings.xml:1: malformed XML: mismatched tag");
}

Test(xlsx, absurd_references)
{
	expect_error(SHEET("<row r=\"1\"><c r=\"ZZZZZZ1\"><v>1</v></c></row>"), NULL,
		     "sheet 'Data': bad cell reference 'ZZZZZZ1' in row 1");
	expect_error(SHEET("<row r=\"0\"><c r=\"A0\"><v>1</v></c></row>"), NULL,
		     "sheet 'Data': bad row number '0' (rows are 1..1048576)");
	expect_error(SHEET("<row r=\"1048577\"/>"), NULL, "bad row number '1048577'");
	expect_error(SHEET("<row r=\"x\"/>"), NULL, "bad row number 'x'");
	expect_error(SHEET("<row r=\"5\"/><row r=\"3\"/>"), NULL,
		     "sheet 'Data': row 3 follows row 5 (rows must ascend)");
	expect_error(SHEET("<row r=\"2\"><c r=\"A3\"><v>1</v></c></row>"), NULL,
		     "sheet 'Data': cell A3 is inside row 2");
	expect_error(SHEET("<row r=\"2\"><c r=\"C2\"><v>1</v></c><c r=\"B2\"><v>1</v></c></row>"),
		     NULL, "cell B2 follows cell C2 (cells must ascend)");
	expect_error(SHEET("<row r=\"2\"><c r=\"C2\"><v>1</v></c><c r=\"C2\"><v>1</v></c></row>"),
		     NULL, "cell C2 follows cell C2");
	expect_error(SHEET("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c></row>"), NULL,
		     "row 1 has more than 16384 columns");
	expect_error(SHEET("<row r=\"1\"><c r=\"A1\" t=\"zz\"><v>1</v></c></row>"), NULL,
		     "sheet 'Data' cell A1: unknown cell type 'zz'");
	expect_error("<worksheet><sheetData/><mergeCells><mergeCell ref=\"B2:A1\"/></mergeCells>"
		     "</worksheet>",
		     NULL, "bad merged range 'B2:A1'");
}

#define LAUGHS                                                                                     \
	"<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"                       \
	"<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"                  \
	"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"        \
	"<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"        \
	"<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"        \
	"<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"        \
	"<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"        \
	"<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"        \
	"<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n]>\n"

Test(xlsx, billion_laughs_refused)
{
	struct pm_err err = PM_ERR_INIT;
	struct part p[5];

	expect_error(LAUGHS "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\"><c r=\"A1\" "
			    "t=\"inlineStr\"><is><t>&lol9;</t></is></c></row></sheetData>"
			    "</worksheet>",
		     NULL,
		     "bad.xlsx:xl/worksheets/sheet1.xml:2: refusing a document type declaration "
		     "(DTD): xlsx parts never have one");
	expect_error(SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"),
		     LAUGHS "<sst><si><t>&lol9;</t></si></sst>",
		     "bad.xlsx:xl/sharedStrings.xml:2: refusing a document type declaration");
	/* In the workbook part, before any sheet is opened. */
	std_parts(p, SHEET(""), NULL);
	p[1].data = LAUGHS "<workbook><sheets><sheet name=\"&lol9;\" r:id=\"rId1\" "
			   "xmlns:r=\"" NS_REL "\"/></sheets></workbook>";
	cr_assert_eq(read_all_parts(p, 5, &err), PM_EDATA);
	cr_assert_str_eq(err.msg, "bad.xlsx:xl/workbook.xml:2: refusing a document type "
				  "declaration (DTD): xlsx parts never have one");
	/* An external entity: refused the same way, nothing is fetched. */
	expect_error(
		"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
		"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&e;"
		"</t></is></c></row></sheetData></worksheet>",
		NULL, "refusing a document type declaration");
}

Test(xlsx, oversized_values)
{
	struct pm_buf xml = PM_BUF_INIT;
	size_t i;

	pm_buf_adds(&xml, "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>");
	for (i = 0; i < PM_XLSX_MAX_CELL / 64 + 1; i++)
		pm_buf_adds(&xml,
			    "0123456789012345678901234567890123456789012345678901234567890123");
	pm_buf_adds(&xml, "</t></is></c></row></sheetData></worksheet>");
	expect_error(xml.buf, NULL, "sheet 'Data' cell A1: value longer than 1048576 bytes");
	pm_buf_release(&xml);

	/* One gigantic attribute: no parser event for more than 16 MiB. */
	pm_buf_adds(&xml, "<worksheet><sheetData><row r=\"1\" x=\"");
	for (i = 0; i < ((size_t)17 << 20) / 64; i++)
		pm_buf_adds(&xml,
			    "0123456789012345678901234567890123456789012345678901234567890123");
	pm_buf_adds(&xml, "\"/></sheetData></worksheet>");
	expect_error(xml.buf, NULL, "an XML token is longer than 16 MiB");
	pm_buf_release(&xml);

	/* Deep nesting. */
	for (i = 0; i < 300; i++)
		pm_buf_adds(&xml, "<a>");
	expect_error(xml.buf, NULL, "XML elements nested more than 256 deep");
	pm_buf_release(&xml);
}

/* ---- streaming with bounded memory ---- */

static long maxrss_kib(void)
{
	struct rusage ru;

	cr_assert_eq(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

Test(xlsx, streams_300k_rows_in_bounded_memory, .timeout = 240)
{
	enum { ROWS = 320000 };
	static const struct part small[] = {
		{ "_rels/.rels", ROOT_RELS },
		{ "xl/workbook.xml", WORKBOOK },
		{ "xl/_rels/workbook.xml.rels", WB_RELS },
		{ "xl/sharedStrings.xml",
		  SST("<si><t>a</t></si><si><t>b</t></si><si><t>c</t></si>") },
	};
	struct pm_err err = PM_ERR_INIT;
	char dir[] = "/tmp/pm-xlsx-XXXXXX", xml[64], book[64];
	struct pm_xlsx_sheet *s = NULL;
	struct pm_xlsx *wb = NULL;
	long before, after, xml_bytes;
	uint32_t n = 0;
	zip_t *za;
	int zerr;
	FILE *f;
	bool eof;

	/*
	 * Write the sheet XML to a file and let libzip deflate it from there,
	 * so building the fixture does not itself raise the peak RSS.
	 */
	cr_assert_not_null(mkdtemp(dir));
	snprintf(xml, sizeof xml, "%s/sheet1.xml", dir);
	snprintf(book, sizeof book, "%s/big.xlsx", dir);
	f = fopen(xml, "w");
	cr_assert_not_null(f);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" NS_MAIN
	      "\"><sheetData>",
	      f);
	for (uint32_t r = 1; r <= ROWS; r++)
		fprintf(f,
			"<row r=\"%u\" spans=\"1:6\"><c r=\"A%u\" t=\"s\"><v>%u</v></c>"
			"<c r=\"B%u\" s=\"3\"><v>%u.25</v></c><c r=\"C%u\" t=\"inlineStr\"><is><t>"
			"area %u, a long enough inline string</t></is></c><c r=\"D%u\"><v>%u</v>"
			"</c><c r=\"F%u\" t=\"str\"><f>D%u</f><v>%02u.%04u</v></c></row>\n",
			r, r, r % 3, r, r, r, r, r, r, r, r, r % 100, r % 10000);
	fputs("</sheetData><mergeCells><mergeCell ref=\"A1:B1\"/></mergeCells></worksheet>", f);
	xml_bytes = ftell(f);
	cr_assert_eq(fclose(f), 0);
	cr_assert_gt(xml_bytes, 64L << 20, "the sheet must be bigger than the bound");

	za = zip_open(book, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	cr_assert_not_null(za);
	for (size_t i = 0; i < sizeof small / sizeof small[0]; i++)
		cr_assert_geq(
			zip_file_add(za, small[i].name,
				     zip_source_buffer(za, small[i].data, strlen(small[i].data), 0),
				     0),
			0);
	cr_assert_geq(
		zip_file_add(za, "xl/worksheets/sheet1.xml", zip_source_file(za, xml, 0, -1), 0),
		0);
	cr_assert_eq(zip_close(za), 0, "%s", zip_strerror(za));
	unlink(xml);

	before = maxrss_kib();
	cr_assert_eq(pm_xlsx_open(&wb, book, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_xlsx_sheet_open(wb, "Data", &s, &err), PM_OK, "%s", err.msg);
	for (;;) {
		char want[32];

		cr_assert_eq(pm_xlsx_next_row(s, &eof, &err), PM_OK, "%s", err.msg);
		if (eof)
			break;
		n++;
		if (pm_xlsx_row_number(s) != n || pm_xlsx_ncells(s) != 6)
			cr_assert_fail("row %u: number %u, %zu cells", n, pm_xlsx_row_number(s),
				       pm_xlsx_ncells(s));
		snprintf(want, sizeof want, "%u", n);
		if (strcmp(pm_xlsx_cell(s, 3, NULL), want))
			cr_assert_fail("row %u: D is '%s'", n, pm_xlsx_cell(s, 3, NULL));
		snprintf(want, sizeof want, "%02u.%04u", n % 100, n % 10000);
		if (strcmp(pm_xlsx_cell(s, 5, NULL), want))
			cr_assert_fail("row %u: F is '%s'", n, pm_xlsx_cell(s, 5, NULL));
		if (strcmp(pm_xlsx_cell(s, 0, NULL), n % 3 == 0 ? "a" : n % 3 == 1 ? "b" : "c"))
			cr_assert_fail("row %u: A is '%s'", n, pm_xlsx_cell(s, 0, NULL));
	}
	after = maxrss_kib();
	cr_assert_eq(n, ROWS);
	{
		const struct pm_xlsx_range *m;
		size_t nm;

		cr_assert_eq(pm_xlsx_merges(s, &m, &nm, &err), PM_OK, "%s", err.msg);
		cr_assert_eq(nm, 1);
	}
	cr_log_info("streamed %u rows (%ld MiB of sheet XML): peak RSS grew %ld KiB (%ld -> %ld)",
		    n, xml_bytes >> 20, after - before, before, after);
	fprintf(stderr,
		"xlsx streaming: %u rows, %ld MiB of sheet XML, peak RSS grew %ld KiB (%ld -> %ld "
		"KiB)\n",
		n, xml_bytes >> 20, after - before, before, after);
	cr_assert_lt(after - before, 32L << 10, "peak RSS grew by %ld KiB", after - before);
	pm_xlsx_sheet_free(s);
	pm_xlsx_free(wb);
	unlink(book);
	rmdir(dir);
}
