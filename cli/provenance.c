/* Report provenance (see provenance.h). */
#include "cli/provenance.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

#include "core/xalloc.h"
#include "store/dataset.h"
#include "core/banned.h"

struct cJSON *pm_dataset_json(const struct pm_dataset *ds)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "dataset", (double)ds->id);
	cJSON_AddStringToObject(o, "source", ds->source);
	cJSON_AddStringToObject(o, "kind", ds->kind);
	cJSON_AddStringToObject(o, "file", ds->file_name);
	if (ds->year)
		cJSON_AddNumberToObject(o, "year", ds->year);
	if (ds->qtr[0])
		cJSON_AddStringToObject(o, "qtr", ds->qtr);
	cJSON_AddNumberToObject(o, "bytes", (double)ds->bytes);
	cJSON_AddStringToObject(o, "sha256", ds->sha256);
	cJSON_AddStringToObject(o, "loaded_at", ds->loaded_at);
	return o;
}

struct cJSON *pm_sources_json(struct pm_store *st, const int64_t *ids, size_t n, const char *where)
{
	cJSON *arr = cJSON_CreateArray();
	struct pm_dataset *list = NULL;
	size_t nlist = 0, i, m = 0;
	int64_t *all;

	if (where && pm_dataset_list(st, where, &list, &nlist, NULL))
		nlist = 0;
	all = pm_xmalloc((n + nlist + 1) * sizeof *all);
	for (i = 0; i < n; i++)
		all[m++] = ids[i];
	for (i = 0; i < nlist; i++)
		all[m++] = list[i].id;
	for (i = 0; i < m; i++) {
		struct pm_dataset ds;
		size_t j;

		for (j = 0; j < i && all[j] != all[i]; j++)
			;
		if (j < i || pm_dataset_get(st, all[i], &ds, NULL))
			continue; /* given twice, or gone */
		cJSON_AddItemToArray(arr, pm_dataset_json(&ds));
		pm_dataset_release(&ds);
	}
	for (i = 0; i < nlist; i++)
		pm_dataset_release(&list[i]);
	free(list);
	free(all);
	return arr;
}
