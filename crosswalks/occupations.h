#ifndef PM_CROSSWALKS_OCCUPATIONS_H
#define PM_CROSSWALKS_OCCUPATIONS_H
/*
 * Occupation demand for a region, from request to rows (docs/methods.md,
 * "Occupations"): employment by occupation, annual openings and their
 * parts, wages, entry education and job zone, each row saying what it was
 * computed from. Used by `pathmap occupations` and by the gap analysis.
 *
 * Employment, by the first basis that applies:
 *   1. the nation (--area US000, no --sector): EP's national employment;
 *   2. no --sector, and OEWS is loaded for the selection (an MSA region or
 *      area: its CBSA code; a state: its FIPS): OEWS cross-industry
 *      employment of the area's latest OEWS year;
 *   3. otherwise the region's QCEW industry employment in the selected
 *      sectors (all sectors without --sector) times national staffing
 *      patterns (analysis/staffing.h).
 * Openings: EP's separation rates and national growth (analysis/openings.h),
 * or, where the region lies in one state whose long-term projections are
 * loaded, that state's projected growth for the occupation.
 * Wages: median annual wage from OEWS for the selection's area, else OEWS
 * national, else EP.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/openings.h"
#include "core/err.h"
#include "core/strmap.h"
#include "sectors/region.h"

struct pm_store;

struct pm_occ_request {
	const char *region;	    /* a region defined in the store, or */
	const char *area;	    /* one published QCEW area (exactly one of the two) */
	const char *const *sectors; /* NAICS codes (any spelling), NULL-terminated; NULL = all */
	int year;		    /* QCEW year; 0 = the latest loaded for the selection */
	const char *own;	    /* "total" (default: every ownership) or "private" */
	double min_openings;	    /* rows with fewer annual openings are left out */
	const char *education;	    /* comma-separated entry-education levels, or NULL */
};

void pm_occ_request_init(struct pm_occ_request *rq);

struct pm_occ_row {
	const char *soc, *title; /* interned in the report */
	double emp;
	double emp_estimated; /* of which came from suppressed QCEW cells */
	const char *emp_basis;
	bool have_openings;
	struct pm_openings op;
	const char *openings_basis;
	bool have_wage;
	int64_t median_wage;
	const char *wage_basis; /* where it came from, or why there is none */
	const char *education, *experience, *ojt;
	int job_zone_lo, job_zone_hi; /* 0 when unknown */
	double share;		      /* percent of the selection's (sector) employment */
};

struct pm_occ_report {
	struct pm_region sel;
	int year;	      /* QCEW year used (basis 3), else 0 */
	int ep_base, ep_proj; /* EP projection period */
	const char *method;   /* the employment basis of every row, in words */
	double total_emp;     /* the selection's employment the shares are of */
	struct pm_occ_row *rows;
	size_t n, alloc;
	char **notes; /* unresolved links, estimates, vintages: shown with the output */
	size_t nnotes;
	bool onet; /* O*NET values (job zones) shown: credit them */
	struct pm_strmap strings;
};

/*
 * Run RQ against ST into OUT (release with pm_occ_report_release()). Rows
 * come sorted by annual openings, then employment. PM_EUSAGE for bad
 * options, PM_ENOTFOUND for an unknown region or when the data a basis
 * needs is not loaded (the message says what to import).
 */
enum pm_status pm_occupations_run(struct pm_store *st, const struct pm_occ_request *rq,
				  struct pm_occ_report *out, struct pm_err *err);
void pm_occ_report_release(struct pm_occ_report *r);

/*
 * The EP entry-education category named by S: the category itself (any
 * case) or a short form ("bachelor", "associate", "postsecondary",
 * "some-college", "high-school", "none", "master", "doctoral"). NULL when
 * S names none.
 */
const char *pm_education_level(const char *s);

/* The place of EP category LEVEL from the highest (doctoral, 0) down; unknown: after all. */
int pm_education_rank(const char *level);

#endif
