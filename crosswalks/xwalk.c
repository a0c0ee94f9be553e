/*
 * `pathmap crosswalk`: the links of one code (see xwalk.h). Each kind of
 * link is one query returning the nine output columns, so adding a link is
 * adding a query.
 */
#include "crosswalks/xwalk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/table.h"
#include "crosswalks/industry.h"
#include "fetch/onet.h"
#include "sectors/naics.h"
#include "store/store.h"
#include "core/banned.h"

enum { C_FSYS, C_FCODE, C_FTITLE, C_REL, C_TSYS, C_TCODE, C_TTITLE, C_SHARE, C_SOURCE, C_N };

static const char *const colnames[C_N] = {
	"from_system", "from_code", "from_title", "relation", "to_system",
	"to_code",     "to_title",  "share",	  "source",
};

bool pm_xwalk_kind_parse(const char *s, enum pm_xwalk_kind *out)
{
	static const char *const names[] = { "cip", "soc", "onet", "naics" };
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(s, names[i])) {
			*out = (enum pm_xwalk_kind)i;
			return true;
		}
	return false;
}

struct xw {
	struct pm_store *st;
	struct pm_table *t;
	size_t unresolved; /* rows with no target */
	bool onet;	   /* O*NET values shown: credit them */
};

/* Run SQL with text parameters A, B (may be NULL) and append its rows. */
static enum pm_status add_rows(struct xw *x, const char *sql, const char *a, const char *b,
			       struct pm_err *err)
{
	sqlite3_stmt *s;
	enum pm_status rc;
	int r, i;

	if ((rc = pm_store_prepare(x->st, sql, &s, err)))
		return rc;
	pm_bind_text(s, 1, a);
	if (sqlite3_bind_parameter_count(s) >= 2)
		pm_bind_text(s, 2, b);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		size_t row = pm_table_add_row(x->t);

		for (i = 0; i < C_N; i++) {
			if (sqlite3_column_type(s, i) == SQLITE_NULL)
				continue;
			if (i == C_SHARE)
				pm_table_set_real(x->t, row, (size_t)i,
						  sqlite3_column_double(s, i));
			else
				pm_table_set_text(x->t, row, (size_t)i, pm_col_text(s, i));
		}
		if (sqlite3_column_type(s, C_TCODE) == SQLITE_NULL || !*pm_col_text(s, C_TCODE))
			x->unresolved++;
	}
	sqlite3_finalize(s);
	return r == SQLITE_DONE ? PM_OK : pm_store_fail(x->st, err, "crosswalk query");
}

/* One value of a one-row query with parameter A, into OUT (size N); "" when none. */
static void scalar(struct xw *x, const char *sql, const char *a, char *out, size_t n)
{
	sqlite3_stmt *s;
	struct pm_err e = PM_ERR_INIT;

	*out = 0;
	if (pm_store_prepare(x->st, sql, &s, &e)) {
		pm_err_clear(&e);
		return;
	}
	pm_bind_text(s, 1, a);
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(out, n, "%s", pm_col_text(s, 0));
	sqlite3_finalize(s);
}

static const char soc_title_sql[] =
	"SELECT title FROM (SELECT title, 1 AS o FROM soc WHERE code = ?1"
	" UNION ALL SELECT title, 2 FROM ep_occupation WHERE soc_code = ?1"
	" UNION ALL SELECT soc_title, 3 FROM cip_soc WHERE soc_code = ?1"
	" UNION ALL SELECT occ_title, 4 FROM oews WHERE occ_code = ?1) ORDER BY o LIMIT 1";

/* ---- CIP ---- */

static enum pm_status cip_links(struct xw *x, const char *code, struct pm_err *err)
{
	char like[PM_CODE_MAX + 4];
	int level = pm_cip_level(code);

	snprintf(like, sizeof like, "%s%s", code, level == 2 ? ".%" : level == 4 ? "%" : "");
	return add_rows(
		x,
		"SELECT 'CIP 2020', x.cip_code, coalesce(c.title, x.cip_title),"
		" CASE WHEN x.soc_code = '99-9999' THEN 'no matching occupation'"
		"  WHEN x.cip_code = '99.9999' THEN 'occupation without a program'"
		"  ELSE 'prepares for' END, 'SOC 2018',"
		" CASE WHEN x.soc_code = '99-9999' THEN NULL ELSE x.soc_code END,"
		" CASE WHEN x.soc_code = '99-9999' THEN NULL ELSE coalesce(s.title, x.soc_title) "
		"END,"
		" NULL, d.file_name"
		" FROM cip_soc x LEFT JOIN cip c ON c.code = x.cip_code"
		" LEFT JOIN soc s ON s.code = x.soc_code JOIN dataset d ON d.id = x.dataset_id"
		" WHERE x.cip_code = ?1 OR x.cip_code LIKE ?2 ORDER BY x.cip_code, x.soc_code",
		code, level == 6 ? code : like, err);
}

/* ---- SOC ---- */

static void soc_groups(struct xw *x, const char *code, const char *title)
{
	static const char *const rel[] = { "", "in major group", "in minor group",
					   "in broad occupation", "" };
	char cur[PM_CODE_MAX], par[PM_CODE_MAX], ptitle[512], src[256];

	snprintf(cur, sizeof cur, "%s", code);
	while (pm_soc_parent(cur, par, sizeof par)) {
		size_t row = pm_table_add_row(x->t);

		scalar(x, soc_title_sql, par, ptitle, sizeof ptitle);
		scalar(x,
		       "SELECT d.file_name FROM soc s JOIN dataset d ON d.id = s.dataset_id"
		       " WHERE s.code = ?1",
		       par, src, sizeof src);
		pm_table_set_text(x->t, row, C_FSYS, "SOC 2018");
		pm_table_set_text(x->t, row, C_FCODE, code);
		pm_table_set_text(x->t, row, C_FTITLE, title);
		pm_table_set_text(x->t, row, C_REL, rel[pm_soc_level(par)]);
		pm_table_set_text(x->t, row, C_TSYS, "SOC 2018");
		pm_table_set_text(x->t, row, C_TCODE, par);
		if (*ptitle)
			pm_table_set_text(x->t, row, C_TTITLE, ptitle);
		if (*src)
			pm_table_set_text(x->t, row, C_SOURCE, src);
		memcpy(cur, par, sizeof cur);
	}
}

static enum pm_status soc_links(struct xw *x, const char *code, struct pm_err *err)
{
	char title[512];
	enum pm_status rc;

	scalar(x, soc_title_sql, code, title, sizeof title);
	/* groups of a code nothing loaded knows (a SOC 2010 code, a typo) would be noise */
	if (*title)
		soc_groups(x, code, title);
	if ((rc = add_rows(
		     x,
		     "SELECT 'SOC 2018', ?1, ?2, 'includes', 'SOC 2018', s.code, s.title, NULL,"
		     " d.file_name FROM soc s LEFT JOIN dataset d ON d.id = s.dataset_id"
		     " WHERE s.parent = ?1 ORDER BY s.code",
		     code, title, err)) ||
	    (rc = add_rows(x,
			   "SELECT 'SOC 2018', x.soc_code, ?2,"
			   " CASE WHEN x.cip_code = '99.9999' THEN 'no preparing program'"
			   "  ELSE 'prepared for by' END, 'CIP 2020',"
			   " CASE WHEN x.cip_code = '99.9999' THEN NULL ELSE x.cip_code END,"
			   " CASE WHEN x.cip_code = '99.9999' THEN NULL"
			   "  ELSE coalesce(c.title, x.cip_title) END, NULL, d.file_name"
			   " FROM cip_soc x LEFT JOIN cip c ON c.code = x.cip_code"
			   " JOIN dataset d ON d.id = x.dataset_id WHERE x.soc_code = ?1"
			   " ORDER BY x.cip_code",
			   code, title, err)))
		return rc;
	size_t before = x->t->nrows;

	if ((rc = add_rows(x,
			   "SELECT 'SOC 2018', ?1, ?2, 'O*NET occupation', 'O*NET-SOC 2019',"
			   " o.onet_code, o.title, NULL, d.file_name FROM onet_occupation o"
			   " LEFT JOIN dataset d ON d.id = o.dataset_id WHERE o.soc_code = ?1"
			   " ORDER BY o.onet_code",
			   code, title, err)))
		return rc;
	x->onet |= x->t->nrows > before;
	/* SOC 2010 codes whose O*NET occupations became this SOC's */
	if ((rc = add_rows(x,
			   "SELECT 'SOC 2018', ?1, ?2, 'SOC 2010 predecessor', 'SOC 2010',"
			   " substr(x.from_code, 1, 7), min(x.from_title), NULL, min(d.file_name)"
			   " FROM onet_xwalk x JOIN dataset d ON d.id = x.dataset_id"
			   " WHERE x.from_taxonomy = 'onet2010' AND substr(x.to_code, 1, 7) = ?1"
			   " GROUP BY substr(x.from_code, 1, 7) ORDER BY 6",
			   code, title, err)))
		return rc;
	return add_rows(
		x,
		"SELECT 'SOC 2018', ?1, ?2, 'employed in',"
		" 'industry (' || s.source || ' ' || s.year || ')', s.industry, i.title,"
		" 100.0 * s.share, d.file_name FROM staffing s"
		" LEFT JOIN staffing_industry i ON i.code = s.industry AND i.source = s.source"
		" JOIN dataset d ON d.id = s.dataset_id WHERE s.soc_code = ?1"
		" AND coalesce(i.ind_type, 'Line item') <> 'Summary'"
		" ORDER BY s.employment DESC LIMIT 15",
		code, title, err);
}

/* A SOC 2010 code: its SOC 2018 successors. */
static enum pm_status soc2010_links(struct xw *x, const char *code, struct pm_err *err)
{
	return add_rows(x,
			"SELECT 'SOC 2010', ?1, min(x.from_title), 'replaced by', 'SOC 2018',"
			" substr(x.to_code, 1, 7), min(x.to_title), NULL, min(d.file_name)"
			" FROM onet_xwalk x JOIN dataset d ON d.id = x.dataset_id"
			" WHERE x.from_taxonomy = 'onet2010' AND substr(x.from_code, 1, 7) = ?1"
			" AND substr(x.to_code, 1, 7) <> ?1"
			" GROUP BY substr(x.to_code, 1, 7) ORDER BY 6",
			code, NULL, err);
}

/* ---- O*NET ---- */

static enum pm_status onet_links(struct xw *x, const char *code, struct pm_err *err)
{
	enum pm_status rc;
	size_t before = x->t->nrows;

	if ((rc = add_rows(
		     x,
		     "SELECT 'O*NET-SOC 2019', o.onet_code, o.title, 'rolls up to', 'SOC 2018',"
		     " o.soc_code, (SELECT title FROM soc WHERE code = o.soc_code), NULL,"
		     " d.file_name FROM onet_occupation o"
		     " LEFT JOIN dataset d ON d.id = o.dataset_id WHERE o.onet_code = ?1",
		     code, NULL, err)) ||
	    (rc = add_rows(
		     x,
		     "SELECT 'O*NET-SOC 2019', x.from_code, x.from_title, 'maps to', 'SOC 2018',"
		     " x.to_code, x.to_title, NULL, d.file_name FROM onet_xwalk x"
		     " JOIN dataset d ON d.id = x.dataset_id"
		     " WHERE x.from_taxonomy = 'onet2019' AND x.from_code = ?1"
		     " AND x.to_code <> substr(?1, 1, 7)",
		     code, NULL, err)) ||
	    (rc = add_rows(
		     x,
		     "SELECT 'O*NET-SOC 2019', x.to_code, x.to_title, 'O*NET-SOC 2010 predecessor',"
		     " 'O*NET-SOC 2010', x.from_code, x.from_title, NULL, d.file_name"
		     " FROM onet_xwalk x JOIN dataset d ON d.id = x.dataset_id"
		     " WHERE x.from_taxonomy = 'onet2010' AND x.to_code = ?1 ORDER BY 6",
		     code, NULL, err)) ||
	    (rc = add_rows(x,
			   "SELECT 'O*NET-SOC 2010', x.from_code, x.from_title, 'replaced by',"
			   " 'O*NET-SOC 2019', x.to_code, x.to_title, NULL, d.file_name"
			   " FROM onet_xwalk x JOIN dataset d ON d.id = x.dataset_id"
			   " WHERE x.from_taxonomy = 'onet2010' AND x.from_code = ?1"
			   " AND x.to_code <> ?1 ORDER BY 6",
			   code, NULL, err)) ||
	    (rc = add_rows(
		     x,
		     "SELECT 'O*NET-SOC 2019', r.onet_code,"
		     " (SELECT title FROM onet_occupation WHERE onet_code = r.onet_code),"
		     " 'related (' || coalesce(r.tier, 'O*NET') || ')', 'O*NET-SOC 2019',"
		     " r.related_code,"
		     " (SELECT title FROM onet_occupation WHERE onet_code = r.related_code),"
		     " NULL, d.file_name FROM onet_related r JOIN dataset d ON d.id = r.dataset_id"
		     " WHERE r.onet_code = ?1 ORDER BY r.rank, r.related_code",
		     code, NULL, err)))
		return rc;
	x->onet |= x->t->nrows > before;
	return PM_OK;
}

/* ---- NAICS ---- */

static void naics_title(struct xw *x, const char *vintage, const char *code, char *out, size_t n)
{
	char key[40];

	snprintf(key, sizeof key, "%s|%s", vintage, code);
	scalar(x, "SELECT title FROM naics WHERE vintage || '|' || code = ?1", key, out, n);
}

static void naics_row(struct xw *x, const char *fv, const char *code, const char *ftitle,
		      const char *rel, const char *tv, const char *tcode, const char *ttitle)
{
	size_t row = pm_table_add_row(x->t);
	char sys[16];

	snprintf(sys, sizeof sys, "NAICS %s", fv);
	pm_table_set_text(x->t, row, C_FSYS, sys);
	pm_table_set_text(x->t, row, C_FCODE, code);
	pm_table_set_text(x->t, row, C_FTITLE, ftitle);
	pm_table_set_text(x->t, row, C_REL, rel);
	snprintf(sys, sizeof sys, "NAICS %s", tv);
	pm_table_set_text(x->t, row, C_TSYS, sys);
	if (tcode) {
		pm_table_set_text(x->t, row, C_TCODE, tcode);
		pm_table_set_text(x->t, row, C_TTITLE, ttitle);
	} else {
		x->unresolved++;
	}
	pm_table_set_text(x->t, row, C_SOURCE, "Census NAICS code lists (built in)");
}

/* CODE is in vintage FV but not TV: a same-titled code at its level, else its nearest ancestor. */
static void naics_successor(struct xw *x, const char *fv, const char *tv, const char *code,
			    const char *title)
{
	char key[600], found[16], par[16], cur[16], t[512];
	sqlite3_stmt *s;
	struct pm_err e = PM_ERR_INIT;

	snprintf(key, sizeof key, "%s", title);
	*found = 0;
	if (!pm_store_prepare(
		    x->st,
		    "SELECT code FROM naics WHERE vintage = ?1 AND lower(title) = lower(?2)"
		    " AND length(code) = length(?3) AND code <> ?3 ORDER BY code",
		    &s, &e)) {
		pm_bind_text(s, 1, tv);
		pm_bind_text(s, 2, key);
		pm_bind_text(s, 3, code);
		while (sqlite3_step(s) == SQLITE_ROW) {
			snprintf(found, sizeof found, "%s", pm_col_text(s, 0));
			naics_title(x, tv, found, t, sizeof t);
			naics_row(x, fv, code, title, "same title", tv, found, t);
		}
		sqlite3_finalize(s);
	}
	pm_err_clear(&e);
	if (*found)
		return;
	snprintf(cur, sizeof cur, "%s", code);
	while (pm_naics_parent(cur, par, sizeof par) && pm_naics_level(par) >= PM_NAICS_SECTOR) {
		naics_title(x, tv, par, t, sizeof t);
		if (*t) {
			naics_row(x, fv, code, title, "within (no one-to-one counterpart)", tv, par,
				  t);
			return;
		}
		memcpy(cur, par, sizeof cur);
	}
	naics_row(x, fv, code, title, "no counterpart", tv, NULL, NULL);
}

/* The staffing patterns whose industries cover CODE, and their largest occupations. */
static enum pm_status naics_staffing(struct xw *x, const char *code, struct pm_err *err)
{
	sqlite3_stmt *s;
	enum pm_status rc;
	char best[32] = "", bsrc[32] = "";
	int best_len = -1;

	if ((rc = pm_store_prepare(x->st,
				   "SELECT DISTINCT s.industry, s.source, i.naics FROM staffing s"
				   " LEFT JOIN staffing_industry i"
				   " ON i.code = s.industry AND i.source = s.source",
				   &s, err)))
		return rc;
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct pm_cover c;
		const char *naics =
			sqlite3_column_type(s, 2) == SQLITE_NULL ? NULL : pm_col_text(s, 2);
		size_t i;

		if (!pm_industry_cover(pm_col_text(s, 0), naics, &c) ||
		    c.kind != PM_COVER_INDUSTRY || c.owns[0])
			continue;
		for (i = 0; i < c.n; i++) /* the finest pattern at or above CODE */
			if (pm_naics_is_ancestor(c.codes[i], code) &&
			    (int)strlen(c.codes[i]) > best_len) {
				best_len = (int)strlen(c.codes[i]);
				snprintf(best, sizeof best, "%s", pm_col_text(s, 0));
				snprintf(bsrc, sizeof bsrc, "%s", pm_col_text(s, 1));
			}
	}
	sqlite3_finalize(s);
	if (!*best)
		return PM_OK;
	return add_rows(
		x,
		"SELECT 'industry (' || s.source || ' ' || s.year || ')', s.industry, i.title,"
		" 'employs', 'SOC 2018', s.soc_code,"
		" coalesce((SELECT title FROM soc WHERE code = s.soc_code),"
		"  (SELECT title FROM ep_occupation WHERE soc_code = s.soc_code LIMIT 1)),"
		" 100.0 * s.share, d.file_name FROM staffing s"
		" LEFT JOIN staffing_industry i ON i.code = s.industry AND i.source = s.source"
		" JOIN dataset d ON d.id = s.dataset_id"
		" WHERE s.industry = ?1 AND s.source = ?2 AND s.soc_code <> '00-0000'"
		" AND s.year = (SELECT max(year) FROM staffing WHERE industry = ?1"
		"  AND source = ?2)"
		" AND NOT EXISTS (SELECT 1 FROM ep_occupation e WHERE e.soc_code = s.soc_code"
		"  AND e.occ_type = 'Summary')"
		" ORDER BY s.share DESC LIMIT 15",
		best, bsrc, err);
}

static enum pm_status naics_links(struct xw *x, const char *code, struct pm_err *err)
{
	char t17[512], t22[512];

	naics_title(x, "2017", code, t17, sizeof t17);
	naics_title(x, "2022", code, t22, sizeof t22);
	if (*t17 && *t22)
		naics_row(x, "2017", code, t17,
			  strcmp(t17, t22) ? "same code, retitled" : "same code", "2022", code,
			  t22);
	else if (*t17)
		naics_successor(x, "2017", "2022", code, t17);
	else if (*t22)
		naics_successor(x, "2022", "2017", code, t22);
	return naics_staffing(x, code, err);
}

/* ---- entry ---- */

static enum pm_status not_found(struct xw *x, enum pm_xwalk_kind kind, const char *code,
				struct pm_err *err)
{
	static const char *const what[] = {
		"the CIP-SOC crosswalk (pathmap import cipsoc CIP2020_SOC2018_Crosswalk.xlsx)",
		"SOC, CIP-SOC, O*NET or EP data (pathmap import soc|cipsoc|onet|ep FILE)",
		"O*NET (pathmap import onet db_30_1_text.zip)",
		"NAICS titles (built in) or staffing patterns",
	};
	static const char *const name[] = { "CIP", "SOC", "O*NET-SOC", "NAICS" };

	(void)x;
	return pm_err_set(err, PM_ENOTFOUND, "%s %s is not in the loaded data; load %s", name[kind],
			  code, what[kind]);
}

enum pm_status pm_xwalk_lookup(struct pm_store *st, enum pm_xwalk_kind kind, const char *code,
			       struct pm_table **out, struct pm_err *err)
{
	static const enum pm_code_kind ck[] = { PM_CODE_CIP, PM_CODE_SOC, PM_CODE_ONET,
						PM_CODE_NAICS };
	static const char *const sys[] = { "CIP", "SOC", "O*NET-SOC", "NAICS" };
	char norm[PM_CODE_MAX], where[64];
	struct xw x = { st, NULL, 0, false };
	enum pm_status rc;
	size_t i;

	snprintf(where, sizeof where, "%s code", sys[kind]);
	if (pm_code_normalize(ck[kind], code, norm, sizeof norm, where, err)) {
		if (err) /* a code typed on the command line: a usage error */
			err->code = PM_EUSAGE;
		return PM_EUSAGE;
	}
	x.t = pm_table_new();
	for (i = 0; i < C_N; i++)
		pm_table_add_col(x.t, colnames[i], i == C_SHARE ? PM_COL_REAL : PM_COL_TEXT, 2);
	switch (kind) {
	case PM_XWALK_CIP: rc = cip_links(&x, norm, err); break;
	case PM_XWALK_SOC:
		rc = soc_links(&x, norm, err);
		if (!rc)
			rc = soc2010_links(&x, norm, err);
		break;
	case PM_XWALK_ONET: rc = onet_links(&x, norm, err); break;
	default: rc = naics_links(&x, norm, err); break;
	}
	if (!rc && !x.t->nrows)
		rc = not_found(&x, kind, norm, err);
	if (rc) {
		pm_table_free(x.t);
		return rc;
	}
	{
		char title[160];

		snprintf(title, sizeof title, "Crosswalk: %s %s", sys[kind], norm);
		pm_table_set_title(x.t, title);
	}
	if (x.unresolved)
		pm_table_add_note(x.t, "%zu link%s without a counterpart (empty to_code)",
				  x.unresolved, x.unresolved == 1 ? "" : "s");
	if (x.onet)
		pm_table_add_note(x.t, "%s", pm_onet_attribution(st));
	*out = x.t;
	return PM_OK;
}
