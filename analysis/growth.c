/* Change, percent change and compound annual growth (see growth.h). */
#include "analysis/growth.h"

#include <math.h>

#include "core/banned.h"

double pm_growth_rate(double e0, double e1)
{
	if (!(e0 > 0) || !(e1 >= 0))
		return NAN;
	return (e1 - e0) / e0;
}

struct pm_growth pm_growth_compute(int64_t e0, int64_t e1, int years)
{
	struct pm_growth g;

	g.change = e1 - e0;
	g.pct = e0 > 0 ? 100.0 * (double)(e1 - e0) / (double)e0 : NAN;
	g.cagr = (e0 > 0 && e1 > 0 && years > 0)
			 ? 100.0 * (pow((double)e1 / (double)e0, 1.0 / years) - 1.0)
			 : NAN;
	return g;
}
