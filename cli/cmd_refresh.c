/*
 * pathmap refresh : re-check everything the store was loaded from; reload
 * what changed. Made for cron: silent when nothing changed (unless
 * --verbose), one line per change, one lock so runs never overlap.
 * docs/cron.md explains exit codes and the report.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/commands.h"
#include "core/config.h"
#include "core/lock.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/path.h"
#include "core/progress.h"
#include "core/xalloc.h"
#include "fetch/refresh.h"
#include "sectors/ranking.h"
#include "store/store.h"
#include "core/banned.h"

enum { OPT_MAX_AGE = 100, OPT_REPORT, OPT_FORCE };

static const struct pm_optdef options[] = {
	{ "max-age", 0, true, OPT_MAX_AGE, "DAYS",
	  "only re-check what was last checked more than DAYS ago" },
	{ "report", 0, true, OPT_REPORT, "FILE", "write what changed to FILE as JSON" },
	{ "force", 0, false, OPT_FORCE, NULL,
	  "download again even when the server says unchanged" },
	{ NULL, 0, false, 0, NULL, NULL },
};

struct args {
	double max_age;
	const char *report;
	bool force;
};

static enum pm_status on_opt(void *user, int id, const char *v, struct pm_err *err)
{
	struct args *a = user;

	switch (id) {
	case OPT_MAX_AGE:
		if (pm_parse_double(v, strlen(v), &a->max_age) || a->max_age < 0)
			return pm_err_set(err, PM_EUSAGE, "--max-age: '%s' is not a number of days",
					  v);
		return PM_OK;
	case OPT_REPORT: a->report = v; return PM_OK;
	case OPT_FORCE: a->force = true; return PM_OK;
	}
	return PM_OK;
}

static void print_changes(struct pm_ctx *ctx, const struct pm_refresh_result *res,
			  const cJSON *ranks)
{
	const cJSON *r;
	size_t i;

	for (i = 0; i < res->n; i++) {
		const struct pm_refresh_item *it = &res->items[i];
		char rows[32];

		if (it->out.state == PM_FETCH_FAILED) {
			fprintf(stderr, "pathmap: error: %s\n", it->out.err.msg);
			continue;
		}
		if (it->out.state == PM_FETCH_UNCHANGED) {
			if (ctx->verbose)
				printf("unchanged %s [dataset %lld]\n", it->label,
				       (long long)it->out.dataset_id);
			continue;
		}
		if (ctx->quiet)
			continue;
		pm_fmt_count(rows, sizeof rows, it->out.rows);
		printf("updated %s: %s rows (+%lld, -%lld) [dataset %lld replaces %lld]\n",
		       it->label, rows, (long long)it->out.rows_added,
		       (long long)it->out.rows_removed, (long long)it->out.dataset_id,
		       (long long)it->out.old_dataset_id);
	}
	cJSON_ArrayForEach(r, ranks)
	{
		const cJSON *b = cJSON_GetObjectItemCaseSensitive(r, "rank_before");
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(r, "rank_after");
		char bs[16] = "-", as[16] = "-";

		if (ctx->quiet)
			break;
		if (cJSON_IsNumber(b))
			snprintf(bs, sizeof bs, "%d", b->valueint);
		if (cJSON_IsNumber(a))
			snprintf(as, sizeof as, "%d", a->valueint);
		printf("rank moved: region %s, %s %s: %s -> %s\n",
		       cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "region")),
		       cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "industry")),
		       cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "title"))
			       ? cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "title"))
			       : "",
		       bs, as);
	}
	if (ctx->verbose && !res->changed && !res->failed)
		printf("checked %d, nothing changed%s\n", res->checked,
		       res->fresh ? " (others checked recently)" : "");
}

static enum pm_status write_report(const char *path, const char *text, struct pm_err *err)
{
	struct pm_out out;
	enum pm_status rc;

	if ((rc = pm_out_open(&out, path, err)))
		return rc;
	if (fputs(text, out.f) == EOF || fputc('\n', out.f) == EOF) {
		pm_out_close(&out, false, NULL);
		return pm_err_set(err, PM_EIO, "cannot write '%s'", path);
	}
	return pm_out_close(&out, true, err);
}

static enum pm_status run(struct pm_ctx *ctx, int argc, char **argv, struct pm_err *err)
{
	struct args a = { -1, NULL, false };
	struct pm_refresh_opts ro;
	struct pm_refresh_result res = { 0 };
	struct pm_rank_snapshot before = { 0 }, after = { 0 };
	struct pm_progress prog;
	struct pm_err rerr = PM_ERR_INIT;
	char started[32], finished[32], *lock = NULL, *text = NULL;
	cJSON *report = NULL, *ranks;
	enum pm_status rc, refresh_rc;
	char **pos = NULL;
	int npos = 0, lockfd = -1, code;
	bool help;

	pm_time_iso(time(NULL), started, sizeof started);
	if ((rc = pm_cmd_parse(ctx, argc, argv, on_opt, &a, &pos, &npos, &help, err)) || help)
		goto out;
	if (npos) {
		rc = pm_err_set(err, PM_EUSAGE, "usage: %s", cmd_refresh_entry.usage);
		goto out;
	}
	if ((rc = pm_ctx_open_store(ctx, false, err)))
		goto out;
	lock = pm_xstrfmt("%s.lock", pm_store_path(ctx->store));
	if ((rc = pm_lock_acquire(lock, &lockfd, err)))
		goto out;
	pm_sectors_rank_snapshot(ctx->store, &before, NULL);
	memset(&ro, 0, sizeof ro);
	ro.max_age_days = a.max_age;
	ro.fetch.force = a.force;
	pm_http_settings_init(&ro.fetch.http);
	pm_progress_tty_init(&prog, ctx->progress);
	pm_progress_set_label(&prog, "refresh");
	ro.fetch.http.progress = &prog;
	refresh_rc = pm_refresh(ctx->store, &ro, &res, &rerr);
	pm_progress_finish(&prog);
	pm_sectors_rank_snapshot(ctx->store, &after, NULL);
	ranks = pm_sectors_rank_changes(ctx->store, &before, &after);
	/* Any failure with nothing else checked successfully is a source failure (3). */
	code = !refresh_rc ? 0 : refresh_rc == PM_EPARTIAL ? 5 : refresh_rc == PM_ESTORE ? 4 : 3;
	print_changes(ctx, &res, ranks);
	pm_time_iso(time(NULL), finished, sizeof finished);
	report = pm_refresh_report(&res, started, finished, code, ranks);
	text = cJSON_Print(report);
	if ((rc = pm_refresh_record(ctx->store, &res, started, finished, code, text, err)))
		goto out;
	if (a.report && (rc = write_report(a.report, text, err)))
		goto out;
	if (refresh_rc) {
		rc = pm_err_set(err,
				code == 5   ? PM_EPARTIAL
				: code == 4 ? PM_ESTORE
					    : PM_ENET,
				"refresh: %d of %d checks failed", res.failed, res.checked);
	}
out:
	pm_lock_release(lockfd);
	free(lock);
	cJSON_free(text);
	cJSON_Delete(report);
	pm_rank_snapshot_release(&before);
	pm_rank_snapshot_release(&after);
	pm_refresh_result_release(&res);
	free(pos);
	return rc;
}

const struct pm_command cmd_refresh_entry = {
	.name = "refresh",
	.summary = "re-check every loaded source and reload what changed (for cron)",
	.usage = "pathmap refresh [--max-age DAYS] [--report FILE.json] [--verbose]",
	.help = "Downloads are re-requested conditionally (a 304 costs nothing); local imports\n"
		"are re-read when their checksum changed. Silent when nothing changed unless\n"
		"--verbose; one line per change. Exit: 0 ok (changed or not), 3 source failure,\n"
		"5 partial (some sources failed), 7 another run holds the lock. See "
		"docs/cron.md.\n",
	.options = options,
	.flags = CMD_NEEDS_STORE,
	.run = run,
};
