/*
 * Unit tests for the user inventories (fetch/inventory.c): programs,
 * partners and employers CSV files. The good files are the shipped
 * templates (data/templates/); bad files are written per test.
 */
#include "loaders_fixture.h"

#include "core/log.h"
#include "fetch/inventory.h"

#define TEMPLATES PM_SOURCE_DIR "/data/templates/"

static char logged[8192];

static void capture(enum pm_log_level level, const char *msg, void *ctx)
{
	size_t n = strlen(logged);

	(void)ctx;
	if (level == PM_LOG_ERROR)
		snprintf(logged + n, sizeof logged - n, "%s\n", msg);
}

static void init(void)
{
	setup();
	logged[0] = '\0';
	pm_log_set_sink(capture, NULL, PM_LOG_WARN);
}

static void fini(void)
{
	pm_log_set_sink(NULL, NULL, PM_LOG_ERROR);
	teardown();
}

TestSuite(inventory, .init = init, .fini = fini);

/* Write TEXT to NAME in the test's directory; returns the path (static buffer). */
static const char *put(const char *name, const char *text)
{
	static char p[300];
	FILE *f;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	f = fopen(p, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

#define PROGRAM_HEADER                                                                             \
	"provider,program,cip_code,credential,ladder,hours,weeks,cost,etpl,county_fips\n"

Test(inventory, program_template_loads)
{
	cr_assert_eq(import_ok(pm_inventory_import_programs, TEMPLATES "programs.csv", false), 3);
	cr_assert_eq(q("SELECT count(*) FROM program"), 3);
	cr_assert_eq(q("SELECT cost FROM program WHERE line = 2"), 9800);
	cr_assert_str_eq(qs("SELECT typeof(cost) FROM program WHERE line = 2"), "integer");
	cr_assert_eq(q("SELECT hours FROM program WHERE line = 2"), -999);
	cr_assert_eq(q("SELECT weeks FROM program WHERE line = 2"), 64);
	cr_assert_str_eq(qs("SELECT ladder FROM program WHERE line = 2"), "associate");
	cr_assert_str_eq(qs("SELECT cip_code FROM program WHERE line = 3"), "51.0801");
	cr_assert_str_eq(qs("SELECT ladder FROM program WHERE line = 3"), "long certificate");
	cr_assert_eq(q("SELECT etpl FROM program WHERE line = 3"), 1);
	cr_assert_eq(q("SELECT apprenticeship FROM program WHERE line = 4"), 1);
	cr_assert_eq(q("SELECT apprenticeship FROM program WHERE line = 2"), 0);
	cr_assert_str_eq(qs("SELECT county_fips FROM program WHERE line = 4"), "39049");
	cr_assert_str_eq(qs("SELECT kind FROM dataset WHERE source = 'programs'"), "program");
}

Test(inventory, partner_and_employer_templates_load)
{
	cr_assert_eq(import_ok(pm_inventory_import_partners, TEMPLATES "partners.csv", false), 3);
	cr_assert_str_eq(qs("SELECT kind FROM partner WHERE line = 3"), "workforce board");
	cr_assert_str_eq(qs("SELECT contact FROM partner WHERE line = 4"), "(null)");
	cr_assert_eq(import_ok(pm_inventory_import_employers, TEMPLATES "employers.csv", false), 3);
	cr_assert_eq(q("SELECT employees FROM employer WHERE line = 2"), 4500);
	cr_assert_str_eq(qs("SELECT naics FROM employer WHERE line = 3"), "336111");
	cr_assert_str_eq(qs("SELECT county_fips FROM employer WHERE line = 4"), "39041");
}

Test(inventory, columns_by_name_in_any_case_and_order_and_yes_no_spellings)
{
	const char *f =
		put("p.csv", "Ladder,CIP,Program,Provider,Credential,ETPL,Apprenticeship,Notes\n"
			     "Bachelor's degree,513801,BSN,Ohio State,BSN,Y,n,anything\n"
			     "industry-recognized certification,51.0801,CMA prep,CSCC,CMA,"
			     "false,TRUE,\n"
			     "Associates, 51.3801 ,ADN,CSCC,AAS,0,,\n");

	cr_assert_eq(import_ok(pm_inventory_import_programs, f, false), 3);
	cr_assert_str_eq(qs("SELECT ladder || '|' || cip_code || '|' || etpl || apprenticeship "
			    "FROM program WHERE line = 2"),
			 "bachelor|51.3801|10");
	cr_assert_str_eq(qs("SELECT ladder || '|' || etpl || apprenticeship FROM program WHERE "
			    "line = 3"),
			 "industry certification|01");
	cr_assert_str_eq(qs("SELECT ladder || '|' || cip_code FROM program WHERE line = 4"),
			 "associate|51.3801");
}

Test(inventory, ladder_spellings)
{
	cr_assert_str_eq(pm_inventory_ladder("Associate's Degree"), "associate");
	cr_assert_str_eq(pm_inventory_ladder("  short term   certificate "),
			 "short-term certificate");
	cr_assert_str_eq(pm_inventory_ladder("BACHELOR'S"), "bachelor");
	cr_assert_str_eq(pm_inventory_ladder("graduate"), "graduate");
	cr_assert_str_eq(pm_inventory_ladder("Registered Apprenticeship"), "apprenticeship");
	cr_assert_null(pm_inventory_ladder("diploma"));
	cr_assert_null(pm_inventory_ladder(""));
}

Test(inventory, missing_columns_are_named)
{
	static const char *const want[] = { "p.csv:1: not a program inventory",
					    "lacks columns 'cip_code', 'ladder'", NULL };

	import_fails(pm_inventory_import_programs,
		     put("p.csv", "provider,program,credential\nA,B,C\n"), "program", want);
	{
		static const char *const e[] = { "e.csv:1:", "lacks column 'name'", NULL };

		import_fails(pm_inventory_import_employers, put("e.csv", "employer,naics\nA,23\n"),
			     "employer", e);
	}
	{
		static const char *const e[] = { "empty.csv: empty file", NULL };

		import_fails(pm_inventory_import_partners, put("empty.csv", ""), "partner", e);
	}
}

/* A program file whose third line (second row) has VALUES; expect each of WANT. */
static void bad_program_row(const char *row, const char *field, const char *why)
{
	char text[1024], where[128];
	const char *want[] = { where, why, "(nothing loaded)", NULL };

	snprintf(text, sizeof text,
		 PROGRAM_HEADER "CSCC,Nursing,51.3801,AAS,associate,1200,64,9800,yes,39049\n%s\n",
		 row);
	snprintf(where, sizeof where, "bad.csv:3: field '%s': ", field);
	import_fails(pm_inventory_import_programs, put("bad.csv", text), "program", want);
}

Test(inventory, each_bad_value_names_file_line_and_field)
{
	bad_program_row(",Nursing,51.3801,AAS,associate,,,,,", "provider", "empty (required)");
	bad_program_row("CSCC,,51.3801,AAS,associate,,,,,", "program", "empty (required)");
	bad_program_row("CSCC,X,51.38.01,AAS,associate,,,,,", "cip_code",
			"'51.38.01' is not a CIP code");
	bad_program_row("CSCC,X,51.3801,,associate,,,,,", "credential", "empty (required)");
	bad_program_row("CSCC,X,51.3801,AAS,diploma,,,,,", "ladder",
			"'diploma' is not a ladder level");
	bad_program_row("CSCC,X,51.3801,AAS,associate,-5,,,,", "hours",
			"'-5' is not a number of 0 or more");
	bad_program_row("CSCC,X,51.3801,AAS,associate,,ten,,,", "weeks", "'ten' is not a number");
	bad_program_row("CSCC,X,51.3801,AAS,associate,,,-$100,,", "cost",
			"'-$100' is not an amount of dollars");
	bad_program_row("CSCC,X,51.3801,AAS,associate,,,,maybe,", "etpl",
			"'maybe' is not yes or no");
	bad_program_row("CSCC,X,51.3801,AAS,associate,,,,,3949", "county_fips",
			"'3949' is not a 5-digit county FIPS code");
	bad_program_row("CSCC,X,51.3801,AAS,associate,,,,,39002", "county_fips",
			"county 39002 is not a known county");
	{
		static const char *const e[] = {
			"e.csv:2: field 'employees': '12.5' is not a whole "
			"number",
			NULL
		};
		static const char *const n[] = { "e.csv:2: field 'naics': 'X1' is not a NAICS code",
						 NULL };

		import_fails(pm_inventory_import_employers,
			     put("e.csv", "name,employees\nAcme,12.5\n"), "employer", e);
		import_fails(pm_inventory_import_employers, put("e.csv", "name,naics\nAcme,X1\n"),
			     "employer", n);
	}
	{
		static const char *const e[] = { "p.csv:2: field 'kind': empty (required)", NULL };

		import_fails(pm_inventory_import_partners, put("p.csv", "name,kind\nMORPC,\n"),
			     "partner", e);
	}
}

Test(inventory, unknown_cip_only_when_a_cip_list_is_loaded)
{
	static const char *const want[] = { "bad.csv:2: field 'cip_code': CIP code 51.9999 is not "
					    "in the loaded CIP list",
					    NULL };
	const char *text = PROGRAM_HEADER "CSCC,Nursing,51.9999,AAS,associate,,,,,\n";

	cr_assert_eq(import_ok(pm_inventory_import_programs, put("bad.csv", text), false), 1);
	cr_assert_eq(pm_store_exec(st,
				   "DELETE FROM program; INSERT INTO cip (code, title, level, "
				   "family, vintage) VALUES ('51.3801', 'Registered Nursing', 6, "
				   "'51', '2020')",
				   NULL),
		     PM_OK);
	import_fails(pm_inventory_import_programs,
		     put("bad.csv", PROGRAM_HEADER "CSCC,Nursing,51.9999,AAS,associate,,,,,\n"
						   "CSCC,Nursing 2,51.3801,AAS,associate,,,,,\n"),
		     "program", want);
}

Test(inventory, several_bad_rows_are_all_reported_and_nothing_loads)
{
	static const char *const want[] = { "bad.csv: 3 bad values in 3 of 4 rows",
					    "nothing loaded", NULL };

	import_ok(pm_inventory_import_programs, TEMPLATES "programs.csv", false);
	import_fails(pm_inventory_import_programs,
		     put("bad.csv", PROGRAM_HEADER "CSCC,A,51.3801,AAS,associate,,,,,\n"
						   "CSCC,B,51.3801,AAS,nope,,,,,\n"
						   ",C,51.3801,AAS,associate,,,,,39049\n"
						   "CSCC,D,51.3801,AAS,associate,,-1,,,\n"),
		     "program", want);
	cr_assert(strstr(logged, "bad.csv:3: field 'ladder'"), "%s", logged);
	cr_assert(strstr(logged, "bad.csv:4: field 'provider'"), "%s", logged);
	cr_assert(strstr(logged, "bad.csv:5: field 'weeks'"), "%s", logged);
	cr_assert_eq(q("SELECT count(*) FROM program"), 3);
}

Test(inventory, error_count_is_capped)
{
	static const char *const want[] = { "more than 20 bad values in 30 of 30 rows", NULL };
	char text[4096];
	size_t n, i;

	n = (size_t)snprintf(text, sizeof text, "name,kind\n");
	for (i = 0; i < 30; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "P%zu,\n", i);
	import_fails(pm_inventory_import_partners, put("many.csv", text), "partner", want);
}

Test(inventory, reloading_replaces_the_file_rows)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;
	const char *f =
		put("mine.csv", PROGRAM_HEADER "CSCC,A,51.3801,AAS,associate,,,,,\n"
					       "CSCC,B,51.0801,Cert,long certificate,,,,,\n");

	cr_assert_eq(import_ok(pm_inventory_import_programs, f, false), 2);
	/* the same bytes: skipped, nothing doubled */
	cr_assert_eq(import_with(pm_inventory_import_programs, f, false, &rep, &err), PM_OK);
	cr_assert(rep.skipped);
	pm_import_report_release(&rep);
	cr_assert_eq(q("SELECT count(*) FROM program"), 2);
	/* forced: reloaded, still two rows */
	cr_assert_eq(import_ok(pm_inventory_import_programs, f, true), 2);
	cr_assert_eq(q("SELECT count(*) FROM program"), 2);
	/* edited: exactly the new rows, one dataset */
	f = put("mine.csv", PROGRAM_HEADER "CSCC,C,51.3801,AAS,associate,,,,,\n");
	cr_assert_eq(import_ok(pm_inventory_import_programs, f, false), 1);
	cr_assert_str_eq(qs("SELECT group_concat(program) FROM program"), "C");
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'programs'"), 1);
	/* a file of another name adds to it */
	cr_assert_eq(import_ok(pm_inventory_import_programs, TEMPLATES "programs.csv", false), 3);
	cr_assert_eq(q("SELECT count(*) FROM program"), 4);
}
