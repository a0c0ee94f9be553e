/*
 * Staffing patterns: the National Employment Matrix loader and the
 * derivation from OEWS industry estimates (sources and units in
 * staffing.h).
 *
 * The matrix export has a title line or two above its header (the tool
 * writes the industry and the years there), one row per occupation of the
 * industry and a source note below. The same reading serves xlsx and CSV:
 * a "grid" of rows and cells over either.
 *
 * No matrix export is in the project's shared data (occupation.xlsx Tables
 * 1.8 and 1.9 only link to the tool), so the loader is tested on layout
 * fixtures in tests/data/staffing/, written from the published column
 * names; keep the header check strict so a real file with another layout
 * fails loudly instead of loading wrong columns.
 */
#include "fetch/staffing.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/parse.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "core/xlsx.h"
#include "core/zip.h"
#include "fetch/load.h"
#include "fetch/oews.h"
#include "fetch/sheet.h"
#include "store/dataset.h"
#include "store/store.h"
#include "core/banned.h"

#define HEADER_SEARCH_ROWS 20

/* The matrix's header has an occupation code column; an OEWS sheet's, OCC_CODE. */
static const struct pm_sheet_find matrix_header = { .key = "occupation code",
						    .maxrows = HEADER_SEARCH_ROWS };
static const struct pm_sheet_find oews_header = { .key = "occ_code", .maxrows = 10 };

/* ---- OEWS ---- */

enum pm_status pm_staffing_derive_oews(struct pm_store *st, int64_t dataset_id, struct pm_err *err)
{
	/*
	 * Ordered by the industry total, so that among several copies of one
	 * industry (I_GROUP levels, ownerships) the largest is inserted last
	 * and wins the REPLACE.
	 */
	static const char sql[] =
		"INSERT OR REPLACE INTO staffing (industry, soc_code, year, source, employment, "
		"share, dataset_id) "
		"SELECT o.naics, o.occ_code, o.year, 'oews-industry', o.tot_emp, "
		"CASE WHEN t.tot_emp > 0 AND o.tot_emp IS NOT NULL "
		"THEN CAST(o.tot_emp AS REAL) / t.tot_emp END, o.dataset_id "
		"FROM oews o LEFT JOIN oews t ON t.dataset_id = o.dataset_id AND t.area = o.area "
		"AND t.naics = o.naics AND t.i_group = o.i_group AND t.own_code = o.own_code "
		"AND t.year = o.year AND t.occ_code = '00-0000' AND t.o_group = ("
		"SELECT min(o_group) FROM oews x WHERE x.dataset_id = o.dataset_id AND "
		"x.area = o.area AND x.naics = o.naics AND x.i_group = o.i_group AND "
		"x.own_code = o.own_code AND x.year = o.year AND x.occ_code = '00-0000') "
		"WHERE o.dataset_id = ?1 AND o.area = '99' AND o.naics NOT IN ('000000', "
		"'000001') AND o.occ_code <> '00-0000' "
		"ORDER BY coalesce(t.tot_emp, -1), o.naics, o.i_group, o.own_code, o.occ_code";
	/* The industries, with OEWS's titles (its codes carry no NAICS text of their own). */
	static const char industries[] =
		"INSERT INTO staffing_industry (code, source, title, naics, ind_type, dataset_id) "
		"SELECT naics, 'oews-industry', min(naics_title), NULL, NULL, dataset_id FROM oews "
		"WHERE dataset_id = ?1 AND area = '99' AND naics NOT IN ('000000', '000001') "
		"GROUP BY naics ON CONFLICT (code, source) DO UPDATE SET title = excluded.title, "
		"naics = NULL, ind_type = NULL, dataset_id = excluded.dataset_id";
	sqlite3_stmt *s = NULL;
	enum pm_status rc;

	if ((rc = pm_store_prepare(st, sql, &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, dataset_id);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot derive staffing patterns from OEWS");
	sqlite3_finalize(s);
	if (rc || (rc = pm_store_prepare(st, industries, &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, dataset_id);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = pm_store_fail(st, err, "cannot store OEWS industries");
	sqlite3_finalize(s);
	return rc;
}

/* ---- rows of an xlsx sheet or a CSV file ---- */

struct grid {
	struct pm_xlsx_sheet *xs; /* one of these two */
	struct pm_csv *csv;
	struct pm_sheet_at at;
};

static enum pm_status grid_next(struct grid *g, bool *eof, struct pm_err *err)
{
	enum pm_status rc;

	if (g->xs) {
		rc = pm_xlsx_next_row(g->xs, eof, err);
		g->at.row = pm_xlsx_row_number(g->xs);
	} else {
		rc = pm_csv_next_row(g->csv, eof, err);
		g->at.row = (uint32_t)pm_csv_line(g->csv);
	}
	return rc;
}

static size_t grid_n(struct grid *g)
{
	return g->xs ? pm_xlsx_ncells(g->xs) : pm_csv_nfields(g->csv);
}

static const char *grid_cell(struct grid *g, int i)
{
	if (i < 0 || (size_t)i >= grid_n(g))
		return "";
	return g->xs ? pm_xlsx_cell(g->xs, (size_t)i, NULL) : pm_csv_field(g->csv, (size_t)i, NULL);
}

static bool grid_blank(struct grid *g)
{
	size_t i, n = grid_n(g);

	for (i = 0; i < n; i++)
		if (!pm_sheet_blank(grid_cell(g, (int)i)))
			return false;
	return true;
}

/* ---- the matrix ---- */

enum { OCC_TITLE, OCC_CODE, IND_TITLE, IND_CODE, EMP, PCT, IND_TYPE, NCOLS };

static const char *const names[NCOLS] = {
	"Occupation Title", "Occupation Code",		"Industry Title", "Industry Code",
	"YYYY Employment",  "YYYY Percent of Industry", "Industry Type",
};

static enum pm_status map_matrix(const struct pm_sheet_header *h, const char *name,
				 const char *sheet, int *col, int *year, struct pm_err *err)
{
	int pyear = 0, k;

	col[OCC_TITLE] = pm_sheet_col(h, "occupation title", NULL);
	col[OCC_CODE] = pm_sheet_col(h, "occupation code", NULL);
	col[IND_TITLE] = pm_sheet_col(h, "industry title", NULL);
	col[IND_CODE] = pm_sheet_col(h, "industry code", NULL);
	col[EMP] = pm_sheet_col(h, "employment", year);
	col[PCT] = pm_sheet_col(h, "percent of industry", &pyear);
	col[IND_TYPE] = pm_sheet_col(h, "industry type", NULL);
	for (k = 0; k < NCOLS; k++)
		if (col[k] < 0 && k != PCT && k != IND_TYPE)
			break;
	if (k == NCOLS && !*year)
		k = EMP;
	if (k < NCOLS)
		return pm_err_set(err, PM_EDATA,
				  "%s%s%s: not a National Employment Matrix table: its header (row "
				  "%u) lacks column '%s'",
				  name, sheet ? ":" : "", sheet ? sheet : "", (unsigned)h->row,
				  names[k]);
	if (col[PCT] >= 0 && pyear != *year)
		return pm_err_set(err, PM_EDATA,
				  "%s%s%s: the header (row %u) has %d employment but %d percent of "
				  "industry",
				  name, sheet ? ":" : "", sheet ? sheet : "", (unsigned)h->row,
				  *year, pyear);
	return PM_OK;
}

/* Bind percent-of-industry TEXT as a share (percent / 100), NULL when blank or a dash. */
static enum pm_status bind_share(sqlite3_stmt *ins, int idx, const char *text, const char *place,
				 const char *field, struct pm_err *err)
{
	size_t n = strlen(text);
	double v;

	while (n && text[n - 1] == ' ')
		n--;
	while (n && *text == ' ') {
		text++;
		n--;
	}
	if (!n || pm_sheet_dash(text)) {
		sqlite3_bind_null(ins, idx);
		return PM_OK;
	}
	if (pm_parse_double(text, n, &v) || v < 0 || v > 100)
		return pm_err_set(err, PM_EDATA, "%s: field '%s': '%.40s' is not a percent", place,
				  field, text);
	sqlite3_bind_double(ins, idx, v / 100);
	return PM_OK;
}

static enum pm_status load_matrix(struct pm_store *st, struct grid *g,
				  const struct pm_sheet_header *h, const char *name,
				  struct pm_dataset *ds, struct pm_err *err)
{
	sqlite3_stmt *ins = NULL, *ind_ins = NULL;
	enum pm_status rc;
	int col[NCOLS], year = 0;
	uint32_t footer = 0;
	bool eof;

	if ((rc = map_matrix(h, name, g->at.sheet, col, &year, err)))
		return rc;
	ds->year = year;
	/*
	 * The industry's title and type, unless EP Table 1.9 (occupation.xlsx)
	 * has described it: that also has its NAICS and stays in charge.
	 */
	if ((rc = pm_store_prepare(
		     st,
		     "INSERT INTO staffing_industry (code, source, title, naics, ind_type, "
		     "dataset_id) VALUES (?1, 'ep-matrix', ?2, NULL, ?3, ?4) ON CONFLICT (code, "
		     "source) DO UPDATE SET title = excluded.title, ind_type = "
		     "coalesce(excluded.ind_type, staffing_industry.ind_type), dataset_id = "
		     "excluded.dataset_id WHERE staffing_industry.dataset_id IS NULL OR "
		     "staffing_industry.dataset_id NOT IN (SELECT id FROM dataset WHERE source = "
		     "'ep')",
		     &ind_ins, err)))
		return rc;
	if ((rc = pm_store_prepare(
		     st,
		     "INSERT INTO staffing (industry, soc_code, year, source, "
		     "employment, share, dataset_id) VALUES (?1,?2,?3,'ep-matrix',?4,"
		     "?5,?6) ON CONFLICT (industry, soc_code, year, source) DO UPDATE "
		     "SET employment = excluded.employment, share = excluded.share, "
		     "dataset_id = excluded.dataset_id "
		     "WHERE staffing.dataset_id <> excluded.dataset_id",
		     &ins, err)))
		return rc;
	for (;;) {
		char soc[PM_CODE_MAX], place[400];
		const char *ind;
		size_t n;

		if ((rc = grid_next(g, &eof, err)) || eof)
			break;
		if (grid_blank(g))
			continue;
		if (pm_sheet_blank(grid_cell(g, col[OCC_CODE]))) {
			if (!footer)
				footer = g->at.row;
			continue;
		}
		pm_sheet_at_format(&g->at, place, sizeof place);
		if (footer) {
			rc = pm_err_set(err, PM_EDATA,
					"%s: a data row after the notes that start on row %u",
					place, (unsigned)footer);
			break;
		}
		ds->rows_read++;
		if ((rc = pm_sheet_code(PM_CODE_SOC, grid_cell(g, col[OCC_CODE]), soc, &g->at,
					h->raw[col[OCC_CODE]], err)))
			break;
		if ((rc = pm_sheet_matrix_code(grid_cell(g, col[IND_CODE]), &ind, &n, &g->at,
					       h->raw[col[IND_CODE]], err)))
			break;
		sqlite3_reset(ind_ins);
		sqlite3_bind_text(ind_ins, 1, ind, (int)n, SQLITE_TRANSIENT);
		pm_sheet_bind_text(ind_ins, 2, grid_cell(g, col[IND_TITLE]));
		pm_sheet_bind_text(ind_ins, 3, grid_cell(g, col[IND_TYPE]));
		sqlite3_bind_int64(ind_ins, 4, ds->id);
		if (sqlite3_step(ind_ins) != SQLITE_DONE) {
			rc = pm_store_fail(st, err, "cannot store staffing industries");
			break;
		}
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, ind, (int)n, SQLITE_TRANSIENT);
		pm_bind_text(ins, 2, soc);
		sqlite3_bind_int(ins, 3, year);
		if ((rc = pm_sheet_bind_scaled(ins, 4, grid_cell(g, col[EMP]), 3, &g->at,
					       h->raw[col[EMP]], err)))
			break;
		if ((rc = bind_share(ins, 5, col[PCT] < 0 ? "" : grid_cell(g, col[PCT]), place,
				     col[PCT] < 0 ? "" : h->raw[col[PCT]], err)))
			break;
		sqlite3_bind_int64(ins, 6, ds->id);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = pm_store_fail(st, err, "cannot store staffing patterns");
			break;
		}
		if (!sqlite3_changes(pm_store_db(st))) {
			rc = pm_err_set(err, PM_EDATA,
					"%s: industry %.*s, occupation %s appears twice", place,
					(int)n, ind, soc);
			break;
		}
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(ind_ins);
	return rc;
}

/* ---- recognising and loading ---- */

/* True when workbook WB has an OEWS data sheet (an OCC_CODE column near the top). */
static enum pm_status has_oews_sheet(struct pm_xlsx *wb, bool *yes, struct pm_err *err)
{
	struct pm_xlsx_sheet *s = NULL;
	struct pm_sheet_header h = PM_SHEET_HEADER_INIT;
	enum pm_status rc = pm_sheet_find_table(wb, &oews_header, &s, &h, err);

	*yes = s != NULL;
	pm_sheet_header_release(&h);
	pm_xlsx_sheet_free(s);
	return rc;
}

enum pm_status pm_staffing_import(struct pm_store *st, const char *path,
				  const struct pm_import_opts *opts, struct pm_import_report *rep,
				  struct pm_err *err)
{
	static const char *const tables[] = { "staffing", "staffing_industry", NULL };
	static const char *const counted[] = { "staffing", NULL };
	const char *name = opts && opts->url ? opts->url : path;
	struct pm_sheet_header h = PM_SHEET_HEADER_INIT;
	struct grid g = { 0 };
	struct pm_xlsx *wb = NULL;
	struct pm_load ld = { 0 };
	enum pm_status rc;
	bool oews = false;
	int first;

	memset(rep, 0, sizeof *rep);
	g.at.file = name;
	if (pm_is_zip_file(path)) {
		if (pm_xlsx_open(&wb, path, NULL))
			/* A zip that is not a workbook: an OEWS release archive. */
			return pm_oews_import(st, path, opts, rep, err);
		/* The matrix: the first sheet with its header. */
		if ((rc = pm_sheet_find_table(wb, &matrix_header, &g.xs, &h, err)))
			goto out;
		if (g.xs)
			g.at.sheet = pm_xlsx_sheet_title(g.xs);
		if (!g.xs) {
			if ((rc = has_oews_sheet(wb, &oews, err)))
				goto out;
			if (oews) {
				pm_xlsx_free(wb);
				return pm_oews_import(st, path, opts, rep, err);
			}
			rc = pm_err_set(err, PM_EDATA,
					"%s: not a National Employment Matrix table (no sheet with "
					"an 'Occupation Code' column in its first %d rows) nor an "
					"OEWS workbook",
					name, HEADER_SEARCH_ROWS);
			goto out;
		}
	} else if ((first = pm_reader_first_byte(path)) > 0 && strchr("{[<", first)) {
		rc = pm_err_set(err, PM_EDATA,
				"%s: not a National Employment Matrix table (JSON or HTML, not CSV "
				"or xlsx)",
				name);
		goto out;
	} else {
		if ((rc = pm_csv_open_file(&g.csv, path, NULL, err)) ||
		    (rc = pm_sheet_find_csv_header(g.csv, &matrix_header, &h, err)))
			goto out;
		if (!h.row) {
			rc = pm_err_set(
				err, PM_EDATA,
				"%s: not a National Employment Matrix table (no 'Occupation "
				"Code' column in its first %d rows)",
				name, HEADER_SEARCH_ROWS);
			goto out;
		}
	}
	if ((rc = pm_load_begin(st, "staffing", "ep-matrix", path, opts, rep, &ld, err)) ||
	    ld.skipped)
		goto out;
	if ((rc = load_matrix(st, &g, &h, name, &ld.ds, err)) ||
	    (rc = pm_load_count(st, &ld, counted, "staffing", err)))
		goto out;
	rc = pm_load_finish(st, &ld, tables, opts, rep, err);
out:
	pm_sheet_header_release(&h);
	pm_xlsx_sheet_free(g.xs);
	pm_csv_free(g.csv);
	pm_xlsx_free(wb);
	pm_load_release(&ld);
	return rc;
}
