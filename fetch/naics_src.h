#ifndef PM_FETCH_NAICS_SRC_H
#define PM_FETCH_NAICS_SRC_H
/*
 * NAICS code lists as the Census Bureau publishes them (the hierarchy
 * itself is sectors/naics.h):
 *
 *   https://www.census.gov/naics/2022NAICS/2-6%20digit_2022_Codes.xlsx
 *   https://www.census.gov/naics/2017NAICS/2-6%20digit_2017_Codes.xlsx
 *
 * One sheet: header "Seq. No. | 2022 NAICS US   Code | 2022 NAICS US Title"
 * (blanks as published), then one row per sector (ranges written "31-33"),
 * subsector, industry group, NAICS industry and national industry: 2125
 * codes in 2022, 2196 in 2017. Rows go to `naics (vintage, code, title)`,
 * upserted over the titles pathmap ships (store/reference.c). The vintage
 * is read from the header ("2022 NAICS US Code"), never from the file name;
 * the "T" Census appends to some titles (a footnote marker for
 * United States industries) is dropped.
 */
#include "core/err.h"
#include "fetch/catalog.h"

struct pm_store;

/*
 * pm_import_fn for a Census "2-6 digit_YYYY_Codes.xlsx" workbook. Fails
 * with PM_EDATA naming file, sheet, row and field for a bad code, or when
 * no sheet has the header; loads nothing then (the caller rolls back).
 */
enum pm_status pm_naics_import(struct pm_store *st, const char *path,
			       const struct pm_import_opts *opts, struct pm_import_report *rep,
			       struct pm_err *err);

/*
 * The download spec for the NAICS VINTAGE (2017 or 2022) code list. Fills S
 * (release with pm_fetch_spec_release()); PM_EUSAGE for another year.
 */
enum pm_status pm_naics_spec(struct pm_fetch_spec *s, int vintage, struct pm_err *err);

/* pm_respec_fn and pm_validate_fn (a workbook with the NAICS header of the year asked for). */
enum pm_status pm_naics_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err);
enum pm_status pm_naics_validate(const struct pm_fetch_spec *spec, const char *path,
				 struct pm_err *err);

#endif
