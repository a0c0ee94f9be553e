#ifndef PM_CORE_PATH_H
#define PM_CORE_PATH_H
/* File-system helpers: XDG locations, directory creation, base names, time stamps. */
#include <stddef.h>
#include <time.h>

#include "core/err.h"

/*
 * The default store path: $PATHMAP_DB, else $XDG_DATA_HOME/pathmap/pathmap.db,
 * else $HOME/.local/share/pathmap/pathmap.db. Returns a new string (free()).
 */
char *pm_path_default_db(void);

/* Create DIR and its parents (mode 0755); existing directories are fine. */
enum pm_status pm_path_mkdirs(const char *dir, struct pm_err *err);

/* A pointer into PATH after its last '/'. */
const char *pm_path_base(const char *path);

/* Copy of PATH without its last component ("." when there is none). Free it. */
char *pm_path_dir(const char *path);

/* Write T as UTC "YYYY-MM-DDTHH:MM:SSZ" into OUT (at least 21 bytes). */
void pm_time_iso(time_t t, char *out, size_t n);

/* Parse a UTC "YYYY-MM-DDTHH:MM:SS..." stamp; -1 when it is not one. */
time_t pm_time_parse_iso(const char *iso);

#endif
