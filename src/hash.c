/* SHA-256 and HMAC-SHA-256 by GNU Nettle; random bytes from the kernel
 * (getrandom). Nettle rather than OpenSSL's libcrypto: the program needs
 * these three functions only, and libcrypto cost every start its load
 * (21,000 relocations, 4,000 of them symbols looked up at once, and some
 * 120 pages touched: about 2 ms of a first screen of 20); Nettle's are a
 * few hundred. Both use the processor's SHA instructions where it has
 * them; the digest is the same. */
#include "hash.h"

#include <errno.h>
#include <nettle/hmac.h>
#include <nettle/sha2.h>
#include <string.h>
#include <sys/random.h>

static void to_hex(const unsigned char md[SHA256_DIGEST_SIZE],
		   char out[HASH_HEX_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	for (unsigned int i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[HASH_HEX_LEN] = '\0';
}

void hash_sha256_hex(const void *data, size_t n, char out[HASH_HEX_LEN + 1])
{
	struct sha256_ctx c;
	unsigned char md[SHA256_DIGEST_SIZE];
	sha256_init(&c);
	sha256_update(&c, n, data);
	sha256_digest(&c, sizeof(md), md);
	to_hex(md, out);
}

/* The key's pads are kept: the same key again, as an export's pseudonyms
 * use it, is not made into pads again (a digest leaves the context ready
 * for another message under the same key). */
static struct hmac_sha256_ctx hmac_ctx;
static unsigned char hmac_key[64];
static size_t hmac_keylen;
static bool hmac_keyed;

void hash_hmac_sha256_hex(const void *key, size_t keylen, const void *data,
			  size_t n, char out[HASH_HEX_LEN + 1])
{
	unsigned char md[SHA256_DIGEST_SIZE];
	if (!hmac_keyed || keylen != hmac_keylen ||
	    memcmp(key, hmac_key, keylen) != 0) {
		hmac_sha256_set_key(&hmac_ctx, keylen, key);
		hmac_keyed = keylen <= sizeof(hmac_key);
		if (hmac_keyed) {
			memcpy(hmac_key, key, keylen);
			hmac_keylen = keylen;
		}
	}
	hmac_sha256_update(&hmac_ctx, n, data);
	hmac_sha256_digest(&hmac_ctx, sizeof(md), md);
	to_hex(md, out);
}

bool hash_random(void *buf, size_t n)
{
	unsigned char *p = buf;
	while (n > 0) {
		ssize_t r = getrandom(p, n, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		p += r;
		n -= (size_t)r;
	}
	return true;
}
