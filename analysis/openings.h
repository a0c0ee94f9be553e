#ifndef PM_ANALYSIS_OPENINGS_H
#define PM_ANALYSIS_OPENINGS_H
/*
 * Occupational openings, BLS Employment Projections method
 * (https://www.bls.gov/emp/documentation/separations.htm):
 *
 *   openings  = growth + labor-force exits + occupational transfers (annual averages)
 *   growth    = E * G / Y           G: growth over the Y-year projection period
 *   exits     = A * x               A: average of base and projected employment,
 *   transfers = A * t                  E * (1 + G / 2); x, t: annual rates
 *
 * EP publishes both the rates (percent, one decimal) and the annual counts
 * (thousands, one decimal) of Table 1.10. The count gives a rate, count /
 * A, with relative error 0.05 / count (in thousands); the published rate
 * has relative error 0.05 / rate (in percent). The more precise of the two
 * is used, so a large occupation's rate comes from its count and a small
 * one's from its published rate; for the nation, the counts come back
 * within EP's rounding either way.
 */
#include <stdbool.h>

/* EP's national figures for one occupation (NAN where not published). */
struct pm_occ_national {
	double emp_base, emp_proj;	 /* persons */
	int years;			 /* projection period, e.g. 10 */
	double exits, transfers;	 /* annual averages, persons */
	double exit_rate, transfer_rate; /* percent a year */
};

/* What openings are computed from. */
struct pm_occ_rates {
	double growth;	       /* fraction of base employment over the period */
	int years;	       /* the period's length */
	double exit, transfer; /* fractions of average employment a year */
	bool exit_counted;     /* exit came from the published count */
	bool transfer_counted;
};

/*
 * The rates of N (see above). Returns false when N lacks employment, the
 * period or both forms of a separation rate; OUT is then unusable.
 */
bool pm_occ_rates_from_national(const struct pm_occ_national *n, struct pm_occ_rates *out);

/*
 * Replace R's growth with that of another projection (a state's): EMP_BASE
 * to EMP_PROJ over YEARS. Returns false (R unchanged) when undefined.
 */
bool pm_occ_rates_regrow(struct pm_occ_rates *r, double emp_base, double emp_proj, int years);

struct pm_openings {
	double growth, exits, transfers; /* annual averages; growth may be negative */
	double total;			 /* their sum (negative growth offsets separations) */
	double growth_pct;		 /* 100 * G over the period */
};

/* Openings for employment EMP at rates R. */
void pm_openings_compute(double emp, const struct pm_occ_rates *r, struct pm_openings *out);

#endif
