#ifndef PM_CLI_OCC_OPTS_H
#define PM_CLI_OCC_OPTS_H
/*
 * The selection options the occupation commands share (occupations, gap,
 * assets, ladder): --region/--area, --sector, --year, --own,
 * --min-openings, --education, --top. A command lists pm_occ_options as its
 * shared_options and hands option ids it does not know to pm_occ_on_opt().
 */
#include <stdbool.h>
#include <stddef.h>

#include "cli/commands.h"
#include "cli/opts.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/table.h"
#include "crosswalks/occupations.h"

struct cJSON;

/* Ids 100..199 are these options'; commands use 200 and up for their own. */
extern const struct pm_optdef pm_occ_options[];

struct pm_occ_args {
	struct pm_occ_request rq;
	char **sectors; /* NULL-terminated, or NULL */
	size_t nsectors;
	int top; /* 0: every row */
};

void pm_occ_args_init(struct pm_occ_args *a);
void pm_occ_args_release(struct pm_occ_args *a);
enum pm_status pm_occ_on_opt(struct pm_occ_args *a, int id, const char *v, struct pm_err *err);

/* ", industries 62, 31-33" for the title (nothing without --sector). */
void pm_occ_title_sectors(struct pm_buf *b, const struct pm_occ_args *a);

/*
 * --years Y0-Y1 (or one year) of IPEDS award years, by their end: "2023-2024"
 * is 2022-23 and 2023-24. OPT names the option in the message.
 */
enum pm_status pm_parse_award_years(const char *opt, const char *v, int *year0, int *year1,
				    struct pm_err *err);

/*
 * pm_cmd_parse() for a command that takes no positional arguments: anything
 * left over is a usage error quoting USAGE. *HELP is set when --help was
 * asked for (the caller then returns PM_OK).
 */
enum pm_status pm_occ_parse(struct pm_ctx *ctx, int argc, char **argv, pm_opt_cb *cb, void *user,
			    const char *usage, bool *help, struct pm_err *err);

/* Give T the TITLE and the N NOTES, then write it with META (pm_ctx_emit()). */
enum pm_status pm_occ_emit(struct pm_ctx *ctx, struct pm_table *t, const char *title,
			   char *const *notes, size_t n, const struct cJSON *meta,
			   struct pm_err *err);

/*
 * Add "sources" to META: the QCEW datasets of R's selection and year, and
 * every dataset of the occupation sources (EP, OEWS, staffing, O*NET,
 * projections, CareerOneStop) and, with SUPPLY, of the supply sources
 * (CIP-SOC, IPEDS, program inventories).
 */
void pm_occ_add_sources(struct cJSON *meta, struct pm_store *st, const struct pm_occ_report *r,
			bool supply);

/* JSON keys describing R's selection and bases (a new object). */
struct cJSON *pm_occ_meta(const struct pm_occ_report *r);

#endif
