#ifndef PM_CORE_ERR_H
#define PM_CORE_ERR_H
/*
 * Errors: a status code plus one message. Library functions return an
 * enum pm_status and take `struct pm_err *err` last; only cli/main.c maps a
 * status to the documented exit code (pm_status_exit_code()).
 *
 * Messages follow git's wording rules: lower-case start, no final period,
 * the failure first, the subject quoted, e.g.
 *   cannot open 'qcew/2023.q1.csv': No such file or directory
 * Callers add context on the way up with pm_err_prefix().
 */
#include <stdarg.h>

enum pm_status {
	PM_OK = 0,
	PM_EUSAGE,    /* bad command line or option value            -> exit 1 */
	PM_EDATA,     /* bad, truncated or unrecognised input data   -> exit 2 */
	PM_EIO,	      /* a local file cannot be opened/read/written  -> exit 2 */
	PM_ENET,      /* network or remote source failure            -> exit 3 */
	PM_ESTORE,    /* the SQLite store cannot be opened or written -> exit 4 */
	PM_EPARTIAL,  /* some parts succeeded, some failed            -> exit 5 */
	PM_ENOTFOUND, /* a named region/area/county/year is not there -> exit 6 */
	PM_ELOCKED,   /* another run holds the lock                   -> exit 7 */
};

#define PM_ERR_MSG_MAX 512

struct pm_err {
	enum pm_status code;
	char msg[PM_ERR_MSG_MAX];
};

#define PM_ERR_INIT                                                                                \
	{                                                                                          \
		PM_OK, ""                                                                          \
	}

#if defined(__GNUC__)
#define PM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PM_PRINTF(f, a)
#endif

/* Store CODE and a formatted message in ERR (which may be NULL); returns CODE. */
enum pm_status pm_err_set(struct pm_err *err, enum pm_status code, const char *fmt, ...)
	PM_PRINTF(3, 4);
enum pm_status pm_err_setv(struct pm_err *err, enum pm_status code, const char *fmt, va_list ap)
	PM_PRINTF(3, 0);

/* Prepend "context: " to ERR's message; returns ERR's code (PM_OK if ERR is NULL). */
enum pm_status pm_err_prefix(struct pm_err *err, const char *fmt, ...) PM_PRINTF(2, 3);

/* Reset ERR to PM_OK with an empty message. */
void pm_err_clear(struct pm_err *err);

/* The process exit status documented for CODE (see docs/cli.md). */
int pm_status_exit_code(enum pm_status code);

/* A short name for CODE, e.g. "bad input data". */
const char *pm_status_name(enum pm_status code);

#endif
