/*
 * The credential asset map and its holes (see assets.h): the gap analysis
 * supplies occupations, openings and completers; this file walks the
 * CIP -> SOC links once more to list programs rather than allocate them.
 */
#include "crosswalks/assets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/notes.h"
#include "core/xalloc.h"
#include "crosswalks/occ_int.h"
#include "store/store.h"
#include "core/banned.h"

/* the report owns its notes (core/notes.h) */
#define note(r, ...) pm_notes_addf(&(r)->notes, &(r)->nnotes, __VA_ARGS__)

static struct pm_asset_row *add_row(struct pm_assets_report *o, enum pm_asset_kind kind,
				    const struct pm_gap_row *g)
{
	struct pm_asset_row *r;

	PM_ALLOC_GROW(o->rows, o->n + 1, o->alloc);
	r = &o->rows[o->n++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->completers = r->hours = r->weeks = r->openings = NAN;
	r->cost = -1;
	r->etpl = r->apprenticeship = -1;
	r->ladder = "";
	if (g) {
		r->soc = g->soc;
		r->soc_title = g->title;
		r->openings = g->openings;
		r->education = g->occ ? g->occ->education : NULL;
		r->entry_level = pm_ladder_name(pm_ladder_of_education(r->education));
	}
	return r;
}

struct run {
	struct pm_store *st;
	struct pm_assets_report *out;
	struct pm_strmap links;	   /* "cip|EP index" -> 1 */
	struct pm_strmap cip_socs; /* cip -> index into cip_list */
	size_t **cip_list;	   /* per CIP: EP indexes, SIZE_MAX-terminated */
	size_t ncip;
	struct pm_strmap cip_title;
	const char *const *only;
};

static const char *intern(struct run *r, const char *s)
{
	return s ? pm_intern(&r->out->strings, s) : NULL;
}

/* CIP -> EP occupation links, by the EP line item each SOC rolls up to (as the gap). */
static enum pm_status load_links(struct run *r, struct pm_err *err)
{
	const struct pm_gap_report *g = &r->out->gap;
	sqlite3_stmt *s;
	enum pm_status rc;
	size_t e, c, n;
	int step;

	if ((rc = pm_store_prepare(r->st,
				   "SELECT x.cip_code, x.soc_code, c.title FROM cip_soc x"
				   " LEFT JOIN cip c ON c.code = x.cip_code"
				   " WHERE x.soc_code <> '99-9999'",
				   &s, err)))
		return rc;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *cip = pm_col_text(s, 0), *soc = pm_col_text(s, 1);
		char key[64];

		if (sqlite3_column_type(s, 2) != SQLITE_NULL &&
		    !pm_strmap_get(&r->cip_title, cip, NULL))
			pm_strmap_put(&r->cip_title, cip,
				      (size_t)(uintptr_t)intern(r, pm_col_text(s, 2)));
		if ((e = occ_ep_find(g->ep, soc)) == SIZE_MAX)
			continue;
		snprintf(key, sizeof key, "%s|%zu", cip, e);
		if (pm_strmap_get(&r->links, key, NULL))
			continue;
		pm_strmap_put(&r->links, key, 1);
		if (!pm_strmap_get(&r->cip_socs, cip, &c)) {
			c = r->ncip++;
			r->cip_list = pm_xrealloc(r->cip_list, r->ncip * sizeof *r->cip_list);
			r->cip_list[c] = NULL;
			pm_strmap_put(&r->cip_socs, cip, c);
		}
		for (n = 0; r->cip_list[c] && r->cip_list[c][n] != SIZE_MAX; n++)
			;
		r->cip_list[c] = pm_xrealloc(r->cip_list[c], (n + 2) * sizeof **r->cip_list);
		r->cip_list[c][n] = e;
		r->cip_list[c][n + 1] = SIZE_MAX;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return pm_store_fail(r->st, err, "cannot read the CIP-SOC crosswalk");
	return PM_OK;
}

static bool is_linked(struct run *r, const char *cip, size_t e)
{
	char key[64];

	snprintf(key, sizeof key, "%s|%zu", cip, e);
	return pm_strmap_get(&r->links, key, NULL);
}

static const char *cip_title(struct run *r, const char *cip)
{
	size_t v;

	return pm_strmap_get(&r->cip_title, cip, &v) ? (const char *)(uintptr_t)v : NULL;
}

/* ---- sources ---- */

struct inv_row {
	const char *provider, *program, *cip, *credential, *ladder;
	double hours, weeks;
	int64_t cost;
	int etpl, apprenticeship;
};

struct sources {
	struct pm_strmap awtitle; /* awlevel -> title */
	struct inv_row *inv;
	size_t ninv;
	sqlite3_stmt *cred;
};

static double col_real(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? NAN : sqlite3_column_double(s, i);
}

static enum pm_status load_sources(struct run *r, struct sources *src, struct pm_err *err)
{
	struct pm_assets_report *o = r->out;
	sqlite3_stmt *s;
	enum pm_status rc;
	int step;

	if ((rc = pm_store_prepare(r->st, "SELECT awlevel, title FROM award_level", &s, err)))
		return rc;
	while (sqlite3_step(s) == SQLITE_ROW)
		pm_strmap_put(&src->awtitle, pm_col_text(s, 0),
			      (size_t)(uintptr_t)intern(r, pm_col_text(s, 1)));
	sqlite3_finalize(s);
	if ((rc = pm_store_prepare(r->st,
				   "SELECT provider, program, cip_code, credential, ladder, hours,"
				   " weeks, cost, etpl, apprenticeship FROM program"
				   " WHERE county_fips IS NULL OR EXISTS (SELECT 1 FROM"
				   "  json_each(?1) WHERE county_fips LIKE value)"
				   " ORDER BY provider, program, id",
				   &s, err)))
		return rc;
	pm_bind_text(s, 1, r->out->gap.supply.counties); /* as the supply selects */
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct inv_row *v;

		src->inv = pm_xrealloc(src->inv, (src->ninv + 1) * sizeof *src->inv);
		v = &src->inv[src->ninv++];
		v->provider = intern(r, pm_col_text(s, 0));
		v->program = intern(r, pm_col_text(s, 1));
		v->cip = intern(r, pm_col_text(s, 2));
		v->credential = intern(r, pm_col_text(s, 3));
		v->ladder = intern(r, pm_col_text(s, 4));
		v->hours = col_real(s, 5);
		v->weeks = col_real(s, 6);
		v->cost =
			sqlite3_column_type(s, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 7);
		v->etpl = sqlite3_column_int(s, 8);
		v->apprenticeship = sqlite3_column_int(s, 9);
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return pm_store_fail(r->st, err, "cannot read the program inventory");
	o->inventory = src->ninv;
	if ((rc = pm_store_prepare(r->st, "SELECT count(*) FROM credential", &s, err)))
		return rc;
	if (sqlite3_step(s) == SQLITE_ROW)
		o->credentials = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return pm_store_prepare(r->st,
				"SELECT kind, name, organization, state, level FROM credential"
				" WHERE soc_code = ?1 ORDER BY kind, name, id",
				&src->cred, err);
}

static void sources_release(struct sources *src)
{
	pm_strmap_release(&src->awtitle);
	free(src->inv);
	sqlite3_finalize(src->cred);
}

/* ---- rows ---- */

static void ipeds_rows(struct run *r, struct sources *src, const struct pm_gap_row *g, size_t e,
		       enum pm_ladder entry)
{
	const struct pm_supply *sup = &r->out->gap.supply;
	size_t i, t;

	for (i = 0; i < sup->n; i++) {
		const struct pm_supply_cell *c = &sup->v[i];
		struct pm_asset_row *a;

		if (!is_linked(r, c->cip, e))
			continue;
		a = add_row(r->out, PM_ASSET, g);
		a->ladder = c->ladder;
		a->provider = c->institution;
		a->program = cip_title(r, c->cip);
		a->cip = c->cip;
		a->credential = pm_strmap_get(&src->awtitle, c->awlevel, &t)
					? (const char *)(uintptr_t)t
					: c->awlevel;
		a->source = "IPEDS";
		a->completers = c->completers;
		a->meets_entry = pm_ladder_meets(c->ladder, entry);
	}
}

static void inventory_rows(struct run *r, struct sources *src, const struct pm_gap_row *g, size_t e,
			   enum pm_ladder entry)
{
	size_t i;

	for (i = 0; i < src->ninv; i++) {
		const struct inv_row *v = &src->inv[i];
		struct pm_asset_row *a;

		if (!is_linked(r, v->cip, e))
			continue;
		a = add_row(r->out, PM_ASSET, g);
		a->ladder = v->ladder;
		a->provider = v->provider;
		a->program = v->program;
		a->cip = v->cip;
		a->credential = v->credential;
		a->source = "inventory";
		a->hours = v->hours;
		a->weeks = v->weeks;
		a->cost = v->cost;
		a->etpl = v->etpl;
		a->apprenticeship = v->apprenticeship;
		a->meets_entry = pm_ladder_meets(v->ladder, entry);
	}
}

static void credential_rows(struct run *r, struct sources *src, const struct pm_gap_row *g)
{
	sqlite3_stmt *s = src->cred;

	sqlite3_reset(s);
	pm_bind_text(s, 1, g->soc);
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct pm_asset_row *a = add_row(r->out, PM_ASSET, g);
		bool license = !strcmp(pm_col_text(s, 0), "license");
		struct pm_buf b = PM_BUF_INIT;

		a->ladder = license ? "license" : "industry certification";
		a->provider = intern(r, pm_col_text(s, 2));
		a->program = intern(r, pm_col_text(s, 1));
		pm_buf_adds(&b, license ? "license" : "certification");
		if (sqlite3_column_type(s, 3) != SQLITE_NULL)
			pm_buf_addf(&b, " (%s)", pm_col_text(s, 3));
		if (sqlite3_column_type(s, 4) != SQLITE_NULL)
			pm_buf_addf(&b, ", %s", pm_col_text(s, 4));
		a->credential = intern(r, b.buf);
		pm_buf_release(&b);
		a->source = "CareerOneStop";
	}
}

static int asset_cmp(const void *pa, const void *pb)
{
	const struct pm_asset_row *a = pa, *b = pb;
	enum pm_ladder x = pm_ladder_of_name(a->ladder), y = pm_ladder_of_name(b->ladder);
	int c;

	/* the academic ladder first, lowest level first; beside it by name */
	if ((x == PM_LADDER_NONE) != (y == PM_LADDER_NONE))
		return x == PM_LADDER_NONE ? 1 : -1;
	if (x != y)
		return x < y ? -1 : 1;
	if ((c = strcmp(a->ladder, b->ladder)))
		return c;
	if (!isnan(a->completers) || !isnan(b->completers)) {
		double u = isnan(a->completers) ? -1 : a->completers;
		double v = isnan(b->completers) ? -1 : b->completers;

		if (u > v || u < v)
			return u > v ? -1 : 1;
	}
	if ((c = strcmp(a->provider ? a->provider : "", b->provider ? b->provider : "")))
		return c;
	return strcmp(a->cip ? a->cip : "", b->cip ? b->cip : "");
}

static int demand_cmp(const void *pa, const void *pb)
{
	const struct pm_gap_row *const *a = pa, *const *b = pb;

	if ((*a)->openings > (*b)->openings || (*a)->openings < (*b)->openings)
		return (*a)->openings > (*b)->openings ? -1 : 1;
	return strcmp((*a)->soc, (*b)->soc);
}

static bool listed(const char *const *list, const char *soc)
{
	for (; *list; list++)
		if (!strcmp(*list, soc))
			return true;
	return false;
}

/* Assets and entry holes of each in-demand occupation; the ladder levels with a program. */
static void occupation_rows(struct run *r, struct sources *src, bool *level_seen,
			    enum pm_ladder *lo, enum pm_ladder *hi)
{
	struct pm_assets_report *o = r->out;
	const struct pm_gap_report *g = &o->gap;
	const struct pm_gap_row **dem = pm_xcalloc(g->n + 1, sizeof *dem);
	size_t i, j, k, nd = 0, first;

	for (i = 0; i < g->n; i++)
		if (r->only ? listed(r->only, g->rows[i].soc) : g->rows[i].openings >= o->threshold)
			dem[nd++] = &g->rows[i];
	qsort(dem, nd, sizeof *dem, demand_cmp);
	o->in_demand = nd;
	for (i = 0; i < nd; i++) {
		enum pm_ladder entry =
			pm_ladder_of_education(dem[i]->occ ? dem[i]->occ->education : NULL);
		bool met = false;
		size_t e;

		if (!pm_strmap_get(&o->gap.ep->index, dem[i]->soc, &e))
			continue;
		first = o->n;
		ipeds_rows(r, src, dem[i], e, entry);
		inventory_rows(r, src, dem[i], e, entry);
		credential_rows(r, src, dem[i]);
		if (o->n > first)
			qsort(o->rows + first, o->n - first, sizeof *o->rows, asset_cmp);
		for (j = first; j < o->n; j++) {
			met |= o->rows[j].meets_entry;
			k = pm_ladder_of_name(o->rows[j].ladder);
			level_seen[k] = true;
		}
		if (entry == PM_LADDER_NONE)
			continue; /* entered without a postsecondary award: no entry hole */
		if (*lo == PM_LADDER_NONE || entry < *lo)
			*lo = entry;
		if (entry > *hi)
			*hi = entry;
		if (!met) {
			struct pm_asset_row *h = add_row(o, PM_HOLE_ENTRY, dem[i]);
			struct pm_buf b = PM_BUF_INIT;

			h->ladder = h->entry_level;
			pm_buf_addf(&b, "no local program at its entry level (%s: %s)%s",
				    h->education, h->entry_level,
				    o->n - 1 > first ? "; programs exist at other levels" : "");
			h->hole = intern(r, b.buf);
			pm_buf_release(&b);
			o->holes_entry++;
		}
	}
	free(dem);
}

static void ladder_holes(struct run *r, const bool *level_seen, enum pm_ladder lo,
			 enum pm_ladder hi)
{
	struct pm_assets_report *o = r->out;
	int l;

	for (l = lo; lo != PM_LADDER_NONE && l <= (int)hi; l++) {
		struct pm_asset_row *h;

		if (level_seen[l])
			continue;
		h = add_row(o, PM_HOLE_LADDER, NULL);
		h->ladder = pm_ladder_name((enum pm_ladder)l);
		h->hole = "no local program at this level of the ladder for any in-demand "
			  "occupation";
		o->holes_ladder++;
	}
}

/* Programs with completers whose occupations include the sector's but none in demand. */
static void surplus_rows(struct run *r)
{
	struct pm_assets_report *o = r->out;
	const struct pm_gap_report *g = &o->gap;
	const struct pm_supply *sup = &g->supply;
	bool *sector = pm_xcalloc(g->ep->n + 1, sizeof *sector);
	size_t i, j, c;

	for (i = 0; i < g->n; i++)
		if (pm_strmap_get(&g->ep->index, g->rows[i].soc, &j))
			sector[j] = true;
	for (i = 0; i < sup->n; i++) {
		const struct pm_supply_cell *cell = &sup->v[i];
		const size_t *list;
		bool in_sector = false, wanted = false;
		size_t best = SIZE_MAX, n = 0;
		struct pm_asset_row *h;
		struct pm_buf b = PM_BUF_INIT;

		if (cell->completers <= 0 || !pm_strmap_get(&r->cip_socs, cell->cip, &c))
			continue;
		list = r->cip_list[c];
		for (j = 0; list[j] != SIZE_MAX; j++, n++) {
			double w = g->ep_openings[list[j]];

			in_sector |= sector[list[j]];
			wanted |= w >= o->threshold;
			if (best == SIZE_MAX || w > g->ep_openings[best])
				best = list[j];
		}
		if (!in_sector || wanted)
			continue;
		h = add_row(o, PM_HOLE_SURPLUS, NULL);
		h->ladder = cell->ladder;
		h->provider = cell->institution;
		h->program = cip_title(r, cell->cip);
		h->cip = cell->cip;
		h->completers = cell->completers;
		h->source = "IPEDS";
		pm_buf_addf(
			&b,
			"completers but no in-demand occupation: leads to %zu occupation%s, the "
			"most openings %s with %.1f a year",
			n, n == 1 ? "" : "s", g->ep->v[best].soc, g->ep_openings[best]);
		h->hole = intern(r, b.buf);
		pm_buf_release(&b);
		o->holes_surplus++;
	}
	free(sector);
}

static int surplus_cmp(const void *pa, const void *pb)
{
	const struct pm_asset_row *a = pa, *b = pb;
	int c;

	if (a->completers > b->completers || a->completers < b->completers)
		return a->completers > b->completers ? -1 : 1;
	if ((c = strcmp(a->provider, b->provider)))
		return c;
	return strcmp(a->cip, b->cip);
}

static void run_notes(struct run *r)
{
	struct pm_assets_report *o = r->out;
	const struct pm_gap_report *g = &o->gap;
	char years[96];
	size_t i;

	pm_award_years_text(g->supply.year0, g->supply.year1, years, sizeof years);
	if (!r->only) /* a ladder maps its own steps and says so */
		note(o,
		     "in demand: occupations of the chosen industries with at least %g annual "
		     "openings in the whole selection: %zu of %zu",
		     o->threshold, o->in_demand, g->n);
	note(o,
	     "programs: IPEDS completions of %zu institutions in the selection (first majors, "
	     "award years %s, a year's average), linked to occupations by the NCES CIP-SOC "
	     "crosswalk",
	     g->supply.ninstitutions, years);
	note(o, "%s",
	     o->inventory ? "inventory programs in the selection's counties are listed"
			  : "no program inventory loaded ('pathmap import programs FILE'): "
			    "apprenticeships and non-credit programs are not shown");
	note(o, "%s",
	     o->credentials ? "certifications and licenses: CareerOneStop"
			    : "no certifications or licenses loaded ('pathmap fetch careeronestop "
			      "--soc CODE...')");
	if (!r->only)
		note(o, "holes: %zu entry, %zu ladder, %zu surplus programs", o->holes_entry,
		     o->holes_ladder, o->holes_surplus);
	for (i = 0; i < g->nnotes; i++)
		if (strncmp(g->notes[i], "allocation ", 11)) /* assets allocate nothing */
			note(o, "%s", g->notes[i]);
}

enum pm_status pm_assets_run(struct pm_store *st, const struct pm_assets_request *rq,
			     struct pm_assets_report *out, struct pm_err *err)
{
	struct pm_gap_request grq;
	struct sources src;
	struct run r;
	bool level_seen[PM_LADDER_MAX] = { false };
	enum pm_ladder lo = PM_LADDER_NONE, hi = PM_LADDER_NONE;
	enum pm_status rc;
	size_t i, first;

	memset(out, 0, sizeof *out);
	memset(&r, 0, sizeof r);
	memset(&src, 0, sizeof src);
	memset(&grq, 0, sizeof grq);
	r.st = st;
	r.out = out;
	r.only = rq->only;
	out->threshold = rq->occ.min_openings;
	grq.occ = rq->occ;
	grq.occ.min_openings = 0;
	grq.allocation = PM_ALLOC_DEMAND;
	grq.year0 = rq->year0;
	grq.year1 = rq->year1;
	if ((rc = pm_gap_run(st, &grq, &out->gap, err)))
		goto out;
	if ((rc = load_links(&r, err)) || (rc = load_sources(&r, &src, err)))
		goto out;
	occupation_rows(&r, &src, level_seen, &lo, &hi);
	ladder_holes(&r, level_seen, lo, hi);
	first = out->n;
	if (!rq->only)
		surplus_rows(&r);
	if (out->n > first)
		qsort(out->rows + first, out->n - first, sizeof *out->rows, surplus_cmp);
	run_notes(&r);
out:
	sources_release(&src);
	pm_strmap_release(&r.links);
	pm_strmap_release(&r.cip_socs);
	pm_strmap_release(&r.cip_title);
	for (i = 0; i < r.ncip; i++)
		free(r.cip_list[i]);
	free(r.cip_list);
	return rc;
}

void pm_assets_report_release(struct pm_assets_report *r)
{
	pm_notes_free(r->notes, r->nnotes);
	free(r->rows);
	pm_gap_report_release(&r->gap);
	pm_strmap_release(&r->strings);
	memset(r, 0, sizeof *r);
}
