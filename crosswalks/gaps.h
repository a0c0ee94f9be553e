#ifndef PM_CROSSWALKS_GAPS_H
#define PM_CROSSWALKS_GAPS_H
/*
 * The gap analysis from request to rows (docs/methods.md, "Gap"): the
 * selection's occupations and openings (crosswalks/occupations.h), its
 * institutions' completers (crosswalks/supply.h), the NCES CIP -> SOC
 * crosswalk, and an allocation (analysis/gap.h).
 *
 * Openings are each occupation's in the whole selection, every industry:
 * a graduate can take any of those jobs; --sector chooses which
 * occupations are listed (those with openings in the chosen industries,
 * shown as sector_openings). Allocation weights need openings for every
 * occupation a program leads to: where the selection has no estimate for one
 * (no staffing pattern covers its industries), its national EP openings
 * scaled by the selection's share of national employment stand in (counted
 * in the notes).
 *
 * Occupations whose typical entry education is a high school diploma or no
 * formal credential keep their place in the allocation, but their supply is
 * "not measured by IPEDS": no completers and no gap are shown for them.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/gap.h"
#include "core/err.h"
#include "crosswalks/occupations.h"
#include "crosswalks/supply.h"

struct occ_ep_set;
struct pm_store;

struct pm_gap_request {
	struct pm_occ_request occ; /* selection, --sector, QCEW year, ownership */
	enum pm_allocation allocation;
	int year0, year1; /* award years; 0 0: the latest two loaded */
};

struct pm_gap_row {
	const char *soc, *title;
	double openings;	      /* the selection's, all industries */
	double sector_openings;	      /* in the chosen industries; NAN without --sector */
	bool measured;		      /* IPEDS measures supply at its entry education */
	double allocated;	      /* completers allocated (competition: competing) */
	double entry_level;	      /* of which at an award level meeting its entry education */
	double gap, gap_ratio;	      /* openings - completers, and that over openings */
	const struct pm_occ_row *occ; /* wage, education, bases (in the report's occupations) */
	char *cips;		      /* "51.3801 (412.5); 51.3803 (12)" */
	char *institutions;	      /* "The Ohio State University (210); ..." */
	char *credentials;	      /* certifications and licenses (CareerOneStop), or NULL */
	char *required;		      /* O*NET's required-education distribution, or NULL */
};

struct pm_gap_edu_row {
	const char *education;
	double openings, completers;
	size_t nsoc;
};

struct pm_gap_cip_row {
	const char *cip, *title;
	double completers; /* a year, averaged */
	double allocated;  /* to the listed occupations (competition: openings allocated) */
	size_t nsoc;	   /* linked occupations */
};

struct pm_gap_report {
	struct pm_gap_request rq;
	struct pm_occ_report occ; /* the selection's occupations, all industries */
	struct pm_supply supply;
	struct pm_gap_row *rows;
	size_t n;
	struct pm_gap_edu_row *edu;
	size_t nedu;
	struct pm_gap_cip_row *cips;
	size_t ncips;
	double linked_completers;  /* completers of programs with a linked occupation */
	double total_allocated;	   /* sum over all occupations of the allocation */
	double openings_linked;	   /* openings of occupations some program leads to */
	double openings_allocated; /* competition: sum of the programs' demand */
	/* the EP occupations (crosswalks/occ_int.h: occ_ep_find() resolves a SOC)
	 * and, per one of them, its allocation weight: the selection's openings,
	 * or the national stand-in; for callers that judge demand */
	struct occ_ep_set *ep;
	double *ep_openings;
	char **notes;
	size_t nnotes;
	struct pm_strmap strings;
};

/*
 * Does IPEDS measure the supply of an occupation entered with EDUCATION? Not
 * for "High school diploma or equivalent" or "No formal educational
 * credential": most workers enter those without college.
 */
bool pm_gap_measured(const char *education);

/* Run RQ into OUT (release with pm_gap_report_release()); errors as pm_occupations_run(). */
enum pm_status pm_gap_run(struct pm_store *st, const struct pm_gap_request *rq,
			  struct pm_gap_report *out, struct pm_err *err);
void pm_gap_report_release(struct pm_gap_report *r);

#endif
