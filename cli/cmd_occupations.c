/*
 * pathmap occupations : occupation demand for a region or area
 * (crosswalks/occupations.c computes; this file parses and renders).
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/buf.h"
#include "core/parse.h"
#include "core/table.h"
#include "core/xalloc.h"
#include "cli/occ_opts.h"
#include "crosswalks/ete.h"
#include "crosswalks/occupations.h"
#include "fetch/onet.h"
#include "store/credential.h"
#include "core/banned.h"

struct args {
	struct pm_occ_args o;
};

static enum pm_status on_opt(void *user, int id, const char *v, struct pm_err *err)
{
	struct args *a = user;

	return pm_occ_on_opt(&a->o, id, v, err);
}

enum col {
	C_SOC,
	C_TITLE,
	C_EMP,
	C_EMPBASIS,
	C_OPEN,
	C_OGROW,
	C_OEXIT,
	C_OTRANS,
	C_GROWTH,
	C_WAGE,
	C_EDU,
	C_EXP,
	C_OJT,
	C_ZONE,
	C_SHARE,
	C_OBASIS,
	C_WBASIS,
	C_EMPEST,
	C_CRED,
	C_REQ,
	C_N
};

static struct pm_table *make_table(void)
{
	static const struct {
		const char *name;
		enum pm_coltype type;
		int dec;
		const char *brief; /* label in the text table, or NULL when not brief */
	} cols[C_N] = {
		[C_SOC] = { "soc_code", PM_COL_TEXT, 0, "soc" },
		[C_TITLE] = { "soc_title", PM_COL_TEXT, 0, "occupation" },
		[C_EMP] = { "employment", PM_COL_INT, 0, "employment" },
		[C_EMPBASIS] = { "employment_basis", PM_COL_TEXT, 0, NULL },
		[C_OPEN] = { "annual_openings", PM_COL_REAL, 1, "openings/yr" },
		[C_OGROW] = { "openings_growth", PM_COL_REAL, 1, NULL },
		[C_OEXIT] = { "openings_exits", PM_COL_REAL, 1, NULL },
		[C_OTRANS] = { "openings_transfers", PM_COL_REAL, 1, NULL },
		[C_GROWTH] = { "growth_pct", PM_COL_REAL, 1, "growth %" },
		[C_WAGE] = { "median_wage", PM_COL_INT, 0, "median wage" },
		[C_EDU] = { "typical_education", PM_COL_TEXT, 0, "entry education" },
		[C_EXP] = { "work_experience", PM_COL_TEXT, 0, NULL },
		[C_OJT] = { "ojt", PM_COL_TEXT, 0, NULL },
		[C_ZONE] = { "job_zone", PM_COL_TEXT, 0, "zone" },
		[C_SHARE] = { "share_of_sector", PM_COL_REAL, 2, "% of sector" },
		[C_OBASIS] = { "openings_basis", PM_COL_TEXT, 0, NULL },
		[C_WBASIS] = { "wage_basis", PM_COL_TEXT, 0, NULL },
		[C_EMPEST] = { "employment_estimated", PM_COL_INT, 0, NULL },
		[C_CRED] = { "credentials", PM_COL_TEXT, 0, NULL },
		[C_REQ] = { "required_education", PM_COL_TEXT, 0, NULL },
	};
	static const enum col brief[] = { C_SOC,  C_TITLE, C_EMP,  C_OPEN, C_GROWTH,
					  C_WAGE, C_EDU,   C_ZONE, C_SHARE };
	struct pm_table *t = pm_table_new();
	size_t i;

	for (i = 0; i < C_N; i++)
		pm_table_add_col(t, cols[i].name, cols[i].type, cols[i].dec);
	for (i = 0; i < sizeof brief / sizeof brief[0]; i++)
		pm_table_col_brief(t, brief[i], cols[brief[i]].brief,
				   cols[brief[i]].type == PM_COL_REAL ? (brief[i] == C_OPEN ? 0 : 1)
								      : -1);
	return t;
}

static void fill(struct pm_table *t, struct pm_store *st, const struct pm_occ_report *r, int top)
{
	size_t i, n = r->n;

	if (top > 0 && (size_t)top < n)
		n = (size_t)top;
	for (i = 0; i < n; i++) {
		const struct pm_occ_row *o = &r->rows[i];
		size_t row = pm_table_add_row(t);
		char zone[16], *cred;

		pm_table_set_text(t, row, C_SOC, o->soc);
		pm_table_set_text(t, row, C_TITLE, o->title);
		pm_table_set_int(t, row, C_EMP, llround(o->emp));
		/* mostly an estimate from suppressed cells: say so in human formats */
		if (o->emp_estimated > 0.1 * o->emp)
			pm_table_mark_approx(t, row, C_EMP);
		pm_table_set_text(t, row, C_EMPBASIS, o->emp_basis);
		if (o->have_openings) {
			pm_table_set_real(t, row, C_OPEN, o->op.total);
			pm_table_set_real(t, row, C_OGROW, o->op.growth);
			pm_table_set_real(t, row, C_OEXIT, o->op.exits);
			pm_table_set_real(t, row, C_OTRANS, o->op.transfers);
			pm_table_set_real(t, row, C_GROWTH, o->op.growth_pct);
		}
		pm_table_set_text(t, row, C_OBASIS, o->openings_basis);
		if (o->have_wage)
			pm_table_set_int(t, row, C_WAGE, o->median_wage);
		pm_table_set_text(t, row, C_WBASIS, o->wage_basis);
		pm_table_set_text(t, row, C_EDU, o->education);
		pm_table_set_text(t, row, C_EXP, o->experience);
		pm_table_set_text(t, row, C_OJT, o->ojt);
		if (o->job_zone_lo) {
			if (o->job_zone_lo == o->job_zone_hi)
				snprintf(zone, sizeof zone, "%d", o->job_zone_lo);
			else
				snprintf(zone, sizeof zone, "%d-%d", o->job_zone_lo,
					 o->job_zone_hi);
			pm_table_set_text(t, row, C_ZONE, zone);
		}
		pm_table_set_real(t, row, C_SHARE, o->share);
		pm_table_set_int(t, row, C_EMPEST, llround(o->emp_estimated));
		cred = pm_credentials_summary(st, o->soc, 3);
		pm_table_set_text(t, row, C_CRED, cred);
		free(cred);
		cred = pm_onet_required_levels(st, o->soc, 3);
		pm_table_set_text(t, row, C_REQ, cred);
		free(cred);
	}
}

static cJSON *make_meta(const struct pm_occ_report *r, const struct args *a)
{
	cJSON *m = pm_occ_meta(r), *s = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < a->o.nsectors; i++)
		cJSON_AddItemToArray(s, cJSON_CreateString(a->o.sectors[i]));
	cJSON_AddItemToObject(m, "sectors", s);
	return m;
}

static enum pm_status run(struct pm_ctx *ctx, int argc, char **argv, struct pm_err *err)
{
	struct args a;
	struct pm_occ_report rep;
	struct pm_table *t = NULL;
	struct pm_buf title = PM_BUF_INIT;
	cJSON *meta = NULL;
	enum pm_status rc;
	char **pos = NULL;
	int npos = 0;
	bool help;
	size_t i;

	memset(&rep, 0, sizeof rep);
	pm_occ_args_init(&a.o);
	if ((rc = pm_cmd_parse(ctx, argc, argv, on_opt, &a, &pos, &npos, &help, err)) || help)
		goto out;
	if (npos) {
		rc = pm_err_set(err, PM_EUSAGE, "usage: %s", cmd_occupations_entry.usage);
		goto out;
	}
	if ((rc = pm_ctx_open_store(ctx, false, err)) ||
	    (rc = pm_occupations_run(ctx->store, &a.o.rq, &rep, err)))
		goto out;
	t = make_table();
	pm_buf_addf(&title, "Occupations: %s", rep.sel.label ? rep.sel.label : rep.sel.name);
	pm_occ_title_sectors(&title, &a.o);
	pm_buf_addf(&title, "; %zu occupations by annual openings, EP %d-%d", rep.n, rep.ep_base,
		    rep.ep_proj);
	pm_table_set_title(t, title.buf);
	for (i = 0; i < rep.nnotes; i++)
		pm_table_add_note(t, "%s", rep.notes[i]);
	if (rep.onet)
		pm_table_add_note(t, "job zones: %s", pm_onet_attribution(ctx->store));
	fill(t, ctx->store, &rep, a.o.top);
	meta = make_meta(&rep, &a);
	pm_occ_add_sources(meta, ctx->store, &rep, false);
	rc = pm_ctx_emit(ctx, t, meta, err);
out:
	cJSON_Delete(meta);
	pm_table_free(t);
	pm_buf_release(&title);
	pm_occ_report_release(&rep);
	pm_occ_args_release(&a.o);
	free(pos);
	return rc;
}

const struct pm_command cmd_occupations_entry = {
	.name = "occupations",
	.summary = "occupations of a region's sectors: employment, openings, wages, education",
	.usage = "pathmap occupations (--region NAME | --area CODE) [--sector NAICS...] "
		 "[--min-openings N] [--education LEVEL] [--top N]",
	.help = "Employment comes from EP (the nation), local OEWS when loaded (no --sector), or\n"
		"QCEW industry employment times national staffing patterns; annual openings =\n"
		"growth + labor-force exits + occupational transfers (EP rates; a state's growth\n"
		"where its projections are loaded). Every row says which basis it used; see\n"
		"docs/methods.md. Levels for --education: doctoral, master, bachelor, associate,\n"
		"postsecondary, some-college, high-school, none.\n",
	.options = NULL,
	.shared_options = pm_occ_options,
	.flags = CMD_NEEDS_STORE,
	.run = run,
};
