#ifndef PM_ANALYSIS_STAFFING_H
#define PM_ANALYSIS_STAFFING_H
/*
 * Regional employment by occupation from the region's industry employment
 * (QCEW) and national staffing patterns (the share of each industry's
 * employment in each occupation, from the BLS National Employment Matrix
 * or OEWS industry estimates):
 *
 *   e(o, r) = sum over pattern industries p of e(p, r) * share(p, o)
 *
 * e(p, r) comes from the QCEW cells of the region, top-down: a selected
 * industry's employment is handed to its NAICS children that have a
 * pattern below them, each child taking its disclosed employment; the
 * residual (parent minus disclosed children) goes to the suppressed
 * children in proportion to their national employment, never above their
 * residual bounds (analysis/agg.h); what is left stays with the parent's
 * own pattern (the nearest pattern at or above it). A suppressed selected
 * industry starts from the middle of its bounds. Employment no pattern
 * covers is returned per industry, so it can be reported, never dropped.
 *
 * Ownership: an industry's pattern may be for one ownership only (EP splits
 * schools and hospitals into private and state-and-local); others apply to
 * every ownership asked for; the government ownerships (1 federal, 2 state, 3 local) may each have
 * a fallback pattern (EP's "Federal government", ...) that takes what no industry pattern covers.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/cells.h"
#include "core/strmap.h"

#define PM_STAFF_NONE ((size_t)-1)

/* The patterns' industries, as the allocation needs them. */
struct pm_staff_map {
	struct pm_strmap naics; /* NAICS code ("611"), or OWN:code for one ownership only
				   ("5:611", private), -> pattern index */
	const double *weight; /* per pattern: national employment, weights for suppressed cells */
	size_t n;	      /* patterns */
	size_t gov[4];	      /* [1..3]: fallback of ownership '1'..'3', or PM_STAFF_NONE */
};

/* Employment a pattern did not cover, by ownership and industry. */
struct pm_staff_gap {
	char own;
	const char *industry; /* borrowed from the cells */
	double emp;
};

struct pm_staff_alloc {
	double *emp;	   /* per pattern: the region's employment allocated to it */
	double *estimated; /* per pattern: of which came from suppressed cells */
	struct pm_staff_gap *uncovered;
	size_t nuncovered, auncovered;
	double total;		/* the selected industries' employment, allocated or not */
	double total_estimated; /* of which estimated */
	int suppressed_tops;	/* selected industries whose own total was suppressed */
};

/*
 * Allocate the employment of the industries TOPS (NAICS codes, any level;
 * NULL-terminated) in ownerships OWNS (e.g. "1235") from CELLS (one
 * region's cells for one period, all levels down to 6) to MAP's patterns.
 * OUT is initialised here; release with pm_staff_alloc_release().
 */
void pm_staff_allocate(const struct pm_qcell *cells, size_t n, const char *owns,
		       const char *const *tops, const struct pm_staff_map *map,
		       struct pm_staff_alloc *out);

void pm_staff_alloc_release(struct pm_staff_alloc *a);

#endif
