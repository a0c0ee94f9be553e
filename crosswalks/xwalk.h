#ifndef PM_CROSSWALKS_XWALK_H
#define PM_CROSSWALKS_XWALK_H
/*
 * What maps to what, for `pathmap crosswalk cip|soc|onet|naics CODE`: every
 * link the store holds for one code, as rows of a result table with the
 * columns
 *
 *   from_system, from_code, from_title, relation, to_system, to_code,
 *   to_title, share, source
 *
 * systems carry their vintage ("CIP 2020", "SOC 2018", "O*NET-SOC 2019",
 * "NAICS 2022"); source names the loaded file the link came from. Links:
 *
 *   cip    -> SOC 2018 occupations it prepares for (NCES CIP-SOC; "no match"
 *             rows kept); a 2- or 4-digit family lists its 6-digit codes';
 *   soc    -> its SOC groups, the CIP programs preparing for it, its O*NET-SOC
 *             occupations, its SOC 2010 predecessors (via the O*NET-SOC
 *             2010 -> 2019 crosswalk) and the industries employing it
 *             (staffing patterns); a group lists its members; a SOC 2010
 *             code lists its SOC 2018 successors;
 *   onet   -> the SOC it rolls up to, its O*NET-SOC 2010 predecessors and its
 *             related occupations;
 *   naics  -> its titles in NAICS 2017 and 2022 and its counterpart in the
 *             other vintage (same code, same title at the same level, or the
 *             nearest ancestor in both), the staffing pattern covering it and
 *             that pattern's largest occupations.
 *
 * Links that do not resolve (a code in one list but not the other, a
 * predecessor without a successor) are kept as rows with an empty target
 * and counted in the table's notes; nothing is dropped.
 */
#include <stdbool.h>

#include "core/err.h"

struct pm_store;
struct pm_table;

enum pm_xwalk_kind { PM_XWALK_CIP, PM_XWALK_SOC, PM_XWALK_ONET, PM_XWALK_NAICS };

/* Parse "cip", "soc", "onet", "naics"; false otherwise. */
bool pm_xwalk_kind_parse(const char *s, enum pm_xwalk_kind *out);

/*
 * Fill T (a new table; free with pm_table_free()) with the links of CODE, a
 * code of KIND in any spelling core/codes.h accepts. PM_EUSAGE for a code
 * that does not normalise (the message says why), PM_ENOTFOUND when the
 * store knows nothing about it (the message says what to load).
 */
enum pm_status pm_xwalk_lookup(struct pm_store *st, enum pm_xwalk_kind kind, const char *code,
			       struct pm_table **t, struct pm_err *err);

#endif
