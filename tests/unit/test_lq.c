/* Unit tests for analysis/lq.c: location quotients and derived national shares. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis/lq.h"
#include "cells_fixture.h"

#define EPS 1e-12

Test(lq, bls_definition)
{
	/* (10 / 100) / (5 / 1000) = 0.1 / 0.005 = 20 */
	cr_assert_float_eq(pm_lq(10, 100, 5, 1000), 20.0, EPS);
	/* Same share as the nation: (50 / 1000) / (5000 / 100000) = 0.05 / 0.05 = 1 */
	cr_assert_float_eq(pm_lq(50, 1000, 5000, 100000), 1.0, EPS);
	/* Under-represented: (1 / 100) / (40 / 1000) = 0.01 / 0.04 = 0.25 */
	cr_assert_float_eq(pm_lq(1, 100, 40, 1000), 0.25, EPS);
	/* No jobs in the region: (0 / 100) / (5 / 1000) = 0 (defined, just zero) */
	cr_assert_float_eq(pm_lq(0, 100, 5, 1000), 0.0, EPS);
}

Test(lq, undefined_inputs_give_nan)
{
	cr_assert(isnan(pm_lq(10, 0, 5, 1000)));     /* no regional total */
	cr_assert(isnan(pm_lq(10, -1, 5, 1000)));
	cr_assert(isnan(pm_lq(10, 100, 0, 1000)));   /* industry absent nationally */
	cr_assert(isnan(pm_lq(10, 100, 5, 0)));      /* no national total */
	cr_assert(isnan(pm_lq(-1, 100, 5, 1000)));   /* negative employment */
	cr_assert(isnan(pm_lq(NAN, 100, 5, 1000)));
	cr_assert(isnan(pm_lq(10, NAN, 5, 1000)));
	cr_assert(isnan(pm_lq(10, 100, NAN, 1000)));
	cr_assert(isnan(pm_lq(10, 100, 5, NAN)));
	cr_assert(isnan(pm_lq(10, 100, 5, INFINITY))); /* share 0 */
}

Test(lq, from_share)
{
	/* (10 / 100) / 0.005 = 20 */
	cr_assert_float_eq(pm_lq_from_share(10, 100, 0.005), 20.0, EPS);
	/* (300 / 1200) / 0.125 = 0.25 / 0.125 = 2 */
	cr_assert_float_eq(pm_lq_from_share(300, 1200, 0.125), 2.0, EPS);
	cr_assert(isnan(pm_lq_from_share(10, 100, 0)));
	cr_assert(isnan(pm_lq_from_share(10, 100, -0.1)));
	cr_assert(isnan(pm_lq_from_share(10, 100, NAN)));
	cr_assert(isnan(pm_lq_from_share(10, 100, INFINITY)));
	cr_assert(isnan(pm_lq_from_share(10, 0, 0.1)));
	cr_assert(isnan(pm_lq_from_share(-5, 100, 0.1)));
}

Test(lq, derived_share_from_published_lq)
{
	struct pm_lq_source s = { "13121", "23", '5', 30, 600, 2.5 };

	/* s = (30 / 600) / 2.5 = 0.05 / 2.5 = 0.02 */
	cr_assert_float_eq(pm_lq_source_share(&s), 0.02, EPS);
	/* Round trip: an area with 50 of 1000 jobs in the industry has LQ 0.05 / 0.02 = 2.5. */
	cr_assert_float_eq(pm_lq_from_share(50, 1000, pm_lq_source_share(&s)), 2.5, 1e-9);
	s.emp = 0;
	/* An area with none of the industry yields share 0 / 600 / 2.5 = 0. */
	cr_assert_float_eq(pm_lq_source_share(&s), 0.0, EPS);
}

Test(lq, derived_share_undefined_gives_nan)
{
	struct pm_lq_source s = { "13121", "23", '5', 30, 600, 2.5 };

	s.area_total = 0;
	cr_assert(isnan(pm_lq_source_share(&s)));
	s.area_total = 600;
	s.lq_pub = 0;
	cr_assert(isnan(pm_lq_source_share(&s)));
	s.lq_pub = -1;
	cr_assert(isnan(pm_lq_source_share(&s)));
	s.lq_pub = NAN;
	cr_assert(isnan(pm_lq_source_share(&s)));
	s.lq_pub = 2.5;
	s.emp = -1;
	cr_assert(isnan(pm_lq_source_share(&s)));
}

Test(lq, best_source_largest_published_lq)
{
	struct pm_lq_source_set set;
	const struct pm_lq_source *b;

	pm_lq_source_set_init(&set);
	fx_src(&set, "01001", '5', "23", 300, 1400, 1.20);
	fx_src(&set, "01003", '5', "23", 100, 600, 3.75);
	fx_src(&set, "01005", '5', "23", 900, 5000, 2.00);
	fx_src(&set, "01007", '3', "23", 999, 1000, 9.00);   /* other ownership */
	fx_src(&set, "01009", '5', "62", 999, 1000, 9.00);   /* other industry */
	fx_src(&set, "01011", '5', "23", 999, 1000, NAN);    /* no published LQ */
	fx_src(&set, "01013", '5', "23", 999, 0, 8.00);      /* no area total */
	fx_src(&set, "01015", '5', "23", 999, 1000, 0.0);    /* LQ 0 gives no share */
	b = pm_lq_best_source(set.v, set.n, '5', "23");
	cr_assert_not_null(b);
	/* 3.75 > 2.00 > 1.20 */
	cr_assert_str_eq(b->area, "01003");
	b = pm_lq_best_source(set.v, set.n, '3', "23");
	cr_assert_str_eq(b->area, "01007");
	cr_assert_null(pm_lq_best_source(set.v, set.n, '5', "72"));
	cr_assert_null(pm_lq_best_source(set.v, set.n, '1', "23"));
	cr_assert_null(pm_lq_best_source(set.v, 0, '5', "23"));
	pm_lq_source_set_release(&set);
}

Test(lq, best_source_ties)
{
	struct pm_lq_source_set set;
	const struct pm_lq_source *b;

	pm_lq_source_set_init(&set);
	/* Equal LQ 2.5: the larger employment (400) wins. */
	fx_src(&set, "01005", '5', "23", 100, 1000, 2.5);
	fx_src(&set, "01009", '5', "23", 400, 5000, 2.5);
	fx_src(&set, "01003", '5', "23", 200, 2000, 2.5);
	fx_src(&set, "01001", '5', "23", 500, 1000, 1.5);
	b = pm_lq_best_source(set.v, set.n, '5', "23");
	cr_assert_str_eq(b->area, "01009");

	/* Equal LQ and employment: the smaller area code wins, in any input order. */
	fx_src(&set, "01007", '5', "62", 50, 1000, 1.1);
	fx_src(&set, "01002", '5', "62", 50, 2000, 1.1);
	fx_src(&set, "01004", '5', "62", 50, 3000, 1.1);
	b = pm_lq_best_source(set.v, set.n, '5', "62");
	cr_assert_str_eq(b->area, "01002");
	pm_lq_source_set_release(&set);
}

Test(lq, source_better)
{
	struct pm_lq_source a = { "01001", "23", '5', 100, 1000, 2.0 };
	struct pm_lq_source b = a;

	cr_assert(pm_lq_source_better(&a, NULL));
	/* Identical: not better (strcmp == 0). */
	cr_assert_not(pm_lq_source_better(&a, &b));
	b.lq_pub = 1.99;
	cr_assert(pm_lq_source_better(&a, &b));
	cr_assert_not(pm_lq_source_better(&b, &a));
	b.lq_pub = 2.0;
	b.emp = 101;
	cr_assert(pm_lq_source_better(&b, &a));
	b.emp = 100;
	b.area = "01000";
	cr_assert(pm_lq_source_better(&b, &a));
	cr_assert_not(pm_lq_source_better(&a, &b));
}

/* A small deterministic generator (not rand(): the sequence must not depend on libc). */
static uint64_t rng_state;

static uint32_t rng(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33);
}

Test(lq, index_agrees_with_linear_search)
{
	static const char *const inds[] = { "23", "31-33", "62", "72", "4451", "99" };
	static const double lqs[] = { 0.0, 0.5, 1.0, 1.25, 2.5, 2.5, 7.0, NAN };
	static const char owns[] = "01235";
	struct pm_lq_source_set set;
	struct pm_lq_index ix;
	size_t i, o;
	char area[8];

	rng_state = 20240501;
	pm_lq_source_set_init(&set);
	/* Few distinct values, so ties on LQ and on employment are common. */
	for (i = 0; i < 2000; i++) {
		snprintf(area, sizeof area, "%05u", (unsigned)(rng() % 40u) * 2u + 1u);
		fx_src(&set, area, owns[rng() % 5u], inds[rng() % 6u], (int64_t)(rng() % 5u) * 10,
		       (int64_t)(rng() % 4u) * 1000, lqs[rng() % 8u]);
	}
	pm_lq_index_build(&ix, &set);
	for (o = 0; o < sizeof owns - 1; o++)
		for (i = 0; i < sizeof inds / sizeof inds[0]; i++) {
			const struct pm_lq_source *lin =
				pm_lq_best_source(set.v, set.n, owns[o], inds[i]);
			const struct pm_lq_source *idx = pm_lq_index_best(&ix, owns[o], inds[i]);

			cr_assert_eq(lin, idx, "own %c industry %s", owns[o], inds[i]);
			cr_assert_not_null(idx);
			cr_assert_gt(idx->lq_pub, 0);
			cr_assert_gt(idx->area_total, 0);
		}
	cr_assert_null(pm_lq_index_best(&ix, '5', "11"));
	cr_assert_null(pm_lq_index_best(&ix, '9', "23"));
	pm_lq_index_release(&ix);
	pm_lq_source_set_release(&set);
}

Test(lq, index_hand_case)
{
	struct pm_lq_source_set set;
	struct pm_lq_index ix;

	pm_lq_source_set_init(&set);
	fx_src(&set, "01003", '5', "23", 200, 2000, 2.5);
	fx_src(&set, "01001", '5', "23", 200, 2000, 2.5);  /* same LQ and emp, smaller code */
	fx_src(&set, "01005", '5', "23", 900, 2000, NAN);  /* unusable */
	fx_src(&set, "01001", '1', "23", 10, 2000, 0.5);
	pm_lq_index_build(&ix, &set);
	cr_assert_str_eq(pm_lq_index_best(&ix, '5', "23")->area, "01001");
	cr_assert_str_eq(pm_lq_index_best(&ix, '1', "23")->area, "01001");
	cr_assert_eq(pm_lq_index_best(&ix, '1', "23")->own, '1');
	cr_assert_null(pm_lq_index_best(&ix, '5', "62"));
	pm_lq_index_release(&ix);

	/* An empty set gives an empty index. */
	pm_lq_source_set_release(&set);
	pm_lq_index_build(&ix, &set);
	cr_assert_null(pm_lq_index_best(&ix, '5', "23"));
	pm_lq_index_release(&ix);
}
