/*
 * Ladder levels (see assets.h): the rungs programs sit on, and which EP
 * entry-education category each rung gives. Shared by the asset map and the
 * career ladder.
 */
#include <string.h>

#include "crosswalks/assets.h"
#include "core/banned.h"

static const char *const ladder_names[PM_LADDER_MAX] = {
	"", "short-term certificate", "long certificate", "associate", "bachelor", "graduate",
};

const char *pm_ladder_name(enum pm_ladder l)
{
	return l > PM_LADDER_NONE && l < PM_LADDER_MAX ? ladder_names[l] : "";
}

enum pm_ladder pm_ladder_of_name(const char *name)
{
	int i;

	for (i = 1; name && i < PM_LADDER_MAX; i++)
		if (!strcmp(name, ladder_names[i]))
			return (enum pm_ladder)i;
	return PM_LADDER_NONE;
}

enum pm_ladder pm_ladder_of_education(const char *education)
{
	static const struct {
		const char *edu;
		enum pm_ladder l;
	} map[] = {
		{ "Postsecondary nondegree award", PM_LADDER_SHORT },
		{ "Some college, no degree", PM_LADDER_SHORT },
		{ "Associate's degree", PM_LADDER_ASSOC },
		{ "Bachelor's degree", PM_LADDER_BACH },
		{ "Master's degree", PM_LADDER_GRAD },
		{ "Doctoral or professional degree", PM_LADDER_GRAD },
	};
	size_t i;

	for (i = 0; education && i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(education, map[i].edu))
			return map[i].l;
	return PM_LADDER_NONE;
}

bool pm_ladder_meets(const char *name, enum pm_ladder entry)
{
	enum pm_ladder l = pm_ladder_of_name(name);

	/* An apprenticeship is a way in at any level; a certification alone is not. */
	if (name && !strcmp(name, "apprenticeship"))
		return entry != PM_LADDER_NONE;
	if (entry == PM_LADDER_SHORT) /* postsecondary nondegree award: any certificate */
		return l == PM_LADDER_SHORT || l == PM_LADDER_LONG;
	return l != PM_LADDER_NONE && l == entry;
}
