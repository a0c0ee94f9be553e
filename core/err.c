/*
 * Error values. The message buffer is fixed-size so that reporting an error
 * never allocates (it may be reporting an allocation failure's context).
 */
#include "core/err.h"

#include <stdio.h>
#include <string.h>
#include "core/banned.h"

enum pm_status pm_err_setv(struct pm_err *err, enum pm_status code, const char *fmt, va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	return code;
}

enum pm_status pm_err_set(struct pm_err *err, enum pm_status code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pm_err_setv(err, code, fmt, ap);
	va_end(ap);
	return code;
}

enum pm_status pm_err_prefix(struct pm_err *err, const char *fmt, ...)
{
	char prefix[PM_ERR_MSG_MAX];
	char old[PM_ERR_MSG_MAX];
	va_list ap;

	if (!err)
		return PM_OK;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	{
		/* Long messages are cut at the buffer's end; the failure is at the end. */
		int n = snprintf(err->msg, sizeof err->msg, "%s: ", prefix);

		if (n >= 0 && (size_t)n < sizeof err->msg)
			snprintf(err->msg + n, sizeof err->msg - (size_t)n, "%s", old);
	}
	return err->code;
}

void pm_err_clear(struct pm_err *err)
{
	if (!err)
		return;
	err->code = PM_OK;
	err->msg[0] = '\0';
}

int pm_status_exit_code(enum pm_status code)
{
	switch (code) {
	case PM_OK: return 0;
	case PM_EUSAGE: return 1;
	case PM_EDATA: return 2;
	case PM_EIO: return 2;
	case PM_ENET: return 3;
	case PM_ESTORE: return 4;
	case PM_EPARTIAL: return 5;
	case PM_ENOTFOUND: return 6;
	case PM_ELOCKED: return 7;
	}
	return 1;
}

const char *pm_status_name(enum pm_status code)
{
	switch (code) {
	case PM_OK: return "ok";
	case PM_EUSAGE: return "usage error";
	case PM_EDATA: return "bad input data";
	case PM_EIO: return "file error";
	case PM_ENET: return "source failure";
	case PM_ESTORE: return "store error";
	case PM_EPARTIAL: return "partial success";
	case PM_ENOTFOUND: return "not found";
	case PM_ELOCKED: return "locked";
	}
	return "unknown";
}
