#ifndef PM_CROSSWALKS_ETE_H
#define PM_CROSSWALKS_ETE_H
/*
 * O*NET's Education, Training, and Experience: the distribution of the
 * education level incumbents say the job requires (element 2.D.1, scale RL,
 * percent of respondents per category), for reading beside EP's single
 * "typical entry education".
 */
#include <stddef.h>

struct pm_store;

/*
 * "bachelor 56%; postsecondary certificate 22%; associate 19%": the levels
 * of SOC (a detailed or broad SOC code; the O*NET occupations under it are
 * averaged) with at least 5%, largest first, at most MAX. A new string, or
 * NULL when O*NET's table is not loaded or has nothing for SOC.
 */
char *pm_onet_required_levels(struct pm_store *st, const char *soc, size_t max);

#endif
