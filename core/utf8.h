#ifndef PM_CORE_UTF8_H
#define PM_CORE_UTF8_H
/*
 * Text encoding. The store holds UTF-8 only. Public files are not always
 * UTF-8: BLS's county-MSA-CSA crosswalk is Windows-1252 ("Doña Ana"), so
 * text that is not valid UTF-8 is read as Windows-1252 and converted.
 */
#include <stdbool.h>
#include <stddef.h>

struct pm_buf;

/* True when S[0..N) is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF). */
bool pm_utf8_valid(const char *s, size_t n);

/* Append S[0..N), read as Windows-1252, to OUT as UTF-8. */
void pm_cp1252_to_utf8(struct pm_buf *out, const char *s, size_t n);

#endif
