#ifndef PM_ANALYSIS_GAP_H
#define PM_ANALYSIS_GAP_H
/*
 * Supply against demand through a many-to-many CIP -> SOC crosswalk
 * (docs/methods.md, "Gap"). C_c: completers of program c (a year's
 * average); O_s: annual openings of occupation s; L: the links (c, s).
 *
 *   demand       a_cs = C_c * O_s / sum_{s' in L(c)} O_s'     (equal shares when that
 *                sum is 0). Every completer of a linked CIP lands somewhere:
 *                sum_s a_cs = C_c.
 *   split        a_cs = C_c / |L(c)|. Also keeps the total.
 *   duplicate    a_cs = C_c: each completer counts for every linked occupation, an
 *                upper bound on supply (sum_s a_cs = |L(c)| C_c >= C_c).
 *   competition  occupation s's openings are shared among the programs feeding it,
 *                o_cs = O_s * C_c / K_s with K_s = sum_{c in L(s)} C_c; an occupation's
 *                supply is K_s (every completer who could take its openings competes
 *                for them), and each program's demand is D_c = sum_s o_cs. The
 *                openings of the linked occupations with any supply are allocated
 *                exactly: sum_c D_c = sum_{s: K_s > 0} O_s.
 *
 * Pure: indices in, numbers out.
 */
#include <stdbool.h>
#include <stddef.h>

enum pm_allocation {
	PM_ALLOC_DEMAND,
	PM_ALLOC_SPLIT,
	PM_ALLOC_DUPLICATE,
	PM_ALLOC_COMPETITION,
};

/* Parse "demand", "split", "duplicate", "competition"; false otherwise. */
bool pm_allocation_parse(const char *s, enum pm_allocation *out);
const char *pm_allocation_name(enum pm_allocation a);

struct pm_gap_link {
	size_t cip, soc;
};

struct pm_gap_input {
	size_t ncip, nsoc;
	const double *completers; /* per CIP */
	const double *openings;	  /* per SOC (>= 0) */
	const struct pm_gap_link *links;
	size_t nlinks;
};

struct pm_gap_result {
	/* per link: the part of the CIP's completers that go to the SOC (demand, split:
	 * the shares of one CIP add to 1; duplicate: 1), or of the SOC's openings that
	 * go to the CIP (competition) */
	double *share;
	double *soc_supply;    /* per SOC: completers allocated, or competing (competition) */
	double *cip_demand;    /* per CIP: openings allocated (competition), else 0 */
	double unlinked;       /* completers of CIPs with no link */
	double openings_unmet; /* competition: openings of linked SOCs without supply */
	size_t equal_fallback; /* demand: CIPs whose SOCs have no openings, split equally */
};

/* Allocate IN by method A into OUT (arrays allocated here; release with pm_gap_release()). */
void pm_gap_allocate(const struct pm_gap_input *in, enum pm_allocation a,
		     struct pm_gap_result *out);
void pm_gap_release(struct pm_gap_result *r);

#endif
