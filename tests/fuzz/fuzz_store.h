#ifndef PM_FUZZ_STORE_H
#define PM_FUZZ_STORE_H
/*
 * A scratch store for the loader fuzz targets (fuzz_ipeds, fuzz_inventory,
 * fuzz_careeronestop): one per process, in a temporary directory removed at
 * exit, and FILE, a path inside it for the input under test. Included by
 * exactly one .c file per target (the statics are that file's).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/codes.h"
#include "store/store.h"

static struct pm_store *st;
static char dir[64], db[128], file[160];

static void fuzz_store_cleanup(void)
{
	pm_store_close(st);
	pm_codes_cleanup();
	unlink(db);
	unlink(file);
	rmdir(dir);
}

/* Open the scratch store on first use; NAME tells the temporary directories apart. */
static void fuzz_store_open(const char *name)
{
	if (st)
		return;
	snprintf(dir, sizeof dir, "/tmp/pm-fuzz-%s-XXXXXX", name);
	if (!mkdtemp(dir))
		abort();
	snprintf(db, sizeof db, "%s/store.db", dir);
	if (pm_store_open(&st, db, PM_STORE_CREATE, NULL))
		abort();
	atexit(fuzz_store_cleanup);
}

/* The single number SQL gives in the scratch store (-1 when none). */
static long long count(const char *sql)
{
	sqlite3_stmt *s;
	long long n = -1;

	if (pm_store_prepare(st, sql, &s, NULL))
		abort();
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

#endif
