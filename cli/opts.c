/* Option parsing (see opts.h). */
#include "cli/opts.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "core/banned.h"

static const struct pm_optdef *find_long(const struct pm_optdef *const *defs, int ndefs,
					 const char *name, size_t len)
{
	int t;
	const struct pm_optdef *d;

	for (t = 0; t < ndefs; t++)
		for (d = defs[t]; d && d->name; d++)
			if (strlen(d->name) == len && !strncmp(d->name, name, len))
				return d;
	return NULL;
}

static const struct pm_optdef *find_short(const struct pm_optdef *const *defs, int ndefs, char c)
{
	int t;
	const struct pm_optdef *d;

	for (t = 0; t < ndefs; t++)
		for (d = defs[t]; d && d->name; d++)
			if (d->shortname && d->shortname == c)
				return d;
	return NULL;
}

enum pm_status pm_opts_parse(const struct pm_optdef *const *defs, int ndefs, int argc, char **argv,
			     bool stop_at_positional, pm_opt_cb *cb, void *user, char ***pos,
			     int *npos, const char *who, struct pm_err *err)
{
	enum pm_status rc = PM_OK;
	bool only_pos = false;
	int i;

	*pos = pm_xcalloc((size_t)argc + 1, sizeof **pos);
	*npos = 0;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *value = NULL;
		const struct pm_optdef *d;

		if (only_pos || a[0] != '-' || !a[1]) {
			(*pos)[(*npos)++] = argv[i];
			if (stop_at_positional)
				only_pos = true;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_pos = true;
			continue;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);

			d = find_long(defs, ndefs, a + 2, len);
			if (!d) {
				rc = pm_err_set(err, PM_EUSAGE,
						"unknown option '--%.*s' for %s (see --help)",
						(int)len, a + 2, who);
				break;
			}
			if (eq) {
				if (!d->has_arg) {
					rc = pm_err_set(err, PM_EUSAGE,
							"option '--%s' takes no value", d->name);
					break;
				}
				value = eq + 1;
			}
		} else {
			const char *c = a + 1;

			/* Bundled flags: "-qv" is "-q -v"; the last may take a value ("-ofile"). */
			for (;;) {
				d = find_short(defs, ndefs, *c);
				if (!d) {
					rc = pm_err_set(err, PM_EUSAGE,
							"unknown option '-%c' for %s (see --help)",
							*c, who);
					break;
				}
				if (d->has_arg || !c[1])
					break;
				if ((rc = cb(user, d->id, NULL, err)))
					break;
				c++;
			}
			if (rc)
				break;
			if (c[1])
				value = c + 1;
		}
		if (d->has_arg && !value) {
			if (i + 1 >= argc) {
				rc = pm_err_set(err, PM_EUSAGE, "option '--%s' needs a value (%s)",
						d->name, d->argname ? d->argname : "VALUE");
				break;
			}
			value = argv[++i];
		}
		if ((rc = cb(user, d->id, value, err)))
			break;
	}
	if (rc) {
		free(*pos);
		*pos = NULL;
		*npos = 0;
	}
	return rc;
}
