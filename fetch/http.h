#ifndef PM_FETCH_HTTP_H
#define PM_FETCH_HTTP_H
/*
 * The HTTP engine, on libcurl's multi interface: several transfers at once,
 * at most `per_host` connections per host and at least `host_interval_s`
 * between two request starts to one host (public servers are shared), TLS
 * verification always on, redirects followed but never from https to http,
 * gzip/deflate accepted, and a User-Agent that carries a contact e-mail
 * (BLS answers 403 without one).
 *
 * Every wait is bounded: connect timeout, a low-speed limit that ends a
 * stalled transfer, a cap on the whole transfer, a cap on retries and on
 * the Retry-After delay honoured. Failures worth retrying (connection
 * errors, time-outs, truncated bodies, 408/429/5xx) are retried with
 * exponential backoff and jitter; 429 and 503 honour Retry-After.
 *
 * Secrets (API keys in request bodies, Authorization headers, user ids in
 * URL paths, the contact e-mail inside the User-Agent) are never logged or
 * put in messages: messages name a request by its shown_url.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct pm_progress;

struct pm_http_settings {
	const char *contact_email;    /* for the User-Agent; NULL = none */
	long connect_timeout_s;	      /* default 20 */
	long low_speed_time_s;	      /* a transfer below 1 byte/s this long is stalled; 30 */
	long max_time_s;	      /* any one transfer; default 3600 */
	int max_retries;	      /* default 4 */
	double backoff_s;	      /* first retry delay; doubles each time; default 2 */
	double backoff_max_s;	      /* default 60 */
	double retry_after_max_s;     /* longest Retry-After honoured; default 300 */
	int per_host;		      /* connections per host; default 2 */
	double host_interval_s;	      /* between request starts to one host; default 0.5 */
	struct pm_progress *progress; /* borrowed, may be NULL */
};

/* Defaults, then overrides from the environment/config (core/config.h). */
void pm_http_settings_init(struct pm_http_settings *s);

struct pm_http_req {
	/* what to ask */
	const char *url;       /* may hold a secret (an API user id): see shown_url */
	const char *shown_url; /* URL as messages and logs show it; NULL = url */
	const char *method;    /* NULL or "GET", "HEAD", "POST" */
	const char *body;   /* POST body (may hold a secret: never logged) */
	size_t body_len;
	const char *content_type;      /* of the POST body */
	const char *if_none_match;     /* ETag of the cached copy */
	const char *if_modified_since; /* Last-Modified of the cached copy */
	const char *secret_header;     /* e.g. "Authorization: Bearer ..."; never logged */
	const char *accept;	       /* Accept header value; NULL = none */
	const char *dest;	       /* write the body to this file; NULL = memory */
	size_t max_memory;	       /* cap for a body kept in memory; 0 = 64 MiB */

	/* what came back (filled by pm_http_run; release with pm_http_req_release) */
	enum pm_status rc; /* PM_OK when a final HTTP status arrived */
	struct pm_err err;
	long status; /* last HTTP status, 0 if none */
	char *etag;
	char *last_modified;
	char *content_type_out;
	int64_t content_length; /* from the header; -1 when absent */
	struct pm_buf body_out; /* when dest is NULL */
	uint64_t bytes;		/* body bytes received (after decoding) */
	int attempts;
	double retry_after_s; /* last Retry-After seen, or -1 */
};

/* Free what pm_http_run() filled in (the request's inputs are borrowed). */
void pm_http_req_release(struct pm_http_req *r);

/*
 * Perform N requests. Each request's own rc/err/status says how it went: rc
 * is PM_OK whenever an HTTP status arrived (2xx, 304, 404, ... — the caller
 * judges), PM_ENET when none did after the retries. Returns PM_ENET only
 * when the engine itself cannot start.
 */
enum pm_status pm_http_run(const struct pm_http_settings *s, struct pm_http_req *reqs, size_t n,
			   struct pm_err *err);

/* True when URL's host is bls.gov or below it (those refuse requests without a contact). */
bool pm_http_is_bls_host(const char *url);

/* The host of URL into OUT (size N); false when URL cannot be parsed. */
bool pm_http_host(const char *url, char *out, size_t n);

/* The User-Agent for CONTACT (NULL: none). Returns a new string: free it. */
char *pm_http_user_agent(const char *contact);

/* A phrase for an HTTP status: "404 Not Found". */
const char *pm_http_reason(long status);

/* Delay before retry number ATTEMPT (1-based): base * 2^(attempt-1), capped, with jitter. */
double pm_http_backoff(const struct pm_http_settings *s, int attempt, double jitter01);

/* Seconds in a Retry-After value (delta seconds or an HTTP date), or -1. */
double pm_http_parse_retry_after(const char *v, double now);

#endif
