#ifndef PM_STORE_REFERENCE_H
#define PM_STORE_REFERENCE_H
/*
 * Reference tables (titles, county crosswalk): the built-in copies are
 * seeded by pm_store_open(); these load newer copies a user imports.
 */
#include "core/err.h"

struct pm_csv;
struct pm_dataset;
struct pm_store;

/* The reference table whose columns CSV's header has ("area-titles", ...), or NULL. */
const char *pm_reference_kind(struct pm_csv *csv);

/* Upsert the rows of CSV (header read) into the KIND table; counts into DS. */
enum pm_status pm_reference_load(struct pm_store *st, const char *kind, struct pm_csv *csv,
				 struct pm_dataset *ds, struct pm_err *err);

#endif
