#ifndef PM_CORE_XALLOC_H
#define PM_CORE_XALLOC_H
/*
 * Allocation wrappers. Out of memory is not an error a user can act on, so
 * these print one line and abort, as git's xmalloc and Redis's zmalloc do.
 * Everything else in pathmap may then assume allocation succeeds.
 */
#include <stddef.h>

void *pm_xmalloc(size_t n);
void *pm_xcalloc(size_t nmemb, size_t size);
void *pm_xrealloc(void *p, size_t n);
char *pm_xstrdup(const char *s);
char *pm_xstrndup(const char *s, size_t n);

/* Grow ARRAY (of ALLOC elements) so that it holds at least NR elements. */
#define PM_ALLOC_GROW(array, nr, alloc)                                                            \
	do {                                                                                       \
		if ((size_t)(nr) > (size_t)(alloc)) {                                              \
			size_t pm_ag_n = (size_t)(alloc) < 16 ? 16 : (size_t)(alloc)*2;            \
			while (pm_ag_n < (size_t)(nr))                                             \
				pm_ag_n *= 2;                                                      \
			(array) = pm_xrealloc((array), pm_ag_n * sizeof(*(array)));                \
			(alloc) = pm_ag_n;                                                         \
		}                                                                                  \
	} while (0)

#endif
