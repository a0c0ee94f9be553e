/*
 * O*NET database tables and O*NET-SOC taxonomy files (see onet.h).
 *
 * The text database (https://www.onetcenter.org/dictionary/30.1/text/) is
 * tab-separated, one record per CRLF line under a header row, with no
 * quoting: task statements hold literal quotes ('Conduct "head counts" to
 * ...'). core/csv reads through libcsv in strict mode, which refuses a quote
 * inside an unquoted field, so the tables are split here line by line; the
 * taxonomy files are ordinary quoted CSV and go through core/csv.
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
#include "core/utf8.h"
#include "core/xalloc.h"
#include "core/zip.h"
#include "fetch/load.h"
#include "store/dataset.h"
#include "store/store.h"
#include "core/banned.h"

#define MAX_LINE   ((size_t)1 << 20)
#define MAX_FIELDS 4096
#define CHUNK	   ((size_t)64 << 10)

#define ATTRIBUTION_TAIL                                                                           \
	" Database by the U.S. Department of Labor, Employment and Training Administration "       \
	"(USDOL/ETA). Used under the CC BY 4.0 license."

/* ---- rows: tab-separated tables (split here) or CSV files (core/csv) ---- */

struct rows {
	struct pm_csv *csv;   /* CSV input; NULL for a tab-separated table */
	struct pm_reader *rd; /* tab-separated input */
	char *name;	      /* for messages: "x.txt" or "x.zip:member.txt" */
	char *in;	      /* bytes read; [pos, len) not consumed yet */
	size_t pos, len, cap;
	bool at_end;
	struct pm_buf row; /* the current line, its fields NUL-separated */
	char **f;	   /* the current line's fields */
	size_t nf, af;
	uint64_t line, nlines;
	char **head; /* header names, trimmed */
	size_t nhead;
};

static void rows_close(struct rows *r)
{
	size_t i;

	pm_csv_free(r->csv);
	pm_reader_free(r->rd);
	free(r->name);
	free(r->in);
	pm_buf_release(&r->row);
	free(r->f);
	for (i = 0; i < r->nhead; i++)
		free(r->head[i]);
	free(r->head);
	memset(r, 0, sizeof *r);
}

/* Takes ownership of RD. */
static enum pm_status rows_open(struct rows *r, struct pm_reader *rd, bool csv, struct pm_err *err)
{
	memset(r, 0, sizeof *r);
	r->name = pm_xstrdup(rd->name);
	pm_buf_init(&r->row, 0);
	if (csv)
		return pm_csv_open(&r->csv, rd, NULL, err);
	r->rd = rd;
	return PM_OK;
}

static enum pm_status fill(struct rows *r, struct pm_err *err)
{
	ssize_t got;

	if (r->pos) {
		memmove(r->in, r->in + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->len > MAX_LINE)
		return pm_err_set(err, PM_EDATA, "%s:%llu: line longer than %zu bytes", r->name,
				  (unsigned long long)r->nlines + 1, MAX_LINE);
	if (r->cap - r->len < CHUNK) {
		r->cap = r->len + CHUNK;
		r->in = pm_xrealloc(r->in, r->cap);
	}
	got = pm_reader_read(r->rd, r->in + r->len, CHUNK, err);
	if (got < 0)
		return err && err->code ? err->code : PM_EIO;
	if (!got)
		r->at_end = true;
	r->len += (size_t)got;
	return PM_OK;
}

static enum pm_status tsv_next(struct rows *r, bool *eof, struct pm_err *err)
{
	enum pm_status rc;
	char *s, *nl, *p;
	size_t n;

	for (;;) {
		nl = r->len > r->pos ? memchr(r->in + r->pos, '\n', r->len - r->pos) : NULL;
		if (!nl && !r->at_end) {
			if ((rc = fill(r, err)))
				return rc;
			continue;
		}
		if (!nl && r->pos == r->len) {
			*eof = true;
			return PM_OK;
		}
		s = r->in + r->pos;
		n = nl ? (size_t)(nl - s) : r->len - r->pos;
		r->pos += n + (nl ? 1 : 0);
		r->nlines++;
		if (r->nlines == 1 && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			s += 3;
			n -= 3;
		}
		if (n && s[n - 1] == '\r')
			n--;
		if (!n)
			continue;
		if (memchr(s, '\0', n))
			return pm_err_set(err, PM_EDATA,
					  "%s:%llu: NUL byte in a line (binary data?)", r->name,
					  (unsigned long long)r->nlines);
		pm_buf_reset(&r->row);
		if (pm_utf8_valid(s, n))
			pm_buf_add(&r->row, s, n);
		else
			pm_cp1252_to_utf8(&r->row, s, n);
		r->line = r->nlines;
		r->nf = 0;
		for (p = r->row.buf;;) {
			char *tab = strchr(p, '\t');

			if (r->nf == MAX_FIELDS)
				return pm_err_set(err, PM_EDATA, "%s:%llu: more than %d fields",
						  r->name, (unsigned long long)r->line, MAX_FIELDS);
			PM_ALLOC_GROW(r->f, r->nf + 1, r->af);
			r->f[r->nf++] = p;
			if (!tab)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		*eof = false;
		return PM_OK;
	}
}

static enum pm_status rows_next(struct rows *r, bool *eof, struct pm_err *err)
{
	return r->csv ? pm_csv_next_row(r->csv, eof, err) : tsv_next(r, eof, err);
}

static size_t rows_nfields(const struct rows *r)
{
	return r->csv ? pm_csv_nfields(r->csv) : r->nf;
}

/* Field I of the current row ("" beyond its end); valid until the next row. */
static const char *rows_field(const struct rows *r, size_t i)
{
	if (r->csv)
		return pm_csv_field(r->csv, i, NULL);
	return i < r->nf ? r->f[i] : "";
}

static unsigned long long rows_line(const struct rows *r)
{
	return r->csv ? (unsigned long long)pm_csv_line(r->csv) : (unsigned long long)r->line;
}

static char *trimmed(const char *s)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return pm_xstrndup(s, n);
}

/* Read the first row as the header; *EMPTY tells when there is none. */
static enum pm_status rows_header(struct rows *r, bool *empty, struct pm_err *err)
{
	enum pm_status rc;
	size_t i;

	if ((rc = rows_next(r, empty, err)) || *empty)
		return rc;
	r->nhead = rows_nfields(r);
	r->head = pm_xcalloc(r->nhead, sizeof *r->head);
	for (i = 0; i < r->nhead; i++)
		r->head[i] = trimmed(rows_field(r, i));
	return PM_OK;
}

/* Index of header column NAME (case-insensitive), or -1. */
static int rows_col(const struct rows *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nhead; i++)
		if (!strcasecmp(r->head[i], name))
			return (int)i;
	return -1;
}

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

static const struct column *missing_column(const struct rows *r, const struct table *t)
{
	const struct column *c;

	for (c = t->cols; c->type != F_END; c++)
		if (rows_col(r, c->name) < 0)
			return c;
	return NULL;
}

/*
 * Which table R holds (its header just read; may read one more row). Sets
 * *OUT to it or NULL (not a table pathmap loads); VERSION gets the release
 * when R is the Read Me. BASE is the file or member name, used only to
 * name a missing column.
 */
static enum pm_status identify(struct rows *r, const char *base, const struct table **out,
			       char *version, size_t vn, struct pm_err *err)
{
	const struct column *miss;
	enum pm_status rc;
	size_t i;
	bool eof;

	*out = NULL;
	if (r->nhead == 1 && readme_version(r->head[0], version, vn))
		return PM_OK;
	for (i = 0; i < NTABLES; i++) {
		const struct table *t = &tables[i];

		if (t->csv != (r->csv != NULL) || missing_column(r, t))
			continue;
		if (t->ete) {
			/* Shared layout: the first row's element says whose it is. */
			if ((rc = rows_next(r, &eof, err)))
				return rc;
			if (!eof && !ete_element(rows_field(r, (size_t)rows_col(r, "Element ID"))))
				return PM_OK;
		}
		*out = t;
		return PM_OK;
	}
	for (i = 0; i < NTABLES; i++)
		if (named(base, tables[i].name) && (miss = missing_column(r, &tables[i])))
			return pm_err_set(err, PM_EDATA,
					  "%s:%llu: no column '%s' in the header (an O*NET %s "
					  "table has one)",
					  r->name, rows_line(r), miss->name, tables[i].name);
	return PM_OK;
}

/* ---- loading rows ---- */

static enum pm_status bind_field(const struct rows *r, const struct column *c, int idx,
				 sqlite3_stmt *s, int param, char *soc, struct pm_err *err)
{
	const char *v = rows_field(r, (size_t)idx);
	char where[320], code[PM_CODE_MAX];
	size_t n = strlen(v);
	enum pm_status rc;
	int64_t i;
	double d;

	snprintf(where, sizeof where, "%s:%llu field '%s'", r->name, rows_line(r), c->name);
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

/* Load the rows of R (header read) as table T; counts go to DS. */
static enum pm_status load_table(struct pm_store *st, struct rows *r, const struct table *t,
				 struct pm_dataset *ds, struct pm_err *err)
{
	sqlite3_stmt *ins = NULL;
	char soc[PM_CODE_MAX];
	int idx[8], n = 0, i;
	enum pm_status rc;
	bool eof;

	for (n = 0; t->cols[n].type != F_END; n++)
		idx[n] = rows_col(r, t->cols[n].name);
	if ((rc = pm_store_prepare(st, t->sql, &ins, err)))
		return rc;
	for (;;) {
		if ((rc = rows_next(r, &eof, err)) || eof)
			break;
		ds->rows_read++;
		if (rows_nfields(r) < r->nhead) {
			rc = pm_err_set(err, PM_EDATA,
					"%s:%llu: expected %zu fields, found %zu (truncated file?)",
					r->name, rows_line(r), r->nhead, rows_nfields(r));
			goto out;
		}
		sqlite3_reset(ins);
		sqlite3_clear_bindings(ins);
		soc[0] = '\0';
		for (i = 0; i < n; i++)
			if ((rc = bind_field(r, &t->cols[i], idx[i], ins, i + 1, soc, err)))
				goto out;
		sqlite3_bind_int64(ins, n + 1, ds->id);
		if (soc[0])
			pm_bind_text(ins, n + 2, soc);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = pm_store_fail(st, err, "cannot store O*NET row");
			pm_err_prefix(err, "%s:%llu", r->name, rows_line(r));
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

static bool looks_onet(const struct rows *r)
{
	size_t i;

	for (i = 0; i < r->nhead; i++)
		if (!strncmp(r->head[i], "O*NET", 5) || !strcasecmp(r->head[i], "Element ID") ||
		    !strcasecmp(r->head[i], "Scale ID"))
			return true;
	return false;
}

/* Open PATH, or member I of ZIP when ZIP is set, and read its header. */
static enum pm_status open_rows(struct rows *r, const char *path, struct pm_zip *zip, size_t i,
				bool csv, const struct pm_import_opts *opts, bool *empty,
				struct pm_err *err)
{
	struct pm_reader *rd;
	enum pm_status rc;

	if (zip)
		rc = pm_zip_open_member(zip, i, &rd, err);
	else
		rc = pm_reader_open_file(&rd, path, err);
	if (rc) {
		memset(r, 0, sizeof *r);
		return rc;
	}
	rd->progress = opts ? opts->progress : NULL;
	if ((rc = rows_open(r, rd, csv, err)))
		return rc;
	return rows_header(r, empty, err);
}

static void set_vintage(struct pm_dataset *ds, const char *vintage)
{
	free(ds->vintage);
	ds->vintage = vintage ? pm_xstrdup(vintage) : NULL;
}

/* The version in "Read Me.txt" beside PATH, or in PATH's folder name. */
static bool sibling_version(const char *path, char *out, size_t n)
{
	char *dir = pm_path_dir(path), *readme = pm_xstrfmt("%s/Read Me.txt", dir);
	struct rows r;
	bool empty = true, found = false;

	if (!open_rows(&r, readme, NULL, 0, false, NULL, &empty, NULL) && !empty)
		found = r.nhead == 1 && readme_version(r.head[0], out, n);
	rows_close(&r);
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
	bool csv = !first_line_has_tab(path), empty = false;
	char version[32] = "", vintage[64];
	enum pm_status rc;
	struct rows r;

	if ((rc = open_rows(&r, path, NULL, 0, csv, opts, &empty, err)))
		goto out;
	if (empty) {
		rc = pm_err_set(err, PM_EDATA, "'%s' is empty", path);
		goto out;
	}
	if ((rc = identify(&r, path, &t, version, sizeof version, err)))
		goto out;
	if (!t) {
		if (!version[0] && !looks_onet(&r)) {
			rc = pm_err_set(err, PM_EDATA,
					"%s:1: not an O*NET table or taxonomy file (first column "
					"'%.60s')",
					path, r.nhead ? r.head[0] : "");
			goto out;
		}
		pm_info("skipped '%s': not an O*NET table pathmap loads", path);
		free(ld->ds.kind);
		ld->ds.kind = pm_xstrdup(version[0] ? "onet-readme" : "onet-other");
		if (version[0]) {
			snprintf(vintage, sizeof vintage, "O*NET %s", version);
			set_vintage(&ld->ds, vintage);
		}
		goto out;
	}
	/* identify() may have read past the header: start again. */
	rows_close(&r);
	if ((rc = open_rows(&r, path, NULL, 0, csv, opts, &empty, err)) ||
	    (rc = load_table(st, &r, t, &ld->ds, err)))
		goto out;
	free(ld->ds.kind);
	ld->ds.kind = pm_xstrdup(t->kind);
	if (t->csv)
		set_vintage(&ld->ds, "O*NET-SOC 2019");
	else if (sibling_version(path, version, sizeof version) ||
		 name_version(opts && opts->file_name ? opts->file_name : path, version,
			      sizeof version)) {
		snprintf(vintage, sizeof vintage, "O*NET %s", version);
		set_vintage(&ld->ds, vintage);
	}
out:
	rows_close(&r);
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
	char version[32] = "", vintage[64];
	enum pm_status rc;
	struct rows r;
	size_t i, k, n, loaded = 0;
	bool empty;

	memset(&r, 0, sizeof r);
	if ((rc = pm_zip_open(&zip, path, err)))
		goto out;
	n = pm_zip_count(zip);
	which = pm_xcalloc(n ? n : 1, sizeof *which);
	/* First pass: what each member is. */
	for (i = 0; i < n; i++) {
		const char *name = pm_zip_name(zip, i);

		if (pm_zip_is_dir(zip, i) || !is_txt(name))
			continue;
		if ((rc = open_rows(&r, path, zip, i, false, NULL, &empty, err)))
			goto out;
		if (!empty && (rc = identify(&r, name, &which[i], version, sizeof version, err)))
			goto out;
		if (!which[i])
			pm_info("skipped '%s:%s': not an O*NET table pathmap loads", path, name);
		rows_close(&r);
	}
	/* Then load them in table order: occupations before their job zones. */
	for (k = 0; k < NTABLES; k++)
		for (i = 0; i < n; i++) {
			if (which[i] != &tables[k])
				continue;
			if ((rc = open_rows(&r, path, zip, i, false, opts, &empty, err)) ||
			    (rc = load_table(st, &r, which[i], &ld->ds, err)))
				goto out;
			rows_close(&r);
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
	if (version[0] || name_version(opts && opts->file_name ? opts->file_name : path, version,
				       sizeof version)) {
		snprintf(vintage, sizeof vintage, "O*NET %s", version);
		set_vintage(&ld->ds, vintage);
	}
out:
	rows_close(&r);
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
	struct rows r;
	size_t i;
	bool empty;

	memset(&r, 0, sizeof r);
	if (!pm_is_zip_file(path))
		return pm_err_set(err, PM_EDATA,
				  "%s: not a zip archive (the server sent something else)",
				  spec->url);
	if ((rc = pm_zip_open(&zip, path, err)))
		return pm_err_prefix(err, "%s", spec->url);
	for (i = 0; i < pm_zip_count(zip) && t != &tables[0]; i++) {
		if (pm_zip_is_dir(zip, i) || !is_txt(pm_zip_name(zip, i)))
			continue;
		if ((rc = open_rows(&r, path, zip, i, false, NULL, &empty, err)) ||
		    (!empty &&
		     (rc = identify(&r, pm_zip_name(zip, i), &t, version, sizeof version, err)))) {
			pm_err_prefix(err, "%s", spec->url);
			goto out;
		}
		rows_close(&r);
	}
	if (t != &tables[0])
		rc = pm_err_set(err, PM_EDATA,
				"%s: the archive holds no O*NET Occupation Data table", spec->url);
out:
	rows_close(&r);
	pm_zip_free(zip);
	return rc;
}
