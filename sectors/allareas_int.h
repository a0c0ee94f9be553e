#ifndef PM_SECTORS_ALLAREAS_INT_H
#define PM_SECTORS_ALLAREAS_INT_H
/*
 * Private to the all-area reader (sectors/allareas*.c); never included
 * elsewhere. The reader is split by concern:
 *
 *   allareas_scan.c  the header, one line, one part of the input (a thread)
 *   allareas.c       parts of a file or zip members, joining the rows,
 *                    LQs, the public API
 *
 * Functions shared between the two are named aa_* (no pm_: they are not
 * API) and declared here; everything else stays static in its file.
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "sectors/allareas.h"

struct pm_lines;

#define AA_MAX_PARTS 8

/* The columns read, found by header name. */
enum aa_col { C_AREA, C_OWN, C_INDUSTRY, C_AGGLVL, C_YEAR, C_QTR, C_DISCLOSURE, C_EMP, NCOLS };

struct aa_layout {
	size_t col[NCOLS];
	size_t decide; /* fields needed to decide whether a line is used */
	size_t need;   /* fields needed to read a used line */
};

/* A total: a county's all-industry total, or US000's total of an industry. */
struct aa_total {
	uint64_t key; /* packed area (county totals) or industry (US000) */
	int64_t emp;  /* -1 unknown */
};

/*
 * Industry codes already validated, by packed code: a file has a few
 * hundred, and pm_naics_level() is too slow to call on every line.
 */
#define AA_KNOWN_SLOTS 4096

struct aa_known {
	uint64_t slot[AA_KNOWN_SLOTS]; /* 0 = empty */
	size_t n;
};

/* What one part of the input yields. */
struct aa_part {
	/* input */
	const char *path; /* the file whose [off, off + len) is read by aa_part_thread() */
	uint64_t off, len;
	const struct aa_layout *lay;
	const struct pm_allareas_opts *opts;
	int index;	    /* the part's place in the file */
	atomic_int *failed; /* the lowest index of a part that failed */
	/* output */
	struct pm_allareas_row *cells;
	size_t ncells, acells;
	struct aa_total *totals, *us;
	size_t ntotals, atotals, nus, aus;
	int64_t us_total; /* -1 unknown */
	int nus_total;	  /* US000 total rows seen */
	int year;
	uint64_t lines;
	struct aa_known *known; /* industry codes validated */
	/* the first error: at ERR_LINE lines into the part (1-based) */
	enum pm_status rc;
	struct pm_err err;
	uint64_t err_line;
	bool err_located; /* err.msg still needs "name:line: " */
};

/*
 * Read the header from the first block of L into LAY; [*FIRST, *END) is
 * what is left of the block, *HDR the header's length in bytes (a BOM
 * included). Fails with PM_EDATA for a file that is not a QCEW singlefile.
 */
enum pm_status aa_start(struct pm_lines *l, const char *name, struct aa_layout *lay, char **first,
			char **end, uint64_t *hdr, struct pm_err *err);

/*
 * Read part P from L (its lines after [FIRST, FIRST_END), a block already
 * read, when FIRST is not NULL). Sets p->rc and p->err on failure.
 */
void aa_run_part(struct aa_part *p, struct pm_lines *l, char *first, char *first_end);

/* A thread reading [p->off, p->off + p->len) of p->path (a struct aa_part *). */
void *aa_part_thread(void *arg);

/* Free what P holds. */
void aa_part_release(struct aa_part *p);

#endif
