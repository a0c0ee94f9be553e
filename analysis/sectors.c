/*
 * The sector table (see sectors.h and docs/methods.md).
 *
 * Order of work: sum the region's components per industry (agg.c), find
 * the national shares (loaded US000 rows, or derived from published LQs),
 * compute LQ, growth against the base period, national growth and
 * shift-share where the nation is known for both periods, then score, rank
 * and classify. Every "could not" becomes a note rather than a zero.
 */
#include "analysis/sectors.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/lq.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "sectors/naics.h"
#include "core/banned.h"

const char *pm_lq_basis_name(enum pm_lq_basis b)
{
	switch (b) {
	case PM_LQ_NATIONAL: return "national";
	case PM_LQ_DERIVED: return "derived";
	case PM_LQ_NONE: break;
	}
	return "";
}

static void note(struct pm_sectors_result *r, const char *fmt, ...) PM_PRINTF(2, 3);

static void note(struct pm_sectors_result *r, const char *fmt, ...)
{
	va_list ap;

	r->notes = pm_xrealloc(r->notes, (r->nnotes + 1) * sizeof *r->notes);
	va_start(ap, fmt);
	r->notes[r->nnotes++] = pm_xstrvfmt(fmt, ap);
	va_end(ap);
}

void pm_sectors_result_release(struct pm_sectors_result *r)
{
	size_t i;

	for (i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	free(r->notes);
	free(r->rows);
	memset(r, 0, sizeof *r);
}

static bool set_empty(const struct pm_qcell_set *s)
{
	return !s || !s->n;
}

/* A national figure: the sum over OWNS of INDUSTRY in the US000 set; NAN unknown. */
static double nat_value(const struct pm_agg_table *t, const char *industry)
{
	const struct pm_agg_item *it = pm_agg_find(t, industry);

	if (!it || !pm_agg_known(&it->emp))
		return NAN;
	return (double)it->emp.low;
}

/*
 * National all-industry total for ownership OWN: the US000 "10" row, or
 * failing that the sum of the loaded US000 sector rows of that ownership
 * when none is suppressed. *SECTORS gets the number summed (0 = row used).
 */
static double nat_total(const struct pm_qcell_set *s, char own, const char *owns, int *sectors)
{
	struct pm_agg_item it;
	struct pm_agg_table t;
	double sum = 0;
	size_t i;

	*sectors = 0;
	if (set_empty(s))
		return NAN;
	it = pm_agg_one(s->v, s->n, own, "10");
	if (it.emp.nparts)
		return pm_agg_known(&it.emp) ? (double)it.emp.low : NAN;
	pm_agg_build(&t, s->v, s->n, owns, PM_NAICS_SECTOR);
	for (i = 0; i < t.n; i++) {
		if (!pm_agg_known(&t.items[i].emp)) {
			sum = NAN;
			break;
		}
		sum += (double)t.items[i].emp.low;
	}
	*sectors = (int)t.n;
	if (!t.n)
		sum = NAN;
	pm_agg_table_release(&t);
	return sum;
}

/*
 * Derived national share of INDUSTRY summed over ownerships OWNS; NAN
 * unknown. An ownership no loaded area has any row for (say federal
 * accommodation) counts as zero and increments *ZEROED; one with rows but
 * no usable published LQ makes the share unknown.
 */
static double derived_share(const struct pm_lq_index *ix, const char *owns, const char *industry,
			    const char **source, int *zeroed)
{
	double s = 0;
	const char *o;

	*source = NULL;
	for (o = owns; *o; o++) {
		const struct pm_lq_source *src = pm_lq_index_best(ix, *o, industry);
		double v;

		if (!src && strlen(owns) > 1 && !pm_lq_source_set_present(ix->set, *o, industry)) {
			(*zeroed)++;
			continue;
		}
		if (!src)
			return NAN;
		v = pm_lq_source_share(src);
		if (isnan(v))
			return NAN;
		s += v;
		*source = *source ? "several" : src->area;
	}
	return s;
}

static double effective(const struct pm_agg *a, double frac, bool *est);

static double annual_pay(const struct pm_sectors_spec *spec, const struct pm_agg_item *it,
			 bool *est)
{
	double emp, wages, m1, m2;
	bool e = false;

	wages = effective(&it->wages, spec->estimate_range, &e);
	emp = effective(&it->emp, spec->estimate_range, &e);
	if (spec->qtr != 'A') {
		/* A quarter: wages over the three-month average, times four. */
		m1 = effective(&it->month1, spec->estimate_range, &e);
		m2 = effective(&it->month2, spec->estimate_range, &e);
		emp = (m1 + m2 + emp) / 3.0;
		wages *= 4.0;
	}
	if (isnan(wages) || !(emp > 0))
		return NAN;
	*est = *est || e;
	return wages / emp;
}

/*
 * The value to compute with: exact when disclosed, the midpoint of the
 * residual bounds when they are narrow enough (setting *EST), else NAN.
 */
static double effective(const struct pm_agg *a, double frac, bool *est)
{
	if (pm_agg_known(a))
		return (double)a->low;
	if (frac > 0 && a->high_known && (double)(a->high - a->low) <= frac * (double)a->high) {
		*est = true;
		return ((double)a->low + (double)a->high) / 2.0;
	}
	return NAN;
}

static int cmp_rows(const void *a, const void *b)
{
	const struct pm_sector_row *x = a, *y = b;

	if (x->rank && y->rank)
		return x->rank - y->rank;
	if (x->rank != y->rank)
		return x->rank ? -1 : 1;
	if (x->emp.low != y->emp.low)
		return x->emp.low > y->emp.low ? -1 : 1;
	return strcmp(x->industry, y->industry);
}

static const char *period_name(char qtr, char *buf, size_t n)
{
	if (qtr == 'A')
		snprintf(buf, n, "annual");
	else
		snprintf(buf, n, "Q%c", qtr);
	return buf;
}

enum pm_status pm_sectors_compute(const struct pm_sectors_spec *spec,
				  const struct pm_sectors_input *in, struct pm_sectors_result *out,
				  struct pm_err *err)
{
	struct pm_agg_table cur, base, ncur, nbase;
	struct pm_lq_index ix;
	struct pm_score_item *items = NULL;
	double E_r, E_N = NAN, G = NAN, Gr = NAN, *lqs = NULL, lq75 = NAN;
	bool nat_ok, have_src, have_base, nat_growth_ok;
	int nsec_t = 0, nsec_0 = 0, nest = 0, nunknown = 0, nzero = 0;
	char per[16];
	size_t i;

	memset(out, 0, sizeof *out);
	memset(&base, 0, sizeof base);
	memset(&ncur, 0, sizeof ncur);
	memset(&nbase, 0, sizeof nbase);
	memset(&ix, 0, sizeof ix);
	out->nat_total_growth_pct = NAN;
	out->region_total_growth_pct = NAN;
	period_name(spec->qtr, per, sizeof per);
	if (set_empty(in->cur))
		return pm_err_set(err, PM_ENOTFOUND, "no QCEW rows for the selection in %d %s",
				  spec->year, per);

	pm_agg_build(&cur, in->cur->v, in->cur->n, spec->owns, spec->level);
	out->region_total = pm_agg_one(in->cur->v, in->cur->n, '0', "10").emp;
	out->own_total = pm_agg_one(in->cur->v, in->cur->n, spec->own_total, "10").emp;
	E_r = pm_agg_known(&out->region_total) && out->region_total.nparts
		      ? (double)out->region_total.low
		      : NAN;
	if (isnan(E_r))
		note(out,
		     "the region's all-industry total for %d is not loaded or is suppressed; "
		     "LQs and shares cannot be computed",
		     spec->year);

	/* National shares for the LQ. */
	if (!set_empty(in->nat_cur)) {
		struct pm_agg_item t = pm_agg_one(in->nat_cur->v, in->nat_cur->n, '0', "10");

		if (t.emp.nparts && pm_agg_known(&t.emp))
			E_N = (double)t.emp.low;
	}
	nat_ok = !isnan(E_N);
	have_src = in->src && in->src->n;
	if (spec->national == PM_NATIONAL_DERIVED ||
	    (spec->national == PM_NATIONAL_AUTO && !nat_ok))
		out->lq_basis = have_src ? PM_LQ_DERIVED : PM_LQ_NONE;
	else
		out->lq_basis = nat_ok ? PM_LQ_NATIONAL : PM_LQ_NONE;
	if (out->lq_basis == PM_LQ_NATIONAL)
		pm_agg_build(&ncur, in->nat_cur->v, in->nat_cur->n, spec->owns, spec->level);
	else if (out->lq_basis == PM_LQ_DERIVED) {
		pm_lq_index_build(&ix, in->src);
		note(out,
		     "national shares derived from BLS-published LQs of loaded areas (largest "
		     "published LQ per industry)%s",
		     nat_ok ? "" : "; load US000 rows for exact national figures");
	} else if (spec->national == PM_NATIONAL_DERIVED) {
		note(out,
		     "no loaded area publishes LQs for %d %s to derive national shares from: "
		     "LQ not computed",
		     spec->year, per);
	} else {
		note(out,
		     "no national (US000) rows and no published LQs for %d %s: LQ not computed",
		     spec->year, per);
	}

	/* Base period and national growth. */
	have_base = spec->base_year && !set_empty(in->base);
	if (have_base) {
		pm_agg_build(&base, in->base->v, in->base->n, spec->owns, spec->level);
		out->own_total_base =
			pm_agg_one(in->base->v, in->base->n, spec->own_total, "10").emp;
		if (pm_agg_known(&out->own_total) && pm_agg_known(&out->own_total_base) &&
		    out->own_total.nparts && out->own_total_base.nparts)
			Gr = pm_growth_rate((double)out->own_total_base.low,
					    (double)out->own_total.low);
		out->region_total_growth_pct = 100.0 * Gr;
	}
	nat_growth_ok = have_base && !set_empty(in->nat_cur) && !set_empty(in->nat_base);
	if (nat_growth_ok) {
		double t1 = nat_total(in->nat_cur, spec->own_total, spec->owns, &nsec_t);
		double t0 = nat_total(in->nat_base, spec->own_total, spec->owns, &nsec_0);

		G = pm_growth_rate(t0, t1);
		if (isnan(G))
			nat_growth_ok = false;
		else if (nsec_t || nsec_0)
			note(out,
			     "national all-industry total taken as the sum of %d loaded US000 "
			     "sector rows (no US000 total row loaded)",
			     nsec_t > nsec_0 ? nsec_t : nsec_0);
	}
	if (nat_growth_ok) {
		pm_agg_build(&nbase, in->nat_base->v, in->nat_base->n, spec->owns, spec->level);
		if (!ncur.items)
			pm_agg_build(&ncur, in->nat_cur->v, in->nat_cur->n, spec->owns,
				     spec->level);
		out->nat_total_growth_pct = 100.0 * G;
		out->shift_share = true;
	} else if (spec->base_year) {
		note(out,
		     "shift-share skipped: national (US000) employment for %d and %d %s is not "
		     "loaded (load the US000 area file or a singlefile for both years)",
		     spec->base_year, spec->year, per);
	}
	out->growth_reference = out->shift_share ? "national industry growth"
				: !isnan(Gr)	 ? "region all-industry growth"
						 : NULL;
	if (!out->shift_share && !isnan(Gr))
		note(out, "quadrants compare growth with the region's own all-industry growth "
			  "(national growth is not loaded)");

	/* Rows. */
	out->rows = pm_xcalloc(cur.n ? cur.n : 1, sizeof *out->rows);
	items = pm_xcalloc(cur.n ? cur.n : 1, sizeof *items);
	lqs = pm_xcalloc(cur.n ? cur.n : 1, sizeof *lqs);
	out->n = cur.n;
	for (i = 0; i < cur.n; i++) {
		const struct pm_agg_item *it = &cur.items[i];
		struct pm_sector_row *r = &out->rows[i];
		bool est = false;
		double share = NAN, e = effective(&it->emp, spec->estimate_range, &est);
		bool known = !isnan(e);

		r->industry = it->industry;
		r->estabs = it->estabs;
		r->emp = it->emp;
		r->wages = it->wages;
		r->emp_est = e;
		r->base_est = NAN;
		r->avg_pay = known ? annual_pay(spec, it, &est) : NAN;
		r->share_pct = known ? 100.0 * e / E_r : NAN;
		r->lq = NAN;
		r->lq_published = NAN;
		r->nat_growth_pct = NAN;
		r->score = NAN;
		if (out->lq_basis == PM_LQ_NATIONAL) {
			double en = nat_value(&ncur, it->industry);

			share = isnan(en) ? NAN : en / E_N;
		} else if (out->lq_basis == PM_LQ_DERIVED) {
			share = derived_share(&ix, spec->owns, it->industry, &r->lq_source, &nzero);
		}
		if (known && !isnan(share)) {
			r->lq = pm_lq_from_share(e, E_r, share);
			r->lq_basis = isnan(r->lq) ? PM_LQ_NONE : out->lq_basis;
		}
		if (spec->single_published_area && strlen(spec->owns) == 1) {
			size_t k;

			for (k = 0; k < in->cur->n; k++) {
				const struct pm_qcell *c = &in->cur->v[k];

				if (c->own == spec->owns[0] && c->level == spec->level &&
				    !strcmp(c->industry, it->industry)) {
					r->lq_published = c->lq_pub;
					break;
				}
			}
		}
		if (have_base) {
			const struct pm_agg_item *b = pm_agg_find(&base, it->industry);

			r->has_base = b != NULL;
			if (b)
				r->base_emp = b->emp;
			else
				r->base_emp.high_known = true; /* absent: zero jobs */
			r->base_est = effective(&r->base_emp, spec->estimate_range, &est);
			if (known && !isnan(r->base_est)) {
				r->growth_known = true;
				r->growth = pm_growth_compute(llround(r->base_est), llround(e),
							      spec->year - spec->base_year);
			}
		}
		if (out->shift_share) {
			double n1 = nat_value(&ncur, it->industry);
			const struct pm_agg_item *nb = pm_agg_find(&nbase, it->industry);
			double n0 = nb && pm_agg_known(&nb->emp) ? (double)nb->emp.low : NAN;
			double gn = pm_growth_rate(n0, n1);

			r->nat_growth_pct = 100.0 * gn;
			if (r->growth_known)
				r->ss_known = pm_shift_share(llround(r->base_est), llround(e), G,
							     gn, &r->ss);
		}
		/* 99 "Unclassified" is a holding code, not an industry anyone can target. */
		items[i].eligible = known && strcmp(it->industry, "99") != 0;
		items[i].tiebreak = e;
		items[i].comp[PM_SC_LQ] = r->lq;
		items[i].comp[PM_SC_GROWTH] = r->growth_known ? r->growth.cagr : NAN;
		items[i].comp[PM_SC_SHARE] = r->ss_known && r->base_est > 0
						     ? (double)r->ss.regional / 100.0 / r->base_est
						     : NAN;
		items[i].comp[PM_SC_SIZE] = known ? e : NAN;
		items[i].comp[PM_SC_PAY] = r->avg_pay;
		/* The cluster cut-off is taken over the industries that can be ranked. */
		lqs[i] = items[i].eligible ? r->lq : NAN;
		r->estimated = est;
		if (est)
			nest++;
		else if (!known)
			nunknown++;
		if (r->growth_known) {
			double ref = out->shift_share ? r->nat_growth_pct : 100.0 * Gr;

			r->quadrant = pm_quadrant(r->lq, r->growth.pct, ref);
		}
	}
	if (nzero)
		note(out,
		     "%d industry x ownership share(s) taken as zero: no loaded area has a row for "
		     "them (e.g. a federal share of a private-only industry)",
		     nzero);
	if (nest)
		note(out,
		     "%d %s suppressed in some counties: figures marked estimated use the midpoint "
		     "of the residual bounds (range within %.0f%%; see employment_low/high)",
		     nest, nest == 1 ? "industry is" : "industries are",
		     100.0 * spec->estimate_range);
	if (nunknown)
		note(out,
		     "%d %s not ranked: employment suppressed and its bounds too wide to estimate",
		     nunknown, nunknown == 1 ? "industry is" : "industries are");
	pm_score_rank(items, cur.n, &spec->weights);
	lq75 = pm_quantile(lqs, cur.n, 0.75);
	for (i = 0; i < cur.n; i++) {
		struct pm_sector_row *r = &out->rows[i];

		r->score = items[i].score;
		r->rank = items[i].rank;
		r->cluster = !isnan(r->lq) && r->lq >= 1.0 && r->lq >= lq75;
	}
	qsort(out->rows, out->n, sizeof *out->rows, cmp_rows);

	free(items);
	free(lqs);
	pm_lq_index_release(&ix);
	pm_agg_table_release(&cur);
	pm_agg_table_release(&base);
	pm_agg_table_release(&ncur);
	pm_agg_table_release(&nbase);
	return PM_OK;
}
