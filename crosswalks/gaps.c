/*
 * The gap analysis (see gaps.h): occupations and openings, completers,
 * CIP -> SOC links, allocation, and per-occupation detail.
 */
#include "crosswalks/gaps.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/notes.h"
#include "core/codes.h"
#include "core/xalloc.h"
#include "crosswalks/ete.h"
#include "crosswalks/occ_int.h"
#include "store/credential.h"
#include "store/store.h"
#include "core/banned.h"

/* the report owns its notes (core/notes.h) */
#define note(r, ...) pm_notes_addf(&(r)->notes, &(r)->nnotes, __VA_ARGS__)

bool pm_gap_measured(const char *education)
{
	return !education || (strcmp(education, "High school diploma or equivalent") &&
			      strcmp(education, "No formal educational credential"));
}

struct run {
	struct pm_store *st;
	struct pm_gap_report *out;
	struct occ_ep_set ep;
	struct pm_strmap cip_index; /* cip -> index into cip_code[] */
	const char **cip_code;
	double *completers; /* per CIP */
	size_t ncip;
	size_t *cell_first, *cell_next; /* supply cells per CIP (linked lists) */
	double *openings;		/* per EP occupation: allocation weights */
	bool *fallback;
	struct pm_gap_link *links;
	size_t nlinks, alinks;
	struct pm_gap_result res;
};

static void index_supply(struct run *r)
{
	const struct pm_supply *s = &r->out->supply;
	size_t i, c;

	r->cell_next = pm_xcalloc(s->n + 1, sizeof *r->cell_next);
	for (i = 0; i < s->n; i++) {
		if (!pm_strmap_get(&r->cip_index, s->v[i].cip, &c)) {
			c = r->ncip++;
			r->cip_code = pm_xrealloc(r->cip_code, r->ncip * sizeof *r->cip_code);
			r->completers = pm_xrealloc(r->completers, r->ncip * sizeof *r->completers);
			r->cell_first = pm_xrealloc(r->cell_first, r->ncip * sizeof *r->cell_first);
			r->cip_code[c] = s->v[i].cip;
			r->completers[c] = 0;
			r->cell_first[c] = SIZE_MAX;
			pm_strmap_put(&r->cip_index, s->v[i].cip, c);
		}
		r->completers[c] += s->v[i].completers;
		r->cell_next[i] = r->cell_first[c];
		r->cell_first[c] = i;
	}
}

/* Allocation weights: the selection's openings, or the national stand-in. */
static void weights(struct run *r)
{
	const struct pm_occ_report *o = &r->out->occ;
	double nat_total = 0, scale;
	size_t i, k;

	r->openings = pm_xcalloc(r->ep.n + 1, sizeof *r->openings);
	r->fallback = pm_xcalloc(r->ep.n + 1, sizeof *r->fallback);
	for (i = 0; i < r->ep.n; i++)
		if (!strcmp(r->ep.v[i].soc, "00-0000"))
			nat_total = r->ep.v[i].nat.emp_base;
	scale = nat_total > 0 ? o->total_emp / nat_total : 0;
	for (i = 0; i < r->ep.n; i++)
		r->fallback[i] = r->ep.v[i].line_item;
	for (i = 0; i < o->n; i++)
		if (pm_strmap_get(&r->ep.index, o->rows[i].soc, &k)) {
			r->fallback[k] = false;
			r->openings[k] = o->rows[i].have_openings && o->rows[i].op.total > 0
						 ? o->rows[i].op.total
						 : 0;
		}
	for (i = 0; i < r->ep.n; i++)
		if (r->fallback[i] && r->ep.v[i].have_openings)
			r->openings[i] = r->ep.v[i].openings * scale;
}

static enum pm_status load_links(struct run *r, struct pm_err *err)
{
	struct pm_strmap seen = PM_STRMAP_INIT;
	sqlite3_stmt *s;
	enum pm_status rc;
	size_t c, e, unresolved = 0, total = 0;
	int step;

	if ((rc = pm_store_prepare(r->st, "SELECT cip_code, soc_code FROM cip_soc", &s, err)))
		return rc;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		char key[40];

		total++;
		if (!pm_strmap_get(&r->cip_index, pm_col_text(s, 0), &c) ||
		    !strcmp(pm_col_text(s, 1), "99-9999"))
			continue;
		if ((e = occ_ep_find(&r->ep, pm_col_text(s, 1))) == SIZE_MAX) {
			unresolved++;
			continue;
		}
		snprintf(key, sizeof key, "%zu|%zu", c, e);
		if (pm_strmap_get(&seen, key, NULL))
			continue; /* two detailed SOCs under one EP broad occupation */
		pm_strmap_put(&seen, key, 1);
		PM_ALLOC_GROW(r->links, r->nlinks + 1, r->alinks);
		r->links[r->nlinks++] = (struct pm_gap_link){ c, e };
	}
	sqlite3_finalize(s);
	pm_strmap_release(&seen);
	if (step != SQLITE_DONE)
		return pm_store_fail(r->st, err, "cannot read the CIP-SOC crosswalk");
	if (!total)
		return pm_err_set(
			err, PM_ENOTFOUND,
			"the CIP-SOC crosswalk is not loaded: import it ('pathmap import "
			"cipsoc CIP2020_SOC2018_Crosswalk.xlsx' or 'pathmap fetch cipsoc')");
	if (unresolved)
		note(r->out,
		     "%zu CIP-SOC links of local programs lead to occupations EP does not project "
		     "and are not used",
		     unresolved);
	return PM_OK;
}

/* ---- per-occupation detail ---- */

struct contrib {
	const char *key;
	double v;
};

static void add_contrib(struct contrib **v, size_t *n, const char *key, double x)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*v)[i].key == key) { /* interned */
			(*v)[i].v += x;
			return;
		}
	*v = pm_xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = (struct contrib){ key, x };
}

static int contrib_cmp(const void *a, const void *b)
{
	const struct contrib *x = a, *y = b;

	if (x->v > y->v || x->v < y->v)
		return x->v > y->v ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* "key (v); key (v); ... (+N more)", the largest first; NULL when none is positive. */
static char *top_list(struct contrib *v, size_t n, size_t max)
{
	struct pm_buf b = PM_BUF_INIT;
	size_t i, shown = 0;

	if (n)
		qsort(v, n, sizeof *v, contrib_cmp);
	for (i = 0; i < n && shown < max; i++)
		if (v[i].v >= 0.05)
			pm_buf_addf(&b, "%s%s (%.1f)", shown++ ? "; " : "", v[i].key, v[i].v);
	if (!shown) {
		pm_buf_release(&b);
		return NULL;
	}
	if (n > shown && v[shown].v >= 0.05)
		pm_buf_addf(&b, "; +%zu more", n - shown);
	return pm_buf_detach(&b, NULL);
}

static size_t edu_index(struct pm_gap_report *o, const char *education)
{
	size_t i;

	for (i = 0; i < o->nedu; i++)
		if (!strcmp(o->edu[i].education, education))
			return i;
	o->edu = pm_xrealloc(o->edu, (o->nedu + 1) * sizeof *o->edu);
	o->edu[o->nedu] = (struct pm_gap_edu_row){ pm_intern(&o->strings, education), 0, 0, 0 };
	return o->nedu++;
}

static int edu_cmp(const void *pa, const void *pb)
{
	const struct pm_gap_edu_row *a = pa, *b = pb;
	/* EP's categories, highest first */
	int x = pm_education_rank(a->education), y = pm_education_rank(b->education);

	return x != y ? (x < y ? -1 : 1) : strcmp(a->education, b->education);
}

/* Fill ROW's supply from the allocation: per link of occupation E, per supply cell of the CIP. */
static void detail(struct run *r, size_t e, struct pm_gap_row *row, bool *cip_used)
{
	const struct pm_supply *s = &r->out->supply;
	bool comp = r->out->rq.allocation == PM_ALLOC_COMPETITION;
	struct contrib *cips = NULL, *inst = NULL;
	size_t ncips = 0, ninst = 0, i, j;

	for (i = 0; i < r->nlinks; i++) {
		size_t c = r->links[i].cip;
		double f = comp ? 1.0 : r->res.share[i];

		if (r->links[i].soc != e)
			continue;
		cip_used[c] = true;
		for (j = r->cell_first[c]; j != SIZE_MAX; j = r->cell_next[j]) {
			double v = s->v[j].completers * f;
			size_t k = edu_index(r->out, s->v[j].education); /* may move edu */

			if (row->occ && row->occ->education &&
			    !strcmp(s->v[j].education, row->occ->education))
				row->entry_level += v;
			r->out->edu[k].completers += v;
			add_contrib(&cips, &ncips, r->cip_code[c], v);
			add_contrib(&inst, &ninst, s->v[j].institution, v);
		}
	}
	row->allocated = r->res.soc_supply[e];
	row->cips = top_list(cips, ncips, 5);
	row->institutions = top_list(inst, ninst, 5);
	free(cips);
	free(inst);
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct pm_gap_row *a = pa, *b = pb;

	if (a->measured != b->measured)
		return a->measured ? -1 : 1;
	if (a->gap > b->gap || a->gap < b->gap)
		return a->gap > b->gap ? -1 : 1;
	return strcmp(a->soc, b->soc);
}

/* ---- rows ---- */

static void build(struct run *r, const struct pm_occ_report *sector)
{
	struct pm_gap_report *o = r->out;
	const struct pm_occ_report *list = sector ? sector : &o->occ;
	bool *cip_used = pm_xcalloc(r->ncip + 1, sizeof *cip_used);
	size_t i, k, e;

	o->rows = pm_xcalloc(list->n + 1, sizeof *o->rows);
	for (i = 0; i < list->n; i++) {
		const struct pm_occ_row *src = &list->rows[i];
		struct pm_gap_row *row = &o->rows[o->n];

		const struct pm_occ_row *whole = sector ? NULL : src;

		for (k = 0; sector && k < o->occ.n && !whole; k++)
			if (!strcmp(o->occ.rows[k].soc, src->soc))
				whole = &o->occ.rows[k];
		if (!whole || !pm_strmap_get(&r->ep.index, src->soc, &e) ||
		    (o->rq.occ.min_openings > 0 &&
		     !(whole->have_openings && whole->op.total >= o->rq.occ.min_openings)))
			continue;
		o->n++;
		row->soc = whole->soc; /* the sector report is released before the rows are used */
		row->title = whole->title;
		row->occ = whole;
		row->openings = row->occ->have_openings ? row->occ->op.total : NAN;
		row->sector_openings =
			o->rq.occ.sectors && src->have_openings ? src->op.total : NAN;
		row->measured = pm_gap_measured(row->occ->education);
		detail(r, e, row, cip_used);
		row->credentials = pm_credentials_summary(r->st, row->soc, 3);
		row->required = pm_onet_required_levels(r->st, row->soc, 3);
		row->gap = row->openings - row->allocated;
		row->gap_ratio = row->openings > 0 ? row->gap / row->openings : NAN;
		if (row->occ->education && row->openings > 0) {
			k = edu_index(o, row->occ->education);
			o->edu[k].openings += row->openings;
			o->edu[k].nsoc++;
		}
	}
	qsort(o->rows, o->n, sizeof *o->rows, row_cmp);
	if (o->nedu)
		qsort(o->edu, o->nedu, sizeof *o->edu, edu_cmp);
	for (i = 0; i < r->ncip; i++) {
		struct pm_gap_cip_row *c;

		if (!cip_used[i])
			continue;
		o->cips = pm_xrealloc(o->cips, (o->ncips + 1) * sizeof *o->cips);
		c = &o->cips[o->ncips++];
		memset(c, 0, sizeof *c);
		c->cip = r->cip_code[i];
		c->completers = r->completers[i];
		for (k = 0; k < r->nlinks; k++)
			if (r->links[k].cip == i) {
				c->nsoc++;
				c->allocated += o->rq.allocation == PM_ALLOC_COMPETITION
							? 0
							: r->completers[i] * r->res.share[k];
			}
		if (o->rq.allocation == PM_ALLOC_COMPETITION)
			c->allocated = r->res.cip_demand[i];
	}
	free(cip_used);
}

static void cip_titles(struct run *r)
{
	struct pm_gap_report *o = r->out;
	sqlite3_stmt *s;
	struct pm_err e = PM_ERR_INIT;
	size_t i;

	if (pm_store_prepare(r->st, "SELECT title FROM cip WHERE code = ?1", &s, &e)) {
		pm_err_clear(&e);
		return;
	}
	for (i = 0; i < o->ncips; i++) {
		sqlite3_reset(s);
		pm_bind_text(s, 1, o->cips[i].cip);
		if (sqlite3_step(s) == SQLITE_ROW)
			o->cips[i].title = pm_intern(&o->strings, pm_col_text(s, 0));
	}
	sqlite3_finalize(s);
}

static void totals(struct run *r)
{
	struct pm_gap_report *o = r->out;
	bool *linked_soc = pm_xcalloc(r->ep.n + 1, sizeof *linked_soc);
	bool *linked_cip = pm_xcalloc(r->ncip + 1, sizeof *linked_cip);
	size_t i, nfallback = 0;

	for (i = 0; i < r->nlinks; i++) {
		linked_soc[r->links[i].soc] = true;
		linked_cip[r->links[i].cip] = true;
	}
	for (i = 0; i < r->ncip; i++) {
		if (linked_cip[i])
			o->linked_completers += r->completers[i];
		o->openings_allocated += r->res.cip_demand[i];
	}
	for (i = 0; i < r->ep.n; i++) {
		o->total_allocated += r->res.soc_supply[i];
		if (linked_soc[i]) {
			o->openings_linked += r->openings[i];
			nfallback += r->fallback[i] && r->openings[i] > 0;
		}
	}
	if (nfallback)
		note(o,
		     "allocation weights: %zu linked occupations have no openings estimate for the "
		     "selection (no staffing pattern covers them); their national EP openings, "
		     "scaled by the selection's share of national employment, stand in",
		     nfallback);
	free(linked_soc);
	free(linked_cip);
}

static void method_notes(struct run *r)
{
	struct pm_gap_report *o = r->out;
	char years[96];
	static const char *const what[] = {
		"demand: each program's completers are split across its occupations in proportion "
		"to their openings; total completers are kept",
		"split: each program's completers are split equally across its occupations; total "
		"completers are kept",
		"duplicate: each completer counts for every occupation the program leads to; an "
		"upper bound on supply",
		"competition: each occupation's openings are shared among the programs feeding it "
		"in "
		"proportion to their completers; supply is every completer competing for them",
	};

	pm_award_years_text(o->supply.year0, o->supply.year1, years, sizeof years);
	note(o, "allocation %s", what[o->rq.allocation]);
	note(o,
	     "supply: IPEDS completions (first majors, award years %s, %d loaded, a year's "
	     "average) of %zu institutions in the selection: %.1f completers a year, %.1f in "
	     "programs linked to an occupation, %.1f allocated",
	     years, o->supply.nyears, o->supply.ninstitutions, o->supply.total,
	     o->linked_completers, o->total_allocated);
	if (o->rq.allocation == PM_ALLOC_COMPETITION)
		note(o,
		     "competition: %.1f of the %.1f openings of linked occupations allocated to "
		     "programs (%.1f have no local completers)",
		     o->openings_allocated, o->openings_linked, r->res.openings_unmet);
	if (o->supply.unknown_levels)
		note(o,
		     "%zu completion rows (%.1f a year) have award levels pathmap does not know "
		     "and are left out",
		     o->supply.unknown_levels, o->supply.unknown_completers);
	if (r->res.equal_fallback)
		note(o, "%zu programs lead only to occupations without openings: split equally",
		     r->res.equal_fallback);
	note(o, "openings: the selection's, all industries (%s); EP %d-%d",
	     o->occ.method ? o->occ.method : "?", o->occ.ep_base, o->occ.ep_proj);
}

enum pm_status pm_gap_run(struct pm_store *st, const struct pm_gap_request *rq,
			  struct pm_gap_report *out, struct pm_err *err)
{
	struct pm_occ_request all = rq->occ;
	struct pm_occ_report sector; /* the occupations listed: --sector, --education */
	bool listing = rq->occ.sectors || rq->occ.education;
	struct pm_gap_input in;
	struct run r;
	enum pm_status rc;
	size_t i;

	memset(out, 0, sizeof *out);
	memset(&sector, 0, sizeof sector);
	memset(&r, 0, sizeof r);
	out->rq = *rq;
	r.st = st;
	r.out = out;
	all.sectors = NULL;
	all.min_openings = 0;
	all.education = NULL;
	if ((rc = pm_occupations_run(st, &all, &out->occ, err)) ||
	    (listing && (rc = pm_occupations_run(st, &rq->occ, &sector, err))) ||
	    (rc = occ_ep_load(st, &out->strings, &r.ep, err)) ||
	    (rc = pm_supply_load(st, &out->occ.sel, rq->year0, rq->year1, &out->supply, err)))
		goto out;
	index_supply(&r);
	if ((rc = load_links(&r, err)))
		goto out;
	weights(&r);
	in = (struct pm_gap_input){ r.ncip, r.ep.n, r.completers, r.openings, r.links, r.nlinks };
	pm_gap_allocate(&in, rq->allocation, &r.res);
	build(&r, listing ? &sector : NULL);
	cip_titles(&r);
	totals(&r);
	method_notes(&r);
	for (i = 0; i < out->occ.nnotes; i++)
		note(out, "%s", out->occ.notes[i]);
	/* handed over: the report keeps the EP set and the weights */
	out->ep = pm_xmalloc(sizeof *out->ep);
	*out->ep = r.ep;
	memset(&r.ep, 0, sizeof r.ep);
	out->ep_openings = r.openings;
	r.openings = NULL;
out:
	pm_occ_report_release(&sector);
	pm_gap_release(&r.res);
	occ_ep_release(&r.ep);
	pm_strmap_release(&r.cip_index);
	free(r.cip_code);
	free(r.completers);
	free(r.cell_first);
	free(r.cell_next);
	free(r.openings);
	free(r.fallback);
	free(r.links);
	return rc;
}

void pm_gap_report_release(struct pm_gap_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->rows[i].cips);
		free(r->rows[i].institutions);
		free(r->rows[i].credentials);
		free(r->rows[i].required);
	}
	free(r->rows);
	if (r->ep)
		occ_ep_release(r->ep);
	free(r->ep);
	free(r->ep_openings);
	free(r->edu);
	free(r->cips);
	pm_notes_free(r->notes, r->nnotes);
	pm_occ_report_release(&r->occ);
	pm_supply_release(&r->supply);
	pm_strmap_release(&r->strings);
	memset(r, 0, sizeof *r);
}
