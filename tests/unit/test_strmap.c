/* Unit tests for core/strmap.h: string-keyed hash map and interner. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/strmap.h"

/* Structural invariants: power-of-two capacity, load at most 1/2, n counts keys. */
static void check_inv(const struct pm_strmap *m)
{
	size_t i, n = 0;

	if (!m->cap) {
		cr_assert_eq(m->n, 0);
		return;
	}
	cr_assert_eq(m->cap & (m->cap - 1), 0, "cap %zu is not a power of two", m->cap);
	cr_assert_leq(m->n * 2, m->cap, "load factor above 1/2: %zu of %zu", m->n, m->cap);
	for (i = 0; i < m->cap; i++)
		if (m->keys[i])
			n++;
	cr_assert_eq(n, m->n, "n says %zu keys, table holds %zu", m->n, n);
}

Test(strmap, empty_map)
{
	struct pm_strmap m = PM_STRMAP_INIT;
	size_t v = 42;

	check_inv(&m);
	cr_assert_not(pm_strmap_get(&m, "x", &v));
	cr_assert_eq(v, 42, "a miss must not write the value");
	cr_assert_null(pm_strmap_key(&m, "x"));
	pm_strmap_release(&m);
	check_inv(&m);
}

Test(strmap, put_and_get)
{
	struct pm_strmap m = PM_STRMAP_INIT;
	size_t v = 0;

	pm_strmap_put(&m, "39049", 1);
	pm_strmap_put(&m, "39041", 2);
	pm_strmap_put(&m, "", 3);
	check_inv(&m);
	cr_assert_eq(m.n, 3);
	cr_assert(pm_strmap_get(&m, "39049", &v));
	cr_assert_eq(v, 1);
	cr_assert(pm_strmap_get(&m, "39041", &v));
	cr_assert_eq(v, 2);
	cr_assert(pm_strmap_get(&m, "", &v), "the empty string is a key like any other");
	cr_assert_eq(v, 3);
	cr_assert(pm_strmap_get(&m, "39049", NULL));
	cr_assert_not(pm_strmap_get(&m, "39045", &v));
	cr_assert_not(pm_strmap_get(&m, "3904", &v));
	cr_assert_not(pm_strmap_get(&m, "390490", &v));
	pm_strmap_release(&m);
}

Test(strmap, keys_are_copied)
{
	struct pm_strmap m = PM_STRMAP_INIT;
	char key[16] = "area";
	const char *stored;
	size_t v;

	pm_strmap_put(&m, key, 7);
	stored = pm_strmap_key(&m, "area");
	cr_assert_not_null(stored);
	cr_assert_neq(stored, key);
	strcpy(key, "zzzz");
	cr_assert(pm_strmap_get(&m, "area", &v));
	cr_assert_eq(v, 7);
	cr_assert_not(pm_strmap_get(&m, "zzzz", &v));
	cr_assert_str_eq(stored, "area");
	pm_strmap_release(&m);
}

Test(strmap, overwrite_replaces_value)
{
	struct pm_strmap m = PM_STRMAP_INIT;
	const char *k1, *k2;
	size_t v = 0;

	pm_strmap_put(&m, "k", 1);
	k1 = pm_strmap_key(&m, "k");
	pm_strmap_put(&m, "k", 99);
	k2 = pm_strmap_key(&m, "k");
	check_inv(&m);
	cr_assert_eq(m.n, 1, "overwriting must not add a key");
	cr_assert_eq(k1, k2, "overwriting keeps the stored key");
	cr_assert(pm_strmap_get(&m, "k", &v));
	cr_assert_eq(v, 99);
	pm_strmap_release(&m);
}

Test(strmap, intern_returns_one_copy)
{
	struct pm_strmap m = PM_STRMAP_INIT;
	char a[] = "Franklin County, Ohio";
	char b[] = "Franklin County, Ohio";
	const char *ia, *ib, *ic;

	ia = pm_intern(&m, a);
	ib = pm_intern(&m, b);
	ic = pm_intern(&m, "Delaware County, Ohio");
	check_inv(&m);
	cr_assert_not_null(ia);
	cr_assert_eq(ia, ib, "equal strings intern to the same pointer");
	cr_assert_neq(ia, a, "the interned string is a copy");
	cr_assert_neq(ia, ic);
	cr_assert_str_eq(ia, "Franklin County, Ohio");
	cr_assert_str_eq(ic, "Delaware County, Ohio");
	cr_assert_eq(m.n, 2);
	cr_assert_eq(pm_strmap_key(&m, a), ia);
	pm_strmap_release(&m);
}

Test(strmap, intern_keeps_existing_value)
{
	struct pm_strmap m = PM_STRMAP_INIT;
	size_t v = 0;

	pm_strmap_put(&m, "x", 5);
	pm_intern(&m, "x");
	cr_assert(pm_strmap_get(&m, "x", &v));
	cr_assert_eq(v, 5, "interning a present key must not reset its value");
	pm_strmap_release(&m);
}

Test(strmap, interned_pointers_survive_growth)
{
	struct pm_strmap m = PM_STRMAP_INIT;
	const char *first = pm_intern(&m, "first");
	char key[32];
	int i;

	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		pm_intern(&m, key);
	}
	check_inv(&m);
	cr_assert_eq(pm_intern(&m, "first"), first, "stored keys must not move when the table grows");
	cr_assert_str_eq(first, "first");
	pm_strmap_release(&m);
}

Test(strmap, grows_to_10k_keys)
{
	struct pm_strmap m = PM_STRMAP_INIT;
	char key[32];
	size_t i, v;

	for (i = 0; i < 10000; i++) {
		snprintf(key, sizeof key, "key-%zu", i);
		pm_strmap_put(&m, key, i * 3);
		if (i % 1000 == 0)
			check_inv(&m);
	}
	check_inv(&m);
	cr_assert_eq(m.n, 10000);
	for (i = 0; i < 10000; i++) {
		snprintf(key, sizeof key, "key-%zu", i);
		cr_assert(pm_strmap_get(&m, key, &v), "lost %s", key);
		cr_assert_eq(v, i * 3, "%s = %zu", key, v);
	}
	for (i = 10000; i < 10100; i++) {
		snprintf(key, sizeof key, "key-%zu", i);
		cr_assert_not(pm_strmap_get(&m, key, &v), "phantom %s", key);
	}
	/* Overwrite half after growth. */
	for (i = 0; i < 10000; i += 2) {
		snprintf(key, sizeof key, "key-%zu", i);
		pm_strmap_put(&m, key, 1);
	}
	cr_assert_eq(m.n, 10000);
	for (i = 0; i < 10000; i++) {
		snprintf(key, sizeof key, "key-%zu", i);
		cr_assert(pm_strmap_get(&m, key, &v));
		cr_assert_eq(v, i % 2 ? i * 3 : 1);
	}
	pm_strmap_release(&m);
	check_inv(&m);
	cr_assert_eq(m.cap, 0);
}

Test(strmap, reusable_after_release)
{
	struct pm_strmap m = PM_STRMAP_INIT;
	size_t v = 0;

	pm_strmap_put(&m, "a", 1);
	pm_strmap_release(&m);
	cr_assert_not(pm_strmap_get(&m, "a", &v));
	pm_strmap_put(&m, "b", 2);
	check_inv(&m);
	cr_assert(pm_strmap_get(&m, "b", &v));
	cr_assert_eq(v, 2);
	cr_assert_not(pm_strmap_get(&m, "a", NULL));
	pm_strmap_release(&m);
	pm_strmap_release(&m);
}
