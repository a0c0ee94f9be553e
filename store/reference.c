/*
 * Built-in reference tables, compiled in from data/ (core/embed.h):
 *   data/qcew/area_titles.csv          -> area        (BLS QCEW area titles)
 *   data/qcew/industry_titles.csv      -> industry    (BLS QCEW industry titles)
 *   data/qcew/ownership_titles.csv     -> ownership
 *   data/qcew/agglevel_titles.csv      -> agglevel
 *   data/qcew/size_titles.csv          -> size_class
 *   data/qcew/county_msa_csa_crosswalk.csv -> county_xwalk
 *   data/naics/naics_{2022,2017}_titles.csv -> naics
 *   data/ipeds/award_levels.csv        -> award_level (IPEDS AWLEVEL codes, ladder levels)
 *
 * Each file is recorded as a `reference` dataset with its checksum. On every
 * open the checksums are compared with the compiled-in files; a table whose
 * file changed (a newer pathmap) is loaded again. Rows are upserted, never
 * cleared, so titles of retired codes (older NAICS) stay available for old
 * data and titles a user imported for new codes survive. Columns are found
 * by header name. The same loader takes newer title files a user imports
 * (`pathmap import qcew area_titles.csv`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/embed.h"
#include "core/path.h"
#include "core/reader.h"
#include "core/sha256.h"
#include "core/xalloc.h"
#include "store/dataset.h"
#include "store/store.h"
#include "store/reference.h"
#include "store/titles.h"
#include "core/banned.h"

struct ref_table {
	const char *file;
	const char *kind;
	const char *vintage;
	const char *insert_sql;
	const char *cols[8]; /* header names, bound in order (NULL-terminated) */
	int derived;	     /* extra bound values computed from the row */
};

enum { DERIVE_NONE, DERIVE_AREA_TYPE, DERIVE_INDUSTRY_TITLE };

static const struct ref_table ref_tables[] = {
	{ "data/qcew/area_titles.csv",
	  "area-titles",
	  NULL,
	  "INSERT OR REPLACE INTO area (area_fips, area_title, area_type) VALUES (?,?,?)",
	  { "area_fips", "area_title", NULL },
	  DERIVE_AREA_TYPE },
	{ "data/qcew/industry_titles.csv",
	  "industry-titles",
	  NULL,
	  "INSERT OR REPLACE INTO industry (industry_code, industry_title, title) VALUES (?,?,?)",
	  { "industry_code", "industry_title", NULL },
	  DERIVE_INDUSTRY_TITLE },
	{ "data/qcew/ownership_titles.csv",
	  "ownership-titles",
	  NULL,
	  "INSERT OR REPLACE INTO ownership (own_code, own_title) VALUES (?,?)",
	  { "own_code", "own_title", NULL },
	  DERIVE_NONE },
	{ "data/qcew/agglevel_titles.csv",
	  "agglevel-titles",
	  NULL,
	  "INSERT OR REPLACE INTO agglevel (agglvl_code, agglvl_title) VALUES (?,?)",
	  { "agglvl_code", "agglvl_title", NULL },
	  DERIVE_NONE },
	{ "data/qcew/size_titles.csv",
	  "size-titles",
	  NULL,
	  "INSERT OR REPLACE INTO size_class (size_code, size_title) VALUES (?,?)",
	  { "size_code", "size_title", NULL },
	  DERIVE_NONE },
	{ "data/qcew/county_msa_csa_crosswalk.csv",
	  "county-msa-csa-crosswalk",
	  NULL,
	  "INSERT OR REPLACE INTO county_xwalk (county_fips, county_title, msa_code, msa_title, "
	  "msa_type, csa_code, csa_title) VALUES (?,?,NULLIF(?,''),NULLIF(?,''),NULLIF(?,''),"
	  "NULLIF(?,''),NULLIF(?,''))",
	  { "County Code", "County Title", "MSA Code", "MSA Title", "MSA Type", "CSA Code",
	    "CSA Title", NULL },
	  DERIVE_NONE },
	{ "data/naics/naics_2022_titles.csv",
	  "naics-titles",
	  "2022",
	  "INSERT OR REPLACE INTO naics (vintage, code, title) VALUES ('2022',?,?)",
	  { "naics_code", "naics_title", NULL },
	  DERIVE_NONE },
	{ "data/naics/naics_2017_titles.csv",
	  "naics-titles",
	  "2017",
	  "INSERT OR REPLACE INTO naics (vintage, code, title) VALUES ('2017',?,?)",
	  { "naics_code", "naics_title", NULL },
	  DERIVE_NONE },
	{ "data/ipeds/award_levels.csv",
	  "award-levels",
	  NULL,
	  "INSERT OR REPLACE INTO award_level (awlevel, title, scheme, ordinal, ladder, "
	  "ep_education) VALUES (?,?,?,?,?,?)",
	  { "awlevel", "title", "scheme", "ordinal", "ladder", "ep_education", NULL },
	  DERIVE_NONE },
};

static enum pm_status stored_sha(struct pm_store *st, const char *file, char out[65],
				 struct pm_err *err)
{
	sqlite3_stmt *s = NULL;
	enum pm_status rc;

	out[0] = '\0';
	if ((rc = pm_store_prepare(st,
				   "SELECT sha256 FROM dataset WHERE source = 'reference' AND "
				   "location = ? ORDER BY id DESC LIMIT 1",
				   &s, err)))
		return rc;
	pm_bind_text(s, 1, file);
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(out, 65, "%s", pm_col_text(s, 0));
	sqlite3_finalize(s);
	return PM_OK;
}

/* Load the rows of CSV (header already read) into table T; counts go to DS. */
static enum pm_status load_rows(struct pm_store *st, const struct ref_table *t, struct pm_csv *csv,
				struct pm_dataset *ds, struct pm_err *err)
{
	sqlite3_stmt *ins = NULL;
	int idx[8];
	size_t ncols, i;
	enum pm_status rc;
	bool eof;

	for (ncols = 0; t->cols[ncols]; ncols++) {
		idx[ncols] = pm_csv_col(csv, t->cols[ncols]);
		if (idx[ncols] < 0)
			return pm_err_set(err, PM_EDATA, "%s: missing column '%s'",
					  pm_csv_name(csv), t->cols[ncols]);
	}
	if ((rc = pm_store_prepare(st, t->insert_sql, &ins, err)))
		return rc;
	for (;;) {
		if ((rc = pm_csv_next_row(csv, &eof, err)))
			break;
		if (eof)
			break;
		ds->rows_read++;
		if (pm_csv_nfields(csv) != pm_csv_ncols(csv)) {
			rc = pm_err_set(err, PM_EDATA, "%s:%llu: expected %zu fields, found %zu",
					pm_csv_name(csv), (unsigned long long)pm_csv_line(csv),
					pm_csv_ncols(csv), pm_csv_nfields(csv));
			break;
		}
		if (!*pm_csv_field(csv, (size_t)idx[0], NULL)) {
			rc = pm_err_set(err, PM_EDATA, "%s:%llu: field '%s' is empty",
					pm_csv_name(csv), (unsigned long long)pm_csv_line(csv),
					t->cols[0]);
			break;
		}
		sqlite3_reset(ins);
		for (i = 0; i < ncols; i++) {
			size_t len;
			const char *f = pm_csv_field(csv, (size_t)idx[i], &len);

			pm_bind_textn(ins, (int)i + 1, f, len);
		}
		if (t->derived == DERIVE_AREA_TYPE) {
			pm_bind_text(ins, 3,
				     pm_area_type(pm_csv_field(csv, (size_t)idx[0], NULL),
						  pm_csv_field(csv, (size_t)idx[1], NULL)));
		} else if (t->derived == DERIVE_INDUSTRY_TITLE) {
			char *clean =
				pm_industry_title_clean(pm_csv_field(csv, (size_t)idx[0], NULL),
							pm_csv_field(csv, (size_t)idx[1], NULL));

			pm_bind_text(ins, 3, clean);
			free(clean);
		}
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = pm_store_fail(st, err, "cannot load reference table");
			break;
		}
		ds->rows_loaded++;
	}
	sqlite3_finalize(ins);
	return rc;
}

static enum pm_status seed_table(struct pm_store *st, const struct ref_table *t,
				 const struct pm_embedded *e, const char *sha, struct pm_err *err)
{
	struct pm_dataset ds = { 0 };
	struct pm_csv *csv = NULL;
	sqlite3_stmt *del = NULL;
	enum pm_status rc;

	if ((rc = pm_store_prepare(
		     st, "DELETE FROM dataset WHERE source = 'reference' AND location = ?", &del,
		     err)))
		goto cleanup;
	pm_bind_text(del, 1, t->file);
	if (sqlite3_step(del) != SQLITE_DONE) {
		rc = pm_store_fail(st, err, "cannot replace reference dataset");
		goto cleanup;
	}
	ds.source = pm_xstrdup("reference");
	ds.kind = pm_xstrdup(t->kind);
	ds.file_name = pm_xstrdup(pm_path_base(t->file));
	ds.location = pm_xstrdup(t->file);
	ds.vintage = t->vintage ? pm_xstrdup(t->vintage) : NULL;
	ds.bytes = (int64_t)e->size;
	snprintf(ds.sha256, sizeof ds.sha256, "%s", sha);
	if ((rc = pm_dataset_insert(st, &ds, err)) ||
	    (rc = pm_csv_open(&csv, pm_reader_new_mem(e->data, e->size, t->file), NULL, err)) ||
	    (rc = pm_csv_read_header(csv, err)) || (rc = load_rows(st, t, csv, &ds, err)))
		goto cleanup;
	rc = pm_dataset_update(st, &ds, err);
cleanup:
	sqlite3_finalize(del);
	pm_csv_free(csv);
	pm_dataset_release(&ds);
	return rc;
}

/* A title table's header has exactly its columns (data files have more). */
static bool header_matches(struct pm_csv *csv, const struct ref_table *t)
{
	size_t i;

	for (i = 0; t->cols[i]; i++)
		if (pm_csv_col(csv, t->cols[i]) < 0)
			return false;
	return i > 0 && pm_csv_ncols(csv) == i;
}

const char *pm_reference_kind(struct pm_csv *csv)
{
	size_t i;

	for (i = 0; i < sizeof ref_tables / sizeof ref_tables[0]; i++)
		if (header_matches(csv, &ref_tables[i]) &&
		    /* NAICS lists share a header; the vintage is told by the file name. */
		    !ref_tables[i].vintage)
			return ref_tables[i].kind;
	return NULL;
}

enum pm_status pm_reference_load(struct pm_store *st, const char *kind, struct pm_csv *csv,
				 struct pm_dataset *ds, struct pm_err *err)
{
	size_t i;

	for (i = 0; i < sizeof ref_tables / sizeof ref_tables[0]; i++)
		if (!strcmp(ref_tables[i].kind, kind) && !ref_tables[i].vintage)
			return load_rows(st, &ref_tables[i], csv, ds, err);
	return pm_err_set(err, PM_EDATA, "%s: not a known reference table", pm_csv_name(csv));
}

enum pm_status pm_store_seed_reference(struct pm_store *st, bool *changed, struct pm_err *err)
{
	struct pm_sha256 *h = pm_sha256_new();
	enum pm_status rc = PM_OK;
	size_t i;

	*changed = false;
	for (i = 0; i < sizeof ref_tables / sizeof ref_tables[0]; i++) {
		const struct ref_table *t = &ref_tables[i];
		const struct pm_embedded *e = pm_embedded_find(t->file);
		char have[65], want[65];

		if (!e) {
			rc = pm_err_set(err, PM_ESTORE, "reference file '%s' is not built in",
					t->file);
			break;
		}
		pm_sha256_update(h, e->data, e->size);
		pm_sha256_hex(h, want);
		if ((rc = stored_sha(st, t->file, have, err)))
			break;
		if (!strcmp(have, want))
			continue;
		if ((rc = seed_table(st, t, e, want, err))) {
			pm_err_prefix(err, "cannot seed reference data");
			break;
		}
		*changed = true;
	}
	pm_sha256_free(h);
	return rc;
}
