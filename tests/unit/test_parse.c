/* Unit tests for core/parse.h: strict number parsing. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "core/parse.h"

static void i64_ok(const char *s, int64_t want)
{
	int64_t v = -12345;

	cr_assert_eq(pm_parse_i64(s, strlen(s), &v), 0, "pm_parse_i64(\"%s\") should succeed", s);
	cr_assert_eq(v, want, "pm_parse_i64(\"%s\") = %lld, want %lld", s, (long long)v,
		     (long long)want);
}

static void i64_bad(const char *s)
{
	int64_t v = 777;

	cr_assert_eq(pm_parse_i64(s, strlen(s), &v), -1, "pm_parse_i64(\"%s\") should fail", s);
	cr_assert_eq(v, 777, "a failed parse of \"%s\" must not store a value", s);
}

static void dbl_ok(const char *s, double want)
{
	double v = -1.5e300;

	cr_assert_eq(pm_parse_double(s, strlen(s), &v), 0, "pm_parse_double(\"%s\") should succeed",
		     s);
	cr_assert(pm_double_eq(v, want), "pm_parse_double(\"%s\") = %.17g, want %.17g", s, v, want);
}

static void dbl_bad(const char *s)
{
	double v = 0.25;

	cr_assert_eq(pm_parse_double(s, strlen(s), &v), -1, "pm_parse_double(\"%s\") should fail",
		     s);
	cr_assert(pm_double_eq(v, 0.25), "a failed parse of \"%s\" must not store a value", s);
}

Test(parse, i64_plain)
{
	i64_ok("0", 0);
	i64_ok("7", 7);
	i64_ok("727016", 727016);
	i64_ok("45718355278", 45718355278LL);
	i64_ok("007", 7);
}

Test(parse, i64_signs)
{
	i64_ok("-38413", -38413);
	i64_ok("+5", 5);
	i64_ok("-0", 0);
	i64_bad("-");
	i64_bad("+");
	i64_bad("--5");
	i64_bad("+-5");
	i64_bad("- 5");
	i64_bad("5-");
}

Test(parse, i64_limits_and_overflow)
{
	i64_ok("9223372036854775807", INT64_MAX);
	i64_ok("-9223372036854775808", INT64_MIN);
	i64_bad("9223372036854775808");
	i64_bad("-9223372036854775809");
	i64_bad("18446744073709551615");
	i64_bad("18446744073709551616");
	i64_bad("99999999999999999999999999");
}

Test(parse, i64_trailing_junk)
{
	i64_bad("12a");
	i64_bad("a12");
	i64_bad("1,234");
	i64_bad("1 234");
	i64_bad("0x10");
	i64_bad("1e3");
	i64_bad("12.0a");
	i64_bad("(D)");
	i64_bad("N");
}

Test(parse, i64_float_form_of_whole_number)
{
	/* pandas writes integer columns with missing values as floats. */
	i64_ok("12.0", 12);
	i64_ok("12.000", 12);
	i64_ok("-3.0", -3);
	i64_ok("0.0", 0);
	i64_bad("12.5");
	i64_bad("12.05");
	i64_bad("12.01");
	i64_bad(".0");
	i64_bad("-.0");
	i64_bad("12.0.0");
}

Test(parse, i64_blanks_and_empty)
{
	i64_bad("");
	i64_bad(" ");
	i64_bad("\t \t");
	i64_ok(" 42", 42);
	i64_ok("42\t", 42);
	i64_ok("  -8  ", -8);
}

Test(parse, i64_uses_length_not_nul)
{
	int64_t v = 0;

	cr_assert_eq(pm_parse_i64("123456", 3, &v), 0);
	cr_assert_eq(v, 123);
	cr_assert_eq(pm_parse_i64("12,34", 2, &v), 0);
	cr_assert_eq(v, 12);
	cr_assert_eq(pm_parse_i64("5", 0, &v), -1);
	/* A NUL inside the counted length is junk, not an end. */
	cr_assert_eq(pm_parse_i64("1\0002", 3, &v), -1);
}

Test(parse, double_decimal_forms)
{
	dbl_ok("1.00", 1.0);
	dbl_ok("1.0", 1.0);
	dbl_ok("1", 1.0);
	dbl_ok(".5", 0.5);
	dbl_ok("5.", 5.0);
	dbl_ok("-2.5", -2.5);
	dbl_ok("+0.93", 0.93);
	dbl_ok("0.00", 0.0);
	dbl_ok("-38413", -38413.0);
	dbl_ok("1e3", 1000.0);
	dbl_ok("2.5E-1", 0.25);
	dbl_ok(" 8.4 ", 8.4);
}

Test(parse, double_rejects_junk)
{
	dbl_bad("");
	dbl_bad("   ");
	dbl_bad("abc");
	dbl_bad("1.2.3");
	dbl_bad("1,5");
	dbl_bad("12a");
	dbl_bad("-");
	dbl_bad(".");
	dbl_bad("e5");
	dbl_bad("1e");
	dbl_bad("1 2");
	dbl_bad("(D)");
}

Test(parse, double_rejects_inf_nan_hex)
{
	dbl_bad("inf");
	dbl_bad("-inf");
	dbl_bad("INF");
	dbl_bad("infinity");
	dbl_bad("nan");
	dbl_bad("NaN");
	dbl_bad("0x10");
	dbl_bad("0x1p3");
	dbl_bad("1e999");   /* overflows to inf */
	dbl_bad("-1e999");
}

Test(parse, double_uses_length_not_nul)
{
	double v = 0;

	cr_assert_eq(pm_parse_double("2.75xyz", 4, &v), 0);
	cr_assert(pm_double_eq(v, 2.75));
	cr_assert_eq(pm_parse_double("1\0002", 3, &v), -1);
}

Test(parse, double_overlong_is_rejected_not_overflowed)
{
	char s[200];

	memset(s, '1', sizeof s - 1);
	s[sizeof s - 1] = '\0';
	dbl_bad(s);
}

Test(parse, is_blank)
{
	cr_assert(pm_is_blank("", 0));
	cr_assert(pm_is_blank("   ", 3));
	cr_assert(pm_is_blank(" \t ", 3));
	cr_assert(pm_is_blank("  x", 2), "only the first N bytes count");
	cr_assert_not(pm_is_blank(" x ", 3));
	cr_assert_not(pm_is_blank("0", 1));
}

Test(parse, double_eq)
{
	cr_assert(pm_double_eq(1.0, 1.0));
	cr_assert(pm_double_eq(0.0, -0.0));
	cr_assert_not(pm_double_eq(1.0, 1.0000001));
	cr_assert_not(pm_double_eq(-1.0, 1.0));
}
