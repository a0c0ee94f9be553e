#ifndef PM_FETCH_INVENTORY_H
#define PM_FETCH_INVENTORY_H
/*
 * The user's own inventories, written as CSV files (docs/inventories.md;
 * templates in data/templates/): training programs (`program`), partners
 * (`partner`) and employers (`employer`). `pathmap import programs FILE`.
 *
 * Columns are found by header name (case-insensitive; order and extra
 * columns do not matter). A file lacking required columns is refused with
 * the missing ones named. Every row is checked before anything is stored:
 * each bad value is reported as FILE:LINE: field 'NAME': why, up to
 * PM_INVENTORY_MAX_ERRORS of them, and a file with any bad row loads
 * nothing. With one bad row the error says it; with more, each is logged
 * (pm_log() at PM_LOG_ERROR) and the error counts them.
 *
 * Reloading replaces: the rows of earlier loads of a file with the same
 * name (the same base name, as recorded in the dataset) are deleted, so
 * editing a file and importing it again leaves exactly its rows. The same
 * bytes loaded again are skipped (nothing to do) unless forced.
 *
 * Values: text is trimmed and blank means "not given". Yes/no columns
 * take yes/no/y/n/true/false/1/0 (blank = no). Numbers must not be
 * negative; cost may be written "$4,250" or "4250.00" (whole dollars are
 * stored). CIP codes are normalised (core/codes.h) and must be in the
 * store's CIP table when one is loaded; counties are 5-digit FIPS codes in
 * the area table. `ladder` is one of the award levels of
 * data/ipeds/award_levels.csv (short-term certificate, long certificate,
 * associate, bachelor, graduate) or apprenticeship or industry
 * certification; common spellings are accepted ("Associate's degree",
 * "bachelor's", "certificate < 1 year", ...).
 */
#include "core/err.h"
#include "fetch/catalog.h"

#define PM_INVENTORY_MAX_ERRORS 20

/* pm_import_fn for each inventory. */
enum pm_status pm_inventory_import_programs(struct pm_store *st, const char *path,
					    const struct pm_import_opts *opts,
					    struct pm_import_report *rep, struct pm_err *err);
enum pm_status pm_inventory_import_partners(struct pm_store *st, const char *path,
					    const struct pm_import_opts *opts,
					    struct pm_import_report *rep, struct pm_err *err);
enum pm_status pm_inventory_import_employers(struct pm_store *st, const char *path,
					     const struct pm_import_opts *opts,
					     struct pm_import_report *rep, struct pm_err *err);

/*
 * The ladder level IN names ("Associate's degree" -> "associate"), as
 * stored; NULL when it names none.
 */
const char *pm_inventory_ladder(const char *in);

#endif
