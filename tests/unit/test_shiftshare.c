/* Unit tests for analysis/shiftshare.c: classic shift-share in hundredths of a job. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>

#include "analysis/shiftshare.h"

static int64_t sum(const struct pm_shift_share *s)
{
	return s->national + s->mix + s->regional;
}

Test(shiftshare, hand_case)
{
	struct pm_shift_share s;

	cr_assert(pm_shift_share(200, 260, 0.10, 0.20, &s));
	/*
	 * NS = 200 * 0.10          = 20.00 -> 2000
	 * IM = 200 * (0.20 - 0.10) = 20.00 -> 2000
	 * RS = (260 - 200) - 20 - 20 = 20.00 -> 2000
	 */
	cr_assert_eq(s.national, 2000);
	cr_assert_eq(s.mix, 2000);
	cr_assert_eq(s.regional, 2000);
	cr_assert_eq(sum(&s), 6000);
}

Test(shiftshare, declining_industry)
{
	struct pm_shift_share s;

	cr_assert(pm_shift_share(1000, 900, 0.05, -0.02, &s));
	/*
	 * NS = 1000 * 0.05            =  50.00 ->  5000
	 * IM = 1000 * (-0.02 - 0.05)  = -70.00 -> -7000
	 * RS = -100 - 50 + 70         = -80.00 -> -8000
	 */
	cr_assert_eq(s.national, 5000);
	cr_assert_eq(s.mix, -7000);
	cr_assert_eq(s.regional, -8000);
	cr_assert_eq(sum(&s), -10000);
}

Test(shiftshare, rounding_goes_to_regional_share)
{
	struct pm_shift_share s;

	cr_assert(pm_shift_share(7, 9, 0.123456, 0.2, &s));
	/*
	 * NS = 7 * 0.123456 * 100           = 86.4192 -> 86
	 * IM = 7 * (0.2 - 0.123456) * 100   = 53.5808 -> 54
	 * RS = (9 - 7) * 100 - 86 - 54      = 60 (exact remainder)
	 */
	cr_assert_eq(s.national, 86);
	cr_assert_eq(s.mix, 54);
	cr_assert_eq(s.regional, 60);
}

Test(shiftshare, zero_base)
{
	struct pm_shift_share s;

	cr_assert(pm_shift_share(0, 25, 0.1, 0.3, &s));
	/* NS = IM = 0 * ... = 0; the whole change 25.00 is regional. */
	cr_assert_eq(s.national, 0);
	cr_assert_eq(s.mix, 0);
	cr_assert_eq(s.regional, 2500);
}

/* A small deterministic generator (not rand(): the sequence must not depend on libc). */
static uint64_t rng_state;

static uint32_t rng(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33);
}

static double unit(void)
{
	return (double)rng() / 2147483648.0; /* [0, 1) from 31 bits */
}

Test(shiftshare, components_sum_exactly_for_random_inputs)
{
	int i;

	rng_state = 42;
	for (i = 0; i < 10000; i++) {
		struct pm_shift_share s;
		int64_t e0 = (int64_t)(rng() % 2000000u);
		int64_t e1 = (int64_t)(rng() % 2000000u);
		double G = unit() - 0.5;         /* -50% .. +50% */
		double gN = unit() * 3.0 - 1.0;  /* -100% .. +200% */

		if (i % 10 == 0)
			e0 = (int64_t)(rng() % 10u); /* tiny bases round hardest */
		cr_assert(pm_shift_share(e0, e1, G, gN, &s), "case %d", i);
		cr_assert_eq(sum(&s), (e1 - e0) * 100, "case %d: e0=%lld e1=%lld G=%.17g gN=%.17g",
			     i, (long long)e0, (long long)e1, G, gN);
		/* NS and IM are the rounded products: within half a hundredth. */
		cr_assert_leq(fabs((double)s.national - (double)e0 * G * 100.0), 0.5 + 1e-6,
			      "case %d", i);
		cr_assert_leq(fabs((double)s.mix - (double)e0 * (gN - G) * 100.0), 0.5 + 1e-6,
			      "case %d", i);
	}
}

Test(shiftshare, rejects_non_finite_and_negative_inputs)
{
	struct pm_shift_share s = { 111, 222, 333 };

	cr_assert_not(pm_shift_share(100, 110, NAN, 0.1, &s));
	cr_assert_not(pm_shift_share(100, 110, 0.1, NAN, &s));
	cr_assert_not(pm_shift_share(100, 110, INFINITY, 0.1, &s));
	cr_assert_not(pm_shift_share(100, 110, 0.1, -INFINITY, &s));
	cr_assert_not(pm_shift_share(-1, 110, 0.1, 0.1, &s));
	/* Products too large for exact hundredths. */
	cr_assert_not(pm_shift_share(INT64_C(1000000000000), 0, 1e5, 0.1, &s));
	/* OUT untouched on failure. */
	cr_assert_eq(s.national, 111);
	cr_assert_eq(s.mix, 222);
	cr_assert_eq(s.regional, 333);
}
