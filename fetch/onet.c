/*
 * O*NET database tables and O*NET-SOC taxonomy files (see onet.h).
 *
 * The text database (https://www.onetcenter.org/dictionary/30.1/text/) is
 * tab-separated, one record per CRLF line under a header row, with no
 * quoting: task statements hold literal quotes ('Conduct "head counts" to
 * ...'), so core/csv reads them with PM_CSV_QUOTES_NONE; the taxonomy files
 * are ordinary quoted CSV.
 *
 * Tables are recognised by header: a loader takes a file whose header has
 * every column it reads. Two layouts are shared with tables pathmap does
 * not load (Education, Training, and Experience with Work Context, and
 * their Categories files), so those are also told apart by the Element ID
 * of the first row: 2.D.* and 3.A.* are education, training and
 * experience, Work Context is 4.C.*. A file named like a loadable table
 * whose header lacks a column is an error that names the column; other
 * files are skipped with an info message.
 *
 * In a zip, Occupation Data loads first so job zones land on known
 * occupations; a Job Zones file loaded on its own creates occupation rows
 * with a NULL title that Occupation Data fills in later. Rows are
 * upserted, so the last load wins. 30.1 has 1016 occupations, 923 job
 * zones, 37125 ETE rows, 18460 related occupations, 32773 technology
 * skills, 56505 alternate titles and 18796 task statements.
 */
#include "fetch/onet.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/codes.h"
#include "core/csv.h"
#include "core/log.h"
#include "core/parse.h"
#include "core/path.h"
#include "core/progress.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "core/zip.h"
#include "fetch/load.h"
#include "store/dataset.h"
#include "store/store.h"
#include "core/banned.h"

#define ATTRIBUTION_TAIL                                                                           \
	" Database by the U.S. Department of Labor, Employment and Training Administration "       \
	"(USDOL/ETA). Used under the CC BY 4.0 license."

/* How the database's tables are read: tabs, and quotes as plain text. */
static const struct pm_csv_opts tsv_opts = { .delim = '\t', .quoting = PM_CSV_QUOTES_NONE };

/* ---- the tables ---- */

enum ftype {
	F_END,
	F_ONET,	    /* O*NET-SOC code */
	F_SOC,	    /* SOC code */
	F_TEXT,	    /* text, required */
	F_OPT,	    /* text; "" or n/a -> NULL */
	F_INT,	    /* whole number, required */
	F_INT_OPT,  /* whole number; "" or n/a -> NULL */
	F_CAT,	    /* category number; n/a -> 0 */
	F_REAL_OPT, /* number; "" or n/a -> NULL */
	F_YN,	    /* Y -> 1, N -> 0, "" or n/a -> NULL */
	F_ZONE,	    /* job zone 1..5 */
};

struct column {
	const char *name;
	enum ftype type;
};

/*
 * A loadable table. Its columns bind ?1, ?2, ... in order; then the
 * dataset id binds ?N+1 and, when the first column is an O*NET-SOC code,
 * the SOC code it rolls up to binds ?N+2.
 */
struct table {
	const char *name; /* as O*NET publishes it (the file's base name) */
	const char *kind; /* dataset kind when loaded on its own */
	bool csv;	  /* a taxonomy CSV file, not a database table */
	bool ete;	  /* Element IDs must be education, training and experience ones */
	struct column cols[8];
	const char *sql;
};

static const struct table tables[] = {
	{ "Occupation Data",
	  "occupation-data",
	  false,
	  false,
	  { { "O*NET-SOC Code", F_ONET }, { "Title", F_TEXT }, { "Description", F_OPT } },
	  "INSERT INTO onet_occupation (onet_code, title, description, dataset_id, soc_code) "
	  "VALUES (?1,?2,?3,?4,?5) ON CONFLICT (onet_code) DO UPDATE SET soc_code = "
	  "excluded.soc_code, title = excluded.title, description = excluded.description, "
	  "dataset_id = excluded.dataset_id" },
	{ "2019_Occupations",
	  "onet-2019-occupations",
	  true,
	  false,
	  { { "O*NET-SOC 2019 Code", F_ONET },
	    { "O*NET-SOC 2019 Title", F_TEXT },
	    { "O*NET-SOC 2019 Description", F_OPT } },
	  "INSERT INTO onet_occupation (onet_code, title, description, dataset_id, soc_code) "
	  "VALUES (?1,?2,?3,?4,?5) ON CONFLICT (onet_code) DO UPDATE SET soc_code = "
	  "excluded.soc_code, title = excluded.title, description = excluded.description, "
	  "dataset_id = excluded.dataset_id" },
	{ "Job Zones",
	  "job-zones",
	  false,
	  false,
	  { { "O*NET-SOC Code", F_ONET }, { "Job Zone", F_ZONE } },
	  "INSERT INTO onet_occupation (onet_code, job_zone, dataset_id, soc_code) VALUES "
	  "(?1,?2,?3,?4) ON CONFLICT (onet_code) DO UPDATE SET job_zone = excluded.job_zone" },
	{ "Job Zone Reference",
	  "job-zone-reference",
	  false,
	  false,
	  { { "Job Zone", F_ZONE },
	    { "Name", F_TEXT },
	    { "Experience", F_OPT },
	    { "Education", F_OPT },
	    { "Job Training", F_OPT },
	    { "Examples", F_OPT },
	    { "SVP Range", F_OPT } },
	  "INSERT OR REPLACE INTO onet_job_zone (job_zone, name, experience, education, training, "
	  "examples, svp_range, dataset_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)" },
	{ "Education, Training, and Experience",
	  "education-training-experience",
	  false,
	  true,
	  { { "O*NET-SOC Code", F_ONET },
	    { "Element ID", F_TEXT },
	    { "Scale ID", F_TEXT },
	    { "Category", F_CAT },
	    { "Data Value", F_REAL_OPT },
	    { "N", F_INT_OPT },
	    { "Recommend Suppress", F_OPT } },
	  "INSERT OR REPLACE INTO onet_ete (onet_code, element_id, scale_id, category, value, n, "
	  "suppress, dataset_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)" },
	{ "Education, Training, and Experience Categories",
	  "education-training-experience-categories",
	  false,
	  true,
	  { { "Element ID", F_TEXT },
	    { "Scale ID", F_TEXT },
	    { "Category", F_INT },
	    { "Category Description", F_TEXT } },
	  "INSERT OR REPLACE INTO onet_ete_category (element_id, scale_id, category, description, "
	  "dataset_id) VALUES (?1,?2,?3,?4,?5)" },
	{ "Related Occupations",
	  "related-occupations",
	  false,
	  false,
	  { { "O*NET-SOC Code", F_ONET },
	    { "Related O*NET-SOC Code", F_ONET },
	    { "Relatedness Tier", F_OPT },
	    { "Index", F_INT_OPT } },
	  "INSERT OR REPLACE INTO onet_related (onet_code, related_code, tier, rank, dataset_id) "
	  "VALUES (?1,?2,?3,?4,?5)" },
	{ "Technology Skills",
	  "technology-skills",
	  false,
	  false,
	  { { "O*NET-SOC Code", F_ONET },
	    { "Example", F_TEXT },
	    { "Commodity Code", F_TEXT },
	    { "Commodity Title", F_OPT },
	    { "Hot Technology", F_YN },
	    { "In Demand", F_YN } },
	  "INSERT OR REPLACE INTO onet_technology (onet_code, example, commodity_code, "
	  "commodity_title, hot, in_demand, dataset_id) VALUES (?1,?2,?3,?4,?5,?6,?7)" },
	{ "Alternate Titles",
	  "alternate-titles",
	  false,
	  false,
	  { { "O*NET-SOC Code", F_ONET },
	    { "Alternate Title", F_TEXT },
	    { "Short Title", F_OPT },
	    { "Source(s)", F_OPT } },
	  "INSERT OR REPLACE INTO onet_alt_title (onet_code, title, short_title, sources, "
	  "dataset_id) VALUES (?1,?2,?3,?4,?5)" },
	{ "Task Statements",
	  "task-statements",
	  false,
	  false,
	  { { "O*NET-SOC Code", F_ONET },
	    { "Task ID", F_INT },
	    { "Task", F_TEXT },
	    { "Task Type", F_OPT } },
	  "INSERT OR REPLACE INTO onet_task (onet_code, task_id, task, task_type, dataset_id) "
	  "VALUES (?1,?2,?3,?4,?5)" },
	{ "2010_to_2019_Crosswalk",
	  "onet-2010-2019-crosswalk",
	  true,
	  false,
	  { { "O*NET-SOC 2010 Code", F_ONET },
	    { "O*NET-SOC 2010 Title", F_OPT },
	    { "O*NET-SOC 2019 Code", F_ONET },
	    { "O*NET-SOC 2019 Title", F_OPT } },
	  "INSERT OR REPLACE INTO onet_xwalk (from_taxonomy, from_code, from_title, to_taxonomy, "
	  "to_code, to_title, dataset_id) VALUES ('onet2010',?1,?2,'onet2019',?3,?4,?5)" },
	{ "2019_to_SOC_Crosswalk",
	  "onet-2019-soc-crosswalk",
	  true,
	  false,
	  { { "O*NET-SOC 2019 Code", F_ONET },
	    { "O*NET-SOC 2019 Title", F_OPT },
	    { "2018 SOC Code", F_SOC },
	    { "2018 SOC Title", F_OPT } },
	  "INSERT OR REPLACE INTO onet_xwalk (from_taxonomy, from_code, from_title, to_taxonomy, "
	  "to_code, to_title, dataset_id) VALUES ('onet2019',?1,?2,'soc2018',?3,?4,?5)" },
};

#define NTABLES (sizeof tables / sizeof tables[0])

/* Fact tables with a dataset_id, for pm_load_finish(). */
static const char *const fact_tables[] = {
	"onet_occupation", "onet_job_zone",  "onet_ete",  "onet_ete_category", "onet_related",
	"onet_technology", "onet_alt_title", "onet_task", "onet_xwalk",	       NULL,
};

static bool is_na(const char *v)
{
	return pm_is_blank(v, strlen(v)) || !strcasecmp(v, "n/a");
}

static bool ete_element(const char *id)
{
	return !strncmp(id, "2.D.", 4) || !strncmp(id, "3.A.", 4);
}

/* "O*NET 30.1 Database" (the Read Me's first line) -> "30.1" in OUT. */
static bool readme_version(const char *line, char *out, size_t n)
{
	const char *p = line, *v;

	if (strncmp(p, "O*NET ", 6))
		return false;
	v = p += 6;
	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p++ != '.' || !isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	if (strncmp(p, " Database", 9) || (size_t)(p - v) >= n)
		return false;
	snprintf(out, n, "%.*s", (int)(p - v), v);
	return true;
}

/* "db_30_1_text" somewhere in NAME -> "30.1" in OUT. */
static bool name_version(const char *name, char *out, size_t n)
{
	const char *p;

	for (p = strstr(name, "db_"); p; p = strstr(p + 1, "db_")) {
		unsigned maj, min;
		int used = 0;

		if (sscanf(p, "db_%3u_%3u_text%n", &maj, &min, &used) == 2 && used > 0) {
			snprintf(out, n, "%u.%u", maj, min);
			return true;
		}
	}
	return false;
}

/* NAME's last path component without its extension equals TABLE (case-insensitive). */
static bool named(const char *name, const char *table)
{
	const char *base = pm_path_base(name), *dot = strrchr(base, '.');
	size_t n = dot ? (size_t)(dot - base) : strlen(base);

	return n == strlen(table) && !strncasecmp(base, table, n);
}

static const struct column *missing_column(const struct pm_csv *csv, const struct table *t)
{
	const struct column *c;

	for (c = t->cols; c->type != F_END; c++)
		if (pm_csv_col(csv, c->name) < 0)
			return c;
	return NULL;
}

/*
 * Which table CSV holds (its header just read; may read one more row):
 * a database table when TSV, else a taxonomy file. Sets *OUT to it or
 * NULL (not a table pathmap loads); VERSION gets the release when CSV is
 * the Read Me. BASE is the file or member name, used only to name a
 * missing column.
 */
static enum pm_status identify(struct pm_csv *csv, bool tsv, const char *base,
			       const struct table **out, char *version, size_t vn,
			       struct pm_err *err)
{
	const struct column *miss;
	enum pm_status rc;
	size_t i;
	bool eof;

	*out = NULL;
	if (pm_csv_ncols(csv) == 1 && readme_version(pm_csv_colname(csv, 0), version, vn))
		return PM_OK;
	for (i = 0; i < NTABLES; i++) {
		const struct table *t = &tables[i];

		if (t->csv == tsv || missing_column(csv, t))
			continue;
		if (t->ete) {
			/* Shared layout: the first row's element says whose it is. */
			if ((rc = pm_csv_next_row(csv, &eof, err)))
				return rc;
			if (!eof && !ete_element(pm_csv_field(
					    csv, (size_t)pm_csv_col(csv, "Element ID"), NULL)))
				return PM_OK;
		}
		*out = t;
		return PM_OK;
	}
	for (i = 0; i < NTABLES; i++)
		if (named(base, tables[i].name) && (miss = missing_column(csv, &tables[i])))
			return pm_err_set(err, PM_EDATA,
					  "%s:%llu: no column '%s' in the header (an O*NET %s "
					  "table has one)",
					  pm_csv_name(csv), (unsigned long long)pm_csv_line(csv),
					  miss->name, tables[i].name);
	return PM_OK;
}

/* ---- loading rows ---- */

static enum pm_status bind_field(const struct pm_csv *csv, const struct column *c, int idx,
				 sqlite3_stmt *s, int param, char *soc, struct pm_err *err)
{
	size_t n;
	const char *v = pm_csv_field(csv, (size_t)idx, &n);
	char where[320], code[PM_CODE_MAX];
	enum pm_status rc;
	int64_t i;
	double d;

	snprintf(where, sizeof where, "%s:%llu field '%s'", pm_csv_name(csv),
		 (unsigned long long)pm_csv_line(csv), c->name);
	switch (c->type) {
	case F_ONET:
	case F_SOC:
		if ((rc = pm_code_normalize(c->type == F_ONET ? PM_CODE_ONET : PM_CODE_SOC, v, code,
					    sizeof code, where, err)))
			return rc;
		if (param == 1 && c->type == F_ONET)
			pm_onet_to_soc(code, soc, PM_CODE_MAX);
		pm_bind_text(s, param, code);
		return PM_OK;
	case F_TEXT:
		if (pm_is_blank(v, n))
			return pm_err_set(err, PM_EDATA, "%s: empty", where);
		pm_bind_text(s, param, v);
		return PM_OK;
	case F_OPT: pm_bind_text(s, param, is_na(v) ? NULL : v); return PM_OK;
	case F_INT_OPT:
	case F_CAT:
		if (is_na(v)) {
			if (c->type == F_CAT)
				sqlite3_bind_int(s, param, 0);
			else
				sqlite3_bind_null(s, param);
			return PM_OK;
		}
		/* fall through */
	case F_INT:
	case F_ZONE:
		if (pm_parse_i64(v, n, &i) || i < 0 || (c->type == F_ZONE && (i < 1 || i > 5)))
			return pm_err_set(err, PM_EDATA, "%s: '%.40s' is not %s", where, v,
					  c->type == F_ZONE ? "a job zone (1 to 5)"
							    : "a whole number");
		sqlite3_bind_int64(s, param, i);
		return PM_OK;
	case F_REAL_OPT:
		if (is_na(v))
			sqlite3_bind_null(s, param);
		else if (pm_parse_double(v, n, &d))
			return pm_err_set(err, PM_EDATA, "%s: '%.40s' is not a number", where, v);
		else
			sqlite3_bind_double(s, param, d);
		return PM_OK;
	case F_YN:
		if (is_na(v))
			sqlite3_bind_null(s, param);
		else if (!strcasecmp(v, "Y") || !strcasecmp(v, "N"))
			sqlite3_bind_int(s, param, toupper((unsigned char)v[0]) == 'Y');
		else
			return pm_err_set(err, PM_EDATA, "%s: '%.40s' is not Y or N", where, v);
		return PM_OK;
	case F_END: break;
	}
	return pm_err_set(err, PM_EDATA, "%s: unknown field type", where);
}

/* Load the rows of CSV (header read) as table T; counts go to DS. */
static enum pm_status load_table(struct pm_store *st, struct pm_csv *csv, const struct table *t,
				 struct pm_dataset *ds, struct pm_err *err)
{
	sqlite3_stmt *ins = NULL;
	char soc[PM_CODE_MAX];
	int idx[8], n = 0, i;
	enum pm_status rc;
	bool eof;

	for (n = 0; t->cols[n].type != F_END; n++)
		idx[n] = pm_csv_col(csv, t->cols[n].name);
	if ((rc = pm_store_prepare(st, t->sql, &ins, err)))
		return rc;
	for (;;) {
		if ((rc = pm_csv_next_row(csv, &eof, err)) || eof)
			break;
		ds->rows_read++;
		if (pm_csv_nfields(csv) < pm_csv_ncols(csv)) {
			rc = pm_err_set(err, PM_EDATA,
					"%s:%llu: expected %zu fields, found %zu (truncated file?)",
					pm_csv_name(csv), (unsigned long long)pm_csv_line(csv),
					pm_csv_ncols(csv), pm_csv_nfields(csv));
			goto out;
		}
		sqlite3_reset(ins);
		sqlite3_clear_bindings(ins);
		soc[0] = '\0';
		for (i = 0; i < n; i++)
			if ((rc = bind_field(csv, &t->cols[i], idx[i], ins, i + 1, soc, err)))
				goto out;
		sqlite3_bind_int64(ins, n + 1, ds->id);
		if (soc[0])
			pm_bind_text(ins, n + 2, soc);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = pm_store_fail(st, err, "cannot store O*NET row");
			pm_err_prefix(err, "%s:%llu", pm_csv_name(csv),
				      (unsigned long long)pm_csv_line(csv));
			goto out;
		}
		ds->rows_loaded++;
	}
out:
	sqlite3_finalize(ins);
	return rc;
}

/* ---- files ---- */

/* True when the first line of PATH holds a tab (an O*NET text table, not a CSV). */
static bool first_line_has_tab(const char *path)
{
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "rb");
	char *nl;

	if (!f)
		return false;
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	nl = memchr(buf, '\n', n);
	return memchr(buf, '\t', nl ? (size_t)(nl - buf) : n) != NULL;
}

static bool looks_onet(const struct pm_csv *csv)
{
	size_t i;

	for (i = 0; i < pm_csv_ncols(csv); i++) {
		const char *h = pm_csv_colname(csv, i);

		if (!strncmp(h, "O*NET", 5) || !strcasecmp(h, "Element ID") ||
		    !strcasecmp(h, "Scale ID"))
			return true;
	}
	return false;
}

/*
 * Open PATH, or member I of ZIP when ZIP is set, as a database table (TSV)
 * or a taxonomy file, and read its header; *EMPTY when it has none. *CSV
 * gets the reader (free with pm_csv_free()).
 */
static enum pm_status open_rows(struct pm_csv **csv, const char *path, struct pm_zip *zip, size_t i,
				bool tsv, const struct pm_import_opts *opts, bool *empty,
				struct pm_err *err)
{
	struct pm_reader *rd;
	enum pm_status rc;

	*csv = NULL;
	if (zip)
		rc = pm_zip_open_member(zip, i, &rd, err);
	else
		rc = pm_reader_open_file(&rd, path, err);
	if (rc)
		return rc;
	rd->progress = opts ? opts->progress : NULL;
	if ((rc = pm_csv_open(csv, rd, tsv ? &tsv_opts : NULL, err)) ||
	    (rc = pm_csv_next_row(*csv, empty, err)))
		return rc;
	if (!*empty)
		pm_csv_take_header(*csv);
	return PM_OK;
}

/* The version in "Read Me.txt" beside PATH, or in PATH's folder name. */
static bool sibling_version(const char *path, char *out, size_t n)
{
	char *dir = pm_path_dir(path), *readme = pm_xstrfmt("%s/Read Me.txt", dir);
	struct pm_csv *csv = NULL;
	bool empty = true, found = false;

	if (!open_rows(&csv, readme, NULL, 0, true, NULL, &empty, NULL) && !empty)
		found = pm_csv_ncols(csv) == 1 && readme_version(pm_csv_colname(csv, 0), out, n);
	pm_csv_free(csv);
	if (!found)
		found = name_version(dir, out, n);
	free(readme);
	free(dir);
	return found;
}

static enum pm_status import_file(struct pm_store *st, const char *path,
				  const struct pm_import_opts *opts, struct pm_load *ld,
				  struct pm_err *err)
{
	const struct table *t = NULL;
	bool tsv = first_line_has_tab(path), empty = false;
	char version[32] = "";
	enum pm_status rc;
	struct pm_csv *csv = NULL;

	if ((rc = open_rows(&csv, path, NULL, 0, tsv, opts, &empty, err)))
		goto out;
	if (empty) {
		rc = pm_err_set(err, PM_EDATA, "'%s' is empty", path);
		goto out;
	}
	if ((rc = identify(csv, tsv, path, &t, version, sizeof version, err)))
		goto out;
	if (!t) {
		if (!version[0] && !looks_onet(csv)) {
			rc = pm_err_set(err, PM_EDATA,
					"%s:1: not an O*NET table or taxonomy file (first column "
					"'%.60s')",
					path, pm_csv_colname(csv, 0));
			goto out;
		}
		pm_info("skipped '%s': not an O*NET table pathmap loads", path);
		pm_load_set_kind(&ld->ds, version[0] ? "onet-readme" : "onet-other");
		if (version[0])
			pm_load_set_vintage(&ld->ds, "O*NET %s", version);
		goto out;
	}
	/* identify() may have read past the header: start again. */
	pm_csv_free(csv);
	if ((rc = open_rows(&csv, path, NULL, 0, tsv, opts, &empty, err)) ||
	    (rc = load_table(st, csv, t, &ld->ds, err)))
		goto out;
	pm_load_set_kind(&ld->ds, t->kind);
	if (t->csv)
		pm_load_set_vintage(&ld->ds, "O*NET-SOC 2019");
	else if (sibling_version(path, version, sizeof version) ||
		 name_version(opts && opts->file_name ? opts->file_name : path, version,
			      sizeof version))
		pm_load_set_vintage(&ld->ds, "O*NET %s", version);
out:
	pm_csv_free(csv);
	return rc;
}

static bool is_txt(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && !strcasecmp(name + n - 4, ".txt");
}

static enum pm_status import_zip(struct pm_store *st, const char *path,
				 const struct pm_import_opts *opts, struct pm_load *ld,
				 struct pm_err *err)
{
	struct pm_buf members = PM_BUF_INIT;
	struct pm_zip *zip = NULL;
	const struct table **which = NULL;
	char version[32] = "";
	enum pm_status rc;
	struct pm_csv *csv = NULL;
	size_t i, k, n, loaded = 0;
	bool empty;

	if ((rc = pm_zip_open(&zip, path, err)))
		goto out;
	n = pm_zip_count(zip);
	which = pm_xcalloc(n ? n : 1, sizeof *which);
	/* First pass: what each member is. */
	for (i = 0; i < n; i++) {
		const char *name = pm_zip_name(zip, i);

		if (pm_zip_is_dir(zip, i) || !is_txt(name))
			continue;
		if ((rc = open_rows(&csv, path, zip, i, true, NULL, &empty, err)))
			goto out;
		if (!empty &&
		    (rc = identify(csv, true, name, &which[i], version, sizeof version, err)))
			goto out;
		if (!which[i])
			pm_info("skipped '%s:%s': not an O*NET table pathmap loads", path, name);
		pm_csv_free(csv);
		csv = NULL;
	}
	/* Then load them in table order: occupations before their job zones. */
	for (k = 0; k < NTABLES; k++)
		for (i = 0; i < n; i++) {
			if (which[i] != &tables[k])
				continue;
			if ((rc = open_rows(&csv, path, zip, i, true, opts, &empty, err)) ||
			    (rc = load_table(st, csv, which[i], &ld->ds, err)))
				goto out;
			pm_csv_free(csv);
			csv = NULL;
			pm_buf_addf(&members, "%s%s", loaded++ ? ";" : "", pm_zip_name(zip, i));
		}
	if (!loaded) {
		rc = pm_err_set(err, PM_EDATA,
				"'%s' holds no O*NET table pathmap loads (expected the text "
				"database, db_NN_N_text.zip, with 'Occupation Data.txt')",
				path);
		goto out;
	}
	free(ld->ds.member);
	ld->ds.member = pm_buf_detach(&members, NULL);
	if (version[0] ||
	    name_version(opts && opts->file_name ? opts->file_name : path, version, sizeof version))
		pm_load_set_vintage(&ld->ds, "O*NET %s", version);
out:
	pm_csv_free(csv);
	free(which);
	pm_zip_free(zip);
	pm_buf_release(&members);
	return rc;
}

enum pm_status pm_onet_import(struct pm_store *st, const char *path,
			      const struct pm_import_opts *opts, struct pm_import_report *rep,
			      struct pm_err *err)
{
	struct pm_load ld;
	enum pm_status rc;
	bool zip = pm_is_zip_file(path);

	if ((rc = pm_load_begin(st, "onet", zip ? "onet-database" : "onet-table", path, opts, rep,
				&ld, err)) ||
	    ld.skipped)
		goto out;
	rc = zip ? import_zip(st, path, opts, &ld, err) : import_file(st, path, opts, &ld, err);
	pm_progress_finish(opts ? opts->progress : NULL);
	if (rc || (rc = pm_load_finish(st, &ld, fact_tables, opts, rep, err)))
		goto out;
	if (ld.ds.member)
		rep->members = pm_xstrdup(ld.ds.member);
out:
	pm_load_release(&ld);
	return rc;
}

const char *pm_onet_attribution(struct pm_store *st)
{
	static char text[256];
	sqlite3_stmt *s = NULL;
	const char *release = "O*NET";

	if (st &&
	    !pm_store_prepare(st,
			      "SELECT vintage FROM dataset WHERE source = 'onet' AND vintage "
			      "LIKE 'O*NET %' ORDER BY id DESC LIMIT 1",
			      &s, NULL) &&
	    sqlite3_step(s) == SQLITE_ROW)
		release = pm_col_text(s, 0);
	snprintf(text, sizeof text, "%s%s", release, ATTRIBUTION_TAIL);
	sqlite3_finalize(s);
	return text;
}

/* ---- fetching ---- */

static bool version_ok(const char *v, unsigned *maj, unsigned *min)
{
	int used = 0;

	return v && strlen(v) <= 7 && isdigit((unsigned char)v[0]) &&
	       sscanf(v, "%3u.%3u%n", maj, min, &used) == 2 && used > 0 &&
	       (size_t)used == strlen(v);
}

enum pm_status pm_onet_spec(struct pm_fetch_spec *s, const char *version, struct pm_err *err)
{
	const struct pm_source *src = pm_source_find("onet");
	unsigned maj, min;
	cJSON *o;
	char *base;

	memset(s, 0, sizeof *s);
	if (!version_ok(version, &maj, &min))
		return pm_err_set(err, PM_EUSAGE,
				  "'%s' is not an O*NET database release (e.g. --version 30.1)",
				  version ? version : "");
	base = pm_source_base(src);
	s->src = src;
	s->kind = 'z';
	s->url = pm_xstrfmt("%s/db_%u_%u_text.zip", base, maj, min);
	s->label = pm_xstrfmt("O*NET %u.%u database", maj, min);
	snprintf(s->code, sizeof s->code, "%u.%u", maj, min);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "source", "onet");
	cJSON_AddStringToObject(o, "version", s->code);
	s->request = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	free(base);
	return PM_OK;
}

enum pm_status pm_onet_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err)
{
	cJSON *o = cJSON_Parse(request);
	const char *v;
	enum pm_status rc;

	if (!o)
		return pm_err_set(err, PM_EDATA, "stored O*NET request is not JSON: %.80s",
				  request);
	v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "version"));
	if (!v)
		rc = pm_err_set(err, PM_EDATA, "stored O*NET request lacks a version: %.80s",
				request);
	else
		rc = pm_onet_spec(out, v, err);
	cJSON_Delete(o);
	return rc;
}

enum pm_status pm_onet_validate(const struct pm_fetch_spec *spec, const char *path,
				struct pm_err *err)
{
	struct pm_zip *zip = NULL;
	const struct table *t = NULL;
	char version[32];
	enum pm_status rc = PM_OK;
	struct pm_csv *csv = NULL;
	size_t i;
	bool empty;

	if (!pm_is_zip_file(path))
		return pm_err_set(err, PM_EDATA,
				  "%s: not a zip archive (the server sent something else)",
				  spec->url);
	if ((rc = pm_zip_open(&zip, path, err)))
		return pm_err_prefix(err, "%s", spec->url);
	for (i = 0; i < pm_zip_count(zip) && t != &tables[0]; i++) {
		if (pm_zip_is_dir(zip, i) || !is_txt(pm_zip_name(zip, i)))
			continue;
		if ((rc = open_rows(&csv, path, zip, i, true, NULL, &empty, err)) ||
		    (!empty && (rc = identify(csv, true, pm_zip_name(zip, i), &t, version,
					      sizeof version, err)))) {
			pm_err_prefix(err, "%s", spec->url);
			goto out;
		}
		pm_csv_free(csv);
		csv = NULL;
	}
	if (t != &tables[0])
		rc = pm_err_set(err, PM_EDATA,
				"%s: the archive holds no O*NET Occupation Data table", spec->url);
out:
	pm_csv_free(csv);
	pm_zip_free(zip);
	return rc;
}
