/*
 * Reading a QCEW annual singlefile for the all-area table (see allareas.h
 * and allareas_int.h): the header, each line, and one part of the input.
 *
 * The singlefile has 38 columns and about 3.5 M lines, of which a job uses
 * few: the county totals (agglvl 70, one a county), the county rows of one
 * ownership at one industry level (agglvl 74 for sectors: ~62 k lines;
 * 76 for 4-digit industries: ~505 k), and US000's matching rows. Columns
 * are found by header name once. Each line is tokenized up to its
 * aggregation level and ownership (the fourth field in BLS's order); a line
 * not used ends there with one memchr to its '\n'. A used line is read up to
 * annual_avg_emplvl and validated. Employment is parsed as an integer
 * (pm_parse_i64), never through strtod.
 *
 * Line numbers in messages are physical lines of the part; allareas.c adds
 * the lines before the part when it reports an error.
 */
#include <ctype.h>
#include <math.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/linetok.h"
#include "core/parse.h"
#include "core/xalloc.h"
#include "sectors/allareas_int.h"
#include "sectors/naics.h"
#include "store/qcew.h"
#include "core/banned.h"

#define MAX_COLS 1024

static const char *const col_names[NCOLS] = {
	"area_fips", "own_code", "industry_code",   "agglvl_code",
	"year",	     "qtr",	 "disclosure_code", "annual_avg_emplvl",
};

static bool known_has(const struct aa_known *k, uint64_t code)
{
	size_t i = (size_t)(code * 0x9E3779B97F4A7C15u >> 52) & (AA_KNOWN_SLOTS - 1);

	while (k->slot[i] && k->slot[i] != code)
		i = (i + 1) & (AA_KNOWN_SLOTS - 1);
	return k->slot[i] == code;
}

static void known_add(struct aa_known *k, uint64_t code)
{
	size_t i = (size_t)(code * 0x9E3779B97F4A7C15u >> 52) & (AA_KNOWN_SLOTS - 1);

	if (k->n >= AA_KNOWN_SLOTS / 2)
		return; /* full enough: later codes are simply checked each time */
	while (k->slot[i] && k->slot[i] != code)
		i = (i + 1) & (AA_KNOWN_SLOTS - 1);
	if (!k->slot[i]) {
		k->slot[i] = code;
		k->n++;
	}
}

/* ---- the header ---- */

static bool name_is(const struct pm_ltok_field *f, const char *name)
{
	const char *p = f->p;
	size_t n = f->len, len = strlen(name);

	while (n && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return n == len && !strncasecmp(p, name, n);
}

static enum pm_status read_header(char *line, char *end, const char *name, struct aa_layout *lay,
				  char **next, struct pm_err *err)
{
	struct pm_ltok_field *f = pm_xmalloc(MAX_COLS * sizeof *f);
	struct pm_ltok t;
	enum pm_status rc = PM_OK;
	size_t i, k;

	if (line == end) {
		rc = pm_err_set(err, PM_EDATA, "%s: empty file", name);
		goto out;
	}
	if (*line == '<') {
		rc = pm_err_set(err, PM_EDATA,
				"%s:1: an HTML or XML page, not a CSV (an error page saved in "
				"place of the data?)",
				name);
		goto out;
	}
	pm_ltok_begin(&t, line, end, f, MAX_COLS);
	if (pm_ltok_all(&t)) {
		rc = pm_err_set(err, PM_EDATA, "%s:1: header field %zu: %s", name, t.nf + 1, t.why);
		goto out;
	}
	lay->decide = lay->need = 0;
	for (k = 0; k < NCOLS; k++) {
		for (i = 0; i < t.nf && !name_is(&f[i], col_names[k]); i++)
			;
		if (i == t.nf) {
			rc = pm_err_set(
				err, PM_EDATA,
				"%s:1: not a QCEW annual file: the header lacks column '%s'", name,
				col_names[k]);
			goto out;
		}
		lay->col[k] = i;
		if (i + 1 > lay->need)
			lay->need = i + 1;
		if (k == C_OWN || k == C_AGGLVL)
			lay->decide = i + 1 > lay->decide ? i + 1 : lay->decide;
	}
	*next = pm_ltok_next_line(&t);
out:
	free(f);
	return rc;
}

/* ---- one line ---- */

static int fail(struct aa_part *p, const char *field, const struct pm_ltok_field *f,
		const char *what)
{
	pm_err_set(&p->err, PM_EDATA, "field '%s': '%.*s' %s", field,
		   (int)(f->len > 40 ? 40 : f->len), f->p, what);
	return -1;
}

static int malformed(struct aa_part *p, const struct pm_ltok *t)
{
	pm_err_set(&p->err, PM_EDATA, "field %zu: %s", t->nf + 1, t->why);
	return -1;
}

static bool is_code(const struct pm_ltok_field *f, size_t maxlen)
{
	size_t i;

	if (!f->len || f->len > maxlen)
		return false;
	for (i = 0; i < f->len; i++)
		if (!isdigit((unsigned char)f->p[i]) && !isupper((unsigned char)f->p[i]) &&
		    f->p[i] != '-')
			return false;
	return true;
}

/* Employment of a used line: -1 when unknown. */
static int employment(struct aa_part *p, const struct pm_ltok_field *f, int64_t *emp)
{
	const struct pm_ltok_field *d = &f[p->lay->col[C_DISCLOSURE]];
	const struct pm_ltok_field *e = &f[p->lay->col[C_EMP]];

	if (d->len > 1 || (d->len == 1 && d->p[0] != 'N' && d->p[0] != '-'))
		return fail(p, "disclosure_code", d,
			    "is not a disclosure code (expected empty, N or -)");
	*emp = -1;
	if (pm_is_blank(e->p, e->len))
		return 0;
	if (pm_parse_i64(e->p, e->len, emp) || *emp < 0)
		return fail(p, "annual_avg_emplvl", e, "is not a whole number of jobs");
	/* BLS writes a suppressed cell's measures as 0: unknown, never zero. */
	if (d->len == 1 && d->p[0] == 'N')
		*emp = -1;
	return 0;
}

static int check_period(struct aa_part *p, const struct pm_ltok_field *f)
{
	const struct pm_ltok_field *y = &f[p->lay->col[C_YEAR]], *q = &f[p->lay->col[C_QTR]];
	int64_t year;

	if (pm_parse_i64(y->p, y->len, &year) || year < 1970 || year > 2200)
		return fail(p, "year", y, "is not a year");
	if (p->year && year != p->year)
		return fail(p, "year", y, "differs from the year of the rows before it");
	p->year = (int)year;
	if (q->len != 1 || (q->p[0] != 'A' && q->p[0] != 'a'))
		return fail(p, "qtr", q, "is not 'A' (an annual file)");
	return 0;
}

static void add_total(struct aa_total **v, size_t *n, size_t *alloc, uint64_t key, int64_t emp)
{
	PM_ALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[*n].key = key;
	(*v)[*n].emp = emp;
	(*n)++;
}

enum use { SKIP, COUNTY_TOTAL, COUNTY_CELL, US_TOTAL, US_CELL };

static int line(struct aa_part *p, struct pm_ltok *t)
{
	const struct aa_layout *lay = p->lay;
	const struct pm_ltok_field *f = t->f, *agg, *own, *area, *ind;
	char agg_code[3], code[9];
	enum use use = SKIP;
	uint64_t ikey;
	int64_t emp;

	if (pm_ltok_upto(t, lay->decide))
		return malformed(p, t);
	if (t->nf < lay->decide)
		goto short_line;
	agg = &f[lay->col[C_AGGLVL]];
	own = &f[lay->col[C_OWN]];
	if (agg->len != 2 || !isdigit((unsigned char)agg->p[0]) ||
	    !isdigit((unsigned char)agg->p[1]))
		return fail(p, "agglvl_code", agg, "is not an aggregation level code");
	memcpy(agg_code, agg->p, 2);
	agg_code[2] = '\0';
	if (agg_code[0] == '7' || agg_code[0] == '1') {
		bool county = agg_code[0] == '7';

		if (agg_code[1] == '0')
			use = county ? COUNTY_TOTAL : US_TOTAL;
		else if (own->len == 1 && own->p[0] == p->opts->own &&
			 pm_qcew_agglvl_level(agg_code) == p->opts->level)
			use = county ? COUNTY_CELL : US_CELL;
	}
	if (use == SKIP)
		return 0;

	if (pm_ltok_upto(t, lay->need))
		return malformed(p, t);
	if (t->nf < lay->need)
		goto short_line;
	area = &f[lay->col[C_AREA]];
	ind = &f[lay->col[C_INDUSTRY]];
	if (area->len != 5 || !is_code(area, 5) || memchr(area->p, '-', 5))
		return fail(p, "area_fips", area, "is not an area code");
	if (!is_code(ind, 8))
		return fail(p, "industry_code", ind, "is not an industry code");
	ikey = pm_allareas_pack(ind->p, ind->len);
	if (!known_has(p->known, ikey)) {
		memcpy(code, ind->p, ind->len);
		code[ind->len] = '\0';
		if (pm_naics_level(code) < 0)
			return fail(p, "industry_code", ind, "is not an industry code");
		known_add(p->known, ikey);
	}
	if (check_period(p, f) || employment(p, f, &emp))
		return -1;
	if (use == COUNTY_TOTAL || use == US_TOTAL) {
		if (!pm_ltok_eq(own, "0") || !pm_ltok_eq(ind, "10"))
			return fail(p, "agglvl_code", agg,
				    "marks a total, but the row is not own_code 0, industry 10");
		if (use == US_TOTAL) {
			p->us_total = emp;
			p->nus_total++;
		} else {
			add_total(&p->totals, &p->ntotals, &p->atotals,
				  pm_allareas_pack(area->p, 5), emp);
		}
	} else if (use == US_CELL) {
		add_total(&p->us, &p->nus, &p->aus, ikey, emp);
	} else {
		struct pm_allareas_row *r;

		PM_ALLOC_GROW(p->cells, p->ncells + 1, p->acells);
		r = &p->cells[p->ncells++];
		r->area = pm_allareas_pack(area->p, 5);
		r->industry = ikey;
		r->emp = emp;
		r->lq = NAN;
	}
	return 0;
short_line:
	pm_err_set(&p->err, PM_EDATA, "expected at least %zu fields, found %zu%s", lay->need, t->nf,
		   t->nf <= 1 ? "" : " (truncated file?)");
	return -1;
}

/* Tokenize the lines of [S, E). */
static int block(struct aa_part *p, char *s, char *e)
{
	struct pm_ltok_field f[MAX_COLS];
	struct pm_ltok t;

	while (s < e) {
		p->lines++;
		if (pm_ltok_blank(s)) {
			s = (char *)memchr(s, '\n', (size_t)(e - s)) + 1;
			continue;
		}
		pm_ltok_begin(&t, s, e, f, p->lay->need);
		if (line(p, &t)) {
			p->err_line = p->lines;
			p->err_located = true;
			p->rc = PM_EDATA;
			return -1;
		}
		s = pm_ltok_next_line(&t);
	}
	return 0;
}

/* Read part P (its lines after FIRST, a block already read, when given). */
void aa_run_part(struct aa_part *p, struct pm_lines *l, char *first, char *first_end)
{
	char *s, *e;

	if (!p->known)
		p->known = pm_xcalloc(1, sizeof *p->known);
	if (first && block(p, first, first_end))
		return;
	/* A part stops when one before it failed: that error is reported. */
	while (atomic_load(p->failed) > p->index) {
		if ((p->rc = pm_lines_next(l, &s, &e, &p->err)))
			return;
		if (s == e || block(p, s, e))
			return;
	}
}

void *aa_part_thread(void *arg)
{
	struct aa_part *p = arg;
	struct pm_lines l;
	struct pm_reader *rd;

	if ((p->rc = pm_lines_open_range(&rd, p->path, p->off, p->len, &p->err)))
		goto out;
	pm_lines_init(&l, rd, p->opts->block);
	aa_run_part(p, &l, NULL, NULL);
	pm_lines_release(&l);
out:
	if (p->rc) {
		int f = atomic_load(p->failed);

		while (f > p->index && !atomic_compare_exchange_weak(p->failed, &f, p->index))
			;
	}
	return NULL;
}

void aa_part_release(struct aa_part *p)
{
	free(p->known);
	p->known = NULL;
	free(p->cells);
	free(p->totals);
	free(p->us);
	p->cells = NULL;
	p->totals = p->us = NULL;
}

enum pm_status aa_start(struct pm_lines *l, const char *name, struct aa_layout *lay, char **first,
			char **end, uint64_t *hdr, struct pm_err *err)
{
	enum pm_status rc;
	char *s;

	if ((rc = pm_lines_next(l, &s, end, err)) ||
	    (rc = read_header(s, *end, name, lay, first, err)))
		return rc;
	*hdr = (uint64_t)(*first - l->buf);
	return PM_OK;
}
