/* Allocation wrappers that abort on exhaustion (see xalloc.h for why). */
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/banned.h"

static void oom(size_t n)
{
	fprintf(stderr, "pathmap: out of memory allocating %zu bytes\n", n);
	abort();
}

void *pm_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom(n);
	return p;
}

void *pm_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		oom(nmemb * size);
	return p;
}

void *pm_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		oom(n);
	return q;
}

char *pm_xstrndup(const char *s, size_t n)
{
	char *p = pm_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *pm_xstrdup(const char *s)
{
	return pm_xstrndup(s, strlen(s));
}
