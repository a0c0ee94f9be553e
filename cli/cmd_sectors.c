/*
 * pathmap sectors : the ranked sector table for a region or one published
 * area (analysis/sectors.c computes; this file gathers inputs and renders).
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/sectors.h"
#include "cli/commands.h"
#include "cli/provenance.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/table.h"
#include "core/xalloc.h"
#include "sectors/allareas.h"
#include "sectors/naics.h"
#include "sectors/ranking.h"
#include "sectors/region.h"
#include "store/dataset.h"
#include "store/qcew.h"
#include "store/store.h"
#include "store/titles.h"
#include "core/banned.h"

enum {
	OPT_REGION = 100,
	OPT_AREA,
	OPT_YEAR,
	OPT_QTR,
	OPT_BASE,
	OPT_LEVEL,
	OPT_OWN,
	OPT_NATIONAL,
	OPT_EXCLUDE,
	OPT_WEIGHTS,
	OPT_TOP,
	OPT_ESTIMATE,
	OPT_ALL_AREAS,
	OPT_FILE,
};

static const struct pm_optdef options[] = {
	{ "region", 'r', true, OPT_REGION, "NAME",
	  "a region defined with 'pathmap region define'" },
	{ "area", 'a', true, OPT_AREA, "CODE",
	  "one published QCEW area (39049, C1814, 39000, US000)" },
	{ "year", 'y', true, OPT_YEAR, "YYYY",
	  "year (default: the latest loaded for the selection)" },
	{ "qtr", 0, true, OPT_QTR, "Q", "quarter 1-4, or a for annual (default)" },
	{ "base-year", 'b', true, OPT_BASE, "YYYY",
	  "base year for growth and shift-share, or 'none'" },
	{ "level", 'l', true, OPT_LEVEL, "LEVEL", "NAICS level: sector (default), 3, 4, 5, 6" },
	{ "own", 0, true, OPT_OWN, "OWN",
	  "ownership: private (default), total, federal, state, local" },
	{ "national", 0, true, OPT_NATIONAL, "MODE",
	  "national figures: auto (default), loaded, derived" },
	{ "derive-exclude", 0, true, OPT_EXCLUDE, "AREAS",
	  "areas not used to derive national shares ('self' = the selection)" },
	{ "weights", 0, true, OPT_WEIGHTS, "SPEC",
	  "score weights, e.g. lq=0.3,growth=0.25,share=0.15,size=0.15,pay=0.15" },
	{ "top", 'n', true, OPT_TOP, "N", "show only the N best-ranked rows" },
	{ "estimate", 0, true, OPT_ESTIMATE, "PCT",
	  "estimate suppressed sums whose bounds are within PCT% (default 10; 0 = never)" },
	{ "all-areas", 0, false, OPT_ALL_AREAS, NULL,
	  "every county x industry of a singlefile (--file), without a store" },
	{ "file", 0, true, OPT_FILE, "FILE",
	  "with --all-areas: a QCEW annual singlefile (.csv or .zip)" },
	{ NULL, 0, false, 0, NULL, NULL },
};

struct args {
	struct pm_sectors_request rq;
	int top;
	bool all_areas;
	const char *file;
	unsigned set; /* 1 << (id - OPT_REGION) for each option given */
};

static enum pm_status parse_int(const char *v, const char *opt, int lo, int hi, int *out,
				struct pm_err *err)
{
	int64_t x;

	if (pm_parse_i64(v, strlen(v), &x) || x < lo || x > hi)
		return pm_err_set(err, PM_EUSAGE, "--%s: '%s' is not a number between %d and %d",
				  opt, v, lo, hi);
	*out = (int)x;
	return PM_OK;
}

static enum pm_status on_opt(void *user, int id, const char *v, struct pm_err *err)
{
	struct args *a = user;
	char msg[200];

	if (id >= OPT_REGION && id <= OPT_FILE)
		a->set |= 1u << (id - OPT_REGION);
	switch (id) {
	case OPT_REGION: a->rq.region = v; return PM_OK;
	case OPT_AREA: a->rq.area = v; return PM_OK;
	case OPT_YEAR: return parse_int(v, "year", 1970, 2200, &a->rq.year, err);
	case OPT_QTR:
		if ((v[0] == 'a' || v[0] == 'A') && !v[1])
			a->rq.qtr = 'A';
		else if (v[0] >= '1' && v[0] <= '4' && !v[1])
			a->rq.qtr = v[0];
		else
			return pm_err_set(err, PM_EUSAGE, "--qtr: '%s' is not 1-4 or a", v);
		return PM_OK;
	case OPT_BASE:
		a->rq.base_set = true;
		if (!strcmp(v, "none")) {
			a->rq.base_none = true;
			return PM_OK;
		}
		return parse_int(v, "base-year", 1970, 2200, &a->rq.base_year, err);
	case OPT_LEVEL:
		a->rq.level = pm_naics_parse_level(v);
		if (a->rq.level < 0)
			return pm_err_set(err, PM_EUSAGE,
					  "--level: '%s' is not sector, 3, 4, 5 or 6", v);
		return PM_OK;
	case OPT_OWN: a->rq.own = v; return PM_OK;
	case OPT_NATIONAL:
		if (!strcmp(v, "auto"))
			a->rq.national = PM_NATIONAL_AUTO;
		else if (!strcmp(v, "loaded"))
			a->rq.national = PM_NATIONAL_LOADED;
		else if (!strcmp(v, "derived"))
			a->rq.national = PM_NATIONAL_DERIVED;
		else
			return pm_err_set(err, PM_EUSAGE,
					  "--national: '%s' is not auto, loaded or derived", v);
		return PM_OK;
	case OPT_EXCLUDE: a->rq.derive_exclude = v; return PM_OK;
	case OPT_WEIGHTS:
		if (pm_score_parse_weights(v, &a->rq.weights, msg, sizeof msg))
			return pm_err_set(err, PM_EUSAGE, "--weights: %s", msg);
		return PM_OK;
	case OPT_TOP: return parse_int(v, "top", 1, 100000, &a->top, err);
	case OPT_ESTIMATE: return parse_int(v, "estimate", 0, 100, &a->rq.estimate_pct, err);
	case OPT_ALL_AREAS: a->all_areas = true; return PM_OK;
	case OPT_FILE: a->file = v; return PM_OK;
	}
	return PM_OK;
}

/* ---- output ---- */

enum col {
	C_CODE,
	C_TITLE,
	C_OWN,
	C_YEAR,
	C_ESTABS,
	C_EMP,
	C_WAGES,
	C_PAY,
	C_SHARE,
	C_LQ,
	C_BASIS,
	C_LQPUB,
	C_BASEYEAR,
	C_BASEEMP,
	C_CHANGE,
	C_PCT,
	C_CAGR,
	C_NS,
	C_IM,
	C_RS,
	C_SUPP,
	C_SCORE,
	C_RANK,
	C_QUAD,
	C_CLUSTER,
	C_NATPCT,
	C_EMPLO,
	C_EMPHI,
	C_EST,
	C_EMPEST,
	C_LQSRC,
	C_QTR,
	C_N
};

static void add_columns(struct pm_table *t, bool shift_share)
{
	static const struct {
		const char *name;
		enum pm_coltype type;
		int dec;
	} cols[C_N] = {
		[C_CODE] = { "industry_code", PM_COL_TEXT, 0 },
		[C_TITLE] = { "industry_title", PM_COL_TEXT, 0 },
		[C_OWN] = { "own_code", PM_COL_TEXT, 0 },
		[C_YEAR] = { "year", PM_COL_INT, 0 },
		[C_ESTABS] = { "establishments", PM_COL_INT, 0 },
		[C_EMP] = { "employment", PM_COL_INT, 0 },
		[C_WAGES] = { "total_wages", PM_COL_INT, 0 },
		[C_PAY] = { "avg_annual_pay", PM_COL_REAL, 0 },
		[C_SHARE] = { "employment_share", PM_COL_REAL, 4 },
		[C_LQ] = { "lq", PM_COL_REAL, 4 },
		[C_BASIS] = { "lq_basis", PM_COL_TEXT, 0 },
		[C_LQPUB] = { "lq_published", PM_COL_REAL, 2 },
		[C_BASEYEAR] = { "base_year", PM_COL_INT, 0 },
		[C_BASEEMP] = { "base_employment", PM_COL_INT, 0 },
		[C_CHANGE] = { "employment_change", PM_COL_INT, 0 },
		[C_PCT] = { "employment_pct_change", PM_COL_REAL, 2 },
		[C_CAGR] = { "cagr", PM_COL_REAL, 3 },
		[C_NS] = { "national_share", PM_COL_REAL, 2 },
		[C_IM] = { "industry_mix", PM_COL_REAL, 2 },
		[C_RS] = { "regional_share", PM_COL_REAL, 2 },
		[C_SUPP] = { "suppressed", PM_COL_INT, 0 },
		[C_SCORE] = { "score", PM_COL_REAL, 2 },
		[C_RANK] = { "rank", PM_COL_INT, 0 },
		[C_QUAD] = { "quadrant", PM_COL_TEXT, 0 },
		[C_CLUSTER] = { "cluster", PM_COL_TEXT, 0 },
		[C_NATPCT] = { "national_pct_change", PM_COL_REAL, 2 },
		[C_EMPLO] = { "employment_low", PM_COL_INT, 0 },
		[C_EMPHI] = { "employment_high", PM_COL_INT, 0 },
		[C_EST] = { "estimated", PM_COL_TEXT, 0 },
		[C_EMPEST] = { "employment_estimate", PM_COL_REAL, 0 },
		[C_LQSRC] = { "lq_source_area", PM_COL_TEXT, 0 },
		[C_QTR] = { "qtr", PM_COL_TEXT, 0 },
	};
	/* The human view (table, md): what a planner reads first, rank leading. */
	static const struct {
		enum col c;
		const char *label;
		int dec;
	} brief[] = {
		/* clang-format off */
		{ C_RANK, "rank", -1 },
		{ C_CODE, "naics", -1 },
		{ C_TITLE, "industry", -1 },
		{ C_EMP, "jobs", -1 },
		{ C_SHARE, "share%", 1 },
		{ C_LQ, "LQ", 2 },
		{ C_PAY, "avg pay", -1 },
		{ C_PCT, "growth%", 1 },
		{ C_RS, "regional share", 0 },
		{ C_SCORE, "score", 1 },
		{ C_QUAD, "quadrant", -1 },
		/* clang-format on */
	};
	size_t i;

	for (i = 0; i < C_N; i++) {
		size_t c = pm_table_add_col(t, cols[i].name, cols[i].type, cols[i].dec);

		if (i == C_YEAR || i == C_BASEYEAR || i == C_RANK)
			pm_table_col_plain(t, c);
	}
	for (i = 0; i < sizeof brief / sizeof brief[0]; i++)
		if (brief[i].c != C_RS || shift_share)
			pm_table_col_brief(t, brief[i].c, brief[i].label, brief[i].dec);
}

/* Set an aggregated count: a value, or suppressed (with its bounds when known). */
static void set_agg(struct pm_table *t, size_t r, size_t c, const struct pm_agg *a)
{
	if (pm_agg_known(a))
		pm_table_set_int(t, r, c, a->low);
	else if (a->high_known)
		pm_table_set_suppressed_range(t, r, c, a->low, a->high);
	else
		pm_table_set_suppressed(t, r, c);
}

static void set_real_or(struct pm_table *t, size_t r, size_t c, double v, bool suppressed)
{
	if (!isnan(v))
		pm_table_set_real(t, r, c, v);
	else if (suppressed)
		pm_table_set_suppressed(t, r, c);
}

static void fill_row(struct pm_table *t, struct pm_store *st, const struct pm_sector_row *row,
		     const struct pm_sectors_request *a, char own_code,
		     const struct pm_sectors_result *res)
{
	size_t r = pm_table_add_row(t);
	char *title = pm_store_industry_title(st, row->industry);
	bool supp = !pm_agg_known(&row->emp);
	bool base_supp = row->has_base && !pm_agg_known(&row->base_emp);
	char oc[2] = { own_code, 0 }, q[2] = { a->qtr, 0 };

	pm_table_set_text(t, r, C_CODE, row->industry);
	pm_table_set_text(t, r, C_TITLE, title ? title : "(untitled industry code)");
	free(title);
	pm_table_set_text(t, r, C_OWN, oc);
	pm_table_set_int(t, r, C_YEAR, a->year);
	pm_table_set_int(t, r, C_ESTABS, row->estabs);
	set_agg(t, r, C_EMP, &row->emp);
	set_agg(t, r, C_WAGES, &row->wages);
	set_real_or(t, r, C_PAY, row->avg_pay, supp || !pm_agg_known(&row->wages));
	set_real_or(t, r, C_SHARE, row->share_pct, supp);
	set_real_or(t, r, C_LQ, row->lq, supp);
	if (!isnan(row->lq))
		pm_table_set_text(t, r, C_BASIS, pm_lq_basis_name(row->lq_basis));
	if (!isnan(row->lq_published))
		pm_table_set_real(t, r, C_LQPUB, row->lq_published);
	if (a->base_year) {
		pm_table_set_int(t, r, C_BASEYEAR, a->base_year);
		if (!row->has_base)
			pm_table_set_int(t, r, C_BASEEMP, 0);
		else
			set_agg(t, r, C_BASEEMP, &row->base_emp);
		if (row->growth_known) {
			pm_table_set_int(t, r, C_CHANGE, row->growth.change);
			set_real_or(t, r, C_PCT, row->growth.pct, false);
			set_real_or(t, r, C_CAGR, row->growth.cagr, false);
		} else if (supp || base_supp) {
			pm_table_set_suppressed(t, r, C_CHANGE);
			pm_table_set_suppressed(t, r, C_PCT);
			pm_table_set_suppressed(t, r, C_CAGR);
		}
		if (row->ss_known) {
			pm_table_set_real(t, r, C_NS, (double)row->ss.national / 100.0);
			pm_table_set_real(t, r, C_IM, (double)row->ss.mix / 100.0);
			pm_table_set_real(t, r, C_RS, (double)row->ss.regional / 100.0);
		} else if (res->shift_share && (supp || base_supp)) {
			pm_table_set_suppressed(t, r, C_NS);
			pm_table_set_suppressed(t, r, C_IM);
			pm_table_set_suppressed(t, r, C_RS);
		}
	}
	pm_table_set_int(t, r, C_SUPP, row->emp.nsupp);
	if (!isnan(row->score))
		pm_table_set_real(t, r, C_SCORE, row->score);
	if (row->rank)
		pm_table_set_int(t, r, C_RANK, row->rank);
	pm_table_set_text(t, r, C_QUAD, row->quadrant);
	if (!isnan(row->lq))
		pm_table_set_text(t, r, C_CLUSTER, row->cluster ? "yes" : "no");
	if (!isnan(row->nat_growth_pct))
		pm_table_set_real(t, r, C_NATPCT, row->nat_growth_pct);
	pm_table_set_int(t, r, C_EMPLO, row->emp.low);
	if (row->emp.high_known)
		pm_table_set_int(t, r, C_EMPHI, row->emp.high);
	pm_table_set_text(t, r, C_EST, row->estimated ? "yes" : "no");
	if (row->estimated && !pm_agg_known(&row->emp))
		pm_table_set_real(t, r, C_EMPEST, row->emp_est);
	if (row->estimated) {
		static const enum col approx[] = {
			C_PAY, C_SHARE, C_LQ, C_CHANGE, C_PCT,	  C_CAGR,
			C_NS,  C_IM,	C_RS, C_SCORE,	C_NATPCT,
		};
		size_t k;

		for (k = 0; k < sizeof approx / sizeof approx[0]; k++)
			pm_table_mark_approx(t, r, approx[k]);
	}
	pm_table_set_text(t, r, C_LQSRC, row->lq_source);
	pm_table_set_text(t, r, C_QTR, q);
}

static cJSON *sources_json(struct pm_store *st, const struct pm_region *sel,
			   const struct pm_sectors_request *a, const struct pm_sectors_result *res)
{
	int64_t ids[512];
	size_t n = 0, k;
	const char *us = "US000";
	int years[2] = { a->year, a->base_year };
	int y;

	for (y = 0; y < 2; y++) {
		size_t got = 0;

		if (!years[y])
			continue;
		pm_store_qcew_datasets(st, (const char *const *)sel->areas, sel->nareas, years[y],
				       a->qtr, ids + n, 512 - n, &got, NULL);
		n += got;
		pm_store_qcew_datasets(st, &us, 1, years[y], a->qtr, ids + n, 512 - n, &got, NULL);
		n += got;
	}
	for (k = 0; k < res->n && n < 512; k++) {
		size_t got = 0;
		const char *src = res->rows[k].lq_source;

		if (src && strcmp(src, "several"))
			pm_store_qcew_datasets(st, &src, 1, a->year, a->qtr, ids + n, 512 - n, &got,
					       NULL);
		n += got;
	}
	return pm_sources_json(st, ids, n, NULL);
}

static cJSON *meta_json(struct pm_store *st, const struct pm_region *sel,
			const struct pm_sectors_request *a, const char *own_title, char own_code,
			const struct pm_sectors_result *res, const struct pm_score_weights *w)
{
	cJSON *m = cJSON_CreateObject(), *reg = cJSON_CreateObject(), *areas = cJSON_CreateArray();
	cJSON *weights = cJSON_CreateObject(), *own = cJSON_CreateObject();
	char oc[2] = { own_code, 0 }, q[2] = { a->qtr, 0 };
	size_t i;
	int k;

	cJSON_AddStringToObject(reg, "name", sel->name);
	cJSON_AddStringToObject(reg, "label", sel->label);
	cJSON_AddStringToObject(reg, "kind", sel->kind);
	if (sel->code)
		cJSON_AddStringToObject(reg, "code", sel->code);
	cJSON_AddStringToObject(reg, "definition", sel->definition);
	for (i = 0; i < sel->nareas; i++)
		cJSON_AddItemToArray(areas, cJSON_CreateString(sel->areas[i]));
	cJSON_AddItemToObject(reg, "areas", areas);
	cJSON_AddItemToObject(m, "region", reg);
	cJSON_AddNumberToObject(m, "year", a->year);
	cJSON_AddStringToObject(m, "qtr", q);
	if (a->base_year)
		cJSON_AddNumberToObject(m, "base_year", a->base_year);
	else
		cJSON_AddNullToObject(m, "base_year");
	cJSON_AddStringToObject(own, "code", oc);
	cJSON_AddStringToObject(own, "name", own_title);
	cJSON_AddItemToObject(m, "ownership", own);
	cJSON_AddNumberToObject(m, "level", a->level);
	cJSON_AddStringToObject(m, "lq_basis", pm_lq_basis_name(res->lq_basis));
	cJSON_AddBoolToObject(m, "shift_share", res->shift_share);
	if (!isnan(res->nat_total_growth_pct))
		cJSON_AddNumberToObject(m, "national_total_pct_change",
					round(res->nat_total_growth_pct * 100) / 100);
	if (!isnan(res->region_total_growth_pct))
		cJSON_AddNumberToObject(m, "region_total_pct_change",
					round(res->region_total_growth_pct * 100) / 100);
	if (pm_agg_known(&res->region_total) && res->region_total.nparts)
		cJSON_AddNumberToObject(m, "region_total_employment",
					(double)res->region_total.low);
	if (res->growth_reference)
		cJSON_AddStringToObject(m, "quadrant_reference", res->growth_reference);
	for (k = 0; k < PM_SC_N; k++)
		cJSON_AddNumberToObject(weights, pm_score_comp_names[k], w->w[k]);
	cJSON_AddItemToObject(m, "weights", weights);
	cJSON_AddItemToObject(m, "sources", sources_json(st, sel, a, res));
	return m;
}

/* ---- --all-areas: every county of a singlefile ---- */

/* Append the decimal digits of V (>= 0). */
static char *put_u64(char *o, uint64_t v)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*o++ = tmp[--n];
	return o;
}

/* Append V with 4 decimals, as printf's %.4f would. */
static char *put_lq(char *o, double v)
{
	double x = v * 10000.0, fl = floor(x), frac = x - fl;
	uint64_t u;
	int k;

	/* Near a tie (or huge) the product's rounding could matter: let printf decide. */
	if (!(v >= 0 && v < 1e5) || fabs(frac - 0.5) < 1e-6)
		return o + snprintf(o, 32, "%.4f", v);
	u = (uint64_t)fl + (frac > 0.5);
	o = put_u64(o, u / 10000);
	*o++ = '.';
	for (k = 3; k >= 0; k--) {
		o[k] = (char)('0' + u % 10);
		u /= 10;
	}
	return o + 4;
}

static char *put_code(char *o, uint64_t k)
{
	for (; k; k <<= 8)
		*o++ = (char)(k >> 56);
	return o;
}

/*
 * CSV of half a million rows: written straight from the result, since a
 * result table would hold every cell as an allocation.
 */
static enum pm_status write_all_areas_csv(FILE *f, const struct pm_allareas *r, struct pm_err *err)
{
	enum { CHUNK = 1 << 16, ROW_MAX = 128 };
	char *buf = pm_xmalloc(CHUNK), *o = buf;
	size_t i;
	bool ok;

	o += snprintf(o, ROW_MAX, "area_fips,industry_code,employment,lq\n");
	for (i = 0; i < r->n; i++) {
		const struct pm_allareas_row *row = &r->rows[i];

		if ((size_t)(o - buf) > CHUNK - ROW_MAX) {
			fwrite(buf, 1, (size_t)(o - buf), f);
			o = buf;
		}
		o = put_code(o, row->area);
		*o++ = ',';
		o = put_code(o, row->industry);
		*o++ = ',';
		if (row->emp >= 0)
			o = put_u64(o, (uint64_t)row->emp);
		*o++ = ',';
		if (!isnan(row->lq))
			o = put_lq(o, row->lq);
		*o++ = '\n';
	}
	fwrite(buf, 1, (size_t)(o - buf), f);
	free(buf);
	ok = !ferror(f);
	return ok ? PM_OK : pm_err_set(err, PM_EIO, "cannot write the result");
}

/* The other formats go through a result table like every command's. */
static struct pm_table *all_areas_table(const struct pm_allareas *r, int level, const char *own)
{
	struct pm_table *t = pm_table_new();
	char code[9];
	size_t i;

	pm_table_set_title(t, level == PM_NAICS_SECTOR ? "Every county: NAICS sectors"
						       : "Every county: NAICS industries");
	pm_table_add_note(t, "%s ownership, %d annual; LQ against US000", own, r->year);
	pm_table_add_col(t, "area_fips", PM_COL_TEXT, 0);
	pm_table_add_col(t, "industry_code", PM_COL_TEXT, 0);
	pm_table_add_col(t, "employment", PM_COL_INT, 0);
	pm_table_add_col(t, "lq", PM_COL_REAL, 4);
	for (i = 0; i < r->nnotes; i++)
		pm_table_add_note(t, "%s", r->notes[i]);
	for (i = 0; i < r->n; i++) {
		size_t row = pm_table_add_row(t);

		pm_table_set_text(t, row, 0, pm_allareas_code(r->rows[i].area, code));
		pm_table_set_text(t, row, 1, pm_allareas_code(r->rows[i].industry, code));
		if (r->rows[i].emp >= 0)
			pm_table_set_int(t, row, 2, r->rows[i].emp);
		else
			pm_table_set_suppressed(t, row, 2);
		if (!isnan(r->rows[i].lq))
			pm_table_set_real(t, row, 3, r->rows[i].lq);
		else if (r->rows[i].emp < 0)
			pm_table_set_suppressed(t, row, 3);
	}
	return t;
}

static enum pm_status run_all_areas(struct pm_ctx *ctx, const struct args *a, struct pm_err *err)
{
	/* Options of the store-based table that mean nothing here. */
	static const int store_only[] = {
		OPT_REGION,   OPT_AREA,	   OPT_YEAR,	OPT_QTR, OPT_BASE,
		OPT_NATIONAL, OPT_EXCLUDE, OPT_WEIGHTS, OPT_TOP, OPT_ESTIMATE,
	};
	struct pm_allareas_opts opts = { 0 };
	struct pm_allareas res;
	struct pm_table *t = NULL;
	const char *owns, *own_title;
	char own_total;
	enum pm_status rc;
	size_t i;

	for (i = 0; i < sizeof store_only / sizeof store_only[0]; i++) {
		const struct pm_optdef *d;

		if (!(a->set & (1u << (store_only[i] - OPT_REGION))))
			continue;
		for (d = options; d->id != store_only[i]; d++)
			;
		return pm_err_set(err, PM_EUSAGE, "--all-areas does not take --%s", d->name);
	}
	if (!a->file)
		return pm_err_set(err, PM_EUSAGE, "--all-areas needs --file SINGLEFILE");
	if ((rc = pm_sectors_parse_own(a->rq.own, &owns, &own_total, &own_title, err)))
		return rc;
	if (strlen(owns) != 1)
		return pm_err_set(err, PM_EUSAGE,
				  "--all-areas: --own %s is not published per county and industry; "
				  "use private, federal, state or local",
				  a->rq.own);
	opts.level = a->rq.level;
	opts.own = owns[0];
	if ((rc = pm_allareas_run(a->file, &opts, &res, err)))
		return rc;
	if (ctx->format == PM_FMT_CSV) {
		struct pm_out out;

		for (i = 0; i < res.nnotes; i++)
			pm_warn("%s", res.notes[i]);
		if (!(rc = pm_out_open(&out, ctx->output, err))) {
			rc = write_all_areas_csv(out.f, &res, err);
			if (rc)
				pm_out_close(&out, false, NULL);
			else
				rc = pm_out_close(&out, true, err);
		}
	} else {
		t = all_areas_table(&res, a->rq.level, own_title);
		rc = pm_ctx_emit(ctx, t, NULL, err);
	}
	pm_table_free(t);
	pm_allareas_release(&res);
	return rc;
}

static enum pm_status run(struct pm_ctx *ctx, int argc, char **argv, struct pm_err *err)
{
	struct args a;
	struct pm_sectors_report rep;
	struct pm_buf title = PM_BUF_INIT;
	struct pm_table *t = NULL;
	cJSON *meta = NULL;
	const struct pm_sectors_request *rq = &rep.rq;
	char per[16], own_code;
	enum pm_status rc;
	char **pos = NULL;
	int npos = 0;
	size_t i, shown = 0;
	bool help;

	memset(&a, 0, sizeof a);
	memset(&rep, 0, sizeof rep);
	pm_sectors_request_init(&a.rq);
	if ((rc = pm_cmd_parse(ctx, argc, argv, on_opt, &a, &pos, &npos, &help, err)) || help)
		goto out;
	if (npos) {
		rc = pm_err_set(err, PM_EUSAGE, "unexpected argument '%s' (usage: %s)", pos[0],
				cmd_sectors_entry.usage);
		goto out;
	}
	if (a.all_areas) {
		rc = run_all_areas(ctx, &a, err);
		goto out;
	}
	if (a.file) {
		rc = pm_err_set(err, PM_EUSAGE, "--file goes with --all-areas");
		goto out;
	}
	if (!a.rq.region == !a.rq.area) {
		rc = pm_err_set(err, PM_EUSAGE, "give exactly one of --region NAME or --area CODE");
		goto out;
	}
	if ((rc = pm_ctx_open_store(ctx, false, err)) ||
	    (rc = pm_sectors_run(ctx->store, &a.rq, &rep, err)))
		goto out;
	own_code = rep.own_total == '0' ? '0' : rep.owns[0];

	t = pm_table_new();
	pm_period_text(rq->qtr, per, sizeof per);
	pm_buf_addf(&title, "%s: %s, %s, %d %s", rep.sel.label,
		    rq->level == PM_NAICS_SECTOR ? "NAICS sectors" : "NAICS industries",
		    rep.own_title, rq->year, per);
	if (rq->level > PM_NAICS_SECTOR)
		pm_buf_addf(&title, " (%d-digit)", rq->level);
	if (rq->base_year)
		pm_buf_addf(&title, "; base year %d", rq->base_year);
	pm_table_set_title(t, title.buf);
	if (rep.basis_note)
		pm_table_add_note(t, "%s", rep.basis_note);
	for (i = 0; i < rep.res.nnotes; i++)
		pm_table_add_note(t, "%s", rep.res.notes[i]);
	add_columns(t, rep.res.shift_share);
	for (i = 0; i < rep.res.n; i++) {
		if (a.top && (!rep.res.rows[i].rank || shown >= (size_t)a.top))
			continue;
		fill_row(t, ctx->store, &rep.res.rows[i], rq, own_code, &rep.res);
		shown++;
	}
	if (ctx->format == PM_FMT_CSV)
		for (i = 0; i < t->nnotes; i++)
			pm_warn("%s", t->notes[i]);
	meta = meta_json(ctx->store, &rep.sel, rq, rep.own_title, own_code, &rep.res, &rq->weights);
	rc = pm_ctx_emit(ctx, t, meta, err);
out:
	cJSON_Delete(meta);
	pm_table_free(t);
	pm_sectors_report_release(&rep);
	pm_buf_release(&title);
	free(pos);
	return rc;
}

const struct pm_command cmd_sectors_entry = {
	.name = "sectors",
	.summary = "rank a region's industries: size, pay, LQ, growth, shift-share, score",
	.usage = "pathmap sectors (--region NAME | --area CODE) [--year YYYY] [--base-year YYYY] "
		 "[--level sector|3|4|5|6] [--own private|total|federal|state|local] "
		 "[--format table|csv|json|md] [--output FILE]\n"
		 "       pathmap sectors --all-areas --file SINGLEFILE [--level sector|3|4|5|6] "
		 "[--own private|federal|state|local] [--format csv|table|json|md] [--output FILE]",
	.help = "Defaults: private ownership, NAICS sectors, the latest year loaded for every\n"
		"county of the selection, base year five years earlier (else the earliest loaded\n"
		"year since, else the previous year from BLS's over-the-year changes).\n"
		"Suppressed values print as (D) in tables, empty in CSV, null in JSON.\n"
		"LQs use loaded US000 rows, or national shares derived from BLS-published LQs\n"
		"(lq_basis 'derived'). Methods and sources: docs/methods.md.\n"
		"--all-areas reads a QCEW annual singlefile (.csv or .zip) directly, without a\n"
		"store, and writes area_fips, industry_code, employment and LQ (against US000)\n"
		"for every county-level area and industry of the level, sorted by area.\n",
	.options = options,
	.flags = CMD_NEEDS_STORE,
	.run = run,
};
