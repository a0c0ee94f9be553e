/* Unit tests for analysis/agg.c: suppression-aware sums with residual bounds. */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdint.h>

#include "analysis/agg.h"
#include "cells_fixture.h"

/* Invariants every aggregate must satisfy whatever its inputs. */
static void check_agg(const struct pm_agg *a)
{
	cr_assert_geq(a->nparts, 0);
	cr_assert_geq(a->nsupp, 0);
	cr_assert_leq(a->nsupp, a->nparts);
	cr_assert_geq(a->low, 0);
	if (a->nparts && a->high_known)
		cr_assert_geq(a->high, a->low);
	if (a->nparts && pm_agg_known(a)) {
		cr_assert(a->high_known);
		cr_assert_eq(a->high, a->low);
	}
}

static const struct pm_agg_item *find(const struct pm_agg_table *t, const char *industry)
{
	const struct pm_agg_item *it = pm_agg_find(t, industry);

	cr_assert_not_null(it, "no item for '%s'", industry);
	check_agg(&it->emp);
	check_agg(&it->wages);
	check_agg(&it->month1);
	check_agg(&it->month2);
	return it;
}

Test(agg, sums_across_counties_per_industry)
{
	struct pm_qcell_set s;
	struct pm_agg_table t;
	const struct pm_agg_item *it;

	pm_qcell_set_init(&s);
	fx_cell(&s, "01001", '5', "23", 100, 1000);
	fx_cell(&s, "01003", '5', "23", 200, 3000);
	fx_cell(&s, "01001", '5', "62", 50, 500);
	fx_cell(&s, "01003", '5', "62", 70, 700);
	fx_cell(&s, "01001", '3', "23", 10, 99);     /* other ownership: not summed */
	fx_cell(&s, "01001", '5', "236", 40, 400);   /* other level: not summed */
	fx_cell(&s, "01001", '5', "10", 150, 1500);  /* total: not a sector */
	pm_agg_build(&t, s.v, s.n, "5", PM_NAICS_SECTOR);

	cr_assert_eq(t.n, 2);
	it = find(&t, "23");
	/* 100 + 200 = 300 jobs; 1000 + 3000 = 4000 wages; two establishments. */
	cr_assert_eq(it->emp.low, 300);
	cr_assert_eq(it->emp.high, 300);
	cr_assert(pm_agg_known(&it->emp));
	cr_assert_eq(it->emp.nparts, 2);
	cr_assert_eq(it->emp.nsupp, 0);
	cr_assert_eq(it->wages.low, 4000);
	cr_assert_eq(it->month1.low, 300);
	cr_assert_eq(it->month2.low, 300);
	cr_assert_eq(it->estabs, 2);
	cr_assert_str_eq(it->industry, "23");
	it = find(&t, "62");
	/* 50 + 70 = 120 jobs; 500 + 700 = 1200 wages. */
	cr_assert_eq(it->emp.low, 120);
	cr_assert_eq(it->wages.low, 1200);
	cr_assert_null(pm_agg_find(&t, "236"));
	cr_assert_null(pm_agg_find(&t, "10"));
	cr_assert_null(pm_agg_find(&t, "11"));
	pm_agg_table_release(&t);
	pm_qcell_set_release(&s);
}

Test(agg, months_are_summed_separately)
{
	struct pm_qcell_set s;
	struct pm_agg_table t;
	const struct pm_agg_item *it;
	struct pm_qcell *c;

	pm_qcell_set_init(&s);
	c = fx_cell(&s, "01001", '5', "23", 30, 0);
	c->month1 = 10;
	c->month2 = 20;
	c = fx_cell(&s, "01003", '5', "23", 300, 0);
	c->month1 = 100;
	c->month2 = 200;
	pm_agg_build(&t, s.v, s.n, "5", PM_NAICS_SECTOR);
	it = find(&t, "23");
	/* month1 10 + 100 = 110, month2 20 + 200 = 220, third month 30 + 300 = 330. */
	cr_assert_eq(it->month1.low, 110);
	cr_assert_eq(it->month2.low, 220);
	cr_assert_eq(it->emp.low, 330);
	pm_agg_table_release(&t);
	pm_qcell_set_release(&s);
}

Test(agg, ownership_filter)
{
	struct pm_qcell_set s;
	struct pm_agg_table t;

	pm_qcell_set_init(&s);
	fx_cell(&s, "01001", '0', "23", 160, 0);
	fx_cell(&s, "01001", '1', "23", 10, 0);
	fx_cell(&s, "01001", '2', "23", 20, 0);
	fx_cell(&s, "01001", '3', "23", 30, 0);
	fx_cell(&s, "01001", '5', "23", 100, 0);

	pm_agg_build(&t, s.v, s.n, "5", PM_NAICS_SECTOR);
	/* Private only: 100. */
	cr_assert_eq(find(&t, "23")->emp.low, 100);
	cr_assert_eq(find(&t, "23")->emp.nparts, 1);
	pm_agg_table_release(&t);

	pm_agg_build(&t, s.v, s.n, "1235", PM_NAICS_SECTOR);
	/* Federal + state + local + private: 10 + 20 + 30 + 100 = 160 (the own '0' row is not added). */
	cr_assert_eq(find(&t, "23")->emp.low, 160);
	cr_assert_eq(find(&t, "23")->emp.nparts, 4);
	pm_agg_table_release(&t);

	pm_agg_build(&t, s.v, s.n, "0", PM_NAICS_SECTOR);
	cr_assert_eq(find(&t, "23")->emp.low, 160);
	cr_assert_eq(find(&t, "23")->emp.nparts, 1);
	pm_agg_table_release(&t);

	pm_agg_build(&t, s.v, s.n, "4", PM_NAICS_SECTOR);
	cr_assert_eq(t.n, 0);
	cr_assert_null(pm_agg_find(&t, "23"));
	pm_agg_table_release(&t);
	pm_qcell_set_release(&s);
}

Test(agg, suppressed_component_makes_sum_unknown)
{
	struct pm_qcell_set s;
	struct pm_agg_table t;
	const struct pm_agg_item *it;

	pm_qcell_set_init(&s);
	fx_cell(&s, "01001", '5', "23", 300, 3000);
	fx_supp(&s, "01003", '5', "23");   /* its measures are poison: never read */
	fx_cell(&s, "01005", '5', "23", 50, 500);
	pm_agg_build(&t, s.v, s.n, "5", PM_NAICS_SECTOR);
	it = find(&t, "23");
	/* low = disclosed parts only: 300 + 50 = 350 (not 350 + poison, not "350 exactly"). */
	cr_assert_not(pm_agg_known(&it->emp));
	cr_assert_eq(it->emp.low, 350);
	cr_assert_eq(it->emp.nparts, 3);
	cr_assert_eq(it->emp.nsupp, 1);
	/* No ancestor rows in the input: nothing bounds the suppressed part. */
	cr_assert_not(it->emp.high_known);
	/* Wages alike: 3000 + 500. */
	cr_assert_not(pm_agg_known(&it->wages));
	cr_assert_eq(it->wages.low, 3500);
	cr_assert_eq(it->wages.nsupp, 1);
	cr_assert_not(pm_agg_known(&it->month1));
	cr_assert_not(pm_agg_known(&it->month2));
	/* Establishments are always published: 1 + 1 + 1. */
	cr_assert_eq(it->estabs, 3);
	pm_agg_table_release(&t);
	pm_qcell_set_release(&s);
}

Test(agg, all_components_suppressed)
{
	struct pm_qcell_set s;
	struct pm_agg_table t;
	const struct pm_agg_item *it;

	pm_qcell_set_init(&s);
	fx_supp(&s, "01001", '5', "23");
	fx_supp(&s, "01003", '5', "23");
	pm_agg_build(&t, s.v, s.n, "5", PM_NAICS_SECTOR);
	it = find(&t, "23");
	cr_assert_eq(it->emp.low, 0);
	cr_assert_eq(it->emp.nparts, 2);
	cr_assert_eq(it->emp.nsupp, 2);
	cr_assert_not(pm_agg_known(&it->emp));
	cr_assert_not(it->emp.high_known);
	pm_agg_table_release(&t);
	pm_qcell_set_release(&s);
}

/*
 * County 01001, private: total 1000 jobs; sectors 23 = 300 and 44-45 = 200
 * disclosed, 62 and 72 suppressed. The private total leaves
 * 1000 - (300 + 200) = 500 jobs unexplained, so each suppressed sector is
 * at most 500.
 */
static void county_01001(struct pm_qcell_set *s)
{
	fx_cell(s, "01001", '5', "10", 1000, 50000);
	fx_cell(s, "01001", '5', "23", 300, 21000);
	fx_cell(s, "01001", '5', "44-45", 200, 6000);
	fx_supp(s, "01001", '5', "62");
	fx_supp(s, "01001", '5', "72");
}

Test(agg, residual_bound_one_county)
{
	struct pm_qcell_set s;
	struct pm_agg_table t;
	const struct pm_agg_item *it;

	pm_qcell_set_init(&s);
	county_01001(&s);
	pm_agg_build(&t, s.v, s.n, "5", PM_NAICS_SECTOR);
	cr_assert_eq(t.n, 4);
	it = find(&t, "62");
	/* 0 <= 62 <= 1000 - (300 + 200) = 500 */
	cr_assert_eq(it->emp.low, 0);
	cr_assert(it->emp.high_known);
	cr_assert_eq(it->emp.high, 500);
	cr_assert_eq(it->emp.nsupp, 1);
	/* wages: 0 <= 62 <= 50000 - (21000 + 6000) = 23000 */
	cr_assert(it->wages.high_known);
	cr_assert_eq(it->wages.high, 23000);
	it = find(&t, "72");
	cr_assert_eq(it->emp.low, 0);
	cr_assert_eq(it->emp.high, 500);
	cr_assert_eq(it->wages.high, 23000);
	/* Disclosed sectors are exact. */
	it = find(&t, "23");
	cr_assert(pm_agg_known(&it->emp));
	cr_assert_eq(it->emp.low, 300);
	cr_assert_eq(it->emp.high, 300);
	pm_agg_table_release(&t);
	pm_qcell_set_release(&s);
}

Test(agg, residual_bound_region_sums_county_residuals)
{
	struct pm_qcell_set s;
	struct pm_agg_table t;
	const struct pm_agg_item *it;

	pm_qcell_set_init(&s);
	county_01001(&s);
	/* County 01003, private: total 400; 23 = 100, 62 = 150 disclosed, 72 suppressed. */
	fx_cell(&s, "01003", '5', "10", 400, 8000);
	fx_cell(&s, "01003", '5', "23", 100, 2000);
	fx_cell(&s, "01003", '5', "62", 150, 3000);
	fx_supp(&s, "01003", '5', "72");
	pm_agg_build(&t, s.v, s.n, "5", PM_NAICS_SECTOR);

	it = find(&t, "72");
	/*
	 * 01001: 72 <= 500 (as above); 01003: 72 <= 400 - (100 + 150) = 150.
	 * Region: low 0 (nothing disclosed), high = 0 + 500 + 150 = 650.
	 */
	cr_assert_eq(it->emp.low, 0);
	cr_assert_eq(it->emp.high, 650);
	cr_assert(it->emp.high_known);
	cr_assert_eq(it->emp.nparts, 2);
	cr_assert_eq(it->emp.nsupp, 2);
	/* wages: 23000 + (8000 - (2000 + 3000)) = 23000 + 3000 = 26000 */
	cr_assert_eq(it->wages.high, 26000);

	it = find(&t, "62");
	/* low = 150 (01003 disclosed); high = 150 + 500 (01001's residual) = 650 */
	cr_assert_eq(it->emp.low, 150);
	cr_assert_eq(it->emp.high, 650);
	cr_assert_eq(it->emp.nsupp, 1);

	it = find(&t, "23");
	/* 300 + 100 = 400, exact */
	cr_assert(pm_agg_known(&it->emp));
	cr_assert_eq(it->emp.low, 400);
	/* 44-45 has no row in 01003 (no establishments): it is zero there, not a part. */
	it = find(&t, "44-45");
	cr_assert(pm_agg_known(&it->emp));
	cr_assert_eq(it->emp.low, 200);
	cr_assert_eq(it->emp.nparts, 1);
	pm_agg_table_release(&t);
	pm_qcell_set_release(&s);
}

Test(agg, residual_bound_skips_suppressed_parent)
{
	struct pm_qcell_set s;
	struct pm_agg_table t;
	const struct pm_agg_item *it;

	pm_qcell_set_init(&s);
	/*
	 * County 01001, private, health care:
	 *   62 = 400 (disclosed)
	 *     621 suppressed:  6211 suppressed, 6212 = 50
	 *     622 = 120:       6221 = 100
	 */
	fx_cell(&s, "01001", '5', "62", 400, 0);
	fx_supp(&s, "01001", '5', "621");
	fx_supp(&s, "01001", '5', "6211");
	fx_cell(&s, "01001", '5', "6212", 50, 0);
	fx_cell(&s, "01001", '5', "622", 120, 0);
	fx_cell(&s, "01001", '5', "6221", 100, 0);

	pm_agg_build(&t, s.v, s.n, "5", 4);
	cr_assert_eq(t.n, 3);
	it = find(&t, "6211");
	/*
	 * The direct parent 621 is suppressed, so the nearest disclosed
	 * ancestor is the sector 62 = 400, minus every disclosed 4-digit cell
	 * under 62: 400 - (6212 50 + 6221 100) = 250.
	 */
	cr_assert_eq(it->emp.low, 0);
	cr_assert(it->emp.high_known);
	cr_assert_eq(it->emp.high, 250);
	pm_agg_table_release(&t);

	pm_agg_build(&t, s.v, s.n, "5", 3);
	cr_assert_eq(t.n, 2);
	it = find(&t, "621");
	/* At the 3-digit level: 62 = 400 minus disclosed 3-digit cells under it (622 = 120) = 280. */
	cr_assert_eq(it->emp.high, 280);
	cr_assert_eq(find(&t, "622")->emp.low, 120);
	pm_agg_table_release(&t);
	pm_qcell_set_release(&s);
}

Test(agg, residual_bound_uses_direct_parent_when_disclosed)
{
	struct pm_qcell_set s;
	struct pm_agg_table t;

	pm_qcell_set_init(&s);
	/* 62 = 400; 621 = 80 disclosed with 6211 suppressed and 6212 = 50. */
	fx_cell(&s, "01001", '5', "62", 400, 0);
	fx_cell(&s, "01001", '5', "621", 80, 0);
	fx_supp(&s, "01001", '5', "6211");
	fx_cell(&s, "01001", '5', "6212", 50, 0);
	pm_agg_build(&t, s.v, s.n, "5", 4);
	/* 6211 <= 621 - 6212 = 80 - 50 = 30 (not the looser 400 - 50 from the sector). */
	cr_assert_eq(find(&t, "6211")->emp.high, 30);
	pm_agg_table_release(&t);
	pm_qcell_set_release(&s);
}

Test(agg, residual_bound_is_per_county_and_ownership)
{
	struct pm_qcell_set s;
	struct pm_agg_table t;
	const struct pm_agg_item *it;

	pm_qcell_set_init(&s);
	/* Parents in another county or another ownership do not bound a cell. */
	fx_cell(&s, "01003", '5', "10", 1000, 0);
	fx_cell(&s, "01001", '3', "10", 1000, 0);
	fx_cell(&s, "01001", '0', "10", 1000, 0);
	fx_supp(&s, "01001", '5', "23");
	pm_agg_build(&t, s.v, s.n, "5", PM_NAICS_SECTOR);
	it = find(&t, "23");
	cr_assert_eq(it->emp.nsupp, 1);
	cr_assert_not(it->emp.high_known);
	pm_agg_table_release(&t);
	pm_qcell_set_release(&s);
}

Test(agg, missing_parent_leaves_high_unknown)
{
	struct pm_qcell_set s;
	struct pm_agg_table t;
	const struct pm_agg_item *it;

	pm_qcell_set_init(&s);
	/* 01001 has a private total, 01003 has none: its suppressed 23 is unbounded. */
	fx_cell(&s, "01001", '5', "10", 500, 0);
	fx_supp(&s, "01001", '5', "23");
	fx_supp(&s, "01003", '5', "23");
	fx_cell(&s, "01005", '5', "23", 40, 0);
	pm_agg_build(&t, s.v, s.n, "5", PM_NAICS_SECTOR);
	it = find(&t, "23");
	/* low = 40; one bounded (<= 500) and one unbounded part: high unknown. */
	cr_assert_eq(it->emp.low, 40);
	cr_assert_eq(it->emp.nsupp, 2);
	cr_assert_eq(it->emp.nparts, 3);
	cr_assert_not(it->emp.high_known);
	pm_agg_table_release(&t);
	pm_qcell_set_release(&s);
}

Test(agg, suppressed_parent_total_leaves_high_unknown)
{
	struct pm_qcell_set s;
	struct pm_agg_table t;

	pm_qcell_set_init(&s);
	/* The only ancestor present is itself suppressed. */
	fx_supp(&s, "01001", '5', "10");
	fx_cell(&s, "01001", '5', "23", 100, 0);
	fx_supp(&s, "01001", '5', "62");
	pm_agg_build(&t, s.v, s.n, "5", PM_NAICS_SECTOR);
	cr_assert_not(find(&t, "62")->emp.high_known);
	pm_agg_table_release(&t);
	pm_qcell_set_release(&s);
}

Test(agg, residual_bound_never_negative)
{
	struct pm_qcell_set s;
	struct pm_agg_table t;
	const struct pm_agg_item *it;

	pm_qcell_set_init(&s);
	/* Inconsistent published figures: 100 - (80 + 40) = -20, bounded at 0. */
	fx_cell(&s, "01001", '5', "10", 100, 0);
	fx_cell(&s, "01001", '5', "23", 80, 0);
	fx_cell(&s, "01001", '5', "62", 40, 0);
	fx_supp(&s, "01001", '5', "72");
	pm_agg_build(&t, s.v, s.n, "5", PM_NAICS_SECTOR);
	it = find(&t, "72");
	cr_assert(it->emp.high_known);
	cr_assert_eq(it->emp.high, 0);
	cr_assert_eq(it->emp.low, 0);
	cr_assert_not(pm_agg_known(&it->emp));
	pm_agg_table_release(&t);
	pm_qcell_set_release(&s);
}

Test(agg, one_total)
{
	struct pm_qcell_set s;
	struct pm_agg_item it;

	pm_qcell_set_init(&s);
	fx_cell(&s, "01001", '0', "10", 1500, 60000);
	fx_cell(&s, "01003", '0', "10", 600, 20000);
	fx_cell(&s, "01001", '5', "10", 1000, 40000);
	fx_supp(&s, "01003", '5', "10");
	fx_cell(&s, "01001", '5', "23", 300, 0);

	it = pm_agg_one(s.v, s.n, '0', "10");
	/* All ownerships: 1500 + 600 = 2100 jobs, 60000 + 20000 = 80000 wages. */
	cr_assert_str_eq(it.industry, "10");
	cr_assert(pm_agg_known(&it.emp));
	cr_assert_eq(it.emp.low, 2100);
	cr_assert_eq(it.emp.high, 2100);
	cr_assert_eq(it.emp.nparts, 2);
	cr_assert_eq(it.wages.low, 80000);
	cr_assert_eq(it.estabs, 2);
	check_agg(&it.emp);

	it = pm_agg_one(s.v, s.n, '5', "10");
	/* Private: 1000 disclosed + one suppressed county; "10" has no parent to bound it. */
	cr_assert_not(pm_agg_known(&it.emp));
	cr_assert_eq(it.emp.low, 1000);
	cr_assert_eq(it.emp.nsupp, 1);
	cr_assert_not(it.emp.high_known);
	check_agg(&it.emp);

	it = pm_agg_one(s.v, s.n, '1', "10");
	/* No row: nothing, zero parts. */
	cr_assert_eq(it.emp.nparts, 0);
	cr_assert_eq(it.emp.low, 0);
	pm_qcell_set_release(&s);
}

Test(agg, one_matches_build_with_bounds)
{
	struct pm_qcell_set s;
	struct pm_agg_table t;
	struct pm_agg_item one;
	const struct pm_agg_item *it;

	pm_qcell_set_init(&s);
	county_01001(&s);
	pm_agg_build(&t, s.v, s.n, "5", PM_NAICS_SECTOR);
	one = pm_agg_one(s.v, s.n, '5', "62");
	it = find(&t, "62");
	/* Same residual bound as above: 1000 - (300 + 200) = 500. */
	cr_assert_eq(one.emp.low, 0);
	cr_assert_eq(one.emp.high, 500);
	cr_assert(one.emp.high_known);
	cr_assert_eq(one.emp.low, it->emp.low);
	cr_assert_eq(one.emp.high, it->emp.high);
	cr_assert_eq(one.emp.nsupp, it->emp.nsupp);
	cr_assert_eq(one.wages.high, it->wages.high);
	pm_agg_table_release(&t);
	pm_qcell_set_release(&s);
}

Test(agg, empty_input)
{
	struct pm_agg_table t;
	struct pm_agg_item it;

	pm_agg_build(&t, NULL, 0, "5", PM_NAICS_SECTOR);
	cr_assert_eq(t.n, 0);
	cr_assert_null(pm_agg_find(&t, "23"));
	pm_agg_table_release(&t);
	it = pm_agg_one(NULL, 0, '0', "10");
	cr_assert_eq(it.emp.nparts, 0);
	cr_assert_not(it.emp.high_known);
}
