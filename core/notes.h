#ifndef PM_CORE_NOTES_H
#define PM_CORE_NOTES_H
/*
 * Notes a report carries to its reader (shown above tables, "notes" in
 * JSON): a growable array of strings the report owns.
 */
#include <stddef.h>

#include "core/err.h"

/* Append a printf-style note to *V (*N strings). */
void pm_notes_addf(char ***v, size_t *n, const char *fmt, ...) PM_PRINTF(3, 4);

/* Free the N notes of V and V itself. Accepts NULL. */
void pm_notes_free(char **v, size_t n);

#endif
