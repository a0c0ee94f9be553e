/* Composite score, rank and quadrant (see score.h). */
#include "analysis/score.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/parse.h"
#include "core/xalloc.h"
#include "core/banned.h"

const char *const pm_score_comp_names[PM_SC_N] = { "lq", "growth", "share", "size", "pay" };

const struct pm_score_weights pm_score_default_weights = { { 0.30, 0.25, 0.15, 0.15, 0.15 } };

int pm_score_parse_weights(const char *spec, struct pm_score_weights *w, char *msg, size_t n)
{
	const char *p = spec;
	double total = 0;
	int k;

	*w = pm_score_default_weights;
	while (*p) {
		const char *eq = strchr(p, '='), *end = strchr(p, ',');
		double v;

		if (!end)
			end = p + strlen(p);
		if (!eq || eq > end) {
			snprintf(msg, n, "weight '%.*s' is not NAME=VALUE", (int)(end - p), p);
			return -1;
		}
		for (k = 0; k < PM_SC_N; k++)
			if (strlen(pm_score_comp_names[k]) == (size_t)(eq - p) &&
			    !strncmp(p, pm_score_comp_names[k], (size_t)(eq - p)))
				break;
		if (k == PM_SC_N) {
			snprintf(msg, n,
				 "unknown weight '%.*s' (expected lq, growth, share, size, pay)",
				 (int)(eq - p), p);
			return -1;
		}
		if (pm_parse_double(eq + 1, (size_t)(end - eq - 1), &v) || v < 0) {
			snprintf(msg, n, "weight '%.*s' is not a non-negative number",
				 (int)(end - p), p);
			return -1;
		}
		w->w[k] = v;
		p = *end ? end + 1 : end;
	}
	for (k = 0; k < PM_SC_N; k++)
		total += w->w[k];
	if (!(total > 0)) {
		snprintf(msg, n, "all weights are zero");
		return -1;
	}
	return 0;
}

double pm_percentile_rank(const double *vs, size_t n, double v)
{
	size_t i, less = 0, equal = 0, m = 0;

	if (isnan(v))
		return NAN;
	for (i = 0; i < n; i++) {
		if (isnan(vs[i]))
			continue;
		m++;
		if (vs[i] < v)
			less++;
		else if (pm_double_eq(vs[i], v))
			equal++;
	}
	if (m <= 1)
		return 0.5;
	return ((double)less + 0.5 * (double)(equal - (equal ? 1 : 0))) / (double)(m - 1);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y ? 1 : 0;
}

double pm_quantile(const double *vs, size_t n, double q)
{
	double *s, pos, r;
	size_t i, m = 0, lo;

	if (!(q >= 0 && q <= 1))
		return NAN;
	s = pm_xmalloc((n ? n : 1) * sizeof *s);
	for (i = 0; i < n; i++)
		if (!isnan(vs[i]))
			s[m++] = vs[i];
	if (!m) {
		free(s);
		return NAN;
	}
	qsort(s, m, sizeof *s, cmp_double);
	pos = q * (double)(m - 1);
	lo = (size_t)floor(pos);
	r = lo + 1 < m ? s[lo] + (pos - (double)lo) * (s[lo + 1] - s[lo]) : s[lo];
	free(s);
	return r;
}

struct order {
	size_t i;
	double score, tiebreak;
};

static int cmp_order(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->score > y->score)
		return -1;
	if (x->score < y->score)
		return 1;
	if (x->tiebreak > y->tiebreak)
		return -1;
	if (x->tiebreak < y->tiebreak)
		return 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

void pm_score_rank(struct pm_score_item *items, size_t n, const struct pm_score_weights *w)
{
	double *col = pm_xmalloc((n ? n : 1) * sizeof *col);
	bool present[PM_SC_N];
	struct order *ord = pm_xmalloc((n ? n : 1) * sizeof *ord);
	size_t i, m = 0;
	int k;

	for (k = 0; k < PM_SC_N; k++) {
		present[k] = false;
		for (i = 0; i < n; i++)
			if (items[i].eligible && !isnan(items[i].comp[k]))
				present[k] = true;
	}
	for (i = 0; i < n; i++) {
		items[i].score = NAN;
		items[i].rank = 0;
	}
	for (k = 0; k < PM_SC_N; k++) {
		if (!present[k] || !(w->w[k] > 0))
			continue;
		for (i = 0; i < n; i++)
			col[i] = items[i].eligible ? items[i].comp[k] : NAN;
		for (i = 0; i < n; i++) {
			double p;

			if (!items[i].eligible || isnan(items[i].comp[k]))
				continue;
			p = pm_percentile_rank(col, n, items[i].comp[k]);
			if (isnan(items[i].score))
				items[i].score = 0;
			/* accumulate weighted percentile; normalised below */
			items[i].score += w->w[k] * p;
		}
	}
	for (i = 0; i < n; i++) {
		double wsum = 0;

		if (!items[i].eligible || isnan(items[i].score)) {
			items[i].score = NAN;
			continue;
		}
		for (k = 0; k < PM_SC_N; k++)
			if (present[k] && w->w[k] > 0 && !isnan(items[i].comp[k]))
				wsum += w->w[k];
		items[i].score = wsum > 0 ? 100.0 * items[i].score / wsum : NAN;
		if (!isnan(items[i].score)) {
			ord[m].i = i;
			ord[m].score = items[i].score;
			ord[m].tiebreak = items[i].tiebreak;
			m++;
		}
	}
	qsort(ord, m, sizeof *ord, cmp_order);
	for (i = 0; i < m; i++)
		items[ord[i].i].rank = (int)i + 1;
	free(ord);
	free(col);
}

const char *pm_quadrant(double lq, double growth, double reference_growth)
{
	bool strong, growing;

	if (isnan(lq) || isnan(growth) || isnan(reference_growth))
		return NULL;
	strong = lq >= 1.0;
	growing = growth > reference_growth;
	if (strong)
		return growing ? "star" : "mature";
	return growing ? "emerging" : "transforming";
}
