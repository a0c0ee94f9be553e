/*
 * Fuzz the xlsx reader. An input starting with "PK" is a whole xlsx file.
 * Anything else is XML parts separated by lines "====": the worksheet, then
 * sharedStrings.xml, xl/workbook.xml, its relationships and _rels/.rels;
 * parts not given get a minimal default, and an empty part is left out. The
 * harness zips them (stored, so the fuzzer's XML reaches expat unchanged)
 * and opens the result from memory.
 *
 * Every sheet is read twice, once straight through and once after asking
 * for its merged ranges first (a separate pass over the part); both reads
 * must agree. Cells must be NUL-terminated, NUL-free, typed EMPTY exactly
 * when they are "", and rows must ascend.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/buf.h"
#include "core/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG	"http://schemas.openxmlformats.org/package/2006/relationships"

static const char *const part_names[] = {
	"xl/worksheets/sheet1.xml",   "xl/sharedStrings.xml", "xl/workbook.xml",
	"xl/_rels/workbook.xml.rels", "_rels/.rels",
};

static const char *const part_defaults[] = {
	"<worksheet xmlns=\"" NS_MAIN "\"><sheetData/></worksheet>",
	NULL,
	"<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets><sheet name=\"Data\" "
	"sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
	"<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
	"/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" NS_REL
	"/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>",
	"<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
	"/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
};

#define NPARTS (sizeof part_names / sizeof part_names[0])

/* Zip the parts of DATA; returns malloc'd bytes or NULL if libzip fails. */
static unsigned char *build_zip(const uint8_t *data, size_t size, size_t *len)
{
	const char *p = (const char *)data, *end = p + size;
	zip_source_t *src;
	unsigned char *out = NULL;
	zip_int64_t n;
	zip_t *za;
	size_t i;

	src = zip_source_buffer_create(NULL, 0, 0, NULL);
	if (!src)
		return NULL;
	za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	if (!za) {
		zip_source_free(src);
		return NULL;
	}
	zip_source_keep(src);
	for (i = 0; i < NPARTS; i++) {
		const char *text = part_defaults[i];
		size_t tlen = text ? strlen(text) : 0;
		zip_source_t *ps;
		zip_int64_t idx;

		if (p) {
			const char *sep = NULL, *q;

			for (q = p; end - q >= 5; q++)
				if (!memcmp(q, "\n====", 5)) {
					sep = q;
					break;
				}
			text = p;
			tlen = sep ? (size_t)(sep - p) : (size_t)(end - p);
			p = sep ? sep + 5 : NULL;
			if (p && p < end && *p == '\n')
				p++;
			if (!tlen)
				continue;
		}
		if (!text)
			continue;
		ps = zip_source_buffer(za, text, tlen, 0);
		if (!ps)
			goto out;
		idx = zip_file_add(za, part_names[i], ps, 0);
		if (idx < 0) {
			zip_source_free(ps);
			goto out;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(za) < 0) {
		zip_discard(za);
		za = NULL;
		goto out;
	}
	za = NULL;
	if (zip_source_open(src) < 0)
		goto out;
	zip_source_seek(src, 0, SEEK_END);
	n = zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	if (n > 0 && (out = malloc((size_t)n)) && zip_source_read(src, out, (zip_uint64_t)n) != n) {
		free(out);
		out = NULL;
	}
	zip_source_close(src);
	*len = n > 0 ? (size_t)n : 0;
out:
	if (za)
		zip_discard(za);
	zip_source_free(src);
	return out;
}

static void check_range(const struct pm_xlsx_range *r)
{
	if (r->row1 < 1 || r->row2 > PM_XLSX_MAX_ROW || r->row2 < r->row1 ||
	    r->col2 >= PM_XLSX_MAX_COL || r->col2 < r->col1)
		abort();
}

/* Read every row of S into OUT; returns the final status. */
static enum pm_status read_sheet(struct pm_xlsx_sheet *s, struct pm_buf *out, struct pm_err *err)
{
	uint32_t prev = 0;
	enum pm_status rc;
	bool eof = false;
	size_t i;

	while ((rc = pm_xlsx_next_row(s, &eof, err)) == PM_OK && !eof) {
		size_t n = pm_xlsx_ncells(s);

		if (pm_xlsx_row_number(s) <= prev || pm_xlsx_row_number(s) > PM_XLSX_MAX_ROW ||
		    n > PM_XLSX_MAX_COL)
			abort();
		prev = pm_xlsx_row_number(s);
		pm_buf_addf(out, "%u:%zu", prev, n);
		if (n && pm_xlsx_cell_type(s, n - 1) == PM_XLSX_EMPTY)
			abort(); /* ncells ends at a value */
		for (i = 0; i <= n; i++) {
			enum pm_xlsx_type t = pm_xlsx_cell_type(s, i);
			size_t len;
			const char *c = pm_xlsx_cell(s, i, &len);
			double d;
			int64_t v;

			if (c[len] != '\0' || strlen(c) != len ||
			    (t == PM_XLSX_EMPTY) != (len == 0))
				abort();
			if (t > PM_XLSX_DATE)
				abort();
			if (t == PM_XLSX_EMPTY && (pm_xlsx_cell_double(s, i, &d, NULL) == PM_OK ||
						   pm_xlsx_cell_i64(s, i, &v, NULL) == PM_OK))
				abort();
			if (t == PM_XLSX_EMPTY)
				continue;
			pm_buf_addf(out, "|%zu:%d:", i, (int)t);
			pm_buf_add(out, c, len);
		}
		pm_buf_addch(out, '\n');
	}
	if (rc == PM_OK) {
		/* The end stays the end. */
		if (pm_xlsx_next_row(s, &eof, NULL) != PM_OK || !eof || pm_xlsx_ncells(s))
			abort();
	} else if (pm_xlsx_next_row(s, &eof, NULL) != rc) {
		abort(); /* failures are sticky */
	}
	return rc;
}

static void check_sheet(struct pm_xlsx *wb, size_t i)
{
	struct pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;
	struct pm_err ea = PM_ERR_INIT, eb = PM_ERR_INIT;
	struct pm_xlsx_sheet *s = NULL;
	const struct pm_xlsx_range *m;
	enum pm_status ra, rb, rm;
	size_t nm = 0, nm2 = 0, k;

	/* Straight through, then the merges. */
	if (pm_xlsx_sheet_open_index(wb, i, &s, &ea) != PM_OK) {
		if (ea.code != PM_EDATA || !ea.msg[0])
			abort();
		return;
	}
	ra = read_sheet(s, &a, &ea);
	if (ra == PM_OK && pm_xlsx_merges(s, &m, &nm, NULL) == PM_OK)
		for (k = 0; k < nm; k++)
			check_range(&m[k]);
	pm_xlsx_sheet_free(s);

	/* Merges first (a pass of their own), then the rows. */
	if (pm_xlsx_sheet_open_index(wb, i, &s, &eb) != PM_OK)
		abort();
	rm = pm_xlsx_merges(s, &m, &nm2, NULL);
	rb = read_sheet(s, &b, &eb);
	if (ra != rb || (ra && strcmp(ea.msg, eb.msg)))
		abort();
	if (ra == PM_OK && (a.len != b.len || memcmp(a.buf, b.buf, a.len)))
		abort();
	if (ra == PM_OK && (rm != PM_OK || nm != nm2))
		abort();
	if (ra && (ea.code != PM_EDATA || !ea.msg[0]))
		abort();
	pm_xlsx_sheet_free(s);

	/* A header read, then a header lookup. */
	if (pm_xlsx_sheet_open_index(wb, i, &s, NULL) == PM_OK) {
		struct pm_xlsx_header h = PM_XLSX_HEADER_INIT;

		if (pm_xlsx_header_row(s, 1 + (uint32_t)(a.len % 3), &h, NULL) == PM_OK) {
			if (h.n > PM_XLSX_MAX_COL)
				abort();
			for (k = 0; k < h.n; k++)
				if (pm_xlsx_header_col(&h, h.names[k]) > (int)k)
					abort();
		}
		pm_xlsx_header_release(&h);
		pm_xlsx_sheet_free(s);
	}
	pm_buf_release(&a);
	pm_buf_release(&b);
}

static void check_refs(const uint8_t *data, size_t size)
{
	char ref[16], back[16];
	uint32_t row, col;

	if (size >= sizeof ref)
		return;
	memcpy(ref, data, size);
	ref[size] = '\0';
	if (pm_xlsx_ref_parse(ref, &row, &col)) {
		if (row < 1 || row > PM_XLSX_MAX_ROW || col >= PM_XLSX_MAX_COL)
			abort();
		pm_xlsx_ref_format(row, col, back, sizeof back);
		if (strcmp(ref, back))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_xlsx *wb = NULL;
	unsigned char *zip = NULL;
	size_t len = 0, i;

	check_refs(data, size);
	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		zip = malloc(size);
		if (!zip)
			return 0;
		memcpy(zip, data, size);
		len = size;
	} else {
		zip = build_zip(data, size, &len);
		if (!zip)
			return 0;
	}
	if (pm_xlsx_open_mem(&wb, zip, len, "fuzz.xlsx", &err) == PM_OK) {
		for (i = 0; i < pm_xlsx_sheet_count(wb); i++) {
			if (pm_xlsx_sheet_find(wb, pm_xlsx_sheet_name(wb, i)) > (int)i)
				abort();
			check_sheet(wb, i);
		}
		pm_xlsx_free(wb);
	} else if (err.code != PM_EDATA || !err.msg[0]) {
		abort();
	}
	free(zip);
	return 0;
}
