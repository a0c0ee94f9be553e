/*
 * Unit tests for analysis/gap.c: the four allocations on a hand-computed
 * case, and their conservation laws.
 *
 * Programs (completers a year): A nursing 100, B health aide 40, C culinary 10,
 * Z with no occupation 7. Occupations (openings a year): RN 60, INSTR 5, NA 30,
 * COOK 0. Links: A-RN, A-INSTR, B-NA, B-RN, C-COOK.
 */
#include <criterion/criterion.h>

#include "analysis/gap.h"

enum { A, B, C, Z, NCIP };
enum { RN, INSTR, NA, COOK, NSOC };

static const double completers[NCIP] = { 100, 40, 10, 7 };
static const double openings[NSOC] = { 60, 5, 30, 0 };
static const struct pm_gap_link links[] = {
	{ A, RN }, { A, INSTR }, { B, NA }, { B, RN }, { C, COOK },
};
static const struct pm_gap_input in = { NCIP,	  NSOC,	 completers,
					openings, links, sizeof links / sizeof links[0] };

#define EPS 1e-9

static double sum(const double *v, size_t n)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += v[i];
	return s;
}

Test(gap, demand)
{
	struct pm_gap_result r;

	pm_gap_allocate(&in, PM_ALLOC_DEMAND, &r);
	/* A: 100 * 60/65 to RN, 100 * 5/65 to INSTR; B: 40 * 30/90 to NA, 40 * 60/90 to RN;
	 * C's only occupation has no openings: all 10 go there (equal shares of one) */
	cr_assert_float_eq(r.soc_supply[RN], 100.0 * 60 / 65 + 40.0 * 60 / 90, EPS);
	cr_assert_float_eq(r.soc_supply[INSTR], 100.0 * 5 / 65, EPS);
	cr_assert_float_eq(r.soc_supply[NA], 40.0 * 30 / 90, EPS);
	cr_assert_float_eq(r.soc_supply[COOK], 10, EPS);
	cr_assert_eq(r.equal_fallback, 1);
	cr_assert_float_eq(r.unlinked, 7, EPS);
	/* conservation: every linked completer lands exactly once */
	cr_assert_float_eq(sum(r.soc_supply, NSOC), 150, EPS);
	cr_assert_float_eq(r.share[0] + r.share[1], 1, EPS);
	pm_gap_release(&r);
}

Test(gap, split)
{
	struct pm_gap_result r;

	pm_gap_allocate(&in, PM_ALLOC_SPLIT, &r);
	cr_assert_float_eq(r.soc_supply[RN], 50 + 20, EPS);
	cr_assert_float_eq(r.soc_supply[INSTR], 50, EPS);
	cr_assert_float_eq(r.soc_supply[NA], 20, EPS);
	cr_assert_float_eq(r.soc_supply[COOK], 10, EPS);
	cr_assert_float_eq(sum(r.soc_supply, NSOC), 150, EPS);
	pm_gap_release(&r);
}

Test(gap, duplicate_is_an_upper_bound)
{
	struct pm_gap_result r, d;

	pm_gap_allocate(&in, PM_ALLOC_DUPLICATE, &r);
	pm_gap_allocate(&in, PM_ALLOC_DEMAND, &d);
	cr_assert_float_eq(r.soc_supply[RN], 140, EPS);
	cr_assert_float_eq(r.soc_supply[INSTR], 100, EPS);
	cr_assert_float_eq(r.soc_supply[NA], 40, EPS);
	for (size_t i = 0; i < NSOC; i++)
		cr_assert_geq(r.soc_supply[i] + EPS, d.soc_supply[i]);
	cr_assert_float_eq(sum(r.soc_supply, NSOC), 2 * 100 + 2 * 40 + 10, EPS);
	pm_gap_release(&r);
	pm_gap_release(&d);
}

Test(gap, competition)
{
	struct pm_gap_result r;

	pm_gap_allocate(&in, PM_ALLOC_COMPETITION, &r);
	/* RN's 60 openings: A 60*100/140, B 60*40/140; INSTR's 5 to A; NA's 30 to B */
	cr_assert_float_eq(r.cip_demand[A], 60.0 * 100 / 140 + 5, EPS);
	cr_assert_float_eq(r.cip_demand[B], 60.0 * 40 / 140 + 30, EPS);
	cr_assert_float_eq(r.cip_demand[C], 0, EPS);
	/* every completer who could take an occupation's openings competes for them */
	cr_assert_float_eq(r.soc_supply[RN], 140, EPS);
	cr_assert_float_eq(r.soc_supply[NA], 40, EPS);
	/* conservation: exactly the openings of the linked occupations */
	cr_assert_float_eq(sum(r.cip_demand, NCIP), 60 + 5 + 30 + 0, EPS);
	cr_assert_float_eq(r.openings_unmet, 0, EPS);
	pm_gap_release(&r);
}

Test(gap, competition_without_supply)
{
	static const double c[2] = { 0, 10 };
	static const double o[2] = { 25, 5 };
	static const struct pm_gap_link l[] = { { 0, 0 }, { 1, 1 } };
	struct pm_gap_input x = { 2, 2, c, o, l, 2 };
	struct pm_gap_result r;

	/* occupation 0's only program has no completers: its openings go unmet */
	pm_gap_allocate(&x, PM_ALLOC_COMPETITION, &r);
	cr_assert_float_eq(r.openings_unmet, 25, EPS);
	cr_assert_float_eq(sum(r.cip_demand, 2), 5, EPS);
	pm_gap_release(&r);
}

Test(gap, names)
{
	enum pm_allocation a;

	cr_assert(pm_allocation_parse("competition", &a));
	cr_assert_eq(a, PM_ALLOC_COMPETITION);
	cr_assert_str_eq(pm_allocation_name(PM_ALLOC_SPLIT), "split");
	cr_assert_not(pm_allocation_parse("even", &a));
}
