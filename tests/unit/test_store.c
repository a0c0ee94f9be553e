/* Unit tests for store/: opening, migrations, reference seeding, transactions, provenance. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/dataset.h"
#include "store/store.h"
#include "store/titles.h"

static char dir[] = "/tmp/pm-store-XXXXXX";
static char path[256];

static void setup(void)
{
	strcpy(dir, "/tmp/pm-store-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/sub/dir/store.db", dir);
}

static void teardown(void)
{
	char cmd[300];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

static long long count(struct pm_store *st, const char *sql)
{
	sqlite3_stmt *s;
	long long n = -1;

	cr_assert_eq(pm_store_prepare(st, sql, &s, NULL), PM_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

TestSuite(store, .init = setup, .fini = teardown);

Test(store, read_mode_refuses_missing_file)
{
	struct pm_store *st = NULL;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(pm_store_open(&st, path, PM_STORE_READ, &err), PM_ENOTFOUND);
	cr_assert_null(st);
	cr_assert(strstr(err.msg, "no store at"), "%s", err.msg);
	cr_assert_neq(access(path, F_OK), 0, "read mode must not create the file");
}

Test(store, create_migrates_and_seeds_reference_tables)
{
	struct pm_store *st = NULL;
	struct pm_err err = PM_ERR_INIT;
	char *t;

	cr_assert_eq(pm_store_open(&st, path, PM_STORE_CREATE, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_store_schema_version(st), pm_store_latest_version());
	/* Row counts of the shipped BLS/Census files (data/README.md). */
	cr_assert_eq(count(st, "SELECT count(*) FROM area"), 4725);
	cr_assert_eq(count(st, "SELECT count(*) FROM county_xwalk"), 3251);
	cr_assert_eq(count(st, "SELECT count(*) FROM county_xwalk WHERE msa_code = 'C1814'"), 10);
	cr_assert_eq(count(st, "SELECT count(*) FROM ownership"), 8);
	cr_assert_gt(count(st, "SELECT count(*) FROM naics WHERE vintage = '2022'"), 2000);
	cr_assert_eq(count(st, "SELECT count(*) FROM dataset WHERE source = 'reference'"), 9);
	t = pm_store_area_title(st, "C1814");
	cr_assert_str_eq(t, "Columbus, OH MSA");
	free(t);
	t = pm_store_industry_title(st, "31-33");
	cr_assert_str_eq(t, "Manufacturing");
	free(t);
	/* NAICS 2022 codes missing from QCEW's title list fall back to Census titles. */
	t = pm_store_industry_title(st, "5132");
	cr_assert_str_eq(t, "Software Publishers");
	free(t);
	/* Windows-1252 in the crosswalk arrives as UTF-8. */
	cr_assert_eq(count(st, "SELECT count(*) FROM county_xwalk WHERE county_title = "
			       "'Do\xc3\xb1" "a Ana County, New Mexico'"),
		     1);
	pm_store_close(st);
}

Test(store, reopen_is_idempotent)
{
	struct pm_store *st = NULL;

	cr_assert_eq(pm_store_open(&st, path, PM_STORE_CREATE, NULL), PM_OK);
	pm_store_close(st);
	cr_assert_eq(pm_store_open(&st, path, PM_STORE_READ, NULL), PM_OK);
	cr_assert_eq(count(st, "SELECT count(*) FROM dataset"), 9);
	cr_assert_eq(count(st, "SELECT count(*) FROM area"), 4725);
	pm_store_close(st);
}

Test(store, changed_reference_file_is_reloaded)
{
	struct pm_store *st = NULL;

	cr_assert_eq(pm_store_open(&st, path, PM_STORE_CREATE, NULL), PM_OK);
	/* Pretend the stored area titles came from another version of the file. */
	cr_assert_eq(pm_store_exec(st, "UPDATE dataset SET sha256 = 'old' WHERE location LIKE "
				       "'%area_titles.csv'; DELETE FROM area WHERE area_fips = 'US000'",
				   NULL),
		     PM_OK);
	pm_store_close(st);
	cr_assert_eq(pm_store_open(&st, path, PM_STORE_READ, NULL), PM_OK);
	cr_assert_eq(count(st, "SELECT count(*) FROM area WHERE area_fips = 'US000'"), 1);
	cr_assert_eq(count(st, "SELECT count(*) FROM dataset WHERE sha256 = 'old'"), 0);
	pm_store_close(st);
}

Test(store, refuses_newer_schema)
{
	struct pm_store *st = NULL;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(pm_store_open(&st, path, PM_STORE_CREATE, NULL), PM_OK);
	cr_assert_eq(pm_store_exec(st, "PRAGMA user_version = 999", NULL), PM_OK);
	pm_store_close(st);
	cr_assert_eq(pm_store_open(&st, path, PM_STORE_READ, &err), PM_ESTORE);
	cr_assert(strstr(err.msg, "newer"), "%s", err.msg);
}

Test(store, refuses_foreign_files)
{
	struct pm_store *st = NULL;
	struct pm_err err = PM_ERR_INIT;
	char other[300];
	FILE *f;
	sqlite3 *db;

	snprintf(other, sizeof other, "%s/notes.txt", dir);
	f = fopen(other, "w");
	fputs("not a database, just some text that is long enough\n", f);
	fclose(f);
	cr_assert_eq(pm_store_open(&st, other, PM_STORE_CREATE, &err), PM_ESTORE);
	cr_assert(strstr(err.msg, "not a pathmap store"), "%s", err.msg);

	snprintf(other, sizeof other, "%s/other.sqlite", dir);
	cr_assert_eq(sqlite3_open(other, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	cr_assert_eq(pm_store_open(&st, other, PM_STORE_CREATE, &err), PM_ESTORE);
	cr_assert(strstr(err.msg, "not a pathmap store"), "%s", err.msg);
}

Test(store, rollback_discards_everything)
{
	struct pm_store *st = NULL;
	struct pm_dataset ds = { 0 };

	cr_assert_eq(pm_store_open(&st, path, PM_STORE_CREATE, NULL), PM_OK);
	cr_assert_eq(pm_store_begin(st, NULL), PM_OK);
	ds.source = strdup("qcew");
	ds.kind = strdup("area-slice");
	ds.file_name = strdup("x.csv");
	strcpy(ds.sha256, "abc");
	cr_assert_eq(pm_dataset_insert(st, &ds, NULL), PM_OK);
	cr_assert_gt(ds.id, 0);
	pm_store_rollback(st);
	cr_assert_eq(count(st, "SELECT count(*) FROM dataset WHERE source = 'qcew'"), 0);
	pm_dataset_release(&ds);
	pm_store_close(st);
}

Test(store, dataset_roundtrip_and_lookup_by_checksum)
{
	struct pm_store *st = NULL;
	struct pm_dataset ds = { 0 }, got = { 0 };
	bool found = false;

	cr_assert_eq(pm_store_open(&st, path, PM_STORE_CREATE, NULL), PM_OK);
	cr_assert_eq(pm_store_begin(st, NULL), PM_OK);
	ds.source = strdup("qcew");
	ds.kind = strdup("area-slice");
	ds.file_name = strdup("39049.csv");
	ds.location = strdup("/data/39049.csv");
	ds.bytes = 1234;
	strcpy(ds.sha256, "deadbeef");
	cr_assert_eq(pm_dataset_insert(st, &ds, NULL), PM_OK);
	ds.year = 2023;
	strcpy(ds.qtr, "A");
	ds.rows_read = 10;
	ds.rows_loaded = 9;
	ds.rows_suppressed = 4;
	cr_assert_eq(pm_dataset_update(st, &ds, NULL), PM_OK);
	cr_assert_eq(pm_store_commit(st, NULL), PM_OK);

	cr_assert_eq(pm_dataset_find_sha(st, "qcew", "deadbeef", &got, &found, NULL), PM_OK);
	cr_assert(found);
	cr_assert_eq(got.id, ds.id);
	cr_assert_eq(got.year, 2023);
	cr_assert_str_eq(got.qtr, "A");
	cr_assert_eq(got.rows_loaded, 9);
	cr_assert_eq(got.rows_suppressed, 4);
	cr_assert_str_eq(got.location, "/data/39049.csv");
	cr_assert_eq(strlen(got.loaded_at), 20);
	pm_dataset_release(&got);
	cr_assert_eq(pm_dataset_find_sha(st, "qcew", "nope", &got, &found, NULL), PM_OK);
	cr_assert_not(found);
	cr_assert_eq(pm_dataset_get(st, 99999, &got, NULL), PM_ENOTFOUND);
	pm_dataset_release(&ds);
	pm_store_close(st);
}

Test(store, area_types)
{
	cr_assert_str_eq(pm_area_type("US000", "U.S. TOTAL"), "nation");
	cr_assert_str_eq(pm_area_type("USMSA", ""), "aggregate");
	cr_assert_str_eq(pm_area_type("39000", "Ohio -- Statewide"), "state");
	cr_assert_str_eq(pm_area_type("39049", ""), "county");
	cr_assert_str_eq(pm_area_type("39999", ""), "county");
	cr_assert_str_eq(pm_area_type("C1814", "Columbus, OH MSA"), "msa");
	cr_assert_str_eq(pm_area_type("C1174", "Ashland, OH MicroSA"), "micro");
	cr_assert_str_eq(pm_area_type("CS198", ""), "csa");
	cr_assert_str_eq(pm_area_type("X", ""), "other");
}

Test(store, industry_titles_lose_their_code_prefix)
{
	char *t;

	t = pm_industry_title_clean("23", "NAICS 23 Construction");
	cr_assert_str_eq(t, "Construction");
	free(t);
	t = pm_industry_title_clean("1012", "1012 Construction");
	cr_assert_str_eq(t, "Construction");
	free(t);
	t = pm_industry_title_clean("722110", "NAICS07 722110 Full-service restaurants");
	cr_assert_str_eq(t, "Full-service restaurants");
	free(t);
	t = pm_industry_title_clean("31-33", "NAICS 31-33 Manufacturing");
	cr_assert_str_eq(t, "Manufacturing");
	free(t);
	t = pm_industry_title_clean("62", "Health care");
	cr_assert_str_eq(t, "Health care");
	free(t);
}

Test(store, migrates_an_older_store_forward)
{
	struct pm_store *st = NULL;
	sqlite3 *db;

	/* A store as version 1 of pathmap left it. */
	cr_assert_eq(sqlite3_open(path + 0, &db), SQLITE_CANTOPEN, "the directory does not exist yet");
	sqlite3_close(db);
	{
		char mk[300];

		snprintf(mk, sizeof mk, "mkdir -p '%s/sub/dir'", dir);
		cr_assert_eq(system(mk), 0);
	}
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, pm_migrations[0].sql[0], NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db,
				  "PRAGMA user_version = 1; INSERT INTO dataset (source, kind, "
				  "file_name, bytes, sha256, loaded_at) VALUES ('qcew', 'area-slice', "
				  "'x.csv', 1, 'abc', '2025-01-01T00:00:00Z')",
				  NULL, NULL, NULL),
		     SQLITE_OK);
	sqlite3_close(db);
	cr_assert_eq(pm_store_open(&st, path, PM_STORE_READ, NULL), PM_OK);
	cr_assert_eq(pm_store_schema_version(st), pm_store_latest_version());
	cr_assert_eq(count(st, "SELECT count(*) FROM dataset WHERE source = 'qcew' AND url IS NULL"),
		     1, "old rows survive, new columns are NULL");
	cr_assert_eq(count(st, "SELECT count(*) FROM series"), 0);
	cr_assert_eq(count(st, "SELECT count(*) FROM area"), 4725);
	pm_store_close(st);
}
