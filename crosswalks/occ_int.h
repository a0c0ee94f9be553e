#ifndef PM_CROSSWALKS_OCC_INT_H
#define PM_CROSSWALKS_OCC_INT_H
/*
 * Shared between crosswalks/occupations.c (the pipeline) and
 * crosswalks/occ_data.c (reading what it needs from the store). Not a
 * public interface.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/openings.h"
#include "analysis/staffing.h"
#include "core/err.h"
#include "core/strmap.h"

struct pm_store;

/* One EP occupation (Table 1.2 + 1.10). */
struct occ_ep {
	const char *soc, *title, *education, *experience, *ojt, *wage_flag; /* interned */
	bool line_item;
	bool have_openings; /* Table 1.2's openings are published */
	double openings;
	struct pm_occ_national nat;
	bool wage_known;
	int64_t median_wage;
};

struct occ_ep_set {
	struct occ_ep *v;
	size_t n, alloc;
	struct pm_strmap index; /* soc -> index */
	int base_year, proj_year;
};

/* Staffing patterns ready for analysis/staffing.c. */
struct occ_share {
	size_t pat;   /* pattern index */
	size_t ep;    /* EP occupation index */
	double share; /* of the pattern's industry employment, 0..1 */
};

struct occ_patterns {
	struct pm_staff_map map;
	double *weight; /* per pattern: national employment */
	size_t npat, apat;
	struct occ_share *sh;
	size_t nsh, ash;
	char source[32];
	int year;
	size_t unresolved;	 /* industries whose NAICS could not be resolved */
	double unresolved_emp;	 /* their national employment */
	size_t soc_not_ep;	 /* occupations of the patterns EP does not project */
	double soc_not_ep_share; /* their largest share of any industry */
};

/* String interning shared by the loaders (the report's pool). */
const char *occ_intern(struct pm_strmap *pool, const char *s);

/* Latest EP projections into OUT (initialised here). PM_ENOTFOUND when none are loaded. */
enum pm_status occ_ep_load(struct pm_store *st, struct pm_strmap *pool, struct occ_ep_set *out,
			   struct pm_err *err);
void occ_ep_release(struct occ_ep_set *s);

/*
 * The EP line item for SOC: itself, or the broad occupation EP projects it
 * under (OEWS and staffing patterns may be more detailed). SIZE_MAX if none.
 */
size_t occ_ep_find(const struct occ_ep_set *ep, const char *soc);

/* An occupation's value in a list (staffing rows, OEWS rows). */
struct occ_value {
	char soc[16];
	double emp, share; /* NAN when not published */
};

/*
 * Row I of ROWS rolls up to EP line item E (a detail EP projects under its
 * broad occupation): true when ROWS also hold E itself, which then counts
 * instead.
 */
bool occ_covered(const struct occ_ep_set *ep, size_t e, const struct occ_value *rows, size_t n,
		 size_t i);

/*
 * Add each row's emp to OUT[EP line item] (OUT has ep->n entries), skipping
 * details whose line item is also listed and EP's summary rows; rows with
 * no EP occupation are counted in *UNRESOLVED and *UNRESOLVED_EMP.
 */
void occ_assign(const struct occ_ep_set *ep, const struct occ_value *rows, size_t n, double *out,
		size_t *unresolved, double *unresolved_emp);

/* The latest staffing patterns (EP matrix preferred) into OUT. PM_ENOTFOUND when none. */
enum pm_status occ_patterns_load(struct pm_store *st, const struct occ_ep_set *ep,
				 struct occ_patterns *out, struct pm_err *err);
void occ_patterns_release(struct occ_patterns *p);

/* A state's projected growth for one EP occupation. */
struct occ_growth {
	bool known;
	double base, proj;
	int years;
};

/* A median annual wage and where it came from (basis NULL: none found yet). */
struct occ_wage {
	bool known;
	int64_t v;
	const char *basis;
};

/* The latest OEWS year loaded for AREA's cross-industry rows, or 0. */
int occ_latest_oews_year(struct pm_store *st, const char *area);

/*
 * STATE's (FIPS) latest long-term projections per EP occupation into G
 * (ep->n entries); LABEL gets "Ohio 2022-2032". Returns how many matched.
 */
size_t occ_state_growth(struct pm_store *st, const struct occ_ep_set *ep, const char *state,
			struct occ_growth *g, char *label, size_t n);

/*
 * Median annual wages from OEWS AREA's latest year into W (per EP
 * occupation, only where W has no basis yet); LABEL names the area.
 */
void occ_oews_wages(struct pm_store *st, const struct occ_ep_set *ep, struct pm_strmap *pool,
		    const char *area, const char *label, struct occ_wage *w);

/* Job zone range of the O*NET occupations under each EP occupation; false when none loaded. */
bool occ_job_zones(struct pm_store *st, const struct occ_ep_set *ep, int *lo, int *hi);

#endif
