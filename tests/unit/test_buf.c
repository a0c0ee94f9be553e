/* Unit tests for core/buf.h: the growable string buffer. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

/*
 * The invariants promised by buf.h, checked after every operation (as git's
 * t/unit-tests/u-strbuf.c does): buf is never NULL and is NUL-terminated at
 * len; an unallocated buffer is the shared empty string; an allocated one
 * has room for the NUL; a maximum is never passed.
 */
static void check_inv(const struct pm_buf *b)
{
	cr_assert_not_null(b->buf, "buf must never be NULL");
	cr_assert_eq(b->buf[b->len], '\0', "buf must be NUL-terminated at len %zu", b->len);
	if (b->alloc) {
		cr_assert_lt(b->len, b->alloc, "len %zu must be < alloc %zu", b->len, b->alloc);
		cr_assert_neq(b->buf, pm_buf_empty, "allocated buffer must not be the shared empty string");
	} else {
		cr_assert_eq(b->buf, pm_buf_empty, "unallocated buffer must be the shared empty string");
		cr_assert_eq(b->len, 0);
	}
	if (b->max)
		cr_assert_leq(b->len, b->max, "len %zu passed max %zu", b->len, b->max);
	cr_assert_eq(pm_buf_empty[0], '\0', "the shared empty string was written to");
}

Test(buf, static_init_is_empty)
{
	struct pm_buf b = PM_BUF_INIT;

	check_inv(&b);
	cr_assert_str_eq(b.buf, "");
	cr_assert_eq(pm_buf_status(&b), PM_OK);
	pm_buf_release(&b);
	check_inv(&b);
}

Test(buf, init_sets_max_and_is_empty)
{
	struct pm_buf b;

	memset(&b, 0xAB, sizeof b);
	pm_buf_init(&b, 10);
	check_inv(&b);
	cr_assert_eq(b.max, 10);
	cr_assert_eq(b.len, 0);
	cr_assert_eq(b.alloc, 0);
	cr_assert_eq(pm_buf_status(&b), PM_OK);
}

Test(buf, add_appends_bytes)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_buf_add(&b, "abc", 3);
	check_inv(&b);
	pm_buf_add(&b, "defXYZ", 3);
	check_inv(&b);
	cr_assert_eq(b.len, 6);
	cr_assert_str_eq(b.buf, "abcdef");
	pm_buf_adds(&b, "-gh");
	pm_buf_addch(&b, '!');
	check_inv(&b);
	cr_assert_str_eq(b.buf, "abcdef-gh!");
	cr_assert_eq(pm_buf_status(&b), PM_OK);
	pm_buf_release(&b);
	check_inv(&b);
}

Test(buf, add_zero_bytes_keeps_text)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_buf_add(&b, NULL, 0);
	check_inv(&b);
	cr_assert_eq(b.len, 0);
	pm_buf_adds(&b, "x");
	pm_buf_add(&b, "", 0);
	check_inv(&b);
	cr_assert_str_eq(b.buf, "x");
	pm_buf_release(&b);
}

Test(buf, add_embedded_nul_counts_in_len)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_buf_add(&b, "a\0b", 3);
	check_inv(&b);
	cr_assert_eq(b.len, 3);
	cr_assert_eq(memcmp(b.buf, "a\0b", 4), 0);
	pm_buf_release(&b);
}

Test(buf, grows_through_many_appends)
{
	struct pm_buf b = PM_BUF_INIT;
	size_t i;

	for (i = 0; i < 100000; i++) {
		pm_buf_addch(&b, (char)('a' + i % 26));
		if (i % 997 == 0)
			check_inv(&b);
	}
	check_inv(&b);
	cr_assert_eq(b.len, 100000);
	for (i = 0; i < 100000; i++)
		cr_assert_eq(b.buf[i], (char)('a' + i % 26));
	pm_buf_release(&b);
}

Test(buf, addf_formats)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_buf_addf(&b, "%s=%d", "x", 42);
	check_inv(&b);
	cr_assert_str_eq(b.buf, "x=42");
	pm_buf_addf(&b, ",%05.1f,%c", 3.14159, 'z');
	check_inv(&b);
	cr_assert_str_eq(b.buf, "x=42,003.1,z");
	pm_buf_addf(&b, "%s", "");
	check_inv(&b);
	cr_assert_eq(b.len, strlen("x=42,003.1,z"));
	pm_buf_release(&b);
}

Test(buf, addf_long_output)
{
	struct pm_buf b = PM_BUF_INIT;
	char big[5000];

	memset(big, 'q', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	pm_buf_adds(&b, "<");
	pm_buf_addf(&b, "%s>%d", big, 7);
	check_inv(&b);
	cr_assert_eq(b.len, 1 + 4999 + 2);
	cr_assert_eq(b.buf[0], '<');
	cr_assert_eq(b.buf[4999], 'q');
	cr_assert_str_eq(b.buf + 5000, ">7");
	pm_buf_release(&b);
}

Test(buf, detach_hands_over_text)
{
	struct pm_buf b;
	size_t len = 0;
	char *s;

	pm_buf_init(&b, 100);
	pm_buf_adds(&b, "hello");
	s = pm_buf_detach(&b, &len);
	check_inv(&b);
	cr_assert_str_eq(s, "hello");
	cr_assert_eq(len, 5);
	cr_assert_eq(b.len, 0);
	cr_assert_eq(b.alloc, 0);
	cr_assert_eq(b.max, 100, "detach keeps the maximum");
	free(s);
	/* Still usable. */
	pm_buf_adds(&b, "again");
	check_inv(&b);
	cr_assert_str_eq(b.buf, "again");
	pm_buf_release(&b);
}

Test(buf, detach_empty_returns_malloced_string)
{
	struct pm_buf b = PM_BUF_INIT;
	size_t len = 99;
	char *s = pm_buf_detach(&b, &len);

	cr_assert_not_null(s);
	cr_assert_neq(s, pm_buf_empty, "detach must never hand out the shared empty string");
	cr_assert_str_eq(s, "");
	cr_assert_eq(len, 0);
	free(s);
	s = pm_buf_detach(&b, NULL);
	cr_assert_str_eq(s, "");
	free(s);
	check_inv(&b);
}

Test(buf, reset_keeps_storage)
{
	struct pm_buf b;
	char *storage;
	size_t alloc;

	pm_buf_init(&b, 50);
	pm_buf_adds(&b, "some text");
	storage = b.buf;
	alloc = b.alloc;
	pm_buf_reset(&b);
	check_inv(&b);
	cr_assert_eq(b.len, 0);
	cr_assert_str_eq(b.buf, "");
	cr_assert_eq(b.buf, storage, "reset must keep the storage");
	cr_assert_eq(b.alloc, alloc);
	cr_assert_eq(b.max, 50);
	pm_buf_adds(&b, "new");
	check_inv(&b);
	cr_assert_str_eq(b.buf, "new");
	pm_buf_release(&b);
}

Test(buf, reset_unallocated)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_buf_reset(&b);
	check_inv(&b);
	cr_assert_eq(b.len, 0);
}

Test(buf, truncate_shortens)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_buf_adds(&b, "abcdef");
	pm_buf_truncate(&b, 3);
	check_inv(&b);
	cr_assert_str_eq(b.buf, "abc");
	cr_assert_eq(b.len, 3);
	pm_buf_truncate(&b, 3);
	check_inv(&b);
	cr_assert_str_eq(b.buf, "abc");
	pm_buf_truncate(&b, 10); /* beyond len: no-op */
	check_inv(&b);
	cr_assert_str_eq(b.buf, "abc");
	pm_buf_truncate(&b, 0);
	check_inv(&b);
	cr_assert_str_eq(b.buf, "");
	pm_buf_adds(&b, "z");
	cr_assert_str_eq(b.buf, "z");
	pm_buf_release(&b);
}

Test(buf, truncate_unallocated_is_noop)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_buf_truncate(&b, 0);
	check_inv(&b);
}

Test(buf, max_allows_exact_fit)
{
	struct pm_buf b;

	pm_buf_init(&b, 5);
	pm_buf_adds(&b, "12345");
	check_inv(&b);
	cr_assert_eq(pm_buf_status(&b), PM_OK);
	cr_assert_str_eq(b.buf, "12345");
	pm_buf_release(&b);
}

Test(buf, cap_makes_error_sticky)
{
	struct pm_buf b;

	pm_buf_init(&b, 5);
	pm_buf_adds(&b, "1234");
	pm_buf_adds(&b, "56"); /* would make 6 > 5 */
	check_inv(&b);
	cr_assert_eq(pm_buf_status(&b), PM_EDATA);
	cr_assert_str_eq(b.buf, "1234", "a refused append must not change the text");
	/* Sticky: even an append that would fit is refused now. */
	pm_buf_addch(&b, '5');
	pm_buf_addf(&b, "%d", 9);
	pm_buf_add_csv(&b, "x");
	check_inv(&b);
	cr_assert_eq(pm_buf_status(&b), PM_EDATA);
	cr_assert_str_eq(b.buf, "1234");
	pm_buf_release(&b);
}

Test(buf, cap_applies_to_addf)
{
	struct pm_buf b;

	pm_buf_init(&b, 8);
	pm_buf_addf(&b, "%s", "123456789");
	check_inv(&b);
	cr_assert_eq(pm_buf_status(&b), PM_EDATA);
	cr_assert_eq(b.len, 0);
	pm_buf_release(&b);
}

Test(buf, reset_clears_sticky_status)
{
	struct pm_buf b;

	pm_buf_init(&b, 3);
	pm_buf_adds(&b, "toolong");
	cr_assert_eq(pm_buf_status(&b), PM_EDATA);
	pm_buf_reset(&b);
	check_inv(&b);
	cr_assert_eq(pm_buf_status(&b), PM_OK);
	pm_buf_adds(&b, "ok");
	cr_assert_eq(pm_buf_status(&b), PM_OK);
	cr_assert_str_eq(b.buf, "ok");
	cr_assert_eq(b.max, 3);
	pm_buf_release(&b);
}

Test(buf, release_keeps_max_and_clears_status)
{
	struct pm_buf b;

	pm_buf_init(&b, 2);
	pm_buf_adds(&b, "ab");
	pm_buf_adds(&b, "c");
	cr_assert_eq(pm_buf_status(&b), PM_EDATA);
	pm_buf_release(&b);
	check_inv(&b);
	cr_assert_eq(b.max, 2);
	cr_assert_eq(pm_buf_status(&b), PM_OK);
	pm_buf_release(&b); /* twice is fine */
	check_inv(&b);
}

Test(buf, huge_append_fails_without_overflow)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_buf_adds(&b, "x");
	/* n + len + 1 would wrap around SIZE_MAX; must be refused, not allocated. */
	pm_buf_add(&b, "y", SIZE_MAX);
	check_inv(&b);
	cr_assert_eq(pm_buf_status(&b), PM_EDATA);
	cr_assert_str_eq(b.buf, "x");
	pm_buf_release(&b);
}

static void check_csv(const char *in, const char *want)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_buf_add_csv(&b, in);
	check_inv(&b);
	cr_assert_str_eq(b.buf, want, "add_csv(\"%s\")", in);
	pm_buf_release(&b);
}

Test(buf, add_csv_plain_is_unquoted)
{
	check_csv("", "");
	check_csv("abc", "abc");
	check_csv("12.5", "12.5");
	check_csv(" spaced ", " spaced ");
}

Test(buf, add_csv_quotes_when_needed)
{
	check_csv("a,b", "\"a,b\"");
	check_csv("say \"hi\"", "\"say \"\"hi\"\"\"");
	check_csv("\"", "\"\"\"\"");
	check_csv("line1\nline2", "\"line1\nline2\"");
	check_csv("cr\rhere", "\"cr\rhere\"");
	check_csv("Columbus, OH", "\"Columbus, OH\"");
}

Test(buf, add_csv_appends_to_existing)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_buf_add_csv(&b, "a");
	pm_buf_addch(&b, ',');
	pm_buf_add_csv(&b, "b,c");
	pm_buf_addch(&b, ',');
	pm_buf_add_csv(&b, "");
	check_inv(&b);
	cr_assert_str_eq(b.buf, "a,\"b,c\",");
	pm_buf_release(&b);
}

Test(buf, add_csv_respects_max)
{
	struct pm_buf b;

	pm_buf_init(&b, 4);
	pm_buf_add_csv(&b, "a,b"); /* needs 5 bytes quoted */
	check_inv(&b);
	cr_assert_eq(pm_buf_status(&b), PM_EDATA);
	pm_buf_release(&b);
}
