#ifndef PM_CORE_LOG_H
#define PM_CORE_LOG_H
/*
 * Diagnostics. The library never writes to a terminal itself: it reports
 * through pm_log(), which does nothing until the program installs a sink
 * (cli/ installs one that writes "pathmap: warning: ..." to stderr).
 */
#include "core/err.h"

enum pm_log_level {
	PM_LOG_ERROR = 0,
	PM_LOG_WARN,
	PM_LOG_INFO,  /* shown with --verbose */
	PM_LOG_DEBUG, /* shown with --verbose --verbose */
};

typedef void pm_log_sink_fn(enum pm_log_level level, const char *msg, void *ctx);

/* Install SINK (NULL to silence) and the most verbose LEVEL it receives. */
void pm_log_set_sink(pm_log_sink_fn *sink, void *ctx, enum pm_log_level max_level);
int pm_log_enabled(enum pm_log_level level);
void pm_log(enum pm_log_level level, const char *fmt, ...) PM_PRINTF(2, 3);

#define pm_warn(...)  pm_log(PM_LOG_WARN, __VA_ARGS__)
#define pm_info(...)  pm_log(PM_LOG_INFO, __VA_ARGS__)
#define pm_debug(...) pm_log(PM_LOG_DEBUG, __VA_ARGS__)

/* A sink writing "pathmap: LEVEL: MSG\n" to stderr. */
void pm_log_stderr_sink(enum pm_log_level level, const char *msg, void *ctx);

#endif
