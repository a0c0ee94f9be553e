#ifndef PM_FETCH_EP_H
#define PM_FETCH_EP_H
/*
 * BLS Employment Projections (EP) tables (https://www.bls.gov/emp/tables.htm).
 *
 *   {base}/occupation.xlsx   base: https://www.bls.gov/emp/ind-occ-matrix
 *   {base}/education.xlsx    (PATHMAP_EP_URL replaces it)
 *
 * A workbook is recognised by its sheets, never by its file name:
 *
 *   occupation.xlsx  "Table 1.2" Occupational projections and worker
 *                    characteristics -> ep_occupation (employment, change,
 *                    self-employed, openings, median wage, entry education,
 *                    work experience, on-the-job training);
 *                    "Table 1.10" Occupational separations and openings ->
 *                    the same ep_occupation rows (exit, transfer and
 *                    separation rates and annual averages), merged by SOC;
 *                    "Table 1.9" the matrix's industries -> staffing_industry
 *                    (source 'ep-matrix': code, title, industry type and the
 *                    "2022 NAICS code" text), so staffing patterns keyed by
 *                    matrix codes can be resolved to NAICS.
 *   education.xlsx   "Table 5.3" Educational attainment -> ep_attainment;
 *                    "Table 5.4" Education and training assignments ->
 *                    ep_occupation's education, experience and training,
 *                    only for occupations Table 1.2 has not loaded (their
 *                    proj_year stays NULL until it does).
 *
 * Each table has a title row, a header row, the data and then notes: the
 * header is found by its "YYYY National Employment Matrix code" column, the
 * base and projected years are read from "Employment, 2024" and
 * "Employment, 2034", and the data ends at the first row without a code
 * (a data row after that is an error). Both "Summary" and "Line item" rows
 * load, with occ_type saying which.
 *
 * Units: employment, change, openings, exits, transfers and separations are
 * published in thousands with one decimal and stored as persons (x 1000,
 * exactly, from the decimal text). Rates and percents are stored as
 * published. The median wage is whole dollars; when it is not a number
 * (">=$239,200" for the top code, "—" when not available) it is NULL and
 * the text is kept in median_wage_flag. "—" elsewhere is NULL.
 */
#include "core/err.h"
#include "fetch/catalog.h"

/*
 * A spec for WHICH ("occupation" or "education"), as S (release it with
 * pm_fetch_spec_release()). PM_EUSAGE for anything else.
 */
enum pm_status pm_ep_spec(struct pm_fetch_spec *s, const char *which, struct pm_err *err);

/* pm_respec_fn, pm_validate_fn and pm_import_fn for EP workbooks. */
enum pm_status pm_ep_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err);
enum pm_status pm_ep_validate(const struct pm_fetch_spec *spec, const char *path,
			      struct pm_err *err);

/*
 * Load the EP workbook at PATH (occupation.xlsx or education.xlsx) into
 * ST; the caller owns the transaction. Fails with PM_EDATA naming the file,
 * sheet, row and field for a workbook without the tables above, a header
 * lacking a column, a bad number or code; PM_EIO when PATH cannot be read.
 */
enum pm_status pm_ep_import(struct pm_store *st, const char *path,
			    const struct pm_import_opts *opts, struct pm_import_report *rep,
			    struct pm_err *err);

#endif
