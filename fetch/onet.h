#ifndef PM_FETCH_ONET_H
#define PM_FETCH_ONET_H
/*
 * O*NET (https://www.onetcenter.org): the occupation database as text files
 * and the O*NET-SOC taxonomy crosswalks.
 *
 *   {base}/db_{MAJ}_{MIN}_text.zip      base: https://www.onetcenter.org/dl_files/database
 *
 * The zip holds one tab-separated table per member (db_30_1_text/<Table>.txt).
 * Tables are recognised by their header row, never by file name alone:
 *
 *   Occupation Data                      -> onet_occupation (soc_code: the SOC it rolls up to)
 *   Job Zones                            -> onet_occupation.job_zone
 *   Job Zone Reference                   -> onet_job_zone
 *   Education, Training, and Experience  -> onet_ete
 *     ... Categories                     -> onet_ete_category
 *   Related Occupations                  -> onet_related
 *   Technology Skills                    -> onet_technology
 *   Alternate Titles                     -> onet_alt_title
 *   Task Statements                      -> onet_task
 *
 * and, from https://www.onetcenter.org/taxonomy/2019/, the CSV files
 *
 *   2010_to_2019_Crosswalk.csv  -> onet_xwalk 'onet2010' -> 'onet2019'
 *   2019_to_SOC_Crosswalk.csv   -> onet_xwalk 'onet2019' -> 'soc2018'
 *   2019_Occupations.csv        -> onet_occupation (titles and descriptions)
 *
 * Other O*NET tables (Interests, Skills, Read Me, Content Model Reference,
 * Scales Reference, Level Scale Anchors, Sample of Reported Titles, ...) are
 * skipped with an info message. O*NET writes "n/a" for no value; it is
 * stored as NULL.
 *
 * Licence: O*NET is CC BY 4.0 and must be credited wherever its values are
 * shown. The release ("O*NET 30.1") is kept in the dataset's vintage (from
 * the Read Me's first line, else the zip's name) and pm_onet_attribution()
 * gives the sentence to print.
 */
#include "core/err.h"
#include "fetch/catalog.h"

struct pm_store;

/*
 * pm_import_fn for O*NET: the database zip (every recognised table, in one
 * dataset), one of its .txt tables, or a taxonomy CSV. Fails with PM_EDATA
 * naming file, line and field for a malformed row or a table whose header
 * lacks a column; loads nothing then (the caller rolls back).
 */
enum pm_status pm_onet_import(struct pm_store *st, const char *path,
			      const struct pm_import_opts *opts, struct pm_import_report *rep,
			      struct pm_err *err);

/*
 * The CC BY 4.0 credit for the O*NET release loaded in ST, e.g. "O*NET 30.1
 * Database by the U.S. Department of Labor, Employment and Training
 * Administration (USDOL/ETA). Used under the CC BY 4.0 license." ("O*NET
 * Database by ..." when the release is unknown or nothing is loaded).
 * Returns static storage, valid until the next call.
 */
const char *pm_onet_attribution(struct pm_store *st);

/*
 * The download spec for database release VERSION ("30.1"): {base}/db_30_1_text.zip.
 * Fills S (release with pm_fetch_spec_release()); PM_EUSAGE for a VERSION
 * that is not MAJOR.MINOR.
 */
enum pm_status pm_onet_spec(struct pm_fetch_spec *s, const char *version, struct pm_err *err);

/* pm_respec_fn and pm_validate_fn (a zip holding an "Occupation Data.txt" table). */
enum pm_status pm_onet_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err);
enum pm_status pm_onet_validate(const struct pm_fetch_spec *spec, const char *path,
				struct pm_err *err);

#endif
