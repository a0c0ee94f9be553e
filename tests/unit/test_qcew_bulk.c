/*
 * Unit tests for the fast QCEW load path: the bulk writer (store/qcew_write.c),
 * the read-ahead thread (fetch/qcew_pipe.c) and decimal parsing
 * (fetch/qcew_layout.c), each checked against the slow, obvious way.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/csv.h"
#include "core/reader.h"
#include "fetch/qcew.h"
#include "store/store.h"

#include "loaders_fixture.h" /* a fresh store per test */

/* ---- a synthetic row source ---- */

struct counter {
	int n;	     /* rows to give */
	int fail_at; /* fail instead of giving row FAIL_AT (-1: never) */
	int given;
	int stride; /* area = (i * stride) % n: out of key order when stride > 1 */
	struct pm_qcew_row row;
};

static void make_row(struct pm_qcew_row *r, int i, int area)
{
	memset(r, 0, sizeof *r);
	snprintf(r->area, sizeof r->area, "%05d", area % 100000);
	memcpy(r->own, "5", 2);
	snprintf(r->industry, sizeof r->industry, "%d", 1000 + i % 7);
	memcpy(r->agglvl, "76", 3);
	memcpy(r->size, "0", 2);
	r->year = 2023;
	memcpy(r->qtr, "A", 2);
	if (i % 3 == 0)
		memcpy(r->disclosure, "N", 2);
	r->has[PM_Q_ESTABS] = true;
	r->v[PM_Q_ESTABS].i = i;
	if (i % 3) {
		r->has[PM_Q_EMPLVL] = true;
		r->v[PM_Q_EMPLVL].i = 10LL * i;
		r->has[PM_Q_LQ_EMPLVL] = true;
		r->v[PM_Q_LQ_EMPLVL].d = i / 8.0;
	}
}

static enum pm_status count_next(void *ctx, const struct pm_qcew_row **row, struct pm_err *err)
{
	struct counter *c = ctx;

	*row = NULL;
	if (c->given == c->fail_at)
		return pm_err_set(err, PM_EDATA, "row %d is bad", c->given);
	if (c->given == c->n)
		return PM_OK;
	make_row(&c->row, c->given, (c->given * c->stride) % c->n);
	c->given++;
	*row = &c->row;
	return PM_OK;
}

/* ---- the read-ahead pipe ---- */

TestSuite(qcew_pipe);

Test(qcew_pipe, gives_every_row_in_order_then_the_end)
{
	struct counter c = { .n = 10007, .fail_at = -1, .stride = 1 };
	struct pm_qcew_pipe *p;
	const struct pm_qcew_row *r;
	struct pm_err err = PM_ERR_INIT;
	int i;

	cr_assert_eq(pm_qcew_pipe_start(&p, count_next, &c, &err), PM_OK);
	for (i = 0; i < 10007; i++) {
		struct pm_qcew_row want;

		cr_assert_eq(pm_qcew_pipe_next(p, &r, &err), PM_OK);
		cr_assert_not_null(r, "row %d missing", i);
		make_row(&want, i, i);
		cr_assert_eq(memcmp(r, &want, sizeof want), 0, "row %d differs", i);
	}
	cr_assert_eq(pm_qcew_pipe_next(p, &r, &err), PM_OK);
	cr_assert_null(r);
	cr_assert_eq(pm_qcew_pipe_next(p, &r, &err), PM_OK);
	cr_assert_null(r);
	pm_qcew_pipe_free(p);
	cr_assert_eq(c.given, 10007);
}

Test(qcew_pipe, passes_on_the_failure_after_the_rows_before_it)
{
	struct counter c = { .n = 100000, .fail_at = 5000, .stride = 1 };
	struct pm_qcew_pipe *p;
	const struct pm_qcew_row *r;
	struct pm_err err = PM_ERR_INIT;
	enum pm_status rc;
	int n = 0;

	cr_assert_eq(pm_qcew_pipe_start(&p, count_next, &c, &err), PM_OK);
	while (!(rc = pm_qcew_pipe_next(p, &r, &err)) && r)
		cr_assert_eq(r->v[PM_Q_ESTABS].i, n++);
	cr_assert_eq(rc, PM_EDATA);
	cr_assert_eq(n, 5000);
	cr_assert_str_eq(err.msg, "row 5000 is bad");
	pm_qcew_pipe_free(p);
}

Test(qcew_pipe, empty_source_and_early_stop)
{
	struct counter none = { .n = 0, .fail_at = -1, .stride = 1 };
	struct counter many = { .n = 1000000, .fail_at = -1, .stride = 1 };
	struct pm_qcew_pipe *p;
	const struct pm_qcew_row *r;

	cr_assert_eq(pm_qcew_pipe_start(&p, count_next, &none, NULL), PM_OK);
	cr_assert_eq(pm_qcew_pipe_next(p, &r, NULL), PM_OK);
	cr_assert_null(r);
	pm_qcew_pipe_free(p);

	/* The reader is blocked on a full ring: freeing must stop it, not hang. */
	cr_assert_eq(pm_qcew_pipe_start(&p, count_next, &many, NULL), PM_OK);
	cr_assert_eq(pm_qcew_pipe_next(p, &r, NULL), PM_OK);
	cr_assert_not_null(r);
	nanosleep(&(struct timespec){ .tv_nsec = 20000000 }, NULL);
	pm_qcew_pipe_free(p);
	cr_assert_lt(many.given, 1000000);
}

/* ---- the bulk writer against one INSERT per row ---- */

TestSuite(qcew_bulk, .init = setup, .fini = teardown);

static int64_t new_dataset(void)
{
	cr_assert_eq(pm_store_exec(st,
				   "INSERT INTO dataset (source, kind, file_name, location, bytes, "
				   "sha256, loaded_at) VALUES ('qcew', 'test', 'f', 'f', 0, "
				   "hex(randomblob(32)), '2026-01-01T00:00:00Z')",
				   NULL),
		     PM_OK);
	return sqlite3_last_insert_rowid(pm_store_db(st));
}

static void table_digest(const char *table, char *out, size_t n)
{
	char sql[512];
	sqlite3_stmt *s;

	snprintf(sql, sizeof sql,
		 "SELECT count(*) || ':' || total(estabs) || ':' || total(emplvl) || ':' || "
		 "total(lq_emplvl) || ':' || sum(disclosure_code = 'N') || ':' || "
		 "sum(emplvl IS NULL) || ':' || group_concat(area_fips || industry_code, '') "
		 "FROM (SELECT * FROM %s ORDER BY area_fips, industry_code)",
		 table);
	cr_assert_eq(pm_store_prepare(st, sql, &s, NULL), PM_OK);
	cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
	snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

Test(qcew_bulk, loads_what_row_by_row_inserts_load)
{
	/* 70,001 rows: past one batch; stride 7 gives rows out of key order, with repeats. */
	struct counter c = { .n = 70001, .fail_at = -1, .stride = 7 };
	struct pm_qcew_writer *w;
	char *bulk = malloc(1 << 22), *slow = malloc(1 << 22);
	const struct pm_qcew_row *r;
	int64_t ds;

	cr_assert_eq(pm_store_begin(st, NULL), PM_OK);
	ds = new_dataset();
	cr_assert_eq(pm_qcew_writer_new(st, ds, &w, NULL), PM_OK);
	cr_assert_eq(pm_qcew_writer_load(w, count_next, &c, NULL), PM_OK);
	pm_qcew_writer_free(w);
	cr_assert_eq(pm_store_commit(st, NULL), PM_OK);
	table_digest("qcew", bulk, 1 << 22);

	cr_assert_eq(pm_store_begin(st, NULL), PM_OK);
	cr_assert_eq(pm_store_exec(st, "DELETE FROM qcew", NULL), PM_OK);
	c = (struct counter){ .n = 70001, .fail_at = -1, .stride = 7 };
	cr_assert_eq(pm_qcew_writer_new(st, ds, &w, NULL), PM_OK);
	while (!count_next(&c, &r, NULL) && r)
		cr_assert_eq(pm_qcew_writer_put(w, r, NULL), PM_OK);
	pm_qcew_writer_free(w);
	cr_assert_eq(pm_store_commit(st, NULL), PM_OK);
	table_digest("qcew", slow, 1 << 22);

	cr_assert_str_eq(bulk, slow);
	free(bulk);
	free(slow);
}

Test(qcew_bulk, a_source_failure_is_reported_as_given)
{
	struct counter c = { .n = 70001, .fail_at = 66000, .stride = 1 };
	struct pm_qcew_writer *w;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(pm_store_begin(st, NULL), PM_OK);
	cr_assert_eq(pm_qcew_writer_new(st, new_dataset(), &w, NULL), PM_OK);
	cr_assert_eq(pm_qcew_writer_load(w, count_next, &c, &err), PM_EDATA);
	cr_assert_str_eq(err.msg, "row 66000 is bad");
	pm_qcew_writer_free(w);
	pm_store_rollback(st);
	{
		sqlite3_stmt *s;

		cr_assert_eq(pm_store_prepare(st, "SELECT count(*) FROM qcew", &s, NULL), PM_OK);
		cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
		cr_assert_eq(sqlite3_column_int(s, 0), 0);
		sqlite3_finalize(s);
	}
}

/* ---- decimals: the fast path gives strtod's value, bit for bit ---- */

TestSuite(qcew_decimals);

static const char header[] =
	"area_fips,own_code,industry_code,agglvl_code,size_code,year,qtr,disclosure_code,"
	"annual_avg_estabs,annual_avg_emplvl,total_annual_wages,lq_annual_avg_emplvl,"
	"oty_annual_avg_emplvl_pct_chg\n";

Test(qcew_decimals, match_strtod)
{
	static const char *const fixed[] = {
		"0",
		"0.0",
		"1.00",
		".5",
		"5.",
		"-0.0",
		"+2.5",
		"0.1",
		"0.3",
		"2.675",
		"1e3",
		"123456789012345",
		"1.23456789012345",
		"9999999999999999",
		"0.000001",
		"00000000000000000001.5",
		" 1.5",
		"-12.34",
		"100.0",
		"3.14159",
	};
	char *text = malloc(1 << 20);
	size_t len = 0, i, nvals = 0;
	char vals[2200][32];
	struct pm_qcew_layout lay;
	struct pm_csv *csv;
	struct pm_qcew_row row;
	struct pm_err err = PM_ERR_INIT;
	bool eof;
	int repaired = 0;

	srand(7);
	for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		snprintf(vals[nvals++], sizeof vals[0], "%s", fixed[i]);
	while (nvals < 2200) {
		int digits = rand() % 6, frac = rand() % 6;

		snprintf(vals[nvals++], sizeof vals[0], "%s%d.%0*d", rand() % 4 ? "" : "-",
			 rand() % (digits ? (int)1e5 : 10), frac + 1, rand() % 1000000);
	}
	len += (size_t)snprintf(text, 1 << 20, "%s", header);
	for (i = 0; i < nvals; i++)
		len += (size_t)snprintf(text + len, (1 << 20) - len,
					"01001,5,1011,76,0,2023,A,,1,1,1,\"%s\",%s\n",
					vals[i][0] == '-' ? vals[i] + 1 : vals[i], vals[i]);
	cr_assert_eq(pm_csv_open(&csv, pm_reader_new_mem(text, len, "mem.csv"), NULL, &err), PM_OK);
	cr_assert_eq(pm_csv_read_header(csv, &err), PM_OK);
	cr_assert_eq(pm_qcew_layout_detect(csv, &lay, &err), PM_OK, "%s", err.msg);
	for (i = 0; i < nvals; i++) {
		const char *v = vals[i][0] == '-' ? vals[i] + 1 : vals[i];
		double want = strtod(v, NULL), want_pct = strtod(vals[i], NULL);

		cr_assert_eq(pm_csv_next_row(csv, &eof, &err), PM_OK);
		cr_assert_eq(pm_qcew_parse_row(&lay, csv, &row, &repaired, &err), PM_OK, "%s",
			     err.msg);
		cr_assert(row.has[PM_Q_LQ_EMPLVL]);
		cr_assert_eq(memcmp(&row.v[PM_Q_LQ_EMPLVL].d, &want, sizeof want), 0,
			     "'%s': %.17g, strtod %.17g", v, row.v[PM_Q_LQ_EMPLVL].d, want);
		cr_assert_eq(memcmp(&row.v[PM_Q_OTY_EMPLVL_PCT].d, &want_pct, sizeof want), 0,
			     "'%s': %.17g, strtod %.17g", vals[i], row.v[PM_Q_OTY_EMPLVL_PCT].d,
			     want_pct);
	}
	pm_csv_free(csv);
	free(text);
}
