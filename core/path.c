/* File-system helpers (see path.h). */
#include "core/path.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "core/banned.h"

char *pm_path_default_db(void)
{
	struct pm_buf b = PM_BUF_INIT;
	const char *env = getenv("PATHMAP_DB");

	if (env && *env)
		return pm_xstrdup(env);
	env = getenv("XDG_DATA_HOME");
	if (env && *env == '/') {
		pm_buf_addf(&b, "%s/pathmap/pathmap.db", env);
	} else {
		const char *home = getenv("HOME");

		pm_buf_addf(&b, "%s/.local/share/pathmap/pathmap.db", home && *home ? home : ".");
	}
	return pm_buf_detach(&b, NULL);
}

enum pm_status pm_path_mkdirs(const char *dir, struct pm_err *err)
{
	char *p = pm_xstrdup(dir), *s;
	enum pm_status rc = PM_OK;

	for (s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char saved = *s;

			*s = '\0';
			if (mkdir(p, 0755) < 0 && errno != EEXIST) {
				rc = pm_err_set(err, PM_EIO, "cannot create directory '%s': %s", p,
						strerror(errno));
				break;
			}
			*s = saved;
			if (!saved)
				break;
		}
	}
	free(p);
	return rc;
}

const char *pm_path_base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

char *pm_path_dir(const char *path)
{
	const char *s = strrchr(path, '/');

	if (!s)
		return pm_xstrdup(".");
	if (s == path)
		return pm_xstrdup("/");
	return pm_xstrndup(path, (size_t)(s - path));
}

void pm_time_iso(time_t t, char *out, size_t n)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
