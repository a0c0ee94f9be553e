#ifndef PM_ANALYSIS_SCORE_H
#define PM_ANALYSIS_SCORE_H
/*
 * Composite sector score and rank.
 *
 * Each component is turned into a percentile rank p in [0, 1] among the
 * industries that have it (ties share the mid-rank), so no component
 * dominates through its units:
 *
 *   score = 100 * sum_k(w_k * p_k) / sum_k(w_k)
 *
 * over the components the industry has. A component no industry has (e.g.
 * regional share when national data is missing) drops out for all. Default
 * weights: LQ 0.30, growth (CAGR) 0.25, regional share (shift-share
 * competitive effect per base-year job) 0.15, size (employment) 0.15,
 * pay (average annual pay) 0.15.
 *
 * Quadrant (the classic LQ-growth bubble chart): LQ >= 1 or < 1 against
 * growth above or below a reference growth rate:
 *   star         LQ >= 1, growth above  (specialised and growing)
 *   mature       LQ >= 1, growth below  (specialised, losing ground)
 *   emerging     LQ <  1, growth above  (not yet specialised, growing)
 *   transforming LQ <  1, growth below
 */
#include <stdbool.h>
#include <stddef.h>

enum pm_score_comp { PM_SC_LQ, PM_SC_GROWTH, PM_SC_SHARE, PM_SC_SIZE, PM_SC_PAY, PM_SC_N };

extern const char *const pm_score_comp_names[PM_SC_N];

struct pm_score_weights {
	double w[PM_SC_N];
};

extern const struct pm_score_weights pm_score_default_weights;

/*
 * Parse "lq=0.3,growth=0.25,share=0.15,size=0.15,pay=0.15" (any subset;
 * unnamed components keep their default weight, 0 drops one) into W.
 * Returns 0, or -1 with a message in MSG.
 */
int pm_score_parse_weights(const char *spec, struct pm_score_weights *w, char *msg, size_t n);

struct pm_score_item {
	double comp[PM_SC_N]; /* component values; NAN when missing */
	bool eligible;	      /* false: not scored (e.g. employment suppressed) */
	double tiebreak;      /* larger ranks first among equal scores (employment) */
	double score;	      /* out: 0..100, NAN when not eligible */
	int rank;	      /* out: 1 = best, 0 when not eligible */
};

/* Score and rank ITEMS in place. */
void pm_score_rank(struct pm_score_item *items, size_t n, const struct pm_score_weights *w);

/* Percentile rank of V among the non-NAN values VS (n of them), in [0,1]. */
double pm_percentile_rank(const double *vs, size_t n, double v);

/* The quadrant name, or NULL when LQ or either growth is unknown. */
const char *pm_quadrant(double lq, double growth, double reference_growth);

/* The Q-th quantile (0..1) of the non-NAN values, linear interpolation; NAN if none. */
double pm_quantile(const double *vs, size_t n, double q);

#endif
