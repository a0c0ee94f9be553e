/* Title lookups (see titles.h). */
#include "store/titles.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "store/store.h"
#include "core/parse.h"
#include "core/banned.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

const char *pm_area_type(const char *code, const char *title)
{
	size_t n = strlen(code);

	if (!strcmp(code, "US000"))
		return "nation";
	if (!strncmp(code, "US", 2))
		return "aggregate";
	if (!strncmp(code, "CS", 2))
		return "csa";
	if (code[0] == 'C' && n == 5 && pm_all_digits(code + 1, 4))
		return title && ends_with(title, "MicroSA") ? "micro" : "msa";
	if (n == 5 && pm_all_digits(code, 5))
		return strcmp(code + 2, "000") ? "county" : "state";
	return "other";
}

char *pm_industry_title_clean(const char *code, const char *title)
{
	const char *p = title;
	size_t clen = strlen(code);

	if (!strncmp(p, "NAICS", 5)) {
		p += 5;
		while (isdigit((unsigned char)*p))
			p++;
		while (*p == ' ')
			p++;
	}
	if (!strncmp(p, code, clen) && p[clen] == ' ') {
		p += clen;
		while (*p == ' ')
			p++;
		return pm_xstrdup(p);
	}
	return pm_xstrdup(title);
}

static char *one_text(struct pm_store *st, const char *sql, const char *arg)
{
	sqlite3_stmt *s = NULL;
	char *out = NULL;

	if (pm_store_prepare(st, sql, &s, NULL))
		return NULL;
	pm_bind_text(s, 1, arg);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
		out = pm_xstrdup(pm_col_text(s, 0));
	sqlite3_finalize(s);
	return out;
}

char *pm_store_area_title(struct pm_store *st, const char *area)
{
	return one_text(st, "SELECT area_title FROM area WHERE area_fips = ?", area);
}

char *pm_store_area_type(struct pm_store *st, const char *area)
{
	return one_text(st, "SELECT area_type FROM area WHERE area_fips = ?", area);
}

char *pm_store_industry_title(struct pm_store *st, const char *code)
{
	return one_text(st,
			"SELECT COALESCE((SELECT title FROM industry WHERE industry_code = ?1), "
			"(SELECT title FROM naics WHERE vintage = '2022' AND code = ?1), "
			"(SELECT title FROM naics WHERE vintage = '2017' AND code = ?1))",
			code);
}

char *pm_store_county_msa(struct pm_store *st, const char *county)
{
	return one_text(st, "SELECT msa_code FROM county_xwalk WHERE county_fips = ?", county);
}

char *pm_store_own_title(struct pm_store *st, const char *own)
{
	return one_text(st, "SELECT own_title FROM ownership WHERE own_code = ?", own);
}
