/* Completers of a selection's institutions (see supply.h). */
#include "crosswalks/supply.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "store/store.h"
#include "core/banned.h"

static int is_nation(const struct pm_region *sel)
{
	return sel->published && !strcmp(sel->name, "US000");
}

/* County patterns for SQL LIKE: "39049", a state's "39%", the nation's "%". */
static char *counties_json(struct pm_store *st, const struct pm_region *sel)
{
	cJSON *a = cJSON_CreateArray();
	const char *c = sel->name;
	char *out, pat[8];
	size_t i;

	if (!sel->published) {
		for (i = 0; i < sel->nareas; i++)
			cJSON_AddItemToArray(a, cJSON_CreateString(sel->areas[i]));
	} else if (is_nation(sel)) {
		cJSON_AddItemToArray(a, cJSON_CreateString("%"));
	} else if (c[0] == 'C') { /* an MSA (C1814) or CSA (CS198): its counties */
		sqlite3_stmt *s;
		struct pm_err e = PM_ERR_INIT;

		if (!pm_store_prepare(st,
				      "SELECT county_fips FROM county_xwalk WHERE msa_code = ?1"
				      " OR csa_code = ?1",
				      &s, &e)) {
			pm_bind_text(s, 1, c);
			while (sqlite3_step(s) == SQLITE_ROW)
				cJSON_AddItemToArray(a, cJSON_CreateString(pm_col_text(s, 0)));
			sqlite3_finalize(s);
		}
		pm_err_clear(&e);
	} else if (strlen(c) == 5 && !strcmp(c + 2, "000") && isdigit((unsigned char)c[0])) {
		snprintf(pat, sizeof pat, "%.2s%%", c);
		cJSON_AddItemToArray(a, cJSON_CreateString(pat));
	} else {
		cJSON_AddItemToArray(a, cJSON_CreateString(c));
	}
	out = cJSON_PrintUnformatted(a);
	cJSON_Delete(a);
	return out;
}

const char *pm_award_years_text(int year0, int year1, char *buf, size_t n)
{
	int y, len = 0;

	*buf = 0;
	for (y = year0; y <= year1 && (size_t)len < n; y++)
		len += snprintf(buf + len, n - (size_t)len, "%s%d-%02d",
				y == year0   ? ""
				: y == year1 ? " and "
					     : ", ",
				y - 1, y % 100);
	return buf;
}

static enum pm_status years(struct pm_store *st, struct pm_supply *out, struct pm_err *err)
{
	sqlite3_stmt *s;
	enum pm_status rc;
	int latest[2] = { 0, 0 }, k = 0;

	if ((rc = pm_store_prepare(
		     st, "SELECT DISTINCT year FROM completion ORDER BY year DESC LIMIT 2", &s,
		     err)))
		return rc;
	while (k < 2 && sqlite3_step(s) == SQLITE_ROW)
		latest[k++] = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (!k)
		return pm_err_set(err, PM_ENOTFOUND,
				  "no IPEDS completions are loaded: import C{YYYY}_A files "
				  "('pathmap import ipeds c2024_a.csv' or 'pathmap fetch ipeds')");
	if (!out->year0 && !out->year1) {
		out->year1 = latest[0];
		out->year0 = k == 2 ? latest[1] : latest[0];
	}
	if ((rc = pm_store_prepare(
		     st,
		     "SELECT count(DISTINCT year) FROM completion WHERE year BETWEEN ?1"
		     " AND ?2",
		     &s, err)))
		return rc;
	sqlite3_bind_int(s, 1, out->year0);
	sqlite3_bind_int(s, 2, out->year1);
	if (sqlite3_step(s) == SQLITE_ROW)
		out->nyears = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (!out->nyears) {
		char want[64];

		return pm_err_set(
			err, PM_ENOTFOUND,
			"no IPEDS completions are loaded for award years %s (latest loaded: "
			"%d-%02d)",
			pm_award_years_text(out->year0, out->year1, want, sizeof want),
			latest[0] - 1, latest[0] % 100);
	}
	return PM_OK;
}

enum pm_status pm_supply_load(struct pm_store *st, const struct pm_region *sel, int year0,
			      int year1, struct pm_supply *out, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	int64_t last = -1;
	int r;

	memset(out, 0, sizeof *out);
	out->year0 = year0;
	out->year1 = year1;
	if ((rc = years(st, out, err)))
		return rc;
	out->counties = counties_json(st, sel);
	if ((rc = pm_store_prepare(
		     st,
		     /* the selection's few institutions first, then their completions by
		      * primary key (CROSS JOIN keeps that order): not a scan of every
		      * completion in the nation */
		     "WITH inst AS MATERIALIZED (SELECT i.unitid, i.name, i.county_fips"
		     "  FROM institution i"
		     "  WHERE i.year = (SELECT max(year) FROM institution j WHERE j.unitid = "
		     "i.unitid)"
		     "  AND EXISTS (SELECT 1 FROM json_each(?3) WHERE i.county_fips LIKE value))"
		     " SELECT c.unitid, inst.name, c.cip_code, c.awlevel, a.ladder, a.ordinal,"
		     "  a.ep_education, sum(c.total) FROM inst CROSS JOIN completion c"
		     "  ON c.unitid = inst.unitid"
		     " LEFT JOIN award_level a ON a.awlevel = c.awlevel"
		     /* 6-digit programs only: NCES adds 2-digit family subtotals and the
		      * grand total 99, which would count completers twice */
		     " WHERE c.year BETWEEN ?1 AND ?2 AND c.majornum = 1 AND length(c.cip_code) = 7"
		     "  AND c.total > 0"
		     " GROUP BY c.unitid, c.cip_code, c.awlevel ORDER BY c.unitid, c.cip_code,"
		     "  a.ordinal",
		     &s, err)))
		goto out;
	sqlite3_bind_int(s, 1, out->year0);
	sqlite3_bind_int(s, 2, out->year1);
	pm_bind_text(s, 3, out->counties);
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		struct pm_supply_cell *c;
		double v = sqlite3_column_double(s, 7) / out->nyears;

		if (sqlite3_column_type(s, 4) == SQLITE_NULL) {
			out->unknown_levels++;
			out->unknown_completers += v;
			continue;
		}
		PM_ALLOC_GROW(out->v, out->n + 1, out->alloc);
		c = &out->v[out->n++];
		c->unitid = sqlite3_column_int64(s, 0);
		c->institution = pm_intern(&out->strings, pm_col_text(s, 1));
		c->cip = pm_intern(&out->strings, pm_col_text(s, 2));
		c->awlevel = pm_intern(&out->strings, pm_col_text(s, 3));
		c->ladder = pm_intern(&out->strings, pm_col_text(s, 4));
		c->ordinal = sqlite3_column_int(s, 5);
		c->education = pm_intern(&out->strings, pm_col_text(s, 6));
		c->completers = v;
		out->total += v;
		if (c->unitid != last)
			out->ninstitutions++;
		last = c->unitid;
	}
	if (r != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot read IPEDS completions");
out:
	sqlite3_finalize(s);
	return rc;
}

void pm_supply_release(struct pm_supply *s)
{
	free(s->v);
	free(s->counties);
	pm_strmap_release(&s->strings);
	memset(s, 0, sizeof *s);
}
