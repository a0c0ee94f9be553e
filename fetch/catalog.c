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
#include "fetch/careeronestop.h"
#include "fetch/cipsoc.h"
#include "fetch/ep.h"
#include "fetch/inventory.h"
#include "fetch/ipeds.h"
#include "fetch/naics_src.h"
#include "fetch/oews.h"
#include "fetch/onet.h"
#include "fetch/projections.h"
#include "fetch/qcew.h"
#include "fetch/soc.h"
#include "fetch/staffing.h"
#include "store/store.h"
#include "core/banned.h"

const struct pm_source pm_sources[] = {
	{ "qcew",
	  "BLS QCEW: area or industry slices (annual, quarterly), annual singlefiles (.csv or "
	  ".zip), QCEW title tables and the county-MSA-CSA crosswalk",
	  pm_qcew_import, "https://data.bls.gov/cew", pm_qcew_validate, pm_qcew_respec, true },
	{ "blsapi", "BLS Public Data API v2 time series (LAUS, CES, ...): responses as JSON",
	  pm_blsapi_import, "https://api.bls.gov/publicAPI/v2", pm_blsapi_validate,
	  pm_blsapi_respec, true },
	{ "oews",
	  "BLS OEWS employment and wages by occupation: national, state, MSA and industry "
	  "workbooks (.xlsx, or the oesmYY*.zip holding them)",
	  pm_oews_import, "https://www.bls.gov/oes/special-requests", pm_oews_validate,
	  pm_oews_respec, true },
	{ "ep",
	  "BLS Employment Projections: occupation.xlsx (Tables 1.2, 1.10) and education.xlsx "
	  "(Tables 5.3, 5.4)",
	  pm_ep_import, "https://www.bls.gov/emp/ind-occ-matrix", pm_ep_validate, pm_ep_respec,
	  true },
	{ "staffing",
	  "industry staffing patterns: BLS National Employment Matrix exports (.xlsx, .csv); "
	  "OEWS industry files go to the OEWS loader",
	  pm_staffing_import, NULL, NULL, NULL, false },
	{ "onet",
	  "O*NET database (db_NN_N_text.zip or its .txt tables) and O*NET-SOC taxonomy crosswalks",
	  pm_onet_import, "https://www.onetcenter.org/dl_files/database", pm_onet_validate,
	  pm_onet_respec, false },
	{ "cipsoc",
	  "NCES CIP 2020 codes (CIPCode2020.csv) and the CIP 2020 to SOC 2018 crosswalk (.xlsx)",
	  pm_cipsoc_import, "https://nces.ed.gov/ipeds/cipcode/Files", pm_cipsoc_validate,
	  pm_cipsoc_respec, false },
	{ "soc", "BLS SOC 2018 definitions (soc_2018_definitions.xlsx): codes, levels, titles",
	  pm_soc_import, "https://www.bls.gov/soc/2018", pm_soc_validate, pm_soc_respec, true },
	{ "naics", "Census NAICS 2017/2022 code lists (2-6 digit_YYYY_Codes.xlsx)", pm_naics_import,
	  "https://www.census.gov/naics", pm_naics_validate, pm_naics_respec, false },
	{ "ipeds",
	  "NCES IPEDS institutions (HD) and completions (C_A): hdYYYY.csv, cYYYY_a.csv or the "
	  "published HDYYYY.zip, CYYYY_A.zip",
	  pm_ipeds_import, "https://nces.ed.gov/ipeds/datacenter/data", pm_ipeds_validate,
	  pm_ipeds_respec, false },
	{ "projections",
	  "state long-term occupational projections: Projections Central JSON pages and the "
	  "California EDD statewide workbook",
	  pm_projections_import, "https://public.projectionscentral.org", pm_projections_validate,
	  pm_projections_respec, false },
	{ "careeronestop",
	  "CareerOneStop certifications and licenses per occupation: Web API responses as JSON",
	  pm_careeronestop_import, "https://api.careeronestop.org/v1", pm_careeronestop_validate,
	  pm_careeronestop_respec, false },
	{ "programs", "the user's training program inventory (CSV, docs/inventories.md)",
	  pm_inventory_import_programs, NULL, NULL, NULL, false },
	{ "partners", "the user's partner inventory (CSV, docs/inventories.md)",
	  pm_inventory_import_partners, NULL, NULL, NULL, false },
	{ "employers", "the user's employer inventory (CSV, docs/inventories.md)",
	  pm_inventory_import_employers, NULL, NULL, NULL, false },
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
	free(s->fetch_url);
	free(s->auth_header);
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

enum pm_status pm_source_import_file(struct pm_store *st, const struct pm_source *src,
				     const char *path, const struct pm_import_opts *opts,
				     struct pm_import_report *rep, struct pm_err *err)
{
	enum pm_status rc;

	if ((rc = pm_store_begin(st, err)) || (rc = src->import(st, path, opts, rep, err)) ||
	    (rc = pm_store_commit(st, err)))
		pm_store_rollback(st);
	return rc;
}
