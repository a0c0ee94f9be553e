/* Settings from the environment and the config file (see config.h). */
#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "core/banned.h"

struct kv {
	char *key, *value;
};

static struct kv *kvs;
static size_t nkv;
static bool loaded;
static char envname[128];

static const char *const secrets[] = {
	"contact_email",
	"bls_api_key",
	"careeronestop_token",
	"careeronestop_userid",
};

bool pm_config_is_secret(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
		if (!strcmp(key, secrets[i]))
			return true;
	return false;
}

static char *config_path(void)
{
	const char *env = getenv("PATHMAP_CONFIG"), *home;

	if (env && *env)
		return pm_xstrdup(env);
	env = getenv("XDG_CONFIG_HOME");
	if (env && *env == '/')
		return pm_xstrfmt("%s/pathmap/config", env);
	home = getenv("HOME");
	return pm_xstrfmt("%s/.config/pathmap/config", home && *home ? home : ".");
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

enum pm_status pm_config_load(struct pm_err *err)
{
	char *path = config_path(), line[4096];
	enum pm_status rc = PM_OK;
	bool has_secret = false;
	struct stat st;
	int lineno = 0;
	FILE *f;

	if (loaded) {
		free(path);
		return PM_OK;
	}
	f = fopen(path, "r");
	if (!f) {
		if (errno != ENOENT)
			rc = pm_err_set(err, PM_EUSAGE, "cannot read config file '%s': %s", path,
					strerror(errno));
		loaded = rc == PM_OK;
		free(path);
		return rc;
	}
	while (fgets(line, sizeof line, f)) {
		char *p = trim(line), *eq, *k, *v;

		lineno++;
		if (!*p || *p == '#')
			continue;
		eq = strchr(p, '=');
		if (!eq) {
			rc = pm_err_set(err, PM_EUSAGE, "%s:%d: expected 'key = value'", path,
					lineno);
			break;
		}
		*eq = '\0';
		k = trim(p);
		v = trim(eq + 1);
		if (!*k) {
			rc = pm_err_set(err, PM_EUSAGE, "%s:%d: empty key", path, lineno);
			break;
		}
		if (strlen(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[strlen(v) - 1] == v[0]) {
			v[strlen(v) - 1] = '\0';
			v++;
		}
		kvs = pm_xrealloc(kvs, (nkv + 1) * sizeof *kvs);
		kvs[nkv].key = pm_xstrdup(k);
		kvs[nkv].value = pm_xstrdup(v);
		nkv++;
		has_secret |= pm_config_is_secret(k);
	}
	if (!rc && has_secret && fstat(fileno(f), &st) == 0 && (st.st_mode & 077))
		pm_warn("config file '%s' holds secrets but others can read it (chmod 600 it)",
			path);
	fclose(f);
	free(path);
	if (rc)
		pm_config_free();
	else
		loaded = true;
	return rc;
}

const char *pm_config_get(const char *key)
{
	size_t i, n = 0;
	const char *env;

	n = (size_t)snprintf(envname, sizeof envname, "PATHMAP_");
	for (i = 0; key[i] && n + 1 < sizeof envname; i++)
		envname[n++] = (char)toupper((unsigned char)key[i]);
	envname[n] = '\0';
	env = getenv(envname);
	if (env && *env)
		return env;
	for (i = nkv; i-- > 0;)
		if (!strcmp(kvs[i].key, key))
			return *kvs[i].value ? kvs[i].value : NULL;
	return NULL;
}

void pm_config_free(void)
{
	size_t i;

	for (i = 0; i < nkv; i++) {
		free(kvs[i].key);
		free(kvs[i].value);
	}
	free(kvs);
	kvs = NULL;
	nkv = 0;
	loaded = false;
}
