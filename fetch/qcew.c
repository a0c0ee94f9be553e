/*
 * Importing QCEW files into the store (layouts in qcew_layout.c, facts in
 * store/qcew.c). One dataset row per file; a zip's CSV members are read as
 * streams, never unpacked to disk. The caller owns the transaction.
 *
 * Idempotence: a file whose SHA-256 matches a loaded dataset is skipped
 * (unless forced); overlapping files replace rows cell by cell, and
 * datasets left with no rows are pruned, so provenance names the file each
 * number came from now.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/log.h"
#include "core/path.h"
#include "core/progress.h"
#include "core/reader.h"
#include "core/sha256.h"
#include "core/strmap.h"
#include "core/xalloc.h"
#include "core/zip.h"
#include "fetch/cache.h"
#include "fetch/qcew.h"
#include "store/dataset.h"
#include "store/reference.h"
#include "store/store.h"
#include "store/titles.h"
#include "core/banned.h"

/* Accumulates what a file held, for the dataset row and the report. */
struct tally {
	struct pm_strmap areas, industries;
	int year; /* -1 before the first row, 0 when several */
	char qtr[2];
	bool mixed_qtr;
};

static void tally_row(struct tally *t, const struct pm_qcew_row *r)
{
	pm_strmap_put(&t->areas, r->area, 0);
	pm_strmap_put(&t->industries, r->industry, 0);
	if (t->year == -1) {
		t->year = r->year;
		memcpy(t->qtr, r->qtr, 2);
	} else {
		if (t->year != r->year)
			t->year = 0;
		if (strcmp(t->qtr, r->qtr))
			t->mixed_qtr = true;
	}
}

static const char *first_key(const struct pm_strmap *m)
{
	const char *best = NULL;
	size_t i;

	for (i = 0; i < m->cap; i++)
		if (m->keys[i] && (!best || strcmp(m->keys[i], best) < 0))
			best = m->keys[i];
	return best;
}

/* Reject HTML error pages and binary files before trying to read a header. */
static enum pm_status sniff(struct pm_csv *csv, struct pm_err *err)
{
	size_t n, i = 0;
	const char *h = pm_csv_head(csv, &n);

	while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n'))
		i++;
	if (i < n && h[i] == '<')
		return pm_err_set(err, PM_EDATA,
				  "%s:1: an HTML or XML page, not a CSV (an error page saved in "
				  "place of the data?)",
				  pm_csv_name(csv));
	if (n >= 2 && (unsigned char)h[0] == 0x1f && (unsigned char)h[1] == 0x8b)
		return pm_err_set(err, PM_EDATA, "%s:1: gzip-compressed data; decompress it first",
				  pm_csv_name(csv));
	if (memchr(h, '\0', n))
		return pm_err_set(err, PM_EDATA, "%s:1: binary data, not a CSV", pm_csv_name(csv));
	return PM_OK;
}

static void add_titles(struct pm_store *st, const struct pm_qcew_layout *lay, struct pm_csv *csv,
		       const struct pm_qcew_row *r, sqlite3_stmt **stmts)
{
	static const char *const sql[PM_QT_N] = {
		"INSERT OR IGNORE INTO area (area_fips, area_title, area_type) VALUES (?,?,?)",
		"INSERT OR IGNORE INTO ownership (own_code, own_title) VALUES (?,?)",
		("INSERT OR IGNORE INTO industry (industry_code, industry_title, title)"
		 " VALUES (?,?,?)"),
		"INSERT OR IGNORE INTO agglevel (agglvl_code, agglvl_title) VALUES (?,?)",
		"INSERT OR IGNORE INTO size_class (size_code, size_title) VALUES (?,?)",
	};
	const char *code[PM_QT_N] = { r->area, r->own, r->industry, r->agglvl, r->size };
	int k;

	for (k = 0; k < PM_QT_N; k++) {
		const char *title;

		if (lay->title[k] < 0)
			continue;
		title = pm_csv_field(csv, (size_t)lay->title[k], NULL);
		if (!*title)
			continue;
		if (!stmts[k] && pm_store_prepare(st, sql[k], &stmts[k], NULL))
			continue;
		sqlite3_reset(stmts[k]);
		pm_bind_text(stmts[k], 1, code[k]);
		pm_bind_text(stmts[k], 2, title);
		if (k == PM_QT_AREA) {
			pm_bind_text(stmts[k], 3, pm_area_type(code[k], title));
		} else if (k == PM_QT_INDUSTRY) {
			char *clean = pm_industry_title_clean(code[k], title);

			pm_bind_text(stmts[k], 3, clean);
			free(clean);
		}
		sqlite3_step(stmts[k]);
	}
}

/* The rows of one CSV stream, as a pm_qcew_next_fn for the bulk writer. */
struct row_source {
	struct pm_store *st; /* for title tables; NULL when the file has none */
	struct pm_csv *csv;
	const struct pm_qcew_layout *lay;
	struct pm_dataset *ds;
	struct tally *t;
	sqlite3_stmt *title_stmts[PM_QT_N];
	int repaired;
	struct pm_qcew_row row;
};

static enum pm_status next_row(void *ctx, const struct pm_qcew_row **row, struct pm_err *err)
{
	struct row_source *src = ctx;
	enum pm_status rc;
	bool eof;

	*row = NULL;
	if ((rc = pm_csv_next_row(src->csv, &eof, err)) || eof)
		return rc;
	src->ds->rows_read++;
	if ((rc = pm_qcew_parse_row(src->lay, src->csv, &src->row, &src->repaired, err)))
		return rc;
	if (src->st)
		add_titles(src->st, src->lay, src->csv, &src->row, src->title_stmts);
	tally_row(src->t, &src->row);
	src->ds->rows_loaded++;
	if (src->row.disclosure[0] == 'N')
		src->ds->rows_suppressed++;
	*row = &src->row;
	return PM_OK;
}

/*
 * Load the QCEW data rows of one CSV stream (header read) under dataset DS.
 * A file without title columns (the singlefiles, every large file BLS
 * publishes) is parsed on a second thread while this one writes.
 */
static enum pm_status load_data(struct pm_store *st, struct pm_csv *csv,
				const struct pm_qcew_layout *lay, struct pm_dataset *ds,
				struct tally *t, struct pm_import_report *rep, struct pm_err *err)
{
	struct row_source src = { .csv = csv, .lay = lay, .ds = ds, .t = t };
	struct pm_qcew_writer *w = NULL;
	struct pm_qcew_pipe *pipe = NULL;
	enum pm_status rc;
	int64_t before = ds->rows_loaded;
	bool titles = false;
	int k;

	for (k = 0; k < PM_QT_N; k++)
		titles |= lay->title[k] >= 0;
	if (titles)
		src.st = st;
	if ((rc = pm_qcew_writer_new(st, ds->id, &w, err)))
		return rc;
	if (titles) {
		rc = pm_qcew_writer_load(w, next_row, &src, err);
	} else if (!(rc = pm_qcew_pipe_start(&pipe, next_row, &src, err))) {
		rc = pm_qcew_writer_load(w, pm_qcew_pipe_next, pipe, err);
		pm_qcew_pipe_free(pipe); /* joins: SRC is ours again */
	}
	if (!rc && ds->rows_loaded == before)
		rc = pm_err_set(err, PM_EDATA, "%s:2: a QCEW header but no data rows",
				pm_csv_name(csv));
	rep->repaired += src.repaired;
	if (src.repaired)
		pm_warn("%s: restored the leading zero of %d area codes", pm_csv_name(csv),
			src.repaired);
	for (k = 0; k < PM_QT_N; k++)
		sqlite3_finalize(src.title_stmts[k]);
	pm_qcew_writer_free(w);
	return rc;
}

/* Load one CSV stream (takes ownership of RD). *KIND receives what it was. */
static enum pm_status load_stream(struct pm_store *st, struct pm_reader *rd,
				  const struct pm_import_opts *opts, struct pm_dataset *ds,
				  struct tally *t, struct pm_import_report *rep, const char **kind,
				  struct pm_err *err)
{
	struct pm_qcew_layout lay;
	struct pm_csv *csv = NULL;
	enum pm_status rc;
	const char *ref;

	rd->progress = opts ? opts->progress : NULL;
	if ((rc = pm_csv_open(&csv, rd, NULL, err)))
		return rc;
	rc = pm_csv_read_header(csv, err);
	{
		/* A saved error page explains a failure better than a parse error does. */
		struct pm_err serr = PM_ERR_INIT;

		if (sniff(csv, &serr)) {
			if (err)
				*err = serr;
			rc = PM_EDATA;
		}
	}
	if (rc)
		goto cleanup;
	ref = pm_reference_kind(csv);
	if (ref) {
		*kind = ref;
		rc = pm_reference_load(st, ref, csv, ds, err);
		if (!rc && !ds->rows_loaded)
			rc = pm_err_set(err, PM_EDATA, "'%s' has a header but no rows",
					pm_csv_name(csv));
		goto cleanup;
	}
	if ((rc = pm_qcew_layout_detect(csv, &lay, err)))
		goto cleanup;
	*kind = NULL;
	rc = load_data(st, csv, &lay, ds, t, rep, err);
cleanup:
	if (!rc && pm_csv_transcoded(csv))
		pm_warn("%s: %llu fields were not UTF-8 and were read as Windows-1252",
			pm_csv_name(csv), (unsigned long long)pm_csv_transcoded(csv));
	pm_csv_free(csv);
	return rc;
}

/*
 * After a newer copy of a file loaded, the rows of the superseded dataset
 * that the new copy did not replace are cells BLS no longer publishes.
 */
static enum pm_status drop_superseded(struct pm_store *st, int64_t old, int64_t *removed,
				      struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;

	if ((rc = pm_store_prepare(st, "DELETE FROM qcew WHERE dataset_id = ?", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, old);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot remove superseded rows");
	else
		*removed = sqlite3_changes(pm_store_db(st));
	sqlite3_finalize(s);
	return rc;
}

/* Fill REP's dataset fields from DS. */
static void report_dataset(struct pm_import_report *rep, const struct pm_dataset *ds)
{
	rep->dataset_id = ds->id;
	rep->kind = pm_xstrdup(ds->kind);
	rep->year = ds->year;
	memcpy(rep->qtr, ds->qtr, 2);
	rep->rows = ds->rows_loaded;
	rep->suppressed = ds->rows_suppressed;
	snprintf(rep->loaded_at, sizeof rep->loaded_at, "%s", ds->loaded_at);
}

static bool is_csv_name(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && !strcasecmp(name + n - 4, ".csv");
}

static const char *data_kind(const struct tally *t, const char *path)
{
	if (strstr(pm_path_base(path), "singlefile"))
		return "singlefile";
	if (t->areas.n == 1)
		return "area-slice";
	if (t->industries.n == 1)
		return "industry-slice";
	return "multi-area";
}

enum pm_status pm_qcew_import(struct pm_store *st, const char *path,
			      const struct pm_import_opts *opts, struct pm_import_report *rep,
			      struct pm_err *err)
{
	struct pm_dataset ds = { 0 }, old = { 0 };
	struct tally t = { PM_STRMAP_INIT, PM_STRMAP_INIT, -1, "", false };
	struct pm_buf members = PM_BUF_INIT;
	struct pm_zip *zip = NULL;
	const char *kind = NULL;
	enum pm_status rc;
	bool found = false;
	int pruned = 0;

	memset(rep, 0, sizeof *rep);
	rep->file = pm_xstrdup(path);
	if ((rc = pm_file_sha256(path, ds.sha256, &ds.bytes, err)))
		goto cleanup;
	if ((rc = pm_dataset_find_sha(st, "qcew", ds.sha256, &old, &found, err)))
		goto cleanup;
	if (!found && (rc = pm_dataset_find_sha(st, "reference", ds.sha256, &old, &found, err)))
		goto cleanup;
	if (found && !(opts && opts->force)) {
		rep->skipped = true;
		report_dataset(rep, &old);
		goto cleanup;
	}
	ds.source = pm_xstrdup("qcew");
	ds.kind = pm_xstrdup("pending");
	ds.file_name = pm_xstrdup(opts && opts->file_name ? opts->file_name : pm_path_base(path));
	ds.location = pm_xstrdup(opts && opts->location ? opts->location : path);
	if (opts && opts->url) {
		ds.url = pm_xstrdup(opts->url);
		ds.etag = opts->etag ? pm_xstrdup(opts->etag) : NULL;
		ds.last_modified = opts->last_modified ? pm_xstrdup(opts->last_modified) : NULL;
		ds.request = opts->request ? pm_xstrdup(opts->request) : NULL;
		snprintf(ds.fetched_at, sizeof ds.fetched_at, "%s",
			 opts->fetched_at ? opts->fetched_at : "");
		snprintf(ds.checked_at, sizeof ds.checked_at, "%s", ds.fetched_at);
	}
	if ((rc = pm_dataset_insert(st, &ds, err)))
		goto cleanup;

	if (pm_is_zip_file(path)) {
		size_t i, ncsv = 0;

		if ((rc = pm_zip_open(&zip, path, err)))
			goto cleanup;
		for (i = 0; i < pm_zip_count(zip); i++) {
			struct pm_reader *rd;
			const char *k = NULL;

			if (pm_zip_is_dir(zip, i) || !is_csv_name(pm_zip_name(zip, i)))
				continue;
			if ((rc = pm_zip_open_member(zip, i, &rd, err)) ||
			    (rc = load_stream(st, rd, opts, &ds, &t, rep, &k, err)))
				goto cleanup;
			if (k) {
				rc = pm_err_set(err, PM_EDATA,
						"'%s:%s' is a title table; import title tables as "
						"plain CSV files",
						path, pm_zip_name(zip, i));
				goto cleanup;
			}
			pm_buf_addf(&members, "%s%s", ncsv++ ? ";" : "", pm_zip_name(zip, i));
		}
		if (!ncsv) {
			rc = pm_err_set(err, PM_EDATA, "zip archive '%s' holds no CSV file", path);
			goto cleanup;
		}
		ds.member = pm_buf_detach(&members, NULL);
	} else {
		struct pm_reader *rd;

		if ((rc = pm_reader_open_file(&rd, path, err)) ||
		    (rc = load_stream(st, rd, opts, &ds, &t, rep, &kind, err)))
			goto cleanup;
	}
	pm_progress_finish(opts ? opts->progress : NULL);

	free(ds.kind);
	ds.kind = pm_xstrdup(kind ? kind : data_kind(&t, path));
	if (!kind) {
		ds.year = t.year > 0 ? t.year : 0;
		if (!t.mixed_qtr)
			memcpy(ds.qtr, t.qtr, 2);
	}
	if ((rc = pm_dataset_update(st, &ds, err)))
		goto cleanup;
	{
		/* Kind (and source, for title tables) are known once the content was read. */
		sqlite3_stmt *s;

		if ((rc = pm_store_prepare(
			     st, "UPDATE dataset SET kind = ?, source = ? WHERE id = ?", &s, err)))
			goto cleanup;
		pm_bind_text(s, 1, ds.kind);
		pm_bind_text(s, 2, kind ? "reference" : "qcew");
		sqlite3_bind_int64(s, 3, ds.id);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = pm_store_fail(st, err, "cannot update dataset");
		sqlite3_finalize(s);
		if (rc)
			goto cleanup;
	}
	if (!kind && opts && opts->replaces &&
	    (rc = drop_superseded(st, opts->replaces, &rep->rows_removed, err)))
		goto cleanup;
	if (!kind && (rc = pm_dataset_prune(st, "qcew", "qcew", &pruned, err)))
		goto cleanup;
	if (pruned)
		pm_info("%d earlier dataset(s) fully replaced by '%s'", pruned, path);

	report_dataset(rep, &ds);
	rep->nareas = (int64_t)t.areas.n;
	rep->nindustries = (int64_t)t.industries.n;
	if (t.areas.n)
		rep->first_area = pm_xstrdup(first_key(&t.areas));
	if (t.industries.n)
		rep->first_industry = pm_xstrdup(first_key(&t.industries));
	if (ds.member)
		rep->members = pm_xstrdup(ds.member);
cleanup:
	pm_progress_finish(opts ? opts->progress : NULL);
	pm_zip_free(zip);
	pm_buf_release(&members);
	pm_strmap_release(&t.areas);
	pm_strmap_release(&t.industries);
	pm_dataset_release(&ds);
	pm_dataset_release(&old);
	return rc;
}
