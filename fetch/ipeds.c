/*
 * IPEDS HD and C_A files: loading (see ipeds.h; names, specs and validation
 * in ipeds_spec.c).
 *
 * What the published files look like. HD2022 (hd2022.csv) is Windows-1252
 * ("Juana Díaz"), every text field quoted, CRLF line ends, and small
 * numbers padded with a blank (" 3"); HD2023 and later are UTF-8 with a
 * byte-order mark and unquoted. core/csv reads all of these. No HD file
 * has a YEAR column: HD2024 has 72 columns, HD2022-23 have 73 (the
 * Carnegie columns changed), so columns are found by name only. COUNTYCD
 * is a number: 4 digits for states 01-09 ("1001"), -2 for the three
 * freely associated states (FM, MH, PW); CBSA is -2 outside a CBSA.
 * ICLEVEL and CONTROL are -3 for administrative units (SECTOR 0).
 * LONGITUD and LATITUDE are legitimately negative and are no sentinels.
 *
 * C_A has one row per UNITID, CIPCODE, MAJORNUM and AWLEVEL: 6-digit CIP
 * codes, plus the grand total '99' per award level (CIP 2020, per the
 * C2024_A dictionary). The race/ethnicity columns and their X* imputation
 * flags are not kept. The derived *_subset.csv files in the shared data
 * hold MAJORNUM 1 only.
 *
 * A published zip may hold a revised file next to the original
 * (hd2022.csv and hd2022_rv.csv): the revised one is read, alone.
 */
#include "fetch/ipeds.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/codes.h"
#include "core/csv.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/path.h"
#include "core/progress.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "core/zip.h"
#include "fetch/load.h"
#include "store/dataset.h"
#include "store/store.h"
#include "core/banned.h"

/* ---- columns ---- */

enum {
	UNITID,
	INSTNM,
	IALIAS,
	CITY,
	STABBR,
	COUNTYCD,
	COUNTYNM,
	CBSA,
	SECTOR,
	ICLEVEL,
	CONTROL,
	WEBADDR,
	LONGITUD,
	LATITUDE,
	CYACTIVE,
	YEAR,
	CIPCODE,
	MAJORNUM,
	AWLEVEL,
	CTOTALT,
	CTOTALM,
	CTOTALW,
	NCOLS
};

/* Header names, in the order above. */
/* clang-format off */
static const char *const names[NCOLS] = {
	"UNITID", "INSTNM", "IALIAS", "CITY", "STABBR", "COUNTYCD", "COUNTYNM", "CBSA",
	"SECTOR", "ICLEVEL", "CONTROL", "WEBADDR", "LONGITUD", "LATITUDE", "CYACTIVE", "YEAR",
	"CIPCODE", "MAJORNUM", "AWLEVEL", "CTOTALT", "CTOTALM", "CTOTALW",
};
/* clang-format on */

static const char hd_sql[] =
	"INSERT INTO institution (unitid, year, name, alias, city, state, county_fips, "
	"county_name, cbsa, sector, level, control, web, longitude, latitude, active, "
	"dataset_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17) "
	"ON CONFLICT (unitid, year) DO UPDATE SET name = excluded.name, alias = excluded.alias, "
	"city = excluded.city, state = excluded.state, county_fips = excluded.county_fips, "
	"county_name = excluded.county_name, cbsa = excluded.cbsa, sector = excluded.sector, "
	"level = excluded.level, control = excluded.control, web = excluded.web, "
	"longitude = excluded.longitude, latitude = excluded.latitude, active = excluded.active, "
	"dataset_id = excluded.dataset_id WHERE institution.dataset_id <> excluded.dataset_id";

static const char ca_sql[] =
	"INSERT INTO completion (unitid, year, cip_code, majornum, awlevel, total, men, women, "
	"dataset_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9) "
	"ON CONFLICT (unitid, year, cip_code, majornum, awlevel) DO UPDATE SET "
	"total = excluded.total, men = excluded.men, women = excluded.women, "
	"dataset_id = excluded.dataset_id WHERE completion.dataset_id <> excluded.dataset_id";

struct ctx {
	struct pm_store *st;
	struct pm_csv *csv;
	struct pm_dataset *ds;
	sqlite3_stmt *ins;
	enum pm_ipeds_table table;
	int col[NCOLS];
	int year;	   /* from the name; 0 when rows carry a YEAR */
	int first_year;	   /* of the rows loaded */
	bool mixed;	   /* rows of several years */
	bool known[100];   /* AWLEVEL codes in award_level */
	int64_t repaired;  /* CIP codes repaired */
	int64_t unknown;   /* rows with an award level not in award_level */
	int first_unknown; /* the first such level */
	/* the current row's key */
	int64_t unitid;
	char cip[PM_CODE_MAX];
	int majornum, awlevel;
};

/* Column K of the current row without surrounding blanks; "" when absent. */
static const char *fld(const struct ctx *c, int k, size_t *n)
{
	const char *v;
	size_t len;

	if (c->col[k] < 0) {
		*n = 0;
		return "";
	}
	v = pm_csv_field(c->csv, (size_t)c->col[k], &len);
	while (len && isspace((unsigned char)*v)) {
		v++;
		len--;
	}
	while (len && isspace((unsigned char)v[len - 1]))
		len--;
	*n = len;
	return v;
}

static enum pm_status bad(const struct ctx *c, int k, const char *v, size_t n, const char *what,
			  struct pm_err *err)
{
	return pm_err_set(err, PM_EDATA, "%s:%llu field '%s': '%.*s' is %s", pm_csv_name(c->csv),
			  (unsigned long long)pm_csv_line(c->csv), names[k], n > 60 ? 60 : (int)n,
			  v, what);
}

/* A sentinel: -1 not reported, -2 not applicable, -3 not available (any negative). */
static bool sentinel(const char *v, size_t n)
{
	int64_t i;

	return n && v[0] == '-' && !pm_parse_i64(v, n, &i) && i < 0;
}

static void bind_text(struct ctx *c, int k, int p)
{
	size_t n;
	const char *v = fld(c, k, &n);

	if (n)
		pm_bind_textn(c->ins, p, v, n);
}

/* A whole number: NULL when blank or a sentinel. */
static enum pm_status bind_int(struct ctx *c, int k, int p, struct pm_err *err)
{
	size_t n;
	const char *v = fld(c, k, &n);
	int64_t i;

	if (!n)
		return PM_OK;
	if (pm_parse_i64(v, n, &i))
		return bad(c, k, v, n, "not a whole number", err);
	if (i >= 0)
		sqlite3_bind_int64(c->ins, p, i);
	return PM_OK;
}

/* A coordinate within +-LIMIT degrees; NULL when blank. */
static enum pm_status bind_coord(struct ctx *c, int k, int p, double limit, struct pm_err *err)
{
	size_t n;
	const char *v = fld(c, k, &n);
	double d;

	if (!n)
		return PM_OK;
	if (pm_parse_double(v, n, &d) || d < -limit || d > limit)
		return bad(c, k, v, n, "not a coordinate in degrees", err);
	sqlite3_bind_double(c->ins, p, d);
	return PM_OK;
}

static enum pm_status bind_unitid(struct ctx *c, struct pm_err *err)
{
	size_t n;
	const char *v = fld(c, UNITID, &n);
	int64_t id;

	if (pm_parse_i64(v, n, &id) || id <= 0 || id > 999999999)
		return bad(c, UNITID, v, n, "not an IPEDS unit id (a positive number)", err);
	sqlite3_bind_int64(c->ins, 1, id);
	c->unitid = id;
	return PM_OK;
}

static enum pm_status bind_year(struct ctx *c, struct pm_err *err)
{
	int year = c->year;

	if (c->col[YEAR] >= 0) {
		size_t n;
		const char *v = fld(c, YEAR, &n);
		int64_t y;

		if (pm_parse_i64(v, n, &y) || y < 1980 || y > 2099)
			return bad(c, YEAR, v, n, "not a year", err);
		year = (int)y;
	}
	if (!c->first_year)
		c->first_year = year;
	else if (year != c->first_year)
		c->mixed = true;
	sqlite3_bind_int(c->ins, 2, year);
	return PM_OK;
}

static enum pm_status bind_county(struct ctx *c, struct pm_err *err)
{
	char code[PM_CODE_MAX], raw[32], where[320];
	size_t n;
	const char *v = fld(c, COUNTYCD, &n);

	if (!n || sentinel(v, n))
		return PM_OK;
	if (n >= sizeof raw)
		return bad(c, COUNTYCD, v, n, "not a county FIPS code", err);
	memcpy(raw, v, n);
	raw[n] = '\0';
	snprintf(where, sizeof where, "%s:%llu field 'COUNTYCD'", pm_csv_name(c->csv),
		 (unsigned long long)pm_csv_line(c->csv));
	if (pm_code_normalize(PM_CODE_FIPS_COUNTY, raw, code, sizeof code, where, err))
		return PM_EDATA;
	pm_bind_text(c->ins, 7, code);
	return PM_OK;
}

static enum pm_status hd_row(struct ctx *c, struct pm_err *err)
{
	enum pm_status rc;
	size_t n;
	const char *v = fld(c, INSTNM, &n);

	if (!n)
		return bad(c, INSTNM, v, n, "empty: an institution needs a name", err);
	pm_bind_textn(c->ins, 3, v, n);
	bind_text(c, IALIAS, 4);
	bind_text(c, CITY, 5);
	bind_text(c, STABBR, 6);
	bind_text(c, COUNTYNM, 8);
	bind_text(c, WEBADDR, 13);
	if ((rc = bind_county(c, err)))
		return rc;
	v = fld(c, CBSA, &n);
	if (n && !sentinel(v, n)) {
		if (n != 5 || !pm_all_digits(v, n))
			return bad(c, CBSA, v, n, "not a CBSA code (5 digits)", err);
		pm_bind_textn(c->ins, 9, v, n);
	}
	if ((rc = bind_int(c, SECTOR, 10, err)) || (rc = bind_int(c, ICLEVEL, 11, err)) ||
	    (rc = bind_int(c, CONTROL, 12, err)) || (rc = bind_int(c, CYACTIVE, 16, err)) ||
	    (rc = bind_coord(c, LONGITUD, 14, 180, err)) ||
	    (rc = bind_coord(c, LATITUDE, 15, 90, err)))
		return rc;
	sqlite3_bind_int64(c->ins, 17, c->ds->id);
	return PM_OK;
}

static enum pm_status ca_row(struct ctx *c, struct pm_err *err)
{
	char raw[32], code[PM_CODE_MAX], where[320];
	enum pm_status rc;
	size_t n;
	const char *v = fld(c, CIPCODE, &n);
	int64_t i;

	if (!n || n >= sizeof raw)
		return bad(c, CIPCODE, v, n, "not a CIP code", err);
	memcpy(raw, v, n);
	raw[n] = '\0';
	if (!strcmp(raw, "99")) {
		snprintf(c->cip, sizeof c->cip, "99"); /* the grand total, not CIP family 99 */
	} else {
		snprintf(where, sizeof where, "%s:%llu field 'CIPCODE'", pm_csv_name(c->csv),
			 (unsigned long long)pm_csv_line(c->csv));
		if (pm_code_normalize(PM_CODE_CIP6, raw, code, sizeof code, where, err))
			return PM_EDATA;
		if (strcmp(code, raw))
			c->repaired++;
		snprintf(c->cip, sizeof c->cip, "%s", code);
	}
	pm_bind_text(c->ins, 3, c->cip);
	v = fld(c, MAJORNUM, &n);
	if (pm_parse_i64(v, n, &i) || i < 1 || i > 2)
		return bad(c, MAJORNUM, v, n, "not a major number (1 or 2)", err);
	sqlite3_bind_int64(c->ins, 4, i);
	c->majornum = (int)i;
	v = fld(c, AWLEVEL, &n);
	if (pm_parse_i64(v, n, &i) || i < 1 || i > 99)
		return bad(c, AWLEVEL, v, n, "not an award level", err);
	c->awlevel = (int)i;
	snprintf(code, sizeof code, "%d", c->awlevel);
	pm_bind_text(c->ins, 5, code);
	if (!c->known[i] && !c->unknown++)
		c->first_unknown = (int)i;
	if ((rc = bind_int(c, CTOTALT, 6, err)) || (rc = bind_int(c, CTOTALM, 7, err)) ||
	    (rc = bind_int(c, CTOTALW, 8, err)))
		return rc;
	sqlite3_bind_int64(c->ins, 9, c->ds->id);
	return PM_OK;
}

/* The award levels in `award_level`, for the message about others. */
static enum pm_status read_levels(struct ctx *c, struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	int r;

	if ((rc = pm_store_prepare(c->st, "SELECT awlevel FROM award_level", &s, err)))
		return rc;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(s, 0);
		int64_t i;

		if (a && !pm_parse_i64(a, strlen(a), &i) && i >= 0 && i < 100)
			c->known[i] = true;
	}
	if (r != SQLITE_DONE)
		rc = pm_store_fail(c->st, err, "cannot read award levels");
	sqlite3_finalize(s);
	return rc;
}

/* The current row's key was loaded from this file already. */
static enum pm_status twice(const struct ctx *c, struct pm_err *err)
{
	const char *file = pm_csv_name(c->csv);
	unsigned long long line = (unsigned long long)pm_csv_line(c->csv);

	if (c->table == PM_IPEDS_HD)
		return pm_err_set(err, PM_EDATA,
				  "%s:%llu field 'UNITID': institution %lld appears "
				  "twice",
				  file, line, (long long)c->unitid);
	return pm_err_set(err, PM_EDATA,
			  "%s:%llu field 'CIPCODE': UNITID %lld, CIP %s, major %d, award level %d "
			  "appears twice",
			  file, line, (long long)c->unitid, c->cip, c->majornum, c->awlevel);
}

static enum pm_status load_rows(struct ctx *c, struct pm_err *err)
{
	enum pm_status rc;
	bool eof;

	for (;;) {
		if ((rc = pm_csv_next_row(c->csv, &eof, err)) || eof)
			return rc;
		c->ds->rows_read++;
		sqlite3_reset(c->ins);
		sqlite3_clear_bindings(c->ins);
		if ((rc = bind_unitid(c, err)) || (rc = bind_year(c, err)) ||
		    (rc = c->table == PM_IPEDS_HD ? hd_row(c, err) : ca_row(c, err)))
			return rc;
		if (sqlite3_step(c->ins) != SQLITE_DONE)
			return pm_store_fail(c->st, err,
					     c->table == PM_IPEDS_HD ? "cannot store institution"
								     : "cannot store completions");
		if (!sqlite3_changes(pm_store_db(c->st)))
			return twice(c, err);
		c->ds->rows_loaded++;
	}
}

enum pm_status pm_ipeds_import(struct pm_store *st, const char *path,
			       const struct pm_import_opts *opts, struct pm_import_report *rep,
			       struct pm_err *err)
{
	static const char *const tables[] = { "institution", "completion", NULL };
	const char *name = opts && opts->file_name ? opts->file_name : pm_path_base(path);
	struct pm_ipeds_file f;
	struct ctx c;
	struct pm_load ld;
	enum pm_status rc;
	int k;

	memset(&c, 0, sizeof c);
	memset(&f, 0, sizeof f);
	c.st = st;
	if ((rc = pm_load_begin(st, "ipeds", "hd", path, opts, rep, &ld, err)) || ld.skipped)
		goto out;
	c.ds = &ld.ds;
	if ((rc = pm_ipeds_file_open(&f, path, opts ? opts->progress : NULL, err)))
		goto out;
	c.csv = f.csv;
	c.table = f.table;
	for (k = 0; k < NCOLS; k++)
		c.col[k] = pm_csv_col(c.csv, names[k]);
	if (c.table == PM_IPEDS_C_A)
		c.col[YEAR] = -1; /* dated by name only */
	if (c.col[YEAR] < 0 && (rc = pm_ipeds_file_year(&f, name, &c.year, err)))
		goto out;
	if (c.table == PM_IPEDS_C_A && c.col[MAJORNUM] < 0) {
		rc = pm_err_set(err, PM_EDATA, "%s:1: no column 'MAJORNUM' in the C_A header",
				pm_csv_name(c.csv));
		goto out;
	}
	if ((c.table == PM_IPEDS_C_A && (rc = read_levels(&c, err))) ||
	    (rc = pm_store_prepare(st, c.table == PM_IPEDS_HD ? hd_sql : ca_sql, &c.ins, err)) ||
	    (rc = load_rows(&c, err)))
		goto out;
	pm_progress_finish(opts ? opts->progress : NULL);
	pm_load_set_kind(&ld.ds, c.table == PM_IPEDS_HD ? "hd" : "c_a");
	ld.ds.year = c.mixed ? 0 : c.first_year ? c.first_year : c.year;
	if (ld.ds.year && c.table == PM_IPEDS_HD)
		pm_load_set_vintage(&ld.ds, "HD%d (%d-%02d)", ld.ds.year, ld.ds.year,
				    (ld.ds.year + 1) % 100);
	else if (ld.ds.year)
		pm_load_set_vintage(&ld.ds, "C%d_A (%d-%02d)", ld.ds.year, ld.ds.year - 1,
				    ld.ds.year % 100);
	if (f.member) {
		ld.ds.member = pm_xstrdup(f.member);
		rep->members = pm_xstrdup(f.member);
	}
	if ((rc = pm_load_finish(st, &ld, tables, opts, rep, err)))
		goto out;
	rep->repaired = c.repaired;
	if (c.unknown)
		pm_info("%s: %lld row(s) with award levels not in award_level (the first: %d); "
			"loaded as published",
			path, (long long)c.unknown, c.first_unknown);
	if (pm_csv_transcoded(c.csv))
		pm_info("%s: %llu field(s) read as Windows-1252", path,
			(unsigned long long)pm_csv_transcoded(c.csv));
out:
	pm_progress_finish(opts ? opts->progress : NULL);
	sqlite3_finalize(c.ins);
	pm_ipeds_file_close(&f);
	pm_load_release(&ld);
	return rc;
}
