#ifndef PM_CORE_STRMAP_H
#define PM_CORE_STRMAP_H
/*
 * A string-keyed hash map to size_t values (open addressing, linear
 * probing), and a string interner built on it. Keys are copied.
 */
#include <stdbool.h>
#include <stddef.h>

struct pm_strmap {
	char **keys;
	size_t *vals;
	size_t cap; /* power of two, 0 when empty */
	size_t n;
};

#define PM_STRMAP_INIT                                                                             \
	{                                                                                          \
		NULL, NULL, 0, 0                                                                   \
	}

/* Free the keys and tables; the map is left empty and reusable. */
void pm_strmap_release(struct pm_strmap *m);
/* Set KEY to VAL (replacing any value). */
void pm_strmap_put(struct pm_strmap *m, const char *key, size_t val);
/* Find KEY; returns true and stores its value in *VAL (may be NULL) when present. */
bool pm_strmap_get(const struct pm_strmap *m, const char *key, size_t *val);
/* The stored copy of KEY, or NULL (valid until the map is released). */
const char *pm_strmap_key(const struct pm_strmap *m, const char *key);

/* Intern S: returns a stored copy that lives until pm_strmap_release(). */
const char *pm_intern(struct pm_strmap *m, const char *s);

#endif
