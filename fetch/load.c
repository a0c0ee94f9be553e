/* Dataset bookkeeping shared by loaders (see load.h). */
#include "fetch/load.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "fetch/cache.h"
#include "store/store.h"
#include "core/banned.h"

enum pm_status pm_load_begin(struct pm_store *st, const char *source, const char *kind,
			     const char *path, const struct pm_import_opts *opts,
			     struct pm_import_report *rep, struct pm_load *ld, struct pm_err *err)
{
	struct pm_dataset *ds = &ld->ds;
	enum pm_status rc;
	bool found = false;

	memset(ld, 0, sizeof *ld);
	memset(rep, 0, sizeof *rep);
	rep->file = pm_xstrdup(path);
	if ((rc = pm_file_sha256(path, ds->sha256, &ds->bytes, err)))
		return rc;
	if (!(opts && opts->force)) {
		struct pm_dataset old = { 0 };

		if ((rc = pm_dataset_find_sha(st, source, ds->sha256, &old, &found, err)))
			return rc;
		if (found) {
			ld->skipped = true;
			rep->skipped = true;
			rep->dataset_id = old.id;
			rep->kind = pm_xstrdup(old.kind);
			rep->year = old.year;
			memcpy(rep->qtr, old.qtr, sizeof rep->qtr);
			rep->rows = old.rows_loaded;
			rep->suppressed = old.rows_suppressed;
			snprintf(rep->loaded_at, sizeof rep->loaded_at, "%s", old.loaded_at);
			pm_dataset_release(&old);
			return PM_OK;
		}
	}
	ds->source = pm_xstrdup(source);
	ds->kind = pm_xstrdup(kind);
	ds->file_name = pm_xstrdup(opts && opts->file_name ? opts->file_name : pm_path_base(path));
	ds->location = pm_xstrdup(opts && opts->location ? opts->location : path);
	if (opts && opts->url) {
		ds->url = pm_xstrdup(opts->url);
		ds->etag = opts->etag ? pm_xstrdup(opts->etag) : NULL;
		ds->last_modified = opts->last_modified ? pm_xstrdup(opts->last_modified) : NULL;
		ds->request = opts->request ? pm_xstrdup(opts->request) : NULL;
		snprintf(ds->fetched_at, sizeof ds->fetched_at, "%s",
			 opts->fetched_at ? opts->fetched_at : "");
		snprintf(ds->checked_at, sizeof ds->checked_at, "%s", ds->fetched_at);
	}
	return pm_dataset_insert(st, ds, err);
}

static enum pm_status exec_id(struct pm_store *st, const char *sql, int64_t id, int64_t *changes,
			      struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;

	if ((rc = pm_store_prepare(st, sql, &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot update facts");
	else if (changes)
		*changes += sqlite3_changes(pm_store_db(st));
	sqlite3_finalize(s);
	return rc;
}

enum pm_status pm_load_finish(struct pm_store *st, struct pm_load *ld, const char *const *tables,
			      const struct pm_import_opts *opts, struct pm_import_report *rep,
			      struct pm_err *err)
{
	struct pm_dataset *ds = &ld->ds;
	struct pm_buf sql = PM_BUF_INIT;
	enum pm_status rc;
	size_t i;

	if ((rc = pm_dataset_update(st, ds, err)))
		return rc;
	/* The kind may have been settled from the content. */
	pm_buf_addf(&sql, "UPDATE dataset SET kind = '%s' WHERE id = ?1", ds->kind);
	if (!strchr(ds->kind, '\'') && (rc = exec_id(st, sql.buf, ds->id, NULL, err)))
		goto out;
	for (i = 0; tables && tables[i] && opts && opts->replaces; i++) {
		pm_buf_reset(&sql);
		pm_buf_addf(&sql, "DELETE FROM %s WHERE dataset_id = ?1", tables[i]);
		if ((rc = exec_id(st, sql.buf, opts->replaces, &rep->rows_removed, err)))
			goto out;
	}
	if (tables && tables[0]) {
		/* Datasets of this source that no fact row points at any more. */
		pm_buf_reset(&sql);
		pm_buf_addf(&sql, "DELETE FROM dataset WHERE source = '%s' AND id <> ?1",
			    ds->source);
		for (i = 0; tables[i]; i++)
			pm_buf_addf(&sql,
				    " AND NOT EXISTS (SELECT 1 FROM %s f WHERE f.dataset_id = "
				    "dataset.id)",
				    tables[i]);
		if (!strchr(ds->source, '\'') && (rc = exec_id(st, sql.buf, ds->id, NULL, err)))
			goto out;
	}
	rep->dataset_id = ds->id;
	free(rep->kind);
	rep->kind = pm_xstrdup(ds->kind);
	rep->year = ds->year;
	memcpy(rep->qtr, ds->qtr, sizeof rep->qtr);
	rep->rows = ds->rows_loaded;
	rep->suppressed = ds->rows_suppressed;
	snprintf(rep->loaded_at, sizeof rep->loaded_at, "%s", ds->loaded_at);
out:
	pm_buf_release(&sql);
	return rc;
}

void pm_load_release(struct pm_load *ld)
{
	pm_dataset_release(&ld->ds);
}

enum pm_status pm_load_count(struct pm_store *st, struct pm_load *ld, const char *const *tables,
			     const char *what, struct pm_err *err)
{
	struct pm_buf sql = PM_BUF_INIT;
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	size_t i;

	pm_buf_adds(&sql, "SELECT 0");
	for (i = 0; tables[i]; i++)
		pm_buf_addf(&sql, " + (SELECT count(*) FROM %s WHERE dataset_id = ?1)", tables[i]);
	if ((rc = pm_store_prepare(st, sql.buf, &s, err)))
		goto out;
	sqlite3_bind_int64(s, 1, ld->ds.id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		ld->ds.rows_loaded = sqlite3_column_int64(s, 0);
	} else {
		pm_buf_reset(&sql);
		pm_buf_addf(&sql, "cannot count %s rows", what);
		rc = pm_store_fail(st, err, sql.buf);
	}
out:
	sqlite3_finalize(s);
	pm_buf_release(&sql);
	return rc;
}

void pm_load_set_kind(struct pm_dataset *ds, const char *kind)
{
	free(ds->kind);
	ds->kind = pm_xstrdup(kind);
}

void pm_load_set_vintage(struct pm_dataset *ds, const char *fmt, ...)
{
	struct pm_buf b = PM_BUF_INIT;
	va_list ap;

	free(ds->vintage);
	va_start(ap, fmt);
	pm_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	ds->vintage = pm_buf_detach(&b, NULL);
}
