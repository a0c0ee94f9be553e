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

#define DS_COLS                                                                                    \
	"id, source, kind, file_name, member, location, bytes, sha256, year, qtr, vintage, "       \
	"loaded_at, rows_read, rows_loaded, rows_suppressed"

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
}

enum pm_status pm_dataset_insert(struct pm_store *st, struct pm_dataset *ds, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;

	pm_time_iso(time(NULL), ds->loaded_at, sizeof ds->loaded_at);
	if ((rc = pm_store_prepare(
		     st,
		     "INSERT INTO dataset (source, kind, file_name, member, location, "
		     "bytes, sha256, year, qtr, vintage, loaded_at) "
		     "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
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
