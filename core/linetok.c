/*
 * Blocks of whole lines and a field tokenizer for regular CSV layouts (see
 * linetok.h).
 *
 * The speed comes from three facts the code relies on: every block ends with
 * '\n', so scanning loops stop at a line end without bounds checks; a caller
 * tokenizes only the leading fields it needs and memchr (vectorised in libc)
 * skips the rest of the line; and a quoted field is copied only when it
 * holds a "" escape, collapsing it in place.
 */
#include "core/linetok.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/reader.h"
#include "core/xalloc.h"
#include "core/banned.h"

/* ---- blocks of whole lines ---- */

void pm_lines_init(struct pm_lines *l, struct pm_reader *rd, size_t block)
{
	memset(l, 0, sizeof *l);
	l->rd = rd;
	l->block = block ? block : PM_LINES_BLOCK;
	/* The first fill must hold a whole BOM to drop it. */
	if (l->block < 4)
		l->block = 4;
	/* One spare byte: a last line without '\n' gets one. */
	l->cap = l->block + 1;
	l->buf = pm_xmalloc(l->cap);
}

void pm_lines_release(struct pm_lines *l)
{
	pm_reader_free(l->rd);
	free(l->buf);
	memset(l, 0, sizeof *l);
}

enum pm_status pm_lines_next(struct pm_lines *l, char **start, char **end, struct pm_err *err)
{
	size_t i;

	if (l->pos) {
		/* The partial last line of the previous block moves to the front. */
		memmove(l->buf, l->buf + l->pos, l->len - l->pos);
		l->len -= l->pos;
		l->pos = 0;
	}
	for (;;) {
		while (!l->eof && l->len < l->cap - 1) {
			ssize_t got =
				pm_reader_read(l->rd, l->buf + l->len, l->cap - 1 - l->len, err);

			if (got < 0)
				return err && err->code ? err->code : PM_EIO;
			if (got == 0)
				l->eof = true;
			l->len += (size_t)got;
		}
		if (!l->started) {
			l->started = true;
			if (l->len >= 3 && !memcmp(l->buf, "\xEF\xBB\xBF", 3))
				l->pos = 3;
		}
		for (i = l->len; i > l->pos && l->buf[i - 1] != '\n'; i--)
			;
		if (i > l->pos) {
			*start = l->buf + l->pos;
			*end = l->buf + i;
			l->pos = i;
			return PM_OK;
		}
		if (l->eof) {
			if (l->len > l->pos)
				l->buf[l->len++] = '\n';
			*start = l->buf + l->pos;
			*end = l->buf + l->len;
			l->pos = l->len;
			return PM_OK;
		}
		/* One line fills the buffer: grow it. */
		if (l->cap - 1 >= PM_LINES_MAX_LINE)
			return pm_err_set(err, PM_EDATA,
					  "%s: a line longer than %zu MiB (not a line-oriented "
					  "CSV file?)",
					  l->rd->name, PM_LINES_MAX_LINE >> 20);
		l->cap = 2 * (l->cap - 1) + 1;
		l->buf = pm_xrealloc(l->buf, l->cap);
	}
}

/* ---- fields of one line ---- */

int pm_ltok_upto(struct pm_ltok *t, size_t n)
{
	char *p = t->cur;

	if (n > t->cap)
		n = t->cap;
	while (t->nf < n && !t->eol) {
		struct pm_ltok_field *f = &t->f[t->nf];

		if (*p != '"') {
			char *s = p;

			while (*p != ',' && *p != '\n' && *p != '"')
				p++;
			if (*p == '"') {
				t->why = "a quote inside an unquoted field";
				return -1;
			}
			f->p = s;
			f->len = (size_t)(p - s);
			if (*p == '\n') {
				if (f->len && p[-1] == '\r')
					f->len--;
				t->eol = true;
			}
			p++;
		} else {
			char *s = ++p, *w;

			while (*p != '"' && *p != '\n')
				p++;
			/* "" escapes: copy the rest of the field down over the second quotes. */
			for (w = p; *p == '"' && p[1] == '"';) {
				*w++ = '"';
				p += 2;
				while (*p != '"' && *p != '\n')
					*w++ = *p++;
			}
			if (*p == '\n') {
				t->why = "a quoted field not closed on its line";
				return -1;
			}
			f->p = s;
			f->len = (size_t)(w - s);
			p++;
			if (*p == ',') {
				p++;
			} else if (*p == '\n') {
				p++;
				t->eol = true;
			} else if (*p == '\r' && p[1] == '\n') {
				p += 2;
				t->eol = true;
			} else {
				t->why = "text after a closing quote";
				return -1;
			}
		}
		t->nf++;
	}
	t->cur = p;
	return 0;
}

int pm_ltok_all(struct pm_ltok *t)
{
	if (pm_ltok_upto(t, t->cap))
		return -1;
	if (!t->eol) {
		t->why = "too many fields";
		return -1;
	}
	return 0;
}

char *pm_ltok_next_line(struct pm_ltok *t)
{
	char *nl;

	if (t->eol)
		return t->cur;
	nl = memchr(t->cur, '\n', (size_t)(t->end - t->cur));
	/* A block always ends with '\n'. */
	return nl ? nl + 1 : t->end;
}

bool pm_ltok_eq(const struct pm_ltok_field *f, const char *s)
{
	size_t n = strlen(s);

	return f->len == n && !memcmp(f->p, s, n);
}

/* ---- parts of a file ---- */

struct range {
	int fd;
	uint64_t off, left;
};

static ssize_t range_read(struct pm_reader *r, void *buf, size_t n, struct pm_err *err)
{
	struct range *g = r->ctx;

	if (n > g->left)
		n = (size_t)g->left;
	for (;;) {
		ssize_t got = n ? pread(g->fd, buf, n, (off_t)g->off) : 0;

		if (got >= 0) {
			g->off += (uint64_t)got;
			g->left -= (uint64_t)got;
			return got;
		}
		if (errno != EINTR) {
			pm_err_set(err, PM_EIO, "cannot read '%s': %s", r->name, strerror(errno));
			return -1;
		}
	}
}

static void range_close(struct pm_reader *r)
{
	struct range *g = r->ctx;

	if (g)
		close(g->fd);
	free(g);
}

static enum pm_status open_fd(const char *path, int *fd, struct pm_err *err)
{
	*fd = open(path, O_RDONLY);
	if (*fd < 0)
		return pm_err_set(err, PM_EIO, "cannot open '%s': %s", path, strerror(errno));
	return PM_OK;
}

enum pm_status pm_lines_open_range(struct pm_reader **out, const char *path, uint64_t off,
				   uint64_t len, struct pm_err *err)
{
	struct pm_reader *r;
	struct range *g;
	enum pm_status rc;
	int fd;

	*out = NULL;
	if ((rc = open_fd(path, &fd, err)))
		return rc;
	(void)posix_fadvise(fd, (off_t)off, (off_t)len, POSIX_FADV_SEQUENTIAL);
	g = pm_xmalloc(sizeof *g);
	g->fd = fd;
	g->off = off;
	g->left = len;
	r = pm_reader_alloc(path);
	r->ctx = g;
	r->read = range_read;
	r->close = range_close;
	r->size = len;
	*out = r;
	return PM_OK;
}

enum pm_status pm_lines_align(const char *path, uint64_t off, uint64_t size, uint64_t *out,
			      struct pm_err *err)
{
	char buf[1 << 16];
	enum pm_status rc;
	int fd;

	*out = size;
	if ((rc = open_fd(path, &fd, err)))
		return rc;
	while (off < size) {
		ssize_t got = pread(fd, buf, sizeof buf, (off_t)off);
		const char *nl;

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			rc = got < 0 ? pm_err_set(err, PM_EIO, "cannot read '%s': %s", path,
						  strerror(errno))
				     : PM_OK;
			break;
		}
		nl = memchr(buf, '\n', (size_t)got);
		if (nl) {
			*out = off + (uint64_t)(nl - buf) + 1;
			break;
		}
		off += (uint64_t)got;
	}
	close(fd);
	return rc;
}

enum pm_status pm_lines_count(const char *path, uint64_t len, uint64_t *out, struct pm_err *err)
{
	char buf[1 << 16];
	uint64_t off = 0;
	enum pm_status rc;
	int fd;

	*out = 0;
	if ((rc = open_fd(path, &fd, err)))
		return rc;
	while (off < len) {
		size_t want = len - off < sizeof buf ? (size_t)(len - off) : sizeof buf;
		ssize_t got = pread(fd, buf, want, (off_t)off);
		const char *p, *e;

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (got < 0)
				rc = pm_err_set(err, PM_EIO, "cannot read '%s': %s", path,
						strerror(errno));
			break;
		}
		for (p = buf, e = buf + got; (p = memchr(p, '\n', (size_t)(e - p))); p++)
			(*out)++;
		off += (uint64_t)got;
	}
	close(fd);
	return rc;
}
