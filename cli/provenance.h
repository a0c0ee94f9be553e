#ifndef PM_CLI_PROVENANCE_H
#define PM_CLI_PROVENANCE_H
/*
 * The "sources" of a JSON report: every dataset a result was computed from
 * (file, SHA-256, load time), so a number can be traced to its file.
 */
#include <stddef.h>
#include <stdint.h>

struct cJSON;
struct pm_dataset;
struct pm_store;

/* One dataset as a JSON object (a new one). */
struct cJSON *pm_dataset_json(const struct pm_dataset *ds);

/*
 * The datasets with the N ids IDS and those matching the SQL condition
 * WHERE (a constant written by the caller; NULL: none), each once in that
 * order, as a new JSON array. Datasets that cannot be read are left out.
 */
struct cJSON *pm_sources_json(struct pm_store *st, const int64_t *ids, size_t n, const char *where);

#endif
