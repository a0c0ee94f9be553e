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

time_t pm_time_parse_iso(const char *iso)
{
	int y, mo, d, h, mi, s;
	long long days, yy;
	unsigned era, yoe, doy, doe;

	if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6 ||
	    mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
	yy = mo <= 2 ? y - 1 : y;
	era = (unsigned)((yy >= 0 ? yy : yy - 399) / 400);
	yoe = (unsigned)(yy - (long long)era * 400);
	doy = (unsigned)((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	days = (long long)era * 146097 + (long long)doe - 719468;
	return (time_t)(days * 86400 + h * 3600 + mi * 60 + s);
}

void pm_time_iso(time_t t, char *out, size_t n)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
