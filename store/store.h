#ifndef PM_STORE_STORE_H
#define PM_STORE_STORE_H
/*
 * The pathmap store: one SQLite file in WAL mode, schema version in
 * PRAGMA user_version, forward-only migrations (store/schema.c), and the
 * built-in reference tables (QCEW titles, county crosswalk, NAICS titles)
 * seeded on creation and re-seeded when a newer pathmap ships newer ones.
 *
 * Every load runs inside pm_store_begin()/pm_store_commit(); a failure or a
 * kill before the commit leaves the file as it was (SQLite rolls the WAL
 * back on the next open). docs/store.md documents the schema for users who
 * query the file with their own tools.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct pm_store;

enum pm_store_mode {
	PM_STORE_READ,	 /* the file must exist */
	PM_STORE_CREATE, /* create the file (and its directory) when missing */
};

/*
 * Open (and if needed create, migrate and seed) the store at PATH. Returns a
 * new handle; close with pm_store_close(). Fails with PM_ENOTFOUND when PATH
 * does not exist in PM_STORE_READ mode, PM_ESTORE when the file is not a
 * pathmap store, is corrupt, or was written by a newer pathmap.
 */
enum pm_status pm_store_open(struct pm_store **out, const char *path, enum pm_store_mode mode,
			     struct pm_err *err);
void pm_store_close(struct pm_store *st);

const char *pm_store_path(const struct pm_store *st);
/* The connection (borrowed), for store/ modules. */
sqlite3 *pm_store_db(struct pm_store *st);
int pm_store_schema_version(struct pm_store *st);
/* The newest schema version this build knows. */
int pm_store_latest_version(void);

/* BEGIN IMMEDIATE: one writer at a time; waits up to the busy timeout. */
enum pm_status pm_store_begin(struct pm_store *st, struct pm_err *err);
enum pm_status pm_store_commit(struct pm_store *st, struct pm_err *err);
/* Roll back if a transaction is open; safe to call when none is. */
void pm_store_rollback(struct pm_store *st);

enum pm_status pm_store_exec(struct pm_store *st, const char *sql, struct pm_err *err);
/* Prepare SQL; returns a statement the caller finalizes. */
enum pm_status pm_store_prepare(struct pm_store *st, const char *sql, sqlite3_stmt **out,
				struct pm_err *err);
/* Set ERR to PM_ESTORE with SQLite's message for the last failure, prefixed by WHAT. */
enum pm_status pm_store_fail(struct pm_store *st, struct pm_err *err, const char *what);

/* Bind helpers: text (NULL binds NULL), and a 0-terminated string of length N. */
void pm_bind_text(sqlite3_stmt *s, int i, const char *v);
void pm_bind_textn(sqlite3_stmt *s, int i, const char *v, size_t n);
/* Column as text, never NULL ("" for NULL). */
const char *pm_col_text(sqlite3_stmt *s, int i);

/* Migrations (store/schema.c). */
struct pm_migration {
	int version;
	const char *name;
	const char *const *sql; /* statements, in parts (C limits string literals), NULL-ended */
};
extern const struct pm_migration pm_migrations[];
extern const int pm_migration_count;

/* Seed or refresh built-in reference data inside an open transaction (store/reference.c). */
enum pm_status pm_store_seed_reference(struct pm_store *st, bool *changed, struct pm_err *err);

#endif
