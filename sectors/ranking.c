/*
 * The sector ranking pipeline (see ranking.h). The choices it makes (which
 * year, which base year, where national figures come from) are reported as
 * notes so a reader of the table knows them.
 */
#include "sectors/ranking.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/agg.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "sectors/naics.h"
#include "store/qcew.h"
#include "store/store.h"
#include "store/titles.h"
#include "core/banned.h"

void pm_sectors_request_init(struct pm_sectors_request *rq)
{
	memset(rq, 0, sizeof *rq);
	rq->qtr = 'A';
	rq->level = PM_NAICS_SECTOR;
	rq->own = "private";
	rq->national = PM_NATIONAL_AUTO;
	rq->weights = pm_score_default_weights;
	rq->estimate_pct = (int)(PM_ESTIMATE_RANGE_DEFAULT * 100 + 0.5);
}

/* Ownership keyword -> the codes summed and the code of the reference total. */
enum pm_status pm_sectors_parse_own(const char *s, const char **owns, char *total,
				    const char **title, struct pm_err *err)
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

const char *pm_period_text(char qtr, char *buf, size_t n)
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

static enum pm_status choose_year(struct pm_store *st, const struct pm_region *sel,
				  struct pm_sectors_request *a, const char *what,
				  struct pm_err *err)
{
	struct pm_buf b = PM_BUF_INIT, yrs = PM_BUF_INIT;
	char per[16];
	enum pm_status rc = PM_OK;
	int years[64];
	size_t n = 0, i, miss;

	pm_period_text(a->qtr, per, sizeof per);
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

enum pm_status pm_sectors_select(struct pm_store *st, const char *region, const char *area,
				 struct pm_region *out, struct pm_err *err)
{
	if (!region == !area)
		return pm_err_set(err, PM_EUSAGE,
				  "give exactly one of --region NAME or --area CODE");
	return region ? pm_region_load(st, region, out, err)
		      : pm_region_from_area(st, area, out, err);
}

enum pm_status pm_sectors_choose_year(struct pm_store *st, const struct pm_region *sel, char qtr,
				      int *year, struct pm_err *err)
{
	struct pm_sectors_request rq;
	struct pm_buf what = PM_BUF_INIT;
	enum pm_status rc;

	pm_sectors_request_init(&rq);
	rq.qtr = qtr;
	rq.year = *year;
	pm_buf_addf(&what, "%s %s", sel->published ? "area" : "region", sel->name);
	rc = choose_year(st, sel, &rq, what.buf, err);
	*year = rq.year;
	pm_buf_release(&what);
	return rc;
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

static void add_exclude(struct pm_sectors_report *in, const char *code)
{
	in->exclude = pm_xrealloc(in->exclude, (in->nexclude + 1) * sizeof *in->exclude);
	in->exclude[in->nexclude++] = pm_xstrdup(code);
}

static enum pm_status gather(struct pm_store *st, const struct pm_region *sel,
			     struct pm_sectors_request *a, const char *owns, char own_total,
			     struct pm_sectors_report *in, struct pm_buf *basis_note,
			     struct pm_err *err)
{
	const char *own_list[8];
	size_t nown = 0, i;
	const char *us = "US000";
	struct pm_qcew_query q = { 0 };
	enum pm_status rc;
	char buf[2][8] = { { 0 } }, per[16];

	pm_period_text(a->qtr, per, sizeof per);
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

	/*
	 * Sources for derived national shares, read only when they will be used
	 * (analysis/sectors.c: --national derived, or auto without a known US000
	 * total): finding them reads every area's rows of the period.
	 */
	if (a->national == PM_NATIONAL_LOADED)
		return PM_OK;
	if (a->national == PM_NATIONAL_AUTO && in->nat_cur.n) {
		struct pm_agg_item t = pm_agg_one(in->nat_cur.v, in->nat_cur.n, '0', "10");

		if (t.emp.nparts && pm_agg_known(&t.emp))
			return PM_OK;
	}
	if (a->derive_exclude) {
		char *list = pm_xstrdup(a->derive_exclude), *p = list;

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

void pm_sectors_report_release(struct pm_sectors_report *r)
{
	size_t i;

	pm_sectors_result_release(&r->res);
	pm_qcell_set_release(&r->cur);
	pm_qcell_set_release(&r->base);
	pm_qcell_set_release(&r->nat_cur);
	pm_qcell_set_release(&r->nat_base);
	pm_lq_source_set_release(&r->src);
	for (i = 0; i < r->nexclude; i++)
		free(r->exclude[i]);
	free(r->exclude);
	free(r->basis_note);
	pm_region_release(&r->sel);
	memset(r, 0, sizeof *r);
}

enum pm_status pm_sectors_run(struct pm_store *st, const struct pm_sectors_request *rq,
			      struct pm_sectors_report *out, struct pm_err *err)
{
	struct pm_sectors_spec spec = { 0 };
	struct pm_sectors_input sin = { 0 };
	struct pm_buf what = PM_BUF_INIT, note = PM_BUF_INIT;
	struct pm_sectors_request *a;
	enum pm_status rc;

	memset(out, 0, sizeof *out);
	out->rq = *rq;
	a = &out->rq;
	if ((rc = pm_sectors_parse_own(a->own, &out->owns, &out->own_total, &out->own_title,
				       err)) ||
	    (rc = pm_sectors_select(st, a->region, a->area, &out->sel, err)))
		return rc;
	if (a->region)
		pm_buf_addf(&what, "region '%s'", out->sel.name);
	else
		pm_buf_addf(&what, "area %s", out->sel.name);
	if ((rc = choose_year(st, &out->sel, a, what.buf, err)) ||
	    (rc = gather(st, &out->sel, a, out->owns, out->own_total, out, &note, err)))
		goto out;
	if (note.len)
		out->basis_note = pm_buf_detach(&note, NULL);
	spec.owns = out->owns;
	spec.own_total = out->own_total;
	spec.level = a->level;
	spec.year = a->year;
	spec.base_year = a->base_year;
	spec.qtr = a->qtr;
	spec.national = a->national;
	spec.weights = a->weights;
	spec.single_published_area = out->sel.published;
	spec.estimate_range = a->estimate_pct / 100.0;
	sin.cur = &out->cur;
	sin.base = a->base_year ? &out->base : NULL;
	sin.nat_cur = out->nat_cur.n ? &out->nat_cur : NULL;
	sin.nat_base = out->nat_base.n ? &out->nat_base : NULL;
	sin.src = &out->src;
	rc = pm_sectors_compute(&spec, &sin, &out->res, err);
out:
	pm_buf_release(&what);
	pm_buf_release(&note);
	return rc;
}

/* ---- rank snapshots ---- */

void pm_rank_snapshot_release(struct pm_rank_snapshot *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].region);
		free(s->v[i].industry);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

enum pm_status pm_sectors_rank_snapshot(struct pm_store *st, struct pm_rank_snapshot *out,
					struct pm_err *err)
{
	struct pm_region *regions = NULL;
	size_t nreg = 0, i, k, alloc = 0;
	enum pm_status rc;

	memset(out, 0, sizeof *out);
	if ((rc = pm_region_list(st, &regions, &nreg, err)))
		return rc;
	for (i = 0; i < nreg; i++) {
		struct pm_sectors_request rq;
		struct pm_sectors_report rep;

		pm_sectors_request_init(&rq);
		rq.region = regions[i].name;
		/* A region without loaded data has no ranking to compare: skip it. */
		if (!pm_sectors_run(st, &rq, &rep, NULL)) {
			for (k = 0; k < rep.res.n; k++) {
				struct pm_rank_entry *e;

				PM_ALLOC_GROW(out->v, out->n + 1, alloc);
				e = &out->v[out->n++];
				e->region = pm_xstrdup(regions[i].name);
				e->industry = pm_xstrdup(rep.res.rows[k].industry);
				e->rank = rep.res.rows[k].rank;
				e->year = rep.rq.year;
			}
		}
		pm_sectors_report_release(&rep);
		pm_region_release(&regions[i]);
	}
	free(regions);
	return PM_OK;
}

static const struct pm_rank_entry *find_rank(const struct pm_rank_snapshot *s, const char *region,
					     const char *industry)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].region, region) && !strcmp(s->v[i].industry, industry))
			return &s->v[i];
	return NULL;
}

static void add_change(cJSON *arr, struct pm_store *st, const struct pm_rank_entry *b,
		       const struct pm_rank_entry *a)
{
	const struct pm_rank_entry *e = a ? a : b;
	cJSON *o = cJSON_CreateObject();
	char *title = pm_store_industry_title(st, e->industry);

	cJSON_AddStringToObject(o, "region", e->region);
	cJSON_AddStringToObject(o, "industry", e->industry);
	if (title)
		cJSON_AddStringToObject(o, "title", title);
	free(title);
	if (b && b->rank)
		cJSON_AddNumberToObject(o, "rank_before", b->rank);
	else
		cJSON_AddNullToObject(o, "rank_before");
	if (a && a->rank)
		cJSON_AddNumberToObject(o, "rank_after", a->rank);
	else
		cJSON_AddNullToObject(o, "rank_after");
	if (b)
		cJSON_AddNumberToObject(o, "year_before", b->year);
	if (a)
		cJSON_AddNumberToObject(o, "year_after", a->year);
	cJSON_AddItemToArray(arr, o);
}

cJSON *pm_sectors_rank_changes(struct pm_store *st, const struct pm_rank_snapshot *before,
			       const struct pm_rank_snapshot *after)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < after->n; i++) {
		const struct pm_rank_entry *a = &after->v[i];
		const struct pm_rank_entry *b = find_rank(before, a->region, a->industry);

		if (!b || b->rank != a->rank)
			add_change(arr, st, b, a);
	}
	for (i = 0; i < before->n; i++)
		if (!find_rank(after, before->v[i].region, before->v[i].industry))
			add_change(arr, st, &before->v[i], NULL);
	return arr;
}
