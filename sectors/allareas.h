#ifndef PM_SECTORS_ALLAREAS_H
#define PM_SECTORS_ALLAREAS_H
/*
 * Employment and location quotient of every county x industry, straight
 * from a QCEW annual singlefile (a .csv, or the published .zip read as a
 * stream), without a store: the all-area ranking a site-selection analysis
 * starts from (`pathmap sectors --all-areas`).
 *
 *   LQ = (e_ic / E_c) / (e_iUS / E_US)
 *
 * e_ic: the county's employment in industry i and the chosen ownership
 * (agglvl 74 for sectors, 75-78 for 3- to 6-digit industries); E_c: its
 * all-industry, all-ownership total (agglvl 70, own 0, industry 10);
 * e_iUS, E_US: the same for US000 (agglvl 12+level and 10). "County" is
 * every area with county agglvl rows, BLS's SS999 "unknown" areas included.
 * A suppressed cell (disclosure N) has unknown employment and LQ, never 0;
 * the LQ is unknown too when a denominator is unknown or 0 (analysis/lq.c).
 *
 * Memory is bounded by the result: each line is tokenized as far as its
 * aggregation level and ownership, and only the rows used are kept, as
 * integer keys. A plain file is read in parallel parts of whole lines.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct pm_allareas_opts {
	int level;    /* NAICS level of the industries: 2 (sector) .. 6 */
	char own;     /* ownership code of the industry rows: '5' private, '1'..'3' */
	int threads;  /* parts read in parallel: 0 = one per CPU (at most 8), 1 = none */
	size_t block; /* bytes read at a time; 0 = the default (tests use tiny blocks) */
};

struct pm_allareas_row {
	uint64_t area;	   /* area code, packed (pm_allareas_code()) */
	uint64_t industry; /* industry code, packed */
	int64_t emp;	   /* employment; -1 when unknown (suppressed) */
	double lq;	   /* NAN when unknown */
};

struct pm_allareas {
	struct pm_allareas_row *rows; /* sorted by area, then industry (byte order) */
	size_t n;
	int year;	/* the file's year; 0 when it holds no row used */
	uint64_t lines; /* data lines read */
	char **notes;	/* why LQs are missing, when they are */
	size_t nnotes;
};

/*
 * Compute the table for the singlefile at PATH into OUT (initialised here;
 * release with pm_allareas_release()). Fails with PM_EIO when the file
 * cannot be read and PM_EDATA, naming file, line and field, for a file
 * that is not an annual QCEW file or has a malformed line (core/linetok.h
 * says which lines are).
 */
enum pm_status pm_allareas_run(const char *path, const struct pm_allareas_opts *opts,
			       struct pm_allareas *out, struct pm_err *err);
void pm_allareas_release(struct pm_allareas *r);

/*
 * A code of up to 8 bytes as an integer whose order is the codes' byte
 * order ("US000", "31-33"): the first byte in the high bits, zeros after.
 */
uint64_t pm_allareas_pack(const char *s, size_t n);

/* The text of packed code K in OUT (9 bytes at least); returns OUT. */
const char *pm_allareas_code(uint64_t k, char *out);

#endif
