/* Unit tests for sectors/naics.c: the NAICS hierarchy as QCEW codes it. */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <string.h>

#include "sectors/naics.h"

Test(naics, level_of_totals_and_aggregates)
{
	cr_assert_eq(pm_naics_level("10"), PM_NAICS_TOTAL);
	cr_assert_eq(pm_naics_level("101"), PM_NAICS_AGGREGATE);
	cr_assert_eq(pm_naics_level("102"), PM_NAICS_AGGREGATE);
	cr_assert_eq(pm_naics_level("1012"), PM_NAICS_AGGREGATE);
	cr_assert_eq(pm_naics_level("1029"), PM_NAICS_AGGREGATE);
	/* "10" followed by more than two digits is neither a code nor an aggregate. */
	cr_assert_eq(pm_naics_level("10123"), -1);
	cr_assert_eq(pm_naics_level("101234"), -1);
}

Test(naics, level_of_sectors_and_digits)
{
	cr_assert_eq(pm_naics_level("23"), PM_NAICS_SECTOR);
	cr_assert_eq(pm_naics_level("62"), PM_NAICS_SECTOR);
	cr_assert_eq(pm_naics_level("31-33"), PM_NAICS_SECTOR);
	cr_assert_eq(pm_naics_level("44-45"), PM_NAICS_SECTOR);
	cr_assert_eq(pm_naics_level("48-49"), PM_NAICS_SECTOR);
	cr_assert_eq(pm_naics_level("311"), 3);
	cr_assert_eq(pm_naics_level("3111"), 4);
	cr_assert_eq(pm_naics_level("31111"), 5);
	cr_assert_eq(pm_naics_level("311111"), 6);
	cr_assert_eq(pm_naics_level("311111"), PM_NAICS_MAX_LEVEL);
}

Test(naics, level_of_junk_is_minus_one)
{
	static const char *const junk[] = {
		"", "1", "1234567", "abc", "3a1", "31-3", "31_33", "31-33x", "-23", " 23",
		"23 ", "3-333", "10-1", "+23",
	};
	size_t i;

	for (i = 0; i < sizeof junk / sizeof junk[0]; i++)
		cr_expect_eq(pm_naics_level(junk[i]), -1, "level of '%s'", junk[i]);
}

Test(naics, sector_of)
{
	cr_assert_str_eq(pm_naics_sector_of("3361"), "31-33");
	cr_assert_str_eq(pm_naics_sector_of("311111"), "31-33");
	cr_assert_str_eq(pm_naics_sector_of("325"), "31-33");
	cr_assert_str_eq(pm_naics_sector_of("4451"), "44-45");
	cr_assert_str_eq(pm_naics_sector_of("452"), "44-45");
	cr_assert_str_eq(pm_naics_sector_of("493"), "48-49");
	cr_assert_str_eq(pm_naics_sector_of("481"), "48-49");
	cr_assert_str_eq(pm_naics_sector_of("62"), "62");
	cr_assert_str_eq(pm_naics_sector_of("6211"), "62");
	cr_assert_str_eq(pm_naics_sector_of("31-33"), "31-33");
	cr_assert_str_eq(pm_naics_sector_of("99"), "99");
}

Test(naics, sector_of_totals_aggregates_and_junk_is_null)
{
	cr_assert_null(pm_naics_sector_of("10"));
	cr_assert_null(pm_naics_sector_of("101"));
	cr_assert_null(pm_naics_sector_of("1012"));
	cr_assert_null(pm_naics_sector_of("junk"));
	cr_assert_null(pm_naics_sector_of("1"));
	cr_assert_null(pm_naics_sector_of(""));
	/* Two digits, but no NAICS sector starts with 12. */
	cr_assert_null(pm_naics_sector_of("1234"));
}

Test(naics, parent_chain_from_six_digits_to_total)
{
	static const char *const chain[] = { "311111", "31111", "3111", "311", "31-33", "10" };
	char cur[8], par[8];
	size_t i;

	strcpy(cur, chain[0]);
	for (i = 1; i < sizeof chain / sizeof chain[0]; i++) {
		cr_assert(pm_naics_parent(cur, par, sizeof par), "parent of '%s'", cur);
		cr_assert_str_eq(par, chain[i]);
		strcpy(cur, par);
	}
	/* "10" is the root. */
	strcpy(par, "same");
	cr_assert_not(pm_naics_parent("10", par, sizeof par));
}

Test(naics, parent_of_ranged_sector_children)
{
	char par[8];

	cr_assert(pm_naics_parent("445", par, sizeof par));
	cr_assert_str_eq(par, "44-45");
	cr_assert(pm_naics_parent("493", par, sizeof par));
	cr_assert_str_eq(par, "48-49");
	cr_assert(pm_naics_parent("621", par, sizeof par));
	cr_assert_str_eq(par, "62");
	cr_assert(pm_naics_parent("44-45", par, sizeof par));
	cr_assert_str_eq(par, "10");
	cr_assert(pm_naics_parent("62", par, sizeof par));
	cr_assert_str_eq(par, "10");
}

Test(naics, parent_of_aggregates_and_junk_is_none)
{
	char par[8];

	cr_assert_not(pm_naics_parent("101", par, sizeof par));
	cr_assert_not(pm_naics_parent("1012", par, sizeof par));
	cr_assert_not(pm_naics_parent("junk", par, sizeof par));
	cr_assert_not(pm_naics_parent("1", par, sizeof par));
	cr_assert_not(pm_naics_parent("", par, sizeof par));
	/* A 3-digit code under no sector. */
	cr_assert_not(pm_naics_parent("123", par, sizeof par));
}

Test(naics, is_ancestor)
{
	cr_assert(pm_naics_is_ancestor("3361", "3361"));     /* a code is its own ancestor */
	cr_assert(pm_naics_is_ancestor("336", "3361"));
	cr_assert(pm_naics_is_ancestor("31-33", "3361"));
	cr_assert(pm_naics_is_ancestor("10", "3361"));
	cr_assert(pm_naics_is_ancestor("10", "62"));
	cr_assert(pm_naics_is_ancestor("44-45", "445110"));
	cr_assert(pm_naics_is_ancestor("10", "10"));
	cr_assert_not(pm_naics_is_ancestor("3361", "336"));  /* descendants are not ancestors */
	cr_assert_not(pm_naics_is_ancestor("44-45", "3361"));
	cr_assert_not(pm_naics_is_ancestor("33", "3361"));   /* "33" is not the sector's code */
	cr_assert_not(pm_naics_is_ancestor("335", "3361"));
	cr_assert_not(pm_naics_is_ancestor("62", "10"));
	/* Aggregates are outside the NAICS tree. */
	cr_assert_not(pm_naics_is_ancestor("10", "101"));
	cr_assert_not(pm_naics_is_ancestor("101", "23"));
}

Test(naics, sector_list_is_self_consistent)
{
	size_t i;
	char par[8];

	for (i = 0; pm_naics_sectors[i]; i++) {
		const char *s = pm_naics_sectors[i];

		cr_expect_eq(pm_naics_level(s), PM_NAICS_SECTOR, "level of '%s'", s);
		cr_expect_str_eq(pm_naics_sector_of(s), s);
		cr_expect(pm_naics_parent(s, par, sizeof par));
		cr_expect_str_eq(par, "10");
	}
	/* 18 two-digit sectors and the three ranges 31-33, 44-45, 48-49. */
	cr_assert_eq(i, 21);
}

Test(naics, parse_level)
{
	cr_assert_eq(pm_naics_parse_level("sector"), PM_NAICS_SECTOR);
	cr_assert_eq(pm_naics_parse_level("2"), 2);
	cr_assert_eq(pm_naics_parse_level("3"), 3);
	cr_assert_eq(pm_naics_parse_level("4"), 4);
	cr_assert_eq(pm_naics_parse_level("5"), 5);
	cr_assert_eq(pm_naics_parse_level("6"), 6);
	cr_assert_eq(pm_naics_parse_level("1"), -1);
	cr_assert_eq(pm_naics_parse_level("0"), -1);
	cr_assert_eq(pm_naics_parse_level("7"), -1);
	cr_assert_eq(pm_naics_parse_level("33"), -1);
	cr_assert_eq(pm_naics_parse_level(""), -1);
	cr_assert_eq(pm_naics_parse_level("Sector"), -1);
	cr_assert_eq(pm_naics_parse_level("sectors"), -1);
	cr_assert_eq(pm_naics_parse_level(" 3"), -1);
}

Test(naics, codes_outside_real_sectors_are_rejected)
{
	/* Two digits that are not a published sector, ranges that are not NAICS's, and
	 * deeper codes whose prefix is no sector. */
	cr_assert_eq(pm_naics_level("00"), -1);
	cr_assert_eq(pm_naics_level("12"), -1);
	cr_assert_eq(pm_naics_level("31"), -1);
	cr_assert_eq(pm_naics_level("12-34"), -1);
	cr_assert_eq(pm_naics_level("0011"), -1);
	cr_assert_eq(pm_naics_level("1991"), -1);
	cr_assert_eq(pm_naics_level("311"), 3);
	cr_assert_eq(pm_naics_level("92"), 2);
	cr_assert_null(pm_naics_sector_of("12-34"));
	cr_assert_not(pm_naics_is_ancestor("1234567", "12345678"));
}
