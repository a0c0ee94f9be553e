/*
 * What the occupation pipeline reads from the store: EP projections and
 * staffing patterns, shaped for analysis/ (see occ_int.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/xalloc.h"
#include "crosswalks/industry.h"
#include "crosswalks/occ_int.h"
#include "store/store.h"
#include "core/banned.h"

const char *occ_intern(struct pm_strmap *pool, const char *s)
{
	return s ? pm_intern(pool, s) : NULL;
}

static double col_num(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? NAN : sqlite3_column_double(s, i);
}

static const char *col_str(struct pm_strmap *pool, sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? NULL : pm_intern(pool, pm_col_text(s, i));
}

enum pm_status occ_ep_load(struct pm_store *st, struct pm_strmap *pool, struct occ_ep_set *out,
			   struct pm_err *err)
{
	sqlite3_stmt *s;
	enum pm_status rc;
	int r;

	memset(out, 0, sizeof *out);
	if ((rc = pm_store_prepare(
		     st,
		     "SELECT soc_code, title, occ_type, emp_base, emp_proj, base_year, proj_year,"
		     " exits, transfers, exit_rate, transfer_rate, openings, median_wage,"
		     " median_wage_flag, education, experience, ojt FROM ep_occupation"
		     " WHERE base_year = (SELECT max(base_year) FROM ep_occupation"
		     "  WHERE proj_year IS NOT NULL) AND proj_year IS NOT NULL ORDER BY soc_code",
		     &s, err)))
		return rc;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct occ_ep *e;

		PM_ALLOC_GROW(out->v, out->n + 1, out->alloc);
		e = &out->v[out->n];
		memset(e, 0, sizeof *e);
		e->soc = pm_intern(pool, pm_col_text(s, 0));
		e->title = pm_intern(pool, pm_col_text(s, 1));
		e->line_item = strcmp(pm_col_text(s, 2), "Summary") != 0;
		e->nat.emp_base = col_num(s, 3);
		e->nat.emp_proj = col_num(s, 4);
		out->base_year = sqlite3_column_int(s, 5);
		out->proj_year = sqlite3_column_int(s, 6);
		e->nat.years = out->proj_year - out->base_year;
		e->nat.exits = col_num(s, 7);
		e->nat.transfers = col_num(s, 8);
		e->nat.exit_rate = col_num(s, 9);
		e->nat.transfer_rate = col_num(s, 10);
		e->openings = col_num(s, 11);
		e->have_openings = !isnan(e->openings);
		e->wage_known = sqlite3_column_type(s, 12) != SQLITE_NULL;
		e->median_wage = sqlite3_column_int64(s, 12);
		e->wage_flag = col_str(pool, s, 13);
		e->education = col_str(pool, s, 14);
		e->experience = col_str(pool, s, 15);
		e->ojt = col_str(pool, s, 16);
		pm_strmap_put(&out->index, e->soc, out->n++);
	}
	sqlite3_finalize(s);
	if (r != SQLITE_DONE)
		return pm_store_fail(st, err, "cannot read EP projections");
	if (!out->n)
		return pm_err_set(
			err, PM_ENOTFOUND,
			"BLS Employment Projections are not loaded: import occupation.xlsx "
			"('pathmap import ep occupation.xlsx' or 'pathmap fetch ep')");
	return PM_OK;
}

void occ_ep_release(struct occ_ep_set *s)
{
	free(s->v);
	pm_strmap_release(&s->index);
	memset(s, 0, sizeof *s);
}

size_t occ_ep_find(const struct occ_ep_set *ep, const char *soc)
{
	char par[PM_CODE_MAX];
	size_t i;

	if (pm_strmap_get(&ep->index, soc, &i))
		return ep->v[i].line_item ? i : SIZE_MAX;
	if (pm_soc_level(soc) == PM_SOC_DETAILED && pm_soc_parent(soc, par, sizeof par) &&
	    pm_strmap_get(&ep->index, par, &i) && ep->v[i].line_item)
		return i;
	return SIZE_MAX;
}

/* ---- staffing patterns ---- */

static void put_key(struct occ_patterns *p, const char *key, size_t pat, const size_t *ncodes,
		    const bool *summary)
{
	size_t q;

	/* two patterns claim one code (a summary and its line item, an aggregate and its
	 * part): the narrower one wins, a line item over a summary */
	if (pm_strmap_get(&p->map.naics, key, &q) &&
	    (ncodes[q] < ncodes[pat] ||
	     (ncodes[q] == ncodes[pat] && (!summary[q] || summary[pat]))))
		return;
	pm_strmap_put(&p->map.naics, key, pat);
}

bool occ_covered(const struct occ_ep_set *ep, size_t e, const struct occ_value *rows, size_t n,
		 size_t i)
{
	size_t j;

	if (!strcmp(ep->v[e].soc, rows[i].soc))
		return false;
	for (j = 0; j < n; j++)
		if (!strcmp(rows[j].soc, ep->v[e].soc))
			return true;
	return false;
}

/* One industry's rows: register the pattern and its occupation shares. */
static void add_industry(struct occ_patterns *p, const struct occ_ep_set *ep, const char *code,
			 const char *naics, bool summary, const struct occ_value *rows, size_t n,
			 size_t **ncodes, bool **summ, size_t *acodes)
{
	struct pm_cover c;
	double total = NAN, sum = 0;
	size_t i, pat;

	for (i = 0; i < n; i++)
		if (!strcmp(rows[i].soc, "00-0000"))
			total = rows[i].emp;
	if (!pm_industry_cover(code, naics, &c)) {
		p->unresolved++;
		p->unresolved_emp += isnan(total) ? 0 : total;
		return;
	}
	if (c.kind != PM_COVER_INDUSTRY && c.kind != PM_COVER_GOV)
		return;
	pat = p->npat++;
	PM_ALLOC_GROW(p->weight, p->npat, p->apat);
	if (*acodes < p->npat) {
		*acodes = p->apat;
		*ncodes = pm_xrealloc(*ncodes, *acodes * sizeof **ncodes);
		*summ = pm_xrealloc(*summ, *acodes * sizeof **summ);
	}
	(*ncodes)[pat] = c.kind == PM_COVER_GOV ? 1 : c.n;
	(*summ)[pat] = summary;
	for (i = 0; i < n; i++) {
		size_t e = occ_ep_find(ep, rows[i].soc);

		if (e == SIZE_MAX) {
			/* EP's summary rows are aggregates, not unknown occupations */
			if (pm_soc_level(rows[i].soc) >= PM_SOC_BROAD &&
			    !pm_strmap_get(&ep->index, rows[i].soc, NULL))
				p->soc_not_ep++;
			continue;
		}
		if (isnan(total) && !isnan(rows[i].emp) && !occ_covered(ep, e, rows, n, i))
			sum += rows[i].emp;
	}
	p->weight[pat] = !isnan(total) ? total : sum;
	for (i = 0; i < n; i++) {
		size_t e = occ_ep_find(ep, rows[i].soc);
		double share = rows[i].share;

		if (e == SIZE_MAX || occ_covered(ep, e, rows, n, i))
			continue;
		if (isnan(share))
			share = p->weight[pat] > 0 && !isnan(rows[i].emp)
					? rows[i].emp / p->weight[pat]
					: NAN;
		if (isnan(share) || share <= 0)
			continue;
		PM_ALLOC_GROW(p->sh, p->nsh + 1, p->ash);
		p->sh[p->nsh++] = (struct occ_share){ pat, e, share };
	}
	if (c.kind == PM_COVER_GOV) {
		p->map.gov[c.gov - '0'] = pat;
		return;
	}
	for (i = 0; i < c.n; i++) {
		char key[24];
		const char *o;

		if (!c.owns[0]) {
			put_key(p, c.codes[i], pat, *ncodes, *summ);
			continue;
		}
		for (o = c.owns; *o; o++) {
			snprintf(key, sizeof key, "%c:%s", *o, c.codes[i]);
			put_key(p, key, pat, *ncodes, *summ);
		}
	}
}

static enum pm_status choose_source(struct pm_store *st, struct occ_patterns *p, struct pm_err *err)
{
	sqlite3_stmt *s;
	enum pm_status rc;

	if ((rc = pm_store_prepare(st,
				   "SELECT source, max(year) FROM staffing GROUP BY source"
				   " ORDER BY source = 'ep-matrix' DESC, 2 DESC LIMIT 1",
				   &s, err)))
		return rc;
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(p->source, sizeof p->source, "%s", pm_col_text(s, 0));
		p->year = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	if (!p->year)
		return pm_err_set(
			err, PM_ENOTFOUND,
			"no staffing patterns are loaded, so occupations cannot be estimated from "
			"industry employment: import the BLS National Employment Matrix by "
			"industry "
			"('pathmap import staffing FILE') or OEWS national industry estimates "
			"('pathmap import oews oesmYYin4.zip')");
	return PM_OK;
}

enum pm_status occ_patterns_load(struct pm_store *st, const struct occ_ep_set *ep,
				 struct occ_patterns *out, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	struct occ_value *rows = NULL;
	size_t n = 0, a = 0, *ncodes = NULL, acodes = 0;
	bool *summ = NULL, summary = false;
	char cur[32] = "", *naics = NULL;
	int r;

	memset(out, 0, sizeof *out);
	out->map.gov[1] = out->map.gov[2] = out->map.gov[3] = PM_STAFF_NONE;
	if ((rc = choose_source(st, out, err)) ||
	    (rc = pm_store_prepare(
		     st,
		     "SELECT s.industry, s.soc_code, s.employment, s.share, i.naics,"
		     " i.ind_type = 'Summary' FROM staffing s LEFT JOIN staffing_industry i"
		     " ON i.code = s.industry AND i.source = s.source"
		     " WHERE s.source = ?1 AND s.year = ?2 ORDER BY s.industry, s.soc_code",
		     &s, err)))
		goto out;
	pm_bind_text(s, 1, out->source);
	sqlite3_bind_int(s, 2, out->year);
	for (;;) {
		r = sqlite3_step(s);
		if (r != SQLITE_ROW || strcmp(cur, pm_col_text(s, 0))) {
			if (*cur)
				add_industry(out, ep, cur, naics, summary, rows, n, &ncodes, &summ,
					     &acodes);
			if (r != SQLITE_ROW)
				break;
			snprintf(cur, sizeof cur, "%s", pm_col_text(s, 0));
			free(naics);
			naics = sqlite3_column_type(s, 4) == SQLITE_NULL
					? NULL
					: pm_xstrdup(pm_col_text(s, 4));
			summary = sqlite3_column_int(s, 5) != 0;
			n = 0;
		}
		PM_ALLOC_GROW(rows, n + 1, a);
		snprintf(rows[n].soc, sizeof rows[n].soc, "%s", pm_col_text(s, 1));
		rows[n].emp = col_num(s, 2);
		rows[n].share = col_num(s, 3);
		n++;
	}
	if (r != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot read staffing patterns");
	out->map.weight = out->weight;
	out->map.n = out->npat;
out:
	sqlite3_finalize(s);
	free(rows);
	free(naics);
	free(ncodes);
	free(summ);
	return rc;
}

void occ_assign(const struct occ_ep_set *ep, const struct occ_value *rows, size_t n, double *out,
		size_t *unresolved, double *unresolved_emp)
{
	size_t i, e;

	for (i = 0; i < n; i++) {
		if (isnan(rows[i].emp))
			continue;
		e = occ_ep_find(ep, rows[i].soc);
		if (e == SIZE_MAX) {
			if (pm_soc_level(rows[i].soc) >= PM_SOC_BROAD &&
			    !pm_strmap_get(&ep->index, rows[i].soc, NULL)) {
				(*unresolved)++;
				*unresolved_emp += rows[i].emp;
			}
			continue;
		}
		if (!occ_covered(ep, e, rows, n, i))
			out[e] += rows[i].emp;
	}
}

int occ_latest_oews_year(struct pm_store *st, const char *area)
{
	sqlite3_stmt *s;
	struct pm_err e = PM_ERR_INIT;
	int y = 0;

	if (pm_store_prepare(st, "SELECT max(year) FROM oews WHERE area = ?1 AND naics = '000000'",
			     &s, &e)) {
		pm_err_clear(&e);
		return 0;
	}
	pm_bind_text(s, 1, area);
	if (sqlite3_step(s) == SQLITE_ROW)
		y = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return y;
}

/* ---- per-occupation facts ---- */

/* The state's projected growth per EP occupation (G, with ep->n entries); returns how many. */
size_t occ_state_growth(struct pm_store *st, const struct occ_ep_set *ep, const char *state,
			struct occ_growth *g, char *label, size_t n)
{
	sqlite3_stmt *s;
	struct pm_err e = PM_ERR_INIT;
	size_t k = 0, i;

	*label = 0;
	if (!state[0] ||
	    pm_store_prepare(
		    st,
		    "SELECT soc_code, emp_base, emp_proj, base_year, proj_year,"
		    " coalesce(area_name, area) FROM projection WHERE area = ?1"
		    " AND base_year = (SELECT max(base_year) FROM projection WHERE area = ?1)"
		    " AND emp_base > 0 AND emp_proj IS NOT NULL",
		    &s, &e)) {
		pm_err_clear(&e);
		return 0;
	}
	pm_bind_text(s, 1, state);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if ((i = occ_ep_find(ep, pm_col_text(s, 0))) == SIZE_MAX ||
		    strcmp(ep->v[i].soc, pm_col_text(s, 0)))
			continue; /* state details of an EP broad item: growth is per item */
		g[i].known = true;
		g[i].base = sqlite3_column_double(s, 1);
		g[i].proj = sqlite3_column_double(s, 2);
		g[i].years = sqlite3_column_int(s, 4) - sqlite3_column_int(s, 3);
		snprintf(label, n, "%s %d-%d", pm_col_text(s, 5), sqlite3_column_int(s, 3),
			 sqlite3_column_int(s, 4));
		k++;
	}
	sqlite3_finalize(s);
	return k;
}

/* Median annual wages of OEWS AREA's latest year into W (per EP occupation, where unset). */
void occ_oews_wages(struct pm_store *st, const struct occ_ep_set *ep, struct pm_strmap *pool,
		    const char *area, const char *label, struct occ_wage *w)
{
	sqlite3_stmt *s;
	struct pm_err e = PM_ERR_INIT;
	int year = occ_latest_oews_year(st, area);
	char basis[128], top[128];
	size_t i;

	if (!year || pm_store_prepare(st,
				      "SELECT occ_code, a_median, instr(coalesce(flags, ''),"
				      " 'A_MEDIAN=#') > 0 FROM oews WHERE area = ?1"
				      " AND naics = '000000' AND year = ?2",
				      &s, &e)) {
		pm_err_clear(&e);
		return;
	}
	snprintf(basis, sizeof basis, "OEWS May %d %s", year, label);
	snprintf(top, sizeof top, "OEWS May %d %s: top-coded (at least $239,200)", year, label);
	pm_bind_text(s, 1, area);
	sqlite3_bind_int(s, 2, year);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (!pm_strmap_get(&ep->index, pm_col_text(s, 0), &i) || w[i].basis)
			continue;
		if (sqlite3_column_type(s, 1) != SQLITE_NULL) {
			w[i].known = true;
			w[i].v = sqlite3_column_int64(s, 1);
			w[i].basis = occ_intern(pool, basis);
		} else if (sqlite3_column_int(s, 2)) {
			w[i].basis = occ_intern(pool, top);
		}
	}
	sqlite3_finalize(s);
}

/* Job zones of the O*NET occupations under each EP occupation. */
bool occ_job_zones(struct pm_store *st, const struct occ_ep_set *ep, int *lo, int *hi)
{
	sqlite3_stmt *s;
	struct pm_err e = PM_ERR_INIT;
	bool any = false;
	size_t i;

	if (pm_store_prepare(st,
			     "SELECT soc_code, min(job_zone), max(job_zone) FROM onet_occupation"
			     " WHERE job_zone IS NOT NULL GROUP BY soc_code",
			     &s, &e)) {
		pm_err_clear(&e);
		return false;
	}
	while (sqlite3_step(s) == SQLITE_ROW) {
		int a = sqlite3_column_int(s, 1), b = sqlite3_column_int(s, 2);

		if ((i = occ_ep_find(ep, pm_col_text(s, 0))) == SIZE_MAX)
			continue;
		if (!lo[i] || a < lo[i])
			lo[i] = a;
		if (b > hi[i])
			hi[i] = b;
		any = true;
	}
	sqlite3_finalize(s);
	return any;
}

void occ_patterns_release(struct occ_patterns *p)
{
	pm_strmap_release(&p->map.naics);
	free(p->weight);
	free(p->sh);
	memset(p, 0, sizeof *p);
}
