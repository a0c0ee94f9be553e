#ifndef PM_CORE_READER_H
#define PM_CORE_READER_H
/*
 * Byte sources for parsers: a file, a zip member or a memory block behind
 * one interface, so the CSV reader never knows where bytes come from. A
 * reader can hash what passes through it (provenance) and report progress.
 *
 * It is also the I/O seam for fault-injection tests: pm_reader_inject_fault()
 * makes every reader fail with an errno after a number of bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/err.h"

struct pm_buf;
struct pm_sha256;
struct pm_progress;

struct pm_reader {
	/* Read up to N bytes; returns the count (0 at end) or -1 with ERR set. */
	ssize_t (*read)(struct pm_reader *r, void *buf, size_t n, struct pm_err *err);
	void (*close)(struct pm_reader *r);
	void *ctx;
	char *name;		      /* for messages: "x.csv" or "x.zip:member.csv" */
	uint64_t size;		      /* total bytes when known, else 0 */
	uint64_t nread;		      /* bytes delivered so far */
	struct pm_sha256 *hash;	      /* borrowed, optional: updated with every byte read */
	struct pm_progress *progress; /* borrowed, optional */
};

/* Returns a new reader over the file at PATH; free with pm_reader_free(). */
enum pm_status pm_reader_open_file(struct pm_reader **out, const char *path, struct pm_err *err);

/* A reader over DATA (borrowed for the reader's life); NAME is copied. */
struct pm_reader *pm_reader_new_mem(const void *data, size_t n, const char *name);

/*
 * Allocate a reader with callbacks filled in by a source (zip members); NAME
 * is copied. Used by core/ sources only.
 */
struct pm_reader *pm_reader_alloc(const char *name);

ssize_t pm_reader_read(struct pm_reader *r, void *buf, size_t n, struct pm_err *err);
void pm_reader_free(struct pm_reader *r);

/*
 * Append what is left of R to B. B's maximum size (pm_buf_init()) applies
 * as ever: R is still read to its end, and a B that reached the maximum
 * has pm_buf_status() set for the caller to report. Returns PM_OK or R's
 * read error.
 */
enum pm_status pm_reader_read_all(struct pm_reader *r, struct pm_buf *b, struct pm_err *err);

/* pm_reader_read_all() over the file at PATH. */
enum pm_status pm_reader_read_file(const char *path, struct pm_buf *b, struct pm_err *err);

/*
 * The first byte of the file at PATH that is not a UTF-8 byte-order mark or
 * a blank (space, tab, CR, LF), looking at its first 64 bytes; -1 when
 * there is none or the file cannot be read. Enough to tell JSON, HTML and
 * other text apart before choosing a parser.
 */
int pm_reader_first_byte(const char *path);

/* Test seam: readers fail with ERRNUM once AFTER bytes were read (0 = off). */
void pm_reader_inject_fault(uint64_t after, int errnum);

#endif
