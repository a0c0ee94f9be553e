/*
 * The career ladder (see ladder.h): nodes from the gap analysis's
 * occupations, edges from O*NET related occupations, programs and
 * credentials from the asset map.
 */
#include "crosswalks/ladder.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/notes.h"
#include "core/codes.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "core/banned.h"

enum { MAX_OUT = 5, SOC_DEPTH = 3 };

/* the report owns its notes (core/notes.h) */
#define note(r, ...) pm_notes_addf(&(r)->notes, &(r)->nnotes, __VA_ARGS__)

/* The job zone an EP entry-education category implies (O*NET's zone descriptions). */
static int zone_of_education(const char *education)
{
	switch (pm_ladder_of_education(education)) {
	case PM_LADDER_SHORT:
	case PM_LADDER_LONG:
	case PM_LADDER_ASSOC: return 3;
	case PM_LADDER_BACH: return 4;
	case PM_LADDER_GRAD: return 5;
	default: return education ? 2 : 0;
	}
}

/* A candidate occupation: a row of the whole selection's occupation report. */
struct cand {
	const struct pm_occ_row *occ;
	int tier;
	int64_t wage;
	double openings;
};

struct rel {
	size_t from, to; /* candidate indexes */
	const char *relation;
	int rank;
};

struct run {
	struct pm_store *st;
	struct pm_ladder_report *out;
	struct cand *c;
	size_t nc;
	struct pm_strmap index; /* soc -> candidate */
	struct rel *rel;
	size_t nrel, arel;
};

static bool step_up(const struct cand *a, const struct cand *b)
{
	bool wages = a->wage >= 0 && b->wage >= 0;

	if (b->tier > a->tier)
		return !wages || b->wage >= a->wage;
	return b->tier == a->tier && wages && b->wage > a->wage;
}

/* The candidate an O*NET-SOC code (29-1141.01) belongs to: its SOC, or the broad one. */
static bool find(struct run *r, const char *onet, size_t *i)
{
	char soc[PM_CODE_MAX], par[PM_CODE_MAX];

	snprintf(soc, sizeof soc, "%.7s", onet);
	if (pm_strmap_get(&r->index, soc, i))
		return true;
	return pm_soc_level(soc) == PM_SOC_DETAILED && pm_soc_parent(soc, par, sizeof par) &&
	       pm_strmap_get(&r->index, par, i);
}

static enum pm_status load_related(struct run *r, struct pm_err *err)
{
	struct pm_strmap seen = PM_STRMAP_INIT;
	sqlite3_stmt *s;
	enum pm_status rc;
	size_t a, b, n = 0;
	int step;

	if ((rc = pm_store_prepare(r->st,
				   "SELECT onet_code, related_code, tier, rank FROM onet_related"
				   " ORDER BY onet_code, rank",
				   &s, err)))
		return rc;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		char key[48];

		n++;
		if (!find(r, pm_col_text(s, 0), &a) || !find(r, pm_col_text(s, 1), &b) || a == b ||
		    !step_up(&r->c[a], &r->c[b]))
			continue;
		snprintf(key, sizeof key, "%zu>%zu", a, b);
		if (pm_strmap_get(&seen, key, NULL))
			continue; /* two O*NET codes of one SOC */
		pm_strmap_put(&seen, key, 1);
		PM_ALLOC_GROW(r->rel, r->nrel + 1, r->arel);
		r->rel[r->nrel++] =
			(struct rel){ a, b,
				      sqlite3_column_type(s, 2) == SQLITE_NULL
					      ? NULL
					      : pm_intern(&r->out->strings, pm_col_text(s, 2)),
				      sqlite3_column_int(s, 3) };
	}
	sqlite3_finalize(s);
	pm_strmap_release(&seen);
	if (step != SQLITE_DONE)
		return pm_store_fail(r->st, err, "cannot read O*NET related occupations");
	if (!n)
		return pm_err_set(
			err, PM_ENOTFOUND,
			"O*NET related occupations are not loaded: import them ('pathmap "
			"import onet db_30_1_text.zip' or its 'Related Occupations.txt')");
	return PM_OK;
}

static void candidates(struct run *r, const struct pm_occ_report *occ)
{
	size_t i;

	r->c = pm_xcalloc(occ->n + 1, sizeof *r->c);
	for (i = 0; i < occ->n; i++) {
		const struct pm_occ_row *o = &occ->rows[i];
		struct cand *c = &r->c[r->nc];

		c->occ = o;
		c->tier = o->job_zone_lo > 0 ? o->job_zone_lo : zone_of_education(o->education);
		c->wage = o->have_wage ? o->median_wage : -1;
		c->openings = o->have_openings ? o->op.total : NAN;
		pm_strmap_put(&r->index, o->soc, r->nc++);
	}
}

/* Which candidates are nodes: the chosen industries' with openings, or around one SOC. */
static enum pm_status choose(struct run *r, const struct pm_ladder_request *rq,
			     const struct pm_occ_report *sector, bool *pick, struct pm_err *err)
{
	size_t i, j, k;

	if (!rq->soc) {
		for (i = 0; i < sector->n; i++)
			if (sector->rows[i].have_openings && sector->rows[i].op.total > 0 &&
			    pm_strmap_get(&r->index, sector->rows[i].soc, &k))
				pick[k] = true;
		return PM_OK;
	}
	{
		char soc[PM_CODE_MAX];
		int *depth = pm_xcalloc(r->nc + 1, sizeof *depth);
		int d;

		if (pm_code_normalize(PM_CODE_SOC, rq->soc, soc, sizeof soc, "--soc", err)) {
			free(depth);
			return PM_EUSAGE;
		}
		if (!find(r, soc, &k)) {
			free(depth);
			return pm_err_set(err, PM_ENOTFOUND,
					  "--soc %s: the selection has no estimate for this "
					  "occupation (see 'pathmap occupations')",
					  soc);
		}
		pick[k] = true;
		depth[k] = 1;
		for (d = 1; d <= SOC_DEPTH; d++) {
			size_t *used = pm_xcalloc(r->nc + 1, sizeof *used);

			/* the MAX_OUT most related steps of each occupation (O*NET's rank order) */
			for (i = 0; i < r->nrel; i++)
				if (depth[r->rel[i].from] == d &&
				    used[r->rel[i].from]++ < MAX_OUT && !depth[r->rel[i].to]) {
					depth[r->rel[i].to] = d + 1;
					pick[r->rel[i].to] = true;
				}
			free(used);
		}
		for (j = 0; j < r->nrel; j++) /* and one step below it */
			if (r->rel[j].to == k)
				pick[r->rel[j].from] = true;
		free(depth);
	}
	return PM_OK;
}

static int node_cmp(const void *pa, const void *pb)
{
	const struct pm_ladder_node *a = pa, *b = pb;
	double x = isnan(a->openings) ? -1 : a->openings, y = isnan(b->openings) ? -1 : b->openings;

	if (a->tier != b->tier)
		return a->tier < b->tier ? -1 : 1;
	if (x > y || x < y)
		return x > y ? -1 : 1;
	return strcmp(a->soc, b->soc);
}

/* Nodes from the picked candidates, sorted by tier; edges among them, capped per node. */
static void graph(struct run *r, const bool *pick)
{
	struct pm_ladder_report *o = r->out;
	size_t *node_of = pm_xcalloc(r->nc + 1, sizeof *node_of);
	size_t i, k, a = 0;

	o->nodes = pm_xcalloc(r->nc + 1, sizeof *o->nodes);
	for (i = 0; i < r->nc; i++) {
		struct pm_ladder_node *n;

		if (!pick[i])
			continue;
		n = &o->nodes[o->n++];
		/* interned here: the occupation report goes before the ladder does */
		n->soc = pm_intern(&o->strings, r->c[i].occ->soc);
		n->title = pm_intern(&o->strings, r->c[i].occ->title);
		n->education = r->c[i].occ->education
				       ? pm_intern(&o->strings, r->c[i].occ->education)
				       : NULL;
		n->entry_level = pm_ladder_name(pm_ladder_of_education(n->education));
		n->tier = r->c[i].tier;
		n->job_zone = r->c[i].occ->job_zone_lo;
		n->openings = r->c[i].openings;
		n->wage = r->c[i].wage;
	}
	qsort(o->nodes, o->n, sizeof *o->nodes, node_cmp);
	for (i = 0; i < o->n; i++) {
		pm_strmap_get(&r->index, o->nodes[i].soc, &k);
		node_of[k] = i;
	}
	for (i = 0; i < r->nrel; i++) {
		const struct rel *e = &r->rel[i];
		struct pm_ladder_node *from = &o->nodes[node_of[e->from]];
		struct pm_ladder_edge *g;

		if (!pick[e->from] || !pick[e->to] || from->nout >= MAX_OUT)
			continue;
		PM_ALLOC_GROW(o->edges, o->nedges + 1, a);
		g = &o->edges[o->nedges++];
		g->from = node_of[e->from];
		g->to = node_of[e->to];
		g->relation = e->relation;
		g->rank = e->rank;
		g->wage_gain = r->c[e->from].wage >= 0 && r->c[e->to].wage >= 0
				       ? r->c[e->to].wage - r->c[e->from].wage
				       : -1;
		g->tier_gain = r->c[e->to].tier - r->c[e->from].tier;
		from->nout++;
		o->nodes[g->to].nin++;
	}
	free(node_of);
}

/* Programs and credentials of each node from the asset map; entry and exit points. */
static void steps(struct run *r)
{
	struct pm_ladder_report *o = r->out;
	const struct pm_assets_report *as = &o->assets;
	size_t i, j;

	for (i = 0; i < o->n; i++) {
		struct pm_ladder_node *n = &o->nodes[i];
		struct pm_buf prog = PM_BUF_INIT, cred = PM_BUF_INIT, next = PM_BUF_INIT;
		size_t np = 0, nc = 0, more = 0;
		enum pm_ladder entry = pm_ladder_of_education(n->education);

		for (j = 0; j < as->n; j++) {
			const struct pm_asset_row *a = &as->rows[j];

			if (a->kind != PM_ASSET || strcmp(a->soc, n->soc))
				continue;
			if (!strcmp(a->source, "CareerOneStop")) {
				if (nc++ < 3)
					pm_buf_addf(&cred, "%s%s", cred.len ? "; " : "",
						    a->program);
			} else if (a->meets_entry) {
				n->exit = true;
				if (np++ >= 4) {
					more++;
					continue;
				}
				pm_buf_addf(&prog, "%s%s (%s", prog.len ? "; " : "", a->provider,
					    a->ladder);
				if (!isnan(a->completers))
					pm_buf_addf(&prog, ", %.1f a year", a->completers);
				pm_buf_adds(&prog, ")");
			}
		}
		if (more)
			pm_buf_addf(&prog, "; +%zu more", more);
		if (nc > 3)
			pm_buf_addf(&cred, "; +%zu more", nc - 3);
		if (entry == PM_LADDER_NONE && n->education)
			n->exit = true; /* no postsecondary credential needed */
		if (!(n->openings > 0))
			n->exit = false;
		n->entry = !n->nin || (entry <= PM_LADDER_SHORT);
		for (j = 0; j < o->nedges; j++) {
			const struct pm_ladder_edge *e = &o->edges[j];

			if (e->from != i)
				continue;
			pm_buf_addf(&next, "%s%s %s", next.len ? "; " : "", o->nodes[e->to].soc,
				    o->nodes[e->to].title);
			if (e->wage_gain >= 1000)
				pm_buf_addf(&next, " (+$%lld,%03lld)",
					    (long long)e->wage_gain / 1000,
					    (long long)e->wage_gain % 1000);
			else if (e->wage_gain >= 0)
				pm_buf_addf(&next, " (+$%lld)", (long long)e->wage_gain);
		}
		n->programs = prog.len ? pm_buf_detach(&prog, NULL) : NULL;
		n->credentials = cred.len ? pm_buf_detach(&cred, NULL) : NULL;
		n->next = next.len ? pm_buf_detach(&next, NULL) : NULL;
		pm_buf_release(&prog);
		pm_buf_release(&cred);
		pm_buf_release(&next);
	}
}

enum pm_status pm_ladder_run(struct pm_store *st, const struct pm_ladder_request *rq,
			     struct pm_ladder_report *out, struct pm_err *err)
{
	struct pm_occ_request all = rq->occ;
	struct pm_occ_report whole, sector;
	struct pm_assets_request arq;
	const char **only = NULL;
	bool *pick = NULL;
	struct run r;
	enum pm_status rc;
	size_t i, nentry = 0, nexit = 0;

	memset(out, 0, sizeof *out);
	memset(&r, 0, sizeof r);
	memset(&whole, 0, sizeof whole);
	memset(&sector, 0, sizeof sector);
	r.st = st;
	r.out = out;
	all.sectors = NULL;
	all.min_openings = 0;
	all.education = NULL;
	if ((rc = pm_occupations_run(st, &all, &whole, err)) ||
	    (!rq->soc && (rc = pm_occupations_run(st, &rq->occ, &sector, err))))
		goto out;
	candidates(&r, &whole);
	if ((rc = load_related(&r, err)))
		goto out;
	pick = pm_xcalloc(r.nc + 1, sizeof *pick);
	if ((rc = choose(&r, rq, &sector, pick, err)))
		goto out;
	graph(&r, pick);
	only = pm_xcalloc(out->n + 1, sizeof *only);
	for (i = 0; i < out->n; i++)
		only[i] = out->nodes[i].soc;
	memset(&arq, 0, sizeof arq);
	arq.occ = all;
	arq.year0 = rq->year0;
	arq.year1 = rq->year1;
	arq.only = only;
	if ((rc = pm_assets_run(st, &arq, &out->assets, err)))
		goto out;
	steps(&r);
	for (i = 0; i < out->n; i++) {
		nentry += out->nodes[i].entry;
		nexit += out->nodes[i].exit;
	}
	note(out,
	     "%zu occupations in %s, %zu progression steps (O*NET related occupations, a higher "
	     "job zone at no lower wage or the same zone at a higher wage; at most %d from each)",
	     out->n, rq->soc ? "reach of the occupation" : "the chosen industries", out->nedges,
	     MAX_OUT);
	note(out,
	     "%zu entry points (no step leads in, or entered without a degree); %zu exit points "
	     "(a local program gives the entry credential, or none is needed, and there are "
	     "openings)",
	     nentry, nexit);
	for (i = 0; i < out->assets.nnotes; i++)
		note(out, "%s", out->assets.notes[i]);
out:
	free(only);
	free(pick);
	free(r.c);
	free(r.rel);
	pm_strmap_release(&r.index);
	pm_occ_report_release(&whole);
	pm_occ_report_release(&sector);
	return rc;
}

void pm_ladder_report_release(struct pm_ladder_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->nodes[i].programs);
		free(r->nodes[i].credentials);
		free(r->nodes[i].next);
	}
	free(r->nodes);
	free(r->edges);
	pm_notes_free(r->notes, r->nnotes);
	pm_assets_report_release(&r->assets);
	pm_strmap_release(&r->strings);
	memset(r, 0, sizeof *r);
}
