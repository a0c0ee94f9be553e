/* Unit tests for analysis/growth.c: change, percent change, CAGR. */
#include <criterion/criterion.h>
#include <math.h>

#include "analysis/growth.h"

#define EPS 1e-9

Test(growth, change_percent_cagr)
{
	struct pm_growth g = pm_growth_compute(100, 121, 2);

	/* change 121 - 100 = 21; percent 100 * 21 / 100 = 21; CAGR 100 * (1.21^(1/2) - 1) = 10 */
	cr_assert_eq(g.change, 21);
	cr_assert_float_eq(g.pct, 21.0, EPS);
	cr_assert_float_eq(g.cagr, 10.0, EPS);
}

Test(growth, decline)
{
	struct pm_growth g = pm_growth_compute(200, 150, 1);

	/* change -50; percent 100 * -50 / 200 = -25; one year: CAGR = percent = -25 */
	cr_assert_eq(g.change, -50);
	cr_assert_float_eq(g.pct, -25.0, EPS);
	cr_assert_float_eq(g.cagr, -25.0, EPS);

	g = pm_growth_compute(1000, 512, 3);
	/* 512 / 1000 = 0.8^3: CAGR 100 * (0.8 - 1) = -20; percent 100 * -488 / 1000 = -48.8 */
	cr_assert_eq(g.change, -488);
	cr_assert_float_eq(g.pct, -48.8, EPS);
	cr_assert_float_eq(g.cagr, -20.0, EPS);
}

Test(growth, no_change)
{
	struct pm_growth g = pm_growth_compute(350, 350, 2);

	cr_assert_eq(g.change, 0);
	cr_assert_float_eq(g.pct, 0.0, EPS);
	cr_assert_float_eq(g.cagr, 0.0, EPS);
}

Test(growth, zero_base_is_undefined)
{
	struct pm_growth g = pm_growth_compute(0, 40, 2);

	/* A new industry: change +40, but no percent or CAGR from nothing. */
	cr_assert_eq(g.change, 40);
	cr_assert(isnan(g.pct));
	cr_assert(isnan(g.cagr));
}

Test(growth, vanished_industry)
{
	struct pm_growth g = pm_growth_compute(80, 0, 2);

	/* change -80, percent -100; CAGR of 0^(1/2) is left undefined by design. */
	cr_assert_eq(g.change, -80);
	cr_assert_float_eq(g.pct, -100.0, EPS);
	cr_assert(isnan(g.cagr));
}

Test(growth, no_years_no_cagr)
{
	struct pm_growth g = pm_growth_compute(100, 110, 0);

	cr_assert_float_eq(g.pct, 10.0, EPS);
	cr_assert(isnan(g.cagr));
	g = pm_growth_compute(100, 110, -1);
	cr_assert(isnan(g.cagr));
}

Test(growth, rate)
{
	/* (260 - 200) / 200 = 0.3 */
	cr_assert_float_eq(pm_growth_rate(200, 260), 0.3, EPS);
	/* (90 - 100) / 100 = -0.1 */
	cr_assert_float_eq(pm_growth_rate(100, 90), -0.1, EPS);
	cr_assert_float_eq(pm_growth_rate(100, 0), -1.0, EPS);
	cr_assert(isnan(pm_growth_rate(0, 10)));
	cr_assert(isnan(pm_growth_rate(-5, 10)));
	cr_assert(isnan(pm_growth_rate(100, -1)));
	cr_assert(isnan(pm_growth_rate(NAN, 10)));
	cr_assert(isnan(pm_growth_rate(100, NAN)));
}
