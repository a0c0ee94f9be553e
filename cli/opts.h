#ifndef PM_CLI_OPTS_H
#define PM_CLI_OPTS_H
/*
 * GNU-style option parsing: --name VALUE, --name=VALUE, -x VALUE, and "--"
 * to end options. Each command declares its options in one static table
 * (in the spirit of git's OPT_* arrays); the global options are accepted
 * before the command name and among its own options alike.
 */
#include <stdbool.h>

#include "core/err.h"

struct pm_optdef {
	const char *name; /* long name without "--"; NULL ends a table */
	char shortname;	  /* 0 for none */
	bool has_arg;
	int id;		     /* passed to the callback */
	const char *argname; /* for help: "FILE" */
	const char *help;
};

/* Called for each option: ID from the table, VALUE (NULL for flags). */
typedef enum pm_status pm_opt_cb(void *user, int id, const char *value, struct pm_err *err);

/*
 * Parse ARGV[0..ARGC) against the tables DEFS[0..NDEFS) (each
 * NULL-terminated); CB receives every option; other arguments go to *POS
 * (a new array, free it) and *NPOS. With STOP_AT_POSITIONAL, parsing stops
 * at the first positional argument, which is left in *POS with the rest.
 */
enum pm_status pm_opts_parse(const struct pm_optdef *const *defs, int ndefs, int argc, char **argv,
			     bool stop_at_positional, pm_opt_cb *cb, void *user, char ***pos,
			     int *npos, const char *who, struct pm_err *err);

#endif
