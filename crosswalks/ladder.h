#ifndef PM_CROSSWALKS_LADDER_H
#define PM_CROSSWALKS_LADDER_H
/*
 * The Career Pathways Road Map (docs/methods.md, "Ladder"): occupations in
 * tiers, progression edges between them, and at each step the wage, the
 * openings, the credential it asks for and the local programs that give it.
 *
 *   - nodes: the occupations of the chosen industries with openings in the
 *     selection (--sector), or one occupation with the occupations it leads
 *     to (up to three steps) and those that lead to it (one step) (--soc);
 *   - tier: the O*NET job zone (1-5; the lowest of the occupation's O*NET
 *     codes), else the zone its typical entry education implies;
 *   - edge A -> B: B is an O*NET related occupation of A and a step up:
 *     a higher tier at no lower wage, or the same tier at a higher wage
 *     (a move to a higher zone for less pay is not progression);
 *   - entry point: no edge leads in, or entered without a degree
 *     (postsecondary nondegree award or less);
 *   - exit point: a local program (IPEDS or the inventory) gives the
 *     credential the occupation is entered with, or it needs none beyond
 *     high school, and it has openings: a learner can stop here with a job.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "crosswalks/assets.h"

struct pm_store;

struct pm_ladder_request {
	struct pm_occ_request occ; /* selection; sectors, or */
	const char *soc;	   /* one occupation (any SOC spelling) */
	int year0, year1;	   /* award years; 0 0: the latest two loaded */
};

struct pm_ladder_node {
	const char *soc, *title, *education, *entry_level;
	int tier, job_zone; /* job_zone 0: unknown (tier from education) */
	double openings;    /* the whole selection's; NAN when none */
	int64_t wage;	    /* median annual; -1 when unknown */
	bool entry, exit;
	size_t nin, nout;
	char *programs;	   /* local programs at the entry level, largest first */
	char *credentials; /* certifications and licenses */
	char *next;	   /* the steps up: "29-1141 Registered nurses (+$55,290)" */
};

struct pm_ladder_edge {
	size_t from, to;      /* node indexes */
	const char *relation; /* O*NET's: Primary-Short, Primary-Long, Supplemental */
	int rank;
	int64_t wage_gain; /* -1 when a wage is unknown */
	int tier_gain;
};

struct pm_ladder_report {
	struct pm_assets_report assets;
	struct pm_ladder_node *nodes;
	size_t n;
	struct pm_ladder_edge *edges;
	size_t nedges;
	char **notes;
	size_t nnotes;
	struct pm_strmap strings;
};

enum pm_status pm_ladder_run(struct pm_store *st, const struct pm_ladder_request *rq,
			     struct pm_ladder_report *out, struct pm_err *err);
void pm_ladder_report_release(struct pm_ladder_report *r);

#endif
