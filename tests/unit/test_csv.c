/* Unit tests for core/csv.h: pull-style CSV reading of both BLS layouts. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/reader.h"

/* ---- helpers ---- */

/* A reader handing out at most STEP bytes per call, to split BOMs and rows. */
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

static struct pm_reader *drip_reader(const void *data, size_t n, size_t step)
{
	struct pm_reader *r = pm_reader_alloc("drip.csv");
	struct drip *d = calloc(1, sizeof *d);

	cr_assert_not_null(d);
	d->data = data;
	d->n = n;
	d->step = step;
	r->ctx = d;
	r->read = drip_read;
	r->close = drip_close;
	return r;
}

static struct pm_csv *open_rd(struct pm_reader *rd, const struct pm_csv_opts *opts)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c = NULL;

	cr_assert_eq(pm_csv_open(&c, rd, opts, &err), PM_OK, "pm_csv_open: %s", err.msg);
	cr_assert_not_null(c);
	return c;
}

static struct pm_csv *open_mem(const char *s, size_t n, const struct pm_csv_opts *opts)
{
	return open_rd(pm_reader_new_mem(s, n, "mem.csv"), opts);
}

static struct pm_csv *open_str(const char *s)
{
	return open_mem(s, strlen(s), NULL);
}

/*
 * Read every remaining row into OUT as "LINE:f1|f2|...\n". Returns the
 * status of the last pm_csv_next_row() (ERR set on failure).
 */
static enum pm_status dump(struct pm_csv *c, struct pm_buf *out, struct pm_err *err)
{
	enum pm_status rc;
	bool eof;
	size_t i;

	for (;;) {
		if ((rc = pm_csv_next_row(c, &eof, err)))
			return rc;
		if (eof)
			return PM_OK;
		pm_buf_addf(out, "%llu:", (unsigned long long)pm_csv_line(c));
		for (i = 0; i < pm_csv_nfields(c); i++) {
			size_t len;
			const char *f = pm_csv_field(c, i, &len);

			cr_assert_eq(f[len], '\0', "field must be NUL-terminated");
			cr_assert_eq(strlen(f), len);
			if (i)
				pm_buf_addch(out, '|');
			pm_buf_add(out, f, len);
		}
		pm_buf_addch(out, '\n');
	}
}

/* Parse S with OPTS and compare the dump of all its rows with WANT. */
static void expect_rows_opts(const char *s, size_t n, const struct pm_csv_opts *opts,
			     const char *want)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf out = PM_BUF_INIT;
	struct pm_csv *c = open_mem(s, n, opts);

	cr_assert_eq(dump(c, &out, &err), PM_OK, "unexpected error: %s", err.msg);
	cr_assert_str_eq(out.buf, want);
	pm_buf_release(&out);
	pm_csv_free(c);
}

static void expect_rows(const char *s, const char *want)
{
	expect_rows_opts(s, strlen(s), NULL, want);
}

/* Parse S with OPTS, expect failure CODE with a message containing NEEDLE. */
static void expect_fail_opts(const char *s, size_t n, const struct pm_csv_opts *opts,
			     enum pm_status code, const char *needle)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf out = PM_BUF_INIT;
	struct pm_csv *c = open_mem(s, n, opts);

	cr_assert_eq(dump(c, &out, &err), code, "want status %d, got %d (%s)", (int)code,
		     (int)err.code, err.msg);
	cr_assert_eq(err.code, code);
	cr_assert_not_null(strstr(err.msg, needle), "message '%s' lacks '%s'", err.msg, needle);
	cr_assert_not_null(strstr(err.msg, "mem.csv:"), "message '%s' lacks the source name",
			   err.msg);
	pm_buf_release(&out);
	pm_csv_free(c);
}

static void expect_fail(const char *s, enum pm_status code, const char *needle)
{
	expect_fail_opts(s, strlen(s), NULL, code, needle);
}

/* ---- layouts ---- */

Test(csv, crlf_quoted_layout)
{
	static const char in[] =
		"\"area_fips\",\"own_code\",\"industry_code\",\"disclosure_code\",\"lq_qtrly_estabs\"\r\n"
		"\"US000\",\"0\",\"10\",\"\",1.00\r\n"
		"\"US000\",\"1\",\"10\",\"N\",0.00\r\n";
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf out = PM_BUF_INIT;
	struct pm_csv *c = open_str(in);

	cr_assert_eq(pm_csv_read_header(c, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_csv_ncols(c), 5);
	cr_assert_eq(pm_csv_col(c, "area_fips"), 0);
	cr_assert_eq(pm_csv_col(c, "lq_qtrly_estabs"), 4);
	cr_assert_str_eq(pm_csv_colname(c, 3), "disclosure_code");
	cr_assert_eq(dump(c, &out, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(out.buf, "2:US000|0|10||1.00\n"
				  "3:US000|1|10|N|0.00\n");
	pm_buf_release(&out);
	pm_csv_free(c);
}

Test(csv, unquoted_lf_with_empty_fields)
{
	static const char in[] = "area_fips,own_code,disclosure_code,lq,oty\n"
				 "39049,0,,1.0,918\n"
				 "39049,1,,,\n"
				 ",,,,\n"
				 "39049,5,N,,-4";
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf out = PM_BUF_INIT;
	struct pm_csv *c = open_str(in);

	cr_assert_eq(pm_csv_read_header(c, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_csv_ncols(c), 5);
	cr_assert_eq(dump(c, &out, &err), PM_OK, "%s", err.msg);
	/* A row of empty fields is a row (only a lone empty field is a blank line). */
	cr_assert_str_eq(out.buf, "2:39049|0||1.0|918\n"
				  "3:39049|1|||\n"
				  "4:||||\n"
				  "5:39049|5|N||-4\n");
	pm_buf_release(&out);
	pm_csv_free(c);
}

Test(csv, field_count_per_row)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c = open_str("a,b,c\n1,,\n");
	size_t len = 99;
	bool eof;

	cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK);
	cr_assert_eq(pm_csv_nfields(c), 3);
	cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK);
	cr_assert_not(eof);
	cr_assert_eq(pm_csv_nfields(c), 3);
	cr_assert_str_eq(pm_csv_field(c, 0, &len), "1");
	cr_assert_eq(len, 1);
	cr_assert_str_eq(pm_csv_field(c, 2, &len), "");
	cr_assert_eq(len, 0);
	/* Out of range: empty, not a crash. */
	len = 99;
	cr_assert_str_eq(pm_csv_field(c, 3, &len), "");
	cr_assert_eq(len, 0);
	cr_assert_str_eq(pm_csv_field(c, 1000, NULL), "");
	cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK);
	cr_assert(eof);
	/* EOF is sticky. */
	cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK);
	cr_assert(eof);
	pm_csv_free(c);
}

Test(csv, quoted_fields_keep_commas_and_quotes)
{
	expect_rows("\"Columbus, OH\",\"say \"\"hi\"\"\",\"\"\n", "1:Columbus, OH|say \"hi\"|\n");
}

Test(csv, unquoted_blanks_are_trimmed_quoted_kept)
{
	expect_rows(" a , b \n\" x \",y\n", "1:a|b\n2: x |y\n");
}

Test(csv, tab_delimited)
{
	static const char in[] = "a\tb\tc\n1\t\t3\n\"x\ty\"\tz\t\n";
	struct pm_csv_opts o = { .delim = '\t' };

	expect_rows_opts(in, strlen(in), &o, "1:a|b|c\n2:1||3\n3:x\ty|z|\n");
}

Test(csv, no_final_newline)
{
	expect_rows("a,b\n1,2", "1:a|b\n2:1|2\n");
	expect_rows("a,b\r\n1,2", "1:a|b\n2:1|2\n");
	expect_rows("x", "1:x\n");
}

Test(csv, empty_input_has_no_rows)
{
	expect_rows("", "");
	expect_rows("\n\n\r\n", "");
}

/* ---- BOM ---- */

Test(csv, bom_is_stripped)
{
	static const char in[] = "\xEF\xBB\xBF" "area_fips,year\n39049,2020\n";
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c = open_str(in);
	struct pm_buf out = PM_BUF_INIT;

	cr_assert_eq(pm_csv_read_header(c, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_csv_col(c, "area_fips"), 0);
	cr_assert_str_eq(pm_csv_colname(c, 0), "area_fips");
	cr_assert_eq(dump(c, &out, &err), PM_OK);
	cr_assert_str_eq(out.buf, "2:39049|2020\n");
	pm_buf_release(&out);
	pm_csv_free(c);
}

static void check_bom_drip(size_t step)
{
	static const char in[] = "\xEF\xBB\xBF" "\"area_fips\",\"year\"\r\n\"39049\",\"2020\"\r\n";
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf out = PM_BUF_INIT;
	struct pm_csv *c = open_rd(drip_reader(in, strlen(in), step), NULL);
	const char *head;
	size_t hlen;

	cr_assert_eq(pm_csv_read_header(c, &err), PM_OK, "step %zu: %s", step, err.msg);
	cr_assert_eq(pm_csv_ncols(c), 2, "step %zu", step);
	cr_assert_str_eq(pm_csv_colname(c, 0), "area_fips", "step %zu: BOM not stripped", step);
	cr_assert_eq(pm_csv_col(c, "area_fips"), 0);
	cr_assert_eq(dump(c, &out, &err), PM_OK, "step %zu: %s", step, err.msg);
	cr_assert_str_eq(out.buf, "2:39049|2020\n", "step %zu", step);
	head = pm_csv_head(c, &hlen);
	cr_assert_eq(hlen, strlen(in) - 3, "step %zu: head has %zu bytes", step, hlen);
	cr_assert_eq(memcmp(head, in + 3, hlen), 0, "step %zu: head differs", step);
	pm_buf_release(&out);
	pm_csv_free(c);
}

Test(csv, bom_stripped_with_one_byte_reads)
{
	check_bom_drip(1);
}

Test(csv, bom_stripped_with_short_reads)
{
	check_bom_drip(2);
	check_bom_drip(3);
	check_bom_drip(4);
	check_bom_drip(7);
}

Test(csv, rows_read_one_byte_at_a_time)
{
	static const char in[] = "a,b\r\n\"x\ny\",2\r\n\r\n3,\"4\"\n";
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf out = PM_BUF_INIT;
	struct pm_csv *c = open_rd(drip_reader(in, strlen(in), 1), NULL);

	cr_assert_eq(dump(c, &out, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(out.buf, "1:a|b\n2:x\ny|2\n5:3|4\n");
	pm_buf_release(&out);
	pm_csv_free(c);
}

Test(csv, bom_only_is_empty)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c = open_str("\xEF\xBB\xBF");

	cr_assert_eq(pm_csv_read_header(c, &err), PM_EDATA);
	cr_assert_not_null(strstr(err.msg, "empty"), "%s", err.msg);
	pm_csv_free(c);
	c = open_rd(drip_reader("\xEF\xBB\xBF", 3, 1), NULL);
	cr_assert_eq(pm_csv_read_header(c, &err), PM_EDATA);
	pm_csv_free(c);
}

Test(csv, partial_bom_is_data)
{
	/* Only a complete EF BB BF is a BOM; a partial one stays in the data. */
	static const char in[] = "\xEF\xBB" "a,b\n";
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c = open_str(in);
	const char *h;
	size_t hlen, len;
	bool eof;

	cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_csv_nfields(c), 2);
	pm_csv_field(c, 0, &len);
	cr_assert_gt(len, 1, "the two bytes must not be dropped");
	cr_assert_str_eq(pm_csv_field(c, 1, NULL), "b");
	h = pm_csv_head(c, &hlen);
	cr_assert_eq(hlen, strlen(in));
	cr_assert_eq(memcmp(h, in, hlen), 0);
	pm_csv_free(c);
}

/* ---- blank lines and line numbers ---- */

Test(csv, blank_lines_skipped)
{
	expect_rows("a,b\n\n\n1,2\r\n\r\n3,4\n\n", "1:a|b\n4:1|2\n6:3|4\n");
	expect_rows("\n\na\n", "3:a\n");
	expect_rows("a\n\"\"\nb\n", "1:a\n3:b\n");
}

Test(csv, line_numbers_lf)
{
	expect_rows("a\nb\nc\n", "1:a\n2:b\n3:c\n");
}

Test(csv, line_numbers_crlf)
{
	expect_rows("a\r\nb\r\nc\r\n", "1:a\n2:b\n3:c\n");
	expect_rows("a\r\n\r\n\r\nb\r\n", "1:a\n4:b\n");
}

Test(csv, line_numbers_bare_cr)
{
	expect_rows("a\rb\rc\r", "1:a\n2:b\n3:c\n");
	expect_rows("a\r\r\rb", "1:a\n4:b\n");
}

Test(csv, line_numbers_mixed_endings)
{
	/* "a\r" line 1, "\r\n" line 2 (blank), "b\n" line 3, "\n" line 4, "c" line 5. */
	expect_rows("a\r\r\nb\n\nc", "1:a\n3:b\n5:c\n");
}

Test(csv, line_numbers_after_quoted_lf)
{
	expect_rows("h1,h2\n\"multi\nline\",x\nnext,y\n\"a\n\nb\",\"c\nd\"\nlast,z\n",
		    "1:h1|h2\n2:multi\nline|x\n4:next|y\n5:a\n\nb|c\nd\n9:last|z\n");
}

Test(csv, line_numbers_after_quoted_crlf)
{
	expect_rows("h\r\n\"a\r\nb\",x\r\nnext,y\r\n", "1:h\n2:a\r\nb|x\n4:next|y\n");
}

Test(csv, line_numbers_after_quoted_bare_cr)
{
	expect_rows("h\r\"a\rb\",x\rnext,y\r", "1:h\n2:a\rb|x\n4:next|y\n");
}

Test(csv, line_number_in_error_message)
{
	struct pm_csv_opts o = { .max_fields = 2 };
	static const char in[] = "a,b\r\n1,2\r\n\r\n1,2,3\r\n";

	expect_fail_opts(in, strlen(in), &o, PM_EDATA, "mem.csv:4:");
}

/* ---- header ---- */

Test(csv, header_lookup_case_insensitive_trimmed)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c = open_str("\" Area_FIPS \",Own_Code,\"\tyear\t\",qtr\n1,2,3,4\n");

	cr_assert_eq(pm_csv_read_header(c, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_csv_ncols(c), 4);
	cr_assert_eq(pm_csv_col(c, "area_fips"), 0);
	cr_assert_eq(pm_csv_col(c, "AREA_FIPS"), 0);
	cr_assert_eq(pm_csv_col(c, "own_code"), 1);
	cr_assert_eq(pm_csv_col(c, "YEAR"), 2);
	cr_assert_eq(pm_csv_col(c, "Qtr"), 3);
	cr_assert_eq(pm_csv_col(c, "missing"), -1);
	cr_assert_eq(pm_csv_col(c, "area"), -1, "no prefix matches");
	cr_assert_str_eq(pm_csv_colname(c, 0), "Area_FIPS");
	cr_assert_str_eq(pm_csv_colname(c, 2), "year");
	cr_assert_str_eq(pm_csv_colname(c, 4), "");
	pm_csv_free(c);
}

Test(csv, header_duplicate_name_finds_first)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c = open_str("x,y,X\n");

	cr_assert_eq(pm_csv_read_header(c, &err), PM_OK);
	cr_assert_eq(pm_csv_col(c, "x"), 0);
	pm_csv_free(c);
}

Test(csv, header_on_empty_input_fails)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c = open_str("\r\n\n");

	cr_assert_eq(pm_csv_read_header(c, &err), PM_EDATA);
	cr_assert_eq(err.code, PM_EDATA);
	cr_assert_not_null(strstr(err.msg, "mem.csv"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "empty"), "%s", err.msg);
	cr_assert_eq(pm_csv_ncols(c), 0);
	cr_assert_eq(pm_csv_col(c, "x"), -1);
	pm_csv_free(c);
}

/* ---- hostile input ---- */

Test(csv, truncated_inside_quote)
{
	expect_fail("a,b\n1,\"unterminated\n2,3\n", PM_EDATA, "truncated");
	expect_fail("a,b\n1,\"unterminated\n2,3\n", PM_EDATA, "mem.csv:2:");
	expect_fail("\"", PM_EDATA, "truncated");
}

Test(csv, truncated_quote_in_one_byte_reads)
{
	static const char in[] = "\"a\",\"b";
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf out = PM_BUF_INIT;
	struct pm_csv *c = open_rd(drip_reader(in, strlen(in), 1), NULL);

	cr_assert_eq(dump(c, &out, &err), PM_EDATA);
	cr_assert_not_null(strstr(err.msg, "truncated"), "%s", err.msg);
	pm_buf_release(&out);
	pm_csv_free(c);
}

Test(csv, nul_byte_is_error)
{
	static const char unq[] = "a,b\n1,x\0y\n";
	static const char quo[] = "a,b\n1,\"x\0y\"\n";

	expect_fail_opts(unq, sizeof unq - 1, NULL, PM_EDATA, "NUL");
	expect_fail_opts(quo, sizeof quo - 1, NULL, PM_EDATA, "NUL");
	expect_fail_opts(quo, sizeof quo - 1, NULL, PM_EDATA, "mem.csv:2:");
}

Test(csv, nul_byte_first)
{
	static const char in[] = "\0";

	expect_fail_opts(in, 1, NULL, PM_EDATA, "NUL");
}

Test(csv, first_error_in_input_wins)
{
	/* A NUL in field 1 comes before the stray quote in field 2, in any chunking. */
	static const char in[] = "a\0b,\"x\"y\n";
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf out = PM_BUF_INIT;
	struct pm_csv *c;

	expect_fail_opts(in, sizeof in - 1, NULL, PM_EDATA, "NUL");
	c = open_rd(drip_reader(in, sizeof in - 1, 1), NULL);
	cr_assert_eq(dump(c, &out, &err), PM_EDATA);
	cr_assert_not_null(strstr(err.msg, "NUL"), "%s", err.msg);
	pm_buf_release(&out);
	pm_csv_free(c);
}

Test(csv, stray_quote_is_malformed)
{
	expect_fail("a,b\n\"1\"x,2\n", PM_EDATA, "mem.csv:2:");
	expect_fail("a,b\nx\"y,2\n", PM_EDATA, "malformed");
}

Test(csv, field_longer_than_max_field)
{
	struct pm_csv_opts o = { .max_field = 8 };
	static const char ok[] = "a,b\n12345678,x\n";
	static const char bad1[] = "a,b\n123456789,x\n";
	static const char bad2[] = "a,b\n\"12345\n789\",x\n";

	expect_rows_opts(ok, strlen(ok), &o, "1:a|b\n2:12345678|x\n");
	expect_fail_opts(bad1, strlen(bad1), &o, PM_EDATA, "too long");
	expect_fail_opts(bad2, strlen(bad2), &o, PM_EDATA, "mem.csv:2:");
}

Test(csv, runaway_quote_hits_max_field)
{
	/* An unterminated quote swallowing a big file stops at max_field + a chunk. */
	struct pm_csv_opts o = { .max_field = 1000 };
	size_t n = 300 * 1024, i;
	char *s = malloc(n);
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf out = PM_BUF_INIT;
	struct pm_csv *c;

	cr_assert_not_null(s);
	memcpy(s, "a,b\n1,\"", 7);
	for (i = 7; i < n; i++)
		s[i] = i % 50 == 0 ? '\n' : 'x';
	c = open_mem(s, n, &o);
	cr_assert_eq(dump(c, &out, &err), PM_EDATA);
	cr_assert(strstr(err.msg, "unterminated quote") || strstr(err.msg, "too long"), "%s",
		  err.msg);
	cr_assert_lt(pm_csv_reader(c)->nread, (uint64_t)n, "must stop before reading everything");
	pm_buf_release(&out);
	pm_csv_free(c);
	free(s);
}

Test(csv, more_than_max_fields)
{
	struct pm_csv_opts o = { .max_fields = 3 };
	static const char ok[] = "a,b,c\n1,2,3\n";
	static const char bad[] = "a,b,c\n1,2,3,4\n";

	expect_rows_opts(ok, strlen(ok), &o, "1:a|b|c\n2:1|2|3\n");
	expect_fail_opts(bad, strlen(bad), &o, PM_EDATA, "too many fields");
	expect_fail_opts(bad, strlen(bad), &o, PM_EDATA, "mem.csv:2:");
}

static struct pm_csv *wide_row(struct pm_buf *in, size_t nfields)
{
	size_t i;

	pm_buf_reset(in);
	for (i = 0; i < nfields; i++)
		pm_buf_adds(in, i ? ",x" : "x");
	pm_buf_adds(in, "\n");
	return open_mem(in->buf, in->len, NULL);
}

Test(csv, default_max_fields_is_4096)
{
	struct pm_buf in = PM_BUF_INIT;
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c;
	bool eof;

	c = wide_row(&in, 4096);
	cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_csv_nfields(c), 4096);
	pm_csv_free(c);
	c = wide_row(&in, 4097);
	cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_EDATA);
	cr_assert_not_null(strstr(err.msg, "too many fields"), "%s", err.msg);
	pm_csv_free(c);
	pm_buf_release(&in);
}

/* ---- chunk boundaries ---- */

Test(csv, rows_spanning_chunks)
{
	struct pm_buf in = PM_BUF_INIT;
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c;
	uint64_t line = 2;
	size_t i, rows = 0;
	bool eof;

	/* ~300 KiB: every 64 KiB read boundary lands inside some row. */
	pm_buf_adds(&in, "id,name,note\r\n");
	for (i = 0; i < 6000; i++) {
		if (i % 97 == 0)
			pm_buf_addf(&in, "%zu,\"name %zu\",\"two\nlines, %zu\"\r\n", i, i, i);
		else
			pm_buf_addf(&in, "%zu,name %zu,plain note %zu with padding\r\n", i, i, i);
		if (i % 1000 == 999)
			pm_buf_adds(&in, "\r\n");
	}
	cr_assert_gt(in.len, (size_t)4 * 64 * 1024);
	c = open_mem(in.buf, in.len, NULL);
	cr_assert_eq(pm_csv_read_header(c, &err), PM_OK, "%s", err.msg);
	for (i = 0;; i++) {
		char want[64];

		cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK, "%s", err.msg);
		if (eof)
			break;
		cr_assert_eq(pm_csv_nfields(c), 3, "row %zu", i);
		snprintf(want, sizeof want, "%zu", i);
		cr_assert_str_eq(pm_csv_field(c, 0, NULL), want);
		snprintf(want, sizeof want, "name %zu", i);
		cr_assert_str_eq(pm_csv_field(c, 1, NULL), want);
		if (i % 97 == 0) {
			snprintf(want, sizeof want, "two\nlines, %zu", i);
			cr_assert_str_eq(pm_csv_field(c, 2, NULL), want);
		} else {
			snprintf(want, sizeof want, "plain note %zu with padding", i);
			cr_assert_str_eq(pm_csv_field(c, 2, NULL), want);
		}
		cr_assert_eq(pm_csv_line(c), line, "row %zu at line %llu, want %llu", i,
			     (unsigned long long)pm_csv_line(c), (unsigned long long)line);
		line += i % 97 == 0 ? 2 : 1;
		if (i % 1000 == 999)
			line++;
		rows++;
	}
	cr_assert_eq(rows, 6000);
	pm_csv_free(c);
	pm_buf_release(&in);
}

Test(csv, field_longer_than_a_chunk)
{
	size_t big = 200 * 1024, i;
	struct pm_buf in = PM_BUF_INIT;
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c;
	const char *f;
	size_t len;
	bool eof;

	pm_buf_adds(&in, "a,b\n1,\"");
	for (i = 0; i < big; i++)
		pm_buf_addch(&in, (char)('a' + i % 26));
	pm_buf_adds(&in, "\"\n2,end\n");
	c = open_mem(in.buf, in.len, NULL);
	cr_assert_eq(pm_csv_read_header(c, &err), PM_OK);
	cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK, "%s", err.msg);
	f = pm_csv_field(c, 1, &len);
	cr_assert_eq(len, big);
	for (i = 0; i < big; i++)
		cr_assert_eq(f[i], (char)('a' + i % 26));
	cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK);
	cr_assert_str_eq(pm_csv_field(c, 1, NULL), "end");
	cr_assert_eq(pm_csv_line(c), 3);
	pm_csv_free(c);
	pm_buf_release(&in);
}

/* ---- head, name, files ---- */

Test(csv, head_returns_first_bytes)
{
	struct pm_buf in = PM_BUF_INIT;
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c;
	const char *h;
	size_t hlen, i;
	bool eof;

	pm_buf_adds(&in, "\xEF\xBB\xBF");
	for (i = 0; i < 200; i++)
		pm_buf_addf(&in, "%zu,abc\n", i);
	c = open_mem(in.buf, in.len, NULL);
	cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK);
	h = pm_csv_head(c, &hlen);
	cr_assert_eq(hlen, 512);
	cr_assert_eq(memcmp(h, in.buf + 3, 512), 0);
	pm_csv_free(c);

	/* With short reads the head still fills up to 512 bytes. */
	c = open_rd(drip_reader(in.buf, in.len, 5), NULL);
	while (pm_csv_next_row(c, &eof, &err) == PM_OK && !eof)
		;
	h = pm_csv_head(c, &hlen);
	cr_assert_eq(hlen, 512);
	cr_assert_eq(memcmp(h, in.buf + 3, 512), 0);
	pm_csv_free(c);
	pm_buf_release(&in);
}

Test(csv, head_of_short_input_and_html)
{
	static const char in[] = "<!DOCTYPE html>\n<html><body>Access Denied</body></html>\n";
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c = open_str(in);
	const char *h;
	size_t hlen;
	bool eof;

	cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK);
	h = pm_csv_head(c, &hlen);
	cr_assert_eq(hlen, strlen(in));
	cr_assert_eq(memcmp(h, in, hlen), 0);
	pm_csv_free(c);
}

Test(csv, name_and_reader)
{
	struct pm_csv *c = open_str("a\n");

	cr_assert_str_eq(pm_csv_name(c), "mem.csv");
	cr_assert_not_null(pm_csv_reader(c));
	cr_assert_str_eq(pm_csv_reader(c)->name, "mem.csv");
	pm_csv_free(c);
	pm_csv_free(NULL);
}

Test(csv, open_file_missing)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c = (struct pm_csv *)1;

	cr_assert_eq(pm_csv_open_file(&c, "/nonexistent/pathmap/x.csv", NULL, &err), PM_EIO);
	cr_assert_null(c);
	cr_assert_not_null(strstr(err.msg, "/nonexistent/pathmap/x.csv"), "%s", err.msg);
}

Test(csv, read_error_propagates)
{
	static const char in[] = "a,b\n1,2\n3,4\n";
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf out = PM_BUF_INIT;
	struct pm_csv *c = open_str(in);

	pm_reader_inject_fault(6, EIO);
	cr_assert_eq(dump(c, &out, &err), PM_EIO);
	pm_reader_inject_fault(0, 0);
	cr_assert_not_null(strstr(err.msg, "mem.csv"), "%s", err.msg);
	pm_buf_release(&out);
	pm_csv_free(c);
}

/* ---- quoting options ---- */

/* Parse S with OPTS whole and in reads of 1 to 7 bytes; every run must dump WANT. */
static void expect_rows_any_reads(const char *s, size_t n, const struct pm_csv_opts *opts,
				  const char *want)
{
	size_t step;

	expect_rows_opts(s, n, opts, want);
	for (step = 1; step <= 7; step++) {
		struct pm_err err = PM_ERR_INIT;
		struct pm_buf out = PM_BUF_INIT;
		struct pm_csv *c = open_rd(drip_reader(s, n, step), opts);

		cr_assert_eq(dump(c, &out, &err), PM_OK, "step %zu: %s", step, err.msg);
		cr_assert_str_eq(out.buf, want, "step %zu", step);
		pm_buf_release(&out);
		pm_csv_free(c);
	}
}

Test(csv, no_quotes_reads_quotes_and_blanks_as_text)
{
	/* O*NET Task Statements.txt, line 88, and fields opening or ending in a quote. */
	static const char in[] = "O*NET-SOC Code\tTask ID\tTask\r\n"
				 "11-1031.00\t15287\tConduct \"head counts\" to help predict the "
				 "outcome of upcoming votes.\r\n"
				 "\"x\t y \t\"\r\n";
	struct pm_csv_opts o = { .delim = '\t', .quoting = PM_CSV_QUOTES_NONE };

	expect_rows_any_reads(in, strlen(in), &o,
			      "1:O*NET-SOC Code|Task ID|Task\n"
			      "2:11-1031.00|15287|Conduct \"head counts\" to help predict the "
			      "outcome of upcoming votes.\n"
			      "3:\"x| y |\"\n");
}

Test(csv, no_quotes_keeps_line_numbers_and_blank_lines_out)
{
	static const char in[] = "a,b\n\n\"1,2\"\r\n\r\n3,\"\n";
	struct pm_csv_opts o = { .quoting = PM_CSV_QUOTES_NONE };

	expect_rows_any_reads(in, strlen(in), &o, "1:a|b\n3:\"1|2\"\n5:3|\"\n");
}

Test(csv, no_quotes_refuses_nul)
{
	static const char in[] = "a\tb\n1\tx\0y\n";
	static const char first[] = "\0";
	struct pm_csv_opts o = { .delim = '\t', .quoting = PM_CSV_QUOTES_NONE };
	struct pm_err err = PM_ERR_INIT;
	struct pm_buf out = PM_BUF_INIT;
	struct pm_csv *c;

	expect_fail_opts(in, sizeof in - 1, &o, PM_EDATA, "NUL byte in field");
	expect_fail_opts(in, sizeof in - 1, &o, PM_EDATA, "mem.csv:2:");
	expect_fail_opts(first, 1, &o, PM_EDATA, "mem.csv:1: NUL");
	c = open_rd(drip_reader(in, sizeof in - 1, 1), &o);
	cr_assert_eq(dump(c, &out, &err), PM_EDATA);
	cr_assert_not_null(strstr(err.msg, "drip.csv:2: NUL"), "%s", err.msg);
	pm_buf_release(&out);
	pm_csv_free(c);
}

Test(csv, no_quotes_ignores_excel_guards)
{
	static const char in[] = "=\"01\",b\n";
	struct pm_csv_opts o = { .quoting = PM_CSV_QUOTES_NONE, .excel_guards = true };

	expect_rows_any_reads(in, strlen(in), &o, "1:=\"01\"|b\n");
}

Test(csv, lenient_quotes_keep_stray_quotes_as_text)
{
	/* NCES CIPCode2020.csv, line 1518 (shortened). */
	static const char in[] = "a,\"Note: this series is titled \"Security and Protective "
				 "Services\" in the Canadian CIP.\",\"\"\n"
				 "b,\"say \"\"hi\"\"\",x\"y\n"
				 "c,\"q\"\"\"\r\n"
				 "d,\"end \"  ,\"sp \" \"x\"\n";
	struct pm_csv_opts o = { .quoting = PM_CSV_QUOTES_LENIENT };

	expect_rows_any_reads(in, strlen(in), &o,
			      "1:a|Note: this series is titled \"Security and Protective "
			      "Services\" in the Canadian CIP.|\n"
			      "2:b|say \"hi\"|x\"y\n"
			      "3:c|q\"\n"
			      "4:d|end |sp \" \"x\n");
}

Test(csv, lenient_quotes_still_refuse_an_open_quote_at_the_end)
{
	struct pm_csv_opts o = { .quoting = PM_CSV_QUOTES_LENIENT };
	static const char in[] = "a,b\n1,\"open \"x\n2,3\n";

	expect_fail_opts(in, strlen(in), &o, PM_EDATA, "mem.csv:2: input ends inside a quoted");
}

Test(csv, strict_quotes_stay_the_default)
{
	static const char in[] = "a,\"x \"y\" z\"\n";
	struct pm_csv_opts o = { .excel_guards = true };

	expect_fail_opts(in, strlen(in), NULL, PM_EDATA, "malformed CSV");
	expect_fail_opts(in, strlen(in), &o, PM_EDATA, "malformed CSV");
}

Test(csv, excel_guards_unwrap_codes)
{
	static const char in[] = "\"CIPFamily\",\"CIPCode\",\"Title\"\n"
				 "=\"01\",=\"01.0101\",\"a=b\"\n"
				 "  =\"02\",=,x=\"1\"\n"
				 "\"=\"\"q\"\"\",=\"say \"\"hi\"\"\",==\"3\"\n"
				 "=\"\",=\n"
				 "=";
	struct pm_csv_opts lenient = { .quoting = PM_CSV_QUOTES_LENIENT, .excel_guards = true };
	struct pm_csv_opts strict = { .excel_guards = true };
	const char *want = "1:CIPFamily|CIPCode|Title\n"
			   "2:01|01.0101|a=b\n"
			   "3:02|=|x=\"1\"\n"
			   "4:=\"q\"|say \"hi\"|==\"3\"\n"
			   "5:|=\n"
			   "6:=\n";

	expect_rows_any_reads(in, strlen(in), &lenient, want);
	/* Strict quoting takes the guards too, but not a quote inside x="1". */
	expect_rows_any_reads(in, (size_t)(strstr(in, "  =") - in), &strict,
			      "1:CIPFamily|CIPCode|Title\n2:01|01.0101|a=b\n");
	expect_fail_opts(in, strlen(in), &strict, PM_EDATA, "mem.csv:3: malformed CSV");
}

Test(csv, excel_guards_with_crlf_and_a_guard_across_chunks)
{
	/*
	 * A '=' opening a field as the last byte of a 64 KiB chunk, and the
	 * byte after it (a quote, or data) the first of the next.
	 */
	struct pm_csv_opts o = { .quoting = PM_CSV_QUOTES_LENIENT, .excel_guards = true };
	struct pm_buf in = PM_BUF_INIT, want = PM_BUF_INIT;
	int pad = 64 * 1024 - (int)strlen("x,,=");

	pm_buf_addf(&in, "x,%0*d,=\"01\",=\r\n=\"02\"\r\n", pad, 0);
	pm_buf_addf(&want, "1:x|%0*d|01|=\n2:02\n", pad, 0);
	expect_rows_opts(in.buf, in.len, &o, want.buf);
	pm_buf_reset(&in);
	pm_buf_reset(&want);
	pm_buf_addf(&in, "x,%0*d,=x,=\"01\"\r\n", pad, 0);
	pm_buf_addf(&want, "1:x|%0*d|=x|01\n", pad, 0);
	expect_rows_opts(in.buf, in.len, &o, want.buf);
	pm_buf_reset(&in);
	pm_buf_reset(&want);
	pm_buf_addf(&in, "x\n%0*d\n=\"01\"\n", pad, 0);
	pm_buf_addf(&want, "1:x\n2:%0*d\n3:01\n", pad, 0);
	expect_rows_opts(in.buf, in.len, &o, want.buf);
	pm_buf_release(&in);
	pm_buf_release(&want);
}

Test(csv, real_cip_codes_file_reads_with_guards_and_lenient_quotes)
{
	struct pm_csv_opts o = { .quoting = PM_CSV_QUOTES_LENIENT, .excel_guards = true };
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c = NULL;
	char path[1024];
	size_t rows = 0;
	bool eof, seen = false;

	snprintf(path, sizeof path, "%s/nces_cip_soc/CIPCode2020.csv", PM_SHARED_DATA);
	if (access(path, R_OK) != 0)
		cr_skip_test("shared data %s not present", path);
	cr_assert_eq(pm_csv_open_file(&c, path, &o, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_csv_read_header(c, &err), PM_OK, "%s", err.msg);
	for (;;) {
		cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK, "%s", err.msg);
		if (eof)
			break;
		rows++;
		cr_assert_eq(pm_csv_nfields(c), pm_csv_ncols(c), "line %llu",
			     (unsigned long long)pm_csv_line(c));
		if (!strcmp(pm_csv_field(c, 1, NULL), "43")) {
			seen = true;
			cr_assert_not_null(strstr(pm_csv_field(c, 5, NULL),
						  "titled \"Security and Protective Services\" in"));
		}
	}
	cr_assert_eq(rows, 2848);
	cr_assert(seen);
	pm_csv_free(c);
}

/* The real files in ../shared/data, when present. */
static struct pm_csv *open_shared(const char *rel)
{
	char path[1024];
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c = NULL;

	snprintf(path, sizeof path, "%s/%s", PM_SHARED_DATA, rel);
	if (access(path, R_OK) != 0)
		cr_skip_test("shared data %s not present", path);
	cr_assert_eq(pm_csv_open_file(&c, path, NULL, &err), PM_OK, "%s", err.msg);
	return c;
}

static void check_real(const char *rel, bool quarterly, const char *first_area, size_t want_rows)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c = open_shared(rel);
	uint64_t last_line = 1;
	size_t rows = 0;
	bool eof;
	int area;

	cr_assert_eq(pm_csv_read_header(c, &err), PM_OK, "%s", err.msg);
	area = pm_csv_col(c, "area_fips");
	cr_assert_eq(area, 0);
	cr_assert_geq(pm_csv_col(c, quarterly ? "month3_emplvl" : "annual_avg_emplvl"), 0);
	for (;;) {
		cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK, "%s", err.msg);
		if (eof)
			break;
		cr_assert_eq(pm_csv_nfields(c), pm_csv_ncols(c), "%s line %llu", rel,
			     (unsigned long long)pm_csv_line(c));
		if (!rows)
			cr_assert_str_eq(pm_csv_field(c, (size_t)area, NULL), first_area);
		cr_assert_eq(pm_csv_line(c), last_line + 1);
		last_line = pm_csv_line(c);
		rows++;
	}
	cr_assert_eq(rows, want_rows, "%s: %zu rows", rel, rows);
	pm_csv_free(c);
}

Test(csv, real_bls_quoted_crlf_file)
{
	/* 4527 CRLF lines: the header and 4526 rows. */
	check_real("qcew/national/US000_2024_q1.csv", true, "US000", 4526);
}

Test(csv, real_bls_quoted_lf_file)
{
	check_real("qcew/national/US000_2019_q1.csv", true, "US000", 4560);
}

Test(csv, real_resaved_unquoted_file)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c = open_shared("qcew/central_ohio_annual/morpc-qcew-2020-a-39049.csv");
	bool eof;

	cr_assert_eq(pm_csv_read_header(c, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_csv_ncols(c), 38);
	cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK);
	cr_assert_str_eq(pm_csv_field(c, 0, NULL), "39049");
	cr_assert_str_eq(pm_csv_field(c, (size_t)pm_csv_col(c, "annual_avg_emplvl"), NULL),
			 "727016");
	cr_assert_str_eq(pm_csv_field(c, (size_t)pm_csv_col(c, "disclosure_code"), NULL), "");
	cr_assert_str_eq(pm_csv_field(c, (size_t)pm_csv_col(c, "lq_annual_avg_emplvl"), NULL),
			 "1.0");
	cr_assert_eq(pm_csv_line(c), 2);
	pm_csv_free(c);
}

Test(csv, windows_1252_fields_become_utf8)
{
	/* BLS's county crosswalk spells "Doña Ana" in Windows-1252 (0xF1); a UTF-8
	 * field on the next line must pass through untouched. */
	static const char text[] = "code,title\n35013,Do\xf1" "a Ana\n72011,A\xc3\xb1" "asco\n"
				   "1,\x93quoted\x94\n";
	struct pm_csv *c = NULL;
	bool eof;

	cr_assert_eq(pm_csv_open(&c, pm_reader_new_mem(text, sizeof text - 1, "x.csv"), NULL, NULL),
		     PM_OK);
	cr_assert_eq(pm_csv_read_header(c, NULL), PM_OK);
	cr_assert_eq(pm_csv_next_row(c, &eof, NULL), PM_OK);
	cr_assert_str_eq(pm_csv_field(c, 1, NULL), "Do\xc3\xb1" "a Ana");
	cr_assert_eq(pm_csv_next_row(c, &eof, NULL), PM_OK);
	cr_assert_str_eq(pm_csv_field(c, 1, NULL), "A\xc3\xb1" "asco");
	cr_assert_eq(pm_csv_next_row(c, &eof, NULL), PM_OK);
	cr_assert_str_eq(pm_csv_field(c, 1, NULL), "\xe2\x80\x9cquoted\xe2\x80\x9d");
	cr_assert_eq(pm_csv_transcoded(c), 2);
	pm_csv_free(c);
}
