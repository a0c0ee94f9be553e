/* Unit tests for core/sha256.h against the FIPS 180-2 test vectors. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/sha256.h"

static void check(const void *data, size_t n, const char *want)
{
	struct pm_sha256 *h = pm_sha256_new();
	char hex[65];

	memset(hex, 'Z', sizeof hex);
	pm_sha256_update(h, data, n);
	pm_sha256_hex(h, hex);
	cr_assert_eq(hex[64], '\0');
	cr_assert_str_eq(hex, want);
	pm_sha256_free(h);
}

#define EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

Test(sha256, empty_string)
{
	check("", 0, EMPTY);
}

Test(sha256, abc)
{
	check("abc", 3, ABC);
}

Test(sha256, two_block_message)
{
	static const char m[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	check(m, strlen(m), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

Test(sha256, million_a_in_pieces)
{
	struct pm_sha256 *h = pm_sha256_new();
	char chunk[1000], hex[65];
	int i;

	memset(chunk, 'a', sizeof chunk);
	for (i = 0; i < 1000; i++)
		pm_sha256_update(h, chunk, sizeof chunk);
	pm_sha256_hex(h, hex);
	cr_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	pm_sha256_free(h);
}

Test(sha256, byte_by_byte_equals_one_shot)
{
	struct pm_sha256 *h = pm_sha256_new();
	char hex[65];

	pm_sha256_update(h, "a", 1);
	pm_sha256_update(h, "", 0);
	pm_sha256_update(h, "b", 1);
	pm_sha256_update(h, "c", 1);
	pm_sha256_hex(h, hex);
	cr_assert_str_eq(hex, ABC);
	pm_sha256_free(h);
}

Test(sha256, hex_resets_context)
{
	struct pm_sha256 *h = pm_sha256_new();
	char hex[65];

	pm_sha256_update(h, "abc", 3);
	pm_sha256_hex(h, hex);
	cr_assert_str_eq(hex, ABC);
	/* After a digest the context starts over. */
	pm_sha256_hex(h, hex);
	cr_assert_str_eq(hex, EMPTY);
	pm_sha256_update(h, "abc", 3);
	pm_sha256_hex(h, hex);
	cr_assert_str_eq(hex, ABC);
	pm_sha256_free(h);
	pm_sha256_free(NULL);
}

Test(sha256, binary_data_with_nul)
{
	/* SHA-256 of a single zero byte. */
	check("\0", 1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
}
