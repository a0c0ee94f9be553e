/*
 * pathmap import SOURCE FILE... : load local files into the store.
 *
 * All files of one command load in one transaction: if any file is bad,
 * nothing is loaded and the store is exactly as before.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/buf.h"
#include "core/progress.h"
#include "core/xalloc.h"
#include "fetch/catalog.h"
#include "store/store.h"
#include "store/titles.h"
#include "core/banned.h"

enum { OPT_FORCE = 100 };

static const struct pm_optdef options[] = {
	{ "force", 0, false, OPT_FORCE, NULL, "reload files already loaded (same checksum)" },
	{ NULL, 0, false, 0, NULL, NULL },
};

static enum pm_status on_opt(void *user, int id, const char *value, struct pm_err *err)
{
	struct pm_import_opts *o = user;

	(void)value;
	(void)err;
	if (id == OPT_FORCE)
		o->force = true;
	return PM_OK;
}

static void describe(struct pm_ctx *ctx, const struct pm_import_report *r)
{
	char rows[32], supp[32];

	if (ctx->quiet)
		return;
	if (r->skipped) {
		printf("skipped %s: already loaded as dataset %lld on %s (use --force to reload)\n",
		       r->file, (long long)r->dataset_id, r->loaded_at);
		return;
	}
	pm_fmt_count(rows, sizeof rows, r->rows);
	pm_fmt_count(supp, sizeof supp, r->suppressed);
	printf("loaded %s: %s rows", r->file, rows);
	if (r->suppressed)
		printf(" (%s suppressed)", supp);
	if (r->kind && strstr(r->kind, "slice") && r->nareas == 1) {
		char *title = pm_store_area_title(ctx->store, r->first_area);

		printf(", area %s%s%s%s", r->first_area, title ? " " : "", title ? title : "", "");
		free(title);
	} else if (r->nareas > 1) {
		printf(", %lld areas", (long long)r->nareas);
	}
	if (r->kind && !strcmp(r->kind, "industry-slice"))
		printf(", industry %s", r->first_industry);
	if (r->year) {
		if (r->qtr[0] == 'A')
			printf(", %d annual", r->year);
		else if (r->qtr[0])
			printf(", %d Q%s", r->year, r->qtr);
		else
			printf(", %d", r->year);
	}
	printf(" [%s, dataset %lld]\n", r->kind ? r->kind : "?", (long long)r->dataset_id);
}

/* The sources with a loader, from the catalog: "qcew, blsapi, ..." (a new string). */
static char *importable(void)
{
	struct pm_buf b = PM_BUF_INIT;
	const struct pm_source *s;

	for (s = pm_sources; s->name; s++)
		if (s->import)
			pm_buf_addf(&b, "%s%s", b.len ? ", " : "", s->name);
	return pm_buf_detach(&b, NULL);
}

static enum pm_status run(struct pm_ctx *ctx, int argc, char **argv, struct pm_err *err)
{
	struct pm_import_opts opts = { 0 };
	struct pm_import_report *reps = NULL;
	struct pm_progress prog;
	const struct pm_source *src;
	enum pm_status rc;
	char **pos = NULL;
	int npos = 0, i, done = 0;
	bool help;

	if ((rc = pm_cmd_parse(ctx, argc, argv, on_opt, &opts, &pos, &npos, &help, err)) || help)
		goto out;
	if (npos < 2) {
		rc = pm_err_set(err, PM_EUSAGE, "usage: %s", cmd_import_entry.usage);
		goto out;
	}
	src = pm_source_find(pos[0]);
	if (!src || !src->import) {
		char *list = importable();

		rc = pm_err_set(err, PM_EUSAGE,
				"unknown or not yet importable source '%s' (importable: %s)",
				pos[0], list);
		free(list);
		goto out;
	}
	pm_progress_tty_init(&prog, ctx->progress);
	opts.progress = &prog;
	if ((rc = pm_ctx_open_store(ctx, true, err)) || (rc = pm_store_begin(ctx->store, err)))
		goto out;
	reps = pm_xcalloc((size_t)npos, sizeof *reps);
	for (i = 1; i < npos; i++, done++) {
		pm_progress_set_label(&prog, pos[i]);
		if ((rc = src->import(ctx->store, pos[i], &opts, &reps[i - 1], err))) {
			pm_store_rollback(ctx->store);
			if (npos > 2 && err) {
				size_t len = strlen(err->msg);

				snprintf(err->msg + len, sizeof err->msg - len,
					 " (nothing loaded: the %d files load together)", npos - 1);
			}
			goto out;
		}
	}
	if ((rc = pm_store_commit(ctx->store, err)))
		goto out;
	for (i = 0; i < done; i++)
		describe(ctx, &reps[i]);
out:
	for (i = 0; reps && i < npos; i++)
		pm_import_report_release(&reps[i]);
	free(reps);
	free(pos);
	return rc;
}

const struct pm_command cmd_import_entry = {
	.name = "import",
	.summary = "load local data files into the store",
	.usage = "pathmap import SOURCE FILE... [--force]",
	.help = "Sources: qcew (BLS QCEW area/industry slices, annual or quarterly, singlefiles,\n"
		"as .csv or .zip; also the QCEW title and county-MSA-CSA crosswalk tables);\n"
		"blsapi (saved BLS Public Data API v2 responses, JSON);\n"
		"onet (the O*NET database zip db_30_1_text.zip or its .txt tables, and the\n"
		"O*NET-SOC taxonomy CSVs); soc (BLS soc_2018_definitions.xlsx); cipsoc (NCES\n"
		"CIPCode2020.csv and the CIP 2020 to SOC 2018 crosswalk .xlsx); naics (Census\n"
		"2-6 digit_2017_Codes.xlsx and 2-6 digit_2022_Codes.xlsx);\n"
		"ep (BLS Employment Projections occupation.xlsx and education.xlsx);\n"
		"oews (OEWS national, state, MSA and industry workbooks, .xlsx or oesmYY*.zip);\n"
		"projections (Projections Central JSON pages, the California EDD statewide\n"
		"workbook); staffing (National Employment Matrix exports, .xlsx or .csv);\n"
		"ipeds (IPEDS HD and C_A files, .csv or the published .zip); careeronestop\n"
		"(saved CareerOneStop certification and license responses, JSON);\n"
		"programs, partners, employers (your inventories, CSV: docs/inventories.md).\n"
		"All files of one command load in one transaction: a bad file loads nothing.\n"
		"A file already loaded (same SHA-256) is skipped unless --force is given.\n",
	.options = options,
	.flags = CMD_CREATES_STORE,
	.run = run,
};
