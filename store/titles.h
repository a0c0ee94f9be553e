#ifndef PM_STORE_TITLES_H
#define PM_STORE_TITLES_H
/*
 * Titles and classification lookups over the reference tables: area,
 * industry (QCEW titles, falling back to NAICS 2022 then 2017 titles for
 * codes QCEW's list lacks), ownership.
 */
#include "core/err.h"

struct pm_store;

/*
 * The area type BLS's code implies: "nation" (US000), "aggregate" (USMSA…),
 * "state" (SS000), "county" (SSCCC, including SS999 "unknown or undefined"),
 * "csa" (CSnnn), "msa" / "micro" (Cnnnn, told apart by TITLE), or "other".
 */
const char *pm_area_type(const char *code, const char *title);

/*
 * BLS industry titles carry their code ("NAICS 23 Construction",
 * "1012 Construction", "NAICS07 722110 Full-service restaurants"); returns
 * a new string without it.
 */
char *pm_industry_title_clean(const char *code, const char *title);

/* Returns a new string with the area's title, or NULL when unknown. */
char *pm_store_area_title(struct pm_store *st, const char *area);
/* The area's type ("county", "msa", ...) as a new string, or NULL when unknown. */
char *pm_store_area_type(struct pm_store *st, const char *area);
/* Returns a new string: the industry's clean title, or NULL when no list has it. */
char *pm_store_industry_title(struct pm_store *st, const char *code);
/* Returns a new string with the county's MSA code (crosswalk), or NULL. */
char *pm_store_county_msa(struct pm_store *st, const char *county);
/* Returns a new string with the ownership title, or NULL. */
char *pm_store_own_title(struct pm_store *st, const char *own);

#endif
