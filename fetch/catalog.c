/*
 * The source catalog (see catalog.h). Sources that cannot be imported yet
 * are listed with their publisher's base URL, so `pathmap fetch` can say
 * what is coming instead of "unknown source"; their loaders arrive with the
 * occupations, supply and gap work (URL patterns in the project's DESIGN.md).
 */
#include "fetch/catalog.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/xalloc.h"
#include "fetch/blsapi.h"
#include "fetch/qcew.h"
#include "core/banned.h"

const struct pm_source pm_sources[] = {
	{ "qcew",
	  "BLS QCEW: area or industry slices (annual, quarterly), annual singlefiles (.csv or "
	  ".zip), QCEW title tables and the county-MSA-CSA crosswalk",
	  pm_qcew_import, "https://data.bls.gov/cew", pm_qcew_validate, pm_qcew_respec, true },
	{ "blsapi", "BLS Public Data API v2 time series (LAUS, CES, ...): responses as JSON",
	  pm_blsapi_import, "https://api.bls.gov/publicAPI/v2", pm_blsapi_validate,
	  pm_blsapi_respec, true },
	{ "oews", "BLS OEWS employment and wages by occupation (coming)", NULL,
	  "https://www.bls.gov/oes/special-requests", NULL, NULL, true },
	{ "ep", "BLS Employment Projections tables (coming)", NULL,
	  "https://www.bls.gov/emp/ind-occ-matrix", NULL, NULL, true },
	{ "onet", "O*NET database text files (coming)", NULL,
	  "https://www.onetcenter.org/dl_files/database", NULL, NULL, false },
	{ "cipsoc", "NCES CIP 2020 to SOC 2018 crosswalk (coming)", NULL,
	  "https://nces.ed.gov/ipeds/cipcode/Files", NULL, NULL, false },
	{ "ipeds", "NCES IPEDS institutions and completions (coming)", NULL,
	  "https://nces.ed.gov/ipeds/datacenter/data", NULL, NULL, false },
	{ "projections", "state long-term occupational projections (coming)", NULL,
	  "https://public.projectionscentral.org", NULL, NULL, false },
	{ "careeronestop", "CareerOneStop certifications and licenses (coming)", NULL,
	  "https://api.careeronestop.org/v1", NULL, NULL, false },
	{ NULL, NULL, NULL, NULL, NULL, NULL, false },
};

const struct pm_source *pm_source_find(const char *name)
{
	const struct pm_source *s;

	for (s = pm_sources; s->name; s++)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

char *pm_source_base(const struct pm_source *src)
{
	char key[64];
	const char *v;
	char *out;
	size_t n;

	snprintf(key, sizeof key, "%s_url", src->name);
	v = pm_config_get(key);
	if (!v || !*v)
		v = src->base_url;
	if (!v)
		return NULL;
	out = pm_xstrdup(v);
	n = strlen(out);
	while (n && out[n - 1] == '/')
		out[--n] = '\0';
	return out;
}

void pm_fetch_spec_release(struct pm_fetch_spec *s)
{
	if (!s)
		return;
	free(s->url);
	free(s->label);
	free(s->request);
	free(s->post_body);
	free(s->cache_key);
	free(s->file_name);
	memset(s, 0, sizeof *s);
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
