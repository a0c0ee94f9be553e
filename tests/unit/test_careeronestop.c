/*
 * Unit tests for the CareerOneStop loader (fetch/careeronestop.c) and the
 * credential queries (store/credential.c).
 *
 * No real CareerOneStop response is in the shared data: the fixtures in
 * tests/data/careeronestop/ are written by hand from the documented Web API
 * format (CertList / LicenseList; see the README there), with illustrative
 * names and ids.
 */
#include "loaders_fixture.h"

#include "core/config.h"
#include "fetch/careeronestop.h"
#include "store/credential.h"

#define COS DATA "careeronestop/"

#define TOKEN "tok-SECRET-7f3a9c"
#define USER  "user-SECRET-42"

TestSuite(careeronestop, .init = setup, .fini = teardown);

static void secrets(bool on)
{
	if (on) {
		setenv("PATHMAP_CAREERONESTOP_TOKEN", TOKEN, 1);
		setenv("PATHMAP_CAREERONESTOP_USERID", USER, 1);
	} else {
		unsetenv("PATHMAP_CAREERONESTOP_TOKEN");
		unsetenv("PATHMAP_CAREERONESTOP_USERID");
	}
	unsetenv("PATHMAP_CAREERONESTOP_URL");
	unsetenv("PATHMAP_CONFIG");
	setenv("XDG_CONFIG_HOME", "/nonexistent-pm-config", 1);
}

Test(careeronestop, certifications_load_by_shape_and_file_name)
{
	struct pm_credential *list = NULL;
	size_t n = 0;

	cr_assert_eq(import_ok(pm_careeronestop_import, COS "certifications-29-1141.json", false),
		     3);
	cr_assert_eq(q("SELECT count(*) FROM credential WHERE soc_code = '29-1141' AND kind = "
		       "'certification'"),
		     3);
	cr_assert_str_eq(qs("SELECT organization FROM credential WHERE id = '2196-A'"),
			 "Board of Certification for Emergency Nursing");
	cr_assert_str_eq(qs("SELECT level FROM credential WHERE id = '2196-A'"), "Advanced");
	cr_assert_str_eq(qs("SELECT url FROM credential WHERE id = '7730-C'"), "(null)");
	cr_assert_str_eq(qs("SELECT state FROM credential WHERE id = '7730-C'"), "(null)");
	cr_assert_str_eq(qs("SELECT vintage FROM dataset WHERE source = 'careeronestop'"),
			 "SOC 29-1141");
	/* numeric ids are stored as text */
	import_ok(pm_careeronestop_import, COS "certifications-47-2111.json", false);
	cr_assert_str_eq(qs("SELECT id FROM credential WHERE soc_code = '47-2111'"), "3310");

	cr_assert_eq(pm_credentials_for_soc(st, "29-1141.00", NULL, &list, &n, NULL), PM_OK);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(list[0].name, "Basic Life Support Provider");
	cr_assert_str_eq(list[0].kind, PM_CREDENTIAL_CERTIFICATION);
	cr_assert_str_eq(list[2].name, "Critical Care Registered Nurse");
	pm_credentials_free(list, n);
}

Test(careeronestop, licenses_take_the_state_and_filter_by_it)
{
	struct pm_credential *list = NULL;
	size_t n = 0;

	import_ok(pm_careeronestop_import, COS "certifications-29-1141.json", false);
	cr_assert_eq(import_ok(pm_careeronestop_import, COS "licenses-29-1141-OH.json", false), 2);
	cr_assert_str_eq(qs("SELECT state FROM credential WHERE id = 'OH-1001'"), "OH");
	cr_assert_str_eq(qs("SELECT organization FROM credential WHERE id = 'OH-1001'"),
			 "Ohio Board of Nursing");
	cr_assert_str_eq(qs("SELECT url FROM credential WHERE id = 'OH-1001'"),
			 "https://example.org/ohio-nursing");
	cr_assert_eq(pm_credentials_for_soc(st, "291141", "oh", &list, &n, NULL), PM_OK);
	cr_assert_eq(n, 5);
	cr_assert_str_eq(list[0].kind, PM_CREDENTIAL_CERTIFICATION);
	cr_assert_str_eq(list[3].kind, PM_CREDENTIAL_LICENSE);
	cr_assert_str_eq(list[3].state, "OH");
	pm_credentials_free(list, n);
	cr_assert_eq(pm_credentials_for_soc(st, "29-1141", "CA", &list, &n, NULL), PM_OK);
	cr_assert_eq(n, 3, "licenses of other states are left out");
	pm_credentials_free(list, n);
	cr_assert_eq(pm_credentials_for_soc(st, "11-9999", NULL, &list, &n, NULL), PM_OK);
	cr_assert_eq(n, 0);
	cr_assert_null(list);
	cr_assert_eq(pm_credentials_for_soc(st, "nurse", NULL, &list, &n, NULL), PM_EUSAGE);
}

Test(careeronestop, a_newer_list_replaces_and_reloading_is_idempotent)
{
	import_ok(pm_careeronestop_import, COS "certifications-29-1141.json", false);
	cr_assert_eq(
		import_ok(pm_careeronestop_import, COS "certifications-29-1141-v2.json", false), 3);
	cr_assert_eq(q("SELECT count(*) FROM credential WHERE soc_code = '29-1141'"), 3);
	cr_assert_eq(q("SELECT count(*) FROM credential WHERE id = '7730-C'"), 0);
	cr_assert_eq(q("SELECT count(*) FROM credential WHERE id = '5512-D'"), 1);
	import_ok(pm_careeronestop_import, COS "certifications-29-1141-v2.json", false);
	cr_assert_eq(q("SELECT count(*) FROM credential WHERE soc_code = '29-1141'"), 3);
	/* the superseded datasets are pruned */
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'careeronestop'"), 1);
}

Test(careeronestop, empty_list_and_license_list_under_any_name)
{
	cr_assert_eq(import_ok(pm_careeronestop_import, COS "certifications-15-1252.json", false),
		     0);
	/* the shape decides: a license list saved under another name loads as licenses */
	cr_assert_eq(import_ok(pm_careeronestop_import,
			       COS "licenses-as-certifications-29-1141.json", false),
		     2);
	cr_assert_eq(q("SELECT count(*) FROM credential WHERE kind = 'license'"), 2);
	cr_assert_str_eq(qs("SELECT state FROM credential WHERE id = 'OH-1002'"), "OH");
}

Test(careeronestop, bad_responses_load_nothing)
{
	static const char *const trunc[] = { "truncated-29-1141.json", "not valid JSON", NULL };
	static const char *const noname[] = { "CertList item 1 has no Name", NULL };
	static const char *const noname_file[] = { "cannot tell which occupation",
						   "certifications-29-1141.json", NULL };
	static const char *const html[] = { "README.md: not valid JSON", NULL };

	import_ok(pm_careeronestop_import, COS "certifications-29-1141.json", false);
	import_fails(pm_careeronestop_import, COS "truncated-29-1141.json", "credential", trunc);
	import_fails(pm_careeronestop_import, COS "noname-29-1141.json", "credential", noname);
	import_fails(pm_careeronestop_import, COS "certlist.json", "credential", noname_file);
	import_fails(pm_careeronestop_import, DATA "careeronestop/README.md", "credential", html);
	cr_assert_eq(q("SELECT count(*) FROM credential"), 3);
}

Test(careeronestop, fetched_file_uses_its_stored_request)
{
	struct pm_import_opts o = {
		.url = "https://api.careeronestop.org/v1/certificationfinder/{userId}/47-2111.00/"
		       "0/0/0/0/0/0/0/0/0/500",
		.request = "{\"source\":\"careeronestop\",\"what\":\"certifications\","
			   "\"soc\":\"47-2111\"}",
	};
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(pm_store_begin(st, NULL), PM_OK);
	cr_assert_eq(pm_careeronestop_import(st, COS "certlist.json", &o, &rep, &err), PM_OK, "%s",
		     err.msg);
	cr_assert_eq(pm_store_commit(st, NULL), PM_OK);
	pm_import_report_release(&rep);
	cr_assert_eq(q("SELECT count(*) FROM credential WHERE soc_code = '47-2111'"), 1);
	cr_assert_str_eq(qs("SELECT url FROM dataset WHERE source = 'careeronestop'"), o.url);
	/* asked for licenses, got certifications */
	o.request = "{\"what\":\"licenses\",\"soc\":\"47-2111\",\"state\":\"OH\"}";
	cr_assert_eq(pm_store_begin(st, NULL), PM_OK);
	cr_assert_eq(pm_careeronestop_import(st, COS "certlist.json", &o, &rep, &err), PM_EDATA);
	pm_store_rollback(st);
	pm_import_report_release(&rep);
	cr_assert(strstr(err.msg, "asked for licenses"), "%s", err.msg);
}

Test(careeronestop, specs_need_secrets_and_never_show_them)
{
	struct pm_fetch_spec s, r;
	struct pm_err err = PM_ERR_INIT;

	secrets(false);
	cr_assert_eq(pm_careeronestop_spec(&s, "certifications", "29-1141", NULL, &err), PM_EUSAGE);
	cr_assert(strstr(err.msg, "PATHMAP_CAREERONESTOP_TOKEN") &&
			  strstr(err.msg, "PATHMAP_CAREERONESTOP_USERID"),
		  "%s", err.msg);
	secrets(true);
	cr_assert_eq(pm_careeronestop_spec(&s, "certifications", "29-114", NULL, &err), PM_EUSAGE);
	cr_assert_eq(pm_careeronestop_spec(&s, "licenses", "29-1141", NULL, &err), PM_EUSAGE);
	cr_assert_eq(pm_careeronestop_spec(&s, "licenses", "29-1141", "XX", &err), PM_EUSAGE);

	cr_assert_eq(pm_careeronestop_spec(&s, "certifications", "291141", NULL, &err), PM_OK, "%s",
		     err.msg);
	cr_assert_str_eq(s.url, "https://api.careeronestop.org/v1/certificationfinder/{userId}/"
				"29-1141.00/0/0/0/0/0/0/0/0/0/500");
	cr_assert_str_eq(s.fetch_url, "https://api.careeronestop.org/v1/certificationfinder/" USER
				      "/29-1141.00/0/0/0/0/0/0/0/0/0/500");
	cr_assert_str_eq(s.auth_header, "Authorization: Bearer " TOKEN);
	cr_assert_str_eq(s.file_name, "certifications-29-1141.json");
	cr_assert_eq(s.kind, 'j');
	cr_assert_null(strstr(s.request, "SECRET"));
	cr_assert_null(strstr(s.label, "SECRET"));
	cr_assert_null(strstr(s.cache_key, "SECRET"));
	pm_fetch_spec_release(&s);

	/* a FIPS code names the state too */
	cr_assert_eq(pm_careeronestop_spec(&s, "licenses", "29-1141", "39", &err), PM_OK, "%s",
		     err.msg);
	cr_assert_str_eq(s.url, "https://api.careeronestop.org/v1/license/{userId}/29-1141.00/"
				"OH/0/0/0/500");
	cr_assert_str_eq(s.file_name, "licenses-29-1141-OH.json");
	cr_assert_eq(pm_careeronestop_respec(s.request, &r, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(r.url, s.url);
	cr_assert_str_eq(r.fetch_url, s.fetch_url);
	pm_fetch_spec_release(&r);

	/* validation: the wrong shape, an error body (masked), good lists */
	cr_assert_eq(pm_careeronestop_validate(&s, COS "certifications-29-1141.json", &err),
		     PM_EDATA);
	cr_assert(strstr(err.msg, "asked for licenses"), "%s", err.msg);
	cr_assert_eq(pm_careeronestop_validate(&s, COS "licenses-29-1141-OH.json", &err), PM_OK,
		     "%s", err.msg);
	{
		char tmp[300];
		FILE *f;

		snprintf(tmp, sizeof tmp, "%s/error.json", dir);
		f = fopen(tmp, "w");
		cr_assert_not_null(f);
		fputs("{\"ErrorMessage\": \"Invalid user " USER " or token " TOKEN "\"}", f);
		fclose(f);
		cr_assert_eq(pm_careeronestop_validate(&s, tmp, &err), PM_ENET);
		cr_assert(strstr(err.msg, "CareerOneStop says: Invalid user {userId} or token "
					  "{token}"),
			  "%s", err.msg);
		cr_assert_null(strstr(err.msg, "SECRET"), "%s", err.msg);
	}
	pm_fetch_spec_release(&s);
	secrets(false);
}
