// peer_duckdb_import.mjs - the import job in DuckDB (npm @duckdb/node-api).
//
// usage: node peer_duckdb_import.mjs SINGLEFILE.csv STORE.duckdb
//
// Loads a QCEW annual singlefile into a table of a DuckDB database file, as
// a DuckDB user would: CREATE TABLE ... AS SELECT * FROM read_csv(...), the
// code columns typed VARCHAR (the sniffer samples the head of the file, where
// area_fips and industry_code look numeric, and would fail on 'C1018' or
// '31-33', or drop leading zeros), the measures left to the sniffer. Prints
// the row count to stdout. STORE is replaced if it exists.
import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';

const [file, store] = process.argv.slice(2);
if (!store) {
	process.stderr.write('usage: node peer_duckdb_import.mjs FILE STORE.duckdb\n');
	process.exit(1);
}
for (const f of [store, `${store}.wal`])
	rmSync(f, { force: true });
const lit = (s) => `'${s.replaceAll("'", "''")}'`;
const codes = ['area_fips', 'own_code', 'industry_code', 'agglvl_code', 'size_code', 'qtr',
	'disclosure_code', 'lq_disclosure_code', 'oty_disclosure_code'];
const types = codes.map((c) => `${lit(c)}: 'VARCHAR'`).join(', ');

const instance = await DuckDBInstance.create(store);
const conn = await instance.connect();
await conn.run(`CREATE TABLE qcew AS SELECT * FROM read_csv(${lit(file)}, header = true,
	delim = ',', quote = '"', types = {${types}, 'year': 'INTEGER'})`);
const reader = await conn.runAndReadAll('SELECT count(*) FROM qcew');
process.stdout.write(`${reader.getRows()[0][0]}\n`);
conn.closeSync?.();
