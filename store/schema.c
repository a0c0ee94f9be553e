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

/*
 * Version 3: occupations and crosswalks. Codes as published and normalised
 * (core/codes.h): SOC '29-1141', O*NET-SOC '29-1141.01', CIP '51.3801'.
 * Employment is in persons (EP publishes thousands: loaders multiply),
 * wages in whole dollars; unknown values are NULL, with the publisher's
 * sentinel kept in a flags column where there is one.
 */
static const char v3_sql_a[] =
	"CREATE TABLE soc (\n"
	"  code       TEXT PRIMARY KEY,\n" /* 29-1141 */
	"  title      TEXT NOT NULL,\n"
	"  level      TEXT NOT NULL,\n"    /* major, minor, broad, detailed */
	"  parent     TEXT,\n"
	"  definition TEXT,\n"
	"  vintage    TEXT NOT NULL,\n"    /* '2018' */
	"  dataset_id INTEGER REFERENCES dataset(id)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE cip (\n"
	"  code       TEXT PRIMARY KEY,\n" /* 51.3801 */
	"  title      TEXT NOT NULL,\n"
	"  level      INTEGER NOT NULL,\n" /* 2, 4 or 6 digits */
	"  family     TEXT NOT NULL,\n"    /* 51 */
	"  definition TEXT,\n"
	"  action     TEXT,\n"             /* change from CIP 2010, as NCES writes it */
	"  vintage    TEXT NOT NULL,\n"    /* '2020' */
	"  dataset_id INTEGER REFERENCES dataset(id)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE cip_soc (\n"
	"  cip_code   TEXT NOT NULL,\n"    /* '99.9999' = no CIP matches the SOC */
	"  soc_code   TEXT NOT NULL,\n"    /* '99-9999' = no SOC matches the CIP */
	"  cip_title  TEXT,\n"
	"  soc_title  TEXT,\n"
	"  dataset_id INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (cip_code, soc_code)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX cip_soc_by_soc ON cip_soc(soc_code, cip_code);\n"
;
static const char v3_sql_b[] =
	"CREATE TABLE onet_occupation (\n"
	"  onet_code   TEXT PRIMARY KEY,\n" /* 29-1141.01 */
	"  soc_code    TEXT NOT NULL,\n"    /* its SOC 2018 code */
	"  title       TEXT,\n"             /* NULL while only its job zone is loaded */
	"  description TEXT,\n"
	"  job_zone    INTEGER,\n"
	"  dataset_id  INTEGER REFERENCES dataset(id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX onet_occupation_by_soc ON onet_occupation(soc_code);\n"
	"CREATE TABLE onet_job_zone (\n"
	"  job_zone   INTEGER PRIMARY KEY,\n"
	"  name       TEXT, experience TEXT, education TEXT, training TEXT, examples TEXT,\n"
	"  svp_range  TEXT,\n"
	"  dataset_id INTEGER REFERENCES dataset(id)\n"
	");\n"
	"CREATE TABLE onet_ete (\n" /* Education, Training, and Experience */
	"  onet_code  TEXT NOT NULL,\n"
	"  element_id TEXT NOT NULL,\n"    /* 2.D.1 required education, 3.A.1 experience, ... */
	"  scale_id   TEXT NOT NULL,\n"    /* RL, RW, PT, OJ, IM */
	"  category   INTEGER NOT NULL,\n" /* 1..12; 0 where O*NET writes n/a (scale IM) */
	"  value      REAL,\n"             /* percent of respondents; IM: mean importance 1-5 */
	"  n          INTEGER,\n"
	"  suppress   TEXT,\n"             /* O*NET's Recommend Suppress: Y, N; NULL for n/a */
	"  dataset_id INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (onet_code, element_id, scale_id, category)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE onet_ete_category (\n"
	"  element_id  TEXT NOT NULL,\n"
	"  scale_id    TEXT NOT NULL,\n"
	"  category    INTEGER NOT NULL,\n"
	"  description TEXT NOT NULL,\n"
	"  dataset_id  INTEGER REFERENCES dataset(id),\n"
	"  PRIMARY KEY (element_id, scale_id, category)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE onet_related (\n"
	"  onet_code    TEXT NOT NULL,\n"
	"  related_code TEXT NOT NULL,\n"
	"  tier         TEXT,\n"           /* Primary-Short, Primary-Long, Supplemental */
	"  rank         INTEGER,\n"
	"  dataset_id   INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (onet_code, related_code)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE onet_technology (\n"
	"  onet_code       TEXT NOT NULL,\n"
	"  example         TEXT NOT NULL,\n"
	"  commodity_code  TEXT,\n"
	"  commodity_title TEXT,\n"
	"  hot             INTEGER,\n"
	"  in_demand       INTEGER,\n"
	"  dataset_id      INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (onet_code, example, commodity_code)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE onet_alt_title (\n"
	"  onet_code   TEXT NOT NULL,\n"
	"  title       TEXT NOT NULL,\n"
	"  short_title TEXT,\n"
	"  sources     TEXT,\n"
	"  dataset_id  INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (onet_code, title)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE onet_task (\n"
	"  onet_code  TEXT NOT NULL,\n"
	"  task_id    INTEGER NOT NULL,\n"
	"  task       TEXT NOT NULL,\n"
	"  task_type  TEXT,\n"
	"  dataset_id INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (onet_code, task_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE onet_xwalk (\n" /* O*NET-SOC taxonomy crosswalks */
	"  from_taxonomy TEXT NOT NULL,\n" /* 'onet2010' or 'onet2019' */
	"  from_code     TEXT NOT NULL,\n"
	"  from_title    TEXT,\n"
	"  to_taxonomy   TEXT NOT NULL,\n" /* 'onet2019' or 'soc2018' */
	"  to_code       TEXT NOT NULL,\n"
	"  to_title      TEXT,\n"
	"  dataset_id    INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (from_taxonomy, from_code, to_taxonomy, to_code)\n"
	") WITHOUT ROWID;\n"
;
static const char v3_sql_c[] =
	"CREATE TABLE ep_occupation (\n" /* BLS Employment Projections, occupation.xlsx Table 1.2 */
	"  soc_code      TEXT NOT NULL,\n"
	"  base_year     INTEGER NOT NULL,\n"
	"  proj_year     INTEGER,\n"       /* NULL until Table 1.2 loads (5.4 only) */
	"  title         TEXT NOT NULL,\n"
	"  occ_type      TEXT,\n"          /* Line item or Summary */
	"  emp_base      INTEGER,\n"       /* persons */
	"  emp_proj      INTEGER,\n"
	"  change        INTEGER,\n"
	"  change_pct    REAL,\n"
	"  self_emp_pct  REAL,\n"
	"  openings      INTEGER,\n"       /* annual average, persons */
	"  median_wage   INTEGER,\n"       /* dollars; NULL when not published */
	"  median_wage_flag TEXT,\n"       /* the publisher's mark when the wage is not a number */
	"  education     TEXT,\n"          /* typical education needed for entry */
	"  experience    TEXT,\n"
	"  ojt           TEXT,\n"
	"  exit_rate     REAL,\n"          /* Table 1.10: labor force exit rate, percent a year */
	"  transfer_rate REAL,\n"          /* occupational transfer rate, percent a year */
	"  separation_rate REAL,\n"
	"  exits         INTEGER,\n"       /* annual average, persons */
	"  transfers     INTEGER,\n"
	"  separations   INTEGER,\n"
	"  dataset_id    INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (soc_code, base_year)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE ep_attainment (\n" /* education.xlsx Table 5.3 */
	"  soc_code   TEXT NOT NULL,\n"
	"  base_year  INTEGER NOT NULL,\n"
	"  level      TEXT NOT NULL,\n"    /* 'Less than high school diploma', ... */
	"  pct        REAL,\n"
	"  dataset_id INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (soc_code, base_year, level)\n"
	") WITHOUT ROWID;\n"
	"\n"
	"CREATE TABLE oews (\n" /* BLS Occupational Employment and Wage Statistics */
	"  area       TEXT NOT NULL,\n"    /* 99 = U.S., state FIPS, MSA code, as published */
	"  area_type  INTEGER,\n"
	"  naics      TEXT NOT NULL,\n"    /* 000000 = cross-industry */
	"  own_code   TEXT NOT NULL,\n"
	"  occ_code   TEXT NOT NULL,\n"
	"  year       INTEGER NOT NULL,\n" /* the May reference year */
	"  i_group    TEXT NOT NULL DEFAULT '',\n" /* industry level; '' when not published */
	"  o_group    TEXT NOT NULL DEFAULT '',\n" /* occupation level; '' when not published */
	"  area_title TEXT, naics_title TEXT, occ_title TEXT,\n"
	"  tot_emp    INTEGER, emp_prse REAL, jobs_1000 REAL, loc_quotient REAL,\n"
	"  pct_total  REAL, pct_rpt REAL,\n"
	"  h_mean REAL, a_mean INTEGER, mean_prse REAL,\n"
	"  h_pct10 REAL, h_pct25 REAL, h_median REAL, h_pct75 REAL, h_pct90 REAL,\n"
	"  a_pct10 INTEGER, a_pct25 INTEGER, a_median INTEGER, a_pct75 INTEGER, a_pct90 INTEGER,\n"
	"  annual_only INTEGER, hourly_only INTEGER,\n"
	"  flags      TEXT,\n"             /* 'A_MEDIAN=#;H_MEDIAN=#': sentinels * ** # ~ */
	"  dataset_id INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (area, naics, i_group, own_code, occ_code, o_group, year)\n"
	") WITHOUT ROWID;\n"
	"\n"
	"CREATE TABLE projection (\n" /* state/area long-term occupational projections */
	"  area       TEXT NOT NULL,\n"    /* state FIPS ('06') or sub-state area code */
	"  area_name  TEXT,\n"
	"  soc_code   TEXT NOT NULL,\n"
	"  base_year  INTEGER NOT NULL,\n"
	"  proj_year  INTEGER NOT NULL,\n"
	"  title      TEXT,\n"
	"  emp_base   INTEGER, emp_proj INTEGER, change INTEGER, change_pct REAL,\n"
	"  exits      INTEGER, transfers INTEGER, openings INTEGER,\n" /* over the whole period */
	"  openings_annual INTEGER,\n"    /* annual average, where that is what is published */
	"  median_hourly REAL, median_annual INTEGER,\n"
	"  education TEXT, experience TEXT, ojt TEXT,\n"
	"  dataset_id INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (area, soc_code, base_year)\n"
	") WITHOUT ROWID;\n"
	"\n"
	"CREATE TABLE staffing (\n" /* industry -> occupation employment (staffing patterns) */
	"  industry   TEXT NOT NULL,\n"    /* NAICS (or the EP matrix code, as published) */
	"  soc_code   TEXT NOT NULL,\n"
	"  year       INTEGER NOT NULL,\n"
	"  source     TEXT NOT NULL,\n"    /* 'ep-matrix' or 'oews-industry' */
	"  employment INTEGER,\n"          /* persons in the nation */
	"  share      REAL,\n"             /* of the industry's employment, 0..1 */
	"  dataset_id INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (industry, soc_code, year, source)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX staffing_by_soc ON staffing(soc_code);\n"
	"CREATE TABLE staffing_industry (\n" /* the industries staffing patterns are keyed by */
	"  code       TEXT NOT NULL,\n"   /* as published: '622000', '3250A1', '6110P0' */
	"  source     TEXT NOT NULL,\n"   /* 'ep-matrix' or 'oews-industry' */
	"  title      TEXT,\n"
	"  naics      TEXT,\n"            /* EP Table 1.9's NAICS text: '3251,2,3,9' */
	"  ind_type   TEXT,\n"            /* Summary or Line item */
	"  dataset_id INTEGER REFERENCES dataset(id),\n"
	"  PRIMARY KEY (code, source)\n"
	") WITHOUT ROWID;\n";

/*
 * Version 4: supply, gaps and assets. IPEDS institutions (HD) and
 * completions (C_A) as published; award levels (built in, data/ipeds/);
 * certifications and licenses per occupation (CareerOneStop); the user's
 * inventories of training programs, partners and employers.
 */
static const char v4_sql_a[] =
	"CREATE TABLE award_level (\n" /* IPEDS AWLEVEL, seeded from data/ipeds/award_levels.csv */
	"  awlevel      TEXT PRIMARY KEY,\n" /* '3', '20' */
	"  title        TEXT NOT NULL,\n"
	"  scheme       TEXT NOT NULL,\n"    /* 'all', '2019-20 on', 'before 2019-20' */
	"  ordinal      INTEGER NOT NULL,\n" /* ladder order */
	"  ladder       TEXT NOT NULL,\n"    /* short-term certificate, long certificate,
						associate, bachelor, graduate */
	"  ep_education TEXT\n"              /* the EP entry-education category it meets */
	") WITHOUT ROWID;\n"
	"CREATE TABLE institution (\n" /* IPEDS HD, one row per institution and HD year */
	"  unitid      INTEGER NOT NULL,\n"
	"  year        INTEGER NOT NULL,\n"  /* HD collection year: hd2024 -> 2024 */
	"  name        TEXT NOT NULL,\n"
	"  alias       TEXT, city TEXT, state TEXT,\n"
	"  county_fips TEXT,\n"              /* COUNTYCD, 5 digits */
	"  county_name TEXT,\n"
	"  cbsa        TEXT,\n"
	"  sector      INTEGER, level INTEGER, control INTEGER,\n" /* IPEDS codes */
	"  web         TEXT,\n"
	"  longitude   REAL, latitude REAL,\n"
	"  active      INTEGER,\n"           /* CYACTIVE: 1 active in the current year */
	"  dataset_id  INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (unitid, year)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX institution_by_county ON institution(county_fips);\n"
	"CREATE TABLE completion (\n" /* IPEDS C_A */
	"  unitid     INTEGER NOT NULL,\n"
	"  year       INTEGER NOT NULL,\n"   /* award year's end: c2024_a (2023-24) -> 2024 */
	"  cip_code   TEXT NOT NULL,\n"      /* 6-digit, normalised; '99' (grand total) kept */
	"  majornum   INTEGER NOT NULL,\n"
	"  awlevel    TEXT NOT NULL,\n"
	"  total      INTEGER, men INTEGER, women INTEGER,\n"
	"  dataset_id INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (unitid, year, cip_code, majornum, awlevel)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX completion_by_cip ON completion(cip_code, year);\n";
static const char v4_sql_b[] =
	"CREATE TABLE credential (\n" /* certifications and licenses (CareerOneStop) */
	"  soc_code     TEXT NOT NULL,\n"    /* the occupation it was listed for */
	"  kind         TEXT NOT NULL,\n"    /* certification or license */
	"  id           TEXT NOT NULL,\n"    /* the publisher's id */
	"  name         TEXT NOT NULL,\n"
	"  organization TEXT,\n"
	"  state        TEXT,\n"             /* licenses: the issuing state */
	"  level        TEXT,\n"             /* certifications: entry, advanced, ... as published */
	"  url          TEXT,\n"
	"  dataset_id   INTEGER NOT NULL REFERENCES dataset(id),\n"
	"  PRIMARY KEY (soc_code, kind, id)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE program (\n" /* the user's training program inventory (ETPL and others) */
	"  id            INTEGER PRIMARY KEY,\n"
	"  provider      TEXT NOT NULL,\n"
	"  program       TEXT NOT NULL,\n"
	"  cip_code      TEXT NOT NULL,\n"
	"  credential    TEXT NOT NULL,\n"   /* credential type as written */
	"  ladder        TEXT NOT NULL,\n"   /* award level: short-term certificate, ...,
						apprenticeship, industry certification */
	"  hours         REAL, weeks REAL,\n"
	"  cost          INTEGER,\n"         /* dollars */
	"  etpl          INTEGER NOT NULL,\n" /* WIOA eligible training provider list: 0/1 */
	"  county_fips   TEXT,\n"
	"  apprenticeship INTEGER NOT NULL,\n"
	"  line          INTEGER NOT NULL,\n" /* line in the file, for messages */
	"  dataset_id    INTEGER NOT NULL REFERENCES dataset(id)\n"
	");\n"
	"CREATE INDEX program_by_cip ON program(cip_code);\n"
	"CREATE TABLE partner (\n"
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, role TEXT,\n"
	"  county_fips TEXT, contact TEXT, line INTEGER NOT NULL,\n"
	"  dataset_id INTEGER NOT NULL REFERENCES dataset(id)\n"
	");\n"
	"CREATE TABLE employer (\n"
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL, naics TEXT, county_fips TEXT,\n"
	"  employees INTEGER, contact TEXT, line INTEGER NOT NULL,\n"
	"  dataset_id INTEGER NOT NULL REFERENCES dataset(id)\n"
	");\n";

/* Census code lists (`pathmap import naics`) tag their rows, so a list loaded
 * again replaces the one before; built-in titles keep NULL. */
static const char v5_sql[] =
	"ALTER TABLE naics ADD COLUMN dataset_id INTEGER REFERENCES dataset(id);\n";

static const char *const v1_parts[] = { v1_sql, NULL };
static const char *const v2_parts[] = { v2_sql, NULL };
static const char *const v3_parts[] = { v3_sql_a, v3_sql_b, v3_sql_c, NULL };
static const char *const v4_parts[] = { v4_sql_a, v4_sql_b, NULL };
static const char *const v5_parts[] = { v5_sql, NULL };

const struct pm_migration pm_migrations[] = {
	{ 1, "qcew spine: datasets, qcew facts, titles, crosswalk, regions", v1_parts },
	{ 2, "fetching: dataset URLs and validators, time series, refresh runs", v2_parts },
	{ 3, "occupations and crosswalks: SOC, CIP, O*NET, EP, OEWS, projections, staffing",
	  v3_parts },
	{ 4, "supply and assets: IPEDS institutions and completions, award levels, credentials, "
	     "program, partner and employer inventories",
	  v4_parts },
	{ 5, "NAICS code lists name the dataset they came from", v5_parts },
};

const int pm_migration_count = (int)(sizeof pm_migrations / sizeof pm_migrations[0]);
