#ifndef PM_ANALYSIS_SECTORS_H
#define PM_ANALYSIS_SECTORS_H
/*
 * The sector table: for each industry of a region at one NAICS level and
 * ownership, its size, pay, LQ, growth, shift-share, score, rank and
 * quadrant (docs/methods.md states every formula and default).
 *
 * Pure: takes cells already read from the store, returns rows and notes.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/agg.h"
#include "analysis/cells.h"
#include "analysis/growth.h"
#include "analysis/score.h"
#include "analysis/shiftshare.h"
#include "core/err.h"

enum pm_national_mode {
	PM_NATIONAL_AUTO,    /* US000 rows when loaded, else derived shares */
	PM_NATIONAL_LOADED,  /* only US000 rows */
	PM_NATIONAL_DERIVED, /* only derived shares (even when US000 is loaded) */
};

enum pm_lq_basis { PM_LQ_NONE, PM_LQ_NATIONAL, PM_LQ_DERIVED };

const char *pm_lq_basis_name(enum pm_lq_basis b);

struct pm_sectors_spec {
	const char *owns; /* ownership codes summed in industry rows: "5", "1235" */
	char own_total;	  /* ownership of the reference total row: '5', '0', ... */
	int level;	  /* 2 (sector) .. 6 */
	int year;
	int base_year; /* 0 = no base period */
	char qtr;      /* 'A' or '1'..'4' */
	enum pm_national_mode national;
	struct pm_score_weights weights;
	bool single_published_area; /* the selection is one published area: show its LQs */
	double estimate_range;	    /* estimate a suppressed sum as the midpoint of its bounds
				       when (high - low) <= estimate_range * high; 0 = never */
};

/* Default estimate_range: bounds within 10% of the upper bound. */
#define PM_ESTIMATE_RANGE_DEFAULT 0.10

struct pm_sectors_input {
	const struct pm_qcell_set *cur;	     /* the region's cells for the year */
	const struct pm_qcell_set *base;     /* for the base year, or NULL */
	const struct pm_qcell_set *nat_cur;  /* US000 cells for the year, or NULL */
	const struct pm_qcell_set *nat_base; /* US000 cells for the base year, or NULL */
	const struct pm_lq_source_set *src;  /* derived-share sources for the year, or NULL */
};

struct pm_sector_row {
	const char *industry; /* borrowed from the input cells */
	int64_t estabs;
	struct pm_agg emp;
	struct pm_agg wages;
	bool estimated;	  /* some figures use bound midpoints (see estimate_range) */
	double emp_est;	  /* employment used: exact, or the estimate; NAN unknown */
	double base_est;  /* base employment used; NAN unknown */
	double avg_pay;	  /* annual (quarters annualised); NAN unknown */
	double share_pct; /* percent of the region's all-industry, all-ownership jobs */
	double lq;	  /* NAN when unknown */
	enum pm_lq_basis lq_basis;
	const char *lq_source; /* derived basis: area whose published LQ gave the share */
	double lq_published;   /* BLS's LQ for a single published area; NAN otherwise */
	bool has_base;	       /* the industry has a row in the base period */
	struct pm_agg base_emp;
	bool growth_known;
	struct pm_growth growth;
	double nat_growth_pct; /* national growth of the industry; NAN unknown */
	bool ss_known;
	struct pm_shift_share ss;
	double score;	      /* NAN when not scored */
	int rank;	      /* 0 when not ranked */
	const char *quadrant; /* NULL when unknown */
	bool cluster;	      /* LQ >= 1 and in the table's top LQ quartile */
};

struct pm_sectors_result {
	struct pm_sector_row *rows;
	size_t n;
	struct pm_agg region_total;   /* all industries, all ownerships, year */
	struct pm_agg own_total;      /* all industries, chosen ownership, year */
	struct pm_agg own_total_base; /* same, base year */
	enum pm_lq_basis lq_basis;
	bool shift_share;		/* computed */
	double nat_total_growth_pct;	/* NAN unknown */
	double region_total_growth_pct; /* NAN unknown */
	/* What quadrants compare growth with: "national industry growth" or
	 * "region all-industry growth"; NULL when neither is known. */
	const char *growth_reference;
	char **notes;
	size_t nnotes;
};

/* Compute the table. OUT is initialised here; release with pm_sectors_result_release(). */
enum pm_status pm_sectors_compute(const struct pm_sectors_spec *spec,
				  const struct pm_sectors_input *in, struct pm_sectors_result *out,
				  struct pm_err *err);

void pm_sectors_result_release(struct pm_sectors_result *r);

#endif
