/*
 * Table, CSV, JSON and Markdown renderers (see render.h). cJSON builds the
 * JSON so escaping is never hand-written; numbers are printed with the
 * column's decimals, so JSON and CSV carry the same figures.
 */
#include "cli/render.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/table.h"
#include "core/xalloc.h"
#include "core/banned.h"

int pm_format_parse(const char *s, enum pm_format *out)
{
	if (!strcmp(s, "table"))
		*out = PM_FMT_TABLE;
	else if (!strcmp(s, "csv"))
		*out = PM_FMT_CSV;
	else if (!strcmp(s, "json"))
		*out = PM_FMT_JSON;
	else if (!strcmp(s, "md") || !strcmp(s, "markdown"))
		*out = PM_FMT_MD;
	else
		return -1;
	return 0;
}

/* Format a real with D decimals; "-0.00" becomes "0.00". */
static void fmt_real(struct pm_buf *b, double v, int d)
{
	size_t start = b->len;

	pm_buf_addf(b, "%.*f", d, v);
	if (b->buf[start] == '-') {
		const char *p;

		for (p = b->buf + start + 1; *p == '0' || *p == '.'; p++)
			;
		if (!*p) {
			memmove(b->buf + start, b->buf + start + 1, b->len - start);
			b->len--;
		}
	}
}

/* Insert thousands separators into the integer part of the number at START. */
static void group_digits(struct pm_buf *b, size_t start)
{
	char tmp[64];
	const char *s = b->buf + start;
	size_t n = strlen(s), int_start = (*s == '-') ? 1 : 0, int_len, i, o = 0;
	const char *dot = strchr(s, '.');

	int_len = (dot ? (size_t)(dot - s) : n) - int_start;
	if (int_len <= 3 || n + int_len / 3 >= sizeof tmp)
		return;
	if (int_start)
		tmp[o++] = '-';
	for (i = 0; i < int_len; i++) {
		if (i && (int_len - i) % 3 == 0)
			tmp[o++] = ',';
		tmp[o++] = s[int_start + i];
	}
	if (dot) {
		memcpy(tmp + o, dot, strlen(dot));
		o += strlen(dot);
	}
	tmp[o] = '\0';
	pm_buf_truncate(b, start);
	pm_buf_adds(b, tmp);
}

/* Append cell (R, C) as text. HUMAN: display decimals, separators, "(D)" and "-". */
static void cell_text(struct pm_buf *b, const struct pm_table *t, size_t r, size_t c, bool human)
{
	const struct pm_cell *cell = pm_table_cell_c(t, r, c);
	const struct pm_table_col *col = &t->cols[c];
	size_t start = b->len;

	if (cell->state == PM_CELL_SUPPRESSED) {
		if (human) {
			pm_buf_adds(b, "(D)");
			if (cell->has_range) {
				size_t at;

				pm_buf_adds(b, " ");
				at = b->len;
				pm_buf_addf(b, "%lld", (long long)cell->lo);
				group_digits(b, at);
				pm_buf_adds(b, "-");
				at = b->len;
				pm_buf_addf(b, "%lld", (long long)cell->hi);
				group_digits(b, at);
			}
		}
		return;
	}
	if (cell->state == PM_CELL_NA) {
		if (human)
			pm_buf_adds(b, "-");
		return;
	}
	if (human && cell->approx) {
		pm_buf_addch(b, '~');
		start = b->len;
	}
	switch (col->type) {
	case PM_COL_TEXT: pm_buf_adds(b, cell->v.s); return;
	case PM_COL_INT: pm_buf_addf(b, "%lld", (long long)cell->v.i); break;
	case PM_COL_REAL:
		fmt_real(b, cell->v.d, human ? col->display_decimals : col->decimals);
		break;
	}
	if (human && !col->plain)
		group_digits(b, start);
}

/*
 * The columns human formats show, in order: all of them with --wide or when
 * none is marked brief, else the brief ones in the order they were marked.
 * Returns a new array of N indexes.
 */
static size_t *shown_cols(const struct pm_table *t, bool wide, size_t *n)
{
	size_t *v = pm_xcalloc(t->ncols ? t->ncols : 1, sizeof *v), c;
	int pos;

	*n = 0;
	if (wide || !t->nbrief) {
		for (c = 0; c < t->ncols; c++)
			v[(*n)++] = c;
		return v;
	}
	for (pos = 1; pos <= t->nbrief; pos++)
		for (c = 0; c < t->ncols; c++)
			if (t->cols[c].brief == pos)
				v[(*n)++] = c;
	return v;
}

static const char *label(const struct pm_table *t, size_t c, bool wide)
{
	return (!wide && t->cols[c].label) ? t->cols[c].label : t->cols[c].name;
}

/* Display width of UTF-8 text (code points; good enough for titles). */
static size_t width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

/* Cut S to at most MAX display columns, ending with an ellipsis. */
static void clip(struct pm_buf *b, size_t max)
{
	size_t i, w = 0;

	if (width(b->buf) <= max)
		return;
	for (i = 0; i < b->len; i++) {
		if (((unsigned char)b->buf[i] & 0xC0) != 0x80 && ++w == max) {
			pm_buf_truncate(b, i);
			pm_buf_adds(b, "\xe2\x80\xa6");
			return;
		}
	}
}

#define TABLE_TEXT_MAX 40

static void render_table(const struct pm_table *t, bool wide, struct pm_buf *o)
{
	size_t n, *cols = shown_cols(t, wide, &n);
	size_t *w = pm_xcalloc(n ? n : 1, sizeof *w), r, k, i;
	struct pm_buf cell = PM_BUF_INIT;

	if (t->title)
		pm_buf_addf(o, "%s\n", t->title);
	for (i = 0; i < t->nnotes; i++)
		pm_buf_addf(o, "note: %s\n", t->notes[i]);
	if (t->title || t->nnotes)
		pm_buf_addch(o, '\n');
	for (k = 0; k < n; k++) {
		w[k] = width(label(t, cols[k], wide));
		for (r = 0; r < t->nrows; r++) {
			pm_buf_reset(&cell);
			cell_text(&cell, t, r, cols[k], true);
			if (!wide)
				clip(&cell, TABLE_TEXT_MAX);
			if (width(cell.buf) > w[k])
				w[k] = width(cell.buf);
		}
	}
	for (k = 0; k < n; k++) {
		const char *l = label(t, cols[k], wide);
		int pad = (int)(w[k] - width(l));

		if (t->cols[cols[k]].type == PM_COL_TEXT)
			pm_buf_addf(o, "%s%s%*s", k ? "  " : "", l, pad, "");
		else
			pm_buf_addf(o, "%s%*s%s", k ? "  " : "", pad, "", l);
	}
	while (o->len && o->buf[o->len - 1] == ' ')
		pm_buf_truncate(o, o->len - 1);
	pm_buf_addch(o, '\n');
	for (k = 0; k < n; k++) {
		pm_buf_adds(o, k ? "  " : "");
		for (i = 0; i < w[k]; i++)
			pm_buf_addch(o, '-');
	}
	pm_buf_addch(o, '\n');
	for (r = 0; r < t->nrows; r++) {
		for (k = 0; k < n; k++) {
			int pad;

			pm_buf_reset(&cell);
			cell_text(&cell, t, r, cols[k], true);
			if (!wide)
				clip(&cell, TABLE_TEXT_MAX);
			pad = (int)(w[k] - width(cell.buf));
			if (t->cols[cols[k]].type == PM_COL_TEXT)
				pm_buf_addf(o, "%s%s%*s", k ? "  " : "", cell.buf, pad, "");
			else
				pm_buf_addf(o, "%s%*s%s", k ? "  " : "", pad, "", cell.buf);
		}
		/* No trailing blanks: golden files and diffs stay clean. */
		while (o->len && o->buf[o->len - 1] == ' ')
			pm_buf_truncate(o, o->len - 1);
		pm_buf_addch(o, '\n');
	}
	pm_buf_release(&cell);
	free(w);
	free(cols);
}

static void render_csv(const struct pm_table *t, struct pm_buf *o)
{
	struct pm_buf cell = PM_BUF_INIT;
	size_t r, c;

	for (c = 0; c < t->ncols; c++) {
		if (c)
			pm_buf_addch(o, ',');
		pm_buf_add_csv(o, t->cols[c].name);
	}
	pm_buf_addch(o, '\n');
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c)
				pm_buf_addch(o, ',');
			pm_buf_reset(&cell);
			cell_text(&cell, t, r, c, false);
			pm_buf_add_csv(o, cell.buf);
		}
		pm_buf_addch(o, '\n');
	}
	pm_buf_release(&cell);
}

static void md_escape(struct pm_buf *o, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			pm_buf_addch(o, '\\');
		pm_buf_addch(o, *s);
	}
}

static void render_md(const struct pm_table *t, bool wide, struct pm_buf *o)
{
	size_t n, *cols = shown_cols(t, wide, &n), r, k, i;
	struct pm_buf cell = PM_BUF_INIT;

	if (t->title)
		pm_buf_addf(o, "### %s\n\n", t->title);
	for (i = 0; i < t->nnotes; i++)
		pm_buf_addf(o, "> %s\n", t->notes[i]);
	if (t->nnotes)
		pm_buf_addch(o, '\n');
	pm_buf_adds(o, "|");
	for (k = 0; k < n; k++) {
		pm_buf_addch(o, ' ');
		md_escape(o, label(t, cols[k], wide));
		pm_buf_adds(o, " |");
	}
	pm_buf_adds(o, "\n|");
	for (k = 0; k < n; k++)
		pm_buf_adds(o, t->cols[cols[k]].type == PM_COL_TEXT ? " --- |" : " ---: |");
	pm_buf_addch(o, '\n');
	for (r = 0; r < t->nrows; r++) {
		pm_buf_adds(o, "|");
		for (k = 0; k < n; k++) {
			pm_buf_reset(&cell);
			cell_text(&cell, t, r, cols[k], true);
			pm_buf_addch(o, ' ');
			md_escape(o, cell.buf);
			pm_buf_adds(o, " |");
		}
		pm_buf_addch(o, '\n');
	}
	pm_buf_release(&cell);
	free(cols);
}

static cJSON *json_cell(const struct pm_table *t, size_t r, size_t c)
{
	const struct pm_cell *cell = pm_table_cell_c(t, r, c);
	const struct pm_table_col *col = &t->cols[c];

	if (cell->state != PM_CELL_VALUE)
		return cJSON_CreateNull();
	switch (col->type) {
	case PM_COL_TEXT: return cJSON_CreateString(cell->v.s);
	case PM_COL_INT: return cJSON_CreateNumber((double)cell->v.i);
	case PM_COL_REAL: {
		/* Round to the column's decimals so JSON and CSV agree. */
		double scale = pow(10.0, col->decimals);

		return cJSON_CreateNumber(round(cell->v.d * scale) / scale);
	}
	}
	return cJSON_CreateNull();
}

static enum pm_status render_json(const struct pm_table *t, const cJSON *meta, struct pm_buf *o,
				  struct pm_err *err)
{
	cJSON *root = meta ? cJSON_Duplicate(meta, 1) : cJSON_CreateObject();
	cJSON *rows = cJSON_CreateArray(), *notes = cJSON_CreateArray();
	char *text;
	size_t r, c, i;

	for (i = 0; i < t->nnotes; i++)
		cJSON_AddItemToArray(notes, cJSON_CreateString(t->notes[i]));
	cJSON_AddItemToObject(root, "notes", notes);
	for (r = 0; r < t->nrows; r++) {
		cJSON *row = cJSON_CreateObject();

		for (c = 0; c < t->ncols; c++)
			cJSON_AddItemToObject(row, t->cols[c].name, json_cell(t, r, c));
		cJSON_AddItemToArray(rows, row);
	}
	cJSON_AddItemToObject(root, "rows", rows);
	text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		return pm_err_set(err, PM_EIO, "cannot format JSON output");
	pm_buf_adds(o, text);
	pm_buf_addch(o, '\n');
	cJSON_free(text);
	return PM_OK;
}

enum pm_status pm_render(const struct pm_table *t, enum pm_format fmt, const cJSON *meta, bool wide,
			 FILE *f, struct pm_err *err)
{
	struct pm_buf o = PM_BUF_INIT;
	enum pm_status rc = PM_OK;

	switch (fmt) {
	case PM_FMT_TABLE: render_table(t, wide, &o); break;
	case PM_FMT_CSV: render_csv(t, &o); break;
	case PM_FMT_MD: render_md(t, wide, &o); break;
	case PM_FMT_JSON: rc = render_json(t, meta, &o, err); break;
	}
	if (!rc && fwrite(o.buf, 1, o.len, f) != o.len)
		rc = pm_err_set(err, PM_EIO, "cannot write output: %s", strerror(errno));
	pm_buf_release(&o);
	return rc;
}

enum pm_status pm_out_open(struct pm_out *o, const char *path, struct pm_err *err)
{
	struct pm_buf tmp = PM_BUF_INIT;
	int fd;

	memset(o, 0, sizeof *o);
	if (!path || !strcmp(path, "-")) {
		o->f = stdout;
		return PM_OK;
	}
	pm_buf_addf(&tmp, "%s.tmp-XXXXXX", path);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		enum pm_status rc =
			pm_err_set(err, PM_EIO, "cannot write '%s': %s", path, strerror(errno));

		pm_buf_release(&tmp);
		return rc;
	}
	{
		/* mkstemp makes the file private; give it the permissions a plain create would. */
		mode_t mask = umask(0);

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	o->f = fdopen(fd, "w");
	o->path = pm_xstrdup(path);
	o->tmp = pm_buf_detach(&tmp, NULL);
	return PM_OK;
}

enum pm_status pm_out_close(struct pm_out *o, bool commit, struct pm_err *err)
{
	enum pm_status rc = PM_OK;

	if (!o->f)
		return PM_OK;
	if (o->f == stdout) {
		if (fflush(stdout) != 0 && commit)
			rc = pm_err_set(err, PM_EIO, "cannot write output: %s", strerror(errno));
		o->f = NULL;
		return rc;
	}
	if (fclose(o->f) != 0 && commit)
		rc = pm_err_set(err, PM_EIO, "cannot write '%s': %s", o->path, strerror(errno));
	o->f = NULL;
	if (commit && !rc && rename(o->tmp, o->path) != 0)
		rc = pm_err_set(err, PM_EIO, "cannot write '%s': %s", o->path, strerror(errno));
	if (!commit || rc)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	return rc;
}
