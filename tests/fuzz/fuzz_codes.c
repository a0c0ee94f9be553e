/*
 * Fuzz code normalisation: the first input byte picks the kind (low 3
 * bits; bit 7 also frees the compiled patterns first), the rest,
 * NUL-terminated, is the code. A normalised code must be a fixed point,
 * in place or not, and satisfy its kind's structure (SOC levels and parent
 * chains, O*NET roll-up, CIP families, NAICS levels, FIPS widths). The raw
 * text also goes through the structure functions, with exactly-sized heap
 * buffers so an overrun is caught.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "sectors/naics.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool only(const char *s, const char *set)
{
	return strspn(s, set) == strlen(s);
}

static void check_soc_chain(const char *soc)
{
	enum pm_soc_level lvl = pm_soc_level(soc);
	char cur[PM_CODE_MAX], par[PM_CODE_MAX];
	int steps = 0;

	if (lvl == PM_SOC_NONE)
		abort();
	memcpy(cur, soc, strlen(soc) + 1);
	while (pm_soc_parent(cur, par, sizeof par)) {
		enum pm_soc_level pl = pm_soc_level(par);

		if (pl == PM_SOC_NONE || pl >= pm_soc_level(cur) || pl < PM_SOC_MAJOR ||
		    memcmp(par, cur, 2) || ++steps > 3)
			abort();
		memcpy(cur, par, sizeof cur);
	}
	if (pm_soc_level(cur) > PM_SOC_MAJOR)
		abort(); /* every chain ends at a major group (or the total) */
}

static void check_ok(enum pm_code_kind kind, const char *out)
{
	char buf[PM_CODE_MAX];
	int lvl;

	if (strlen(out) >= PM_CODE_MAX || !*out || !only(out, "0123456789.-"))
		abort();
	switch (kind) {
	case PM_CODE_SOC: check_soc_chain(out); break;
	case PM_CODE_ONET:
		if (strlen(out) != 10 || !pm_onet_to_soc(out, buf, sizeof buf))
			abort();
		check_soc_chain(buf);
		break;
	case PM_CODE_CIP:
	case PM_CODE_CIP6:
		lvl = pm_cip_level(out);
		if (lvl != 2 && lvl != 4 && lvl != 6)
			abort();
		if (kind == PM_CODE_CIP6 && lvl != 6)
			abort();
		if (!pm_cip_family(out, 2, buf, sizeof buf) || strncmp(buf, out, 2))
			abort();
		if (!pm_cip_family(out, lvl, buf, sizeof buf) || strcmp(buf, out))
			abort();
		break;
	case PM_CODE_NAICS:
		if (pm_naics_level(out) < PM_NAICS_SECTOR)
			abort();
		break;
	case PM_CODE_FIPS:
	case PM_CODE_FIPS_STATE:
	case PM_CODE_FIPS_COUNTY:
		if (!only(out, "0123456789") || (strlen(out) != 2 && strlen(out) != 5))
			abort();
		if ((kind == PM_CODE_FIPS_STATE && strlen(out) != 2) ||
		    (kind == PM_CODE_FIPS_COUNTY && strlen(out) != 5))
			abort();
		break;
	}
}

/* The structure functions on arbitrary text, writing into exactly-sized buffers. */
static void check_raw(const char *s)
{
	size_t n;

	(void)pm_soc_level(s);
	(void)pm_cip_level(s);
	for (n = 1; n <= 9; n++) {
		char *out = malloc(n);
		int d;

		if (!out)
			abort();
		if (pm_soc_parent(s, out, n) && (strlen(out) != 7 || n < 8))
			abort();
		if (pm_onet_to_soc(s, out, n) && (strlen(out) != 7 || n < 8))
			abort();
		for (d = 0; d <= 7; d++)
			if (pm_cip_family(s, d, out, n) && strlen(out) >= n)
				abort();
		free(out);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum pm_code_kind kind;
	struct pm_err err = PM_ERR_INIT;
	char out[PM_CODE_MAX], *s, *inplace;
	enum pm_status rc;

	if (!size)
		return 0;
	if (data[0] & 0x80)
		pm_codes_cleanup();
	kind = (enum pm_code_kind)(data[0] & 7);
	s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	check_raw(s);

	rc = pm_code_normalize(kind, s, out, sizeof out, "fuzz:1", &err);
	if (rc == PM_OK) {
		char again[PM_CODE_MAX];

		check_ok(kind, out);
		if (pm_code_normalize(kind, out, again, sizeof again, NULL, NULL) != PM_OK ||
		    strcmp(again, out))
			abort();
		if (!pm_code_valid(kind, s))
			abort();
	} else if (rc != PM_EDATA || err.code != PM_EDATA || out[0] ||
		   strncmp(err.msg, "fuzz:1: invalid ", 16) || pm_code_valid(kind, s)) {
		abort();
	}

	/* In place, in a buffer of at least PM_CODE_MAX bytes: the same answer. */
	inplace = malloc(strlen(s) + 1 > PM_CODE_MAX ? strlen(s) + 1 : PM_CODE_MAX);
	if (!inplace)
		abort();
	memcpy(inplace, s, strlen(s) + 1);
	if (pm_code_normalize(kind, inplace, inplace, PM_CODE_MAX, NULL, NULL) != rc)
		abort();
	if (rc == PM_OK && strcmp(inplace, out))
		abort();
	free(inplace);
	free(s);
	return 0;
}
