/*
 * pathmap status : what the store holds (datasets, vintages, age, source),
 * the last refresh, and whether credentials are configured. Secrets are
 * reported as set or not set, never shown.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/commands.h"
#include "core/config.h"
#include "core/path.h"
#include "core/table.h"
#include "fetch/cache.h"
#include "store/store.h"
#include "core/banned.h"

enum { OPT_ALL = 100 };

static const struct pm_optdef options[] = {
	{ "all", 'a', false, OPT_ALL, NULL, "include the built-in reference tables" },
	{ NULL, 0, false, 0, NULL, NULL },
};

static enum pm_status on_opt(void *user, int id, const char *value, struct pm_err *err)
{
	(void)value;
	(void)err;
	if (id == OPT_ALL)
		*(bool *)user = true;
	return PM_OK;
}

static double age_days(const char *iso)
{
	time_t t = pm_time_parse_iso(iso);

	return t < 0 ? NAN : difftime(time(NULL), t) / 86400.0;
}

/* The last refresh run as a note and a JSON object (NULL when none). */
static cJSON *last_refresh(struct pm_store *st, struct pm_table *t)
{
	sqlite3_stmt *s = NULL;
	cJSON *o = NULL;

	if (pm_store_prepare(
		    st,
		    "SELECT finished_at, outcome, exit_code, checked, changed, failed FROM "
		    "refresh_run ORDER BY id DESC LIMIT 1",
		    &s, NULL))
		return NULL;
	if (sqlite3_step(s) == SQLITE_ROW) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "finished_at", pm_col_text(s, 0));
		cJSON_AddStringToObject(o, "outcome", pm_col_text(s, 1));
		cJSON_AddNumberToObject(o, "exit_code", sqlite3_column_int(s, 2));
		cJSON_AddNumberToObject(o, "checked", sqlite3_column_int(s, 3));
		cJSON_AddNumberToObject(o, "changed", sqlite3_column_int(s, 4));
		cJSON_AddNumberToObject(o, "failed", sqlite3_column_int(s, 5));
		pm_table_add_note(
			t, "last refresh %s: %s (exit %d; checked %d, changed %d, failed %d)",
			pm_col_text(s, 0), pm_col_text(s, 1), sqlite3_column_int(s, 2),
			sqlite3_column_int(s, 3), sqlite3_column_int(s, 4),
			sqlite3_column_int(s, 5));
	} else {
		pm_table_add_note(t, "never refreshed ('pathmap refresh' re-checks every source)");
	}
	sqlite3_finalize(s);
	return o;
}

static enum pm_status run(struct pm_ctx *ctx, int argc, char **argv, struct pm_err *err)
{
	struct pm_table *t = NULL;
	cJSON *meta = NULL, *settings, *refresh;
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	char **pos = NULL, title[512], *cache = NULL;
	int npos = 0, step;
	bool help, all = false;
	long long nrows = 0, nsets = 0;
	static const char *const secrets[] = { "contact_email", "bls_api_key",
					       "careeronestop_token", "careeronestop_userid" };
	size_t i;

	if ((rc = pm_cmd_parse(ctx, argc, argv, on_opt, &all, &pos, &npos, &help, err)) || help)
		goto out;
	if (npos) {
		rc = pm_err_set(err, PM_EUSAGE, "usage: %s", cmd_status_entry.usage);
		goto out;
	}
	if ((rc = pm_ctx_open_store(ctx, false, err)))
		goto out;
	if ((rc = pm_store_prepare(
		     ctx->store,
		     "SELECT id, source, kind, file_name, year, qtr, vintage, "
		     "rows_loaded, rows_suppressed, bytes, substr(sha256, 1, 12), "
		     "loaded_at, COALESCE(url, location), fetched_at, checked_at "
		     "FROM dataset WHERE ?1 OR source <> 'reference' OR url IS NOT NULL "
		     "ORDER BY id",
		     &s, err)))
		goto out;
	sqlite3_bind_int(s, 1, all);
	t = pm_table_new();
	pm_table_col_plain(t, pm_table_add_col(t, "dataset", PM_COL_INT, 0));
	pm_table_add_col(t, "source", PM_COL_TEXT, 0);
	pm_table_add_col(t, "kind", PM_COL_TEXT, 0);
	pm_table_add_col(t, "file", PM_COL_TEXT, 0);
	pm_table_add_col(t, "period", PM_COL_TEXT, 0);
	pm_table_add_col(t, "rows", PM_COL_INT, 0);
	pm_table_add_col(t, "suppressed", PM_COL_INT, 0);
	pm_table_add_col(t, "bytes", PM_COL_INT, 0);
	pm_table_add_col(t, "sha256", PM_COL_TEXT, 0);
	pm_table_add_col(t, "loaded_at", PM_COL_TEXT, 0);
	pm_table_add_col(t, "age_days", PM_COL_REAL, 1);
	pm_table_add_col(t, "checked_at", PM_COL_TEXT, 0);
	pm_table_add_col(t, "source_url_or_path", PM_COL_TEXT, 0);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		size_t r = pm_table_add_row(t);
		char period[32] = "";
		const char *fetched = pm_col_text(s, 13);

		if (sqlite3_column_type(s, 4) != SQLITE_NULL) {
			const char *q = pm_col_text(s, 5);

			snprintf(period, sizeof period, "%d%s%s", sqlite3_column_int(s, 4),
				 !strcmp(q, "A") ? " annual"
				 : *q		 ? " Q"
						 : "",
				 !strcmp(q, "A") ? "" : q);
		} else if (sqlite3_column_type(s, 6) != SQLITE_NULL) {
			snprintf(period, sizeof period, "%s", pm_col_text(s, 6));
		}
		pm_table_set_int(t, r, 0, sqlite3_column_int64(s, 0));
		pm_table_set_text(t, r, 1, pm_col_text(s, 1));
		pm_table_set_text(t, r, 2, pm_col_text(s, 2));
		pm_table_set_text(t, r, 3, pm_col_text(s, 3));
		pm_table_set_text(t, r, 4, period[0] ? period : NULL);
		pm_table_set_int(t, r, 5, sqlite3_column_int64(s, 7));
		pm_table_set_int(t, r, 6, sqlite3_column_int64(s, 8));
		pm_table_set_int(t, r, 7, sqlite3_column_int64(s, 9));
		pm_table_set_text(t, r, 8, pm_col_text(s, 10));
		pm_table_set_text(t, r, 9, pm_col_text(s, 11));
		/* Age of the data: since it was downloaded, or loaded from a local file. */
		pm_table_set_real(t, r, 10, age_days(*fetched ? fetched : pm_col_text(s, 11)));
		pm_table_set_text(t, r, 11,
				  sqlite3_column_type(s, 14) == SQLITE_NULL ? NULL
									    : pm_col_text(s, 14));
		pm_table_set_text(t, r, 12, pm_col_text(s, 12));
		nrows += sqlite3_column_int64(s, 7);
		nsets++;
	}
	if (step != SQLITE_DONE) {
		rc = pm_store_fail(ctx->store, err, "cannot read datasets");
		goto out;
	}
	snprintf(title, sizeof title, "store %s (schema %d): %lld datasets, %lld rows",
		 pm_store_path(ctx->store), pm_store_schema_version(ctx->store), nsets, nrows);
	pm_table_set_title(t, title);
	meta = cJSON_CreateObject();
	cJSON_AddStringToObject(meta, "store", pm_store_path(ctx->store));
	cJSON_AddNumberToObject(meta, "schema_version", pm_store_schema_version(ctx->store));
	refresh = last_refresh(ctx->store, t);
	cJSON_AddItemToObject(meta, "last_refresh", refresh ? refresh : cJSON_CreateNull());
	cache = pm_cache_root();
	cJSON_AddStringToObject(meta, "cache", cache);
	settings = cJSON_CreateObject();
	for (i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
		cJSON_AddStringToObject(settings, secrets[i],
					pm_config_get(secrets[i]) ? "set" : "not set");
	cJSON_AddItemToObject(meta, "credentials", settings);
	pm_table_add_note(t, "cache %s; contact e-mail %s; BLS API key %s", cache,
			  pm_config_get("contact_email") ? "set" : "not set (needed for BLS)",
			  pm_config_get("bls_api_key") ? "set" : "not set");
	rc = pm_ctx_emit(ctx, t, meta, err);
out:
	free(cache);
	sqlite3_finalize(s);
	cJSON_Delete(meta);
	pm_table_free(t);
	free(pos);
	return rc;
}

const struct pm_command cmd_status_entry = {
	.name = "status",
	.summary = "show what the store holds: datasets, vintages, age, sources, last refresh",
	.usage = "pathmap status [--all]",
	.help = "Credentials (contact e-mail, API keys) are reported as set or not set, never "
		"shown.\n",
	.options = options,
	.flags = CMD_NEEDS_STORE,
	.run = run,
};
