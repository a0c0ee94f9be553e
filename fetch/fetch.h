#ifndef PM_FETCH_FETCH_H
#define PM_FETCH_FETCH_H
/*
 * Fetching: download what a list of specs asks for, check it, load it,
 * keep it. For each spec:
 *
 *   1. a BLS host and no contact e-mail: refused before any request;
 *   2. a cached copy whose server ignored conditional requests before is
 *      checked with HEAD (Content-Length + Last-Modified);
 *   3. otherwise GET, conditional on the cached copy's ETag/Last-Modified:
 *      304 costs no download and no reload;
 *   4. a new body goes to a temporary file, is validated by its source
 *      (not HTML, the right columns, the right slice and year), loaded in
 *      its own transaction, and only then moved into the cache.
 *
 * A failure at any step leaves the previous cached copy and the store as
 * they were.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "fetch/catalog.h"
#include "fetch/http.h"

struct pm_store;

enum pm_fetch_state {
	PM_FETCH_FAILED,
	PM_FETCH_UNCHANGED, /* the store already holds this version */
	PM_FETCH_NEW,	    /* first load of this URL */
	PM_FETCH_UPDATED,   /* a newer version replaced an older dataset */
};

struct pm_fetch_outcome {
	enum pm_fetch_state state;
	struct pm_err err;	/* when FAILED */
	long status;		/* last HTTP status */
	bool not_modified;	/* the server said unchanged (304, or HEAD) */
	uint64_t bytes;		/* downloaded */
	int64_t dataset_id;	/* the dataset now current for the URL */
	int64_t old_dataset_id; /* the dataset it superseded (UPDATED) */
	int64_t rows;		/* rows of the current dataset */
	int64_t rows_added;	/* cells the new version has and the old had not */
	int64_t rows_removed;	/* cells the old version had and the new has not */
};

struct pm_fetch_opts {
	bool force; /* download even when the cached copy is current */
	struct pm_http_settings http;
};

/*
 * Fetch SPECS (N of them) into ST, filling OUT[i] for each. Returns PM_OK
 * when every spec succeeded (new, updated or unchanged), PM_EPARTIAL when
 * some failed, and the first failure's code when all failed. Runs its own
 * transactions.
 */
enum pm_status pm_fetch(struct pm_store *st, const struct pm_fetch_spec *specs, size_t n,
			const struct pm_fetch_opts *o, struct pm_fetch_outcome *out,
			struct pm_err *err);

/* The published file name of URL (its last path segment), as a new string. */
char *pm_url_file_name(const char *url);

#endif
