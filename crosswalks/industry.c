/* Staffing-pattern industry codes to NAICS and ownership (see industry.h). */
#include "crosswalks/industry.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sectors/naics.h"
#include "core/banned.h"

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return n > 0;
}

/* "622000" -> "622", "110000" -> "11", "330000" -> "31-33": a NAICS code, or false. */
static bool naics_of_padded(const char *s, size_t n, char *out, size_t outlen)
{
	char buf[8];
	static const char *const ranges[][2] = {
		{ "31", "31-33" }, { "32", "31-33" }, { "33", "31-33" }, { "44", "44-45" },
		{ "45", "44-45" }, { "48", "48-49" }, { "49", "48-49" },
	};
	size_t i;

	if (n < 2 || n > 6 || !all_digits(s, n))
		return false;
	memcpy(buf, s, n);
	buf[n] = 0;
	while (n > 2 && buf[n - 1] == '0')
		buf[--n] = 0;
	for (i = 0; n == 2 && i < sizeof ranges / sizeof ranges[0]; i++)
		if (!strcmp(buf, ranges[i][0])) {
			snprintf(out, outlen, "%s", ranges[i][1]);
			return true;
		}
	if (pm_naics_level(buf) < PM_NAICS_SECTOR)
		return false;
	snprintf(out, outlen, "%s", buf);
	return true;
}

static bool add_code(struct pm_cover *c, const char *code)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->codes[i], code))
			return true;
	if (c->n == PM_COVER_MAX)
		return false;
	snprintf(c->codes[c->n++], sizeof c->codes[0], "%s", code);
	return true;
}

/* Add the NAICS codes from padded FROM to padded TO (same length), e.g. 456000..459000. */
static bool add_range(struct pm_cover *c, const char *from, const char *to)
{
	char a[8], b[8], cur[8];
	size_t la, lb, l;
	long x, y;

	if (!naics_of_padded(from, strlen(from), a, sizeof a) ||
	    !naics_of_padded(to, strlen(to), b, sizeof b) || strchr(a, '-') || strchr(b, '-'))
		return false;
	la = strlen(a);
	lb = strlen(b);
	l = la > lb ? la : lb;
	snprintf(a, sizeof a, "%.*s", (int)l, from);
	snprintf(b, sizeof b, "%.*s", (int)l, to);
	x = strtol(a, NULL, 10);
	y = strtol(b, NULL, 10);
	if (y < x || y - x >= PM_COVER_MAX)
		return false;
	for (; x <= y; x++) {
		char code[8];

		snprintf(cur, sizeof cur, "%ld", x);
		/* a code inside a range may not exist (514, 515 in 513-519): skip it quietly */
		if (naics_of_padded(cur, strlen(cur), code, sizeof code) && !add_code(c, code))
			return false;
	}
	return true;
}

/* Replace the tail of PREV with the shorter TOKEN (EP's shorthand "3251,2" = 3251, 3252). */
static bool expand(const char *prev, const char *tok, size_t n, char *out, size_t outlen)
{
	size_t lp = strlen(prev);

	if (!all_digits(tok, n) || n >= outlen)
		return false;
	if (!*prev || n >= lp) {
		memcpy(out, tok, n);
		out[n] = 0;
		return true;
	}
	snprintf(out, outlen, "%.*s%.*s", (int)(lp - n), prev, (int)n, tok);
	return true;
}

/* Parse Table 1.9's NAICS text into C. */
static bool parse_text(const char *text, struct pm_cover *c)
{
	char prev[8] = "";
	const char *p = text;

	while (*p) {
		const char *end, *dash;
		char lo[8], hi[8];

		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		end = p + strcspn(p, ",");
		while (end > p && end[-1] == ' ')
			end--;
		dash = memchr(p, '-', (size_t)(end - p));
		if (dash && dash - p == 2 && end - dash == 3) { /* a sector range: "31-33" */
			char sec[8];

			snprintf(sec, sizeof sec, "%.5s", p);
			if (pm_naics_level(sec) != PM_NAICS_SECTOR || !add_code(c, sec))
				return false;
			snprintf(prev, sizeof prev, "%.2s0000", p);
		} else if (dash) {
			if (!expand(prev, p, (size_t)(dash - p), lo, sizeof lo) ||
			    !expand(lo, dash + 1, (size_t)(end - dash - 1), hi, sizeof hi) ||
			    strlen(lo) != strlen(hi) || !add_range(c, lo, hi))
				return false;
			memcpy(prev, hi, sizeof prev);
		} else {
			char code[8];

			if (!expand(prev, p, (size_t)(end - p), lo, sizeof lo) ||
			    !naics_of_padded(lo, strlen(lo), code, sizeof code) ||
			    !add_code(c, code))
				return false;
			memcpy(prev, lo, sizeof prev);
		}
		p = *end ? end + 1 : end;
	}
	return c->n > 0;
}

/* The code's shape alone: "622000", "31-330", "1131-2", "487-80", "6110P0". */
static bool parse_shape(const char *code, struct pm_cover *c)
{
	size_t n = strlen(code);
	const char *dash = strchr(code, '-');
	char buf[8], lo[8], hi[8];

	if (n == 6 && all_digits(code, 6))
		return naics_of_padded(code, 6, buf, sizeof buf) && add_code(c, buf);
	if (n == 6 && dash == code + 2) { /* "31-330" */
		snprintf(buf, sizeof buf, "%.5s", code);
		return pm_naics_level(buf) == PM_NAICS_SECTOR && add_code(c, buf);
	}
	if (dash && all_digits(code, (size_t)(dash - code))) { /* "1131-2", "487-80" */
		size_t lt = strlen(dash + 1);

		while (lt > 1 && dash[lt] == '0')
			lt--;
		snprintf(lo, sizeof lo, "%.*s", (int)(dash - code), code);
		return expand(lo, dash + 1, lt, hi, sizeof hi) && add_range(c, lo, hi);
	}
	/* private / state-and-local splits of a whole industry: "6110P0" = 611 */
	if (n == 6 && all_digits(code, 4) && (code[4] == 'P' || code[4] == 'Y') && code[5] == '0')
		return naics_of_padded(code, 4, buf, sizeof buf) && add_code(c, buf);
	return false;
}

bool pm_industry_cover(const char *code, const char *naics, struct pm_cover *out)
{
	static const struct {
		const char *code;
		enum pm_cover_kind kind;
		char gov;
	} special[] = {
		{ "TE1000", PM_COVER_TOTAL, 0 }, { "TE1200", PM_COVER_TOTAL, 0 },
		{ "TE1100", PM_COVER_SELF, 0 },	 { "900000", PM_COVER_TOTAL, 0 },
		{ "910000", PM_COVER_TOTAL, 0 }, { "9992-3", PM_COVER_TOTAL, 0 },
		{ "999100", PM_COVER_GOV, '1' }, { "999200", PM_COVER_GOV, '2' },
		{ "999300", PM_COVER_GOV, '3' }, { "000000", PM_COVER_TOTAL, 0 },
		{ "000001", PM_COVER_TOTAL, 0 },
	};
	size_t i, n = strlen(code);
	bool ok;

	memset(out, 0, sizeof *out);
	for (i = 0; i < sizeof special / sizeof special[0]; i++)
		if (!strcmp(code, special[i].code)) {
			out->kind = special[i].kind;
			out->gov = special[i].gov;
			return true;
		}
	out->kind = PM_COVER_INDUSTRY;
	if (n == 6 && all_digits(code, 4) && (code[4] == 'P' || code[4] == 'Y'))
		snprintf(out->owns, sizeof out->owns, "%s", code[4] == 'P' ? "5" : "23");
	if (naics && *naics && strcmp(naics, "\xe2\x80\x94") && strcmp(naics, "-"))
		ok = parse_text(naics, out);
	else
		ok = parse_shape(code, out);
	if (!ok) {
		memset(out, 0, sizeof *out);
		out->kind = PM_COVER_UNKNOWN;
	}
	return ok;
}
