/*
 * import_map — a file to import seen through a private read-only mapping
 * whose pages are let go as it is read, a quarter of a megabyte at a time, so
 * that a large file (a FHIR Bundle of a thousand Patients, read a Patient at a
 * time) does not stay in memory while it is read. The bytes are the file's own,
 * not a copy: the caller hashes them before and after reading and refuses the
 * file when the two differ (it changed while it was read); a file cut short
 * while it is mapped ends the program with a message and exit status 5,
 * before anything of it is written. One mapping at a time.
 */
#ifndef TB_IMPORT_MAP_H
#define TB_IMPORT_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "status.h"

/* After this many bytes read through the mapping its pages are let go. */
#define IMPORT_MAP_WINDOW (256 * 1024)
/* What one page read may bring into memory (fault-around: 16 pages). */
#define IMPORT_MAP_BLOCK (64 * 1024)

struct import_map {
	const char *bytes; /* the file's len bytes (not NUL-terminated) */
	size_t len;
	int fd;	       /* the file, open while mapped */
	bool unmapped; /* a file that cannot be mapped (not opened) */
	size_t since;  /* bytes of blocks read since the pages were let go */
	size_t block;  /* the last block counted */
	size_t lo, hi; /* the blocks read since: [lo, hi) */
};

/* Maps path, a regular file of at most max bytes (the checks and messages
 * of import_xml_read); TB_IO with m->unmapped and nothing said when the
 * file cannot be mapped (a file of /sys, say: read it instead). */
enum tb_status import_map_open(struct import_map *m, const char *path,
			       size_t max, struct diag *d);

/* n bytes at p have been read: when p is in the open mapping they count
 * towards IMPORT_MAP_WINDOW, after which every page of it is let go (read
 * again, a page comes back from the file). Cheap; a no-op for any other
 * memory, so readers call it on whatever buffer they are given. */
void import_map_read(const void *p, size_t n);

/* A hash of the bytes as they are now, read a window at a time. */
uint64_t import_map_hash(struct import_map *m);

/* What became of the file since its bytes hashed to hash: the same
 * (the length mapped and the same bytes), shorter (cut short by less
 * than a page: a page lost is a SIGBUS), or else changed (other bytes,
 * or grown). */
enum import_map_since {
	IMPORT_MAP_SAME,
	IMPORT_MAP_SHORTER,
	IMPORT_MAP_CHANGED
};
enum import_map_since import_map_since(struct import_map *m, uint64_t hash);

/* The bytes of buf as text, in one pass a window at a time
 * (import_map_read): false when they are not UTF-8 (*bad: the first bad
 * byte, as util_utf8_valid says it); else *nul is the first NUL byte,
 * NULL when there is none. */
bool import_map_text(const char *buf, size_t n, size_t *bad, const char **nul);

void import_map_close(struct import_map *m);

#endif
