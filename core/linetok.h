#ifndef PM_CORE_LINETOK_H
#define PM_CORE_LINETOK_H
/*
 * A fast line tokenizer for large CSV files of a known, regular layout (the
 * BLS QCEW singlefiles: 3.5 M lines, every code quoted, CRLF), for readers
 * that need a few leading columns of every line. core/csv.h (libcsv) stays
 * the reader for CSV in general.
 *
 * Two parts:
 *
 *  - pm_lines hands out blocks of whole lines read from a pm_reader: a block
 *    always ends just after a '\n' (the last line of the input gets one if
 *    it has none), so the tokenizer needs no bounds checks and never sees a
 *    line cut by a block boundary. Blocks are writable: the tokenizer
 *    collapses "" escapes in place.
 *
 *  - pm_ltok splits one line into fields, only as far as asked: a caller
 *    reads the columns it decides on, then perhaps more, then jumps to the
 *    next line with memchr, never touching the rest of the line.
 *
 * Fields follow RFC 4180 except that a line break is never part of a field:
 * a record is one physical line. A quoted field may hold the delimiter and
 * "" (read as one quote); a quote inside an unquoted field, text after a
 * closing quote, and a line end inside quotes are errors. A '\r' just before
 * '\n' ends the line (CRLF and LF files read alike). The unread rest of a
 * line is not checked: a quoted line break there would split the record,
 * which is why the layouts read this way must not have any (BLS's do not).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct pm_reader;

/* ---- blocks of whole lines ---- */

#define PM_LINES_BLOCK	  ((size_t)1 << 20) /* default bytes read at a time */
#define PM_LINES_MAX_LINE ((size_t)1 << 24) /* a longer line is an error */

struct pm_lines {
	struct pm_reader *rd; /* owned */
	char *buf;
	size_t cap;   /* allocated bytes */
	size_t block; /* bytes to read at a time */
	size_t len;   /* bytes held */
	size_t pos;   /* start of the bytes not yet handed out */
	bool eof;
	bool started; /* the first bytes were read (and a UTF-8 BOM dropped) */
};

/*
 * Set up L over RD (takes ownership of RD), reading BLOCK bytes at a time
 * (0: PM_LINES_BLOCK). Release with pm_lines_release().
 */
void pm_lines_init(struct pm_lines *l, struct pm_reader *rd, size_t block);
void pm_lines_release(struct pm_lines *l);

/*
 * Returns a new reader over LEN bytes of the file at PATH from offset OFF
 * (read with pread, the kernel told to read ahead), named PATH; free with
 * pm_reader_free(). Several readers over one file read its parts in
 * parallel.
 */
enum pm_status pm_lines_open_range(struct pm_reader **out, const char *path, uint64_t off,
				   uint64_t len, struct pm_err *err);

/*
 * The offset just past the first '\n' at or after OFF in the file at PATH
 * (or the file's SIZE when there is none), for splitting a file into parts
 * of whole lines.
 */
enum pm_status pm_lines_align(const char *path, uint64_t off, uint64_t size, uint64_t *out,
			      struct pm_err *err);

/* The number of '\n' in the first LEN bytes of the file at PATH (for line numbers). */
enum pm_status pm_lines_count(const char *path, uint64_t len, uint64_t *out, struct pm_err *err);

/*
 * The next block of whole lines: [*START, *END), *END just past a '\n'.
 * At the end of input *START == *END. The block is valid (and writable)
 * until the next call. Fails with PM_EIO when the reader fails and
 * PM_EDATA for a line longer than PM_LINES_MAX_LINE.
 */
enum pm_status pm_lines_next(struct pm_lines *l, char **start, char **end, struct pm_err *err);

/* ---- fields of one line ---- */

struct pm_ltok_field {
	const char *p; /* the text, quotes removed, "" collapsed; not NUL-terminated */
	size_t len;
};

struct pm_ltok {
	char *cur;		 /* where tokenizing continues */
	char *end;		 /* end of the block (just past a '\n') */
	bool eol;		 /* the line's end was reached; cur is past its '\n' */
	size_t nf;		 /* fields tokenized so far */
	size_t cap;		 /* entries of f */
	struct pm_ltok_field *f; /* borrowed, CAP entries */
	const char *why;	 /* what was malformed (a static string) */
};

/*
 * Start tokenizing the line at LINE, inside a block of whole lines that ends
 * at END (just past a '\n'), into F (CAP entries).
 */
static inline void pm_ltok_begin(struct pm_ltok *t, char *line, char *end, struct pm_ltok_field *f,
				 size_t cap)
{
	t->cur = line;
	t->end = end;
	t->eol = false;
	t->nf = 0;
	t->cap = cap;
	t->f = f;
	t->why = NULL;
}

/*
 * Tokenize until N fields (at most CAP) are available or the line ends
 * (then t->nf < N). Returns 0, or -1 for a malformed field (t->why says
 * what; t->nf is the index of the bad field).
 */
int pm_ltok_upto(struct pm_ltok *t, size_t n);

/* Tokenize every field of the line (at most CAP; more is an error). */
int pm_ltok_all(struct pm_ltok *t);

/* Start of the next line: past the '\n' that ends this one. */
char *pm_ltok_next_line(struct pm_ltok *t);

/* True when the line at P is empty (just "\n" or "\r\n"). */
static inline bool pm_ltok_blank(const char *p)
{
	return p[0] == '\n' || (p[0] == '\r' && p[1] == '\n');
}

/* True when field F is exactly the NUL-terminated string S. */
bool pm_ltok_eq(const struct pm_ltok_field *f, const char *s);

#endif
