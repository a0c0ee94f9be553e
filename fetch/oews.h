#ifndef PM_FETCH_OEWS_H
#define PM_FETCH_OEWS_H
/*
 * BLS Occupational Employment and Wage Statistics (OEWS) release files
 * (https://www.bls.gov/oes/tables.htm).
 *
 *   {base}/oesm{YY}{nat,st,ma,in4}.zip   base: https://www.bls.gov/oes/special-requests
 *                                        (PATHMAP_OEWS_URL replaces it)
 *
 * Each zip holds one or more workbooks (national_M2025_dl.xlsx,
 * state_M2025_dl.xlsx, MSA_M2025_dl.xlsx, BOS_M2025_dl.xlsx, nat3d/nat4d
 * ..._dl.xlsx, ...). A workbook (.xlsx, or a zip of them: every .xlsx member
 * with a data sheet loads, one at a time, each read into memory up to
 * PM_OEWS_MAX_MEMBER) has its data on the first sheet whose header has an
 * OCC_CODE column; the columns are found by name, upper or lower case:
 * AREA, AREA_TITLE, AREA_TYPE, PRIM_STATE, NAICS, NAICS_TITLE, I_GROUP,
 * OWN_CODE, OCC_CODE, OCC_TITLE, O_GROUP, TOT_EMP, EMP_PRSE, JOBS_1000,
 * LOC_QUOTIENT, PCT_TOTAL, PCT_RPT, H_MEAN, A_MEAN, MEAN_PRSE,
 * H_PCT10..H_PCT90, A_PCT10..A_PCT90, ANNUAL, HOURLY. Older releases name
 * some differently (OCC_GROUP or GROUP for O_GROUP, AREA_NAME for
 * AREA_TITLE) or lack them: OCC_CODE, OCC_TITLE, TOT_EMP, H_MEAN and
 * A_MEAN are required; a file without AREA is national ("99"), without
 * NAICS cross-industry ("000000"), without OWN_CODE all ownerships
 * ("1235"); a missing measure is NULL.
 *
 * Sentinels are not numbers: "*" (wage not available), "**" (employment
 * not available), "#" (wage top-coded: at least $115.00 an hour or
 * $239,200 a year) and "~" (under 0.5% of establishments report the
 * occupation) store NULL and are recorded in the row's flags as
 * "COLUMN=SENTINEL;..." (e.g. "H_MEAN=*;H_PCT10=*"). Rows with TOT_EMP "**"
 * count as suppressed. ANNUAL/HOURLY "TRUE" (only annual or only hourly
 * wages are published) set annual_only/hourly_only to 1.
 *
 * Codes: OCC_CODE through pm_code_normalize() as SOC; AREA "99" for the
 * U.S., a state FIPS (normalised) for area types 2 and 3, else the MSA or
 * nonmetropolitan area code as published (digits); NAICS as OEWS writes it,
 * six characters padded with zeros ("000000" cross-industry, "000001"
 * cross-industry private, "113300", "3250A1" for OEWS's own aggregates):
 * numeric codes are checked with pm_code_normalize(), the rest by shape.
 * Rows are keyed by area, NAICS, I_GROUP, ownership, occupation, O_GROUP
 * and year: OEWS publishes an industry aggregated to three digits twice
 * (I_GROUP "3-digit" and "4-digit") and an occupation aggregated to a
 * broad group twice (O_GROUP "broad" and "detailed"); both copies load.
 *
 * The year (the May reference period) is read from the content when it
 * says: the data sheet's name ("national_M2025_dl"), else the first rows of
 * the "Field Descriptions" sheet ("May 2025 OEWS Estimates"); failing that
 * from the zip member's or the file's name ("M2025", "oesm25"). A file
 * none of these date is refused: keep the published names.
 *
 * National industry rows (AREA 99, NAICS other than 000000/000001) also
 * yield staffing patterns (fetch/staffing.h, pm_staffing_derive_oews()),
 * under the same dataset.
 *
 * Sheets are streamed a row at a time, so memory does not grow with the
 * number of rows (all-area files have over 500,000).
 */
#include <stdint.h>

#include "core/err.h"
#include "fetch/catalog.h"

/* Largest workbook read out of a zip into memory. */
#define PM_OEWS_MAX_MEMBER ((uint64_t)512 << 20)

/*
 * A spec for the release of YEAR (2000-2099) and WHICH: "nat" (national),
 * "st" (states), "ma" (metropolitan and nonmetropolitan areas) or "in4"
 * (national by industry), as S (release with pm_fetch_spec_release()).
 * PM_EUSAGE for anything else.
 */
enum pm_status pm_oews_spec(struct pm_fetch_spec *s, int year, const char *which,
			    struct pm_err *err);

/* pm_respec_fn, pm_validate_fn and pm_import_fn for OEWS. */
enum pm_status pm_oews_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err);
enum pm_status pm_oews_validate(const struct pm_fetch_spec *spec, const char *path,
				struct pm_err *err);

/*
 * Load the OEWS workbook or zip at PATH into ST (table oews; staffing for
 * national industry rows); the caller owns the transaction. Fails with
 * PM_EDATA naming the file, sheet, row and field for a workbook without an
 * OCC_CODE sheet, a missing required column, an undated file, a bad code or
 * number; PM_EIO when PATH cannot be read.
 */
enum pm_status pm_oews_import(struct pm_store *st, const char *path,
			      const struct pm_import_opts *opts, struct pm_import_report *rep,
			      struct pm_err *err);

/*
 * The OEWS year named by NAME ("national_M2025_dl.xlsx" -> 2025,
 * "oesm24nat.zip" -> 2024), or 0.
 */
int pm_oews_year_of_name(const char *name);

#endif
