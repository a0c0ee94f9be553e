/* Report notes (see notes.h). */
#include "core/notes.h"

#include <stdarg.h>
#include <stdlib.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "core/banned.h"

void pm_notes_addf(char ***v, size_t *n, const char *fmt, ...)
{
	struct pm_buf b = PM_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	pm_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	*v = pm_xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = pm_buf_detach(&b, NULL);
}

void pm_notes_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}
