/*
 * pathmap region define|list|show|delete : named sets of counties.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/table.h"
#include "sectors/region.h"
#include "store/qcew.h"
#include "store/store.h"
#include "store/titles.h"
#include "core/banned.h"

enum { OPT_COUNTIES = 100, OPT_MSA, OPT_CSA, OPT_STATE, OPT_REPLACE };

static const struct pm_optdef options[] = {
	{ "counties", 0, true, OPT_COUNTIES, "LIST", "define: county FIPS codes, comma-separated" },
	{ "msa", 0, true, OPT_MSA, "CODE", "define: the counties of an MSA (C1814 or CBSA 18140)" },
	{ "csa", 0, true, OPT_CSA, "CODE", "define: the counties of a CSA (CS198 or 198)" },
	{ "state", 0, true, OPT_STATE, "ST", "define: the counties of a state (39 or OH)" },
	{ "replace", 0, false, OPT_REPLACE, NULL, "define: redefine an existing region" },
	{ NULL, 0, false, 0, NULL, NULL },
};

struct args {
	const char *kind, *arg;
	int nkinds;
	bool replace;
};

static enum pm_status on_opt(void *user, int id, const char *value, struct pm_err *err)
{
	struct args *a = user;

	(void)err;
	switch (id) {
	case OPT_COUNTIES:
		a->kind = "counties";
		a->arg = value;
		a->nkinds++;
		break;
	case OPT_MSA:
		a->kind = "msa";
		a->arg = value;
		a->nkinds++;
		break;
	case OPT_CSA:
		a->kind = "csa";
		a->arg = value;
		a->nkinds++;
		break;
	case OPT_STATE:
		a->kind = "state";
		a->arg = value;
		a->nkinds++;
		break;
	case OPT_REPLACE: a->replace = true; break;
	}
	return PM_OK;
}

static cJSON *region_json(const struct pm_region *r)
{
	cJSON *o = cJSON_CreateObject(), *a = cJSON_CreateArray();
	size_t i;

	cJSON_AddStringToObject(o, "name", r->name);
	cJSON_AddStringToObject(o, "kind", r->kind);
	if (r->code)
		cJSON_AddStringToObject(o, "code", r->code);
	cJSON_AddStringToObject(o, "definition", r->definition);
	for (i = 0; i < r->nareas; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(r->areas[i]));
	cJSON_AddItemToObject(o, "counties", a);
	return o;
}

/* Loaded annual years of a county, as "2020-2023" or "2020, 2022". */
static void years_text(struct pm_store *st, const char *area, char *out, size_t n)
{
	int years[64];
	size_t ny = 0, i, o = 0;

	out[0] = '\0';
	if (pm_store_qcew_years(st, area, 'A', years, 64, &ny, NULL))
		return;
	/* years come newest first */
	for (i = ny; i-- > 0;) {
		size_t j = i;

		while (j > 0 && years[j - 1] == years[j] + 1)
			j--;
		if (o)
			o += (size_t)snprintf(out + o, n - o, ", ");
		if (j == i)
			o += (size_t)snprintf(out + o, n - o, "%d", years[i]);
		else
			o += (size_t)snprintf(out + o, n - o, "%d-%d", years[i], years[j]);
		if (o >= n)
			break;
		i = j;
	}
}

static enum pm_status show(struct pm_ctx *ctx, const struct pm_region *r, struct pm_err *err)
{
	struct pm_table *t = pm_table_new();
	cJSON *meta = cJSON_CreateObject();
	size_t i, c_code, c_title, c_msa, c_years;
	enum pm_status rc;
	char title[256];

	snprintf(title, sizeof title, "region %s: %zu counties (%s)", r->name, r->nareas,
		 r->definition);
	pm_table_set_title(t, title);
	c_code = pm_table_add_col(t, "county_fips", PM_COL_TEXT, 0);
	c_title = pm_table_add_col(t, "county_title", PM_COL_TEXT, 0);
	c_msa = pm_table_add_col(t, "msa_code", PM_COL_TEXT, 0);
	c_years = pm_table_add_col(t, "qcew_annual_years", PM_COL_TEXT, 0);
	for (i = 0; i < r->nareas; i++) {
		size_t row = pm_table_add_row(t);
		char *ct = pm_store_area_title(ctx->store, r->areas[i]);
		char *msa = pm_store_county_msa(ctx->store, r->areas[i]);
		char years[128];

		years_text(ctx->store, r->areas[i], years, sizeof years);
		pm_table_set_text(t, row, c_code, r->areas[i]);
		pm_table_set_text(t, row, c_title, ct);
		pm_table_set_text(t, row, c_msa, msa);
		pm_table_set_text(t, row, c_years, years[0] ? years : NULL);
		free(ct);
		free(msa);
	}
	cJSON_AddItemToObject(meta, "region", region_json(r));
	rc = pm_ctx_emit(ctx, t, meta, err);
	cJSON_Delete(meta);
	pm_table_free(t);
	return rc;
}

static enum pm_status list(struct pm_ctx *ctx, struct pm_err *err)
{
	struct pm_region *rs = NULL;
	struct pm_table *t;
	size_t n = 0, i;
	enum pm_status rc;

	if ((rc = pm_region_list(ctx->store, &rs, &n, err)))
		return rc;
	t = pm_table_new();
	pm_table_add_col(t, "name", PM_COL_TEXT, 0);
	pm_table_add_col(t, "kind", PM_COL_TEXT, 0);
	pm_table_add_col(t, "code", PM_COL_TEXT, 0);
	pm_table_add_col(t, "counties", PM_COL_INT, 0);
	pm_table_add_col(t, "definition", PM_COL_TEXT, 0);
	pm_table_add_col(t, "created_at", PM_COL_TEXT, 0);
	for (i = 0; i < n; i++) {
		size_t row = pm_table_add_row(t);

		pm_table_set_text(t, row, 0, rs[i].name);
		pm_table_set_text(t, row, 1, rs[i].kind);
		pm_table_set_text(t, row, 2, rs[i].code);
		pm_table_set_int(t, row, 3, (int64_t)rs[i].nareas);
		pm_table_set_text(t, row, 4, rs[i].definition);
		pm_table_set_text(t, row, 5, rs[i].created_at);
		pm_region_release(&rs[i]);
	}
	free(rs);
	rc = pm_ctx_emit(ctx, t, NULL, err);
	pm_table_free(t);
	return rc;
}

static enum pm_status run(struct pm_ctx *ctx, int argc, char **argv, struct pm_err *err)
{
	struct args a = { NULL, NULL, 0, false };
	struct pm_region r = { 0 };
	enum pm_status rc;
	char **pos = NULL;
	int npos = 0;
	bool help;

	if ((rc = pm_cmd_parse(ctx, argc, argv, on_opt, &a, &pos, &npos, &help, err)) || help)
		goto out;
	if (!npos) {
		rc = pm_err_set(err, PM_EUSAGE, "usage: %s", cmd_region_entry.usage);
		goto out;
	}
	if (!strcmp(pos[0], "define")) {
		if (npos != 2 || a.nkinds != 1) {
			rc = pm_err_set(
				err, PM_EUSAGE,
				"usage: pathmap region define NAME (--counties LIST | --msa CODE "
				"| --csa CODE | --state ST) [--replace]");
			goto out;
		}
		if ((rc = pm_ctx_open_store(ctx, true, err)) ||
		    (rc = pm_region_define(ctx->store, pos[1], a.kind, a.arg, a.replace, &r, err)))
			goto out;
		if (!ctx->quiet)
			printf("defined region '%s': %zu %s (%s)\n", r.name, r.nareas,
			       r.nareas == 1 ? "county" : "counties", r.definition);
	} else if (!strcmp(pos[0], "list")) {
		if ((rc = pm_ctx_open_store(ctx, false, err)))
			goto out;
		rc = list(ctx, err);
	} else if (!strcmp(pos[0], "show")) {
		if (npos != 2) {
			rc = pm_err_set(err, PM_EUSAGE, "usage: pathmap region show NAME");
			goto out;
		}
		if ((rc = pm_ctx_open_store(ctx, false, err)) ||
		    (rc = pm_region_load(ctx->store, pos[1], &r, err)))
			goto out;
		rc = show(ctx, &r, err);
	} else if (!strcmp(pos[0], "delete")) {
		if (npos != 2) {
			rc = pm_err_set(err, PM_EUSAGE, "usage: pathmap region delete NAME");
			goto out;
		}
		if ((rc = pm_ctx_open_store(ctx, false, err)) ||
		    (rc = pm_region_delete(ctx->store, pos[1], err)))
			goto out;
		if (!ctx->quiet)
			printf("deleted region '%s'\n", pos[1]);
	} else {
		rc = pm_err_set(err, PM_EUSAGE,
				"unknown region subcommand '%s' (define, list, show, delete)",
				pos[0]);
	}
out:
	pm_region_release(&r);
	free(pos);
	return rc;
}

const struct pm_command cmd_region_entry = {
	.name = "region",
	.summary = "define, list, show and delete regions (named sets of counties)",
	.usage = "pathmap region define NAME (--counties LIST | --msa CODE | --csa CODE | "
		 "--state ST) [--replace]\n"
		 "       pathmap region list\n"
		 "       pathmap region show NAME\n"
		 "       pathmap region delete NAME",
	.help = "MSA and CSA membership comes from the BLS QCEW county-MSA-CSA crosswalk shipped\n"
		"with pathmap; a state region holds the state's counties and its pseudo-counties\n"
		"SS996-SS999 (overseas, multicounty, out-of-state, unknown), so county sums reach\n"
		"the state total. Membership is fixed when the region is defined.\n"
		"Commands that take --region also take --area CODE for one published QCEW area.\n",
	.options = options,
	.flags = CMD_CREATES_STORE,
	.run = run,
};
