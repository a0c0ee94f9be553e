/*
 * Shared helpers of the workbook loaders: header rows found by column
 * names, column names in a normal form, data rows above the notes, exact
 * decimals (see sheet.h).
 */
#include "fetch/sheet.h"

#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "core/xlsx.h"
#include "core/banned.h"

static bool is_blank_char(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Length of a footnote marker "[12]" at S, or 0. */
static size_t marker_len(const char *s)
{
	size_t i = 1;

	if (s[0] != '[')
		return 0;
	while (isdigit((unsigned char)s[i]))
		i++;
	return i > 1 && s[i] == ']' ? i + 1 : 0;
}

char *pm_sheet_colname(const char *in)
{
	struct pm_buf b = PM_BUF_INIT;
	bool space = false;
	size_t m;

	while (*in) {
		if ((m = marker_len(in))) {
			in += m;
			continue;
		}
		if (is_blank_char(*in)) {
			space = true;
			in++;
			continue;
		}
		/* A no-break space (U+00A0) is a blank too. */
		if ((unsigned char)in[0] == 0xC2 && (unsigned char)in[1] == 0xA0) {
			space = true;
			in += 2;
			continue;
		}
		if (space && b.len)
			pm_buf_addch(&b, ' ');
		space = false;
		pm_buf_addch(&b, (char)tolower((unsigned char)*in));
		in++;
	}
	return pm_buf_detach(&b, NULL);
}

bool pm_sheet_name_is(const char *name, const char *key, int *year)
{
	size_t kn = strlen(key);

	if (year)
		*year = 0;
	if (!strcmp(name, key))
		return true;
	if (strlen(name) == kn + 5 && pm_all_digits(name, 4) && name[4] == ' ' &&
	    !strcmp(name + 5, key)) {
		if (year)
			*year = pm_sheet_year_in(name);
		return true;
	}
	return false;
}

void pm_sheet_header_release(struct pm_sheet_header *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; i < h->n; i++) {
		free(h->raw[i]);
		free(h->names[i]);
	}
	free(h->raw);
	free(h->names);
	h->raw = h->names = NULL;
	h->n = 0;
	h->row = 0;
}

void pm_sheet_header_set(struct pm_sheet_header *h, const char *const *fields, size_t n,
			 uint32_t row)
{
	size_t i;

	pm_sheet_header_release(h);
	h->raw = pm_xcalloc(n ? n : 1, sizeof *h->raw);
	h->names = pm_xcalloc(n ? n : 1, sizeof *h->names);
	for (i = 0; i < n; i++) {
		h->raw[i] = pm_xstrdup(fields[i]);
		h->names[i] = pm_sheet_colname(fields[i]);
	}
	h->n = n;
	h->row = row;
}

int pm_sheet_field(const char *const *fields, size_t n, const char *key, int *year)
{
	char *nkey = pm_sheet_colname(key);
	size_t i;
	int at = -1;

	for (i = 0; i < n && at < 0; i++) {
		char *name = pm_sheet_colname(fields[i]);

		if (pm_sheet_name_is(name, nkey, year))
			at = (int)i;
		free(name);
	}
	free(nkey);
	return at;
}

/* ---- finding the header ---- */

/* The rows a header is looked for in: an xlsx sheet or a CSV file. */
struct rows {
	struct pm_xlsx_sheet *xs; /* one of these two */
	struct pm_csv *csv;
};

static enum pm_status rows_next(struct rows *r, bool *eof, struct pm_err *err)
{
	return r->xs ? pm_xlsx_next_row(r->xs, eof, err) : pm_csv_next_row(r->csv, eof, err);
}

static size_t rows_n(const struct rows *r)
{
	return r->xs ? pm_xlsx_ncells(r->xs) : pm_csv_nfields(r->csv);
}

static const char *rows_cell(const struct rows *r, size_t i)
{
	return r->xs ? pm_xlsx_cell(r->xs, i, NULL) : pm_csv_field(r->csv, i, NULL);
}

static uint32_t rows_number(const struct rows *r)
{
	return r->xs ? pm_xlsx_row_number(r->xs) : (uint32_t)pm_csv_line(r->csv);
}

static enum pm_status find_header(struct rows *r, const struct pm_sheet_find *f,
				  struct pm_sheet_header *h, struct pm_err *err)
{
	const char **fields = NULL;
	size_t nalloc = 0;
	enum pm_status rc = PM_OK;
	uint32_t seen;
	bool eof = false;

	pm_sheet_header_release(h);
	for (seen = 0; seen < f->maxrows; seen++) {
		size_t i, n;
		bool hit;

		if ((rc = rows_next(r, &eof, err)) || eof)
			break;
		n = rows_n(r);
		PM_ALLOC_GROW(fields, n, nalloc);
		for (i = 0; i < n; i++)
			fields[i] = rows_cell(r, i);
		hit = f->key ? pm_sheet_field(fields, n, f->key, NULL) >= 0
			     : f->is_header(fields, n, seen, f->ctx);
		if (hit) {
			pm_sheet_header_set(h, fields, n, rows_number(r));
			break;
		}
	}
	free(fields);
	return rc;
}

enum pm_status pm_sheet_find_header(struct pm_xlsx_sheet *s, const struct pm_sheet_find *f,
				    struct pm_sheet_header *h, struct pm_err *err)
{
	struct rows r = { s, NULL };

	return find_header(&r, f, h, err);
}

enum pm_status pm_sheet_find_csv_header(struct pm_csv *csv, const struct pm_sheet_find *f,
					struct pm_sheet_header *h, struct pm_err *err)
{
	struct rows r = { NULL, csv };

	return find_header(&r, f, h, err);
}

enum pm_status pm_sheet_find_table(struct pm_xlsx *wb, const struct pm_sheet_find *f,
				   struct pm_xlsx_sheet **s, struct pm_sheet_header *h,
				   struct pm_err *err)
{
	int first = f->first_sheet ? pm_xlsx_sheet_find(wb, f->first_sheet) : -1;
	enum pm_status rc = PM_OK;
	size_t i, n = pm_xlsx_sheet_count(wb);

	*s = NULL;
	pm_sheet_header_release(h);
	/* Sheet FIRST, then the others in order. */
	for (i = 0; i <= n && !h->row; i++) {
		int idx = i == 0 ? first : (int)i - 1;

		if (idx < 0 || (i > 0 && idx == first))
			continue;
		pm_xlsx_sheet_free(*s);
		*s = NULL;
		if ((rc = pm_xlsx_sheet_open_index(wb, (size_t)idx, s, err)) ||
		    (rc = pm_sheet_find_header(*s, f, h, err)))
			break;
	}
	if (rc || !h->row) {
		pm_xlsx_sheet_free(*s);
		*s = NULL;
	}
	return rc;
}

int pm_sheet_col(const struct pm_sheet_header *h, const char *key, int *year)
{
	char *nkey = pm_sheet_colname(key);
	size_t i;
	int at = -1;

	for (i = 0; i < h->n && at < 0; i++)
		if (pm_sheet_name_is(h->names[i], nkey, year))
			at = (int)i;
	free(nkey);
	return at;
}

int pm_sheet_col_prefix(const struct pm_sheet_header *h, const char *prefix)
{
	char *np = pm_sheet_colname(prefix);
	size_t i, n = strlen(np);
	int at = -1;

	for (i = 0; i < h->n && at < 0; i++)
		if (n && !strncmp(h->names[i], np, n))
			at = (int)i;
	free(np);
	return at;
}

int pm_sheet_year_in(const char *text)
{
	const char *p = text;
	int year = 0;

	while (*p) {
		size_t n = 0;

		while (isdigit((unsigned char)p[n]))
			n++;
		if (n == 4) {
			int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
				(p[3] - '0');

			if (y >= 1900 && y <= 2200)
				year = y;
		}
		p += n ? n : 1;
	}
	return year;
}

int pm_sheet_scaled_i64(const char *s, size_t n, int scale, int64_t *out)
{
	const char *end = s + n;
	char digits[64];
	size_t nd = 0;
	long frac = 0, exp10 = 0, shift;
	bool neg = false, dot = false, any = false;
	int64_t v = 0;
	size_t keep, i;

	while (s < end && is_blank_char(*s))
		s++;
	while (end > s && is_blank_char(end[-1]))
		end--;
	if (s < end && (*s == '-' || *s == '+'))
		neg = *s++ == '-';
	for (; s < end; s++) {
		if (*s == '.' && !dot) {
			dot = true;
		} else if (isdigit((unsigned char)*s)) {
			any = true;
			if (!nd && *s == '0') {
				if (dot)
					frac++;
				continue;
			}
			if (nd == sizeof digits)
				return -1;
			digits[nd++] = *s;
			if (dot)
				frac++;
		} else {
			break;
		}
	}
	if (!any)
		return -1;
	if (s < end && (*s == 'e' || *s == 'E')) {
		bool eneg = false;
		int64_t e;

		s++;
		if (s < end && (*s == '-' || *s == '+'))
			eneg = *s++ == '-';
		if (s == end || !pm_all_digits(s, (size_t)(end - s)) ||
		    pm_parse_i64(s, (size_t)(end - s), &e) || e > 400)
			return -1;
		exp10 = eneg ? -(long)e : (long)e;
		s = end;
	}
	if (s != end)
		return -1;
	/* value = digits * 10^(exp10 - frac); we want it times 10^scale. */
	shift = exp10 - frac + scale;
	if (shift < 0 && (long)nd + shift < 0) {
		/* Every digit lies below half a unit: rounds to zero. */
		*out = 0;
		return 0;
	}
	keep = shift >= 0 ? nd : (size_t)((long)nd + shift);
	for (i = 0; i < keep; i++) {
		if (v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (digits[i] - '0');
	}
	for (; shift > 0 && v; shift--) {
		if (v > INT64_MAX / 10)
			return -1;
		v *= 10;
	}
	/* Round half away from zero on the first digit dropped. */
	if (keep < nd && digits[keep] >= '5') {
		if (v == INT64_MAX)
			return -1;
		v++;
	}
	*out = neg ? -v : v;
	return 0;
}

bool pm_sheet_blank(const char *s)
{
	return pm_is_blank(s, strlen(s));
}

bool pm_sheet_industry_code(const char *s, size_t n)
{
	size_t i;

	if (n < 2 || n > 10 || !isalnum((unsigned char)s[0]))
		return false;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-')
			return false;
	return true;
}

bool pm_sheet_dash(const char *s)
{
	size_t n = strlen(s);

	while (n && is_blank_char(s[n - 1]))
		n--;
	while (n && is_blank_char(*s)) {
		s++;
		n--;
	}
	return (n == 3 && !memcmp(s, "\xE2\x80\x94", 3)) ||
	       (n == 3 && !memcmp(s, "\xE2\x80\x93", 3)) || (n == 1 && *s == '-') ||
	       (n == 3 && !memcmp(s, "N/A", 3)) || (n == 3 && !memcmp(s, "n/a", 3));
}

char *pm_sheet_title(const char *text)
{
	size_t n = strlen(text), m;

	while (n && is_blank_char(*text)) {
		text++;
		n--;
	}
	for (;;) {
		while (n && is_blank_char(text[n - 1]))
			n--;
		if (n < 3 || text[n - 1] != ']')
			break;
		for (m = n - 1; m > 0 && text[m - 1] != '['; m--)
			;
		if (!m || !marker_len(text + m - 1) || marker_len(text + m - 1) != n - (m - 1))
			break;
		n = m - 1;
	}
	return pm_xstrndup(text, n);
}

/* ---- cells to columns ---- */

void pm_sheet_at_format(const struct pm_sheet_at *at, char *out, size_t n)
{
	if (at->row_word)
		snprintf(out, n, "%s: %s %u", at->file, at->row_word, (unsigned)at->row);
	else if (at->sheet)
		snprintf(out, n, "%s:%s:%u", at->file, at->sheet, (unsigned)at->row);
	else
		snprintf(out, n, "%s:%u", at->file, (unsigned)at->row);
}

enum pm_status pm_sheet_matrix_code(const char *text, const char **code, size_t *n,
				    const struct pm_sheet_at *at, const char *field,
				    struct pm_err *err)
{
	char where[400];
	size_t len = strlen(text);

	while (len && text[len - 1] == ' ')
		len--;
	while (len && *text == ' ') {
		text++;
		len--;
	}
	*code = text;
	*n = len;
	if (pm_sheet_industry_code(text, len))
		return PM_OK;
	pm_sheet_at_format(at, where, sizeof where);
	return pm_err_set(err, PM_EDATA, "%s: field '%s': '%.*s' is not a matrix industry code",
			  where, field, (int)(len > 40 ? 40 : len), text);
}

static enum pm_status not_a_number(const struct pm_sheet_at *at, const char *field,
				   const char *text, struct pm_err *err)
{
	char where[400];

	pm_sheet_at_format(at, where, sizeof where);
	return pm_err_set(err, PM_EDATA, "%s: field '%s': '%.60s' is not a number", where, field,
			  text);
}

enum pm_status pm_sheet_bind_scaled(sqlite3_stmt *stmt, int idx, const char *text, int scale,
				    const struct pm_sheet_at *at, const char *field,
				    struct pm_err *err)
{
	int64_t v;

	if (pm_sheet_blank(text) || pm_sheet_dash(text)) {
		sqlite3_bind_null(stmt, idx);
		return PM_OK;
	}
	if (pm_sheet_scaled_i64(text, strlen(text), scale, &v))
		return not_a_number(at, field, text, err);
	sqlite3_bind_int64(stmt, idx, v);
	return PM_OK;
}

enum pm_status pm_sheet_bind_real(sqlite3_stmt *stmt, int idx, const char *text,
				  const struct pm_sheet_at *at, const char *field,
				  struct pm_err *err)
{
	size_t n = strlen(text);
	double v;

	if (pm_sheet_blank(text) || pm_sheet_dash(text)) {
		sqlite3_bind_null(stmt, idx);
		return PM_OK;
	}
	while (n && is_blank_char(text[n - 1]))
		n--;
	while (n && is_blank_char(*text)) {
		text++;
		n--;
	}
	if (pm_parse_double(text, n, &v))
		return not_a_number(at, field, text, err);
	sqlite3_bind_double(stmt, idx, v);
	return PM_OK;
}

void pm_sheet_bind_text(sqlite3_stmt *stmt, int idx, const char *text)
{
	size_t n = strlen(text);

	while (n && is_blank_char(text[n - 1]))
		n--;
	while (n && is_blank_char(*text)) {
		text++;
		n--;
	}
	if (!n || pm_sheet_dash(text))
		sqlite3_bind_null(stmt, idx);
	else
		sqlite3_bind_text(stmt, idx, text, (int)n, SQLITE_TRANSIENT);
}

enum pm_status pm_sheet_code(enum pm_code_kind kind, const char *text, char *out,
			     const struct pm_sheet_at *at, const char *field, struct pm_err *err)
{
	char where[400], place[300];

	pm_sheet_at_format(at, place, sizeof place);
	snprintf(where, sizeof where, "%s field '%s'", place, field);
	return pm_code_normalize(kind, text, out, PM_CODE_MAX, where, err);
}

/* ---- data rows ---- */

bool pm_sheet_row_blank(const struct pm_xlsx_sheet *s)
{
	size_t i, n = pm_xlsx_ncells(s);

	for (i = 0; i < n; i++)
		if (!pm_sheet_blank(pm_xlsx_cell(s, i, NULL)))
			return false;
	return true;
}

enum pm_status pm_sheet_next_data(struct pm_xlsx_sheet *s, int key, uint32_t *footer,
				  struct pm_sheet_at *at, bool *done, struct pm_err *err)
{
	enum pm_status rc;
	char where[400];

	assert(key >= 0);
	for (;;) {
		if ((rc = pm_xlsx_next_row(s, done, err)) || *done)
			return rc;
		at->row = pm_xlsx_row_number(s);
		if (pm_sheet_row_blank(s))
			continue;
		if (pm_sheet_blank(pm_xlsx_cell(s, (size_t)key, NULL))) {
			if (!*footer)
				*footer = at->row;
			continue;
		}
		if (!*footer)
			return PM_OK;
		pm_sheet_at_format(at, where, sizeof where);
		return pm_err_set(err, PM_EDATA,
				  "%s: a data row after the notes that start in row %u", where,
				  (unsigned)*footer);
	}
}
