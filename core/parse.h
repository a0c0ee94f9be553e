#ifndef PM_CORE_PARSE_H
#define PM_CORE_PARSE_H
/*
 * Strict number parsing for published data. Unlike atoi/strtol used bare,
 * these refuse leading/trailing junk, so "12a" or "1,234" is an error the
 * loader can report with file, line and field instead of a silent 12.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

/*
 * Parse S (length N) as a base-10 64-bit integer: optional sign, digits.
 * A trailing ".0", ".00", ... is accepted (pandas re-saves integer columns as
 * floats); "12." and "12.5" are not.
 * Returns 0 on success, -1 on junk or overflow. An empty string is junk.
 */
int pm_parse_i64(const char *s, size_t n, int64_t *out);

/* Parse S (length N) as a finite decimal number; 0 on success, -1 otherwise. */
int pm_parse_double(const char *s, size_t n, double *out);

/* True when S (length N) is one or more ASCII digits and nothing else. */
bool pm_all_digits(const char *s, size_t n);

/* True when S (length N) is empty or only blanks. */
bool pm_is_blank(const char *s, size_t n);

/* Compare doubles for deliberate equality (keeps -Wfloat-equal meaningful). */
bool pm_double_eq(double a, double b);

#endif
