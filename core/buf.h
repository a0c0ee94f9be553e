#ifndef PM_CORE_BUF_H
#define PM_CORE_BUF_H
/*
 * A growable string buffer.
 *
 * Invariants (after PM_BUF_INIT or pm_buf_init()):
 *  - buf is never NULL and always NUL-terminated; len is authoritative;
 *  - a buffer may have a maximum size (max, 0 = none): an append that would
 *    pass it fails with PM_EDATA instead of eating memory (a runaway line in
 *    a download);
 *  - the first failure is sticky: later appends do nothing and
 *    pm_buf_status() reports it, so building SQL, CSV or HTML needs one check
 *    at the end instead of one per append.
 */
#include <stdarg.h>
#include <stddef.h>

#include "core/err.h"

struct pm_buf {
	char *buf;
	size_t len;
	size_t alloc; /* 0 while buf points at the shared empty string */
	size_t max;   /* maximum len, 0 = unlimited */
	enum pm_status status;
};

extern char pm_buf_empty[];
#define PM_BUF_INIT                                                                                \
	{                                                                                          \
		pm_buf_empty, 0, 0, 0, PM_OK                                                       \
	}

/* Set up a caller-owned buffer with maximum length MAX (0 = unlimited). */
void pm_buf_init(struct pm_buf *b, size_t max);
/* Free the contents; the buffer is left re-initialised and reusable. */
void pm_buf_release(struct pm_buf *b);
/* Empty the text but keep the storage, the maximum and clear the status. */
void pm_buf_reset(struct pm_buf *b);
/* Hand over the text as a malloc'd string (never NULL); the buffer is reset. */
char *pm_buf_detach(struct pm_buf *b, size_t *len);

/* Append N bytes of DATA (which must not point into B itself). */
void pm_buf_add(struct pm_buf *b, const void *data, size_t n);
void pm_buf_adds(struct pm_buf *b, const char *s);
void pm_buf_addch(struct pm_buf *b, char c);
void pm_buf_addf(struct pm_buf *b, const char *fmt, ...) PM_PRINTF(2, 3);
void pm_buf_vaddf(struct pm_buf *b, const char *fmt, va_list ap) PM_PRINTF(2, 0);
/* Append S as a CSV field (quoted when it holds a comma, quote or newline). */
void pm_buf_add_csv(struct pm_buf *b, const char *s);
/* Shorten to N bytes (N <= len). */
void pm_buf_truncate(struct pm_buf *b, size_t n);

/* Returns a new malloc'd string formatted like printf (never NULL). */
char *pm_xstrfmt(const char *fmt, ...) PM_PRINTF(1, 2);
char *pm_xstrvfmt(const char *fmt, va_list ap) PM_PRINTF(1, 0);

/* PM_OK, or the first failure (PM_EDATA when the maximum was exceeded). */
enum pm_status pm_buf_status(const struct pm_buf *b);

#endif
