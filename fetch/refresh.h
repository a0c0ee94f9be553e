#ifndef PM_FETCH_REFRESH_H
#define PM_FETCH_REFRESH_H
/*
 * Refresh: re-check everything the store was loaded from and reload what
 * changed. Downloaded datasets are fetched again from their URL with their
 * stored request (conditionally: an unchanged file costs a 304); local
 * imports are re-read when the file's checksum changed. Each reload is its
 * own transaction and supersedes the old dataset: cells the new version no
 * longer has are removed, and counted.
 */
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "fetch/fetch.h"

struct pm_store;
struct cJSON;

struct pm_refresh_item {
	char *label;	    /* what was checked */
	char *url;	    /* downloaded datasets */
	char *location;	    /* local imports */
	int64_t dataset_id; /* the dataset checked */
	struct pm_fetch_outcome out;
};

struct pm_refresh_result {
	struct pm_refresh_item *items;
	size_t n;
	int checked, changed, failed;
	int fresh; /* skipped: checked within --max-age */
};

struct pm_refresh_opts {
	double max_age_days; /* re-check only what was last checked longer ago; < 0 = all */
	struct pm_fetch_opts fetch;
};

/*
 * Refresh ST into RES (release with pm_refresh_result_release()). Returns
 * PM_OK when nothing failed, PM_EPARTIAL when some checks failed and some
 * succeeded, and a failure code (PM_ENET, ...) when every check failed.
 */
enum pm_status pm_refresh(struct pm_store *st, const struct pm_refresh_opts *o,
			  struct pm_refresh_result *res, struct pm_err *err);
void pm_refresh_result_release(struct pm_refresh_result *res);

/*
 * The change report as JSON: times, exit code, counts, every change (rows
 * added and removed), every failure, and RANK_CHANGES (taken; may be NULL).
 * Returns a new object (cJSON_Delete()).
 */
struct cJSON *pm_refresh_report(const struct pm_refresh_result *res, const char *started,
				const char *finished, int exit_code, struct cJSON *rank_changes);

/* Record a refresh run in the store's refresh_run table (REPORT is JSON text). */
enum pm_status pm_refresh_record(struct pm_store *st, const struct pm_refresh_result *res,
				 const char *started, const char *finished, int exit_code,
				 const char *report, struct pm_err *err);

#endif
