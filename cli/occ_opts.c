/* The selection options shared by the occupation commands (see occ_opts.h). */
#include "cli/occ_opts.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/provenance.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "store/qcew.h"
#include "core/banned.h"

enum {
	OPT_REGION = 100,
	OPT_AREA,
	OPT_SECTOR,
	OPT_YEAR,
	OPT_OWN,
	OPT_MIN,
	OPT_EDU,
	OPT_TOP,
};

const struct pm_optdef pm_occ_options[] = {
	{ "region", 'r', true, OPT_REGION, "NAME",
	  "a region defined with 'pathmap region define'" },
	{ "area", 'a', true, OPT_AREA, "CODE", "one published area (39049, C1814, 39000, US000)" },
	{ "sector", 's', true, OPT_SECTOR, "NAICS",
	  "only these industries (repeat or comma-separate: 62,31-33,5415)" },
	{ "year", 'y', true, OPT_YEAR, "YYYY", "QCEW year (default: the latest loaded)" },
	{ "own", 0, true, OPT_OWN, "OWN", "ownership: total (default) or private" },
	{ "min-openings", 0, true, OPT_MIN, "N",
	  "only occupations with at least N openings a year" },
	{ "education", 'e', true, OPT_EDU, "LEVEL",
	  "only these entry-education levels (comma-separated: bachelor,associate,...)" },
	{ "top", 'n', true, OPT_TOP, "N", "show only the first N rows" },
	{ NULL, 0, false, 0, NULL, NULL },
};

void pm_occ_args_init(struct pm_occ_args *a)
{
	memset(a, 0, sizeof *a);
	pm_occ_request_init(&a->rq);
}

void pm_occ_args_release(struct pm_occ_args *a)
{
	size_t i;

	for (i = 0; i < a->nsectors; i++)
		free(a->sectors[i]);
	free(a->sectors);
	memset(a, 0, sizeof *a);
}

static enum pm_status num(const char *v, const char *opt, int64_t lo, int64_t hi, int64_t *out,
			  struct pm_err *err)
{
	if (pm_parse_i64(v, strlen(v), out) || *out < lo || *out > hi)
		return pm_err_set(err, PM_EUSAGE, "--%s: '%s' is not a number from %lld to %lld",
				  opt, v, (long long)lo, (long long)hi);
	return PM_OK;
}

enum pm_status pm_occ_on_opt(struct pm_occ_args *a, int id, const char *v, struct pm_err *err)
{
	const char *p = v, *end;
	int64_t x;
	enum pm_status rc;

	switch (id) {
	case OPT_REGION: a->rq.region = v; return PM_OK;
	case OPT_AREA: a->rq.area = v; return PM_OK;
	case OPT_OWN:
		if (strcmp(v, "total") && strcmp(v, "private"))
			return pm_err_set(err, PM_EUSAGE, "--own: '%s' is not total or private", v);
		a->rq.own = v;
		return PM_OK;
	case OPT_EDU: a->rq.education = v; return PM_OK;
	case OPT_YEAR:
		rc = num(v, "year", 1970, 2200, &x, err);
		a->rq.year = (int)x;
		return rc;
	case OPT_MIN:
		rc = num(v, "min-openings", 0, 100000000, &x, err);
		a->rq.min_openings = (double)x;
		return rc;
	case OPT_TOP:
		rc = num(v, "top", 1, 100000, &x, err);
		a->top = (int)x;
		return rc;
	case OPT_SECTOR:
		for (; *p; p = *end ? end + 1 : end) {
			end = p + strcspn(p, ",");
			if (end == p)
				continue;
			a->sectors =
				pm_xrealloc(a->sectors, (a->nsectors + 2) * sizeof *a->sectors);
			a->sectors[a->nsectors++] = pm_xstrndup(p, (size_t)(end - p));
			a->sectors[a->nsectors] = NULL;
		}
		a->rq.sectors = (const char *const *)a->sectors;
		return PM_OK;
	}
	return PM_OK;
}

void pm_occ_title_sectors(struct pm_buf *b, const struct pm_occ_args *a)
{
	size_t i;

	for (i = 0; i < a->nsectors; i++)
		pm_buf_addf(b, "%s%s", i ? ", " : ", industries ", a->sectors[i]);
}

struct cJSON *pm_occ_meta(const struct pm_occ_report *r)
{
	cJSON *m = cJSON_CreateObject();

	cJSON_AddStringToObject(m, "selection", r->sel.name);
	cJSON_AddStringToObject(m, "selection_label", r->sel.label ? r->sel.label : r->sel.name);
	cJSON_AddStringToObject(m, "employment_basis", r->method ? r->method : "");
	if (r->year)
		cJSON_AddNumberToObject(m, "qcew_year", r->year);
	cJSON_AddNumberToObject(m, "ep_base_year", r->ep_base);
	cJSON_AddNumberToObject(m, "ep_projected_year", r->ep_proj);
	cJSON_AddNumberToObject(m, "total_employment", llround(r->total_emp));
	return m;
}

enum pm_status pm_parse_award_years(const char *opt, const char *v, int *year0, int *year1,
				    struct pm_err *err)
{
	const char *dash = strchr(v, '-');
	int64_t x, y;

	if (pm_parse_i64(v, dash ? (size_t)(dash - v) : strlen(v), &x) ||
	    (dash && pm_parse_i64(dash + 1, strlen(dash + 1), &y)) || x < 1980 || x > 2200)
		return pm_err_set(err, PM_EUSAGE, "%s: '%s' is not YYYY or YYYY-YYYY", opt, v);
	if (!dash)
		y = x;
	if (y < x || y > 2200)
		return pm_err_set(err, PM_EUSAGE, "%s: '%s' is not YYYY or YYYY-YYYY", opt, v);
	*year0 = (int)x;
	*year1 = (int)y;
	return PM_OK;
}

enum pm_status pm_occ_parse(struct pm_ctx *ctx, int argc, char **argv, pm_opt_cb *cb, void *user,
			    const char *usage, bool *help, struct pm_err *err)
{
	char **pos = NULL;
	int npos = 0;
	enum pm_status rc = pm_cmd_parse(ctx, argc, argv, cb, user, &pos, &npos, help, err);

	free(pos);
	if (!rc && !*help && npos)
		rc = pm_err_set(err, PM_EUSAGE, "usage: %s", usage);
	return rc;
}

enum pm_status pm_occ_emit(struct pm_ctx *ctx, struct pm_table *t, const char *title,
			   char *const *notes, size_t n, const struct cJSON *meta,
			   struct pm_err *err)
{
	size_t i;

	pm_table_set_title(t, title);
	for (i = 0; i < n; i++)
		pm_table_add_note(t, "%s", notes[i]);
	return pm_ctx_emit(ctx, t, meta, err);
}

void pm_occ_add_sources(struct cJSON *meta, struct pm_store *st, const struct pm_occ_report *r,
			bool supply)
{
	int64_t ids[512];
	size_t n = 0;

	if (r->year)
		pm_store_qcew_datasets(st, (const char *const *)r->sel.areas, r->sel.nareas,
				       r->year, 'A', ids, sizeof ids / sizeof ids[0], &n, NULL);
	cJSON_AddItemToObject(
		meta, "sources",
		pm_sources_json(st, ids, n,
				supply ? "source IN ('ep', 'oews', 'staffing', 'onet', "
					 "'projections', 'careeronestop', 'cipsoc', 'ipeds', "
					 "'programs')"
				       : "source IN ('ep', 'oews', 'staffing', 'onet', "
					 "'projections', 'careeronestop')"));
}
