/* Zip member streaming over libzip, from a file or a memory buffer (see zip.h). */
#include "core/zip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/buf.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "core/banned.h"

struct pm_zip {
	zip_t *za;
	char *name; /* the path, or pm_zip_open_mem()'s NAME */
	size_t n;
	char **names;
	uint64_t *sizes;
	uint64_t *csizes;
};

bool pm_is_zip_file(const char *path)
{
	unsigned char sig[4];
	FILE *f = fopen(path, "rb");
	bool yes;

	if (!f)
		return false;
	yes = fread(sig, 1, 4, f) == 4 && sig[0] == 'P' && sig[1] == 'K' && sig[2] == 3 &&
	      sig[3] == 4;
	fclose(f);
	return yes;
}

/* List the members of ZA (taken over) in a new handle called NAME. */
static enum pm_status wrap(zip_t *za, const char *name, struct pm_zip **out, struct pm_err *err)
{
	zip_int64_t n = zip_get_num_entries(za, 0);
	struct pm_zip *z;
	size_t i;

	z = pm_xcalloc(1, sizeof *z);
	z->za = za;
	z->name = pm_xstrdup(name);
	z->n = n > 0 ? (size_t)n : 0;
	z->names = pm_xcalloc(z->n, sizeof *z->names);
	z->sizes = pm_xcalloc(z->n, sizeof *z->sizes);
	z->csizes = pm_xcalloc(z->n, sizeof *z->csizes);
	for (i = 0; i < z->n; i++) {
		zip_stat_t st;

		zip_stat_init(&st);
		if (zip_stat_index(za, i, 0, &st) < 0 || !(st.valid & ZIP_STAT_NAME)) {
			pm_err_set(err, PM_EDATA,
				   "zip archive '%s' is corrupt: cannot read entry %zu", name, i);
			pm_zip_free(z);
			return PM_EDATA;
		}
		z->names[i] = pm_xstrdup(st.name);
		z->sizes[i] = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
		z->csizes[i] = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
	}
	*out = z;
	return PM_OK;
}

enum pm_status pm_zip_open(struct pm_zip **out, const char *path, struct pm_err *err)
{
	int zerr = 0;
	zip_t *za;

	*out = NULL;
	za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!za) {
		zip_error_t ze;
		enum pm_status code =
			zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ || zerr == ZIP_ER_NOENT
				? PM_EIO
				: PM_EDATA;

		zip_error_init_with_code(&ze, zerr);
		pm_err_set(err, code, "cannot open zip archive '%s': %s", path,
			   zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return code;
	}
	return wrap(za, path, out, err);
}

enum pm_status pm_zip_open_mem(struct pm_zip **out, const void *data, size_t n, const char *name,
			       struct pm_err *err)
{
	zip_source_t *src;
	enum pm_status rc;
	zip_t *za = NULL;
	zip_error_t ze;

	*out = NULL;
	zip_error_init(&ze);
	/* A buffer source wants a non-NULL pointer even for no bytes. */
	src = zip_source_buffer_create(n ? data : "", n, 0, &ze);
	if (src) {
		za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
		if (!za)
			zip_source_free(src); /* only a successful open takes it over */
	}
	/* Memory cannot fail to read: whatever libzip says is about the bytes. */
	if (!za)
		rc = pm_err_set(err, PM_EDATA, "%s", zip_error_strerror(&ze));
	else
		rc = wrap(za, name, out, err);
	zip_error_fini(&ze);
	return rc;
}

size_t pm_zip_count(const struct pm_zip *z)
{
	return z->n;
}

const char *pm_zip_name(const struct pm_zip *z, size_t i)
{
	return z->names[i];
}

uint64_t pm_zip_size(const struct pm_zip *z, size_t i)
{
	return z->sizes[i];
}

bool pm_zip_is_dir(const struct pm_zip *z, size_t i)
{
	size_t len = strlen(z->names[i]);

	return len && z->names[i][len - 1] == '/';
}

struct member {
	zip_file_t *zf;
	uint64_t declared;
};

static ssize_t member_read(struct pm_reader *r, void *buf, size_t n, struct pm_err *err)
{
	struct member *m = r->ctx;
	zip_int64_t got = zip_fread(m->zf, buf, n);

	if (got < 0) {
		pm_err_set(err, PM_EDATA, "cannot read '%s': %s", r->name,
			   zip_error_strerror(zip_file_get_error(m->zf)));
		return -1;
	}
	if (r->nread + (uint64_t)got > m->declared) {
		pm_err_set(err, PM_EDATA, "'%s' inflates beyond its declared size of %llu bytes",
			   r->name, (unsigned long long)m->declared);
		return -1;
	}
	return (ssize_t)got;
}

static void member_close(struct pm_reader *r)
{
	struct member *m = r->ctx;

	if (m)
		zip_fclose(m->zf);
	free(m);
}

enum pm_status pm_zip_open_member(struct pm_zip *z, size_t i, struct pm_reader **out,
				  struct pm_err *err)
{
	struct pm_buf name = PM_BUF_INIT;
	struct pm_reader *r;
	struct member *m;
	zip_file_t *zf;

	*out = NULL;
	if (z->sizes[i] > PM_ZIP_MAX_MEMBER ||
	    (z->sizes[i] > ((uint64_t)64 << 20) &&
	     z->sizes[i] / (z->csizes[i] ? z->csizes[i] : 1) > PM_ZIP_MAX_RATIO))
		return pm_err_set(err, PM_EDATA,
				  "refusing '%s:%s': declared size %llu bytes from %llu compressed "
				  "looks like a zip bomb",
				  z->name, z->names[i], (unsigned long long)z->sizes[i],
				  (unsigned long long)z->csizes[i]);
	zf = zip_fopen_index(z->za, i, 0);
	if (!zf)
		return pm_err_set(err, PM_EDATA, "cannot open '%s:%s': %s", z->name, z->names[i],
				  zip_strerror(z->za));
	pm_buf_addf(&name, "%s:%s", z->name, z->names[i]);
	r = pm_reader_alloc(name.buf);
	pm_buf_release(&name);
	m = pm_xmalloc(sizeof *m);
	m->zf = zf;
	m->declared = z->sizes[i];
	r->ctx = m;
	r->read = member_read;
	r->close = member_close;
	r->size = z->sizes[i];
	*out = r;
	return PM_OK;
}

void pm_zip_free(struct pm_zip *z)
{
	size_t i;

	if (!z)
		return;
	if (z->za)
		zip_discard(z->za);
	for (i = 0; i < z->n; i++)
		free(z->names[i]);
	free(z->names);
	free(z->sizes);
	free(z->csizes);
	free(z->name);
	free(z);
}
