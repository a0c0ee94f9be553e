#ifndef PM_FETCH_CATALOG_H
#define PM_FETCH_CATALOG_H
/*
 * The source catalog: one entry per data source pathmap can import from a
 * local file and (where it has URL patterns) download. `pathmap import
 * SOURCE FILE...` and `pathmap fetch SOURCE ...` find SOURCE here; each
 * source's own file (fetch/<source>.c) knows its URLs, layouts, validation
 * and loader.
 *
 * Base URLs are configurable per source, so tests and mirrors work:
 * PATHMAP_<SOURCE>_URL (or `<source>_url` in the config file) replaces the
 * scheme, host and prefix, e.g. PATHMAP_QCEW_URL=http://127.0.0.1:8731/cew.
 */
#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct pm_store;
struct pm_progress;

struct pm_import_opts {
	bool force;		      /* reload a file already loaded (same checksum) */
	struct pm_progress *progress; /* borrowed, may be NULL */
	/* set when the file was downloaded (fetch, refresh); all borrowed */
	const char *url;
	const char *etag;
	const char *last_modified;
	const char *fetched_at;
	const char *request;   /* JSON: how to fetch it again */
	const char *file_name; /* the published name, instead of PATH's base name */
	const char *location;  /* where the file is kept (the cache), instead of PATH */
	int64_t replaces;      /* a dataset this load supersedes: its rows the new file
				  no longer has are deleted (0 = none) */
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
	int64_t repaired;     /* codes repaired (e.g. leading zeros restored) */
	int64_t rows_removed; /* rows of the superseded dataset no longer published */
	char *first_area;     /* e.g. '39049' */
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

/* One file to download: built by a source from command options, or from a
 * dataset's stored request when refreshing. */
struct pm_fetch_spec {
	const struct pm_source *src;
	char *url;	   /* as recorded and shown: dataset, cache, messages (no secrets) */
	char *label;	   /* for messages: "QCEW 2023 annual, area 39049" */
	char *request;	   /* JSON: how to build this spec again (no secrets) */
	char *post_body;   /* POST requests (BLS API); may hold a secret: never logged */
	char *cache_key;   /* tells POST requests apart in the cache (no secrets) */
	char *fetch_url;   /* the URL requested when URL masks a secret in it (CareerOneStop's
			      user id, shown as "{userId}"): never logged; NULL = url */
	char *auth_header; /* "Authorization: Bearer ..." (a secret: never logged), or NULL */
	char *file_name;   /* name to record for the file; NULL: the URL's last segment */
	/* what the file must contain (checked before loading) */
	char kind;     /* 'a' area slice, 'i' industry slice, 's' singlefile, 't' table,
			  'j' JSON API response */
	char code[32]; /* the area, industry or table asked for */
	int year;
	char qtr; /* 'A' or '1'..'4' */
};

void pm_fetch_spec_release(struct pm_fetch_spec *s);

/*
 * Check that the downloaded file at PATH is what SPEC asked for (content
 * sniffing, header columns, the requested slice and year); PM_EDATA with a
 * message naming the URL otherwise.
 */
typedef enum pm_status pm_validate_fn(const struct pm_fetch_spec *spec, const char *path,
				      struct pm_err *err);

/* Rebuild a spec from its stored request JSON (refresh). */
typedef enum pm_status pm_respec_fn(const char *request, struct pm_fetch_spec *out,
				    struct pm_err *err);

struct pm_source {
	const char *name; /* 'qcew' */
	const char *summary;
	pm_import_fn *import; /* NULL: not importable yet */
	const char *base_url; /* default base URL; NULL: not fetchable yet */
	pm_validate_fn *validate;
	pm_respec_fn *respec;
	bool needs_contact; /* the publisher refuses requests without a contact e-mail */
};

/* NULL-name-terminated list of sources. */
extern const struct pm_source pm_sources[];

/* The source called NAME, or NULL. */
const struct pm_source *pm_source_find(const char *name);

/*
 * Load PATH with SRC's loader in a transaction of its own: committed when it
 * loads, rolled back (the store as it was) when it does not.
 */
enum pm_status pm_source_import_file(struct pm_store *st, const struct pm_source *src,
				     const char *path, const struct pm_import_opts *opts,
				     struct pm_import_report *rep, struct pm_err *err);

/*
 * The base URL of SRC: PATHMAP_<NAME>_URL / <name>_url config, else its
 * default; without a trailing slash. Returns a new string, or NULL when
 * the source has none.
 */
char *pm_source_base(const struct pm_source *src);

#endif
