#include "hash.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "util.h"

/* The digest is fetched once: OpenSSL 3 looks an implicit EVP_sha256()
 * up again in every EVP_Digest(), which cost as much as the hashing of a
 * sealed record itself. Held until exit. */
static const EVP_MD *sha256(void)
{
	static EVP_MD *md;
	if (!md && !(md = EVP_MD_fetch(NULL, "SHA256", NULL)))
		util_die_nomem();
	return md;
}

void hash_sha256_hex(const void *data, size_t n, char out[HASH_HEX_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (!EVP_Digest(data, n, md, &len, sha256(), NULL) || len != 32)
		util_die_nomem(); /* only fails on allocation */
	for (unsigned int i = 0; i < len; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[2 * len] = '\0';
}

void hash_hmac_sha256_hex(const void *key, size_t keylen, const void *data,
			  size_t n, char out[HASH_HEX_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (!HMAC(EVP_sha256(), key, (int)keylen, data, n, md, &len) ||
	    len != 32)
		util_die_nomem(); /* only fails on allocation */
	for (unsigned int i = 0; i < len; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[2 * len] = '\0';
}

bool hash_random(void *buf, size_t n)
{
	return RAND_bytes(buf, (int)n) == 1;
}
