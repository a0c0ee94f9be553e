/*
 * Code normalisation (see codes.h) on PCRE2.
 *
 * Each kind has one anchored pattern that takes every spelling accepted,
 * with capture groups for the parts; the C around it decides what the
 * parts mean (padding, families, levels) and explains refusals. Patterns
 * are compiled with PCRE2_DOLLAR_ENDONLY so "29-1141\n" is not a match.
 *
 * Facts behind the rules:
 *  - SOC 2018 (and 2010) major groups are the odd numbers 11..53 plus 55;
 *    minor groups end in 000 except 15-1200, 31-1100 and 51-5100 (and SOC
 *    2010's 15-1100); broad groups end in 0; detailed codes never do, and
 *    belong to the broad group of their first five digits, except the
 *    physicians 29-1221..29-1229 of broad group 29-1210 (checked against
 *    BLS's soc_2018_definitions.xlsx: 23 major, 98 minor, 459 broad, 867
 *    detailed).
 *  - CIP 2020 has 6-digit codes ending in 00 and 0000 (09.0100, 01.0000),
 *    so a number that lost trailing zeros cannot tell a family from a code
 *    ("9.01": 09.01 or 09.0100); only the column's meaning can.
 *  - NAICS structure lives in sectors/naics.c (pm_naics_level); it is
 *    called, not repeated.
 */
#include "core/codes.h"

#include <assert.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/parse.h"
#include "sectors/naics.h"
#include "core/banned.h"

#define CODE_MAX_INPUT 64 /* longer input is refused before matching */

enum { RE_SOC, RE_CIP, RE_NAICS, RE_FIPS, RE_COUNT };

static const char *const patterns[RE_COUNT] = {
	/* 1 major, 2 rest, 3 O*NET detail */
	[RE_SOC] = "^([0-9]{2})-?([0-9]{4})(?:\\.([0-9]{2}))?$",
	/* 1 series, 2 decimals; or 3 dotless digits */
	[RE_CIP] = "^(?:([0-9]{1,2})(?:\\.([0-9]{1,4}))?|([0-9]{3,6}))$",
	/* 1-2 a range; or 3 digits with an optional float tail */
	[RE_NAICS] = "^(?:([0-9]{2})[-_]([0-9]{2})|([0-9]{2,6})(?:\\.0+)?)$",
	/* 1 digits with an optional float tail */
	[RE_FIPS] = "^([0-9]{1,5})(?:\\.0+)?$",
};

static pcre2_code *compiled[RE_COUNT];
static pcre2_match_data *match_data;

static const char *const soc_majors[] = {
	"11", "13", "15", "17", "19", "21", "23", "25", "27", "29", "31", "33",
	"35", "37", "39", "41", "43", "45", "47", "49", "51", "53", "55",
};

/* Minor groups whose codes end in 00 but not 000. */
static const char *const soc_odd_minors[] = { "15-1100", "15-1200", "31-1100", "51-5100" };

/* Broad groups with more than nine detailed codes spill into the next ten. */
static const struct {
	const char *prefix, *broad; /* detailed codes starting PREFIX belong to BROAD */
} soc_spills[] = {
	{ "29-122", "29-1210" }, /* Physicians: 29-1211..29-1218 and 29-1221..29-1229 */
};

static const char *const fips_states[] = {
	"01", "02", "04", "05", "06", "08", "09", "10", "11", "12", "13", "15", "16", "17",
	"18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
	"32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "44", "45", "46",
	"47", "48", "49", "50", "51", "53", "54", "55", "56", "60", "66", "69", "72", "78",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool in_list(const char *const *list, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && !memcmp(list[i], s, len))
			return true;
	return false;
}

void pm_codes_cleanup(void)
{
	size_t i;

	for (i = 0; i < RE_COUNT; i++) {
		pcre2_code_free(compiled[i]);
		compiled[i] = NULL;
	}
	pcre2_match_data_free(match_data);
	match_data = NULL;
}

/*
 * Match S (length N) against pattern WHICH; returns the number of capture
 * slots set (> 0) or 0 for no match. Groups are read with group().
 */
static int match(int which, const char *s, size_t n)
{
	int rc;

	if (!compiled[which]) {
		int code;
		PCRE2_SIZE off;

		compiled[which] = pcre2_compile((PCRE2_SPTR)patterns[which], PCRE2_ZERO_TERMINATED,
						PCRE2_DOLLAR_ENDONLY, &code, &off, NULL);
		if (!compiled[which]) {
			PCRE2_UCHAR msg[120];

			/* A constant pattern fails only when memory does. */
			pcre2_get_error_message(code, msg, sizeof msg);
			fprintf(stderr, "pathmap: cannot compile code pattern %d: %s\n", which,
				(const char *)msg);
			abort();
		}
	}
	if (!match_data) {
		match_data = pcre2_match_data_create(8, NULL);
		if (!match_data) {
			fputs("pathmap: out of memory\n", stderr);
			abort();
		}
	}
	rc = pcre2_match(compiled[which], (PCRE2_SPTR)s, n, 0, 0, match_data, NULL);
	return rc > 0 ? rc : 0;
}

/* Capture group K of the last match: true with its text, false when unset. */
static bool group(int k, const char *s, const char **p, size_t *len)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(match_data);

	*p = "";
	*len = 0;
	if ((uint32_t)k >= pcre2_get_ovector_count(match_data) || ov[2 * k] == PCRE2_UNSET)
		return false;
	*p = s + ov[2 * k];
	*len = ov[2 * k + 1] - ov[2 * k];
	return true;
}

const char *pm_code_kind_name(enum pm_code_kind kind)
{
	switch (kind) {
	case PM_CODE_SOC: return "SOC";
	case PM_CODE_ONET: return "O*NET-SOC";
	case PM_CODE_CIP: return "CIP";
	case PM_CODE_CIP6: return "6-digit CIP";
	case PM_CODE_NAICS: return "NAICS";
	case PM_CODE_FIPS: return "FIPS";
	case PM_CODE_FIPS_STATE: return "state FIPS";
	case PM_CODE_FIPS_COUNTY: return "county FIPS";
	}
	return "unknown";
}

/* ---- one function per kind: 0 and OUT set, or -1 with WHY set ---- */

static int norm_soc(bool onet, const char *s, size_t n, char *out, size_t outlen, char *why,
		    size_t whylen)
{
	const char *major, *rest, *detail;
	size_t ml, rl, dl;

	if (!match(RE_SOC, s, n)) {
		snprintf(why, whylen, "expected NN-NNNN%s (e.g. 29-1141%s)", onet ? "[.NN]" : "",
			 onet ? ".01" : "");
		return -1;
	}
	group(1, s, &major, &ml);
	group(2, s, &rest, &rl);
	if (!memcmp(major, "00", 2) && !memcmp(rest, "0000", 4)) {
		/* all occupations */
	} else if (!memcmp(major, "99", 2) && !memcmp(rest, "9999", 4)) {
		snprintf(why, whylen,
			 "99-9999 is the NCES crosswalk's \"no match\", not an occupation");
		return -1;
	} else if (!in_list(soc_majors, COUNT(soc_majors), major, ml)) {
		snprintf(why, whylen, "there is no SOC major group %.2s", major);
		return -1;
	}
	if (!onet)
		snprintf(out, outlen, "%.2s-%.4s", major, rest);
	else if (group(3, s, &detail, &dl))
		snprintf(out, outlen, "%.2s-%.4s.%.2s", major, rest, detail);
	else
		snprintf(out, outlen, "%.2s-%.4s.00", major, rest);
	return 0;
}

static int norm_cip(bool six, const char *s, size_t n, char *out, size_t outlen, char *why,
		    size_t whylen)
{
	const char *series, *dec = "", *digits;
	size_t sl, dl = 0, gl;
	char ser[3];

	if (!match(RE_CIP, s, n)) {
		snprintf(why, whylen, "expected NN, NN.NN or NN.NNNN (e.g. 51.3801)");
		return -1;
	}
	if (group(3, s, &digits, &gl)) {
		/* Dotless: the dot was stripped, the digits are all there. */
		if (gl == 6 || (gl == 4 && !six)) {
			if (!memcmp(digits, "00", 2))
				goto no_series;
			snprintf(out, outlen, "%.2s.%.*s", digits, (int)gl - 2, digits + 2);
			return 0;
		}
		snprintf(why, whylen, "%zu digits without a dot is ambiguous%s", gl,
			 six ? " (expected 6)" : " (expected 2, 4 or 6)");
		return -1;
	}
	group(1, s, &series, &sl);
	if (!group(2, s, &dec, &dl))
		dl = 0;
	/* A one-digit series lost its leading zero (a number in Excel). */
	snprintf(ser, sizeof ser, "%s%.*s", sl == 1 ? "0" : "", (int)sl, series);
	if (!strcmp(ser, "00"))
		goto no_series;
	if (six) {
		/* Trailing zeros dropped by Excel are put back: 6 digits is what the column holds.
		 */
		snprintf(out, outlen, "%s.%.*s%.*s", ser, (int)dl, dl ? dec : "", (int)(4 - dl),
			 "0000");
		return 0;
	}
	if (dl == 0 || dl == 2 || dl == 4) {
		snprintf(out, outlen, "%s%s%.*s", ser, dl ? "." : "", (int)dl, dl ? dec : "");
		return 0;
	}
	snprintf(why, whylen,
		 "a CIP code has 2 or 4 decimals; Excel drops trailing zeros, so this could be "
		 "%s.%.*s%.*s or %s.%.*s%.*s",
		 ser, (int)(dl < 2 ? dl : 2), dec, (int)(dl < 2 ? 2 - dl : 0), "00", ser, (int)dl,
		 dec, (int)(4 - dl), "0000");
	return -1;
no_series:
	snprintf(why, whylen, "there is no CIP series 00");
	return -1;
}

/* The range sector ("31-33") a two-digit prefix ("32") belongs to, or NULL. */
static const char *range_of(const char *two)
{
	char three[4];
	const char *sector;

	snprintf(three, sizeof three, "%.2s1", two);
	sector = pm_naics_sector_of(three);
	return sector && strchr(sector, '-') ? sector : NULL;
}

static int norm_naics(const char *s, size_t n, char *out, size_t outlen, char *why, size_t whylen)
{
	const char *a, *b, *range;
	size_t al, bl;
	int lvl;

	if (!match(RE_NAICS, s, n)) {
		snprintf(why, whylen, "expected a 2- to 6-digit code or a sector range like 31-33");
		return -1;
	}
	if (group(3, s, &a, &al))
		snprintf(out, outlen, "%.*s", (int)al, a);
	else if (group(1, s, &a, &al) && group(2, s, &b, &bl))
		snprintf(out, outlen, "%.2s-%.2s", a, b);
	lvl = pm_naics_level(out);
	if (lvl >= PM_NAICS_SECTOR)
		return 0;
	if (lvl == PM_NAICS_TOTAL)
		snprintf(why, whylen, "'10' is QCEW's all-industry total, not a NAICS code");
	else if (lvl == PM_NAICS_AGGREGATE)
		snprintf(why, whylen, "%s is a QCEW domain or supersector, not a NAICS code", out);
	else if (strlen(out) == 2 && (range = range_of(out)))
		snprintf(why, whylen, "sector %s is published as the range %s", out, range);
	else
		snprintf(why, whylen, "not in any NAICS sector");
	out[0] = '\0';
	return -1;
}

static int norm_fips(enum pm_code_kind kind, const char *s, size_t n, char *out, size_t outlen,
		     char *why, size_t whylen)
{
	const char *d;
	size_t dl, width;

	if (!match(RE_FIPS, s, n) || !group(1, s, &d, &dl)) {
		snprintf(why, whylen, "expected %s",
			 kind == PM_CODE_FIPS_STATE    ? "a 2-digit state code"
			 : kind == PM_CODE_FIPS_COUNTY ? "a 5-digit county code"
						       : "a 2-digit state or 5-digit county code");
		return -1;
	}
	if (kind == PM_CODE_FIPS_STATE)
		width = 2;
	else if (kind == PM_CODE_FIPS_COUNTY)
		width = 5;
	else
		width = dl <= 2 ? 2 : dl >= 4 ? 5 : 0;
	/* Only one leading zero can be missing: states 01..09 and their counties. */
	if (!width)
		snprintf(why, whylen, "3 digits is neither a state (2) nor a county (5) code");
	else if (dl > width || dl + 1 < width)
		snprintf(why, whylen, "expected %zu digits, got %zu", width, dl);
	if (!width || dl > width || dl + 1 < width)
		return -1;
	/* Leading zeros lost by a numeric column are put back. */
	snprintf(out, outlen, "%.*s%.*s", (int)(width - dl), "00000", (int)dl, d);
	if (!in_list(fips_states, COUNT(fips_states), out, 2)) {
		snprintf(why, whylen, "there is no state with FIPS code %.2s", out);
		out[0] = '\0';
		return -1;
	}
	if (width == 5 && !strcmp(out + 2, "000")) {
		snprintf(why, whylen, "county 000 is a state total, not a county");
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/* Copy up to 40 bytes of S (length N) for a message, control bytes as '?'. */
static void shown(const char *s, size_t n, char *buf, size_t bufsize)
{
	size_t i, k = n < 40 ? n : 40;

	if (k >= bufsize)
		k = bufsize - 1;
	for (i = 0; i < k; i++)
		buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7F ? '?' : s[i];
	buf[k] = '\0';
	if (n > k && k >= 3)
		memcpy(buf + k - 3, "...", 3);
}

enum pm_status pm_code_normalize(enum pm_code_kind kind, const char *in, char *out, size_t outlen,
				 const char *where, struct pm_err *err)
{
	char why[160], show[48], buf[CODE_MAX_INPUT + 1];
	const char *s = in;
	size_t n = strlen(in);
	int rc = -1;

	assert(outlen >= PM_CODE_MAX);
	/* IN may be OUT (normalising in place): take what is needed from it first. */
	shown(in, n, show, sizeof show);
	while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	/* Excel's text guard, ="01.0101", as NCES writes codes in CSV. */
	if (n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"') {
		s += 2;
		n -= 3;
	}
	if (n <= CODE_MAX_INPUT) {
		memcpy(buf, s, n);
		buf[n] = '\0';
		s = buf;
	}
	out[0] = '\0';
	if (!n)
		snprintf(why, sizeof why, "the value is empty");
	else if (n > CODE_MAX_INPUT)
		snprintf(why, sizeof why, "longer than %d characters", CODE_MAX_INPUT);
	else
		switch (kind) {
		case PM_CODE_SOC:
		case PM_CODE_ONET:
			rc = norm_soc(kind == PM_CODE_ONET, s, n, out, outlen, why, sizeof why);
			break;
		case PM_CODE_CIP:
		case PM_CODE_CIP6:
			rc = norm_cip(kind == PM_CODE_CIP6, s, n, out, outlen, why, sizeof why);
			break;
		case PM_CODE_NAICS: rc = norm_naics(s, n, out, outlen, why, sizeof why); break;
		case PM_CODE_FIPS:
		case PM_CODE_FIPS_STATE:
		case PM_CODE_FIPS_COUNTY:
			rc = norm_fips(kind, s, n, out, outlen, why, sizeof why);
			break;
		default: snprintf(why, sizeof why, "unknown code kind %d", (int)kind); break;
		}
	if (rc == 0)
		return PM_OK;
	out[0] = '\0';
	if (where && *where)
		return pm_err_set(err, PM_EDATA, "%s: invalid %s code '%s': %s", where,
				  pm_code_kind_name(kind), show, why);
	return pm_err_set(err, PM_EDATA, "invalid %s code '%s': %s", pm_code_kind_name(kind), show,
			  why);
}

bool pm_code_valid(enum pm_code_kind kind, const char *in)
{
	char out[PM_CODE_MAX];

	return pm_code_normalize(kind, in, out, sizeof out, NULL, NULL) == PM_OK;
}

/* ---- SOC structure ---- */

/* True when SOC is exactly NN-NNNN with a real major group (or the total). */
static bool soc_canonical(const char *soc)
{
	return strlen(soc) == 7 && soc[2] == '-' && pm_all_digits(soc, 2) &&
	       pm_all_digits(soc + 3, 4) &&
	       (in_list(soc_majors, COUNT(soc_majors), soc, 2) || !strcmp(soc, "00-0000"));
}

enum pm_soc_level pm_soc_level(const char *soc)
{
	if (!soc_canonical(soc))
		return PM_SOC_NONE;
	if (!strcmp(soc, "00-0000"))
		return PM_SOC_TOTAL;
	if (!strcmp(soc + 3, "0000"))
		return PM_SOC_MAJOR;
	if (!strcmp(soc + 4, "000") || in_list(soc_odd_minors, COUNT(soc_odd_minors), soc, 7))
		return PM_SOC_MINOR;
	if (soc[6] == '0')
		return PM_SOC_BROAD;
	return PM_SOC_DETAILED;
}

bool pm_soc_parent(const char *soc, char *out, size_t n)
{
	enum pm_soc_level lvl = pm_soc_level(soc);
	char p[8];

	if (n < sizeof p || lvl < PM_SOC_MINOR)
		return false;
	memcpy(p, soc, sizeof p);
	if (lvl == PM_SOC_DETAILED) {
		size_t i;

		p[6] = '0';
		for (i = 0; i < COUNT(soc_spills); i++)
			if (!strncmp(soc, soc_spills[i].prefix, 6))
				memcpy(p, soc_spills[i].broad, sizeof p);
	} else if (lvl == PM_SOC_BROAD) {
		/* 15-1210 -> 15-1200, but 29-1140 -> 29-1000. */
		p[5] = '0';
		if (!in_list(soc_odd_minors, COUNT(soc_odd_minors), p, 7))
			p[4] = '0';
	} else {
		memcpy(p + 3, "0000", 4);
	}
	memcpy(out, p, sizeof p);
	return true;
}

bool pm_onet_to_soc(const char *onet, char *out, size_t n)
{
	size_t len = strlen(onet);
	char soc[8];

	if (n < sizeof soc || (len != 7 && len != 10))
		return false;
	if (len == 10 && (onet[7] != '.' || !pm_all_digits(onet + 8, 2)))
		return false;
	memcpy(soc, onet, 7);
	soc[7] = '\0';
	if (pm_soc_level(soc) == PM_SOC_NONE)
		return false;
	memcpy(out, soc, sizeof soc);
	return true;
}

/* ---- CIP structure ---- */

int pm_cip_level(const char *cip)
{
	size_t len = strlen(cip);

	if (len < 2 || !pm_all_digits(cip, 2) || !memcmp(cip, "00", 2))
		return 0;
	if (len == 2)
		return 2;
	if (cip[2] != '.' || (len != 5 && len != 7) || !pm_all_digits(cip + 3, len - 3))
		return 0;
	return len == 5 ? 4 : 6;
}

bool pm_cip_family(const char *cip, int digits, char *out, size_t n)
{
	int lvl = pm_cip_level(cip);
	size_t keep;

	if (!lvl || (digits != 2 && digits != 4 && digits != 6) || digits > lvl)
		return false;
	keep = digits == 2 ? 2 : digits == 4 ? 5 : 7;
	if (n <= keep)
		return false;
	memcpy(out, cip, keep);
	out[keep] = '\0';
	return true;
}
