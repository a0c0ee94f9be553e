/*
 * Unit tests for crosswalks/industry.c: matrix and OEWS industry codes to
 * NAICS, on the codes and NAICS text of EP's Table 1.9 (occupation.xlsx,
 * 2024-34).
 */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <string.h>

#include "core/err.h"
#include "core/xlsx.h"
#include "crosswalks/industry.h"

/* Assert C covers exactly the N codes that follow, in order. */
static void expect(const struct pm_cover *c, size_t n, ...)
{
	va_list ap;
	size_t i;

	cr_assert_eq(c->kind, PM_COVER_INDUSTRY);
	cr_assert_eq(c->n, n, "covers %zu codes, expected %zu", c->n, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		cr_assert_str_eq(c->codes[i], va_arg(ap, const char *));
	va_end(ap);
}

Test(industry, table_1_9_text)
{
	struct pm_cover c;

	cr_assert(pm_industry_cover("622000", "622000", &c));
	expect(&c, 1, "622");
	cr_assert_str_eq(c.owns, "");
	cr_assert(pm_industry_cover("110000", "110000", &c));
	expect(&c, 1, "11");
	cr_assert(pm_industry_cover("31-330", "31-33", &c));
	expect(&c, 1, "31-33");
	cr_assert(pm_industry_cover("1131-2", "113100-3200", &c));
	expect(&c, 2, "1131", "1132");
	cr_assert(pm_industry_cover("3250A1", "3251,2,3,9", &c));
	expect(&c, 4, "3251", "3252", "3253", "3259");
	cr_assert(pm_industry_cover("4445R0", "444000, 449000, 456000-9000", &c));
	expect(&c, 6, "444", "449", "456", "457", "458", "459");
	cr_assert(pm_industry_cover("5136A9", "513100, 6000,9000", &c));
	expect(&c, 3, "5131", "516", "519");
	cr_assert(pm_industry_cover("487-80", "487000-8000", &c));
	expect(&c, 2, "487", "488");
	cr_assert(pm_industry_cover("221110", "221110", &c));
	expect(&c, 1, "22111");
	cr_assert(pm_industry_cover("813930", "813930", &c));
	expect(&c, 1, "81393");
}

Test(industry, ownership_splits)
{
	struct pm_cover c;

	cr_assert(pm_industry_cover("6110P1", "611200-300", &c));
	expect(&c, 2, "6112", "6113");
	cr_assert_str_eq(c.owns, "5");
	cr_assert(pm_industry_cover("6220Y0", "622000", &c));
	expect(&c, 1, "622");
	cr_assert_str_eq(c.owns, "23");
	/* without the text, only the whole-industry splits resolve */
	cr_assert(pm_industry_cover("6110P0", NULL, &c));
	expect(&c, 1, "611");
	cr_assert_str_eq(c.owns, "5");
	cr_assert_not(pm_industry_cover("6110P1", NULL, &c));
	cr_assert_eq(c.kind, PM_COVER_UNKNOWN);
}

Test(industry, shapes_without_text)
{
	struct pm_cover c;

	cr_assert(pm_industry_cover("622000", NULL, &c));
	expect(&c, 1, "622");
	cr_assert(pm_industry_cover("44-450", "\xe2\x80\x94", &c));
	expect(&c, 1, "44-45");
	cr_assert(pm_industry_cover("1131-2", NULL, &c));
	expect(&c, 2, "1131", "1132");
	cr_assert(pm_industry_cover("487-80", NULL, &c));
	expect(&c, 2, "487", "488");
	cr_assert(pm_industry_cover("7113-4", NULL, &c));
	expect(&c, 2, "7113", "7114");
	/* OEWS and matrix aggregates need the published text */
	cr_assert_not(pm_industry_cover("3250A1", NULL, &c));
	cr_assert_not(pm_industry_cover("4A1000", NULL, &c));
	cr_assert_not(pm_industry_cover("", NULL, &c));
	cr_assert_not(pm_industry_cover("62", "garbage", &c));
}

Test(industry, totals_government_self_employed)
{
	struct pm_cover c;

	cr_assert(pm_industry_cover("TE1000", NULL, &c));
	cr_assert_eq(c.kind, PM_COVER_TOTAL);
	cr_assert(pm_industry_cover("TE1100", NULL, &c));
	cr_assert_eq(c.kind, PM_COVER_SELF);
	cr_assert(pm_industry_cover("9992-3", "999200,300", &c));
	cr_assert_eq(c.kind, PM_COVER_TOTAL);
	cr_assert(pm_industry_cover("999200", NULL, &c));
	cr_assert_eq(c.kind, PM_COVER_GOV);
	cr_assert_eq(c.gov, '2');
	cr_assert(pm_industry_cover("999100", "\xe2\x80\x94", &c));
	cr_assert_eq(c.gov, '1');
	/* the postal service is an industry (NAICS 491), federal in QCEW */
	cr_assert(pm_industry_cover("491000", "491000", &c));
	expect(&c, 1, "491");
}

/* Every industry of EP's real Table 1.9 (2024-34) resolves, from its published NAICS text. */
Test(industry, every_table_1_9_code_resolves)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_xlsx *wb = NULL;
	struct pm_xlsx_sheet *s = NULL;
	size_t rows = 0, industries = 0;
	bool eof = false;

	cr_assert_eq(pm_xlsx_open(&wb, PM_SHARED_DATA "/bls_ep/occupation.xlsx", &err), PM_OK, "%s",
		     err.msg);
	cr_assert_eq(pm_xlsx_sheet_open(wb, "Table 1.9", &s, &err), PM_OK, "%s", err.msg);
	while (pm_xlsx_next_row(s, &eof, &err) == PM_OK && !eof) {
		const char *code = pm_xlsx_cell(s, 1, NULL), *naics = pm_xlsx_cell(s, 3, NULL);
		struct pm_cover c;

		/* data rows: a code in column B and a type in column C */
		if (strcmp(pm_xlsx_cell(s, 2, NULL), "Summary") &&
		    strcmp(pm_xlsx_cell(s, 2, NULL), "Line item"))
			continue;
		rows++;
		cr_assert(pm_industry_cover(code, naics, &c), "%s '%s' does not resolve", code,
			  naics);
		industries += c.kind == PM_COVER_INDUSTRY;
	}
	cr_assert_eq(err.code, PM_OK, "%s", err.msg);
	/* 423 matrix industries; all but the totals, self-employed and government are NAICS */
	cr_assert_eq(rows, 423);
	cr_assert_geq(industries, 410);
	pm_xlsx_sheet_free(s);
	pm_xlsx_free(wb);
}
