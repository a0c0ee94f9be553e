#ifndef PM_FETCH_SHEET_H
#define PM_FETCH_SHEET_H
/*
 * Helpers the workbook loaders (fetch/ep.c, oews.c, projections.c,
 * staffing.c, soc.c, naics_src.c, cipsoc.c) share: finding a table's
 * header row in a published sheet (or CSV export) by its column names,
 * matching those names the way publishers vary them, walking the data rows
 * above the notes, and reading published decimals exactly.
 *
 * Publishers put title rows above the header and notes below the data, add
 * footnote markers ("SOC Code[2]", "Exits\n[7]") and line breaks to column
 * names, and change their case between releases ("OCC_CODE", "occ_code").
 * Column names are therefore compared in a normal form: "[n]" markers
 * dropped, line breaks and runs of blanks made one space, surrounding
 * blanks trimmed, ASCII letters lower-cased. "Exits\n[7]" and "exits" match.
 *
 * xlsx files store numbers as the shortest text that reads back as the
 * same double, so a published 309.4 arrives as "309.39999999999998".
 * pm_sheet_scaled_i64() reads such text with integer arithmetic and rounds
 * at the unit asked for, so thousands become persons exactly.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "core/codes.h"
#include "core/err.h"

struct pm_csv;
struct pm_xlsx;
struct pm_xlsx_sheet;

/* The header of a table: column names as published and in normal form. */
struct pm_sheet_header {
	char **raw;   /* as published, for messages */
	char **names; /* normal form, for matching */
	size_t n;     /* columns (holes are "") */
	uint32_t row; /* 1-based sheet row (or line); 0 when not found */
};

#define PM_SHEET_HEADER_INIT                                                                       \
	{                                                                                          \
		NULL, NULL, 0, 0                                                                   \
	}

/*
 * The normal form of the column name IN (see above). Returns a new string;
 * free with free().
 */
char *pm_sheet_colname(const char *in);

/*
 * True when the normal-form name NAME is KEY (in normal form), or KEY after
 * a four-digit year and a blank: "2024 national employment matrix code"
 * matches "national employment matrix code". *YEAR (may be NULL) gets that
 * year, or 0.
 */
bool pm_sheet_name_is(const char *name, const char *key, int *year);

/*
 * Index of the first of the N cells FIELDS whose name matches KEY as
 * pm_sheet_name_is() does (*YEAR, may be NULL, gets the year before it), or
 * -1. For telling a header row by its cells.
 */
int pm_sheet_field(const char *const *fields, size_t n, const char *key, int *year);

/*
 * A caller's test for a header row: true when the N cells FIELDS are the
 * header. SEEN counts the rows of the sheet read before this one (0 for
 * its first row), so that what a test learns from the rows above the
 * header can start again with each sheet. CTX is the caller's.
 */
typedef bool pm_sheet_header_fn(const char *const *fields, size_t n, uint32_t seen, void *ctx);

/* What a header row looks like, and where to look for it. */
struct pm_sheet_find {
	const char *key;	       /* a cell matching KEY (pm_sheet_field()) marks it; */
	pm_sheet_header_fn *is_header; /* or, when KEY is NULL, this test (with CTX) */
	void *ctx;
	uint32_t maxrows;	  /* rows of a sheet read at most */
	const char *first_sheet; /* pm_sheet_find_table(): the sheet tried first, or NULL */
};

/*
 * Read rows of S (from its current position), at most F->maxrows, until
 * one is a header as F says. Fills H (caller-owned; release with
 * pm_sheet_header_release()) from that row, which stays the sheet's
 * current row; H->row stays 0 when no such row came before the end or
 * maxrows. Fails only on read errors.
 */
enum pm_status pm_sheet_find_header(struct pm_xlsx_sheet *s, const struct pm_sheet_find *f,
				    struct pm_sheet_header *h, struct pm_err *err);

/* The same over the rows of CSV (H->row is the line the header is on). */
enum pm_status pm_sheet_find_csv_header(struct pm_csv *csv, const struct pm_sheet_find *f,
					struct pm_sheet_header *h, struct pm_err *err);

/*
 * The first sheet of WB (F->first_sheet before the others when WB has it)
 * with a header as F says among its top rows: opened in *S (free with
 * pm_xlsx_sheet_free()) and left at the header row, with H filled as
 * pm_sheet_find_header() does. *S is NULL and H->row 0 when no sheet has
 * one.
 */
enum pm_status pm_sheet_find_table(struct pm_xlsx *wb, const struct pm_sheet_find *f,
				   struct pm_xlsx_sheet **s, struct pm_sheet_header *h,
				   struct pm_err *err);

/*
 * Fill H from the N fields FIELDS (e.g. a CSV row), as ROW. H is
 * caller-owned; release with pm_sheet_header_release().
 */
void pm_sheet_header_set(struct pm_sheet_header *h, const char *const *fields, size_t n,
			 uint32_t row);

void pm_sheet_header_release(struct pm_sheet_header *h);

/* Index of the first column whose name matches KEY (pm_sheet_name_is()), or -1. */
int pm_sheet_col(const struct pm_sheet_header *h, const char *key, int *year);

/* Index of the first column whose normal-form name starts with PREFIX (normal form), or -1. */
int pm_sheet_col_prefix(const struct pm_sheet_header *h, const char *prefix);

/* The last four-digit number from 1900 to 2200 in TEXT, or 0. */
int pm_sheet_year_in(const char *text);

/*
 * Read the decimal S (N bytes: optional sign, digits with at most one '.',
 * an optional exponent "E-2") as its value times 10^SCALE, rounded half
 * away from zero to a whole number, with integer arithmetic only.
 * "309.39999999999998" with SCALE 3 gives 309400. Returns 0, or -1 for
 * junk, an empty string or overflow.
 */
int pm_sheet_scaled_i64(const char *s, size_t n, int scale, int64_t *out);

/* True when S is empty or only blanks. */
bool pm_sheet_blank(const char *s);

/*
 * True when the N bytes at S look like a publisher's industry code: 2 to 10
 * letters, digits and hyphens, starting with a letter or digit ("622000",
 * "TE1000", "1131-2", "3250A1"). These are the EP matrix's and OEWS's own
 * codes, not NAICS, so only their shape can be checked.
 */
bool pm_sheet_industry_code(const char *s, size_t n);

/* True when S is a dash publishers write for "not available": "—", "–", "-", "N/A". */
bool pm_sheet_dash(const char *s);

/*
 * Copy TEXT without surrounding blanks and without trailing footnote
 * markers ("Chief executives[1]" -> "Chief executives"). Returns a new
 * string; free with free().
 */
char *pm_sheet_title(const char *text);

/* ---- cells to columns ---- */

/*
 * Where a row came from, for messages: "FILE:SHEET:ROW" ("FILE:ROW" without
 * a sheet, "FILE: row N" for JSON).
 */
struct pm_sheet_at {
	const char *file;     /* borrowed */
	const char *sheet;    /* borrowed; NULL for CSV and JSON */
	uint32_t row;	      /* sheet row, CSV line or JSON row number */
	const char *row_word; /* when set (JSON): "FILE: ROW_WORD N" instead */
};

/*
 * Bind TEXT, a number, to parameter IDX of STMT as an integer in units of
 * 10^-SCALE (SCALE 3 turns thousands into persons; 0 rounds to whole
 * units), or NULL when TEXT is blank or a dash (pm_sheet_dash()). Anything
 * else fails with PM_EDATA: "FILE:SHEET:ROW: field 'FIELD': 'TEXT' is not a
 * number".
 */
enum pm_status pm_sheet_bind_scaled(sqlite3_stmt *stmt, int idx, const char *text, int scale,
				    const struct pm_sheet_at *at, const char *field,
				    struct pm_err *err);

/* Like pm_sheet_bind_scaled() for a REAL column: the value as published. */
enum pm_status pm_sheet_bind_real(sqlite3_stmt *stmt, int idx, const char *text,
				  const struct pm_sheet_at *at, const char *field,
				  struct pm_err *err);

/* Bind TEXT without surrounding blanks, or NULL when it is blank or a dash. */
void pm_sheet_bind_text(sqlite3_stmt *stmt, int idx, const char *text);

/*
 * pm_code_normalize() with "FILE:SHEET:ROW field 'FIELD'" as the place the
 * code came from. OUT holds PM_CODE_MAX bytes.
 */
enum pm_status pm_sheet_code(enum pm_code_kind kind, const char *text, char *out,
			     const struct pm_sheet_at *at, const char *field, struct pm_err *err);

/* The place AT as "FILE:SHEET:ROW" in OUT (size N). */
void pm_sheet_at_format(const struct pm_sheet_at *at, char *out, size_t n);

/*
 * TEXT without surrounding blanks as a publisher's industry code
 * (pm_sheet_industry_code()): *CODE points into TEXT and *N gets its
 * length. Anything else fails with PM_EDATA: "FILE:SHEET:ROW: field
 * 'FIELD': 'TEXT' is not a matrix industry code".
 */
enum pm_status pm_sheet_matrix_code(const char *text, const char **code, size_t *n,
				    const struct pm_sheet_at *at, const char *field,
				    struct pm_err *err);

/* ---- data rows ---- */

/* True when the current row of S has no value at all. */
bool pm_sheet_row_blank(const struct pm_xlsx_sheet *s);

/*
 * Advance S to the next data row of a table whose data rows all have a
 * value in column KEY and whose notes follow the data. Blank rows are
 * skipped; the first row without a KEY value starts the notes (*FOOTER,
 * 0 before, gets its row) and is skipped with the other notes, but a row
 * with a KEY value after them fails with PM_EDATA, "FILE:SHEET:ROW: a data
 * row after the notes that start in row N" (a gap in the data would
 * otherwise drop its second half silently). AT->row gets the row number;
 * *DONE is set at the end of the sheet.
 */
enum pm_status pm_sheet_next_data(struct pm_xlsx_sheet *s, int key, uint32_t *footer,
				  struct pm_sheet_at *at, bool *done, struct pm_err *err);

#endif
