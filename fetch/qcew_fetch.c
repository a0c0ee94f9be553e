/*
 * QCEW downloads: URL patterns, stored requests and validation before
 * loading (the loader itself is fetch/qcew.c).
 *
 * URLs below the base (default https://data.bls.gov/cew; PATHMAP_QCEW_URL):
 *   area slice      {base}/data/api/{YYYY}/{a|1-4}/area/{code}.csv
 *   industry slice  {base}/data/api/{YYYY}/{a|1-4}/industry/{code}.csv  ("31-33" -> "31_33")
 *   singlefile      {base}/data/files/{YYYY}/csv/{YYYY}_annual_singlefile.zip
 *                   {base}/data/files/{YYYY}/csv/{YYYY}_qtrly_singlefile.zip
 *   title tables    {base}/doc/titles/{area,industry,ownership,agglevel,size}/<name>_titles.csv
 *   crosswalk       https://www.bls.gov/cew/classifications/areas/
 *                   qcew-county-msa-csa-crosswalk-csv.csv ({base}/classifications/... on a mirror)
 *
 * BLS has been seen to answer 200 with an HTML error page, or with another
 * slice than the one asked for, so a download is checked before it is
 * loaded: not HTML, a QCEW header, and its first rows of the right area or
 * industry, year and period.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "core/zip.h"
#include "fetch/qcew.h"
#include "store/reference.h"
#include "core/banned.h"

#define DEFAULT_BASE "https://data.bls.gov/cew"
#define CHECK_ROWS   200

static const struct {
	const char *kind, *dir, *file;
} tables[] = {
	{ "area-titles", "area", "area_titles.csv" },
	{ "industry-titles", "industry", "industry_titles.csv" },
	{ "ownership-titles", "ownership", "ownership_titles.csv" },
	{ "agglevel-titles", "agglevel", "agglevel_titles.csv" },
	{ "size-titles", "size", "size_titles.csv" },
	{ "county-msa-csa-crosswalk", NULL, "qcew-county-msa-csa-crosswalk-csv.csv" },
};

static const char *period_label(char qtr, char *buf, size_t n)
{
	if (qtr == 'A')
		snprintf(buf, n, "annual");
	else
		snprintf(buf, n, "Q%c", qtr);
	return buf;
}

static char *request_json(const struct pm_fetch_spec *s, const char *table)
{
	cJSON *o = cJSON_CreateObject();
	char q[2] = { s->qtr, 0 };
	char *text;

	cJSON_AddStringToObject(o, "source", "qcew");
	cJSON_AddStringToObject(o, "kind",
				s->kind == 'a'	 ? "area"
				: s->kind == 'i' ? "industry"
				: s->kind == 's' ? "singlefile"
						 : "table");
	if (table)
		cJSON_AddStringToObject(o, "table", table);
	if (s->year)
		cJSON_AddNumberToObject(o, "year", s->year);
	if (s->qtr)
		cJSON_AddStringToObject(o, "qtr", q);
	if (s->code[0])
		cJSON_AddStringToObject(o, "code", s->code);
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

enum pm_status pm_qcew_spec(struct pm_fetch_spec *s, char kind, const char *code, int year,
			    char qtr, struct pm_err *err)
{
	const struct pm_source *src = pm_source_find("qcew");
	char *base = pm_source_base(src), per[16], qdir[2], path_code[16];
	size_t i;

	memset(s, 0, sizeof *s);
	s->src = src;
	s->kind = kind;
	s->year = year;
	s->qtr = kind == 's' || kind == 'a' || kind == 'i' ? qtr : 0;
	qdir[0] = qtr == 'A' ? 'a' : qtr;
	qdir[1] = '\0';
	period_label(qtr, per, sizeof per);
	if (code)
		snprintf(s->code, sizeof s->code, "%s", code);
	switch (kind) {
	case 'a':
		s->url = pm_xstrfmt("%s/data/api/%d/%s/area/%s.csv", base, year, qdir, code);
		s->label = pm_xstrfmt("QCEW %d %s, area %s", year, per, code);
		break;
	case 'i':
		snprintf(path_code, sizeof path_code, "%s", code);
		for (i = 0; path_code[i]; i++)
			if (path_code[i] == '-')
				path_code[i] = '_';
		s->url = pm_xstrfmt("%s/data/api/%d/%s/industry/%s.csv", base, year, qdir,
				    path_code);
		s->label = pm_xstrfmt("QCEW %d %s, industry %s", year, per, code);
		break;
	case 's':
		s->url = pm_xstrfmt("%s/data/files/%d/csv/%d_%s_singlefile.zip", base, year, year,
				    qtr == 'A' ? "annual" : "qtrly");
		s->label = pm_xstrfmt("QCEW %d %s singlefile", year,
				      qtr == 'A' ? "annual" : "quarterly");
		break;
	case 't':
		for (i = 0; i < sizeof tables / sizeof tables[0]; i++)
			if (!strcmp(tables[i].kind, code))
				break;
		if (i == sizeof tables / sizeof tables[0]) {
			free(base);
			return pm_err_set(err, PM_EUSAGE, "unknown QCEW table '%s'", code);
		}
		if (tables[i].dir)
			s->url = pm_xstrfmt("%s/doc/titles/%s/%s", base, tables[i].dir,
					    tables[i].file);
		else if (!strcmp(base, DEFAULT_BASE))
			s->url = pm_xstrfmt("https://www.bls.gov/cew/classifications/areas/%s",
					    tables[i].file);
		else
			s->url = pm_xstrfmt("%s/classifications/areas/%s", base, tables[i].file);
		s->label = pm_xstrfmt("QCEW %s", code);
		break;
	default:
		free(base);
		return pm_err_set(err, PM_EUSAGE, "unknown QCEW request kind '%c'", kind);
	}
	s->request = request_json(s, kind == 't' ? code : NULL);
	free(base);
	return PM_OK;
}

enum pm_status pm_qcew_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err)
{
	cJSON *o = cJSON_Parse(request);
	const char *kind, *code, *qtr;
	enum pm_status rc;
	int year;

	if (!o)
		return pm_err_set(err, PM_EDATA, "stored QCEW request is not JSON: %.80s", request);
	kind = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "kind"));
	code = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "code"));
	qtr = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "qtr"));
	year = (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, "year"));
	if (kind && !strcmp(kind, "table"))
		code = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "table"));
	if (!kind || (strcmp(kind, "singlefile") && !code))
		rc = pm_err_set(err, PM_EDATA, "stored QCEW request lacks kind or code: %.80s",
				request);
	else
		rc = pm_qcew_spec(out,
				  !strcmp(kind, "area")		? 'a'
				  : !strcmp(kind, "industry")	? 'i'
				  : !strcmp(kind, "singlefile") ? 's'
								: 't',
				  code, year, qtr && *qtr ? qtr[0] : 'A', err);
	cJSON_Delete(o);
	return rc;
}

/* ---- validation ---- */

static enum pm_status check_rows(const struct pm_fetch_spec *s, struct pm_csv *csv,
				 struct pm_err *err)
{
	struct pm_qcew_layout lay;
	struct pm_qcew_row row;
	enum pm_status rc;
	int repaired = 0, n;
	char per[16];
	bool eof;

	if ((rc = pm_qcew_layout_detect(csv, &lay, err)))
		return rc;
	if ((lay.quarterly && s->qtr == 'A') || (!lay.quarterly && s->qtr != 'A'))
		return pm_err_set(err, PM_EDATA, "%s: asked for %s data, got a %s file", s->url,
				  period_label(s->qtr, per, sizeof per),
				  lay.quarterly ? "quarterly" : "annual");
	for (n = 0; n < CHECK_ROWS; n++) {
		if ((rc = pm_csv_next_row(csv, &eof, err)))
			return rc;
		if (eof)
			break;
		if ((rc = pm_qcew_parse_row(&lay, csv, &row, &repaired, err)))
			return rc;
		if (row.year != s->year)
			return pm_err_set(err, PM_EDATA,
					  "%s: asked for %d, the file holds %d (line %llu)", s->url,
					  s->year, row.year, (unsigned long long)pm_csv_line(csv));
		if (s->qtr != 'A' && row.qtr[0] != s->qtr)
			return pm_err_set(err, PM_EDATA, "%s: asked for Q%c, the file holds Q%s",
					  s->url, s->qtr, row.qtr);
		if (s->kind == 'a' && strcasecmp(row.area, s->code))
			return pm_err_set(
				err, PM_EDATA,
				"%s: asked for area %s, the file holds area %s (wrong slice)",
				s->url, s->code, row.area);
		if (s->kind == 'i' && strcmp(row.industry, s->code))
			return pm_err_set(
				err, PM_EDATA,
				"%s: asked for industry %s, the file holds %s (wrong slice)",
				s->url, s->code, row.industry);
	}
	if (!n)
		return pm_err_set(err, PM_EDATA, "%s: a QCEW header but no data rows", s->url);
	return PM_OK;
}

static enum pm_status sniffed_header(const struct pm_fetch_spec *s, struct pm_csv *csv,
				     struct pm_err *err)
{
	enum pm_status rc = pm_csv_read_header(csv, err);
	size_t n, i = 0;
	const char *h = pm_csv_head(csv, &n);

	while (i < n && (h[i] == ' ' || h[i] == '\r' || h[i] == '\n' || h[i] == '\t'))
		i++;
	if (i < n && h[i] == '<')
		return pm_err_set(err, PM_EDATA,
				  "%s: the server sent an HTML page, not the CSV asked for",
				  s->url);
	if (rc)
		return pm_err_prefix(err, "%s", s->url);
	return PM_OK;
}

enum pm_status pm_qcew_validate(const struct pm_fetch_spec *s, const char *path, struct pm_err *err)
{
	struct pm_csv *csv = NULL;
	struct pm_zip *zip = NULL;
	struct pm_reader *rd = NULL;
	enum pm_status rc;
	size_t i;

	if (s->kind == 's') {
		if (!pm_is_zip_file(path))
			return pm_err_set(err, PM_EDATA, "%s: not a zip archive", s->url);
		if ((rc = pm_zip_open(&zip, path, err)))
			return pm_err_prefix(err, "%s", s->url);
		for (i = 0; i < pm_zip_count(zip); i++) {
			const char *name = pm_zip_name(zip, i);
			size_t len = strlen(name);

			if (len > 4 && !strcasecmp(name + len - 4, ".csv"))
				break;
		}
		if (i == pm_zip_count(zip)) {
			rc = pm_err_set(err, PM_EDATA, "%s: the archive holds no CSV file", s->url);
			goto out;
		}
		if ((rc = pm_zip_open_member(zip, i, &rd, err)))
			goto out;
	} else if ((rc = pm_reader_open_file(&rd, path, err))) {
		goto out;
	}
	rc = pm_csv_open(&csv, rd, NULL, err);
	rd = NULL;
	if (rc || (rc = sniffed_header(s, csv, err)))
		goto out;
	if (s->kind == 't') {
		const char *kind = pm_reference_kind(csv);

		if (!kind || strcmp(kind, s->code))
			rc = pm_err_set(err, PM_EDATA, "%s: not the QCEW %s table", s->url,
					s->code);
		goto out;
	}
	rc = check_rows(s, csv, err);
out:
	pm_csv_free(csv);
	pm_reader_free(rd);
	pm_zip_free(zip);
	return rc;
}
