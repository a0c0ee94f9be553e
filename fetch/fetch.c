/* Fetching: download, validate, load, keep (see fetch.h). */
#include "fetch/fetch.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "fetch/cache.h"
#include "store/dataset.h"
#include "store/store.h"
#include "core/banned.h"

char *pm_url_file_name(const char *url)
{
	const char *end = url + strcspn(url, "?#"), *p = end;

	while (p > url && p[-1] != '/')
		p--;
	if (p == end)
		return pm_xstrdup("index");
	return pm_xstrndup(p, (size_t)(end - p));
}

struct job {
	const struct pm_fetch_spec *spec;
	struct pm_fetch_outcome *out;
	struct pm_cache_entry cache;
	char *tmp;
	bool skip_get;	  /* decided without a GET (HEAD said unchanged) */
	bool conditional; /* the GET carried If-None-Match/If-Modified-Since */
};

static void fail(struct job *j, enum pm_status code, const char *fmt, ...) PM_PRINTF(3, 4);

static void fail(struct job *j, enum pm_status code, const char *fmt, ...)
{
	va_list ap;

	j->out->state = PM_FETCH_FAILED;
	va_start(ap, fmt);
	pm_err_setv(&j->out->err, code, fmt, ap);
	va_end(ap);
}

/* Replace every FIND (when at least 3 bytes) in B with WITH. */
static void replace_all(struct pm_buf *b, const char *find, size_t n, const char *with)
{
	struct pm_buf out = PM_BUF_INIT;
	const char *p = b->buf, *hit;

	if (n < 3)
		return;
	while ((hit = strstr(p, find))) {
		pm_buf_add(&out, p, (size_t)(hit - p));
		pm_buf_adds(&out, with);
		p = hit + n;
	}
	pm_buf_adds(&out, p);
	pm_buf_release(b);
	*b = out;
}

/*
 * Mask in B what S keeps secret: the token of its Authorization header, and
 * the segments of the URL it requests that its shown URL masks ("{userId}").
 */
static void mask_secrets(const struct pm_fetch_spec *s, struct pm_buf *b)
{
	const char *a = s->fetch_url, *u = s->url;

	if (s->auth_header && strrchr(s->auth_header, ' '))
		replace_all(b, strrchr(s->auth_header, ' ') + 1,
			    strlen(strrchr(s->auth_header, ' ') + 1), "{token}");
	while (a && *a && *u) {
		size_t na = strcspn(a, "/?#"), nu = strcspn(u, "/?#");

		if (na != nu || memcmp(a, u, na)) {
			char *seg = pm_xstrndup(a, na), *with = pm_xstrndup(u, nu);

			replace_all(b, seg, na, with);
			free(seg);
			free(with);
		}
		a += na + (a[na] != '\0');
		u += nu + (u[nu] != '\0');
	}
}

/*
 * The server's own explanation in a small JSON error body at PATH ("Message",
 * "ErrorMessage", "error", ...), verbatim on one line with S's secrets
 * masked: a new string, or NULL when the body holds none.
 */
static char *error_body_message(const struct pm_fetch_spec *s, const char *path)
{
	static const char *const keys[] = { "ErrorMessage", "Message",
					    "message",	    "error_description",
					    "error",	    "Error",
					    "detail",	    NULL };
	struct pm_buf msg = PM_BUF_INIT;
	FILE *f = path ? fopen(path, "rb") : NULL;
	char buf[8193];
	size_t got, i;
	cJSON *o;

	if (!f)
		return NULL;
	got = fread(buf, 1, sizeof buf, f);
	fclose(f);
	if (!got || got == sizeof buf || !(o = cJSON_ParseWithLength(buf, got)))
		return NULL;
	for (i = 0; keys[i] && !msg.len; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, keys[i]);

		if (cJSON_IsObject(v))
			v = cJSON_GetObjectItemCaseSensitive(v, "message")
				    ? cJSON_GetObjectItemCaseSensitive(v, "message")
				    : cJSON_GetObjectItemCaseSensitive(v, "Message");
		if (cJSON_IsString(v) && v->valuestring[0])
			pm_buf_adds(&msg, v->valuestring);
	}
	cJSON_Delete(o);
	if (!msg.len) {
		pm_buf_release(&msg);
		return NULL;
	}
	for (i = 0; i < msg.len; i++)
		if ((unsigned char)msg.buf[i] < ' ')
			msg.buf[i] = ' ';
	if (msg.len > 300) {
		pm_buf_truncate(&msg, 300);
		pm_buf_adds(&msg, "...");
	}
	mask_secrets(s, &msg);
	return pm_buf_detach(&msg, NULL);
}

static void http_failure(struct job *j, const struct pm_http_req *r, const char *contact)
{
	const char *hint = "";
	char *said;

	if (r->rc) {
		j->out->state = PM_FETCH_FAILED;
		j->out->err = r->err;
		pm_err_prefix(&j->out->err, "%s", j->spec->label);
		return;
	}
	if (r->status == 403 && j->spec->src->needs_contact)
		hint = contact ? " (the server refused the request)"
			       : " (BLS refuses requests whose User-Agent has no contact e-mail: "
				 "set "
				 "PATHMAP_CONTACT_EMAIL)";
	said = error_body_message(j->spec, j->tmp);
	j->out->state = PM_FETCH_FAILED;
	pm_err_set(&j->out->err, PM_ENET, "%s: HTTP %s for %s%s%s%s", j->spec->label,
		   pm_http_reason(r->status), j->spec->url, hint, said ? ": server says: " : "",
		   said ? said : "");
	free(said);
}

/* Point R at what S asks for: the URL to request, how to show it, its headers. */
static void aim(struct pm_http_req *r, const struct pm_fetch_spec *s)
{
	r->url = s->fetch_url ? s->fetch_url : s->url;
	r->shown_url = s->url;
	r->secret_header = s->auth_header;
	r->accept = s->kind == 'j' ? "application/json" : NULL;
}

/* Does the store hold the dataset of URL with checksum SHA? Sets the outcome if so. */
static bool store_current(struct pm_store *st, struct job *j, const char *sha)
{
	struct pm_dataset ds = { 0 };
	bool found = false, same;
	char now[32];

	if (pm_dataset_find_url(st, j->spec->url, &ds, &found, NULL) || !found)
		return false;
	same = sha && !strcmp(ds.sha256, sha);
	if (same) {
		j->out->state = PM_FETCH_UNCHANGED;
		j->out->dataset_id = ds.id;
		j->out->rows = ds.rows_loaded;
		pm_time_iso(time(NULL), now, sizeof now);
		pm_dataset_mark_checked(st, ds.id, now, NULL);
	}
	pm_dataset_release(&ds);
	return same;
}

/* Load PATH (the download or the cached copy) for job J; its own transaction. */
static enum pm_status load(struct pm_store *st, struct job *j, const char *path,
			   const struct pm_http_req *r)
{
	struct pm_import_opts io = { 0 };
	struct pm_import_report rep;
	struct pm_dataset old = { 0 };
	struct pm_err e = PM_ERR_INIT;
	char now[32], *file = j->spec->file_name ? pm_xstrdup(j->spec->file_name)
						 : pm_url_file_name(j->spec->url);
	enum pm_status rc;
	bool had_old = false;

	if ((rc = j->spec->src->validate(j->spec, path, &e))) {
		/* The source sent something else than asked for: a source failure. */
		j->out->state = PM_FETCH_FAILED;
		j->out->err = e;
		j->out->err.code = PM_ENET;
		pm_err_prefix(&j->out->err, "%s", j->spec->label);
		free(file);
		return rc;
	}
	pm_dataset_find_url(st, j->spec->url, &old, &had_old, NULL);
	pm_time_iso(time(NULL), now, sizeof now);
	io.url = j->spec->url;
	io.etag = r ? r->etag : j->cache.etag;
	io.last_modified = r ? r->last_modified : j->cache.last_modified;
	io.fetched_at = now;
	io.request = j->spec->request;
	io.file_name = file;
	io.location = j->cache.path;
	io.replaces = had_old ? old.id : 0;
	memset(&rep, 0, sizeof rep);
	if ((rc = pm_source_import_file(st, j->spec->src, path, &io, &rep, &e))) {
		j->out->state = PM_FETCH_FAILED;
		j->out->err = e;
		if (e.code == PM_EDATA)
			j->out->err.code = PM_ENET; /* bad content from the source */
		pm_err_prefix(&j->out->err, "%s", j->spec->label);
		goto out;
	}
	j->out->dataset_id = rep.dataset_id;
	j->out->rows = rep.rows;
	if (rep.skipped) {
		/* The same bytes were loaded before under another name or path. */
		j->out->state = PM_FETCH_UNCHANGED;
	} else if (had_old) {
		j->out->state = PM_FETCH_UPDATED;
		j->out->old_dataset_id = old.id;
		j->out->rows_removed = rep.rows_removed;
		j->out->rows_added = rep.rows - (old.rows_loaded - rep.rows_removed);
		if (j->out->rows_added < 0)
			j->out->rows_added = 0;
	} else {
		j->out->state = PM_FETCH_NEW;
		j->out->rows_added = rep.rows;
	}
out:
	pm_import_report_release(&rep);
	pm_dataset_release(&old);
	free(file);
	return rc;
}

/* Move the download into the cache and record its validators. */
static void keep(struct job *j, const struct pm_http_req *r, const char *sha, int64_t bytes)
{
	struct pm_err e = PM_ERR_INIT;
	char now[32];

	pm_time_iso(time(NULL), now, sizeof now);
	free(j->cache.url);
	free(j->cache.etag);
	free(j->cache.last_modified);
	free(j->cache.sha256);
	free(j->cache.fetched_at);
	free(j->cache.content_type);
	j->cache.url = pm_xstrdup(j->spec->url);
	j->cache.etag = r->etag ? pm_xstrdup(r->etag) : NULL;
	j->cache.last_modified = r->last_modified ? pm_xstrdup(r->last_modified) : NULL;
	j->cache.content_type = r->content_type_out ? pm_xstrdup(r->content_type_out) : NULL;
	j->cache.sha256 = pm_xstrdup(sha);
	j->cache.fetched_at = pm_xstrdup(now);
	j->cache.bytes = bytes;
	if (pm_cache_commit(&j->cache, j->tmp, &e))
		pm_warn("%s", e.msg);
	else {
		free(j->tmp);
		j->tmp = NULL;
	}
}

static void process_get(struct pm_store *st, struct job *j, struct pm_http_req *r,
			const char *contact)
{
	char sha[65];
	int64_t bytes = 0;
	struct pm_err e = PM_ERR_INIT;

	j->out->status = r->status;
	j->out->bytes = r->bytes;
	if (r->rc || (r->status != 200 && r->status != 304)) {
		http_failure(j, r, contact);
		return;
	}
	if (r->status == 304) {
		j->out->not_modified = true;
		if (!j->cache.present) {
			fail(j, PM_ENET, "%s: HTTP 304 for %s but no cached copy", j->spec->label,
			     j->spec->url);
			return;
		}
		if (!store_current(st, j, j->cache.sha256))
			load(st, j, j->cache.path, NULL);
		return;
	}
	if (pm_file_sha256(j->tmp, sha, &bytes, &e)) {
		j->out->state = PM_FETCH_FAILED;
		j->out->err = e;
		return;
	}
	if (!bytes) {
		fail(j, PM_ENET, "%s: the server sent an empty body for %s", j->spec->label,
		     j->spec->url);
		return;
	}
	if (j->cache.present && !strcmp(j->cache.sha256, sha)) {
		/* Same bytes again: a server that ignores conditional requests. */
		j->cache.ignores_conditional = j->conditional;
		j->out->not_modified = true;
		if (!store_current(st, j, sha) && load(st, j, j->tmp, r))
			return;
		keep(j, r, sha, bytes);
		return;
	}
	if (load(st, j, j->tmp, r))
		return;
	j->cache.ignores_conditional = false;
	keep(j, r, sha, bytes);
}

enum pm_status pm_fetch(struct pm_store *st, const struct pm_fetch_spec *specs, size_t n,
			const struct pm_fetch_opts *o, struct pm_fetch_outcome *out,
			struct pm_err *err)
{
	struct job *jobs = pm_xcalloc(n ? n : 1, sizeof *jobs);
	struct pm_http_req *heads = pm_xcalloc(n ? n : 1, sizeof *heads);
	struct pm_http_req *gets = pm_xcalloc(n ? n : 1, sizeof *gets);
	size_t *hidx = pm_xcalloc(n ? n : 1, sizeof *hidx),
	       *gidx = pm_xcalloc(n ? n : 1, sizeof *gidx);
	size_t i, nh = 0, ng = 0, nfail = 0;
	const char *contact = o->http.contact_email;
	enum pm_status rc = PM_OK, first = PM_OK;

	for (i = 0; i < n; i++) {
		struct job *j = &jobs[i];
		struct pm_err e = PM_ERR_INIT;

		memset(&out[i], 0, sizeof out[i]);
		j->spec = &specs[i];
		j->out = &out[i];
		j->out->state = PM_FETCH_FAILED;
		if (specs[i].src->needs_contact && pm_http_is_bls_host(specs[i].url) && !contact) {
			char host[256] = "";

			pm_http_host(specs[i].url, host, sizeof host);
			fail(j, PM_EUSAGE,
			     "%s: refusing to fetch from %s without a contact e-mail: BLS answers "
			     "403 "
			     "to a User-Agent without one; set PATHMAP_CONTACT_EMAIL (or "
			     "contact_email "
			     "in ~/.config/pathmap/config)",
			     specs[i].label, host);
			continue;
		}
		if (pm_cache_entry_for(specs[i].src->name, specs[i].url, specs[i].cache_key,
				       &j->cache, &e)) {
			j->out->err = e;
			continue;
		}
		j->out->state = PM_FETCH_UNCHANGED;
		if (j->cache.present && j->cache.ignores_conditional && !o->force &&
		    !specs[i].post_body) {
			aim(&heads[nh], &specs[i]);
			heads[nh].method = "HEAD";
			hidx[nh++] = i;
		}
	}
	if (nh)
		pm_http_run(&o->http, heads, nh, NULL);
	for (i = 0; i < nh; i++) {
		struct job *j = &jobs[hidx[i]];
		struct pm_http_req *h = &heads[i];

		/* Unchanged when size and date agree with the cached copy (and both are known). */
		if (!h->rc && h->status == 200 && h->content_length >= 0 &&
		    h->content_length == j->cache.bytes && h->last_modified &&
		    j->cache.last_modified && !strcmp(h->last_modified, j->cache.last_modified)) {
			j->skip_get = true;
			j->out->not_modified = true;
			j->out->status = 200;
			if (!store_current(st, j, j->cache.sha256))
				load(st, j, j->cache.path, NULL);
		}
	}
	for (i = 0; i < n; i++) {
		struct job *j = &jobs[i];
		struct pm_http_req *g;
		struct pm_err e = PM_ERR_INIT;

		if (j->out->state == PM_FETCH_FAILED || j->skip_get)
			continue;
		if (pm_cache_tmp(&j->cache, &j->tmp, &e)) {
			j->out->state = PM_FETCH_FAILED;
			j->out->err = e;
			continue;
		}
		g = &gets[ng];
		aim(g, &specs[i]);
		g->dest = j->tmp;
		if (specs[i].post_body) {
			g->method = "POST";
			g->body = specs[i].post_body;
			g->body_len = strlen(specs[i].post_body);
			g->content_type = "application/json";
		} else if (j->cache.present && !o->force) {
			g->if_none_match = j->cache.etag;
			g->if_modified_since = j->cache.last_modified;
			j->conditional = j->cache.etag || j->cache.last_modified;
		}
		gidx[ng++] = i;
	}
	if (ng && (rc = pm_http_run(&o->http, gets, ng, err)))
		goto out;
	for (i = 0; i < ng; i++)
		process_get(st, &jobs[gidx[i]], &gets[i], contact);
	for (i = 0; i < n; i++) {
		if (out[i].state == PM_FETCH_FAILED) {
			nfail++;
			if (!first)
				first = out[i].err.code ? out[i].err.code : PM_ENET;
		}
	}
	if (nfail == n && n)
		rc = pm_err_set(err, first, "%s", out[0].err.msg);
	else if (nfail)
		rc = pm_err_set(err, PM_EPARTIAL, "%zu of %zu downloads failed", nfail, n);
out:
	for (i = 0; i < nh; i++)
		pm_http_req_release(&heads[i]);
	for (i = 0; i < ng; i++)
		pm_http_req_release(&gets[i]);
	for (i = 0; i < n; i++) {
		if (jobs[i].tmp) {
			unlink(jobs[i].tmp);
			free(jobs[i].tmp);
		}
		pm_cache_entry_release(&jobs[i].cache);
	}
	free(jobs);
	free(heads);
	free(gets);
	free(hidx);
	free(gidx);
	return rc;
}
