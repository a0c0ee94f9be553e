/* Classic shift-share (see shiftshare.h). */
#include "analysis/shiftshare.h"

#include <math.h>

#include "core/banned.h"

bool pm_shift_share(int64_t e0, int64_t e1, double G, double GN, struct pm_shift_share *out)
{
	double ns, im;

	if (!isfinite(G) || !isfinite(GN) || e0 < 0)
		return false;
	ns = (double)e0 * G * 100.0;
	im = (double)e0 * (GN - G) * 100.0;
	if (fabs(ns) > 9e15 || fabs(im) > 9e15)
		return false;
	out->national = llround(ns);
	out->mix = llround(im);
	out->regional = (e1 - e0) * 100 - out->national - out->mix;
	return true;
}
