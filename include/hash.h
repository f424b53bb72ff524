/* hash — SHA-256 and HMAC-SHA-256 through Nettle; the only module that
 * includes it. */
#ifndef TB_HASH_H
#define TB_HASH_H

#include <stdbool.h>
#include <stddef.h>

#define HASH_HEX_LEN 64

/* Writes the lower-case hex digest of data[0..n) and a NUL into out. */
void hash_sha256_hex(const void *data, size_t n, char out[HASH_HEX_LEN + 1]);

/* HMAC-SHA-256 of data[0..n) under key[0..keylen), lower-case hex and a
 * NUL into out. */
void hash_hmac_sha256_hex(const void *key, size_t keylen, const void *data,
			  size_t n, char out[HASH_HEX_LEN + 1]);
/* n bytes from the system's secure random source into buf; false when it
 * cannot give them. */
bool hash_random(void *buf, size_t n);
#endif
