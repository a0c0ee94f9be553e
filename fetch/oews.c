/*
 * OEWS release files: URLs, validation and loading (layouts, sentinels and
 * codes in oews.h).
 *
 * The May 2025 national file as published: sheets "national_M2025_dl"
 * (header in row 1, 1,401 rows), "Field Descriptions" ("May 2025 OEWS
 * Estimates" in A1, the sentinel legend at the bottom), "UpdateTime" and
 * "Filler". Numbers are xlsx numbers; sentinels and codes are strings;
 * ANNUAL/HOURLY are "TRUE" or empty. In that file "*" marks the hourly
 * wages of 81 annual-only occupations and the annual wages of 7
 * hourly-only ones; "#" and "**" appear in state, MSA and industry files.
 */
#include "fetch/oews.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/codes.h"
#include "core/parse.h"
#include "core/path.h"
#include "core/progress.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "core/xlsx.h"
#include "core/zip.h"
#include "fetch/fetch.h"
#include "fetch/load.h"
#include "fetch/sheet.h"
#include "fetch/staffing.h"
#include "store/dataset.h"
#include "store/store.h"
#include "core/banned.h"

#define HEADER_SEARCH_ROWS 10

/* A data sheet's header has OCC_CODE. */
static const struct pm_sheet_find data_header = { .key = "occ_code",
						  .maxrows = HEADER_SEARCH_ROWS };

/* ---- columns ---- */

enum col_type {
	C_KEY,	 /* a code, handled one by one */
	C_TEXT,	 /* text as published */
	C_GROUP, /* I_GROUP, O_GROUP: part of the key, '' when absent */
	C_INT,	 /* whole number (rounded) */
	C_REAL,
	C_BOOL, /* "TRUE" -> 1 */
};

enum {
	AREA,
	AREA_TITLE,
	AREA_TYPE,
	NAICS,
	NAICS_TITLE,
	I_GROUP,
	OWN_CODE,
	OCC_CODE,
	OCC_TITLE,
	O_GROUP,
	TOT_EMP,
	EMP_PRSE,
	JOBS_1000,
	LOC_QUOTIENT,
	PCT_TOTAL,
	PCT_RPT,
	H_MEAN,
	A_MEAN,
	MEAN_PRSE,
	H_PCT10,
	H_PCT25,
	H_MEDIAN,
	H_PCT75,
	H_PCT90,
	A_PCT10,
	A_PCT25,
	A_MEDIAN,
	A_PCT75,
	A_PCT90,
	ANNUAL,
	HOURLY,
	NCOLS
};

static const struct {
	const char *name, *alias1, *alias2; /* lower case, '_' between words */
	enum col_type type;
	bool required;
} cols[NCOLS] = {
	[AREA] = { "area", NULL, NULL, C_KEY, false },
	[AREA_TITLE] = { "area_title", "area_name", NULL, C_TEXT, false },
	[AREA_TYPE] = { "area_type", NULL, NULL, C_INT, false },
	[NAICS] = { "naics", NULL, NULL, C_KEY, false },
	[NAICS_TITLE] = { "naics_title", NULL, NULL, C_TEXT, false },
	[I_GROUP] = { "i_group", NULL, NULL, C_GROUP, false },
	[OWN_CODE] = { "own_code", NULL, NULL, C_KEY, false },
	[OCC_CODE] = { "occ_code", NULL, NULL, C_KEY, true },
	[OCC_TITLE] = { "occ_title", NULL, NULL, C_TEXT, true },
	[O_GROUP] = { "o_group", "occ_group", "group", C_GROUP, false },
	[TOT_EMP] = { "tot_emp", NULL, NULL, C_INT, true },
	[EMP_PRSE] = { "emp_prse", NULL, NULL, C_REAL, false },
	[JOBS_1000] = { "jobs_1000", "jobs_1000_orig", NULL, C_REAL, false },
	[LOC_QUOTIENT] = { "loc_quotient", "loc_q", NULL, C_REAL, false },
	[PCT_TOTAL] = { "pct_total", NULL, NULL, C_REAL, false },
	[PCT_RPT] = { "pct_rpt", NULL, NULL, C_REAL, false },
	[H_MEAN] = { "h_mean", NULL, NULL, C_REAL, true },
	[A_MEAN] = { "a_mean", NULL, NULL, C_INT, true },
	[MEAN_PRSE] = { "mean_prse", NULL, NULL, C_REAL, false },
	[H_PCT10] = { "h_pct10", NULL, NULL, C_REAL, false },
	[H_PCT25] = { "h_pct25", NULL, NULL, C_REAL, false },
	[H_MEDIAN] = { "h_median", NULL, NULL, C_REAL, false },
	[H_PCT75] = { "h_pct75", NULL, NULL, C_REAL, false },
	[H_PCT90] = { "h_pct90", NULL, NULL, C_REAL, false },
	[A_PCT10] = { "a_pct10", NULL, NULL, C_INT, false },
	[A_PCT25] = { "a_pct25", NULL, NULL, C_INT, false },
	[A_MEDIAN] = { "a_median", NULL, NULL, C_INT, false },
	[A_PCT75] = { "a_pct75", NULL, NULL, C_INT, false },
	[A_PCT90] = { "a_pct90", NULL, NULL, C_INT, false },
	[ANNUAL] = { "annual", NULL, NULL, C_BOOL, false },
	[HOURLY] = { "hourly", NULL, NULL, C_BOOL, false },
};

/* Statement parameter of each column (the key columns are bound apart). */
static const int param[NCOLS] = {
	[AREA] = 1,	  [AREA_TYPE] = 2,     [NAICS] = 3,	  [OWN_CODE] = 4,
	[OCC_CODE] = 5,	  [AREA_TITLE] = 7,    [NAICS_TITLE] = 8, [I_GROUP] = 9,
	[OCC_TITLE] = 10, [O_GROUP] = 11,      [TOT_EMP] = 12,	  [EMP_PRSE] = 13,
	[JOBS_1000] = 14, [LOC_QUOTIENT] = 15, [PCT_TOTAL] = 16,  [PCT_RPT] = 17,
	[H_MEAN] = 18,	  [A_MEAN] = 19,       [MEAN_PRSE] = 20,  [H_PCT10] = 21,
	[H_PCT25] = 22,	  [H_MEDIAN] = 23,     [H_PCT75] = 24,	  [H_PCT90] = 25,
	[A_PCT10] = 26,	  [A_PCT25] = 27,      [A_MEDIAN] = 28,	  [A_PCT75] = 29,
	[A_PCT90] = 30,	  [ANNUAL] = 31,       [HOURLY] = 32,
};
#define P_YEAR	  6
#define P_FLAGS	  33
#define P_DATASET 34

static const char insert_sql[] =
	"INSERT OR REPLACE INTO oews (area, area_type, naics, own_code, occ_code, year, "
	"area_title, naics_title, i_group, occ_title, o_group, tot_emp, emp_prse, jobs_1000, "
	"loc_quotient, pct_total, pct_rpt, h_mean, a_mean, mean_prse, h_pct10, h_pct25, "
	"h_median, h_pct75, h_pct90, a_pct10, a_pct25, a_median, a_pct75, a_pct90, annual_only, "
	"hourly_only, flags, dataset_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,"
	"?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29,?30,?31,?32,?33,?34)";

/* The column name in upper case, as flags and messages show it. */
static void upper_name(int c, char *out, size_t n)
{
	size_t i;

	for (i = 0; cols[c].name[i] && i + 1 < n; i++)
		out[i] = (char)toupper((unsigned char)cols[c].name[i]);
	out[i] = '\0';
}

/* Map header H to the columns above; -1 where absent. */
static void map_columns(const struct pm_sheet_header *h, int *at)
{
	size_t i, c;

	for (c = 0; c < NCOLS; c++)
		at[c] = -1;
	for (i = 0; i < h->n; i++) {
		char *name = pm_xstrdup(h->names[i]), *p;

		for (p = name; *p; p++)
			if (*p == ' ')
				*p = '_';
		for (c = 0; c < NCOLS; c++)
			if (at[c] < 0 && (!strcmp(name, cols[c].name) ||
					  (cols[c].alias1 && !strcmp(name, cols[c].alias1)) ||
					  (cols[c].alias2 && !strcmp(name, cols[c].alias2))))
				at[c] = (int)i;
		free(name);
	}
}

/* ---- years ---- */

int pm_oews_year_of_name(const char *name)
{
	const char *p;

	for (p = name; *p; p++) {
		size_t n = 0, skip = 0;

		if (*p != 'M' && *p != 'm')
			continue;
		/* "all_data_M_2024.xlsx" has an underscore after the M. */
		if (p[1] == '_' && isdigit((unsigned char)p[2]))
			skip = 1;
		while (isdigit((unsigned char)p[1 + skip + n]))
			n++;
		if (n == 4 && (p == name || !isalpha((unsigned char)p[-1]))) {
			const char *d = p + 1 + skip;
			int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 +
				(d[3] - '0');

			if (y >= 1997 && y <= 2100)
				return y;
		}
		if (n == 2 && !skip && p - name >= 3 && !strncasecmp(p - 3, "oesm", 4))
			return 2000 + (p[1] - '0') * 10 + (p[2] - '0');
	}
	return 0;
}

/* "May 2025 OEWS Estimates" in the first rows of the Field Descriptions sheet, or 0. */
static enum pm_status year_from_notes(struct pm_xlsx *wb, int *year, struct pm_err *err)
{
	struct pm_xlsx_sheet *s = NULL;
	enum pm_status rc = PM_OK;
	bool eof = false;
	int i;

	*year = 0;
	if (pm_xlsx_sheet_find(wb, "Field Descriptions") < 0)
		return PM_OK;
	if ((rc = pm_xlsx_sheet_open(wb, "Field Descriptions", &s, err)))
		return rc;
	for (i = 0; i < 5 && !*year; i++) {
		const char *a;

		if ((rc = pm_xlsx_next_row(s, &eof, err)) || eof)
			break;
		a = pm_xlsx_cell(s, 0, NULL);
		if (strstr(a, "May ") && (strstr(a, "OEWS") || strstr(a, "OES")))
			*year = pm_sheet_year_in(a);
	}
	pm_xlsx_sheet_free(s);
	return rc;
}

/* ---- loading ---- */

struct ctx {
	struct pm_store *st;
	const struct pm_import_opts *opts;
	struct pm_dataset *ds;
	sqlite3_stmt *ins;
	const char *file_name; /* the published name, for the year */
	int year;
	/* what the rows were */
	bool national, state, area, industry;
	int64_t loaded;
};

static bool is_sentinel(const char *s)
{
	return !strcmp(s, "*") || !strcmp(s, "**") || !strcmp(s, "#") || !strcmp(s, "~");
}

/* The trimmed text of column C (at AT[c]) in the current row, in BUF (size N). */
static const char *value(struct pm_xlsx_sheet *s, const int *at, int c, char *buf, size_t n)
{
	const char *v;
	size_t len;

	if (at[c] < 0)
		return "";
	v = pm_xlsx_cell(s, (size_t)at[c], &len);
	while (len && (*v == ' ' || *v == '\t')) {
		v++;
		len--;
	}
	while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	if (len >= n)
		return v; /* long text: untrimmed is fine (titles) */
	memcpy(buf, v, len);
	buf[len] = '\0';
	return buf;
}

static enum pm_status bind_area(struct ctx *c, struct pm_xlsx_sheet *s, const int *at,
				const struct pm_sheet_at *where, const struct pm_sheet_header *h,
				int area_type, struct pm_err *err)
{
	char buf[64], code[PM_CODE_MAX];
	const char *v = at[AREA] < 0 ? "99" : value(s, at, AREA, buf, sizeof buf);
	size_t n = strlen(v);
	enum pm_status rc;

	if (!strcmp(v, "99")) {
		c->national = true;
		pm_bind_text(c->ins, param[AREA], "99");
		return PM_OK;
	}
	if (area_type == 2 || area_type == 3 || (!area_type && n && n <= 2)) {
		if ((rc = pm_sheet_code(PM_CODE_FIPS_STATE, v, code, where, h->raw[at[AREA]], err)))
			return rc;
		c->state = true;
		pm_bind_text(c->ins, param[AREA], code);
		return PM_OK;
	}
	if (n < 4 || n > 7 || !pm_all_digits(v, n)) {
		char place[400];

		pm_sheet_at_format(where, place, sizeof place);
		return pm_err_set(err, PM_EDATA,
				  "%s: field '%s': '%s' is not an OEWS area code (99, a state "
				  "FIPS code or an MSA/nonmetropolitan area code)",
				  place, h->raw[at[AREA]], v);
	}
	c->area = true;
	pm_bind_text(c->ins, param[AREA], v);
	return PM_OK;
}

/* OEWS's own aggregates: "3250A1", "5320A1": digits, then capitals and digits. */
static bool oews_industry_shape(const char *v)
{
	size_t i, n = strlen(v);
	bool letter = false;

	if (n != 6 || !isdigit((unsigned char)v[0]) || !isdigit((unsigned char)v[1]))
		return false;
	for (i = 2; i < n; i++) {
		if (isupper((unsigned char)v[i]))
			letter = true;
		else if (!isdigit((unsigned char)v[i]))
			return false;
	}
	return letter;
}

static enum pm_status bind_naics(struct ctx *c, struct pm_xlsx_sheet *s, const int *at,
				 const struct pm_sheet_at *where, const struct pm_sheet_header *h,
				 struct pm_err *err)
{
	char buf[64], code[PM_CODE_MAX];
	const char *v = at[NAICS] < 0 ? "000000" : value(s, at, NAICS, buf, sizeof buf);
	enum pm_status rc;

	if (!strcmp(v, "000000") || !strcmp(v, "000001")) {
		pm_bind_text(c->ins, param[NAICS], v);
		return PM_OK;
	}
	c->industry = true;
	if (oews_industry_shape(v)) {
		pm_bind_text(c->ins, param[NAICS], v);
		return PM_OK;
	}
	if ((rc = pm_sheet_code(PM_CODE_NAICS, v, code, where, h->raw[at[NAICS]], err)))
		return rc;
	pm_bind_text(c->ins, param[NAICS], code);
	return PM_OK;
}

static enum pm_status bind_own(struct ctx *c, struct pm_xlsx_sheet *s, const int *at,
			       const struct pm_sheet_at *where, const struct pm_sheet_header *h,
			       struct pm_err *err)
{
	char buf[64];
	const char *v = at[OWN_CODE] < 0 ? "1235" : value(s, at, OWN_CODE, buf, sizeof buf);
	size_t n = strlen(v);
	int64_t i;

	/* xlsx may store it as a number: "1235.0" is 1235. */
	if (n && !pm_all_digits(v, n) && !pm_parse_i64(v, n, &i) && i >= 0 && i < 100000) {
		snprintf(buf, sizeof buf, "%lld", (long long)i);
		v = buf;
		n = strlen(v);
	}
	if (!n || n > 5 || !pm_all_digits(v, n)) {
		char place[400];

		pm_sheet_at_format(where, place, sizeof place);
		return pm_err_set(err, PM_EDATA, "%s: field '%s': '%s' is not an ownership code",
				  place, h->raw[at[OWN_CODE]], v);
	}
	pm_bind_text(c->ins, param[OWN_CODE], v);
	return PM_OK;
}

static void add_flag(struct pm_buf *flags, int col, const char *sentinel)
{
	char name[32];

	upper_name(col, name, sizeof name);
	pm_buf_addf(flags, "%s%s=%s", flags->len ? ";" : "", name, sentinel);
}

/* One data row of sheet S. */
static enum pm_status load_row(struct ctx *c, struct pm_xlsx_sheet *s, const int *at,
			       const struct pm_sheet_at *where, const struct pm_sheet_header *h,
			       bool *suppressed, struct pm_err *err)
{
	struct pm_buf flags = PM_BUF_INIT;
	char buf[256], code[PM_CODE_MAX];
	enum pm_status rc;
	int64_t area_type = 0;
	int k;

	*suppressed = false;
	sqlite3_reset(c->ins);
	sqlite3_clear_bindings(c->ins);
	for (k = 0; k < NCOLS; k++) {
		const char *v, *field;

		if (cols[k].type == C_KEY)
			continue;
		v = value(s, at, k, buf, sizeof buf);
		field = at[k] >= 0 ? h->raw[at[k]] : cols[k].name;
		if (cols[k].type == C_TEXT) {
			pm_sheet_bind_text(c->ins, param[k], v);
			continue;
		}
		if (cols[k].type == C_GROUP) {
			pm_bind_text(c->ins, param[k], v);
			continue;
		}
		if (at[k] < 0 || !*v)
			continue; /* NULL */
		if (cols[k].type == C_BOOL) {
			if (!strcasecmp(v, "TRUE") || !strcmp(v, "1"))
				sqlite3_bind_int(c->ins, param[k], 1);
			else if (!strcasecmp(v, "FALSE") || !strcmp(v, "0"))
				sqlite3_bind_int(c->ins, param[k], 0);
			else {
				char place[400];

				pm_sheet_at_format(where, place, sizeof place);
				rc = pm_err_set(err, PM_EDATA,
						"%s: field '%s': '%.40s' is neither TRUE nor empty",
						place, field, v);
				goto out;
			}
			continue;
		}
		if (is_sentinel(v)) {
			add_flag(&flags, k, v);
			if (k == TOT_EMP && !strcmp(v, "**"))
				*suppressed = true;
			continue;
		}
		if (cols[k].type == C_INT)
			rc = pm_sheet_bind_scaled(c->ins, param[k], v, 0, where, field, err);
		else
			rc = pm_sheet_bind_real(c->ins, param[k], v, where, field, err);
		if (rc)
			goto out;
		if (k == AREA_TYPE)
			pm_sheet_scaled_i64(v, strlen(v), 0, &area_type);
	}
	if ((rc = pm_sheet_code(PM_CODE_SOC, value(s, at, OCC_CODE, buf, sizeof buf), code, where,
				h->raw[at[OCC_CODE]], err)))
		goto out;
	pm_bind_text(c->ins, param[OCC_CODE], code);
	if ((rc = bind_area(c, s, at, where, h, (int)area_type, err)) ||
	    (rc = bind_naics(c, s, at, where, h, err)) || (rc = bind_own(c, s, at, where, h, err)))
		goto out;
	sqlite3_bind_int(c->ins, P_YEAR, c->year);
	if (flags.len)
		pm_bind_textn(c->ins, P_FLAGS, flags.buf, flags.len);
	sqlite3_bind_int64(c->ins, P_DATASET, c->ds->id);
	if (sqlite3_step(c->ins) != SQLITE_DONE) {
		rc = pm_store_fail(c->st, err, "cannot store OEWS rows");
		goto out;
	}
	rc = PM_OK;
out:
	pm_buf_release(&flags);
	return rc;
}


/* The year of workbook WB (named NAME) with data sheet S; 0 when nothing says. */
static enum pm_status workbook_year(struct ctx *c, struct pm_xlsx *wb, struct pm_xlsx_sheet *s,
				    const char *member, int *year, struct pm_err *err)
{
	enum pm_status rc;

	if ((*year = pm_oews_year_of_name(pm_xlsx_sheet_title(s))))
		return PM_OK;
	if ((rc = year_from_notes(wb, year, err)) || *year)
		return rc;
	if (member && (*year = pm_oews_year_of_name(pm_path_base(member))))
		return PM_OK;
	*year = pm_oews_year_of_name(c->file_name);
	return PM_OK;
}

/*
 * Load workbook WB (named NAME; MEMBER when it came out of a zip). *FOUND
 * tells whether it had a data sheet.
 */
static enum pm_status load_workbook(struct ctx *c, struct pm_xlsx *wb, const char *name,
				    const char *member, bool *found, struct pm_err *err)
{
	struct pm_xlsx_sheet *s = NULL;
	struct pm_sheet_header h = PM_SHEET_HEADER_INIT;
	struct pm_sheet_at where = { name, NULL, 0, NULL };
	enum pm_status rc;
	int at[NCOLS], k, year;
	uint32_t footer = 0;
	bool eof = false;

	*found = false;
	if ((rc = pm_sheet_find_table(wb, &data_header, &s, &h, err)))
		goto out;
	if (!s)
		goto out;
	*found = true;
	where.sheet = pm_xlsx_sheet_title(s);
	map_columns(&h, at);
	for (k = 0; k < NCOLS; k++)
		if (cols[k].required && at[k] < 0) {
			char upper[32];

			upper_name(k, upper, sizeof upper);
			rc = pm_err_set(err, PM_EDATA,
					"%s: sheet '%s' is not an OEWS table: its header (row %u) "
					"lacks column '%s'",
					name, where.sheet, (unsigned)h.row, upper);
			goto out;
		}
	if ((rc = workbook_year(c, wb, s, member, &year, err)))
		goto out;
	if (!year) {
		rc = pm_err_set(err, PM_EDATA,
				"%s: cannot tell the OEWS year: neither the sheet name, the Field "
				"Descriptions sheet nor the file name says (keep the published "
				"name, e.g. national_M2025_dl.xlsx or oesm25nat.zip)",
				name);
		goto out;
	}
	if (c->year && year != c->year) {
		rc = pm_err_set(err, PM_EDATA,
				"%s: holds May %d estimates, another workbook May %d", name, year,
				c->year);
		goto out;
	}
	c->year = year;
	pm_xlsx_sheet_reader(s)->progress = c->opts ? c->opts->progress : NULL;
	for (;;) {
		bool suppressed;

		if ((rc = pm_sheet_next_data(s, at[OCC_CODE], &footer, &where, &eof, err)) || eof)
			break;
		c->ds->rows_read++;
		if ((rc = load_row(c, s, at, &where, &h, &suppressed, err)))
			break;
		c->loaded++;
		if (suppressed)
			c->ds->rows_suppressed++;
	}
out:
	pm_sheet_header_release(&h);
	pm_xlsx_sheet_free(s);
	return rc;
}

static bool is_xlsx_name(const char *name)
{
	const char *base = pm_path_base(name);
	size_t n = strlen(base);

	return n > 5 && !strcasecmp(base + n - 5, ".xlsx") && strncmp(base, "~$", 2) &&
	       strncmp(name, "__MACOSX", 8) && base[0] != '.';
}

/* Read member I of Z into B (at most PM_OEWS_MAX_MEMBER bytes). */
static enum pm_status read_member(struct pm_zip *z, size_t i, const char *name, struct pm_buf *b,
				  struct pm_err *err)
{
	struct pm_reader *rd = NULL;
	enum pm_status rc;

	if (pm_zip_size(z, i) > PM_OEWS_MAX_MEMBER)
		return pm_err_set(err, PM_EDATA,
				  "%s: member '%s' is %llu bytes, more than the %llu an OEWS "
				  "workbook may have",
				  name, pm_zip_name(z, i), (unsigned long long)pm_zip_size(z, i),
				  (unsigned long long)PM_OEWS_MAX_MEMBER);
	pm_buf_init(b, (size_t)PM_OEWS_MAX_MEMBER);
	if ((rc = pm_zip_open_member(z, i, &rd, err)))
		return rc;
	rc = pm_reader_read_all(rd, b, err);
	pm_reader_free(rd);
	if (rc)
		return rc;
	if (pm_buf_status(b))
		return pm_err_set(err, PM_EDATA, "%s: member '%s' is larger than it says", name,
				  pm_zip_name(z, i));
	return PM_OK;
}

static enum pm_status load_zip(struct ctx *c, const char *path, const char *name,
			       struct pm_buf *members, struct pm_err *err)
{
	struct pm_zip *z = NULL;
	struct pm_buf data = PM_BUF_INIT;
	struct pm_xlsx *wb = NULL;
	enum pm_status rc;
	size_t i;

	if ((rc = pm_zip_open(&z, path, err)))
		return rc;
	for (i = 0; i < pm_zip_count(z); i++) {
		const char *m = pm_zip_name(z, i);
		char *wbname;
		bool found;

		if (pm_zip_is_dir(z, i) || !is_xlsx_name(m))
			continue;
		if ((rc = read_member(z, i, name, &data, err)))
			goto out;
		wbname = pm_xstrfmt("%s:%s", name, m);
		rc = pm_xlsx_open_mem(&wb, data.buf, data.len, wbname, err);
		if (!rc)
			rc = load_workbook(c, wb, wbname, m, &found, err);
		free(wbname);
		pm_xlsx_free(wb);
		wb = NULL;
		pm_buf_release(&data);
		if (rc)
			goto out;
		if (found)
			pm_buf_addf(members, "%s%s", members->len ? ", " : "", m);
	}
	if (!members->len)
		rc = pm_err_set(err, PM_EDATA,
				"%s: no OEWS workbook in the archive (no .xlsx member with an "
				"OCC_CODE column)",
				name);
out:
	pm_xlsx_free(wb);
	pm_buf_release(&data);
	pm_zip_free(z);
	return rc;
}

/* True when PATH is a zip archive of workbooks rather than a workbook (also a zip). */
static bool is_archive(const char *path)
{
	struct pm_zip *z = NULL;
	bool workbook = false;
	size_t i;

	if (!pm_is_zip_file(path) || pm_zip_open(&z, path, NULL))
		return false;
	for (i = 0; i < pm_zip_count(z) && !workbook; i++)
		workbook = !strcmp(pm_zip_name(z, i), "[Content_Types].xml") ||
			   !strcmp(pm_zip_name(z, i), "xl/workbook.xml");
	pm_zip_free(z);
	return !workbook;
}

static const char *kind_of(const struct ctx *c)
{
	int places = c->national + c->state + c->area;

	if (c->industry)
		return places > 1 || !c->national ? "all-data" : "national-industry";
	if (places > 1)
		return "all-areas";
	return c->state ? "state" : c->area ? "msa" : "national";
}

enum pm_status pm_oews_import(struct pm_store *st, const char *path,
			      const struct pm_import_opts *opts, struct pm_import_report *rep,
			      struct pm_err *err)
{
	static const char *const tables[] = { "oews", "staffing", "staffing_industry", NULL };
	const char *name = opts && opts->url ? opts->url : path;
	struct pm_buf members = PM_BUF_INIT;
	struct ctx c = { 0 };
	struct pm_xlsx *wb = NULL;
	struct pm_load ld;
	enum pm_status rc;

	c.st = st;
	c.opts = opts;
	c.file_name = opts && opts->file_name ? opts->file_name : pm_path_base(path);
	if ((rc = pm_load_begin(st, "oews", "national", path, opts, rep, &ld, err)) || ld.skipped)
		goto out;
	c.ds = &ld.ds;
	if ((rc = pm_store_prepare(st, insert_sql, &c.ins, err)))
		goto out;
	if (is_archive(path)) {
		if ((rc = load_zip(&c, path, name, &members, err)))
			goto out;
		free(ld.ds.member);
		ld.ds.member = pm_buf_detach(&members, NULL);
		free(rep->members);
		rep->members = pm_xstrdup(ld.ds.member);
	} else {
		bool found;

		/* The xlsx reader says what a file is when it is not a workbook. */
		if ((rc = pm_xlsx_open(&wb, path, err)) ||
		    (rc = load_workbook(&c, wb, name, NULL, &found, err)))
			goto out;
		if (!found) {
			rc = pm_err_set(
				err, PM_EDATA,
				"%s: not an OEWS workbook (no sheet with an OCC_CODE column "
				"in its first %d rows)",
				name, HEADER_SEARCH_ROWS);
			goto out;
		}
	}
	pm_progress_finish(opts ? opts->progress : NULL);
	if (c.industry && (rc = pm_staffing_derive_oews(st, ld.ds.id, err)))
		goto out;
	pm_load_set_kind(&ld.ds, kind_of(&c));
	ld.ds.year = c.year;
	pm_load_set_vintage(&ld.ds, "May %d", c.year);
	ld.ds.rows_loaded = c.loaded;
	rc = pm_load_finish(st, &ld, tables, opts, rep, err);
out:
	sqlite3_finalize(c.ins);
	pm_xlsx_free(wb);
	pm_buf_release(&members);
	pm_load_release(&ld);
	return rc;
}

/* ---- fetching ---- */

static char *request_json(int year, const char *which)
{
	cJSON *o = cJSON_CreateObject();
	char *text;

	cJSON_AddStringToObject(o, "source", "oews");
	cJSON_AddNumberToObject(o, "year", year);
	cJSON_AddStringToObject(o, "which", which);
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

enum pm_status pm_oews_spec(struct pm_fetch_spec *s, int year, const char *which,
			    struct pm_err *err)
{
	static const char *const whiches[] = { "nat", "st", "ma", "in4", NULL };
	static const char *const labels[] = { "national", "states", "metropolitan areas",
					      "national by industry" };
	const struct pm_source *src = pm_source_find("oews");
	char *base;
	size_t i;

	memset(s, 0, sizeof *s);
	for (i = 0; whiches[i] && (!which || strcmp(which, whiches[i])); i++)
		;
	if (!whiches[i])
		return pm_err_set(err, PM_EUSAGE,
				  "unknown OEWS release file '%s' (use nat, st, ma or in4)",
				  which ? which : "");
	if (year < 2000 || year > 2099)
		return pm_err_set(err, PM_EUSAGE, "no OEWS release for %d", year);
	base = pm_source_base(src);
	s->src = src;
	s->kind = 't';
	s->year = year;
	snprintf(s->code, sizeof s->code, "%s", which);
	s->url = pm_xstrfmt("%s/oesm%02d%s.zip", base, year % 100, which);
	s->label = pm_xstrfmt("OEWS May %d, %s", year, labels[i]);
	s->request = request_json(year, which);
	free(base);
	return PM_OK;
}

enum pm_status pm_oews_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err)
{
	cJSON *o = cJSON_Parse(request);
	const char *which;
	enum pm_status rc;
	int year;

	if (!o)
		return pm_err_set(err, PM_EDATA, "stored OEWS request is not JSON: %.80s", request);
	which = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "which"));
	year = (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, "year"));
	if (!which)
		rc = pm_err_set(err, PM_EDATA, "stored OEWS request lacks the file: %.80s",
				request);
	else
		rc = pm_oews_spec(out, year, which, err);
	cJSON_Delete(o);
	return rc;
}

enum pm_status pm_oews_validate(const struct pm_fetch_spec *spec, const char *path,
				struct pm_err *err)
{
	struct pm_zip *z = NULL;
	struct pm_buf data = PM_BUF_INIT;
	struct pm_xlsx *wb = NULL;
	struct pm_xlsx_sheet *s = NULL;
	struct pm_sheet_header h = PM_SHEET_HEADER_INIT;
	struct ctx c = { 0 };
	char *url_name = NULL;
	enum pm_status rc;
	size_t i;
	int year = 0;

	if (!pm_is_zip_file(path))
		return pm_err_set(err, PM_EDATA, "%s: %s", spec->url,
				  pm_reader_first_byte(path) == '<' ? "the server sent an HTML "
								      "page, not the zip "
						     "asked for"
						   : "not a zip archive");
	if ((rc = pm_zip_open(&z, path, err)))
		return pm_err_prefix(err, "%s", spec->url);
	c.file_name = url_name = pm_url_file_name(spec->url);
	/* The first workbook with a data sheet says what the archive holds. */
	for (i = 0; i < pm_zip_count(z) && !s; i++) {
		if (pm_zip_is_dir(z, i) || !is_xlsx_name(pm_zip_name(z, i)))
			continue;
		pm_xlsx_free(wb);
		wb = NULL;
		pm_buf_release(&data);
		if ((rc = read_member(z, i, spec->url, &data, err)) ||
		    (rc = pm_xlsx_open_mem(&wb, data.buf, data.len, spec->url, err)) ||
		    (rc = pm_sheet_find_table(wb, &data_header, &s, &h, err)))
			goto out;
		if (s && (rc = workbook_year(&c, wb, s, pm_zip_name(z, i), &year, err)))
			goto out;
	}
	if (!s) {
		rc = pm_err_set(err, PM_EDATA,
				"%s: the archive holds no OEWS workbook (no .xlsx member with an "
				"OCC_CODE column)",
				spec->url);
		goto out;
	}
	if (year && year != spec->year)
		rc = pm_err_set(err, PM_EDATA, "%s: asked for May %d, the file holds May %d",
				spec->url, spec->year, year);
out:
	pm_sheet_header_release(&h);
	pm_xlsx_sheet_free(s);
	pm_xlsx_free(wb);
	pm_buf_release(&data);
	pm_zip_free(z);
	free(url_name);
	return rc;
}
