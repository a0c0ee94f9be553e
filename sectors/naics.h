#ifndef PM_SECTORS_NAICS_H
#define PM_SECTORS_NAICS_H
/*
 * The NAICS hierarchy as QCEW codes it. Sectors are two digits, except the
 * three published as ranges: 31-33 Manufacturing, 44-45 Retail trade and
 * 48-49 Transportation and warehousing. QCEW adds its own aggregates: "10"
 * (total, all industries), "101"/"102" (goods-producing / service-providing
 * domains) and "1011".."1029" (supersectors); none of them are NAICS codes.
 */
#include <stdbool.h>
#include <stddef.h>

enum {
	PM_NAICS_TOTAL = 0,	/* "10" */
	PM_NAICS_AGGREGATE = 1, /* QCEW domains and supersectors */
	PM_NAICS_SECTOR = 2,
	PM_NAICS_MAX_LEVEL = 6,
};

/* The level of CODE: 0 total, 1 QCEW aggregate, 2 sector, 3..6 digits; -1 if not a code. */
int pm_naics_level(const char *code);

/* The sector containing CODE ("31-33" for "3361"), or NULL for totals/aggregates/junk. */
const char *pm_naics_sector_of(const char *code);

/*
 * Write CODE's parent into OUT (size N): a 3..6-digit code's parent drops
 * a digit (3-digit codes go to their sector), a sector's parent is "10".
 * Returns false for "10", aggregates and junk.
 */
bool pm_naics_parent(const char *code, char *out, size_t n);

/* True when ANC is CODE or one of its ancestors. */
bool pm_naics_is_ancestor(const char *anc, const char *code);

/* The published sector codes, NULL-terminated. */
extern const char *const pm_naics_sectors[];

/* Parse a --level value ("sector", "2".."6"); returns the level or -1. */
int pm_naics_parse_level(const char *s);

#endif
