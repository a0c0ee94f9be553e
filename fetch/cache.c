/* The download cache (see cache.h). */
#include "fetch/cache.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/path.h"
#include "core/reader.h"
#include "core/sha256.h"
#include "core/xalloc.h"
#include "fetch/http.h"
#include "core/banned.h"

char *pm_cache_root(void)
{
	const char *v = pm_config_get("cache_dir"), *home;

	if (v && *v)
		return pm_xstrdup(v);
	v = getenv("XDG_CACHE_HOME");
	if (v && *v == '/')
		return pm_xstrfmt("%s/pathmap", v);
	home = getenv("HOME");
	return pm_xstrfmt("%s/.cache/pathmap", home && *home ? home : ".");
}

void pm_cache_entry_release(struct pm_cache_entry *e)
{
	free(e->path);
	free(e->manifest);
	free(e->url);
	free(e->etag);
	free(e->last_modified);
	free(e->sha256);
	free(e->fetched_at);
	free(e->content_type);
	memset(e, 0, sizeof *e);
}

/* Append one path component, made safe: [A-Za-z0-9._-] kept, others become '_'. */
static bool add_component(struct pm_buf *b, const char *s, size_t n)
{
	size_t i;

	if (!n || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
		return false;
	pm_buf_addch(b, '/');
	for (i = 0; i < n; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';

		pm_buf_addch(b, ok ? c : '_');
	}
	return true;
}

static char *json_str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsString(v) && v->valuestring ? pm_xstrdup(v->valuestring) : NULL;
}

static void read_manifest(struct pm_cache_entry *e)
{
	struct pm_reader *rd = NULL;
	struct pm_buf text = PM_BUF_INIT;
	char buf[4096];
	ssize_t got;
	cJSON *o;
	struct stat st;

	if (pm_reader_open_file(&rd, e->manifest, NULL))
		return;
	while ((got = pm_reader_read(rd, buf, sizeof buf, NULL)) > 0 && text.len < (1 << 20))
		pm_buf_add(&text, buf, (size_t)got);
	pm_reader_free(rd);
	o = cJSON_Parse(text.buf);
	pm_buf_release(&text);
	if (!o)
		return;
	e->url = json_str(o, "url");
	e->etag = json_str(o, "etag");
	e->last_modified = json_str(o, "last_modified");
	e->sha256 = json_str(o, "sha256");
	e->fetched_at = json_str(o, "fetched_at");
	e->content_type = json_str(o, "content_type");
	e->bytes = (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, "bytes"));
	e->ignores_conditional =
		cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "ignores_conditional"));
	cJSON_Delete(o);
	e->present = e->sha256 && stat(e->path, &st) == 0 && (int64_t)st.st_size == e->bytes;
}

enum pm_status pm_cache_entry_for(const char *source, const char *url, const char *key,
				  struct pm_cache_entry *e, struct pm_err *err)
{
	struct pm_buf b = PM_BUF_INIT;
	char host[256];
	const char *p, *q;
	char *root = pm_cache_root();
	bool named = false;

	memset(e, 0, sizeof *e);
	if (!pm_http_host(url, host, sizeof host)) {
		free(root);
		return pm_err_set(err, PM_EUSAGE, "'%s' is not a valid URL", url);
	}
	pm_buf_adds(&b, root);
	free(root);
	add_component(&b, source, strlen(source));
	add_component(&b, host, strlen(host));
	p = strstr(url, "://");
	p = p ? strchr(p + 3, '/') : NULL;
	while (p && *p) {
		size_t n;

		p++;
		q = p + strcspn(p, "/?#");
		n = (size_t)(q - p);
		if (n)
			named = add_component(&b, p, n) || named;
		if (*q != '/')
			break;
		p = q;
	}
	if (!named)
		pm_buf_adds(&b, "/index");
	if (key) {
		struct pm_sha256 *h = pm_sha256_new();
		char hex[65];

		pm_sha256_update(h, key, strlen(key));
		pm_sha256_hex(h, hex);
		pm_sha256_free(h);
		pm_buf_addf(&b, "/%.16s", hex);
	}
	e->path = pm_buf_detach(&b, NULL);
	e->manifest = pm_xstrfmt("%s.json", e->path);
	read_manifest(e);
	return PM_OK;
}

enum pm_status pm_cache_tmp(const struct pm_cache_entry *e, char **tmp, struct pm_err *err)
{
	char *dir = pm_path_dir(e->path);
	enum pm_status rc = pm_path_mkdirs(dir, err);
	char *t;
	int fd;

	*tmp = NULL;
	free(dir);
	if (rc)
		return rc;
	t = pm_xstrfmt("%s.part-XXXXXX", e->path);
	fd = mkstemp(t);
	if (fd < 0) {
		rc = pm_err_set(err, PM_EIO, "cannot create a file in the cache beside '%s': %s",
				e->path, strerror(errno));
		free(t);
		return rc;
	}
	close(fd);
	*tmp = t;
	return PM_OK;
}

static void add_str(cJSON *o, const char *k, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

enum pm_status pm_cache_commit(struct pm_cache_entry *e, const char *tmp, struct pm_err *err)
{
	cJSON *o = cJSON_CreateObject();
	char *text, *mtmp = NULL;
	enum pm_status rc = PM_OK;
	FILE *f = NULL;
	int fd;

	add_str(o, "url", e->url);
	add_str(o, "etag", e->etag);
	add_str(o, "last_modified", e->last_modified);
	cJSON_AddNumberToObject(o, "bytes", (double)e->bytes);
	add_str(o, "sha256", e->sha256);
	add_str(o, "fetched_at", e->fetched_at);
	add_str(o, "content_type", e->content_type);
	cJSON_AddBoolToObject(o, "ignores_conditional", e->ignores_conditional);
	text = cJSON_Print(o);
	cJSON_Delete(o);
	if (tmp && rename(tmp, e->path) != 0) {
		rc = pm_err_set(err, PM_EIO, "cannot move a download into the cache at '%s': %s",
				e->path, strerror(errno));
		goto out;
	}
	mtmp = pm_xstrfmt("%s.part-XXXXXX", e->manifest);
	fd = mkstemp(mtmp);
	if (fd < 0 || !(f = fdopen(fd, "w")) || fputs(text, f) == EOF || fputc('\n', f) == EOF) {
		rc = pm_err_set(err, PM_EIO, "cannot write the cache manifest '%s': %s",
				e->manifest, strerror(errno));
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		rc = pm_err_set(err, PM_EIO, "cannot write the cache manifest '%s': %s",
				e->manifest, strerror(errno));
		goto out;
	}
	f = NULL;
	if (rename(mtmp, e->manifest) != 0)
		rc = pm_err_set(err, PM_EIO, "cannot write the cache manifest '%s': %s",
				e->manifest, strerror(errno));
	else
		e->present = true;
out:
	if (f)
		fclose(f);
	if (mtmp && rc)
		unlink(mtmp);
	free(mtmp);
	cJSON_free(text);
	return rc;
}

enum pm_status pm_file_sha256(const char *path, char out[65], int64_t *bytes, struct pm_err *err)
{
	struct pm_sha256 *h = pm_sha256_new();
	struct pm_reader *rd = NULL;
	char buf[1 << 16];
	enum pm_status rc;
	ssize_t got;

	if ((rc = pm_reader_open_file(&rd, path, err)))
		goto out;
	rd->hash = h;
	while ((got = pm_reader_read(rd, buf, sizeof buf, err)) > 0)
		;
	if (got < 0) {
		rc = err ? err->code : PM_EIO;
		goto out;
	}
	if (bytes)
		*bytes = (int64_t)rd->nread;
	pm_sha256_hex(h, out);
out:
	pm_reader_free(rd);
	pm_sha256_free(h);
	return rc;
}
