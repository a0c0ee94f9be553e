/*
 * IPEDS files: published names and their years, opening a file (CSV or
 * zip) and telling HD from C_A by its header, download specs and
 * validation (see ipeds.h; loading in ipeds.c).
 *
 * The Data Center publishes {base}/HD2024.zip holding hd2024.csv and
 * {base}/C2024_A.zip holding c2024_a.csv; once a year's data are revised
 * the zip also holds hd2024_rv.csv. Dictionaries (HD2024_Dict.zip) hold
 * workbooks, no CSV, and are refused as such.
 */
#include "fetch/ipeds.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csv.h"
#include "core/path.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "core/zip.h"
#include "fetch/fetch.h"
#include "core/banned.h"

/* ---- names and years ---- */

int pm_ipeds_name_year(const char *name, enum pm_ipeds_table table)
{
	const char *p;

	if (!name)
		return 0;
	name = pm_path_base(name);
	for (p = name; *p; p++) {
		const char *d = p;
		int y = 0, i;

		if (p > name && isalnum((unsigned char)p[-1]))
			continue;
		if (table == PM_IPEDS_HD && !strncasecmp(p, "hd", 2))
			d = p + 2;
		else if (table == PM_IPEDS_C_A && (*p == 'c' || *p == 'C'))
			d = p + 1;
		else
			continue;
		for (i = 0; i < 4 && isdigit((unsigned char)d[i]); i++)
			y = y * 10 + (d[i] - '0');
		if (i < 4)
			continue;
		d += 4;
		if (table == PM_IPEDS_C_A) {
			if (strncasecmp(d, "_a", 2))
				continue;
			d += 2;
		}
		if (!isalnum((unsigned char)*d) && y >= 1980 && y <= 2099)
			return y;
	}
	return 0;
}

/* ---- opening a file ---- */

static bool is_csv_name(const char *m)
{
	const char *base = pm_path_base(m);
	size_t n = strlen(base);

	return n > 4 && !strcasecmp(base + n - 4, ".csv") && strncmp(m, "__MACOSX", 8) &&
	       base[0] != '.';
}

/* A revised file: "_rv" before the extension or another suffix ("hd2022_rv.csv"). */
static bool is_revised(const char *m)
{
	const char *p;

	for (p = pm_path_base(m); *p; p++)
		if (!strncasecmp(p, "_rv", 3) && !isalnum((unsigned char)p[3]))
			return true;
	return false;
}

/* The CSV member of Z to read: the revised one, else the first. */
static enum pm_status pick_member(struct pm_zip *z, const char *path, size_t *out,
				  struct pm_err *err)
{
	size_t i, pick = SIZE_MAX;

	for (i = 0; i < pm_zip_count(z); i++) {
		const char *m = pm_zip_name(z, i);

		if (pm_zip_is_dir(z, i) || !is_csv_name(m))
			continue;
		if (pick == SIZE_MAX || (is_revised(m) && !is_revised(pm_zip_name(z, pick))))
			pick = i;
	}
	if (pick == SIZE_MAX)
		return pm_err_set(err, PM_EDATA,
				  "'%s': the zip archive holds no CSV file (an IPEDS data file "
				  "such as HD2024.zip holds hd2024.csv)",
				  path);
	*out = pick;
	return PM_OK;
}

enum pm_status pm_ipeds_file_open(struct pm_ipeds_file *f, const char *path,
				  struct pm_progress *progress, struct pm_err *err)
{
	/* A re-saved file may keep CIP codes behind Excel's text guard, ="01.0101". */
	static const struct pm_csv_opts opts = { .quoting = PM_CSV_QUOTES_LENIENT,
						 .excel_guards = true };
	struct pm_reader *rd = NULL;
	enum pm_status rc;
	const char *head;
	size_t n;

	memset(f, 0, sizeof *f);
	if (pm_is_zip_file(path)) {
		size_t i = 0;

		if ((rc = pm_zip_open(&f->zip, path, err)) ||
		    (rc = pick_member(f->zip, path, &i, err)) ||
		    (rc = pm_zip_open_member(f->zip, i, &rd, err)))
			return rc;
		f->member = pm_xstrdup(pm_zip_name(f->zip, i));
	} else {
		if (pm_reader_first_byte(path) == '<')
			return pm_err_set(err, PM_EDATA,
					  "'%s' is an HTML page, not an IPEDS data file", path);
		if ((rc = pm_reader_open_file(&rd, path, err)))
			return rc;
	}
	rd->progress = progress;
	if ((rc = pm_csv_open(&f->csv, rd, &opts, err)) || (rc = pm_csv_read_header(f->csv, err)))
		return rc;
	if (pm_csv_col(f->csv, "UNITID") >= 0 && pm_csv_col(f->csv, "INSTNM") >= 0) {
		f->table = PM_IPEDS_HD;
		return PM_OK;
	}
	if (pm_csv_col(f->csv, "UNITID") >= 0 && pm_csv_col(f->csv, "CIPCODE") >= 0 &&
	    pm_csv_col(f->csv, "AWLEVEL") >= 0) {
		f->table = PM_IPEDS_C_A;
		return PM_OK;
	}
	head = pm_csv_head(f->csv, &n);
	if (n && head[0] == '<')
		return pm_err_set(err, PM_EDATA, "'%s' is an HTML page, not an IPEDS data file",
				  pm_csv_name(f->csv));
	return pm_err_set(err, PM_EDATA,
			  "%s:1: not an IPEDS HD or C_A file: the header lacks UNITID and INSTNM "
			  "(HD) or UNITID, CIPCODE and AWLEVEL (C_A)",
			  pm_csv_name(f->csv));
}

enum pm_status pm_ipeds_file_year(const struct pm_ipeds_file *f, const char *name, int *year,
				  struct pm_err *err)
{
	int my = f->member ? pm_ipeds_name_year(f->member, f->table) : 0;
	int fy = pm_ipeds_name_year(name, f->table);
	bool hd = f->table == PM_IPEDS_HD;

	*year = my ? my : fy;
	if (my && fy && my != fy)
		return pm_err_set(err, PM_EDATA, "'%s': the member '%s' is dated %d, the file %d",
				  name, f->member, my, fy);
	if (!*year)
		return pm_err_set(err, PM_EDATA,
				  "'%s': cannot tell the year of this IPEDS %s file: keep its "
				  "published name (%s)%s",
				  name, hd ? "HD" : "C_A",
				  hd ? "hd2024.csv, HD2024.zip" : "c2024_a.csv, C2024_A.zip",
				  hd ? " or give it a YEAR column" : "");
	return PM_OK;
}

void pm_ipeds_file_close(struct pm_ipeds_file *f)
{
	if (!f)
		return;
	pm_csv_free(f->csv);
	pm_zip_free(f->zip);
	free(f->member);
	memset(f, 0, sizeof *f);
}

/* ---- fetching ---- */

enum pm_status pm_ipeds_spec(struct pm_fetch_spec *s, const char *table, int year,
			     struct pm_err *err)
{
	const struct pm_source *src = pm_source_find("ipeds");
	bool hd = table && !strcasecmp(table, "hd");
	char *base;

	memset(s, 0, sizeof *s);
	if (!hd && !(table && !strcasecmp(table, "c_a")))
		return pm_err_set(err, PM_EUSAGE, "unknown IPEDS table '%s' (hd or c_a)",
				  table ? table : "");
	if (year < 2000 || year > 2099)
		return pm_err_set(err, PM_EUSAGE, "no IPEDS %s file for %d (years 2000-2099)",
				  hd ? "HD" : "C_A", year);
	base = pm_source_base(src);
	s->src = src;
	s->kind = 't';
	s->year = year;
	snprintf(s->code, sizeof s->code, "%s", hd ? "hd" : "c_a");
	if (hd) {
		s->url = pm_xstrfmt("%s/HD%d.zip", base, year);
		s->label = pm_xstrfmt("IPEDS HD%d (institutions %d-%02d)", year, year,
				      (year + 1) % 100);
	} else {
		s->url = pm_xstrfmt("%s/C%d_A.zip", base, year);
		s->label =
			pm_xstrfmt("IPEDS C%d_A (completions %d-%02d)", year, year - 1, year % 100);
	}
	s->request =
		pm_xstrfmt("{\"source\":\"ipeds\",\"table\":\"%s\",\"year\":%d}", s->code, year);
	free(base);
	return PM_OK;
}

enum pm_status pm_ipeds_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err)
{
	cJSON *o = cJSON_Parse(request);
	const char *t =
		o ? cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "table")) : NULL;
	const cJSON *y = o ? cJSON_GetObjectItemCaseSensitive(o, "year") : NULL;
	enum pm_status rc;

	if (!t || !cJSON_IsNumber(y))
		rc = pm_err_set(err, PM_EDATA,
				"stored IPEDS request lacks the table or year: %.80s", request);
	else
		rc = pm_ipeds_spec(out, t, (int)cJSON_GetNumberValue(y), err);
	cJSON_Delete(o);
	return rc;
}

enum pm_status pm_ipeds_validate(const struct pm_fetch_spec *spec, const char *path,
				 struct pm_err *err)
{
	enum pm_ipeds_table want = strcmp(spec->code, "hd") ? PM_IPEDS_C_A : PM_IPEDS_HD;
	struct pm_ipeds_file f;
	char *url_name = NULL;
	enum pm_status rc;
	int my, fy;

	if (!pm_is_zip_file(path))
		return pm_err_set(err, PM_EDATA, "%s: %s", spec->url,
				  pm_reader_first_byte(path) == '<'
					  ? "the server sent an HTML page, not the zip asked for"
					  : "not a zip archive");
	if ((rc = pm_ipeds_file_open(&f, path, NULL, err))) {
		pm_err_prefix(err, "%s", spec->url);
		goto out;
	}
	if (f.table != want) {
		rc = pm_err_set(err, PM_EDATA, "%s: asked for IPEDS %s, the file holds %s",
				spec->url, want == PM_IPEDS_HD ? "HD" : "C_A",
				f.table == PM_IPEDS_HD ? "HD" : "C_A");
		goto out;
	}
	url_name = pm_url_file_name(spec->url);
	my = pm_ipeds_name_year(f.member, f.table);
	fy = pm_ipeds_name_year(url_name, f.table);
	if ((my && my != spec->year) || (fy && fy != spec->year))
		rc = pm_err_set(err, PM_EDATA, "%s: asked for %d, the file is dated %d", spec->url,
				spec->year, my && my != spec->year ? my : fy);
out:
	free(url_name);
	pm_ipeds_file_close(&f);
	return rc;
}
