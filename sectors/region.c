/*
 * Regions (see region.h). Membership is resolved once, when the region is
 * defined, and stored as a county list, so a later crosswalk update does not
 * silently change a region a planner already reported on.
 */
#include "sectors/region.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/buf.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "store/titles.h"
#include "core/banned.h"

static const struct {
	const char *abbr, *fips;
} states[] = {
	{ "AL", "01" }, { "AK", "02" }, { "AZ", "04" }, { "AR", "05" }, { "CA", "06" },
	{ "CO", "08" }, { "CT", "09" }, { "DE", "10" }, { "DC", "11" }, { "FL", "12" },
	{ "GA", "13" }, { "HI", "15" }, { "ID", "16" }, { "IL", "17" }, { "IN", "18" },
	{ "IA", "19" }, { "KS", "20" }, { "KY", "21" }, { "LA", "22" }, { "ME", "23" },
	{ "MD", "24" }, { "MA", "25" }, { "MI", "26" }, { "MN", "27" }, { "MS", "28" },
	{ "MO", "29" }, { "MT", "30" }, { "NE", "31" }, { "NV", "32" }, { "NH", "33" },
	{ "NJ", "34" }, { "NM", "35" }, { "NY", "36" }, { "NC", "37" }, { "ND", "38" },
	{ "OH", "39" }, { "OK", "40" }, { "OR", "41" }, { "PA", "42" }, { "RI", "44" },
	{ "SC", "45" }, { "SD", "46" }, { "TN", "47" }, { "TX", "48" }, { "UT", "49" },
	{ "VT", "50" }, { "VA", "51" }, { "WA", "53" }, { "WV", "54" }, { "WI", "55" },
	{ "WY", "56" }, { "PR", "72" }, { "VI", "78" },
};

const char *pm_state_fips(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof states / sizeof states[0]; i++)
		if (!strcasecmp(s, states[i].abbr) || !strcmp(s, states[i].fips))
			return states[i].fips;
	return NULL;
}

void pm_region_release(struct pm_region *r)
{
	size_t i;

	if (!r)
		return;
	free(r->name);
	free(r->label);
	free(r->kind);
	free(r->code);
	free(r->definition);
	free(r->created_at);
	for (i = 0; i < r->nareas; i++)
		free(r->areas[i]);
	free(r->areas);
	memset(r, 0, sizeof *r);
}

static void add_area(struct pm_region *r, const char *code)
{
	size_t i;

	for (i = 0; i < r->nareas; i++)
		if (!strcmp(r->areas[i], code))
			return;
	r->areas = pm_xrealloc(r->areas, (r->nareas + 1) * sizeof *r->areas);
	r->areas[r->nareas++] = pm_xstrdup(code);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool valid_name(const char *name)
{
	size_t i, n = strlen(name);

	if (!n || n > 64)
		return false;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && !strchr("_-.", name[i]))
			return false;
	return true;
}

static bool is_county_code(const char *s)
{
	size_t i;

	if (strlen(s) != 5)
		return false;
	for (i = 0; i < 5; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return strcmp(s + 2, "000") != 0;
}

/* Counties from a query with one text parameter ARG. */
static enum pm_status counties_from(struct pm_store *st, const char *sql, const char *arg,
				    struct pm_region *r, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	int step;

	if ((rc = pm_store_prepare(st, sql, &s, err)))
		return rc;
	pm_bind_text(s, 1, arg);
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		add_area(r, pm_col_text(s, 0));
	if (step != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot read the county crosswalk");
	sqlite3_finalize(s);
	return rc;
}

static enum pm_status resolve(struct pm_store *st, const char *kind, const char *arg,
			      struct pm_region *r, struct pm_err *err)
{
	struct pm_buf b = PM_BUF_INIT;
	enum pm_status rc = PM_OK;
	char code[16];

	if (!strcmp(kind, "counties")) {
		char *list = pm_xstrdup(arg), *p = list;

		while (*p) {
			char *q;
			char *type;

			while (*p == ',' || *p == ' ')
				p++;
			if (!*p)
				break;
			for (q = p; *q && *q != ',' && *q != ' '; q++)
				;
			if (*q)
				*q++ = '\0';
			if (!is_county_code(p)) {
				rc = pm_err_set(
					err, PM_EUSAGE,
					"'%s' is not a county FIPS code (five digits, e.g. 39049)",
					p);
				break;
			}
			type = pm_store_area_type(st, p);
			if (!type || strcmp(type, "county")) {
				free(type);
				rc = pm_err_set(err, PM_ENOTFOUND,
						"unknown county '%s' (not in the QCEW area list)",
						p);
				break;
			}
			free(type);
			add_area(r, p);
			p = q;
		}
		free(list);
		if (!rc && !r->nareas)
			rc = pm_err_set(err, PM_EUSAGE,
					"--counties needs at least one county code");
		if (!rc)
			pm_buf_addf(&b, "--counties %s", arg);
	} else if (!strcmp(kind, "msa")) {
		/* QCEW codes an MSA as C + the first four digits of its CBSA code. */
		if (strlen(arg) == 5 && isdigit((unsigned char)arg[0]))
			snprintf(code, sizeof code, "C%.4s", arg);
		else
			snprintf(code, sizeof code, "%s", arg);
		code[0] = (char)toupper((unsigned char)code[0]);
		if ((rc = counties_from(st,
					"SELECT county_fips FROM county_xwalk WHERE msa_code = ? "
					"ORDER BY county_fips",
					code, r, err)))
			goto done;
		if (!r->nareas)
			rc = pm_err_set(err, PM_ENOTFOUND,
					"unknown MSA '%s' (not in the QCEW county-MSA crosswalk)",
					arg);
		r->code = pm_xstrdup(code);
		pm_buf_addf(&b, "--msa %s", code);
	} else if (!strcmp(kind, "csa")) {
		if (isdigit((unsigned char)arg[0]))
			snprintf(code, sizeof code, "CS%s", arg);
		else
			snprintf(code, sizeof code, "%s", arg);
		code[0] = (char)toupper((unsigned char)code[0]);
		code[1] = (char)toupper((unsigned char)code[1]);
		if ((rc = counties_from(st,
					"SELECT county_fips FROM county_xwalk WHERE csa_code = ? "
					"ORDER BY county_fips",
					code, r, err)))
			goto done;
		if (!r->nareas)
			rc = pm_err_set(err, PM_ENOTFOUND,
					"unknown CSA '%s' (not in the QCEW county-CSA crosswalk)",
					arg);
		r->code = pm_xstrdup(code);
		pm_buf_addf(&b, "--csa %s", code);
	} else if (!strcmp(kind, "state")) {
		const char *fips = pm_state_fips(arg);

		if (!fips) {
			rc = pm_err_set(err, PM_ENOTFOUND,
					"unknown state '%s' (use a two-digit FIPS code or postal "
					"abbreviation)",
					arg);
			goto done;
		}
		/* Current counties from the crosswalk, plus the state's "unknown" county. */
		if ((rc = counties_from(
			     st,
			     "SELECT county_fips FROM county_xwalk WHERE substr(county_fips, "
			     "1, 2) = ?1 UNION SELECT area_fips FROM area WHERE area_fips IN "
			     "(?1 || '996', ?1 || '997', ?1 || '998', ?1 || '999') ORDER BY 1",
			     fips, r, err)))
			goto done;
		if (!r->nareas)
			rc = pm_err_set(err, PM_ENOTFOUND, "no counties known for state '%s'", arg);
		snprintf(code, sizeof code, "%s000", fips);
		r->code = pm_xstrdup(code);
		pm_buf_addf(&b, "--state %s", fips);
	} else {
		rc = pm_err_set(err, PM_EUSAGE, "unknown region kind '%s'", kind);
	}
done:
	if (!rc) {
		qsort(r->areas, r->nareas, sizeof *r->areas, cmp_str);
		r->definition = pm_buf_detach(&b, NULL);
	}
	pm_buf_release(&b);
	return rc;
}

static void set_label(struct pm_region *r)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_buf_addf(&b, "%s (%zu %s)", r->name, r->nareas, r->nareas == 1 ? "county" : "counties");
	free(r->label);
	r->label = pm_buf_detach(&b, NULL);
}

enum pm_status pm_region_define(struct pm_store *st, const char *name, const char *kind,
				const char *arg, bool replace, struct pm_region *out,
				struct pm_err *err)
{
	struct pm_region r;
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	char now[32];
	size_t i;
	bool exists;

	memset(&r, 0, sizeof r);
	if (!valid_name(name))
		return pm_err_set(
			err, PM_EUSAGE,
			"'%s' is not a valid region name (letters, digits, '_', '-', '.'; "
			"at most 64)",
			name);
	if ((rc = pm_store_begin(st, err)))
		return rc;
	if ((rc = resolve(st, kind, arg, &r, err)))
		goto fail;
	r.name = pm_xstrdup(name);
	r.kind = pm_xstrdup(kind);
	pm_time_iso(time(NULL), now, sizeof now);
	if ((rc = pm_store_prepare(st, "SELECT 1 FROM region WHERE name = ?", &s, err)))
		goto fail;
	pm_bind_text(s, 1, name);
	exists = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	s = NULL;
	if (exists && !replace) {
		rc = pm_err_set(err, PM_EUSAGE,
				"region '%s' already exists (use --replace to redefine it)", name);
		goto fail;
	}
	if ((rc = pm_store_prepare(
		     st,
		     "INSERT INTO region (name, definition, kind, code, created_at, "
		     "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT(name) DO "
		     "UPDATE SET definition = ?2, kind = ?3, code = ?4, updated_at = ?5",
		     &s, err)))
		goto fail;
	pm_bind_text(s, 1, name);
	pm_bind_text(s, 2, r.definition);
	pm_bind_text(s, 3, kind);
	pm_bind_text(s, 4, r.code);
	pm_bind_text(s, 5, now);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = pm_store_fail(st, err, "cannot save region");
		goto fail;
	}
	sqlite3_finalize(s);
	s = NULL;
	if ((rc = pm_store_prepare(st, "DELETE FROM region_county WHERE region = ?", &s, err)))
		goto fail;
	pm_bind_text(s, 1, name);
	sqlite3_step(s);
	sqlite3_finalize(s);
	s = NULL;
	if ((rc = pm_store_prepare(
		     st, "INSERT INTO region_county (region, county_fips) VALUES (?,?)", &s, err)))
		goto fail;
	for (i = 0; i < r.nareas; i++) {
		sqlite3_reset(s);
		pm_bind_text(s, 1, name);
		pm_bind_text(s, 2, r.areas[i]);
		if (sqlite3_step(s) != SQLITE_DONE) {
			rc = pm_store_fail(st, err, "cannot save region");
			goto fail;
		}
	}
	sqlite3_finalize(s);
	s = NULL;
	if ((rc = pm_store_commit(st, err)))
		goto fail;
	r.created_at = pm_xstrdup(now);
	set_label(&r);
	if (out)
		*out = r;
	else
		pm_region_release(&r);
	return PM_OK;
fail:
	sqlite3_finalize(s);
	pm_store_rollback(st);
	pm_region_release(&r);
	return rc;
}

enum pm_status pm_region_load(struct pm_store *st, const char *name, struct pm_region *out,
			      struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	int step;

	memset(out, 0, sizeof *out);
	if ((rc = pm_store_prepare(st,
				   "SELECT name, definition, kind, code, created_at FROM region "
				   "WHERE name = ?",
				   &s, err)))
		return rc;
	pm_bind_text(s, 1, name);
	step = sqlite3_step(s);
	if (step != SQLITE_ROW) {
		sqlite3_finalize(s);
		if (step != SQLITE_DONE)
			return pm_store_fail(st, err, "cannot read regions");
		return pm_err_set(err, PM_ENOTFOUND,
				  "unknown region '%s' (see 'pathmap region list'; define one with "
				  "'pathmap region define')",
				  name);
	}
	out->name = pm_xstrdup(pm_col_text(s, 0));
	out->definition = pm_xstrdup(pm_col_text(s, 1));
	out->kind = pm_xstrdup(pm_col_text(s, 2));
	out->code = sqlite3_column_type(s, 3) == SQLITE_NULL ? NULL : pm_xstrdup(pm_col_text(s, 3));
	out->created_at = pm_xstrdup(pm_col_text(s, 4));
	sqlite3_finalize(s);
	s = NULL;
	if ((rc = pm_store_prepare(
		     st, "SELECT county_fips FROM region_county WHERE region = ? ORDER BY 1", &s,
		     err)))
		goto fail;
	pm_bind_text(s, 1, name);
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		add_area(out, pm_col_text(s, 0));
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		rc = pm_store_fail(st, err, "cannot read regions");
		goto fail;
	}
	out->published = out->nareas == 1;
	set_label(out);
	return PM_OK;
fail:
	pm_region_release(out);
	return rc;
}

enum pm_status pm_region_from_area(struct pm_store *st, const char *code, struct pm_region *out,
				   struct pm_err *err)
{
	char *title, *type;
	char up[16];
	size_t i;

	memset(out, 0, sizeof *out);
	if (strlen(code) >= sizeof up)
		return pm_err_set(err, PM_EUSAGE, "'%s' is not a QCEW area code", code);
	for (i = 0; code[i]; i++)
		up[i] = (char)toupper((unsigned char)code[i]);
	up[i] = '\0';
	title = pm_store_area_title(st, up);
	type = pm_store_area_type(st, up);
	if (!title) {
		free(type);
		return pm_err_set(err, PM_ENOTFOUND,
				  "unknown area '%s' (expected a QCEW area code: county 39049, MSA "
				  "C1814, CSA CS198, state 39000, nation US000)",
				  code);
	}
	out->name = pm_xstrdup(up);
	out->label = title;
	out->kind = pm_xstrdup("area");
	out->code = pm_xstrdup(up);
	out->definition = pm_xstrdup(type ? type : "area");
	free(type);
	add_area(out, up);
	out->published = true;
	return PM_OK;
}

enum pm_status pm_region_delete(struct pm_store *st, const char *name, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	int changes;

	if ((rc = pm_store_begin(st, err)))
		return rc;
	if ((rc = pm_store_prepare(st, "DELETE FROM region WHERE name = ?", &s, err)))
		goto fail;
	pm_bind_text(s, 1, name);
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = pm_store_fail(st, err, "cannot delete region");
		goto fail;
	}
	changes = sqlite3_changes(pm_store_db(st));
	sqlite3_finalize(s);
	s = NULL;
	if (!changes) {
		rc = pm_err_set(err, PM_ENOTFOUND, "unknown region '%s'", name);
		goto fail;
	}
	return pm_store_commit(st, err);
fail:
	sqlite3_finalize(s);
	pm_store_rollback(st);
	return rc;
}

enum pm_status pm_region_list(struct pm_store *st, struct pm_region **out, size_t *n,
			      struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	char **names = NULL;
	size_t count = 0, i;
	int step;

	*out = NULL;
	*n = 0;
	if ((rc = pm_store_prepare(st, "SELECT name FROM region ORDER BY name", &s, err)))
		return rc;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		names = pm_xrealloc(names, (count + 1) * sizeof *names);
		names[count++] = pm_xstrdup(pm_col_text(s, 0));
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot read regions");
	if (!rc) {
		*out = pm_xcalloc(count ? count : 1, sizeof **out);
		for (i = 0; i < count && !rc; i++)
			rc = pm_region_load(st, names[i], &(*out)[i], err);
		*n = rc ? i - 1 : count;
	}
	for (i = 0; i < count; i++)
		free(names[i]);
	free(names);
	return rc;
}
