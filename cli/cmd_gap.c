/*
 * pathmap gap : completers against openings by occupation (crosswalks/gaps.c
 * computes; this file parses and renders).
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/occ_opts.h"
#include "core/buf.h"
#include "core/parse.h"
#include "core/table.h"
#include "core/xalloc.h"
#include "crosswalks/gaps.h"
#include "fetch/onet.h"
#include "core/banned.h"

enum { OPT_ALLOC = 200, OPT_YEARS, OPT_BY };

static const struct pm_optdef own_options[] = {
	{ "allocation", 0, true, OPT_ALLOC, "METHOD",
	  "demand (default), split, duplicate or competition" },
	{ "years", 0, true, OPT_YEARS, "Y0-Y1",
	  "award years by their end: 2023-2024 = 2022-23 and 2023-24 (default: latest two)" },
	{ "by", 0, true, OPT_BY, "VIEW", "soc (default), education or cip" },
	{ NULL, 0, false, 0, NULL, NULL },
};

struct args {
	struct pm_occ_args o;
	enum pm_allocation alloc;
	int year0, year1;
	char by;
};

static enum pm_status on_opt(void *user, int id, const char *v, struct pm_err *err)
{
	struct args *a = user;

	switch (id) {
	case OPT_ALLOC:
		if (!pm_allocation_parse(v, &a->alloc))
			return pm_err_set(err, PM_EUSAGE,
					  "--allocation: '%s' is not demand, split, duplicate or "
					  "competition",
					  v);
		return PM_OK;
	case OPT_YEARS: return pm_parse_award_years("--years", v, &a->year0, &a->year1, err);
	case OPT_BY:
		if (strcmp(v, "soc") && strcmp(v, "education") && strcmp(v, "cip"))
			return pm_err_set(err, PM_EUSAGE, "--by: '%s' is not soc, education or cip",
					  v);
		a->by = v[0];
		return PM_OK;
	}
	return pm_occ_on_opt(&a->o, id, v, err);
}

enum col {
	C_SOC,
	C_TITLE,
	C_OPEN,
	C_COMPL,
	C_GAP,
	C_RATIO,
	C_EDU,
	C_WAGE,
	C_CIPS,
	C_INST,
	C_SECOPEN,
	C_ENTRY,
	C_ALLOC,
	C_NOTE,
	C_METHOD,
	C_YEARS,
	C_OBASIS,
	C_EBASIS,
	C_CRED,
	C_REQ,
	C_N
};

static struct pm_table *soc_table(const struct pm_gap_report *r, const char *years, int top)
{
	static const struct {
		const char *name, *brief;
		enum pm_coltype type;
		int dec;
	} cols[C_N] = {
		[C_SOC] = { "soc_code", "soc", PM_COL_TEXT, 0 },
		[C_TITLE] = { "soc_title", "occupation", PM_COL_TEXT, 0 },
		[C_OPEN] = { "annual_openings", "openings/yr", PM_COL_REAL, 1 },
		[C_COMPL] = { "completers", "completers/yr", PM_COL_REAL, 1 },
		[C_GAP] = { "gap", "gap", PM_COL_REAL, 1 },
		[C_RATIO] = { "gap_ratio", "gap ratio", PM_COL_REAL, 3 },
		[C_EDU] = { "typical_education", "entry education", PM_COL_TEXT, 0 },
		[C_WAGE] = { "median_wage", "median wage", PM_COL_INT, 0 },
		[C_CIPS] = { "cip_codes", NULL, PM_COL_TEXT, 0 },
		[C_INST] = { "institutions", "institutions", PM_COL_TEXT, 0 },
		[C_SECOPEN] = { "sector_openings", NULL, PM_COL_REAL, 1 },
		[C_ENTRY] = { "completers_entry_level", NULL, PM_COL_REAL, 1 },
		[C_ALLOC] = { "completers_allocated", NULL, PM_COL_REAL, 1 },
		[C_NOTE] = { "supply_note", NULL, PM_COL_TEXT, 0 },
		[C_METHOD] = { "allocation", NULL, PM_COL_TEXT, 0 },
		[C_YEARS] = { "award_years", NULL, PM_COL_TEXT, 0 },
		[C_OBASIS] = { "openings_basis", NULL, PM_COL_TEXT, 0 },
		[C_EBASIS] = { "employment_basis", NULL, PM_COL_TEXT, 0 },
		[C_CRED] = { "credentials", NULL, PM_COL_TEXT, 0 },
		[C_REQ] = { "required_education", NULL, PM_COL_TEXT, 0 },
	};
	static const enum col brief[] = { C_SOC,   C_TITLE, C_OPEN, C_COMPL, C_GAP,
					  C_RATIO, C_EDU,   C_WAGE, C_INST };
	struct pm_table *t = pm_table_new();
	size_t i, n = r->n;

	for (i = 0; i < C_N; i++)
		pm_table_add_col(t, cols[i].name, cols[i].type, cols[i].dec);
	for (i = 0; i < sizeof brief / sizeof brief[0]; i++)
		pm_table_col_brief(t, brief[i], cols[brief[i]].brief, brief[i] == C_RATIO ? 3 : 0);
	if (top > 0 && (size_t)top < n)
		n = (size_t)top;
	for (i = 0; i < n; i++) {
		const struct pm_gap_row *g = &r->rows[i];
		size_t row = pm_table_add_row(t);

		pm_table_set_text(t, row, C_SOC, g->soc);
		pm_table_set_text(t, row, C_TITLE, g->title);
		pm_table_set_real(t, row, C_OPEN, g->openings);
		pm_table_set_real(t, row, C_SECOPEN, g->sector_openings);
		pm_table_set_real(t, row, C_ALLOC, g->allocated);
		if (g->measured) {
			pm_table_set_real(t, row, C_COMPL, g->allocated);
			pm_table_set_real(t, row, C_ENTRY, g->entry_level);
			pm_table_set_real(t, row, C_GAP, g->gap);
			pm_table_set_real(t, row, C_RATIO, g->gap_ratio);
		} else {
			pm_table_set_text(t, row, C_NOTE, "not measured by IPEDS");
		}
		pm_table_set_text(t, row, C_EDU, g->occ->education);
		if (g->occ->have_wage)
			pm_table_set_int(t, row, C_WAGE, g->occ->median_wage);
		pm_table_set_text(t, row, C_CIPS, g->cips);
		pm_table_set_text(t, row, C_INST, g->institutions);
		pm_table_set_text(t, row, C_METHOD, pm_allocation_name(r->rq.allocation));
		pm_table_set_text(t, row, C_YEARS, years);
		pm_table_set_text(t, row, C_OBASIS, g->occ->openings_basis);
		pm_table_set_text(t, row, C_EBASIS, g->occ->emp_basis);
		pm_table_set_text(t, row, C_CRED, g->credentials);
		pm_table_set_text(t, row, C_REQ, g->required);
	}
	return t;
}

static struct pm_table *edu_table(const struct pm_gap_report *r)
{
	struct pm_table *t = pm_table_new();
	size_t i;

	pm_table_add_col(t, "typical_education", PM_COL_TEXT, 0);
	pm_table_add_col(t, "occupations", PM_COL_INT, 0);
	pm_table_add_col(t, "annual_openings", PM_COL_REAL, 1);
	pm_table_add_col(t, "completers", PM_COL_REAL, 1);
	pm_table_add_col(t, "gap", PM_COL_REAL, 1);
	for (i = 0; i < r->nedu; i++) {
		size_t row = pm_table_add_row(t);

		pm_table_set_text(t, row, 0, r->edu[i].education);
		pm_table_set_int(t, row, 1, (int64_t)r->edu[i].nsoc);
		pm_table_set_real(t, row, 2, r->edu[i].openings);
		if (!pm_gap_measured(r->edu[i].education))
			continue; /* no supply, no gap */
		pm_table_set_real(t, row, 3, r->edu[i].completers);
		pm_table_set_real(t, row, 4, r->edu[i].openings - r->edu[i].completers);
	}
	return t;
}

static struct pm_table *cip_table(const struct pm_gap_report *r)
{
	struct pm_table *t = pm_table_new();
	bool comp = r->rq.allocation == PM_ALLOC_COMPETITION;
	size_t i;

	pm_table_add_col(t, "cip_code", PM_COL_TEXT, 0);
	pm_table_add_col(t, "cip_title", PM_COL_TEXT, 0);
	pm_table_add_col(t, "completers", PM_COL_REAL, 1);
	pm_table_add_col(t, comp ? "openings_allocated" : "completers_allocated", PM_COL_REAL, 1);
	pm_table_add_col(t, "occupations", PM_COL_INT, 0);
	for (i = 0; i < r->ncips; i++) {
		size_t row = pm_table_add_row(t);

		pm_table_set_text(t, row, 0, r->cips[i].cip);
		pm_table_set_text(t, row, 1, r->cips[i].title);
		pm_table_set_real(t, row, 2, r->cips[i].completers);
		pm_table_set_real(t, row, 3, r->cips[i].allocated);
		pm_table_set_int(t, row, 4, (int64_t)r->cips[i].nsoc);
	}
	return t;
}

static cJSON *make_meta(const struct pm_gap_report *r, const char *years)
{
	cJSON *m = pm_occ_meta(&r->occ);

	cJSON_AddStringToObject(m, "allocation", pm_allocation_name(r->rq.allocation));
	cJSON_AddStringToObject(m, "award_years", years);
	cJSON_AddNumberToObject(m, "award_year_first", r->supply.year0);
	cJSON_AddNumberToObject(m, "award_year_last", r->supply.year1);
	cJSON_AddNumberToObject(m, "institutions", (double)r->supply.ninstitutions);
	cJSON_AddNumberToObject(m, "completers", r->supply.total);
	cJSON_AddNumberToObject(m, "completers_linked", r->linked_completers);
	cJSON_AddNumberToObject(m, "completers_allocated", r->total_allocated);
	cJSON_AddNumberToObject(m, "openings_linked", r->openings_linked);
	cJSON_AddNumberToObject(m, "openings_allocated", r->openings_allocated);
	return m;
}

static enum pm_status run(struct pm_ctx *ctx, int argc, char **argv, struct pm_err *err)
{
	struct args a;
	struct pm_gap_request rq;
	struct pm_gap_report rep;
	struct pm_table *t = NULL;
	struct pm_buf title = PM_BUF_INIT;
	cJSON *meta = NULL;
	enum pm_status rc;
	char years[96];
	bool help;

	memset(&a, 0, sizeof a);
	memset(&rep, 0, sizeof rep);
	pm_occ_args_init(&a.o);
	a.by = 's';
	if ((rc = pm_occ_parse(ctx, argc, argv, on_opt, &a, cmd_gap_entry.usage, &help, err)) ||
	    help)
		goto out;
	memset(&rq, 0, sizeof rq);
	rq.occ = a.o.rq;
	rq.allocation = a.alloc;
	rq.year0 = a.year0;
	rq.year1 = a.year1;
	if ((rc = pm_ctx_open_store(ctx, false, err)) ||
	    (rc = pm_gap_run(ctx->store, &rq, &rep, err)))
		goto out;
	pm_award_years_text(rep.supply.year0, rep.supply.year1, years, sizeof years);
	t = a.by == 'e'	  ? edu_table(&rep)
	    : a.by == 'c' ? cip_table(&rep)
			  : soc_table(&rep, years, a.o.top);
	pm_buf_addf(&title, "Gap: %s", rep.occ.sel.label ? rep.occ.sel.label : rep.occ.sel.name);
	pm_occ_title_sectors(&title, &a.o);
	pm_buf_addf(&title, "; allocation %s, award years %s", pm_allocation_name(rq.allocation),
		    years);
	if (rep.occ.onet)
		pm_table_add_note(t, "job zones: %s", pm_onet_attribution(ctx->store));
	meta = make_meta(&rep, years);
	pm_occ_add_sources(meta, ctx->store, &rep.occ, true);
	rc = pm_occ_emit(ctx, t, title.buf, rep.notes, rep.nnotes, meta, err);
out:
	cJSON_Delete(meta);
	pm_table_free(t);
	pm_buf_release(&title);
	pm_gap_report_release(&rep);
	pm_occ_args_release(&a.o);
	return rc;
}

const struct pm_command cmd_gap_entry = {
	.name = "gap",
	.summary = "completers of local programs against openings, by occupation",
	.usage = "pathmap gap (--region NAME | --area CODE) [--sector NAICS...] "
		 "[--allocation demand|split|duplicate|competition] [--years Y0-Y1] "
		 "[--by soc|education|cip]",
	.help = "Openings: the selection's, every industry (see 'pathmap occupations'); --sector\n"
		"chooses the occupations listed. Supply: IPEDS completions of the selection's\n"
		"institutions (first majors, a year's average over the award years), allocated to\n"
		"occupations through the NCES CIP-SOC crosswalk by the chosen method. gap =\n"
		"openings - completers (positive: a shortage); gap_ratio = gap / openings.\n"
		"Occupations entered with a high school diploma or less show supply 'not measured\n"
		"by IPEDS'. See docs/methods.md, \"Supply\" and \"Gap\".\n",
	.options = own_options,
	.shared_options = pm_occ_options,
	.flags = CMD_NEEDS_STORE,
	.run = run,
};
