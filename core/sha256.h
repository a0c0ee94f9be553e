#ifndef PM_CORE_SHA256_H
#define PM_CORE_SHA256_H
/*
 * SHA-256 for dataset provenance (a file's checksum identifies it across
 * reloads). Backed by OpenSSL's libcrypto, which libcurl already pulls in.
 */
#include <stddef.h>

struct pm_sha256;

/* Returns a new context; free with pm_sha256_free(). */
struct pm_sha256 *pm_sha256_new(void);
void pm_sha256_update(struct pm_sha256 *h, const void *data, size_t n);
/* Write the lower-case hex digest (65 bytes with the NUL) and reset H. */
void pm_sha256_hex(struct pm_sha256 *h, char out[65]);
void pm_sha256_free(struct pm_sha256 *h);

#endif
