/*
 * Unit tests for analysis/staffing.c: region industry employment allocated
 * to staffing patterns top-down, with suppressed cells, government
 * fallbacks and uncovered industries. Every expected value is worked out
 * in the comments.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "analysis/staffing.h"
#include "cells_fixture.h"

struct fx_map {
	struct pm_staff_map map;
	double w[8];
};

/* Patterns 0..N-1 at the NAICS codes CODES with national weights W. */
static void fx_map(struct fx_map *m, const char *const *codes, const double *w, size_t n)
{
	size_t i;

	memset(m, 0, sizeof *m);
	for (i = 0; i < n; i++) {
		pm_strmap_put(&m->map.naics, codes[i], i);
		m->w[i] = w[i];
	}
	m->map.weight = m->w;
	m->map.n = n;
	m->map.gov[1] = m->map.gov[2] = m->map.gov[3] = PM_STAFF_NONE;
}

#define EPS 1e-9

Test(staffing, suppressed_children_take_the_residual)
{
	static const char *const codes[] = { "621", "622", "62" };
	static const double w[] = { 100, 300, 500 };
	static const char *const tops[] = { "62", NULL };
	struct pm_qcell_set s;
	struct pm_staff_alloc a;
	struct fx_map m;

	pm_qcell_set_init(&s);
	/* county A: 62 = 1000 = 621 400 + 622 500 + 623 100, all disclosed */
	fx_cell(&s, "A", '5', "62", 1000, 0);
	fx_cell(&s, "A", '5', "621", 400, 0);
	fx_cell(&s, "A", '5', "622", 500, 0);
	fx_cell(&s, "A", '5', "623", 100, 0);
	/* county B: 62 = 500; 621 = 200; 622 and 623 suppressed, each bounded by 500 - 200 = 300 */
	fx_cell(&s, "B", '5', "62", 500, 0);
	fx_cell(&s, "B", '5', "621", 200, 0);
	fx_supp(&s, "B", '5', "622");
	fx_supp(&s, "B", '5', "623");
	fx_map(&m, codes, w, 3);

	pm_staff_allocate(s.v, s.n, "5", tops, &m.map, &a);
	/* region 62 = 1500; children known: 621 600, 622 500, 623 100 -> residual 300.
	 * Suppressed 622 (weight 300) and 623 (no pattern below: weight 0): 622 takes all 300
	 * (its cap is 300). 623 has no pattern of its own: its 100 stays with 62's. */
	cr_assert_float_eq(a.emp[0], 600, EPS);
	cr_assert_float_eq(a.emp[1], 800, EPS);
	cr_assert_float_eq(a.emp[2], 100, EPS);
	cr_assert_float_eq(a.estimated[1], 300, EPS);
	cr_assert_float_eq(a.estimated[0], 0, EPS);
	cr_assert_float_eq(a.total, 1500, EPS);
	cr_assert_float_eq(a.total_estimated, 0, EPS);
	cr_assert_eq(a.nuncovered, 0);
	pm_staff_alloc_release(&a);
	pm_qcell_set_release(&s);
	pm_strmap_release(&m.map.naics);
}

Test(staffing, caps_share_out_the_rest)
{
	static const char *const codes[] = { "311", "312", "31-33" };
	static const double w[] = { 100, 100, 1000 };
	static const char *const tops[] = { "31-33", NULL };
	struct pm_qcell_set s;
	struct pm_staff_alloc a;
	struct fx_map m;

	pm_qcell_set_init(&s);
	/* one county: 31-33 = 1000; 311 suppressed, 312 suppressed, 313 = 700.
	 * Bounds: 311 and 312 <= 300 each. */
	fx_cell(&s, "A", '5', "31-33", 1000, 0);
	fx_supp(&s, "A", '5', "311");
	fx_supp(&s, "A", '5', "312");
	fx_cell(&s, "A", '5', "313", 700, 0);
	fx_map(&m, codes, w, 3);

	pm_staff_allocate(s.v, s.n, "5", tops, &m.map, &a);
	/* residual 300 split by equal weights: 150 each (below the caps) */
	cr_assert_float_eq(a.emp[0], 150, EPS);
	cr_assert_float_eq(a.emp[1], 150, EPS);
	/* 313 has no pattern: it takes the sector's */
	cr_assert_float_eq(a.emp[2], 700, EPS);
	pm_staff_alloc_release(&a);

	/* now weights 900 : 100 but 311's room is only 200 (a third child of 100 disclosed) */
	fx_find(&s, "A", '5', "313")->emp = 800;
	m.w[0] = 900;
	pm_staff_allocate(s.v, s.n, "5", tops, &m.map, &a);
	/* residual 200, caps 200 each: 311 wants 180, 312 20; nobody is capped */
	cr_assert_float_eq(a.emp[0], 180, EPS);
	cr_assert_float_eq(a.emp[1], 20, EPS);
	pm_staff_alloc_release(&a);

	pm_qcell_set_release(&s);

	/* Caps bind across counties. A: 31-33 500, 311 (D) <= 500 - 400 = 100, 312 400.
	 * B: 31-33 500, 311 100, 312 (D) <= 400. Region: known 311 100 + 312 400,
	 * residual 500. Weights 900 : 100: 311 wants 450 but has room for 100; 312 takes
	 * 50, then the remaining 350 (its room is 400). */
	pm_qcell_set_init(&s);
	fx_cell(&s, "A", '5', "31-33", 500, 0);
	fx_supp(&s, "A", '5', "311");
	fx_cell(&s, "A", '5', "312", 400, 0);
	fx_cell(&s, "B", '5', "31-33", 500, 0);
	fx_cell(&s, "B", '5', "311", 100, 0);
	fx_supp(&s, "B", '5', "312");
	pm_staff_allocate(s.v, s.n, "5", tops, &m.map, &a);
	cr_assert_float_eq(a.emp[0], 200, EPS);
	cr_assert_float_eq(a.emp[1], 800, EPS);
	cr_assert_float_eq(a.estimated[0], 100, EPS);
	cr_assert_float_eq(a.estimated[1], 400, EPS);
	cr_assert_float_eq(a.emp[2], 0, EPS);
	cr_assert_float_eq(a.total, 1000, EPS);
	pm_staff_alloc_release(&a);
	pm_qcell_set_release(&s);
	pm_strmap_release(&m.map.naics);
}

Test(staffing, suppressed_top_starts_mid_bounds)
{
	static const char *const codes[] = { "23" };
	static const double w[] = { 1 };
	static const char *const tops[] = { "23", NULL };
	struct pm_qcell_set s;
	struct pm_staff_alloc a;
	struct fx_map m;

	pm_qcell_set_init(&s);
	/* private total 1000, retail 700 disclosed: construction is at most 300 */
	fx_cell(&s, "A", '5', "10", 1000, 0);
	fx_supp(&s, "A", '5', "23");
	fx_cell(&s, "A", '5', "44-45", 700, 0);
	fx_map(&m, codes, w, 1);

	pm_staff_allocate(s.v, s.n, "5", tops, &m.map, &a);
	cr_assert_float_eq(a.emp[0], 150, EPS);
	cr_assert_float_eq(a.estimated[0], 150, EPS);
	cr_assert_float_eq(a.total_estimated, 150, EPS);
	cr_assert_eq(a.suppressed_tops, 1);
	pm_staff_alloc_release(&a);
	pm_qcell_set_release(&s);
	pm_strmap_release(&m.map.naics);
}

Test(staffing, government_fallback_and_uncovered)
{
	static const char *const codes[] = { "611", "local-gov" };
	static const double w[] = { 10, 10 };
	static const char *const tops[] = { "11", "61", "92", NULL };
	struct pm_qcell_set s;
	struct pm_staff_alloc a;
	struct fx_map m;

	pm_qcell_set_init(&s);
	fx_cell(&s, "A", '5', "11", 50, 0); /* farms: no pattern anywhere */
	fx_cell(&s, "A", '5', "61", 80, 0); /* private schools */
	fx_cell(&s, "A", '5', "611", 80, 0);
	fx_cell(&s, "A", '3', "61", 300, 0); /* public schools */
	fx_cell(&s, "A", '3', "611", 300, 0);
	fx_cell(&s, "A", '3', "92", 200, 0); /* local public administration */
	fx_map(&m, codes, w, 2);
	m.map.gov[3] = 1;

	pm_staff_allocate(s.v, s.n, "35", tops, &m.map, &a);
	/* schools of both ownerships take the 611 pattern: 80 + 300 */
	cr_assert_float_eq(a.emp[0], 380, EPS);
	/* local public administration has no industry pattern: the local fallback */
	cr_assert_float_eq(a.emp[1], 200, EPS);
	/* farms are reported, not dropped */
	cr_assert_eq(a.nuncovered, 1);
	cr_assert_eq(a.uncovered[0].own, '5');
	cr_assert_str_eq(a.uncovered[0].industry, "11");
	cr_assert_float_eq(a.uncovered[0].emp, 50, EPS);
	cr_assert_float_eq(a.total, 630, EPS);
	pm_staff_alloc_release(&a);
	pm_qcell_set_release(&s);
	pm_strmap_release(&m.map.naics);
}

Test(staffing, finer_pattern_below_a_coarse_one)
{
	/* patterns at 622 and at 6221 only: 6222 and 6223 keep 622's */
	static const char *const codes[] = { "622", "6221" };
	static const double w[] = { 100, 80 };
	static const char *const tops[] = { "62", NULL };
	struct pm_qcell_set s;
	struct pm_staff_alloc a;
	struct fx_map m;

	pm_qcell_set_init(&s);
	fx_cell(&s, "A", '5', "62", 1000, 0);
	fx_cell(&s, "A", '5', "621", 300, 0);
	fx_cell(&s, "A", '5', "622", 700, 0);
	fx_cell(&s, "A", '5', "6221", 600, 0);
	fx_cell(&s, "A", '5', "6222", 60, 0);
	fx_cell(&s, "A", '5', "6223", 40, 0);
	fx_map(&m, codes, w, 2);

	pm_staff_allocate(s.v, s.n, "5", tops, &m.map, &a);
	cr_assert_float_eq(a.emp[1], 600, EPS);
	cr_assert_float_eq(a.emp[0], 100, EPS);
	/* 621 (300) has no pattern at or above it within the sector */
	cr_assert_eq(a.nuncovered, 1);
	cr_assert_str_eq(a.uncovered[0].industry, "621");
	cr_assert_float_eq(a.uncovered[0].emp, 300, EPS);
	pm_staff_alloc_release(&a);
	pm_qcell_set_release(&s);
	pm_strmap_release(&m.map.naics);
}

Test(staffing, ownership_specific_patterns)
{
	/* EP's "6110P0" (private schools) and "6110Y0" (state and local) beside "611000" */
	static const char *const codes[] = { "611", "5:611", "2:611", "3:611" };
	static const double w[] = { 100, 20, 30, 50 };
	static const char *const tops[] = { "61", NULL };
	struct pm_qcell_set s;
	struct pm_staff_alloc a;
	struct fx_map m;

	pm_qcell_set_init(&s);
	fx_cell(&s, "A", '5', "61", 80, 0);
	fx_cell(&s, "A", '5', "611", 80, 0);
	fx_cell(&s, "A", '3', "61", 300, 0);
	fx_cell(&s, "A", '3', "611", 300, 0);
	fx_cell(&s, "A", '1', "61", 10, 0);
	fx_cell(&s, "A", '1', "611", 10, 0);
	fx_map(&m, codes, w, 4);

	pm_staff_allocate(s.v, s.n, "135", tops, &m.map, &a);
	cr_assert_float_eq(a.emp[1], 80, EPS);	/* private */
	cr_assert_float_eq(a.emp[3], 300, EPS); /* local */
	cr_assert_float_eq(a.emp[2], 0, EPS);
	cr_assert_float_eq(a.emp[0], 10, EPS); /* federal schools: the all-ownership pattern */
	pm_staff_alloc_release(&a);
	pm_qcell_set_release(&s);
	pm_strmap_release(&m.map.naics);
}
