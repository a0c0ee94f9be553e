/*
 * The pathmap program: global options, the command table, and the one place
 * where a status becomes an exit code and an error message reaches stderr.
 *
 * Exit codes (docs/cli.md): 0 ok, 1 usage, 2 bad input data, 3 network or
 * source failure, 4 store error, 5 partial success, 6 not found (region,
 * area, county or period not loaded), 7 locked by another run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/config.h"
#include "core/log.h"
#include "core/path.h"
#include "store/store.h"
#include "core/banned.h"

#define PATHMAP_VERSION "0.1.0"

static const struct pm_command *const commands[] = {
	&cmd_assets_entry, &cmd_crosswalk_entry, &cmd_fetch_entry,	 &cmd_gap_entry,
	&cmd_import_entry, &cmd_ladder_entry,	 &cmd_occupations_entry, &cmd_refresh_entry,
	&cmd_region_entry, &cmd_sectors_entry,	 &cmd_status_entry,	 NULL,
};

enum {
	OPT_DB = 1,
	OPT_FORMAT,
	OPT_OUTPUT,
	OPT_QUIET,
	OPT_VERBOSE,
	OPT_NO_PROGRESS,
	OPT_WIDE,
	OPT_HELP,
	OPT_VERSION,
};

static const struct pm_optdef global_options[] = {
	{ "db", 0, true, OPT_DB, "PATH",
	  "store file (default $PATHMAP_DB or $XDG_DATA_HOME/pathmap/pathmap.db)" },
	{ "format", 'f', true, OPT_FORMAT, "FMT", "output format: table, csv, json, md" },
	{ "output", 'o', true, OPT_OUTPUT, "FILE", "write results to FILE instead of stdout" },
	{ "quiet", 'q', false, OPT_QUIET, NULL, "no progress, no informational messages" },
	{ "verbose", 'v', false, OPT_VERBOSE, NULL, "more messages (twice for debugging)" },
	{ "no-progress", 0, false, OPT_NO_PROGRESS, NULL, "no progress bar" },
	{ "wide", 0, false, OPT_WIDE, NULL, "all columns in table and md output" },
	{ "help", 'h', false, OPT_HELP, NULL, "show help" },
	{ NULL, 0, false, 0, NULL, NULL },
};

static const struct pm_optdef top_only_options[] = {
	{ "version", 0, false, OPT_VERSION, NULL, "print the version" },
	{ NULL, 0, false, 0, NULL, NULL },
};

struct global_state {
	struct pm_ctx *ctx;
	bool help, version;
	pm_opt_cb *cmd_cb;
	void *cmd_user;
};

static enum pm_status global_cb(void *user, int id, const char *value, struct pm_err *err)
{
	struct global_state *g = user;
	struct pm_ctx *ctx = g->ctx;

	switch (id) {
	case OPT_DB: ctx->db_path = value; return PM_OK;
	case OPT_FORMAT:
		if (pm_format_parse(value, &ctx->format))
			return pm_err_set(err, PM_EUSAGE,
					  "unknown format '%s' (expected table, csv, json or md)",
					  value);
		ctx->format_set = true;
		return PM_OK;
	case OPT_OUTPUT: ctx->output = value; return PM_OK;
	case OPT_QUIET:
		ctx->quiet = true;
		ctx->progress = false;
		return PM_OK;
	case OPT_VERBOSE: ctx->verbose++; return PM_OK;
	case OPT_NO_PROGRESS: ctx->progress = false; return PM_OK;
	case OPT_WIDE: ctx->wide = true; return PM_OK;
	case OPT_HELP: g->help = true; return PM_OK;
	case OPT_VERSION: g->version = true; return PM_OK;
	}
	return g->cmd_cb ? g->cmd_cb(g->cmd_user, id, value, err) : PM_OK;
}

static void apply_logging(const struct pm_ctx *ctx)
{
	enum pm_log_level lvl = ctx->quiet	    ? PM_LOG_ERROR
				: ctx->verbose >= 2 ? PM_LOG_DEBUG
				: ctx->verbose == 1 ? PM_LOG_INFO
						    : PM_LOG_WARN;

	pm_log_set_sink(pm_log_stderr_sink, NULL, lvl);
}

static void print_optdefs(const struct pm_optdef *d, FILE *f)
{
	for (; d && d->name; d++) {
		char left[64];

		if (d->shortname)
			snprintf(left, sizeof left, "-%c, --%s%s%s", d->shortname, d->name,
				 d->argname ? " " : "", d->argname ? d->argname : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", d->name, d->argname ? " " : "",
				 d->argname ? d->argname : "");
		fprintf(f, "  %-28s %s\n", left, d->help);
	}
}

void pm_command_help(const struct pm_command *cmd, FILE *f)
{
	fprintf(f, "usage: %s\n\n%s\n", cmd->usage, cmd->summary);
	if (cmd->help)
		fprintf(f, "\n%s", cmd->help);
	if ((cmd->options && cmd->options->name) || cmd->shared_options) {
		fprintf(f, "\noptions:\n");
		if (cmd->shared_options)
			print_optdefs(cmd->shared_options, f);
		if (cmd->options)
			print_optdefs(cmd->options, f);
	}
	fprintf(f, "\nglobal options:\n");
	print_optdefs(global_options, f);
}

enum pm_status pm_cmd_parse(struct pm_ctx *ctx, int argc, char **argv, pm_opt_cb *cb, void *user,
			    char ***pos, int *npos, bool *help, struct pm_err *err)
{
	const struct pm_optdef *defs[3] = { global_options, ctx->cmd->options,
					    ctx->cmd->shared_options };
	struct global_state g = { ctx, false, false, cb, user };
	char who[64];
	enum pm_status rc;

	snprintf(who, sizeof who, "'pathmap %s'", ctx->cmd->name);
	rc = pm_opts_parse(defs, ctx->cmd->shared_options ? 3 : 2, argc, argv, false, global_cb, &g,
			   pos, npos, who, err);
	apply_logging(ctx);
	*help = g.help;
	if (!rc && g.help)
		pm_command_help(ctx->cmd, stdout);
	return rc;
}

static void usage(FILE *f)
{
	const struct pm_command *const *c;

	fprintf(f, "usage: pathmap [global options] COMMAND [options]\n\n"
		   "Labor-market sector and gap analysis for career pathway planning.\n\n"
		   "commands:\n");
	for (c = commands; *c; c++)
		fprintf(f, "  %-11s %s\n", (*c)->name, (*c)->summary);
	fprintf(f, "  %-11s %s\n", "help", "show help for a command");
	fprintf(f, "\nglobal options:\n");
	print_optdefs(global_options, f);
	print_optdefs(top_only_options, f);
	fprintf(f, "\nRun 'pathmap COMMAND --help' for a command's options. Exit codes: 0 ok, 1 "
		   "usage,\n"
		   "2 bad input data, 3 source failure, 4 store error, 5 partial, 6 not found, 7 "
		   "locked.\n");
}

static const struct pm_command *find_command(const char *name)
{
	const struct pm_command *const *c;

	for (c = commands; *c; c++)
		if (!strcmp((*c)->name, name))
			return *c;
	return NULL;
}

int main(int argc, char **argv)
{
	const struct pm_optdef *defs[2] = { global_options, top_only_options };
	struct pm_ctx ctx = { 0 };
	struct global_state g = { &ctx, false, false, NULL, NULL };
	struct pm_err err = PM_ERR_INIT;
	enum pm_status rc;
	char **pos = NULL;
	char *default_db = NULL;
	int npos = 0, code;

	ctx.format = PM_FMT_TABLE;
	ctx.progress = true;
	apply_logging(&ctx);
	rc = pm_opts_parse(defs, 2, argc - 1, argv + 1, true, global_cb, &g, &pos, &npos, "pathmap",
			   &err);
	if (rc)
		goto done;
	apply_logging(&ctx);
	if (g.version) {
		printf("pathmap %s (store schema %d)\n", PATHMAP_VERSION,
		       pm_store_latest_version());
		goto done;
	}
	if (!npos) {
		usage(g.help ? stdout : stderr);
		if (!g.help)
			rc = PM_EUSAGE, err.code = PM_EUSAGE, err.msg[0] = '\0';
		goto done;
	}
	if (!strcmp(pos[0], "help")) {
		if (npos > 1 && find_command(pos[1]))
			pm_command_help(find_command(pos[1]), stdout);
		else if (npos > 1)
			rc = pm_err_set(&err, PM_EUSAGE, "unknown command '%s'", pos[1]);
		else
			usage(stdout);
		goto done;
	}
	ctx.cmd = find_command(pos[0]);
	if (!ctx.cmd) {
		rc = pm_err_set(&err, PM_EUSAGE, "unknown command '%s' (see 'pathmap --help')",
				pos[0]);
		goto done;
	}
	if (g.help) {
		pm_command_help(ctx.cmd, stdout);
		goto done;
	}
	if (!ctx.db_path) {
		default_db = pm_path_default_db();
		ctx.db_path = default_db;
	}
	if (!(rc = pm_config_load(&err)))
		rc = ctx.cmd->run(&ctx, npos - 1, pos + 1, &err);
done:
	if (ctx.store)
		pm_store_close(ctx.store);
	code = pm_status_exit_code(rc);
	if (rc && err.msg[0])
		fprintf(stderr, "pathmap: error: %s\n", err.msg);
	free(pos);
	free(default_db);
	pm_config_free();
	return code;
}
