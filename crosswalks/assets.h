#ifndef PM_CROSSWALKS_ASSETS_H
#define PM_CROSSWALKS_ASSETS_H
/*
 * The Credential Asset Mapping Tool filled in (docs/methods.md, "Assets"):
 * for the in-demand occupations of a selection's sectors, every local
 * institution and program leading there, by ladder level, and the holes.
 *
 * Assets, per in-demand occupation (annual openings >= the threshold):
 *   - IPEDS programs: the selection's institutions' completers in CIP codes
 *     linked to the occupation (NCES CIP-SOC), at each award level;
 *   - inventory programs (pathmap import programs): programs in the
 *     selection's counties with a linked CIP, at their ladder level
 *     (including apprenticeships and industry certifications);
 *   - certifications and licenses (CareerOneStop) for the occupation, as
 *     "industry certification".
 * Holes:
 *   - entry: an in-demand occupation with no local program at the ladder
 *     level of its typical entry education;
 *   - ladder: a ladder level between the lowest and the highest entry level
 *     of the in-demand occupations with no program for any of them;
 *   - surplus: a local program (institution x CIP x award level) with
 *     completers whose CIP leads to one of the sector's occupations but to
 *     no occupation in demand in the selection (every industry; where the
 *     selection has no estimate, the national stand-in of the gap analysis).
 *
 * Openings are the whole selection's, as in the gap analysis: a program's
 * graduates may take any of those jobs; the sectors choose the occupations.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/strmap.h"
#include "crosswalks/gaps.h"

struct pm_store;

struct pm_assets_request {
	struct pm_occ_request occ; /* selection and sectors; min_openings: in-demand threshold */
	int year0, year1;	   /* award years; 0 0: the latest two loaded */
	/* NULL, or the occupations (EP codes, NULL-terminated) to map whatever their
	 * openings, without the surplus check (career ladders) */
	const char *const *only;
};

enum pm_asset_kind { PM_ASSET, PM_HOLE_ENTRY, PM_HOLE_LADDER, PM_HOLE_SURPLUS };

/* Ladder levels, lowest first; 0: beside the ladder (apprenticeship, certification). */
enum pm_ladder {
	PM_LADDER_NONE,
	PM_LADDER_SHORT, /* short-term certificate */
	PM_LADDER_LONG,	 /* long certificate */
	PM_LADDER_ASSOC,
	PM_LADDER_BACH,
	PM_LADDER_GRAD,
	PM_LADDER_MAX
};

struct pm_asset_row {
	enum pm_asset_kind kind;
	const char *soc, *soc_title; /* NULL for ladder holes and surplus */
	double openings;	     /* the occupation's, the whole selection; NAN when none */
	const char *education;	     /* its typical entry education */
	const char *entry_level;     /* the ladder level of that education ("" if none) */
	const char *ladder;	     /* the row's ladder level */
	const char *provider, *program, *cip, *credential, *source;
	double completers;	  /* a year; NAN when not known (inventory, certifications) */
	double hours, weeks;	  /* inventory; NAN otherwise */
	int64_t cost;		  /* inventory; -1 when unknown */
	int etpl, apprenticeship; /* inventory: 0/1; -1 otherwise */
	bool meets_entry;	  /* the row opens the occupation at its entry level */
	const char *hole;	  /* the hole's explanation; NULL for assets */
};

struct pm_assets_report {
	struct pm_gap_report gap; /* occupations, openings and supply of the selection */
	double threshold;
	struct pm_asset_row *rows;
	size_t n, alloc;
	size_t in_demand, holes_entry, holes_ladder, holes_surplus;
	size_t inventory, credentials; /* rows of those sources in the store */
	char **notes;
	size_t nnotes;
	struct pm_strmap strings;
};

/* Run RQ into OUT (release with pm_assets_report_release()); errors as pm_gap_run(). */
enum pm_status pm_assets_run(struct pm_store *st, const struct pm_assets_request *rq,
			     struct pm_assets_report *out, struct pm_err *err);
void pm_assets_report_release(struct pm_assets_report *r);

/* The ladder level of an EP entry-education category (PM_LADDER_NONE when none). */
enum pm_ladder pm_ladder_of_education(const char *education);

/* The ladder level named NAME ("associate", ...); PM_LADDER_NONE for the others. */
enum pm_ladder pm_ladder_of_name(const char *name);

/* The name of ladder level L ("" for PM_LADDER_NONE). */
const char *pm_ladder_name(enum pm_ladder l);

/* Does a program at ladder level NAME open an occupation entered at level ENTRY? */
bool pm_ladder_meets(const char *name, enum pm_ladder entry);

#endif
