#ifndef PM_CLI_RENDER_H
#define PM_CLI_RENDER_H
/*
 * Renderers for result tables (core/table.h): an aligned text table, CSV,
 * JSON and Markdown. Suppressed cells print as empty CSV fields, JSON null
 * and "(D)" in the text table and Markdown; n/a cells as empty, null, "-".
 */
#include <stdbool.h>
#include <stdio.h>

#include "core/err.h"

struct pm_table;
struct cJSON;

enum pm_format { PM_FMT_TABLE, PM_FMT_CSV, PM_FMT_JSON, PM_FMT_MD };

/* Parse "table", "csv", "json", "md" (or "markdown"); 0 on success. */
int pm_format_parse(const char *s, enum pm_format *out);

/*
 * Render T to F. For JSON, META (may be NULL; borrowed) supplies the keys of
 * the top-level object before "notes" and "rows". WIDE shows every column
 * in the text table and Markdown (otherwise only brief ones, when any).
 */
enum pm_status pm_render(const struct pm_table *t, enum pm_format fmt, const struct cJSON *meta,
			 bool wide, FILE *f, struct pm_err *err);

/* Output destination: --output FILE written to a temporary file and renamed on success. */
struct pm_out {
	FILE *f;
	char *path;
	char *tmp;
};

enum pm_status pm_out_open(struct pm_out *o, const char *path, struct pm_err *err);
/* Finish: on COMMIT rename into place (or flush stdout); otherwise discard. */
enum pm_status pm_out_close(struct pm_out *o, bool commit, struct pm_err *err);

#endif
