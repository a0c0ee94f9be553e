/* Logging through a program-installed sink (see log.h). */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include "core/banned.h"

static pm_log_sink_fn *log_sink;
static void *log_ctx;
static enum pm_log_level log_max = PM_LOG_WARN;

void pm_log_set_sink(pm_log_sink_fn *sink, void *ctx, enum pm_log_level max_level)
{
	log_sink = sink;
	log_ctx = ctx;
	log_max = max_level;
}

int pm_log_enabled(enum pm_log_level level)
{
	return log_sink && level <= log_max;
}

void pm_log(enum pm_log_level level, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (!pm_log_enabled(level))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	log_sink(level, msg, log_ctx);
}

void pm_log_stderr_sink(enum pm_log_level level, const char *msg, void *ctx)
{
	static const char *const names[] = { "error", "warning", "info", "debug" };

	(void)ctx;
	fprintf(stderr, "pathmap: %s: %s\n", names[level], msg);
}
