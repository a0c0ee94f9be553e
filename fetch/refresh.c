/* Refresh (see refresh.h). */
#include "fetch/refresh.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/embed.h"
#include "core/log.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "fetch/cache.h"
#include "store/dataset.h"
#include "store/store.h"
#include "core/banned.h"

void pm_refresh_result_release(struct pm_refresh_result *res)
{
	size_t i;

	for (i = 0; i < res->n; i++) {
		free(res->items[i].label);
		free(res->items[i].url);
		free(res->items[i].location);
	}
	free(res->items);
	memset(res, 0, sizeof *res);
}

/* Seconds since an ISO 8601 UTC time stamp; a large number when it cannot be read. */
static double age_seconds(const char *iso)
{
	time_t t = pm_time_parse_iso(iso);

	return t < 0 ? 1e12 : difftime(time(NULL), t);
}

static bool builtin(const struct pm_dataset *ds)
{
	return !strcmp(ds->source, "reference") && !ds->url && ds->location &&
	       pm_embedded_find(ds->location);
}

static struct pm_refresh_item *add_item(struct pm_refresh_result *res, const struct pm_dataset *ds)
{
	struct pm_refresh_item *it;

	res->items = pm_xrealloc(res->items, (res->n + 1) * sizeof *res->items);
	it = &res->items[res->n++];
	memset(it, 0, sizeof *it);
	it->dataset_id = ds->id;
	it->url = ds->url ? pm_xstrdup(ds->url) : NULL;
	it->location = ds->location ? pm_xstrdup(ds->location) : NULL;
	it->label = pm_xstrdup(ds->url ? ds->url : ds->location ? ds->location : ds->file_name);
	return it;
}

/* Re-read a local import when its file changed. */
static void refresh_local(struct pm_store *st, const struct pm_dataset *ds,
			  struct pm_refresh_item *it)
{
	const struct pm_source *src =
		pm_source_find(!strcmp(ds->source, "reference") ? "qcew" : ds->source);
	struct pm_import_opts io = { 0 };
	struct pm_import_report rep;
	struct pm_err e = PM_ERR_INIT;
	char sha[65], now[32];
	int64_t bytes;

	memset(&rep, 0, sizeof rep);
	if (pm_file_sha256(ds->location, sha, &bytes, &e)) {
		it->out.state = PM_FETCH_FAILED;
		it->out.err = e;
		pm_err_prefix(&it->out.err, "cannot re-check local file");
		return;
	}
	it->out.dataset_id = ds->id;
	it->out.rows = ds->rows_loaded;
	if (!strcmp(sha, ds->sha256)) {
		it->out.state = PM_FETCH_UNCHANGED;
		pm_time_iso(time(NULL), now, sizeof now);
		pm_dataset_mark_checked(st, ds->id, now, NULL);
		return;
	}
	if (!src || !src->import) {
		it->out.state = PM_FETCH_FAILED;
		pm_err_set(&it->out.err, PM_EDATA, "'%s': no loader for source '%s'", ds->location,
			   ds->source);
		return;
	}
	io.replaces = strcmp(ds->source, "reference") ? ds->id : 0;
	if (pm_source_import_file(st, src, ds->location, &io, &rep, &e)) {
		it->out.state = PM_FETCH_FAILED;
		it->out.err = e;
	} else {
		it->out.state = PM_FETCH_UPDATED;
		it->out.dataset_id = rep.dataset_id;
		it->out.old_dataset_id = ds->id;
		it->out.rows = rep.rows;
		it->out.rows_removed = rep.rows_removed;
		it->out.rows_added = rep.rows - (ds->rows_loaded - rep.rows_removed);
		if (it->out.rows_added < 0)
			it->out.rows_added = 0;
	}
	pm_import_report_release(&rep);
}

enum pm_status pm_refresh(struct pm_store *st, const struct pm_refresh_opts *o,
			  struct pm_refresh_result *res, struct pm_err *err)
{
	struct pm_dataset *ds = NULL;
	struct pm_fetch_spec *specs = NULL;
	struct pm_fetch_outcome *outs = NULL;
	size_t nds = 0, i, j, nspecs = 0, *map = NULL;
	enum pm_status rc, first = PM_OK;

	memset(res, 0, sizeof *res);
	/* Newest dataset per URL (downloads) or per path (local imports). */
	if ((rc = pm_dataset_list(st, NULL, &ds, &nds, err)))
		return rc;
	specs = pm_xcalloc(nds ? nds : 1, sizeof *specs);
	map = pm_xcalloc(nds ? nds : 1, sizeof *map);
	for (i = nds; i-- > 0;) {
		const char *key = ds[i].url ? ds[i].url : ds[i].location;
		struct pm_refresh_item *it;
		bool seen = false;

		if (builtin(&ds[i]) || !key)
			continue;
		for (j = i + 1; j < nds && !seen; j++) {
			const char *k2 = ds[j].url ? ds[j].url : ds[j].location;

			seen = k2 && !strcmp(k2, key) && !builtin(&ds[j]);
		}
		if (seen)
			continue;
		if (o->max_age_days >= 0 &&
		    age_seconds(ds[i].checked_at[0] ? ds[i].checked_at : ds[i].loaded_at) <
			    o->max_age_days * 86400.0) {
			res->fresh++;
			continue;
		}
		it = add_item(res, &ds[i]);
		res->checked++;
		if (!ds[i].url) {
			refresh_local(st, &ds[i], it);
			continue;
		}
		{
			const struct pm_source *src = pm_source_find(ds[i].source);
			struct pm_err e = PM_ERR_INIT;

			if (!src || !src->respec || !ds[i].request ||
			    src->respec(ds[i].request, &specs[nspecs], &e)) {
				it->out.state = PM_FETCH_FAILED;
				if (e.code)
					it->out.err = e;
				else
					pm_err_set(&it->out.err, PM_EDATA,
						   "cannot refresh %s: no stored request",
						   ds[i].url);
				continue;
			}
			free(it->label);
			it->label = pm_xstrdup(specs[nspecs].label);
			map[nspecs++] = res->n - 1;
		}
	}
	if (nspecs) {
		outs = pm_xcalloc(nspecs, sizeof *outs);
		pm_fetch(st, specs, nspecs, &o->fetch, outs, NULL);
		for (i = 0; i < nspecs; i++)
			res->items[map[i]].out = outs[i];
	}
	for (i = 0; i < res->n; i++) {
		enum pm_fetch_state s = res->items[i].out.state;

		if (s == PM_FETCH_FAILED) {
			res->failed++;
			if (!first)
				first = res->items[i].out.err.code ? res->items[i].out.err.code
								   : PM_ENET;
		} else if (s == PM_FETCH_UPDATED || s == PM_FETCH_NEW) {
			res->changed++;
		}
	}
	if (res->failed && res->failed == res->checked)
		rc = pm_err_set(err, first, "%s", res->items[0].out.err.msg);
	else if (res->failed)
		rc = pm_err_set(err, PM_EPARTIAL, "%d of %d checks failed", res->failed,
				res->checked);
	for (i = 0; i < nspecs; i++)
		pm_fetch_spec_release(&specs[i]);
	for (i = 0; i < nds; i++)
		pm_dataset_release(&ds[i]);
	free(ds);
	free(specs);
	free(outs);
	free(map);
	return rc;
}

static const char *state_name(enum pm_fetch_state s)
{
	switch (s) {
	case PM_FETCH_FAILED: return "failed";
	case PM_FETCH_UNCHANGED: return "unchanged";
	case PM_FETCH_NEW: return "new";
	case PM_FETCH_UPDATED: return "updated";
	}
	return "?";
}

cJSON *pm_refresh_report(const struct pm_refresh_result *res, const char *started,
			 const char *finished, int exit_code, cJSON *rank_changes)
{
	cJSON *o = cJSON_CreateObject(), *changes = cJSON_CreateArray();
	cJSON *failures = cJSON_CreateArray(), *unchanged = cJSON_CreateArray();
	size_t i;

	cJSON_AddStringToObject(o, "started_at", started);
	cJSON_AddStringToObject(o, "finished_at", finished);
	cJSON_AddNumberToObject(o, "exit_code", exit_code);
	cJSON_AddStringToObject(o, "outcome",
				res->failed ? (res->failed == res->checked ? "failed" : "partial")
				: res->changed ? "changed"
					       : "nothing changed");
	cJSON_AddNumberToObject(o, "checked", res->checked);
	cJSON_AddNumberToObject(o, "changed", res->changed);
	cJSON_AddNumberToObject(o, "failed", res->failed);
	cJSON_AddNumberToObject(o, "skipped_fresh", res->fresh);
	for (i = 0; i < res->n; i++) {
		const struct pm_refresh_item *it = &res->items[i];
		cJSON *c = cJSON_CreateObject();

		cJSON_AddStringToObject(c, "what", it->label);
		if (it->url)
			cJSON_AddStringToObject(c, "url", it->url);
		else if (it->location)
			cJSON_AddStringToObject(c, "file", it->location);
		cJSON_AddStringToObject(c, "state", state_name(it->out.state));
		if (it->out.state == PM_FETCH_FAILED) {
			cJSON_AddStringToObject(c, "error", it->out.err.msg);
			cJSON_AddItemToArray(failures, c);
			continue;
		}
		cJSON_AddNumberToObject(c, "dataset", (double)it->out.dataset_id);
		if (it->out.state == PM_FETCH_UNCHANGED) {
			cJSON_AddItemToArray(unchanged, c);
			continue;
		}
		if (it->out.old_dataset_id)
			cJSON_AddNumberToObject(c, "replaces_dataset",
						(double)it->out.old_dataset_id);
		cJSON_AddNumberToObject(c, "rows", (double)it->out.rows);
		cJSON_AddNumberToObject(c, "rows_added", (double)it->out.rows_added);
		cJSON_AddNumberToObject(c, "rows_removed", (double)it->out.rows_removed);
		cJSON_AddNumberToObject(c, "bytes_downloaded", (double)it->out.bytes);
		cJSON_AddItemToArray(changes, c);
	}
	cJSON_AddItemToObject(o, "changes", changes);
	cJSON_AddItemToObject(o, "failures", failures);
	cJSON_AddItemToObject(o, "unchanged", unchanged);
	cJSON_AddItemToObject(o, "rank_changes", rank_changes ? rank_changes : cJSON_CreateArray());
	return o;
}

enum pm_status pm_refresh_record(struct pm_store *st, const struct pm_refresh_result *res,
				 const char *started, const char *finished, int exit_code,
				 const char *report, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;

	if ((rc = pm_store_prepare(
		     st,
		     "INSERT INTO refresh_run (started_at, finished_at, exit_code, "
		     "outcome, checked, changed, failed, report) VALUES (?,?,?,?,?,?,?,?)",
		     &s, err)))
		return rc;
	pm_bind_text(s, 1, started);
	pm_bind_text(s, 2, finished);
	sqlite3_bind_int(s, 3, exit_code);
	pm_bind_text(s, 4,
		     res->failed    ? (res->failed == res->checked ? "failed" : "partial")
		     : res->changed ? "changed"
				    : "nothing changed");
	sqlite3_bind_int(s, 5, res->checked);
	sqlite3_bind_int(s, 6, res->changed);
	sqlite3_bind_int(s, 7, res->failed);
	pm_bind_text(s, 8, report);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot record the refresh run");
	sqlite3_finalize(s);
	return rc;
}
