#ifndef PM_TESTS_UNIT_CELLS_FIXTURE_H
#define PM_TESTS_UNIT_CELLS_FIXTURE_H
/*
 * Terse builders for analysis inputs in unit tests.
 *
 * fx_cell() adds a disclosed cell whose three months all equal EMP.
 * fx_supp() adds a suppressed one. BLS writes a suppressed cell's measures
 * as 0; the fixture writes FX_POISON instead, so a test sees at once if
 * anything reads a suppressed value as if it were a number.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "analysis/cells.h"
#include "sectors/naics.h"

#define FX_POISON 1000003

static inline struct pm_qcell *fx_cell(struct pm_qcell_set *s, const char *area, char own,
				       const char *industry, int64_t emp, int64_t wages)
{
	struct pm_qcell *c = pm_qcell_set_add(s);

	c->area = pm_qcell_set_intern(s, area);
	c->industry = pm_qcell_set_intern(s, industry);
	c->own = own;
	c->level = pm_naics_level(industry);
	c->disclosed = true;
	c->estabs = 1;
	c->emp = c->month1 = c->month2 = emp;
	c->wages = wages;
	c->lq_pub = NAN;
	return c;
}

static inline struct pm_qcell *fx_supp(struct pm_qcell_set *s, const char *area, char own,
				       const char *industry)
{
	struct pm_qcell *c = fx_cell(s, area, own, industry, FX_POISON, FX_POISON);

	c->disclosed = false;
	return c;
}

/* Find the (first) cell of AREA, OWN, INDUSTRY in S, or NULL. */
static inline struct pm_qcell *fx_find(struct pm_qcell_set *s, const char *area, char own,
				       const char *industry)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].own == own && !strcmp(s->v[i].area, area) &&
		    !strcmp(s->v[i].industry, industry))
			return &s->v[i];
	return NULL;
}

/* Mark an existing cell suppressed (measures poisoned, as fx_supp). */
static inline void fx_suppress(struct pm_qcell *c)
{
	c->disclosed = false;
	c->emp = c->month1 = c->month2 = c->wages = FX_POISON;
}

static inline struct pm_lq_source *fx_src(struct pm_lq_source_set *s, const char *area, char own,
					  const char *industry, int64_t emp, int64_t area_total,
					  double lq_pub)
{
	struct pm_lq_source *r = pm_lq_source_set_add(s);

	r->area = pm_lq_source_set_intern(s, area);
	r->industry = pm_lq_source_set_intern(s, industry);
	r->own = own;
	r->emp = emp;
	r->area_total = area_total;
	r->lq_pub = lq_pub;
	return r;
}

#endif
