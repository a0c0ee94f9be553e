#ifndef PM_ANALYSIS_LQ_H
#define PM_ANALYSIS_LQ_H
/*
 * Location quotients, BLS definition (QCEW location quotient calculator,
 * https://www.bls.gov/cew/about-data/location-quotients-explained.htm):
 *
 *   LQ(i,r) = (e_ir / E_r) / (e_iN / E_N)
 *
 * e = employment in industry i (and the chosen ownership), E = the
 * all-industry, all-ownership total, r = the region, N = the nation.
 *
 * Derived national shares: when the nation's figures for a period are not
 * loaded, each published county/area row carries BLS's own LQ, so
 *
 *   s_iN = e_iN / E_N = (e_ia / E_a) / LQ_pub(i,a)
 *
 * for any area a. LQ_pub is rounded to two decimals, an absolute error of at
 * most 0.005, so the relative error of s_iN is at most 0.005 / LQ_pub: the
 * source row with the largest published LQ is the most precise one.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/cells.h"

/* (e_ir / E_r) / (e_in / E_n); NAN when any input makes it undefined. */
double pm_lq(double e_ir, double E_r, double e_in, double E_n);

/* (e_ir / E_r) / share; NAN when undefined. */
double pm_lq_from_share(double e_ir, double E_r, double share);

/* s = (emp / area_total) / lq_pub; NAN when undefined. */
double pm_lq_source_share(const struct pm_lq_source *s);

/*
 * The best source among SRC for ownership OWN and INDUSTRY: the largest
 * published LQ; ties go to the larger employment, then the smaller area
 * code (so the choice is deterministic). NULL when there is none.
 */
const struct pm_lq_source *pm_lq_best_source(const struct pm_lq_source *src, size_t n, char own,
					     const char *industry);

/* An index of the best source per "own|industry" over a set (built once, queried often). */
struct pm_lq_index {
	struct pm_strmap best; /* "own|industry" -> index in the set */
	const struct pm_lq_source_set *set;
};

void pm_lq_index_build(struct pm_lq_index *ix, const struct pm_lq_source_set *set);
const struct pm_lq_source *pm_lq_index_best(const struct pm_lq_index *ix, char own,
					    const char *industry);
void pm_lq_index_release(struct pm_lq_index *ix);

/* True when A is a better derived-share source than B (see pm_lq_best_source). */
bool pm_lq_source_better(const struct pm_lq_source *a, const struct pm_lq_source *b);

#endif
