#ifndef PM_CORE_XLSX_H
#define PM_CORE_XLSX_H
/*
 * Pull-style reading of Excel 2007+ workbooks (.xlsx) on libzip + expat.
 * BLS Employment Projections, OEWS and the NCES CIP-SOC crosswalk arrive as
 * xlsx; no Debian C library reads it, so this does the part pathmap needs:
 * cell values, row by row, with bounded memory.
 *
 * Structure: sheets are found by name through xl/workbook.xml and its
 * relationships (never by assuming sheetN.xml). Shared strings are loaded
 * into memory once per workbook (cells refer to them by index), capped at
 * PM_XLSX_MAX_SST_BYTES and PM_XLSX_MAX_SST_COUNT. A sheet is parsed
 * incrementally straight out of its zip member, holding only the current
 * row, so an OEWS all-area sheet of 500k+ rows costs the same memory as a
 * ten-row one.
 *
 * Cells and rows are placed by their "r" references ("C7"), not by
 * position: empty cells are absent, so column indexes have holes; a row
 * missing from the XML is skipped, never invented. Columns are 0-based
 * (A = 0); rows are 1-based sheet row numbers, as Excel shows them.
 *
 * Values are the text as written in the file, never reformatted: a shared
 * or inline string verbatim (rich-text runs concatenated, phonetic runs
 * dropped, OOXML "_xHHHH_" escapes decoded), a number as its raw <v> text
 * ("11.0101" stays "11.0101", "2024" stays "2024", "8.1999999999999993"
 * stays as is), a boolean as "0" or "1", an error as written ("#N/A"), a
 * formula cell as its cached value. Codes therefore keep their leading
 * zeros when the file stored them as text. pm_xlsx_cell_double() and
 * pm_xlsx_cell_i64() convert strictly when a number is wanted.
 *
 * Hostile input is refused with PM_EDATA naming the file and part: broken
 * zips, missing parts, malformed XML (expat's message and line), a DTD or
 * entity declaration (xlsx never has one; refusing it stops "billion
 * laughs" expansion), out-of-range shared-string indexes, absurd cell
 * references, oversized cells, rows or shared-string tables. Zip-bomb
 * members are refused by core/zip.
 *
 * Legacy .xls (OLE2/BIFF) is not read: opening one fails with a message
 * asking for the file to be re-saved as .xlsx.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define PM_XLSX_MAX_ROW	      1048576u		 /* Excel's limit */
#define PM_XLSX_MAX_COL	      16384u		 /* Excel's limit (column XFD) */
#define PM_XLSX_MAX_SST_BYTES ((size_t)64 << 20) /* all shared strings, a NUL each */
#define PM_XLSX_MAX_SST_COUNT ((size_t)2 << 20)	 /* shared strings */
#define PM_XLSX_MAX_CELL      ((size_t)1 << 20)	 /* bytes of one cell's text */
#define PM_XLSX_MAX_ROW_BYTES ((size_t)16 << 20) /* bytes of one row's text */

struct pm_xlsx;
struct pm_xlsx_sheet;
struct pm_reader;

enum pm_xlsx_type {
	PM_XLSX_EMPTY = 0, /* no cell, or a cell with no value (text "") */
	PM_XLSX_STRING,	   /* shared string, inline string, formula text result */
	PM_XLSX_NUMBER,	   /* raw <v> text, e.g. "2024" or "1.0000000000000001E-2" */
	PM_XLSX_BOOL,	   /* "0" or "1" */
	PM_XLSX_ERROR,	   /* "#N/A", "#DIV/0!", ... */
	PM_XLSX_DATE,	   /* t="d": ISO 8601 text as written */
};

/* A merged range, inclusive on both ends: rows 1-based, columns 0-based. */
struct pm_xlsx_range {
	uint32_t row1, col1, row2, col2;
};

/* ---- workbooks ---- */

/*
 * Open the workbook at PATH and read its sheet list. Returns a new workbook;
 * free with pm_xlsx_free() after every sheet opened from it is freed.
 * Fails with PM_EIO when PATH cannot be read, PM_EDATA when it is not an
 * xlsx workbook (not a zip, no workbook part, a legacy .xls, ...).
 */
enum pm_status pm_xlsx_open(struct pm_xlsx **out, const char *path, struct pm_err *err);

/*
 * Like pm_xlsx_open() on the N bytes at DATA, which are borrowed for the
 * workbook's life (e.g. an xlsx read out of a zip, or a fuzz input). NAME
 * (copied) stands for the file in messages.
 */
enum pm_status pm_xlsx_open_mem(struct pm_xlsx **out, const void *data, size_t n, const char *name,
				struct pm_err *err);

void pm_xlsx_free(struct pm_xlsx *wb);

/* The path or name the workbook was opened with. */
const char *pm_xlsx_name(const struct pm_xlsx *wb);

/* Sheets in workbook order (hidden ones included). */
size_t pm_xlsx_sheet_count(const struct pm_xlsx *wb);
/* Sheet I's name, valid until pm_xlsx_free(). */
const char *pm_xlsx_sheet_name(const struct pm_xlsx *wb, size_t i);
/* Index of the sheet called NAME (exact, else case-insensitive), or -1. */
int pm_xlsx_sheet_find(const struct pm_xlsx *wb, const char *name);

/* ---- streaming a sheet ---- */

/*
 * Open the sheet called NAME: an exact match first, then a case-insensitive
 * one. Loads the workbook's shared strings on first use. Returns a new sheet
 * reader positioned before its first row; it borrows WB, so free it with
 * pm_xlsx_sheet_free() before pm_xlsx_free(). Fails with PM_EDATA when there
 * is no such sheet (the message lists the sheets) or its part is missing or
 * broken.
 */
enum pm_status pm_xlsx_sheet_open(struct pm_xlsx *wb, const char *name, struct pm_xlsx_sheet **out,
				  struct pm_err *err);
/* Like pm_xlsx_sheet_open() by index I (< pm_xlsx_sheet_count()). */
enum pm_status pm_xlsx_sheet_open_index(struct pm_xlsx *wb, size_t i, struct pm_xlsx_sheet **out,
					struct pm_err *err);
void pm_xlsx_sheet_free(struct pm_xlsx_sheet *s);

/* The sheet's name (valid until pm_xlsx_sheet_free()). */
const char *pm_xlsx_sheet_title(const struct pm_xlsx_sheet *s);
/* The underlying reader (borrowed), e.g. to attach progress or a hash. */
struct pm_reader *pm_xlsx_sheet_reader(struct pm_xlsx_sheet *s);

/*
 * Advance to the next <row> of the sheet. Sets *EOF true (and returns PM_OK)
 * after the last one; it stays at the end. A <row> element with no values
 * is returned with pm_xlsx_ncells() == 0. Cell texts are valid until the
 * next call. On failure the sheet is unusable: later calls fail the same way.
 */
enum pm_status pm_xlsx_next_row(struct pm_xlsx_sheet *s, bool *eof, struct pm_err *err);
/* The current row's 1-based sheet row number (0 before the first row). */
uint32_t pm_xlsx_row_number(const struct pm_xlsx_sheet *s);
/* One more than the highest column index holding a value in the current row (0 if none). */
size_t pm_xlsx_ncells(const struct pm_xlsx_sheet *s);
/*
 * The text of the cell in column COL (0-based) of the current row,
 * NUL-terminated, "" when empty or beyond pm_xlsx_ncells(); LEN (may be
 * NULL) gets its length. Valid until the next pm_xlsx_next_row().
 */
const char *pm_xlsx_cell(const struct pm_xlsx_sheet *s, size_t col, size_t *len);
enum pm_xlsx_type pm_xlsx_cell_type(const struct pm_xlsx_sheet *s, size_t col);

/*
 * The cell in column COL as a finite double or as a 64-bit integer (a
 * trailing ".0" allowed), strictly, with core/parse.h. A number or text
 * cell that parses completely succeeds; an empty, boolean or error cell,
 * or text with junk, fails with PM_EDATA naming the file, sheet and cell.
 */
enum pm_status pm_xlsx_cell_double(const struct pm_xlsx_sheet *s, size_t col, double *out,
				   struct pm_err *err);
enum pm_status pm_xlsx_cell_i64(const struct pm_xlsx_sheet *s, size_t col, int64_t *out,
				struct pm_err *err);

/* ---- merged cells and header rows ---- */

/*
 * The sheet's merged ranges (<mergeCells>, which follows the rows in the
 * XML). When the rows have been read to the end they are already known;
 * otherwise this makes a separate pass over the sheet's part, leaving the
 * row position alone. *RANGES is valid until pm_xlsx_sheet_free().
 */
enum pm_status pm_xlsx_merges(struct pm_xlsx_sheet *s, const struct pm_xlsx_range **ranges,
			      size_t *n, struct pm_err *err);

/* Header names of one row: NAMES[i] is column i's text ("" when empty). */
struct pm_xlsx_header {
	char **names;
	size_t n;
};

#define PM_XLSX_HEADER_INIT                                                                        \
	{                                                                                          \
		NULL, 0                                                                            \
	}

/*
 * Read the header in sheet row ROW (1-based) into OUT (caller-owned; free
 * its contents with pm_xlsx_header_release()). If the current row is before
 * ROW, rows are read up to it; ROW then stays the current row, so the next
 * pm_xlsx_next_row() returns the first row after the header. The text of a
 * merged range whose top-left cell is in ROW is copied to every column of
 * ROW the range spans (a title merged across B2:D2 names B, C and D);
 * ranges that start in an earlier row are not propagated. Fails with
 * PM_EDATA if the sheet has no row ROW or it was already passed.
 */
enum pm_status pm_xlsx_header_row(struct pm_xlsx_sheet *s, uint32_t row, struct pm_xlsx_header *out,
				  struct pm_err *err);
void pm_xlsx_header_release(struct pm_xlsx_header *h);
/* Index of column NAME in H: case-insensitive, surrounding blanks ignored; -1 if none. */
int pm_xlsx_header_col(const struct pm_xlsx_header *h, const char *name);

/* ---- cell references ---- */

/*
 * Parse an A1-style reference ("AB12") into a 1-based ROW and a 0-based COL.
 * Upper-case letters A..XFD then a row 1..1048576 without leading zeros;
 * returns false for anything else ("ZZZZZZ1", "A0", "a1", "A1:B2").
 */
bool pm_xlsx_ref_parse(const char *ref, uint32_t *row, uint32_t *col);
/* Write the reference for ROW, COL ("AB12") into OUT (size N, 12 is enough). */
void pm_xlsx_ref_format(uint32_t row, uint32_t col, char *out, size_t n);

#endif
