#ifndef PM_CROSSWALKS_SUPPLY_H
#define PM_CROSSWALKS_SUPPLY_H
/*
 * Supply: completers of a selection's postsecondary institutions, by
 * institution x CIP x award level, as a yearly average over the chosen
 * award years (IPEDS C_A; docs/methods.md, "Supply"):
 *
 *   - institutions belong to the selection by the county in their latest
 *     IPEDS directory (HD) record;
 *   - first majors only (MAJORNUM = 1), so a double major counts once;
 *   - 6-digit programs only: NCES's 2-digit family subtotals and grand total
 *     (CIP 99) would count completers twice; award levels pathmap does not
 *     know are left out (and counted);
 *   - average = sum over the award years / the number of award years in the
 *     range that are loaded (an institution without completions in a year
 *     counts 0 for it).
 */
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/strmap.h"
#include "sectors/region.h"

struct pm_store;

struct pm_supply_cell {
	int64_t unitid;
	const char *institution; /* interned */
	const char *cip;	 /* "51.3801" */
	const char *awlevel;	 /* "3" */
	const char *ladder;	 /* "associate", ... */
	int ordinal;		 /* ladder order of the award level */
	const char *education;	 /* the EP entry-education category it meets */
	double completers;	 /* a year, averaged */
};

struct pm_supply {
	int year0, year1; /* award years' ends: 2023-2024 = 2022-23 and 2023-24 */
	int nyears;	  /* award years in the range that are loaded */
	struct pm_supply_cell *v;
	size_t n, alloc;
	double total;
	size_t ninstitutions;
	/* the selection's counties as SQL LIKE patterns in a JSON array (for
	 * json_each): a region's counties, an MSA's or CSA's from the county
	 * crosswalk, a state's "39%", the nation's "%" */
	char *counties;
	size_t unknown_levels; /* rows with an award level not in award_level */
	double unknown_completers;
	struct pm_strmap strings;
};

/*
 * Load SEL's supply for award years YEAR0..YEAR1 (both 0: the latest two
 * loaded) into OUT (release with pm_supply_release()). PM_ENOTFOUND when no
 * completions or institutions are loaded, or none for those years.
 */
enum pm_status pm_supply_load(struct pm_store *st, const struct pm_region *sel, int year0,
			      int year1, struct pm_supply *out, struct pm_err *err);
void pm_supply_release(struct pm_supply *s);

/* "2022-23 and 2023-24" for YEAR0..YEAR1 into BUF. */
const char *pm_award_years_text(int year0, int year1, char *buf, size_t n);

#endif
