/*
 * QCEW facts: writer and queries (see qcew.h).
 *
 * Rows are keyed by (area, year, qtr, own, industry, size): a later load of
 * the same cell replaces it, which makes reloading a file idempotent and
 * lets a revised file supersede an old one. The table is WITHOUT ROWID and
 * clustered by area first, so a region's rows for a period are one range
 * scan per county. The writer is in qcew_write.c.
 */
#include "store/qcew.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/cells.h"
#include "analysis/lq.h"
#include "core/buf.h"
#include "core/strmap.h"
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

static bool in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

/*
 * One pass over the period's rows. The table is clustered by area, so the
 * areas are enumerated by skipping through the key (a MIN probe each) and
 * each area's rows of the period are one range seek, with the area's total
 * looked up once: the period's rows are read, not the whole store's. Only
 * the best source per ownership x industry (pm_lq_source_better(), the
 * order pm_lq_best_source() applies) is kept, so OUT holds a few hundred
 * rows, not a national year's.
 */
enum pm_status pm_store_qcew_lq_sources(struct pm_store *st, const struct pm_qcew_query *q,
					const char *const *exclude, size_t nexclude,
					struct pm_lq_source_set *out, struct pm_err *err)
{
	struct pm_buf sql = PM_BUF_INIT;
	struct pm_strmap best = PM_STRMAP_INIT; /* "own|industry" -> index in BEST_V */
	struct pm_lq_source *best_v = NULL;
	size_t nbest = 0, i;
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	char qt[2];
	int bi = 3, step;

	pm_buf_adds(&sql,
		    "WITH RECURSIVE a(v) AS (SELECT MIN(area_fips) FROM qcew UNION ALL "
		    "SELECT (SELECT MIN(area_fips) FROM qcew WHERE area_fips > a.v) FROM a "
		    "WHERE a.v IS NOT NULL), "
		    "b AS MATERIALIZED (SELECT a.v AS area, t.emplvl AS tot, "
		    "t.disclosure_code <> 'N' AND t.emplvl > 0 AS tot_ok FROM a LEFT JOIN qcew t "
		    "ON t.area_fips = a.v AND t.year = ?1 AND t.qtr = ?2 AND t.own_code = '0' AND "
		    "t.industry_code = '10' AND t.size_code = '0' "
		    "WHERE a.v IS NOT NULL AND a.v <> 'US000') "
		    "SELECT r.area_fips, r.own_code, r.industry_code, r.agglvl_code, "
		    "b.tot_ok AND r.disclosure_code <> 'N' AND r.lq_disclosure_code <> 'N' AND "
		    "r.lq_emplvl > 0 AND r.emplvl > 0, r.emplvl, r.lq_emplvl, b.tot "
		    "FROM b CROSS JOIN qcew r ON r.area_fips = b.area AND r.year = ?1 AND "
		    "r.qtr = ?2 WHERE r.size_code = '0' AND r.own_code IN ");
	add_in_list(&sql, q->nowns);
	if ((rc = pm_store_prepare(st, sql.buf, &s, err)))
		goto cleanup;
	sqlite3_bind_int(s, 1, q->year);
	qtr_text(q->qtr, qt);
	sqlite3_bind_text(s, 2, qt, -1, SQLITE_TRANSIENT);
	for (i = 0; i < q->nowns; i++)
		pm_bind_text(s, bi++, q->owns[i]);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct pm_lq_source c;
		const char *area = pm_col_text(s, 0), *industry = pm_col_text(s, 2);
		int level = pm_qcew_agglvl_level(pm_col_text(s, 3));
		char key[32];
		size_t j;

		if (level < 2 || level > q->max_level)
			continue;
		/* Which ownership x industry cells exist at all, usable or not. */
		pm_lq_source_set_mark(out, pm_col_text(s, 1)[0], industry);
		if (!sqlite3_column_int(s, 4) || in_list(area, exclude, nexclude))
			continue;
		c.own = pm_col_text(s, 1)[0];
		c.emp = sqlite3_column_int64(s, 5);
		c.lq_pub = sqlite3_column_double(s, 6);
		c.area_total = sqlite3_column_int64(s, 7);
		c.area = area;
		snprintf(key, sizeof key, "%c|%s", c.own, industry);
		if (pm_strmap_get(&best, key, &j)) {
			if (!pm_lq_source_better(&c, &best_v[j]))
				continue;
		} else {
			j = nbest++;
			best_v = pm_xrealloc(best_v, nbest * sizeof *best_v);
			pm_strmap_put(&best, key, j);
		}
		c.area = pm_lq_source_set_intern(out, area);
		c.industry = pm_lq_source_set_intern(out, industry);
		best_v[j] = c;
	}
	if (step != SQLITE_DONE) {
		rc = pm_store_fail(st, err, "cannot read QCEW rows");
		goto cleanup;
	}
	for (i = 0; i < nbest; i++)
		*pm_lq_source_set_add(out) = best_v[i];
cleanup:
	sqlite3_finalize(s);
	pm_buf_release(&sql);
	pm_strmap_release(&best);
	free(best_v);
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
