/*
 * Unit tests for crosswalks/ladder_levels.c: which rung each EP entry-education
 * category sits on, and which program levels open an occupation at entry
 * (docs/methods.md, "Assets").
 */
#include <criterion/criterion.h>

#include "crosswalks/assets.h"

Test(ladder_levels, education_to_rung)
{
	cr_assert_eq(pm_ladder_of_education("Postsecondary nondegree award"), PM_LADDER_SHORT);
	cr_assert_eq(pm_ladder_of_education("Some college, no degree"), PM_LADDER_SHORT);
	cr_assert_eq(pm_ladder_of_education("Associate's degree"), PM_LADDER_ASSOC);
	cr_assert_eq(pm_ladder_of_education("Bachelor's degree"), PM_LADDER_BACH);
	cr_assert_eq(pm_ladder_of_education("Master's degree"), PM_LADDER_GRAD);
	cr_assert_eq(pm_ladder_of_education("Doctoral or professional degree"), PM_LADDER_GRAD);
	cr_assert_eq(pm_ladder_of_education("High school diploma or equivalent"), PM_LADDER_NONE);
	cr_assert_eq(pm_ladder_of_education("No formal educational credential"), PM_LADDER_NONE);
	cr_assert_eq(pm_ladder_of_education(NULL), PM_LADDER_NONE);
}

Test(ladder_levels, names_round_trip_in_order)
{
	int l;

	for (l = PM_LADDER_SHORT; l < PM_LADDER_MAX; l++)
		cr_assert_eq(pm_ladder_of_name(pm_ladder_name((enum pm_ladder)l)), l);
	cr_assert_str_eq(pm_ladder_name(PM_LADDER_BACH), "bachelor");
	cr_assert_str_eq(pm_ladder_name(PM_LADDER_NONE), "");
	cr_assert_eq(pm_ladder_of_name("apprenticeship"), PM_LADDER_NONE);
	cr_assert_eq(pm_ladder_of_name(NULL), PM_LADDER_NONE);
	cr_assert_lt(PM_LADDER_SHORT, PM_LADDER_LONG);
	cr_assert_lt(PM_LADDER_ASSOC, PM_LADDER_BACH);
}

Test(ladder_levels, what_meets_entry)
{
	/* a postsecondary nondegree award: any certificate, not a degree */
	cr_assert(pm_ladder_meets("short-term certificate", PM_LADDER_SHORT));
	cr_assert(pm_ladder_meets("long certificate", PM_LADDER_SHORT));
	cr_assert_not(pm_ladder_meets("associate", PM_LADDER_SHORT));
	/* a degree: that level only (an associate RN program does not meet EP's bachelor's) */
	cr_assert(pm_ladder_meets("associate", PM_LADDER_ASSOC));
	cr_assert_not(pm_ladder_meets("associate", PM_LADDER_BACH));
	cr_assert_not(pm_ladder_meets("graduate", PM_LADDER_BACH));
	cr_assert(pm_ladder_meets("graduate", PM_LADDER_GRAD));
	/* an apprenticeship is a way in at any postsecondary level; a certification is not */
	cr_assert(pm_ladder_meets("apprenticeship", PM_LADDER_BACH));
	cr_assert_not(pm_ladder_meets("apprenticeship", PM_LADDER_NONE));
	cr_assert_not(pm_ladder_meets("industry certification", PM_LADDER_SHORT));
	cr_assert_not(pm_ladder_meets("bachelor", PM_LADDER_NONE));
}
