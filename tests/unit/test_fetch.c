/*
 * Unit tests for fetch/: HTTP policy helpers, the cache layout and manifest,
 * QCEW URL patterns, BLS API batching, and the lock and config helpers the
 * fetch commands rely on. Network behaviour is tested end to end against a
 * local server (tests/e2e/test_fetch_faults.py).
 */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/config.h"
#include "core/lock.h"
#include "fetch/blsapi.h"
#include "fetch/cache.h"
#include "fetch/fetch.h"
#include "fetch/http.h"
#include "fetch/qcew.h"

static char dir[64];

static void setup(void)
{
	strcpy(dir, "/tmp/pm-fetch-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	setenv("PATHMAP_CACHE_DIR", dir, 1);
	unsetenv("PATHMAP_QCEW_URL");
	unsetenv("PATHMAP_BLSAPI_URL");
	unsetenv("PATHMAP_BLS_API_KEY");
	setenv("PATHMAP_CONFIG", "/nonexistent/pathmap-config", 1);
	pm_config_free();
}

static void teardown(void)
{
	char cmd[128];

	pm_config_free();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(fetch, .init = setup, .fini = teardown);

Test(fetch, bls_hosts)
{
	cr_assert(pm_http_is_bls_host("https://data.bls.gov/cew/data/api/2023/a/area/39049.csv"));
	cr_assert(pm_http_is_bls_host("https://api.bls.gov/publicAPI/v2/timeseries/data/"));
	cr_assert(pm_http_is_bls_host("https://BLS.gov/x"));
	cr_assert_not(pm_http_is_bls_host("https://notbls.gov/x"));
	cr_assert_not(pm_http_is_bls_host("https://bls.gov.example.com/x"));
	cr_assert_not(pm_http_is_bls_host("http://127.0.0.1:8731/cew"));
	cr_assert_not(pm_http_is_bls_host("not a url"));
}

Test(fetch, user_agent_carries_the_contact)
{
	char *ua = pm_http_user_agent("me@example.org");

	cr_assert(strstr(ua, "pathmap/") == ua);
	cr_assert(strstr(ua, "contact: me@example.org"));
	free(ua);
	ua = pm_http_user_agent(NULL);
	cr_assert_null(strchr(ua, '@'));
	free(ua);
}

Test(fetch, backoff_doubles_with_jitter_and_a_cap)
{
	struct pm_http_settings s;

	pm_http_settings_init(&s);
	s.backoff_s = 2;
	s.backoff_max_s = 60;
	/* attempt 1: 2 s scaled to [1, 2); attempt 3: 8 s -> [4, 8); attempt 10: capped 60 -> [30, 60) */
	cr_assert_float_eq(pm_http_backoff(&s, 1, 0.0), 1.0, 1e-9);
	cr_assert_float_eq(pm_http_backoff(&s, 1, 1.0), 2.0, 1e-9);
	cr_assert_float_eq(pm_http_backoff(&s, 3, 0.0), 4.0, 1e-9);
	cr_assert_float_eq(pm_http_backoff(&s, 10, 1.0), 60.0, 1e-9);
	cr_assert_float_eq(pm_http_backoff(&s, 10, 0.0), 30.0, 1e-9);
}

Test(fetch, retry_after_seconds_and_dates)
{
	double now = 1700000000;

	cr_assert_float_eq(pm_http_parse_retry_after("120", now), 120, 1e-9);
	cr_assert_float_eq(pm_http_parse_retry_after("0", now), 0, 1e-9);
	/* Tue, 14 Nov 2023 22:13:20 GMT is 1700000000; 30 s later */
	cr_assert_float_eq(pm_http_parse_retry_after("Tue, 14 Nov 2023 22:13:50 GMT", now), 30,
			   1e-6);
	cr_assert_float_eq(pm_http_parse_retry_after("Tue, 14 Nov 2023 22:00:00 GMT", now), 0, 1e-6);
	cr_assert_lt(pm_http_parse_retry_after("soon", now), 0);
	cr_assert_lt(pm_http_parse_retry_after("-5", now), 0);
	cr_assert_lt(pm_http_parse_retry_after(NULL, now), 0);
}

Test(fetch, settings_come_from_the_environment)
{
	struct pm_http_settings s;

	setenv("PATHMAP_HTTP_RETRIES", "7", 1);
	setenv("PATHMAP_HTTP_LOW_SPEED_TIME", "5", 1);
	setenv("PATHMAP_HTTP_BACKOFF", "nonsense", 1);
	pm_http_settings_init(&s);
	cr_assert_eq(s.max_retries, 7);
	cr_assert_eq(s.low_speed_time_s, 5);
	cr_assert_float_eq(s.backoff_s, 2.0, 1e-9, "a bad value keeps the default");
	cr_assert_eq(s.per_host, 2);
	unsetenv("PATHMAP_HTTP_RETRIES");
	unsetenv("PATHMAP_HTTP_LOW_SPEED_TIME");
	unsetenv("PATHMAP_HTTP_BACKOFF");
}

Test(fetch, qcew_url_patterns)
{
	struct pm_fetch_spec s;

	cr_assert_eq(pm_qcew_spec(&s, 'a', "39049", 2023, 'A', NULL), PM_OK);
	cr_assert_str_eq(s.url, "https://data.bls.gov/cew/data/api/2023/a/area/39049.csv");
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_qcew_spec(&s, 'i', "31-33", 2022, '3', NULL), PM_OK);
	cr_assert_str_eq(s.url, "https://data.bls.gov/cew/data/api/2022/3/industry/31_33.csv");
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_qcew_spec(&s, 's', NULL, 2023, 'A', NULL), PM_OK);
	cr_assert_str_eq(s.url,
			 "https://data.bls.gov/cew/data/files/2023/csv/2023_annual_singlefile.zip");
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_qcew_spec(&s, 't', "county-msa-csa-crosswalk", 0, 0, NULL), PM_OK);
	cr_assert_str_eq(s.url, "https://www.bls.gov/cew/classifications/areas/"
				"qcew-county-msa-csa-crosswalk-csv.csv");
	pm_fetch_spec_release(&s);
	/* A mirror replaces scheme, host and prefix (trailing slashes ignored). */
	setenv("PATHMAP_QCEW_URL", "http://127.0.0.1:8731/cew/", 1);
	cr_assert_eq(pm_qcew_spec(&s, 'a', "39049", 2023, 'A', NULL), PM_OK);
	cr_assert_str_eq(s.url, "http://127.0.0.1:8731/cew/data/api/2023/a/area/39049.csv");
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_qcew_spec(&s, 's', NULL, 2023, 'A', NULL), PM_OK);
	cr_assert_str_eq(s.url,
			 "http://127.0.0.1:8731/cew/data/files/2023/csv/2023_annual_singlefile.zip");
	pm_fetch_spec_release(&s);
	unsetenv("PATHMAP_QCEW_URL");
	cr_assert_eq(pm_qcew_spec(&s, 't', "nope", 0, 0, NULL), PM_EUSAGE);
}

Test(fetch, qcew_requests_round_trip)
{
	struct pm_fetch_spec a, b;

	cr_assert_eq(pm_qcew_spec(&a, 'i', "44-45", 2021, '2', NULL), PM_OK);
	cr_assert_eq(pm_qcew_respec(a.request, &b, NULL), PM_OK);
	cr_assert_str_eq(a.url, b.url);
	cr_assert_str_eq(a.label, b.label);
	cr_assert_eq(b.qtr, '2');
	pm_fetch_spec_release(&a);
	pm_fetch_spec_release(&b);
	cr_assert_eq(pm_qcew_respec("{\"kind\":\"area\"}", &b, NULL), PM_EDATA);
	cr_assert_eq(pm_qcew_respec("not json", &b, NULL), PM_EDATA);
}

Test(fetch, blsapi_batches_by_the_api_limits)
{
	const char *ids[60];
	char names[60][16];
	struct pm_fetch_spec *specs;
	size_t n, i;

	for (i = 0; i < 60; i++) {
		snprintf(names[i], sizeof names[i], "LNS1%07zu", i);
		ids[i] = names[i];
	}
	/* With a key: 50 series and 20 years a request: 60 series x 25 years = 2 x 2. */
	cr_assert_eq(pm_blsapi_specs(ids, 60, 2000, 2024, "KEY", false, &specs, &n, NULL), PM_OK);
	cr_assert_eq(n, 4);
	cr_assert(strstr(specs[0].post_body, "\"registrationkey\":\"KEY\""));
	cr_assert_null(strstr(specs[0].request, "KEY"), "the stored request holds no key");
	cr_assert_null(strstr(specs[0].cache_key, "KEY"));
	cr_assert(strstr(specs[0].request, "\"startyear\":\"2000\""));
	cr_assert(strstr(specs[0].request, "\"endyear\":\"2019\""));
	cr_assert(strstr(specs[2].request, "\"startyear\":\"2020\""));
	for (i = 0; i < n; i++)
		pm_fetch_spec_release(&specs[i]);
	free(specs);
	/* Without a key: 25 series and 10 years: 60 x 25 = 3 x 3. */
	cr_assert_eq(pm_blsapi_specs(ids, 60, 2000, 2024, NULL, false, &specs, &n, NULL), PM_OK);
	cr_assert_eq(n, 9);
	cr_assert_null(strstr(specs[0].post_body, "registrationkey"));
	for (i = 0; i < n; i++)
		pm_fetch_spec_release(&specs[i]);
	free(specs);
	ids[3] = "lns-bad";
	cr_assert_eq(pm_blsapi_specs(ids, 60, 2000, 2024, NULL, false, &specs, &n, NULL), PM_EUSAGE);
	cr_assert_eq(pm_blsapi_specs(ids, 1, 2025, 2020, NULL, false, &specs, &n, NULL), PM_EUSAGE);
}

Test(fetch, cache_layout_is_safe_and_manifests_round_trip)
{
	struct pm_cache_entry e, again;
	char *tmp = NULL, sha[65];
	int64_t bytes;
	FILE *f;

	cr_assert_eq(pm_cache_entry_for("qcew", "https://data.bls.gov/cew/../../etc/passwd?x=1", NULL,
					&e, NULL),
		     PM_OK);
	cr_assert(strncmp(e.path, dir, strlen(dir)) == 0, "%s", e.path);
	cr_assert_null(strstr(e.path, "/../"), "%s", e.path);
	cr_assert_not(e.present);
	pm_cache_entry_release(&e);

	cr_assert_eq(pm_cache_entry_for("qcew", "https://data.bls.gov/cew/data/api/2023/a/area/"
						"39049.csv",
					NULL, &e, NULL),
		     PM_OK);
	cr_assert(strstr(e.path, "/qcew/data.bls.gov/cew/data/api/2023/a/area/39049.csv"), "%s",
		  e.path);
	cr_assert_eq(pm_cache_tmp(&e, &tmp, NULL), PM_OK);
	f = fopen(tmp, "w");
	fputs("area_fips\n", f);
	fclose(f);
	cr_assert_eq(pm_file_sha256(tmp, sha, &bytes, NULL), PM_OK);
	e.url = strdup("https://data.bls.gov/cew/data/api/2023/a/area/39049.csv");
	e.etag = strdup("\"abc\"");
	e.sha256 = strdup(sha);
	e.bytes = bytes;
	cr_assert_eq(pm_cache_commit(&e, tmp, NULL), PM_OK);
	free(tmp);
	cr_assert_eq(access(e.path, F_OK), 0);
	cr_assert_eq(pm_cache_entry_for("qcew", e.url, NULL, &again, NULL), PM_OK);
	cr_assert(again.present);
	cr_assert_str_eq(again.etag, "\"abc\"");
	cr_assert_str_eq(again.sha256, sha);
	cr_assert_null(again.last_modified);
	pm_cache_entry_release(&again);
	/* A copy whose size no longer matches its manifest is not trusted. */
	f = fopen(e.path, "a");
	fputs("x", f);
	fclose(f);
	cr_assert_eq(pm_cache_entry_for("qcew", e.url, NULL, &again, NULL), PM_OK);
	cr_assert_not(again.present);
	pm_cache_entry_release(&again);
	pm_cache_entry_release(&e);

	/* POST requests are told apart by their key, which names no secret. */
	cr_assert_eq(pm_cache_entry_for("blsapi", "https://api.bls.gov/publicAPI/v2/timeseries/data/",
					"{\"seriesid\":[\"A\"]}", &e, NULL),
		     PM_OK);
	cr_assert_eq(pm_cache_entry_for("blsapi", "https://api.bls.gov/publicAPI/v2/timeseries/data/",
					"{\"seriesid\":[\"B\"]}", &again, NULL),
		     PM_OK);
	cr_assert_str_neq(e.path, again.path);
	pm_cache_entry_release(&e);
	pm_cache_entry_release(&again);
}

Test(fetch, url_file_names)
{
	char *s = pm_url_file_name("https://x/cew/data/api/2023/a/area/39049.csv?y=1");

	cr_assert_str_eq(s, "39049.csv");
	free(s);
	s = pm_url_file_name("https://x/timeseries/data/");
	cr_assert_str_eq(s, "index");
	free(s);
}

Test(fetch, lock_is_exclusive_between_processes)
{
	char path[128];
	int fd, fd2;
	pid_t pid;
	int status;

	snprintf(path, sizeof path, "%s/store.db.lock", dir);
	cr_assert_eq(pm_lock_acquire(path, &fd, NULL), PM_OK);
	pid = fork();
	if (pid == 0) {
		struct pm_err err = PM_ERR_INIT;
		enum pm_status rc = pm_lock_acquire(path, &fd2, &err);

		_exit(rc == PM_ELOCKED && strstr(err.msg, "holds the lock") ? 0 : 1);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child got the lock");
	pm_lock_release(fd);
	cr_assert_eq(pm_lock_acquire(path, &fd, NULL), PM_OK, "released locks can be taken again");
	pm_lock_release(fd);
}

Test(fetch, config_file_lines)
{
	char path[128];
	struct pm_err err = PM_ERR_INIT;
	FILE *f;

	snprintf(path, sizeof path, "%s/config", dir);
	f = fopen(path, "w");
	fputs("# comment\n\ncontact_email = a@b.org\nqcew_url = 'http://mirror/cew'\n", f);
	fclose(f);
	chmod(path, 0600);
	setenv("PATHMAP_CONFIG", path, 1);
	cr_assert_eq(pm_config_load(&err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(pm_config_get("contact_email"), "a@b.org");
	cr_assert_str_eq(pm_config_get("qcew_url"), "http://mirror/cew");
	setenv("PATHMAP_CONTACT_EMAIL", "env@b.org", 1);
	cr_assert_str_eq(pm_config_get("contact_email"), "env@b.org", "the environment wins");
	unsetenv("PATHMAP_CONTACT_EMAIL");
	cr_assert_null(pm_config_get("bls_api_key"));
	cr_assert(pm_config_is_secret("bls_api_key"));
	cr_assert_not(pm_config_is_secret("qcew_url"));
	pm_config_free();
	f = fopen(path, "w");
	fputs("contact_email a@b.org\n", f);
	fclose(f);
	cr_assert_eq(pm_config_load(&err), PM_EUSAGE);
	cr_assert(strstr(err.msg, ":1: expected 'key = value'"), "%s", err.msg);
}
