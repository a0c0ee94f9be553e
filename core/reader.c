/* Byte sources (see reader.h). */
#include "core/reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/progress.h"
#include "core/sha256.h"
#include "core/xalloc.h"
#include "core/banned.h"

static uint64_t fault_after;
static int fault_errno;

void pm_reader_inject_fault(uint64_t after, int errnum)
{
	fault_after = after;
	fault_errno = errnum;
}

struct pm_reader *pm_reader_alloc(const char *name)
{
	struct pm_reader *r = pm_xcalloc(1, sizeof *r);

	r->name = pm_xstrdup(name);
	return r;
}

ssize_t pm_reader_read(struct pm_reader *r, void *buf, size_t n, struct pm_err *err)
{
	ssize_t got;

	if (fault_after && r->nread + n > fault_after) {
		if (r->nread >= fault_after) {
			pm_err_set(err, PM_EIO, "cannot read '%s': %s", r->name,
				   strerror(fault_errno));
			return -1;
		}
		n = (size_t)(fault_after - r->nread);
	}
	got = r->read(r, buf, n, err);
	if (got > 0) {
		r->nread += (uint64_t)got;
		if (r->hash)
			pm_sha256_update(r->hash, buf, (size_t)got);
		pm_progress_update(r->progress, r->nread, r->size);
	}
	return got;
}

void pm_reader_free(struct pm_reader *r)
{
	if (!r)
		return;
	if (r->close)
		r->close(r);
	free(r->name);
	free(r);
}

/* ---- files ---- */

static ssize_t file_read(struct pm_reader *r, void *buf, size_t n, struct pm_err *err)
{
	int fd = *(int *)r->ctx;

	for (;;) {
		ssize_t got = read(fd, buf, n);

		if (got >= 0)
			return got;
		if (errno != EINTR) {
			pm_err_set(err, PM_EIO, "cannot read '%s': %s", r->name, strerror(errno));
			return -1;
		}
	}
}

static void file_close(struct pm_reader *r)
{
	int *fd = r->ctx;

	if (fd)
		close(*fd);
	free(fd);
}

enum pm_status pm_reader_open_file(struct pm_reader **out, const char *path, struct pm_err *err)
{
	struct pm_reader *r;
	struct stat st;
	int fd;

	*out = NULL;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return pm_err_set(err, PM_EIO, "cannot open '%s': %s", path, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return pm_err_set(err, PM_EIO, "cannot read '%s': not a regular file", path);
	}
	r = pm_reader_alloc(path);
	r->ctx = pm_xmalloc(sizeof(int));
	*(int *)r->ctx = fd;
	r->read = file_read;
	r->close = file_close;
	r->size = (uint64_t)st.st_size;
	*out = r;
	return PM_OK;
}

/* ---- memory ---- */

struct mem_src {
	const unsigned char *data;
	size_t n, pos;
};

static ssize_t mem_read(struct pm_reader *r, void *buf, size_t n, struct pm_err *err)
{
	struct mem_src *m = r->ctx;
	size_t left = m->n - m->pos;

	(void)err;
	if (n > left)
		n = left;
	memcpy(buf, m->data + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

static void mem_close(struct pm_reader *r)
{
	free(r->ctx);
}

struct pm_reader *pm_reader_new_mem(const void *data, size_t n, const char *name)
{
	struct pm_reader *r = pm_reader_alloc(name);
	struct mem_src *m = pm_xcalloc(1, sizeof *m);

	m->data = data;
	m->n = n;
	r->ctx = m;
	r->read = mem_read;
	r->close = mem_close;
	r->size = n;
	return r;
}

/* ---- whole files ---- */

enum pm_status pm_reader_read_all(struct pm_reader *r, struct pm_buf *b, struct pm_err *err)
{
	char buf[1 << 16];
	ssize_t got;

	while ((got = pm_reader_read(r, buf, sizeof buf, err)) > 0)
		pm_buf_add(b, buf, (size_t)got);
	return got < 0 ? (err ? err->code : PM_EIO) : PM_OK;
}

enum pm_status pm_reader_read_file(const char *path, struct pm_buf *b, struct pm_err *err)
{
	struct pm_reader *r = NULL;
	enum pm_status rc;

	if ((rc = pm_reader_open_file(&r, path, err)))
		return rc;
	rc = pm_reader_read_all(r, b, err);
	pm_reader_free(r);
	return rc;
}

int pm_reader_first_byte(const char *path)
{
	unsigned char buf[64];
	size_t n, i = 0;
	FILE *f = fopen(path, "rb");

	if (!f)
		return -1;
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	if (n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF)
		i = 3;
	while (i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	return i < n ? buf[i] : -1;
}
