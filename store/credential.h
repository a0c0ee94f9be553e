#ifndef PM_STORE_CREDENTIAL_H
#define PM_STORE_CREDENTIAL_H
/*
 * Certifications and licenses per occupation: the `credential` table
 * (schema version 4), filled from CareerOneStop by fetch/careeronestop.c.
 * One row per (occupation, kind, publisher's id); a license row carries the
 * state it was listed for. The gap and occupation outputs ask for the
 * credentials of one SOC code with pm_credentials_for_soc().
 */
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct pm_store;

#define PM_CREDENTIAL_CERTIFICATION "certification"
#define PM_CREDENTIAL_LICENSE	    "license"

struct pm_credential {
	const char *kind;   /* PM_CREDENTIAL_CERTIFICATION or PM_CREDENTIAL_LICENSE (static) */
	char *soc_code;	    /* "29-1141"; NULL in a parsed response until loaded */
	char *id;	    /* the publisher's id, as text */
	char *name;	    /* certification name or license title, as published */
	char *organization; /* certifying organization or licensing agency; NULL if none */
	char *state;	    /* licenses: the state (postal abbreviation if known) or NULL */
	char *level;	    /* certifications: the published level; NULL when none */
	char *url;	    /* NULL when none */
	int64_t dataset_id; /* 0 in a parsed response */
};

/* Free the strings of C (not C itself). Accepts NULL. */
void pm_credential_release(struct pm_credential *c);

/* Release each of the N credentials of LIST and free LIST. Accepts NULL. */
void pm_credentials_free(struct pm_credential *list, size_t n);

/*
 * The certifications and licenses stored for occupation SOC (any spelling
 * the code normaliser accepts: "29-1141", "291141", "29-1141.00"), with
 * only the licenses of STATE (a postal abbreviation, "OH") when STATE is
 * not NULL. Sorted certifications first, then by name and id. Returns a
 * new array of *N credentials in *OUT (NULL when none); free with
 * pm_credentials_free(). An occupation with none is not an error (*N = 0).
 * Fails with PM_EUSAGE for a SOC that does not normalise, PM_ESTORE when
 * the store cannot be read.
 */
enum pm_status pm_credentials_for_soc(struct pm_store *st, const char *soc, const char *state,
				      struct pm_credential **out, size_t *n, struct pm_err *err);

/*
 * "Certified Nursing Assistant (certification); RN (license, OH); +3 more":
 * up to MAX of SOC's credentials, for a column of the occupation and gap
 * outputs. A new string, or NULL when none are stored (or on a store error:
 * the column then stays empty).
 */
char *pm_credentials_summary(struct pm_store *st, const char *soc, size_t max);

#endif
