#ifndef PM_FETCH_IPEDS_H
#define PM_FETCH_IPEDS_H
/*
 * NCES IPEDS (Integrated Postsecondary Education Data System) complete data
 * files, from the IPEDS Data Center:
 *
 *   {base}/HD{YYYY}.zip     holds hd{YYYY}.csv     base: https://nces.ed.gov/ipeds/datacenter/data
 *   {base}/C{YYYY}_A.zip    holds c{YYYY}_a.csv    (PATHMAP_IPEDS_URL overrides the base)
 *
 * HD, the institutional directory (UNITID, INSTNM, ..., COUNTYCD, CBSA,
 * CYACTIVE, ...) -> `institution`, one row per institution and HD year;
 * C_A, completions by CIP code, first or second major and award level
 * (UNITID, CIPCODE, MAJORNUM, AWLEVEL, CTOTALT, CTOTALM, CTOTALW and the
 * race/ethnicity columns, which pathmap does not keep) -> `completion`.
 * A file is told apart by its header, never by its name: the published
 * .csv, the published .zip (its CSV member read as a stream), and CSVs
 * holding only some of the columns (such as UNITID, CIPCODE, MAJORNUM,
 * AWLEVEL, CTOTALT, CTOTALM, CTOTALW) all load.
 *
 * Years: an HD file is dated by a YEAR column when it has one, else by its
 * published name, hdYYYY / HDYYYY (HD2024 is the 2024-25 directory ->
 * year 2024); a C_A file by its name cYYYY_a / CYYYY_A, the award year's
 * end (c2024_a holds July 2023-June 2024 -> year 2024). A zip member's name
 * counts as well as the file's, and a suffix is allowed (c2024_a_rv.csv,
 * c2024_a_subset.csv). A file that cannot be dated is refused.
 */
#include <stdbool.h>

#include "core/err.h"
#include "fetch/catalog.h"

struct pm_store;
struct pm_zip;
struct pm_csv;
struct pm_progress;

/* The two IPEDS tables pathmap loads. */
enum pm_ipeds_table {
	PM_IPEDS_HD,  /* institutional characteristics: directory */
	PM_IPEDS_C_A, /* completions by CIP code and award level */
};

/*
 * The year in NAME (a base name, any case) when it is a published IPEDS
 * name of TABLE: "hd2024.csv", "HD2024.zip", "hd2024_rv.csv" -> 2024 for
 * PM_IPEDS_HD; "c2024_a.csv", "C2024_A.zip", "c2024_a_subset.csv" -> 2024
 * for PM_IPEDS_C_A. The name may carry a prefix after a non-alphanumeric
 * character ("ipeds-hd2024.csv"). Returns 0 when NAME is no such name.
 */
int pm_ipeds_name_year(const char *name, enum pm_ipeds_table table);

/*
 * An IPEDS file opened for reading, positioned after its header: a CSV, or
 * the CSV member of a published zip (the revised *_rv member when the zip
 * holds one next to the original). Shared by the loader and the validator.
 */
struct pm_ipeds_file {
	struct pm_zip *zip;	   /* NULL for a plain CSV */
	struct pm_csv *csv;	   /* its header read */
	char *member;		   /* the zip member read, or NULL */
	enum pm_ipeds_table table; /* told by the header */
};

/*
 * Open PATH and read its header; PROGRESS (borrowed, may be NULL) follows
 * the bytes read.
 * PM_EDATA for an HTML page, a zip without a CSV member, or a header that
 * is neither HD (UNITID, INSTNM) nor C_A (UNITID, CIPCODE, AWLEVEL).
 * Release F with pm_ipeds_file_close() in any case.
 */
enum pm_status pm_ipeds_file_open(struct pm_ipeds_file *f, const char *path,
				  struct pm_progress *progress, struct pm_err *err);

/*
 * The year of F from its member's name, else from NAME (the file's
 * published name); PM_EDATA when neither dates it or they disagree.
 */
enum pm_status pm_ipeds_file_year(const struct pm_ipeds_file *f, const char *name, int *year,
				  struct pm_err *err);

void pm_ipeds_file_close(struct pm_ipeds_file *f);

/*
 * pm_import_fn for IPEDS HD and C_A files (.csv or the published .zip).
 * Codes are normalised: CIPCODE with PM_CODE_CIP6 (Excel-damaged codes are
 * repaired and counted in rep->repaired), except the grand total '99',
 * kept as '99'; COUNTYCD to a 5-digit county FIPS (NULL for IPEDS's -1/-2
 * codes); AWLEVEL as its decimal text. Blank numbers and IPEDS's negative
 * sentinels (-1 not reported, -2 not applicable, -3 not available) load as
 * NULL. A row whose award level is not in `award_level` loads and is
 * counted in an informational message.
 *
 * Fails with PM_EDATA naming file, line and field for a bad row (a UNITID
 * that is not a number, a malformed CIP or county code, a row given twice),
 * for a file that is neither HD nor C_A or cannot be dated, and for an HTML
 * page; loads nothing then (the caller rolls back).
 */
enum pm_status pm_ipeds_import(struct pm_store *st, const char *path,
			       const struct pm_import_opts *opts, struct pm_import_report *rep,
			       struct pm_err *err);

/*
 * The download spec for TABLE, "hd" or "c_a" (any case), of YEAR
 * (2000-2099): HD{YEAR}.zip, C{YEAR}_A.zip under pm_source_base() of
 * "ipeds". YEAR is the file's year: the HD collection year, or the end of
 * the award year for C_A (2024 for 2023-24). Fills S (release with
 * pm_fetch_spec_release()); PM_EUSAGE for another TABLE or YEAR. A fetch
 * command would build one spec per table and year asked for, e.g.
 *
 *	struct pm_fetch_spec specs[2];
 *	pm_ipeds_spec(&specs[0], "hd", 2024, err);
 *	pm_ipeds_spec(&specs[1], "c_a", 2024, err);
 *	pm_fetch(st, specs, 2, &fo, out, err);
 *
 * and refresh rebuilds specs from the stored request with pm_ipeds_respec().
 */
enum pm_status pm_ipeds_spec(struct pm_fetch_spec *s, const char *table, int year,
			     struct pm_err *err);

/* pm_respec_fn: a spec from its stored request {"source":"ipeds","table":"hd","year":2024}. */
enum pm_status pm_ipeds_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err);

/*
 * pm_validate_fn: the download at PATH must be a zip holding a CSV whose
 * header is the table SPEC asked for (an HTML page is a failure), and whose
 * name, when dated, names SPEC's year. Only the header is read.
 */
enum pm_status pm_ipeds_validate(const struct pm_fetch_spec *spec, const char *path,
				 struct pm_err *err);

#endif
