#ifndef PM_CORE_CONFIG_H
#define PM_CORE_CONFIG_H
/*
 * Settings from the environment and the config file. The file is
 * $PATHMAP_CONFIG, else $XDG_CONFIG_HOME/pathmap/config, else
 * ~/.config/pathmap/config; lines are `key = value`, '#' starts a comment.
 * The environment wins: key `contact_email` is read from
 * PATHMAP_CONTACT_EMAIL first, then the file (upper-cased, "PATHMAP_" prefix).
 *
 * Known keys: contact_email, bls_api_key, careeronestop_token,
 * careeronestop_userid (secrets: never printed, logged or put in an error
 * message), cache_dir, http_connect_timeout, http_low_speed_time,
 * http_max_time, http_retries, http_backoff, http_retry_after_max,
 * http_host_interval, and <source>_url base-URL overrides (qcew_url, ...).
 */
#include <stdbool.h>

#include "core/err.h"

/*
 * Read the config file once (later calls do nothing). A missing file is
 * fine; an unreadable one or a malformed line fails with PM_EUSAGE naming
 * file and line. A file holding secrets that others can read draws a warning.
 */
enum pm_status pm_config_load(struct pm_err *err);

/* The value of KEY (borrowed; valid until pm_config_free()), or NULL. */
const char *pm_config_get(const char *key);

/* True when KEY is one whose value must never be shown. */
bool pm_config_is_secret(const char *key);

/* Drop the loaded file (tests; the next pm_config_load() reads it again). */
void pm_config_free(void);

#endif
