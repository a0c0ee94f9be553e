/*
 * Shared scaffolding of the loader tests (test_loaders_*.c): a fresh store
 * per test, imports run the way `pathmap import` runs them (one
 * transaction, rolled back on failure), and one-value queries.
 */
#ifndef PM_TEST_LOADERS_FIXTURE_H
#define PM_TEST_LOADERS_FIXTURE_H

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/codes.h"
#include "core/xlsx.h"
#include "fetch/catalog.h"
#include "store/store.h"

#define SHARED PM_SHARED_DATA "/"
#define DATA   PM_TEST_DATA "/"

static char dir[64];
static char path[256];
static struct pm_store *st;

static void setup(void)
{
	strcpy(dir, "/tmp/pm-loaders-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/store.db", dir);
	cr_assert_eq(pm_store_open(&st, path, PM_STORE_CREATE, NULL), PM_OK);
}

static void teardown(void)
{
	char cmd[300];

	pm_store_close(st);
	pm_codes_cleanup();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

/* The first column of the first row of SQL as an integer; -999 for NULL, -1 for no row. */
static inline long long q(const char *sql)
{
	sqlite3_stmt *s;
	long long n = -1;

	cr_assert_eq(pm_store_prepare(st, sql, &s, NULL), PM_OK, "%s", sql);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_type(s, 0) == SQLITE_NULL ? -999 : sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* The same as a double; NAN for NULL or no row. */
static inline double qd(const char *sql)
{
	sqlite3_stmt *s;
	double v = NAN;

	cr_assert_eq(pm_store_prepare(st, sql, &s, NULL), PM_OK, "%s", sql);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
		v = sqlite3_column_double(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The same as text in a static buffer; "(null)" for NULL, "(none)" for no row. */
static inline const char *qs(const char *sql)
{
	static char buf[512];
	sqlite3_stmt *s;

	cr_assert_eq(pm_store_prepare(st, sql, &s, NULL), PM_OK, "%s", sql);
	snprintf(buf, sizeof buf, "(none)");
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(buf, sizeof buf, "%s",
			 sqlite3_column_type(s, 0) == SQLITE_NULL
				 ? "(null)"
				 : (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return buf;
}

/* Import FILE with FN in one transaction, as `pathmap import` does. */
static inline enum pm_status import_with(pm_import_fn *fn, const char *file, bool force,
					 struct pm_import_report *rep, struct pm_err *err)
{
	struct pm_import_opts o = { .force = force };
	enum pm_status rc;

	memset(rep, 0, sizeof *rep);
	cr_assert_eq(pm_store_begin(st, NULL), PM_OK);
	rc = fn(st, file, &o, rep, err);
	if (rc)
		pm_store_rollback(st);
	else
		cr_assert_eq(pm_store_commit(st, NULL), PM_OK);
	return rc;
}

/* Import and expect success; returns the rows reported. */
static inline long long import_ok(pm_import_fn *fn, const char *file, bool force)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;
	long long rows;

	cr_assert_eq(import_with(fn, file, force, &rep, &err), PM_OK, "%s: %s", file, err.msg);
	rows = rep.rows;
	pm_import_report_release(&rep);
	return rows;
}

/*
 * Import a bad FILE and expect PM_EDATA with every one of WANT (NULL-ended)
 * in the message, and the store as it was (same row count in TABLE, same
 * datasets).
 */
static inline void import_fails(pm_import_fn *fn, const char *file, const char *table,
				const char *const *want)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;
	char sql[200];
	long long rows, datasets;
	size_t i;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	rows = q(sql);
	datasets = q("SELECT count(*) FROM dataset");
	cr_assert_eq(import_with(fn, file, false, &rep, &err), PM_EDATA, "%s: %s", file, err.msg);
	for (i = 0; want[i]; i++)
		cr_assert(strstr(err.msg, want[i]), "%s: message '%s' lacks '%s'", file, err.msg,
			  want[i]);
	cr_assert_eq(q(sql), rows, "%s: rows of %s changed", file, table);
	cr_assert_eq(q("SELECT count(*) FROM dataset"), datasets, "%s: datasets changed", file);
	pm_import_report_release(&rep);
}

/*
 * Count the data rows of SHEET in the workbook at FILE independently of the
 * loaders: rows after HEADER_ROW whose column CODE_COL holds an NN-NNNN
 * code; with TYPE_COL >= 0 only those whose type column reads TYPE.
 */
static inline long long sheet_rows(const char *file, const char *sheet, uint32_t header_row,
				   size_t code_col, int type_col, const char *type)
{
	struct pm_xlsx *wb = NULL;
	struct pm_xlsx_sheet *s = NULL;
	long long n = 0;
	bool eof = false;

	cr_assert_eq(pm_xlsx_open(&wb, file, NULL), PM_OK, "%s", file);
	cr_assert_eq(pm_xlsx_sheet_open(wb, sheet, &s, NULL), PM_OK, "%s", sheet);
	for (;;) {
		const char *code;

		cr_assert_eq(pm_xlsx_next_row(s, &eof, NULL), PM_OK);
		if (eof)
			break;
		if (pm_xlsx_row_number(s) <= header_row)
			continue;
		code = pm_xlsx_cell(s, code_col, NULL);
		if (strlen(code) != 7 || code[2] != '-')
			continue;
		if (type_col >= 0 && strcmp(pm_xlsx_cell(s, (size_t)type_col, NULL), type))
			continue;
		n++;
	}
	pm_xlsx_sheet_free(s);
	pm_xlsx_free(wb);
	return n;
}

#endif
