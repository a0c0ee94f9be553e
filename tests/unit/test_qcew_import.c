/*
 * Unit tests for the QCEW importer (fetch/qcew.c, fetch/qcew_layout.c) against
 * the real sample files: layouts, suppression, idempotence, repairs, errors.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fetch/qcew.h"
#include "store/store.h"

#define SAMPLE PM_SOURCE_DIR "/data/sample/"

static char dir[64];
static char path[256];
static struct pm_store *st;

static void setup(void)
{
	strcpy(dir, "/tmp/pm-import-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/store.db", dir);
	cr_assert_eq(pm_store_open(&st, path, PM_STORE_CREATE, NULL), PM_OK);
}

static void teardown(void)
{
	char cmd[300];

	pm_store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(qcew_import, .init = setup, .fini = teardown);

static long long q(const char *sql)
{
	sqlite3_stmt *s;
	long long n = -1;

	cr_assert_eq(pm_store_prepare(st, sql, &s, NULL), PM_OK, "%s", sql);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_type(s, 0) == SQLITE_NULL ? -999 : sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static enum pm_status import(const char *file, bool force, struct pm_import_report *rep,
			     struct pm_err *err)
{
	struct pm_import_opts o = { .force = force };
	enum pm_status rc;

	cr_assert_eq(pm_store_begin(st, NULL), PM_OK);
	rc = pm_qcew_import(st, file, &o, rep, err);
	if (rc)
		pm_store_rollback(st);
	else
		cr_assert_eq(pm_store_commit(st, NULL), PM_OK);
	return rc;
}

static char *write_file(const char *name, const char *text)
{
	static char p[300];
	FILE *f;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
	return p;
}

Test(qcew_import, annual_area_slice)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(import(SAMPLE "morpc-qcew-2023-a-39049.csv", false, &rep, &err), PM_OK,
		     "%s", err.msg);
	cr_assert_eq(rep.rows, 2266);
	cr_assert_str_eq(rep.kind, "area-slice");
	cr_assert_eq(rep.year, 2023);
	cr_assert_str_eq(rep.qtr, "A");
	cr_assert_str_eq(rep.first_area, "39049");
	cr_assert_eq(q("SELECT count(*) FROM qcew"), 2266);
	/* The first data row as published: all-industry total of Franklin County. */
	cr_assert_eq(q("SELECT emplvl FROM qcew WHERE area_fips='39049' AND own_code='0' AND "
		       "industry_code='10'"),
		     772233);
	cr_assert_eq(q("SELECT total_wages FROM qcew WHERE area_fips='39049' AND own_code='0' AND "
		       "industry_code='10'"),
		     54167421605LL);
	cr_assert_eq(q("SELECT oty_emplvl_chg FROM qcew WHERE area_fips='39049' AND own_code='0' "
		       "AND industry_code='10'"),
		     8554);
	/* Every row points at its dataset. */
	cr_assert_eq(q("SELECT count(*) FROM qcew WHERE dataset_id <> (SELECT max(id) FROM dataset)"),
		     0);
	pm_import_report_release(&rep);
}

Test(qcew_import, suppressed_cells_are_null_not_zero)
{
	struct pm_import_report rep;

	cr_assert_eq(import(SAMPLE "morpc-qcew-2023-a-39049.csv", false, &rep, NULL), PM_OK);
	cr_assert_gt(rep.suppressed, 0);
	cr_assert_eq(q("SELECT count(*) FROM qcew WHERE disclosure_code = 'N'"), rep.suppressed);
	cr_assert_eq(q("SELECT count(*) FROM qcew WHERE disclosure_code = 'N' AND (emplvl IS NOT "
		       "NULL OR total_wages IS NOT NULL OR avg_annual_pay IS NOT NULL OR lq_emplvl "
		       "IS NOT NULL OR oty_emplvl_chg IS NOT NULL)"),
		     0);
	/* Establishment counts are published even for suppressed cells (an annual
	 * average can round to 0 for an industry that left the county). */
	cr_assert_eq(q("SELECT count(*) FROM qcew WHERE disclosure_code = 'N' AND estabs IS NULL"), 0);
	cr_assert_gt(q("SELECT count(*) FROM qcew WHERE disclosure_code = 'N' AND estabs > 0"),
		     rep.suppressed * 9 / 10);
	pm_import_report_release(&rep);
}

Test(qcew_import, reload_is_idempotent)
{
	struct pm_import_report rep;

	cr_assert_eq(import(SAMPLE "morpc-qcew-2022-a-39041.csv", false, &rep, NULL), PM_OK);
	pm_import_report_release(&rep);
	cr_assert_eq(import(SAMPLE "morpc-qcew-2022-a-39041.csv", false, &rep, NULL), PM_OK);
	cr_assert(rep.skipped);
	pm_import_report_release(&rep);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'qcew'"), 1);
	/* Forced: the rows are replaced, not duplicated, and the old dataset is pruned. */
	cr_assert_eq(import(SAMPLE "morpc-qcew-2022-a-39041.csv", true, &rep, NULL), PM_OK);
	cr_assert_not(rep.skipped);
	cr_assert_eq(q("SELECT count(*) FROM qcew"), rep.rows);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'qcew'"), 1);
	cr_assert_eq(q("SELECT count(*) FROM qcew WHERE dataset_id <> (SELECT id FROM dataset WHERE "
		       "source = 'qcew')"),
		     0);
	pm_import_report_release(&rep);
}

Test(qcew_import, quarterly_layout_keeps_three_months)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(import(PM_SHARED_DATA "/qcew/central_ohio_quarterly/morpc-qcew-2020-1-39049.csv",
			    false, &rep, &err),
		     PM_OK, "%s", err.msg);
	cr_assert_str_eq(rep.qtr, "1");
	/* 39049,0,10,70,0,2020,1,,34378,762786,763327,757110,... */
	cr_assert_eq(q("SELECT month1_emplvl FROM qcew WHERE own_code='0' AND industry_code='10'"),
		     762786);
	cr_assert_eq(q("SELECT month2_emplvl FROM qcew WHERE own_code='0' AND industry_code='10'"),
		     763327);
	cr_assert_eq(q("SELECT emplvl FROM qcew WHERE own_code='0' AND industry_code='10'"), 757110);
	cr_assert_eq(q("SELECT avg_annual_pay FROM qcew WHERE own_code='0' AND industry_code='10'"),
		     -999);
	pm_import_report_release(&rep);
}

Test(qcew_import, quoted_crlf_layout_with_titles_and_count_columns)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;
	char *t;

	cr_assert_eq(import(PM_SHARED_DATA "/qcew/national/industry_2016_annual_sectors/"
					   "2016.annual 22 NAICS 22 Utilities.csv",
			    false, &rep, &err),
		     PM_OK, "%s", err.msg);
	cr_assert_str_eq(rep.kind, "industry-slice");
	cr_assert_str_eq(rep.first_industry, "22");
	cr_assert_gt(rep.nareas, 1000);
	/* "_count" estab columns of the by-industry files are read. */
	cr_assert_eq(q("SELECT count(*) FROM qcew WHERE estabs IS NULL"), 0);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'reference' AND kind = 'qcew'"), 0);
	t = NULL;
	pm_import_report_release(&rep);
	free(t);
}

Test(qcew_import, lost_leading_zero_is_restored)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;
	const char *f = write_file(
		"resaved.csv",
		"area_fips,own_code,industry_code,agglvl_code,size_code,year,qtr,disclosure_code,"
		"annual_avg_estabs,annual_avg_emplvl,total_annual_wages\n"
		"1001,0,10,70,0,2023,A,,1000,20000,900000000\n"
		"1001,5,10,71,0,2023,A,N,900,0,0\n");

	cr_assert_eq(import(f, false, &rep, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(rep.repaired, 2);
	cr_assert_eq(q("SELECT count(*) FROM qcew WHERE area_fips = '01001'"), 2);
	cr_assert_eq(q("SELECT emplvl FROM qcew WHERE own_code = '5'"), -999);
	pm_import_report_release(&rep);
}

struct bad_case {
	const char *name, *text, *want;
};

Test(qcew_import, bad_files_name_file_line_and_field_and_load_nothing)
{
	static const struct bad_case cases[] = {
		{ "empty.csv", "", "empty file" },
		{ "html.csv", "  <html><body>Not Found</body></html>\n", ":1: an HTML" },
		{ "nokey.csv", "a,b\n1,2\n", ":1: not a QCEW data file: the header lacks column 'area_fips'" },
		{ "both.csv",
		  "area_fips,own_code,industry_code,agglvl_code,size_code,year,qtr,disclosure_code,"
		  "annual_avg_emplvl,month3_emplvl\n",
		  "both of" },
		{ "noagg.csv",
		  "area_fips,own_code,industry_code,agglvl_code,size_code,year,qtr,disclosure_code,"
		  "annual_avg_estabs,annual_avg_emplvl,total_annual_wages\n",
		  ":2: a QCEW header but no data rows" },
		{ "short.csv",
		  "area_fips,own_code,industry_code,agglvl_code,size_code,year,qtr,disclosure_code,"
		  "annual_avg_estabs,annual_avg_emplvl,total_annual_wages\n"
		  "39049,0,10,70,0,2023,A,,10,20,30\n39049,5,10,71,0,2023\n",
		  ":3: expected 11 fields, found 6 (truncated file?)" },
		{ "junk.csv",
		  "area_fips,own_code,industry_code,agglvl_code,size_code,year,qtr,disclosure_code,"
		  "annual_avg_estabs,annual_avg_emplvl,total_annual_wages\n"
		  "39049,0,10,70,0,2023,A,,10,2x0,30\n",
		  ":2: field 'annual_avg_emplvl': '2x0' is not a whole number" },
		{ "neg.csv",
		  "area_fips,own_code,industry_code,agglvl_code,size_code,year,qtr,disclosure_code,"
		  "annual_avg_estabs,annual_avg_emplvl,total_annual_wages\n"
		  "39049,0,10,70,0,2023,A,,10,-5,30\n",
		  "is negative" },
		{ "disc.csv",
		  "area_fips,own_code,industry_code,agglvl_code,size_code,year,qtr,disclosure_code,"
		  "annual_avg_estabs,annual_avg_emplvl,total_annual_wages\n"
		  "39049,0,10,70,0,2023,A,X,10,5,30\n",
		  "field 'disclosure_code': 'X' is not a disclosure code" },
		{ "qtr.csv",
		  "area_fips,own_code,industry_code,agglvl_code,size_code,year,qtr,disclosure_code,"
		  "annual_avg_estabs,annual_avg_emplvl,total_annual_wages\n"
		  "39049,0,10,70,0,2023,2,,10,5,30\n",
		  "is not 'A' in an annual file" },
		{ "ind.csv",
		  "area_fips,own_code,industry_code,agglvl_code,size_code,year,qtr,disclosure_code,"
		  "annual_avg_estabs,annual_avg_emplvl,total_annual_wages\n"
		  "39049,0,ABC,70,0,2023,A,,10,5,30\n",
		  "field 'industry_code': 'ABC' is not an industry code" },
		{ "area.csv",
		  "area_fips,own_code,industry_code,agglvl_code,size_code,year,qtr,disclosure_code,"
		  "annual_avg_estabs,annual_avg_emplvl,total_annual_wages\n"
		  "39-49,0,10,70,0,2023,A,,10,5,30\n",
		  "field 'area_fips': '39-49' is not an area code" },
		{ "quote.csv",
		  "area_fips,own_code,industry_code,agglvl_code,size_code,year,qtr,disclosure_code,"
		  "annual_avg_estabs,annual_avg_emplvl,total_annual_wages\n"
		  "\"39049\",\"0\",\"10\",\"70\",\"0\",\"2023\",\"A\",\"",
		  ":2: input ends inside a quoted field (truncated file?)" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct pm_import_report rep;
		struct pm_err err = PM_ERR_INIT;
		const char *f = write_file(cases[i].name, cases[i].text);

		cr_assert_eq(import(f, false, &rep, &err), PM_EDATA, "%s: %s", cases[i].name,
			     err.msg);
		cr_assert(strstr(err.msg, cases[i].name), "%s: message lacks the file: %s",
			  cases[i].name, err.msg);
		cr_assert(strstr(err.msg, cases[i].want), "%s: got '%s', want '%s'", cases[i].name,
			  err.msg, cases[i].want);
		cr_assert_eq(q("SELECT count(*) FROM qcew"), 0);
		cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source <> 'reference'"), 0);
		pm_import_report_release(&rep);
	}
}

Test(qcew_import, missing_file_is_an_io_error)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(import("/nonexistent/x.csv", false, &rep, &err), PM_EIO);
	cr_assert(strstr(err.msg, "cannot open '/nonexistent/x.csv'"), "%s", err.msg);
	pm_import_report_release(&rep);
}

Test(qcew_import, user_title_tables_load_as_reference_data)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;
	const char *f = write_file("area_titles.csv", "\"area_fips\",\"area_title\"\n"
						      "\"99901\",\"Test County, Nowhere\"\n");

	cr_assert_eq(import(f, false, &rep, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(rep.kind, "area-titles");
	cr_assert_eq(q("SELECT count(*) FROM area WHERE area_fips = '99901' AND area_type = 'county'"),
		     1);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'reference' AND kind = "
		       "'area-titles'"),
		     2);
	pm_import_report_release(&rep);
}
