/* Unit tests for analysis/cells.c: previous-year cells from over-the-year changes. */
#include <criterion/criterion.h>
#include <math.h>

#include "analysis/cells.h"

Test(cells, previous_year_levels_come_from_oty_changes)
{
	struct pm_qcell_set cur, prev;
	struct pm_qcell *c;

	pm_qcell_set_init(&cur);
	pm_qcell_set_init(&prev);
	c = pm_qcell_set_add(&cur);
	c->area = pm_qcell_set_intern(&cur, "39049");
	c->industry = pm_qcell_set_intern(&cur, "62");
	c->own = '5';
	c->level = 2;
	c->disclosed = true;
	c->estabs = 100;
	c->emp = 1200;
	c->wages = 60000;
	c->prev_known = true;
	c->emp_prev = 1000;    /* 1200 - oty change 200 */
	c->wages_prev = 50000;
	c->estabs_prev = 95;
	c = pm_qcell_set_add(&cur);
	c->area = pm_qcell_set_intern(&cur, "39049");
	c->industry = pm_qcell_set_intern(&cur, "72");
	c->own = '5';
	c->level = 2;
	c->disclosed = true;   /* disclosed now, but its change was not published */
	c->emp = 500;
	c->estabs = 40;
	c->estabs_prev = 40;
	c = pm_qcell_set_add(&cur);
	c->area = pm_qcell_set_intern(&cur, "39049");
	c->industry = pm_qcell_set_intern(&cur, "11");
	c->own = '5';
	c->level = 2;
	c->disclosed = false;  /* suppressed now: last year is unknown too */
	c->estabs = 3;
	c->estabs_prev = 3;

	pm_qcell_set_previous(&cur, &prev);
	cr_assert_eq(prev.n, 3);
	cr_assert(prev.v[0].disclosed);
	cr_assert_eq(prev.v[0].emp, 1000);
	cr_assert_eq(prev.v[0].month1, 1000);
	cr_assert_eq(prev.v[0].wages, 50000);
	cr_assert_eq(prev.v[0].estabs, 95);
	cr_assert_str_eq(prev.v[0].industry, "62");
	cr_assert(isnan(prev.v[0].lq_pub));
	cr_assert_not(prev.v[1].disclosed, "an unpublished change is unknown, not zero");
	cr_assert_not(prev.v[2].disclosed);
	cr_assert_eq(prev.v[2].estabs, 3);
	pm_qcell_set_release(&cur);
	pm_qcell_set_release(&prev);
}

Test(cells, lq_source_presence)
{
	struct pm_lq_source_set s;

	pm_lq_source_set_init(&s);
	cr_assert_not(pm_lq_source_set_present(&s, '1', "72"));
	pm_lq_source_set_mark(&s, '1', "72");
	cr_assert(pm_lq_source_set_present(&s, '1', "72"));
	cr_assert_not(pm_lq_source_set_present(&s, '5', "72"));
	pm_lq_source_set_release(&s);
}
