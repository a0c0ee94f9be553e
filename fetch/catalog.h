#ifndef PM_FETCH_CATALOG_H
#define PM_FETCH_CATALOG_H
/*
 * The source catalog: one entry per data source pathmap can import (and,
 * with the fetch engine, download). `pathmap import SOURCE FILE...` finds
 * SOURCE here; each source's file (fetch/<source>.c) knows its layouts,
 * validation and loader.
 */
#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct pm_store;
struct pm_progress;

struct pm_import_opts {
	bool force;		      /* reload a file already loaded (same checksum) */
	struct pm_progress *progress; /* borrowed, may be NULL */
};

/* What one imported file did. */
struct pm_import_report {
	char *file;	    /* as given */
	char *kind;	    /* 'area-slice', 'singlefile', 'area-titles', ... */
	int64_t dataset_id; /* new dataset, or the existing one when skipped */
	bool skipped;	    /* same checksum already loaded */
	char loaded_at[32]; /* of the existing dataset when skipped */
	int year;	    /* 0 when several or none */
	char qtr[2];
	int64_t rows;
	int64_t suppressed;
	int64_t repaired; /* codes repaired (e.g. leading zeros restored) */
	char *first_area; /* e.g. '39049' */
	char *first_industry;
	int64_t nareas;
	int64_t nindustries;
	char *members; /* zip members read, or NULL */
};

void pm_import_report_release(struct pm_import_report *r);

/*
 * Load the file at PATH into ST. The caller owns the transaction (an import
 * command loads all its files in one, so a bad file changes nothing).
 */
typedef enum pm_status pm_import_fn(struct pm_store *st, const char *path,
				    const struct pm_import_opts *opts, struct pm_import_report *rep,
				    struct pm_err *err);

struct pm_source {
	const char *name; /* 'qcew' */
	const char *summary;
	pm_import_fn *import; /* NULL: not importable yet */
};

/* NULL-name-terminated list of sources. */
extern const struct pm_source pm_sources[];

/* The source called NAME, or NULL. */
const struct pm_source *pm_source_find(const char *name);

#endif
