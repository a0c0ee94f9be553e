#ifndef PM_FETCH_CACHE_H
#define PM_FETCH_CACHE_H
/*
 * The download cache: $PATHMAP_CACHE_DIR, else $XDG_CACHE_HOME/pathmap, else
 * ~/.cache/pathmap. A file fetched from a URL lives at
 * <root>/<source>/<host>/<url path> beside a JSON manifest "<file>.json"
 * (URL, ETag, Last-Modified, bytes, SHA-256, fetch time). Downloads go to a
 * temporary file in the same directory and are renamed into place only
 * after they validated and loaded, so the cache always holds the last good
 * copy; the manifest is replaced the same way.
 */
#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct pm_cache_entry {
	char *path;	/* the cached copy */
	char *manifest; /* its manifest */
	bool present;	/* copy and manifest exist and agree */
	char *url;
	char *etag; /* NULL when the server sent none */
	char *last_modified;
	char *sha256;
	char *fetched_at;
	char *content_type;
	int64_t bytes;
	bool ignores_conditional; /* the server answered 200 to a conditional request for
				     an unchanged file: check with HEAD first next time */
};

/* The cache root as a new string. */
char *pm_cache_root(void);

/*
 * Locate URL fetched for SOURCE in the cache (KEY, optional, tells apart
 * different POST requests to one URL; it must hold no secret). Fills E
 * (release with pm_cache_entry_release()), reading the manifest if there is
 * one. Fails with PM_EUSAGE for a URL that cannot be mapped to a file name.
 */
enum pm_status pm_cache_entry_for(const char *source, const char *url, const char *key,
				  struct pm_cache_entry *e, struct pm_err *err);
void pm_cache_entry_release(struct pm_cache_entry *e);

/* Create the entry's directory and a new temporary file beside it; *TMP is new (free()). */
enum pm_status pm_cache_tmp(const struct pm_cache_entry *e, char **tmp, struct pm_err *err);

/*
 * Move TMP into place (when non-NULL) and write E's manifest atomically.
 * E's url, etag, last_modified, bytes, sha256, fetched_at and content_type
 * must be set by the caller.
 */
enum pm_status pm_cache_commit(struct pm_cache_entry *e, const char *tmp, struct pm_err *err);

/* SHA-256 (hex) and size of the file at PATH. */
enum pm_status pm_file_sha256(const char *path, char out[65], int64_t *bytes, struct pm_err *err);

#endif
