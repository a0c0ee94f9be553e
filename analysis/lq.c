/* Location quotients and derived national shares (see lq.h). */
#include "analysis/lq.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/parse.h"
#include "core/banned.h"

double pm_lq_from_share(double e_ir, double E_r, double share)
{
	if (!(E_r > 0) || !(share > 0) || !(e_ir >= 0) || !isfinite(share))
		return NAN;
	return (e_ir / E_r) / share;
}

double pm_lq(double e_ir, double E_r, double e_in, double E_n)
{
	if (!(E_n > 0) || !(e_in > 0))
		return NAN;
	return pm_lq_from_share(e_ir, E_r, e_in / E_n);
}

double pm_lq_source_share(const struct pm_lq_source *s)
{
	if (!(s->area_total > 0) || !(s->lq_pub > 0) || s->emp < 0)
		return NAN;
	return ((double)s->emp / (double)s->area_total) / s->lq_pub;
}

bool pm_lq_source_better(const struct pm_lq_source *a, const struct pm_lq_source *b)
{
	if (!b)
		return true;
	if (!pm_double_eq(a->lq_pub, b->lq_pub))
		return a->lq_pub > b->lq_pub;
	if (a->emp != b->emp)
		return a->emp > b->emp;
	return strcmp(a->area, b->area) < 0;
}

const struct pm_lq_source *pm_lq_best_source(const struct pm_lq_source *src, size_t n, char own,
					     const char *industry)
{
	const struct pm_lq_source *best = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct pm_lq_source *s = &src[i];

		if (s->own != own || strcmp(s->industry, industry) || !(s->lq_pub > 0) ||
		    !(s->area_total > 0))
			continue;
		if (pm_lq_source_better(s, best))
			best = s;
	}
	return best;
}

static void ikey(char *out, size_t n, char own, const char *industry)
{
	snprintf(out, n, "%c|%s", own, industry);
}

void pm_lq_index_build(struct pm_lq_index *ix, const struct pm_lq_source_set *set)
{
	char k[32];
	size_t i;

	memset(ix, 0, sizeof *ix);
	ix->set = set;
	for (i = 0; i < set->n; i++) {
		const struct pm_lq_source *s = &set->v[i];
		size_t j;

		if (!(s->lq_pub > 0) || !(s->area_total > 0))
			continue;
		ikey(k, sizeof k, s->own, s->industry);
		if (!pm_strmap_get(&ix->best, k, &j) || pm_lq_source_better(s, &set->v[j]))
			pm_strmap_put(&ix->best, k, i);
	}
}

const struct pm_lq_source *pm_lq_index_best(const struct pm_lq_index *ix, char own,
					    const char *industry)
{
	char k[32];
	size_t j;

	ikey(k, sizeof k, own, industry);
	return pm_strmap_get(&ix->best, k, &j) ? &ix->set->v[j] : NULL;
}

void pm_lq_index_release(struct pm_lq_index *ix)
{
	pm_strmap_release(&ix->best);
	memset(ix, 0, sizeof *ix);
}
