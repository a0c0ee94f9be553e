/*
 * Streaming one xlsx worksheet row by row (see xlsx.h; xlsx_int.h for the
 * other parts of the reader).
 *
 * A worksheet part is <worksheet><sheetData><row r="1"><c r="A1" t="s">
 * <v>0</v></c>...</row>...</sheetData>...<mergeCells>...</worksheet>. The
 * cell type t is "s" (shared string: <v> is an index into sharedStrings.xml),
 * "inlineStr" (<is><t>text</t></is>, possibly rich text <is><r><t>..</t></r>),
 * "str" (a formula's text result in <v>), "b", "e", "d", or absent/"n"
 * (number in <v>). Rich-text <rPh> runs are East-Asian phonetic guides, not
 * part of the text.
 *
 * Streaming: expat is fed 64 KiB at a time from the zip member and the
 * </row> handler suspends the parser (XML_StopParser resumable), so
 * pm_xlsx_next_row() returns with exactly one row decoded and the rest of
 * the buffer pending; the next call resumes. Memory is the expat buffer,
 * one row and the shared strings. A row's cell texts live in one buffer,
 * NUL-separated, indexed by a cell table that grows to the widest row.
 */
#include "core/xlsx_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/parse.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "core/zip.h"
#include "core/banned.h"

/* ---- parsing rows and cells ---- */

/* "C7" for messages, in BUF (size N). */
static const char *cell_ref(uint32_t row, uint32_t col, char *buf, size_t n)
{
	pm_xlsx_ref_format(row, col, buf, n);
	return buf;
}

static void row_start(struct xp *x, struct pm_xlsx_sheet *s, const char **atts)
{
	const char *r = xlsx_attr(atts, "r");
	char show[48];
	int64_t v;

	if (s->ncells)
		memset(s->cells, 0, s->ncells * sizeof *s->cells);
	s->ncells = 0;
	s->last_col = -1;
	pm_buf_reset(&s->text);
	if (!r) {
		v = (int64_t)s->row + 1;
	} else if (!pm_all_digits(r, strlen(r)) || pm_parse_i64(r, strlen(r), &v) || v < 1 ||
		   v > PM_XLSX_MAX_ROW) {
		xlsx_xp_fail(x, "sheet '%s': bad row number '%s' (rows are 1..%u)", s->title,
			     xlsx_shown(r, show, sizeof show), PM_XLSX_MAX_ROW);
		return;
	} else if (v <= (int64_t)s->row) {
		xlsx_xp_fail(x, "sheet '%s': row %lld follows row %u (rows must ascend)", s->title,
			     (long long)v, s->row);
		return;
	}
	if (v > PM_XLSX_MAX_ROW) {
		xlsx_xp_fail(x, "sheet '%s': more than %u rows", s->title, PM_XLSX_MAX_ROW);
		return;
	}
	s->row = (uint32_t)v;
}

static void cell_start(struct xp *x, struct pm_xlsx_sheet *s, const char **atts)
{
	const char *r = xlsx_attr(atts, "r"), *t = xlsx_attr(atts, "t");
	char show[48], ref[16];
	uint32_t row, col;

	if (r) {
		if (!pm_xlsx_ref_parse(r, &row, &col)) {
			xlsx_xp_fail(x, "sheet '%s': bad cell reference '%s' in row %u", s->title,
				     xlsx_shown(r, show, sizeof show), s->row);
			return;
		}
		if (row != s->row) {
			xlsx_xp_fail(x, "sheet '%s': cell %s is inside row %u", s->title, r,
				     s->row);
			return;
		}
		if ((long)col <= s->last_col) {
			xlsx_xp_fail(x, "sheet '%s': cell %s follows cell %s (cells must ascend)",
				     s->title, r,
				     cell_ref(s->row, (uint32_t)s->last_col, ref, sizeof ref));
			return;
		}
	} else {
		if (s->last_col + 1 >= (long)PM_XLSX_MAX_COL) {
			xlsx_xp_fail(x, "sheet '%s': row %u has more than %u columns", s->title,
				     s->row, PM_XLSX_MAX_COL);
			return;
		}
		col = (uint32_t)(s->last_col + 1);
	}
	if (!t || !strcmp(t, "n"))
		s->kind = K_NUMBER;
	else if (!strcmp(t, "s"))
		s->kind = K_SHARED;
	else if (!strcmp(t, "inlineStr"))
		s->kind = K_INLINE;
	else if (!strcmp(t, "str"))
		s->kind = K_STR;
	else if (!strcmp(t, "b"))
		s->kind = K_BOOL;
	else if (!strcmp(t, "e"))
		s->kind = K_ERROR;
	else if (!strcmp(t, "d"))
		s->kind = K_DATE;
	else {
		xlsx_xp_fail(x, "sheet '%s' cell %s: unknown cell type '%s'", s->title,
			     cell_ref(s->row, col, ref, sizeof ref),
			     xlsx_shown(t, show, sizeof show));
		return;
	}
	s->col = col;
	s->last_col = (long)col;
	pm_buf_reset(&s->val);
}

/* Store the finished cell's value in the row. */
static void cell_end(struct xp *x, struct pm_xlsx_sheet *s)
{
	struct pm_xlsx *wb = s->wb;
	const char *text = s->val.buf;
	size_t len = s->val.len;
	enum pm_xlsx_type type;
	char ref[16], show[48];
	int64_t idx;

	if (pm_buf_status(&s->val)) {
		xlsx_xp_fail(x, "sheet '%s' cell %s: value longer than %zu bytes", s->title,
			     cell_ref(s->row, s->col, ref, sizeof ref), PM_XLSX_MAX_CELL);
		return;
	}
	switch (s->kind) {
	case K_SHARED:
		if (!len)
			return;
		if (!pm_all_digits(text, len) || pm_parse_i64(text, len, &idx)) {
			xlsx_xp_fail(x, "sheet '%s' cell %s: bad shared string index '%s'",
				     s->title, cell_ref(s->row, s->col, ref, sizeof ref),
				     xlsx_shown(text, show, sizeof show));
			return;
		}
		if (!wb->nsst && !wb->sst_text) {
			xlsx_xp_fail(
				x,
				"sheet '%s' cell %s refers to shared string %lld but the workbook "
				"has no shared strings part%s%s%s",
				s->title, cell_ref(s->row, s->col, ref, sizeof ref), (long long)idx,
				wb->sst_part ? " ('" : "", wb->sst_part ? wb->sst_part : "",
				wb->sst_part ? "' is missing)" : "");
			return;
		}
		if ((uint64_t)idx >= wb->nsst) {
			xlsx_xp_fail(
				x,
				"sheet '%s' cell %s: shared string index %lld out of range (%zu "
				"strings)",
				s->title, cell_ref(s->row, s->col, ref, sizeof ref), (long long)idx,
				wb->nsst);
			return;
		}
		text = wb->sst_text + wb->sst_off[idx];
		len = wb->sst_off[idx + 1] - wb->sst_off[idx] - 1;
		type = PM_XLSX_STRING;
		break;
	case K_INLINE:
	case K_STR:
		pm_buf_reset(&s->tmp);
		xlsx_add_unescaped(&s->tmp, text, len);
		text = s->tmp.buf;
		len = s->tmp.len;
		type = PM_XLSX_STRING;
		break;
	case K_BOOL: type = PM_XLSX_BOOL; break;
	case K_ERROR: type = PM_XLSX_ERROR; break;
	case K_DATE: type = PM_XLSX_DATE; break;
	case K_NUMBER:
	default: type = PM_XLSX_NUMBER; break;
	}
	if (!len)
		return;
	if (s->text.len + len + 1 > PM_XLSX_MAX_ROW_BYTES) {
		xlsx_xp_fail(x, "sheet '%s': row %u is longer than %zu bytes", s->title, s->row,
			     PM_XLSX_MAX_ROW_BYTES);
		return;
	}
	if (s->col >= s->acells) {
		size_t old = s->acells;

		PM_ALLOC_GROW(s->cells, (size_t)s->col + 1, s->acells);
		memset(s->cells + old, 0, (s->acells - old) * sizeof *s->cells);
	}
	s->cells[s->col].off = (uint32_t)s->text.len;
	s->cells[s->col].len = (uint32_t)len;
	s->cells[s->col].type = (unsigned char)type;
	s->ncells = (size_t)s->col + 1;
	pm_buf_add(&s->text, text, len);
	pm_buf_addch(&s->text, '\0');
}

static int sheet_start(struct xp *x, int parent, const char *name, const char **atts)
{
	struct pm_xlsx_sheet *s = x->ud;

	switch (parent) {
	case X_NONE: return X_ROOT;
	case X_ROOT:
		if (!strcmp(name, "sheetData"))
			return X_SHEETDATA;
		if (!strcmp(name, "mergeCells"))
			return X_MERGES;
		return X_OTHER;
	case X_SHEETDATA:
		if (strcmp(name, "row"))
			return X_OTHER;
		row_start(x, s, atts);
		return X_ROW;
	case X_ROW:
		if (strcmp(name, "c"))
			return X_OTHER;
		cell_start(x, s, atts);
		return X_CELL;
	case X_CELL:
		if (!strcmp(name, "v"))
			return X_V;
		return strcmp(name, "is") ? X_OTHER : X_IS; /* <f> formulas are skipped */
	case X_IS:
		if (!strcmp(name, "t"))
			return X_T;
		return strcmp(name, "r") ? X_OTHER : X_RUN; /* <rPh> phonetic runs are skipped */
	case X_RUN: return strcmp(name, "t") ? X_OTHER : X_T;
	case X_MERGES:
		/* Checked even when a separate pass has collected them: same errors either way. */
		if (!strcmp(name, "mergeCell"))
			xlsx_merge_add(x, s, atts, !s->merges_known);
		return X_OTHER;
	}
	return X_OTHER;
}

static void sheet_text(struct xp *x, int ctx, const char *text, size_t n)
{
	struct pm_xlsx_sheet *s = x->ud;

	/* An inline string's text is in <is>; any <v> beside it is ignored. */
	if ((ctx == X_V && s->kind != K_INLINE) || (ctx == X_T && s->kind == K_INLINE))
		pm_buf_add(&s->val, text, n);
}

static void sheet_end(struct xp *x, int ctx)
{
	struct pm_xlsx_sheet *s = x->ud;

	if (ctx == X_CELL) {
		cell_end(x, s);
	} else if (ctx == X_ROW) {
		/* Hand this row out: pm_xlsx_next_row() returns, the rest waits. */
		s->row_ready = true;
		XML_StopParser(x->p, XML_TRUE);
	}
}

/* ---- opening and streaming ---- */

enum pm_status pm_xlsx_sheet_open_index(struct pm_xlsx *wb, size_t i, struct pm_xlsx_sheet **out,
					struct pm_err *err)
{
	const struct sheet_ref *ref = &wb->sheets[i];
	struct pm_xlsx_sheet *s;
	enum pm_status rc;
	size_t m;

	*out = NULL;
	if (!ref->part)
		return pm_err_set(err, PM_EDATA,
				  "sheet '%s' of '%s' has no part: relationship '%s' is missing",
				  ref->name, wb->name, ref->rid);
	if (!xlsx_find_member(wb, ref->part, &m))
		return pm_err_set(err, PM_EDATA, "'%s' has no part '%s' for sheet '%s'", wb->name,
				  ref->part, ref->name);
	if ((rc = xlsx_load_sst(wb, err)))
		return rc;
	s = pm_xcalloc(1, sizeof *s);
	s->wb = wb;
	s->title = pm_xstrdup(ref->name);
	s->member = m;
	s->last_col = -1;
	pm_buf_init(&s->text, 0);
	pm_buf_init(&s->val, PM_XLSX_MAX_CELL);
	pm_buf_init(&s->tmp, 0);
	if ((rc = pm_zip_open_member(wb->zip, m, &s->rd, err))) {
		pm_xlsx_sheet_free(s);
		return rc;
	}
	xlsx_xp_init(&s->x, s->rd->name, s);
	s->x.start = sheet_start;
	s->x.end = sheet_end;
	s->x.text = sheet_text;
	*out = s;
	return PM_OK;
}

enum pm_status pm_xlsx_sheet_open(struct pm_xlsx *wb, const char *name, struct pm_xlsx_sheet **out,
				  struct pm_err *err)
{
	struct pm_buf list = PM_BUF_INIT;
	enum pm_status rc;
	int i = pm_xlsx_sheet_find(wb, name);
	size_t k;

	*out = NULL;
	if (i >= 0)
		return pm_xlsx_sheet_open_index(wb, (size_t)i, out, err);
	for (k = 0; k < wb->nsheets && list.len < 200; k++)
		pm_buf_addf(&list, "%s'%s'", k ? ", " : "", wb->sheets[k].name);
	if (k < wb->nsheets)
		pm_buf_adds(&list, ", ...");
	rc = pm_err_set(err, PM_EDATA, "no sheet '%s' in '%s' (it has %s)", name, wb->name,
			wb->nsheets ? list.buf : "no sheets");
	pm_buf_release(&list);
	return rc;
}

void pm_xlsx_sheet_free(struct pm_xlsx_sheet *s)
{
	if (!s)
		return;
	xlsx_xp_release(&s->x);
	pm_reader_free(s->rd);
	pm_buf_release(&s->text);
	pm_buf_release(&s->val);
	pm_buf_release(&s->tmp);
	free(s->cells);
	free(s->merges);
	free(s->title);
	free(s);
}

const char *pm_xlsx_sheet_title(const struct pm_xlsx_sheet *s)
{
	return s->title;
}

struct pm_reader *pm_xlsx_sheet_reader(struct pm_xlsx_sheet *s)
{
	return s->rd;
}

static enum pm_status sheet_failed(struct pm_xlsx_sheet *s, enum pm_status rc, struct pm_err *err)
{
	s->status = rc;
	if (err)
		*err = s->fail;
	return rc;
}

enum pm_status pm_xlsx_next_row(struct pm_xlsx_sheet *s, bool *eof, struct pm_err *err)
{
	enum pm_status rc;

	*eof = false;
	if (s->status) {
		if (err)
			*err = s->fail;
		return s->status;
	}
	s->row_ready = false;
	while (!s->done && !s->row_ready) {
		XML_ParsingStatus ps;

		XML_GetParsingStatus(s->x.p, &ps);
		if (ps.parsing == XML_SUSPENDED) {
			if (XML_ResumeParser(s->x.p) == XML_STATUS_ERROR)
				return sheet_failed(s, xlsx_xp_error(&s->x, &s->fail), err);
		} else if (ps.parsing == XML_FINISHED || s->fed_final) {
			s->done = true;
		} else if ((rc = xlsx_xp_feed(&s->x, s->rd, &s->fed_final, &s->fail))) {
			return sheet_failed(s, rc, err);
		}
	}
	if (s->row_ready)
		return PM_OK;
	/* The whole part has been read (and its CRC checked by libzip). */
	if (s->ncells)
		memset(s->cells, 0, s->ncells * sizeof *s->cells);
	s->ncells = 0;
	s->merges_known = true;
	s->at_eof = true;
	*eof = true;
	return PM_OK;
}

/* ---- cells of the current row ---- */

uint32_t pm_xlsx_row_number(const struct pm_xlsx_sheet *s)
{
	return s->row;
}

size_t pm_xlsx_ncells(const struct pm_xlsx_sheet *s)
{
	return s->ncells;
}

const char *pm_xlsx_cell(const struct pm_xlsx_sheet *s, size_t col, size_t *len)
{
	const struct cell *c;

	if (col >= s->ncells || s->cells[col].type == PM_XLSX_EMPTY) {
		if (len)
			*len = 0;
		return "";
	}
	c = &s->cells[col];
	if (len)
		*len = c->len;
	return s->text.buf + c->off;
}

enum pm_xlsx_type pm_xlsx_cell_type(const struct pm_xlsx_sheet *s, size_t col)
{
	return col < s->ncells ? (enum pm_xlsx_type)s->cells[col].type : PM_XLSX_EMPTY;
}

/* Common checks for the numeric accessors; returns the text or NULL with ERR set. */
static const char *numeric_text(const struct pm_xlsx_sheet *s, size_t col, size_t *len,
				struct pm_err *err)
{
	enum pm_xlsx_type t = pm_xlsx_cell_type(s, col);
	const char *text = pm_xlsx_cell(s, col, len);
	char ref[16], show[48];

	pm_xlsx_ref_format(s->row, col < PM_XLSX_MAX_COL ? (uint32_t)col : PM_XLSX_MAX_COL - 1, ref,
			   sizeof ref);
	if (t == PM_XLSX_EMPTY) {
		pm_err_set(err, PM_EDATA, "%s: sheet '%s' cell %s is empty, expected a number",
			   s->wb->name, s->title, ref);
		return NULL;
	}
	if (t == PM_XLSX_BOOL || t == PM_XLSX_ERROR || t == PM_XLSX_DATE) {
		pm_err_set(err, PM_EDATA, "%s: sheet '%s' cell %s holds %s '%s', not a number",
			   s->wb->name, s->title, ref,
			   t == PM_XLSX_BOOL	? "a boolean"
			   : t == PM_XLSX_ERROR ? "an error"
						: "a date",
			   xlsx_shown(text, show, sizeof show));
		return NULL;
	}
	return text;
}

/* Fail a numeric accessor: TEXT, in column COL of the current row, is not WHAT. */
static enum pm_status not_numeric(const struct pm_xlsx_sheet *s, size_t col, const char *text,
				  const char *what, struct pm_err *err)
{
	char ref[16], show[48];

	pm_xlsx_ref_format(s->row, (uint32_t)col, ref, sizeof ref);
	return pm_err_set(err, PM_EDATA, "%s: sheet '%s' cell %s: '%s' is not %s", s->wb->name,
			  s->title, ref, xlsx_shown(text, show, sizeof show), what);
}

enum pm_status pm_xlsx_cell_double(const struct pm_xlsx_sheet *s, size_t col, double *out,
				   struct pm_err *err)
{
	const char *text;
	size_t len;

	if (!(text = numeric_text(s, col, &len, err)))
		return PM_EDATA;
	if (pm_parse_double(text, len, out))
		return not_numeric(s, col, text, "a number", err);
	return PM_OK;
}

enum pm_status pm_xlsx_cell_i64(const struct pm_xlsx_sheet *s, size_t col, int64_t *out,
				struct pm_err *err)
{
	const char *text;
	size_t len;

	if (!(text = numeric_text(s, col, &len, err)))
		return PM_EDATA;
	if (pm_parse_i64(text, len, out))
		return not_numeric(s, col, text, "a whole number", err);
	return PM_OK;
}
