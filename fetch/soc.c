/*
 * SOC 2018 definitions (see soc.h).
 *
 * The workbook's first rows are titles ("U.S. Bureau of Labor Statistics",
 * "On behalf of the Office of Management and Budget ..."), so the header
 * is the first of the top rows that names both "SOC Code" and "SOC Title".
 * The vintage is read from the sheet name ("2018 SOC") or, failing that,
 * from the title rows and header; the file name is the last resort. Codes
 * are text in the file ("11-1011"), definitions are empty for the groups.
 */
#include "fetch/soc.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/codes.h"
#include "core/parse.h"
#include "core/path.h"
#include "core/progress.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "core/xlsx.h"
#include "fetch/load.h"
#include "fetch/sheet.h"
#include "store/dataset.h"
#include "store/store.h"
#include "core/banned.h"

#define HEADER_ROWS 30 /* the header is looked for in this many top rows */
#define FILE_NAME   "soc_2018_definitions.xlsx"

static const char *const level_names[] = { "total", "major", "minor", "broad", "detailed" };

/* A year 2000..2099 right before or after "SOC" in TEXT; 0 if none. */
static int soc_year(const char *text)
{
	const char *p;

	for (p = text; (p = strstr(p, "SOC")); p += 3) {
		int64_t y;

		if (p - text >= 5 && p[-1] == ' ' && !pm_parse_i64(p - 5, 4, &y) && y >= 2000 &&
		    y < 2100 && (p - text == 5 || !isdigit((unsigned char)p[-6])))
			return (int)y;
		if (p[3] == ' ' && strlen(p + 4) >= 4 && !pm_parse_i64(p + 4, 4, &y) && y >= 2000 &&
		    y < 2100 && !isdigit((unsigned char)p[8]))
			return (int)y;
	}
	return 0;
}

/* A year 2000..2099 standing alone in a file NAME ("soc_2018_definitions.xlsx"); 0 if none. */
static int name_year(const char *name)
{
	const char *p;
	int64_t y;

	for (p = name; *p; p++)
		if (strlen(p) >= 4 && (p == name || !isdigit((unsigned char)p[-1])) &&
		    !pm_parse_i64(p, 4, &y) && y >= 2000 && y < 2100 &&
		    !isdigit((unsigned char)p[4]))
			return (int)y;
	return 0;
}

struct found {
	struct pm_xlsx_sheet *sheet; /* positioned at the header row */
	struct pm_sheet_header head;
	int year;     /* the SOC vintage, 0 when unknown */
	int row_year; /* the first year in the sheet's rows down to the header */
};

#define FOUND_INIT                                                                                 \
	{                                                                                          \
		NULL, PM_SHEET_HEADER_INIT, 0, 0                                                   \
	}

/* pm_sheet_header_fn: a row naming "SOC Code" and "SOC Title"; notes years on the way. */
static bool header_row(const char *const *fields, size_t n, uint32_t seen, void *ctx)
{
	struct found *f = ctx;
	size_t i;

	if (!seen)
		f->row_year = 0;
	for (i = 0; !f->row_year && i < n; i++)
		f->row_year = soc_year(fields[i]);
	return pm_sheet_field(fields, n, "SOC Code", NULL) >= 0 &&
	       pm_sheet_field(fields, n, "SOC Title", NULL) >= 0;
}

/*
 * Find the sheet and header row (f->sheet stays NULL when no sheet has
 * them) and the vintage: from the sheet name, else the rows down to the
 * header.
 */
static enum pm_status find_header(struct pm_xlsx *wb, struct found *f, struct pm_err *err)
{
	const struct pm_sheet_find find = { .is_header = header_row,
					    .ctx = f,
					    .maxrows = HEADER_ROWS };
	enum pm_status rc;

	if ((rc = pm_sheet_find_table(wb, &find, &f->sheet, &f->head, err)) || !f->sheet)
		return rc;
	if (!(f->year = soc_year(pm_xlsx_sheet_title(f->sheet))))
		f->year = f->row_year;
	return PM_OK;
}

static enum pm_status load_rows(struct pm_store *st, struct found *f, const char *name,
				struct pm_dataset *ds, struct pm_err *err)
{
	struct pm_xlsx_sheet *s = f->sheet;
	int ccode = pm_sheet_col(&f->head, "SOC Code", NULL);
	int ctitle = pm_sheet_col(&f->head, "SOC Title", NULL);
	int cgroup = pm_sheet_col(&f->head, "SOC Group", NULL);
	int cdef = pm_sheet_col(&f->head, "SOC Definition", NULL);
	sqlite3_stmt *ins = NULL;
	char vintage[8], where[320], code[PM_CODE_MAX], parent[PM_CODE_MAX];
	enum pm_status rc;
	bool eof;

	snprintf(vintage, sizeof vintage, "%d", f->year);
	if ((rc = pm_store_prepare(st,
				   "INSERT OR REPLACE INTO soc (code, title, level, parent, "
				   "definition, vintage, dataset_id) VALUES (?,?,?,?,?,?,?)",
				   &ins, err)))
		return rc;
	for (;;) {
		const char *raw, *title, *group, *def;
		enum pm_soc_level level;
		char *gname;
		bool same;

		if ((rc = pm_xlsx_next_row(s, &eof, err)) || eof)
			break;
		raw = pm_xlsx_cell(s, (size_t)ccode, NULL);
		title = pm_xlsx_cell(s, (size_t)ctitle, NULL);
		if (pm_is_blank(raw, strlen(raw)) && pm_is_blank(title, strlen(title)))
			continue; /* blank or footnote row */
		ds->rows_read++;
		snprintf(where, sizeof where, "%s: sheet '%s' row %u field 'SOC Code'", name,
			 pm_xlsx_sheet_title(s), (unsigned)pm_xlsx_row_number(s));
		if ((rc = pm_code_normalize(PM_CODE_SOC, raw, code, sizeof code, where, err)))
			goto out;
		level = pm_soc_level(code);
		if (level < PM_SOC_MAJOR) {
			rc = pm_err_set(err, PM_EDATA, "%s: '%s' is not an occupation group", where,
					code);
			goto out;
		}
		group = cgroup >= 0 ? pm_xlsx_cell(s, (size_t)cgroup, NULL) : "";
		gname = pm_sheet_colname(group);
		same = !strcmp(gname, level_names[level]);
		free(gname);
		if (*group && !same) {
			rc = pm_err_set(
				err, PM_EDATA,
				"%s: sheet '%s' row %u field 'SOC Group': '%.20s', but %s is "
				"a %s code",
				name, pm_xlsx_sheet_title(s), (unsigned)pm_xlsx_row_number(s),
				group, code, level_names[level]);
			goto out;
		}
		if (pm_is_blank(title, strlen(title))) {
			rc = pm_err_set(err, PM_EDATA,
					"%s: sheet '%s' row %u field 'SOC Title': empty", name,
					pm_xlsx_sheet_title(s), (unsigned)pm_xlsx_row_number(s));
			goto out;
		}
		def = cdef >= 0 ? pm_xlsx_cell(s, (size_t)cdef, NULL) : "";
		sqlite3_reset(ins);
		pm_bind_text(ins, 1, code);
		pm_bind_text(ins, 2, title);
		pm_bind_text(ins, 3, level_names[level]);
		pm_bind_text(ins, 4, pm_soc_parent(code, parent, sizeof parent) ? parent : NULL);
		pm_bind_text(ins, 5, pm_is_blank(def, strlen(def)) ? NULL : def);
		pm_bind_text(ins, 6, vintage);
		sqlite3_bind_int64(ins, 7, ds->id);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = pm_store_fail(st, err, "cannot store SOC code");
			goto out;
		}
		ds->rows_loaded++;
	}
out:
	sqlite3_finalize(ins);
	return rc;
}

enum pm_status pm_soc_import(struct pm_store *st, const char *path,
			     const struct pm_import_opts *opts, struct pm_import_report *rep,
			     struct pm_err *err)
{
	static const char *const tables[] = { "soc", NULL };
	const char *name = opts && opts->file_name ? opts->file_name : path;
	struct found f = FOUND_INIT;
	struct pm_xlsx *wb = NULL;
	struct pm_load ld;
	enum pm_status rc;

	if ((rc = pm_load_begin(st, "soc", "soc-definitions", path, opts, rep, &ld, err)) ||
	    ld.skipped)
		goto out;
	if ((rc = pm_xlsx_open(&wb, path, err)) || (rc = find_header(wb, &f, err)))
		goto out;
	if (!f.sheet) {
		rc = pm_err_set(err, PM_EDATA,
				"%s: no sheet has a header row with 'SOC Code' and 'SOC Title' "
				"in its first %d rows",
				path, HEADER_ROWS);
		goto out;
	}
	if (!f.year)
		f.year = name_year(pm_path_base(name));
	if (f.year != 2018) {
		if (f.year)
			rc = pm_err_set(
				err, PM_EDATA,
				"%s: SOC %d definitions; pathmap's soc table holds SOC 2018", path,
				f.year);
		else
			rc = pm_err_set(
				err, PM_EDATA,
				"%s: cannot tell the SOC vintage (no year in the sheet name "
				"or titles)",
				path);
		goto out;
	}
	pm_xlsx_sheet_reader(f.sheet)->progress = opts ? opts->progress : NULL;
	if ((rc = load_rows(st, &f, path, &ld.ds, err)))
		goto out;
	pm_progress_finish(opts ? opts->progress : NULL);
	pm_load_set_vintage(&ld.ds, "SOC %d", f.year);
	rc = pm_load_finish(st, &ld, tables, opts, rep, err);
out:
	pm_sheet_header_release(&f.head);
	pm_xlsx_sheet_free(f.sheet);
	pm_xlsx_free(wb);
	pm_load_release(&ld);
	return rc;
}

/* ---- fetching ---- */

enum pm_status pm_soc_spec(struct pm_fetch_spec *s, struct pm_err *err)
{
	const struct pm_source *src = pm_source_find("soc");
	char *base = pm_source_base(src);

	(void)err;
	memset(s, 0, sizeof *s);
	s->src = src;
	s->kind = 'x';
	s->url = pm_xstrfmt("%s/%s", base, FILE_NAME);
	s->label = pm_xstrdup("SOC 2018 definitions");
	snprintf(s->code, sizeof s->code, "definitions");
	s->request = pm_xstrdup("{\"source\":\"soc\",\"table\":\"definitions\"}");
	free(base);
	return PM_OK;
}

enum pm_status pm_soc_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err)
{
	cJSON *o = cJSON_Parse(request);
	const char *t =
		o ? cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "table")) : NULL;
	enum pm_status rc;

	if (!t || strcmp(t, "definitions"))
		rc = pm_err_set(err, PM_EDATA, "stored SOC request is not understood: %.80s",
				request);
	else
		rc = pm_soc_spec(out, err);
	cJSON_Delete(o);
	return rc;
}

enum pm_status pm_soc_validate(const struct pm_fetch_spec *spec, const char *path,
			       struct pm_err *err)
{
	struct found f = FOUND_INIT;
	struct pm_xlsx *wb = NULL;
	enum pm_status rc;

	if ((rc = pm_xlsx_open(&wb, path, err)) || (rc = find_header(wb, &f, err)))
		pm_err_prefix(err, "%s", spec->url);
	else if (!f.sheet)
		rc = pm_err_set(err, PM_EDATA, "%s: not the SOC definitions (no 'SOC Code' header)",
				spec->url);
	pm_sheet_header_release(&f.head);
	pm_xlsx_sheet_free(f.sheet);
	pm_xlsx_free(wb);
	return rc;
}
