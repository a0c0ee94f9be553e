/* The dataset provenance table (see dataset.h). */
#include "store/dataset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "core/banned.h"

#define DS_COLS                                                                           \
	"id, source, kind, file_name, member, location, bytes, sha256, year, qtr, vintage, " \
	"loaded_at, rows_read, rows_loaded, rows_suppressed, url, etag, last_modified, "      \
	"fetched_at, checked_at, request"

void pm_dataset_release(struct pm_dataset *ds)
{
	if (!ds)
		return;
	free(ds->source);
	free(ds->kind);
	free(ds->file_name);
	free(ds->member);
	free(ds->location);
	free(ds->vintage);
	free(ds->url);
	free(ds->etag);
	free(ds->last_modified);
	free(ds->request);
	memset(ds, 0, sizeof *ds);
}

static char *dup_or_null(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? NULL : pm_xstrdup(pm_col_text(s, i));
}

static void read_row(sqlite3_stmt *s, struct pm_dataset *ds)
{
	memset(ds, 0, sizeof *ds);
	ds->id = sqlite3_column_int64(s, 0);
	ds->source = pm_xstrdup(pm_col_text(s, 1));
	ds->kind = pm_xstrdup(pm_col_text(s, 2));
	ds->file_name = pm_xstrdup(pm_col_text(s, 3));
	ds->member = dup_or_null(s, 4);
	ds->location = dup_or_null(s, 5);
	ds->bytes = sqlite3_column_int64(s, 6);
	snprintf(ds->sha256, sizeof ds->sha256, "%s", pm_col_text(s, 7));
	ds->year = sqlite3_column_int(s, 8);
	snprintf(ds->qtr, sizeof ds->qtr, "%s", pm_col_text(s, 9));
	ds->vintage = dup_or_null(s, 10);
	snprintf(ds->loaded_at, sizeof ds->loaded_at, "%s", pm_col_text(s, 11));
	ds->rows_read = sqlite3_column_int64(s, 12);
	ds->rows_loaded = sqlite3_column_int64(s, 13);
	ds->rows_suppressed = sqlite3_column_int64(s, 14);
	ds->url = dup_or_null(s, 15);
	ds->etag = dup_or_null(s, 16);
	ds->last_modified = dup_or_null(s, 17);
	snprintf(ds->fetched_at, sizeof ds->fetched_at, "%s", pm_col_text(s, 18));
	snprintf(ds->checked_at, sizeof ds->checked_at, "%s", pm_col_text(s, 19));
	ds->request = dup_or_null(s, 20);
}

enum pm_status pm_dataset_insert(struct pm_store *st, struct pm_dataset *ds, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;

	pm_time_iso(time(NULL), ds->loaded_at, sizeof ds->loaded_at);
	if ((rc = pm_store_prepare(
		     st,
		     "INSERT INTO dataset (source, kind, file_name, member, location, "
		     "bytes, sha256, year, qtr, vintage, loaded_at, url, etag, last_modified, "
		     "fetched_at, checked_at, request) "
		     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULLIF(?,''),NULLIF(?,''),?)",
		     &s, err)))
		return rc;
	pm_bind_text(s, 1, ds->source);
	pm_bind_text(s, 2, ds->kind);
	pm_bind_text(s, 3, ds->file_name);
	pm_bind_text(s, 4, ds->member);
	pm_bind_text(s, 5, ds->location);
	sqlite3_bind_int64(s, 6, ds->bytes);
	pm_bind_text(s, 7, ds->sha256);
	if (ds->year)
		sqlite3_bind_int(s, 8, ds->year);
	pm_bind_text(s, 9, ds->qtr[0] ? ds->qtr : NULL);
	pm_bind_text(s, 10, ds->vintage);
	pm_bind_text(s, 11, ds->loaded_at);
	pm_bind_text(s, 12, ds->url);
	pm_bind_text(s, 13, ds->etag);
	pm_bind_text(s, 14, ds->last_modified);
	pm_bind_text(s, 15, ds->fetched_at);
	pm_bind_text(s, 16, ds->checked_at);
	pm_bind_text(s, 17, ds->request);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot record dataset");
	else
		ds->id = sqlite3_last_insert_rowid(pm_store_db(st));
	sqlite3_finalize(s);
	return rc;
}

enum pm_status pm_dataset_update(struct pm_store *st, const struct pm_dataset *ds,
				 struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;

	if ((rc = pm_store_prepare(
		     st,
		     "UPDATE dataset SET year = ?, qtr = ?, member = ?, vintage = ?, "
		     "rows_read = ?, rows_loaded = ?, rows_suppressed = ? WHERE id = ?",
		     &s, err)))
		return rc;
	if (ds->year)
		sqlite3_bind_int(s, 1, ds->year);
	pm_bind_text(s, 2, ds->qtr[0] ? ds->qtr : NULL);
	pm_bind_text(s, 3, ds->member);
	pm_bind_text(s, 4, ds->vintage);
	sqlite3_bind_int64(s, 5, ds->rows_read);
	sqlite3_bind_int64(s, 6, ds->rows_loaded);
	sqlite3_bind_int64(s, 7, ds->rows_suppressed);
	sqlite3_bind_int64(s, 8, ds->id);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot update dataset");
	sqlite3_finalize(s);
	return rc;
}

enum pm_status pm_dataset_find_sha(struct pm_store *st, const char *source, const char *sha256,
				   struct pm_dataset *out, bool *found, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	int step;

	*found = false;
	if ((rc = pm_store_prepare(st,
				   "SELECT " DS_COLS
				   " FROM dataset WHERE source = ? AND sha256 = ? "
				   "ORDER BY id DESC LIMIT 1",
				   &s, err)))
		return rc;
	pm_bind_text(s, 1, source);
	pm_bind_text(s, 2, sha256);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		read_row(s, out);
		*found = true;
	} else if (step != SQLITE_DONE) {
		rc = pm_store_fail(st, err, "cannot read datasets");
	}
	sqlite3_finalize(s);
	return rc;
}

enum pm_status pm_dataset_get(struct pm_store *st, int64_t id, struct pm_dataset *out,
			      struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	int step;

	if ((rc = pm_store_prepare(st, "SELECT " DS_COLS " FROM dataset WHERE id = ?", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, id);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		read_row(s, out);
	else if (step == SQLITE_DONE)
		rc = pm_err_set(err, PM_ENOTFOUND, "no dataset #%lld", (long long)id);
	else
		rc = pm_store_fail(st, err, "cannot read datasets");
	sqlite3_finalize(s);
	return rc;
}

enum pm_status pm_dataset_mark_checked(struct pm_store *st, int64_t id, const char *when,
				       struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;

	if ((rc = pm_store_prepare(st, "UPDATE dataset SET checked_at = ? WHERE id = ?", &s, err)))
		return rc;
	pm_bind_text(s, 1, when);
	sqlite3_bind_int64(s, 2, id);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot update dataset");
	sqlite3_finalize(s);
	return rc;
}

enum pm_status pm_dataset_find_url(struct pm_store *st, const char *url, struct pm_dataset *out,
				   bool *found, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	int step;

	*found = false;
	if ((rc = pm_store_prepare(st,
				   "SELECT " DS_COLS " FROM dataset WHERE url = ? ORDER BY id DESC "
				   "LIMIT 1",
				   &s, err)))
		return rc;
	pm_bind_text(s, 1, url);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		read_row(s, out);
		*found = true;
	} else if (step != SQLITE_DONE) {
		rc = pm_store_fail(st, err, "cannot read datasets");
	}
	sqlite3_finalize(s);
	return rc;
}

enum pm_status pm_dataset_list(struct pm_store *st, const char *where, struct pm_dataset **out,
			       size_t *n, struct pm_err *err)
{
	char *sql = pm_xstrfmt("SELECT " DS_COLS " FROM dataset%s%s ORDER BY id",
			       where ? " WHERE " : "", where ? where : "");
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	size_t alloc = 0;
	int step;

	*out = NULL;
	*n = 0;
	rc = pm_store_prepare(st, sql, &s, err);
	free(sql);
	if (rc)
		return rc;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		PM_ALLOC_GROW(*out, *n + 1, alloc);
		read_row(s, &(*out)[(*n)++]);
	}
	if (step != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot read datasets");
	sqlite3_finalize(s);
	return rc;
}

enum pm_status pm_dataset_prune(struct pm_store *st, const char *source, const char *table,
				int *pruned, struct pm_err *err)
{
	struct pm_buf sql = PM_BUF_INIT;
	sqlite3_stmt *s = NULL;
	enum pm_status rc;

	*pruned = 0;
	pm_buf_addf(&sql,
		    "DELETE FROM dataset WHERE source = ? AND NOT EXISTS "
		    "(SELECT 1 FROM %s f WHERE f.dataset_id = dataset.id)",
		    table);
	rc = pm_store_prepare(st, sql.buf, &s, err);
	pm_buf_release(&sql);
	if (rc)
		return rc;
	pm_bind_text(s, 1, source);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot prune datasets");
	else
		*pruned = sqlite3_changes(pm_store_db(st));
	sqlite3_finalize(s);
	return rc;
}
