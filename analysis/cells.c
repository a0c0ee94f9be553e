/* Containers for analysis inputs (see cells.h). */
#include "analysis/cells.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "core/banned.h"

void pm_qcell_set_init(struct pm_qcell_set *s)
{
	memset(s, 0, sizeof *s);
}

void pm_qcell_set_release(struct pm_qcell_set *s)
{
	free(s->v);
	pm_strmap_release(&s->strings);
	memset(s, 0, sizeof *s);
}

struct pm_qcell *pm_qcell_set_add(struct pm_qcell_set *s)
{
	struct pm_qcell *c;

	PM_ALLOC_GROW(s->v, s->n + 1, s->alloc);
	c = &s->v[s->n++];
	memset(c, 0, sizeof *c);
	c->lq_pub = NAN;
	return c;
}

const char *pm_qcell_set_intern(struct pm_qcell_set *s, const char *str)
{
	return pm_intern(&s->strings, str);
}

void pm_qcell_set_previous(const struct pm_qcell_set *cur, struct pm_qcell_set *out)
{
	size_t i;

	for (i = 0; i < cur->n; i++) {
		const struct pm_qcell *c = &cur->v[i];
		struct pm_qcell *p;

		p = pm_qcell_set_add(out);
		p->area = pm_qcell_set_intern(out, c->area);
		p->industry = pm_qcell_set_intern(out, c->industry);
		p->own = c->own;
		p->level = c->level;
		p->estabs = c->estabs_prev;
		p->disclosed = c->disclosed && c->prev_known;
		p->emp = p->month1 = p->month2 = c->emp_prev;
		p->wages = c->wages_prev;
		p->dataset_id = c->dataset_id;
	}
}

void pm_lq_source_set_init(struct pm_lq_source_set *s)
{
	memset(s, 0, sizeof *s);
}

void pm_lq_source_set_mark(struct pm_lq_source_set *s, char own, const char *industry)
{
	char k[32];

	snprintf(k, sizeof k, "%c|%s", own, industry);
	pm_strmap_put(&s->present, k, 0);
}

bool pm_lq_source_set_present(const struct pm_lq_source_set *s, char own, const char *industry)
{
	char k[32];

	snprintf(k, sizeof k, "%c|%s", own, industry);
	return pm_strmap_get(&s->present, k, NULL);
}

void pm_lq_source_set_release(struct pm_lq_source_set *s)
{
	free(s->v);
	pm_strmap_release(&s->strings);
	pm_strmap_release(&s->present);
	memset(s, 0, sizeof *s);
}

struct pm_lq_source *pm_lq_source_set_add(struct pm_lq_source_set *s)
{
	struct pm_lq_source *c;

	PM_ALLOC_GROW(s->v, s->n + 1, s->alloc);
	c = &s->v[s->n++];
	memset(c, 0, sizeof *c);
	return c;
}

const char *pm_lq_source_set_intern(struct pm_lq_source_set *s, const char *str)
{
	return pm_intern(&s->strings, str);
}
