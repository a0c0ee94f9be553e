#ifndef PM_CORE_TABLE_H
#define PM_CORE_TABLE_H
/*
 * A result table: typed columns, rows of cells, a title and notes. Commands
 * fill one and cli/render.c prints it as a table, CSV, JSON or Markdown, so
 * every command gets every format the same way.
 *
 * A cell is a value, not applicable (n/a: e.g. no base year), or suppressed
 * (BLS disclosure: unknown, never zero). CSV prints both kinds of missing as
 * an empty field and JSON as null; the text table prints "(D)" for
 * suppressed and "-" for n/a.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum pm_coltype { PM_COL_TEXT, PM_COL_INT, PM_COL_REAL };

enum pm_cellstate { PM_CELL_NA = 0, PM_CELL_VALUE, PM_CELL_SUPPRESSED };

struct pm_table_col {
	char *name;
	enum pm_coltype type;
	int decimals;	      /* PM_COL_REAL: digits after the point in CSV and JSON */
	int display_decimals; /* the same for the text table and Markdown */
	int brief;	      /* > 0: shown in the text table and Markdown without --wide,
				 at this position (the order pm_table_col_brief() was called) */
	bool plain;	      /* no thousands separators (years, codes) */
	char *label;	      /* header in the text table and Markdown (owned; NULL = name) */
};

struct pm_cell {
	enum pm_cellstate state;
	bool approx;	/* an estimate: human formats prefix "~" */
	bool has_range; /* suppressed with known bounds lo..hi (human formats show them) */
	int64_t lo, hi;
	union {
		char *s; /* owned */
		int64_t i;
		double d;
	} v;
};

struct pm_table {
	char *title;  /* owned, may be NULL */
	char **notes; /* owned; shown above tables, as "notes" in JSON */
	size_t nnotes;
	struct pm_table_col *cols;
	size_t ncols, acols;
	int nbrief;	       /* columns marked brief so far */
	struct pm_cell *cells; /* nrows * ncols */
	size_t nrows, arows;
};

/* Returns a new empty table; free with pm_table_free(). */
struct pm_table *pm_table_new(void);
void pm_table_free(struct pm_table *t);
void pm_table_set_title(struct pm_table *t, const char *title);
void pm_table_add_note(struct pm_table *t, const char *fmt, ...) PM_PRINTF(2, 3);
/* Add a column; returns its index. Columns must all be added before rows. */
size_t pm_table_add_col(struct pm_table *t, const char *name, enum pm_coltype type, int decimals);
int pm_table_col_index(const struct pm_table *t, const char *name);
/*
 * Mark column COL for human formats: shown without --wide, in the order of
 * these calls, with LABEL as header (NULL keeps the name) and DECIMALS
 * digits (reals; -1 keeps).
 */
void pm_table_col_brief(struct pm_table *t, size_t col, const char *label, int decimals);
/* Print column COL's integers without thousands separators (years, identifiers). */
void pm_table_col_plain(struct pm_table *t, size_t col);
/* Append an empty row (all cells n/a); returns its index. */
size_t pm_table_add_row(struct pm_table *t);
struct pm_cell *pm_table_cell(struct pm_table *t, size_t row, size_t col);
const struct pm_cell *pm_table_cell_c(const struct pm_table *t, size_t row, size_t col);
void pm_table_set_text(struct pm_table *t, size_t row, size_t col, const char *s);
void pm_table_set_int(struct pm_table *t, size_t row, size_t col, int64_t v);
void pm_table_set_real(struct pm_table *t, size_t row, size_t col, double v);
void pm_table_set_suppressed(struct pm_table *t, size_t row, size_t col);
/* Suppressed, with the value known to lie in [LO, HI]. */
void pm_table_set_suppressed_range(struct pm_table *t, size_t row, size_t col, int64_t lo,
				   int64_t hi);
/* Mark a value cell as an estimate. */
void pm_table_mark_approx(struct pm_table *t, size_t row, size_t col);

#endif
