/* BLS Public Data API v2: requests, validation and loading (see blsapi.h). */
#include "fetch/blsapi.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/path.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "fetch/cache.h"
#include "fetch/load.h"
#include "store/dataset.h"
#include "store/store.h"
#include "core/banned.h"

#define MAX_RESPONSE ((size_t)256 << 20)

bool pm_blsapi_series_ok(const char *id)
{
	size_t i, n = strlen(id);

	if (n < 4 || n > 30)
		return false;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)id[i]) && !isupper((unsigned char)id[i]))
			return false;
	return true;
}

/* The request as JSON; with KEY (may be NULL) when it is the body to send. */
static char *request_text(const char *const *series, size_t n, int start, int end, const char *key,
			  bool catalog, bool for_storage)
{
	cJSON *o = cJSON_CreateObject(), *ids = cJSON_CreateArray();
	char y[16];
	char *text;
	size_t i;

	if (for_storage)
		cJSON_AddStringToObject(o, "source", "blsapi");
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(ids, cJSON_CreateString(series[i]));
	cJSON_AddItemToObject(o, "seriesid", ids);
	snprintf(y, sizeof y, "%d", start);
	cJSON_AddStringToObject(o, "startyear", y);
	snprintf(y, sizeof y, "%d", end);
	cJSON_AddStringToObject(o, "endyear", y);
	cJSON_AddBoolToObject(o, "catalog", catalog);
	if (key && !for_storage)
		cJSON_AddStringToObject(o, "registrationkey", key);
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

static void make_spec(struct pm_fetch_spec *s, const char *const *series, size_t n, int start,
		      int end, const char *key, bool catalog)
{
	const struct pm_source *src = pm_source_find("blsapi");
	char *base = pm_source_base(src);

	memset(s, 0, sizeof *s);
	s->src = src;
	s->kind = 'j';
	s->year = end;
	s->url = pm_xstrfmt("%s/timeseries/data/", base);
	s->post_body = request_text(series, n, start, end, key, catalog, false);
	s->request = request_text(series, n, start, end, NULL, catalog, true);
	s->cache_key = pm_xstrdup(s->request);
	s->file_name = pm_xstrdup("timeseries-data.json");
	if (n == 1)
		s->label = pm_xstrfmt("BLS API %s %d-%d", series[0], start, end);
	else
		s->label = pm_xstrfmt("BLS API %zu series %d-%d", n, start, end);
	free(base);
}

enum pm_status pm_blsapi_specs(const char *const *series, size_t n, int start, int end,
			       const char *key, bool catalog, struct pm_fetch_spec **specs,
			       size_t *nspecs, struct pm_err *err)
{
	size_t max_series = key ? PM_BLSAPI_MAX_SERIES : PM_BLSAPI_MAX_SERIES_NOKEY;
	int max_years = key ? PM_BLSAPI_MAX_YEARS : PM_BLSAPI_MAX_YEARS_NOKEY;
	size_t i, count = 0, alloc = 0;
	int y0;

	*specs = NULL;
	*nspecs = 0;
	if (!n)
		return pm_err_set(err, PM_EUSAGE, "give at least one series id");
	for (i = 0; i < n; i++)
		if (!pm_blsapi_series_ok(series[i]))
			return pm_err_set(err, PM_EUSAGE,
					  "'%s' is not a BLS series id (upper-case letters and "
					  "digits, e.g. LNS14000000)",
					  series[i]);
	if (start < 1900 || end > 2200 || start > end)
		return pm_err_set(err, PM_EUSAGE, "years %d-%d are not a valid range", start, end);
	for (y0 = start; y0 <= end; y0 += max_years) {
		int y1 = y0 + max_years - 1 > end ? end : y0 + max_years - 1;

		for (i = 0; i < n; i += max_series) {
			size_t k = n - i < max_series ? n - i : max_series;

			PM_ALLOC_GROW(*specs, count + 1, alloc);
			make_spec(&(*specs)[count++], series + i, k, y0, y1, key, catalog);
		}
	}
	*nspecs = count;
	return PM_OK;
}

static int year_of(const char *s)
{
	int64_t y;

	return s && !pm_parse_i64(s, strlen(s), &y) && y >= 1900 && y <= 2200 ? (int)y : 0;
}

enum pm_status pm_blsapi_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err)
{
	cJSON *o = cJSON_Parse(request), *ids, *id;
	const char **series = NULL;
	size_t n = 0;
	int start, end;
	enum pm_status rc = PM_OK;

	if (!o)
		return pm_err_set(err, PM_EDATA, "stored BLS API request is not JSON");
	ids = cJSON_GetObjectItemCaseSensitive(o, "seriesid");
	start = year_of(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "startyear")));
	end = year_of(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "endyear")));
	cJSON_ArrayForEach(id, ids)
	{
		if (!cJSON_IsString(id))
			continue;
		series = pm_xrealloc(series, (n + 1) * sizeof *series);
		series[n++] = id->valuestring;
	}
	if (!n || !start || !end)
		rc = pm_err_set(err, PM_EDATA, "stored BLS API request lacks series or years");
	else
		make_spec(out, series, n, start, end, pm_config_get("bls_api_key"),
			  cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "catalog")));
	free(series);
	cJSON_Delete(o);
	return rc;
}

/* ---- responses ---- */

static enum pm_status read_json(const char *path, const char *name, cJSON **out, struct pm_err *err)
{
	struct pm_buf text = PM_BUF_INIT;
	enum pm_status rc;
	cJSON *o, *data;

	*out = NULL;
	pm_buf_init(&text, MAX_RESPONSE);
	if ((rc = pm_reader_read_file(path, &text, err))) {
		pm_buf_release(&text);
		return rc;
	}
	if (pm_buf_status(&text)) {
		pm_buf_release(&text);
		return pm_err_set(err, PM_EDATA, "%s: response larger than %zu bytes", name,
				  MAX_RESPONSE);
	}
	o = cJSON_ParseWithLength(text.buf, text.len);
	if (!o) {
		size_t at = cJSON_GetErrorPtr() ? (size_t)(cJSON_GetErrorPtr() - text.buf) : 0;
		bool html = text.len && strchr(" \t\r\n<", text.buf[0]) && strstr(text.buf, "<");

		rc = pm_err_set(err, PM_EDATA, "%s: %s (at byte %zu)", name,
				html ? "an HTML page, not a JSON API response" : "not valid JSON",
				at);
		pm_buf_release(&text);
		return rc;
	}
	pm_buf_release(&text);
	/* Saved responses are sometimes wrapped: {"last_updated": ..., "data": {...}}. */
	data = cJSON_GetObjectItemCaseSensitive(o, "data");
	if (cJSON_IsObject(data) && cJSON_GetObjectItemCaseSensitive(data, "status")) {
		cJSON_DetachItemViaPointer(o, data);
		cJSON_Delete(o);
		o = data;
	}
	*out = o;
	return PM_OK;
}

/* The response's messages joined by "; " (verbatim). Returns a new string. */
static char *messages(const cJSON *o)
{
	struct pm_buf b = PM_BUF_INIT;
	const cJSON *m;

	cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(o, "message"))
	{
		if (cJSON_IsString(m))
			pm_buf_addf(&b, "%s%s", b.len ? "; " : "", m->valuestring);
	}
	return pm_buf_detach(&b, NULL);
}

/* PM_OK for REQUEST_SUCCEEDED; else CODE with the status and messages verbatim. */
static enum pm_status check_status(const cJSON *o, const char *name, enum pm_status code,
				   struct pm_err *err)
{
	const char *status = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "status"));
	enum pm_status rc;
	char *msg;

	if (!status)
		return pm_err_set(err, PM_EDATA, "%s: not a BLS API response (no \"status\")",
				  name);
	if (!strcmp(status, "REQUEST_SUCCEEDED"))
		return PM_OK;
	msg = messages(o);
	rc = pm_err_set(err, code, "%s: BLS API %s%s%s", name, status, *msg ? ": " : "", msg);
	free(msg);
	return rc;
}

enum pm_status pm_blsapi_validate(const struct pm_fetch_spec *spec, const char *path,
				  struct pm_err *err)
{
	cJSON *o = NULL;
	enum pm_status rc;

	if ((rc = read_json(path, spec->url, &o, err)))
		return rc;
	rc = check_status(o, spec->url, PM_ENET, err);
	if (!rc && !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(
			   cJSON_GetObjectItemCaseSensitive(o, "Results"), "series")))
		rc = pm_err_set(err, PM_EDATA, "%s: BLS API response without Results.series",
				spec->url);
	cJSON_Delete(o);
	return rc;
}

static bool period_ok(const char *p)
{
	int64_t n;

	if (!p || strlen(p) != 3 || pm_parse_i64(p + 1, 2, &n))
		return false;
	switch (p[0]) {
	case 'M': return n >= 1 && n <= 13;
	case 'Q': return n >= 1 && n <= 5;
	case 'S': return n >= 1 && n <= 3;
	case 'A': return n == 1;
	}
	return false;
}

static char *footnote_text(const cJSON *fns)
{
	struct pm_buf b = PM_BUF_INIT;
	const cJSON *f;

	cJSON_ArrayForEach(f, fns)
	{
		const char *t = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "text"));

		if (t && *t)
			pm_buf_addf(&b, "%s%s", b.len ? "; " : "", t);
	}
	if (!b.len)
		return NULL;
	return pm_buf_detach(&b, NULL);
}

static enum pm_status load_series(struct pm_store *st, const cJSON *o, const char *name,
				  struct pm_dataset *ds, struct pm_err *err)
{
	const cJSON *series = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(o, "Results"), "series");
	const cJSON *sr, *d;
	sqlite3_stmt *ins = NULL, *info = NULL;
	enum pm_status rc;

	if (!cJSON_IsArray(series))
		return pm_err_set(err, PM_EDATA, "%s: BLS API response without Results.series",
				  name);
	if ((rc = pm_store_prepare(st,
				   "INSERT OR REPLACE INTO series (series_id, year, period, "
				   "period_name, value, value_num, footnotes, latest, dataset_id) "
				   "VALUES (?,?,?,?,?,?,?,?,?)",
				   &ins, err)) ||
	    (rc = pm_store_prepare(st,
				   "INSERT OR REPLACE INTO series_info (series_id, catalog, "
				   "dataset_id) VALUES (?,?,?)",
				   &info, err)))
		goto out;
	cJSON_ArrayForEach(sr, series)
	{
		const char *id =
			cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(sr, "seriesID"));
		const cJSON *catalog = cJSON_GetObjectItemCaseSensitive(sr, "catalog");

		if (!id || !pm_blsapi_series_ok(id)) {
			rc = pm_err_set(err, PM_EDATA, "%s: a series without a valid seriesID",
					name);
			goto out;
		}
		if (cJSON_IsObject(catalog)) {
			char *text = cJSON_PrintUnformatted(catalog);

			sqlite3_reset(info);
			pm_bind_text(info, 1, id);
			pm_bind_text(info, 2, text);
			sqlite3_bind_int64(info, 3, ds->id);
			cJSON_free(text);
			if (sqlite3_step(info) != SQLITE_DONE) {
				rc = pm_store_fail(st, err, "cannot store series catalog");
				goto out;
			}
		}
		cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(sr, "data"))
		{
			const char *year =
				cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d, "year"));
			const char *period =
				cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d, "period"));
			const char *value =
				cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d, "value"));
			const char *latest =
				cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d, "latest"));
			char *notes;
			int64_t y;
			double v;

			ds->rows_read++;
			if (!year || pm_parse_i64(year, strlen(year), &y) || y < 1900 || y > 2200 ||
			    !period_ok(period) || !value) {
				rc = pm_err_set(err, PM_EDATA,
						"%s: series %s: observation %lld has a bad year, "
						"period or value",
						name, id, (long long)ds->rows_read);
				goto out;
			}
			notes = footnote_text(cJSON_GetObjectItemCaseSensitive(d, "footnotes"));
			sqlite3_reset(ins);
			pm_bind_text(ins, 1, id);
			sqlite3_bind_int(ins, 2, (int)y);
			pm_bind_text(ins, 3, period);
			pm_bind_text(ins, 4,
				     cJSON_GetStringValue(
					     cJSON_GetObjectItemCaseSensitive(d, "periodName")));
			pm_bind_text(ins, 5, value);
			if (!pm_parse_double(value, strlen(value), &v))
				sqlite3_bind_double(ins, 6, v);
			else
				sqlite3_bind_null(ins, 6);
			pm_bind_text(ins, 7, notes);
			sqlite3_bind_int(ins, 8, latest && !strcmp(latest, "true"));
			sqlite3_bind_int64(ins, 9, ds->id);
			free(notes);
			if (sqlite3_step(ins) != SQLITE_DONE) {
				rc = pm_store_fail(st, err, "cannot store series values");
				goto out;
			}
			ds->rows_loaded++;
		}
	}
out:
	sqlite3_finalize(ins);
	sqlite3_finalize(info);
	return rc;
}

enum pm_status pm_blsapi_import(struct pm_store *st, const char *path,
				const struct pm_import_opts *opts, struct pm_import_report *rep,
				struct pm_err *err)
{
	static const char *const tables[] = { "series", "series_info", NULL };
	const char *name = opts && opts->url ? opts->url : path;
	struct pm_load ld;
	enum pm_status rc;
	cJSON *o = NULL;
	char *msg = NULL;

	if ((rc = pm_load_begin(st, "blsapi", "timeseries", path, opts, rep, &ld, err)) ||
	    ld.skipped)
		goto out;
	if ((rc = read_json(path, name, &o, err)) || (rc = check_status(o, name, PM_EDATA, err)))
		goto out;
	msg = messages(o);
	if (*msg)
		pm_warn("%s: BLS API says: %s", name, msg);
	if ((rc = load_series(st, o, name, &ld.ds, err)))
		goto out;
	rc = pm_load_finish(st, &ld, tables, opts, rep, err);
out:
	free(msg);
	cJSON_Delete(o);
	pm_load_release(&ld);
	return rc;
}
