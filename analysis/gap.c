/* Completers to occupations through CIP -> SOC links (see gap.h). */
#include "analysis/gap.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "core/banned.h"

static const char *const names[] = { "demand", "split", "duplicate", "competition" };

bool pm_allocation_parse(const char *s, enum pm_allocation *out)
{
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(s, names[i])) {
			*out = (enum pm_allocation)i;
			return true;
		}
	return false;
}

const char *pm_allocation_name(enum pm_allocation a)
{
	return (size_t)a < sizeof names / sizeof names[0] ? names[a] : "?";
}

void pm_gap_allocate(const struct pm_gap_input *in, enum pm_allocation a, struct pm_gap_result *out)
{
	double *wsum = pm_xcalloc(in->ncip + 1, sizeof *wsum); /* per CIP: sum of weights */
	double *k = pm_xcalloc(in->nsoc + 1, sizeof *k);       /* per SOC: competing supply */
	size_t *nl = pm_xcalloc(in->ncip + 1, sizeof *nl);     /* per CIP: links */
	size_t i;

	memset(out, 0, sizeof *out);
	out->share = pm_xcalloc(in->nlinks + 1, sizeof *out->share);
	out->soc_supply = pm_xcalloc(in->nsoc + 1, sizeof *out->soc_supply);
	out->cip_demand = pm_xcalloc(in->ncip + 1, sizeof *out->cip_demand);
	for (i = 0; i < in->nlinks; i++) {
		const struct pm_gap_link *l = &in->links[i];

		nl[l->cip]++;
		wsum[l->cip] += in->openings[l->soc];
		k[l->soc] += in->completers[l->cip];
	}
	for (i = 0; i < in->ncip; i++) {
		if (!nl[i])
			out->unlinked += in->completers[i];
		else if (a == PM_ALLOC_DEMAND && !(wsum[i] > 0) && in->completers[i] > 0)
			out->equal_fallback++;
	}
	for (i = 0; i < in->nlinks; i++) {
		const struct pm_gap_link *l = &in->links[i];
		double c = in->completers[l->cip], s;

		switch (a) {
		case PM_ALLOC_DEMAND:
			s = wsum[l->cip] > 0 ? in->openings[l->soc] / wsum[l->cip]
					     : 1.0 / (double)nl[l->cip];
			break;
		case PM_ALLOC_SPLIT: s = 1.0 / (double)nl[l->cip]; break;
		case PM_ALLOC_DUPLICATE: s = 1.0; break;
		default: /* competition: of the SOC's openings, to this CIP */
			s = k[l->soc] > 0 ? c / k[l->soc] : 0;
			out->cip_demand[l->cip] += in->openings[l->soc] * s;
			break;
		}
		out->share[i] = s;
		out->soc_supply[l->soc] += a == PM_ALLOC_COMPETITION ? c : c * s;
	}
	if (a == PM_ALLOC_COMPETITION) {
		bool *linked = pm_xcalloc(in->nsoc + 1, sizeof *linked);

		for (i = 0; i < in->nlinks; i++)
			linked[in->links[i].soc] = true;
		for (i = 0; i < in->nsoc; i++)
			if (linked[i] && !(k[i] > 0))
				out->openings_unmet += in->openings[i];
		free(linked);
	}
	free(wsum);
	free(k);
	free(nl);
}

void pm_gap_release(struct pm_gap_result *r)
{
	free(r->share);
	free(r->soc_supply);
	free(r->cip_demand);
	memset(r, 0, sizeof *r);
}
