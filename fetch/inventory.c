/*
 * The user's inventories: programs, partners, employers (see inventory.h
 * and docs/inventories.md).
 *
 * One loader serves the three files: a table of columns per inventory says
 * what each column is called, what it must hold and whether the file must
 * have it. The whole file is read and checked first, rows kept in memory
 * (inventories are hand-made lists: hundreds of rows, not millions), so a
 * bad file touches nothing in the store, not even the dataset table. Only
 * then are the rows of earlier loads of the same file name deleted and the
 * new rows inserted, inside the caller's transaction.
 *
 * Values are bound as text; the columns' SQLite affinity (REAL, INTEGER)
 * stores the checked numbers as numbers.
 */
#include "fetch/inventory.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/codes.h"
#include "core/csv.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "fetch/load.h"
#include "store/store.h"
#include "core/banned.h"

enum col_type {
	T_TEXT,	  /* trimmed text */
	T_CIP,	  /* a CIP code, in the cip table when one is loaded */
	T_LADDER, /* a ladder level (pm_inventory_ladder()) */
	T_BOOL,	  /* yes/no -> 1/0; blank = 0 */
	T_COUNTY, /* 5-digit county FIPS in the area table */
	T_REAL,	  /* a number >= 0 */
	T_MONEY,  /* dollars >= 0, "$4,250.00" -> 4250 */
	T_COUNT,  /* a whole number >= 0, "1,200" allowed */
	T_NAICS,  /* a NAICS code */
};

struct col {
	const char *name;  /* as stored and as written in the header */
	const char *alias; /* another header name accepted, or NULL */
	enum col_type type;
	bool required; /* the header must have it and every row must fill it */
};

struct inventory {
	const char *source; /* catalog name and dataset source */
	const char *table;
	const char *what; /* for messages: "program" */
	const struct col *cols;
	size_t ncols;
};

static const struct col program_cols[] = {
	{ "provider", NULL, T_TEXT, true },	   { "program", NULL, T_TEXT, true },
	{ "cip_code", "cip", T_CIP, true },	   { "credential", NULL, T_TEXT, true },
	{ "ladder", NULL, T_LADDER, true },	   { "hours", NULL, T_REAL, false },
	{ "weeks", NULL, T_REAL, false },	   { "cost", NULL, T_MONEY, false },
	{ "etpl", NULL, T_BOOL, false },	   { "county_fips", "county", T_COUNTY, false },
	{ "apprenticeship", NULL, T_BOOL, false },
};

static const struct col partner_cols[] = {
	{ "name", NULL, T_TEXT, true },	    { "kind", NULL, T_TEXT, true },
	{ "role", NULL, T_TEXT, false },    { "county_fips", "county", T_COUNTY, false },
	{ "contact", NULL, T_TEXT, false },
};

static const struct col employer_cols[] = {
	{ "name", NULL, T_TEXT, true },
	{ "naics", NULL, T_NAICS, false },
	{ "county_fips", "county", T_COUNTY, false },
	{ "employees", NULL, T_COUNT, false },
	{ "contact", NULL, T_TEXT, false },
};

#define NCOLS(a) (sizeof a / sizeof a[0])

static const struct inventory programs = { "programs", "program", "program", program_cols,
					   NCOLS(program_cols) };
static const struct inventory partners = { "partners", "partner", "partner", partner_cols,
					   NCOLS(partner_cols) };
static const struct inventory employers = { "employers", "employer", "employer", employer_cols,
					    NCOLS(employer_cols) };

#define MAX_COLS 11

/* ---- values ---- */

static const struct {
	const char *spelling; /* lower case, blanks and punctuation as written */
	const char *ladder;
} ladders[] = {
	{ "short-term certificate", "short-term certificate" },
	{ "short term certificate", "short-term certificate" },
	{ "short-term", "short-term certificate" },
	{ "short certificate", "short-term certificate" },
	{ "certificate < 1 year", "short-term certificate" },
	{ "certificate less than 1 year", "short-term certificate" },
	{ "long certificate", "long certificate" },
	{ "long-term certificate", "long certificate" },
	{ "long term certificate", "long certificate" },
	{ "certificate 1+ year", "long certificate" },
	{ "certificate 1-2 years", "long certificate" },
	{ "associate", "associate" },
	{ "associates", "associate" },
	{ "associate's", "associate" },
	{ "associate degree", "associate" },
	{ "associate's degree", "associate" },
	{ "associates degree", "associate" },
	{ "bachelor", "bachelor" },
	{ "bachelors", "bachelor" },
	{ "bachelor's", "bachelor" },
	{ "bachelor degree", "bachelor" },
	{ "bachelor's degree", "bachelor" },
	{ "bachelors degree", "bachelor" },
	{ "graduate", "graduate" },
	{ "graduate degree", "graduate" },
	{ "master's", "graduate" },
	{ "master's degree", "graduate" },
	{ "masters", "graduate" },
	{ "apprenticeship", "apprenticeship" },
	{ "registered apprenticeship", "apprenticeship" },
	{ "pre-apprenticeship", "apprenticeship" },
	{ "industry certification", "industry certification" },
	{ "industry-recognized certification", "industry certification" },
	{ "industry recognized certification", "industry certification" },
	{ "industry credential", "industry certification" },
	{ "certification", "industry certification" },
};

const char *pm_inventory_ladder(const char *in)
{
	char low[64];
	size_t i, n = 0;

	while (isspace((unsigned char)*in))
		in++;
	for (; *in && n < sizeof low - 1; in++) {
		unsigned char c = (unsigned char)*in;

		if (isspace(c) || c == '_') {
			if (n && low[n - 1] != ' ')
				low[n++] = ' ';
			continue;
		}
		low[n++] = c == 0x60 ? '\'' : (char)tolower(c); /* backquote as apostrophe */
	}
	while (n && low[n - 1] == ' ')
		n--;
	low[n] = '\0';
	for (i = 0; i < sizeof ladders / sizeof ladders[0]; i++)
		if (!strcmp(low, ladders[i].spelling))
			return ladders[i].ladder;
	return NULL;
}

/* 1 for yes, 0 for no (blank is no), -1 for neither. */
static int yes_no(const char *v)
{
	static const char *const yes[] = { "yes", "y", "true", "1", "t", NULL };
	static const char *const no[] = { "no", "n", "false", "0", "f", "", NULL };
	size_t i;

	for (i = 0; yes[i]; i++)
		if (!strcasecmp(v, yes[i]))
			return 1;
	for (i = 0; no[i]; i++)
		if (!strcasecmp(v, no[i]))
			return 0;
	return -1;
}

/* V without '$' in front and thousands commas, into OUT (size N); false when too long. */
static bool strip_number(const char *v, char *out, size_t n, bool dollar)
{
	size_t k = 0;

	if (dollar && *v == '$')
		v++;
	for (; *v; v++) {
		if (*v == ',')
			continue;
		if (k + 1 >= n)
			return false;
		out[k++] = *v;
	}
	out[k] = '\0';
	return true;
}

/* ---- checking one file ---- */

struct checker {
	struct pm_store *st;
	const char *file; /* as given, for messages */
	sqlite3_stmt *cip, *area;
	bool have_cip;
	struct pm_buf errs[PM_INVENTORY_MAX_ERRORS];
	size_t nerr;
	bool more; /* errors beyond the ones kept */
	size_t bad_rows;
	uint64_t last_bad_line;
};

static void row_error(struct checker *ck, uint64_t line, const char *field, const char *fmt, ...)
	PM_PRINTF(4, 5);

static void row_error(struct checker *ck, uint64_t line, const char *field, const char *fmt, ...)
{
	struct pm_buf *b;
	va_list ap;

	if (line != ck->last_bad_line) {
		ck->bad_rows++;
		ck->last_bad_line = line;
	}
	if (ck->nerr == PM_INVENTORY_MAX_ERRORS) {
		ck->more = true;
		return;
	}
	b = &ck->errs[ck->nerr++];
	pm_buf_init(b, 0);
	pm_buf_addf(b, "%s:%llu: field '%s': ", ck->file, (unsigned long long)line, field);
	va_start(ap, fmt);
	pm_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

/* Is CODE in the table STMT looks up (one bound text parameter)? */
static enum pm_status exists(struct checker *ck, sqlite3_stmt *s, const char *code, bool *found,
			     struct pm_err *err)
{
	int step;

	sqlite3_reset(s);
	pm_bind_text(s, 1, code);
	step = sqlite3_step(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return pm_store_fail(ck->st, err, "cannot look up codes");
	*found = step == SQLITE_ROW;
	return PM_OK;
}

/*
 * Check value V of column C on LINE; OUT gets the value to store (a new
 * string) or NULL for none. Bad values are recorded in CK; only store
 * failures are returned.
 */
static enum pm_status check_value(struct checker *ck, const struct col *c, const char *v,
				  uint64_t line, char **out, struct pm_err *err)
{
	char code[PM_CODE_MAX], num[64];
	const char *l;
	enum pm_status rc;
	bool found = false;
	double d;
	int64_t i;
	int yn;

	*out = NULL;
	if (!*v && c->type != T_BOOL) {
		if (c->required)
			row_error(ck, line, c->name, "empty (required)");
		return PM_OK;
	}
	switch (c->type) {
	case T_TEXT: *out = pm_xstrdup(v); return PM_OK;
	case T_CIP:
		if (pm_code_normalize(PM_CODE_CIP, v, code, sizeof code, NULL, NULL)) {
			row_error(ck, line, c->name, "'%s' is not a CIP code (e.g. 51.3801)", v);
			return PM_OK;
		}
		if (ck->have_cip) {
			if ((rc = exists(ck, ck->cip, code, &found, err)))
				return rc;
			if (!found) {
				row_error(ck, line, c->name,
					  "CIP code %s is not in the loaded CIP list", code);
				return PM_OK;
			}
		}
		*out = pm_xstrdup(code);
		return PM_OK;
	case T_LADDER:
		if (!(l = pm_inventory_ladder(v))) {
			row_error(ck, line, c->name,
				  "'%s' is not a ladder level (short-term certificate, long "
				  "certificate, associate, bachelor, graduate, apprenticeship, "
				  "industry certification)",
				  v);
			return PM_OK;
		}
		*out = pm_xstrdup(l);
		return PM_OK;
	case T_BOOL:
		if ((yn = yes_no(v)) < 0) {
			row_error(ck, line, c->name, "'%s' is not yes or no", v);
			return PM_OK;
		}
		*out = pm_xstrdup(yn ? "1" : "0");
		return PM_OK;
	case T_COUNTY:
		if (strlen(v) != 5 || !pm_all_digits(v, 5) ||
		    pm_code_normalize(PM_CODE_FIPS_COUNTY, v, code, sizeof code, NULL, NULL)) {
			row_error(ck, line, c->name,
				  "'%s' is not a 5-digit county FIPS code (e.g. 39049)", v);
			return PM_OK;
		}
		if ((rc = exists(ck, ck->area, code, &found, err)))
			return rc;
		if (!found) {
			row_error(ck, line, c->name, "county %s is not a known county", code);
			return PM_OK;
		}
		*out = pm_xstrdup(code);
		return PM_OK;
	case T_REAL:
		if (pm_parse_double(v, strlen(v), &d) || d < 0) {
			row_error(ck, line, c->name, "'%s' is not a number of 0 or more", v);
			return PM_OK;
		}
		*out = pm_xstrfmt("%.15g", d);
		return PM_OK;
	case T_MONEY:
		if (!strip_number(v, num, sizeof num, true) ||
		    pm_parse_double(num, strlen(num), &d) || d < 0 || d > 1e12) {
			row_error(ck, line, c->name,
				  "'%s' is not an amount of dollars of 0 or more", v);
			return PM_OK;
		}
		*out = pm_xstrfmt("%lld", (long long)(d + 0.5));
		return PM_OK;
	case T_COUNT:
		if (!strip_number(v, num, sizeof num, false) ||
		    pm_parse_i64(num, strlen(num), &i) || i < 0) {
			row_error(ck, line, c->name, "'%s' is not a whole number of 0 or more", v);
			return PM_OK;
		}
		*out = pm_xstrfmt("%lld", (long long)i);
		return PM_OK;
	case T_NAICS:
		if (pm_code_normalize(PM_CODE_NAICS, v, code, sizeof code, NULL, NULL)) {
			row_error(ck, line, c->name, "'%s' is not a NAICS code (e.g. 622110)", v);
			return PM_OK;
		}
		*out = pm_xstrdup(code);
		return PM_OK;
	}
	return PM_OK;
}

struct row {
	uint64_t line;
	char *v[MAX_COLS];
};

static void rows_free(struct row *rows, size_t n)
{
	size_t i, j;

	for (i = 0; rows && i < n; i++)
		for (j = 0; j < MAX_COLS; j++)
			free(rows[i].v[j]);
	free(rows);
}

/* A copy of field I of the current row, blanks trimmed (a static "" when I < 0). */
static char *field_trimmed(struct pm_csv *csv, int i)
{
	const char *s, *e;
	size_t len;

	if (i < 0 || (size_t)i >= pm_csv_nfields(csv))
		return pm_xstrdup("");
	s = pm_csv_field(csv, (size_t)i, &len);
	e = s + len;
	while (s < e && isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return pm_xstrndup(s, (size_t)(e - s));
}

/* Fail when the header lacks required columns, naming them; IDX gets each column's index. */
static enum pm_status map_columns(const struct inventory *inv, struct pm_csv *csv, const char *file,
				  int *idx, struct pm_err *err)
{
	struct pm_buf missing = PM_BUF_INIT;
	size_t i, nmissing = 0;
	enum pm_status rc = PM_OK;

	for (i = 0; i < inv->ncols; i++) {
		const struct col *c = &inv->cols[i];

		idx[i] = pm_csv_col(csv, c->name);
		if (idx[i] < 0 && c->alias)
			idx[i] = pm_csv_col(csv, c->alias);
		if (idx[i] < 0 && c->required) {
			pm_buf_addf(&missing, "%s'%s'", nmissing ? ", " : "", c->name);
			nmissing++;
		}
	}
	if (nmissing)
		rc = pm_err_set(err, PM_EDATA,
				"%s:1: not a %s inventory: the header lacks column%s %s (see "
				"docs/inventories.md or data/templates/%s.csv)",
				file, inv->what, nmissing > 1 ? "s" : "", missing.buf, inv->source);
	pm_buf_release(&missing);
	return rc;
}

/* Read and check every row of PATH into *ROWS; bad values go to CK. */
static enum pm_status read_rows(const struct inventory *inv, struct checker *ck, const char *path,
				struct row **rows, size_t *nrows, struct pm_err *err)
{
	struct pm_csv *csv = NULL;
	struct pm_csv_opts co = { .excel_guards = true };
	int idx[MAX_COLS];
	size_t alloc = 0, i;
	enum pm_status rc;
	bool eof = false;

	*rows = NULL;
	*nrows = 0;
	if ((rc = pm_csv_open_file(&csv, path, &co, err)) || (rc = pm_csv_next_row(csv, &eof, err)))
		goto out;
	if (eof) {
		rc = pm_err_set(err, PM_EDATA, "%s: empty file: expected a header line", path);
		goto out;
	}
	pm_csv_take_header(csv);
	if ((rc = map_columns(inv, csv, path, idx, err)))
		goto out;
	for (;;) {
		struct row *r;
		bool appr_blank = false;
		int lad = -1, appr = -1;

		if ((rc = pm_csv_next_row(csv, &eof, err)))
			goto out;
		if (eof)
			break;
		PM_ALLOC_GROW(*rows, *nrows + 1, alloc);
		r = &(*rows)[(*nrows)++];
		memset(r, 0, sizeof *r);
		r->line = pm_csv_line(csv);
		for (i = 0; i < inv->ncols; i++) {
			char *v = field_trimmed(csv, idx[i]);

			if (inv->cols[i].type == T_LADDER)
				lad = (int)i;
			if (!strcmp(inv->cols[i].name, "apprenticeship")) {
				appr = (int)i;
				appr_blank = !*v;
			}
			rc = check_value(ck, &inv->cols[i], v, r->line, &r->v[i], err);
			free(v);
			if (rc)
				goto out;
		}
		/* A program on the apprenticeship ladder is an apprenticeship unless it says not.
		 */
		if (lad >= 0 && appr >= 0 && appr_blank && r->v[lad] && r->v[appr] &&
		    !strcmp(r->v[lad], "apprenticeship"))
			r->v[appr][0] = '1';
	}
	if (!*nrows && !ck->nerr)
		pm_warn("%s: no %ss listed (only a header)", path, inv->what);
out:
	pm_csv_free(csv);
	return rc;
}

/* The error for the bad rows in CK: the one, or each logged and a count. */
static enum pm_status report_errors(struct checker *ck, const char *path, size_t nrows,
				    struct pm_err *err)
{
	size_t i;

	if (ck->nerr == 1 && !ck->more)
		return pm_err_set(err, PM_EDATA, "%s (nothing loaded)", ck->errs[0].buf);
	for (i = 0; i < ck->nerr; i++)
		pm_log(PM_LOG_ERROR, "%s", ck->errs[i].buf);
	return pm_err_set(
		err, PM_EDATA,
		"%s: %s%zu bad values in %zu of %zu rows (%slisted above): nothing loaded", path,
		ck->more ? "more than " : "", ck->nerr, ck->bad_rows, nrows,
		ck->more ? "the first ones " : "");
}

/* ---- loading ---- */

/* Delete the rows earlier loads of a file named like LD's left in INV's table. */
static enum pm_status drop_earlier(struct pm_store *st, const struct inventory *inv,
				   struct pm_load *ld, struct pm_err *err)
{
	struct pm_buf sql = PM_BUF_INIT;
	sqlite3_stmt *s = NULL;
	enum pm_status rc;

	pm_buf_addf(&sql,
		    "DELETE FROM %s WHERE dataset_id IN (SELECT id FROM dataset WHERE source = ?1 "
		    "AND file_name = ?2 AND id <> ?3)",
		    inv->table);
	if (!(rc = pm_store_prepare(st, sql.buf, &s, err))) {
		pm_bind_text(s, 1, inv->source);
		pm_bind_text(s, 2, ld->ds.file_name);
		sqlite3_bind_int64(s, 3, ld->ds.id);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = pm_store_fail(st, err, "cannot replace the earlier inventory");
	}
	sqlite3_finalize(s);
	pm_buf_release(&sql);
	return rc;
}

static enum pm_status insert_rows(struct pm_store *st, const struct inventory *inv,
				  struct row *rows, size_t nrows, struct pm_load *ld,
				  struct pm_err *err)
{
	struct pm_buf sql = PM_BUF_INIT;
	sqlite3_stmt *s = NULL;
	enum pm_status rc;
	size_t i, j;

	pm_buf_addf(&sql, "INSERT INTO %s (", inv->table);
	for (i = 0; i < inv->ncols; i++)
		pm_buf_addf(&sql, "%s, ", inv->cols[i].name);
	pm_buf_adds(&sql, "line, dataset_id) VALUES (");
	for (i = 0; i < inv->ncols + 2; i++)
		pm_buf_adds(&sql, i ? ", ?" : "?");
	pm_buf_adds(&sql, ")");
	if ((rc = pm_store_prepare(st, sql.buf, &s, err)))
		goto out;
	for (i = 0; i < nrows; i++) {
		sqlite3_reset(s);
		for (j = 0; j < inv->ncols; j++)
			pm_bind_text(s, (int)j + 1, rows[i].v[j]);
		sqlite3_bind_int64(s, (int)inv->ncols + 1, (sqlite3_int64)rows[i].line);
		sqlite3_bind_int64(s, (int)inv->ncols + 2, ld->ds.id);
		if (sqlite3_step(s) != SQLITE_DONE) {
			rc = pm_store_fail(st, err, "cannot store the inventory");
			goto out;
		}
		ld->ds.rows_loaded++;
	}
out:
	sqlite3_finalize(s);
	pm_buf_release(&sql);
	return rc;
}

static enum pm_status import_inventory(const struct inventory *inv, struct pm_store *st,
				       const char *path, const struct pm_import_opts *opts,
				       struct pm_import_report *rep, struct pm_err *err)
{
	const char *const tables[] = { inv->table, NULL };
	struct checker ck;
	struct row *rows = NULL;
	struct pm_load ld;
	size_t nrows = 0, i;
	enum pm_status rc;
	sqlite3_stmt *probe = NULL;

	memset(&ck, 0, sizeof ck);
	memset(&ld, 0, sizeof ld);
	memset(rep, 0, sizeof *rep);
	ck.st = st;
	ck.file = path;
	if ((rc = pm_store_prepare(st, "SELECT 1 FROM cip WHERE code = ?1", &ck.cip, err)) ||
	    (rc = pm_store_prepare(st,
				   "SELECT 1 FROM area WHERE area_fips = ?1 AND area_type = "
				   "'county'",
				   &ck.area, err)) ||
	    (rc = pm_store_prepare(st, "SELECT EXISTS (SELECT 1 FROM cip)", &probe, err)))
		goto out;
	ck.have_cip = sqlite3_step(probe) == SQLITE_ROW && sqlite3_column_int(probe, 0);
	if ((rc = read_rows(inv, &ck, path, &rows, &nrows, err)))
		goto out;
	if (ck.nerr) {
		rc = report_errors(&ck, path, nrows, err);
		goto out;
	}
	if ((rc = pm_load_begin(st, inv->source, inv->what, path, opts, rep, &ld, err)) ||
	    ld.skipped)
		goto out;
	ld.ds.rows_read = (int64_t)nrows;
	if ((rc = drop_earlier(st, inv, &ld, err)) ||
	    (rc = insert_rows(st, inv, rows, nrows, &ld, err)))
		goto out;
	rc = pm_load_finish(st, &ld, tables, opts, rep, err);
out:
	for (i = 0; i < ck.nerr; i++)
		pm_buf_release(&ck.errs[i]);
	sqlite3_finalize(ck.cip);
	sqlite3_finalize(ck.area);
	sqlite3_finalize(probe);
	rows_free(rows, nrows);
	pm_load_release(&ld);
	return rc;
}

enum pm_status pm_inventory_import_programs(struct pm_store *st, const char *path,
					    const struct pm_import_opts *opts,
					    struct pm_import_report *rep, struct pm_err *err)
{
	return import_inventory(&programs, st, path, opts, rep, err);
}

enum pm_status pm_inventory_import_partners(struct pm_store *st, const char *path,
					    const struct pm_import_opts *opts,
					    struct pm_import_report *rep, struct pm_err *err)
{
	return import_inventory(&partners, st, path, opts, rep, err);
}

enum pm_status pm_inventory_import_employers(struct pm_store *st, const char *path,
					     const struct pm_import_opts *opts,
					     struct pm_import_report *rep, struct pm_err *err)
{
	return import_inventory(&employers, st, path, opts, rep, err);
}
