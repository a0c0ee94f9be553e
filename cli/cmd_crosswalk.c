/*
 * pathmap crosswalk cip|soc|onet|naics CODE : what maps to what
 * (crosswalks/xwalk.c finds the links; this file parses and renders).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/table.h"
#include "crosswalks/xwalk.h"
#include "core/banned.h"

static const struct pm_optdef options[] = {
	{ NULL, 0, false, 0, NULL, NULL },
};

static enum pm_status on_opt(void *user, int id, const char *v, struct pm_err *err)
{
	(void)user;
	(void)id;
	(void)v;
	(void)err;
	return PM_OK;
}

static enum pm_status run(struct pm_ctx *ctx, int argc, char **argv, struct pm_err *err)
{
	struct pm_table *t = NULL;
	enum pm_xwalk_kind kind;
	enum pm_status rc;
	char **pos = NULL;
	int npos = 0;
	bool help;

	if ((rc = pm_cmd_parse(ctx, argc, argv, on_opt, NULL, &pos, &npos, &help, err)) || help)
		goto out;
	if (npos != 2 || !pm_xwalk_kind_parse(pos[0], &kind)) {
		rc = pm_err_set(err, PM_EUSAGE, "usage: %s", cmd_crosswalk_entry.usage);
		goto out;
	}
	if ((rc = pm_ctx_open_store(ctx, false, err)) ||
	    (rc = pm_xwalk_lookup(ctx->store, kind, pos[1], &t, err)))
		goto out;
	rc = pm_ctx_emit(ctx, t, NULL, err);
out:
	pm_table_free(t);
	free(pos);
	return rc;
}

const struct pm_command cmd_crosswalk_entry = {
	.name = "crosswalk",
	.summary = "what maps to what: programs (CIP), occupations (SOC, O*NET-SOC), industries",
	.usage = "pathmap crosswalk cip|soc|onet|naics CODE",
	.help = "CODE in any spelling: 51.3801 or 513801, 29-1141 or 291141 or 29-1141.00,\n"
		"31-33 or 31_33. A 2- or 4-digit CIP family lists its programs; a SOC group its\n"
		"members; a SOC 2010 code its SOC 2018 successors. Links without a counterpart\n"
		"are listed with an empty to_code and counted in the notes. Exit 6 when nothing\n"
		"loaded knows the code.\n",
	.options = options,
	.flags = CMD_NEEDS_STORE,
	.run = run,
};
