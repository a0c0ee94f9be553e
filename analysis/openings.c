/* Occupational openings: the EP separations method (see openings.h). */
#include <math.h>

#include "analysis/openings.h"
#include "core/banned.h"

/*
 * One separation rate from a count (persons a year, rounded by EP to 100)
 * and a rate (percent, rounded to 0.1): whichever is the more precise.
 */
static bool pick_rate(double count, double rate_pct, double avg, double *out, bool *counted)
{
	bool have_count = isfinite(count) && count >= 0 && avg > 0;
	bool have_rate = isfinite(rate_pct) && rate_pct >= 0;
	double count_err, rate_err;

	if (!have_count && !have_rate)
		return false;
	if (have_count && have_rate) {
		/* relative errors of the two roundings; a zero means no precision at all */
		count_err = count > 0 ? 50.0 / count : INFINITY;
		rate_err = rate_pct > 0 ? 0.05 / rate_pct : INFINITY;
		have_rate = rate_err < count_err;
		have_count = !have_rate;
	}
	*counted = have_count;
	*out = have_count ? count / avg : rate_pct / 100.0;
	return true;
}

bool pm_occ_rates_from_national(const struct pm_occ_national *n, struct pm_occ_rates *out)
{
	double avg;

	if (!(n->emp_base > 0) || !isfinite(n->emp_proj) || n->emp_proj < 0 || n->years <= 0)
		return false;
	out->growth = (n->emp_proj - n->emp_base) / n->emp_base;
	out->years = n->years;
	avg = (n->emp_base + n->emp_proj) / 2.0;
	return pick_rate(n->exits, n->exit_rate, avg, &out->exit, &out->exit_counted) &&
	       pick_rate(n->transfers, n->transfer_rate, avg, &out->transfer,
			 &out->transfer_counted);
}

bool pm_occ_rates_regrow(struct pm_occ_rates *r, double emp_base, double emp_proj, int years)
{
	if (!(emp_base > 0) || !isfinite(emp_proj) || emp_proj < 0 || years <= 0)
		return false;
	r->growth = (emp_proj - emp_base) / emp_base;
	r->years = years;
	return true;
}

void pm_openings_compute(double emp, const struct pm_occ_rates *r, struct pm_openings *out)
{
	double avg = emp * (1.0 + r->growth / 2.0);

	out->growth = emp * r->growth / r->years;
	out->exits = avg * r->exit;
	out->transfers = avg * r->transfer;
	out->total = out->growth + out->exits + out->transfers;
	out->growth_pct = 100.0 * r->growth;
}
