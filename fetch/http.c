/*
 * The HTTP engine (see http.h). One scheduler loop drives a curl multi
 * handle: a transfer starts when its retry time has come, its host has a
 * free connection slot and the host's last request started long enough ago.
 * Finished transfers are judged; retryable failures get a new start time
 * (Retry-After, else exponential backoff with jitter) and go back in line.
 */
#include "fetch/http.h"

#include <curl/curl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/config.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/progress.h"
#include "core/xalloc.h"
#include "core/banned.h"

#define PATHMAP_VERSION "0.1.0"

static double setting(const char *key, double def, double lo, double hi)
{
	const char *v = pm_config_get(key);
	double d;

	if (!v || pm_parse_double(v, strlen(v), &d) || d < lo || d > hi) {
		if (v)
			pm_warn("ignoring setting %s = '%s' (expected a number from %g to %g)", key,
				v, lo, hi);
		return def;
	}
	return d;
}

void pm_http_settings_init(struct pm_http_settings *s)
{
	memset(s, 0, sizeof *s);
	s->contact_email = pm_config_get("contact_email");
	s->connect_timeout_s = (long)setting("http_connect_timeout", 20, 1, 600);
	s->low_speed_time_s = (long)setting("http_low_speed_time", 30, 1, 3600);
	s->max_time_s = (long)setting("http_max_time", 3600, 1, 86400);
	s->max_retries = (int)setting("http_retries", 4, 0, 20);
	s->backoff_s = setting("http_backoff", 2, 0, 600);
	s->backoff_max_s = setting("http_backoff_max", 60, 0, 3600);
	s->retry_after_max_s = setting("http_retry_after_max", 300, 0, 3600);
	s->per_host = (int)setting("http_per_host", 2, 1, 8);
	s->host_interval_s = setting("http_host_interval", 0.5, 0, 60);
}

void pm_http_req_release(struct pm_http_req *r)
{
	free(r->etag);
	free(r->last_modified);
	free(r->content_type_out);
	pm_buf_release(&r->body_out);
	r->etag = r->last_modified = r->content_type_out = NULL;
}

bool pm_http_host(const char *url, char *out, size_t n)
{
	CURLU *u = curl_url();
	char *host = NULL;
	bool ok;

	ok = u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	     curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK;
	if (ok)
		snprintf(out, n, "%s", host);
	curl_free(host);
	curl_url_cleanup(u);
	return ok;
}

bool pm_http_is_bls_host(const char *url)
{
	char host[256];
	size_t n;

	if (!pm_http_host(url, host, sizeof host))
		return false;
	n = strlen(host);
	return !strcasecmp(host, "bls.gov") || (n > 8 && !strcasecmp(host + n - 8, ".bls.gov"));
}

char *pm_http_user_agent(const char *contact)
{
	if (contact && *contact)
		return pm_xstrfmt("pathmap/%s (labor market analysis; contact: %s)",
				  PATHMAP_VERSION, contact);
	return pm_xstrfmt("pathmap/%s (labor market analysis)", PATHMAP_VERSION);
}

const char *pm_http_reason(long status)
{
	switch (status) {
	case 200: return "200 OK";
	case 204: return "204 No Content";
	case 206: return "206 Partial Content";
	case 301: return "301 Moved Permanently";
	case 302: return "302 Found";
	case 304: return "304 Not Modified";
	case 400: return "400 Bad Request";
	case 401: return "401 Unauthorized";
	case 403: return "403 Forbidden";
	case 404: return "404 Not Found";
	case 408: return "408 Request Timeout";
	case 410: return "410 Gone";
	case 429: return "429 Too Many Requests";
	case 500: return "500 Internal Server Error";
	case 502: return "502 Bad Gateway";
	case 503: return "503 Service Unavailable";
	case 504: return "504 Gateway Timeout";
	}
	return status >= 500   ? "server error"
	       : status >= 400 ? "client error"
			       : "unexpected status";
}

double pm_http_backoff(const struct pm_http_settings *s, int attempt, double jitter01)
{
	double d = s->backoff_s * pow(2.0, attempt > 1 ? attempt - 1 : 0);

	if (d > s->backoff_max_s)
		d = s->backoff_max_s;
	/* Jitter in [d/2, d): simultaneous clients do not retry in lockstep. */
	return d * (0.5 + 0.5 * jitter01);
}

double pm_http_parse_retry_after(const char *v, double now)
{
	int64_t secs;
	time_t t;

	if (!v || !*v)
		return -1;
	if (!pm_parse_i64(v, strlen(v), &secs))
		return secs < 0 ? -1 : (double)secs;
	t = curl_getdate(v, NULL);
	if (t < 0)
		return -1;
	return (double)t > now ? (double)t - now : 0;
}

/* ---- the engine ---- */

/* R's URL as messages and logs may show it (never one holding a secret). */
static const char *shown(const struct pm_http_req *r)
{
	return r->shown_url ? r->shown_url : r->url;
}

struct xfer {
	struct pm_http_req *r;
	CURL *h;
	FILE *out;
	char host[256];
	double next_start;
	bool active, done;
	struct curl_slist *headers;
	char errbuf[CURL_ERROR_SIZE];
	curl_off_t dlnow, dltotal;
	bool too_big;
	/* headers of the current response (reset at each status line) */
	char *etag, *lastmod, *ctype, *retry_after;
	int64_t clen;
};

struct host {
	char name[256];
	int active;
	double last_start;
};

static void reset_headers(struct xfer *x)
{
	free(x->etag);
	free(x->lastmod);
	free(x->ctype);
	free(x->retry_after);
	x->etag = x->lastmod = x->ctype = x->retry_after = NULL;
	x->clen = -1;
}

static char *header_value(const char *line, size_t n, const char *name)
{
	size_t len = strlen(name);
	const char *v, *e;

	if (n <= len || strncasecmp(line, name, len) || line[len] != ':')
		return NULL;
	v = line + len + 1;
	e = line + n;
	while (v < e && (*v == ' ' || *v == '\t'))
		v++;
	while (e > v && (e[-1] == '\r' || e[-1] == '\n' || e[-1] == ' '))
		e--;
	return pm_xstrndup(v, (size_t)(e - v));
}

static size_t on_header(char *buf, size_t size, size_t nitems, void *user)
{
	struct xfer *x = user;
	size_t n = size * nitems;
	char *v;

	if (n >= 5 && !strncmp(buf, "HTTP/", 5)) {
		reset_headers(x);
		return n;
	}
	if ((v = header_value(buf, n, "ETag"))) {
		free(x->etag);
		x->etag = v;
	} else if ((v = header_value(buf, n, "Last-Modified"))) {
		free(x->lastmod);
		x->lastmod = v;
	} else if ((v = header_value(buf, n, "Content-Type"))) {
		free(x->ctype);
		x->ctype = v;
	} else if ((v = header_value(buf, n, "Retry-After"))) {
		free(x->retry_after);
		x->retry_after = v;
	} else if ((v = header_value(buf, n, "Content-Length"))) {
		int64_t len;

		x->clen = pm_parse_i64(v, strlen(v), &len) ? -1 : len;
		free(v);
	}
	return n;
}

static size_t on_body(char *buf, size_t size, size_t nitems, void *user)
{
	struct xfer *x = user;
	size_t n = size * nitems;

	if (x->out)
		return fwrite(buf, 1, n, x->out);
	pm_buf_add(&x->r->body_out, buf, n);
	if (pm_buf_status(&x->r->body_out)) {
		x->too_big = true;
		return 0;
	}
	return n;
}

static int on_progress(void *user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
		       curl_off_t ulnow)
{
	struct xfer *x = user;

	(void)ultotal;
	(void)ulnow;
	x->dltotal = dltotal;
	x->dlnow = dlnow;
	return 0;
}

static struct host *host_of(struct host **hosts, size_t *nhosts, const char *name)
{
	size_t i;

	for (i = 0; i < *nhosts; i++)
		if (!strcmp((*hosts)[i].name, name))
			return &(*hosts)[i];
	*hosts = pm_xrealloc(*hosts, (*nhosts + 1) * sizeof **hosts);
	memset(&(*hosts)[*nhosts], 0, sizeof **hosts);
	snprintf((*hosts)[*nhosts].name, sizeof(*hosts)[*nhosts].name, "%s", name);
	(*hosts)[*nhosts].last_start = -1e9;
	return &(*hosts)[(*nhosts)++];
}

static enum pm_status start(const struct pm_http_settings *s, const char *ua, CURLM *multi,
			    struct xfer *x)
{
	struct pm_http_req *r = x->r;
	CURL *h = curl_easy_init();
	bool https = !strncasecmp(r->url, "https://", 8);

	if (!h)
		return pm_err_set(&r->err, PM_ENET, "cannot start a transfer for '%s'", shown(r));
	x->h = h;
	x->errbuf[0] = '\0';
	x->dlnow = x->dltotal = 0;
	x->too_big = false;
	reset_headers(x);
	if (r->dest) {
		x->out = fopen(r->dest, "wb");
		if (!x->out) {
			curl_easy_cleanup(h);
			x->h = NULL;
			return pm_err_set(&r->err, PM_EIO, "cannot write '%s'", r->dest);
		}
	} else {
		pm_buf_release(&r->body_out);
		pm_buf_init(&r->body_out, r->max_memory ? r->max_memory : (size_t)64 << 20);
	}
	curl_slist_free_all(x->headers);
	x->headers = NULL;
	if (r->if_none_match) {
		char *hdr = pm_xstrfmt("If-None-Match: %s", r->if_none_match);

		x->headers = curl_slist_append(x->headers, hdr);
		free(hdr);
	}
	if (r->if_modified_since) {
		char *hdr = pm_xstrfmt("If-Modified-Since: %s", r->if_modified_since);

		x->headers = curl_slist_append(x->headers, hdr);
		free(hdr);
	}
	if (r->content_type) {
		char *hdr = pm_xstrfmt("Content-Type: %s", r->content_type);

		x->headers = curl_slist_append(x->headers, hdr);
		free(hdr);
	}
	if (r->accept) {
		char *hdr = pm_xstrfmt("Accept: %s", r->accept);

		x->headers = curl_slist_append(x->headers, hdr);
		free(hdr);
	}
	if (r->secret_header)
		x->headers = curl_slist_append(x->headers, r->secret_header);
	curl_easy_setopt(h, CURLOPT_URL, r->url);
	curl_easy_setopt(h, CURLOPT_PRIVATE, x);
	curl_easy_setopt(h, CURLOPT_USERAGENT, ua);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, x->headers);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	/* Follow redirects, but never from https down to http. */
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, https ? "https" : "http,https");
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, s->connect_timeout_s);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, s->low_speed_time_s);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, s->max_time_s);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, x);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	if (r->method && !strcmp(r->method, "HEAD")) {
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
	} else if (r->method && !strcmp(r->method, "POST")) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, r->body ? r->body : "");
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)r->body_len);
	}
	if (curl_multi_add_handle(multi, h) != CURLM_OK) {
		curl_easy_cleanup(h);
		x->h = NULL;
		return pm_err_set(&r->err, PM_ENET, "cannot start a transfer for '%s'", shown(r));
	}
	x->active = true;
	r->attempts++;
	pm_debug("%s %s (attempt %d)", r->method ? r->method : "GET", shown(r), r->attempts);
	return PM_OK;
}

static bool retryable_curl(CURLcode c)
{
	switch (c) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_BAD_CONTENT_ENCODING: return true;
	default: return false;
	}
}

static bool retryable_status(long status)
{
	return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 ||
	       status == 504;
}

static double jitter(void)
{
	static unsigned seed;

	if (!seed)
		seed = (unsigned)time(NULL) ^ (unsigned)clock();
	seed = seed * 1103515245u + 12345u;
	return (double)((seed >> 8) & 0xFFFF) / 65536.0;
}

/* A transfer ended: keep its result, or schedule another attempt. */
static void finish(const struct pm_http_settings *s, CURLM *multi, struct xfer *x, CURLcode res,
		   double now)
{
	struct pm_http_req *r = x->r;
	long status = 0;
	double delay = -1;
	bool retry = false;
	char why[CURL_ERROR_SIZE + 64];

	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &status);
	curl_multi_remove_handle(multi, x->h);
	curl_easy_cleanup(x->h);
	x->h = NULL;
	x->active = false;
	if (x->out) {
		if (fclose(x->out) != 0 && res == CURLE_OK)
			res = CURLE_WRITE_ERROR;
		x->out = NULL;
	}
	r->status = status;
	r->retry_after_s = pm_http_parse_retry_after(x->retry_after, (double)time(NULL));
	if (res == CURLE_OK && retryable_status(status)) {
		retry = true;
		snprintf(why, sizeof why, "HTTP %s", pm_http_reason(status));
		if ((status == 429 || status == 503) && r->retry_after_s >= 0)
			delay = r->retry_after_s;
	} else if (res != CURLE_OK && retryable_curl(res) && !x->too_big) {
		retry = true;
		snprintf(why, sizeof why, "%s", x->errbuf[0] ? x->errbuf : curl_easy_strerror(res));
	}
	if (retry && delay > s->retry_after_max_s) {
		pm_err_set(&r->err, PM_ENET,
			   "%s: HTTP %s asks to retry after %.0f s, longer than the %.0f s pathmap "
			   "waits",
			   shown(r), pm_http_reason(status), delay, s->retry_after_max_s);
		r->rc = PM_ENET;
		x->done = true;
		return;
	}
	if (retry && r->attempts <= s->max_retries) {
		if (delay < 0)
			delay = pm_http_backoff(s, r->attempts, jitter());
		pm_info("%s: %s; retrying in %.1f s", shown(r), why, delay);
		x->next_start = now + delay;
		return;
	}
	x->done = true;
	if (res == CURLE_OK) {
		r->rc = PM_OK;
		r->etag = x->etag;
		r->last_modified = x->lastmod;
		r->content_type_out = x->ctype;
		r->content_length = x->clen;
		x->etag = x->lastmod = x->ctype = NULL;
		r->bytes = (uint64_t)x->dlnow;
		if (!r->dest)
			r->bytes = r->body_out.len;
		return;
	}
	r->rc = PM_ENET;
	if (x->too_big)
		pm_err_set(&r->err, PM_ENET, "%s: response larger than %zu bytes", shown(r),
			   r->max_memory ? r->max_memory : (size_t)64 << 20);
	else if (res == CURLE_OPERATION_TIMEDOUT)
		pm_err_set(&r->err, PM_ENET, "%s: timed out (%s) after %d attempt%s", shown(r),
			   x->errbuf[0] ? x->errbuf : "no data", r->attempts,
			   r->attempts == 1 ? "" : "s");
	else if (res == CURLE_PARTIAL_FILE)
		pm_err_set(&r->err, PM_ENET, "%s: truncated download (%s) after %d attempt%s",
			   shown(r), x->errbuf, r->attempts, r->attempts == 1 ? "" : "s");
	else
		pm_err_set(&r->err, PM_ENET, "%s: %s%s", shown(r),
			   x->errbuf[0] ? x->errbuf : curl_easy_strerror(res),
			   retry ? " (gave up after retries)" : "");
}

static void update_progress(const struct pm_http_settings *s, struct xfer *xs, size_t n)
{
	uint64_t done = 0, total = 0;
	size_t i;

	if (!s->progress)
		return;
	for (i = 0; i < n; i++) {
		if (xs[i].active) {
			done += (uint64_t)xs[i].dlnow;
			total += (uint64_t)(xs[i].dltotal > 0 ? xs[i].dltotal : xs[i].dlnow);
		} else if (xs[i].done) {
			done += xs[i].r->bytes;
			total += xs[i].r->bytes;
		}
	}
	pm_progress_update(s->progress, done, total);
}

enum pm_status pm_http_run(const struct pm_http_settings *s, struct pm_http_req *reqs, size_t n,
			   struct pm_err *err)
{
	static bool global_done;
	struct xfer *xs = pm_xcalloc(n ? n : 1, sizeof *xs);
	struct host *hosts = NULL;
	size_t nhosts = 0, i, left = n;
	char *ua = pm_http_user_agent(s->contact_email);
	CURLM *multi;

	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			free(xs);
			free(ua);
			return pm_err_set(err, PM_ENET, "cannot initialise libcurl");
		}
		global_done = true;
	}
	multi = curl_multi_init();
	curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)s->per_host);
	for (i = 0; i < n; i++) {
		xs[i].r = &reqs[i];
		reqs[i].rc = PM_OK;
		pm_err_clear(&reqs[i].err);
		reqs[i].status = 0;
		reqs[i].attempts = 0;
		reqs[i].content_length = -1;
		reqs[i].retry_after_s = -1;
		pm_buf_init(&reqs[i].body_out, 0);
		xs[i].clen = -1;
		if (!pm_http_host(reqs[i].url, xs[i].host, sizeof xs[i].host)) {
			pm_err_set(&reqs[i].err, PM_EUSAGE, "'%s' is not a valid URL",
				   shown(&reqs[i]));
			reqs[i].rc = PM_EUSAGE;
			xs[i].done = true;
			left--;
		}
	}
	while (left) {
		double now = pm_now_monotonic(), wait = 1.0;
		CURLMsg *msg;
		int running, q;
		bool finished;

		for (i = 0; i < n; i++) {
			struct xfer *x = &xs[i];
			struct host *h;

			if (x->done || x->active)
				continue;
			if (x->next_start > now) {
				if (x->next_start - now < wait)
					wait = x->next_start - now;
				continue;
			}
			h = host_of(&hosts, &nhosts, x->host);
			if (h->active >= s->per_host)
				continue;
			if (now - h->last_start < s->host_interval_s) {
				if (h->last_start + s->host_interval_s - now < wait)
					wait = h->last_start + s->host_interval_s - now;
				continue;
			}
			if (start(s, ua, multi, x)) {
				x->done = true;
				x->r->rc = x->r->err.code;
				left--;
				continue;
			}
			h->active++;
			h->last_start = now;
		}
		curl_multi_perform(multi, &running);
		finished = false;
		while ((msg = curl_multi_info_read(multi, &q))) {
			struct xfer *x = NULL;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
			host_of(&hosts, &nhosts, x->host)->active--;
			finish(s, multi, x, msg->data.result, pm_now_monotonic());
			if (x->done)
				left--;
			finished = true;
		}
		update_progress(s, xs, n);
		/* After a completion, go round at once: a retry or a queued start may be due. */
		if (left && !finished)
			curl_multi_poll(multi, NULL, 0, wait > 0 ? (int)(wait * 1000) + 1 : 1,
					NULL);
	}
	for (i = 0; i < n; i++) {
		reset_headers(&xs[i]);
		curl_slist_free_all(xs[i].headers);
	}
	curl_multi_cleanup(multi);
	free(hosts);
	free(xs);
	free(ua);
	return PM_OK;
}
