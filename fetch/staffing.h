#ifndef PM_FETCH_STAFFING_H
#define PM_FETCH_STAFFING_H
/*
 * Staffing patterns: how many of an industry's workers are in each
 * occupation (table staffing, one row per industry, SOC, year and source).
 * Two sources fill it:
 *
 * "ep-matrix": the BLS National Employment Matrix as published per industry
 * (https://www.bls.gov/emp/ind-occ-matrix/, the industry-occupation matrix
 * tool's export), as .xlsx or .csv. The table is recognised by its header,
 * found in the first 20 rows by its "Occupation Code" column, which must
 * also have "Occupation Title", "Industry Code", "Industry Title" and
 * "YYYY Employment" (the base year); "YYYY Percent of Industry" is used
 * when present (for the same year). Other columns (projected employment,
 * percent of occupation, change) are ignored. Employment is in thousands
 * and stored as persons; share = percent of industry / 100. Industry codes
 * are the matrix's own ("622000", "TE1000" total employment, "1131-2"
 * combined industries, "900000" government), not NAICS, so they are stored
 * as published after a shape check (letters, digits, hyphens). Summary and
 * line-item rows both load; a code seen twice in one file is an error.
 * Each industry's title (and "Industry Type" when the export has it) goes
 * to staffing_industry, unless EP Table 1.9 (fetch/ep.h) has described the
 * code already: that row has the NAICS text and is left alone.
 *
 * "oews-industry": derived from OEWS national industry estimates already in
 * table oews (the in4 release, nat3d/nat4d workbooks), not parsed again:
 * the OEWS loader (fetch/oews.h) calls pm_staffing_derive_oews() after
 * loading such rows. industry = OEWS's NAICS code as published ("622000",
 * "3250A1"), employment = TOT_EMP, share = TOT_EMP / the TOT_EMP of the
 * same industry's 00-0000 row (NULL without one, or when either is not
 * published). Where OEWS publishes an industry more than once (I_GROUP
 * 3-digit and 4-digit, or by ownership), the copy with the largest
 * all-occupations total is kept. The industries go to staffing_industry
 * (source 'oews-industry') with OEWS's NAICS_TITLE; naics and ind_type stay
 * NULL (the code's shape says what it covers). Importing an OEWS file as "staffing" hands
 * it to the OEWS loader, which does the same.
 */
#include <stdint.h>

#include "core/err.h"
#include "fetch/catalog.h"

/*
 * Load the National Employment Matrix export at PATH (xlsx or csv) into
 * ST, or hand an OEWS workbook or zip to pm_oews_import(). The caller owns
 * the transaction. Fails with PM_EDATA naming the file, row and field for
 * an unrecognised table, a missing column, a bad number or code, or a
 * duplicate row; PM_EIO when PATH cannot be read.
 */
enum pm_status pm_staffing_import(struct pm_store *st, const char *path,
				  const struct pm_import_opts *opts, struct pm_import_report *rep,
				  struct pm_err *err);

/*
 * Derive "oews-industry" staffing rows from the national industry rows
 * of OEWS dataset DATASET_ID (see above), tagged with that dataset; rows
 * of the same industry, SOC and year are replaced. Call inside the load's
 * transaction.
 */
enum pm_status pm_staffing_derive_oews(struct pm_store *st, int64_t dataset_id, struct pm_err *err);

#endif
