#ifndef PM_ANALYSIS_AGG_H
#define PM_ANALYSIS_AGG_H
/*
 * Sums over a region's components (county x ownership cells) that respect
 * QCEW suppression: a cell with disclosure code N is unknown, not zero, so a
 * sum with a suppressed component is unknown too. What is known is kept as
 * a range:
 *
 *   low  = sum of the disclosed components (suppressed ones are >= 0);
 *   high = low + sum over suppressed components c of residual(c), where
 *          residual(c) = value of c's nearest disclosed ancestor P in the
 *          same county and ownership, minus the disclosed cells at c's
 *          level below P. (A suppressed cell cannot exceed what its parent
 *          leaves unexplained; this is the "residual bound".)
 *
 * A component with no row at all has no establishments: it is zero.
 */
#include <stdbool.h>
#include <stdint.h>

#include "analysis/cells.h"
#include "core/strmap.h"

struct pm_agg {
	int64_t low;  /* sum of disclosed parts; the total when nsupp == 0 */
	int64_t high; /* upper bound of the total; valid when high_known */
	bool high_known;
	int nparts; /* components with a row */
	int nsupp;  /* of which suppressed */
};

/* True when the sum is exactly known. */
static inline bool pm_agg_known(const struct pm_agg *a)
{
	return a->nsupp == 0;
}

/* One aggregated industry. */
struct pm_agg_item {
	const char *industry; /* borrowed from the input cells */
	int64_t estabs;	      /* establishments are never suppressed */
	struct pm_agg emp;
	struct pm_agg wages;
	struct pm_agg month1, month2;
};

struct pm_agg_table {
	struct pm_agg_item *items;
	size_t n, alloc;
	struct pm_strmap index; /* industry -> item */
};

/*
 * Sum CELLS whose ownership is in OWNS (a string of own codes, e.g. "5" or
 * "1235") and whose level is LEVEL, per industry, into OUT (initialised
 * here; release with pm_agg_table_release()). Residual bounds use ancestors
 * found among the same CELLS.
 */
void pm_agg_build(struct pm_agg_table *out, const struct pm_qcell *cells, size_t n,
		  const char *owns, int level);

/*
 * The sum of one INDUSTRY over CELLS with ownership OWN (e.g. the region
 * total: own '0', industry "10"); residual bounds as above.
 */
struct pm_agg_item pm_agg_one(const struct pm_qcell *cells, size_t n, char own,
			      const char *industry);

/* The item for INDUSTRY, or NULL. */
const struct pm_agg_item *pm_agg_find(const struct pm_agg_table *t, const char *industry);

void pm_agg_table_release(struct pm_agg_table *t);

#endif
