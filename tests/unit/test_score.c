/* Unit tests for analysis/score.c: percentile ranks, weights, ranking, quadrants. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "analysis/score.h"

#define EPS 1e-9

/* Invariant: ranks of scored items are exactly 1..m; unscored items have rank 0 and NAN. */
static void check_ranks(const struct pm_score_item *it, size_t n)
{
	size_t i, j, m = 0;

	for (i = 0; i < n; i++) {
		if (isnan(it[i].score)) {
			cr_assert_eq(it[i].rank, 0, "item %zu", i);
			continue;
		}
		cr_assert(it[i].eligible, "item %zu", i);
		cr_assert_geq(it[i].score, 0.0 - EPS);
		cr_assert_leq(it[i].score, 100.0 + EPS);
		m++;
	}
	for (i = 0; i < n; i++) {
		if (!it[i].rank)
			continue;
		cr_assert_leq((size_t)it[i].rank, m);
		for (j = 0; j < n; j++)
			if (j != i && it[j].rank) {
				cr_assert_neq(it[i].rank, it[j].rank);
				/* better rank: higher score, or equal score and tiebreak not smaller */
				if (it[i].rank < it[j].rank)
					cr_assert_geq(it[i].score, it[j].score);
			}
	}
}

static struct pm_score_weights only(enum pm_score_comp k)
{
	struct pm_score_weights w;

	memset(&w, 0, sizeof w);
	w.w[k] = 1.0;
	return w;
}

static void item(struct pm_score_item *it, double lq, double growth, double share, double size,
		 double pay)
{
	it->comp[PM_SC_LQ] = lq;
	it->comp[PM_SC_GROWTH] = growth;
	it->comp[PM_SC_SHARE] = share;
	it->comp[PM_SC_SIZE] = size;
	it->comp[PM_SC_PAY] = pay;
	it->eligible = true;
	it->tiebreak = isnan(size) ? 0 : size;
}

Test(score, percentile_rank_with_ties)
{
	const double vs[] = { 3, 1, 2, 2, NAN };

	/*
	 * Four values (NAN ignored), divisor m - 1 = 3.
	 * 1: 0 below                      -> 0 / 3 = 0
	 * 2: 1 below, 2 equal (mid-rank)  -> (1 + 0.5 * (2 - 1)) / 3 = 0.5
	 * 3: 3 below                      -> 3 / 3 = 1
	 */
	cr_assert_float_eq(pm_percentile_rank(vs, 5, 1), 0.0, EPS);
	cr_assert_float_eq(pm_percentile_rank(vs, 5, 2), 0.5, EPS);
	cr_assert_float_eq(pm_percentile_rank(vs, 5, 3), 1.0, EPS);
}

Test(score, percentile_rank_all_tied_and_single)
{
	const double same[] = { 5, 5, 5 };
	const double one[] = { NAN, 7, NAN };

	/* (0 + 0.5 * (3 - 1)) / 2 = 0.5 */
	cr_assert_float_eq(pm_percentile_rank(same, 3, 5), 0.5, EPS);
	/* A single value sits in the middle. */
	cr_assert_float_eq(pm_percentile_rank(one, 3, 7), 0.5, EPS);
	cr_assert_float_eq(pm_percentile_rank(one, 0, 7), 0.5, EPS);
}

Test(score, percentile_rank_five_values)
{
	const double vs[] = { 10, 40, 20, 40, 40 };

	/*
	 * m = 5, divisor 4.
	 * 10: 0 / 4 = 0; 20: 1 / 4 = 0.25;
	 * 40: 2 below, 3 equal -> (2 + 0.5 * 2) / 4 = 0.75
	 */
	cr_assert_float_eq(pm_percentile_rank(vs, 5, 10), 0.0, EPS);
	cr_assert_float_eq(pm_percentile_rank(vs, 5, 20), 0.25, EPS);
	cr_assert_float_eq(pm_percentile_rank(vs, 5, 40), 0.75, EPS);
}

Test(score, default_weights)
{
	const struct pm_score_weights *d = &pm_score_default_weights;

	cr_assert_float_eq(d->w[PM_SC_LQ], 0.30, EPS);
	cr_assert_float_eq(d->w[PM_SC_GROWTH], 0.25, EPS);
	cr_assert_float_eq(d->w[PM_SC_SHARE], 0.15, EPS);
	cr_assert_float_eq(d->w[PM_SC_SIZE], 0.15, EPS);
	cr_assert_float_eq(d->w[PM_SC_PAY], 0.15, EPS);
	cr_assert_str_eq(pm_score_comp_names[PM_SC_LQ], "lq");
	cr_assert_str_eq(pm_score_comp_names[PM_SC_GROWTH], "growth");
	cr_assert_str_eq(pm_score_comp_names[PM_SC_SHARE], "share");
	cr_assert_str_eq(pm_score_comp_names[PM_SC_SIZE], "size");
	cr_assert_str_eq(pm_score_comp_names[PM_SC_PAY], "pay");
}

Test(score, parse_weights_ok)
{
	struct pm_score_weights w;
	char msg[128] = "";

	cr_assert_eq(pm_score_parse_weights("lq=0.5,pay=0", &w, msg, sizeof msg), 0);
	cr_assert_float_eq(w.w[PM_SC_LQ], 0.5, EPS);
	cr_assert_float_eq(w.w[PM_SC_PAY], 0.0, EPS);
	/* Unnamed components keep their defaults. */
	cr_assert_float_eq(w.w[PM_SC_GROWTH], 0.25, EPS);
	cr_assert_float_eq(w.w[PM_SC_SHARE], 0.15, EPS);
	cr_assert_float_eq(w.w[PM_SC_SIZE], 0.15, EPS);

	cr_assert_eq(pm_score_parse_weights("growth=1,share=2,size=3,pay=4,lq=5", &w, msg,
					    sizeof msg), 0);
	cr_assert_float_eq(w.w[PM_SC_LQ], 5.0, EPS);
	cr_assert_float_eq(w.w[PM_SC_GROWTH], 1.0, EPS);
	cr_assert_float_eq(w.w[PM_SC_SHARE], 2.0, EPS);
	cr_assert_float_eq(w.w[PM_SC_SIZE], 3.0, EPS);
	cr_assert_float_eq(w.w[PM_SC_PAY], 4.0, EPS);

	/* An empty spec is all defaults. */
	cr_assert_eq(pm_score_parse_weights("", &w, msg, sizeof msg), 0);
	cr_assert_eq(memcmp(&w, &pm_score_default_weights, sizeof w), 0);

	/* Every weight but one zero is still a valid scheme. */
	cr_assert_eq(pm_score_parse_weights("lq=0,growth=0,share=0,size=0", &w, msg, sizeof msg),
		     0);
	cr_assert_float_eq(w.w[PM_SC_PAY], 0.15, EPS);
}

static void parse_fails(const char *spec, const char *want)
{
	struct pm_score_weights w;
	char msg[128] = "";

	cr_assert_eq(pm_score_parse_weights(spec, &w, msg, sizeof msg), -1, "spec '%s'", spec);
	cr_assert_not_null(strstr(msg, want), "spec '%s': message '%s' lacks '%s'", spec, msg,
			   want);
}

Test(score, parse_weights_errors)
{
	parse_fails("foo=1", "unknown weight 'foo'");
	parse_fails("l=1", "unknown weight 'l'");          /* no prefix matching */
	parse_fails("lqq=1", "unknown weight 'lqq'");
	parse_fails("LQ=1", "unknown weight 'LQ'");
	parse_fails("lq=-0.1", "weight 'lq=-0.1' is not a non-negative number");
	parse_fails("lq=abc", "weight 'lq=abc' is not a non-negative number");
	parse_fails("lq=", "is not a non-negative number");
	parse_fails("lq=1x,pay=0", "weight 'lq=1x' is not a non-negative number");
	parse_fails("lq=nan", "is not a non-negative number");
	parse_fails("lq=inf", "is not a non-negative number");
	parse_fails("lq", "weight 'lq' is not NAME=VALUE");
	parse_fails("lq=1,pay", "weight 'pay' is not NAME=VALUE");
	parse_fails("lq=1,,pay=0", "is not NAME=VALUE");
	parse_fails("lq=0,growth=0,share=0,size=0,pay=0", "all weights are zero");
	/* The unknown name is reported, not a later one. */
	parse_fails("foo=1,bar=2", "unknown weight 'foo'");
}

Test(score, ranking_single_component)
{
	struct pm_score_item it[3];
	struct pm_score_weights w = only(PM_SC_LQ);

	memset(it, 0, sizeof it);
	item(&it[0], 3.0, NAN, NAN, NAN, NAN);
	item(&it[1], 1.0, NAN, NAN, NAN, NAN);
	item(&it[2], 2.0, NAN, NAN, NAN, NAN);
	pm_score_rank(it, 3, &w);
	/* LQ percentiles (divisor 2): 3.0 -> 1, 1.0 -> 0, 2.0 -> 0.5; score = 100 * p. */
	cr_assert_float_eq(it[0].score, 100.0, EPS);
	cr_assert_float_eq(it[1].score, 0.0, EPS);
	cr_assert_float_eq(it[2].score, 50.0, EPS);
	cr_assert_eq(it[0].rank, 1);
	cr_assert_eq(it[2].rank, 2);
	cr_assert_eq(it[1].rank, 3);
	check_ranks(it, 3);
}

/*
 * Three industries, all five components, default weights (0.30, 0.25,
 * 0.15, 0.15, 0.15; sum 1). Percentiles among three values: 0, 0.5, 1.
 *
 *          lq    growth  share  size  pay
 *   A      2.0   5       0.1    100   50000
 *   B      1.0   10      0.0    300   40000
 *   C      0.5   1      -0.1    200   60000
 *
 *   p(A) = 1, 0.5, 1, 0, 0.5
 *   p(B) = 0.5, 1, 0.5, 1, 0
 *   p(C) = 0, 0, 0, 0.5, 1
 */
static void three(struct pm_score_item *it)
{
	memset(it, 0, 3 * sizeof *it);
	item(&it[0], 2.0, 5, 0.1, 100, 50000);
	item(&it[1], 1.0, 10, 0.0, 300, 40000);
	item(&it[2], 0.5, 1, -0.1, 200, 60000);
}

Test(score, ranking_default_weights)
{
	struct pm_score_item it[3];

	three(it);
	pm_score_rank(it, 3, &pm_score_default_weights);
	/* A: 100 * (0.30*1 + 0.25*0.5 + 0.15*1 + 0.15*0 + 0.15*0.5) = 100 * 0.65  = 65 */
	cr_assert_float_eq(it[0].score, 65.0, EPS);
	/* B: 100 * (0.30*0.5 + 0.25*1 + 0.15*0.5 + 0.15*1 + 0.15*0) = 100 * 0.625 = 62.5 */
	cr_assert_float_eq(it[1].score, 62.5, EPS);
	/* C: 100 * (0 + 0 + 0 + 0.15*0.5 + 0.15*1) = 100 * 0.225 = 22.5 */
	cr_assert_float_eq(it[2].score, 22.5, EPS);
	cr_assert_eq(it[0].rank, 1);
	cr_assert_eq(it[1].rank, 2);
	cr_assert_eq(it[2].rank, 3);
	check_ranks(it, 3);
}

Test(score, component_missing_for_every_item_drops_out)
{
	struct pm_score_item it[3];
	int i;

	three(it);
	for (i = 0; i < 3; i++)
		it[i].comp[PM_SC_SHARE] = NAN;
	pm_score_rank(it, 3, &pm_score_default_weights);
	/*
	 * Without "share" the weights sum to 0.85:
	 * A: 100 * (0.30*1 + 0.25*0.5 + 0.15*0 + 0.15*0.5) / 0.85 = 100 * 0.5   / 0.85 = 58.8235...
	 * B: 100 * (0.30*0.5 + 0.25*1 + 0.15*1 + 0)      / 0.85 = 100 * 0.55  / 0.85 = 64.7058...
	 * C: 100 * (0 + 0 + 0.15*0.5 + 0.15*1)           / 0.85 = 100 * 0.225 / 0.85 = 26.4705...
	 */
	cr_assert_float_eq(it[0].score, 50.0 / 0.85, EPS);
	cr_assert_float_eq(it[1].score, 55.0 / 0.85, EPS);
	cr_assert_float_eq(it[2].score, 22.5 / 0.85, EPS);
	cr_assert_eq(it[1].rank, 1);
	cr_assert_eq(it[0].rank, 2);
	cr_assert_eq(it[2].rank, 3);
	check_ranks(it, 3);
}

Test(score, component_missing_for_one_item)
{
	struct pm_score_item it[3];
	struct pm_score_weights w;

	memset(&w, 0, sizeof w);
	w.w[PM_SC_LQ] = 1;
	w.w[PM_SC_GROWTH] = 1;
	memset(it, 0, sizeof it);
	item(&it[0], 1.0, 10, NAN, NAN, NAN);
	item(&it[1], 2.0, NAN, NAN, NAN, NAN);
	item(&it[2], 3.0, 20, NAN, NAN, NAN);
	pm_score_rank(it, 3, &w);
	/*
	 * LQ among three: 0, 0.5, 1. Growth among the two that have it: 10 -> 0, 20 -> 1.
	 * X: 100 * (1*0 + 1*0) / 2 = 0
	 * Y: 100 * (1*0.5) / 1     = 50   (normalised over its own weights)
	 * Z: 100 * (1*1 + 1*1) / 2 = 100
	 */
	cr_assert_float_eq(it[0].score, 0.0, EPS);
	cr_assert_float_eq(it[1].score, 50.0, EPS);
	cr_assert_float_eq(it[2].score, 100.0, EPS);
	cr_assert_eq(it[2].rank, 1);
	cr_assert_eq(it[1].rank, 2);
	cr_assert_eq(it[0].rank, 3);
}

Test(score, zero_weight_component_is_ignored)
{
	struct pm_score_item it[3];
	struct pm_score_weights w = only(PM_SC_PAY);

	three(it);
	pm_score_rank(it, 3, &w);
	/* Pay only: C 60000 -> 1, A 50000 -> 0.5, B 40000 -> 0. */
	cr_assert_float_eq(it[2].score, 100.0, EPS);
	cr_assert_float_eq(it[0].score, 50.0, EPS);
	cr_assert_float_eq(it[1].score, 0.0, EPS);
	cr_assert_eq(it[2].rank, 1);
	cr_assert_eq(it[0].rank, 2);
	cr_assert_eq(it[1].rank, 3);
}

Test(score, tie_break_by_tiebreak_field)
{
	struct pm_score_item it[4];
	struct pm_score_weights w = only(PM_SC_LQ);

	memset(it, 0, sizeof it);
	item(&it[0], 1.5, NAN, NAN, NAN, NAN);
	item(&it[1], 1.5, NAN, NAN, NAN, NAN);
	item(&it[2], 1.5, NAN, NAN, NAN, NAN);
	item(&it[3], 0.5, NAN, NAN, NAN, NAN);
	it[0].tiebreak = 10;
	it[1].tiebreak = 30;
	it[2].tiebreak = 10;
	it[3].tiebreak = 1000;
	pm_score_rank(it, 4, &w);
	/*
	 * 1.5 thrice: 1 below, 3 equal -> (1 + 0.5 * 2) / 3 = 2/3 -> 66.67; 0.5 -> 0.
	 * Equal scores: larger tiebreak first (30), then input order (it[0] before it[2]).
	 */
	cr_assert_float_eq(it[0].score, 200.0 / 3.0, EPS);
	cr_assert_float_eq(it[1].score, 200.0 / 3.0, EPS);
	cr_assert_eq(it[1].rank, 1);
	cr_assert_eq(it[0].rank, 2);
	cr_assert_eq(it[2].rank, 3);
	cr_assert_eq(it[3].rank, 4);  /* a large tiebreak does not beat a better score */
	check_ranks(it, 4);
}

Test(score, ineligible_item_gets_no_score_or_rank)
{
	struct pm_score_item it[4];

	three(it);
	memset(&it[3], 0, sizeof it[3]);
	/* Would top every component if it counted. */
	item(&it[3], 99.0, 99, 9.9, 99999, 999999);
	it[3].eligible = false;
	it[3].score = 12;
	it[3].rank = 7;
	pm_score_rank(it, 4, &pm_score_default_weights);
	cr_assert(isnan(it[3].score));
	cr_assert_eq(it[3].rank, 0);
	/* The others' percentiles ignore it: same as ranking_default_weights. */
	cr_assert_float_eq(it[0].score, 65.0, EPS);
	cr_assert_float_eq(it[1].score, 62.5, EPS);
	cr_assert_float_eq(it[2].score, 22.5, EPS);
	cr_assert_eq(it[0].rank, 1);
	cr_assert_eq(it[1].rank, 2);
	cr_assert_eq(it[2].rank, 3);
	check_ranks(it, 4);
}

Test(score, eligible_item_with_no_components_is_unscored)
{
	struct pm_score_item it[2];
	struct pm_score_weights w = only(PM_SC_LQ);

	memset(it, 0, sizeof it);
	item(&it[0], 2.0, NAN, NAN, NAN, NAN);
	item(&it[1], NAN, 5, NAN, NAN, NAN);   /* only a zero-weight component */
	pm_score_rank(it, 2, &w);
	/* A single LQ value sits at percentile 0.5: score 50. */
	cr_assert_float_eq(it[0].score, 50.0, EPS);
	cr_assert_eq(it[0].rank, 1);
	cr_assert(isnan(it[1].score));
	cr_assert_eq(it[1].rank, 0);
}

Test(score, empty_input)
{
	pm_score_rank(NULL, 0, &pm_score_default_weights);
}

Test(score, quadrants)
{
	cr_assert_str_eq(pm_quadrant(1.5, 8.0, 3.0), "star");
	cr_assert_str_eq(pm_quadrant(1.0, 8.0, 3.0), "star");       /* LQ 1 counts as specialised */
	cr_assert_str_eq(pm_quadrant(1.5, 2.0, 3.0), "mature");
	cr_assert_str_eq(pm_quadrant(1.5, 3.0, 3.0), "mature");     /* equal growth is not above */
	cr_assert_str_eq(pm_quadrant(0.5, 8.0, 3.0), "emerging");
	cr_assert_str_eq(pm_quadrant(0.99, 3.01, 3.0), "emerging");
	cr_assert_str_eq(pm_quadrant(0.5, 2.0, 3.0), "transforming");
	cr_assert_str_eq(pm_quadrant(0.5, -20.0, -10.0), "transforming");
	cr_assert_null(pm_quadrant(NAN, 8.0, 3.0));
	cr_assert_null(pm_quadrant(1.5, NAN, 3.0));
	cr_assert_null(pm_quadrant(1.5, 8.0, NAN));
}

Test(score, quantile)
{
	const double vs[] = { 4, NAN, 1, 3, 2 };
	const double one[] = { 7 };
	const double none[] = { NAN, NAN };

	/* Sorted 1 2 3 4 (m = 4), position q * 3. */
	cr_assert_float_eq(pm_quantile(vs, 5, 0.0), 1.0, EPS);
	/* 0.5 * 3 = 1.5 -> 2 + 0.5 * (3 - 2) = 2.5 */
	cr_assert_float_eq(pm_quantile(vs, 5, 0.5), 2.5, EPS);
	/* 0.75 * 3 = 2.25 -> 3 + 0.25 * (4 - 3) = 3.25 */
	cr_assert_float_eq(pm_quantile(vs, 5, 0.75), 3.25, EPS);
	cr_assert_float_eq(pm_quantile(vs, 5, 1.0), 4.0, EPS);
	cr_assert_float_eq(pm_quantile(one, 1, 0.75), 7.0, EPS);
	cr_assert(isnan(pm_quantile(none, 2, 0.5)));
	cr_assert(isnan(pm_quantile(NULL, 0, 0.5)));
}
