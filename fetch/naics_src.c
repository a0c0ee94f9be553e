/*
 * Census NAICS code lists (see naics_src.h).
 *
 * The workbooks hold one sheet ("tbl_2022_title_description_coun"), whose
 * first row is the header; the 2017 one has an empty row after it. The
 * header is looked for by its text among the top rows of every sheet: a
 * cell "YYYY NAICS US Code" (Census pads it with blanks) gives the code
 * column and the vintage, "YYYY NAICS US Title" the titles. Codes are
 * numbers in the file except the sector ranges ("31-33", "44-45",
 * "48-49"); titles may carry trailing blanks, which are dropped with the
 * "T" footnote marker. Rows are tagged with their dataset, so a code list
 * loaded again replaces the one before (the built-in titles have none).
 */
#include "fetch/naics_src.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/codes.h"
#include "core/parse.h"
#include "core/progress.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "core/xlsx.h"
#include "fetch/load.h"
#include "fetch/sheet.h"
#include "store/dataset.h"
#include "store/store.h"
#include "core/banned.h"

#define HEADER_ROWS 30

/*
 * The header cell "YYYY NAICS [US] KIND" (KIND "code" or "title") among
 * the N FIELDS: its index, or -1. *YEAR gets YYYY (0 when it is missing).
 */
static int naics_col(const char *const *fields, size_t n, const char *kind, int *year)
{
	char key[32];
	int at;

	snprintf(key, sizeof key, "naics us %s", kind);
	if ((at = pm_sheet_field(fields, n, key, year)) < 0) {
		snprintf(key, sizeof key, "naics %s", kind);
		at = pm_sheet_field(fields, n, key, year);
	}
	return at;
}

struct layout {
	struct pm_xlsx_sheet *sheet; /* positioned at the header row */
	int code, title;	     /* columns */
	int year;
};

/* pm_sheet_header_fn: a row with both columns, each after a year; fills the struct layout at CTX.
 */
static bool header_row(const char *const *fields, size_t n, uint32_t seen, void *ctx)
{
	struct layout *l = ctx;
	int title_year;

	(void)seen;
	l->code = naics_col(fields, n, "code", &l->year);
	l->title = naics_col(fields, n, "title", &title_year);
	return l->code >= 0 && l->year && l->title >= 0 && title_year;
}

/* The sheet with the header, in l->sheet (NULL when no sheet has it). */
static enum pm_status find_header(struct pm_xlsx *wb, struct layout *l, struct pm_err *err)
{
	const struct pm_sheet_find find = { .is_header = header_row,
					    .ctx = l,
					    .maxrows = HEADER_ROWS };
	struct pm_sheet_header h = PM_SHEET_HEADER_INIT;
	enum pm_status rc = pm_sheet_find_table(wb, &find, &l->sheet, &h, err);

	pm_sheet_header_release(&h);
	return rc;
}

/* The length of TITLE without trailing blanks and Census's "T" marker. */
static size_t title_len(const char *title)
{
	size_t n = strlen(title);

	while (n && isspace((unsigned char)title[n - 1]))
		n--;
	/*
	 * "Soybean FarmingT", "... (except Sands)T", "... Manufacturing T": a
	 * capital T after a lower-case letter, ')' or a blank is the marker
	 * (no NAICS title ends in a word "T" or an acronym ending in T).
	 */
	if (n >= 2 && title[n - 1] == 'T' &&
	    (islower((unsigned char)title[n - 2]) || title[n - 2] == ')' ||
	     isspace((unsigned char)title[n - 2])))
		n--;
	while (n && isspace((unsigned char)title[n - 1]))
		n--;
	return n;
}

static enum pm_status load_rows(struct pm_store *st, struct layout *l, const char *name,
				struct pm_dataset *ds, struct pm_err *err)
{
	struct pm_xlsx_sheet *s = l->sheet;
	char code[PM_CODE_MAX], where[320], vintage[8];
	sqlite3_stmt *ins = NULL;
	enum pm_status rc;
	bool eof;

	snprintf(vintage, sizeof vintage, "%d", l->year);
	if ((rc = pm_store_prepare(
		     st,
		     "INSERT OR REPLACE INTO naics (vintage, code, title, dataset_id) "
		     "VALUES (?,?,?,?)",
		     &ins, err)))
		return rc;
	for (;;) {
		const char *raw, *title;
		size_t tn;

		if ((rc = pm_xlsx_next_row(s, &eof, err)) || eof)
			break;
		raw = pm_xlsx_cell(s, (size_t)l->code, NULL);
		title = pm_xlsx_cell(s, (size_t)l->title, NULL);
		if (pm_is_blank(raw, strlen(raw)))
			continue; /* blank row */
		ds->rows_read++;
		snprintf(where, sizeof where, "%s: sheet '%s' row %u field '%d NAICS US Code'",
			 name, pm_xlsx_sheet_title(s), (unsigned)pm_xlsx_row_number(s), l->year);
		if ((rc = pm_code_normalize(PM_CODE_NAICS, raw, code, sizeof code, where, err)))
			goto out;
		tn = title_len(title);
		if (!tn) {
			rc = pm_err_set(err, PM_EDATA,
					"%s: sheet '%s' row %u field '%d NAICS US Title': empty",
					name, pm_xlsx_sheet_title(s),
					(unsigned)pm_xlsx_row_number(s), l->year);
			goto out;
		}
		sqlite3_reset(ins);
		pm_bind_text(ins, 1, vintage);
		pm_bind_text(ins, 2, code);
		pm_bind_textn(ins, 3, title, tn);
		sqlite3_bind_int64(ins, 4, ds->id);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = pm_store_fail(st, err, "cannot store NAICS code");
			goto out;
		}
		ds->rows_loaded++;
	}
out:
	sqlite3_finalize(ins);
	return rc;
}

enum pm_status pm_naics_import(struct pm_store *st, const char *path,
			       const struct pm_import_opts *opts, struct pm_import_report *rep,
			       struct pm_err *err)
{
	static const char *const tables[] = { "naics", NULL };
	struct layout l = { NULL, -1, -1, 0 };
	struct pm_xlsx *wb = NULL;
	struct pm_load ld;
	enum pm_status rc;

	if ((rc = pm_load_begin(st, "naics", "naics-codes", path, opts, rep, &ld, err)) ||
	    ld.skipped)
		goto out;
	if ((rc = pm_xlsx_open(&wb, path, err)) || (rc = find_header(wb, &l, err)))
		goto out;
	if (!l.sheet) {
		rc = pm_err_set(
			err, PM_EDATA,
			"%s: no sheet has a header with 'YYYY NAICS US Code' and 'YYYY NAICS "
			"US Title' in its first %d rows",
			path, HEADER_ROWS);
		goto out;
	}
	pm_xlsx_sheet_reader(l.sheet)->progress = opts ? opts->progress : NULL;
	if ((rc = load_rows(st, &l, path, &ld.ds, err)))
		goto out;
	pm_progress_finish(opts ? opts->progress : NULL);
	pm_load_set_vintage(&ld.ds, "NAICS %d", l.year);
	ld.ds.year = l.year;
	rc = pm_load_finish(st, &ld, tables, opts, rep, err);
out:
	pm_xlsx_sheet_free(l.sheet);
	pm_xlsx_free(wb);
	pm_load_release(&ld);
	return rc;
}

/* ---- fetching ---- */

enum pm_status pm_naics_spec(struct pm_fetch_spec *s, int vintage, struct pm_err *err)
{
	const struct pm_source *src = pm_source_find("naics");
	char *base;

	memset(s, 0, sizeof *s);
	if (vintage != 2017 && vintage != 2022)
		return pm_err_set(err, PM_EUSAGE, "no Census NAICS %d code list (2017 or 2022)",
				  vintage);
	base = pm_source_base(src);
	s->src = src;
	s->kind = 'x';
	s->year = vintage;
	s->url = pm_xstrfmt("%s/%dNAICS/2-6%%20digit_%d_Codes.xlsx", base, vintage, vintage);
	s->file_name = pm_xstrfmt("2-6 digit_%d_Codes.xlsx", vintage);
	s->label = pm_xstrfmt("NAICS %d codes", vintage);
	s->request = pm_xstrfmt("{\"source\":\"naics\",\"year\":%d}", vintage);
	free(base);
	return PM_OK;
}

enum pm_status pm_naics_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err)
{
	cJSON *o = cJSON_Parse(request);
	const cJSON *y = o ? cJSON_GetObjectItemCaseSensitive(o, "year") : NULL;
	enum pm_status rc;

	if (!cJSON_IsNumber(y))
		rc = pm_err_set(err, PM_EDATA, "stored NAICS request lacks a year: %.80s", request);
	else
		rc = pm_naics_spec(out, (int)cJSON_GetNumberValue(y), err);
	cJSON_Delete(o);
	return rc;
}

enum pm_status pm_naics_validate(const struct pm_fetch_spec *spec, const char *path,
				 struct pm_err *err)
{
	struct layout l = { NULL, -1, -1, 0 };
	struct pm_xlsx *wb = NULL;
	enum pm_status rc;

	if ((rc = pm_xlsx_open(&wb, path, err)) || (rc = find_header(wb, &l, err)))
		pm_err_prefix(err, "%s", spec->url);
	else if (!l.sheet)
		rc = pm_err_set(err, PM_EDATA, "%s: not a Census NAICS code list", spec->url);
	else if (l.year != spec->year)
		rc = pm_err_set(err, PM_EDATA, "%s: asked for NAICS %d, the file is NAICS %d",
				spec->url, spec->year, l.year);
	pm_xlsx_sheet_free(l.sheet);
	pm_xlsx_free(wb);
	return rc;
}
