/*
 * QCEW facts: writer and queries (see qcew.h).
 *
 * Rows are keyed by (area, year, qtr, own, industry, size): a later load of
 * the same cell replaces it, which makes reloading a file idempotent and
 * lets a revised file supersede an old one. The table is WITHOUT ROWID and
 * clustered by area first, so a region's rows for a period are one range
 * scan per county.
 */
#include "store/qcew.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/cells.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "core/banned.h"

const struct pm_qcew_measure_info pm_qcew_measures[PM_Q_NMEASURES] = {
	[PM_Q_ESTABS] = { "estabs", false, PM_QG_BASE, true },
	[PM_Q_EMPLVL] = { "emplvl", false, PM_QG_BASE, false },
	[PM_Q_MONTH1_EMPLVL] = { "month1_emplvl", false, PM_QG_BASE, false },
	[PM_Q_MONTH2_EMPLVL] = { "month2_emplvl", false, PM_QG_BASE, false },
	[PM_Q_TOTAL_WAGES] = { "total_wages", false, PM_QG_BASE, false },
	[PM_Q_TAXABLE_WAGES] = { "taxable_wages", false, PM_QG_BASE, false },
	[PM_Q_CONTRIBUTIONS] = { "contributions", false, PM_QG_BASE, false },
	[PM_Q_AVG_WKLY_WAGE] = { "avg_wkly_wage", false, PM_QG_BASE, false },
	[PM_Q_AVG_ANNUAL_PAY] = { "avg_annual_pay", false, PM_QG_BASE, false },
	[PM_Q_LQ_ESTABS] = { "lq_estabs", true, PM_QG_LQ, true },
	[PM_Q_LQ_EMPLVL] = { "lq_emplvl", true, PM_QG_LQ, false },
	[PM_Q_LQ_MONTH1_EMPLVL] = { "lq_month1_emplvl", true, PM_QG_LQ, false },
	[PM_Q_LQ_MONTH2_EMPLVL] = { "lq_month2_emplvl", true, PM_QG_LQ, false },
	[PM_Q_LQ_TOTAL_WAGES] = { "lq_total_wages", true, PM_QG_LQ, false },
	[PM_Q_LQ_TAXABLE_WAGES] = { "lq_taxable_wages", true, PM_QG_LQ, false },
	[PM_Q_LQ_CONTRIBUTIONS] = { "lq_contributions", true, PM_QG_LQ, false },
	[PM_Q_LQ_AVG_WKLY_WAGE] = { "lq_avg_wkly_wage", true, PM_QG_LQ, false },
	[PM_Q_LQ_AVG_ANNUAL_PAY] = { "lq_avg_annual_pay", true, PM_QG_LQ, false },
	[PM_Q_OTY_ESTABS_CHG] = { "oty_estabs_chg", false, PM_QG_OTY, true },
	[PM_Q_OTY_ESTABS_PCT] = { "oty_estabs_pct_chg", true, PM_QG_OTY, true },
	[PM_Q_OTY_EMPLVL_CHG] = { "oty_emplvl_chg", false, PM_QG_OTY, false },
	[PM_Q_OTY_EMPLVL_PCT] = { "oty_emplvl_pct_chg", true, PM_QG_OTY, false },
	[PM_Q_OTY_MONTH1_EMPLVL_CHG] = { "oty_month1_emplvl_chg", false, PM_QG_OTY, false },
	[PM_Q_OTY_MONTH1_EMPLVL_PCT] = { "oty_month1_emplvl_pct_chg", true, PM_QG_OTY, false },
	[PM_Q_OTY_MONTH2_EMPLVL_CHG] = { "oty_month2_emplvl_chg", false, PM_QG_OTY, false },
	[PM_Q_OTY_MONTH2_EMPLVL_PCT] = { "oty_month2_emplvl_pct_chg", true, PM_QG_OTY, false },
	[PM_Q_OTY_TOTAL_WAGES_CHG] = { "oty_total_wages_chg", false, PM_QG_OTY, false },
	[PM_Q_OTY_TOTAL_WAGES_PCT] = { "oty_total_wages_pct_chg", true, PM_QG_OTY, false },
	[PM_Q_OTY_TAXABLE_WAGES_CHG] = { "oty_taxable_wages_chg", false, PM_QG_OTY, false },
	[PM_Q_OTY_TAXABLE_WAGES_PCT] = { "oty_taxable_wages_pct_chg", true, PM_QG_OTY, false },
	[PM_Q_OTY_CONTRIBUTIONS_CHG] = { "oty_contributions_chg", false, PM_QG_OTY, false },
	[PM_Q_OTY_CONTRIBUTIONS_PCT] = { "oty_contributions_pct_chg", true, PM_QG_OTY, false },
	[PM_Q_OTY_AVG_WKLY_WAGE_CHG] = { "oty_avg_wkly_wage_chg", false, PM_QG_OTY, false },
	[PM_Q_OTY_AVG_WKLY_WAGE_PCT] = { "oty_avg_wkly_wage_pct_chg", true, PM_QG_OTY, false },
	[PM_Q_OTY_AVG_ANNUAL_PAY_CHG] = { "oty_avg_annual_pay_chg", false, PM_QG_OTY, false },
	[PM_Q_OTY_AVG_ANNUAL_PAY_PCT] = { "oty_avg_annual_pay_pct_chg", true, PM_QG_OTY, false },
};

/* ---- writer ---- */

#define NKEYS 11 /* area, year, qtr, own, industry, size, agglvl, dataset, 3 disclosure codes */

struct pm_qcew_writer {
	struct pm_store *st;
	sqlite3_stmt *ins;
	int64_t dataset_id;
};

enum pm_status pm_qcew_writer_new(struct pm_store *st, int64_t dataset_id,
				  struct pm_qcew_writer **out, struct pm_err *err)
{
	struct pm_buf sql = PM_BUF_INIT;
	struct pm_qcew_writer *w;
	enum pm_status rc;
	int m;

	*out = NULL;
	pm_buf_adds(&sql, "INSERT OR REPLACE INTO qcew (area_fips, year, qtr, own_code, "
			  "industry_code, size_code, agglvl_code, dataset_id, disclosure_code, "
			  "lq_disclosure_code, oty_disclosure_code");
	for (m = 0; m < PM_Q_NMEASURES; m++)
		pm_buf_addf(&sql, ", %s", pm_qcew_measures[m].column);
	pm_buf_adds(&sql, ") VALUES (?");
	for (m = 1; m < NKEYS + PM_Q_NMEASURES; m++)
		pm_buf_adds(&sql, ",?");
	pm_buf_adds(&sql, ")");
	w = pm_xcalloc(1, sizeof *w);
	w->st = st;
	w->dataset_id = dataset_id;
	rc = pm_store_prepare(st, sql.buf, &w->ins, err);
	pm_buf_release(&sql);
	if (rc) {
		free(w);
		return rc;
	}
	*out = w;
	return PM_OK;
}

enum pm_status pm_qcew_writer_put(struct pm_qcew_writer *w, const struct pm_qcew_row *r,
				  struct pm_err *err)
{
	sqlite3_stmt *s = w->ins;
	int m;

	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, r->area, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, r->year);
	sqlite3_bind_text(s, 3, r->qtr, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, r->own, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, r->industry, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, r->size, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, r->agglvl, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 8, w->dataset_id);
	sqlite3_bind_text(s, 9, r->disclosure, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, r->lq_disclosure, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, r->oty_disclosure, -1, SQLITE_STATIC);
	for (m = 0; m < PM_Q_NMEASURES; m++) {
		int i = NKEYS + 1 + m;

		if (!r->has[m])
			sqlite3_bind_null(s, i);
		else if (pm_qcew_measures[m].real)
			sqlite3_bind_double(s, i, r->v[m].d);
		else
			sqlite3_bind_int64(s, i, r->v[m].i);
	}
	if (sqlite3_step(s) != SQLITE_DONE)
		return pm_store_fail(w->st, err, "cannot store QCEW row");
	return PM_OK;
}

void pm_qcew_writer_free(struct pm_qcew_writer *w)
{
	if (!w)
		return;
	sqlite3_finalize(w->ins);
	free(w);
}

/* ---- queries ---- */

int pm_qcew_agglvl_level(const char *agglvl)
{
	int d;

	if (strlen(agglvl) != 2 || agglvl[1] < '0' || agglvl[1] > '9')
		return -1;
	d = agglvl[1] - '0';
	/* Size-class levels (21-28, 61-64) and special aggregates (9x) are not hierarchy rows. */
	if (agglvl[0] == '2' || agglvl[0] == '6' || agglvl[0] == '9')
		return -1;
	if (d <= 1)
		return 0;
	if (d <= 3)
		return 1;
	return d - 2;
}

static void add_in_list(struct pm_buf *sql, size_t n)
{
	size_t i;

	pm_buf_adds(sql, "(");
	for (i = 0; i < n; i++)
		pm_buf_adds(sql, i ? ",?" : "?");
	pm_buf_adds(sql, ")");
}

static char qtr_text(char q, char out[2])
{
	out[0] = q;
	out[1] = '\0';
	return q;
}

enum pm_status pm_store_qcew_cells(struct pm_store *st, const struct pm_qcew_query *q,
				   struct pm_qcell_set *out, struct pm_err *err)
{
	struct pm_buf sql = PM_BUF_INIT;
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	char qt[2];
	size_t i;
	int bi = 1, step;

	pm_buf_adds(&sql,
		    "SELECT area_fips, own_code, industry_code, agglvl_code, disclosure_code, "
		    "estabs, emplvl, total_wages, month1_emplvl, month2_emplvl, "
		    "CASE WHEN lq_disclosure_code = 'N' THEN NULL ELSE lq_emplvl END, "
		    "oty_disclosure_code, oty_emplvl_chg, oty_total_wages_chg, oty_estabs_chg, "
		    "dataset_id FROM qcew WHERE size_code = '0' AND year = ? AND qtr = ? "
		    "AND area_fips IN ");
	add_in_list(&sql, q->nareas);
	pm_buf_adds(&sql, " AND own_code IN ");
	add_in_list(&sql, q->nowns);
	if ((rc = pm_store_prepare(st, sql.buf, &s, err)))
		goto cleanup;
	sqlite3_bind_int(s, bi++, q->year);
	qtr_text(q->qtr, qt);
	sqlite3_bind_text(s, bi++, qt, -1, SQLITE_TRANSIENT);
	for (i = 0; i < q->nareas; i++)
		pm_bind_text(s, bi++, q->areas[i]);
	for (i = 0; i < q->nowns; i++)
		pm_bind_text(s, bi++, q->owns[i]);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct pm_qcell *c;
		int level = pm_qcew_agglvl_level(pm_col_text(s, 3));

		if (level < 0 || level == 1 || level > q->max_level)
			continue;
		c = pm_qcell_set_add(out);
		c->area = pm_qcell_set_intern(out, pm_col_text(s, 0));
		c->own = pm_col_text(s, 1)[0];
		c->industry = pm_qcell_set_intern(out, pm_col_text(s, 2));
		c->level = level;
		c->disclosed = strcmp(pm_col_text(s, 4), "N") != 0 &&
			       sqlite3_column_type(s, 6) != SQLITE_NULL;
		c->estabs = sqlite3_column_int64(s, 5);
		c->emp = sqlite3_column_int64(s, 6);
		c->wages = sqlite3_column_int64(s, 7);
		if (c->disclosed && sqlite3_column_type(s, 7) == SQLITE_NULL)
			c->disclosed = false;
		c->month1 = sqlite3_column_type(s, 8) == SQLITE_NULL ? c->emp
								     : sqlite3_column_int64(s, 8);
		c->month2 = sqlite3_column_type(s, 9) == SQLITE_NULL ? c->emp
								     : sqlite3_column_int64(s, 9);
		c->lq_pub = sqlite3_column_type(s, 10) == SQLITE_NULL
				    ? NAN
				    : sqlite3_column_double(s, 10);
		c->prev_known = c->disclosed && strcmp(pm_col_text(s, 11), "N") != 0 &&
				sqlite3_column_type(s, 12) != SQLITE_NULL &&
				sqlite3_column_type(s, 13) != SQLITE_NULL;
		if (c->prev_known) {
			c->emp_prev = c->emp - sqlite3_column_int64(s, 12);
			c->wages_prev = c->wages - sqlite3_column_int64(s, 13);
		}
		c->estabs_prev = c->estabs - (sqlite3_column_type(s, 14) == SQLITE_NULL
						      ? 0
						      : sqlite3_column_int64(s, 14));
		c->dataset_id = sqlite3_column_int64(s, 15);
	}
	if (step != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot read QCEW rows");
cleanup:
	sqlite3_finalize(s);
	pm_buf_release(&sql);
	return rc;
}

enum pm_status pm_store_qcew_lq_sources(struct pm_store *st, const struct pm_qcew_query *q,
					const char *const *exclude, size_t nexclude,
					struct pm_lq_source_set *out, struct pm_err *err)
{
	struct pm_buf sql = PM_BUF_INIT;
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	char qt[2];
	size_t i;
	int bi = 1, step;

	pm_buf_adds(
		&sql,
		"SELECT r.area_fips, r.own_code, r.industry_code, r.agglvl_code, r.emplvl, "
		"r.lq_emplvl, t.emplvl FROM qcew r JOIN qcew t ON t.area_fips = r.area_fips "
		"AND t.year = r.year AND t.qtr = r.qtr AND t.own_code = '0' AND "
		"t.industry_code = '10' AND t.size_code = '0' "
		"WHERE r.year = ? AND r.qtr = ? AND r.size_code = '0' AND r.area_fips <> 'US000' "
		"AND r.disclosure_code <> 'N' AND r.lq_disclosure_code <> 'N' "
		"AND r.lq_emplvl > 0 AND r.emplvl > 0 AND t.disclosure_code <> 'N' AND "
		"t.emplvl > 0 AND r.own_code IN ");
	add_in_list(&sql, q->nowns);
	if (nexclude) {
		pm_buf_adds(&sql, " AND r.area_fips NOT IN ");
		add_in_list(&sql, nexclude);
	}
	if ((rc = pm_store_prepare(st, sql.buf, &s, err)))
		goto cleanup;
	sqlite3_bind_int(s, bi++, q->year);
	qtr_text(q->qtr, qt);
	sqlite3_bind_text(s, bi++, qt, -1, SQLITE_TRANSIENT);
	for (i = 0; i < q->nowns; i++)
		pm_bind_text(s, bi++, q->owns[i]);
	for (i = 0; i < nexclude; i++)
		pm_bind_text(s, bi++, exclude[i]);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct pm_lq_source *c;
		int level = pm_qcew_agglvl_level(pm_col_text(s, 3));

		if (level < 2 || level > q->max_level)
			continue;
		c = pm_lq_source_set_add(out);
		c->area = pm_lq_source_set_intern(out, pm_col_text(s, 0));
		c->own = pm_col_text(s, 1)[0];
		c->industry = pm_lq_source_set_intern(out, pm_col_text(s, 2));
		c->emp = sqlite3_column_int64(s, 4);
		c->lq_pub = sqlite3_column_double(s, 5);
		c->area_total = sqlite3_column_int64(s, 6);
	}
	if (step != SQLITE_DONE) {
		rc = pm_store_fail(st, err, "cannot read QCEW rows");
		goto cleanup;
	}
	/* Which ownership x industry cells exist at all, usable or not. */
	sqlite3_finalize(s);
	s = NULL;
	pm_buf_reset(&sql);
	pm_buf_adds(&sql, "SELECT DISTINCT own_code, industry_code, agglvl_code FROM qcew WHERE "
			  "year = ? AND qtr = ? AND size_code = '0' AND area_fips <> 'US000' AND "
			  "own_code IN ");
	add_in_list(&sql, q->nowns);
	if ((rc = pm_store_prepare(st, sql.buf, &s, err)))
		goto cleanup;
	bi = 1;
	sqlite3_bind_int(s, bi++, q->year);
	sqlite3_bind_text(s, bi++, qt, -1, SQLITE_TRANSIENT);
	for (i = 0; i < q->nowns; i++)
		pm_bind_text(s, bi++, q->owns[i]);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		int level = pm_qcew_agglvl_level(pm_col_text(s, 2));

		if (level >= 2 && level <= q->max_level)
			pm_lq_source_set_mark(out, pm_col_text(s, 0)[0], pm_col_text(s, 1));
	}
	if (step != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot read QCEW rows");
cleanup:
	sqlite3_finalize(s);
	pm_buf_release(&sql);
	return rc;
}

enum pm_status pm_store_qcew_years(struct pm_store *st, const char *area, char qtr, int *years,
				   size_t max, size_t *n, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	char qt[2];
	int step;

	*n = 0;
	/* One probe per year keeps this an index walk even on a national store. */
	if ((rc = pm_store_prepare(
		     st,
		     "WITH RECURSIVE y(v) AS (SELECT (SELECT MAX(year) FROM qcew "
		     "WHERE area_fips = ?1 AND qtr = ?2) UNION ALL SELECT (SELECT "
		     "MAX(year) FROM qcew WHERE area_fips = ?1 AND qtr = ?2 AND year < "
		     "y.v) FROM y WHERE y.v IS NOT NULL) SELECT v FROM y WHERE v IS "
		     "NOT NULL",
		     &s, err)))
		return rc;
	pm_bind_text(s, 1, area);
	qtr_text(qtr, qt);
	sqlite3_bind_text(s, 2, qt, -1, SQLITE_TRANSIENT);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n < max)
			years[(*n)++] = sqlite3_column_int(s, 0);
	}
	if (step != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot read QCEW years");
	sqlite3_finalize(s);
	return rc;
}

enum pm_status pm_store_qcew_has(struct pm_store *st, const char *area, int year, char qtr,
				 bool *has, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	char qt[2];

	*has = false;
	if ((rc = pm_store_prepare(
		     st,
		     "SELECT 1 FROM qcew WHERE area_fips = ? AND year = ? AND qtr = ? "
		     "LIMIT 1",
		     &s, err)))
		return rc;
	pm_bind_text(s, 1, area);
	sqlite3_bind_int(s, 2, year);
	qtr_text(qtr, qt);
	sqlite3_bind_text(s, 3, qt, -1, SQLITE_TRANSIENT);
	*has = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return PM_OK;
}

enum pm_status pm_store_qcew_datasets(struct pm_store *st, const char *const *areas, size_t nareas,
				      int year, char qtr, int64_t *ids, size_t max, size_t *n,
				      struct pm_err *err)
{
	struct pm_buf sql = PM_BUF_INIT;
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	char qt[2];
	size_t i;
	int step;

	*n = 0;
	pm_buf_adds(&sql, "SELECT DISTINCT dataset_id FROM qcew WHERE year = ? AND qtr = ? AND "
			  "area_fips IN ");
	add_in_list(&sql, nareas);
	pm_buf_adds(&sql, " ORDER BY dataset_id");
	if ((rc = pm_store_prepare(st, sql.buf, &s, err)))
		goto cleanup;
	sqlite3_bind_int(s, 1, year);
	qtr_text(qtr, qt);
	sqlite3_bind_text(s, 2, qt, -1, SQLITE_TRANSIENT);
	for (i = 0; i < nareas; i++)
		pm_bind_text(s, 3 + (int)i, areas[i]);
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if (*n < max)
			ids[(*n)++] = sqlite3_column_int64(s, 0);
	if (step != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot read QCEW datasets");
cleanup:
	sqlite3_finalize(s);
	pm_buf_release(&sql);
	return rc;
}
