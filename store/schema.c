/*
 * The store schema as forward-only migrations. A released migration is never
 * edited: change the schema by appending a new one. docs/store.md explains
 * every table for people who query the store directly.
 *
 * Conventions: codes are TEXT exactly as published ('31-33', 'US000',
 * 'C1814'); money is INTEGER dollars; a NULL measure is unknown (suppressed
 * or not published), never zero; every fact row names its dataset.
 */
#include "store/store.h"
#include "core/banned.h"

static const char v1_sql[] =
	"CREATE TABLE meta (\n"
	"  key   TEXT PRIMARY KEY,\n"
	"  value TEXT\n"
	");\n"
	"CREATE TABLE dataset (\n"
	"  id              INTEGER PRIMARY KEY,\n"
	"  source          TEXT NOT NULL,\n" /* 'qcew', 'reference', ... */
	"  kind            TEXT NOT NULL,\n" /* 'area-slice', 'industry-slice', 'singlefile',
						'area-titles', ... */
	"  file_name       TEXT NOT NULL,\n" /* base name as published */
	"  member          TEXT,\n"	     /* zip member(s) read */
	"  location        TEXT,\n"	     /* path or URL it was loaded from */
	"  bytes           INTEGER NOT NULL,\n"
	"  sha256          TEXT NOT NULL,\n"
	"  year            INTEGER,\n"
	"  qtr             TEXT,\n"	     /* 'A', '1'..'4', NULL when not periodic */
	"  vintage         TEXT,\n"	     /* e.g. 'NAICS 2022' for reference data */
	"  loaded_at       TEXT NOT NULL,\n" /* UTC, ISO 8601 */
	"  rows_read       INTEGER NOT NULL DEFAULT 0,\n"
	"  rows_loaded     INTEGER NOT NULL DEFAULT 0,\n"
	"  rows_suppressed INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX dataset_by_sha ON dataset(source, sha256);\n"
	"\n"
	"CREATE TABLE qcew (\n"
	"  area_fips      TEXT NOT NULL,\n"
	"  year           INTEGER NOT NULL,\n"
	"  qtr            TEXT NOT NULL,\n"
	"  own_code       TEXT NOT NULL,\n"
	"  industry_code  TEXT NOT NULL,\n"
	"  size_code      TEXT NOT NULL,\n"
	"  agglvl_code    TEXT NOT NULL,\n"
	"  dataset_id     INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  disclosure_code TEXT NOT NULL DEFAULT '',\n"
	"  estabs         INTEGER,\n"
	"  emplvl         INTEGER,\n" /* annual average; for quarters the third month */
	"  month1_emplvl  INTEGER,\n"
	"  month2_emplvl  INTEGER,\n"
	"  total_wages    INTEGER,\n"
	"  taxable_wages  INTEGER,\n"
	"  contributions  INTEGER,\n"
	"  avg_wkly_wage  INTEGER,\n"
	"  avg_annual_pay INTEGER,\n"
	"  lq_disclosure_code TEXT NOT NULL DEFAULT '',\n"
	"  lq_estabs      REAL,\n"
	"  lq_emplvl      REAL,\n"
	"  lq_month1_emplvl REAL,\n"
	"  lq_month2_emplvl REAL,\n"
	"  lq_total_wages REAL,\n"
	"  lq_taxable_wages REAL,\n"
	"  lq_contributions REAL,\n"
	"  lq_avg_wkly_wage REAL,\n"
	"  lq_avg_annual_pay REAL,\n"
	"  oty_disclosure_code TEXT NOT NULL DEFAULT '',\n"
	"  oty_estabs_chg INTEGER,\n"
	"  oty_estabs_pct_chg REAL,\n"
	"  oty_emplvl_chg INTEGER,\n"
	"  oty_emplvl_pct_chg REAL,\n"
	"  oty_month1_emplvl_chg INTEGER,\n"
	"  oty_month1_emplvl_pct_chg REAL,\n"
	"  oty_month2_emplvl_chg INTEGER,\n"
	"  oty_month2_emplvl_pct_chg REAL,\n"
	"  oty_total_wages_chg INTEGER,\n"
	"  oty_total_wages_pct_chg REAL,\n"
	"  oty_taxable_wages_chg INTEGER,\n"
	"  oty_taxable_wages_pct_chg REAL,\n"
	"  oty_contributions_chg INTEGER,\n"
	"  oty_contributions_pct_chg REAL,\n"
	"  oty_avg_wkly_wage_chg INTEGER,\n"
	"  oty_avg_wkly_wage_pct_chg REAL,\n"
	"  oty_avg_annual_pay_chg INTEGER,\n"
	"  oty_avg_annual_pay_pct_chg REAL,\n"
	"  PRIMARY KEY (area_fips, year, qtr, own_code, industry_code, size_code)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX qcew_by_dataset ON qcew(dataset_id);\n"
	"\n"
	"CREATE TABLE area (\n"
	"  area_fips  TEXT PRIMARY KEY,\n"
	"  area_title TEXT NOT NULL,\n"
	"  area_type  TEXT NOT NULL\n" /* nation, state, county, msa, micro, csa, aggregate, other
					*/
	") WITHOUT ROWID;\n"
	"CREATE TABLE industry (\n"
	"  industry_code  TEXT PRIMARY KEY,\n"
	"  industry_title TEXT NOT NULL,\n" /* as BLS writes it: 'NAICS 23 Construction' */
	"  title          TEXT NOT NULL\n"  /* without the code prefix: 'Construction' */
	") WITHOUT ROWID;\n"
	"CREATE TABLE naics (\n"
	"  vintage TEXT NOT NULL,\n" /* '2017', '2022' */
	"  code    TEXT NOT NULL,\n"
	"  title   TEXT NOT NULL,\n"
	"  PRIMARY KEY (vintage, code)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE ownership (\n"
	"  own_code  TEXT PRIMARY KEY,\n"
	"  own_title TEXT NOT NULL\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE agglevel (\n"
	"  agglvl_code  TEXT PRIMARY KEY,\n"
	"  agglvl_title TEXT NOT NULL\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE size_class (\n"
	"  size_code  TEXT PRIMARY KEY,\n"
	"  size_title TEXT NOT NULL\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE county_xwalk (\n"
	"  county_fips  TEXT PRIMARY KEY,\n"
	"  county_title TEXT NOT NULL,\n"
	"  msa_code     TEXT,\n" /* QCEW code: 'C1814' */
	"  msa_title    TEXT,\n"
	"  msa_type     TEXT,\n" /* 'Metro' or 'Micro' */
	"  csa_code     TEXT,\n" /* 'CS198' */
	"  csa_title    TEXT\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX county_xwalk_by_msa ON county_xwalk(msa_code);\n"
	"CREATE INDEX county_xwalk_by_csa ON county_xwalk(csa_code);\n"
	"\n"
	"CREATE TABLE region (\n"
	"  name       TEXT PRIMARY KEY,\n"
	"  definition TEXT NOT NULL,\n" /* how it was defined: '--msa C1814' */
	"  kind       TEXT NOT NULL,\n" /* counties, msa, csa, state */
	"  code       TEXT,\n"		/* the MSA/CSA/state code it was built from */
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE region_county (\n"
	"  region      TEXT NOT NULL REFERENCES region(name) ON DELETE CASCADE ON UPDATE CASCADE,\n"
	"  county_fips TEXT NOT NULL,\n"
	"  PRIMARY KEY (region, county_fips)\n"
	") WITHOUT ROWID;\n";

/*
 * Version 2: fetching. Datasets remember the URL they came from, the
 * server's validators (ETag, Last-Modified), when they were fetched and last
 * confirmed current, and how to request them again (JSON without secrets).
 * BLS API time series, and a log of refresh runs.
 */
static const char v2_sql[] =
	"ALTER TABLE dataset ADD COLUMN url TEXT;\n"
	"ALTER TABLE dataset ADD COLUMN etag TEXT;\n"
	"ALTER TABLE dataset ADD COLUMN last_modified TEXT;\n"
	"ALTER TABLE dataset ADD COLUMN fetched_at TEXT;\n"
	"ALTER TABLE dataset ADD COLUMN checked_at TEXT;\n"
	"ALTER TABLE dataset ADD COLUMN request TEXT;\n"
	"CREATE INDEX dataset_by_url ON dataset(url);\n"
	"\n"
	"CREATE TABLE series (\n"
	"  series_id   TEXT NOT NULL,\n"
	"  year        INTEGER NOT NULL,\n"
	"  period      TEXT NOT NULL,\n" /* M01-M13, Q01-Q05, A01, S01-S03 */
	"  period_name TEXT,\n"
	"  value       TEXT NOT NULL,\n" /* as the API sent it: a string */
	"  value_num   REAL,\n"          /* the same as a number, NULL when it is none ('-') */
	"  footnotes   TEXT,\n"
	"  latest      INTEGER NOT NULL DEFAULT 0,\n"
	"  dataset_id  INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (series_id, year, period)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX series_by_dataset ON series(dataset_id);\n"
	"CREATE TABLE series_info (\n"
	"  series_id  TEXT PRIMARY KEY,\n"
	"  catalog    TEXT,\n" /* the API's catalog object, JSON, when requested */
	"  dataset_id INTEGER REFERENCES dataset(id)\n"
	") WITHOUT ROWID;\n"
	"\n"
	"CREATE TABLE refresh_run (\n"
	"  id          INTEGER PRIMARY KEY,\n"
	"  started_at  TEXT NOT NULL,\n"
	"  finished_at TEXT,\n"
	"  exit_code   INTEGER,\n"
	"  outcome     TEXT,\n" /* nothing changed, changed, partial, failed */
	"  checked     INTEGER NOT NULL DEFAULT 0,\n"
	"  changed     INTEGER NOT NULL DEFAULT 0,\n"
	"  failed      INTEGER NOT NULL DEFAULT 0,\n"
	"  report      TEXT\n" /* JSON */
	");\n";

const struct pm_migration pm_migrations[] = {
	{ 1, "qcew spine: datasets, qcew facts, titles, crosswalk, regions", v1_sql },
	{ 2, "fetching: dataset URLs and validators, time series, refresh runs", v2_sql },
};

const int pm_migration_count = (int)(sizeof pm_migrations / sizeof pm_migrations[0]);
