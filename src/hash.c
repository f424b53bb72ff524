/* SHA-256 by libcrypto's own SHA256_Init/Update/Final: they compute the
 * digest directly, where the EVP interface's first use initialises the
 * default provider (about 5 M instructions and 2 MiB of the library
 * made resident in every process that seals a record or logs a read;
 * then 7 k instructions a digest against 2 k). They are deprecated from
 * OpenSSL 3.0 on, which the API level below acknowledges; a libcrypto
 * built without them takes the EVP path. The digest is the same. */
#define OPENSSL_API_COMPAT 10101

#include "hash.h"

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#ifdef OPENSSL_NO_DEPRECATED_3_0
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

/* The digest's context is made once too (EVP_Digest() made and freed
 * one in every call) and freed at exit. */
static EVP_MD_CTX *digest_ctx;

static void digest_free(void)
{
	EVP_MD_CTX_free(digest_ctx);
	digest_ctx = NULL;
}
#endif

void hash_sha256_hex(const void *data, size_t n, char out[HASH_HEX_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

#ifndef OPENSSL_NO_DEPRECATED_3_0
	SHA256_CTX c;
	if (!SHA256_Init(&c) || !SHA256_Update(&c, data, n) ||
	    !SHA256_Final(md, &c))
		util_die_nomem();
	len = SHA256_DIGEST_LENGTH;
#else
	if (!digest_ctx) {
		if (!(digest_ctx = EVP_MD_CTX_new()))
			util_die_nomem();
		atexit(digest_free);
	}
	/* only fails on allocation */
	if (!EVP_DigestInit_ex2(digest_ctx, sha256(), NULL) ||
	    !EVP_DigestUpdate(digest_ctx, data, n) ||
	    !EVP_DigestFinal_ex(digest_ctx, md, &len) || len != 32)
		util_die_nomem();
#endif
	for (unsigned int i = 0; i < len; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[2 * len] = '\0';
}

/* The MAC and its context are made once (HMAC() fetched the MAC and the
 * digest and made a context in every call, several times the cost of
 * the hashing of a short text) and freed at exit. */
static EVP_MAC_CTX *hmac_ctx;
/* the key it holds (the pads made from it are kept: the same key again,
 * as an export's pseudonyms use it, is not made into pads again) */
static unsigned char hmac_key[64];
static size_t hmac_keylen;
static bool hmac_keyed;

static void hmac_free(void)
{
	EVP_MAC_CTX_free(hmac_ctx);
	hmac_ctx = NULL;
	hmac_keyed = false;
}

static EVP_MAC_CTX *hmac(void)
{
	if (hmac_ctx)
		return hmac_ctx;
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	if (!mac)
		util_die_nomem();
	hmac_ctx = EVP_MAC_CTX_new(mac);
	EVP_MAC_free(mac); /* the context holds its own reference */
	OSSL_PARAM p[] = {OSSL_PARAM_construct_utf8_string(
			      OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0),
			  OSSL_PARAM_construct_end()};
	if (!hmac_ctx || !EVP_MAC_CTX_set_params(hmac_ctx, p))
		util_die_nomem();
	atexit(hmac_free);
	return hmac_ctx;
}

void hash_hmac_sha256_hex(const void *key, size_t keylen, const void *data,
			  size_t n, char out[HASH_HEX_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	size_t len = 0;
	EVP_MAC_CTX *ctx = hmac();
	bool same = hmac_keyed && keylen == hmac_keylen &&
		    memcmp(key, hmac_key, keylen) == 0;

	if (!same && keylen <= sizeof(hmac_key)) {
		memcpy(hmac_key, key, keylen);
		hmac_keylen = keylen;
	}
	hmac_keyed = keylen <= sizeof(hmac_key);
	if (!EVP_MAC_init(ctx, same ? NULL : key, same ? 0 : keylen, NULL) ||
	    !EVP_MAC_update(ctx, data, n) ||
	    !EVP_MAC_final(ctx, md, &len, sizeof(md)) || len != 32)
		util_die_nomem(); /* only fails on allocation */
	for (size_t i = 0; i < len; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[2 * len] = '\0';
}

bool hash_random(void *buf, size_t n)
{
	return RAND_bytes(buf, (int)n) == 1;
}
