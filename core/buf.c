/*
 * Growable string buffer: git's strbuf invariants, curl's dynbuf maximum and
 * sqlite3_str's sticky error (see buf.h).
 */
#include "core/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "core/banned.h"

char pm_buf_empty[1];

void pm_buf_init(struct pm_buf *b, size_t max)
{
	b->buf = pm_buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->max = max;
	b->status = PM_OK;
}

void pm_buf_release(struct pm_buf *b)
{
	size_t max = b->max;

	if (b->alloc)
		free(b->buf);
	pm_buf_init(b, max);
}

void pm_buf_reset(struct pm_buf *b)
{
	b->len = 0;
	b->status = PM_OK;
	if (b->alloc)
		b->buf[0] = '\0';
}

char *pm_buf_detach(struct pm_buf *b, size_t *len)
{
	char *s;

	if (len)
		*len = b->len;
	s = b->alloc ? b->buf : pm_xstrdup("");
	pm_buf_init(b, b->max);
	return s;
}

/* Make room for N more bytes plus the NUL; 0 on success. */
static int grow(struct pm_buf *b, size_t n)
{
	size_t want, cap;

	if (b->status)
		return -1;
	if (n > SIZE_MAX - b->len - 1 || (b->max && b->len + n > b->max)) {
		b->status = PM_EDATA;
		return -1;
	}
	want = b->len + n + 1;
	if (want <= b->alloc)
		return 0;
	cap = b->alloc ? b->alloc : 64;
	while (cap < want)
		cap = cap > SIZE_MAX / 2 ? want : cap * 2;
	if (b->alloc) {
		b->buf = pm_xrealloc(b->buf, cap);
	} else {
		b->buf = pm_xmalloc(cap);
		b->buf[0] = '\0';
	}
	b->alloc = cap;
	return 0;
}

void pm_buf_add(struct pm_buf *b, const void *data, size_t n)
{
	if (grow(b, n))
		return;
	if (n)
		memcpy(b->buf + b->len, data, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void pm_buf_adds(struct pm_buf *b, const char *s)
{
	pm_buf_add(b, s, strlen(s));
}

void pm_buf_addch(struct pm_buf *b, char c)
{
	pm_buf_add(b, &c, 1);
}

void pm_buf_vaddf(struct pm_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (b->status)
		return;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->status = PM_EDATA;
		return;
	}
	if (grow(b, (size_t)n))
		return;
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void pm_buf_addf(struct pm_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pm_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void pm_buf_add_csv(struct pm_buf *b, const char *s)
{
	const char *p;

	if (!strpbrk(s, ",\"\r\n")) {
		pm_buf_adds(b, s);
		return;
	}
	pm_buf_addch(b, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			pm_buf_addch(b, '"');
		pm_buf_addch(b, *p);
	}
	pm_buf_addch(b, '"');
}

void pm_buf_truncate(struct pm_buf *b, size_t n)
{
	if (n >= b->len)
		return;
	b->len = n;
	b->buf[n] = '\0';
}

char *pm_xstrvfmt(const char *fmt, va_list ap)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_buf_vaddf(&b, fmt, ap);
	return pm_buf_detach(&b, NULL);
}

char *pm_xstrfmt(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = pm_xstrvfmt(fmt, ap);
	va_end(ap);
	return s;
}

enum pm_status pm_buf_status(const struct pm_buf *b)
{
	return b->status;
}
