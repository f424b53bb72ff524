/* hash — SHA-256 through libcrypto; the only module that includes it. */
#ifndef TB_HASH_H
#define TB_HASH_H

#include <stddef.h>

#define HASH_HEX_LEN 64

/* Writes the lower-case hex digest of data[0..n) and a NUL into out. */
void hash_sha256_hex(const void *data, size_t n, char out[HASH_HEX_LEN + 1]);

#endif
