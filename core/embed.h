#ifndef PM_CORE_EMBED_H
#define PM_CORE_EMBED_H
/*
 * Reference files from data/ compiled into the library by tools/embed.c
 * (QCEW titles, the county-MSA-CSA crosswalk, NAICS titles).
 */
#include <stddef.h>

struct pm_embedded {
	const char *name; /* path relative to the source tree, e.g. "data/qcew/area_titles.csv" */
	const unsigned char *data; /* NUL-terminated for convenience */
	size_t size;		   /* without the NUL */
};

/* Terminated by an entry whose name is NULL. */
extern const struct pm_embedded pm_embedded_files[];

/* The embedded file called NAME, or NULL. */
const struct pm_embedded *pm_embedded_find(const char *name);

#endif
