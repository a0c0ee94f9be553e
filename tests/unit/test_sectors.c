/*
 * Unit tests for analysis/sectors.c: the sector table end to end on a small
 * synthetic region built in memory.
 *
 * The region is two counties; private ownership ('5'), NAICS sectors.
 *
 *   2023          own 0 "10"   own 5: "10"    23  44-45   62   72
 *   01001           1400              1000   300    200  360  140
 *   01003            600               500   100    150  240   10
 *   region          2000              1500   400    350  600  150
 *
 *   2021 (base)
 *   01001           1200               806   156    200  300  150
 *   01003            600               502   100    150  186   66
 *   region          1800              1308   256    350  486  216
 *
 *   US000        own 0 "10"   own 5: "10"    23  44-45    62     72
 *   2023          100000             80000  5000  10000  15000  10000
 *   2021           90000             64000  4000  10000  12500   8000
 *
 * Annual pay per job: 23 60000, 44-45 30000, 62 50000, 72 20000 (wages =
 * jobs x pay in every cell, so every region's average pay is that figure).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "analysis/sectors.h"
#include "cells_fixture.h"

#define EPS 1e-9

static const char *const IND[4] = { "23", "44-45", "62", "72" };
static const int64_t PAY[4] = { 60000, 30000, 50000, 20000 };

struct fx {
	struct pm_qcell_set cur, base, ncur, nbase;
	struct pm_lq_source_set src;
	struct pm_sectors_input in;
	struct pm_sectors_spec spec;
	struct pm_sectors_result res;
	struct pm_err err;
};

static struct fx F;

/* One county: its all-ownership total and its private sectors (private total = their sum). */
static void county(struct pm_qcell_set *s, const char *area, int64_t all, int64_t e23,
		   int64_t e44, int64_t e62, int64_t e72)
{
	const int64_t e[4] = { e23, e44, e62, e72 };
	int64_t tot = 0, wtot = 0;
	int i;

	fx_cell(s, area, '0', "10", all, all * 40000);
	for (i = 0; i < 4; i++) {
		tot += e[i];
		wtot += e[i] * PAY[i];
	}
	fx_cell(s, area, '5', "10", tot, wtot);
	for (i = 0; i < 4; i++)
		fx_cell(s, area, '5', IND[i], e[i], e[i] * PAY[i]);
}

static void nation(struct pm_qcell_set *s, int64_t all, int64_t priv, int64_t e23, int64_t e44,
		   int64_t e62, int64_t e72)
{
	const int64_t e[4] = { e23, e44, e62, e72 };
	int i;

	fx_cell(s, "US000", '0', "10", all, 0);
	fx_cell(s, "US000", '5', "10", priv, 0);
	for (i = 0; i < 4; i++)
		fx_cell(s, "US000", '5', IND[i], e[i], e[i] * PAY[i]);
}

static void setup(void)
{
	memset(&F, 0, sizeof F);
	pm_qcell_set_init(&F.cur);
	pm_qcell_set_init(&F.base);
	pm_qcell_set_init(&F.ncur);
	pm_qcell_set_init(&F.nbase);
	pm_lq_source_set_init(&F.src);
	county(&F.cur, "01001", 1400, 300, 200, 360, 140);
	county(&F.cur, "01003", 600, 100, 150, 240, 10);
	county(&F.base, "01001", 1200, 156, 200, 300, 150);
	county(&F.base, "01003", 600, 100, 150, 186, 66);
	nation(&F.ncur, 100000, 80000, 5000, 10000, 15000, 10000);
	nation(&F.nbase, 90000, 64000, 4000, 10000, 12500, 8000);
	F.in.cur = &F.cur;
	F.in.base = &F.base;
	F.in.nat_cur = &F.ncur;
	F.in.nat_base = &F.nbase;
	F.in.src = NULL;
	F.spec.owns = "5";
	F.spec.own_total = '5';
	F.spec.level = PM_NAICS_SECTOR;
	F.spec.year = 2023;
	F.spec.base_year = 2021;
	F.spec.qtr = 'A';
	F.spec.national = PM_NATIONAL_AUTO;
	F.spec.weights = pm_score_default_weights;
	F.spec.single_published_area = false;
	F.spec.estimate_range = PM_ESTIMATE_RANGE_DEFAULT;
	F.err = (struct pm_err)PM_ERR_INIT;
}

static void teardown(void)
{
	pm_sectors_result_release(&F.res);
	pm_lq_source_set_release(&F.src);
	pm_qcell_set_release(&F.cur);
	pm_qcell_set_release(&F.base);
	pm_qcell_set_release(&F.ncur);
	pm_qcell_set_release(&F.nbase);
}

TestSuite(sectors, .init = setup, .fini = teardown);

/*
 * Invariants of any result: ranked rows come first in rank order 1..m,
 * only eligible rows are ranked, and every shift-share adds up exactly to
 * the change it decomposes.
 */
static void check_result(const struct pm_sectors_result *r)
{
	size_t i;
	int m = 0;

	for (i = 0; i < r->n; i++) {
		const struct pm_sector_row *w = &r->rows[i];

		if (w->rank) {
			cr_assert_eq(w->rank, (int)i + 1, "row %s", w->industry);
			cr_assert_not(isnan(w->score));
			cr_assert_str_neq(w->industry, "99");
			cr_assert_not(isnan(w->emp_est));
			m++;
		} else {
			cr_assert(isnan(w->score), "row %s", w->industry);
		}
		if (w->ss_known) {
			cr_assert(r->shift_share);
			cr_assert_eq(w->ss.national + w->ss.mix + w->ss.regional,
				     (llround(w->emp_est) - llround(w->base_est)) * 100,
				     "row %s", w->industry);
		}
		if (w->estimated)
			cr_assert_not(pm_agg_known(&w->emp) && pm_agg_known(&w->wages) &&
				      (!w->has_base || pm_agg_known(&w->base_emp)));
		if (isnan(w->lq))
			cr_assert_eq(w->lq_basis, PM_LQ_NONE);
	}
	for (i = (size_t)m; i < r->n; i++)
		cr_assert_eq(r->rows[i].rank, 0);
}

static const struct pm_sector_row *row(const char *industry)
{
	size_t i;

	for (i = 0; i < F.res.n; i++)
		if (!strcmp(F.res.rows[i].industry, industry))
			return &F.res.rows[i];
	cr_assert_fail("no row for '%s'", industry);
	return NULL;
}

static bool has_note(const char *needle)
{
	size_t i;

	for (i = 0; i < F.res.nnotes; i++)
		if (strstr(F.res.notes[i], needle))
			return true;
	return false;
}

static void compute(void)
{
	cr_assert_eq(pm_sectors_compute(&F.spec, &F.in, &F.res, &F.err), PM_OK, "%s", F.err.msg);
	check_result(&F.res);
}

Test(sectors, totals_and_basis)
{
	compute();
	cr_assert_eq(F.res.n, 4);
	/* Region all-industry all-ownership: 1400 + 600 = 2000. */
	cr_assert(pm_agg_known(&F.res.region_total));
	cr_assert_eq(F.res.region_total.low, 2000);
	/* Private totals: 1000 + 500 = 1500 (2023), 806 + 502 = 1308 (2021). */
	cr_assert_eq(F.res.own_total.low, 1500);
	cr_assert_eq(F.res.own_total_base.low, 1308);
	cr_assert_eq(F.res.lq_basis, PM_LQ_NATIONAL);
	cr_assert_str_eq(pm_lq_basis_name(F.res.lq_basis), "national");
	cr_assert(F.res.shift_share);
	/* National private growth G = 80000 / 64000 - 1 = 0.25 -> 25%. */
	cr_assert_float_eq(F.res.nat_total_growth_pct, 25.0, EPS);
	/* Region private growth 100 * (1500 - 1308) / 1308 = 100 * 192 / 1308 = 14.678...% */
	cr_assert_float_eq(F.res.region_total_growth_pct, 19200.0 / 1308.0, EPS);
	cr_assert_str_eq(F.res.growth_reference, "national industry growth");
	/* Everything known: nothing to say. */
	cr_assert_eq(F.res.nnotes, 0, "first note: %s", F.res.nnotes ? F.res.notes[0] : "");
}

Test(sectors, size_share_and_pay)
{
	compute();
	/* 23: 300 + 100 = 400 jobs, 2 establishments, 100 * 400 / 2000 = 20% of all jobs. */
	cr_assert_eq(row("23")->emp.low, 400);
	cr_assert_eq(row("23")->estabs, 2);
	cr_assert_float_eq(row("23")->emp_est, 400.0, EPS);
	cr_assert_float_eq(row("23")->share_pct, 20.0, EPS);
	/* 44-45: 350 -> 17.5%; 62: 600 -> 30%; 72: 150 -> 7.5% */
	cr_assert_float_eq(row("44-45")->share_pct, 17.5, EPS);
	cr_assert_float_eq(row("62")->share_pct, 30.0, EPS);
	cr_assert_float_eq(row("72")->share_pct, 7.5, EPS);
	/* Annual pay = wages / jobs: 400 * 60000 / 400 = 60000, etc. */
	cr_assert_float_eq(row("23")->avg_pay, 60000.0, EPS);
	cr_assert_float_eq(row("44-45")->avg_pay, 30000.0, EPS);
	cr_assert_float_eq(row("62")->avg_pay, 50000.0, EPS);
	cr_assert_float_eq(row("72")->avg_pay, 20000.0, EPS);
	cr_assert_eq(row("62")->wages.low, 600 * 50000);
	cr_assert_not(row("23")->estimated);
}

Test(sectors, lq_national)
{
	compute();
	/* 23:    (400 / 2000) / (5000 / 100000)  = 0.2   / 0.05 = 4    */
	cr_assert_float_eq(row("23")->lq, 4.0, EPS);
	/* 44-45: (350 / 2000) / (10000 / 100000) = 0.175 / 0.1  = 1.75 */
	cr_assert_float_eq(row("44-45")->lq, 1.75, EPS);
	/* 62:    (600 / 2000) / (15000 / 100000) = 0.3   / 0.15 = 2    */
	cr_assert_float_eq(row("62")->lq, 2.0, EPS);
	/* 72:    (150 / 2000) / (10000 / 100000) = 0.075 / 0.1  = 0.75 */
	cr_assert_float_eq(row("72")->lq, 0.75, EPS);
	cr_assert_eq(row("23")->lq_basis, PM_LQ_NATIONAL);
	cr_assert_null(row("23")->lq_source);
	cr_assert(isnan(row("23")->lq_published));
	/*
	 * Cluster: LQ >= 1 and >= the 75th percentile of the table's LQs.
	 * Sorted 0.75 1.75 2 4: position 0.75 * 3 = 2.25 -> 2 + 0.25 * (4 - 2) = 2.5.
	 */
	cr_assert(row("23")->cluster);
	cr_assert_not(row("62")->cluster);
	cr_assert_not(row("44-45")->cluster);
	cr_assert_not(row("72")->cluster);
}

Test(sectors, growth)
{
	compute();
	/* 23: 256 -> 400: +144, 100 * 144 / 256 = 56.25%, CAGR sqrt(400/256) = 1.25 -> 25% */
	cr_assert(row("23")->has_base);
	cr_assert(row("23")->growth_known);
	cr_assert_eq(row("23")->base_emp.low, 256);
	cr_assert_float_eq(row("23")->base_est, 256.0, EPS);
	cr_assert_eq(row("23")->growth.change, 144);
	cr_assert_float_eq(row("23")->growth.pct, 56.25, EPS);
	cr_assert_float_eq(row("23")->growth.cagr, 25.0, EPS);
	/* 44-45: 350 -> 350: no change */
	cr_assert_eq(row("44-45")->growth.change, 0);
	cr_assert_float_eq(row("44-45")->growth.pct, 0.0, EPS);
	cr_assert_float_eq(row("44-45")->growth.cagr, 0.0, EPS);
	/* 62: 486 -> 600: +114, 100 * 114 / 486 %, CAGR sqrt(600/486) = 10/9 -> 11.11% */
	cr_assert_eq(row("62")->growth.change, 114);
	cr_assert_float_eq(row("62")->growth.pct, 11400.0 / 486.0, EPS);
	cr_assert_float_eq(row("62")->growth.cagr, 100.0 / 9.0, EPS);
	/* 72: 216 -> 150: -66, CAGR sqrt(150/216) = 5/6 -> -16.67% */
	cr_assert_eq(row("72")->growth.change, -66);
	cr_assert_float_eq(row("72")->growth.pct, -6600.0 / 216.0, EPS);
	cr_assert_float_eq(row("72")->growth.cagr, -100.0 / 6.0, EPS);
	/* National industry growth: 23 5000/4000 -> 25%, 44-45 0%, 62 15000/12500 -> 20%, 72 25% */
	cr_assert_float_eq(row("23")->nat_growth_pct, 25.0, EPS);
	cr_assert_float_eq(row("44-45")->nat_growth_pct, 0.0, EPS);
	cr_assert_float_eq(row("62")->nat_growth_pct, 20.0, EPS);
	cr_assert_float_eq(row("72")->nat_growth_pct, 25.0, EPS);
}

Test(sectors, shift_share)
{
	const struct pm_sector_row *r;

	compute();
	/* G = 0.25 for every row. */
	r = row("23");
	/* e0 256, gN 0.25: NS = 256 * 0.25 = 64.00; IM = 0; RS = 144 - 64 = 80.00 */
	cr_assert(r->ss_known);
	cr_assert_eq(r->ss.national, 6400);
	cr_assert_eq(r->ss.mix, 0);
	cr_assert_eq(r->ss.regional, 8000);
	r = row("44-45");
	/* e0 350, gN 0: NS = 87.50; IM = 350 * (0 - 0.25) = -87.50; RS = 0 - 87.5 + 87.5 = 0 */
	cr_assert_eq(r->ss.national, 8750);
	cr_assert_eq(r->ss.mix, -8750);
	cr_assert_eq(r->ss.regional, 0);
	r = row("62");
	/* e0 486, gN 0.2: NS = 121.50; IM = 486 * -0.05 = -24.30; RS = 114 - 121.5 + 24.3 = 16.80 */
	cr_assert_eq(r->ss.national, 12150);
	cr_assert_eq(r->ss.mix, -2430);
	cr_assert_eq(r->ss.regional, 1680);
	r = row("72");
	/* e0 216, gN 0.25: NS = 54.00; IM = 0; RS = -66 - 54 = -120.00 */
	cr_assert_eq(r->ss.national, 5400);
	cr_assert_eq(r->ss.mix, 0);
	cr_assert_eq(r->ss.regional, -12000);
}

Test(sectors, ranking_and_quadrants)
{
	compute();
	/*
	 * Percentiles among four (divisor 3); order low -> high:
	 *   LQ     72 .75 < 44-45 1.75 < 62 2 < 23 4
	 *   CAGR   72 < 44-45 < 62 < 23
	 *   share  (RS / e0) 72 -0.556 < 44-45 0 < 62 0.035 < 23 0.3125
	 *   size   72 150 < 44-45 350 < 23 400 < 62 600
	 *   pay    72 < 44-45 < 62 < 23
	 * 23:    100 * (0.30 + 0.25 + 0.15 + 0.15 * 2/3 + 0.15)      = 95
	 * 62:    100 * ((0.30 + 0.25 + 0.15 + 0.15) * 2/3 + 0.15)    = 71.67
	 * 44-45: 100 * 1/3                                            = 33.33
	 * 72:    0
	 */
	cr_assert_str_eq(F.res.rows[0].industry, "23");
	cr_assert_str_eq(F.res.rows[1].industry, "62");
	cr_assert_str_eq(F.res.rows[2].industry, "44-45");
	cr_assert_str_eq(F.res.rows[3].industry, "72");
	cr_assert_eq(row("23")->rank, 1);
	cr_assert_eq(row("72")->rank, 4);
	cr_assert_float_eq(row("23")->score, 95.0, 1e-6);
	cr_assert_float_eq(row("62")->score, 100.0 * (0.85 * 2.0 / 3.0 + 0.15), 1e-6);
	cr_assert_float_eq(row("44-45")->score, 100.0 / 3.0, 1e-6);
	cr_assert_float_eq(row("72")->score, 0.0, 1e-6);
	/*
	 * Quadrants against the industry's national growth:
	 *   23    LQ 4    56.25% > 25%   star
	 *   44-45 LQ 1.75 0%     = 0%    mature (not above)
	 *   62    LQ 2    23.46% > 20%   star
	 *   72    LQ 0.75 -30.6% < 25%   transforming
	 */
	cr_assert_str_eq(row("23")->quadrant, "star");
	cr_assert_str_eq(row("44-45")->quadrant, "mature");
	cr_assert_str_eq(row("62")->quadrant, "star");
	cr_assert_str_eq(row("72")->quadrant, "transforming");
}

Test(sectors, national_missing_skips_shift_share_with_notes)
{
	F.in.nat_cur = NULL;
	F.in.nat_base = NULL;
	compute();
	cr_assert_eq(F.res.lq_basis, PM_LQ_NONE);
	cr_assert_str_eq(pm_lq_basis_name(F.res.lq_basis), "");
	cr_assert_not(F.res.shift_share);
	cr_assert(isnan(F.res.nat_total_growth_pct));
	cr_assert(has_note("no national (US000) rows and no published LQs for 2023 annual: "
			   "LQ not computed"));
	cr_assert(has_note("shift-share skipped: national (US000) employment for 2021 and 2023 "
			   "annual is not loaded"));
	cr_assert(has_note("quadrants compare growth with the region's own all-industry growth"));
	cr_assert_eq(F.res.nnotes, 3);
	cr_assert_str_eq(F.res.growth_reference, "region all-industry growth");
	/* Not zeros: unknown. */
	cr_assert(isnan(row("23")->lq));
	cr_assert_eq(row("23")->lq_basis, PM_LQ_NONE);
	cr_assert_not(row("23")->ss_known);
	cr_assert_eq(row("23")->ss.national, 0);
	cr_assert(isnan(row("23")->nat_growth_pct));
	cr_assert_null(row("23")->quadrant);   /* no LQ, no quadrant */
	/* Growth is still known and the ranking still made (LQ and share drop out). */
	cr_assert(row("23")->growth_known);
	cr_assert_eq(row("23")->growth.change, 144);
	/*
	 * Remaining weights growth 0.25, size 0.15, pay 0.15 (sum 0.55):
	 * 23: (0.25 * 1 + 0.15 * 2/3 + 0.15 * 1) / 0.55 = 0.5 / 0.55 = 90.91
	 */
	cr_assert_float_eq(row("23")->score, 50.0 / 0.55, 1e-6);
	cr_assert_eq(row("23")->rank, 1);
	cr_assert_eq(row("62")->rank, 2);
	cr_assert_eq(row("44-45")->rank, 3);
	cr_assert_eq(row("72")->rank, 4);
}

Test(sectors, national_base_missing)
{
	F.in.nat_base = NULL;
	compute();
	/* LQ still national; shift-share needs both years. */
	cr_assert_eq(F.res.lq_basis, PM_LQ_NATIONAL);
	cr_assert_float_eq(row("23")->lq, 4.0, EPS);
	cr_assert_not(F.res.shift_share);
	cr_assert_not(row("23")->ss_known);
	cr_assert(has_note("shift-share skipped"));
	/* Quadrants fall back to the region's private growth, 14.68%: 23 grew 56.25% -> star. */
	cr_assert_str_eq(F.res.growth_reference, "region all-industry growth");
	cr_assert_str_eq(row("23")->quadrant, "star");
	/* 62 grew 23.46% > 14.68% but LQ 2: star; 72 (LQ 0.75) fell: transforming. */
	cr_assert_str_eq(row("62")->quadrant, "star");
	cr_assert_str_eq(row("72")->quadrant, "transforming");
	/* 44-45 LQ 1.75, 0% < 14.68%: mature. */
	cr_assert_str_eq(row("44-45")->quadrant, "mature");
}

Test(sectors, no_base_year)
{
	F.spec.base_year = 0;
	F.in.base = NULL;
	F.in.nat_base = NULL;
	compute();
	/* No base period requested: no growth, no shift-share, and no note about them. */
	cr_assert_eq(F.res.nnotes, 0, "first note: %s", F.res.nnotes ? F.res.notes[0] : "");
	cr_assert_not(F.res.shift_share);
	cr_assert_null(F.res.growth_reference);
	cr_assert_not(row("23")->growth_known);
	cr_assert_not(row("23")->has_base);
	cr_assert(isnan(row("23")->base_est));
	cr_assert_null(row("23")->quadrant);
	cr_assert_float_eq(row("23")->lq, 4.0, EPS);
	cr_assert(row("23")->rank > 0);
}

static void derived_sources(void)
{
	/* 23: best source 13121 (LQ 2.0 > 1.5): share (1000 / 10000) / 2.0 = 0.05 */
	fx_src(&F.src, "01003", '5', "23", 100, 600, 1.5);
	fx_src(&F.src, "13121", '5', "23", 1000, 10000, 2.0);
	/* 62: (1500 / 10000) / 1.0 = 0.15 */
	fx_src(&F.src, "13121", '5', "62", 1500, 10000, 1.0);
	/* 72: (500 / 10000) / 0.5 = 0.1 */
	fx_src(&F.src, "13121", '5', "72", 500, 10000, 0.5);
	/* 44-45: no source; another ownership does not count. */
	fx_src(&F.src, "13121", '3', "44-45", 500, 10000, 0.5);
	F.in.src = &F.src;
}

Test(sectors, derived_basis_when_national_missing)
{
	derived_sources();
	F.in.nat_cur = NULL;
	F.in.nat_base = NULL;
	compute();
	cr_assert_eq(F.res.lq_basis, PM_LQ_DERIVED);
	cr_assert_str_eq(pm_lq_basis_name(F.res.lq_basis), "derived");
	cr_assert(has_note("national shares derived from BLS-published LQs of loaded areas"));
	cr_assert(has_note("; load US000 rows for exact national figures"));
	/* Same national shares as the loaded case, so the same LQs: (400 / 2000) / 0.05 = 4 */
	cr_assert_float_eq(row("23")->lq, 4.0, EPS);
	cr_assert_eq(row("23")->lq_basis, PM_LQ_DERIVED);
	cr_assert_str_eq(row("23")->lq_source, "13121");
	/* (600 / 2000) / 0.15 = 2; (150 / 2000) / 0.1 = 0.75 */
	cr_assert_float_eq(row("62")->lq, 2.0, EPS);
	cr_assert_float_eq(row("72")->lq, 0.75, EPS);
	/* No private source for 44-45: unknown, not zero. */
	cr_assert(isnan(row("44-45")->lq));
	cr_assert_eq(row("44-45")->lq_basis, PM_LQ_NONE);
	cr_assert_not(F.res.shift_share);
}

Test(sectors, derived_basis_on_request)
{
	derived_sources();
	F.spec.national = PM_NATIONAL_DERIVED;
	compute();
	cr_assert_eq(F.res.lq_basis, PM_LQ_DERIVED);
	cr_assert(has_note("national shares derived from BLS-published LQs"));
	/* US000 is loaded, so the note does not ask for it ... */
	cr_assert_not(has_note("load US000 rows"));
	/* ... and shift-share still uses it. */
	cr_assert(F.res.shift_share);
	cr_assert_eq(row("23")->ss.regional, 8000);
	cr_assert_float_eq(row("23")->lq, 4.0, EPS);
	cr_assert(isnan(row("44-45")->lq));
}

Test(sectors, loaded_mode_never_derives)
{
	derived_sources();
	F.spec.national = PM_NATIONAL_LOADED;
	F.in.nat_cur = NULL;
	F.in.nat_base = NULL;
	compute();
	cr_assert_eq(F.res.lq_basis, PM_LQ_NONE);
	cr_assert(isnan(row("23")->lq));
	cr_assert(has_note("LQ not computed"));
}

Test(sectors, national_total_from_sector_rows)
{
	size_t i;

	/* Drop the US000 private "10" rows (turn them into an unused ownership). */
	for (i = 0; i < F.ncur.n; i++)
		if (F.ncur.v[i].own == '5' && !strcmp(F.ncur.v[i].industry, "10"))
			F.ncur.v[i].own = '9';
	for (i = 0; i < F.nbase.n; i++)
		if (F.nbase.v[i].own == '5' && !strcmp(F.nbase.v[i].industry, "10"))
			F.nbase.v[i].own = '9';
	compute();
	cr_assert(has_note("national all-industry total taken as the sum of 4 loaded US000 "
			   "sector rows"));
	/* G = (5000 + 10000 + 15000 + 10000) / (4000 + 10000 + 12500 + 8000) - 1 = 40000 / 34500 - 1 */
	cr_assert_float_eq(F.res.nat_total_growth_pct, 100.0 * (40000.0 / 34500.0 - 1.0), EPS);
	cr_assert(F.res.shift_share);
}

Test(sectors, region_total_suppressed)
{
	fx_suppress(fx_find(&F.cur, "01003", '0', "10"));
	compute();
	cr_assert(has_note("the region's all-industry total for 2023 is not loaded or is "
			   "suppressed; LQs and shares cannot be computed"));
	cr_assert_not(pm_agg_known(&F.res.region_total));
	cr_assert(isnan(row("23")->lq));
	cr_assert(isnan(row("23")->share_pct));
	/* Sizes and growth do not need the total. */
	cr_assert_float_eq(row("23")->emp_est, 400.0, EPS);
	cr_assert(row("23")->growth_known);
	cr_assert(row("23")->rank > 0);
}

Test(sectors, estimated_row_with_narrow_bounds)
{
	const struct pm_sector_row *r;

	/*
	 * Suppress 72 in 01003 (truly 10 jobs). Its residual bound is the
	 * county's private total minus its disclosed sectors:
	 *   500 - (100 + 150 + 240) = 10 jobs
	 *   wages 22,700,000 - (6,000,000 + 4,500,000 + 12,000,000) = 200,000
	 * Region 72: low 140 (01001), high 150; 150 - 140 = 10 <= 0.10 * 150 = 15,
	 * so it is estimated as (140 + 150) / 2 = 145 jobs.
	 */
	fx_suppress(fx_find(&F.cur, "01003", '5', "72"));
	compute();
	r = row("72");
	cr_assert_eq(r->emp.low, 140);
	cr_assert_eq(r->emp.high, 150);
	cr_assert_eq(r->emp.nsupp, 1);
	cr_assert(r->estimated);
	cr_assert_float_eq(r->emp_est, 145.0, EPS);
	/* LQ (145 / 2000) / 0.1 = 0.725 */
	cr_assert_float_eq(r->lq, 0.725, EPS);
	cr_assert_eq(r->lq_basis, PM_LQ_NATIONAL);
	/* Wages (2,800,000 + 3,000,000) / 2 = 2,900,000; pay 2,900,000 / 145 = 20000 */
	cr_assert_float_eq(r->avg_pay, 20000.0, EPS);
	/* Growth from 216 to 145: -71 */
	cr_assert(r->growth_known);
	cr_assert_eq(r->growth.change, -71);
	cr_assert(r->ss_known);
	cr_assert(r->rank > 0);
	cr_assert(has_note("1 industry is suppressed in some counties"));
	cr_assert(has_note("range within 10%"));
	/* The other rows are untouched. */
	cr_assert_not(row("23")->estimated);
	cr_assert_float_eq(row("23")->lq, 4.0, EPS);
}

Test(sectors, no_estimate_when_range_zero)
{
	const struct pm_sector_row *r;

	fx_suppress(fx_find(&F.cur, "01003", '5', "72"));
	F.spec.estimate_range = 0;
	compute();
	r = row("72");
	/* Same bounds, 140..150, but estimating is off: unknown. */
	cr_assert_eq(r->emp.low, 140);
	cr_assert_eq(r->emp.high, 150);
	cr_assert_not(r->estimated);
	cr_assert(isnan(r->emp_est));
	cr_assert(isnan(r->lq));
	cr_assert(isnan(r->avg_pay));
	cr_assert(isnan(r->share_pct));
	cr_assert_not(r->growth_known);
	cr_assert_not(r->ss_known);
	cr_assert_null(r->quadrant);
	cr_assert(isnan(r->score));
	cr_assert_eq(r->rank, 0);
	cr_assert(has_note("1 industry is not ranked: employment suppressed and its bounds too "
			   "wide to estimate"));
	cr_assert_not(has_note("suppressed in some counties"));
	/* The other three are ranked 1..3, unranked row last. */
	cr_assert_eq(F.res.rows[3].rank, 0);
	cr_assert_str_eq(F.res.rows[3].industry, "72");
	cr_assert_eq(row("23")->rank, 1);
}

Test(sectors, no_estimate_when_bounds_wide)
{
	const struct pm_sector_row *r;

	/*
	 * Suppress 72 in 01001 (truly 140): bound 1000 - (300 + 200 + 360) = 140.
	 * Region 72: low 10, high 150; 140 > 0.10 * 150 = 15: not estimated.
	 */
	fx_suppress(fx_find(&F.cur, "01001", '5', "72"));
	compute();
	r = row("72");
	cr_assert_eq(r->emp.low, 10);
	cr_assert_eq(r->emp.high, 150);
	cr_assert_not(r->estimated);
	cr_assert(isnan(r->lq));
	cr_assert_eq(r->rank, 0);
	cr_assert(has_note("1 industry is not ranked"));
}

Test(sectors, unclassified_99_never_ranked)
{
	const struct pm_sector_row *r;

	/* 99 in 01001: 5 jobs; nationally 10 -> LQ (5 / 2000) / (10 / 100000) = 25, the highest. */
	fx_cell(&F.cur, "01001", '5', "99", 5, 50000);
	fx_cell(&F.ncur, "US000", '5', "99", 10, 0);
	compute();
	cr_assert_eq(F.res.n, 5);
	r = row("99");
	cr_assert_float_eq(r->lq, 25.0, 1e-9);
	cr_assert_eq(r->rank, 0);
	cr_assert(isnan(r->score));
	/* Absent in the base year: zero jobs then, so a change but no percent. */
	cr_assert_not(r->has_base);
	cr_assert(r->growth_known);
	cr_assert_eq(r->growth.change, 5);
	cr_assert(isnan(r->growth.pct));
	cr_assert_str_eq(F.res.rows[4].industry, "99");
	/* The others rank as without it. */
	cr_assert_eq(row("23")->rank, 1);
	cr_assert_eq(row("62")->rank, 2);
	cr_assert_eq(row("44-45")->rank, 3);
	cr_assert_eq(row("72")->rank, 4);
	cr_assert_float_eq(row("23")->score, 95.0, 1e-6);
	/* Known, just not rankable: not counted as "not ranked because suppressed". */
	cr_assert_not(has_note("not ranked"));
}

Test(sectors, quarterly_pay_is_annualised)
{
	struct pm_qcell *c;

	pm_qcell_set_release(&F.cur);
	pm_qcell_set_init(&F.cur);
	fx_cell(&F.cur, "01001", '0', "10", 1000, 0);
	c = fx_cell(&F.cur, "01001", '5', "23", 110, 3000000);
	c->month1 = 90;
	c->month2 = 100;
	fx_cell(&F.cur, "01001", '5', "62", 200, 2000000);
	F.spec.qtr = '1';
	F.spec.base_year = 0;
	F.in.base = NULL;
	F.in.nat_cur = NULL;
	F.in.nat_base = NULL;
	compute();
	/* 23: quarter wages 3,000,000 * 4 / mean(90, 100, 110) = 12,000,000 / 100 = 120,000 */
	cr_assert_float_eq(row("23")->avg_pay, 120000.0, EPS);
	/* 62: 2,000,000 * 4 / 200 = 40,000 */
	cr_assert_float_eq(row("62")->avg_pay, 40000.0, EPS);
	/* Employment and share use the third month: 100 * 110 / 1000 = 11% */
	cr_assert_float_eq(row("23")->emp_est, 110.0, EPS);
	cr_assert_float_eq(row("23")->share_pct, 11.0, EPS);
	cr_assert(has_note("for 2023 Q1: LQ not computed"));
}

Test(sectors, single_published_area_shows_bls_lq)
{
	pm_qcell_set_release(&F.cur);
	pm_qcell_set_init(&F.cur);
	county(&F.cur, "01001", 1400, 300, 200, 360, 140);
	fx_find(&F.cur, "01001", '5', "23")->lq_pub = 4.29;
	fx_find(&F.cur, "01001", '5', "62")->lq_pub = 1.71;
	F.in.base = NULL;
	F.in.nat_base = NULL;
	F.spec.base_year = 0;
	F.spec.single_published_area = true;
	compute();
	cr_assert_float_eq(row("23")->lq_published, 4.29, EPS);
	cr_assert_float_eq(row("62")->lq_published, 1.71, EPS);
	cr_assert(isnan(row("72")->lq_published));   /* none published */
	/* The computed LQ is there too: (300 / 1400) / 0.05 = 4.2857... */
	cr_assert_float_eq(row("23")->lq, 300.0 / 1400.0 / 0.05, EPS);
}

Test(sectors, no_rows_is_not_found)
{
	struct pm_qcell_set empty;

	pm_qcell_set_init(&empty);
	F.in.cur = &empty;
	cr_assert_eq(pm_sectors_compute(&F.spec, &F.in, &F.res, &F.err), PM_ENOTFOUND);
	cr_assert_eq(F.err.code, PM_ENOTFOUND);
	cr_assert_str_eq(F.err.msg, "no QCEW rows for the selection in 2023 annual");
	cr_assert_eq(F.res.n, 0);
	F.in.cur = NULL;
	cr_assert_eq(pm_sectors_compute(&F.spec, &F.in, &F.res, &F.err), PM_ENOTFOUND);
	pm_qcell_set_release(&empty);
}
