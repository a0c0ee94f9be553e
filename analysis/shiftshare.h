#ifndef PM_ANALYSIS_SHIFTSHARE_H
#define PM_ANALYSIS_SHIFTSHARE_H
/*
 * Classic shift-share (Dunn 1960; as taught in e.g. the REAT shift-share
 * guide and Stevens & Moore 1980) of a region's industry change e1 - e0:
 *
 *   national share  NS = e0 * G           G   = national total growth rate
 *   industry mix    IM = e0 * (g_N - G)   g_N = national growth of the industry
 *   regional share  RS = e0 * (g_r - g_N) g_r = the region's growth of it
 *
 * NS + IM + RS = e0 * g_r = e1 - e0. Components are kept in hundredths of a
 * job: NS and IM are rounded, and RS is the exact remainder, so the three
 * printed figures always add up to the printed change.
 */
#include <stdbool.h>
#include <stdint.h>

struct pm_shift_share {
	int64_t national; /* hundredths of a job */
	int64_t mix;
	int64_t regional;
};

/*
 * Decompose E1 - E0 given national total growth G and national industry
 * growth GN (fractions). Returns false (OUT untouched) when G or GN is not
 * finite or E0 < 0.
 */
bool pm_shift_share(int64_t e0, int64_t e1, double G, double GN, struct pm_shift_share *out);

#endif
