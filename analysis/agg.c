/*
 * Suppression-aware sums with residual bounds (see agg.h for the method).
 *
 * Implementation: cells are indexed by "area|own|industry". For every cell
 * at the wanted level, its disclosed value is added to desc[area|own|A] for
 * each ancestor A, so that the residual of a parent P at that level is
 * value(P) - desc[P]. A suppressed cell then looks up its nearest disclosed
 * ancestor and takes that residual as its bound.
 */
#include "analysis/agg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "sectors/naics.h"
#include "core/banned.h"

enum { M_EMP, M_WAGES, M_M1, M_M2, M_N };

static int64_t measure(const struct pm_qcell *c, int m)
{
	switch (m) {
	case M_EMP: return c->emp;
	case M_WAGES: return c->wages;
	case M_M1: return c->month1;
	default: return c->month2;
	}
}

static void key(char *out, size_t n, const char *area, char own, const char *industry)
{
	snprintf(out, n, "%s|%c|%s", area, own, industry);
}

struct bounds {
	struct pm_strmap cell; /* key -> index in cells */
	struct pm_strmap desc; /* key -> index in sums */
	int64_t (*sums)[M_N];
	size_t nsums, asums;
};

static void bounds_init(struct bounds *b, const struct pm_qcell *cells, size_t n, int level,
			const char *owns)
{
	char k[64], anc[8], par[8];
	size_t i;
	int m;

	memset(b, 0, sizeof *b);
	for (i = 0; i < n; i++) {
		key(k, sizeof k, cells[i].area, cells[i].own, cells[i].industry);
		pm_strmap_put(&b->cell, k, i);
	}
	for (i = 0; i < n; i++) {
		const struct pm_qcell *c = &cells[i];

		if (c->level != level || !c->disclosed || (owns && !strchr(owns, c->own)))
			continue;
		snprintf(anc, sizeof anc, "%s", c->industry);
		while (pm_naics_parent(anc, par, sizeof par)) {
			size_t j;

			memcpy(anc, par, sizeof anc);
			key(k, sizeof k, c->area, c->own, anc);
			if (!pm_strmap_get(&b->desc, k, &j)) {
				PM_ALLOC_GROW(b->sums, b->nsums + 1, b->asums);
				j = b->nsums++;
				memset(b->sums[j], 0, sizeof b->sums[j]);
				pm_strmap_put(&b->desc, k, j);
			}
			for (m = 0; m < M_N; m++)
				b->sums[j][m] += measure(c, m);
		}
	}
}

static void bounds_release(struct bounds *b)
{
	pm_strmap_release(&b->cell);
	pm_strmap_release(&b->desc);
	free(b->sums);
}

/* Residual bound of suppressed cell C for measure M; false when none is known. */
static bool residual(const struct bounds *b, const struct pm_qcell *cells, const struct pm_qcell *c,
		     int m, int64_t *out)
{
	char k[64], anc[8], par[8];

	snprintf(anc, sizeof anc, "%s", c->industry);
	while (pm_naics_parent(anc, par, sizeof par)) {
		size_t ci, di;

		memcpy(anc, par, sizeof anc);
		key(k, sizeof k, c->area, c->own, anc);
		if (!pm_strmap_get(&b->cell, k, &ci) || !cells[ci].disclosed)
			continue;
		*out = measure(&cells[ci], m);
		if (pm_strmap_get(&b->desc, k, &di))
			*out -= b->sums[di][m];
		if (*out < 0)
			*out = 0;
		return true;
	}
	return false;
}

static void add_part(struct pm_agg *a, const struct bounds *b, const struct pm_qcell *cells,
		     const struct pm_qcell *c, int m)
{
	int64_t r;

	if (!a->nparts)
		a->high_known = true;
	a->nparts++;
	if (c->disclosed) {
		a->low += measure(c, m);
		a->high += measure(c, m);
		return;
	}
	a->nsupp++;
	if (b && residual(b, cells, c, m, &r))
		a->high += r;
	else
		a->high_known = false;
}

static void add_cell(struct pm_agg_item *it, const struct bounds *b, const struct pm_qcell *cells,
		     const struct pm_qcell *c)
{
	it->estabs += c->estabs;
	add_part(&it->emp, b, cells, c, M_EMP);
	add_part(&it->wages, b, cells, c, M_WAGES);
	add_part(&it->month1, b, cells, c, M_M1);
	add_part(&it->month2, b, cells, c, M_M2);
}

void pm_agg_build(struct pm_agg_table *out, const struct pm_qcell *cells, size_t n,
		  const char *owns, int level)
{
	struct bounds b;
	size_t i;

	memset(out, 0, sizeof *out);
	bounds_init(&b, cells, n, level, owns);
	for (i = 0; i < n; i++) {
		const struct pm_qcell *c = &cells[i];
		size_t j;

		if (c->level != level || !strchr(owns, c->own))
			continue;
		if (!pm_strmap_get(&out->index, c->industry, &j)) {
			PM_ALLOC_GROW(out->items, out->n + 1, out->alloc);
			j = out->n++;
			memset(&out->items[j], 0, sizeof out->items[j]);
			out->items[j].industry = c->industry;
			pm_strmap_put(&out->index, c->industry, j);
		}
		add_cell(&out->items[j], &b, cells, c);
	}
	bounds_release(&b);
}

struct pm_agg_item pm_agg_one(const struct pm_qcell *cells, size_t n, char own,
			      const char *industry)
{
	struct pm_agg_item it;
	struct bounds b;
	size_t i;
	int level = pm_naics_level(industry);

	memset(&it, 0, sizeof it);
	it.industry = industry;
	bounds_init(&b, cells, n, level, NULL);
	for (i = 0; i < n; i++)
		if (cells[i].own == own && !strcmp(cells[i].industry, industry))
			add_cell(&it, &b, cells, &cells[i]);
	bounds_release(&b);
	return it;
}

const struct pm_agg_item *pm_agg_find(const struct pm_agg_table *t, const char *industry)
{
	size_t j;

	return pm_strmap_get(&t->index, industry, &j) ? &t->items[j] : NULL;
}

void pm_agg_table_release(struct pm_agg_table *t)
{
	free(t->items);
	pm_strmap_release(&t->index);
	memset(t, 0, sizeof *t);
}
