/*
 * Certifications and licenses per occupation (see credential.h): reading
 * the `credential` table. The rows are written by the CareerOneStop loader
 * (fetch/careeronestop.c), one dataset per API response.
 */
#include "store/credential.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/codes.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "core/banned.h"

void pm_credential_release(struct pm_credential *c)
{
	if (!c)
		return;
	free(c->soc_code);
	free(c->id);
	free(c->name);
	free(c->organization);
	free(c->state);
	free(c->level);
	free(c->url);
	memset(c, 0, sizeof *c);
}

void pm_credentials_free(struct pm_credential *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++)
		pm_credential_release(&list[i]);
	free(list);
}

/* Column I as a new string, or NULL for SQL NULL. */
static char *col_dup(sqlite3_stmt *s, int i)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return NULL;
	return pm_xstrdup(pm_col_text(s, i));
}

enum pm_status pm_credentials_for_soc(struct pm_store *st, const char *soc, const char *state,
				      struct pm_credential **out, size_t *n, struct pm_err *err)
{
	char code[PM_CODE_MAX];
	sqlite3_stmt *s = NULL;
	struct pm_credential *list = NULL;
	size_t count = 0, alloc = 0;
	enum pm_status rc;
	int step;

	*out = NULL;
	*n = 0;
	if (pm_code_normalize(PM_CODE_SOC, soc, code, sizeof code, NULL, NULL))
		return pm_err_set(err, PM_EUSAGE, "'%s' is not a SOC code (e.g. 29-1141)", soc);
	if ((rc = pm_store_prepare(st,
				   "SELECT kind, soc_code, id, name, organization, state, level, "
				   "url, dataset_id FROM credential WHERE soc_code = ?1 AND "
				   "(kind <> 'license' OR ?2 IS NULL OR state = upper(?2)) "
				   "ORDER BY kind <> 'certification', name, id",
				   &s, err)))
		return rc;
	pm_bind_text(s, 1, code);
	pm_bind_text(s, 2, state);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct pm_credential *c;

		PM_ALLOC_GROW(list, count + 1, alloc);
		c = &list[count++];
		memset(c, 0, sizeof *c);
		c->kind = strcmp(pm_col_text(s, 0), PM_CREDENTIAL_LICENSE)
				  ? PM_CREDENTIAL_CERTIFICATION
				  : PM_CREDENTIAL_LICENSE;
		c->soc_code = col_dup(s, 1);
		c->id = col_dup(s, 2);
		c->name = col_dup(s, 3);
		c->organization = col_dup(s, 4);
		c->state = col_dup(s, 5);
		c->level = col_dup(s, 6);
		c->url = col_dup(s, 7);
		c->dataset_id = sqlite3_column_int64(s, 8);
	}
	if (step != SQLITE_DONE) {
		rc = pm_store_fail(st, err, "cannot read credentials");
		pm_credentials_free(list, count);
	} else {
		*out = list;
		*n = count;
	}
	sqlite3_finalize(s);
	return rc;
}

char *pm_credentials_summary(struct pm_store *st, const char *soc, size_t max)
{
	struct pm_credential *list = NULL;
	struct pm_buf b = PM_BUF_INIT;
	size_t n = 0, i;

	if (pm_credentials_for_soc(st, soc, NULL, &list, &n, NULL) || !n) {
		pm_credentials_free(list, n);
		return NULL;
	}
	for (i = 0; i < n && i < max; i++) {
		pm_buf_addf(&b, "%s%s (%s", i ? "; " : "", list[i].name, list[i].kind);
		if (list[i].state)
			pm_buf_addf(&b, ", %s", list[i].state);
		pm_buf_adds(&b, ")");
	}
	if (n > max)
		pm_buf_addf(&b, "; +%zu more", n - max);
	pm_credentials_free(list, n);
	return pm_buf_detach(&b, NULL);
}
