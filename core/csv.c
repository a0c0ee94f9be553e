/*
 * CSV reading on libcsv's push parser, turned into a pull interface: each
 * input chunk is parsed into a small queue of complete rows, which
 * pm_csv_next_row() hands out one at a time. Memory is bounded by the chunk
 * size plus the longest row.
 *
 * Line numbers: libcsv is run with CSV_REPALL_NL so every unquoted CR and LF
 * reaches the end-of-record callback; a CR immediately followed by an LF
 * counts once, so LF, CRLF and bare-CR files all number lines as an editor
 * would. Newlines inside quoted fields are counted from the field text.
 *
 * The quoting options map onto libcsv: lenient quotes are libcsv without
 * CSV_STRICT (its non-strict mode keeps stray quotes as text), made strict
 * again just for csv_fini() so that a quote left open at the end is still
 * an error. Without quoting, the quote character is set to NUL, which
 * never reaches libcsv: a NUL byte is refused before the parser sees it.
 * Excel's text guards are dropped by a small filter in front of libcsv
 * (guard()) that follows where fields start.
 */
#include "core/csv.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/reader.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "core/banned.h"

#define CHUNK	 (64 * 1024)
#define HEAD_MAX 512

struct field {
	size_t off, len;
};

struct row {
	size_t first, n; /* range in fields[] */
	uint64_t line;
};

/* Where the text-guard filter is in the input (see guard()). */
enum guard_state {
	G_START,	/* where a field starts (blanks before it included) */
	G_EQ,		/* after a '=' that starts a field, held back */
	G_UNQUOTED,	/* inside an unquoted field */
	G_QUOTED,	/* inside a quoted field */
	G_QUOTE,	/* a quote inside a quoted field: the end, or an escape */
	G_QUOTE_BLANKS, /* blanks after such a quote */
};

struct pm_csv {
	struct pm_reader *rd;
	struct csv_parser p;
	struct pm_csv_opts opts;

	/* parsed but not yet consumed rows */
	struct pm_buf data; /* field bytes, each NUL-terminated */
	struct field *fields;
	size_t nfields, afields;
	struct row *rows;
	size_t nrows, arows, next;

	/* the row being assembled by libcsv callbacks */
	size_t cur_first; /* index in fields[] of its first field */
	size_t cur_n;
	uint64_t cur_line; /* line on which it started; 0 = not started */

	uint64_t line;	  /* current physical line */
	bool last_was_cr; /* previous terminator was CR with no fields since */
	bool at_eof, finished, bom_checked;
	enum guard_state guard; /* with opts.excel_guards */

	char head[HEAD_MAX];
	size_t head_len;

	/* error raised inside a callback */
	enum pm_status cb_status;
	char cb_msg[256];

	/* fields converted from Windows-1252 because they were not UTF-8 */
	uint64_t transcoded;
	struct pm_buf conv;

	/* current row handed out */
	struct row cur;

	/* header */
	char **cols;
	size_t ncols;
};

static void cb_error(struct pm_csv *c, const char *msg)
{
	if (c->cb_status)
		return;
	c->cb_status = PM_EDATA;
	snprintf(c->cb_msg, sizeof c->cb_msg, "%s", msg);
}

static void on_field(void *s, size_t len, void *ctx)
{
	struct pm_csv *c = ctx;
	const char *text = s ? s : "";
	size_t i;

	if (c->cb_status)
		return;
	if (!c->cur_line)
		c->cur_line = c->line;
	c->last_was_cr = false;
	if (len > c->opts.max_field) {
		cb_error(c, "field too long (unterminated quote?)");
		return;
	}
	if (memchr(text, '\0', len)) {
		cb_error(c, "NUL byte in field (binary data?)");
		return;
	}
	if (c->cur_n >= c->opts.max_fields) {
		cb_error(c, "too many fields in one row");
		return;
	}
	/* LF, CRLF and a bare CR each end a line, as outside quotes. */
	for (i = 0; i < len; i++)
		if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
			c->line++;
	if (!pm_utf8_valid(text, len)) {
		/* Not UTF-8: public files that are not are Windows-1252 (BLS crosswalks). */
		pm_buf_reset(&c->conv);
		pm_cp1252_to_utf8(&c->conv, text, len);
		text = c->conv.buf;
		len = c->conv.len;
		c->transcoded++;
	}
	PM_ALLOC_GROW(c->fields, c->nfields + 1, c->afields);
	c->fields[c->nfields].off = c->data.len;
	c->fields[c->nfields].len = len;
	c->nfields++;
	c->cur_n++;
	pm_buf_add(&c->data, text, len);
	pm_buf_addch(&c->data, '\0');
}

static void on_record(int term, void *ctx)
{
	struct pm_csv *c = ctx;

	if (c->cb_status)
		return;
	if (c->cur_n) {
		/* A lone empty field is a blank line, not a row. */
		if (!(c->cur_n == 1 && c->fields[c->cur_first].len == 0)) {
			PM_ALLOC_GROW(c->rows, c->nrows + 1, c->arows);
			c->rows[c->nrows].first = c->cur_first;
			c->rows[c->nrows].n = c->cur_n;
			c->rows[c->nrows].line = c->cur_line;
			c->nrows++;
		}
		c->cur_first = c->nfields;
		c->cur_n = 0;
		c->cur_line = 0;
		c->last_was_cr = false;
	}
	if (term == '\r') {
		c->line++;
		c->last_was_cr = true;
	} else if (term == '\n') {
		if (!c->last_was_cr)
			c->line++;
		c->last_was_cr = false;
	}
}

/* libcsv's blank test without quoting: no byte is a blank to trim. */
static int never_blank(unsigned char ch)
{
	(void)ch;
	return 0;
}

/* The libcsv options for the whole input (csv_fini() is always strict). */
static unsigned char parser_opts(const struct pm_csv *c)
{
	unsigned char o = CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL;

	return c->opts.quoting == PM_CSV_QUOTES_LENIENT ? o : (unsigned char)(o | CSV_STRICT);
}

enum pm_status pm_csv_open(struct pm_csv **out, struct pm_reader *rd,
			   const struct pm_csv_opts *opts, struct pm_err *err)
{
	struct pm_csv *c = pm_xcalloc(1, sizeof *c);

	*out = NULL;
	if (opts)
		c->opts = *opts;
	if (!c->opts.delim)
		c->opts.delim = ',';
	if (!c->opts.max_field)
		c->opts.max_field = 1 << 20;
	if (!c->opts.max_fields)
		c->opts.max_fields = 4096;
	if (c->opts.quoting == PM_CSV_QUOTES_NONE)
		c->opts.excel_guards = false;
	if (csv_init(&c->p, parser_opts(c))) {
		free(c);
		pm_reader_free(rd);
		return pm_err_set(err, PM_EDATA, "cannot initialise CSV parser");
	}
	csv_set_delim(&c->p, c->opts.delim);
	if (c->opts.quoting == PM_CSV_QUOTES_NONE) {
		csv_set_quote(&c->p, '\0');
		csv_set_space_func(&c->p, never_blank);
	}
	pm_buf_init(&c->data, 0);
	pm_buf_init(&c->conv, 0);
	c->rd = rd;
	c->line = 1;
	*out = c;
	return PM_OK;
}

enum pm_status pm_csv_open_file(struct pm_csv **out, const char *path,
				const struct pm_csv_opts *opts, struct pm_err *err)
{
	struct pm_reader *rd;
	enum pm_status rc;

	*out = NULL;
	if ((rc = pm_reader_open_file(&rd, path, err)))
		return rc;
	return pm_csv_open(out, rd, opts, err);
}

void pm_csv_free(struct pm_csv *c)
{
	size_t i;

	if (!c)
		return;
	csv_free(&c->p);
	pm_reader_free(c->rd);
	pm_buf_release(&c->data);
	pm_buf_release(&c->conv);
	free(c->fields);
	free(c->rows);
	for (i = 0; i < c->ncols; i++)
		free(c->cols[i]);
	free(c->cols);
	free(c);
}

/* Drop consumed rows, keeping the fields of the row still being assembled. */
static void compact(struct pm_csv *c)
{
	size_t keep_from, i, shift_data;

	keep_from = c->cur_first;
	shift_data = keep_from < c->nfields ? c->fields[keep_from].off : c->data.len;
	for (i = keep_from; i < c->nfields; i++) {
		c->fields[i - keep_from] = c->fields[i];
		c->fields[i - keep_from].off -= shift_data;
	}
	c->nfields -= keep_from;
	c->cur_first = 0;
	memmove(c->data.buf, c->data.buf + shift_data, c->data.len - shift_data);
	pm_buf_truncate(&c->data, c->data.len - shift_data);
	c->nrows = 0;
	c->next = 0;
}

static enum pm_status fail_cb(struct pm_csv *c, struct pm_err *err)
{
	return pm_err_set(err, c->cb_status, "%s:%llu: %s", c->rd->name,
			  (unsigned long long)(c->cur_line ? c->cur_line : c->line), c->cb_msg);
}

static bool is_line_end(char ch)
{
	return ch == '\n' || ch == '\r';
}

/*
 * Drop Excel's text guards from the N bytes at P, in place: a '=' at the
 * start of a field followed by a quote. Follows field boundaries as libcsv
 * does (blanks before an opening quote, doubled quotes, and in lenient mode
 * a quote that does not close). A '=' at the end of P is held back in
 * state G_EQ until the next byte is known; when that byte is in the next
 * chunk, fill() feeds the '=' to libcsv itself if it is not a quote (so
 * the output never outgrows P). Returns the bytes kept.
 */
static size_t guard(struct pm_csv *c, char *p, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		char ch = p[i];
		bool end = ch == (char)c->opts.delim || is_line_end(ch);

		switch (c->guard) {
		case G_EQ:
			if (ch == '"') {
				c->guard = G_QUOTED;
				break;
			}
			p[k++] = '=';
			c->guard = end ? G_START : G_UNQUOTED;
			break;
		case G_START:
			if (ch == '=') {
				c->guard = G_EQ;
				continue;
			}
			if (ch == '"')
				c->guard = G_QUOTED;
			else if (!end && ch != ' ' && ch != '\t')
				c->guard = G_UNQUOTED;
			break;
		case G_UNQUOTED:
			if (end)
				c->guard = G_START;
			break;
		case G_QUOTED:
			if (ch == '"')
				c->guard = G_QUOTE;
			break;
		case G_QUOTE:
		case G_QUOTE_BLANKS:
			if (end)
				c->guard = G_START;
			else if (ch == ' ' || ch == '\t')
				c->guard = G_QUOTE_BLANKS;
			else if (ch == '"')
				c->guard = c->guard == G_QUOTE ? G_QUOTED : G_QUOTE;
			else
				c->guard = G_QUOTED;
			break;
		}
		p[k++] = ch;
	}
	return k;
}

/* Run libcsv over the N bytes at P. */
static enum pm_status parse(struct pm_csv *c, const char *p, size_t n, struct pm_err *err)
{
	enum pm_status rc;
	const char *nul;

	/* Without quoting NUL is libcsv's quote character: stop before one. */
	if (c->opts.quoting == PM_CSV_QUOTES_NONE && (nul = memchr(p, '\0', n))) {
		if ((rc = parse(c, p, (size_t)(nul - p), err)))
			return rc;
		cb_error(c, "NUL byte in field (binary data?)");
		return fail_cb(c, err);
	}
	if (csv_parse(&c->p, p, n, on_field, on_record, c) != n) {
		/* A callback's error came earlier in the input than the parse error. */
		if (c->cb_status)
			return fail_cb(c, err);
		return pm_err_set(err, PM_EDATA, "%s:%llu: malformed CSV: %s", c->rd->name,
				  (unsigned long long)(c->cur_line ? c->cur_line : c->line),
				  csv_strerror(csv_error(&c->p)));
	}
	if (c->cb_status)
		return fail_cb(c, err);
	return PM_OK;
}

/* Parse one more chunk of input into the row queue. */
static enum pm_status fill(struct pm_csv *c, struct pm_err *err)
{
	char buf[CHUNK];
	char *p = buf;
	enum pm_status rc;
	ssize_t got;
	size_t n, kept;

	compact(c);
	got = pm_reader_read(c->rd, buf, sizeof buf, err);
	if (got < 0)
		return err ? err->code : PM_EIO;
	n = (size_t)got;
	if (!c->bom_checked) {
		/* The BOM may straddle a short read; top up to three bytes. */
		while (n < 3 && got > 0) {
			got = pm_reader_read(c->rd, buf + n, sizeof buf - n, err);
			if (got < 0)
				return err ? err->code : PM_EIO;
			n += (size_t)got;
		}
		c->bom_checked = true;
		if (n >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
		    (unsigned char)buf[2] == 0xBF) {
			p += 3;
			n -= 3;
		}
		/* Only the BOM so far (short reads): not the end of input. */
		if (n == 0 && got > 0)
			return PM_OK;
	}
	if (c->head_len < HEAD_MAX) {
		/* Short reads: keep filling the head across chunks. */
		size_t k = n < HEAD_MAX - c->head_len ? n : HEAD_MAX - c->head_len;

		memcpy(c->head + c->head_len, p, k);
		c->head_len += k;
	}
	kept = n;
	if (c->opts.excel_guards) {
		if (c->guard == G_EQ && n && p[0] != '"') {
			/* The '=' held back at the end of the last chunk is data. */
			c->guard = G_UNQUOTED;
			if ((rc = parse(c, "=", 1, err)))
				return rc;
		}
		kept = guard(c, p, n);
	}
	if (n == 0) {
		c->at_eof = true;
		if (c->guard == G_EQ && (rc = parse(c, "=", 1, err)))
			return rc;
		/* A quote left open is an error in every mode. */
		csv_set_opts(&c->p, (unsigned char)(parser_opts(c) | CSV_STRICT));
		if (csv_fini(&c->p, on_field, on_record, c) != 0) {
			return pm_err_set(
				err, PM_EDATA,
				"%s:%llu: input ends inside a quoted field (truncated file?)",
				c->rd->name,
				(unsigned long long)(c->cur_line ? c->cur_line : c->line));
		}
		if (c->cb_status)
			return fail_cb(c, err);
		c->finished = true;
		return PM_OK;
	}
	if ((rc = parse(c, p, kept, err)))
		return rc;
	if (csv_get_buffer_size(&c->p) > c->opts.max_field + CHUNK) {
		return pm_err_set(err, PM_EDATA,
				  "%s:%llu: field longer than %zu bytes (unterminated quote?)",
				  c->rd->name, (unsigned long long)c->line, c->opts.max_field);
	}
	return PM_OK;
}

enum pm_status pm_csv_next_row(struct pm_csv *c, bool *eof, struct pm_err *err)
{
	enum pm_status rc;

	*eof = false;
	while (c->next >= c->nrows) {
		if (c->finished) {
			*eof = true;
			return PM_OK;
		}
		if ((rc = fill(c, err)))
			return rc;
	}
	c->cur = c->rows[c->next++];
	return PM_OK;
}

size_t pm_csv_nfields(const struct pm_csv *c)
{
	return c->cur.n;
}

const char *pm_csv_field(const struct pm_csv *c, size_t i, size_t *len)
{
	const struct field *f;

	if (i >= c->cur.n) {
		if (len)
			*len = 0;
		return "";
	}
	f = &c->fields[c->cur.first + i];
	if (len)
		*len = f->len;
	return c->data.buf + f->off;
}

uint64_t pm_csv_line(const struct pm_csv *c)
{
	return c->cur.line;
}

const char *pm_csv_name(const struct pm_csv *c)
{
	return c->rd->name;
}

struct pm_reader *pm_csv_reader(struct pm_csv *c)
{
	return c->rd;
}

uint64_t pm_csv_transcoded(const struct pm_csv *c)
{
	return c->transcoded;
}

const char *pm_csv_head(const struct pm_csv *c, size_t *len)
{
	*len = c->head_len;
	return c->head;
}

static char *trimmed_dup(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return pm_xstrndup(s, n);
}

enum pm_status pm_csv_read_header(struct pm_csv *c, struct pm_err *err)
{
	enum pm_status rc;
	bool eof;

	if ((rc = pm_csv_next_row(c, &eof, err)))
		return rc;
	if (eof)
		return pm_err_set(err, PM_EDATA, "%s: empty file (no header line)", c->rd->name);
	pm_csv_take_header(c);
	return PM_OK;
}

void pm_csv_take_header(struct pm_csv *c)
{
	size_t i;

	for (i = 0; i < c->ncols; i++)
		free(c->cols[i]);
	free(c->cols);
	c->ncols = c->cur.n;
	c->cols = pm_xcalloc(c->ncols, sizeof *c->cols);
	for (i = 0; i < c->ncols; i++) {
		size_t len;
		const char *f = pm_csv_field(c, i, &len);

		c->cols[i] = trimmed_dup(f, len);
	}
}

int pm_csv_col(const struct pm_csv *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->ncols; i++)
		if (!strcasecmp(c->cols[i], name))
			return (int)i;
	return -1;
}

size_t pm_csv_ncols(const struct pm_csv *c)
{
	return c->ncols;
}

const char *pm_csv_colname(const struct pm_csv *c, size_t i)
{
	return i < c->ncols ? c->cols[i] : "";
}
