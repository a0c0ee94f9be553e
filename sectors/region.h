#ifndef PM_SECTORS_REGION_H
#define PM_SECTORS_REGION_H
/*
 * Regions: a named set of counties kept in the store. Built from a county
 * list, an MSA or CSA (members from the shipped QCEW county-MSA-CSA
 * crosswalk), or a state (its counties plus the pseudo-counties SS996-SS999:
 * overseas, multicounty, out-of-state and unknown locations, so that county
 * sums reach the state total). Anywhere
 * a region is accepted, `--area CODE` selects one published QCEW area
 * instead (county, C#### MSA, CS### CSA, SS000 state, US000).
 */
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct pm_store;

struct pm_region {
	char *name;	  /* region name, or the area code for --area */
	char *label;	  /* for titles: "columbus (10 counties)" / area title */
	char *kind;	  /* counties, msa, csa, state, area */
	char *code;	  /* MSA/CSA/state/area code it came from, or NULL */
	char *definition; /* e.g. "--msa C1814" */
	char *created_at;
	char **areas; /* member counties, or the one area */
	size_t nareas;
	bool published; /* a single published QCEW area */
};

void pm_region_release(struct pm_region *r);

/*
 * Define (or with REPLACE, redefine) region NAME. KIND is "counties" (ARG a
 * comma/space-separated FIPS list), "msa" (C1814 or CBSA 18140), "csa"
 * (CS198 or 198) or "state" (39 or OH). Fails with PM_EUSAGE for a bad name
 * or code, PM_ENOTFOUND for an unknown county/MSA/CSA/state, PM_EDATA when
 * NAME exists and REPLACE is false. Fills OUT (may be NULL). Runs its own
 * transaction.
 */
enum pm_status pm_region_define(struct pm_store *st, const char *name, const char *kind,
				const char *arg, bool replace, struct pm_region *out,
				struct pm_err *err);

/* Load region NAME; PM_ENOTFOUND when there is none. */
enum pm_status pm_region_load(struct pm_store *st, const char *name, struct pm_region *out,
			      struct pm_err *err);

/* A one-area selection for --area CODE; PM_ENOTFOUND for an unknown code. */
enum pm_status pm_region_from_area(struct pm_store *st, const char *code, struct pm_region *out,
				   struct pm_err *err);

/* Delete region NAME; PM_ENOTFOUND when there is none. */
enum pm_status pm_region_delete(struct pm_store *st, const char *name, struct pm_err *err);

/* All regions (without their county lists' titles), by name. Free each and the array. */
enum pm_status pm_region_list(struct pm_store *st, struct pm_region **out, size_t *n,
			      struct pm_err *err);

/* The state FIPS code for a two-digit code or postal abbreviation, or NULL. */
const char *pm_state_fips(const char *s);

#endif
