#ifndef PM_ANALYSIS_CELLS_H
#define PM_ANALYSIS_CELLS_H
/*
 * Plain data the analysis functions take: QCEW cells (one published value
 * set for one area, ownership, industry and period) and candidate rows for
 * derived national shares. store/ fills these; analysis/ only computes.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strmap.h"

struct pm_qcell {
	const char *area;	/* interned in the owning set */
	const char *industry;	/* interned */
	char own;		/* ownership code '0'..'9' */
	int level;		/* 0 total, 2 NAICS sector, 3..6 digits */
	bool disclosed;		/* false: disclosure_code N, measures unknown */
	int64_t estabs;		/* always known */
	int64_t emp;		/* annual average or the third month; valid if disclosed */
	int64_t wages;		/* total wages of the period; valid if disclosed */
	int64_t month1, month2; /* quarters: first and second month employment; else = emp */
	double lq_pub;		/* BLS employment LQ; NAN when absent or suppressed */
	bool prev_known;	/* emp_prev/wages_prev hold the previous year's levels (oty) */
	int64_t emp_prev;
	int64_t wages_prev;
	int64_t estabs_prev;
	int64_t dataset_id;
};

struct pm_qcell_set {
	struct pm_qcell *v;
	size_t n, alloc;
	struct pm_strmap strings;
};

void pm_qcell_set_init(struct pm_qcell_set *s);
void pm_qcell_set_release(struct pm_qcell_set *s);
/* Append a zeroed cell (lq_pub = NAN) and return it; valid until the next add. */
struct pm_qcell *pm_qcell_set_add(struct pm_qcell_set *s);
const char *pm_qcell_set_intern(struct pm_qcell_set *s, const char *str);

/*
 * Fill OUT with the previous year's cells implied by CUR's over-the-year
 * changes (level = level now - change): a cell is disclosed in OUT when it
 * was disclosed in CUR and its oty change was published; otherwise it is
 * unknown (suppressed), never zero.
 */
void pm_qcell_set_previous(const struct pm_qcell_set *cur, struct pm_qcell_set *out);

/* A published row usable to derive a national share (analysis/lq.h). */
struct pm_lq_source {
	const char *area;     /* interned */
	const char *industry; /* interned */
	char own;
	int64_t emp;	    /* the row's employment */
	int64_t area_total; /* the area's all-industry, all-ownership employment */
	double lq_pub;	    /* BLS's published employment LQ (> 0) */
};

struct pm_lq_source_set {
	struct pm_lq_source *v;
	size_t n, alloc;
	struct pm_strmap strings;
	struct pm_strmap present; /* "own|industry" of every row loaded for the period,
				     usable as a source or not (suppressed, no LQ) */
};

/* Record that some loaded area has a row for OWN and INDUSTRY. */
void pm_lq_source_set_mark(struct pm_lq_source_set *s, char own, const char *industry);
/* Whether any loaded area has a row for OWN and INDUSTRY. */
bool pm_lq_source_set_present(const struct pm_lq_source_set *s, char own, const char *industry);

void pm_lq_source_set_init(struct pm_lq_source_set *s);
void pm_lq_source_set_release(struct pm_lq_source_set *s);
struct pm_lq_source *pm_lq_source_set_add(struct pm_lq_source_set *s);
const char *pm_lq_source_set_intern(struct pm_lq_source_set *s, const char *str);

#endif
