/*
 * Fuzz the NAICS code functions: the input, NUL-terminated, is a code; if
 * it holds a NUL or newline, the part after it is a second code for
 * pm_naics_is_ancestor(). Parents are written into exactly-sized heap
 * buffers so an overrun is caught.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sectors/naics.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool is_sector(const char *s)
{
	size_t i;

	for (i = 0; pm_naics_sectors[i]; i++)
		if (!strcmp(pm_naics_sectors[i], s))
			return true;
	return false;
}

static void check_code(const char *code)
{
	int lvl = pm_naics_level(code);
	const char *sector = pm_naics_sector_of(code);
	int pl = pm_naics_parse_level(code);
	char parent[8];
	size_t n;

	if (lvl < -1 || lvl > PM_NAICS_MAX_LEVEL)
		abort();
	if (sector && (lvl < PM_NAICS_SECTOR || !is_sector(sector)))
		abort();
	if (pl != -1 && (pl < PM_NAICS_SECTOR || pl > PM_NAICS_MAX_LEVEL))
		abort();
	if (pm_naics_parent(code, parent, sizeof parent)) {
		int plvl = pm_naics_level(parent);

		if (lvl < PM_NAICS_SECTOR || plvl < 0 || plvl >= lvl)
			abort();
		if (!pm_naics_is_ancestor(parent, code))
			abort();
	}
	if (!pm_naics_is_ancestor(code, code) && strlen(code) < 8)
		abort();
	/* Small output buffers: truncated, never overrun. */
	for (n = 1; n <= 8; n++) {
		char *out = malloc(n);

		if (!out)
			abort();
		if (pm_naics_parent(code, out, n) && strlen(out) >= n)
			abort();
		free(out);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	char *second;

	if (!s)
		return 0;
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	check_code(s);
	second = memchr(s, '\n', size);
	if (second) {
		*second++ = '\0';
		check_code(s);
		check_code(second);
		pm_naics_is_ancestor(s, second);
		pm_naics_is_ancestor(second, s);
	} else if (strlen(s) < size) {
		second = s + strlen(s) + 1;
		check_code(second);
		pm_naics_is_ancestor(s, second);
		pm_naics_is_ancestor(second, s);
	}
	free(s);
	return 0;
}
