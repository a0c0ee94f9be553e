/* SHA-256 over OpenSSL's EVP interface (see sha256.h). */
#include "core/sha256.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/xalloc.h"
#include "core/banned.h"

struct pm_sha256 {
	EVP_MD_CTX *ctx;
};

struct pm_sha256 *pm_sha256_new(void)
{
	struct pm_sha256 *h = pm_xmalloc(sizeof *h);

	h->ctx = EVP_MD_CTX_new();
	if (!h->ctx || EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
		fprintf(stderr, "pathmap: cannot initialise SHA-256\n");
		abort();
	}
	return h;
}

void pm_sha256_update(struct pm_sha256 *h, const void *data, size_t n)
{
	EVP_DigestUpdate(h->ctx, data, n);
}

void pm_sha256_hex(struct pm_sha256 *h, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	EVP_DigestFinal_ex(h->ctx, md, &n);
	for (i = 0; i < n && i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
	EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL);
}

void pm_sha256_free(struct pm_sha256 *h)
{
	if (!h)
		return;
	EVP_MD_CTX_free(h->ctx);
	free(h);
}
