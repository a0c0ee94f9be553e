/*
 * BLS Employment Projections workbooks: URLs, validation and loading of
 * Tables 1.2, 1.10, 5.3 and 5.4 (layouts and units in ep.h).
 *
 * The tables as published for 2024-34 (sheet rows): Table 1.2 has a title
 * in row 1, its header in row 2 ("2024 National Employment Matrix title",
 * "... code", "Occupation type", "Employment, 2024", "Employment, 2034",
 * ..., "Median annual wage, dollars, 2024[1]", ...), 1,113 occupations in
 * rows 3-1115 (281 Summary, 832 Line item) and four rows of notes. Numbers
 * are stored as doubles, so 309.4 reads "309.39999999999998"; wages are
 * numbers except ">=$239,200" (top-coded) and "—". Table 1.10 has the same
 * rows. Table 1.9 lists the matrix's 423 industries (rows 3-425) with
 * "Industry type" and "2022 NAICS code" ("—" for totals and government
 * aggregates). Table 5.3 (attainment, percent of workers 25 and older) has 833
 * rows including the all-occupations total; Table 5.4 has the 832 detailed
 * occupations. Titles are indented with blanks and sometimes end in a
 * footnote marker ("Chief executives[1]"); both are dropped.
 */
#include "fetch/ep.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/codes.h"
#include "core/xalloc.h"
#include "core/xlsx.h"
#include "fetch/load.h"
#include "fetch/sheet.h"
#include "store/dataset.h"
#include "store/store.h"
#include "core/banned.h"

#define HEADER_SEARCH_ROWS 20
#define MATRIX_CODE	   "national employment matrix code"
#define MATRIX_TITLE	   "national employment matrix title"

/* Every EP table's header has the matrix code column. */
static const struct pm_sheet_find matrix_header = { .key = MATRIX_CODE,
						    .maxrows = HEADER_SEARCH_ROWS };

/* ---- fetching ---- */

static char *request_json(const char *which)
{
	cJSON *o = cJSON_CreateObject();
	char *text;

	cJSON_AddStringToObject(o, "source", "ep");
	cJSON_AddStringToObject(o, "table", which);
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

enum pm_status pm_ep_spec(struct pm_fetch_spec *s, const char *which, struct pm_err *err)
{
	const struct pm_source *src = pm_source_find("ep");
	char *base;

	memset(s, 0, sizeof *s);
	if (!which || (strcmp(which, "occupation") && strcmp(which, "education")))
		return pm_err_set(err, PM_EUSAGE,
				  "unknown EP workbook '%s' (use occupation or education)",
				  which ? which : "");
	base = pm_source_base(src);
	s->src = src;
	s->kind = 't';
	snprintf(s->code, sizeof s->code, "%s", which);
	s->url = pm_xstrfmt("%s/%s.xlsx", base, which);
	s->label = pm_xstrfmt("BLS EP %s.xlsx", which);
	s->request = request_json(which);
	free(base);
	return PM_OK;
}

enum pm_status pm_ep_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err)
{
	cJSON *o = cJSON_Parse(request);
	const char *which;
	enum pm_status rc;

	if (!o)
		return pm_err_set(err, PM_EDATA, "stored EP request is not JSON: %.80s", request);
	which = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "table"));
	if (!which)
		rc = pm_err_set(err, PM_EDATA, "stored EP request lacks a table: %.80s", request);
	else
		rc = pm_ep_spec(out, which, err);
	cJSON_Delete(o);
	return rc;
}

/* True when the header of sheet NAME in WB has a National Employment Matrix code column. */
static enum pm_status has_table(struct pm_xlsx *wb, const char *name, bool *yes, struct pm_err *err)
{
	struct pm_xlsx_sheet *s = NULL;
	struct pm_sheet_header h = PM_SHEET_HEADER_INIT;
	enum pm_status rc;

	*yes = false;
	if (pm_xlsx_sheet_find(wb, name) < 0)
		return PM_OK;
	if ((rc = pm_xlsx_sheet_open(wb, name, &s, err)) ||
	    (rc = pm_sheet_find_header(s, &matrix_header, &h, err)))
		goto out;
	*yes = h.row != 0;
out:
	pm_sheet_header_release(&h);
	pm_xlsx_sheet_free(s);
	return rc;
}

enum pm_status pm_ep_validate(const struct pm_fetch_spec *spec, const char *path,
			      struct pm_err *err)
{
	static const char *const occupation[] = { "Table 1.2", "Table 1.10", NULL };
	static const char *const education[] = { "Table 5.3", "Table 5.4", NULL };
	const char *const *want = !strcmp(spec->code, "education") ? education : occupation;
	struct pm_xlsx *wb = NULL;
	enum pm_status rc;
	bool yes = false;
	size_t i;

	if ((rc = pm_xlsx_open(&wb, path, err)))
		return pm_err_prefix(err, "%s", spec->url);
	for (i = 0; want[i] && !yes; i++)
		if ((rc = has_table(wb, want[i], &yes, err)))
			goto out;
	if (!yes)
		rc = pm_err_set(err, PM_EDATA, "%s: not the EP %s workbook (no sheet '%s' or '%s')",
				spec->url, spec->code, want[0], want[1]);
out:
	pm_xlsx_free(wb);
	return rc;
}

/* ---- loading ---- */

struct ctx {
	struct pm_store *st;
	const char *name; /* the file, for messages */
	struct pm_xlsx *wb;
	struct pm_dataset *ds;
	int base_year, proj_year; /* from Table 1.2 or 1.10; 0 before */
	int matrix_year;	  /* "2024 National Employment Matrix code" */
};

/* One open table: its sheet, header and the columns every table has. */
struct table {
	const char *sheet;
	struct pm_xlsx_sheet *s;
	struct pm_sheet_header h;
	int title, code;
	struct pm_sheet_at at;
	uint32_t footer; /* first row of the notes, 0 before */
};

static void table_release(struct table *t)
{
	pm_sheet_header_release(&t->h);
	pm_xlsx_sheet_free(t->s);
	t->s = NULL;
}

static enum pm_status lacks(struct ctx *c, struct table *t, const char *what, struct pm_err *err)
{
	return pm_err_set(err, PM_EDATA,
			  "%s: sheet '%s' is not the EP table: its header (row %u) lacks column "
			  "'%s'",
			  c->name, t->sheet, (unsigned)t->h.row, what);
}

/*
 * Open table SHEET at its header; with PREFIX, find the N columns whose
 * names start so in COL.
 */
static enum pm_status table_open(struct ctx *c, const char *sheet, const char *const *prefix,
				 size_t n, int *col, struct table *t, struct pm_err *err)
{
	enum pm_status rc;
	int year = 0;
	size_t i;

	memset(t, 0, sizeof *t);
	t->sheet = sheet;
	t->at.file = c->name;
	t->at.sheet = sheet;
	if ((rc = pm_xlsx_sheet_open(c->wb, sheet, &t->s, err)) ||
	    (rc = pm_sheet_find_header(t->s, &matrix_header, &t->h, err)))
		return rc;
	if (!t->h.row)
		return pm_err_set(err, PM_EDATA,
				  "%s: sheet '%s' is not the EP table: no header row with a 'YYYY "
				  "National Employment Matrix code' column in its first %d rows",
				  c->name, sheet, HEADER_SEARCH_ROWS);
	t->code = pm_sheet_col(&t->h, MATRIX_CODE, &year);
	t->title = pm_sheet_col(&t->h, MATRIX_TITLE, NULL);
	if (t->title < 0)
		return lacks(c, t, "National Employment Matrix title", err);
	if (!year)
		return lacks(c, t, "YYYY National Employment Matrix code", err);
	if (!c->matrix_year)
		c->matrix_year = year;
	else if (year != c->matrix_year)
		return pm_err_set(err, PM_EDATA,
				  "%s: sheet '%s' uses the %d matrix, another sheet the %d one",
				  c->name, sheet, year, c->matrix_year);
	for (i = 0; i < n; i++)
		if ((col[i] = pm_sheet_col_prefix(&t->h, prefix[i])) < 0)
			return lacks(c, t, prefix[i], err);
	return PM_OK;
}

static const char *cell(struct table *t, int col)
{
	return col < 0 ? "" : pm_xlsx_cell(t->s, (size_t)col, NULL);
}

static const char *field(struct table *t, int col)
{
	return col < 0 || (size_t)col >= t->h.n ? "?" : t->h.raw[col];
}

/* Advance to the next data row (pm_sheet_next_data()); *DONE at the end of the table. */
static enum pm_status next_data(struct table *t, bool *done, struct pm_err *err)
{
	return pm_sheet_next_data(t->s, t->code, &t->footer, &t->at, done, err);
}

/* Advance to the next occupation, counted as read, its code in SOC. */
static enum pm_status next_occupation(struct ctx *c, struct table *t, char *soc, bool *done,
				      struct pm_err *err)
{
	enum pm_status rc;

	if ((rc = next_data(t, done, err)) || *done)
		return rc;
	c->ds->rows_read++;
	return pm_sheet_code(PM_CODE_SOC, cell(t, t->code), soc, &t->at, field(t, t->code), err);
}

/* The two "Employment, YYYY" columns: base (earlier year) and projected. */
static enum pm_status employment_cols(struct ctx *c, struct table *t, int *base, int *proj,
				      struct pm_err *err)
{
	int years[2] = { 0, 0 }, cols[2] = { -1, -1 }, k = 0;
	size_t i;

	for (i = 0; i < t->h.n; i++) {
		const char *n = t->h.names[i];

		if (strncmp(n, "employment, ", 12) || strlen(n) != 16 || !pm_sheet_year_in(n + 12))
			continue;
		if (k == 2)
			return pm_err_set(
				err, PM_EDATA,
				"%s: sheet '%s': more than two 'Employment, YYYY' columns", c->name,
				t->sheet);
		years[k] = pm_sheet_year_in(n + 12);
		cols[k++] = (int)i;
	}
	if (k < 2 || years[0] == years[1])
		return lacks(c, t, "Employment, YYYY (base and projected years)", err);
	if (years[0] > years[1]) {
		int y = years[0], col = cols[0];

		years[0] = years[1];
		cols[0] = cols[1];
		years[1] = y;
		cols[1] = col;
	}
	if (c->base_year && (c->base_year != years[0] || c->proj_year != years[1]))
		return pm_err_set(err, PM_EDATA,
				  "%s: sheet '%s' projects %d-%d, another sheet %d-%d", c->name,
				  t->sheet, years[0], years[1], c->base_year, c->proj_year);
	c->base_year = years[0];
	c->proj_year = years[1];
	*base = cols[0];
	*proj = cols[1];
	return PM_OK;
}

static enum pm_status step(struct ctx *c, sqlite3_stmt *s, const char *what, struct pm_err *err)
{
	if (sqlite3_step(s) != SQLITE_DONE)
		return pm_store_fail(c->st, err, what);
	return PM_OK;
}

/* Bind the title (no indentation, no footnote marker). */
static void bind_title(sqlite3_stmt *s, int idx, const char *text)
{
	char *title = pm_sheet_title(text);

	pm_bind_text(s, idx, title);
	free(title);
}

/*
 * The columns Tables 1.2 and 1.10 share, first in both. Their projections
 * bind ?1 to ?9 the same way: SOC code, base and projected year, title,
 * type, the two employments, and the change in persons and percent.
 */
enum { TYPE, CHANGE, CHANGE_PCT };
#define PROJECTION_PREFIXES                                                                        \
	"Occupation type", "Employment change, numeric,", "Employment change, percent,"

static enum pm_status bind_projection(struct ctx *c, struct table *t, sqlite3_stmt *ins,
				      const char *soc, const int *col, int base, int proj,
				      struct pm_err *err)
{
	enum pm_status rc;

	sqlite3_reset(ins);
	sqlite3_clear_bindings(ins);
	pm_bind_text(ins, 1, soc);
	sqlite3_bind_int(ins, 2, c->base_year);
	sqlite3_bind_int(ins, 3, c->proj_year);
	bind_title(ins, 4, cell(t, t->title));
	pm_sheet_bind_text(ins, 5, cell(t, col[TYPE]));
	if ((rc = pm_sheet_bind_scaled(ins, 6, cell(t, base), 3, &t->at, field(t, base), err)) ||
	    (rc = pm_sheet_bind_scaled(ins, 7, cell(t, proj), 3, &t->at, field(t, proj), err)) ||
	    (rc = pm_sheet_bind_scaled(ins, 8, cell(t, col[CHANGE]), 3, &t->at,
				       field(t, col[CHANGE]), err)))
		return rc;
	return pm_sheet_bind_real(ins, 9, cell(t, col[CHANGE_PCT]), &t->at,
				  field(t, col[CHANGE_PCT]), err);
}

/* Bind and store the row in INS; a second row for occupation SOC is an error when CHECK. */
static enum pm_status store(struct ctx *c, struct table *t, sqlite3_stmt *ins, const char *soc,
			    bool check, const char *what, struct pm_err *err)
{
	enum pm_status rc;

	if ((rc = step(c, ins, what, err)))
		return rc;
	if (check && !sqlite3_changes(pm_store_db(c->st)))
		return pm_err_set(err, PM_EDATA, "%s:%s:%u: occupation %s appears twice", c->name,
				  t->sheet, (unsigned)t->at.row, soc);
	return PM_OK;
}

/* Table 1.2: occupational projections and worker characteristics. */
static enum pm_status load_t12(struct ctx *c, struct pm_err *err)
{
	enum col { SELF = CHANGE_PCT + 1, OPENINGS, WAGE, EDU, EXP, OJT, NCOLS };
	static const char *const prefix[NCOLS] = {
		PROJECTION_PREFIXES,
		"Percent self employed,",
		"Occupational openings,",
		"Median annual wage,",
		"Typical education needed for entry",
		"Work experience in a related occupation",
		"Typical on-the-job training needed to attain competency",
	};
	struct table t;
	sqlite3_stmt *ins = NULL;
	int col[NCOLS], base, proj;
	enum pm_status rc;
	bool done = false;

	if ((rc = table_open(c, "Table 1.2", prefix, NCOLS, col, &t, err)) ||
	    (rc = employment_cols(c, &t, &base, &proj, err)))
		goto out;
	/*
	 * A second row for the same occupation in the same file is an error:
	 * the update applies only to rows of other datasets, so a duplicate
	 * changes nothing and is caught below.
	 */
	if ((rc = pm_store_prepare(
		     c->st,
		     "INSERT INTO ep_occupation (soc_code, base_year, proj_year, title, occ_type, "
		     "emp_base, emp_proj, change, change_pct, self_emp_pct, openings, median_wage, "
		     "median_wage_flag, education, experience, ojt, dataset_id) "
		     "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17) "
		     "ON CONFLICT (soc_code, base_year) DO UPDATE SET proj_year = "
		     "excluded.proj_year, "
		     "title = excluded.title, occ_type = excluded.occ_type, "
		     "emp_base = excluded.emp_base, emp_proj = excluded.emp_proj, "
		     "change = excluded.change, change_pct = excluded.change_pct, "
		     "self_emp_pct = excluded.self_emp_pct, openings = excluded.openings, "
		     "median_wage = excluded.median_wage, "
		     "median_wage_flag = excluded.median_wage_flag, "
		     "education = excluded.education, experience = excluded.experience, "
		     "ojt = excluded.ojt, dataset_id = excluded.dataset_id "
		     "WHERE ep_occupation.dataset_id <> excluded.dataset_id",
		     &ins, err)))
		goto out;
	for (;;) {
		char soc[PM_CODE_MAX];
		const char *wage;
		int64_t w;

		if ((rc = next_occupation(c, &t, soc, &done, err)) || done ||
		    (rc = bind_projection(c, &t, ins, soc, col, base, proj, err)) ||
		    (rc = pm_sheet_bind_real(ins, 10, cell(&t, col[SELF]), &t.at,
					     field(&t, col[SELF]), err)) ||
		    (rc = pm_sheet_bind_scaled(ins, 11, cell(&t, col[OPENINGS]), 3, &t.at,
					       field(&t, col[OPENINGS]), err)))
			break;
		wage = cell(&t, col[WAGE]);
		if (pm_sheet_blank(wage)) {
			sqlite3_bind_null(ins, 12);
		} else if (!pm_sheet_scaled_i64(wage, strlen(wage), 0, &w)) {
			sqlite3_bind_int64(ins, 12, w);
		} else {
			/* ">=$239,200", "—": not a number; keep the publisher's text. */
			sqlite3_bind_null(ins, 12);
			pm_bind_text(ins, 13, wage);
		}
		pm_sheet_bind_text(ins, 14, cell(&t, col[EDU]));
		pm_sheet_bind_text(ins, 15, cell(&t, col[EXP]));
		pm_sheet_bind_text(ins, 16, cell(&t, col[OJT]));
		sqlite3_bind_int64(ins, 17, c->ds->id);
		if ((rc = store(c, &t, ins, soc, true, "cannot store EP occupations", err)))
			break;
	}
out:
	sqlite3_finalize(ins);
	table_release(&t);
	return rc;
}

/* Table 1.10: separations and openings, merged into the Table 1.2 rows. */
static enum pm_status load_t110(struct ctx *c, struct pm_err *err)
{
	enum col {
		EXIT_RATE = CHANGE_PCT + 1,
		TRANSFER_RATE,
		SEP_RATE,
		EXITS,
		TRANSFERS,
		SEPS,
		OPENINGS,
		NCOLS
	};
	static const char *const prefix[NCOLS] = {
		PROJECTION_PREFIXES,
		"Labor force exit rate,",
		"Occupational transfer rate,",
		"Total occupational separations rate,",
		"Labor force exits,",
		"Occupational transfers,",
		"Total occupational separations,",
		"Occupational openings,",
	};
	struct table t;
	sqlite3_stmt *ins = NULL;
	int col[NCOLS], base, proj;
	enum pm_status rc;
	bool done = false;

	if ((rc = table_open(c, "Table 1.10", prefix, NCOLS, col, &t, err)) ||
	    (rc = employment_cols(c, &t, &base, &proj, err)))
		goto out;
	/* Fills the Table 1.2 row; stands alone when Table 1.2 is not in the file. */
	if ((rc = pm_store_prepare(
		     c->st,
		     "INSERT INTO ep_occupation (soc_code, base_year, proj_year, title, occ_type, "
		     "emp_base, emp_proj, change, change_pct, exit_rate, transfer_rate, "
		     "separation_rate, exits, transfers, separations, openings, dataset_id) "
		     "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17) "
		     "ON CONFLICT (soc_code, base_year) DO UPDATE SET "
		     "proj_year = excluded.proj_year, "
		     "occ_type = coalesce(ep_occupation.occ_type, excluded.occ_type), "
		     "emp_base = coalesce(ep_occupation.emp_base, excluded.emp_base), "
		     "emp_proj = coalesce(ep_occupation.emp_proj, excluded.emp_proj), "
		     "change = coalesce(ep_occupation.change, excluded.change), "
		     "change_pct = coalesce(ep_occupation.change_pct, excluded.change_pct), "
		     "exit_rate = excluded.exit_rate, transfer_rate = excluded.transfer_rate, "
		     "separation_rate = excluded.separation_rate, exits = excluded.exits, "
		     "transfers = excluded.transfers, separations = excluded.separations, "
		     "openings = coalesce(ep_occupation.openings, excluded.openings), "
		     "dataset_id = excluded.dataset_id",
		     &ins, err)))
		goto out;
	for (;;) {
		char soc[PM_CODE_MAX];

		if ((rc = next_occupation(c, &t, soc, &done, err)) || done ||
		    (rc = bind_projection(c, &t, ins, soc, col, base, proj, err)) ||
		    (rc = pm_sheet_bind_real(ins, 10, cell(&t, col[EXIT_RATE]), &t.at,
					     field(&t, col[EXIT_RATE]), err)) ||
		    (rc = pm_sheet_bind_real(ins, 11, cell(&t, col[TRANSFER_RATE]), &t.at,
					     field(&t, col[TRANSFER_RATE]), err)) ||
		    (rc = pm_sheet_bind_real(ins, 12, cell(&t, col[SEP_RATE]), &t.at,
					     field(&t, col[SEP_RATE]), err)) ||
		    (rc = pm_sheet_bind_scaled(ins, 13, cell(&t, col[EXITS]), 3, &t.at,
					       field(&t, col[EXITS]), err)) ||
		    (rc = pm_sheet_bind_scaled(ins, 14, cell(&t, col[TRANSFERS]), 3, &t.at,
					       field(&t, col[TRANSFERS]), err)) ||
		    (rc = pm_sheet_bind_scaled(ins, 15, cell(&t, col[SEPS]), 3, &t.at,
					       field(&t, col[SEPS]), err)) ||
		    (rc = pm_sheet_bind_scaled(ins, 16, cell(&t, col[OPENINGS]), 3, &t.at,
					       field(&t, col[OPENINGS]), err)))
			break;
		sqlite3_bind_int64(ins, 17, c->ds->id);
		if ((rc = store(c, &t, ins, soc, false, "cannot store EP separations", err)))
			break;
	}
out:
	sqlite3_finalize(ins);
	table_release(&t);
	return rc;
}

/*
 * Table 1.9: the matrix's industries, with the NAICS each stands for, to
 * staffing_industry (source 'ep-matrix'): what staffing patterns keyed by
 * matrix codes ("622000", "1131-2", "3250A1") cover. The codes are EP's
 * own, checked by shape; the NAICS text is kept as published ("113100-3200",
 * "999200,300"; "—" is NULL) for crosswalks/industry.h to read.
 */
static enum pm_status load_t19(struct ctx *c, struct pm_err *err)
{
	struct table t;
	sqlite3_stmt *ins = NULL;
	int type, naics, year = 0;
	enum pm_status rc;
	bool done = false;

	if ((rc = table_open(c, "Table 1.9", NULL, 0, NULL, &t, err)))
		goto out;
	if ((type = pm_sheet_col(&t.h, "Industry type", NULL)) < 0) {
		rc = lacks(c, &t, "Industry type", err);
		goto out;
	}
	if ((naics = pm_sheet_col(&t.h, "NAICS code", &year)) < 0 || !year) {
		rc = lacks(c, &t, "YYYY NAICS code", err);
		goto out;
	}
	if ((rc = pm_store_prepare(
		     c->st,
		     "INSERT INTO staffing_industry (code, source, title, naics, "
		     "ind_type, dataset_id) VALUES (?1, 'ep-matrix', ?2, ?3, ?4, ?5) "
		     "ON CONFLICT (code, source) DO UPDATE SET title = excluded.title, "
		     "naics = excluded.naics, ind_type = excluded.ind_type, "
		     "dataset_id = excluded.dataset_id",
		     &ins, err)))
		goto out;
	for (;;) {
		const char *code;
		size_t n;

		if ((rc = next_data(&t, &done, err)) || done ||
		    (rc = pm_sheet_matrix_code(cell(&t, t.code), &code, &n, &t.at,
					       field(&t, t.code), err)))
			break;
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, code, (int)n, SQLITE_TRANSIENT);
		bind_title(ins, 2, cell(&t, t.title));
		pm_sheet_bind_text(ins, 3, cell(&t, naics));
		pm_sheet_bind_text(ins, 4, cell(&t, type));
		sqlite3_bind_int64(ins, 5, c->ds->id);
		if ((rc = step(c, ins, "cannot store EP matrix industries", err)))
			break;
	}
out:
	sqlite3_finalize(ins);
	table_release(&t);
	return rc;
}

/* Table 5.3: educational attainment, one ep_attainment row per level. */
static enum pm_status load_t53(struct ctx *c, struct pm_err *err)
{
	struct table t;
	sqlite3_stmt *ins = NULL;
	enum pm_status rc;
	bool done = false;
	size_t i, nlevels = 0;
	char **levels = NULL;
	int *cols = NULL;

	if ((rc = table_open(c, "Table 5.3", NULL, 0, NULL, &t, err)))
		goto out;
	if (pm_sheet_col(&t.h, "less than high school diploma", NULL) < 0 ||
	    pm_sheet_col(&t.h, "doctoral or professional degree", NULL) < 0) {
		rc = lacks(c, &t,
			   "Less than high school diploma ... Doctoral or professional degree",
			   err);
		goto out;
	}
	/* Every named column after the code is a level of attainment. */
	levels = pm_xcalloc(t.h.n, sizeof *levels);
	cols = pm_xcalloc(t.h.n, sizeof *cols);
	for (i = 0; i < t.h.n; i++)
		if ((int)i != t.code && (int)i != t.title && *t.h.names[i]) {
			cols[nlevels] = (int)i;
			levels[nlevels++] = pm_sheet_title(t.h.raw[i]);
		}
	if ((rc = pm_store_prepare(
		     c->st,
		     "INSERT INTO ep_attainment (soc_code, base_year, level, pct, "
		     "dataset_id) VALUES (?1,?2,?3,?4,?5) ON CONFLICT (soc_code, "
		     "base_year, level) DO UPDATE SET pct = excluded.pct, dataset_id = "
		     "excluded.dataset_id WHERE ep_attainment.dataset_id <> "
		     "excluded.dataset_id",
		     &ins, err)))
		goto out;
	for (;;) {
		char soc[PM_CODE_MAX];

		if ((rc = next_occupation(c, &t, soc, &done, err)) || done)
			break;
		for (i = 0; i < nlevels; i++) {
			sqlite3_reset(ins);
			pm_bind_text(ins, 1, soc);
			sqlite3_bind_int(ins, 2, c->matrix_year);
			pm_bind_text(ins, 3, levels[i]);
			if ((rc = pm_sheet_bind_real(ins, 4, cell(&t, cols[i]), &t.at,
						     field(&t, cols[i]), err)))
				goto out;
			sqlite3_bind_int64(ins, 5, c->ds->id);
			if ((rc = store(c, &t, ins, soc, true, "cannot store EP attainment", err)))
				goto out;
		}
	}
out:
	for (i = 0; i < nlevels; i++)
		free(levels[i]);
	free(levels);
	free(cols);
	sqlite3_finalize(ins);
	table_release(&t);
	return rc;
}

/* Table 5.4: entry education, experience and training, for rows Table 1.2 has not filled. */
static enum pm_status load_t54(struct ctx *c, struct pm_err *err)
{
	enum col { EDU, EXP, OJT, NCOLS };
	static const char *const prefix[NCOLS] = {
		"Typical education needed for entry",
		"Work experience in a related occupation",
		"Typical on-the-job training needed to attain competency",
	};
	struct table t;
	sqlite3_stmt *ins = NULL;
	int col[NCOLS];
	enum pm_status rc;
	bool done = false;

	if ((rc = table_open(c, "Table 5.4", prefix, NCOLS, col, &t, err)))
		goto out;
	if ((rc = pm_store_prepare(
		     c->st,
		     "INSERT INTO ep_occupation (soc_code, base_year, title, education, "
		     "experience, "
		     "ojt, dataset_id) VALUES (?1,?2,?3,?4,?5,?6,?7) "
		     "ON CONFLICT (soc_code, base_year) DO UPDATE SET title = excluded.title, "
		     "education = excluded.education, experience = excluded.experience, "
		     "ojt = excluded.ojt, dataset_id = excluded.dataset_id "
		     "WHERE ep_occupation.proj_year IS NULL",
		     &ins, err)))
		goto out;
	for (;;) {
		char soc[PM_CODE_MAX];

		if ((rc = next_occupation(c, &t, soc, &done, err)) || done)
			break;
		sqlite3_reset(ins);
		pm_bind_text(ins, 1, soc);
		sqlite3_bind_int(ins, 2, c->matrix_year);
		bind_title(ins, 3, cell(&t, t.title));
		pm_sheet_bind_text(ins, 4, cell(&t, col[EDU]));
		pm_sheet_bind_text(ins, 5, cell(&t, col[EXP]));
		pm_sheet_bind_text(ins, 6, cell(&t, col[OJT]));
		sqlite3_bind_int64(ins, 7, c->ds->id);
		if ((rc = step(c, ins, "cannot store EP education assignments", err)))
			break;
	}
out:
	sqlite3_finalize(ins);
	table_release(&t);
	return rc;
}

enum pm_status pm_ep_import(struct pm_store *st, const char *path,
			    const struct pm_import_opts *opts, struct pm_import_report *rep,
			    struct pm_err *err)
{
	static const char *const tables[] = { "ep_occupation", "ep_attainment", "staffing_industry",
					      NULL };
	static const char *const counted[] = { "ep_occupation", "ep_attainment", NULL };
	struct ctx c = { 0 };
	struct pm_load ld;
	enum pm_status rc;
	bool t12, t19, t110, t53, t54;

	c.st = st;
	c.name = opts && opts->url ? opts->url : path;
	if ((rc = pm_load_begin(st, "ep", "occupation", path, opts, rep, &ld, err)) || ld.skipped)
		goto out;
	c.ds = &ld.ds;
	if ((rc = pm_xlsx_open(&c.wb, path, err)))
		goto out;
	t12 = pm_xlsx_sheet_find(c.wb, "Table 1.2") >= 0;
	t19 = pm_xlsx_sheet_find(c.wb, "Table 1.9") >= 0;
	t110 = pm_xlsx_sheet_find(c.wb, "Table 1.10") >= 0;
	t53 = pm_xlsx_sheet_find(c.wb, "Table 5.3") >= 0;
	t54 = pm_xlsx_sheet_find(c.wb, "Table 5.4") >= 0;
	if (!t12 && !t110 && !t53 && !t54) {
		rc = pm_err_set(err, PM_EDATA,
				"%s: not a BLS Employment Projections occupation.xlsx or "
				"education.xlsx workbook (no sheet 'Table 1.2', 'Table 1.10', "
				"'Table 5.3' or 'Table 5.4')",
				c.name);
		goto out;
	}
	if ((t12 && (rc = load_t12(&c, err))) || (t110 && (rc = load_t110(&c, err))) ||
	    ((t12 || t110) && t19 && (rc = load_t19(&c, err))) ||
	    (t53 && (rc = load_t53(&c, err))) || (t54 && (rc = load_t54(&c, err))))
		goto out;
	pm_load_set_kind(&ld.ds, t12 || t110 ? "occupation" : "education");
	ld.ds.year = c.base_year ? c.base_year : c.matrix_year;
	if (c.base_year)
		pm_load_set_vintage(&ld.ds, "%d-%d projections", c.base_year, c.proj_year);
	if ((rc = pm_load_count(st, &ld, counted, "EP", err)))
		goto out;
	rc = pm_load_finish(st, &ld, tables, opts, rep, err);
out:
	pm_xlsx_free(c.wb);
	pm_load_release(&ld);
	return rc;
}
