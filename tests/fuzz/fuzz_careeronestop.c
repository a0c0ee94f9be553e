/*
 * Fuzz the CareerOneStop loader (fetch/careeronestop.c): the first input
 * byte says how the response is saved, the rest is the JSON response.
 *
 *   byte 0 % 4: the saved file's name, which gives the occupation (and
 *               state): 0 certifications-29-1141.json, 1
 *               licenses-29-1141-OH.json, 2 licenses_291141_oh.json, 3
 *               licenses-47-2111.json (no state)
 *   bit 0x04:   loaded as a fetched file instead: the stored request says
 *               what was asked (licenses when bit 0x08 is set, else
 *               certifications) for 29-1141 in OH, and the file is named
 *               response.json; pm_careeronestop_validate() checks it
 *               first, and a response it refuses must not load
 *   bit 0x10:   the same file is loaded a second time, which must replace
 *               the first load's credentials, not add to them
 *
 * Imports go into a scratch store in a transaction that is always rolled
 * back. A load that succeeds must have stored credentials for the
 * occupation (and state) asked for only, each with an id and a name
 * (trimmed, not blank), certifications without a state, and no more of
 * them than the response lists.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/codes.h"
#include "fetch/careeronestop.h"
#include "fetch/catalog.h"
#include "store/store.h"
#include "fuzz_store.h"
#include "core/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


/* Credentials that break what the loader promises for occupation SOC. */
static long long bad_rows(const char *soc)
{
	char sql[1024];

	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM credential WHERE soc_code <> '%s' OR "
		 "id IS NULL OR id = '' OR id <> trim(id) OR "
		 "name IS NULL OR name = '' OR name <> trim(name) OR "
		 "kind NOT IN ('certification', 'license') OR "
		 "(kind = 'certification' AND state IS NOT NULL) OR "
		 "organization = '' OR level = '' OR url = ''",
		 soc);
	return count(sql);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "certifications-29-1141.json",
					     "licenses-29-1141-OH.json", "licenses_291141_oh.json",
					     "licenses-47-2111.json" };
	static const char *const socs[] = { "29-1141", "29-1141", "29-1141", "47-2111" };
	static char url[] = "https://api.careeronestop.org/v1/fuzz/{userId}";
	static char ask_licenses[] = "{\"what\":\"licenses\",\"soc\":\"29-1141\",\"state\":\"OH\"}";
	static char ask_certifications[] = "{\"what\":\"certifications\",\"soc\":\"29-1141\"}";
	struct pm_import_opts opts = { .force = true };
	struct pm_import_report rep, rep2;
	struct pm_err err = PM_ERR_INIT;
	struct pm_fetch_spec spec = { 0 };
	bool valid = true;
	const char *soc;
	bool fetched;
	FILE *f;

	fuzz_store_open("careeronestop");
	if (!size)
		return 0;
	fetched = data[0] & 0x04;
	soc = socs[data[0] % 4];
	if (fetched) {
		soc = "29-1141";
		opts.url = spec.url = url;
		opts.request = spec.request = data[0] & 0x08 ? ask_licenses : ask_certifications;
		spec.kind = 'j';
	}
	unlink(file);
	snprintf(file, sizeof file, "%s/%s", dir, fetched ? "response.json" : names[data[0] % 4]);
	f = fopen(file, "wb");
	if (!f)
		abort();
	if (size > 1 && fwrite(data + 1, 1, size - 1, f) != size - 1)
		abort();
	fclose(f);
	if (fetched)
		valid = !pm_careeronestop_validate(&spec, file, &err);
	if (pm_store_begin(st, NULL))
		abort();
	if (!pm_careeronestop_import(st, file, &opts, &rep, &err)) {
		long long n = count("SELECT count(*) FROM credential");

		if (!valid || rep.skipped || n != rep.rows || n > (long long)size ||
		    count("SELECT count(DISTINCT kind) FROM credential") > 1)
			abort();
		/* Licenses of a file or request naming a state are that state's. */
		if (count("SELECT count(*) FROM credential WHERE kind = 'license'") &&
		    (fetched || data[0] % 4 == 1 || data[0] % 4 == 2) &&
		    count("SELECT count(*) FROM credential WHERE state IS NOT 'OH'"))
			abort();
		if (bad_rows(soc))
			abort();
		if (data[0] & 0x10) {
			if (pm_careeronestop_import(st, file, &opts, &rep2, &err) || rep2.skipped ||
			    count("SELECT count(*) FROM credential") != n || bad_rows(soc))
				abort();
			pm_import_report_release(&rep2);
		}
	}
	pm_store_rollback(st);
	pm_import_report_release(&rep);
	return 0;
}
