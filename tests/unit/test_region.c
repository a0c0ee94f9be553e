/* Unit tests for sectors/region.c: defining, loading, listing and deleting regions. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sectors/region.h"
#include "store/store.h"

static char dir[64];
static struct pm_store *st;

static void setup(void)
{
	char path[128];

	strcpy(dir, "/tmp/pm-region-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/store.db", dir);
	cr_assert_eq(pm_store_open(&st, path, PM_STORE_CREATE, NULL), PM_OK);
}

static void teardown(void)
{
	char cmd[128];

	pm_store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(region, .init = setup, .fini = teardown);

Test(region, msa_members_come_from_the_crosswalk)
{
	static const char *const want[] = { "39041", "39045", "39049", "39073", "39089",
					    "39097", "39117", "39127", "39129", "39159" };
	struct pm_region r;
	struct pm_err err = PM_ERR_INIT;
	size_t i;

	cr_assert_eq(pm_region_define(st, "columbus", "msa", "C1814", false, &r, &err), PM_OK,
		     "%s", err.msg);
	cr_assert_eq(r.nareas, 10);
	for (i = 0; i < 10; i++)
		cr_assert_str_eq(r.areas[i], want[i]);
	cr_assert_str_eq(r.definition, "--msa C1814");
	cr_assert_str_eq(r.code, "C1814");
	pm_region_release(&r);

	/* A CBSA code names the same MSA. */
	cr_assert_eq(pm_region_define(st, "cbsa", "msa", "18140", false, &r, NULL), PM_OK);
	cr_assert_eq(r.nareas, 10);
	pm_region_release(&r);

	cr_assert_eq(pm_region_load(st, "columbus", &r, NULL), PM_OK);
	cr_assert_eq(r.nareas, 10);
	cr_assert_str_eq(r.kind, "msa");
	cr_assert_not(r.published);
	pm_region_release(&r);
}

Test(region, csa_and_state)
{
	struct pm_region r;
	size_t i;
	bool has999 = false;

	cr_assert_eq(pm_region_define(st, "csa", "csa", "CS198", false, &r, NULL), PM_OK);
	cr_assert_gt(r.nareas, 10);
	pm_region_release(&r);
	cr_assert_eq(pm_region_define(st, "ohio", "state", "oh", false, &r, NULL), PM_OK);
	/* 88 counties plus the pseudo-counties 39996-39999. */
	cr_assert_eq(r.nareas, 92);
	for (i = 0; i < r.nareas; i++) {
		cr_assert_eq(strncmp(r.areas[i], "39", 2), 0);
		has999 |= !strcmp(r.areas[i], "39999");
	}
	cr_assert(has999);
	cr_assert_str_eq(r.code, "39000");
	pm_region_release(&r);
	cr_assert_eq(pm_region_define(st, "ohio2", "state", "39", false, &r, NULL), PM_OK);
	cr_assert_eq(r.nareas, 92);
	pm_region_release(&r);
}

Test(region, county_lists_are_validated_and_sorted)
{
	struct pm_region r;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(pm_region_define(st, "core", "counties", "39049, 39041,39049", false, &r, &err),
		     PM_OK, "%s", err.msg);
	cr_assert_eq(r.nareas, 2, "duplicates are dropped");
	cr_assert_str_eq(r.areas[0], "39041");
	cr_assert(r.published == false);
	pm_region_release(&r);

	cr_assert_eq(pm_region_define(st, "x", "counties", "39200", false, NULL, &err), PM_ENOTFOUND);
	cr_assert(strstr(err.msg, "unknown county '39200'"), "%s", err.msg);
	cr_assert_eq(pm_region_define(st, "x", "counties", "3904", false, NULL, &err), PM_EUSAGE);
	cr_assert_eq(pm_region_define(st, "x", "counties", "39000", false, NULL, &err), PM_EUSAGE);
	cr_assert_eq(pm_region_define(st, "x", "counties", " , ", false, NULL, &err), PM_EUSAGE);
	cr_assert_eq(pm_region_define(st, "x", "msa", "C9999", false, NULL, &err), PM_ENOTFOUND);
	cr_assert_eq(pm_region_define(st, "x", "state", "ZZ", false, NULL, &err), PM_ENOTFOUND);
	cr_assert_eq(pm_region_define(st, "bad name", "counties", "39049", false, NULL, &err),
		     PM_EUSAGE);
	/* Failures leave no trace. */
	cr_assert_eq(pm_region_load(st, "x", &r, NULL), PM_ENOTFOUND);
}

Test(region, redefinition_needs_replace)
{
	struct pm_region r;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(pm_region_define(st, "r", "counties", "39049", false, NULL, NULL), PM_OK);
	cr_assert_eq(pm_region_define(st, "r", "counties", "39041,39045", false, NULL, &err),
		     PM_EUSAGE);
	cr_assert(strstr(err.msg, "--replace"), "%s", err.msg);
	cr_assert_eq(pm_region_define(st, "r", "counties", "39041,39045", true, NULL, NULL), PM_OK);
	cr_assert_eq(pm_region_load(st, "r", &r, NULL), PM_OK);
	cr_assert_eq(r.nareas, 2);
	pm_region_release(&r);
}

Test(region, list_and_delete)
{
	struct pm_region *rs;
	size_t n, i;

	cr_assert_eq(pm_region_define(st, "b", "counties", "39049", false, NULL, NULL), PM_OK);
	cr_assert_eq(pm_region_define(st, "a", "msa", "C1814", false, NULL, NULL), PM_OK);
	cr_assert_eq(pm_region_list(st, &rs, &n, NULL), PM_OK);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(rs[0].name, "a");
	cr_assert_str_eq(rs[1].name, "b");
	cr_assert(rs[1].published, "a one-county region is a published area");
	for (i = 0; i < n; i++)
		pm_region_release(&rs[i]);
	free(rs);
	cr_assert_eq(pm_region_delete(st, "a", NULL), PM_OK);
	cr_assert_eq(pm_region_delete(st, "a", NULL), PM_ENOTFOUND);
	cr_assert_eq(pm_region_list(st, &rs, &n, NULL), PM_OK);
	cr_assert_eq(n, 1);
	pm_region_release(&rs[0]);
	free(rs);
}

Test(region, single_areas)
{
	struct pm_region r;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(pm_region_from_area(st, "c1814", &r, NULL), PM_OK);
	cr_assert_str_eq(r.areas[0], "C1814");
	cr_assert_str_eq(r.label, "Columbus, OH MSA");
	cr_assert(r.published);
	pm_region_release(&r);
	cr_assert_eq(pm_region_from_area(st, "US000", &r, NULL), PM_OK);
	pm_region_release(&r);
	cr_assert_eq(pm_region_from_area(st, "39200", &r, &err), PM_ENOTFOUND);
	cr_assert(strstr(err.msg, "unknown area"), "%s", err.msg);
}

Test(region, state_codes)
{
	cr_assert_str_eq(pm_state_fips("OH"), "39");
	cr_assert_str_eq(pm_state_fips("oh"), "39");
	cr_assert_str_eq(pm_state_fips("06"), "06");
	cr_assert_str_eq(pm_state_fips("PR"), "72");
	cr_assert_null(pm_state_fips("XX"));
	cr_assert_null(pm_state_fips("3"));
}
