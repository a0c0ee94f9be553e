/*
 * Opening the store: pragmas, forward-only migrations, reference seeding.
 *
 * Migrations and seeding run under BEGIN IMMEDIATE and re-read user_version
 * inside the transaction, so two processes opening a new store at once do
 * not both migrate it. busy_timeout lets a reader wait out a loader's commit
 * instead of failing with SQLITE_BUSY.
 */
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "core/banned.h"

#define BUSY_TIMEOUT_MS 30000

struct pm_store {
	sqlite3 *db;
	char *path;
	bool in_tx;
};

const char *pm_store_path(const struct pm_store *st)
{
	return st->path;
}

sqlite3 *pm_store_db(struct pm_store *st)
{
	return st->db;
}

int pm_store_latest_version(void)
{
	return pm_migrations[pm_migration_count - 1].version;
}

enum pm_status pm_store_fail(struct pm_store *st, struct pm_err *err, const char *what)
{
	int ext = sqlite3_extended_errcode(st->db);
	const char *hint = "";

	if (ext == SQLITE_FULL || ext == SQLITE_IOERR_WRITE)
		hint = " (disk full?)";
	else if ((ext & 0xff) == SQLITE_BUSY || (ext & 0xff) == SQLITE_LOCKED)
		hint = " (another pathmap is writing; try again)";
	else if ((ext & 0xff) == SQLITE_READONLY)
		hint = " (store is read-only)";
	return pm_err_set(err, PM_ESTORE, "store '%s': %s: %s%s", st->path, what,
			  sqlite3_errmsg(st->db), hint);
}

enum pm_status pm_store_exec(struct pm_store *st, const char *sql, struct pm_err *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		pm_err_set(err, PM_ESTORE, "store '%s': %s", st->path,
			   msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return PM_ESTORE;
	}
	return PM_OK;
}

enum pm_status pm_store_prepare(struct pm_store *st, const char *sql, sqlite3_stmt **out,
				struct pm_err *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK) {
		*out = NULL;
		return pm_store_fail(st, err, "cannot prepare statement");
	}
	return PM_OK;
}

void pm_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

void pm_bind_textn(sqlite3_stmt *s, int i, const char *v, size_t n)
{
	sqlite3_bind_text(s, i, v, (int)n, SQLITE_TRANSIENT);
}

const char *pm_col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

enum pm_status pm_store_begin(struct pm_store *st, struct pm_err *err)
{
	enum pm_status rc = pm_store_exec(st, "BEGIN IMMEDIATE", err);

	if (!rc)
		st->in_tx = true;
	return rc;
}

enum pm_status pm_store_commit(struct pm_store *st, struct pm_err *err)
{
	enum pm_status rc = pm_store_exec(st, "COMMIT", err);

	if (rc) {
		pm_store_rollback(st);
		return pm_err_prefix(err, "cannot commit");
	}
	st->in_tx = false;
	return PM_OK;
}

void pm_store_rollback(struct pm_store *st)
{
	if (st && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	if (st)
		st->in_tx = false;
}

int pm_store_schema_version(struct pm_store *st)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static bool has_tables(struct pm_store *st)
{
	sqlite3_stmt *s;
	bool yes = false;

	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_master LIMIT 1", -1, &s, NULL) !=
	    SQLITE_OK)
		return false;
	yes = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return yes;
}

static enum pm_status migrate(struct pm_store *st, struct pm_err *err)
{
	enum pm_status rc;
	int v, i, k;
	bool changed = false;

	if ((rc = pm_store_begin(st, err)))
		return rc;
	v = pm_store_schema_version(st);
	if (v < 0) {
		rc = pm_store_fail(st, err, "cannot read schema version (not a SQLite file?)");
		goto fail;
	}
	if (v == 0 && has_tables(st)) {
		rc = pm_err_set(err, PM_ESTORE, "'%s' is a SQLite database but not a pathmap store",
				st->path);
		goto fail;
	}
	if (v > pm_store_latest_version()) {
		rc = pm_err_set(
			err, PM_ESTORE,
			"store '%s' has schema version %d, newer than this pathmap knows (%d); "
			"upgrade pathmap",
			st->path, v, pm_store_latest_version());
		goto fail;
	}
	for (i = 0; i < pm_migration_count; i++) {
		char sql[64];

		if (pm_migrations[i].version <= v)
			continue;
		for (k = 0; pm_migrations[i].sql[k]; k++) {
			rc = pm_store_exec(st, pm_migrations[i].sql[k], err);
			if (rc) {
				pm_err_prefix(err, "migration %d (%s) failed",
					      pm_migrations[i].version, pm_migrations[i].name);
				goto fail;
			}
		}
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", pm_migrations[i].version);
		if ((rc = pm_store_exec(st, sql, err)))
			goto fail;
		pm_debug("store: applied migration %d (%s)", pm_migrations[i].version,
			 pm_migrations[i].name);
	}
	if ((rc = pm_store_seed_reference(st, &changed, err)))
		goto fail;
	return pm_store_commit(st, err);
fail:
	pm_store_rollback(st);
	return rc;
}

static bool file_exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

static bool looks_like_sqlite(const char *path)
{
	char hdr[16];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return true; /* let SQLite report the real problem */
	n = fread(hdr, 1, sizeof hdr, f);
	fclose(f);
	return n == 0 || (n == 16 && !memcmp(hdr, "SQLite format 3", 16));
}

enum pm_status pm_store_open(struct pm_store **out, const char *path, enum pm_store_mode mode,
			     struct pm_err *err)
{
	struct pm_store *st;
	enum pm_status rc;
	int flags = SQLITE_OPEN_READWRITE;

	*out = NULL;
	if (!file_exists(path)) {
		char *dir;

		if (mode == PM_STORE_READ)
			return pm_err_set(err, PM_ENOTFOUND,
					  "no store at '%s': load data first with 'pathmap import' "
					  "(or set --db / PATHMAP_DB)",
					  path);
		dir = pm_path_dir(path);
		rc = pm_path_mkdirs(dir, err);
		free(dir);
		if (rc)
			return pm_err_prefix(err, "cannot create store '%s'", path);
		flags |= SQLITE_OPEN_CREATE;
	} else if (!looks_like_sqlite(path)) {
		return pm_err_set(err, PM_ESTORE, "'%s' is not a pathmap store (not a SQLite file)",
				  path);
	}
	st = pm_xcalloc(1, sizeof *st);
	st->path = pm_xstrdup(path);
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		rc = pm_err_set(err, PM_ESTORE, "cannot open store '%s': %s", path,
				st->db ? sqlite3_errmsg(st->db) : "out of memory");
		pm_store_close(st);
		return rc;
	}
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(st->db, 1);
	/* WAL keeps readers working during a load; NORMAL is crash-safe in WAL mode. */
	if ((rc = pm_store_exec(st,
				"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
				"PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;",
				err)) ||
	    (rc = migrate(st, err))) {
		pm_store_close(st);
		return rc;
	}
	*out = st;
	return PM_OK;
}

void pm_store_close(struct pm_store *st)
{
	if (!st)
		return;
	pm_store_rollback(st);
	if (st->db)
		sqlite3_close_v2(st->db);
	free(st->path);
	free(st);
}
