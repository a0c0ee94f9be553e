/*
 * QCEW facts: the writer (see qcew.h).
 *
 * Two ways in. pm_qcew_writer_put() runs one prepared INSERT per row. The
 * bulk path, pm_qcew_writer_load(), hands SQLite the rows through an
 * eponymous virtual table, pm_qcew_rows, and runs one
 * INSERT ... SELECT ... FROM pm_qcew_rows per batch of rows. That is what
 * makes a national file load fast: a statement per row costs a reset, a
 * statement savepoint and 47 binds, and its fresh cursor seeks the primary
 * key from the root, while one long statement keeps its cursor on the last
 * page it wrote and appends rows that arrive in key order (BLS sorts its
 * files by area, ownership and industry, the table's key order within a
 * period) without a seek.
 *
 * Batches bound the statement journal: a multi-row INSERT that may abort
 * keeps the original of every existing page it changes until it ends, which
 * for a store already holding other years is one page or two per area.
 *
 * The transaction is the caller's: the rows are part of it and go if it is
 * rolled back, so a failed or killed load leaves the store as it was.
 */
#include "store/qcew.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "core/banned.h"

/* Key columns: area, year, qtr, own, industry, size, agglvl, dataset, 3 disclosure codes. */
#define NKEYS	    11
#define BULK_BATCH  65536 /* rows per INSERT ... SELECT */
#define MODULE_NAME "pm_qcew_rows"

struct pm_qcew_writer {
	struct pm_store *st;
	sqlite3_stmt *ins;  /* one row, bound parameters */
	sqlite3_stmt *bulk; /* INSERT ... SELECT FROM pm_qcew_rows */
	int64_t dataset_id;
	/* The bulk source while pm_qcew_writer_load() runs. */
	pm_qcew_next_fn next;
	void *ctx;
	const struct pm_qcew_row *row; /* the current row (the source's) */
	size_t batch_left;	       /* rows the current statement may still take */
	bool src_eof;		       /* the source has no more rows */
	enum pm_status src_rc;	       /* the source's failure, with src_err */
	struct pm_err src_err;
	bool registered; /* the module is registered with W as its data */
};

/* The column list of every INSERT, in the order of the virtual table's columns. */
static void add_columns(struct pm_buf *sql)
{
	int m;

	pm_buf_adds(sql, "area_fips, year, qtr, own_code, industry_code, size_code, agglvl_code, "
			 "dataset_id, disclosure_code, lq_disclosure_code, oty_disclosure_code");
	for (m = 0; m < PM_Q_NMEASURES; m++)
		pm_buf_addf(sql, ", %s", pm_qcew_measures[m].column);
}

/* ---- the pm_qcew_rows virtual table ---- */

struct rows_cursor {
	sqlite3_vtab_cursor base;
	struct pm_qcew_writer *w;
	sqlite3_int64 n; /* rows handed out (the rowid) */
	bool eof;
};

struct rows_vtab {
	sqlite3_vtab base;
	struct pm_qcew_writer *w;
};

static int rows_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
			sqlite3_vtab **out, char **errmsg)
{
	struct pm_buf sql = PM_BUF_INIT;
	struct rows_vtab *t;
	int rc;

	(void)argc;
	(void)argv;
	(void)errmsg;
	pm_buf_adds(&sql, "CREATE TABLE x(");
	add_columns(&sql);
	pm_buf_adds(&sql, ")");
	rc = sqlite3_declare_vtab(db, sql.buf);
	pm_buf_release(&sql);
	if (rc != SQLITE_OK)
		return rc;
	/* Only pathmap's own statements may read it, never a view or trigger. */
	sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
	t = pm_xcalloc(1, sizeof *t);
	t->w = aux;
	*out = &t->base;
	return SQLITE_OK;
}

static int rows_disconnect(sqlite3_vtab *vt)
{
	free(vt);
	return SQLITE_OK;
}

static int rows_best_index(sqlite3_vtab *vt, sqlite3_index_info *info)
{
	(void)vt;
	info->estimatedCost = 1e9;
	info->estimatedRows = 1000000000;
	return SQLITE_OK;
}

static int rows_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
	struct rows_cursor *c = pm_xcalloc(1, sizeof *c);

	c->w = ((struct rows_vtab *)vt)->w;
	*out = &c->base;
	return SQLITE_OK;
}

static int rows_close(sqlite3_vtab_cursor *cur)
{
	free(cur);
	return SQLITE_OK;
}

/* Pull the next row from the source, unless the batch or the source is done. */
static int rows_next(sqlite3_vtab_cursor *cur)
{
	struct rows_cursor *c = (struct rows_cursor *)cur;
	struct pm_qcew_writer *w = c->w;

	if (!w->next || w->src_eof || w->src_rc || !w->batch_left) {
		c->eof = true;
		return SQLITE_OK;
	}
	w->src_rc = w->next(w->ctx, &w->row, &w->src_err);
	if (w->src_rc) {
		/* The message SQLite keeps is not used: pm_qcew_writer_load() reports src_err. */
		cur->pVtab->zErrMsg = sqlite3_mprintf("%s", w->src_err.msg);
		c->eof = true;
		return SQLITE_ERROR;
	}
	if (!w->row) {
		w->src_eof = true;
		c->eof = true;
		return SQLITE_OK;
	}
	w->batch_left--;
	c->n++;
	return SQLITE_OK;
}

static int rows_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr, int argc,
		       sqlite3_value **argv)
{
	(void)idx;
	(void)idxstr;
	(void)argc;
	(void)argv;
	((struct rows_cursor *)cur)->eof = false;
	return rows_next(cur);
}

static int rows_eof(sqlite3_vtab_cursor *cur)
{
	return ((struct rows_cursor *)cur)->eof;
}

static int rows_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i)
{
	const struct pm_qcew_writer *w = ((struct rows_cursor *)cur)->w;
	const struct pm_qcew_row *r = w->row;
	static const size_t text_off[NKEYS] = {
		offsetof(struct pm_qcew_row, area),
		0,
		offsetof(struct pm_qcew_row, qtr),
		offsetof(struct pm_qcew_row, own),
		offsetof(struct pm_qcew_row, industry),
		offsetof(struct pm_qcew_row, size),
		offsetof(struct pm_qcew_row, agglvl),
		0,
		offsetof(struct pm_qcew_row, disclosure),
		offsetof(struct pm_qcew_row, lq_disclosure),
		offsetof(struct pm_qcew_row, oty_disclosure),
	};
	int m;

	if (i == 1) {
		sqlite3_result_int(ctx, r->year);
	} else if (i == 7) {
		sqlite3_result_int64(ctx, w->dataset_id);
	} else if (i < NKEYS) {
		const char *s = (const char *)r + text_off[i];

		/* Static: the row outlives the record SQLite builds from it (see next_fn). */
		sqlite3_result_text(ctx, s, (int)strlen(s), SQLITE_STATIC);
	} else {
		m = i - NKEYS;
		if (!r->has[m])
			sqlite3_result_null(ctx);
		else if (pm_qcew_measures[m].real)
			sqlite3_result_double(ctx, r->v[m].d);
		else
			sqlite3_result_int64(ctx, r->v[m].i);
	}
	return SQLITE_OK;
}

static int rows_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = ((struct rows_cursor *)cur)->n;
	return SQLITE_OK;
}

static const sqlite3_module rows_module = {
	.iVersion = 0,
	.xCreate = NULL, /* eponymous-only: no CREATE VIRTUAL TABLE, nothing in the schema */
	.xConnect = rows_connect,
	.xBestIndex = rows_best_index,
	.xDisconnect = rows_disconnect,
	.xDestroy = rows_disconnect,
	.xOpen = rows_open,
	.xClose = rows_close,
	.xFilter = rows_filter,
	.xNext = rows_next,
	.xEof = rows_eof,
	.xColumn = rows_column,
	.xRowid = rows_rowid,
};

/* ---- writer ---- */

enum pm_status pm_qcew_writer_new(struct pm_store *st, int64_t dataset_id,
				  struct pm_qcew_writer **out, struct pm_err *err)
{
	struct pm_buf sql = PM_BUF_INIT;
	struct pm_qcew_writer *w;
	enum pm_status rc;
	int m;

	*out = NULL;
	w = pm_xcalloc(1, sizeof *w);
	w->st = st;
	w->dataset_id = dataset_id;
	pm_buf_adds(&sql, "INSERT OR REPLACE INTO qcew (");
	add_columns(&sql);
	pm_buf_adds(&sql, ") VALUES (?");
	for (m = 1; m < NKEYS + PM_Q_NMEASURES; m++)
		pm_buf_adds(&sql, ",?");
	pm_buf_adds(&sql, ")");
	if ((rc = pm_store_prepare(st, sql.buf, &w->ins, err)))
		goto fail;
	if (sqlite3_create_module_v2(pm_store_db(st), MODULE_NAME, &rows_module, w, NULL) !=
	    SQLITE_OK) {
		rc = pm_store_fail(st, err, "cannot register the QCEW row source");
		goto fail;
	}
	w->registered = true;
	pm_buf_reset(&sql);
	pm_buf_adds(&sql, "INSERT OR REPLACE INTO qcew (");
	add_columns(&sql);
	pm_buf_adds(&sql, ") SELECT * FROM " MODULE_NAME);
	if ((rc = pm_store_prepare(st, sql.buf, &w->bulk, err)))
		goto fail;
	pm_buf_release(&sql);
	*out = w;
	return PM_OK;
fail:
	pm_buf_release(&sql);
	pm_qcew_writer_free(w);
	return rc;
}

enum pm_status pm_qcew_writer_put(struct pm_qcew_writer *w, const struct pm_qcew_row *r,
				  struct pm_err *err)
{
	sqlite3_stmt *s = w->ins;
	int m;

	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, r->area, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, r->year);
	sqlite3_bind_text(s, 3, r->qtr, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, r->own, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, r->industry, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, r->size, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, r->agglvl, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 8, w->dataset_id);
	sqlite3_bind_text(s, 9, r->disclosure, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, r->lq_disclosure, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, r->oty_disclosure, -1, SQLITE_STATIC);
	for (m = 0; m < PM_Q_NMEASURES; m++) {
		int i = NKEYS + 1 + m;

		if (!r->has[m])
			sqlite3_bind_null(s, i);
		else if (pm_qcew_measures[m].real)
			sqlite3_bind_double(s, i, r->v[m].d);
		else
			sqlite3_bind_int64(s, i, r->v[m].i);
	}
	if (sqlite3_step(s) != SQLITE_DONE)
		return pm_store_fail(w->st, err, "cannot store QCEW row");
	return PM_OK;
}

enum pm_status pm_qcew_writer_load(struct pm_qcew_writer *w, pm_qcew_next_fn next, void *ctx,
				   struct pm_err *err)
{
	enum pm_status rc = PM_OK;

	w->next = next;
	w->ctx = ctx;
	w->src_eof = false;
	w->src_rc = PM_OK;
	while (!w->src_eof) {
		int step;

		w->batch_left = BULK_BATCH;
		step = sqlite3_step(w->bulk);
		if (w->src_rc) {
			rc = w->src_rc;
			if (err)
				*err = w->src_err;
		} else if (step != SQLITE_DONE) {
			rc = pm_store_fail(w->st, err, "cannot store QCEW rows");
		}
		sqlite3_reset(w->bulk);
		if (rc)
			break;
	}
	w->next = NULL;
	w->ctx = NULL;
	return rc;
}

void pm_qcew_writer_free(struct pm_qcew_writer *w)
{
	if (!w)
		return;
	sqlite3_finalize(w->ins);
	sqlite3_finalize(w->bulk);
	/* The module points at W: remove it with W. */
	if (w->registered)
		sqlite3_create_module_v2(pm_store_db(w->st), MODULE_NAME, NULL, NULL, NULL);
	free(w);
}
