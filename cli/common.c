/* Helpers shared by commands: opening the store, emitting results. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "store/store.h"
#include "core/banned.h"

enum pm_status pm_ctx_open_store(struct pm_ctx *ctx, bool create, struct pm_err *err)
{
	if (ctx->store)
		return PM_OK;
	return pm_store_open(&ctx->store, ctx->db_path, create ? PM_STORE_CREATE : PM_STORE_READ,
			     err);
}

enum pm_status pm_ctx_emit(struct pm_ctx *ctx, const struct pm_table *t, const struct cJSON *meta,
			   struct pm_err *err)
{
	struct pm_out out;
	enum pm_status rc;

	if ((rc = pm_out_open(&out, ctx->output, err)))
		return rc;
	rc = pm_render(t, ctx->format, meta, ctx->wide, out.f, err);
	if (rc) {
		pm_out_close(&out, false, NULL);
		return rc;
	}
	return pm_out_close(&out, true, err);
}

const char *pm_fmt_count(char *buf, size_t n, long long v)
{
	char tmp[32];
	size_t len, i, o = 0, start;

	snprintf(tmp, sizeof tmp, "%lld", v);
	len = strlen(tmp);
	start = tmp[0] == '-' ? 1 : 0;
	for (i = 0; i < len && o + 2 < n; i++) {
		if (i > start && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}
