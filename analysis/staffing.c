/* Regional industry employment allocated to staffing patterns (see staffing.h). */
#include "analysis/staffing.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/agg.h"
#include "core/xalloc.h"
#include "sectors/naics.h"
#include "core/banned.h"

enum { LEVELS = PM_NAICS_MAX_LEVEL - PM_NAICS_SECTOR + 1 };

struct child {
	const struct pm_agg_item *item;
	size_t next; /* next sibling, or PM_STAFF_NONE */
};

struct ctx {
	const struct pm_staff_map *map;
	struct pm_staff_alloc *out;
	struct pm_agg_table tab[LEVELS]; /* one ownership's sums by level */
	struct pm_strmap first;		 /* parent code -> first child */
	struct child *kids;
	size_t nkids, akids;
	struct pm_strmap below; /* codes with a pattern at or below them */
	char own;
};

/* A key's code when it applies to ownership OWN ("611", or "5:611" for own 5 only), else NULL. */
static const char *key_code(const char *key, char own)
{
	if (key[0] && key[1] == ':')
		return key[0] == own ? key + 2 : NULL;
	return key;
}

static size_t pattern_of(const struct ctx *c, const char *code)
{
	char k[24];
	size_t i;

	snprintf(k, sizeof k, "%c:%s", c->own, code);
	if (pm_strmap_get(&c->map->naics, k, &i) || pm_strmap_get(&c->map->naics, code, &i))
		return i;
	return PM_STAFF_NONE;
}

/* The pattern at CODE or its nearest ancestor with one. */
static size_t nearest_pattern(const struct ctx *c, const char *code)
{
	char cur[16], par[16];
	size_t i;

	snprintf(cur, sizeof cur, "%s", code);
	for (;;) {
		if ((i = pattern_of(c, cur)) != PM_STAFF_NONE)
			return i;
		if (!pm_naics_parent(cur, par, sizeof par) || pm_naics_level(par) < PM_NAICS_SECTOR)
			return PM_STAFF_NONE;
		memcpy(cur, par, sizeof cur);
	}
}

static void mark_below(struct ctx *c)
{
	const struct pm_strmap *m = &c->map->naics;
	char cur[16], par[16];
	const char *code;
	size_t i;

	for (i = 0; i < m->cap; i++) {
		if (!m->keys[i] || !(code = key_code(m->keys[i], c->own)))
			continue;
		snprintf(cur, sizeof cur, "%s", code);
		for (;;) {
			pm_strmap_put(&c->below, cur, 1);
			if (!pm_naics_parent(cur, par, sizeof par) ||
			    pm_naics_level(par) < PM_NAICS_SECTOR)
				break;
			memcpy(cur, par, sizeof cur);
		}
	}
}

static void index_children(struct ctx *c)
{
	char par[16];
	size_t i, head;
	int l;

	for (l = 1; l < LEVELS; l++) {
		for (i = 0; i < c->tab[l].n; i++) {
			const struct pm_agg_item *it = &c->tab[l].items[i];

			if (!pm_naics_parent(it->industry, par, sizeof par))
				continue;
			PM_ALLOC_GROW(c->kids, c->nkids + 1, c->akids);
			c->kids[c->nkids].item = it;
			c->kids[c->nkids].next =
				pm_strmap_get(&c->first, par, &head) ? head : PM_STAFF_NONE;
			pm_strmap_put(&c->first, par, c->nkids++);
		}
	}
}

static void assign(struct ctx *c, size_t pat, const char *code, double emp, double est)
{
	struct pm_staff_alloc *o = c->out;
	size_t i;

	if (emp <= 0)
		return;
	if (pat != PM_STAFF_NONE) {
		o->emp[pat] += emp;
		o->estimated[pat] += est;
		return;
	}
	for (i = 0; i < o->nuncovered; i++)
		if (o->uncovered[i].own == c->own && !strcmp(o->uncovered[i].industry, code)) {
			o->uncovered[i].emp += emp;
			return;
		}
	PM_ALLOC_GROW(o->uncovered, o->nuncovered + 1, o->auncovered);
	o->uncovered[o->nuncovered++] = (struct pm_staff_gap){ c->own, code, emp };
}

/*
 * National employment of the patterns at or below CODE (weights for
 * suppressed children): the pattern at CODE, else the outermost ones below
 * it, so that a summary and its line items are not counted twice.
 */
static double weight_below(const struct ctx *c, const char *code)
{
	const struct pm_strmap *m = &c->map->naics;
	char cur[16], par[16];
	const char *k;
	double w = 0;
	size_t i, here = pattern_of(c, code);

	if (here != PM_STAFF_NONE)
		return c->map->weight[here];
	for (i = 0; i < m->cap; i++) {
		bool outer = true;

		if (!m->keys[i] || !(k = key_code(m->keys[i], c->own)) ||
		    !pm_naics_is_ancestor(code, k) || pattern_of(c, k) != m->vals[i])
			continue;
		snprintf(cur, sizeof cur, "%s", k);
		while (outer && pm_naics_parent(cur, par, sizeof par) && strcmp(par, code)) {
			outer = pattern_of(c, par) == PM_STAFF_NONE;
			memcpy(cur, par, sizeof cur);
		}
		if (outer)
			w += c->map->weight[m->vals[i]];
	}
	return w;
}

/*
 * Hand RESIDUAL to the suppressed children (flagged in SUPP) in proportion
 * to W, each at most CAP (INFINITY: no bound), filling again while some hit
 * their cap. EXTRA gets each child's share; returns what none could take.
 */
static double share_out(double residual, const bool *supp, const double *w, const double *cap,
			double *extra, size_t n)
{
	bool *open = pm_xcalloc(n ? n : 1, sizeof *open);
	size_t i, nopen = 0;

	for (i = 0; i < n; i++) {
		extra[i] = 0;
		open[i] = supp[i] && cap[i] > 0;
		nopen += open[i];
	}
	while (residual > 1e-9 && nopen) {
		double wsum = 0, given = 0;
		size_t capped = 0;

		for (i = 0; i < n; i++)
			if (open[i])
				wsum += w[i] > 0 ? w[i] : 0;
		for (i = 0; i < n; i++) {
			double want, room;

			if (!open[i])
				continue;
			want = wsum > 0 ? residual * (w[i] > 0 ? w[i] : 0) / wsum
					: residual / (double)nopen;
			room = cap[i] - extra[i];
			if (want >= room) {
				want = room;
				open[i] = false;
				capped++;
			}
			extra[i] += want;
			given += want;
		}
		residual -= given;
		nopen -= capped;
		if (!capped)
			break;
	}
	free(open);
	return residual > 0 ? residual : 0;
}

static void alloc(struct ctx *c, const char *code, double emp, double est, size_t pat)
{
	size_t here = pattern_of(c, code), k = PM_STAFF_NONE, n = 0, i;
	double known = 0, residual, left, *w, *cap, *extra;
	const struct pm_agg_item **items;
	bool *supp;

	bool deeper = false;

	if (here != PM_STAFF_NONE)
		pat = here;
	if (pm_strmap_get(&c->first, code, &k))
		for (i = k; i != PM_STAFF_NONE; i = c->kids[i].next, n++)
			deeper =
				deeper || pm_strmap_get(&c->below, c->kids[i].item->industry, NULL);
	if (!deeper) { /* no finer pattern: the whole industry takes this one */
		assign(c, pat, code, emp, est);
		return;
	}
	items = pm_xcalloc(n, sizeof *items);
	w = pm_xcalloc(n, sizeof *w);
	cap = pm_xcalloc(n, sizeof *cap);
	extra = pm_xcalloc(n, sizeof *extra);
	supp = pm_xcalloc(n, sizeof *supp);
	for (n = 0, i = k; i != PM_STAFF_NONE; i = c->kids[i].next, n++) {
		const struct pm_agg *a = &c->kids[i].item->emp;

		items[n] = c->kids[i].item;
		known += (double)a->low;
		supp[n] = !pm_agg_known(a);
		if (supp[n]) {
			w[n] = weight_below(c, items[n]->industry);
			cap[n] = a->high_known ? (double)(a->high - a->low) : INFINITY;
		}
	}
	residual = emp - known;
	if (residual < 0)
		residual = 0; /* children disclosed above a parent estimate: trust the children */
	left = share_out(residual, supp, w, cap, extra, n);
	for (i = 0; i < n; i++) {
		double e = (double)items[i]->emp.low + extra[i];
		/* a child's estimated part: its share of the residual, plus the parent's own
		 * estimate */
		double e_est = extra[i] + (emp > 0 ? est * (double)items[i]->emp.low / emp : 0);

		alloc(c, items[i]->industry, e, e_est > e ? e : e_est, pat);
	}
	assign(c, pat, code, left, emp > 0 ? est * left / emp : 0);
	free(items);
	free(w);
	free(cap);
	free(extra);
	free(supp);
}

static void run_own(struct ctx *c, const struct pm_qcell *cells, size_t n, char own,
		    const char *const *tops)
{
	char owns[2] = { own, 0 };
	size_t i;
	int l;

	c->own = own;
	for (l = 0; l < LEVELS; l++)
		pm_agg_build(&c->tab[l], cells, n, owns, l + PM_NAICS_SECTOR);
	index_children(c);
	mark_below(c);
	for (i = 0; tops[i]; i++) {
		int lv = pm_naics_level(tops[i]);
		const struct pm_agg_item *it;
		size_t pat;
		double e, est = 0;

		if (lv < PM_NAICS_SECTOR ||
		    !(it = pm_agg_find(&c->tab[lv - PM_NAICS_SECTOR], tops[i])))
			continue;
		e = (double)it->emp.low;
		if (!pm_agg_known(&it->emp)) {
			c->out->suppressed_tops++;
			if (it->emp.high_known)
				e = ((double)it->emp.low + (double)it->emp.high) / 2.0;
			est = e - (double)it->emp.low;
		}
		c->out->total += e;
		c->out->total_estimated += est;
		pat = nearest_pattern(c, tops[i]);
		if (pat == PM_STAFF_NONE && own >= '1' && own <= '3')
			pat = c->map->gov[own - '0'];
		alloc(c, it->industry, e, est, pat);
	}
	for (l = 0; l < LEVELS; l++)
		pm_agg_table_release(&c->tab[l]);
	pm_strmap_release(&c->first);
	pm_strmap_release(&c->below);
	c->nkids = 0;
}

void pm_staff_allocate(const struct pm_qcell *cells, size_t n, const char *owns,
		       const char *const *tops, const struct pm_staff_map *map,
		       struct pm_staff_alloc *out)
{
	struct ctx c;
	const char *o;

	memset(out, 0, sizeof *out);
	out->emp = pm_xcalloc(map->n ? map->n : 1, sizeof *out->emp);
	out->estimated = pm_xcalloc(map->n ? map->n : 1, sizeof *out->estimated);
	memset(&c, 0, sizeof c);
	c.map = map;
	c.out = out;
	for (o = owns; *o; o++)
		run_own(&c, cells, n, *o, tops);
	free(c.kids);
}

void pm_staff_alloc_release(struct pm_staff_alloc *a)
{
	free(a->emp);
	free(a->estimated);
	free(a->uncovered);
	memset(a, 0, sizeof *a);
}
