/*
 * Unit tests for the occupation and classification loaders against the
 * real files in shared/data: O*NET (fetch/onet.c), SOC 2018 definitions
 * (fetch/soc.c), NCES CIP codes and the CIP-SOC crosswalk (fetch/cipsoc.c)
 * and the Census NAICS code lists (fetch/naics_src.c). Each load runs in
 * its own transaction, rolled back on failure as `pathmap import` does.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "core/codes.h"
#include "fetch/cipsoc.h"
#include "fetch/naics_src.h"
#include "fetch/onet.h"
#include "fetch/soc.h"
#include "store/store.h"

#define ONET_DB	 PM_SHARED_DATA "/onet/db_30_1_text/"
#define ONET_TAX PM_SHARED_DATA "/onet/taxonomy/"
#define CIPSOC	 PM_SHARED_DATA "/nces_cip_soc/"
#define SOC_XLSX PM_SHARED_DATA "/soc/soc_2018_definitions.xlsx"
#define NAICS17	 PM_SHARED_DATA "/naics/2-6 digit_2017_Codes.xlsx"
#define NAICS22	 PM_SHARED_DATA "/naics/2-6 digit_2022_Codes.xlsx"

#define ATTRIBUTION                                                                                \
	"O*NET 30.1 Database by the U.S. Department of Labor, Employment and Training "            \
	"Administration (USDOL/ETA). Used under the CC BY 4.0 license."

static char dir[64];
static struct pm_store *st;

static void setup(void)
{
	char path[128];

	strcpy(dir, "/tmp/pm-loaders-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/store.db", dir);
	cr_assert_eq(pm_store_open(&st, path, PM_STORE_CREATE, NULL), PM_OK);
}

static void teardown(void)
{
	char cmd[128];

	pm_store_close(st);
	pm_codes_cleanup();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(onet, .init = setup, .fini = teardown);
TestSuite(soc, .init = setup, .fini = teardown);
TestSuite(cipsoc, .init = setup, .fini = teardown);
TestSuite(naics, .init = setup, .fini = teardown);

/* ---- helpers ---- */

static long long q(const char *sql)
{
	sqlite3_stmt *s;
	long long n = -1;

	cr_assert_eq(pm_store_prepare(st, sql, &s, NULL), PM_OK, "%s", sql);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_type(s, 0) == SQLITE_NULL ? -999 : sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* The first column of SQL's first row as text ("" for none); static storage. */
static const char *qs(const char *sql)
{
	static char out[1024];
	sqlite3_stmt *s;

	out[0] = '\0';
	cr_assert_eq(pm_store_prepare(st, sql, &s, NULL), PM_OK, "%s", sql);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return out;
}

/* Load FILE with FN in one transaction (rolled back on failure). */
static enum pm_status load(pm_import_fn *fn, const char *file, bool force,
			   struct pm_import_report *rep, struct pm_err *err)
{
	struct pm_import_opts o = { .force = force };
	enum pm_status rc;

	cr_assert_eq(pm_store_begin(st, NULL), PM_OK);
	rc = fn(st, file, &o, rep, err);
	if (rc)
		pm_store_rollback(st);
	else
		cr_assert_eq(pm_store_commit(st, NULL), PM_OK);
	return rc;
}

/* Load FILE, expecting success; returns the rows loaded. */
static long long load_ok(pm_import_fn *fn, const char *file)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;
	long long rows;

	cr_assert_eq(load(fn, file, false, &rep, &err), PM_OK, "%s: %s", file, err.msg);
	rows = rep.rows;
	pm_import_report_release(&rep);
	return rows;
}

/* Load FILE, expecting PM_EDATA whose message holds every string of WANT (NULL-ended). */
static void load_fails(pm_import_fn *fn, const char *file, const char *const *want)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;
	size_t i;

	cr_assert_eq(load(fn, file, false, &rep, &err), PM_EDATA, "%s: %s", file, err.msg);
	for (i = 0; want[i]; i++)
		cr_assert_not_null(strstr(err.msg, want[i]), "'%s' not in: %s", want[i], err.msg);
	pm_import_report_release(&rep);
}

/* Non-empty lines of PATH less the header: a table's data rows. */
static long long data_lines(const char *path)
{
	FILE *f = fopen(path, "rb");
	long long n = 0;
	int c, prev = '\n', blank = 1;

	cr_assert_not_null(f, "%s", path);
	while ((c = fgetc(f)) != EOF) {
		if (c == '\n') {
			n += !blank;
			blank = 1;
		} else if (c != '\r') {
			blank = 0;
		}
		prev = c;
	}
	if (prev != '\n' && !blank)
		n++;
	fclose(f);
	return n - 1;
}

static const char *tmp_path(const char *name)
{
	static char p[2][300];
	static int k;

	k ^= 1;
	snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
	return p[k];
}

static const char *write_file(const char *name, const char *text)
{
	const char *p = tmp_path(name);
	FILE *f = fopen(p, "wb");

	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

/* Zip the O*NET files NAMES (NULL-ended) from the shared data as db_30_1_text/<name>. */
static const char *onet_zip(const char *zip_name, const char *const *names)
{
	const char *path = tmp_path(zip_name);
	char src[512], member[256];
	zip_t *za;
	int e;
	size_t i;

	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &e);
	cr_assert_not_null(za);
	for (i = 0; names[i]; i++) {
		zip_source_t *s;

		snprintf(src, sizeof src, "%s%s", ONET_DB, names[i]);
		snprintf(member, sizeof member, "db_30_1_text/%s", names[i]);
		s = zip_source_file(za, src, 0, -1);
		cr_assert_not_null(s, "%s", src);
		cr_assert_geq(zip_file_add(za, member, s, ZIP_FL_ENC_UTF_8), 0);
	}
	cr_assert_eq(zip_close(za), 0);
	return path;
}

/* Zip text PARTS (name, text, name, text, ..., NULL) into NAME under dir. */
static const char *zip_texts(const char *name, const char *const *parts)
{
	const char *path = tmp_path(name);
	zip_t *za;
	int e;
	size_t i;

	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &e);
	cr_assert_not_null(za);
	for (i = 0; parts[i]; i += 2) {
		zip_source_t *s = zip_source_buffer(za, parts[i + 1], strlen(parts[i + 1]), 0);

		cr_assert_not_null(s);
		cr_assert_geq(zip_file_add(za, parts[i], s, ZIP_FL_ENC_UTF_8), 0);
	}
	cr_assert_eq(zip_close(za), 0);
	return path;
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG	"http://schemas.openxmlformats.org/package/2006/relationships"

/*
 * Write a one-sheet workbook SHEET to NAME: ROWS is a NULL-ended list of
 * rows, each a "|"-separated list of cell texts (inline strings).
 */
static const char *make_xlsx(const char *name, const char *sheet, const char *const *rows)
{
	static char xml[1 << 16], book[1024];
	const char *parts[9];
	size_t n = 0, r;

	n += (size_t)snprintf(
		xml + n, sizeof xml - n,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" NS_MAIN
		"\"><sheetData>");
	for (r = 0; rows[r]; r++) {
		const char *p = rows[r];
		int col = 0;

		n += (size_t)snprintf(xml + n, sizeof xml - n, "<row r=\"%zu\">", r + 1);
		while (*p) {
			size_t len = strcspn(p, "|");

			if (len)
				n += (size_t)snprintf(
					xml + n, sizeof xml - n,
					"<c r=\"%c%zu\" t=\"inlineStr\"><is><t>%.*s</t>"
					"</is></c>",
					'A' + col, r + 1, (int)len, p);
			col++;
			p += len;
			if (*p == '|')
				p++;
		}
		n += (size_t)snprintf(xml + n, sizeof xml - n, "</row>");
	}
	snprintf(xml + n, sizeof xml - n, "</sheetData></worksheet>");
	cr_assert_lt(n, sizeof xml - 64);
	snprintf(book, sizeof book,
		 "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" NS_MAIN
		 "\" xmlns:r=\"" NS_REL "\"><sheets><sheet name=\"%s\" sheetId=\"1\" "
		 "r:id=\"rId1\"/></sheets></workbook>",
		 sheet);
	parts[0] = "_rels/.rels";
	parts[1] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" NS_PKG
		   "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
		   "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
	parts[2] = "xl/workbook.xml";
	parts[3] = book;
	parts[4] = "xl/_rels/workbook.xml.rels";
	parts[5] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" NS_PKG
		   "\"><Relationship Id=\"rId1\" Type=\"" NS_REL
		   "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
	parts[6] = "xl/worksheets/sheet1.xml";
	parts[7] = xml;
	parts[8] = NULL;
	return zip_texts(name, parts);
}

/* ---- O*NET ---- */

static const char *const onet_tables[] = {
	"Alternate Titles.txt",
	"Content Model Reference.txt",
	"Education, Training, and Experience Categories.txt",
	"Education, Training, and Experience.txt",
	"Interests.txt",
	"Job Zone Reference.txt",
	"Job Zones.txt",
	"Level Scale Anchors.txt",
	"Occupation Data.txt",
	"Read Me.txt",
	"Related Occupations.txt",
	"Sample of Reported Titles.txt",
	"Scales Reference.txt",
	"Task Statements.txt",
	"Technology Skills.txt",
	NULL,
};

/* Every loaded table holds exactly its file's data rows. */
static void expect_onet_counts(void)
{
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation"),
		     data_lines(ONET_DB "Occupation Data.txt"));
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation"), 1016);
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation WHERE title IS NULL"), 0);
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation WHERE job_zone IS NOT NULL"),
		     data_lines(ONET_DB "Job Zones.txt"));
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation WHERE job_zone IS NOT NULL"), 923);
	cr_assert_eq(q("SELECT count(*) FROM onet_job_zone"),
		     data_lines(ONET_DB "Job Zone Reference.txt"));
	cr_assert_eq(q("SELECT count(*) FROM onet_ete"),
		     data_lines(ONET_DB "Education, Training, and Experience.txt"));
	cr_assert_eq(q("SELECT count(*) FROM onet_ete"), 37125);
	cr_assert_eq(q("SELECT count(*) FROM onet_ete_category"),
		     data_lines(ONET_DB "Education, Training, and Experience Categories.txt"));
	cr_assert_eq(q("SELECT count(*) FROM onet_related"),
		     data_lines(ONET_DB "Related Occupations.txt"));
	cr_assert_eq(q("SELECT count(*) FROM onet_related"), 18460);
	cr_assert_eq(q("SELECT count(*) FROM onet_technology"),
		     data_lines(ONET_DB "Technology Skills.txt"));
	cr_assert_eq(q("SELECT count(*) FROM onet_technology"), 32773);
	cr_assert_eq(q("SELECT count(*) FROM onet_alt_title"),
		     data_lines(ONET_DB "Alternate Titles.txt"));
	cr_assert_eq(q("SELECT count(*) FROM onet_alt_title"), 56505);
	cr_assert_eq(q("SELECT count(*) FROM onet_task"),
		     data_lines(ONET_DB "Task Statements.txt"));
	cr_assert_eq(q("SELECT count(*) FROM onet_task"), 18796);
}

Test(onet, occupation_data_rolls_up_to_soc_and_keeps_the_release)
{
	cr_assert_eq(load_ok(pm_onet_import, ONET_DB "Occupation Data.txt"), 1016);
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation"), 1016);
	cr_assert_str_eq(qs("SELECT soc_code FROM onet_occupation WHERE onet_code = '29-1141.01'"),
			 "29-1141");
	cr_assert_str_eq(qs("SELECT title FROM onet_occupation WHERE onet_code = '29-1141.00'"),
			 "Registered Nurses");
	/* Every code is a normalised O*NET-SOC code and rolls up to its own SOC. */
	cr_assert_eq(
		q("SELECT count(*) FROM onet_occupation WHERE onet_code NOT GLOB "
		  "'[0-9][0-9]-[0-9][0-9][0-9][0-9].[0-9][0-9]' OR soc_code <> substr(onet_code, "
		  "1, 7)"),
		0);
	/* The release comes from the Read Me beside the file. */
	cr_assert_str_eq(qs("SELECT vintage FROM dataset WHERE source = 'onet'"), "O*NET 30.1");
	cr_assert_str_eq(pm_onet_attribution(st), ATTRIBUTION);
}

Test(onet, attribution_without_a_release)
{
	cr_assert_str_eq(pm_onet_attribution(st),
			 "O*NET Database by the U.S. Department of Labor, Employment and Training "
			 "Administration (USDOL/ETA). Used under the CC BY 4.0 license.");
	cr_assert_str_eq(pm_onet_attribution(NULL), pm_onet_attribution(st));
}

Test(onet, each_table_file_alone)
{
	static const char *const files[] = {
		"Occupation Data.txt",
		"Job Zones.txt",
		"Job Zone Reference.txt",
		"Education, Training, and Experience.txt",
		"Education, Training, and Experience Categories.txt",
		"Related Occupations.txt",
		"Technology Skills.txt",
		"Alternate Titles.txt",
		"Task Statements.txt",
		NULL,
	};
	char path[512];
	size_t i;

	for (i = 0; files[i]; i++) {
		snprintf(path, sizeof path, "%s%s", ONET_DB, files[i]);
		cr_assert_eq(load_ok(pm_onet_import, path), data_lines(path), "%s", files[i]);
	}
	expect_onet_counts();
	cr_assert_eq(q("SELECT job_zone FROM onet_occupation WHERE onet_code = '29-1141.00'"), 4);
	/* Categories n/a (scale IM) are 0; values n/a are NULL. */
	cr_assert_eq(q("SELECT count(*) FROM onet_ete WHERE scale_id = 'IM' AND category = 0"),
		     1127);
	cr_assert_eq(q("SELECT count(*) FROM onet_ete WHERE suppress IS NULL"), 9010);
	cr_assert_eq(q("SELECT count(*) FROM onet_technology WHERE hot = 1"), 9349 + 2177);
	cr_assert_eq(q("SELECT count(*) FROM onet_alt_title WHERE short_title IS NOT NULL"),
		     56505 - 52639);
	/* Literal quotes in task statements survive. */
	cr_assert_str_eq(qs("SELECT task FROM onet_task WHERE task_id = 15287"),
			 "Conduct \"head counts\" to help predict the outcome of upcoming votes.");
	cr_assert_str_eq(qs("SELECT tier FROM onet_related WHERE onet_code = '11-1011.00' AND "
			    "related_code = '11-1021.00'"),
			 "Primary-Short");
}

Test(onet, database_zip_loads_every_table_in_one_dataset)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;
	const char *zip = onet_zip("db_30_1_text.zip", onet_tables);

	cr_assert_eq(load(pm_onet_import, zip, false, &rep, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(rep.kind, "onet-database");
	cr_assert_eq(rep.rows, 1016 + 923 + 5 + 37125 + 41 + 18460 + 32773 + 56505 + 18796);
	cr_assert_not_null(strstr(rep.members, "db_30_1_text/Occupation Data.txt"));
	cr_assert_null(strstr(rep.members, "Interests"));
	pm_import_report_release(&rep);
	expect_onet_counts();
	/* Job Zones precedes Occupation Data in the zip; both land on the same rows. */
	cr_assert_eq(q("SELECT job_zone FROM onet_occupation WHERE onet_code = '29-1141.00'"), 4);
	cr_assert_eq(q("SELECT count(DISTINCT dataset_id) FROM onet_task"), 1);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'onet'"), 1);
	cr_assert_str_eq(qs("SELECT vintage FROM dataset WHERE source = 'onet'"), "O*NET 30.1");
	cr_assert_str_eq(pm_onet_attribution(st), ATTRIBUTION);
}

Test(onet, release_from_the_zip_name_without_a_read_me)
{
	static const char *const names[] = { "Occupation Data.txt", NULL };

	cr_assert_eq(load_ok(pm_onet_import, onet_zip("db_29_3_text.zip", names)), 1016);
	cr_assert_str_eq(qs("SELECT vintage FROM dataset WHERE source = 'onet'"), "O*NET 29.3");
}

Test(onet, job_zones_before_occupations)
{
	cr_assert_eq(load_ok(pm_onet_import, ONET_DB "Job Zones.txt"), 923);
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation WHERE title IS NULL"), 923);
	cr_assert_str_eq(qs("SELECT soc_code FROM onet_occupation WHERE onet_code = '29-1141.00'"),
			 "29-1141");
	cr_assert_eq(load_ok(pm_onet_import, ONET_DB "Occupation Data.txt"), 1016);
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation"), 1016);
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation WHERE title IS NULL"), 0);
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation WHERE job_zone IS NOT NULL"), 923);
}

Test(onet, taxonomy_crosswalks)
{
	cr_assert_eq(load_ok(pm_onet_import, ONET_TAX "2010_to_2019_Crosswalk.csv"),
		     data_lines(ONET_TAX "2010_to_2019_Crosswalk.csv"));
	cr_assert_eq(load_ok(pm_onet_import, ONET_TAX "2019_to_SOC_Crosswalk.csv"),
		     data_lines(ONET_TAX "2019_to_SOC_Crosswalk.csv"));
	cr_assert_eq(q("SELECT count(*) FROM onet_xwalk WHERE from_taxonomy = 'onet2010' AND "
		       "to_taxonomy = 'onet2019'"),
		     1164);
	cr_assert_eq(q("SELECT count(*) FROM onet_xwalk WHERE from_taxonomy = 'onet2019' AND "
		       "to_taxonomy = 'soc2018'"),
		     1016);
	cr_assert_str_eq(qs("SELECT to_code FROM onet_xwalk WHERE from_taxonomy = 'onet2019' AND "
			    "from_code = '29-1141.01'"),
			 "29-1141");
	cr_assert_eq(load_ok(pm_onet_import, ONET_TAX "2019_Occupations.csv"), 1016);
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation"), 1016);
	cr_assert_str_eq(qs("SELECT vintage FROM dataset WHERE kind = 'onet-2019-occupations'"),
			 "O*NET-SOC 2019");
}

Test(onet, reload_is_skipped_and_force_does_not_duplicate)
{
	struct pm_import_report rep;

	cr_assert_eq(load_ok(pm_onet_import, ONET_DB "Task Statements.txt"), 18796);
	cr_assert_eq(load(pm_onet_import, ONET_DB "Task Statements.txt", false, &rep, NULL), PM_OK);
	cr_assert(rep.skipped);
	cr_assert_eq(rep.rows, 18796);
	pm_import_report_release(&rep);
	cr_assert_eq(load(pm_onet_import, ONET_DB "Task Statements.txt", true, &rep, NULL), PM_OK);
	cr_assert_not(rep.skipped);
	pm_import_report_release(&rep);
	cr_assert_eq(q("SELECT count(*) FROM onet_task"), 18796);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'onet'"), 1);
}

Test(onet, other_tables_are_skipped)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(load(pm_onet_import, ONET_DB "Interests.txt", false, &rep, &err), PM_OK, "%s",
		     err.msg);
	cr_assert_eq(rep.rows, 0);
	pm_import_report_release(&rep);
	cr_assert_eq(load_ok(pm_onet_import, ONET_DB "Sample of Reported Titles.txt"), 0);
	cr_assert_eq(load_ok(pm_onet_import, ONET_DB "Read Me.txt"), 0);
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation"), 0);
	/* Work Context shares the ETE layout; its elements (4.C.*) are not loaded. */
	cr_assert_eq(
		load_ok(pm_onet_import,
			write_file("Work Context.txt",
				   "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tCategory\t"
				   "Data Value\tN\tStandard Error\tLower CI Bound\tUpper CI "
				   "Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain "
				   "Source\r\n11-1011.00\t4.C.1.a.2.c\tPublic Speaking\tCX\tn/a\t"
				   "2.86\t28\t0.18\t2.49\t3.23\tN\tn/a\t08/2023\tIncumbent\r\n")),
		0);
	cr_assert_eq(q("SELECT count(*) FROM onet_ete"), 0);
}

Test(onet, wrong_header_names_file_line_and_column)
{
	static const char *const want[] = { "Occupation Data.txt:1", "'Title'", NULL };
	const char *f = write_file("Occupation Data.txt",
				   "O*NET-SOC Code\tTitel\tDescription\r\n"
				   "11-1011.00\tChief Executives\tDetermine policies.\r\n");

	load_fails(pm_onet_import, f, want);
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation"), 0);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'onet'"), 0);
}

Test(onet, bad_code_on_line_n_loads_nothing)
{
	static const char *const want[] = { "occ.txt:4 field 'O*NET-SOC Code'", "'11-30X1.00'",
					    NULL };
	const char *f =
		write_file("occ.txt", "O*NET-SOC Code\tTitle\tDescription\r\n"
				      "11-1011.00\tChief Executives\tDetermine.\r\n"
				      "11-1021.00\tGeneral and Operations Managers\tPlan.\r\n"
				      "11-30X1.00\tAdministrative Services Managers\tPlan.\r\n"
				      "11-3012.00\tFacilities Managers\tPlan.\r\n");

	load_fails(pm_onet_import, f, want);
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation"), 0);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'onet'"), 0);
}

Test(onet, bad_values_name_their_field)
{
	static const char *const zone[] = { "jz.txt:3 field 'Job Zone'", "'7'", NULL };
	static const char *const hot[] = { "tech.txt:2 field 'Hot Technology'", "'maybe'", NULL };

	load_fails(pm_onet_import,
		   write_file("jz.txt", "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n"
					"11-1011.00\t5\t08/2023\tAnalyst\r\n"
					"11-1011.03\t7\t08/2021\tAnalyst\r\n"),
		   zone);
	load_fails(pm_onet_import,
		   write_file("tech.txt",
			      "O*NET-SOC Code\tExample\tCommodity Code\tCommodity "
			      "Title\tHot Technology\tIn Demand\r\n"
			      "11-1011.00\tAdobe Acrobat\t43232202\tDocument management "
			      "software\tmaybe\tN\r\n"),
		   hot);
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation"), 0);
}

Test(onet, truncated_row)
{
	static const char *const want[] = { "rel.txt:3: expected 4 fields, found 2", NULL };

	load_fails(pm_onet_import,
		   write_file("rel.txt",
			      "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness "
			      "Tier\tIndex\r\n11-1011.00\t11-1021.00\tPrimary-Short\t1\r\n"
			      "11-1011.00\t13-11"),
		   want);
	cr_assert_eq(q("SELECT count(*) FROM onet_related"), 0);
}

Test(onet, bad_member_of_a_zip_loads_nothing)
{
	static const char *const parts[] = {
		"db_30_1_text/Occupation Data.txt",
		"O*NET-SOC Code\tTitle\tDescription\r\n11-1011.00\tChief "
		"Executives\tDetermine.\r\n",
		"db_30_1_text/Task Statements.txt",
		"O*NET-SOC Code\tTask ID\tTask\tTask Type\r\n11-1011.00\t8823\tDirect.\tCore\r\n"
		"11-1011.00\tabc\tConfer.\tCore\r\n",
		NULL,
	};
	static const char *const want[] = {
		"db_30_1_text.zip:db_30_1_text/Task Statements.txt:3 field 'Task ID'", NULL
	};

	load_fails(pm_onet_import, zip_texts("db_30_1_text.zip", parts), want);
	cr_assert_eq(q("SELECT count(*) FROM onet_occupation"), 0);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'onet'"), 0);
}

Test(onet, not_an_onet_file)
{
	static const char *const want[] = { "x.csv:1: not an O*NET table", NULL };

	load_fails(pm_onet_import, write_file("x.csv", "a,b\n1,2\n"), want);
}

Test(onet, fetch_spec_respec_and_validate)
{
	static const char *const names[] = { "Job Zones.txt", "Occupation Data.txt", NULL };
	static const char *const no_occ[] = { "Job Zones.txt", NULL };
	struct pm_fetch_spec s, again;
	struct pm_err err = PM_ERR_INIT;

	unsetenv("PATHMAP_ONET_URL");
	cr_assert_eq(pm_onet_spec(&s, "30.1", &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(s.url, "https://www.onetcenter.org/dl_files/database/db_30_1_text.zip");
	cr_assert_not(s.src->needs_contact);
	cr_assert_eq(pm_onet_respec(s.request, &again, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(again.url, s.url);
	pm_fetch_spec_release(&again);
	cr_assert_eq(pm_onet_validate(&s, onet_zip("ok.zip", names), &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_onet_validate(&s, onet_zip("no.zip", no_occ), &err), PM_EDATA);
	cr_assert_eq(pm_onet_validate(&s, write_file("page.html", "<html></html>"), &err),
		     PM_EDATA);
	cr_assert_not_null(strstr(err.msg, "not a zip"));
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_onet_spec(&s, "30", &err), PM_EUSAGE);
	cr_assert_eq(pm_onet_spec(&s, "30.1; rm", &err), PM_EUSAGE);
}

/* ---- SOC ---- */

Test(soc, definitions_by_level_with_parents)
{
	cr_assert_eq(load_ok(pm_soc_import, SOC_XLSX), 1447);
	cr_assert_eq(q("SELECT count(*) FROM soc WHERE level = 'major'"), 23);
	cr_assert_eq(q("SELECT count(*) FROM soc WHERE level = 'minor'"), 98);
	cr_assert_eq(q("SELECT count(*) FROM soc WHERE level = 'broad'"), 459);
	cr_assert_eq(q("SELECT count(*) FROM soc WHERE level = 'detailed'"), 867);
	cr_assert_str_eq(qs("SELECT title FROM soc WHERE code = '29-1141'"), "Registered Nurses");
	cr_assert_str_eq(qs("SELECT parent FROM soc WHERE code = '29-1141'"), "29-1140");
	cr_assert_str_eq(qs("SELECT parent FROM soc WHERE code = '15-1252'"), "15-1250");
	cr_assert_str_eq(qs("SELECT parent FROM soc WHERE code = '15-1250'"), "15-1200");
	cr_assert_str_eq(qs("SELECT parent FROM soc WHERE code = '15-1200'"), "15-0000");
	cr_assert_eq(q("SELECT count(*) FROM soc WHERE parent IS NULL"), 23);
	/* Every parent is itself in the list. */
	cr_assert_eq(q("SELECT count(*) FROM soc WHERE parent NOT IN (SELECT code FROM soc)"), 0);
	cr_assert_eq(q("SELECT count(*) FROM soc WHERE level = 'detailed' AND definition IS NULL"),
		     0);
	cr_assert_eq(q("SELECT count(*) FROM soc WHERE vintage <> '2018'"), 0);
	cr_assert_str_eq(qs("SELECT vintage FROM dataset WHERE source = 'soc'"), "SOC 2018");
}

Test(soc, reload_is_skipped)
{
	struct pm_import_report rep;

	cr_assert_eq(load_ok(pm_soc_import, SOC_XLSX), 1447);
	cr_assert_eq(load(pm_soc_import, SOC_XLSX, false, &rep, NULL), PM_OK);
	cr_assert(rep.skipped);
	pm_import_report_release(&rep);
	cr_assert_eq(load(pm_soc_import, SOC_XLSX, true, &rep, NULL), PM_OK);
	pm_import_report_release(&rep);
	cr_assert_eq(q("SELECT count(*) FROM soc"), 1447);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'soc'"), 1);
}

Test(soc, header_found_by_name_and_bad_rows_rejected)
{
	static const char *const ok[] = { "Title row",
					  "",
					  "SOC Group|SOC Code|SOC Title",
					  "Major|29-0000|Healthcare Occupations",
					  "Detailed|29-1141|Registered Nurses",
					  NULL };
	static const char *const bad[] = { "SOC Group|SOC Code|SOC Title|SOC Definition",
					   "Major|29-0000|Healthcare Occupations",
					   "Detailed|29-11X1|Registered Nurses|Assess.", NULL };
	static const char *const lvl[] = { "SOC Group|SOC Code|SOC Title",
					   "Broad|29-1141|Registered Nurses", NULL };
	static const char *const want_bad[] = { "sheet '2018 SOC' row 3 field 'SOC Code'",
						"'29-11X1'", NULL };
	static const char *const want_lvl[] = { "row 2 field 'SOC Group'", NULL };
	static const char *const want_none[] = { "no sheet has a header row", NULL };
	static const char *const want_year[] = { "SOC 2010", NULL };
	static const char *const none[] = { "Code|Title", "29-1141|Registered Nurses", NULL };

	cr_assert_eq(load_ok(pm_soc_import, make_xlsx("a.xlsx", "2018 SOC", ok)), 2);
	cr_assert_eq(q("SELECT count(*) FROM soc"), 2);
	load_fails(pm_soc_import, make_xlsx("b.xlsx", "2018 SOC", bad), want_bad);
	load_fails(pm_soc_import, make_xlsx("c.xlsx", "2018 SOC", lvl), want_lvl);
	load_fails(pm_soc_import, make_xlsx("d.xlsx", "2018 SOC", none), want_none);
	load_fails(pm_soc_import, make_xlsx("e.xlsx", "2010 SOC", ok), want_year);
	cr_assert_eq(q("SELECT count(*) FROM soc"), 2);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'soc'"), 1);
}

Test(soc, fetch_spec_and_validate)
{
	struct pm_fetch_spec s, again;
	struct pm_err err = PM_ERR_INIT;

	unsetenv("PATHMAP_SOC_URL");
	cr_assert_eq(pm_soc_spec(&s, &err), PM_OK);
	cr_assert_str_eq(s.url, "https://www.bls.gov/soc/2018/soc_2018_definitions.xlsx");
	cr_assert(s.src->needs_contact);
	cr_assert_eq(pm_soc_respec(s.request, &again, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(again.url, s.url);
	pm_fetch_spec_release(&again);
	cr_assert_eq(pm_soc_validate(&s, SOC_XLSX, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_soc_validate(&s, NAICS22, &err), PM_EDATA);
	cr_assert_eq(pm_soc_validate(&s, write_file("x.html", "<html></html>"), &err), PM_EDATA);
	pm_fetch_spec_release(&s);
}

/* ---- CIP and CIP-SOC ---- */

Test(cipsoc, crosswalk_pairs_with_no_match_rows)
{
	cr_assert_eq(load_ok(pm_cipsoc_import, CIPSOC "cip_soc_crosswalk.xlsx"), 6097);
	cr_assert_eq(q("SELECT count(*) FROM cip_soc"), 6097);
	cr_assert_eq(q("SELECT count(*) FROM cip_soc WHERE cip_code = '51.3801'"), 2);
	cr_assert_eq(q("SELECT count(*) FROM cip_soc WHERE cip_code = '51.3801' AND soc_code IN "
		       "('29-1141', '25-1072')"),
		     2);
	cr_assert_str_eq(qs("SELECT soc_title FROM cip_soc WHERE cip_code = '51.3801' AND "
			    "soc_code = '29-1141'"),
			 "Registered Nurses");
	/* "No match" rows are kept as NCES writes them. */
	cr_assert_eq(q("SELECT count(*) FROM cip_soc WHERE cip_code = '99.9999'"), 180);
	cr_assert_eq(q("SELECT count(*) FROM cip_soc WHERE soc_code = '99-9999'"), 194);
	cr_assert_eq(q("SELECT count(*) FROM cip_soc WHERE cip_code NOT GLOB "
		       "'[0-9][0-9].[0-9][0-9][0-9][0-9]' OR soc_code NOT GLOB "
		       "'[0-9][0-9]-[0-9][0-9][0-9][0-9]'"),
		     0);
	cr_assert_str_eq(qs("SELECT vintage FROM dataset WHERE source = 'cipsoc'"),
			 "CIP 2020 / SOC 2018");
}

Test(cipsoc, crosswalk_under_the_nces_name)
{
	char cmd[600];

	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", CIPSOC "cip_soc_crosswalk.xlsx",
		 tmp_path("CIP2020_SOC2018_Crosswalk.xlsx"));
	cr_assert_eq(system(cmd), 0);
	cr_assert_eq(load_ok(pm_cipsoc_import, tmp_path("CIP2020_SOC2018_Crosswalk.xlsx")), 6097);
}

Test(cipsoc, cip_codes_by_level)
{
	cr_assert_eq(load_ok(pm_cipsoc_import, CIPSOC "CIPCode2020.csv"), 2848);
	cr_assert_eq(q("SELECT count(*) FROM cip"), 2848);
	cr_assert_eq(q("SELECT count(*) FROM cip WHERE level = 2"), 50);
	cr_assert_eq(q("SELECT count(*) FROM cip WHERE level = 4"), 473);
	cr_assert_eq(q("SELECT count(*) FROM cip WHERE level = 6"), 2325);
	cr_assert_str_eq(qs("SELECT title FROM cip WHERE code = '51.3801'"),
			 "Registered Nursing/Registered Nurse.");
	cr_assert_str_eq(qs("SELECT family FROM cip WHERE code = '51.3801'"), "51");
	cr_assert_str_eq(qs("SELECT family FROM cip WHERE code = '01.00'"), "01");
	cr_assert_str_eq(qs("SELECT action FROM cip WHERE code = '45.14'"), "Deleted");
	cr_assert_eq(q("SELECT count(*) FROM cip WHERE family <> substr(code, 1, 2)"), 0);
	cr_assert_str_eq(qs("SELECT vintage FROM dataset WHERE source = 'cipsoc'"), "CIP 2020");
}

Test(cipsoc, both_files_and_reload)
{
	struct pm_import_report rep;

	cr_assert_eq(load_ok(pm_cipsoc_import, CIPSOC "CIPCode2020.csv"), 2848);
	cr_assert_eq(load_ok(pm_cipsoc_import, CIPSOC "cip_soc_crosswalk.xlsx"), 6097);
	cr_assert_eq(load(pm_cipsoc_import, CIPSOC "cip_soc_crosswalk.xlsx", false, &rep, NULL),
		     PM_OK);
	cr_assert(rep.skipped);
	pm_import_report_release(&rep);
	cr_assert_eq(load(pm_cipsoc_import, CIPSOC "cip_soc_crosswalk.xlsx", true, &rep, NULL),
		     PM_OK);
	pm_import_report_release(&rep);
	cr_assert_eq(q("SELECT count(*) FROM cip_soc"), 6097);
	cr_assert_eq(q("SELECT count(*) FROM cip"), 2848);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'cipsoc'"), 2);
	/* Every crosswalked program is a CIP code. */
	cr_assert_eq(q("SELECT count(*) FROM cip_soc WHERE cip_code <> '99.9999' AND cip_code NOT "
		       "IN (SELECT code FROM cip)"),
		     0);
}

/*
 * Excel guards (="51.1000") and undoubled quotes inside quoted text are read
 * wherever the reader's chunks happen to split them: a padding row of every
 * length moves the split across the whole repeated row.
 */
Test(cipsoc, guards_and_stray_quotes_across_chunk_splits)
{
	static const char row[] = "=\"51\",=\"51.%04d\",\"New\",no,\"A \"q\" title.\",\"Def, "
				  "\"\"x\"\".\"\r\n";
	static char text[1 << 17];
	int pad, i;

	for (pad = 0; pad < 64; pad++) {
		size_t n = (size_t)snprintf(text, 1 << 17,
					    "CIPFamily,CIPCode,Action,TextChange,"
					    "CIPTitle,CIPDefinition\r\n");
		char title[120];

		snprintf(title, sizeof title, "Pad %.*s.", pad,
			 "................................................................");
		n += (size_t)snprintf(text + n, (1 << 17) - n,
				      "=\"51\",=\"51.0000\",\"New\",no,\"%s\",\"\"\r\n", title);
		for (i = 1000; n < 40000; i++)
			n += (size_t)snprintf(text + n, (1 << 17) - n, row, i);
		cr_assert_eq(load_ok(pm_cipsoc_import, write_file("split.csv", text)),
			     i - 1000 + 1);
		cr_assert_eq(q("SELECT count(*) FROM cip WHERE code > '51.0999' AND (title <> 'A "
			       "\"q\" title.' OR definition <> 'Def, \"x\".' OR family <> '51')"),
			     0, "pad %d", pad);
		snprintf(title, sizeof title,
			 "SELECT count(*) FROM cip WHERE code BETWEEN '51.1000' AND '51.%04d'",
			 i - 1);
		cr_assert_eq(q(title), i - 1000, "pad %d", pad);
	}
}

Test(cipsoc, bad_rows_name_file_line_and_field)
{
	static const char *const xw[] = { "CIP2020Code|CIP2020Title|SOC2018Code|SOC2018Title",
					  "51.3801|Registered Nursing.|29-1141|Registered Nurses",
					  "51.3801|Registered Nursing.|29-11X1|Registered Nurses",
					  NULL };
	static const char *const old[] = { "CIP2010Code|CIP2010Title|SOC2010Code|SOC2010Title",
					   "51.3801|Registered Nursing.|29-1141|Registered Nurses",
					   NULL };
	static const char *const want_xw[] = { "sheet 'CIP-SOC' row 3 field 'SOC code'",
					       "'29-11X1'", NULL };
	static const char *const want_old[] = { "CIP 2010 to SOC 2010", NULL };
	static const char *const want_csv[] = { "cips.csv:4 field 'CIPCode'", "'51.38X1'", NULL };
	static const char *const want_head[] = { "hd.csv:1: no column 'CIPTitle'", NULL };
	static const char *const want_fam[] = { "fam.csv:2 field 'CIPFamily'", NULL };

	load_fails(pm_cipsoc_import, make_xlsx("xw.xlsx", "CIP-SOC", xw), want_xw);
	load_fails(pm_cipsoc_import, make_xlsx("old.xlsx", "CIP-SOC", old), want_old);
	load_fails(pm_cipsoc_import,
		   write_file("cips.csv",
			      "\"CIPFamily\",\"CIPCode\",\"Action\",\"CIPTitle\"\n"
			      "=\"51\",=\"51\",\"No substantive changes\",\"HEALTH.\"\n"
			      "=\"51\",=\"51.38\",\"No substantive changes\",\"Nursing.\"\n"
			      "=\"51\",=\"51.38X1\",\"No substantive changes\",\"RN.\"\n"),
		   want_csv);
	load_fails(pm_cipsoc_import, write_file("hd.csv", "CIPFamily,CIPCode,Title\n01,01,Agri\n"),
		   want_head);
	load_fails(pm_cipsoc_import,
		   write_file("fam.csv", "CIPFamily,CIPCode,CIPTitle\n=\"52\",=\"51.3801\",RN.\n"),
		   want_fam);
	cr_assert_eq(q("SELECT count(*) FROM cip_soc"), 0);
	cr_assert_eq(q("SELECT count(*) FROM cip"), 0);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'cipsoc'"), 0);
}

Test(cipsoc, fetch_specs)
{
	struct pm_fetch_spec s, again;
	struct pm_err err = PM_ERR_INIT;

	unsetenv("PATHMAP_CIPSOC_URL");
	cr_assert_eq(pm_cipsoc_spec(&s, "crosswalk", &err), PM_OK);
	cr_assert_str_eq(s.url,
			 "https://nces.ed.gov/ipeds/cipcode/Files/CIP2020_SOC2018_Crosswalk.xlsx");
	cr_assert_eq(pm_cipsoc_respec(s.request, &again, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(again.url, s.url);
	pm_fetch_spec_release(&again);
	cr_assert_eq(pm_cipsoc_validate(&s, CIPSOC "cip_soc_crosswalk.xlsx", &err), PM_OK, "%s",
		     err.msg);
	cr_assert_eq(pm_cipsoc_validate(&s, SOC_XLSX, &err), PM_EDATA);
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_cipsoc_spec(&s, "codes", &err), PM_OK);
	cr_assert_str_eq(s.url, "https://nces.ed.gov/ipeds/cipcode/Files/CIPCode2020.csv");
	cr_assert_eq(pm_cipsoc_validate(&s, CIPSOC "CIPCode2020.csv", &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_cipsoc_validate(&s, write_file("p.html", "<html>x</html>\n"), &err),
		     PM_EDATA);
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_cipsoc_spec(&s, "ipeds", &err), PM_EUSAGE);
}

/* ---- NAICS ---- */

Test(naics, code_lists_2017_and_2022)
{
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;

	cr_assert_eq(load(pm_naics_import, NAICS22, false, &rep, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(rep.rows, 2125);
	cr_assert_eq(rep.year, 2022);
	pm_import_report_release(&rep);
	cr_assert_eq(load_ok(pm_naics_import, NAICS17), 2196);
	/* Upserted over the built-in titles: the same code lists. */
	cr_assert_eq(q("SELECT count(*) FROM naics WHERE vintage = '2022'"), 2125);
	cr_assert_eq(q("SELECT count(*) FROM naics WHERE vintage = '2017'"), 2196);
	cr_assert_str_eq(qs("SELECT title FROM naics WHERE vintage = '2022' AND code = '31-33'"),
			 "Manufacturing");
	/* Census pads titles with blanks; they are dropped. */
	cr_assert_str_eq(qs("SELECT title FROM naics WHERE vintage = '2022' AND code = '111120'"),
			 "Oilseed (except Soybean) Farming");
	cr_assert_eq(q("SELECT count(*) FROM naics WHERE title LIKE '% '"), 0);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'naics' AND vintage = 'NAICS "
		       "2022'"),
		     1);
}

Test(naics, force_reload_replaces_the_dataset)
{
	struct pm_import_report rep;
	long long first, second;

	cr_assert_eq(load_ok(pm_naics_import, NAICS22), 2125);
	first = q("SELECT id FROM dataset WHERE source = 'naics'");
	cr_assert_eq(q("SELECT count(*) FROM naics WHERE vintage = '2022' AND dataset_id IS NULL"),
		     0);
	/* The built-in 2017 titles belong to no dataset. */
	cr_assert_eq(q("SELECT count(*) FROM naics WHERE vintage = '2017' AND dataset_id IS NOT "
		       "NULL"),
		     0);
	/* The same file again is skipped; forced, it replaces the first load. */
	cr_assert_eq(load(pm_naics_import, NAICS22, false, &rep, NULL), PM_OK);
	cr_assert(rep.skipped);
	pm_import_report_release(&rep);
	cr_assert_eq(load(pm_naics_import, NAICS22, true, &rep, NULL), PM_OK);
	cr_assert_not(rep.skipped);
	cr_assert_eq(rep.rows, 2125);
	pm_import_report_release(&rep);
	second = q("SELECT id FROM dataset WHERE source = 'naics'");
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'naics'"), 1);
	cr_assert_neq(second, first);
	cr_assert_eq(q("SELECT count(DISTINCT dataset_id) FROM naics WHERE vintage = '2022'"), 1);
	cr_assert_eq(q("SELECT min(dataset_id) FROM naics WHERE vintage = '2022'"), second);
	/* Another vintage is another dataset, and both stay. */
	cr_assert_eq(load_ok(pm_naics_import, NAICS17), 2196);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'naics'"), 2);
}

Test(naics, vintage_from_header_not_file_name)
{
	static const char *const rows[] = {
		"Seq. No.|2017 NAICS US   Code|2017 NAICS US Title",
		"1|11|Agriculture, Forestry, Fishing and Hunting",
		"2|111110|Soybean FarmingT",
		"3|311111|Dog and Cat Food Manufacturing T",
		"4|5182|Data Processing, Hosting, and Related ServicesT",
		"5|2111|Oil and Gas Extraction (except Sands)T",
		NULL
	};

	cr_assert_eq(
		load_ok(pm_naics_import, make_xlsx("2-6 digit_2022_Codes.xlsx", "tbl_2017", rows)),
		5);
	cr_assert_str_eq(qs("SELECT vintage FROM dataset WHERE source = 'naics'"), "NAICS 2017");
	cr_assert_str_eq(qs("SELECT title FROM naics WHERE vintage = '2017' AND code = '111110'"),
			 "Soybean Farming");
	cr_assert_str_eq(qs("SELECT title FROM naics WHERE vintage = '2017' AND code = '5182'"),
			 "Data Processing, Hosting, and Related Services");
	cr_assert_str_eq(qs("SELECT title FROM naics WHERE vintage = '2017' AND code = '2111'"),
			 "Oil and Gas Extraction (except Sands)");
	cr_assert_str_eq(qs("SELECT title FROM naics WHERE vintage = '2017' AND code = '311111'"),
			 "Dog and Cat Food Manufacturing");
}

Test(naics, bad_code_or_header_loads_nothing)
{
	static const char *const bad[] = { "Seq. No.|2022 NAICS US   Code|2022 NAICS US Title",
					   "1|11|Agriculture", "2|1X1|Crop Production", NULL };
	static const char *const nohead[] = { "Seq. No.|NAICS Code|NAICS Title", "1|11|Agriculture",
					      NULL };
	static const char *const want_bad[] = { "row 3 field '2022 NAICS US Code'", "'1X1'", NULL };
	static const char *const want_head[] = { "no sheet has a header", NULL };
	long long before = q("SELECT count(*) FROM naics");

	load_fails(pm_naics_import, make_xlsx("bad.xlsx", "tbl", bad), want_bad);
	load_fails(pm_naics_import, make_xlsx("nohead.xlsx", "tbl", nohead), want_head);
	cr_assert_eq(q("SELECT count(*) FROM naics"), before);
	cr_assert_eq(q("SELECT count(*) FROM dataset WHERE source = 'naics'"), 0);
}

Test(naics, fetch_spec_and_validate)
{
	struct pm_fetch_spec s, again;
	struct pm_err err = PM_ERR_INIT;

	unsetenv("PATHMAP_NAICS_URL");
	cr_assert_eq(pm_naics_spec(&s, 2022, &err), PM_OK);
	cr_assert_str_eq(s.url,
			 "https://www.census.gov/naics/2022NAICS/2-6%20digit_2022_Codes.xlsx");
	cr_assert_str_eq(s.file_name, "2-6 digit_2022_Codes.xlsx");
	cr_assert_eq(pm_naics_respec(s.request, &again, &err), PM_OK, "%s", err.msg);
	cr_assert_str_eq(again.url, s.url);
	pm_fetch_spec_release(&again);
	cr_assert_eq(pm_naics_validate(&s, NAICS22, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_naics_validate(&s, NAICS17, &err), PM_EDATA);
	cr_assert_not_null(strstr(err.msg, "asked for NAICS 2022"));
	pm_fetch_spec_release(&s);
	cr_assert_eq(pm_naics_spec(&s, 2012, &err), PM_EUSAGE);
}
