/*
 * CIP 2020 codes and the CIP 2020 to SOC 2018 crosswalk (see cipsoc.h).
 *
 * The crosswalk workbook has eight sheets (File Guide, CIP-SOC, SOC-CIP,
 * New CIP, New SOC, Added Matches, Unmatched CIP Codes, Unmatched SOC
 * Codes). Only CIP-SOC is loaded: SOC-CIP holds the same pairs the other
 * way round. The sheet is taken by name, else the first sheet whose header
 * row (among its top rows) has a CIP code column before a SOC code one.
 * Column names carry the vintages ("CIP2020Code", "SOC2018Code"); the
 * `cip_soc` table holds CIP 2020 and SOC 2018 only.
 *
 * In the workbook codes are text ("01.0000", "19-1011"); a copy re-saved
 * by Excel may turn CIP codes into numbers ("1.0000" -> "1"), which
 * PM_CODE_CIP6 repairs. CIPCode2020.csv is UTF-8, with Excel text guards
 * around codes (="01.0101") and a few undoubled quotes inside quoted text,
 * which core/csv reads in its lenient mode (see open_cipcodes()).
 */
#include "fetch/cipsoc.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/codes.h"
#include "core/csv.h"
#include "core/parse.h"
#include "core/path.h"
#include "core/progress.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "core/xlsx.h"
#include "core/zip.h"
#include "fetch/load.h"
#include "fetch/sheet.h"
#include "store/dataset.h"
#include "store/store.h"
#include "core/banned.h"

#define HEADER_ROWS  30
#define NO_MATCH_CIP "99.9999"
#define NO_MATCH_SOC "99-9999"

/* ---- the crosswalk workbook ---- */

/*
 * CELL names a PREFIX code or title column: "CIP2020Code", "CIP 2020 Code",
 * "CIPCode" (KIND "Code" or "Title"). *YEAR gets the year when written.
 */
static bool xwalk_col(const char *cell, const char *prefix, const char *kind, int *year)
{
	size_t np = strlen(prefix), nk = strlen(kind);
	const char *p = cell;
	int y = 0;

	while (isspace((unsigned char)*p))
		p++;
	if (strncasecmp(p, prefix, np))
		return false;
	p += np;
	while (isspace((unsigned char)*p))
		p++;
	if (isdigit((unsigned char)*p)) {
		int i;

		for (i = 0; i < 4; i++, p++) {
			if (!isdigit((unsigned char)*p))
				return false;
			y = y * 10 + (*p - '0');
		}
	}
	while (isspace((unsigned char)*p))
		p++;
	if (strncasecmp(p, kind, nk))
		return false;
	for (p += nk; isspace((unsigned char)*p); p++)
		;
	if (*p)
		return false;
	*year = y;
	return true;
}

struct xwalk {
	struct pm_xlsx_sheet *sheet; /* positioned at the header row */
	int cip, soc, cip_title, soc_title;
	int cip_year, soc_year; /* 0 when the header does not say */
};

/* pm_sheet_header_fn: do the N FIELDS look like the crosswalk header? Fills the struct xwalk at
 * CTX. */
static bool xwalk_header(const char *const *fields, size_t n, uint32_t seen, void *ctx)
{
	struct xwalk *x = ctx;
	size_t i;
	int y;

	(void)seen;
	x->cip = x->soc = x->cip_title = x->soc_title = -1;
	for (i = 0; i < n; i++) {
		const char *c = fields[i];

		if (x->cip < 0 && xwalk_col(c, "CIP", "Code", &y)) {
			x->cip = (int)i;
			x->cip_year = y;
		} else if (x->soc < 0 && xwalk_col(c, "SOC", "Code", &y)) {
			x->soc = (int)i;
			x->soc_year = y;
		} else if (x->cip_title < 0 && xwalk_col(c, "CIP", "Title", &y)) {
			x->cip_title = (int)i;
		} else if (x->soc_title < 0 && xwalk_col(c, "SOC", "Title", &y)) {
			x->soc_title = (int)i;
		}
	}
	return x->cip >= 0 && x->soc >= 0 && x->cip < x->soc;
}

/*
 * The CIP-SOC sheet (by name, else by header), positioned at its header row
 * in x->sheet; NULL when no sheet has the header.
 */
static enum pm_status find_xwalk(struct pm_xlsx *wb, struct xwalk *x, struct pm_err *err)
{
	const struct pm_sheet_find find = { .is_header = xwalk_header,
					    .ctx = x,
					    .maxrows = HEADER_ROWS,
					    .first_sheet = "CIP-SOC" };
	struct pm_sheet_header h = PM_SHEET_HEADER_INIT;
	enum pm_status rc = pm_sheet_find_table(wb, &find, &x->sheet, &h, err);

	pm_sheet_header_release(&h);
	return rc;
}

/* Normalise RAW as KIND into OUT, keeping SENTINEL verbatim. */
static enum pm_status xwalk_code(enum pm_code_kind kind, const char *raw, const char *sentinel,
				 char *out, const char *where, struct pm_err *err)
{
	const char *p = raw;
	size_t n;

	while (isspace((unsigned char)*p))
		p++;
	n = strlen(p);
	while (n && isspace((unsigned char)p[n - 1]))
		n--;
	if (n == strlen(sentinel) && !strncmp(p, sentinel, n)) {
		snprintf(out, PM_CODE_MAX, "%s", sentinel);
		return PM_OK;
	}
	return pm_code_normalize(kind, raw, out, PM_CODE_MAX, where, err);
}

static enum pm_status load_xwalk(struct pm_store *st, struct xwalk *x, const char *name,
				 struct pm_dataset *ds, struct pm_err *err)
{
	struct pm_xlsx_sheet *s = x->sheet;
	char cip[PM_CODE_MAX], soc[PM_CODE_MAX], where[320];
	sqlite3_stmt *ins = NULL;
	enum pm_status rc;
	bool eof;

	if ((rc = pm_store_prepare(
		     st,
		     "INSERT OR REPLACE INTO cip_soc (cip_code, soc_code, cip_title, "
		     "soc_title, dataset_id) VALUES (?,?,NULLIF(?,''),NULLIF(?,''),?)",
		     &ins, err)))
		return rc;
	for (;;) {
		const char *rc_cip, *rc_soc;

		if ((rc = pm_xlsx_next_row(s, &eof, err)) || eof)
			break;
		rc_cip = pm_xlsx_cell(s, (size_t)x->cip, NULL);
		rc_soc = pm_xlsx_cell(s, (size_t)x->soc, NULL);
		if (pm_is_blank(rc_cip, strlen(rc_cip)) && pm_is_blank(rc_soc, strlen(rc_soc)))
			continue;
		ds->rows_read++;
		snprintf(where, sizeof where, "%s: sheet '%s' row %u field 'CIP code'", name,
			 pm_xlsx_sheet_title(s), (unsigned)pm_xlsx_row_number(s));
		if ((rc = xwalk_code(PM_CODE_CIP6, rc_cip, NO_MATCH_CIP, cip, where, err)))
			goto out;
		snprintf(where, sizeof where, "%s: sheet '%s' row %u field 'SOC code'", name,
			 pm_xlsx_sheet_title(s), (unsigned)pm_xlsx_row_number(s));
		if ((rc = xwalk_code(PM_CODE_SOC, rc_soc, NO_MATCH_SOC, soc, where, err)))
			goto out;
		sqlite3_reset(ins);
		pm_bind_text(ins, 1, cip);
		pm_bind_text(ins, 2, soc);
		pm_bind_text(ins, 3,
			     x->cip_title >= 0 ? pm_xlsx_cell(s, (size_t)x->cip_title, NULL)
					       : NULL);
		pm_bind_text(ins, 4,
			     x->soc_title >= 0 ? pm_xlsx_cell(s, (size_t)x->soc_title, NULL)
					       : NULL);
		sqlite3_bind_int64(ins, 5, ds->id);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = pm_store_fail(st, err, "cannot store CIP-SOC pair");
			goto out;
		}
		ds->rows_loaded++;
	}
out:
	sqlite3_finalize(ins);
	return rc;
}

static enum pm_status import_xwalk(struct pm_store *st, const char *path,
				   const struct pm_import_opts *opts, struct pm_load *ld,
				   struct pm_err *err)
{
	struct xwalk x = { NULL, -1, -1, -1, -1, 0, 0 };
	struct pm_xlsx *wb = NULL;
	enum pm_status rc;

	if ((rc = pm_xlsx_open(&wb, path, err)) || (rc = find_xwalk(wb, &x, err)))
		goto out;
	if (!x.sheet) {
		rc = pm_err_set(err, PM_EDATA,
				"%s: not the CIP-SOC crosswalk: no sheet has a header with a CIP "
				"code column before a SOC code column (e.g. CIP2020Code, "
				"SOC2018Code)",
				path);
		goto out;
	}
	if ((x.cip_year && x.cip_year != 2020) || (x.soc_year && x.soc_year != 2018)) {
		rc = pm_err_set(
			err, PM_EDATA,
			"%s: a CIP %d to SOC %d crosswalk; pathmap's cip_soc table holds CIP "
			"2020 to SOC 2018",
			path, x.cip_year, x.soc_year);
		goto out;
	}
	pm_xlsx_sheet_reader(x.sheet)->progress = opts ? opts->progress : NULL;
	if ((rc = load_xwalk(st, &x, path, &ld->ds, err)))
		goto out;
	pm_load_set_kind(&ld->ds, "cip-soc-crosswalk");
	pm_load_set_vintage(&ld->ds, "CIP 2020 / SOC 2018");
	ld->ds.member = pm_xstrdup(pm_xlsx_sheet_title(x.sheet));
out:
	pm_xlsx_sheet_free(x.sheet);
	pm_xlsx_free(wb);
	return rc;
}

/* ---- CIPCode2020.csv ---- */

/*
 * NCES writes every code behind Excel's text guard, ="01.0101", and leaves
 * some quotes inside quoted text undoubled ("... titled "Security and
 * Protective Services" in the Canadian CIP."): core/csv reads both when
 * asked, as Excel and Python's csv module do.
 */
static enum pm_status open_cipcodes(struct pm_csv **csv, const char *path,
				    const struct pm_import_opts *opts, struct pm_err *err)
{
	static const struct pm_csv_opts nces = { .quoting = PM_CSV_QUOTES_LENIENT,
						 .excel_guards = true };
	struct pm_reader *rd;
	enum pm_status rc;

	*csv = NULL;
	if ((rc = pm_reader_open_file(&rd, path, err)))
		return rc;
	rd->progress = opts ? opts->progress : NULL;
	return pm_csv_open(csv, rd, &nces, err);
}

static enum pm_status cip_row(struct pm_csv *csv, const int *col, sqlite3_stmt *ins,
			      struct pm_err *err)
{
	char code[PM_CODE_MAX], fam[PM_CODE_MAX], want[PM_CODE_MAX], where[320];
	const char *title = pm_csv_field(csv, (size_t)col[2], NULL);
	const char *def = col[3] >= 0 ? pm_csv_field(csv, (size_t)col[3], NULL) : "";
	const char *action = col[4] >= 0 ? pm_csv_field(csv, (size_t)col[4], NULL) : "";
	unsigned long long line = (unsigned long long)pm_csv_line(csv);
	enum pm_status rc;

	snprintf(where, sizeof where, "%s:%llu field 'CIPCode'", pm_csv_name(csv), line);
	if ((rc = pm_code_normalize(PM_CODE_CIP, pm_csv_field(csv, (size_t)col[1], NULL), code,
				    sizeof code, where, err)))
		return rc;
	pm_cip_family(code, 2, want, sizeof want);
	if (col[0] >= 0) {
		snprintf(where, sizeof where, "%s:%llu field 'CIPFamily'", pm_csv_name(csv), line);
		if ((rc = pm_code_normalize(PM_CODE_CIP, pm_csv_field(csv, (size_t)col[0], NULL),
					    fam, sizeof fam, where, err)))
			return rc;
		if (strcmp(fam, want))
			return pm_err_set(err, PM_EDATA, "%s: family %s, but code %s is in %s",
					  where, fam, code, want);
	}
	if (pm_is_blank(title, strlen(title)))
		return pm_err_set(err, PM_EDATA, "%s:%llu field 'CIPTitle': empty",
				  pm_csv_name(csv), line);
	sqlite3_reset(ins);
	pm_bind_text(ins, 1, code);
	pm_bind_text(ins, 2, title);
	sqlite3_bind_int(ins, 3, pm_cip_level(code));
	pm_bind_text(ins, 4, want);
	pm_bind_text(ins, 5, pm_is_blank(def, strlen(def)) ? NULL : def);
	pm_bind_text(ins, 6, pm_is_blank(action, strlen(action)) ? NULL : action);
	return PM_OK;
}

/* The CIP edition in a file NAME ("CIPCode2020.csv" -> 2020), else 2020. */
static int cip_edition(const char *name)
{
	const char *p = strstr(name, "CIPCode");
	int64_t y;

	if (p && strlen(p + 7) >= 4 && !pm_parse_i64(p + 7, 4, &y) && y >= 1980 && y < 2100)
		return (int)y;
	return 2020;
}

static enum pm_status import_cipcodes(struct pm_store *st, const char *path,
				      const struct pm_import_opts *opts, struct pm_load *ld,
				      struct pm_err *err)
{
	static const char *const names[] = { "CIPFamily", "CIPCode", "CIPTitle", "CIPDefinition",
					     "Action" };
	const char *name = opts && opts->file_name ? opts->file_name : pm_path_base(path);
	struct pm_csv *csv = NULL;
	sqlite3_stmt *ins = NULL;
	enum pm_status rc;
	int col[5], edition = cip_edition(name);
	size_t i, n;
	bool eof;

	if (edition != 2020)
		return pm_err_set(err, PM_EDATA,
				  "'%s': CIP %d codes; pathmap's cip table holds CIP 2020", path,
				  edition);
	if ((rc = open_cipcodes(&csv, path, opts, err)))
		return rc;
	if ((rc = pm_csv_read_header(csv, err)))
		goto out;
	for (i = 0; i < 5; i++)
		col[i] = pm_csv_col(csv, names[i]);
	for (i = 1; i < 3; i++)
		if (col[i] < 0) {
			const char *h = pm_csv_head(csv, &n);

			if (n && h[0] == '<')
				rc = pm_err_set(err, PM_EDATA,
						"'%s' is an HTML page, not CIP codes", path);
			else
				rc = pm_err_set(
					err, PM_EDATA,
					"%s:1: no column '%s' in the header (CIPCode2020.csv "
					"has CIPFamily, CIPCode, CIPTitle, ...)",
					pm_csv_name(csv), names[i]);
			goto out;
		}
	if ((rc = pm_store_prepare(st,
				   "INSERT OR REPLACE INTO cip (code, title, level, family, "
				   "definition, action, vintage, dataset_id) VALUES "
				   "(?,?,?,?,?,?,'2020',?)",
				   &ins, err)))
		goto out;
	for (;;) {
		if ((rc = pm_csv_next_row(csv, &eof, err)) || eof)
			break;
		ld->ds.rows_read++;
		if ((rc = cip_row(csv, col, ins, err)))
			goto out;
		sqlite3_bind_int64(ins, 7, ld->ds.id);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = pm_store_fail(st, err, "cannot store CIP code");
			goto out;
		}
		ld->ds.rows_loaded++;
	}
	if (rc)
		goto out;
	pm_load_set_kind(&ld->ds, "cip-codes");
	pm_load_set_vintage(&ld->ds, "CIP %d", edition);
out:
	sqlite3_finalize(ins);
	pm_csv_free(csv);
	return rc;
}

enum pm_status pm_cipsoc_import(struct pm_store *st, const char *path,
				const struct pm_import_opts *opts, struct pm_import_report *rep,
				struct pm_err *err)
{
	static const char *const tables[] = { "cip", "cip_soc", NULL };
	bool xlsx = pm_is_zip_file(path);
	struct pm_load ld;
	enum pm_status rc;

	if ((rc = pm_load_begin(st, "cipsoc", xlsx ? "cip-soc-crosswalk" : "cip-codes", path, opts,
				rep, &ld, err)) ||
	    ld.skipped)
		goto out;
	rc = xlsx ? import_xwalk(st, path, opts, &ld, err)
		  : import_cipcodes(st, path, opts, &ld, err);
	pm_progress_finish(opts ? opts->progress : NULL);
	if (!rc)
		rc = pm_load_finish(st, &ld, tables, opts, rep, err);
out:
	pm_load_release(&ld);
	return rc;
}

/* ---- fetching ---- */

static const struct {
	const char *table, *file, *label;
	char kind;
} files[] = {
	{ "crosswalk", "CIP2020_SOC2018_Crosswalk.xlsx", "NCES CIP 2020 to SOC 2018 crosswalk",
	  'x' },
	{ "codes", "CIPCode2020.csv", "NCES CIP 2020 codes", 'c' },
};

enum pm_status pm_cipsoc_spec(struct pm_fetch_spec *s, const char *table, struct pm_err *err)
{
	const struct pm_source *src = pm_source_find("cipsoc");
	char *base;
	size_t i;

	memset(s, 0, sizeof *s);
	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		if (table && !strcmp(table, files[i].table))
			break;
	if (i == sizeof files / sizeof files[0])
		return pm_err_set(err, PM_EUSAGE,
				  "unknown NCES CIP table '%s' (crosswalk or codes)",
				  table ? table : "");
	base = pm_source_base(src);
	s->src = src;
	s->kind = files[i].kind;
	s->url = pm_xstrfmt("%s/%s", base, files[i].file);
	s->label = pm_xstrdup(files[i].label);
	snprintf(s->code, sizeof s->code, "%s", files[i].table);
	s->request = pm_xstrfmt("{\"source\":\"cipsoc\",\"table\":\"%s\"}", files[i].table);
	free(base);
	return PM_OK;
}

enum pm_status pm_cipsoc_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err)
{
	cJSON *o = cJSON_Parse(request);
	const char *t =
		o ? cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "table")) : NULL;
	enum pm_status rc;

	if (!t)
		rc = pm_err_set(err, PM_EDATA, "stored NCES CIP request lacks a table: %.80s",
				request);
	else
		rc = pm_cipsoc_spec(out, t, err);
	cJSON_Delete(o);
	return rc;
}

enum pm_status pm_cipsoc_validate(const struct pm_fetch_spec *spec, const char *path,
				  struct pm_err *err)
{
	struct xwalk x = { NULL, -1, -1, -1, -1, 0, 0 };
	struct pm_xlsx *wb = NULL;
	struct pm_csv *csv = NULL;
	enum pm_status rc;

	if (spec->kind == 'x') {
		if ((rc = pm_xlsx_open(&wb, path, err)) || (rc = find_xwalk(wb, &x, err)))
			pm_err_prefix(err, "%s", spec->url);
		else if (!x.sheet)
			rc = pm_err_set(err, PM_EDATA, "%s: not the CIP-SOC crosswalk", spec->url);
		pm_xlsx_sheet_free(x.sheet);
		pm_xlsx_free(wb);
		return rc;
	}
	if (!(rc = open_cipcodes(&csv, path, NULL, err)) && !(rc = pm_csv_read_header(csv, err)) &&
	    (pm_csv_col(csv, "CIPCode") < 0 || pm_csv_col(csv, "CIPTitle") < 0))
		rc = pm_err_set(err, PM_EDATA, "%s: not the CIP codes file (no CIPCode column)",
				spec->url);
	else if (rc)
		pm_err_prefix(err, "%s", spec->url);
	pm_csv_free(csv);
	return rc;
}
