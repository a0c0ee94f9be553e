#ifndef PM_CORE_CSV_H
#define PM_CORE_CSV_H
/*
 * Pull-style CSV/TSV reading on libcsv.
 *
 * Rows are parsed a 64 KiB chunk ahead: an error anywhere in a chunk is
 * reported before the good rows that precede it in the chunk are handed
 * out. pathmap's loads are all-or-nothing, so an error ends the load either
 * way. A row that is a single empty field is treated as a blank line.
 *
 * Accepts both layouts BLS data arrives in: every field quoted with CRLF
 * line ends (as published), and unquoted LF files with empty fields (as
 * re-saved by pandas/Excel). A UTF-8 byte-order mark is dropped. Blank lines
 * are skipped. Columns are found by header name, never by position.
 *
 * Text that is not valid UTF-8 is read as Windows-1252 and converted, so
 * fields are always UTF-8 (see pm_csv_transcoded()).
 *
 * Hostile input: a field longer than max_field (an unterminated quote
 * swallowing the file), more than max_fields fields, NUL bytes, and a quote
 * left open at end of input (a truncated download) are errors naming the
 * source and line.
 *
 * Two kinds of damaged files are read on request (struct pm_csv_opts):
 * stray quotes (quoting) and Excel's text guards, where a spreadsheet
 * writes ="01.0101" so that a code keeps its leading zero. With
 * excel_guards a '=' directly before the quote that opens a field is
 * dropped and the field reads as the quoted text; a '=' anywhere else is
 * data. It has no effect with PM_CSV_QUOTES_NONE.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct pm_reader;
struct pm_csv;

/* How quote characters are read. */
enum pm_csv_quoting {
	/* RFC 4180 (the default): a quote may only open a field, close it, or be doubled. */
	PM_CSV_QUOTES_STRICT,
	/*
	 * As Excel and Python's csv module read damaged files: inside a quoted
	 * field a quote not followed by another quote, the delimiter or a line
	 * end is literal ("titled "Security" in" keeps its quotes), and so is a
	 * quote inside an unquoted field. A quote left open at the end of input
	 * is still an error.
	 */
	PM_CSV_QUOTES_LENIENT,
	/*
	 * No quoting (O*NET's tab-separated tables): a quote is an ordinary
	 * character and a field is exactly the bytes between delimiters, blanks
	 * included. A field cannot hold the delimiter or a line end.
	 */
	PM_CSV_QUOTES_NONE,
};

struct pm_csv_opts {
	unsigned char delim;	      /* ',' (default when 0) or '\t' */
	size_t max_field;	      /* bytes; default 1 MiB */
	size_t max_fields;	      /* per row; default 4096 */
	enum pm_csv_quoting quoting;  /* default PM_CSV_QUOTES_STRICT */
	bool excel_guards;	      /* read Excel's text guard ="01.0101" as 01.0101 */
};

/*
 * Returns a new CSV reader over RD; takes ownership of RD (freed with the
 * reader). OPTS may be NULL for the defaults. Free with pm_csv_free().
 */
enum pm_status pm_csv_open(struct pm_csv **out, struct pm_reader *rd,
			   const struct pm_csv_opts *opts, struct pm_err *err);
enum pm_status pm_csv_open_file(struct pm_csv **out, const char *path,
				const struct pm_csv_opts *opts, struct pm_err *err);
void pm_csv_free(struct pm_csv *c);

/*
 * Advance to the next non-blank record. Sets *EOF true (and returns PM_OK) at
 * the end of input. The fields are valid until the next call.
 */
enum pm_status pm_csv_next_row(struct pm_csv *c, bool *eof, struct pm_err *err);
size_t pm_csv_nfields(const struct pm_csv *c);
/* Field I of the current row, NUL-terminated; LEN (may be NULL) gets its length. */
const char *pm_csv_field(const struct pm_csv *c, size_t i, size_t *len);
/* Physical line (1-based) on which the current row starts. */
uint64_t pm_csv_line(const struct pm_csv *c);
/* The source name for messages ("file.csv" or "file.zip:member.csv"). */
const char *pm_csv_name(const struct pm_csv *c);
/* The underlying reader (borrowed), e.g. to attach a hash or progress. */
struct pm_reader *pm_csv_reader(struct pm_csv *c);

/*
 * Fields read so far that were not valid UTF-8 and were converted from
 * Windows-1252 (the store holds UTF-8 only).
 */
uint64_t pm_csv_transcoded(const struct pm_csv *c);

/*
 * Up to the first 512 bytes of input (after any BOM), for sniffing HTML
 * error pages or binary files. Available after the first pm_csv_next_row().
 */
const char *pm_csv_head(const struct pm_csv *c, size_t *len);

/*
 * Read the next row as the header. Afterwards pm_csv_col() finds columns by
 * name: case-insensitive, surrounding blanks ignored. Fails with PM_EDATA on
 * an empty input.
 */
enum pm_status pm_csv_read_header(struct pm_csv *c, struct pm_err *err);
/*
 * Take the current row as the header instead, for a caller that has read
 * it with pm_csv_next_row() (to tell an empty input from a bad one).
 */
void pm_csv_take_header(struct pm_csv *c);
/* Index of column NAME, or -1. */
int pm_csv_col(const struct pm_csv *c, const char *name);
size_t pm_csv_ncols(const struct pm_csv *c);
const char *pm_csv_colname(const struct pm_csv *c, size_t i);

#endif
