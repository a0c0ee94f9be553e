#ifndef PM_FETCH_BLSAPI_H
#define PM_FETCH_BLSAPI_H
/*
 * BLS Public Data API v2 (https://www.bls.gov/developers/api_signature_v2.htm).
 *
 *   POST {base}/timeseries/data/     base: https://api.bls.gov/publicAPI/v2
 *   {"seriesid": [...], "startyear": "2020", "endyear": "2025",
 *    "registrationkey": KEY, "catalog": false, "annualaverage": false}
 *
 * A request holds at most 50 series and 20 years with a registration key
 * (25 and 10 without one); longer lists are split into batches. The key
 * comes from PATHMAP_BLS_API_KEY or `bls_api_key` in the config file and is
 * never logged, cached, stored or shown.
 *
 * Responses carry `status` (REQUEST_SUCCEEDED, REQUEST_NOT_PROCESSED,
 * REQUEST_FAILED, REQUEST_FAILED_INVALID_PARAMETERS, ...) and `message`
 * strings ("Series does not exist for Series X", "No Data Available for
 * Series X Year: 2019"), surfaced verbatim. Values are strings ("5.0", "-"
 * when unavailable); periods are M01-M13 (M13 annual average), Q01-Q05,
 * S01-S03 and A01. Rows go to the `series` table, keyed by series, year and
 * period. A saved response (bare, or wrapped under a "data" key) can be
 * imported like any other file: `pathmap import blsapi FILE.json`.
 */
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "fetch/catalog.h"

/* Largest batches the API accepts, with and without a registration key. */
#define PM_BLSAPI_MAX_SERIES	   50
#define PM_BLSAPI_MAX_YEARS	   20
#define PM_BLSAPI_MAX_SERIES_NOKEY 25
#define PM_BLSAPI_MAX_YEARS_NOKEY  10

/*
 * Build the requests for SERIES (N ids) from START to END years, batched by
 * the limits above (KEY may be NULL). Returns a new array of *NSPECS specs;
 * release each and free the array. Fails with PM_EUSAGE for malformed
 * series ids or years.
 */
enum pm_status pm_blsapi_specs(const char *const *series, size_t n, int start, int end,
			       const char *key, bool catalog, struct pm_fetch_spec **specs,
			       size_t *nspecs, struct pm_err *err);

/* pm_respec_fn, pm_validate_fn and pm_import_fn for the API. */
enum pm_status pm_blsapi_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err);
enum pm_status pm_blsapi_validate(const struct pm_fetch_spec *spec, const char *path,
				  struct pm_err *err);
enum pm_status pm_blsapi_import(struct pm_store *st, const char *path,
				const struct pm_import_opts *opts, struct pm_import_report *rep,
				struct pm_err *err);

/* True when ID looks like a BLS series id (upper-case letters and digits, 4 to 30). */
bool pm_blsapi_series_ok(const char *id);

#endif
