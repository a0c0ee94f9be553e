#ifndef PM_FETCH_CAREERONESTOP_H
#define PM_FETCH_CAREERONESTOP_H
/*
 * CareerOneStop Web API (U.S. Department of Labor, https://api.careeronestop.org):
 * certifications and licenses per occupation, into the `credential` table
 * (store/credential.h).
 *
 *   GET {base}/certificationfinder/{userId}/{keyword}/{directFlag}/{industry}/
 *       {certType}/{organization}/{occupation}/{agency}/{sortColumn}/
 *       {sortDirections}/{startRecord}/{limitRecord}
 *   GET {base}/license/{userId}/{keyword}/{location}/{sortColumns}/
 *       {sortDirections}/{startRecord}/{limitRecord}
 *   base: https://api.careeronestop.org/v1; header Authorization: Bearer TOKEN
 *
 * keyword is the occupation's O*NET-SOC code ("29-1141.00"); the filters and
 * sort fields are "0" (none, relevance); location is the state's postal
 * abbreviation. One request asks for up to PM_CAREERONESTOP_LIMIT records.
 * Licenses are listed per state, so they are fetched only for a state.
 *
 * The token and user id come from PATHMAP_CAREERONESTOP_TOKEN and
 * PATHMAP_CAREERONESTOP_USERID (or careeronestop_token / careeronestop_userid
 * in the config file), never from the command line. Neither is logged,
 * cached, stored or shown: the URL recorded and shown has "{userId}" where
 * the user id goes (spec->url), the real one is only requested
 * (spec->fetch_url), and the token rides in spec->auth_header.
 *
 * Responses (JSON) are told apart by shape: a "CertList" array holds
 * certifications (items with Id, Name, Org, Url, Type, Level), a
 * "LicenseList" array holds licenses (items with ID, Title, LicenseAgency
 * (an object with Name and Url, or text), State). A few spellings of each
 * field are accepted (Id/ID, Name/Title, Org/Organization, ...); an item
 * needs an id and a name. RecordCount, when present, is compared with the
 * items listed. A response lists one occupation's credentials in full, so
 * loading it replaces what the store held for that occupation (and, for
 * licenses, that state).
 *
 * The occupation (and state) a response was asked for is not in the
 * response: a fetched file carries it in its stored request, and a saved
 * file names it: certifications-29-1141.json, licenses-29-1141-OH.json (the
 * names fetch gives its files), i.e. a SOC code and, for licenses, a state
 * abbreviation among the name's '-', '_' or '.' separated parts.
 */
#include "core/err.h"
#include "fetch/catalog.h"

#define PM_CAREERONESTOP_LIMIT 500

/*
 * A spec for WHAT ("certifications" or "licenses") of occupation SOC (any
 * spelling the SOC normaliser accepts), licenses for STATE (postal
 * abbreviation or FIPS code; required for licenses, ignored for
 * certifications). Reads the token and user id from the environment or
 * config; release OUT with pm_fetch_spec_release(). Fails with PM_EUSAGE
 * for a bad SOC or state, or when the token or user id is not set (saying
 * how to set them).
 */
enum pm_status pm_careeronestop_spec(struct pm_fetch_spec *out, const char *what, const char *soc,
				     const char *state, struct pm_err *err);

/* pm_respec_fn, pm_validate_fn and pm_import_fn for the CareerOneStop responses. */
enum pm_status pm_careeronestop_respec(const char *request, struct pm_fetch_spec *out,
				       struct pm_err *err);
enum pm_status pm_careeronestop_validate(const struct pm_fetch_spec *spec, const char *path,
					 struct pm_err *err);
enum pm_status pm_careeronestop_import(struct pm_store *st, const char *path,
				       const struct pm_import_opts *opts,
				       struct pm_import_report *rep, struct pm_err *err);

#endif
