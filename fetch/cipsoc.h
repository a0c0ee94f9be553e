#ifndef PM_FETCH_CIPSOC_H
#define PM_FETCH_CIPSOC_H
/*
 * NCES Classification of Instructional Programs (CIP 2020) and the CIP 2020
 * to SOC 2018 crosswalk NCES publishes with BLS:
 *
 *   {base}/CIPCode2020.csv                     base: https://nces.ed.gov/ipeds/cipcode/Files
 *   {base}/CIP2020_SOC2018_Crosswalk.xlsx
 *
 * CIPCode2020.csv: CIPFamily, CIPCode, Action, TextChange, CIPTitle,
 * CIPDefinition, CrossReferences, Examples; codes written as Excel text
 * guards (="01.0101"); 2-, 4- and 6-digit codes (50, 473 and 2325 rows),
 * with "Moved to" and "Deleted" rows kept as published -> `cip`.
 *
 * The crosswalk workbook (its file name may be anything): sheet "CIP-SOC",
 * header CIP2020Code | CIP2020Title | SOC2018Code | SOC2018Title, 6,097
 * pairs, many-to-many -> `cip_soc`. The "no match" rows are kept exactly
 * as NCES writes them: CIP '99.9999' (no program for the SOC) and SOC
 * '99-9999' (no occupation for the CIP); every other code is normalised.
 */
#include "core/err.h"
#include "fetch/catalog.h"

struct pm_store;

/*
 * pm_import_fn for CIPCode2020.csv or the crosswalk workbook, told apart by
 * content. Fails with PM_EDATA naming file, line (or sheet and row) and
 * field for a bad row or a missing column; loads nothing then (the caller
 * rolls back).
 */
enum pm_status pm_cipsoc_import(struct pm_store *st, const char *path,
				const struct pm_import_opts *opts, struct pm_import_report *rep,
				struct pm_err *err);

/*
 * The download spec for TABLE: "crosswalk" (CIP2020_SOC2018_Crosswalk.xlsx)
 * or "codes" (CIPCode2020.csv). Fills S (release with
 * pm_fetch_spec_release()); PM_EUSAGE for another TABLE.
 */
enum pm_status pm_cipsoc_spec(struct pm_fetch_spec *s, const char *table, struct pm_err *err);

/* pm_respec_fn and pm_validate_fn (the workbook's CIP-SOC header, or the CSV's CIPCode column). */
enum pm_status pm_cipsoc_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err);
enum pm_status pm_cipsoc_validate(const struct pm_fetch_spec *spec, const char *path,
				  struct pm_err *err);

#endif
