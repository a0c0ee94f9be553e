/*
 * State long-term occupational projections: Projections Central JSON and
 * the California EDD workbook (formats, units and paging in
 * projections.h).
 *
 * The EDD 2023-2033 statewide workbook as published (July 2025): sheet
 * "Occupational" with "2023-2033 Occupational Employment Projections",
 * "California" and "Statewide" in rows 1-3, the header in row 4, 793
 * occupations in rows 5-797 (SOC levels 1 total, 2 major, 3 minor, 4
 * detailed) and "End of worksheet." in row 798; sheet "Notes" explains the
 * footnote markers. Employment, change, exits, transfers and openings are
 * whole persons; the percent change is a fraction stored as a double
 * ("8.8122389360120956E-2"); wages have cents.
 *
 * No Projections Central response is in the project's shared data; the
 * JSON reading follows the documented format above and is tested on a
 * fixture written from it (tests/data/projections/).
 */
#include "fetch/projections.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/codes.h"
#include "core/parse.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "core/xlsx.h"
#include "core/zip.h"
#include "fetch/load.h"
#include "fetch/sheet.h"
#include "sectors/region.h"
#include "store/dataset.h"
#include "store/store.h"
#include "core/banned.h"

#define MAX_JSON	   ((size_t)64 << 20)
#define HEADER_SEARCH_ROWS 20

/* State names as titles write them, to postal codes (then FIPS via sectors/region.h). */
/* clang-format off */
static const struct {
	const char *name, *postal;
} state_names[] = {
	{ "Alabama", "AL" },
	{ "Alaska", "AK" },
	{ "Arizona", "AZ" },
	{ "Arkansas", "AR" },
	{ "California", "CA" },
	{ "Colorado", "CO" },
	{ "Connecticut", "CT" },
	{ "Delaware", "DE" },
	{ "District of Columbia", "DC" },
	{ "Florida", "FL" },
	{ "Georgia", "GA" },
	{ "Hawaii", "HI" },
	{ "Idaho", "ID" },
	{ "Illinois", "IL" },
	{ "Indiana", "IN" },
	{ "Iowa", "IA" },
	{ "Kansas", "KS" },
	{ "Kentucky", "KY" },
	{ "Louisiana", "LA" },
	{ "Maine", "ME" },
	{ "Maryland", "MD" },
	{ "Massachusetts", "MA" },
	{ "Michigan", "MI" },
	{ "Minnesota", "MN" },
	{ "Mississippi", "MS" },
	{ "Missouri", "MO" },
	{ "Montana", "MT" },
	{ "Nebraska", "NE" },
	{ "Nevada", "NV" },
	{ "New Hampshire", "NH" },
	{ "New Jersey", "NJ" },
	{ "New Mexico", "NM" },
	{ "New York", "NY" },
	{ "North Carolina", "NC" },
	{ "North Dakota", "ND" },
	{ "Ohio", "OH" },
	{ "Oklahoma", "OK" },
	{ "Oregon", "OR" },
	{ "Pennsylvania", "PA" },
	{ "Rhode Island", "RI" },
	{ "South Carolina", "SC" },
	{ "South Dakota", "SD" },
	{ "Tennessee", "TN" },
	{ "Texas", "TX" },
	{ "Utah", "UT" },
	{ "Vermont", "VT" },
	{ "Virginia", "VA" },
	{ "Washington", "WA" },
	{ "West Virginia", "WV" },
	{ "Wisconsin", "WI" },
	{ "Wyoming", "WY" },
	{ "Puerto Rico", "PR" },
	{ "Virgin Islands", "VI" },
};
/* clang-format on */

/* The FIPS code of the state called NAME (surrounding blanks ignored), or NULL. */
static const char *state_by_name(const char *name)
{
	char *t = pm_sheet_title(name);
	const char *fips = NULL;
	size_t i;

	for (i = 0; i < sizeof state_names / sizeof state_names[0] && !fips; i++)
		if (!strcasecmp(t, state_names[i].name))
			fips = pm_state_fips(state_names[i].postal);
	free(t);
	return fips;
}

static const char insert_sql[] =
	"INSERT INTO projection (area, area_name, soc_code, base_year, proj_year, title, "
	"emp_base, emp_proj, change, change_pct, exits, transfers, openings, openings_annual, "
	"median_hourly, median_annual, education, experience, ojt, dataset_id) VALUES "
	"(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20) "
	"ON CONFLICT (area, soc_code, base_year) DO UPDATE SET area_name = excluded.area_name, "
	"proj_year = excluded.proj_year, title = excluded.title, emp_base = excluded.emp_base, "
	"emp_proj = excluded.emp_proj, change = excluded.change, change_pct = "
	"excluded.change_pct, exits = excluded.exits, transfers = excluded.transfers, "
	"openings = excluded.openings, openings_annual = excluded.openings_annual, "
	"median_hourly = excluded.median_hourly, median_annual = excluded.median_annual, "
	"education = excluded.education, experience = excluded.experience, ojt = excluded.ojt, "
	"dataset_id = excluded.dataset_id WHERE projection.dataset_id <> excluded.dataset_id";

struct ctx {
	struct pm_store *st;
	const char *name;
	struct pm_dataset *ds;
	sqlite3_stmt *ins;
	int base_year, proj_year;
};

/* Step the bound insert; a second row for an occupation in one file is an error. */
static enum pm_status store_row(struct ctx *c, const struct pm_sheet_at *at, const char *soc,
				struct pm_err *err)
{
	char place[400];

	if (sqlite3_step(c->ins) != SQLITE_DONE)
		return pm_store_fail(c->st, err, "cannot store projections");
	if (!sqlite3_changes(pm_store_db(c->st))) {
		pm_sheet_at_format(at, place, sizeof place);
		return pm_err_set(err, PM_EDATA, "%s: occupation %s appears twice", place, soc);
	}
	c->ds->rows_loaded++;
	return PM_OK;
}

/* ---- Projections Central JSON ---- */

static enum pm_status read_json(const char *path, const char *name, cJSON **out, struct pm_err *err)
{
	struct pm_buf text = PM_BUF_INIT;
	enum pm_status rc;

	*out = NULL;
	pm_buf_init(&text, MAX_JSON);
	if ((rc = pm_reader_read_file(path, &text, err))) {
		pm_buf_release(&text);
		return rc;
	}
	if (pm_buf_status(&text)) {
		pm_buf_release(&text);
		return pm_err_set(err, PM_EDATA, "%s: larger than %zu bytes", name, MAX_JSON);
	}
	*out = cJSON_ParseWithLength(text.buf, text.len);
	if (!*out) {
		const char *p = text.buf;

		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		rc = pm_err_set(err, PM_EDATA, "%s: %s", name,
				*p == '<' ? "an HTML page, not a Projections Central JSON response"
					  : "not valid JSON");
		pm_buf_release(&text);
		return rc;
	}
	pm_buf_release(&text);
	if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(*out, "rows"))) {
		cJSON_Delete(*out);
		*out = NULL;
		return pm_err_set(err, PM_EDATA,
				  "%s: not a Projections Central response (no \"rows\" array)",
				  name);
	}
	return PM_OK;
}

/* Field KEY of row R as text (a string, or a number printed), in BUF; NULL when absent. */
static const char *json_text(const cJSON *r, const char *key, char *buf, size_t n)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(r, key);

	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsNumber(v)) {
		if (v->valuedouble < 9e15 && v->valuedouble > -9e15 &&
		    pm_double_eq(v->valuedouble, (double)(int64_t)v->valuedouble))
			snprintf(buf, n, "%lld", (long long)v->valuedouble);
		else
			snprintf(buf, n, "%.17g", v->valuedouble);
		return buf;
	}
	return NULL;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* TEXT without thousands commas ("1,234" -> "1234") in BUF, or NULL when the commas are wrong. */
static const char *uncomma(const char *text, char *buf, size_t n)
{
	size_t i, o = 0, digits = 0;
	bool commas = false;

	for (i = 0; text[i] && o + 1 < n; i++) {
		if (text[i] == ',') {
			if (!digits || (commas && digits != 3) || (!commas && digits > 3))
				return NULL;
			commas = true;
			digits = 0;
			continue;
		}
		if (text[i] == '.')
			break;
		if (text[i] >= '0' && text[i] <= '9')
			digits++;
		buf[o++] = text[i];
	}
	if (commas && digits != 3)
		return NULL;
	for (; text[i] && o + 1 < n; i++)
		buf[o++] = text[i];
	buf[o] = '\0';
	return buf;
}

static enum pm_status json_number(struct ctx *c, const cJSON *r, const char *key, int idx,
				  bool real, const struct pm_sheet_at *at, struct pm_err *err)
{
	char nbuf[64], cbuf[64];
	const char *v = json_text(r, key, nbuf, sizeof nbuf), *plain;

	if (!v) {
		sqlite3_bind_null(c->ins, idx);
		return PM_OK;
	}
	plain = uncomma(v, cbuf, sizeof cbuf);
	if (!plain)
		plain = v; /* reported as not a number below */
	if (real)
		return pm_sheet_bind_real(c->ins, idx, plain, at, key, err);
	return pm_sheet_bind_scaled(c->ins, idx, plain, 0, at, key, err);
}

static enum pm_status json_year(const cJSON *r, const char *key, const struct pm_sheet_at *at,
				int *year, struct pm_err *err)
{
	char nbuf[64], place[400];
	const char *v = json_text(r, key, nbuf, sizeof nbuf);
	int64_t y;

	if (v && !pm_parse_i64(v, strlen(v), &y) && y >= 1900 && y <= 2200) {
		*year = (int)y;
		return PM_OK;
	}
	pm_sheet_at_format(at, place, sizeof place);
	return pm_err_set(err, PM_EDATA, "%s: field '%s': '%.40s' is not a year", place, key,
			  v ? v : "(missing)");
}

static enum pm_status load_json(struct ctx *c, const char *path, char *area, int *nrows,
				struct pm_err *err)
{
	struct pm_sheet_at at = { c->name, NULL, 0, "row" };
	cJSON *o = NULL;
	const cJSON *r;
	enum pm_status rc;

	area[0] = '\0';
	if ((rc = read_json(path, c->name, &o, err)))
		return rc;
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(o, "rows"))
	{
		char nbuf[64], soc[PM_CODE_MAX], fips[PM_CODE_MAX], place[400];
		const char *stfips = json_text(r, "STFIPS", nbuf, sizeof nbuf);
		int base, proj;

		at.row++;
		c->ds->rows_read++;
		pm_sheet_at_format(&at, place, sizeof place);
		if (!cJSON_IsObject(r)) {
			rc = pm_err_set(err, PM_EDATA, "%s: not an object", place);
			break;
		}
		if (stfips && (!strcmp(stfips, "0") || !strcmp(stfips, "00"))) {
			rc = pm_err_set(err, PM_EDATA,
					"%s: STFIPS 0 is the national row: the request went to the "
					"wrong place (national projections, not a state's)",
					place);
			break;
		}
		if ((rc = pm_sheet_code(PM_CODE_FIPS_STATE, stfips ? stfips : "", fips, &at,
					"STFIPS", err)))
			break;
		if (!area[0]) {
			memcpy(area, fips, PM_CODE_MAX);
		} else if (strcmp(area, fips)) {
			rc = pm_err_set(err, PM_EDATA,
					"%s: STFIPS %s in a response for state %s (one state per "
					"file)",
					place, fips, area);
			break;
		}
		if ((rc = pm_sheet_code(PM_CODE_SOC,
					or_empty(json_text(r, "OccCode", nbuf, sizeof nbuf)), soc,
					&at, "OccCode", err)) ||
		    (rc = json_year(r, "BaseYear", &at, &base, err)) ||
		    (rc = json_year(r, "ProjYear", &at, &proj, err)))
			break;
		if (proj <= base) {
			rc = pm_err_set(err, PM_EDATA, "%s: ProjYear %d is not after BaseYear %d",
					place, proj, base);
			break;
		}
		if (!c->base_year) {
			c->base_year = base;
			c->proj_year = proj;
		}
		sqlite3_reset(c->ins);
		sqlite3_clear_bindings(c->ins);
		pm_bind_text(c->ins, 1, fips);
		pm_sheet_bind_text(c->ins, 2, or_empty(json_text(r, "Area", nbuf, sizeof nbuf)));
		pm_bind_text(c->ins, 3, soc);
		sqlite3_bind_int(c->ins, 4, base);
		sqlite3_bind_int(c->ins, 5, proj);
		pm_sheet_bind_text(c->ins, 6, or_empty(json_text(r, "Title", nbuf, sizeof nbuf)));
		if ((rc = json_number(c, r, "Base", 7, false, &at, err)) ||
		    (rc = json_number(c, r, "Projected", 8, false, &at, err)) ||
		    (rc = json_number(c, r, "Change", 9, false, &at, err)) ||
		    (rc = json_number(c, r, "PercentChange", 10, true, &at, err)) ||
		    (rc = json_number(c, r, "AvgAnnualOpenings", 14, false, &at, err)))
			break;
		sqlite3_bind_int64(c->ins, 20, c->ds->id);
		if ((rc = store_row(c, &at, soc, err)))
			break;
	}
	*nrows = (int)at.row;
	cJSON_Delete(o);
	return rc;
}

/* ---- California EDD workbook ---- */

enum {
	E_LEVEL,
	E_CODE,
	E_TITLE,
	E_BASE,
	E_PROJ,
	E_CHANGE,
	E_PCT,
	E_EXITS,
	E_TRANSFERS,
	E_OPENINGS,
	E_HOURLY,
	E_ANNUAL,
	E_EDU,
	E_EXP,
	E_OJT,
	E_NCOLS
};

static const char *const edd_names[E_NCOLS] = {
	"SOC Level",
	"SOC Code",
	"Occupational Title",
	"Base Year Employment Estimate",
	"Projected Year Employment Estimate",
	"Numeric Change",
	"Percent",
	"Exits",
	"Transfers",
	"Total Job Openings",
	"Median Hourly Wages",
	"Median Annual Wages",
	"Entry Level Education",
	"Work Experience",
	"On-the-Job Training",
};

/* Columns of the EDD header H; the years from the employment columns. */
static enum pm_status edd_columns(struct ctx *c, const char *sheet, const struct pm_sheet_header *h,
				  int *col, struct pm_err *err)
{
	size_t k;

	for (k = 0; k < E_NCOLS; k++) {
		switch (k) {
		case E_BASE:
		case E_PROJ:
		case E_CHANGE:
		case E_PCT: col[k] = pm_sheet_col_prefix(h, edd_names[k]); break;
		default: col[k] = pm_sheet_col(h, edd_names[k], NULL); break;
		}
		if (col[k] < 0)
			return pm_err_set(err, PM_EDATA,
					  "%s: sheet '%s' is not an EDD projections table: its "
					  "header (row %u) lacks column '%s'",
					  c->name, sheet, (unsigned)h->row, edd_names[k]);
	}
	c->base_year = pm_sheet_year_in(h->names[col[E_BASE]]);
	c->proj_year = pm_sheet_year_in(h->names[col[E_PROJ]]);
	if (!c->base_year || c->proj_year <= c->base_year)
		return pm_err_set(err, PM_EDATA,
				  "%s: sheet '%s': cannot read the base and projected years from "
				  "'%s' and '%s'",
				  c->name, sheet, h->raw[col[E_BASE]], h->raw[col[E_PROJ]]);
	return PM_OK;
}

/* What the title rows above an EDD header say. */
struct edd_titles {
	char fips[PM_CODE_MAX]; /* the state a row names, "" before */
	char state[128];
	char sub_area[128]; /* a row after the state's that is not "Statewide" */
	bool statewide;
};

/*
 * pm_sheet_header_fn: the header has a "SOC Code" column; on the rows above
 * it, note in the struct edd_titles at CTX the state a row names (by its
 * first value) and whether a row says "Statewide".
 */
static bool edd_header(const char *const *fields, size_t n, uint32_t seen, void *ctx)
{
	struct edd_titles *t = ctx;
	const char *first = NULL, *f;
	size_t i;

	if (!seen)
		memset(t, 0, sizeof *t);
	if (pm_sheet_field(fields, n, "soc code", NULL) >= 0)
		return true;
	for (i = 0; i < n && !first; i++)
		if (!pm_sheet_blank(fields[i]))
			first = fields[i];
	if (!first)
		return false;
	if (!t->fips[0] && (f = state_by_name(first))) {
		snprintf(t->fips, sizeof t->fips, "%s", f);
		snprintf(t->state, sizeof t->state, "%s", first);
	} else if (!strcasecmp(first, "Statewide")) {
		t->statewide = true;
	} else if (t->fips[0] && !t->sub_area[0]) {
		snprintf(t->sub_area, sizeof t->sub_area, "%s", first);
	}
	return false;
}

static enum pm_status edd_row(struct ctx *c, struct pm_xlsx_sheet *s, const int *col,
			      const struct pm_sheet_header *h, const struct pm_sheet_at *at,
			      const char *fips, const char *state_name, struct pm_err *err)
{
	char soc[PM_CODE_MAX];
	const char *v;
	enum pm_status rc;
	int64_t level;
	double d;

#define CELL(k)	 pm_xlsx_cell(s, (size_t)col[k], NULL)
#define FIELD(k) h->raw[col[k]]
	v = CELL(E_LEVEL);
	if (pm_sheet_scaled_i64(v, strlen(v), 0, &level) || level < 1 || level > 5) {
		char place[400];

		pm_sheet_at_format(at, place, sizeof place);
		return pm_err_set(err, PM_EDATA, "%s: field '%s': '%.40s' is not a SOC level 1-5",
				  place, FIELD(E_LEVEL), v);
	}
	if ((rc = pm_sheet_code(PM_CODE_SOC, CELL(E_CODE), soc, at, FIELD(E_CODE), err)))
		return rc;
	sqlite3_reset(c->ins);
	sqlite3_clear_bindings(c->ins);
	pm_bind_text(c->ins, 1, fips);
	pm_bind_text(c->ins, 2, state_name);
	pm_bind_text(c->ins, 3, soc);
	sqlite3_bind_int(c->ins, 4, c->base_year);
	sqlite3_bind_int(c->ins, 5, c->proj_year);
	pm_sheet_bind_text(c->ins, 6, CELL(E_TITLE));
	if ((rc = pm_sheet_bind_scaled(c->ins, 7, CELL(E_BASE), 0, at, FIELD(E_BASE), err)) ||
	    (rc = pm_sheet_bind_scaled(c->ins, 8, CELL(E_PROJ), 0, at, FIELD(E_PROJ), err)) ||
	    (rc = pm_sheet_bind_scaled(c->ins, 9, CELL(E_CHANGE), 0, at, FIELD(E_CHANGE), err)) ||
	    (rc = pm_sheet_bind_scaled(c->ins, 11, CELL(E_EXITS), 0, at, FIELD(E_EXITS), err)) ||
	    (rc = pm_sheet_bind_scaled(c->ins, 12, CELL(E_TRANSFERS), 0, at, FIELD(E_TRANSFERS),
				       err)) ||
	    (rc = pm_sheet_bind_scaled(c->ins, 13, CELL(E_OPENINGS), 0, at, FIELD(E_OPENINGS),
				       err)))
		return rc;
	/* A fraction: 0.088 is 8.8 percent. */
	v = CELL(E_PCT);
	if (!pm_sheet_blank(v) && !pm_sheet_dash(v)) {
		if (pm_parse_double(v, strlen(v), &d)) {
			char place[400];

			pm_sheet_at_format(at, place, sizeof place);
			return pm_err_set(err, PM_EDATA, "%s: field '%s': '%.40s' is not a number",
					  place, FIELD(E_PCT), v);
		}
		sqlite3_bind_double(c->ins, 10, d * 100);
	}
	/* $0 means no estimate. */
	if ((rc = pm_sheet_bind_real(c->ins, 15, CELL(E_HOURLY), at, FIELD(E_HOURLY), err)) ||
	    (rc = pm_sheet_bind_scaled(c->ins, 16, CELL(E_ANNUAL), 0, at, FIELD(E_ANNUAL), err)))
		return rc;
	v = CELL(E_HOURLY);
	if (!pm_parse_double(v, strlen(v), &d) && pm_double_eq(d, 0))
		sqlite3_bind_null(c->ins, 15);
	v = CELL(E_ANNUAL);
	if (!pm_parse_double(v, strlen(v), &d) && pm_double_eq(d, 0))
		sqlite3_bind_null(c->ins, 16);
	pm_sheet_bind_text(c->ins, 17, CELL(E_EDU));
	pm_sheet_bind_text(c->ins, 18, CELL(E_EXP));
	pm_sheet_bind_text(c->ins, 19, CELL(E_OJT));
	sqlite3_bind_int64(c->ins, 20, c->ds->id);
#undef CELL
#undef FIELD
	return store_row(c, at, soc, err);
}

static enum pm_status load_edd(struct ctx *c, const char *path, struct pm_err *err)
{
	struct edd_titles titles = { .statewide = false };
	/* "Occupational" first, then any other sheet with the header. */
	const struct pm_sheet_find find = { .is_header = edd_header,
					    .ctx = &titles,
					    .maxrows = HEADER_SEARCH_ROWS,
					    .first_sheet = "Occupational" };
	struct pm_xlsx *wb = NULL;
	struct pm_xlsx_sheet *s = NULL;
	struct pm_sheet_header h = PM_SHEET_HEADER_INIT;
	struct pm_sheet_at at = { c->name, NULL, 0, NULL };
	int col[E_NCOLS];
	enum pm_status rc;
	uint32_t footer = 0;
	bool eof = false;

	if ((rc = pm_xlsx_open(&wb, path, err)) ||
	    (rc = pm_sheet_find_table(wb, &find, &s, &h, err)))
		goto out;
	if (!h.row) {
		rc = pm_err_set(err, PM_EDATA,
				"%s: not a state projections workbook (no sheet with a 'SOC Code' "
				"column in its first %d rows)",
				c->name, HEADER_SEARCH_ROWS);
		goto out;
	}
	at.sheet = pm_xlsx_sheet_title(s);
	if (!titles.fips[0]) {
		rc = pm_err_set(err, PM_EDATA,
				"%s: sheet '%s': no title row above the header names the state",
				c->name, at.sheet);
		goto out;
	}
	if (!titles.statewide) {
		rc = pm_err_set(err, PM_EDATA,
				"%s: sheet '%s': the projections are for '%s', not statewide: "
				"sub-state areas have no area code here",
				c->name, at.sheet,
				titles.sub_area[0] ? titles.sub_area : "a part of the state");
		goto out;
	}
	if ((rc = edd_columns(c, at.sheet, &h, col, err)))
		goto out;
	for (;;) {
		if ((rc = pm_sheet_next_data(s, col[E_CODE], &footer, &at, &eof, err)) || eof)
			break;
		c->ds->rows_read++;
		if ((rc = edd_row(c, s, col, &h, &at, titles.fips, titles.state, err)))
			break;
	}
	if (!rc)
		pm_load_set_kind(c->ds, "edd-statewide");
out:
	pm_sheet_header_release(&h);
	pm_xlsx_sheet_free(s);
	pm_xlsx_free(wb);
	return rc;
}

/* ---- importing ---- */

enum pm_status pm_projections_import(struct pm_store *st, const char *path,
				     const struct pm_import_opts *opts,
				     struct pm_import_report *rep, struct pm_err *err)
{
	static const char *const tables[] = { "projection", NULL };
	struct ctx c = { 0 };
	struct pm_load ld;
	enum pm_status rc;

	c.st = st;
	c.name = opts && opts->url ? opts->url : path;
	if ((rc = pm_load_begin(st, "projections", "projections-central", path, opts, rep, &ld,
				err)) ||
	    ld.skipped)
		goto out;
	c.ds = &ld.ds;
	if ((rc = pm_store_prepare(st, insert_sql, &c.ins, err)))
		goto out;
	if (pm_reader_first_byte(path) == '{') {
		char area[PM_CODE_MAX];
		int nrows;

		if ((rc = load_json(&c, path, area, &nrows, err)))
			goto out;
	} else if (pm_is_zip_file(path)) {
		if ((rc = load_edd(&c, path, err)))
			goto out;
	} else {
		rc = pm_err_set(err, PM_EDATA,
				"%s: not state projections (neither a Projections Central JSON "
				"response nor an EDD xlsx workbook)",
				c.name);
		goto out;
	}
	ld.ds.year = c.base_year;
	if (c.base_year)
		pm_load_set_vintage(&ld.ds, "%d-%d projections", c.base_year, c.proj_year);
	rc = pm_load_finish(st, &ld, tables, opts, rep, err);
out:
	sqlite3_finalize(c.ins);
	pm_load_release(&ld);
	return rc;
}

/* ---- fetching ---- */

static char *request_json(const char *fips, int page, int per_page)
{
	cJSON *o = cJSON_CreateObject();
	char *text;

	cJSON_AddStringToObject(o, "source", "projections");
	cJSON_AddStringToObject(o, "stfips", fips);
	cJSON_AddNumberToObject(o, "page", page);
	cJSON_AddNumberToObject(o, "items_per_page", per_page);
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

enum pm_status pm_projections_spec(struct pm_fetch_spec *s, const char *stfips, int page,
				   int per_page, struct pm_err *err)
{
	const struct pm_source *src = pm_source_find("projections");
	const char *fips = stfips ? pm_state_fips(stfips) : NULL;
	char code[PM_CODE_MAX];
	char *base;

	memset(s, 0, sizeof *s);
	if (!fips && stfips &&
	    !pm_code_normalize(PM_CODE_FIPS_STATE, stfips, code, sizeof code, NULL, NULL))
		fips = code;
	if (!fips)
		return pm_err_set(err, PM_EUSAGE,
				  "unknown state '%s' (use a two-digit FIPS code or postal "
				  "abbreviation)",
				  stfips ? stfips : "");
	if (page < 0 || per_page < 1 || per_page > 10000)
		return pm_err_set(err, PM_EUSAGE, "bad page %d or page size %d", page, per_page);
	base = pm_source_base(src);
	s->src = src;
	s->kind = 'j';
	snprintf(s->code, sizeof s->code, "%s", fips);
	s->url = pm_xstrfmt("%s/Projections/LongTermRestJson/%s?items_per_page=%d&page=%d", base,
			    fips, per_page, page);
	s->file_name = pm_xstrfmt("longterm-%s-page%d.json", fips, page);
	s->label = pm_xstrfmt("Projections Central long-term, state %s, page %d", fips, page);
	s->request = request_json(fips, page, per_page);
	free(base);
	return PM_OK;
}

enum pm_status pm_projections_respec(const char *request, struct pm_fetch_spec *out,
				     struct pm_err *err)
{
	cJSON *o = cJSON_Parse(request);
	const char *fips;
	enum pm_status rc;

	if (!o)
		return pm_err_set(err, PM_EDATA, "stored projections request is not JSON: %.80s",
				  request);
	fips = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "stfips"));
	if (!fips)
		rc = pm_err_set(err, PM_EDATA, "stored projections request lacks a state: %.80s",
				request);
	else
		rc = pm_projections_spec(
			out, fips,
			(int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, "page")),
			(int)cJSON_GetNumberValue(
				cJSON_GetObjectItemCaseSensitive(o, "items_per_page")),
			err);
	cJSON_Delete(o);
	return rc;
}

enum pm_status pm_projections_page_rows(const char *path, size_t *n, struct pm_err *err)
{
	cJSON *o = NULL;
	enum pm_status rc;

	*n = 0;
	if ((rc = read_json(path, path, &o, err)))
		return rc;
	*n = (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(o, "rows"));
	cJSON_Delete(o);
	return PM_OK;
}

enum pm_status pm_projections_validate(const struct pm_fetch_spec *spec, const char *path,
				       struct pm_err *err)
{
	cJSON *o = NULL;
	const cJSON *r;
	enum pm_status rc;
	int i = 0;

	if ((rc = read_json(path, spec->url, &o, err)))
		return rc;
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(o, "rows"))
	{
		char nbuf[64], fips[PM_CODE_MAX];
		const char *v = json_text(r, "STFIPS", nbuf, sizeof nbuf);

		i++;
		if (v && (!strcmp(v, "0") || !strcmp(v, "00"))) {
			rc = pm_err_set(err, PM_EDATA,
					"%s: row %d is the national row (STFIPS 0), not state %s: "
					"the request went to the wrong place",
					spec->url, i, spec->code);
			break;
		}
		if (!v || pm_code_normalize(PM_CODE_FIPS_STATE, v, fips, sizeof fips, NULL, NULL) ||
		    strcmp(fips, spec->code)) {
			rc = pm_err_set(err, PM_EDATA, "%s: row %d is for state '%s', not %s",
					spec->url, i, v ? v : "", spec->code);
			break;
		}
	}
	cJSON_Delete(o);
	return rc;
}
