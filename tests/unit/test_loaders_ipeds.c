/*
 * Unit tests for the IPEDS loader (fetch/ipeds.c, fetch/ipeds_spec.c) on
 * the real HD files (hd2022.csv: Windows-1252, quoted, CRLF; hd2024.csv:
 * UTF-8 with a BOM) and the C_A column subsets in shared/data, plus small
 * files written here for damaged and malformed input, and zips built with
 * libzip. Each load runs in one transaction, rolled back on failure, as
 * `pathmap import` does.
 */
#include "loaders_fixture.h"

#include <zip.h>

#include "fetch/ipeds.h"

#define HD2022 SHARED "ipeds/hd2022.csv"
#define HD2024 SHARED "ipeds/hd2024.csv"
#define CA2024 SHARED "ipeds/derived_csv/c2024_a_subset.csv"

#define CA_HEAD "UNITID,CIPCODE,MAJORNUM,AWLEVEL,CTOTALT,CTOTALM,CTOTALW\n"

TestSuite(ipeds, .init = setup, .fini = teardown);

/* Write TEXT to NAME in the test's directory; returns the path (static storage, 4 slots). */
static const char *write_file(const char *name, const char *text)
{
	static char paths[4][300];
	static int k;
	char *p = paths[k++ % 4];
	FILE *f;

	snprintf(p, 300, "%s/%s", dir, name);
	f = fopen(p, "wb");
	cr_assert_not_null(f, "%s", p);
	fputs(text, f);
	fclose(f);
	return p;
}

/* Zip PARTS (member, text, member, text, ..., NULL) into NAME in the test's directory. */
static const char *zip_texts(const char *name, const char *const *parts)
{
	static char p[300];
	zip_t *za;
	int e;
	size_t i;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	za = zip_open(p, ZIP_CREATE | ZIP_TRUNCATE, &e);
	cr_assert_not_null(za);
	for (i = 0; parts[i]; i += 2) {
		zip_source_t *s = zip_source_buffer(za, parts[i + 1], strlen(parts[i + 1]), 0);

		cr_assert_not_null(s);
		cr_assert_geq(zip_file_add(za, parts[i], s, ZIP_FL_ENC_UTF_8), 0);
	}
	cr_assert_eq(zip_close(za), 0);
	return p;
}

Test(ipeds, name_year_reads_published_names)
{
	static const struct {
		const char *name;
		enum pm_ipeds_table table;
		int want;
	} cases[] = {
		{ "hd2024.csv", PM_IPEDS_HD, 2024 },
		{ "HD2024.zip", PM_IPEDS_HD, 2024 },
		{ "hd2024_rv.csv", PM_IPEDS_HD, 2024 },
		{ "ipeds-hd2022.csv", PM_IPEDS_HD, 2022 },
		{ "/some/dir/hd2023.csv", PM_IPEDS_HD, 2023 },
		{ "hd2024", PM_IPEDS_HD, 2024 },
		{ "c2024_a.csv", PM_IPEDS_C_A, 2024 },
		{ "C2024_A.zip", PM_IPEDS_C_A, 2024 },
		{ "c2024_a_subset.csv", PM_IPEDS_C_A, 2024 },
		{ "c2022_a_rv.csv", PM_IPEDS_C_A, 2022 },
		{ "ipeds.c2023_a.csv", PM_IPEDS_C_A, 2023 },
		/* not such names */
		{ "hd2024.csv", PM_IPEDS_C_A, 0 },
		{ "c2024_a.csv", PM_IPEDS_HD, 0 },
		{ "c2024_b.csv", PM_IPEDS_C_A, 0 },
		{ "c2024_ab.csv", PM_IPEDS_C_A, 0 },
		{ "c2024.csv", PM_IPEDS_C_A, 0 },
		{ "xhd2024.csv", PM_IPEDS_HD, 0 },
		{ "hd20245.csv", PM_IPEDS_HD, 0 },
		{ "hd202.csv", PM_IPEDS_HD, 0 },
		{ "c9899_a.csv", PM_IPEDS_C_A, 0 }, /* 1998-99 in the old naming: no year */
		{ "institutions.csv", PM_IPEDS_HD, 0 },
		{ "", PM_IPEDS_HD, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		cr_expect_eq(pm_ipeds_name_year(cases[i].name, cases[i].table), cases[i].want,
			     "%s (%s)", cases[i].name,
			     cases[i].table == PM_IPEDS_HD ? "HD" : "C_A");
	cr_expect_eq(pm_ipeds_name_year(NULL, PM_IPEDS_HD), 0);
}

Test(ipeds, hd2024_real_directory)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	/* 6,072 data rows (PROVENANCE.md); the file starts with a UTF-8 BOM. */
	cr_assert_eq(import_with(pm_ipeds_import, HD2024, false, &rep, &err), PM_OK, "%s", err.msg);
	cr_expect_eq(rep.rows, 6072);
	cr_expect_eq(rep.year, 2024);
	cr_expect_str_eq(rep.kind, "hd");
	pm_import_report_release(&rep);
	/* The BOM did not stick to UNITID: the first row loaded under its id. */
	cr_expect_str_eq(qs("SELECT name FROM institution WHERE unitid = 100654"),
			 "Alabama A & M University");
	cr_expect_str_eq(qs("SELECT county_fips FROM institution WHERE unitid = 100654"),
			 "01089"); /* published as 1089 */
	cr_expect_str_eq(qs("SELECT name || '|' || city || '|' || state || '|' || county_fips || "
			    "'|' || county_name || '|' || cbsa || '|' || sector || '|' || level "
			    "|| '|' || control || '|' || active FROM institution "
			    "WHERE unitid = 204796 AND year = 2024"),
			 "Ohio State University-Main Campus|Columbus|OH|39049|Franklin "
			 "County|18140|1|1|1|1");
	cr_expect(fabs(qd("SELECT longitude FROM institution WHERE unitid = 204796") - -83.007525) <
		  1e-9);
	cr_expect(fabs(qd("SELECT latitude FROM institution WHERE unitid = 204796") - 39.999803) <
		  1e-9);
	cr_expect_str_eq(qs("SELECT alias FROM institution WHERE unitid = 204796"), "(null)");
	cr_expect_str_eq(qs("SELECT name || '|' || county_fips || '|' || alias FROM institution "
			    "WHERE unitid = 202222"),
			 "Columbus State Community College|39049|Columbus State|CSCC|C-State");
	cr_expect_str_eq(qs("SELECT name || '|' || county_fips FROM institution "
			    "WHERE unitid = 201645"),
			 "Case Western Reserve University|39035");
	/* Sentinels: COUNTYCD -2 (FM, MH, PW), CBSA -2, ICLEVEL/CONTROL -3 -> NULL. */
	cr_expect_eq(q("SELECT count(*) FROM institution WHERE county_fips IS NULL"), 3);
	cr_expect_str_eq(qs("SELECT state FROM institution WHERE unitid = 243638"), "FM");
	cr_expect_eq(q("SELECT count(*) FROM institution WHERE cbsa IS NULL"), 276);
	cr_expect_eq(q("SELECT count(*) FROM institution WHERE level IS NULL"), 22);
	cr_expect_eq(q("SELECT count(*) FROM institution WHERE control IS NULL"), 22);
	cr_expect_eq(q("SELECT count(*) FROM institution WHERE county_fips = '39049'"), 28);
	cr_expect_eq(q("SELECT count(*) FROM institution WHERE cbsa = '18140'"), 38);
	cr_expect_eq(q("SELECT count(*) FROM institution WHERE alias IS NULL"), 3876);
	cr_expect_eq(q("SELECT count(*) FROM institution WHERE web IS NULL"), 71);
	cr_expect_eq(q("SELECT count(*) FROM institution WHERE length(county_fips) <> 5"), 0);
	cr_expect_str_eq(qs("SELECT kind || '|' || year || '|' || vintage FROM dataset "
			    "WHERE source = 'ipeds'"),
			 "hd|2024|HD2024 (2024-25)");
}

Test(ipeds, hd2022_windows_1252_quoted_crlf)
{
	/* 6,256 data rows; the file is Windows-1252, quoted, with blanks before numbers. */
	cr_expect_eq(import_ok(pm_ipeds_import, HD2022, false), 6256);
	cr_expect_str_eq(qs("SELECT name FROM institution WHERE unitid = 449135"),
			 "Dewey University-Juana D\xc3\xad"
			 "az");
	cr_expect_str_eq(qs("SELECT sector || '|' || county_fips || '|' || year FROM institution "
			    "WHERE unitid = 204796"),
			 "1|39049|2022");
	/* IALIAS is " " when empty in 2022. */
	cr_expect_eq(q("SELECT count(*) FROM institution WHERE alias IS NULL"), 4052);
	/* Two HD years side by side. */
	cr_expect_eq(import_ok(pm_ipeds_import, DATA "ipeds/hd2024_excerpt.csv", false), 5);
	cr_expect_eq(q("SELECT count(*) FROM institution WHERE unitid = 204796"), 2);
}

Test(ipeds, c_a_real_subset)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	/* 286,979 data rows (PROVENANCE.md), 19,384 of them CIP '99' (grand totals). */
	cr_assert_eq(import_with(pm_ipeds_import, CA2024, false, &rep, &err), PM_OK, "%s", err.msg);
	cr_expect_eq(rep.rows, 286979);
	cr_expect_eq(rep.year, 2024);
	cr_expect_eq(rep.repaired, 0);
	cr_expect_str_eq(rep.kind, "c_a");
	pm_import_report_release(&rep);
	cr_expect_eq(q("SELECT count(*) FROM completion WHERE cip_code = '99'"), 19384);
	cr_expect_eq(q("SELECT count(*) FROM completion WHERE cip_code <> '99' AND "
		       "cip_code NOT GLOB '[0-9][0-9].[0-9][0-9][0-9][0-9]'"),
		     0);
	/*
	 * Counted with python from the raw CSV:
	 *   rows = list(csv.DictReader(open('c2024_a_subset.csv')))
	 *   sum(1 for r in rows if r['UNITID'] == '204796')                      -> 469
	 *   sum(1 for r in rows if r['UNITID'] == '204796'
	 *       and r['CIPCODE'].startswith('51.38'))                            -> 6
	 *   [(r['AWLEVEL'], r['CTOTALT']) for r in rows if r['UNITID'] == '202222'
	 *       and r['CIPCODE'] == '51.3801']                                    -> [('3', '180')]
	 *   CSCC's '99' row at AWLEVEL 3: CTOTALT 2250, CTOTALM 920, CTOTALW 1330, and
	 *   the sum of its 6-digit rows at AWLEVEL 3 is 2250 as well.
	 */
	cr_expect_eq(q("SELECT count(*) FROM completion WHERE unitid = 204796"), 469);
	cr_expect_eq(q("SELECT count(*) FROM completion WHERE unitid = 204796 AND "
		       "cip_code LIKE '51.38%'"),
		     6);
	cr_expect_str_eq(qs("SELECT awlevel || '|' || total FROM completion WHERE unitid = 202222 "
			    "AND cip_code = '51.3801'"),
			 "3|180");
	cr_expect_str_eq(qs("SELECT total || '|' || men || '|' || women FROM completion WHERE "
			    "unitid = 202222 AND cip_code = '99' AND awlevel = '3'"),
			 "2250|920|1330");
	cr_expect_eq(q("SELECT sum(total) FROM completion WHERE unitid = 202222 AND awlevel = '3' "
		       "AND cip_code <> '99'"),
		     2250);
	cr_expect_eq(q("SELECT count(*) FROM completion c WHERE NOT EXISTS (SELECT 1 FROM "
		       "award_level a WHERE a.awlevel = c.awlevel)"),
		     0);
}

Test(ipeds, sentinels_load_as_null)
{
	const char *f = write_file("c2024_a.csv", CA_HEAD "204796,51.3801,1,5,243,-1,-2\n"
							  "204796,51.3801,2,5,-3,,\n"
							  "204796,99,1,5,12, 7 ,5\n");

	cr_assert_eq(import_ok(pm_ipeds_import, f, false), 3);
	cr_expect_str_eq(qs("SELECT total || '|' || ifnull(men, 'N') || '|' || ifnull(women, 'N') "
			    "FROM completion WHERE majornum = 1 AND cip_code = '51.3801'"),
			 "243|N|N");
	cr_expect_eq(q("SELECT count(*) FROM completion WHERE majornum = 2 AND total IS NULL AND "
		       "men IS NULL AND women IS NULL"),
		     1);
	cr_expect_eq(q("SELECT men FROM completion WHERE cip_code = '99'"), 7);
}

Test(ipeds, excel_damaged_cip_codes_are_repaired)
{
	const char *f = write_file("c2024_a.csv", CA_HEAD "1,1.0101,1,3,1,1,0\n"
							  "1,51.38,1,3,1,1,0\n"
							  "1,9.01,1,3,1,1,0\n"
							  "1,=\"01.0102\",1,3,1,1,0\n"
							  "1,51.3801,1,3,1,1,0\n"
							  "1,99,1,3,5,4,1\n");
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(import_with(pm_ipeds_import, f, false, &rep, &err), PM_OK, "%s", err.msg);
	cr_expect_eq(rep.rows, 6);
	cr_expect_eq(rep.repaired, 3); /* the text guard is no damage */
	pm_import_report_release(&rep);
	cr_expect_str_eq(qs("SELECT group_concat(cip_code, ' ') FROM (SELECT cip_code FROM "
			    "completion ORDER BY cip_code)"),
			 "01.0101 01.0102 09.0100 51.3800 51.3801 99");
}

Test(ipeds, unknown_award_level_loads)
{
	const char *f = write_file("c2024_a.csv", CA_HEAD "1,51.3801,1,42,3,1,2\n");

	cr_expect_eq(import_ok(pm_ipeds_import, f, false), 1);
	cr_expect_str_eq(qs("SELECT awlevel FROM completion"), "42");
}

Test(ipeds, bad_rows_fail_and_change_nothing)
{
	static const char *const unitid[] = { "c2024_a.csv:3 field 'UNITID'", "'OSU'", NULL };
	static const char *const twice[] = { "c2024_a.csv:3 field 'CIPCODE'", "appears twice",
					     "UNITID 204796, CIP 51.3801", NULL };
	static const char *const cip[] = { "c2024_a.csv:2 field 'CIPCODE'", "51-3801", NULL };
	static const char *const hd_twice[] = { "hd2024.csv:3 field 'UNITID'",
						"institution 204796 appears twice", NULL };
	static const char *const county[] = { "hd2024.csv:2 field 'COUNTYCD'", NULL };
	static const char *const level[] = { "c2024_a.csv:2 field 'AWLEVEL'", NULL };

	cr_assert_eq(import_ok(pm_ipeds_import, DATA "ipeds/c2024_a_excerpt.csv", false), 161);
	import_fails(pm_ipeds_import,
		     write_file("c2024_a.csv", CA_HEAD "204796,51.3801,1,5,1,1,0\n"
						       "OSU,51.3801,1,5,1,1,0\n"),
		     "completion", unitid);
	import_fails(pm_ipeds_import,
		     write_file("c2024_a.csv", CA_HEAD "204796,51.3801,1,5,1,1,0\n"
						       "204796,51.3801,1,5,2,1,1\n"),
		     "completion", twice);
	import_fails(pm_ipeds_import,
		     write_file("c2024_a.csv", CA_HEAD "204796,51-3801,1,5,1,1,0\n"), "completion",
		     cip);
	import_fails(pm_ipeds_import,
		     write_file("c2024_a.csv", CA_HEAD "204796,51.3801,1,x,1,1,0\n"), "completion",
		     level);
	import_fails(pm_ipeds_import,
		     write_file("hd2024.csv", "UNITID,INSTNM,COUNTYCD\n204796,OSU,39049\n"
					      "204796,OSU again,39049\n"),
		     "institution", hd_twice);
	import_fails(pm_ipeds_import,
		     write_file("hd2024.csv", "UNITID,INSTNM,COUNTYCD\n204796,OSU,39000\n"),
		     "institution", county);
	cr_expect_eq(q("SELECT count(*) FROM completion"), 161);
}

Test(ipeds, refuses_what_is_not_an_ipeds_file)
{
	static const char *const undated[] = { "cannot tell the year", "c2024_a.csv", NULL };
	static const char *const html[] = { "HTML page", NULL };
	static const char *const neither[] = { "not an IPEDS HD or C_A file", NULL };
	static const char *const nocsv[] = { "holds no CSV file", NULL };
	static const char *const disagree[] = { "dated 2023", NULL };
	const char *parts[] = { "hd2023.csv", "UNITID,INSTNM\n1,A\n", NULL };

	import_fails(pm_ipeds_import,
		     write_file("completions.csv", CA_HEAD "1,51.3801,1,5,1,1,0\n"), "completion",
		     undated);
	import_fails(
		pm_ipeds_import,
		write_file("hd2024.csv", "<!DOCTYPE html><html><body>Not found</body></html>\n"),
		"institution", html);
	import_fails(pm_ipeds_import, write_file("hd2024.csv", "A,B\n1,2\n"), "institution",
		     neither);
	import_fails(pm_ipeds_import,
		     zip_texts("HD2024.zip", (const char *[]){ "x.txt", "x", NULL }), "institution",
		     nocsv);
	import_fails(pm_ipeds_import, zip_texts("HD2024.zip", parts), "institution", disagree);
}

Test(ipeds, year_column_dates_hd_rows)
{
	const char *f = write_file("institutions.csv", "YEAR,UNITID,INSTNM\n2023,204796,OSU\n"
						       "2024,204796,OSU\n");
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(import_with(pm_ipeds_import, f, false, &rep, &err), PM_OK, "%s", err.msg);
	cr_expect_eq(rep.rows, 2);
	cr_expect_eq(rep.year, 0); /* several */
	pm_import_report_release(&rep);
	cr_expect_str_eq(qs("SELECT group_concat(year) FROM (SELECT year FROM institution "
			    "ORDER BY year)"),
			 "2023,2024");
}

Test(ipeds, reload_is_idempotent)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;
	const char *f = DATA "ipeds/c2024_a_excerpt.csv";

	cr_assert_eq(import_ok(pm_ipeds_import, f, false), 161);
	cr_assert_eq(import_with(pm_ipeds_import, f, false, &rep, &err), PM_OK, "%s", err.msg);
	cr_expect(rep.skipped);
	pm_import_report_release(&rep);
	cr_expect_eq(import_ok(pm_ipeds_import, f, true), 161);
	cr_expect_eq(q("SELECT count(*) FROM completion"), 161);
	/* The forced reload took the rows over; the old dataset went. */
	cr_expect_eq(q("SELECT count(*) FROM dataset WHERE source = 'ipeds'"), 1);
	cr_expect_eq(q("SELECT count(DISTINCT dataset_id) FROM completion"), 1);
}

Test(ipeds, zip_member_is_streamed_revised_first)
{
	const char *parts[] = { "hd2024.csv", "UNITID,INSTNM\n204796,Original\n", "hd2024_rv.csv",
				"UNITID,INSTNM\n204796,Revised\n202222,CSCC\n", NULL };
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;
	const char *z = zip_texts("HD2024.zip", parts);

	cr_assert_eq(import_with(pm_ipeds_import, z, false, &rep, &err), PM_OK, "%s", err.msg);
	cr_expect_eq(rep.rows, 2);
	cr_expect_eq(rep.year, 2024);
	cr_expect_str_eq(rep.members, "hd2024_rv.csv");
	pm_import_report_release(&rep);
	cr_expect_str_eq(qs("SELECT name FROM institution WHERE unitid = 204796"), "Revised");
	cr_expect_str_eq(qs("SELECT member FROM dataset WHERE source = 'ipeds'"), "hd2024_rv.csv");
}

Test(ipeds, zip_of_the_real_hd_file)
{
	zip_t *za;
	zip_source_t *s;
	char p[300];
	int e;

	snprintf(p, sizeof p, "%s/HD2024.zip", dir);
	za = zip_open(p, ZIP_CREATE | ZIP_TRUNCATE, &e);
	cr_assert_not_null(za);
	s = zip_source_file(za, HD2024, 0, -1);
	cr_assert_not_null(s);
	cr_assert_geq(zip_file_add(za, "hd2024.csv", s, ZIP_FL_ENC_UTF_8), 0);
	cr_assert_eq(zip_close(za), 0);
	cr_expect_eq(import_ok(pm_ipeds_import, p, false), 6072);
	cr_expect_str_eq(qs("SELECT county_fips FROM institution WHERE unitid = 204796"), "39049");
}

Test(ipeds, specs_and_requests)
{
	struct pm_fetch_spec s;
	struct pm_err err = PM_ERR_INIT;

	unsetenv("PATHMAP_IPEDS_URL");
	cr_assert_eq(pm_ipeds_spec(&s, "hd", 2024, &err), PM_OK, "%s", err.msg);
	cr_expect_str_eq(s.url, "https://nces.ed.gov/ipeds/datacenter/data/HD2024.zip");
	cr_expect_str_eq(s.request, "{\"source\":\"ipeds\",\"table\":\"hd\",\"year\":2024}");
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_ipeds_spec(&s, "C_A", 2024, &err), PM_OK, "%s", err.msg);
	cr_expect_str_eq(s.url, "https://nces.ed.gov/ipeds/datacenter/data/C2024_A.zip");
	cr_expect_str_eq(s.code, "c_a");
	pm_fetch_spec_release(&s);
	cr_assert_eq(
		pm_ipeds_respec("{\"source\":\"ipeds\",\"table\":\"c_a\",\"year\":2023}", &s, &err),
		PM_OK, "%s", err.msg);
	cr_expect_str_eq(s.url, "https://nces.ed.gov/ipeds/datacenter/data/C2023_A.zip");
	cr_expect_eq(s.year, 2023);
	pm_fetch_spec_release(&s);
	cr_expect_eq(pm_ipeds_spec(&s, "ic", 2024, &err), PM_EUSAGE);
	cr_expect_eq(pm_ipeds_spec(&s, "hd", 1999, &err), PM_EUSAGE);
	cr_expect_eq(pm_ipeds_respec("{\"table\":\"hd\"}", &s, &err), PM_EDATA);
}

Test(ipeds, validate_checks_table_and_year)
{
	struct pm_fetch_spec s;
	struct pm_err err = PM_ERR_INIT;
	const char *hd[] = { "hd2024.csv", "UNITID,INSTNM\n1,A\n", NULL };
	const char *z;

	cr_assert_eq(pm_ipeds_spec(&s, "hd", 2024, &err), PM_OK);
	z = zip_texts("dl.zip", hd);
	cr_expect_eq(pm_ipeds_validate(&s, z, &err), PM_OK, "%s", err.msg);
	cr_expect_eq(pm_ipeds_validate(&s, write_file("dl.html", "<html></html>"), &err), PM_EDATA);
	cr_expect(strstr(err.msg, "HTML page"), "%s", err.msg);
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_ipeds_spec(&s, "c_a", 2024, &err), PM_OK);
	cr_expect_eq(pm_ipeds_validate(&s, z, &err), PM_EDATA);
	cr_expect(strstr(err.msg, "asked for IPEDS C_A"), "%s", err.msg);
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_ipeds_spec(&s, "hd", 2023, &err), PM_OK);
	cr_expect_eq(pm_ipeds_validate(&s, z, &err), PM_EDATA);
	cr_expect(strstr(err.msg, "dated 2024"), "%s", err.msg);
	pm_fetch_spec_release(&s);
}
