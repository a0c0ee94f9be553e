/* Strict number parsing (see parse.h). */
#include "core/parse.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/banned.h"

static void trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

int pm_parse_i64(const char *s, size_t n, int64_t *out)
{
	uint64_t v = 0;
	bool neg = false;
	size_t i = 0, digits = 0;

	trim(&s, &n);
	if (n && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	if (!digits)
		return -1;
	if (i < n && s[i] == '.') {
		size_t zeros = 0;

		for (i++; i < n && s[i] == '0'; i++)
			zeros++;
		if (!zeros)
			return -1;
	}
	if (i != n)
		return -1;
	if (neg) {
		if (v > (uint64_t)INT64_MAX + 1)
			return -1;
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	} else {
		if (v > INT64_MAX)
			return -1;
		*out = (int64_t)v;
	}
	return 0;
}

int pm_parse_double(const char *s, size_t n, double *out)
{
	char tmp[64];
	char *end;
	double v;
	size_t i;

	trim(&s, &n);
	if (!n || n >= sizeof tmp)
		return -1;
	/* strtod also takes hex, "inf" and "nan"; published data has none of them. */
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' ||
		      c == 'E'))
			return -1;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	errno = 0;
	v = strtod(tmp, &end);
	if (end != tmp + n || errno == ERANGE || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

bool pm_all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

bool pm_is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

bool pm_double_eq(double a, double b)
{
	return !(a < b) && !(a > b);
}
