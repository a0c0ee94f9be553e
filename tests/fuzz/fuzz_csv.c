/*
 * Fuzz the CSV reader: the input is a CSV file. It is parsed twice, once
 * from memory in whole chunks and once through a reader that returns a few
 * bytes per call, and both runs must agree (rows, fields, line numbers,
 * status, message, head): a row split across reads must not parse
 * differently. That is done in each way of reading quotes: strict,
 * lenient with Excel's ="..." guards (a '=' held back at the end of a read
 * must come out the same), and tab-separated without quoting.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct drip {
	const unsigned char *data;
	size_t n, pos, step;
};

static ssize_t drip_read(struct pm_reader *r, void *buf, size_t n, struct pm_err *err)
{
	struct drip *d = r->ctx;
	size_t k = d->n - d->pos;

	(void)err;
	if (k > d->step)
		k = d->step;
	if (k > n)
		k = n;
	memcpy(buf, d->data + d->pos, k);
	d->pos += k;
	return (ssize_t)k;
}

static void drip_close(struct pm_reader *r)
{
	free(r->ctx);
}

static struct pm_reader *drip_reader(const unsigned char *data, size_t n, size_t step)
{
	struct pm_reader *r = pm_reader_alloc("fuzz.csv");
	struct drip *d = malloc(sizeof *d);

	if (!d)
		abort();
	d->data = data;
	d->n = n;
	d->pos = 0;
	d->step = step;
	r->ctx = d;
	r->read = drip_read;
	r->close = drip_close;
	return r;
}

static const struct pm_csv_opts modes[] = {
	{ .max_field = 4096, .max_fields = 512 },
	{ .max_field = 4096,
	  .max_fields = 512,
	  .quoting = PM_CSV_QUOTES_LENIENT,
	  .excel_guards = true },
	{ .delim = '\t', .max_field = 4096, .max_fields = 512, .quoting = PM_CSV_QUOTES_NONE },
};

/* Parse everything from RD into OUT; returns the status, with the message in ERR. */
static enum pm_status run(struct pm_reader *rd, const struct pm_csv_opts *opts,
			  struct pm_buf *out, struct pm_err *errp)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c;
	enum pm_status rc;
	const char *head;
	size_t hlen, i;
	bool eof = false;
	int col;

	if ((rc = pm_csv_open(&c, rd, opts, &err))) {
		*errp = err;
		return rc;
	}
	rc = pm_csv_read_header(c, &err);
	if (rc == PM_OK) {
		pm_buf_addf(out, "header %zu\n", pm_csv_ncols(c));
		col = pm_csv_col(c, "area_fips");
		if (col >= (int)pm_csv_ncols(c))
			abort();
		for (i = 0; i < pm_csv_ncols(c); i++)
			pm_buf_addf(out, "[%s]", pm_csv_colname(c, i));
		while ((rc = pm_csv_next_row(c, &eof, &err)) == PM_OK && !eof) {
			pm_buf_addf(out, "\n%llu:%zu:", (unsigned long long)pm_csv_line(c),
				    pm_csv_nfields(c));
			for (i = 0; i < pm_csv_nfields(c); i++) {
				size_t len;
				const char *f = pm_csv_field(c, i, &len);

				if (f[len] != '\0' || memchr(f, '\0', len))
					abort(); /* fields are NUL-terminated and hold no NUL */
				/* Without quoting a field holds no delimiter or line end. */
				if (opts->quoting == PM_CSV_QUOTES_NONE &&
				    (memchr(f, '\t', len) || memchr(f, '\n', len) ||
				     memchr(f, '\r', len)))
					abort();
				pm_buf_addf(out, "%zu:", len);
				pm_buf_add(out, f, len);
			}
			if (col >= 0)
				pm_buf_adds(out, pm_csv_field(c, (size_t)col, NULL));
		}
	}
	*errp = err;
	head = pm_csv_head(c, &hlen);
	if (hlen > 512)
		abort();
	if (rc == PM_OK) {
		pm_buf_add(out, head, hlen);
		/* EOF stays EOF. */
		if (pm_csv_next_row(c, &eof, &err) != PM_OK || !eof)
			abort();
	}
	pm_csv_free(c);
	return rc;
}

/* Parse COPY whole and dripped with OPTS; abort when the two disagree. */
static void check(const unsigned char *copy, size_t size, const struct pm_csv_opts *opts)
{
	struct pm_buf whole = PM_BUF_INIT, dripped = PM_BUF_INIT;
	struct pm_err ea = PM_ERR_INIT, eb = PM_ERR_INIT;
	enum pm_status a, b;

	a = run(pm_reader_new_mem(copy, size, "fuzz.csv"), opts, &whole, &ea);
	b = run(drip_reader(copy, size, 1 + size % 7), opts, &dripped, &eb);
	/*
	 * Same outcome either way. On an error the rows handed out before it
	 * may differ (the whole-chunk run parses ahead), so only the status
	 * and message are compared then.
	 */
	if (a != b)
		abort();
	if (a == PM_OK) {
		if (whole.len != dripped.len || memcmp(whole.buf, dripped.buf, whole.len))
			abort();
	} else if (ea.code != a || eb.code != b || strcmp(ea.msg, eb.msg)) {
		abort();
	}
	pm_buf_release(&whole);
	pm_buf_release(&dripped);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy = malloc(size ? size : 1);
	size_t i;

	if (!copy)
		return 0;
	if (size)
		memcpy(copy, data, size);
	for (i = 0; i < sizeof modes / sizeof modes[0]; i++)
		check(copy, size, &modes[i]);
	free(copy);
	return 0;
}
