/*
 * Unit tests for the staffing-pattern loader (fetch/staffing.c).
 *
 * No staffing file is in the shared data (occupation.xlsx Tables 1.8 and
 * 1.9 only link to the National Employment Matrix tool), so these run on
 * LAYOUT fixtures in tests/data/staffing/ (see the README there and
 * tests/data/make_loader_fixtures.py): the published column names and
 * title rows with invented numbers. The OEWS industry fixture doubles as
 * the test of staffing derived from OEWS.
 */
#include "loaders_fixture.h"

#include "fetch/ep.h"
#include "fetch/staffing.h"

#define MATRIX_CSV  DATA "staffing/ep_matrix_622000.csv"
#define MATRIX_XLSX DATA "staffing/ep_matrix_TE1000.xlsx"
#define IN4	    DATA "staffing/nat4d_M2024_dl.xlsx"
#define IN4_ZIP	    DATA "staffing/oesm24in4.zip"

TestSuite(staffing, .init = setup, .fini = teardown);

Test(staffing, matrix_csv_loads_persons_and_shares)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(import_with(pm_staffing_import, MATRIX_CSV, false, &rep, &err), PM_OK, "%s",
		     err.msg);
	cr_assert_eq(rep.rows, 5);
	cr_assert_eq(rep.year, 2024);
	cr_assert_str_eq(rep.kind, "ep-matrix");
	pm_import_report_release(&rep);
	cr_assert_eq(q("SELECT count(*) FROM staffing WHERE industry = '622000' AND year = 2024 "
		       "AND source = 'ep-matrix'"),
		     5);
	/* 1500.0 thousand, 30.0 percent of the industry. */
	cr_assert_eq(q("SELECT employment FROM staffing WHERE soc_code = '29-1141'"), 1500000);
	cr_assert_float_eq(qd("SELECT share FROM staffing WHERE soc_code = '29-1141'"), 0.30,
			   1e-12);
	/* 100.5 thousand, 2.01 percent. */
	cr_assert_eq(q("SELECT employment FROM staffing WHERE soc_code = '43-6013'"), 100500);
	cr_assert_float_eq(qd("SELECT share FROM staffing WHERE soc_code = '43-6013'"), 0.0201,
			   1e-12);
	/* Summary rows load too. */
	cr_assert_float_eq(qd("SELECT share FROM staffing WHERE soc_code = '00-0000'"), 1.0, 1e-12);
}

Test(staffing, matrix_industries_defer_to_ep_table_1_9)
{
	import_ok(pm_staffing_import, MATRIX_CSV, false);
	cr_assert_str_eq(qs("SELECT title FROM staffing_industry WHERE code = '622000' AND source "
			    "= 'ep-matrix'"),
			 "Hospitals; public and private");
	cr_assert_str_eq(qs("SELECT naics FROM staffing_industry WHERE code = '622000'"), "(null)");
	/* occupation.xlsx Table 1.9 describes 622000 with its NAICS and takes the row... */
	import_ok(pm_ep_import, SHARED "bls_ep/occupation.xlsx", false);
	cr_assert_str_eq(qs("SELECT naics FROM staffing_industry WHERE code = '622000'"), "622000");
	cr_assert_str_eq(qs("SELECT d.source FROM staffing_industry i JOIN dataset d ON d.id = "
			    "i.dataset_id WHERE i.code = '622000'"),
			 "ep");
	/* ...and keeps it when the matrix export is loaded again. */
	import_ok(pm_staffing_import, MATRIX_CSV, true);
	cr_assert_str_eq(qs("SELECT naics FROM staffing_industry WHERE code = '622000'"), "622000");
	cr_assert_str_eq(qs("SELECT ind_type FROM staffing_industry WHERE code = '622000'"),
			 "Summary");
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'staffing'"), 1);
	cr_assert_eq(q("SELECT count(*) FROM staffing"), 5);
}

Test(staffing, matrix_xlsx_keeps_matrix_codes)
{
	cr_assert_eq(import_ok(pm_staffing_import, MATRIX_XLSX, false), 3);
	cr_assert_eq(q("SELECT count(*) FROM staffing WHERE industry = 'TE1000'"), 3);
	/* 309.39999999999998 thousand is 309,400 persons. */
	cr_assert_eq(q("SELECT employment FROM staffing WHERE soc_code = '11-1011'"), 309400);
	cr_assert_eq(q("SELECT employment FROM staffing WHERE soc_code = '00-0000'"), 169956100);
	import_ok(pm_staffing_import, MATRIX_CSV, false);
	cr_assert_eq(q("SELECT count(DISTINCT industry) FROM staffing"), 2);
}

Test(staffing, oews_industry_files_are_handed_to_the_oews_loader)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(import_with(pm_staffing_import, IN4_ZIP, false, &rep, &err), PM_OK, "%s",
		     err.msg);
	cr_assert_eq(rep.rows, 7);
	cr_assert_str_eq(rep.kind, "national-industry");
	pm_import_report_release(&rep);
	cr_assert_str_eq(qs("SELECT source FROM dataset WHERE id = (SELECT max(id) FROM dataset)"),
			 "oews");
	cr_assert_eq(q("SELECT count(*) FROM oews"), 7);
	cr_assert_eq(q("SELECT count(*) FROM staffing WHERE source = 'oews-industry'"), 3);
	/* Same for the bare workbook (skipped: the same rows are loaded). */
	import_ok(pm_staffing_import, IN4, false);
	cr_assert_eq(q("SELECT count(*) FROM staffing"), 3);
}

Test(staffing, derived_shares_use_the_largest_copy_of_an_industry)
{
	import_ok(pm_staffing_import, IN4, false);
	cr_assert_eq(q("SELECT count(*) FROM staffing WHERE industry = '622000'"), 2);
	cr_assert_float_eq(qd("SELECT share FROM staffing WHERE industry = '622000' AND soc_code "
			      "= '31-1131'"),
			   0.06, 1e-12);
	/* The industries, with OEWS's titles. */
	cr_assert_eq(q("SELECT count(*) FROM staffing_industry WHERE source = 'oews-industry'"), 2);
	cr_assert_str_eq(qs("SELECT title FROM staffing_industry WHERE code = '622000'"),
			 "Hospitals");
	/* Employment "**": no employment, no share. */
	cr_assert_eq(q("SELECT employment FROM staffing WHERE industry = '3250A1'"), -999);
	cr_assert_eq(q("SELECT share FROM staffing WHERE industry = '3250A1'"), -999);
	/* Deriving again replaces, never doubles. */
	cr_assert_eq(pm_store_begin(st, NULL), PM_OK);
	cr_assert_eq(pm_staffing_derive_oews(st, q("SELECT id FROM dataset WHERE source = 'oews'"),
					     NULL),
		     PM_OK);
	cr_assert_eq(pm_store_commit(st, NULL), PM_OK);
	cr_assert_eq(q("SELECT count(*) FROM staffing"), 3);
}

Test(staffing, reload_is_idempotent)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	import_ok(pm_staffing_import, MATRIX_CSV, false);
	cr_assert_eq(import_with(pm_staffing_import, MATRIX_CSV, false, &rep, &err), PM_OK, "%s",
		     err.msg);
	cr_assert(rep.skipped);
	pm_import_report_release(&rep);
	cr_assert_eq(import_ok(pm_staffing_import, MATRIX_CSV, true), 5);
	cr_assert_eq(q("SELECT count(*) FROM staffing"), 5);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'staffing'"), 1);
}

Test(staffing, strict_about_the_table_it_reads)
{
	static const char *const header[] = { "ep_matrix_bad_header.csv",
					      "not a National Employment Matrix table",
					      "lacks column 'Industry Code'", NULL };
	static const char *const dup[] = {
		"ep_matrix_duplicate.csv:7: industry 622000, occupation 29-1141 appears twice", NULL
	};
	static const char *const ep[] = { "occupation.xlsx",
					  "not a National Employment Matrix table", NULL };
	static const char *const json[] = { "pc_longterm_39_page0.json",
					    "not a National Employment Matrix table", NULL };

	import_ok(pm_staffing_import, MATRIX_XLSX, false);
	import_fails(pm_staffing_import, DATA "staffing/ep_matrix_bad_header.csv", "staffing",
		     header);
	import_fails(pm_staffing_import, DATA "staffing/ep_matrix_duplicate.csv", "staffing", dup);
	import_fails(pm_staffing_import, SHARED "bls_ep/occupation.xlsx", "staffing", ep);
	import_fails(pm_staffing_import, DATA "projections/pc_longterm_39_page0.json", "staffing",
		     json);
}
