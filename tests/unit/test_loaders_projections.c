/*
 * Unit tests for the state projections loader (fetch/projections.c): the
 * real California EDD 2023-2033 statewide workbook in the shared data, and
 * Projections Central JSON.
 *
 * There is no real Projections Central response in the shared data: the
 * JSON fixtures in tests/data/projections/ (written by
 * tests/data/make_loader_fixtures.py) follow the documented format of
 * https://public.projectionscentral.org/Projections/LongTermRestJson/{STFIPS}
 * ({"rows": [{"Area", "Title", "Base", "Projected", "Change",
 * "PercentChange", "AvgAnnualOpenings", "STFIPS", "StateURL", "OccCode",
 * "BaseYear", "ProjYear"}]}, numbers as strings with commas) and hold
 * invented numbers, not Ohio's projections.
 */
#include "loaders_fixture.h"

#include "fetch/projections.h"

#define EDD	SHARED "state_projections/edd_long_term_occ_projections_2023-2033.xlsx"
#define PC_PAGE DATA "projections/pc_longterm_39_page0.json"
#define PC_NAT	DATA "projections/pc_national_row.json"
#define PC_BAD	DATA "projections/pc_bad_number.json"
#define EDD_BAD DATA "projections/edd-bad-header.xlsx"

TestSuite(projections, .init = setup, .fini = teardown);

Test(projections, every_california_row_loads)
{
	/* Counted from the sheet: rows below the header in row 4 with a code in column B. */
	long long rows = sheet_rows(EDD, "Occupational", 4, 1, -1, NULL);
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(rows, 793);
	cr_assert_eq(import_with(pm_projections_import, EDD, false, &rep, &err), PM_OK, "%s",
		     err.msg);
	cr_assert_eq(rep.rows, rows);
	cr_assert_eq(rep.year, 2023);
	cr_assert_str_eq(rep.kind, "edd-statewide");
	pm_import_report_release(&rep);
	cr_assert_eq(q("SELECT count(*) FROM projection"), rows);
	cr_assert_eq(q("SELECT count(*) FROM projection WHERE area = '06' AND area_name = "
		       "'California' AND base_year = 2023 AND proj_year = 2033"),
		     rows);
	cr_assert_str_eq(qs("SELECT vintage FROM dataset WHERE source = 'projections'"),
			 "2023-2033 projections");
}

Test(projections, california_registered_nurses_as_published)
{
	import_ok(pm_projections_import, EDD, false);
	/*
	 * Sheet "Occupational", row 322: 29-1141 Registered Nurses, 321,400 in
	 * 2023, 355,200 in 2033, +33,800 (0.10516490354698195 = 10.5%), 98,850
	 * exits, 75,140 transfers, 207,790 openings over the ten years, median
	 * $69.30 an hour and $144,143.79 a year, Bachelor's degree.
	 */
	cr_assert_eq(q("SELECT emp_base FROM projection WHERE soc_code = '29-1141'"), 321400);
	cr_assert_eq(q("SELECT emp_proj FROM projection WHERE soc_code = '29-1141'"), 355200);
	cr_assert_eq(q("SELECT change FROM projection WHERE soc_code = '29-1141'"), 33800);
	cr_assert_float_eq(qd("SELECT change_pct FROM projection WHERE soc_code = '29-1141'"),
			   10.516490354698195, 1e-9);
	cr_assert_eq(q("SELECT exits FROM projection WHERE soc_code = '29-1141'"), 98850);
	cr_assert_eq(q("SELECT transfers FROM projection WHERE soc_code = '29-1141'"), 75140);
	cr_assert_eq(q("SELECT openings FROM projection WHERE soc_code = '29-1141'"), 207790);
	cr_assert_eq(q("SELECT openings_annual FROM projection WHERE soc_code = '29-1141'"), -999);
	cr_assert_float_eq(qd("SELECT median_hourly FROM projection WHERE soc_code = '29-1141'"),
			   69.3, 1e-9);
	cr_assert_eq(q("SELECT median_annual FROM projection WHERE soc_code = '29-1141'"), 144144);
	cr_assert_str_eq(qs("SELECT education FROM projection WHERE soc_code = '29-1141'"),
			 "Bachelor's degree");
	cr_assert_str_eq(qs("SELECT title FROM projection WHERE soc_code = '29-1141'"),
			 "Registered Nurses");
	/* Row 7: Top Executives, wages written $0 (no estimate): NULL. Row 5: "N/A" education. */
	cr_assert_eq(q("SELECT median_hourly FROM projection WHERE soc_code = '11-1000'"), -999);
	cr_assert_eq(q("SELECT median_annual FROM projection WHERE soc_code = '11-1000'"), -999);
	cr_assert_str_eq(qs("SELECT education FROM projection WHERE soc_code = '00-0000'"),
			 "(null)");
	cr_assert_eq(q("SELECT emp_base FROM projection WHERE soc_code = '00-0000'"), 19511500);
}

Test(projections, projections_central_page)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;
	size_t n = 0;

	cr_assert_eq(import_with(pm_projections_import, PC_PAGE, false, &rep, &err), PM_OK, "%s",
		     err.msg);
	cr_assert_eq(rep.rows, 4);
	cr_assert_eq(rep.year, 2022);
	cr_assert_str_eq(rep.kind, "projections-central");
	pm_import_report_release(&rep);
	cr_assert_eq(q("SELECT count(*) FROM projection WHERE area = '39' AND area_name = 'Ohio' "
		       "AND base_year = 2022 AND proj_year = 2032"),
		     4);
	/* "140,000" with its comma; openings are annual and stay annual. */
	cr_assert_eq(q("SELECT emp_base FROM projection WHERE soc_code = '29-1141'"), 140000);
	cr_assert_eq(q("SELECT emp_proj FROM projection WHERE soc_code = '29-1141'"), 150000);
	cr_assert_float_eq(qd("SELECT change_pct FROM projection WHERE soc_code = '29-1141'"), 7.1,
			   1e-9);
	cr_assert_eq(q("SELECT openings_annual FROM projection WHERE soc_code = '29-1141'"), 9000);
	cr_assert_eq(q("SELECT openings FROM projection WHERE soc_code = '29-1141'"), -999);
	cr_assert_eq(q("SELECT exits FROM projection WHERE soc_code = '29-1141'"), -999);
	/* Four rows on a page of 500: it was the last page. */
	cr_assert_eq(pm_projections_page_rows(PC_PAGE, &n, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(n, 4);
	/* California and Ohio live side by side. */
	import_ok(pm_projections_import, EDD, false);
	cr_assert_eq(q("SELECT count(DISTINCT area) FROM projection"), 2);
}

Test(projections, reload_is_idempotent)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	import_ok(pm_projections_import, EDD, false);
	cr_assert_eq(import_with(pm_projections_import, EDD, false, &rep, &err), PM_OK, "%s",
		     err.msg);
	cr_assert(rep.skipped);
	pm_import_report_release(&rep);
	cr_assert_eq(import_ok(pm_projections_import, EDD, true), 793);
	cr_assert_eq(q("SELECT count(*) FROM projection"), 793);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'projections'"), 1);
}

Test(projections, bad_input_is_refused_and_loads_nothing)
{
	static const char *const national[] = {
		"pc_national_row.json: row 3: STFIPS 0 is the national row", "wrong place", NULL
	};
	static const char *const number[] = {
		"pc_bad_number.json: row 3: field 'Base': '1,4x0,000' is not a number", NULL
	};
	static const char *const header[] = { "edd-bad-header.xlsx", "sheet 'Occupational'",
					      "lacks column 'Exits'", NULL };
	static const char *const other[] = { "national_M2025_dl.xlsx",
					     "no sheet with a 'SOC Code' column", NULL };
	static const char *const csv[] = { "ep_matrix_622000.csv", "not state projections", NULL };

	import_ok(pm_projections_import, PC_PAGE, false);
	import_fails(pm_projections_import, PC_NAT, "projection", national);
	import_fails(pm_projections_import, PC_BAD, "projection", number);
	import_fails(pm_projections_import, EDD_BAD, "projection", header);
	import_fails(pm_projections_import, SHARED "oews/national_M2025_dl.xlsx", "projection",
		     other);
	import_fails(pm_projections_import, DATA "staffing/ep_matrix_622000.csv", "projection",
		     csv);
}

Test(projections, fetch_specs_pages_and_validation)
{
	struct pm_fetch_spec s, r;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(pm_projections_spec(&s, "OH", 2, 500, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(s.url, "https://public.projectionscentral.org/Projections/"
				"LongTermRestJson/39?items_per_page=500&page=2");
	cr_assert_str_eq(s.file_name, "longterm-39-page2.json");
	cr_assert_str_eq(s.code, "39");
	cr_assert_eq(pm_projections_respec(s.request, &r, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(r.url, s.url);
	pm_fetch_spec_release(&r);
	cr_assert_eq(pm_projections_validate(&s, PC_PAGE, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_projections_validate(&s, PC_NAT, &err), PM_EDATA);
	cr_assert(strstr(err.msg, "national row"), "%s", err.msg);
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_projections_spec(&s, "6", 0, PM_PROJECTIONS_PAGE_SIZE, &err), PM_OK);
	cr_assert_str_eq(s.code, "06");
	cr_assert_eq(pm_projections_validate(&s, PC_PAGE, &err), PM_EDATA);
	cr_assert(strstr(err.msg, "not 06"), "%s", err.msg);
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_projections_spec(&s, "XX", 0, 500, &err), PM_EUSAGE);
	cr_assert_eq(pm_projections_spec(&s, "39", -1, 500, &err), PM_EUSAGE);
}
