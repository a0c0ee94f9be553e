/*
 * Fuzz the inventory loaders (fetch/inventory.c): the first input byte
 * picks the loader and how it is run, the rest is the CSV file.
 *
 *   byte 0 % 4: 0 programs.csv, 1 partners.csv, 2 employers.csv,
 *               3 programs.csv saved as "Programs 2025.csv"
 *   bit 0x04:   a CIP list is loaded first (51, 51.38, 51.3801, 46.0302),
 *               so program CIP codes must be in it
 *   bit 0x08:   the file is imported a second time: forced when bit 0x10
 *               is set (it must replace, not add to, the first load),
 *               otherwise it must be skipped as already loaded
 *
 * Imports go into a scratch store (built-in reference data: counties) in a
 * transaction that is always rolled back. A load that succeeds must have
 * stored only what docs/inventories.md promises: required text present,
 * CIP codes normalised (and listed when a list is loaded), ladder levels
 * among the known ones, yes/no as 0/1, no negative numbers, counties that
 * are known 5-digit county codes, and as many rows as the report says.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/codes.h"
#include "fetch/catalog.h"
#include "fetch/inventory.h"
#include "store/store.h"
#include "fuzz_store.h"
#include "core/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


#define BAD_COUNTY                                                                                 \
	"(county_fips IS NOT NULL AND (length(county_fips) <> 5 OR county_fips NOT IN "            \
	"(SELECT area_fips FROM area WHERE area_type = 'county')))"

/* Rows of the loaded table that break what the loader promises. */
static long long bad_rows(int kind, bool have_cip)
{
	switch (kind) {
	case 0:
		return count("SELECT count(*) FROM program WHERE "
			     "provider = '' OR provider <> trim(provider) OR "
			     "program = '' OR program <> trim(program) OR "
			     "credential = '' OR credential <> trim(credential) OR "
			     "(cip_code NOT GLOB '[0-9][0-9]' AND "
			     "cip_code NOT GLOB '[0-9][0-9].[0-9][0-9]' AND "
			     "cip_code NOT GLOB '[0-9][0-9].[0-9][0-9][0-9][0-9]') OR "
			     "ladder NOT IN ('short-term certificate', 'long certificate', "
			     "'associate', 'bachelor', 'graduate', 'apprenticeship', "
			     "'industry certification') OR "
			     "hours < 0 OR weeks < 0 OR cost < 0 OR "
			     "typeof(hours) NOT IN ('real', 'integer', 'null') OR "
			     "typeof(weeks) NOT IN ('real', 'integer', 'null') OR "
			     "typeof(cost) NOT IN ('integer', 'null') OR "
			     "etpl NOT IN (0, 1) OR apprenticeship NOT IN (0, 1) OR " BAD_COUNTY) +
		       (have_cip ? count("SELECT count(*) FROM program WHERE cip_code NOT IN "
					 "(SELECT code FROM cip)")
				 : 0);
	case 1:
		return count(
			"SELECT count(*) FROM partner WHERE "
			"name = '' OR name <> trim(name) OR kind = '' OR kind <> trim(kind) OR "
			"role = '' OR contact = '' OR " BAD_COUNTY);
	default:
		return count("SELECT count(*) FROM employer WHERE "
			     "name = '' OR name <> trim(name) OR "
			     "naics = '' OR naics NOT GLOB '[0-9][0-9]*' OR employees < 0 OR "
			     "typeof(employees) NOT IN ('integer', 'null') OR contact = '' "
			     "OR " BAD_COUNTY);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static pm_import_fn *const import[] = { pm_inventory_import_programs,
						pm_inventory_import_partners,
						pm_inventory_import_employers };
	static const char *const names[] = { "programs.csv", "partners.csv", "employers.csv",
					     "Programs 2025.csv" };
	static const char *const tables[] = { "SELECT count(*) FROM program",
					      "SELECT count(*) FROM partner",
					      "SELECT count(*) FROM employer" };
	struct pm_import_opts opts = { .force = true };
	struct pm_import_report rep, rep2;
	struct pm_err err = PM_ERR_INIT;
	int kind;
	bool have_cip;
	FILE *f;

	fuzz_store_open("inventory");
	if (!size)
		return 0;
	kind = data[0] % 4 == 3 ? 0 : data[0] % 4;
	have_cip = data[0] & 0x04;
	unlink(file);
	snprintf(file, sizeof file, "%s/%s", dir, names[data[0] % 4]);
	f = fopen(file, "wb");
	if (!f)
		abort();
	if (size > 1 && fwrite(data + 1, 1, size - 1, f) != size - 1)
		abort();
	fclose(f);
	if (pm_store_begin(st, NULL))
		abort();
	if (have_cip &&
	    pm_store_exec(st,
			  "INSERT INTO cip (code, title, level, family, vintage) VALUES "
			  "('51', 'Health', 2, '51', '2020'), "
			  "('51.38', 'Nursing', 4, '51', '2020'), "
			  "('51.3801', 'Registered Nursing', 6, '51', '2020'), "
			  "('46.0302', 'Electrician', 6, '46', '2020')",
			  NULL))
		abort();
	if (!import[kind](st, file, &opts, &rep, &err)) {
		if (bad_rows(kind, have_cip) || rep.skipped || count(tables[kind]) != rep.rows)
			abort();
		if (data[0] & 0x08) {
			opts.force = data[0] & 0x10;
			if (import[kind](st, file, &opts, &rep2, &err) ||
			    rep2.skipped == opts.force || count(tables[kind]) != rep.rows ||
			    bad_rows(kind, have_cip))
				abort();
			pm_import_report_release(&rep2);
		}
	}
	pm_store_rollback(st);
	pm_import_report_release(&rep);
	return 0;
}
