/* Required education levels from O*NET (see ete.h). */
#include "crosswalks/ete.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/codes.h"
#include "store/store.h"
#include "core/banned.h"

/* Short names of O*NET's RL categories 1-12 (their descriptions run to a paragraph). */
static const char *const level[] = {
	"",
	"less than high school",
	"high school",
	"postsecondary certificate",
	"some college",
	"associate",
	"bachelor",
	"post-baccalaureate certificate",
	"master",
	"post-master's certificate",
	"first professional",
	"doctoral",
	"post-doctoral",
};

char *pm_onet_required_levels(struct pm_store *st, const char *soc, size_t max)
{
	struct pm_buf b = PM_BUF_INIT;
	sqlite3_stmt *s;
	struct pm_err e = PM_ERR_INIT;
	char prefix[16];
	size_t shown = 0;

	/* the SOC's own O*NET occupation (29-1141.00, not its specialties .01-.04);
	 * else the O*NET occupations under it, averaged (a broad 29-2010: 29-201x) */
	if (pm_soc_level(soc) == PM_SOC_BROAD)
		snprintf(prefix, sizeof prefix, "%.6s", soc);
	else
		snprintf(prefix, sizeof prefix, "%.7s", soc);
	if (pm_store_prepare(st,
			     "WITH own AS (SELECT count(*) AS n FROM onet_ete WHERE onet_code = ?1"
			     "  || '.00' AND element_id = '2.D.1' AND scale_id = 'RL')"
			     " SELECT category, avg(value) AS v FROM onet_ete, own"
			     " WHERE element_id = '2.D.1' AND scale_id = 'RL'"
			     " AND (CASE WHEN own.n > 0 THEN onet_code = ?1 || '.00'"
			     "  ELSE substr(onet_code, 1, length(?1)) = ?1 END)"
			     " GROUP BY category HAVING v >= 5 ORDER BY v DESC, category",
			     &s, &e)) {
		pm_err_clear(&e);
		return NULL;
	}
	pm_bind_text(s, 1, prefix);
	while (shown < max && sqlite3_step(s) == SQLITE_ROW) {
		int c = sqlite3_column_int(s, 0);

		if (c < 1 || c > 12)
			continue;
		pm_buf_addf(&b, "%s%s %.0f%%", shown++ ? "; " : "", level[c],
			    sqlite3_column_double(s, 1));
	}
	sqlite3_finalize(s);
	if (!shown) {
		pm_buf_release(&b);
		return NULL;
	}
	return pm_buf_detach(&b, NULL);
}
