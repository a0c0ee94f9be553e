/*
 * Unit tests for the BLS Employment Projections loader (fetch/ep.c) on the
 * real occupation.xlsx and education.xlsx in the shared data (2024-34
 * projections, 2025 release), plus malformed fixtures from
 * tests/data/make_loader_fixtures.py. Also the exact decimal reading of
 * fetch/sheet.c the loaders share.
 */
#include "loaders_fixture.h"

#include "fetch/ep.h"
#include "fetch/sheet.h"

#define OCCUPATION SHARED "bls_ep/occupation.xlsx"
#define EDUCATION  SHARED "bls_ep/education.xlsx"

TestSuite(ep, .init = setup, .fini = teardown);

Test(ep, decimals_scale_exactly_without_floating_point)
{
	static const struct {
		const char *text;
		int scale;
		long long want;
	} cases[] = {
		{ "309.39999999999998", 3, 309400 }, /* xlsx's double text for 309.4 */
		{ "3391", 3, 3391000 },
		{ "4228.1000000000004", 3, 4228100 },
		{ "-32.200000000000003", 3, -32200 },
		{ "0.05", 3, 50 },
		{ "1.0000000000000001E-2", 3, 10 },
		{ "8.8122389360120956E-2", 0, 0 },
		{ "58296.52", 0, 58297 },
		{ "58296.49", 0, 58296 },
		{ "0.00006", 3, 0 },
		{ "0.0006", 3, 1 },
		{ "169956.1", 3, 169956100 },
		{ "2E3", 0, 2000 },
		{ " 12 ", 0, 12 },
	};
	static const char *const junk[] = { "",
					    "-",
					    ".",
					    "12O4",
					    "1,234",
					    "3x91",
					    "1e",
					    "1e+",
					    "--1",
					    "1.2.3",
					    "99999999999999999999" };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t v = -7;

		cr_assert_eq(pm_sheet_scaled_i64(cases[i].text, strlen(cases[i].text),
						 cases[i].scale, &v),
			     0, "%s", cases[i].text);
		cr_assert_eq(v, cases[i].want, "%s: got %lld, want %lld", cases[i].text,
			     (long long)v, cases[i].want);
	}
	for (i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		int64_t v;

		cr_assert_neq(pm_sheet_scaled_i64(junk[i], strlen(junk[i]), 0, &v), 0, "'%s'",
			      junk[i]);
	}
}

Test(ep, column_names_match_without_markers_and_breaks)
{
	char *n = pm_sheet_colname("Exits\n[7]");
	int year = 0;

	cr_assert_str_eq(n, "exits");
	free(n);
	n = pm_sheet_colname("  Median annual wage, dollars, 2024[1] ");
	cr_assert_str_eq(n, "median annual wage, dollars, 2024");
	free(n);
	cr_assert(pm_sheet_name_is("2024 national employment matrix code",
				   "national employment matrix code", &year));
	cr_assert_eq(year, 2024);
	cr_assert(!pm_sheet_name_is("national employment matrix codes",
				    "national employment matrix code", NULL));
	n = pm_sheet_title("      Chief executives[1]");
	cr_assert_str_eq(n, "Chief executives");
	free(n);
}

Test(ep, every_table_1_2_occupation_loads)
{
	/* Counted from the sheet itself: data rows below the header in row 2. */
	long long lines = sheet_rows(OCCUPATION, "Table 1.2", 2, 1, 2, "Line item");
	long long summaries = sheet_rows(OCCUPATION, "Table 1.2", 2, 1, 2, "Summary");
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(lines, 832);
	cr_assert_eq(summaries, 281);
	cr_assert_eq(import_with(pm_ep_import, OCCUPATION, false, &rep, &err), PM_OK, "%s",
		     err.msg);
	cr_assert_eq(rep.rows, lines + summaries);
	cr_assert_str_eq(rep.kind, "occupation");
	cr_assert_eq(rep.year, 2024);
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation"), lines + summaries);
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation WHERE occ_type = 'Line item'"), lines);
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation WHERE occ_type = 'Summary'"), summaries);
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation WHERE base_year = 2024 AND proj_year = "
		       "2034"),
		     lines + summaries);
	/* Table 1.10 has the same rows and filled every one. */
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation WHERE exit_rate IS NULL OR exits IS "
		       "NULL"),
		     0);
	cr_assert_str_eq(qs("SELECT vintage FROM dataset WHERE source = 'ep'"),
			 "2024-2034 projections");
	pm_import_report_release(&rep);
}

Test(ep, registered_nurses_as_published)
{
	import_ok(pm_ep_import, OCCUPATION, false);
	/*
	 * occupation.xlsx, sheet "Table 1.2", row 438: Registered nurses, 29-1141,
	 * Line item, 3391 / 3557.1 thousand, change 166.1 (4.9%), 0.5% self
	 * employed, 189.1 thousand openings a year, median wage $93,600,
	 * Bachelor's degree, no experience, no on-the-job training.
	 */
	cr_assert_str_eq(qs("SELECT title FROM ep_occupation WHERE soc_code = '29-1141'"),
			 "Registered nurses");
	cr_assert_eq(q("SELECT emp_base FROM ep_occupation WHERE soc_code = '29-1141'"), 3391000);
	cr_assert_eq(q("SELECT emp_proj FROM ep_occupation WHERE soc_code = '29-1141'"), 3557100);
	cr_assert_eq(q("SELECT change FROM ep_occupation WHERE soc_code = '29-1141'"), 166100);
	cr_assert_float_eq(qd("SELECT change_pct FROM ep_occupation WHERE soc_code = '29-1141'"),
			   4.9, 1e-9);
	cr_assert_float_eq(qd("SELECT self_emp_pct FROM ep_occupation WHERE soc_code = '29-1141'"),
			   0.5, 1e-9);
	cr_assert_eq(q("SELECT openings FROM ep_occupation WHERE soc_code = '29-1141'"), 189100);
	cr_assert_eq(q("SELECT median_wage FROM ep_occupation WHERE soc_code = '29-1141'"), 93600);
	cr_assert_str_eq(qs("SELECT education FROM ep_occupation WHERE soc_code = '29-1141'"),
			 "Bachelor's degree");
	cr_assert_str_eq(qs("SELECT experience FROM ep_occupation WHERE soc_code = '29-1141'"),
			 "None");
	cr_assert_str_eq(qs("SELECT ojt FROM ep_occupation WHERE soc_code = '29-1141'"), "None");
	/*
	 * Sheet "Table 1.10", row 438: exit rate 2.8, transfer rate 2.1,
	 * separations rate 5 (percent a year); 97.9, 74.6 and 172.4 thousand a year.
	 */
	cr_assert_float_eq(qd("SELECT exit_rate FROM ep_occupation WHERE soc_code = '29-1141'"),
			   2.8, 1e-9);
	cr_assert_float_eq(qd("SELECT transfer_rate FROM ep_occupation WHERE soc_code = '29-1141'"),
			   2.1, 1e-9);
	cr_assert_float_eq(
		qd("SELECT separation_rate FROM ep_occupation WHERE soc_code = '29-1141'"), 5.0,
		1e-9);
	cr_assert_eq(q("SELECT exits FROM ep_occupation WHERE soc_code = '29-1141'"), 97900);
	cr_assert_eq(q("SELECT transfers FROM ep_occupation WHERE soc_code = '29-1141'"), 74600);
	cr_assert_eq(q("SELECT separations FROM ep_occupation WHERE soc_code = '29-1141'"), 172400);
	/* Row 6: chief executives, 309.4 thousand, stored as "309.39999999999998". */
	cr_assert_eq(q("SELECT emp_base FROM ep_occupation WHERE soc_code = '11-1011'"), 309400);
	/* Row 3: the total, 169,956.1 thousand. */
	cr_assert_eq(q("SELECT emp_base FROM ep_occupation WHERE soc_code = '00-0000'"), 169956100);
	cr_assert_str_eq(qs("SELECT education FROM ep_occupation WHERE soc_code = '00-0000'"),
			 "(null)");
}

Test(ep, table_1_9_describes_the_matrix_industries)
{
	import_ok(pm_ep_import, OCCUPATION, false);
	/* Sheet "Table 1.9": 423 industries in rows 3-425. */
	cr_assert_eq(q("SELECT count(*) FROM staffing_industry WHERE source = 'ep-matrix'"), 423);
	/* Row 10: Forestry, 1131-2, Line item, NAICS 113100-3200. */
	cr_assert_str_eq(qs("SELECT naics FROM staffing_industry WHERE code = '1131-2'"),
			 "113100-3200");
	cr_assert_str_eq(qs("SELECT title FROM staffing_industry WHERE code = '1131-2'"),
			 "Forestry");
	cr_assert_str_eq(qs("SELECT ind_type FROM staffing_industry WHERE code = '1131-2'"),
			 "Line item");
	/* Row 3: the total has no NAICS ("—"). */
	cr_assert_str_eq(qs("SELECT naics FROM staffing_industry WHERE code = 'TE1000'"), "(null)");
	cr_assert_str_eq(qs("SELECT ind_type FROM staffing_industry WHERE code = 'TE1000'"),
			 "Summary");
	/* A forced reload moves them to the new dataset; the old one goes. */
	import_ok(pm_ep_import, OCCUPATION, true);
	cr_assert_eq(q("SELECT count(DISTINCT dataset_id) FROM staffing_industry"), 1);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'ep'"), 1);
}

Test(ep, wages_that_are_not_numbers_keep_their_mark)
{
	import_ok(pm_ep_import, OCCUPATION, false);
	/* Table 1.2 has 19 top-coded wages (">=$239,200") and 9 not available ("—"). */
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation WHERE median_wage_flag = '>=$239,200'"),
		     19);
	cr_assert_eq(
		q("SELECT count(*) FROM ep_occupation WHERE median_wage_flag = '\xE2\x80\x94'"), 9);
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation WHERE median_wage_flag IS NOT NULL AND "
		       "median_wage IS NOT NULL"),
		     0);
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation WHERE median_wage IS NULL"), 28);
	/* "—" in a number column is NULL: 219 self-employment percents. */
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation WHERE self_emp_pct IS NULL"), 219);
}

Test(ep, education_alone_fills_entry_education_then_table_1_2_takes_over)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(import_with(pm_ep_import, EDUCATION, false, &rep, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(rep.kind, "education");
	cr_assert_eq(rep.year, 2024);
	pm_import_report_release(&rep);
	/* Table 5.3: 833 occupations (with the total) x 7 levels; Table 5.4: 832. */
	cr_assert_eq(q("SELECT count(*) FROM ep_attainment"),
		     sheet_rows(EDUCATION, "Table 5.3", 2, 1, -1, NULL) * 7);
	cr_assert_eq(q("SELECT count(DISTINCT soc_code) FROM ep_attainment"), 833);
	cr_assert_float_eq(qd("SELECT pct FROM ep_attainment WHERE soc_code = '29-1141' AND level "
			      "= 'Bachelor''s degree'"),
			   54.4, 1e-9);
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation"),
		     sheet_rows(EDUCATION, "Table 5.4", 2, 1, -1, NULL));
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation WHERE proj_year IS NULL"), 832);
	cr_assert_str_eq(qs("SELECT education FROM ep_occupation WHERE soc_code = '29-1141'"),
			 "Bachelor's degree");
	/* Table 1.2 then owns the rows; education's attainment rows stay. */
	import_ok(pm_ep_import, OCCUPATION, false);
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation WHERE proj_year IS NULL"), 0);
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation"), 1113);
	cr_assert_str_eq(qs("SELECT d.kind FROM ep_occupation o JOIN dataset d ON d.id = "
			    "o.dataset_id WHERE o.soc_code = '29-1141'"),
			 "occupation");
	cr_assert_eq(q("SELECT count(*) FROM ep_attainment"), 833 * 7);
	/* Loading education.xlsx again changes nothing Table 1.2 set. */
	import_ok(pm_ep_import, EDUCATION, true);
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation WHERE proj_year IS NULL"), 0);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'ep'"), 2);
}

Test(ep, reload_is_idempotent)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	import_ok(pm_ep_import, OCCUPATION, false);
	cr_assert_eq(import_with(pm_ep_import, OCCUPATION, false, &rep, &err), PM_OK, "%s",
		     err.msg);
	cr_assert(rep.skipped);
	pm_import_report_release(&rep);
	cr_assert_eq(import_ok(pm_ep_import, OCCUPATION, true), 1113);
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation"), 1113);
	/* The forced reload took the rows over; the first dataset is gone. */
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'ep'"), 1);
	cr_assert_eq(q("SELECT count(*) FROM ep_occupation WHERE dataset_id <> (SELECT max(id) "
		       "FROM dataset)"),
		     0);
}

Test(ep, malformed_tables_name_file_sheet_row_and_field_and_load_nothing)
{
	static const char *const header[] = { "bad-header.xlsx", "sheet 'Table 1.2'",
					      "lacks column 'Occupation type'", NULL };
	static const char *const number[] = { "bad-number.xlsx:Table 1.2:4: field 'Employment, "
					      "2024': '3x91' is not a number",
					      NULL };
	static const char *const other[] = { "national_M2025_dl.xlsx",
					     "not a BLS Employment Projections", NULL };

	import_ok(pm_ep_import, EDUCATION, false);
	import_fails(pm_ep_import, DATA "ep/bad-header.xlsx", "ep_occupation", header);
	import_fails(pm_ep_import, DATA "ep/bad-number.xlsx", "ep_occupation", number);
	import_fails(pm_ep_import, SHARED "oews/national_M2025_dl.xlsx", "ep_occupation", other);
}

Test(ep, fetch_specs_and_validation)
{
	struct pm_fetch_spec s, r;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(pm_ep_spec(&s, "occupation", &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(s.url, "https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx");
	cr_assert(s.src && s.src->needs_contact);
	cr_assert_eq(pm_ep_respec(s.request, &r, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(r.url, s.url);
	cr_assert_eq(pm_ep_validate(&s, OCCUPATION, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_ep_validate(&s, EDUCATION, &err), PM_EDATA);
	cr_assert(strstr(err.msg, "not the EP occupation workbook"), "%s", err.msg);
	pm_fetch_spec_release(&r);
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_ep_spec(&s, "education", &err), PM_OK);
	cr_assert_str_eq(s.url, "https://www.bls.gov/emp/ind-occ-matrix/education.xlsx");
	cr_assert_eq(pm_ep_validate(&s, EDUCATION, &err), PM_OK, "%s", err.msg);
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_ep_spec(&s, "matrix", &err), PM_EUSAGE);
}
