/*
 * Unit tests for core/linetok.h: blocks of whole lines from a reader, and
 * the field tokenizer for regular CSV layouts (quoted fields, "" escapes,
 * CRLF, a BOM, a last line without a line end, errors).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "core/linetok.h"
#include "core/reader.h"

/* Every line of TEXT read in blocks of BLOCK bytes, joined with '|'. */
static void read_lines(const char *text, size_t block, char *out, size_t cap)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_lines l;
	char *s, *e;
	size_t n = 0;

	pm_lines_init(&l, pm_reader_new_mem(text, strlen(text), "mem"), block);
	for (;;) {
		cr_assert_eq(pm_lines_next(&l, &s, &e, &err), PM_OK, "%s", err.msg);
		if (s == e)
			break;
		cr_assert_eq(e[-1], '\n', "a block ends with a line end");
		while (s < e) {
			char *nl = memchr(s, '\n', (size_t)(e - s));

			cr_assert_not_null(nl);
			cr_assert_lt(n + (size_t)(nl - s) + 1, cap);
			memcpy(out + n, s, (size_t)(nl - s));
			n += (size_t)(nl - s);
			out[n++] = '|';
			s = nl + 1;
		}
	}
	out[n] = '\0';
	pm_lines_release(&l);
}

Test(linetok, lines_are_never_cut)
{
	const char *text = "\xEF\xBB\xBF"
			   "a,b\r\nlonger line here\n\nx";
	char got[256];
	size_t block;

	for (block = 1; block <= 64; block++) {
		read_lines(text, block, got, sizeof got);
		/* the BOM dropped, the last line given its '\n', CR kept for the tokenizer */
		cr_assert_str_eq(got, "a,b\r|longer line here||x|", "block %zu", block);
	}
	read_lines("", 4, got, sizeof got);
	cr_assert_str_eq(got, "");
}

Test(linetok, too_long_a_line)
{
	struct pm_err err = PM_ERR_INIT;
	static char big[PM_LINES_MAX_LINE + 10];
	struct pm_lines l;
	char *s, *e;

	memset(big, 'x', sizeof big - 1);
	pm_lines_init(&l, pm_reader_new_mem(big, sizeof big - 1, "big.csv"), 1 << 20);
	cr_assert_eq(pm_lines_next(&l, &s, &e, &err), PM_EDATA);
	cr_assert_not_null(strstr(err.msg, "big.csv: a line longer than 16 MiB"), "%s", err.msg);
	pm_lines_release(&l);
}

struct toks {
	struct pm_ltok_field f[8];
	struct pm_ltok t;
	char buf[256];
};

/* Tokenize the first line of TEXT (copied, so it may be written to). */
static int tok(struct toks *k, const char *text, size_t upto)
{
	size_t n = strlen(text);

	cr_assert_lt(n, sizeof k->buf);
	memcpy(k->buf, text, n + 1);
	pm_ltok_begin(&k->t, k->buf, k->buf + n, k->f, 8);
	return upto ? pm_ltok_upto(&k->t, upto) : pm_ltok_all(&k->t);
}

static void expect_field(const struct toks *k, size_t i, const char *want)
{
	cr_assert_lt(i, k->t.nf);
	cr_assert_eq(k->f[i].len, strlen(want), "field %zu: '%.*s'", i, (int)k->f[i].len,
		     k->f[i].p);
	cr_assert(!memcmp(k->f[i].p, want, k->f[i].len));
}

Test(linetok, quoted_and_bare_fields)
{
	struct toks k;

	cr_assert_eq(tok(&k, "\"01001\",\"Autauga County, AL\",5,,\"\",\"say \"\"hi\"\"\"\r\n", 0),
		     0);
	cr_assert_eq(k.t.nf, 6);
	expect_field(&k, 0, "01001");
	expect_field(&k, 1, "Autauga County, AL");
	expect_field(&k, 2, "5");
	expect_field(&k, 3, "");
	expect_field(&k, 4, "");
	expect_field(&k, 5, "say \"hi\"");
	cr_assert(k.t.eol);
	cr_assert_eq(pm_ltok_next_line(&k.t), k.buf + strlen(k.buf));

	/* a bare last field loses its CR */
	cr_assert_eq(tok(&k, "a,b\r\n", 0), 0);
	expect_field(&k, 1, "b");
	cr_assert_eq(tok(&k, "a,\n", 0), 0);
	cr_assert_eq(k.t.nf, 2);
	expect_field(&k, 1, "");
}

Test(linetok, only_as_far_as_asked)
{
	struct toks k;
	const char *text = "\"1\",\"2\",\"3\",\"4\"\r\nnext\n";

	cr_assert_eq(tok(&k, text, 2), 0);
	cr_assert_eq(k.t.nf, 2);
	cr_assert(!k.t.eol);
	cr_assert_eq(pm_ltok_upto(&k.t, 3), 0);
	expect_field(&k, 2, "3");
	/* the rest of the line skipped with memchr */
	cr_assert_str_eq(pm_ltok_next_line(&k.t), "next\n");
	/* asking for more fields than the line has */
	cr_assert_eq(tok(&k, text, 8), 0);
	cr_assert_eq(k.t.nf, 4);
	cr_assert(k.t.eol);
	cr_assert_str_eq(pm_ltok_next_line(&k.t), "next\n");
	cr_assert(pm_ltok_eq(&k.f[3], "4"));
	cr_assert(!pm_ltok_eq(&k.f[3], "44"));
}

Test(linetok, malformed_fields)
{
	struct toks k;

	cr_assert_eq(tok(&k, "a,b\"c,d\n", 0), -1);
	cr_assert_str_eq(k.t.why, "a quote inside an unquoted field");
	cr_assert_eq(k.t.nf, 1);
	cr_assert_eq(tok(&k, "\"a\"b,c\n", 0), -1);
	cr_assert_str_eq(k.t.why, "text after a closing quote");
	cr_assert_eq(tok(&k, "x,\"a,b\n", 0), -1);
	cr_assert_str_eq(k.t.why, "a quoted field not closed on its line");
	cr_assert_eq(k.t.nf, 1);
	cr_assert_eq(tok(&k, "1,2,3,4,5,6,7,8,9\n", 0), -1);
	cr_assert_str_eq(k.t.why, "too many fields");
}

Test(linetok, blank_lines)
{
	cr_assert(pm_ltok_blank("\n"));
	cr_assert(pm_ltok_blank("\r\nx"));
	cr_assert(!pm_ltok_blank(",\n"));
}
