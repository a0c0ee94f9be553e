/* pathmap ladder: the career pathways road map of a sector or an occupation. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/occ_opts.h"
#include "core/buf.h"
#include "core/notes.h"
#include "core/table.h"
#include "crosswalks/ladder.h"
#include "fetch/onet.h"
#include "core/banned.h"

enum { OPT_SOC = 200, OPT_YEARS };

static const struct pm_optdef own_options[] = {
	{ "soc", 0, true, OPT_SOC, "CODE",
	  "the ladder around one occupation (instead of --sector)" },
	{ "years", 0, true, OPT_YEARS, "Y0-Y1",
	  "award years by their end: 2023-2024 = 2022-23 and 2023-24 (default: latest two)" },
	{ NULL, 0, false, 0, NULL, NULL },
};

struct args {
	struct pm_occ_args o;
	const char *soc;
	int year0, year1;
};

static enum pm_status on_opt(void *user, int id, const char *v, struct pm_err *err)
{
	struct args *a = user;

	switch (id) {
	case OPT_SOC: a->soc = v; return PM_OK;
	case OPT_YEARS: return pm_parse_award_years("--years", v, &a->year0, &a->year1, err);
	}
	return pm_occ_on_opt(&a->o, id, v, err);
}

static struct pm_table *node_table(const struct pm_ladder_report *r)
{
	static const struct {
		const char *name, *brief;
		enum pm_coltype type;
	} cols[] = {
		{ "tier", "tier", PM_COL_INT },
		{ "soc_code", "soc", PM_COL_TEXT },
		{ "soc_title", "occupation", PM_COL_TEXT },
		{ "job_zone", NULL, PM_COL_INT },
		{ "typical_education", "entry education", PM_COL_TEXT },
		{ "median_wage", "median wage", PM_COL_INT },
		{ "annual_openings", "openings/yr", PM_COL_REAL },
		{ "entry_point", "entry", PM_COL_TEXT },
		{ "exit_point", "exit", PM_COL_TEXT },
		{ "local_programs", "local programs (entry credential)", PM_COL_TEXT },
		{ "certifications", NULL, PM_COL_TEXT },
		{ "next_steps", "next steps", PM_COL_TEXT },
	};
	enum { N = sizeof cols / sizeof cols[0] };
	struct pm_table *t = pm_table_new();
	size_t i, c;

	for (c = 0; c < N; c++)
		pm_table_add_col(t, cols[c].name, cols[c].type, 0);
	for (c = 0; c < N; c++)
		if (cols[c].brief)
			pm_table_col_brief(t, c, cols[c].brief, 0);
	for (i = 0; i < r->n; i++) {
		const struct pm_ladder_node *n = &r->nodes[i];
		size_t row = pm_table_add_row(t);

		pm_table_set_int(t, row, 0, n->tier);
		pm_table_set_text(t, row, 1, n->soc);
		pm_table_set_text(t, row, 2, n->title);
		if (n->job_zone > 0)
			pm_table_set_int(t, row, 3, n->job_zone);
		if (n->education)
			pm_table_set_text(t, row, 4, n->education);
		if (n->wage >= 0)
			pm_table_set_int(t, row, 5, n->wage);
		pm_table_set_real(t, row, 6, n->openings); /* NAN: left empty */
		pm_table_set_text(t, row, 7, n->entry ? "yes" : "no");
		pm_table_set_text(t, row, 8, n->exit ? "yes" : "no");
		if (n->programs)
			pm_table_set_text(t, row, 9, n->programs);
		if (n->credentials)
			pm_table_set_text(t, row, 10, n->credentials);
		if (n->next)
			pm_table_set_text(t, row, 11, n->next);
	}
	return t;
}

/* The edges for JSON readers that draw the map. */
static cJSON *edges_json(const struct pm_ladder_report *r)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < r->nedges; i++) {
		const struct pm_ladder_edge *e = &r->edges[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "from", r->nodes[e->from].soc);
		cJSON_AddStringToObject(o, "to", r->nodes[e->to].soc);
		if (e->relation)
			cJSON_AddStringToObject(o, "relation", e->relation);
		cJSON_AddNumberToObject(o, "onet_rank", e->rank);
		cJSON_AddNumberToObject(o, "tier_gain", e->tier_gain);
		if (e->wage_gain >= 0)
			cJSON_AddNumberToObject(o, "wage_gain", (double)e->wage_gain);
		else
			cJSON_AddNullToObject(o, "wage_gain");
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static enum pm_status run(struct pm_ctx *ctx, int argc, char **argv, struct pm_err *err)
{
	struct args a;
	struct pm_ladder_request rq;
	struct pm_ladder_report rep;
	struct pm_table *t = NULL;
	struct pm_buf title = PM_BUF_INIT;
	cJSON *meta = NULL;
	enum pm_status rc;
	char years[96];
	bool help;

	memset(&a, 0, sizeof a);
	memset(&rep, 0, sizeof rep);
	pm_occ_args_init(&a.o);
	if ((rc = pm_occ_parse(ctx, argc, argv, on_opt, &a, cmd_ladder_entry.usage, &help, err)) ||
	    help)
		goto out;
	if (!a.soc == !a.o.nsectors) {
		rc = pm_err_set(err, PM_EUSAGE,
				"give --sector or --soc (one of the two); usage: %s",
				cmd_ladder_entry.usage);
		goto out;
	}
	memset(&rq, 0, sizeof rq);
	rq.occ = a.o.rq;
	rq.soc = a.soc;
	rq.year0 = a.year0;
	rq.year1 = a.year1;
	if ((rc = pm_ctx_open_store(ctx, false, err)) ||
	    (rc = pm_ladder_run(ctx->store, &rq, &rep, err)))
		goto out;
	pm_award_years_text(rep.assets.gap.supply.year0, rep.assets.gap.supply.year1, years,
			    sizeof years);
	t = node_table(&rep);
	pm_buf_addf(&title, "Career ladder: %s",
		    rep.assets.gap.occ.sel.label ? rep.assets.gap.occ.sel.label
						 : rep.assets.gap.occ.sel.name);
	if (a.soc)
		pm_buf_addf(&title, ", from %s", a.soc);
	else
		pm_occ_title_sectors(&title, &a.o);
	pm_buf_addf(&title, "; programs: award years %s", years);
	pm_notes_addf(&rep.notes, &rep.nnotes, "job zones and related occupations: %s",
		      pm_onet_attribution(ctx->store));
	meta = pm_occ_meta(&rep.assets.gap.occ);
	pm_occ_add_sources(meta, ctx->store, &rep.assets.gap.occ, true);
	cJSON_AddStringToObject(meta, "award_years", years);
	cJSON_AddItemToObject(meta, "edges", edges_json(&rep));
	rc = pm_occ_emit(ctx, t, title.buf, rep.notes, rep.nnotes, meta, err);
out:
	cJSON_Delete(meta);
	pm_table_free(t);
	pm_buf_release(&title);
	pm_ladder_report_release(&rep);
	pm_occ_args_release(&a.o);
	return rc;
}

const struct pm_command cmd_ladder_entry = {
	.name = "ladder",
	.summary = "career pathways road map: occupations in tiers, steps up, local programs",
	.usage = "pathmap ladder (--region NAME | --area CODE) (--sector NAICS... | --soc CODE) "
		 "[--years Y0-Y1]",
	.help = "Occupations in tiers by O*NET job zone (else by typical entry education), with\n"
		"progression steps to O*NET related occupations a tier up at no lower wage (or\n"
		"the same tier at a higher wage), wages and openings at each step, the local\n"
		"programs that give the entry credential (IPEDS, the program inventory) and the\n"
		"certifications and licenses listed for it. Entry and exit points are marked.\n"
		"--format json adds the edges (meta.edges); markdown gives a table for a\n"
		"briefing. See docs/methods.md, \"Ladder\".\n",
	.options = own_options,
	.shared_options = pm_occ_options,
	.flags = CMD_NEEDS_STORE,
	.run = run,
};
