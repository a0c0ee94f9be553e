#ifndef PM_FETCH_PROJECTIONS_H
#define PM_FETCH_PROJECTIONS_H
/*
 * State long-term occupational projections (table projection), from two
 * publishers' formats, told apart by content:
 *
 * Projections Central (https://public.projectionscentral.org), the states'
 * shared site, as JSON:
 *
 *   GET {base}/Projections/LongTermRestJson/{STFIPS}?items_per_page=N&page=P
 *   {"rows": [{"Area": "Ohio", "Title": "Registered Nurses",
 *              "Base": "1,234", "Projected": "1,300", "Change": "66",
 *              "PercentChange": "5.3", "AvgAnnualOpenings": "98",
 *              "STFIPS": "39", "StateURL": "...", "OccCode": "29-1141",
 *              "BaseYear": "2022", "ProjYear": "2032"}, ...], ...}
 *
 *   Numbers are strings, sometimes with thousands commas (JSON numbers are
 *   accepted too). A row with STFIPS "0" is the national row: it means the
 *   request went to the wrong place and the file is refused, as is a
 *   response mixing states. AvgAnnualOpenings is an annual average and is
 *   stored as published in openings_annual; the period total (openings) is
 *   left NULL rather than made up as annual x years, because the published
 *   average is rounded. Exits, transfers, wages and education are not in
 *   this format (NULL).
 *
 *   Pages: page P (from 0) of N rows per page, one spec each. The last
 *   page is the first one with fewer than N rows (possibly none): a caller
 *   fetches pages 0, 1, ... and stops after a page whose pm_fetch_outcome
 *   rows (the rows its dataset holds) are below N, or counts a saved page
 *   with pm_projections_page_rows(). Each page is its own file and dataset.
 *
 * California EDD (https://labormarketinfo.edd.ca.gov/data/employment-projections.html),
 * the statewide long-term workbook: sheet "Occupational" (any sheet with
 * the header is taken), title rows naming the state and "Statewide", then
 * a header with footnote markers ("SOC Code[2]", "Exits\n[7]") matched
 * after dropping them: SOC Level, SOC Code, Occupational Title, Base Year
 * Employment Estimate YYYY, Projected Year Employment Estimate YYYY,
 * Numeric Change, Percent-age Change (a fraction: 0.088 is stored as 8.8
 * percent), Exits, Transfers, Total Job Openings (10-year totals, stored as
 * published in exits, transfers and openings), Median Hourly Wages, Median
 * Annual Wages (EDD writes $0 where it has no estimate: NULL; the annual
 * median is rounded to whole dollars), Entry Level Education, Work
 * Experience, On-the-Job Training ("N/A" is NULL). The data ends at "End of
 * worksheet.". area is the state's FIPS code ("06"), area_name its name;
 * sub-state workbooks (no "Statewide" title) are refused, as they carry no
 * area code.
 *
 * Every SOC and FIPS code goes through pm_code_normalize().
 */
#include <stddef.h>

#include "core/err.h"
#include "fetch/catalog.h"

/* Rows per Projections Central page asked for. */
#define PM_PROJECTIONS_PAGE_SIZE 500

/*
 * A spec for page PAGE (from 0) of the long-term projections of state
 * STFIPS (a FIPS code or postal abbreviation), PER_PAGE rows a page, as S
 * (release with pm_fetch_spec_release()). PM_EUSAGE for an unknown state,
 * a negative page or PER_PAGE outside 1..10000.
 */
enum pm_status pm_projections_spec(struct pm_fetch_spec *s, const char *stfips, int page,
				   int per_page, struct pm_err *err);

/*
 * The number of rows of the Projections Central page at PATH, in *N; the
 * page was the last when *N is below the page size asked for.
 */
enum pm_status pm_projections_page_rows(const char *path, size_t *n, struct pm_err *err);

/* pm_respec_fn, pm_validate_fn and pm_import_fn for state projections. */
enum pm_status pm_projections_respec(const char *request, struct pm_fetch_spec *out,
				     struct pm_err *err);
enum pm_status pm_projections_validate(const struct pm_fetch_spec *spec, const char *path,
				       struct pm_err *err);

/*
 * Load the Projections Central JSON page or EDD workbook at PATH into ST;
 * the caller owns the transaction. Fails with PM_EDATA naming the file,
 * sheet or row and field for an unrecognised file, a national row, a bad
 * number or code, or an occupation twice; PM_EIO when PATH cannot be read.
 */
enum pm_status pm_projections_import(struct pm_store *st, const char *path,
				     const struct pm_import_opts *opts,
				     struct pm_import_report *rep, struct pm_err *err);

#endif
