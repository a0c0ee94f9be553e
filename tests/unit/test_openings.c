/*
 * Unit tests for analysis/openings.c, on EP's published 2024-34 figures
 * (occupation.xlsx Table 1.10) and hand-computed cases.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "analysis/openings.h"

/* Chief executives, 11-1011, Table 1.10 (thousands): 309.4 -> 322.7, exits 9.5 (3.0%),
 * transfers 11.4 (3.6%), openings 22.2. */
static const struct pm_occ_national chief = {
	.emp_base = 309400,
	.emp_proj = 322700,
	.years = 10,
	.exits = 9500,
	.transfers = 11400,
	.exit_rate = 3.0,
	.transfer_rate = 3.6,
};

Test(openings, national_figures_come_back)
{
	struct pm_occ_rates r;
	struct pm_openings o;

	cr_assert(pm_occ_rates_from_national(&chief, &r));
	pm_openings_compute(chief.emp_base, &r, &o);
	/* growth = 13,300 / 10 = 1,330 exactly */
	cr_assert_float_eq(o.growth, 1330.0, 1e-6);
	/* 9,500 is more precise than 3.0% (0.05/9.5 < 0.05/3.0): the count comes back exactly */
	cr_assert(r.exit_counted && r.transfer_counted);
	cr_assert_float_eq(o.exits, 9500.0, 1e-6);
	cr_assert_float_eq(o.transfers, 11400.0, 1e-6);
	/* 1,330 + 9,500 + 11,400 = 22,230, published as 22.2 thousand */
	cr_assert_float_eq(o.total, 22230.0, 1e-6);
	cr_assert(fabs(o.total - 22200.0) <= 50.0);
	cr_assert_float_eq(o.growth_pct, 100.0 * 13300.0 / 309400.0, 1e-9);
}

Test(openings, scales_to_a_region)
{
	struct pm_occ_rates r;
	struct pm_openings o;

	cr_assert(pm_occ_rates_from_national(&chief, &r));
	/* a region with 1,000 chief executives: growth 1000 * 0.042986.. / 10 */
	pm_openings_compute(1000, &r, &o);
	double g = 13300.0 / 309400.0, avg = 1000 * (1 + g / 2);

	cr_assert_float_eq(o.growth, 1000 * g / 10, 1e-9);
	cr_assert_float_eq(o.exits, avg * 9500.0 / 316050.0, 1e-9);
	cr_assert_float_eq(o.transfers, avg * 11400.0 / 316050.0, 1e-9);
	cr_assert_float_eq(o.total, o.growth + o.exits + o.transfers, 1e-9);
}

Test(openings, small_counts_use_the_rate)
{
	/* 0.3 thousand exits (+-17%) is coarser than 2.5% (+-2%): the rate wins */
	struct pm_occ_national n = { .emp_base = 12000,
				     .emp_proj = 12400,
				     .years = 10,
				     .exits = 300,
				     .transfers = 700,
				     .exit_rate = 2.5,
				     .transfer_rate = 5.8 };
	struct pm_occ_rates r;

	cr_assert(pm_occ_rates_from_national(&n, &r));
	cr_assert(!r.exit_counted);
	cr_assert_float_eq(r.exit, 0.025, 1e-12);
	/* 0.7 thousand (+-7%) vs 5.8% (+-0.9%): the rate again */
	cr_assert(!r.transfer_counted);
	cr_assert_float_eq(r.transfer, 0.058, 1e-12);
}

Test(openings, missing_forms)
{
	struct pm_occ_national n = chief;
	struct pm_occ_rates r;

	/* only the rate published: it is used */
	n.exits = NAN;
	cr_assert(pm_occ_rates_from_national(&n, &r));
	cr_assert(!r.exit_counted);
	cr_assert_float_eq(r.exit, 0.03, 1e-12);
	/* neither: no rates */
	n.exit_rate = NAN;
	cr_assert_not(pm_occ_rates_from_national(&n, &r));
	/* no base employment */
	n = chief;
	n.emp_base = 0;
	cr_assert_not(pm_occ_rates_from_national(&n, &r));
	n = chief;
	n.years = 0;
	cr_assert_not(pm_occ_rates_from_national(&n, &r));
}

Test(openings, declining_occupation)
{
	/* 100,000 -> 80,000 over 10 years, 4% exits, 6% transfers a year */
	struct pm_occ_national n = { .emp_base = 100000,
				     .emp_proj = 80000,
				     .years = 10,
				     .exits = NAN,
				     .transfers = NAN,
				     .exit_rate = 4.0,
				     .transfer_rate = 6.0 };
	struct pm_occ_rates r;
	struct pm_openings o;

	cr_assert(pm_occ_rates_from_national(&n, &r));
	pm_openings_compute(50000, &r, &o);
	/* growth 50,000 * -0.2 / 10 = -1,000; average 50,000 * 0.9 = 45,000;
	 * exits 1,800, transfers 2,700; openings 3,500 */
	cr_assert_float_eq(o.growth, -1000.0, 1e-9);
	cr_assert_float_eq(o.exits, 1800.0, 1e-9);
	cr_assert_float_eq(o.transfers, 2700.0, 1e-9);
	cr_assert_float_eq(o.total, 3500.0, 1e-9);
	cr_assert_float_eq(o.growth_pct, -20.0, 1e-9);
}

Test(openings, state_growth_replaces_national)
{
	struct pm_occ_rates r;
	struct pm_openings o;

	cr_assert(pm_occ_rates_from_national(&chief, &r));
	/* a state projecting 2,000 -> 2,300 over 2023-2033 */
	cr_assert(pm_occ_rates_regrow(&r, 2000, 2300, 10));
	pm_openings_compute(1000, &r, &o);
	/* growth 1000 * 0.15 / 10 = 15; average 1,075 */
	cr_assert_float_eq(o.growth, 15.0, 1e-9);
	cr_assert_float_eq(o.exits, 1075.0 * 9500.0 / 316050.0, 1e-9);
	cr_assert_float_eq(o.growth_pct, 15.0, 1e-9);
	/* undefined state growth leaves the rates alone */
	cr_assert_not(pm_occ_rates_regrow(&r, 0, 10, 10));
	cr_assert_float_eq(r.growth, 0.15, 1e-12);
}
