/* NAICS hierarchy as used by QCEW (see naics.h). */
#include "sectors/naics.h"

#include <stdio.h>
#include <string.h>

#include "core/parse.h"
#include "core/banned.h"

const char *const pm_naics_sectors[] = {
	"11", "21", "22", "23", "31-33", "42", "44-45", "48-49", "51", "52", "53",
	"54", "55", "56", "61", "62",	 "71", "72",	"81",	 "92", "99", NULL,
};

/* The published sector whose two-digit prefix CODE has, or NULL. */
static const char *prefix_sector(const char *code)
{
	static const char *const two[] = {
		"11", "21", "22", "23", "42", "51", "52", "53", "54",
		"55", "56", "61", "62", "71", "72", "81", "92", "99",
	};
	size_t i;

	if (!strncmp(code, "31", 2) || !strncmp(code, "32", 2) || !strncmp(code, "33", 2))
		return "31-33";
	if (!strncmp(code, "44", 2) || !strncmp(code, "45", 2))
		return "44-45";
	if (!strncmp(code, "48", 2) || !strncmp(code, "49", 2))
		return "48-49";
	for (i = 0; i < sizeof two / sizeof two[0]; i++)
		if (!strncmp(code, two[i], 2))
			return two[i];
	return NULL;
}

const char *pm_naics_sector_of(const char *code)
{
	int lvl = pm_naics_level(code);

	size_t i;

	if (lvl < PM_NAICS_SECTOR)
		return NULL;
	if (lvl > PM_NAICS_SECTOR)
		return prefix_sector(code);
	for (i = 0; pm_naics_sectors[i]; i++)
		if (!strcmp(pm_naics_sectors[i], code))
			return pm_naics_sectors[i];
	return NULL;
}

static bool is_sector(const char *code)
{
	size_t i;

	for (i = 0; pm_naics_sectors[i]; i++)
		if (!strcmp(pm_naics_sectors[i], code))
			return true;
	return false;
}

int pm_naics_level(const char *code)
{
	size_t n = strlen(code);

	if (!strcmp(code, "10"))
		return PM_NAICS_TOTAL;
	if (n == 2 || n == 5)
		if (is_sector(code))
			return PM_NAICS_SECTOR;
	if (n < 3 || n > 6 || !pm_all_digits(code, n))
		return -1;
	if (!strncmp(code, "10", 2))
		return (n == 3 || n == 4) ? PM_NAICS_AGGREGATE : -1;
	/* A 3..6-digit code must lie inside a real sector: 1191 and 0011 are not NAICS. */
	return prefix_sector(code) ? (int)n : -1;
}

bool pm_naics_parent(const char *code, char *out, size_t n)
{
	int lvl = pm_naics_level(code);

	if (lvl == PM_NAICS_SECTOR) {
		snprintf(out, n, "10");
		return true;
	}
	if (lvl == 3) {
		const char *s = pm_naics_sector_of(code);

		if (!s)
			return false;
		snprintf(out, n, "%s", s);
		return true;
	}
	if (lvl > 3) {
		snprintf(out, n, "%.*s", lvl - 1, code);
		return true;
	}
	return false;
}

bool pm_naics_is_ancestor(const char *anc, const char *code)
{
	char cur[8], par[8];

	if (strlen(code) >= sizeof cur)
		return false;
	snprintf(cur, sizeof cur, "%s", code);
	for (;;) {
		if (!strcmp(cur, anc))
			return true;
		if (!pm_naics_parent(cur, par, sizeof par))
			return false;
		memcpy(cur, par, sizeof cur);
	}
}

int pm_naics_parse_level(const char *s)
{
	if (!strcmp(s, "sector") || !strcmp(s, "2"))
		return PM_NAICS_SECTOR;
	if (strlen(s) == 1 && s[0] >= '3' && s[0] <= '6')
		return s[0] - '0';
	return -1;
}
