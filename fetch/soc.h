#ifndef PM_FETCH_SOC_H
#define PM_FETCH_SOC_H
/*
 * The Standard Occupational Classification (SOC 2018) as BLS publishes it:
 *
 *   https://www.bls.gov/soc/2018/soc_2018_definitions.xlsx    (base: https://www.bls.gov/soc/2018)
 *
 * Sheet "2018 SOC": two title rows, then the header "SOC Group | SOC Code |
 * SOC Title | SOC Definition" and one row per major, minor, broad and
 * detailed code (23, 98, 459 and 867 of them). The header row is found by
 * its names, not its position. Rows go to the `soc` table with their level
 * and parent (core/codes.h); the level BLS writes in "SOC Group" must agree
 * with the code's shape.
 */
#include "core/err.h"
#include "fetch/catalog.h"

struct pm_store;

/*
 * pm_import_fn for the SOC definitions workbook. Fails with PM_EDATA naming
 * file, sheet, row and field for a bad row, or when no sheet has the
 * header; loads nothing then (the caller rolls back). Only SOC 2018 is
 * accepted: the soc table holds one vintage.
 */
enum pm_status pm_soc_import(struct pm_store *st, const char *path,
			     const struct pm_import_opts *opts, struct pm_import_report *rep,
			     struct pm_err *err);

/* The download spec for the SOC 2018 definitions. Fills S (release with pm_fetch_spec_release()).
 */
enum pm_status pm_soc_spec(struct pm_fetch_spec *s, struct pm_err *err);

/* pm_respec_fn and pm_validate_fn (an xlsx workbook with the SOC header row). */
enum pm_status pm_soc_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err);
enum pm_status pm_soc_validate(const struct pm_fetch_spec *spec, const char *path,
			       struct pm_err *err);

#endif
