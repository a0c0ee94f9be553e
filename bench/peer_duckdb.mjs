// peer_duckdb.mjs - the benchmark job in DuckDB (npm @duckdb/node-api).
//
// usage: node peer_duckdb.mjs SINGLEFILE.csv sector|4 OUT.csv
//
// Private-sector (own_code 5) employment and location quotient for every
// county x industry of a QCEW annual singlefile:
//   LQ = (e_ic / E_c) / (e_iUS / E_US)
// E = own_code 0, industry 10 of the county (agglvl 70) and of US000; e the
// private employment of the county (agglvl 74 sector / 76 4-digit) and of
// US000 (agglvl 14 / 16). A suppressed cell (disclosure_code "N", written as
// 0) has unknown employment: employment and LQ are NULL (empty), never
// computed from 0. Output: area_fips,industry_code,employment,lq sorted by
// area then industry, LQ to 4 decimals.
//
// read_csv with the types of the used columns given (the sniffer samples
// only the head of the file, where area_fips looks numeric); DuckDB pushes
// the projection into the scan and uses every core by default.
import { DuckDBInstance } from '@duckdb/node-api';

const [file, level, out] = process.argv.slice(2);
if (!out || !['sector', '4'].includes(level)) {
	process.stderr.write('usage: node peer_duckdb.mjs FILE sector|4 OUT\n');
	process.exit(1);
}
const countyLvl = level === 'sector' ? 74 : 76;
const usLvl = countyLvl - 60;
const lit = (s) => `'${s.replaceAll("'", "''")}'`;

const sql = `
COPY (
  WITH d AS (
    SELECT area_fips, own_code, industry_code, agglvl_code,
           CASE WHEN disclosure_code = 'N' THEN NULL ELSE annual_avg_emplvl END AS emp
    FROM read_csv(${lit(file)}, header = true, delim = ',', quote = '"',
                  types = {'area_fips': 'VARCHAR', 'own_code': 'INTEGER',
                           'industry_code': 'VARCHAR', 'agglvl_code': 'INTEGER',
                           'disclosure_code': 'VARCHAR', 'annual_avg_emplvl': 'BIGINT'})
    WHERE (own_code = 5 AND agglvl_code = ${countyLvl})
       OR agglvl_code = 70
       OR (area_fips = 'US000' AND (agglvl_code = 10 OR (own_code = 5 AND agglvl_code = ${usLvl})))
  ),
  cty AS (SELECT area_fips, industry_code, emp FROM d
          WHERE own_code = 5 AND agglvl_code = ${countyLvl}),
  tot AS (SELECT area_fips, emp AS e_tot FROM d WHERE agglvl_code = 70),
  us AS (SELECT industry_code, emp AS e_us FROM d
         WHERE area_fips = 'US000' AND own_code = 5 AND agglvl_code = ${usLvl}),
  us_tot AS (SELECT emp AS e_us_tot FROM d WHERE area_fips = 'US000' AND agglvl_code = 10)
  SELECT c.area_fips, c.industry_code, c.emp AS employment,
         CASE WHEN t.e_tot > 0 AND u.e_us > 0 AND n.e_us_tot > 0
              THEN printf('%.4f', (c.emp::DOUBLE / t.e_tot) / (u.e_us::DOUBLE / n.e_us_tot))
         END AS lq
  FROM cty c
  LEFT JOIN tot t USING (area_fips)
  LEFT JOIN us u USING (industry_code)
  LEFT JOIN us_tot n ON true
  ORDER BY c.area_fips, c.industry_code
) TO ${lit(out)} (FORMAT csv, HEADER true)`;

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
await conn.run(sql);
conn.closeSync?.();
