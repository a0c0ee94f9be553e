#ifndef PM_CLI_COMMANDS_H
#define PM_CLI_COMMANDS_H
/*
 * Subcommands. Adding one:
 *   1. write cli/cmd_<name>.c: its options table at the top, a run function,
 *      and `const struct pm_command cmd_<name>_entry` with designated
 *      initialisers (CMakeLists.txt globs the cli/ sources; nothing to add);
 *   2. declare the entry below and list it in commands[] in cli/main.c;
 *   3. add golden cases under tests/cli/<name>/<case>/ (args, expected.out,
 *      expected.exit, optionally setup and expected.err);
 *   4. document it in docs/cli.md (and the README tour when user-facing).
 *
 * A command returns an enum pm_status; main.c prints the error and maps it to
 * the documented exit code. Commands print results to ctx->out only and
 * diagnostics through core/log.h.
 */
#include <stdbool.h>
#include <stdio.h>

#include "cli/opts.h"
#include "cli/render.h"
#include "core/err.h"

struct pm_store;
struct pm_table;
struct cJSON;

enum {
	CMD_NEEDS_STORE = 1 << 0,   /* open the store before run (must exist) */
	CMD_CREATES_STORE = 1 << 1, /* ... creating it when missing */
};

struct pm_ctx {
	const char *db_path; /* --db, PATHMAP_DB, or the XDG default */
	enum pm_format format;
	bool format_set;
	const char *output; /* --output FILE, or NULL for stdout */
	bool quiet;
	int verbose;
	bool progress;		/* --no-progress clears it */
	bool wide;		/* --wide: every column in table/md output */
	struct pm_store *store; /* opened by main.c per the command's flags */
	const struct pm_command *cmd;
};

struct pm_command {
	const char *name;
	const char *summary;
	const char *usage;
	const char *help;			/* option descriptions, printed by --help */
	const struct pm_optdef *options;	/* the command's own options */
	const struct pm_optdef *shared_options; /* a table several commands share, or NULL */
	unsigned flags;
	enum pm_status (*run)(struct pm_ctx *ctx, int argc, char **argv, struct pm_err *err);
};

extern const struct pm_command cmd_crosswalk_entry;
extern const struct pm_command cmd_fetch_entry;
extern const struct pm_command cmd_gap_entry;
extern const struct pm_command cmd_assets_entry;
extern const struct pm_command cmd_ladder_entry;
extern const struct pm_command cmd_import_entry;
extern const struct pm_command cmd_occupations_entry;
extern const struct pm_command cmd_refresh_entry;
extern const struct pm_command cmd_region_entry;
extern const struct pm_command cmd_sectors_entry;
extern const struct pm_command cmd_status_entry;

/* Print a command's --help text to F. */
void pm_command_help(const struct pm_command *cmd, FILE *f);

/*
 * Parse ARGV for the command in CTX: global options update CTX; the
 * command's own options call CB (with USER); positional arguments are
 * collected into *POS (a new array; free it). --help prints the help and
 * returns PM_OK with *HELP set.
 */
enum pm_status pm_cmd_parse(struct pm_ctx *ctx, int argc, char **argv, pm_opt_cb *cb, void *user,
			    char ***pos, int *npos, bool *help, struct pm_err *err);

/*
 * Open the store at ctx->db_path into ctx->store (idempotent). CREATE makes a
 * new store when none exists; otherwise a missing store is PM_ENOTFOUND.
 */
enum pm_status pm_ctx_open_store(struct pm_ctx *ctx, bool create, struct pm_err *err);

/* Render T (META for JSON, borrowed, may be NULL) to --output or stdout. */
enum pm_status pm_ctx_emit(struct pm_ctx *ctx, const struct pm_table *t, const struct cJSON *meta,
			   struct pm_err *err);

/* Format N with thousands separators into BUF (size N). */
const char *pm_fmt_count(char *buf, size_t n, long long v);

#endif
