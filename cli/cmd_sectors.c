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
#include "core/buf.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/table.h"
#include "core/xalloc.h"
#include "sectors/naics.h"
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
	{ NULL, 0, false, 0, NULL, NULL },
};

struct args {
	const char *region, *area, *exclude;
	int year, base_year, level, top, estimate;
	bool base_none, base_set;
	char qtr;
	const char *own;
	enum pm_national_mode national;
	struct pm_score_weights weights;
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

	switch (id) {
	case OPT_REGION: a->region = v; return PM_OK;
	case OPT_AREA: a->area = v; return PM_OK;
	case OPT_YEAR: return parse_int(v, "year", 1970, 2200, &a->year, err);
	case OPT_QTR:
		if ((v[0] == 'a' || v[0] == 'A') && !v[1])
			a->qtr = 'A';
		else if (v[0] >= '1' && v[0] <= '4' && !v[1])
			a->qtr = v[0];
		else
			return pm_err_set(err, PM_EUSAGE, "--qtr: '%s' is not 1-4 or a", v);
		return PM_OK;
	case OPT_BASE:
		a->base_set = true;
		if (!strcmp(v, "none")) {
			a->base_none = true;
			return PM_OK;
		}
		return parse_int(v, "base-year", 1970, 2200, &a->base_year, err);
	case OPT_LEVEL:
		a->level = pm_naics_parse_level(v);
		if (a->level < 0)
			return pm_err_set(err, PM_EUSAGE,
					  "--level: '%s' is not sector, 3, 4, 5 or 6", v);
		return PM_OK;
	case OPT_OWN: a->own = v; return PM_OK;
	case OPT_NATIONAL:
		if (!strcmp(v, "auto"))
			a->national = PM_NATIONAL_AUTO;
		else if (!strcmp(v, "loaded"))
			a->national = PM_NATIONAL_LOADED;
		else if (!strcmp(v, "derived"))
			a->national = PM_NATIONAL_DERIVED;
		else
			return pm_err_set(err, PM_EUSAGE,
					  "--national: '%s' is not auto, loaded or derived", v);
		return PM_OK;
	case OPT_EXCLUDE: a->exclude = v; return PM_OK;
	case OPT_WEIGHTS:
		if (pm_score_parse_weights(v, &a->weights, msg, sizeof msg))
			return pm_err_set(err, PM_EUSAGE, "--weights: %s", msg);
		return PM_OK;
	case OPT_TOP: return parse_int(v, "top", 1, 100000, &a->top, err);
	case OPT_ESTIMATE: return parse_int(v, "estimate", 0, 100, &a->estimate, err);
	}
	return PM_OK;
}

/* Ownership keyword -> the codes summed and the code of the reference total. */
static enum pm_status parse_own(const char *s, const char **owns, char *total, const char **title,
				struct pm_err *err)
{
	static const struct {
		const char *name, *owns, *title;
		char total;
	} table[] = {
		{ "private", "5", "private", '5' },
		{ "total", "1235", "all ownerships", '0' },
		{ "all", "1235", "all ownerships", '0' },
		{ "federal", "1", "federal government", '1' },
		{ "state", "2", "state government", '2' },
		{ "local", "3", "local government", '3' },
	};
	size_t i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (!strcmp(s, table[i].name)) {
			*owns = table[i].owns;
			*total = table[i].total;
			*title = table[i].title;
			return PM_OK;
		}
	return pm_err_set(err, PM_EUSAGE,
			  "--own: '%s' is not private, total, federal, state or local", s);
}

static const char *period_text(char qtr, char *buf, size_t n)
{
	snprintf(buf, n, qtr == 'A' ? "annual" : "Q%c", qtr);
	return buf;
}

/* Areas of SEL lacking YEAR/QTR; returns how many, listing them into MSG. */
static size_t missing_areas(struct pm_store *st, const struct pm_region *sel, int year, char qtr,
			    struct pm_buf *msg)
{
	size_t i, n = 0;

	for (i = 0; i < sel->nareas; i++) {
		bool has = false;

		pm_store_qcew_has(st, sel->areas[i], year, qtr, &has, NULL);
		if (has)
			continue;
		if (n < 5) {
			char *title = pm_store_area_title(st, sel->areas[i]);

			pm_buf_addf(msg, "%s%s%s%s", n ? ", " : "", sel->areas[i], title ? " " : "",
				    title ? title : "");
			free(title);
		}
		n++;
	}
	if (n > 5)
		pm_buf_addf(msg, " and %zu more", n - 5);
	return n;
}

static bool all_loaded(struct pm_store *st, const struct pm_region *sel, int year, char qtr)
{
	struct pm_buf b = PM_BUF_INIT;
	size_t n = missing_areas(st, sel, year, qtr, &b);

	pm_buf_release(&b);
	return n == 0;
}

static void loaded_years_text(struct pm_store *st, const char *area, char qtr, struct pm_buf *b)
{
	int years[64];
	size_t n = 0, i;

	pm_store_qcew_years(st, area, qtr, years, 64, &n, NULL);
	for (i = n; i-- > 0;)
		pm_buf_addf(b, "%s%d", i + 1 == n ? "" : ", ", years[i]);
	if (!n)
		pm_buf_adds(b, "none");
}

static enum pm_status choose_year(struct pm_store *st, const struct pm_region *sel, struct args *a,
				  const char *what, struct pm_err *err)
{
	struct pm_buf b = PM_BUF_INIT, yrs = PM_BUF_INIT;
	char per[16];
	enum pm_status rc = PM_OK;
	int years[64];
	size_t n = 0, i, miss;

	period_text(a->qtr, per, sizeof per);
	if (a->year) {
		miss = missing_areas(st, sel, a->year, a->qtr, &b);
		if (miss && sel->nareas == 1) {
			loaded_years_text(st, sel->areas[0], a->qtr, &yrs);
			rc = pm_err_set(
				err, PM_ENOTFOUND,
				"%d %s QCEW data is not loaded for %s (%s years loaded: %s)",
				a->year, per, b.buf, per, yrs.buf);
		} else if (miss == sel->nareas) {
			loaded_years_text(st, sel->areas[0], a->qtr, &yrs);
			rc = pm_err_set(
				err, PM_ENOTFOUND,
				"%d %s QCEW data is not loaded for any of the %zu counties of %s "
				"(%s years loaded for %s: %s)",
				a->year, per, sel->nareas, what, per, sel->areas[0], yrs.buf);
		} else if (miss) {
			loaded_years_text(st, sel->areas[0], a->qtr, &yrs);
			rc = pm_err_set(
				err, PM_ENOTFOUND,
				"%d %s QCEW data is not loaded for %zu of the %zu counties of %s: "
				"%s (%s years loaded for %s: %s)",
				a->year, per, miss, sel->nareas, what, b.buf, per, sel->areas[0],
				yrs.buf);
		}
		goto out;
	}
	if ((rc = pm_store_qcew_years(st, sel->areas[0], a->qtr, years, 64, &n, err)))
		goto out;
	for (i = 0; i < n; i++)
		if (all_loaded(st, sel, years[i], a->qtr)) {
			a->year = years[i];
			goto out;
		}
	if (sel->nareas == 1)
		rc = pm_err_set(
			err, PM_ENOTFOUND,
			"no %s QCEW data is loaded for %s %s (import its file with 'pathmap "
			"import qcew FILE')",
			per, what, sel->label ? sel->label : "");
	else
		rc = pm_err_set(err, PM_ENOTFOUND,
				"no %s QCEW year is loaded for all %zu counties of %s (import the "
				"county files with 'pathmap import qcew FILE...')",
				per, sel->nareas, what);
out:
	pm_buf_release(&b);
	pm_buf_release(&yrs);
	return rc;
}

struct inputs {
	struct pm_qcell_set cur, base, nat_cur, nat_base;
	struct pm_lq_source_set src;
	bool base_derived, nat_base_derived;
	char **exclude;
	size_t nexclude;
};

static void inputs_release(struct inputs *in)
{
	size_t i;

	pm_qcell_set_release(&in->cur);
	pm_qcell_set_release(&in->base);
	pm_qcell_set_release(&in->nat_cur);
	pm_qcell_set_release(&in->nat_base);
	pm_lq_source_set_release(&in->src);
	for (i = 0; i < in->nexclude; i++)
		free(in->exclude[i]);
	free(in->exclude);
}

/* Do CELLS carry over-the-year changes (previous-year levels) for every area? */
static bool has_oty(const struct pm_qcell_set *cells, const struct pm_region *sel)
{
	size_t i, j;

	for (j = 0; j < sel->nareas; j++) {
		bool ok = false;

		for (i = 0; i < cells->n && !ok; i++)
			ok = cells->v[i].prev_known && !strcmp(cells->v[i].area, sel->areas[j]);
		if (!ok)
			return false;
	}
	return true;
}

static void add_exclude(struct inputs *in, const char *code)
{
	in->exclude = pm_xrealloc(in->exclude, (in->nexclude + 1) * sizeof *in->exclude);
	in->exclude[in->nexclude++] = pm_xstrdup(code);
}

static enum pm_status gather(struct pm_store *st, const struct pm_region *sel, struct args *a,
			     const char *owns, char own_total, struct inputs *in,
			     struct pm_buf *basis_note, struct pm_err *err)
{
	const char *own_list[8];
	size_t nown = 0, i;
	const char *us = "US000";
	struct pm_qcew_query q = { 0 };
	enum pm_status rc;
	char buf[2][8] = { { 0 } }, per[16];

	period_text(a->qtr, per, sizeof per);
	/* Ownership codes needed: the industry rows', the reference total's, and all-ownership. */
	{
		static char codes[10][2];
		const char *o;

		for (o = owns; *o; o++) {
			codes[nown][0] = *o;
			own_list[nown] = codes[nown];
			nown++;
		}
		codes[nown][0] = own_total;
		if (!strchr(owns, own_total))
			own_list[nown] = codes[nown], nown++;
		codes[nown][0] = '0';
		if (own_total != '0' && !strchr(owns, '0'))
			own_list[nown] = codes[nown], nown++;
	}
	(void)buf;
	q.areas = (const char *const *)sel->areas;
	q.nareas = sel->nareas;
	q.year = a->year;
	q.qtr = a->qtr;
	q.owns = own_list;
	q.nowns = nown;
	q.max_level = a->level;
	if ((rc = pm_store_qcew_cells(st, &q, &in->cur, err)))
		return rc;

	/* Base period: loaded, or the previous year from over-the-year changes. */
	if (a->base_none) {
		a->base_year = 0;
	} else if (a->base_set) {
		if (a->base_year >= a->year)
			return pm_err_set(err, PM_EUSAGE, "--base-year %d is not before --year %d",
					  a->base_year, a->year);
		if (!all_loaded(st, sel, a->base_year, a->qtr)) {
			if (a->base_year == a->year - 1 && has_oty(&in->cur, sel)) {
				in->base_derived = true;
			} else {
				struct pm_buf m = PM_BUF_INIT;

				missing_areas(st, sel, a->base_year, a->qtr, &m);
				rc = pm_err_set(err, PM_ENOTFOUND,
						"base year %d %s is not loaded for %s",
						a->base_year, per, m.buf);
				pm_buf_release(&m);
				return rc;
			}
		}
	} else {
		int y;

		a->base_year = 0;
		for (y = a->year - 5; y < a->year; y++)
			if (all_loaded(st, sel, y, a->qtr)) {
				a->base_year = y;
				break;
			}
		if (!a->base_year && has_oty(&in->cur, sel)) {
			a->base_year = a->year - 1;
			in->base_derived = true;
		}
		if (a->base_year && !in->base_derived && a->base_year != a->year - 5)
			pm_buf_addf(basis_note, "base year %d (%d is not loaded)", a->base_year,
				    a->year - 5);
	}
	if (in->base_derived) {
		pm_qcell_set_previous(&in->cur, &in->base);
		pm_buf_addf(basis_note,
			    "%sbase year %d: levels derived from the over-the-year "
			    "changes published with %d (no earlier year is loaded)",
			    basis_note->len ? "; " : "", a->base_year, a->year);
	} else if (a->base_year) {
		q.year = a->base_year;
		if ((rc = pm_store_qcew_cells(st, &q, &in->base, err)))
			return rc;
	}

	/* The nation, when its rows are loaded. */
	q.areas = &us;
	q.nareas = 1;
	q.year = a->year;
	if ((rc = pm_store_qcew_cells(st, &q, &in->nat_cur, err)))
		return rc;
	if (a->base_year && in->nat_cur.n) {
		bool has = false;

		pm_store_qcew_has(st, us, a->base_year, a->qtr, &has, NULL);
		if (has) {
			q.year = a->base_year;
			if ((rc = pm_store_qcew_cells(st, &q, &in->nat_base, err)))
				return rc;
		} else if (a->base_year == a->year - 1) {
			pm_qcell_set_previous(&in->nat_cur, &in->nat_base);
			in->nat_base_derived = true;
		}
	}
	if (a->national == PM_NATIONAL_LOADED && !in->nat_cur.n)
		return pm_err_set(err, PM_ENOTFOUND,
				  "--national loaded: no US000 rows are loaded for %d %s", a->year,
				  per);

	/* Sources for derived national shares. */
	if (a->exclude) {
		char *list = pm_xstrdup(a->exclude), *p = list;

		while (*p) {
			char *e;

			while (*p == ',' || *p == ' ')
				p++;
			if (!*p)
				break;
			for (e = p; *e && *e != ',' && *e != ' '; e++)
				;
			if (*e)
				*e++ = '\0';
			if (!strcmp(p, "self"))
				for (i = 0; i < sel->nareas; i++)
					add_exclude(in, sel->areas[i]);
			else
				add_exclude(in, p);
			p = e;
		}
		free(list);
	}
	q.areas = NULL;
	q.nareas = 0;
	q.year = a->year;
	q.owns = own_list;
	q.nowns = strlen(owns);
	return pm_store_qcew_lq_sources(st, &q, (const char *const *)in->exclude, in->nexclude,
					&in->src, err);
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
		     const struct args *a, char own_code, const struct pm_sectors_result *res)
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
			C_PAY, C_SHARE, C_LQ, C_CHANGE, C_PCT, C_CAGR,
			C_NS, C_IM, C_RS, C_SCORE, C_NATPCT,
		};
		size_t k;

		for (k = 0; k < sizeof approx / sizeof approx[0]; k++)
			pm_table_mark_approx(t, r, approx[k]);
	}
	pm_table_set_text(t, r, C_LQSRC, row->lq_source);
	pm_table_set_text(t, r, C_QTR, q);
}

static cJSON *sources_json(struct pm_store *st, const struct pm_region *sel, const struct args *a,
			   const struct pm_sectors_result *res)
{
	cJSON *arr = cJSON_CreateArray();
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
	for (k = 0; k < n; k++) {
		struct pm_dataset ds;
		size_t j;
		cJSON *o;

		for (j = 0; j < k && ids[j] != ids[k]; j++)
			;
		if (j < k || pm_dataset_get(st, ids[k], &ds, NULL))
			continue;
		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "dataset", (double)ds.id);
		cJSON_AddStringToObject(o, "source", ds.source);
		cJSON_AddStringToObject(o, "kind", ds.kind);
		cJSON_AddStringToObject(o, "file", ds.file_name);
		if (ds.year)
			cJSON_AddNumberToObject(o, "year", ds.year);
		if (ds.qtr[0])
			cJSON_AddStringToObject(o, "qtr", ds.qtr);
		cJSON_AddNumberToObject(o, "bytes", (double)ds.bytes);
		cJSON_AddStringToObject(o, "sha256", ds.sha256);
		cJSON_AddStringToObject(o, "loaded_at", ds.loaded_at);
		cJSON_AddItemToArray(arr, o);
		pm_dataset_release(&ds);
	}
	return arr;
}

static cJSON *meta_json(struct pm_store *st, const struct pm_region *sel, const struct args *a,
			const char *own_title, char own_code, const struct pm_sectors_result *res,
			const struct pm_score_weights *w)
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

static enum pm_status run(struct pm_ctx *ctx, int argc, char **argv, struct pm_err *err)
{
	struct args a = { 0 };
	struct pm_region sel = { 0 };
	struct inputs in = { 0 };
	struct pm_sectors_spec spec = { 0 };
	struct pm_sectors_input sin = { 0 };
	struct pm_sectors_result res = { 0 };
	struct pm_buf what = PM_BUF_INIT, note = PM_BUF_INIT, title = PM_BUF_INIT;
	struct pm_table *t = NULL;
	cJSON *meta = NULL;
	const char *owns = "5", *own_title = "private";
	char own_total = '5', per[16];
	enum pm_status rc;
	char **pos = NULL;
	int npos = 0;
	size_t i, shown = 0;
	bool help;

	a.qtr = 'A';
	a.level = PM_NAICS_SECTOR;
	a.own = "private";
	a.weights = pm_score_default_weights;
	a.estimate = (int)(PM_ESTIMATE_RANGE_DEFAULT * 100);
	pm_qcell_set_init(&in.cur);
	if ((rc = pm_cmd_parse(ctx, argc, argv, on_opt, &a, &pos, &npos, &help, err)) || help)
		goto out;
	if (npos) {
		rc = pm_err_set(err, PM_EUSAGE, "unexpected argument '%s' (usage: %s)", pos[0],
				cmd_sectors_entry.usage);
		goto out;
	}
	if (!a.region == !a.area) {
		rc = pm_err_set(err, PM_EUSAGE, "give exactly one of --region NAME or --area CODE");
		goto out;
	}
	if ((rc = parse_own(a.own, &owns, &own_total, &own_title, err)))
		goto out;
	if ((rc = pm_ctx_open_store(ctx, false, err)))
		goto out;
	if (a.region)
		rc = pm_region_load(ctx->store, a.region, &sel, err);
	else
		rc = pm_region_from_area(ctx->store, a.area, &sel, err);
	if (rc)
		goto out;
	if (a.region)
		pm_buf_addf(&what, "region '%s'", sel.name);
	else
		pm_buf_addf(&what, "area %s", sel.name);
	if ((rc = choose_year(ctx->store, &sel, &a, what.buf, err)))
		goto out;
	if ((rc = gather(ctx->store, &sel, &a, owns, own_total, &in, &note, err)))
		goto out;

	spec.owns = owns;
	spec.own_total = own_total;
	spec.level = a.level;
	spec.year = a.year;
	spec.base_year = a.base_year;
	spec.qtr = a.qtr;
	spec.national = a.national;
	spec.weights = a.weights;
	spec.single_published_area = sel.published;
	spec.estimate_range = a.estimate / 100.0;
	sin.cur = &in.cur;
	sin.base = a.base_year ? &in.base : NULL;
	sin.nat_cur = in.nat_cur.n ? &in.nat_cur : NULL;
	sin.nat_base = in.nat_base.n ? &in.nat_base : NULL;
	sin.src = &in.src;
	if ((rc = pm_sectors_compute(&spec, &sin, &res, err)))
		goto out;

	t = pm_table_new();
	period_text(a.qtr, per, sizeof per);
	pm_buf_addf(&title, "%s: %s, %s, %d %s", sel.label,
		    a.level == PM_NAICS_SECTOR ? "NAICS sectors" : "NAICS industries", own_title,
		    a.year, per);
	if (a.level > PM_NAICS_SECTOR)
		pm_buf_addf(&title, " (%d-digit)", a.level);
	if (a.base_year)
		pm_buf_addf(&title, "; base year %d", a.base_year);
	pm_table_set_title(t, title.buf);
	if (note.len)
		pm_table_add_note(t, "%s", note.buf);
	for (i = 0; i < res.nnotes; i++)
		pm_table_add_note(t, "%s", res.notes[i]);
	add_columns(t, res.shift_share);
	for (i = 0; i < res.n; i++) {
		if (a.top && (!res.rows[i].rank || shown >= (size_t)a.top))
			continue;
		fill_row(t, ctx->store, &res.rows[i], &a, own_total == '0' ? '0' : owns[0], &res);
		shown++;
	}
	if (ctx->format == PM_FMT_CSV)
		for (i = 0; i < t->nnotes; i++)
			pm_warn("%s", t->notes[i]);
	meta = meta_json(ctx->store, &sel, &a, own_title, own_total == '0' ? '0' : owns[0], &res,
			 &a.weights);
	rc = pm_ctx_emit(ctx, t, meta, err);
out:
	cJSON_Delete(meta);
	pm_table_free(t);
	pm_sectors_result_release(&res);
	inputs_release(&in);
	pm_region_release(&sel);
	pm_buf_release(&what);
	pm_buf_release(&note);
	pm_buf_release(&title);
	free(pos);
	return rc;
}

const struct pm_command cmd_sectors_entry = {
	.name = "sectors",
	.summary = "rank a region's industries: size, pay, LQ, growth, shift-share, score",
	.usage = "pathmap sectors (--region NAME | --area CODE) [--year YYYY] [--base-year YYYY] "
		 "[--level sector|3|4|5|6] [--own private|total|federal|state|local] "
		 "[--format table|csv|json|md] [--output FILE]",
	.help = "Defaults: private ownership, NAICS sectors, the latest year loaded for every\n"
		"county of the selection, base year five years earlier (else the earliest loaded\n"
		"year since, else the previous year from BLS's over-the-year changes).\n"
		"Suppressed values print as (D) in tables, empty in CSV, null in JSON.\n"
		"LQs use loaded US000 rows, or national shares derived from BLS-published LQs\n"
		"(lq_basis 'derived'). Methods and sources: docs/methods.md.\n",
	.options = options,
	.flags = CMD_NEEDS_STORE,
	.run = run,
};
