/*
 * The source catalog (see catalog.h). Later sources (OEWS, EP, O*NET,
 * CIP-SOC, IPEDS, projections, CareerOneStop, user inventories) add a row
 * here and a file of their own in fetch/.
 */
#include "fetch/catalog.h"

#include <stdlib.h>
#include <string.h>

#include "fetch/qcew.h"
#include "core/banned.h"

const struct pm_source pm_sources[] = {
	{ "qcew",
	  "BLS QCEW CSV files: area or industry slices, annual or quarterly, singlefiles "
	  "(.csv or .zip), and the QCEW title and county-MSA-CSA crosswalk tables",
	  pm_qcew_import },
	{ NULL, NULL, NULL },
};

const struct pm_source *pm_source_find(const char *name)
{
	const struct pm_source *s;

	for (s = pm_sources; s->name; s++)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

void pm_import_report_release(struct pm_import_report *r)
{
	if (!r)
		return;
	free(r->file);
	free(r->kind);
	free(r->first_area);
	free(r->first_industry);
	free(r->members);
	memset(r, 0, sizeof *r);
}
