#ifndef PM_STORE_DATASET_H
#define PM_STORE_DATASET_H
/*
 * Provenance: one `dataset` row per loaded file. Every fact row points at
 * the dataset it came from, so any number in a report can name its file,
 * checksum and load time.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct pm_store;

struct pm_dataset {
	int64_t id;
	char *source;	 /* 'qcew', 'reference', ... */
	char *kind;	 /* 'area-slice', 'singlefile', 'area-titles', ... */
	char *file_name; /* base name as published */
	char *member;	 /* zip member(s) read, or NULL */
	char *location;	 /* path or URL */
	int64_t bytes;
	char sha256[65];
	int year;      /* 0 = not periodic / mixed */
	char qtr[2];   /* "A", "1".."4", "" */
	char *vintage; /* may be NULL */
	char loaded_at[32];
	int64_t rows_read;
	int64_t rows_loaded;
	int64_t rows_suppressed;
	/* fetched datasets (NULL/empty for local imports) */
	char *url;           /* where it was downloaded from */
	char *etag;          /* the server's validators at download time */
	char *last_modified;
	char fetched_at[32];
	char checked_at[32]; /* last time a refresh found it current */
	char *request;       /* JSON: how to fetch it again (never secrets) */
};

/* Free the strings in DS (not DS itself). */
void pm_dataset_release(struct pm_dataset *ds);

/* Insert DS (loaded_at set to now) and set DS->id. Call inside a transaction. */
enum pm_status pm_dataset_insert(struct pm_store *st, struct pm_dataset *ds, struct pm_err *err);
/* Write back year, qtr, member, vintage and the row counts of DS. */
enum pm_status pm_dataset_update(struct pm_store *st, const struct pm_dataset *ds,
				 struct pm_err *err);

/*
 * Look up the newest dataset of SOURCE with checksum SHA256. *FOUND tells
 * whether OUT was filled (release it with pm_dataset_release()).
 */
enum pm_status pm_dataset_find_sha(struct pm_store *st, const char *source, const char *sha256,
				   struct pm_dataset *out, bool *found, struct pm_err *err);

/* Load dataset ID into OUT; PM_ENOTFOUND when there is none. */
enum pm_status pm_dataset_get(struct pm_store *st, int64_t id, struct pm_dataset *out,
			      struct pm_err *err);

/* Set dataset ID's checked_at to WHEN (a refresh found it current). */
enum pm_status pm_dataset_mark_checked(struct pm_store *st, int64_t id, const char *when,
				       struct pm_err *err);

/* The newest dataset downloaded from URL, like pm_dataset_find_sha(). */
enum pm_status pm_dataset_find_url(struct pm_store *st, const char *url, struct pm_dataset *out,
				   bool *found, struct pm_err *err);

/*
 * All datasets matching the SQL condition WHERE (a constant string written
 * by the caller, never user input; NULL = all), by id. Returns a new array
 * of *N datasets: release each, then free the array.
 */
enum pm_status pm_dataset_list(struct pm_store *st, const char *where, struct pm_dataset **out,
			       size_t *n, struct pm_err *err);

/*
 * Delete datasets of SOURCE that no fact row of TABLE references any more
 * (their rows were all replaced by newer loads). Returns how many went.
 */
enum pm_status pm_dataset_prune(struct pm_store *st, const char *source, const char *table,
				int *pruned, struct pm_err *err);

#endif
