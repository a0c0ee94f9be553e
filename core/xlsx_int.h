#ifndef PM_CORE_XLSX_INT_H
#define PM_CORE_XLSX_INT_H
/*
 * Private to the xlsx reader (core/xlsx*.c); not installed, never included
 * elsewhere. The reader is split by concern:
 *
 *   xlsx_xml.c     the expat driver (struct xp) and text helpers
 *   xlsx.c         archive parts, relationships, workbook, shared strings,
 *                  public open/free and the sheet list
 *   xlsx_sheet.c   streaming a sheet's rows and cells, numeric accessors
 *   xlsx_header.c  merged ranges, header rows and A1 cell references
 *
 * Functions shared between those files are named xlsx_* (no pm_: they are
 * not API) and declared here; everything else stays static in its file.
 */
#include <expat.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xlsx.h"

struct pm_reader;
struct pm_zip;

#define XP_CTX 8 /* element depths whose context is tracked */

/* Element contexts; X_OTHER marks a subtree nobody looks into. */
enum {
	X_NONE,
	X_OTHER,
	X_ROOT,
	X_SHEETS,
	X_SI,
	X_RUN,
	X_T,
	X_SHEETDATA,
	X_ROW,
	X_CELL,
	X_V,
	X_IS,
	X_MERGES,
};

/* One expat parse with element-context tracking and a captured error. */
struct xp {
	XML_Parser p;
	const char *src; /* "file.xlsx:part" for messages */
	unsigned depth;
	unsigned char ctx[XP_CTX];
	uint64_t quiet;
	struct pm_err e;
	int (*start)(struct xp *x, int parent, const char *name, const char **atts);
	void (*end)(struct xp *x, int ctx);
	void (*text)(struct xp *x, int ctx, const char *s, size_t n);
	void *ud;
};

struct sheet_ref {
	char *name;
	char *rid;
	char *part; /* resolved part name, NULL when the relationship is missing */
};

struct pm_xlsx {
	char *name;
	struct pm_zip *zip; /* from a file or from memory */

	struct sheet_ref *sheets;
	size_t nsheets, asheets;

	char *sst_part; /* shared strings part, NULL when none is named or present */
	bool sst_loaded;
	char *sst_text;	   /* all strings, each NUL-terminated */
	uint32_t *sst_off; /* nsst + 1 offsets into sst_text */
	size_t nsst;
};

struct cell {
	uint32_t off, len; /* in the row's text buffer */
	unsigned char type;
};

/* What a cell's t attribute says its <v> holds. */
enum kind { K_NUMBER, K_SHARED, K_INLINE, K_STR, K_BOOL, K_ERROR, K_DATE };

struct pm_xlsx_sheet {
	struct pm_xlsx *wb;
	char *title;
	size_t member;
	struct pm_reader *rd;
	struct xp x;
	enum pm_status status; /* sticky failure */
	struct pm_err fail;
	bool row_ready, done, fed_final;
	bool at_eof; /* pm_xlsx_next_row() has reported the end */

	/* the current row */
	uint32_t row;
	struct cell *cells; /* entries at and past ncells are always empty */
	size_t ncells, acells;
	struct pm_buf text;
	long last_col; /* -1 before the row's first cell */

	/* the cell being parsed */
	uint32_t col;
	enum kind kind;
	struct pm_buf val, tmp;

	struct pm_xlsx_range *merges;
	size_t nmerges, amerges;
	bool merges_known;
};

/* ---- text helpers (xlsx_xml.c, the two lookups inline: they run per cell) ---- */

/* NAME without its namespace prefix ("x:row" -> "row"). */
static inline const char *xlsx_local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

/* The value of attribute NAME (matched by local name) in expat's ATTS, or NULL. */
static inline const char *xlsx_attr(const char **atts, const char *name)
{
	for (; *atts; atts += 2)
		if (!strcmp(xlsx_local(atts[0]), name))
			return atts[1];
	return NULL;
}

/* Copy up to 40 bytes of S into BUF (size N) for a message, control bytes as '?'. */
const char *xlsx_shown(const char *s, char *buf, size_t n);

/*
 * Append S to OUT, decoding OOXML's "_xHHHH_" escapes (how Excel writes
 * control characters, and "_x005F_" for a literal underscore before one).
 */
void xlsx_add_unescaped(struct pm_buf *out, const char *s, size_t n);

/* ---- the expat driver (xlsx_xml.c) ---- */

/* Set X up to parse with no handlers yet; SRC names the part, UD is the handlers' data. */
void xlsx_xp_init(struct xp *x, const char *src, void *ud);
void xlsx_xp_release(struct xp *x);
/* Fail the parse with a message "SRC:LINE: ..." (the first failure wins) and stop it. */
void xlsx_xp_fail(struct xp *x, const char *fmt, ...) PM_PRINTF(2, 3);
/* After XML_STATUS_ERROR: a handler's error, or expat's own. */
enum pm_status xlsx_xp_error(struct xp *x, struct pm_err *err);
/*
 * Feed the next chunk of RD to X's parser (the final, empty one at the end).
 * Sets *FINAL when the input is exhausted.
 */
enum pm_status xlsx_xp_feed(struct xp *x, struct pm_reader *rd, bool *final, struct pm_err *err);
/* Parse all of RD with X (no suspension). */
enum pm_status xlsx_xp_run(struct xp *x, struct pm_reader *rd, struct pm_err *err);

/* ---- the workbook (xlsx.c) ---- */

/* Find the member called PART (part names are case-insensitive in OPC). */
bool xlsx_find_member(const struct pm_xlsx *wb, const char *part, size_t *idx);
/* Load WB's shared strings once (a no-op after the first success). */
enum pm_status xlsx_load_sst(struct pm_xlsx *wb, struct pm_err *err);

/* ---- merged ranges (xlsx_header.c) ---- */

/* Check a <mergeCell>'s range (ATTS) and, when KEEP, add it to S's merges. */
void xlsx_merge_add(struct xp *x, struct pm_xlsx_sheet *s, const char **atts, bool keep);

#endif
