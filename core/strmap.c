/* String hash map and interner (see strmap.h). FNV-1a hashing. */
#include "core/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "core/banned.h"

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

void pm_strmap_release(struct pm_strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

static size_t slot(const struct pm_strmap *m, const char *key)
{
	size_t i = hash(key) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void grow(struct pm_strmap *m)
{
	struct pm_strmap old = *m;
	size_t i;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->keys = pm_xcalloc(m->cap, sizeof *m->keys);
	m->vals = pm_xcalloc(m->cap, sizeof *m->vals);
	for (i = 0; i < old.cap; i++) {
		if (old.keys[i]) {
			size_t j = slot(m, old.keys[i]);

			m->keys[j] = old.keys[i];
			m->vals[j] = old.vals[i];
		}
	}
	free(old.keys);
	free(old.vals);
}

void pm_strmap_put(struct pm_strmap *m, const char *key, size_t val)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	i = slot(m, key);
	if (!m->keys[i]) {
		m->keys[i] = pm_xstrdup(key);
		m->n++;
	}
	m->vals[i] = val;
}

bool pm_strmap_get(const struct pm_strmap *m, const char *key, size_t *val)
{
	size_t i;

	if (!m->cap)
		return false;
	i = slot(m, key);
	if (!m->keys[i])
		return false;
	if (val)
		*val = m->vals[i];
	return true;
}

const char *pm_strmap_key(const struct pm_strmap *m, const char *key)
{
	size_t i;

	if (!m->cap)
		return NULL;
	i = slot(m, key);
	return m->keys[i];
}

const char *pm_intern(struct pm_strmap *m, const char *s)
{
	const char *k = pm_strmap_key(m, s);

	if (k)
		return k;
	pm_strmap_put(m, s, 0);
	return pm_strmap_key(m, s);
}
