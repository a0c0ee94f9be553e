/*
 * Fuzz the IPEDS loader (fetch/ipeds.c): the first input byte names the
 * file (even: hd2024.csv, odd: c2024_a.csv), the rest is its content. It
 * is imported into a scratch store in a transaction that is always rolled
 * back; a load that succeeds must have stored only what the loader
 * promises: CIP codes '99' or NN.NNNN, counties NULL or 5 digits,
 * award levels that are numbers, no negative counts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/codes.h"
#include "fetch/catalog.h"
#include "fetch/ipeds.h"
#include "store/store.h"
#include "fuzz_store.h"
#include "core/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pm_import_opts opts = { .force = true };
	struct pm_import_report rep;
	struct pm_err err = PM_ERR_INIT;
	FILE *f;

	fuzz_store_open("ipeds");
	if (!size)
		return 0;
	unlink(file);
	snprintf(file, sizeof file, "%s/%s", dir, data[0] % 2 ? "c2024_a.csv" : "hd2024.csv");
	f = fopen(file, "wb");
	if (!f)
		abort();
	if (size > 1 && fwrite(data + 1, 1, size - 1, f) != size - 1)
		abort();
	fclose(f);
	if (pm_store_begin(st, NULL))
		abort();
	if (!pm_ipeds_import(st, file, &opts, &rep, &err)) {
		if (count("SELECT count(*) FROM completion WHERE cip_code <> '99' AND cip_code NOT "
			  "GLOB '[0-9][0-9].[0-9][0-9][0-9][0-9]'") ||
		    count("SELECT count(*) FROM completion WHERE awlevel NOT GLOB '[0-9]*' OR "
			  "total < 0 OR men < 0 OR women < 0") ||
		    count("SELECT count(*) FROM institution WHERE length(county_fips) <> 5 OR "
			  "name = '' OR year NOT BETWEEN 1980 AND 2099"))
			abort();
	}
	pm_store_rollback(st);
	pm_import_report_release(&rep);
	return 0;
}
