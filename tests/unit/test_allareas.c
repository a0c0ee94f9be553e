/*
 * Unit tests for sectors/allareas.h: every county x industry LQ straight
 * from a singlefile. The files are tiny, written here, with every expected
 * number worked out by hand in the comments; each is read in one part and
 * in several parts with tiny blocks, which must give the same table.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "sectors/allareas.h"

static char dir[64];

static void make_dir(void)
{
	snprintf(dir, sizeof dir, "/tmp/pm_allareas_XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(allareas, .init = make_dir, .fini = remove_dir);

static const char *write_file(const char *name, const char *text)
{
	static char p[2][128];
	static int k;
	FILE *f;

	k ^= 1;
	snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
	f = fopen(p[k], "wb");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	return p[k];
}

/*
 * A BOM, CRLF line ends, a quoted title column (with a comma and a ""
 * escape) before the columns read, columns in BLS's order otherwise, and a
 * last line without a line end. Rows the job does not use: a state, a
 * county's ownership total (71), government at sector level, US000's
 * 4-digit rows when asked for sectors.
 *
 *   US000 total E_US = 1000; private sectors 23: 100, 31-33: 200, 44-45: N
 *   01001 total E_c = 100: 23 = 20, 31-33 = 10, 44-45 = 5, 62 = N
 *   01999 total N: 23 = 3
 *   02013 total 50: 23 = 5 (and federal 23 = 7, not private)
 */
#define HDR                                                                                        \
	"\xEF\xBB\xBF\"area_fips\",\"title\",\"own_code\",\"industry_code\",\"agglvl_code\","      \
	"\"size_code\",\"year\",\"qtr\",\"disclosure_code\",\"annual_avg_estabs\","                \
	"\"annual_avg_emplvl\",\"total_annual_wages\"\r\n"

static const char tiny[] = HDR
	"\"01000\",\"Alabama -- Statewide\",\"0\",\"10\",\"50\",\"0\",\"2023\",\"A\",\"\",9,"
	"900,1\r\n"
	"\"01001\",\"Autauga County, Alabama\",\"0\",\"10\",\"70\",\"0\",\"2023\",\"A\",\"\",9,"
	"100,1\r\n"
	"\"01001\",\"Autauga \"\"A\"\"\",\"5\",\"10\",\"71\",\"0\",\"2023\",\"A\",\"\",9,80,1\r\n"
	"\"01001\",\"x\",\"5\",\"23\",\"74\",\"0\",\"2023\",\"A\",\"\",3,20,1\r\n"
	"\"01001\",\"x\",\"5\",\"31-33\",\"74\",\"0\",\"2023\",\"A\",\"\",3,10,1\r\n"
	"\"01001\",\"x\",\"5\",\"44-45\",\"74\",\"0\",\"2023\",\"A\",\"\",3,5,1\r\n"
	"\"01001\",\"x\",\"5\",\"62\",\"74\",\"0\",\"2023\",\"A\",\"N\",1,0,0\r\n"
	"\"01999\",\"x\",\"0\",\"10\",\"70\",\"0\",\"2023\",\"A\",\"N\",1,0,0\r\n"
	"\"01999\",\"x\",\"5\",\"23\",\"74\",\"0\",\"2023\",\"A\",\"\",1,3,1\r\n"
	"\"02013\",\"x\",\"0\",\"10\",\"70\",\"0\",\"2023\",\"A\",\"\",2,50,1\r\n"
	"\"02013\",\"x\",\"1\",\"23\",\"74\",\"0\",\"2023\",\"A\",\"\",1,7,1\r\n"
	"\"02013\",\"x\",\"5\",\"23\",\"74\",\"0\",\"2023\",\"A\",\"\",1,5,1\r\n"
	"\"US000\",\"U.S. TOTAL\",\"0\",\"10\",\"10\",\"0\",\"2023\",\"A\",\"\",99,1000,1\r\n"
	"\"US000\",\"x\",\"5\",\"23\",\"14\",\"0\",\"2023\",\"A\",\"\",9,100,1\r\n"
	"\"US000\",\"x\",\"5\",\"31-33\",\"14\",\"0\",\"2023\",\"A\",\"\",9,200,1\r\n"
	"\"US000\",\"x\",\"5\",\"44-45\",\"14\",\"0\",\"2023\",\"A\",\"N\",9,0,0\r\n"
	"\"US000\",\"x\",\"5\",\"2361\",\"16\",\"0\",\"2023\",\"A\",\"\",9,60,1";

static struct pm_allareas run_ok(const char *path, int level, int threads, size_t block)
{
	struct pm_allareas_opts o = {
		.level = level, .own = '5', .threads = threads, .block = block
	};
	struct pm_allareas r;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(pm_allareas_run(path, &o, &r, &err), PM_OK, "%s", err.msg);
	return r;
}

static void expect_row(const struct pm_allareas *r, size_t i, const char *area, const char *ind,
		       long long emp, double lq)
{
	char a[9], b[9];

	cr_assert_lt(i, r->n);
	cr_assert_str_eq(pm_allareas_code(r->rows[i].area, a), area);
	cr_assert_str_eq(pm_allareas_code(r->rows[i].industry, b), ind);
	cr_assert_eq(r->rows[i].emp, emp, "row %zu employment", i);
	if (isnan(lq))
		cr_assert(isnan(r->rows[i].lq), "row %zu lq %g should be unknown", i,
			  r->rows[i].lq);
	else
		cr_assert_float_eq(r->rows[i].lq, lq, 1e-12, "row %zu lq", i);
}

static void expect_tiny(const struct pm_allareas *r)
{
	cr_assert_eq(r->n, 6);
	cr_assert_eq(r->year, 2023);
	/* (20 / 100) / (100 / 1000) = 0.2 / 0.1 = 2 */
	expect_row(r, 0, "01001", "23", 20, 2.0);
	/* (10 / 100) / (200 / 1000) = 0.1 / 0.2 = 0.5 */
	expect_row(r, 1, "01001", "31-33", 10, 0.5);
	/* known employment, but the US figure is suppressed: no LQ */
	expect_row(r, 2, "01001", "44-45", 5, NAN);
	/* suppressed: unknown, never 0 */
	expect_row(r, 3, "01001", "62", -1, NAN);
	/* the county total is suppressed: no LQ */
	expect_row(r, 4, "01999", "23", 3, NAN);
	/* (5 / 50) / (100 / 1000) = 0.1 / 0.1 = 1 */
	expect_row(r, 5, "02013", "23", 5, 1.0);
}

Test(allareas, hand_computed_sectors)
{
	const char *p = write_file("tiny.csv", tiny);
	struct pm_allareas r = run_ok(p, 2, 1, 0);

	expect_tiny(&r);
	cr_assert_eq(r.lines, 17); /* data lines */
	pm_allareas_release(&r);
}

Test(allareas, parts_and_blocks_do_not_change_the_answer)
{
	const char *p = write_file("tiny.csv", tiny);
	int threads;
	size_t block;

	for (threads = 1; threads <= 5; threads++)
		for (block = 7; block <= 4096; block *= 3) {
			struct pm_allareas r = run_ok(p, 2, threads, block);

			expect_tiny(&r);
			pm_allareas_release(&r);
		}
}

Test(allareas, four_digit_level)
{
	const char *p = write_file("tiny.csv", tiny);
	struct pm_allareas r = run_ok(p, 4, 1, 0);

	/* no county rows at agglvl 76: an empty table, no error */
	cr_assert_eq(r.n, 0);
	pm_allareas_release(&r);
}

Test(allareas, zip_member_reads_like_the_file)
{
	char zpath[160];
	zip_t *za;
	zip_source_t *src;
	int e;

	snprintf(zpath, sizeof zpath, "%s/2023_annual_singlefile.zip", dir);
	za = zip_open(zpath, ZIP_CREATE | ZIP_TRUNCATE, &e);
	cr_assert_not_null(za);
	src = zip_source_buffer(za, tiny, sizeof tiny - 1, 0);
	cr_assert_not_null(src);
	cr_assert_geq(zip_file_add(za, "2023.annual.singlefile.csv", src, ZIP_FL_ENC_UTF_8), 0);
	cr_assert_eq(zip_close(za), 0);
	{
		struct pm_allareas r = run_ok(zpath, 2, 0, 13);

		expect_tiny(&r);
		pm_allareas_release(&r);
	}
}

/* Run on TEXT, expecting failure CODE with a message containing WHAT. */
static void expect_error(const char *text, int threads, enum pm_status code, const char *what)
{
	const char *p = write_file("bad.csv", text);
	struct pm_allareas_opts o = { .level = 2, .own = '5', .threads = threads, .block = 16 };
	struct pm_allareas r;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(pm_allareas_run(p, &o, &r, &err), code, "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, what), "message: %s", err.msg);
	cr_assert_eq(r.n, 0);
	cr_assert_null(r.rows);
}

Test(allareas, not_a_singlefile)
{
	expect_error("", 1, PM_EDATA, "empty file");
	expect_error("<html><body>Access Denied</body></html>\n", 1, PM_EDATA, "HTML");
	expect_error("area_fips,own_code,industry_code,year,qtr,disclosure_code,"
		     "annual_avg_emplvl\n01001,5,23,2023,A,,5\n",
		     1, PM_EDATA, "lacks column 'agglvl_code'");
}

/* TINY with the first FROM replaced by TO; free the result. */
static char *edit(const char *from, const char *to)
{
	const char *at = strstr(tiny, from);
	size_t n = strlen(tiny) + strlen(to) + 1;
	char *t = malloc(n);

	cr_assert_not_null(at, "'%s' not in the file", from);
	snprintf(t, n, "%.*s%s%s", (int)(at - tiny), tiny, to, at + strlen(from));
	return t;
}

Test(allareas, malformed_lines_name_file_and_line)
{
	/* line 7 (the 44-45 row): text after a closing quote */
	char *t = edit("\"44-45\",\"74\"", "\"44-45\"x,\"74\"");

	expect_error(t, 1, PM_EDATA, "bad.csv:7: field 4: text after a closing quote");
	/* the same line found by a later one of three parts */
	expect_error(t, 3, PM_EDATA, "bad.csv:7: field 4: text after a closing quote");
	free(t);

	/* line 10 (01999, 23) */
	t = edit("\"2023\",\"A\",\"\",1,3,1", "\"20x3\",\"A\",\"\",1,3,1");
	expect_error(t, 2, PM_EDATA, "bad.csv:10: field 'year': '20x3' is not a year");
	free(t);

	/* line 5 (01001, 23) */
	t = edit("\"A\",\"\",3,20,1", "\"A\",\"Q\",3,20,1");
	expect_error(t, 1, PM_EDATA, "bad.csv:5: field 'disclosure_code': 'Q' is not a");
	free(t);
	t = edit("\"A\",\"\",3,20,1", "\"A\",\"\",3,2.5,1");
	expect_error(t, 1, PM_EDATA, "bad.csv:5: field 'annual_avg_emplvl': '2.5' is not a whole");
	free(t);
	t = edit("\"A\",\"\",3,20,1", "\"A\"");
	expect_error(t, 1, PM_EDATA, "bad.csv:5: expected at least 11 fields, found 8");
	free(t);
	/* a row of an ownership not asked for is not read, so not checked */
	t = edit("\"A\",\"\",1,7,1", "\"A\",\"Q\",1,7,x");
	{
		struct pm_allareas r = run_ok(write_file("ok.csv", t), 2, 1, 0);

		expect_tiny(&r);
		pm_allareas_release(&r);
	}
	free(t);
}

Test(allareas, quarterly_file_is_refused)
{
	char *t = edit("\"2023\",\"A\",\"\",3,20", "\"2023\",\"1\",\"\",3,20");

	expect_error(t, 1, PM_EDATA, "bad.csv:5: field 'qtr': '1' is not 'A' (an annual file)");
	free(t);
}

Test(allareas, no_us000_is_an_error)
{
	/* the tiny file up to, not including, its US000 rows */
	char *t = strdup(tiny);

	*strstr(t, "\"US000\"") = '\0';
	expect_error(t, 1, PM_EDATA, "no US000 rows");
	free(t);
}

Test(allareas, missing_file)
{
	struct pm_allareas_opts o = { .level = 2, .own = '5' };
	struct pm_allareas r;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(pm_allareas_run("/nonexistent/x.csv", &o, &r, &err), PM_EIO);
	cr_assert_not_null(strstr(err.msg, "cannot read '/nonexistent/x.csv'"), "%s", err.msg);
}

Test(allareas, codes_pack_in_byte_order)
{
	char b[9];

	cr_assert_lt(pm_allareas_pack("31", 2), pm_allareas_pack("31-33", 5));
	cr_assert_lt(pm_allareas_pack("31-33", 5), pm_allareas_pack("311", 3));
	cr_assert_lt(pm_allareas_pack("01001", 5), pm_allareas_pack("C1018", 5));
	cr_assert_lt(pm_allareas_pack("C1018", 5), pm_allareas_pack("US000", 5));
	cr_assert_str_eq(pm_allareas_code(pm_allareas_pack("44-45", 5), b), "44-45");
	cr_assert_str_eq(pm_allareas_code(pm_allareas_pack("11111111", 8), b), "11111111");
}
