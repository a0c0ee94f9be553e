#ifndef PM_FETCH_LOAD_H
#define PM_FETCH_LOAD_H
/*
 * What every loader does around its rows: checksum the file, skip it when
 * that checksum is already loaded (unless forced), record a dataset with
 * the file's provenance (and the download's, when fetched), and at the end
 * write back row counts, drop rows of a superseded dataset, and prune
 * datasets no row points at any more. A loader only parses and inserts:
 *
 *	struct pm_load ld;
 *
 *	if ((rc = pm_load_begin(st, "onet", "occupation-data", path, opts, rep, &ld, err)) ||
 *	    ld.skipped)
 *		goto out;
 *	... insert rows tagged with ld.ds.id, counting ld.ds.rows_read/rows_loaded ...
 *	rc = pm_load_finish(st, &ld, tables, opts, rep, err);
 * out:
 *	pm_load_release(&ld);
 *
 * The caller of the loader owns the transaction.
 */
#include <stdbool.h>

#include "core/err.h"
#include "fetch/catalog.h"
#include "store/dataset.h"

struct pm_store;

struct pm_load {
	struct pm_dataset ds; /* the new dataset (id set), or the loaded one when skipped */
	bool skipped;
};

/*
 * Start loading PATH for SOURCE as KIND (it may be changed in ld->ds.kind
 * before pm_load_finish() once the content is known). Fills REP's file
 * name; when the same bytes are already loaded (and OPTS does not force),
 * sets ld->skipped and fills REP from the existing dataset.
 */
enum pm_status pm_load_begin(struct pm_store *st, const char *source, const char *kind,
			     const char *path, const struct pm_import_opts *opts,
			     struct pm_import_report *rep, struct pm_load *ld, struct pm_err *err);

/*
 * Finish: write back ld->ds (kind, period, counts); when OPTS names a
 * superseded dataset, delete its rows left in TABLES (a NULL-terminated
 * list of fact tables with a dataset_id column) and count them in REP; then
 * prune datasets of the source without rows in any of TABLES. Fills REP.
 */
enum pm_status pm_load_finish(struct pm_store *st, struct pm_load *ld, const char *const *tables,
			      const struct pm_import_opts *opts, struct pm_import_report *rep,
			      struct pm_err *err);

void pm_load_release(struct pm_load *ld);

/*
 * Set ld->ds.rows_loaded to the rows dataset ld->ds.id has in TABLES (a
 * NULL-terminated list), for loaders that upsert and so cannot count as
 * they go. WHAT names them in a store failure ("EP" -> "cannot count EP
 * rows").
 */
enum pm_status pm_load_count(struct pm_store *st, struct pm_load *ld, const char *const *tables,
			     const char *what, struct pm_err *err);

/* Replace DS's kind with a copy of KIND, once the content has settled it. */
void pm_load_set_kind(struct pm_dataset *ds, const char *kind);

/* Replace DS's vintage with the printf-style FMT ("NAICS %d"). */
void pm_load_set_vintage(struct pm_dataset *ds, const char *fmt, ...) PM_PRINTF(2, 3);

#endif
