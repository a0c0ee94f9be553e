/* pathmap assets: the credential asset map of a selection's in-demand occupations. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/occ_opts.h"
#include "core/buf.h"
#include "core/table.h"
#include "crosswalks/assets.h"
#include "fetch/catalog.h"
#include "core/banned.h"

enum { OPT_YEARS = 200, OPT_PROGRAMS, OPT_HOLES };

static const struct pm_optdef own_options[] = {
	{ "years", 0, true, OPT_YEARS, "Y0-Y1",
	  "award years by their end: 2023-2024 = 2022-23 and 2023-24 (default: latest two)" },
	{ "programs", 0, true, OPT_PROGRAMS, "FILE",
	  "load this program inventory first (as 'pathmap import programs FILE')" },
	{ "holes", 0, false, OPT_HOLES, NULL, "only the holes" },
	{ NULL, 0, false, 0, NULL, NULL },
};

struct args {
	struct pm_occ_args o;
	int year0, year1;
	const char *programs;
	bool holes;
};

static enum pm_status on_opt(void *user, int id, const char *v, struct pm_err *err)
{
	struct args *a = user;

	switch (id) {
	case OPT_YEARS: return pm_parse_award_years("--years", v, &a->year0, &a->year1, err);
	case OPT_PROGRAMS: a->programs = v; return PM_OK;
	case OPT_HOLES: a->holes = true; return PM_OK;
	}
	return pm_occ_on_opt(&a->o, id, v, err);
}

static const char *kind_name(enum pm_asset_kind k)
{
	static const char *const names[] = { "asset", "entry hole", "ladder hole", "surplus" };

	return names[k];
}

static void text(struct pm_table *t, size_t row, size_t col, const char *v)
{
	if (v && *v)
		pm_table_set_text(t, row, col, v);
}

static struct pm_table *asset_table(const struct pm_assets_report *r, const char *years, bool holes)
{
	static const struct {
		const char *name, *brief;
		enum pm_coltype type;
		int dec;
	} cols[] = {
		{ "kind", "kind", PM_COL_TEXT, 0 },
		{ "soc_code", "soc", PM_COL_TEXT, 0 },
		{ "soc_title", "occupation", PM_COL_TEXT, 0 },
		{ "annual_openings", "openings/yr", PM_COL_REAL, 0 },
		{ "typical_education", NULL, PM_COL_TEXT, 0 },
		{ "entry_level", "entry level", PM_COL_TEXT, 0 },
		{ "ladder", "ladder", PM_COL_TEXT, 0 },
		{ "provider", "provider", PM_COL_TEXT, 0 },
		{ "program", "program", PM_COL_TEXT, 0 },
		{ "cip_code", NULL, PM_COL_TEXT, 0 },
		{ "credential", NULL, PM_COL_TEXT, 0 },
		{ "completers", "completers/yr", PM_COL_REAL, 1 },
		{ "meets_entry", "at entry", PM_COL_TEXT, 0 },
		{ "source", NULL, PM_COL_TEXT, 0 },
		{ "hours", NULL, PM_COL_REAL, 0 },
		{ "weeks", NULL, PM_COL_REAL, 0 },
		{ "cost", NULL, PM_COL_INT, 0 },
		{ "etpl", NULL, PM_COL_TEXT, 0 },
		{ "apprenticeship", NULL, PM_COL_TEXT, 0 },
		{ "hole", "hole", PM_COL_TEXT, 0 },
		{ "award_years", NULL, PM_COL_TEXT, 0 },
	};
	enum { N = sizeof cols / sizeof cols[0] };
	struct pm_table *t = pm_table_new();
	size_t i, c;

	for (c = 0; c < N; c++)
		pm_table_add_col(t, cols[c].name, cols[c].type, cols[c].dec);
	/* on a terminal, the columns a dean reads first; --wide, CSV and JSON carry all */
	for (c = 0; c < N; c++)
		if (cols[c].brief)
			pm_table_col_brief(t, c, cols[c].brief, cols[c].dec);
	for (i = 0; i < r->n; i++) {
		const struct pm_asset_row *a = &r->rows[i];
		size_t row;

		if (holes && a->kind == PM_ASSET)
			continue;
		row = pm_table_add_row(t);
		pm_table_set_text(t, row, 0, kind_name(a->kind));
		text(t, row, 1, a->soc);
		text(t, row, 2, a->soc_title);
		pm_table_set_real(t, row, 3, a->openings);
		text(t, row, 4, a->education);
		text(t, row, 5, a->entry_level);
		text(t, row, 6, a->ladder);
		text(t, row, 7, a->provider);
		text(t, row, 8, a->program);
		text(t, row, 9, a->cip);
		text(t, row, 10, a->credential);
		pm_table_set_real(t, row, 11, a->completers);
		if (a->kind == PM_ASSET && a->soc)
			pm_table_set_text(t, row, 12, a->meets_entry ? "yes" : "no");
		text(t, row, 13, a->source);
		pm_table_set_real(t, row, 14, a->hours);
		pm_table_set_real(t, row, 15, a->weeks);
		if (a->cost >= 0)
			pm_table_set_int(t, row, 16, a->cost);
		if (a->etpl >= 0)
			pm_table_set_text(t, row, 17, a->etpl ? "yes" : "no");
		if (a->apprenticeship >= 0)
			pm_table_set_text(t, row, 18, a->apprenticeship ? "yes" : "no");
		text(t, row, 19, a->hole);
		pm_table_set_text(t, row, 20, years);
	}
	return t;
}

/* --programs FILE: load the inventory as 'pathmap import programs FILE' would. */
static enum pm_status load_programs(struct pm_ctx *ctx, const char *path, struct pm_err *err)
{
	const struct pm_source *src = pm_source_find("programs");
	struct pm_import_opts opts = { 0 };
	struct pm_import_report rep;
	enum pm_status rc;

	memset(&rep, 0, sizeof rep);
	if (!src || !src->import)
		return pm_err_set(err, PM_EUSAGE,
				  "--programs: program inventories cannot be loaded");
	rc = pm_source_import_file(ctx->store, src, path, &opts, &rep, err);
	pm_import_report_release(&rep);
	return rc;
}

static enum pm_status run(struct pm_ctx *ctx, int argc, char **argv, struct pm_err *err)
{
	struct args a;
	struct pm_assets_request rq;
	struct pm_assets_report rep;
	struct pm_table *t = NULL;
	struct pm_buf title = PM_BUF_INIT;
	cJSON *meta = NULL;
	enum pm_status rc;
	char years[96];
	bool help;

	memset(&a, 0, sizeof a);
	memset(&rep, 0, sizeof rep);
	pm_occ_args_init(&a.o);
	a.o.rq.min_openings = 10;
	if ((rc = pm_occ_parse(ctx, argc, argv, on_opt, &a, cmd_assets_entry.usage, &help, err)) ||
	    help)
		goto out;
	memset(&rq, 0, sizeof rq);
	rq.occ = a.o.rq;
	rq.year0 = a.year0;
	rq.year1 = a.year1;
	if ((rc = pm_ctx_open_store(ctx, a.programs != NULL, err)) ||
	    (a.programs && (rc = load_programs(ctx, a.programs, err))) ||
	    (rc = pm_assets_run(ctx->store, &rq, &rep, err)))
		goto out;
	pm_award_years_text(rep.gap.supply.year0, rep.gap.supply.year1, years, sizeof years);
	t = asset_table(&rep, years, a.holes);
	pm_buf_addf(&title, "Credential assets: %s",
		    rep.gap.occ.sel.label ? rep.gap.occ.sel.label : rep.gap.occ.sel.name);
	pm_occ_title_sectors(&title, &a.o);
	pm_buf_addf(&title, "; in demand: %g+ openings a year; award years %s", rep.threshold,
		    years);
	meta = pm_occ_meta(&rep.gap.occ);
	pm_occ_add_sources(meta, ctx->store, &rep.gap.occ, true);
	cJSON_AddStringToObject(meta, "award_years", years);
	cJSON_AddNumberToObject(meta, "in_demand_threshold", rep.threshold);
	cJSON_AddNumberToObject(meta, "in_demand", (double)rep.in_demand);
	cJSON_AddNumberToObject(meta, "holes_entry", (double)rep.holes_entry);
	cJSON_AddNumberToObject(meta, "holes_ladder", (double)rep.holes_ladder);
	cJSON_AddNumberToObject(meta, "holes_surplus", (double)rep.holes_surplus);
	cJSON_AddNumberToObject(meta, "institutions", (double)rep.gap.supply.ninstitutions);
	cJSON_AddNumberToObject(meta, "inventory_programs", (double)rep.inventory);
	rc = pm_occ_emit(ctx, t, title.buf, rep.notes, rep.nnotes, meta, err);
out:
	cJSON_Delete(meta);
	pm_table_free(t);
	pm_buf_release(&title);
	pm_assets_report_release(&rep);
	pm_occ_args_release(&a.o);
	return rc;
}

const struct pm_command cmd_assets_entry = {
	.name = "assets",
	.summary = "credential asset map: local programs of in-demand occupations, and the holes",
	.usage = "pathmap assets (--region NAME | --area CODE) [--sector NAICS...] "
		 "[--min-openings N] [--years Y0-Y1] [--programs FILE] [--holes]",
	.help = "For each in-demand occupation of the chosen industries (at least --min-openings\n"
		"annual openings in the whole selection, default 10): the selection's IPEDS\n"
		"programs leading there (NCES CIP-SOC), with completers a year, by ladder level\n"
		"(short-term certificate, long certificate, associate, bachelor, graduate); the\n"
		"programs of a loaded inventory (apprenticeships included); CareerOneStop\n"
		"certifications and licenses. Holes: 'entry hole' (no local program at the\n"
		"occupation's entry level), 'ladder hole' (a level between the lowest and highest\n"
		"entry levels with no program), 'surplus' (completers whose programs lead to none\n"
		"of the in-demand occupations). See docs/methods.md, \"Assets\".\n",
	.options = own_options,
	.shared_options = pm_occ_options,
	.flags = CMD_NEEDS_STORE,
	.run = run,
};
