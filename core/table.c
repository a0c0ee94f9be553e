/* Result tables (see table.h). */
#include "core/table.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "core/banned.h"

struct pm_table *pm_table_new(void)
{
	return pm_xcalloc(1, sizeof(struct pm_table));
}

void pm_table_free(struct pm_table *t)
{
	size_t i, j;

	if (!t)
		return;
	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < t->ncols; j++) {
			struct pm_cell *c = &t->cells[i * t->ncols + j];

			if (t->cols[j].type == PM_COL_TEXT && c->state == PM_CELL_VALUE)
				free(c->v.s);
		}
	for (j = 0; j < t->ncols; j++) {
		free(t->cols[j].name);
		free(t->cols[j].label);
	}
	for (i = 0; i < t->nnotes; i++)
		free(t->notes[i]);
	free(t->notes);
	free(t->cols);
	free(t->cells);
	free(t->title);
	free(t);
}

void pm_table_set_title(struct pm_table *t, const char *title)
{
	free(t->title);
	t->title = pm_xstrdup(title);
}

void pm_table_add_note(struct pm_table *t, const char *fmt, ...)
{
	va_list ap;

	t->notes = pm_xrealloc(t->notes, (t->nnotes + 1) * sizeof *t->notes);
	va_start(ap, fmt);
	t->notes[t->nnotes++] = pm_xstrvfmt(fmt, ap);
	va_end(ap);
}

size_t pm_table_add_col(struct pm_table *t, const char *name, enum pm_coltype type, int decimals)
{
	struct pm_table_col *c;

	PM_ALLOC_GROW(t->cols, t->ncols + 1, t->acols);
	c = &t->cols[t->ncols];
	c->name = pm_xstrdup(name);
	c->type = type;
	c->decimals = decimals;
	c->display_decimals = decimals;
	c->brief = 0;
	c->plain = false;
	c->label = NULL;
	return t->ncols++;
}

void pm_table_col_plain(struct pm_table *t, size_t col)
{
	t->cols[col].plain = true;
}

void pm_table_col_brief(struct pm_table *t, size_t col, const char *label, int decimals)
{
	struct pm_table_col *c = &t->cols[col];

	c->brief = ++t->nbrief;
	free(c->label);
	c->label = label ? pm_xstrdup(label) : NULL;
	if (decimals >= 0)
		c->display_decimals = decimals;
}

int pm_table_col_index(const struct pm_table *t, const char *name)
{
	size_t j;

	for (j = 0; j < t->ncols; j++)
		if (!strcmp(t->cols[j].name, name))
			return (int)j;
	return -1;
}

size_t pm_table_add_row(struct pm_table *t)
{
	size_t need = (t->nrows + 1) * t->ncols;

	if (need > t->arows) {
		size_t n = t->arows ? t->arows * 2 : 64 * (t->ncols ? t->ncols : 1);

		while (n < need)
			n *= 2;
		t->cells = pm_xrealloc(t->cells, n * sizeof *t->cells);
		t->arows = n;
	}
	if (t->ncols) /* no cells (and no array) in a table without columns */
		memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof *t->cells);
	return t->nrows++;
}

struct pm_cell *pm_table_cell(struct pm_table *t, size_t row, size_t col)
{
	return &t->cells[row * t->ncols + col];
}

const struct pm_cell *pm_table_cell_c(const struct pm_table *t, size_t row, size_t col)
{
	return &t->cells[row * t->ncols + col];
}

static void clear_cell(struct pm_table *t, size_t row, size_t col)
{
	struct pm_cell *c = pm_table_cell(t, row, col);

	if (t->cols[col].type == PM_COL_TEXT && c->state == PM_CELL_VALUE)
		free(c->v.s);
	c->state = PM_CELL_NA;
	c->approx = false;
	c->has_range = false;
}

void pm_table_set_text(struct pm_table *t, size_t row, size_t col, const char *s)
{
	struct pm_cell *c;

	assert(t->cols[col].type == PM_COL_TEXT);
	clear_cell(t, row, col);
	if (!s)
		return;
	c = pm_table_cell(t, row, col);
	c->state = PM_CELL_VALUE;
	c->v.s = pm_xstrdup(s);
}

void pm_table_set_int(struct pm_table *t, size_t row, size_t col, int64_t v)
{
	struct pm_cell *c;

	assert(t->cols[col].type != PM_COL_TEXT);
	clear_cell(t, row, col);
	c = pm_table_cell(t, row, col);
	c->state = PM_CELL_VALUE;
	if (t->cols[col].type == PM_COL_REAL)
		c->v.d = (double)v;
	else
		c->v.i = v;
}

void pm_table_set_real(struct pm_table *t, size_t row, size_t col, double v)
{
	struct pm_cell *c;

	assert(t->cols[col].type != PM_COL_TEXT);
	clear_cell(t, row, col);
	if (!isfinite(v))
		return;
	c = pm_table_cell(t, row, col);
	c->state = PM_CELL_VALUE;
	if (t->cols[col].type == PM_COL_INT)
		c->v.i = (int64_t)llround(v);
	else
		c->v.d = v;
}

void pm_table_set_suppressed(struct pm_table *t, size_t row, size_t col)
{
	clear_cell(t, row, col);
	pm_table_cell(t, row, col)->state = PM_CELL_SUPPRESSED;
}

void pm_table_set_suppressed_range(struct pm_table *t, size_t row, size_t col, int64_t lo,
				   int64_t hi)
{
	struct pm_cell *c;

	pm_table_set_suppressed(t, row, col);
	c = pm_table_cell(t, row, col);
	c->has_range = true;
	c->lo = lo;
	c->hi = hi;
}

void pm_table_mark_approx(struct pm_table *t, size_t row, size_t col)
{
	struct pm_cell *c = pm_table_cell(t, row, col);

	if (c->state == PM_CELL_VALUE)
		c->approx = true;
}
