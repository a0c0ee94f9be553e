/*
 * pathmap fetch SOURCE ... : download into the cache and load.
 *
 *   pathmap fetch qcew --year Y [--qtr a|1-4] (--area CODE... | --region NAME |
 *                      --industry NAICS... | --singlefile | --titles)
 *   pathmap fetch blsapi SERIES_ID... --start Y --end Y [--catalog]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/config.h"
#include "core/lock.h"
#include "core/parse.h"
#include "core/progress.h"
#include "core/xalloc.h"
#include "fetch/blsapi.h"
#include "fetch/careeronestop.h"
#include "fetch/cipsoc.h"
#include "fetch/ep.h"
#include "fetch/fetch.h"
#include "fetch/ipeds.h"
#include "fetch/naics_src.h"
#include "fetch/oews.h"
#include "fetch/onet.h"
#include "fetch/projections.h"
#include "fetch/qcew.h"
#include "fetch/soc.h"
#include "sectors/naics.h"
#include "sectors/region.h"
#include "store/store.h"
#include "core/banned.h"

enum {
	OPT_YEAR = 100,
	OPT_QTR,
	OPT_AREA,
	OPT_REGION,
	OPT_INDUSTRY,
	OPT_SINGLEFILE,
	OPT_TITLES,
	OPT_START,
	OPT_END,
	OPT_CATALOG,
	OPT_FORCE,
	OPT_STATE,
	OPT_TABLE,
	OPT_SOC,
};

static const struct pm_optdef options[] = {
	{ "year", 'y', true, OPT_YEAR, "YYYY", "qcew: the year" },
	{ "qtr", 0, true, OPT_QTR, "Q", "qcew: quarter 1-4, or a for annual (default)" },
	{ "area", 'a', true, OPT_AREA, "CODES", "qcew: area slices (39049, C1814, 39000, US000)" },
	{ "region", 'r', true, OPT_REGION, "NAME",
	  "qcew: a region's counties, plus US000 for LQs and shift-share" },
	{ "industry", 'i', true, OPT_INDUSTRY, "NAICS", "qcew: industry slices (every area)" },
	{ "singlefile", 0, false, OPT_SINGLEFILE, NULL, "qcew: the whole year's singlefile zip" },
	{ "titles", 0, false, OPT_TITLES, NULL,
	  "qcew: the title tables and county-MSA-CSA crosswalk" },
	{ "start", 0, true, OPT_START, "YYYY", "blsapi: first year" },
	{ "end", 0, true, OPT_END, "YYYY", "blsapi: last year" },
	{ "catalog", 0, false, OPT_CATALOG, NULL, "blsapi: also fetch series descriptions" },
	{ "state", 0, true, OPT_STATE, "ST", "projections: the state (39 or OH)" },
	{ "soc", 0, true, OPT_SOC, "CODES", "careeronestop: occupations (29-1141,47-2111)" },
	{ "table", 0, true, OPT_TABLE, "TABLE", "ipeds: hd or c_a (default: both)" },
	{ "force", 0, false, OPT_FORCE, NULL, "download even when the cached copy is current" },
	{ NULL, 0, false, 0, NULL, NULL },
};

struct args {
	int year, start, end;
	char qtr;
	char **codes; /* areas or industries */
	size_t ncodes;
	char kind; /* 'a', 'i', 's', 't', or 0 */
	const char *region, *state;
	const char *table; /* ipeds */
	bool catalog, force;
	int nkinds;
};

static void add_codes(struct args *a, const char *list)
{
	char *copy = pm_xstrdup(list), *p = copy;

	while (*p) {
		char *e;

		while (*p == ',' || *p == ' ')
			p++;
		if (!*p)
			break;
		for (e = p; *e && *e != ',' && *e != ' '; e++)
			;
		if (*e)
			*e++ = '\0';
		a->codes = pm_xrealloc(a->codes, (a->ncodes + 1) * sizeof *a->codes);
		a->codes[a->ncodes++] = pm_xstrdup(p);
		p = e;
	}
	free(copy);
}

static enum pm_status year_arg(const char *v, const char *opt, int *out, struct pm_err *err)
{
	int64_t y;

	if (pm_parse_i64(v, strlen(v), &y) || y < 1970 || y > 2200)
		return pm_err_set(err, PM_EUSAGE, "--%s: '%s' is not a year", opt, v);
	*out = (int)y;
	return PM_OK;
}

static enum pm_status on_opt(void *user, int id, const char *v, struct pm_err *err)
{
	struct args *a = user;

	switch (id) {
	case OPT_YEAR: return year_arg(v, "year", &a->year, err);
	case OPT_START: return year_arg(v, "start", &a->start, err);
	case OPT_END: return year_arg(v, "end", &a->end, err);
	case OPT_QTR:
		if ((v[0] == 'a' || v[0] == 'A') && !v[1])
			a->qtr = 'A';
		else if (v[0] >= '1' && v[0] <= '4' && !v[1])
			a->qtr = v[0];
		else
			return pm_err_set(err, PM_EUSAGE, "--qtr: '%s' is not 1-4 or a", v);
		return PM_OK;
	case OPT_AREA:
	case OPT_INDUSTRY:
		if (a->kind && a->kind != (id == OPT_AREA ? 'a' : 'i'))
			a->nkinds++;
		if (!a->kind)
			a->nkinds++;
		a->kind = id == OPT_AREA ? 'a' : 'i';
		add_codes(a, v);
		return PM_OK;
	case OPT_REGION:
		a->region = v;
		a->kind = 'r';
		a->nkinds++;
		return PM_OK;
	case OPT_SINGLEFILE:
		a->kind = 's';
		a->nkinds++;
		return PM_OK;
	case OPT_TITLES:
		a->kind = 't';
		a->nkinds++;
		return PM_OK;
	case OPT_CATALOG: a->catalog = true; return PM_OK;
	case OPT_FORCE: a->force = true; return PM_OK;
	case OPT_STATE: a->state = v; return PM_OK;
	case OPT_SOC: add_codes(a, v); return PM_OK;
	case OPT_TABLE: a->table = v; return PM_OK;
	}
	return PM_OK;
}

static void add_spec(struct pm_fetch_spec **v, size_t *n, struct pm_fetch_spec *s)
{
	*v = pm_xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = *s;
}

static enum pm_status qcew_specs(struct pm_ctx *ctx, struct args *a, struct pm_fetch_spec **v,
				 size_t *n, struct pm_err *err)
{
	static const char *const tables[] = { "area-titles",	  "industry-titles",
					      "ownership-titles", "agglevel-titles",
					      "size-titles",	  "county-msa-csa-crosswalk" };
	struct pm_fetch_spec s;
	struct pm_region r = { 0 };
	enum pm_status rc = PM_OK;
	size_t i;

	if (a->nkinds != 1)
		return pm_err_set(
			err, PM_EUSAGE,
			"give one of --area, --region, --industry, --singlefile, --titles");
	if (a->kind != 't' && !a->year)
		return pm_err_set(err, PM_EUSAGE, "--year is required");
	if (a->kind == 's' && a->qtr != 'A' && a->qtr)
		return pm_err_set(err, PM_EUSAGE,
				  "singlefiles are fetched by year: leave out --qtr");
	if (!a->qtr)
		a->qtr = 'A';
	switch (a->kind) {
	case 't':
		for (i = 0; i < sizeof tables / sizeof tables[0] && !rc; i++)
			if (!(rc = pm_qcew_spec(&s, 't', tables[i], 0, 0, err)))
				add_spec(v, n, &s);
		return rc;
	case 's':
		if (!(rc = pm_qcew_spec(&s, 's', NULL, a->year, 'A', err)))
			add_spec(v, n, &s);
		return rc;
	case 'r':
		/* The region's counties and the nation, so LQ and shift-share need nothing else. */
		if ((rc = pm_ctx_open_store(ctx, true, err)) ||
		    (rc = pm_region_load(ctx->store, a->region, &r, err)))
			return rc;
		for (i = 0; i < r.nareas && !rc; i++)
			if (!(rc = pm_qcew_spec(&s, 'a', r.areas[i], a->year, a->qtr, err)))
				add_spec(v, n, &s);
		if (!rc && !(rc = pm_qcew_spec(&s, 'a', "US000", a->year, a->qtr, err)))
			add_spec(v, n, &s);
		pm_region_release(&r);
		return rc;
	default:
		for (i = 0; i < a->ncodes && !rc; i++) {
			if (a->kind == 'i' && pm_naics_level(a->codes[i]) < 0)
				return pm_err_set(err, PM_EUSAGE, "'%s' is not a NAICS code",
						  a->codes[i]);
			if (!(rc = pm_qcew_spec(&s, a->kind, a->codes[i], a->year, a->qtr, err)))
				add_spec(v, n, &s);
		}
		return rc;
	}
}

/*
 * Specs for the occupation and program sources: WHAT lists the tables or
 * releases asked for (POS after the source name), or the defaults.
 */
static enum pm_status source_specs(const char *src, struct args *a, char **what, int nwhat,
				   struct pm_fetch_spec **v, size_t *n, struct pm_err *err)
{
	static const char *const ep_all[] = { "occupation", "education" };
	static const char *const cip_all[] = { "crosswalk", "codes" };
	static const char *const oews_all[] = { "nat" };
	static const char *const naics_all[] = { "2022", "2017" };
	const char *const *list = (const char *const *)what;
	struct pm_fetch_spec s;
	enum pm_status rc = PM_OK;
	size_t i, nl = (size_t)nwhat;

#define DEFAULTS(arr)                                                                              \
	do {                                                                                       \
		if (!nl) {                                                                         \
			list = arr;                                                                \
			nl = sizeof arr / sizeof arr[0];                                           \
		}                                                                                  \
	} while (0)
	if (!strcmp(src, "ep"))
		DEFAULTS(ep_all);
	else if (!strcmp(src, "cipsoc"))
		DEFAULTS(cip_all);
	else if (!strcmp(src, "oews"))
		DEFAULTS(oews_all);
	else if (!strcmp(src, "naics"))
		DEFAULTS(naics_all);
#undef DEFAULTS
	if (!strcmp(src, "oews") && !a->year)
		return pm_err_set(err, PM_EUSAGE,
				  "oews needs --year YYYY (the May reference year)");
	if (!strcmp(src, "onet") && nl != 1)
		return pm_err_set(
			err, PM_EUSAGE,
			"onet needs the database release, e.g. 'pathmap fetch onet 30.1'");
	if (!strcmp(src, "soc") && nl)
		return pm_err_set(err, PM_EUSAGE, "soc takes no arguments");
	if (!strcmp(src, "soc"))
		nl = 1;
	for (i = 0; i < nl && !rc; i++) {
		if (!strcmp(src, "ep"))
			rc = pm_ep_spec(&s, list[i], err);
		else if (!strcmp(src, "cipsoc"))
			rc = pm_cipsoc_spec(&s, list[i], err);
		else if (!strcmp(src, "oews"))
			rc = pm_oews_spec(&s, a->year, list[i], err);
		else if (!strcmp(src, "onet"))
			rc = pm_onet_spec(&s, list[i], err);
		else if (!strcmp(src, "soc"))
			rc = pm_soc_spec(&s, err);
		else {
			int64_t y;

			if (pm_parse_i64(list[i], strlen(list[i]), &y))
				return pm_err_set(err, PM_EUSAGE, "naics: '%s' is not 2017 or 2022",
						  list[i]);
			rc = pm_naics_spec(&s, (int)y, err);
		}
		if (!rc)
			add_spec(v, n, &s);
	}
	return rc;
}

/* IPEDS: the --table asked for, else HD and C_A, of --year. */
static enum pm_status ipeds_specs(const struct args *a, int npos, struct pm_fetch_spec **v,
				  size_t *n, struct pm_err *err)
{
	static const char *const both[] = { "hd", "c_a" };
	struct pm_fetch_spec s;
	enum pm_status rc = PM_OK;
	size_t i;

	if (npos > 1)
		return pm_err_set(err, PM_EUSAGE,
				  "usage: pathmap fetch ipeds --year YYYY [--table hd|c_a]");
	if (!a->year)
		return pm_err_set(err, PM_EUSAGE,
				  "ipeds needs --year YYYY (e.g. 2024 for HD2024 and C2024_A, the "
				  "2023-24 awards)");
	for (i = 0; i < 2 && !rc; i++) {
		if (a->table && i)
			break;
		if (!(rc = pm_ipeds_spec(&s, a->table ? a->table : both[i], a->year, err)))
			add_spec(v, n, &s);
	}
	return rc;
}

/* CareerOneStop: the certifications of each --soc code, and its licenses in --state. */
static enum pm_status careeronestop_specs(const struct args *a, int npos, struct pm_fetch_spec **v,
					  size_t *n, struct pm_err *err)
{
	struct pm_fetch_spec s;
	enum pm_status rc = PM_OK;
	size_t i;

	if (npos > 1 || !a->ncodes)
		return pm_err_set(err, PM_EUSAGE,
				  "usage: pathmap fetch careeronestop --soc CODE... [--state ST]");
	for (i = 0; i < a->ncodes && !rc; i++) {
		if (!(rc = pm_careeronestop_spec(&s, "certifications", a->codes[i], NULL, err)))
			add_spec(v, n, &s);
		if (!rc && a->state &&
		    !(rc = pm_careeronestop_spec(&s, "licenses", a->codes[i], a->state, err)))
			add_spec(v, n, &s);
	}
	return rc;
}

#define FETCHABLE                                                                                  \
	"qcew, blsapi, ep, oews, onet, cipsoc, soc, naics, ipeds, projections, careeronestop"

static const char *state_word(enum pm_fetch_state s)
{
	switch (s) {
	case PM_FETCH_NEW: return "loaded";
	case PM_FETCH_UPDATED: return "updated";
	case PM_FETCH_UNCHANGED: return "unchanged";
	case PM_FETCH_FAILED: break;
	}
	return "failed";
}

static void report(struct pm_ctx *ctx, const struct pm_fetch_spec *s,
		   const struct pm_fetch_outcome *o)
{
	char rows[32];

	if (o->state == PM_FETCH_FAILED) {
		fprintf(stderr, "pathmap: error: %s\n", o->err.msg);
		return;
	}
	if (ctx->quiet)
		return;
	pm_fmt_count(rows, sizeof rows, o->rows);
	printf("%s %s: %s rows", state_word(o->state), s->label, rows);
	if (o->state == PM_FETCH_UPDATED)
		printf(" (+%lld, -%lld; replaces dataset %lld)", (long long)o->rows_added,
		       (long long)o->rows_removed, (long long)o->old_dataset_id);
	if (o->state == PM_FETCH_UNCHANGED && o->not_modified)
		printf(" (not modified on the server)");
	printf(" [dataset %lld]\n", (long long)o->dataset_id);
}

static enum pm_status run(struct pm_ctx *ctx, int argc, char **argv, struct pm_err *err)
{
	struct args a;
	struct pm_fetch_spec *specs = NULL;
	struct pm_fetch_outcome *outs = NULL;
	struct pm_fetch_opts fo;
	struct pm_progress prog;
	enum pm_status rc;
	char **pos = NULL, *lock = NULL;
	int npos = 0, lockfd = -1;
	size_t n = 0, i;
	bool help, paged = false;
	struct pm_fetch_spec spec1;

	memset(&a, 0, sizeof a);
	if ((rc = pm_cmd_parse(ctx, argc, argv, on_opt, &a, &pos, &npos, &help, err)) || help)
		goto out;
	if (!npos) {
		rc = pm_err_set(err, PM_EUSAGE, "usage: %s", cmd_fetch_entry.usage);
		goto out;
	}
	if (!strcmp(pos[0], "qcew")) {
		if (npos > 1) {
			rc = pm_err_set(err, PM_EUSAGE, "unexpected argument '%s'", pos[1]);
			goto out;
		}
		if ((rc = qcew_specs(ctx, &a, &specs, &n, err)))
			goto out;
	} else if (!strcmp(pos[0], "blsapi")) {
		if (!a.start || !a.end) {
			rc = pm_err_set(err, PM_EUSAGE, "blsapi needs --start YYYY and --end YYYY");
			goto out;
		}
		if ((rc = pm_blsapi_specs((const char *const *)pos + 1, (size_t)npos - 1, a.start,
					  a.end, pm_config_get("bls_api_key"), a.catalog, &specs,
					  &n, err)))
			goto out;
	} else if (!strcmp(pos[0], "ep") || !strcmp(pos[0], "cipsoc") || !strcmp(pos[0], "oews") ||
		   !strcmp(pos[0], "onet") || !strcmp(pos[0], "soc") || !strcmp(pos[0], "naics")) {
		if ((rc = source_specs(pos[0], &a, pos + 1, npos - 1, &specs, &n, err)))
			goto out;
	} else if (!strcmp(pos[0], "ipeds")) {
		if ((rc = ipeds_specs(&a, npos, &specs, &n, err)))
			goto out;
	} else if (!strcmp(pos[0], "careeronestop")) {
		if ((rc = careeronestop_specs(&a, npos, &specs, &n, err)))
			goto out;
	} else if (!strcmp(pos[0], "projections")) {
		if (!a.state || npos > 1) {
			rc = pm_err_set(err, PM_EUSAGE,
					"usage: pathmap fetch projections --state ST");
			goto out;
		}
		paged = true;
		if ((rc = pm_projections_spec(&spec1, a.state, 0, PM_PROJECTIONS_PAGE_SIZE, err)))
			goto out;
		add_spec(&specs, &n, &spec1);
	} else {
		const struct pm_source *src = pm_source_find(pos[0]);

		rc = pm_err_set(err, PM_EUSAGE,
				src ? "fetching '%s' is not available yet (fetchable: %s)"
				    : "unknown source '%s' (fetchable: %s)",
				pos[0], FETCHABLE);
		goto out;
	}
	if ((rc = pm_ctx_open_store(ctx, true, err)))
		goto out;
	lock = pm_xstrfmt("%s.lock", pm_store_path(ctx->store));
	if ((rc = pm_lock_acquire(lock, &lockfd, err)))
		goto out;
	memset(&fo, 0, sizeof fo);
	fo.force = a.force;
	pm_http_settings_init(&fo.http);
	pm_progress_tty_init(&prog, ctx->progress);
	pm_progress_set_label(&prog, n == 1 ? specs[0].label : "fetch");
	fo.http.progress = &prog;
	outs = pm_xcalloc(n ? n : 1, sizeof *outs);
	rc = pm_fetch(ctx->store, specs, n, &fo, outs, err);
	/* Projections Central pages: ask for the next while the last one was full */
	while (paged && !rc && outs[n - 1].rows >= PM_PROJECTIONS_PAGE_SIZE && n < 200) {
		if ((rc = pm_projections_spec(&spec1, a.state, (int)n, PM_PROJECTIONS_PAGE_SIZE,
					      err)))
			break;
		add_spec(&specs, &n, &spec1);
		outs = pm_xrealloc(outs, n * sizeof *outs);
		memset(&outs[n - 1], 0, sizeof *outs);
		rc = pm_fetch(ctx->store, &specs[n - 1], 1, &fo, &outs[n - 1], err);
	}
	pm_progress_finish(&prog);
	for (i = 0; i < n; i++)
		report(ctx, &specs[i], &outs[i]);
	if (rc && n > 1) {
		/* Each failure has been printed; the summary is the error line. */
		size_t failed = 0;

		for (i = 0; i < n; i++)
			failed += outs[i].state == PM_FETCH_FAILED;
		pm_err_set(err, rc, "%zu of %zu downloads failed", failed, n);
	} else if (rc) {
		err->msg[0] = '\0'; /* already printed */
	}
out:
	pm_lock_release(lockfd);
	free(lock);
	for (i = 0; i < n; i++)
		pm_fetch_spec_release(&specs[i]);
	free(specs);
	free(outs);
	for (i = 0; i < a.ncodes; i++)
		free(a.codes[i]);
	free(a.codes);
	free(pos);
	return rc;
}

const struct pm_command cmd_fetch_entry = {
	.name = "fetch",
	.summary = "download data into the cache and load it",
	.usage = "pathmap fetch qcew --year YYYY [--qtr a|1-4] (--area CODE... | --region NAME | "
		 "--industry NAICS... | --singlefile | --titles)\n"
		 "       pathmap fetch blsapi SERIES_ID... --start YYYY --end YYYY [--catalog]\n"
		 "       pathmap fetch ep [occupation] [education]\n"
		 "       pathmap fetch oews --year YYYY [nat] [st] [ma] [in4]\n"
		 "       pathmap fetch onet RELEASE              (e.g. 30.1)\n"
		 "       pathmap fetch cipsoc [crosswalk] [codes]\n"
		 "       pathmap fetch soc | naics [2017] [2022]\n"
		 "       pathmap fetch ipeds --year YYYY [--table hd|c_a]\n"
		 "       pathmap fetch projections --state ST\n"
		 "       pathmap fetch careeronestop --soc CODE... [--state ST]",
	.help = "Downloads go to the cache ($XDG_CACHE_HOME/pathmap) and are loaded in their own\n"
		"transactions after checking they are what was asked for. Requests are\n"
		"conditional: an unchanged file costs a 304 and no reload. BLS requires a contact\n"
		"e-mail in the User-Agent: set PATHMAP_CONTACT_EMAIL (or contact_email in\n"
		"~/.config/pathmap/config); the BLS API key comes from PATHMAP_BLS_API_KEY.\n"
		"Base URLs can be pointed at a mirror: PATHMAP_<SOURCE>_URL, e.g.\n"
		"PATHMAP_QCEW_URL, PATHMAP_EP_URL, PATHMAP_ONET_URL, PATHMAP_PROJECTIONS_URL.\n"
		"CareerOneStop (certifications; licenses with --state) needs a token and user id:\n"
		"PATHMAP_CAREERONESTOP_TOKEN and PATHMAP_CAREERONESTOP_USERID (or\n"
		"careeronestop_token and careeronestop_userid in the config file).\n"
		"Exit: 0 all loaded or current, 3 source failure, 5 some failed, 7 locked.\n",
	.options = options,
	.flags = CMD_CREATES_STORE,
	.run = run,
};
