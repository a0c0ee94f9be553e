/*
 * Unit tests for the OEWS loader (fetch/oews.c) on the real May 2025
 * national file in the shared data, plus fixtures from
 * tests/data/make_loader_fixtures.py: an industry (nat4d) workbook and its
 * zip with the sentinels the national file lacks ("#", "**", "~"; layout
 * fixtures, invented numbers), and malformed workbooks.
 */
#include "loaders_fixture.h"

#include "fetch/oews.h"

#define NATIONAL SHARED "oews/national_M2025_dl.xlsx"
#define IN4	 DATA "staffing/nat4d_M2024_dl.xlsx"
#define IN4_ZIP	 DATA "staffing/oesm24in4.zip"

TestSuite(oews, .init = setup, .fini = teardown);

Test(oews, every_national_row_loads)
{
	/* Counted from the sheet: the rows below the header in row 1 (column I = OCC_CODE). */
	long long rows = sheet_rows(NATIONAL, "national_M2025_dl", 1, 8, -1, NULL);
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(rows, 1401);
	cr_assert_eq(import_with(pm_oews_import, NATIONAL, false, &rep, &err), PM_OK, "%s",
		     err.msg);
	cr_assert_eq(rep.rows, rows);
	cr_assert_eq(rep.year, 2025);
	cr_assert_str_eq(rep.kind, "national");
	cr_assert_eq(rep.suppressed, 0);
	pm_import_report_release(&rep);
	cr_assert_eq(q("SELECT count(*) FROM oews"), rows);
	cr_assert_eq(q("SELECT count(*) FROM oews WHERE area = '99' AND naics = '000000' AND "
		       "own_code = '1235' AND year = 2025"),
		     rows);
	cr_assert_str_eq(qs("SELECT vintage FROM dataset WHERE source = 'oews'"), "May 2025");
	/* OEWS lists an occupation aggregated to its broad group twice: both load. */
	cr_assert_eq(q("SELECT count(*) FROM oews WHERE occ_code = '13-1020'"), 2);
	cr_assert_str_eq(qs("SELECT group_concat(o_group, ',') FROM (SELECT o_group FROM oews "
			    "WHERE occ_code = '13-1020' ORDER BY 1)"),
			 "broad,detailed");
	/* Nothing national-by-industry here, so no staffing rows. */
	cr_assert_eq(q("SELECT count(*) FROM staffing"), 0);
}

Test(oews, registered_nurses_as_published)
{
	import_ok(pm_oews_import, NATIONAL, false);
	/*
	 * national_M2025_dl.xlsx, sheet national_M2025_dl, row 540: 29-1141
	 * Registered Nurses, TOT_EMP 3,379,720, H_MEAN 48.76, A_MEAN 101,420,
	 * H_MEDIAN 46.9, A_MEDIAN 97,550, A_PCT90 137,470.
	 */
	cr_assert_eq(q("SELECT tot_emp FROM oews WHERE occ_code = '29-1141'"), 3379720);
	cr_assert_eq(q("SELECT a_median FROM oews WHERE occ_code = '29-1141'"), 97550);
	cr_assert_eq(q("SELECT a_mean FROM oews WHERE occ_code = '29-1141'"), 101420);
	cr_assert_eq(q("SELECT a_pct90 FROM oews WHERE occ_code = '29-1141'"), 137470);
	cr_assert_float_eq(qd("SELECT h_median FROM oews WHERE occ_code = '29-1141'"), 46.9, 1e-9);
	cr_assert_float_eq(qd("SELECT h_mean FROM oews WHERE occ_code = '29-1141'"), 48.76, 1e-9);
	cr_assert_str_eq(qs("SELECT occ_title FROM oews WHERE occ_code = '29-1141'"),
			 "Registered Nurses");
	cr_assert_str_eq(qs("SELECT flags FROM oews WHERE occ_code = '29-1141'"), "(null)");
	/* Row 2: all occupations, 155,495,730. */
	cr_assert_eq(q("SELECT tot_emp FROM oews WHERE occ_code = '00-0000'"), 155495730);
}

Test(oews, sentinels_are_null_and_flagged)
{
	import_ok(pm_oews_import, NATIONAL, false);
	/*
	 * Row 45: 11-9032 Education Administrators, K-12, publishes annual wages
	 * only: every hourly column is "*" and ANNUAL is TRUE.
	 */
	cr_assert_str_eq(qs("SELECT flags FROM oews WHERE occ_code = '11-9032'"),
			 "H_MEAN=*;H_PCT10=*;H_PCT25=*;H_MEDIAN=*;H_PCT75=*;H_PCT90=*");
	cr_assert_eq(q("SELECT h_mean FROM oews WHERE occ_code = '11-9032'"), -999);
	cr_assert_eq(q("SELECT h_median FROM oews WHERE occ_code = '11-9032'"), -999);
	cr_assert_eq(q("SELECT a_median FROM oews WHERE occ_code = '11-9032'"), 105870);
	cr_assert_eq(q("SELECT annual_only FROM oews WHERE occ_code = '11-9032'"), 1);
	/* Row 465: 27-2011 Actors, hourly wages only: the annual columns are "*". */
	cr_assert(strstr(qs("SELECT flags FROM oews WHERE occ_code = '27-2011'"), "A_MEDIAN=*"));
	cr_assert_eq(q("SELECT a_median FROM oews WHERE occ_code = '27-2011'"), -999);
	cr_assert_eq(q("SELECT hourly_only FROM oews WHERE occ_code = '27-2011'"), 1);
	/* 81 annual-only and 7 hourly-only occupations; every flagged value is NULL. */
	cr_assert_eq(q("SELECT count(*) FROM oews WHERE flags LIKE '%H_MEDIAN=*%'"), 81);
	cr_assert_eq(q("SELECT count(*) FROM oews WHERE flags LIKE '%A_MEDIAN=*%'"), 7);
	cr_assert_eq(q("SELECT count(*) FROM oews WHERE annual_only = 1"), 81);
	cr_assert_eq(q("SELECT count(*) FROM oews WHERE (flags LIKE '%H_MEAN=%' AND h_mean IS NOT "
		       "NULL) OR (flags LIKE '%A_PCT90=%' AND a_pct90 IS NOT NULL)"),
		     0);
}

Test(oews, industry_file_sentinels_and_staffing)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(import_with(pm_oews_import, IN4, false, &rep, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(rep.rows, 7);
	cr_assert_eq(rep.year, 2024);
	cr_assert_str_eq(rep.kind, "national-industry");
	cr_assert_eq(rep.suppressed, 1);
	pm_import_report_release(&rep);
	/* "#": top-coded wages. */
	cr_assert_str_eq(qs("SELECT flags FROM oews WHERE occ_code = '29-1141' AND i_group = "
			    "'3-digit'"),
			 "H_PCT90=#;A_PCT90=#");
	cr_assert_eq(q("SELECT a_pct90 FROM oews WHERE occ_code = '29-1141' AND i_group = "
		       "'3-digit'"),
		     -999);
	/* "**" employment not available, "~" under 0.5% of establishments report it. */
	cr_assert_str_eq(qs("SELECT flags FROM oews WHERE occ_code = '51-9011'"),
			 "TOT_EMP=**;PCT_TOTAL=**;PCT_RPT=~");
	cr_assert_eq(q("SELECT tot_emp FROM oews WHERE occ_code = '51-9011'"), -999);
	cr_assert_eq(q("SELECT pct_rpt FROM oews WHERE occ_code = '51-9011'"), -999);
	cr_assert_eq(q("SELECT a_mean FROM oews WHERE occ_code = '51-9011'"), 62400);
	cr_assert_str_eq(qs("SELECT naics FROM oews WHERE occ_code = '51-9011'"), "3250A1");
	cr_assert_str_eq(qs("SELECT own_code FROM oews WHERE occ_code = '51-9011'"), "5");
	/* The industry published at 3 and 4 digits loads twice... */
	cr_assert_eq(q("SELECT count(*) FROM oews WHERE naics = '622000' AND occ_code = "
		       "'29-1141'"),
		     2);
	/* ...and gives one staffing pattern: share of the industry's 00-0000 total. */
	cr_assert_eq(q("SELECT count(*) FROM staffing WHERE source = 'oews-industry'"), 3);
	cr_assert_eq(q("SELECT employment FROM staffing WHERE industry = '622000' AND soc_code = "
		       "'29-1141'"),
		     1800000);
	cr_assert_float_eq(qd("SELECT share FROM staffing WHERE industry = '622000' AND soc_code = "
			      "'29-1141'"),
			   0.36, 1e-12);
	cr_assert_eq(q("SELECT share FROM staffing WHERE soc_code = '51-9011'"), -999);
	cr_assert_eq(q("SELECT count(*) FROM staffing WHERE dataset_id <> (SELECT id FROM dataset "
		       "WHERE source = 'oews')"),
		     0);
}

Test(oews, release_zip_loads_its_workbooks)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(import_with(pm_oews_import, IN4_ZIP, false, &rep, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(rep.rows, 7);
	cr_assert_eq(rep.year, 2024);
	/* field_descriptions.xlsx has no OCC_CODE sheet and is passed over. */
	cr_assert_str_eq(rep.members, "oesm24in4/nat4d_M2024_dl.xlsx");
	cr_assert_str_eq(qs("SELECT member FROM dataset WHERE source = 'oews'"),
			 "oesm24in4/nat4d_M2024_dl.xlsx");
	pm_import_report_release(&rep);
	cr_assert_eq(q("SELECT count(*) FROM staffing"), 3);
}

Test(oews, reload_is_idempotent)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	import_ok(pm_oews_import, NATIONAL, false);
	cr_assert_eq(import_with(pm_oews_import, NATIONAL, false, &rep, &err), PM_OK, "%s",
		     err.msg);
	cr_assert(rep.skipped);
	pm_import_report_release(&rep);
	cr_assert_eq(import_ok(pm_oews_import, NATIONAL, true), 1401);
	cr_assert_eq(q("SELECT count(*) FROM oews"), 1401);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'oews'"), 1);
}

Test(oews, malformed_files_name_file_sheet_row_and_field_and_load_nothing)
{
	static const char *const number[] = {
		"bad-number_M2025_dl.xlsx:national_M2025_dl:3: field 'TOT_EMP': '12O4' is not a "
		"number",
		NULL
	};
	static const char *const header[] = { "no-occ-code_M2025_dl.xlsx", "not an OEWS workbook",
					      NULL };
	static const char *const undated[] = { "undated.xlsx", "cannot tell the OEWS year", NULL };
	static const char *const other[] = { "occupation.xlsx", "not an OEWS workbook", NULL };
	static const char *const json[] = { "pc_longterm_39_page0.json", NULL };

	import_ok(pm_oews_import, IN4, false);
	import_fails(pm_oews_import, DATA "oews/bad-number_M2025_dl.xlsx", "oews", number);
	import_fails(pm_oews_import, DATA "oews/no-occ-code_M2025_dl.xlsx", "oews", header);
	import_fails(pm_oews_import, DATA "oews/undated.xlsx", "oews", undated);
	import_fails(pm_oews_import, SHARED "bls_ep/occupation.xlsx", "oews", other);
	import_fails(pm_oews_import, DATA "projections/pc_longterm_39_page0.json", "oews", json);
	cr_assert_eq(q("SELECT count(*) FROM staffing"), 3);
}

Test(oews, years_from_published_names)
{
	cr_assert_eq(pm_oews_year_of_name("national_M2025_dl.xlsx"), 2025);
	cr_assert_eq(pm_oews_year_of_name("oesm24nat.zip"), 2024);
	cr_assert_eq(pm_oews_year_of_name("OESM19ST.ZIP"), 2019);
	cr_assert_eq(pm_oews_year_of_name("MSA_M2023_dl.xlsx"), 2023);
	cr_assert_eq(pm_oews_year_of_name("all_data_M_2024.xlsx"), 2024);
	cr_assert_eq(pm_oews_year_of_name("national.xlsx"), 0);
	cr_assert_eq(pm_oews_year_of_name("HM2025"), 0);
}

Test(oews, fetch_specs_and_validation)
{
	struct pm_fetch_spec s, r;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(pm_oews_spec(&s, 2025, "nat", &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(s.url, "https://www.bls.gov/oes/special-requests/oesm25nat.zip");
	cr_assert(s.src && s.src->needs_contact);
	cr_assert_eq(pm_oews_respec(s.request, &r, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(r.url, s.url);
	cr_assert_eq(r.year, 2025);
	pm_fetch_spec_release(&r);
	/* The xlsx itself is not the zip asked for. */
	cr_assert_eq(pm_oews_validate(&s, NATIONAL, &err), PM_EDATA);
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_oews_spec(&s, 2024, "in4", &err), PM_OK);
	cr_assert_str_eq(s.url, "https://www.bls.gov/oes/special-requests/oesm24in4.zip");
	cr_assert_eq(pm_oews_validate(&s, IN4_ZIP, &err), PM_OK, "%s", err.msg);
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_oews_spec(&s, 2023, "in4", &err), PM_OK);
	cr_assert_eq(pm_oews_validate(&s, IN4_ZIP, &err), PM_EDATA);
	cr_assert(strstr(err.msg, "asked for May 2023, the file holds May 2024"), "%s", err.msg);
	cr_assert_eq(pm_oews_validate(&s, DATA "projections/pc_longterm_39_page0.json", &err),
		     PM_EDATA);
	cr_assert(strstr(err.msg, "not a zip archive"), "%s", err.msg);
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_oews_spec(&s, 2025, "all", &err), PM_EUSAGE);
	cr_assert_eq(pm_oews_spec(&s, 1999, "nat", &err), PM_EUSAGE);
}
