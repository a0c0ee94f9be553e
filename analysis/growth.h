#ifndef PM_ANALYSIS_GROWTH_H
#define PM_ANALYSIS_GROWTH_H
/*
 * Growth between two periods of the same kind (annual to annual, or the same
 * quarter of two years: QCEW is not seasonally adjusted):
 *
 *   change  = e1 - e0
 *   percent = 100 * (e1 - e0) / e0
 *   CAGR    = 100 * ((e1 / e0)^(1 / years) - 1)
 */
#include <stdbool.h>
#include <stdint.h>

struct pm_growth {
	int64_t change;
	double pct;  /* NAN when e0 == 0 */
	double cagr; /* NAN when e0 == 0, e1 == 0 or years <= 0 */
};

struct pm_growth pm_growth_compute(int64_t e0, int64_t e1, int years);

/* Growth rate as a fraction, (e1 - e0) / e0; NAN when e0 <= 0. */
double pm_growth_rate(double e0, double e1);

#endif
