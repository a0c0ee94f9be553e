#ifndef PM_STORE_QCEW_H
#define PM_STORE_QCEW_H
/*
 * QCEW facts in the store: the row model shared by loaders (fetch/qcew.c),
 * a bulk writer, and the queries analysis needs (cells of a set of areas,
 * loaded periods, sources for derived national shares).
 *
 * Measures follow the published columns. Annual and quarterly files share
 * one table: `emplvl` is the annual average employment, or for a quarter its
 * third month (BLS's county releases compare third months); month1/month2
 * exist only for quarters. A measure is NULL when unknown: suppressed
 * (disclosure_code 'N'; BLS writes these as 0) or absent from the file.
 * Establishment counts are never suppressed and are kept for N rows.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct pm_store;
struct pm_qcell_set;

enum pm_qcew_measure {
	PM_Q_ESTABS,
	PM_Q_EMPLVL,
	PM_Q_MONTH1_EMPLVL,
	PM_Q_MONTH2_EMPLVL,
	PM_Q_TOTAL_WAGES,
	PM_Q_TAXABLE_WAGES,
	PM_Q_CONTRIBUTIONS,
	PM_Q_AVG_WKLY_WAGE,
	PM_Q_AVG_ANNUAL_PAY,
	PM_Q_LQ_ESTABS,
	PM_Q_LQ_EMPLVL,
	PM_Q_LQ_MONTH1_EMPLVL,
	PM_Q_LQ_MONTH2_EMPLVL,
	PM_Q_LQ_TOTAL_WAGES,
	PM_Q_LQ_TAXABLE_WAGES,
	PM_Q_LQ_CONTRIBUTIONS,
	PM_Q_LQ_AVG_WKLY_WAGE,
	PM_Q_LQ_AVG_ANNUAL_PAY,
	PM_Q_OTY_ESTABS_CHG,
	PM_Q_OTY_ESTABS_PCT,
	PM_Q_OTY_EMPLVL_CHG,
	PM_Q_OTY_EMPLVL_PCT,
	PM_Q_OTY_MONTH1_EMPLVL_CHG,
	PM_Q_OTY_MONTH1_EMPLVL_PCT,
	PM_Q_OTY_MONTH2_EMPLVL_CHG,
	PM_Q_OTY_MONTH2_EMPLVL_PCT,
	PM_Q_OTY_TOTAL_WAGES_CHG,
	PM_Q_OTY_TOTAL_WAGES_PCT,
	PM_Q_OTY_TAXABLE_WAGES_CHG,
	PM_Q_OTY_TAXABLE_WAGES_PCT,
	PM_Q_OTY_CONTRIBUTIONS_CHG,
	PM_Q_OTY_CONTRIBUTIONS_PCT,
	PM_Q_OTY_AVG_WKLY_WAGE_CHG,
	PM_Q_OTY_AVG_WKLY_WAGE_PCT,
	PM_Q_OTY_AVG_ANNUAL_PAY_CHG,
	PM_Q_OTY_AVG_ANNUAL_PAY_PCT,
	PM_Q_NMEASURES
};

/* Which disclosure code governs a measure. */
enum pm_qcew_group { PM_QG_BASE, PM_QG_LQ, PM_QG_OTY };

struct pm_qcew_measure_info {
	const char *column; /* store column */
	bool real;	    /* REAL (LQs, percents) or INTEGER */
	enum pm_qcew_group group;
	bool never_suppressed; /* establishment counts and their changes */
};

extern const struct pm_qcew_measure_info pm_qcew_measures[PM_Q_NMEASURES];

struct pm_qcew_row {
	char area[8];
	char own[2];
	char industry[8];
	char agglvl[3];
	char size[2];
	int year;
	char qtr[2];	    /* "A" or "1".."4" */
	char disclosure[2]; /* "" or "N" */
	char lq_disclosure[2];
	char oty_disclosure[2];
	bool has[PM_Q_NMEASURES];
	union {
		int64_t i;
		double d;
	} v[PM_Q_NMEASURES];
};

struct pm_qcew_writer;

/* Returns a new writer adding rows for dataset DATASET_ID; free with pm_qcew_writer_free(). */
enum pm_status pm_qcew_writer_new(struct pm_store *st, int64_t dataset_id,
				  struct pm_qcew_writer **out, struct pm_err *err);
/* Insert or replace ROW (same area, period, ownership, industry and size). */
enum pm_status pm_qcew_writer_put(struct pm_qcew_writer *w, const struct pm_qcew_row *row,
				  struct pm_err *err);

/*
 * A source of rows for pm_qcew_writer_load(): point *ROW at the next row
 * (valid until the next call), or set it to NULL at the end. A failure
 * (with ERR set) ends the load with it.
 */
typedef enum pm_status (*pm_qcew_next_fn)(void *ctx, const struct pm_qcew_row **row,
					  struct pm_err *err);

/*
 * Insert or replace every row NEXT gives (called with CTX until it gives
 * NULL or fails), in batches of one statement each: much faster than a
 * pm_qcew_writer_put() per row, fastest when rows come in key order (area,
 * year, qtr, own, industry, size), as BLS sorts its files. NEXT runs on the
 * caller's thread, inside SQLite's step: it must not use W. Returns NEXT's
 * failure as it reported it, or PM_ESTORE. Rows are written in the
 * caller's transaction.
 */
enum pm_status pm_qcew_writer_load(struct pm_qcew_writer *w, pm_qcew_next_fn next, void *ctx,
				   struct pm_err *err);
void pm_qcew_writer_free(struct pm_qcew_writer *w);

/* ---- queries ---- */

/* NAICS level of an aggregation-level code: 0 total, 1 domain/supersector, 2..6 digits; -1 other.
 */
int pm_qcew_agglvl_level(const char *agglvl);

struct pm_qcew_query {
	const char *const *areas;
	size_t nareas;
	int year;
	char qtr;		 /* 'A' or '1'..'4' */
	const char *const *owns; /* ownership codes wanted (industry rows and totals) */
	size_t nowns;
	int max_level; /* deepest NAICS level wanted (2..6) */
};

/*
 * Append to OUT every all-sizes cell of Q's areas and period whose
 * ownership is in Q->owns and whose NAICS level is total, sector, or
 * between 3 and Q->max_level. With DERIVE_PREV, cells carry the previous
 * year's levels computed from the oty_* change columns.
 */
enum pm_status pm_store_qcew_cells(struct pm_store *st, const struct pm_qcew_query *q,
				   struct pm_qcell_set *out, struct pm_err *err);

/*
 * Sources for derived national shares (analysis/lq.h): of the disclosed,
 * all-sizes cells of the period with a positive published employment LQ
 * whose area has a known all-industry total, ownership in Q->owns, level
 * 2..Q->max_level, area not in EXCLUDE and not US000, the best per
 * ownership x industry (pm_lq_best_source() picks the same). Marks every
 * ownership x industry of those levels that any area but US000 has.
 */
struct pm_lq_source_set;
enum pm_status pm_store_qcew_lq_sources(struct pm_store *st, const struct pm_qcew_query *q,
					const char *const *exclude, size_t nexclude,
					struct pm_lq_source_set *out, struct pm_err *err);

/* Loaded years (descending) of period kind QTR for AREA; returns a count, fills YEARS (max N). */
enum pm_status pm_store_qcew_years(struct pm_store *st, const char *area, char qtr, int *years,
				   size_t max, size_t *n, struct pm_err *err);

/* Whether any rows of AREA for YEAR/QTR are loaded. */
enum pm_status pm_store_qcew_has(struct pm_store *st, const char *area, int year, char qtr,
				 bool *has, struct pm_err *err);

/*
 * The ids of datasets that supplied rows of AREAS for the period (for
 * provenance in reports). Fills at most MAX ids.
 */
enum pm_status pm_store_qcew_datasets(struct pm_store *st, const char *const *areas, size_t nareas,
				      int year, char qtr, int64_t *ids, size_t max, size_t *n,
				      struct pm_err *err);

#endif
