#ifndef PM_FETCH_SHEET_H
#define PM_FETCH_SHEET_H
/*
 * Helpers the workbook loaders (fetch/ep.c, oews.c, projections.c,
 * staffing.c) share: finding a table's header row in a published sheet by
 * its column names, matching those names the way publishers vary them, and
 * reading published decimals exactly.
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
 * Read rows of S (from its current position) until one has a cell whose
 * name matches KEY as pm_sheet_name_is() does, reading at most MAXROWS
 * rows. Fills H (caller-owned; release with pm_sheet_header_release())
 * from that row, which stays the sheet's current row; H->row stays 0 when
 * no such row came before the end or MAXROWS. Fails only on read errors.
 */
enum pm_status pm_sheet_find_header(struct pm_xlsx_sheet *s, const char *key, uint32_t maxrows,
				    struct pm_sheet_header *h, struct pm_err *err);

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

#endif
