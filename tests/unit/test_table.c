/* Unit tests for core/table.h: typed result tables. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/parse.h"
#include "core/table.h"

/* A three-column table: name (text), jobs (int), lq (real, 2 decimals). */
static struct pm_table *sample(void)
{
	struct pm_table *t = pm_table_new();

	cr_assert_eq(pm_table_add_col(t, "name", PM_COL_TEXT, 0), 0);
	cr_assert_eq(pm_table_add_col(t, "jobs", PM_COL_INT, 0), 1);
	cr_assert_eq(pm_table_add_col(t, "lq", PM_COL_REAL, 2), 2);
	return t;
}

Test(table, new_is_empty)
{
	struct pm_table *t = pm_table_new();

	cr_assert_not_null(t);
	cr_assert_eq(t->ncols, 0);
	cr_assert_eq(t->nrows, 0);
	cr_assert_eq(t->nnotes, 0);
	cr_assert_null(t->title);
	pm_table_free(t);
	pm_table_free(NULL);
}

Test(table, title_and_notes)
{
	struct pm_table *t = pm_table_new();

	pm_table_set_title(t, "first");
	pm_table_set_title(t, "Location quotients, 2020");
	cr_assert_str_eq(t->title, "Location quotients, 2020");
	pm_table_add_note(t, "%d counties", 15);
	pm_table_add_note(t, "%s", "suppressed cells are unknown, not zero");
	pm_table_add_note(t, "plain");
	cr_assert_eq(t->nnotes, 3);
	cr_assert_str_eq(t->notes[0], "15 counties");
	cr_assert_str_eq(t->notes[1], "suppressed cells are unknown, not zero");
	cr_assert_str_eq(t->notes[2], "plain");
	pm_table_free(t);
}

Test(table, add_cols)
{
	struct pm_table *t = sample();
	char name[] = "area";
	size_t i;

	cr_assert_eq(t->ncols, 3);
	cr_assert_str_eq(t->cols[0].name, "name");
	cr_assert_eq(t->cols[0].type, PM_COL_TEXT);
	cr_assert_eq(t->cols[1].type, PM_COL_INT);
	cr_assert_eq(t->cols[2].type, PM_COL_REAL);
	cr_assert_eq(t->cols[2].decimals, 2);
	cr_assert_eq(t->cols[2].display_decimals, 2);
	for (i = 0; i < 3; i++) {
		cr_assert_not(t->cols[i].brief);
		cr_assert_not(t->cols[i].plain);
		cr_assert_null(t->cols[i].label);
	}
	/* Names are copied; many columns grow the array. */
	i = pm_table_add_col(t, name, PM_COL_TEXT, 0);
	name[0] = 'X';
	cr_assert_str_eq(t->cols[i].name, "area");
	for (i = 0; i < 40; i++)
		pm_table_add_col(t, "extra", PM_COL_INT, 0);
	cr_assert_eq(t->ncols, 44);
	cr_assert_str_eq(t->cols[0].name, "name");
	cr_assert_str_eq(t->cols[3].name, "area");
	pm_table_free(t);
}

Test(table, col_index)
{
	struct pm_table *t = sample();

	cr_assert_eq(pm_table_col_index(t, "name"), 0);
	cr_assert_eq(pm_table_col_index(t, "lq"), 2);
	cr_assert_eq(pm_table_col_index(t, "LQ"), -1, "column names are exact");
	cr_assert_eq(pm_table_col_index(t, "missing"), -1);
	pm_table_free(t);
}

Test(table, col_brief_and_plain)
{
	struct pm_table *t = sample();

	pm_table_col_brief(t, 2, "LQ", 1);
	cr_assert(t->cols[2].brief);
	cr_assert_str_eq(t->cols[2].label, "LQ");
	cr_assert_eq(t->cols[2].display_decimals, 1);
	cr_assert_eq(t->cols[2].decimals, 2, "CSV/JSON decimals are unchanged");
	/* Again: the old label is freed, -1 keeps the decimals. */
	pm_table_col_brief(t, 2, "Location quotient", -1);
	cr_assert_str_eq(t->cols[2].label, "Location quotient");
	cr_assert_eq(t->cols[2].display_decimals, 1);
	pm_table_col_brief(t, 0, NULL, -1);
	cr_assert(t->cols[0].brief);
	cr_assert_null(t->cols[0].label);
	pm_table_col_plain(t, 1);
	cr_assert(t->cols[1].plain);
	cr_assert_not(t->cols[0].plain);
	pm_table_free(t);
}

Test(table, add_rows_start_na)
{
	struct pm_table *t = sample();
	size_t r, c;

	cr_assert_eq(pm_table_add_row(t), 0);
	cr_assert_eq(pm_table_add_row(t), 1);
	cr_assert_eq(t->nrows, 2);
	for (r = 0; r < 2; r++)
		for (c = 0; c < 3; c++) {
			const struct pm_cell *cell = pm_table_cell_c(t, r, c);

			cr_assert_eq(cell->state, PM_CELL_NA);
			cr_assert_not(cell->approx);
			cr_assert_not(cell->has_range);
			cr_assert_eq(cell, pm_table_cell(t, r, c));
		}
	pm_table_free(t);
}

Test(table, many_rows_keep_values)
{
	struct pm_table *t = sample();
	char s[32];
	size_t r;

	for (r = 0; r < 5000; r++) {
		cr_assert_eq(pm_table_add_row(t), r);
		snprintf(s, sizeof s, "row %zu", r);
		pm_table_set_text(t, r, 0, s);
		pm_table_set_int(t, r, 1, (int64_t)r * 10);
		if (r % 3)
			pm_table_set_real(t, r, 2, (double)r / 4);
	}
	cr_assert_eq(t->nrows, 5000);
	for (r = 0; r < 5000; r++) {
		snprintf(s, sizeof s, "row %zu", r);
		cr_assert_str_eq(pm_table_cell_c(t, r, 0)->v.s, s);
		cr_assert_eq(pm_table_cell_c(t, r, 1)->v.i, (int64_t)r * 10);
		if (r % 3) {
			cr_assert_eq(pm_table_cell_c(t, r, 2)->state, PM_CELL_VALUE);
			cr_assert(pm_double_eq(pm_table_cell_c(t, r, 2)->v.d, (double)r / 4));
		} else {
			cr_assert_eq(pm_table_cell_c(t, r, 2)->state, PM_CELL_NA);
		}
	}
	pm_table_free(t);
}

Test(table, set_text)
{
	struct pm_table *t = sample();
	char buf[] = "Franklin";
	const struct pm_cell *c;

	pm_table_add_row(t);
	pm_table_set_text(t, 0, 0, buf);
	c = pm_table_cell_c(t, 0, 0);
	cr_assert_eq(c->state, PM_CELL_VALUE);
	cr_assert_neq(c->v.s, buf, "text is copied");
	buf[0] = 'X';
	cr_assert_str_eq(c->v.s, "Franklin");
	/* Replacing frees the old copy (the leak checker would see it). */
	pm_table_set_text(t, 0, 0, "Delaware");
	cr_assert_str_eq(c->v.s, "Delaware");
	pm_table_set_text(t, 0, 0, NULL);
	cr_assert_eq(c->state, PM_CELL_NA, "NULL text is n/a");
	pm_table_set_text(t, 0, 0, "");
	cr_assert_eq(c->state, PM_CELL_VALUE, "empty text is a value");
	cr_assert_str_eq(c->v.s, "");
	pm_table_free(t);
}

Test(table, set_int_and_real)
{
	struct pm_table *t = sample();

	pm_table_add_row(t);
	pm_table_set_int(t, 0, 1, INT64_MAX);
	cr_assert_eq(pm_table_cell_c(t, 0, 1)->state, PM_CELL_VALUE);
	cr_assert_eq(pm_table_cell_c(t, 0, 1)->v.i, INT64_MAX);
	pm_table_set_int(t, 0, 1, -38413);
	cr_assert_eq(pm_table_cell_c(t, 0, 1)->v.i, -38413);
	/* An int in a real column is stored as a double. */
	pm_table_set_int(t, 0, 2, 3);
	cr_assert_eq(pm_table_cell_c(t, 0, 2)->state, PM_CELL_VALUE);
	cr_assert(pm_double_eq(pm_table_cell_c(t, 0, 2)->v.d, 3.0));
	pm_table_set_real(t, 0, 2, 0.93);
	cr_assert(pm_double_eq(pm_table_cell_c(t, 0, 2)->v.d, 0.93));
	pm_table_free(t);
}

Test(table, set_real_in_int_column_rounds)
{
	struct pm_table *t = sample();

	pm_table_add_row(t);
	pm_table_set_real(t, 0, 1, 2.5);
	cr_assert_eq(pm_table_cell_c(t, 0, 1)->v.i, 3);
	pm_table_set_real(t, 0, 1, -2.5);
	cr_assert_eq(pm_table_cell_c(t, 0, 1)->v.i, -3);
	pm_table_set_real(t, 0, 1, 1234.4);
	cr_assert_eq(pm_table_cell_c(t, 0, 1)->v.i, 1234);
	pm_table_free(t);
}

Test(table, set_real_not_finite_is_na)
{
	struct pm_table *t = sample();

	pm_table_add_row(t);
	pm_table_set_real(t, 0, 2, 1.5);
	pm_table_set_real(t, 0, 2, NAN);
	cr_assert_eq(pm_table_cell_c(t, 0, 2)->state, PM_CELL_NA);
	pm_table_set_real(t, 0, 2, INFINITY);
	cr_assert_eq(pm_table_cell_c(t, 0, 2)->state, PM_CELL_NA);
	pm_table_set_real(t, 0, 1, -INFINITY);
	cr_assert_eq(pm_table_cell_c(t, 0, 1)->state, PM_CELL_NA);
	pm_table_free(t);
}

Test(table, suppressed_and_range)
{
	struct pm_table *t = sample();
	const struct pm_cell *c;

	pm_table_add_row(t);
	pm_table_set_int(t, 0, 1, 10);
	pm_table_set_suppressed(t, 0, 1);
	c = pm_table_cell_c(t, 0, 1);
	cr_assert_eq(c->state, PM_CELL_SUPPRESSED);
	cr_assert_not(c->has_range);
	pm_table_set_suppressed_range(t, 0, 1, 20, 99);
	cr_assert_eq(c->state, PM_CELL_SUPPRESSED);
	cr_assert(c->has_range);
	cr_assert_eq(c->lo, 20);
	cr_assert_eq(c->hi, 99);
	/* A value replaces the range. */
	pm_table_set_int(t, 0, 1, 50);
	cr_assert_eq(c->state, PM_CELL_VALUE);
	cr_assert_not(c->has_range);
	cr_assert_eq(c->v.i, 50);
	/* Suppressing a text value frees it. */
	pm_table_set_text(t, 0, 0, "to be hidden");
	pm_table_set_suppressed_range(t, 0, 0, 1, 2);
	cr_assert_eq(pm_table_cell_c(t, 0, 0)->state, PM_CELL_SUPPRESSED);
	pm_table_free(t);
}

Test(table, approx)
{
	struct pm_table *t = sample();
	const struct pm_cell *c;

	pm_table_add_row(t);
	c = pm_table_cell_c(t, 0, 2);
	pm_table_mark_approx(t, 0, 2);
	cr_assert_not(c->approx, "n/a cannot be an estimate");
	pm_table_set_suppressed(t, 0, 2);
	pm_table_mark_approx(t, 0, 2);
	cr_assert_not(c->approx, "suppressed cannot be an estimate");
	pm_table_set_real(t, 0, 2, 1.25);
	pm_table_mark_approx(t, 0, 2);
	cr_assert(c->approx);
	cr_assert_eq(c->state, PM_CELL_VALUE);
	cr_assert(pm_double_eq(c->v.d, 1.25));
	/* Setting a new value clears the mark. */
	pm_table_set_real(t, 0, 2, 2.0);
	cr_assert_not(c->approx);
	pm_table_free(t);
}

Test(table, free_with_every_kind_of_cell)
{
	/* Runs under LeakSanitizer: every owned string must be released. */
	struct pm_table *t = sample();
	size_t r;

	pm_table_set_title(t, "t");
	pm_table_add_note(t, "n");
	pm_table_col_brief(t, 0, "Name", -1);
	for (r = 0; r < 20; r++) {
		pm_table_add_row(t);
		switch (r % 5) {
		case 0:
			pm_table_set_text(t, r, 0, "value");
			break;
		case 1:
			pm_table_set_suppressed(t, r, 0);
			break;
		case 2:
			pm_table_set_suppressed_range(t, r, 1, 0, 9);
			break;
		case 3:
			pm_table_set_text(t, r, 0, "approx");
			pm_table_mark_approx(t, r, 0);
			break;
		default:
			break;
		}
	}
	cr_assert_eq(t->nrows, 20);
	cr_assert_str_eq(pm_table_cell_c(t, 3, 0)->v.s, "approx");
	cr_assert(pm_table_cell_c(t, 3, 0)->approx);
	pm_table_free(t);
}

Test(table, rows_without_columns)
{
	struct pm_table *t = pm_table_new();

	cr_assert_eq(pm_table_add_row(t), 0);
	cr_assert_eq(pm_table_add_row(t), 1);
	cr_assert_eq(t->nrows, 2);
	pm_table_free(t);
}
