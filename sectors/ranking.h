#ifndef PM_SECTORS_RANKING_H
#define PM_SECTORS_RANKING_H
/*
 * The sector ranking of a region, from request to result: resolve the
 * selection (a region or one published area), choose the period and base
 * period (docs/methods.md), read the cells from the store, derive what is
 * missing, and compute (analysis/sectors.c). Used by `pathmap sectors` and by
 * `pathmap refresh` (to report sectors whose rank moved).
 */
#include <stdbool.h>
#include <stddef.h>

#include "analysis/cells.h"
#include "analysis/score.h"
#include "analysis/sectors.h"
#include "core/err.h"
#include "sectors/region.h"

struct pm_store;

struct pm_sectors_request {
	const char *region; /* a region defined in the store, or */
	const char *area;   /* one published QCEW area (exactly one of the two) */
	int year;	    /* 0: the latest year loaded for every county */
	int base_year;	    /* with base_set; else the default rule */
	bool base_set;
	bool base_none;	 /* no base period */
	char qtr;	 /* 'A' or '1'..'4' */
	int level;	 /* NAICS level 2 (sector) .. 6 */
	const char *own; /* private, total, federal, state, local */
	enum pm_national_mode national;
	const char *derive_exclude; /* areas not used for derived shares; "self" = selection */
	struct pm_score_weights weights;
	int estimate_pct; /* estimate suppressed sums within this range; 0 = never */
};

/* Defaults: annual, sectors, private, auto national figures, default weights, 10%. */
void pm_sectors_request_init(struct pm_sectors_request *rq);

struct pm_sectors_report {
	struct pm_region sel;	      /* the selection */
	struct pm_sectors_request rq; /* the request as resolved (year, base_year filled in) */
	const char *owns;	      /* ownership codes summed, e.g. "5" */
	char own_total;		      /* ownership code of the reference total */
	const char *own_title;
	char *basis_note; /* how the base period was chosen, or NULL */
	struct pm_sectors_result res;
	/* inputs; result rows point into their strings */
	struct pm_qcell_set cur, base, nat_cur, nat_base;
	struct pm_lq_source_set src;
	bool base_derived, nat_base_derived;
	char **exclude;
	size_t nexclude;
};

/*
 * Run RQ against ST into OUT (initialised here; release with
 * pm_sectors_report_release()). Fails with PM_ENOTFOUND for an unknown
 * region or area or a period not loaded for every county, PM_EUSAGE for
 * inconsistent options.
 */
enum pm_status pm_sectors_run(struct pm_store *st, const struct pm_sectors_request *rq,
			      struct pm_sectors_report *out, struct pm_err *err);
void pm_sectors_report_release(struct pm_sectors_report *r);

/* Every defined region's default sector ranks (for `refresh` change reports). */
struct pm_rank_entry {
	char *region;
	char *industry;
	int rank; /* 0: not ranked */
	int year;
};

struct pm_rank_snapshot {
	struct pm_rank_entry *v;
	size_t n;
};

/* Ranks of every region whose data is loaded (others are skipped). */
enum pm_status pm_sectors_rank_snapshot(struct pm_store *st, struct pm_rank_snapshot *out,
					struct pm_err *err);
void pm_rank_snapshot_release(struct pm_rank_snapshot *s);

/*
 * Industries whose rank differs between BEFORE and AFTER (or that appeared
 * or left the ranking), as a new cJSON array of {region, industry, title,
 * rank_before, rank_after, year_before, year_after}.
 */
struct cJSON *pm_sectors_rank_changes(struct pm_store *st, const struct pm_rank_snapshot *before,
				      const struct pm_rank_snapshot *after);

/* Ownership keyword -> codes summed, code of the reference total, and a title. */
enum pm_status pm_sectors_parse_own(const char *s, const char **owns, char *total,
				    const char **title, struct pm_err *err);

/* The selection: region NAME or published area CODE (exactly one); PM_EUSAGE otherwise. */
enum pm_status pm_sectors_select(struct pm_store *st, const char *region, const char *area,
				 struct pm_region *out, struct pm_err *err);

/*
 * The QCEW year to use for SEL: *YEAR when loaded for every area (else
 * PM_ENOTFOUND saying which are missing), or with *YEAR 0 the latest year
 * loaded for all of them.
 */
enum pm_status pm_sectors_choose_year(struct pm_store *st, const struct pm_region *sel, char qtr,
				      int *year, struct pm_err *err);

/* "annual" or "Q1".."Q4" into BUF. */
const char *pm_period_text(char qtr, char *buf, size_t n);

#endif
