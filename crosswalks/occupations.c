/*
 * Occupation demand for a region (see occupations.h): choose the employment
 * basis, estimate employment by occupation, then openings, wages,
 * education and job zones per occupation, with a note for everything that
 * did not resolve.
 */
#include "crosswalks/occupations.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analysis/agg.h"
#include "analysis/staffing.h"
#include "core/buf.h"
#include "core/notes.h"
#include "core/codes.h"
#include "core/xalloc.h"
#include "crosswalks/occ_int.h"
#include "sectors/naics.h"
#include "sectors/ranking.h"
#include "store/qcew.h"
#include "store/store.h"
#include "store/titles.h"
#include "core/banned.h"

void pm_occ_request_init(struct pm_occ_request *rq)
{
	memset(rq, 0, sizeof *rq);
	rq->own = "total";
}

static const struct {
	const char *level, *alias[3];
} edu[] = {
	{ "Doctoral or professional degree", { "doctoral", "professional", "doctorate" } },
	{ "Master's degree", { "master", "masters", NULL } },
	{ "Bachelor's degree", { "bachelor", "bachelors", NULL } },
	{ "Associate's degree", { "associate", "associates", NULL } },
	{ "Postsecondary nondegree award", { "postsecondary", "certificate", "nondegree" } },
	{ "Some college, no degree", { "some-college", NULL, NULL } },
	{ "High school diploma or equivalent", { "high-school", "hs", NULL } },
	{ "No formal educational credential", { "none", "no-formal", NULL } },
};

int pm_education_rank(const char *level)
{
	int i, n = (int)(sizeof edu / sizeof edu[0]);

	for (i = 0; i < n && strcmp(level, edu[i].level); i++)
		;
	return i;
}

const char *pm_education_level(const char *s)
{
	size_t i, j;

	for (i = 0; i < sizeof edu / sizeof edu[0]; i++) {
		if (!strcasecmp(s, edu[i].level))
			return edu[i].level;
		for (j = 0; j < 3 && edu[i].alias[j]; j++)
			if (!strcasecmp(s, edu[i].alias[j]))
				return edu[i].level;
	}
	return NULL;
}

/* the report owns its notes (core/notes.h) */
#define note(r, ...) pm_notes_addf(&(r)->notes, &(r)->nnotes, __VA_ARGS__)

/* ---- the selection's OEWS area and state ---- */

/* OEWS's code for SEL: "99" the nation, a state FIPS, a CBSA; "" when it has none. */
static void oews_area(const struct pm_region *sel, char *out, size_t n)
{
	const char *c = sel->published ? sel->name : sel->code;

	*out = 0;
	if (!c)
		return;
	if (!strcmp(c, "US000"))
		snprintf(out, n, "99");
	else if (c[0] == 'C' && strlen(c) == 5 && c[1] != 'S') /* QCEW C1814 = CBSA 18140 */
		snprintf(out, n, "%s0", c + 1);
	else if (sel->published && strlen(c) == 5 && !strcmp(c + 2, "000"))
		snprintf(out, n, "%.2s", c);
	else if (!sel->published && !strcmp(sel->kind, "state"))
		snprintf(out, n, "%s", c);
}

/* The one state all of SEL lies in, into OUT ("39"); "" when none or several. */
static void single_state(struct pm_store *st, const struct pm_region *sel, char *out, size_t n)
{
	sqlite3_stmt *s;
	struct pm_err e = PM_ERR_INIT;
	size_t i;

	*out = 0;
	if (sel->published && sel->name[0] == 'C' &&
	    !pm_store_prepare(
		    st,
		    "SELECT min(substr(county_fips, 1, 2)), max(substr(county_fips, 1, 2))"
		    " FROM county_xwalk WHERE msa_code = ?1 OR csa_code = ?1",
		    &s, &e)) {
		pm_bind_text(s, 1, sel->name);
		if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL &&
		    !strcmp(pm_col_text(s, 0), pm_col_text(s, 1)))
			snprintf(out, n, "%s", pm_col_text(s, 0));
		sqlite3_finalize(s);
		return;
	}
	pm_err_clear(&e);
	for (i = 0; i < sel->nareas; i++) {
		const char *a = sel->areas[i];

		if (!isdigit((unsigned char)a[0]) || !isdigit((unsigned char)a[1]) ||
		    !strncmp(a, "US", 2) || (*out && strncmp(out, a, 2))) {
			*out = 0;
			return;
		}
		snprintf(out, n, "%.2s", a);
	}
}

/* ---- employment ---- */

struct run {
	struct pm_store *st;
	const struct pm_occ_request *rq;
	struct pm_occ_report *out;
	struct occ_ep_set ep;
	double *emp, *est; /* per EP occupation */
	const char *basis;
	char state[4];
};

static enum pm_status emp_oews(struct run *r, const char *area, int year, struct pm_err *err)
{
	struct occ_value *rows = NULL;
	size_t n = 0, a = 0, nun = 0;
	double vun = 0;
	sqlite3_stmt *s;
	enum pm_status rc;
	int step;

	if ((rc = pm_store_prepare(r->st,
				   "SELECT occ_code, tot_emp FROM oews WHERE area = ?1"
				   " AND naics = '000000' AND year = ?2 AND tot_emp IS NOT NULL",
				   &s, err)))
		return rc;
	pm_bind_text(s, 1, area);
	sqlite3_bind_int(s, 2, year);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		PM_ALLOC_GROW(rows, n + 1, a);
		snprintf(rows[n].soc, sizeof rows[n].soc, "%s", pm_col_text(s, 0));
		rows[n].emp = sqlite3_column_double(s, 1);
		rows[n++].share = NAN;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		free(rows);
		return pm_store_fail(r->st, err, "cannot read OEWS");
	}
	occ_assign(&r->ep, rows, n, r->emp, &nun, &vun);
	free(rows);
	if (nun)
		note(r->out,
		     "%zu OEWS occupations (%.0f jobs) have no EP projection and are left out", nun,
		     vun);
	return PM_OK;
}

static void note_uncovered(struct run *r, const struct pm_staff_alloc *a)
{
	struct pm_buf b = PM_BUF_INIT;
	double sum = 0;
	size_t i, shown = 0;
	bool *done;

	if (!a->nuncovered)
		return;
	done = pm_xcalloc(a->nuncovered, sizeof *done);
	for (i = 0; i < a->nuncovered; i++)
		sum += a->uncovered[i].emp;
	while (shown < 5 && shown < a->nuncovered) { /* the largest first */
		size_t best = SIZE_MAX;

		for (i = 0; i < a->nuncovered; i++)
			if (!done[i] &&
			    (best == SIZE_MAX || a->uncovered[i].emp > a->uncovered[best].emp))
				best = i;
		const struct pm_staff_gap *u = &a->uncovered[best];
		char own[2] = { u->own, 0 };
		char *title = pm_store_industry_title(r->st, u->industry);
		char *otitle = pm_store_own_title(r->st, own);

		done[best] = true;
		pm_buf_addf(&b, "%s%s %s (%s) %.0f", shown ? ", " : "", u->industry,
			    title ? title : "", otitle ? otitle : own, u->emp);
		free(title);
		free(otitle);
		shown++;
	}
	note(r->out,
	     "%.0f jobs (%.1f%%) in %zu industries have no staffing pattern and are not in the "
	     "occupation figures: %s%s",
	     sum, a->total > 0 ? 100.0 * sum / a->total : 0.0, a->nuncovered, b.buf,
	     a->nuncovered > shown ? ", ..." : "");
	free(done);
	pm_buf_release(&b);
}

static enum pm_status emp_staffing(struct run *r, const char *owns, struct pm_err *err)
{
	struct pm_occ_report *o = r->out;
	struct occ_patterns p;
	struct pm_qcell_set cells;
	struct pm_staff_alloc a;
	struct pm_qcew_query q = { 0 };
	const char *own_list[5];
	const char *const *tops;
	size_t i;
	enum pm_status rc;

	pm_qcell_set_init(&cells);
	memset(&a, 0, sizeof a);
	if ((rc = occ_patterns_load(r->st, &r->ep, &p, err)))
		return rc;
	o->year = r->rq->year;
	if ((rc = pm_sectors_choose_year(r->st, &o->sel, 'A', &o->year, err)))
		goto out;
	for (i = 0; owns[i]; i++) {
		static const char *const codes[] = { "0", "1", "2", "3", "4", "5" };

		own_list[i] = codes[owns[i] - '0'];
	}
	q.areas = (const char *const *)o->sel.areas;
	q.nareas = o->sel.nareas;
	q.year = o->year;
	q.qtr = 'A';
	q.owns = own_list;
	q.nowns = i;
	q.max_level = PM_NAICS_MAX_LEVEL;
	if ((rc = pm_store_qcew_cells(r->st, &q, &cells, err)))
		goto out;
	tops = r->rq->sectors ? r->rq->sectors : pm_naics_sectors;
	pm_staff_allocate(cells.v, cells.n, owns, tops, &p.map, &a);
	for (i = 0; i < p.nsh; i++) {
		r->emp[p.sh[i].ep] += a.emp[p.sh[i].pat] * p.sh[i].share;
		r->est[p.sh[i].ep] += a.estimated[p.sh[i].pat] * p.sh[i].share;
	}
	o->total_emp = a.total;
	{
		char basis[96];

		snprintf(basis, sizeof basis, "QCEW %d x %s %d staffing", o->year, p.source,
			 p.year);
		r->basis = occ_intern(&o->strings, basis);
	}
	note(o,
	     "employment: the selection's %d QCEW industry employment (%s) times national "
	     "staffing patterns (%s %d)",
	     o->year, strcmp(owns, "5") ? "all ownerships" : "private", p.source, p.year);
	if (a.total_estimated > 0.5)
		note(o,
		     "%.0f of %.0f jobs (%.1f%%) come from suppressed QCEW cells, estimated within "
		     "their published bounds",
		     a.total_estimated, a.total, 100.0 * a.total_estimated / a.total);
	note_uncovered(r, &a);
	if (p.unresolved)
		note(o,
		     "%zu staffing-pattern industries (%.0f national jobs) could not be matched to "
		     "NAICS and are not used (load EP occupation.xlsx Table 1.9 for their codes)",
		     p.unresolved, p.unresolved_emp);
	if (p.soc_not_ep)
		note(o,
		     "%zu staffing-pattern occupation rows have no EP projection and are left out",
		     p.soc_not_ep);
	if (a.total <= 0)
		note(o, "the selection has no QCEW employment in the selected industries in %d",
		     o->year);
out:
	pm_staff_alloc_release(&a);
	pm_qcell_set_release(&cells);
	occ_patterns_release(&p);
	return rc;
}

/* ---- rows ---- */

static bool education_wanted(const char *list, const char *level)
{
	char buf[256], *tok, *save = NULL;

	if (!list)
		return true;
	if (!level)
		return false;
	snprintf(buf, sizeof buf, "%s", list);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const char *l = pm_education_level(tok);

		if (l && !strcmp(l, level))
			return true;
	}
	return false;
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct pm_occ_row *a = pa, *b = pb;

	if (a->have_openings != b->have_openings)
		return a->have_openings ? -1 : 1;
	if (a->have_openings && (a->op.total > b->op.total || a->op.total < b->op.total))
		return a->op.total > b->op.total ? -1 : 1;
	if (a->emp > b->emp || a->emp < b->emp)
		return a->emp > b->emp ? -1 : 1;
	return strcmp(a->soc, b->soc);
}

static void build_rows(struct run *r, const struct occ_growth *g, const char *growth_label,
		       const struct occ_wage *w, const int *zlo, const int *zhi)
{
	struct pm_occ_report *o = r->out;
	char nat[64], st[224];
	size_t i, nfiltered = 0, nrates = 0;

	snprintf(nat, sizeof nat, "EP %d-%d rates, national growth", r->ep.base_year,
		 r->ep.proj_year);
	snprintf(st, sizeof st, "EP %d-%d rates, %s growth", r->ep.base_year, r->ep.proj_year,
		 growth_label);
	for (i = 0; i < r->ep.n; i++) {
		const struct occ_ep *e = &r->ep.v[i];
		struct pm_occ_row *row;
		struct pm_occ_rates rates;

		if (!e->line_item || r->emp[i] < 0.5)
			continue;
		PM_ALLOC_GROW(o->rows, o->n + 1, o->alloc);
		row = &o->rows[o->n++];
		memset(row, 0, sizeof *row);
		row->soc = e->soc;
		row->title = e->title;
		row->emp = r->emp[i];
		row->emp_estimated = r->est[i];
		row->emp_basis = r->basis;
		if (pm_occ_rates_from_national(&e->nat, &rates)) {
			bool st_growth = g[i].known && pm_occ_rates_regrow(&rates, g[i].base,
									   g[i].proj, g[i].years);

			row->have_openings = true;
			pm_openings_compute(row->emp, &rates, &row->op);
			row->openings_basis = occ_intern(&o->strings, st_growth ? st : nat);
		} else if (e->have_openings && e->nat.emp_base > 0) {
			/* Table 1.10 not loaded: EP's openings per job, without the parts */
			row->have_openings = true;
			row->op.total = row->emp * e->openings / e->nat.emp_base;
			row->op.growth = row->op.exits = row->op.transfers = NAN;
			row->op.growth_pct = e->nat.emp_proj >= 0
						     ? 100.0 * (e->nat.emp_proj - e->nat.emp_base) /
							       e->nat.emp_base
						     : NAN;
			row->openings_basis = "EP openings per job (separation rates not loaded)";
			nrates++;
		}
		row->have_wage = w[i].known;
		row->median_wage = w[i].v;
		row->wage_basis = w[i].basis;
		if (!w[i].basis) {
			row->have_wage = e->wage_known;
			row->median_wage = e->median_wage;
			row->wage_basis = e->wage_known	 ? "EP (OEWS national)"
					  : e->wage_flag ? e->wage_flag
							 : "not published";
		}
		row->education = e->education;
		row->experience = e->experience;
		row->ojt = e->ojt;
		row->job_zone_lo = zlo[i];
		row->job_zone_hi = zhi[i];
		row->share = o->total_emp > 0 ? 100.0 * row->emp / o->total_emp : NAN;
		if ((r->rq->min_openings > 0 &&
		     !(row->have_openings && row->op.total >= r->rq->min_openings)) ||
		    !education_wanted(r->rq->education, row->education)) {
			o->n--;
			nfiltered++;
		}
	}
	qsort(o->rows, o->n, sizeof *o->rows, row_cmp);
	if (nrates)
		note(o,
		     "EP Table 1.10 (separation rates) is not loaded: openings of %zu occupations "
		     "scale EP's national openings per job, without growth/exits/transfers",
		     nrates);
	if (nfiltered)
		note(o, "%zu occupations left out by --min-openings/--education", nfiltered);
}

/* ---- entry ---- */

static enum pm_status check_request(const struct pm_occ_request *rq, char ***sectors,
				    struct pm_err *err)
{
	char buf[256], *tok, *save = NULL;
	size_t n = 0, i;

	if (rq->education) {
		snprintf(buf, sizeof buf, "%s", rq->education);
		for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			if (!pm_education_level(tok))
				return pm_err_set(
					err, PM_EUSAGE,
					"--education: '%s' is not an entry-education level "
					"(doctoral, master, bachelor, associate, "
					"postsecondary, some-college, high-school, none)",
					tok);
	}
	if (!rq->sectors)
		return PM_OK;
	while (rq->sectors[n])
		n++;
	*sectors = pm_xcalloc(n + 1, sizeof **sectors);
	for (i = 0; i < n; i++) {
		char code[PM_CODE_MAX];

		if (pm_code_normalize(PM_CODE_NAICS, rq->sectors[i], code, sizeof code, "--sector",
				      err)) {
			err->code = PM_EUSAGE;
			return PM_EUSAGE;
		}
		(*sectors)[i] = pm_xstrdup(code);
	}
	return PM_OK;
}

enum pm_status pm_occupations_run(struct pm_store *st, const struct pm_occ_request *rq,
				  struct pm_occ_report *out, struct pm_err *err)
{
	struct pm_occ_request req = *rq;
	struct run r;
	struct occ_growth *g = NULL;
	struct occ_wage *w = NULL;
	int *zlo = NULL, *zhi = NULL, oyear;
	const char *owns, *own_title;
	char own_total, area[16], label[160], glabel[160], **sectors = NULL;
	enum pm_status rc;
	size_t i, ngrowth;

	memset(out, 0, sizeof *out);
	memset(&r, 0, sizeof r);
	r.st = st;
	r.rq = &req;
	r.out = out;
	if ((rc = pm_sectors_parse_own(rq->own ? rq->own : "total", &owns, &own_total, &own_title,
				       err)) ||
	    (rc = check_request(rq, &sectors, err)) ||
	    (rc = pm_sectors_select(st, rq->region, rq->area, &out->sel, err)) ||
	    (rc = occ_ep_load(st, &out->strings, &r.ep, err)))
		goto out;
	req.sectors = (const char *const *)sectors;
	out->ep_base = r.ep.base_year;
	out->ep_proj = r.ep.proj_year;
	r.emp = pm_xcalloc(r.ep.n, sizeof *r.emp);
	r.est = pm_xcalloc(r.ep.n, sizeof *r.est);
	oews_area(&out->sel, area, sizeof area);
	oyear = *area && !sectors ? occ_latest_oews_year(st, area) : 0;
	if (!sectors && !strcmp(area, "99")) {
		snprintf(label, sizeof label, "EP %d national", r.ep.base_year);
		for (i = 0; i < r.ep.n; i++)
			if (r.ep.v[i].line_item && r.ep.v[i].nat.emp_base > 0) {
				r.emp[i] = r.ep.v[i].nat.emp_base;
				out->total_emp += r.emp[i];
			}
		note(out,
		     "employment: EP's %d national employment (wage and salary and "
		     "self-employed)",
		     r.ep.base_year);
	} else if (oyear) {
		snprintf(label, sizeof label, "OEWS May %d area %s", oyear, area);
		if ((rc = emp_oews(&r, area, oyear, err)))
			goto out;
		for (i = 0; i < r.ep.n; i++)
			out->total_emp += r.emp[i];
		note(out, "employment: OEWS May %d cross-industry estimates for area %s", oyear,
		     area);
	} else {
		*label = 0;
		if ((rc = emp_staffing(&r, owns, err)))
			goto out;
	}
	if (*label)
		r.basis = occ_intern(&out->strings, label);
	out->method = r.basis;
	if (strcmp(area, "99"))
		single_state(st, &out->sel, r.state, sizeof r.state);
	g = pm_xcalloc(r.ep.n, sizeof *g);
	w = pm_xcalloc(r.ep.n, sizeof *w);
	zlo = pm_xcalloc(r.ep.n, sizeof *zlo);
	zhi = pm_xcalloc(r.ep.n, sizeof *zhi);
	ngrowth = occ_state_growth(st, &r.ep, r.state, g, glabel, sizeof glabel);
	if (*area && strcmp(area, "99"))
		occ_oews_wages(st, &r.ep, &out->strings, area,
			       out->sel.label ? out->sel.label : area, w);
	occ_oews_wages(st, &r.ep, &out->strings, "99", "national", w);
	out->onet = occ_job_zones(st, &r.ep, zlo, zhi);
	build_rows(&r, g, glabel, w, zlo, zhi);
	if (ngrowth)
		note(out,
		     "openings: EP %d-%d separation rates; growth from %s projections for %zu "
		     "occupations, EP national growth for the rest",
		     r.ep.base_year, r.ep.proj_year, glabel, ngrowth);
	else
		note(out, "openings: EP %d-%d separation rates and national growth%s",
		     r.ep.base_year, r.ep.proj_year,
		     r.state[0] ? " (no state projections loaded for this state)" : "");
out:
	if (sectors)
		for (i = 0; sectors[i]; i++)
			free(sectors[i]);
	free(sectors);
	free(r.emp);
	free(r.est);
	free(g);
	free(w);
	free(zlo);
	free(zhi);
	occ_ep_release(&r.ep);
	return rc;
}

void pm_occ_report_release(struct pm_occ_report *r)
{
	pm_region_release(&r->sel);
	free(r->rows);
	pm_notes_free(r->notes, r->nnotes);
	pm_strmap_release(&r->strings);
	memset(r, 0, sizeof *r);
}
