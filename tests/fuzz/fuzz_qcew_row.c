/*
 * Fuzz QCEW layout detection and row validation: the input is a CSV file.
 * Its header picks the layout, then every row is parsed; errors are
 * ignored, but a row that parses must satisfy what the loader relies on.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/reader.h"
#include "fetch/qcew.h"
#include "sectors/naics.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool code_ok(const char *s, size_t maxlen)
{
	size_t n = strnlen(s, maxlen);

	return n < maxlen;
}

static void check_row(const struct pm_qcew_layout *lay, const struct pm_qcew_row *r)
{
	if (!code_ok(r->area, sizeof r->area) || strlen(r->area) != 5)
		abort();
	if (!code_ok(r->own, sizeof r->own) || strlen(r->own) != 1)
		abort();
	if (!code_ok(r->industry, sizeof r->industry) || pm_naics_level(r->industry) < 0)
		abort();
	if (!code_ok(r->agglvl, sizeof r->agglvl) || strlen(r->agglvl) != 2)
		abort();
	if (!code_ok(r->size, sizeof r->size) || !code_ok(r->qtr, sizeof r->qtr))
		abort();
	if (r->year < 1970 || r->year > 2200)
		abort();
	if (lay->quarterly ? (r->qtr[0] < '1' || r->qtr[0] > '4') : strcmp(r->qtr, "A"))
		abort();
	if (!code_ok(r->disclosure, sizeof r->disclosure) ||
	    !code_ok(r->lq_disclosure, sizeof r->lq_disclosure) ||
	    !code_ok(r->oty_disclosure, sizeof r->oty_disclosure))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct pm_csv_opts opts = { .max_field = 4096, .max_fields = 512 };
	struct pm_err err = PM_ERR_INIT;
	struct pm_qcew_layout lay;
	struct pm_qcew_row row;
	struct pm_csv *c;
	unsigned char *copy = malloc(size ? size : 1);
	bool eof = false;
	int repaired = 0;

	if (!copy)
		return 0;
	if (size)
		memcpy(copy, data, size);
	if (pm_csv_open(&c, pm_reader_new_mem(copy, size, "fuzz.csv"), &opts, &err) == PM_OK) {
		if (pm_csv_read_header(c, &err) == PM_OK && pm_qcew_layout_detect(c, &lay, &err) == PM_OK) {
			while (pm_csv_next_row(c, &eof, &err) == PM_OK && !eof) {
				if (pm_qcew_parse_row(&lay, c, &row, &repaired, &err) == PM_OK)
					check_row(&lay, &row);
				else if (err.code != PM_EDATA || !err.msg[0])
					abort();
			}
		}
		pm_csv_free(c);
	}
	free(copy);
	return 0;
}
