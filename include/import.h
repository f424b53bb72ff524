/*
 * import — reads case files (tumorboard-case(5)) into the store.
 *
 * A file is read whole with a size cap, checked for UTF-8, refused if its
 * prolog holds a DOCTYPE, then streamed with network access off: one
 * <case> at a time is expanded, checked field by field (identity numbers,
 * dates, codes, HGVS, ranges, enumerations, required parts) and against
 * the RELAX NG schema, written inside the file's one transaction, and
 * freed. Any problem anywhere rolls the whole file back: all of it or none
 * of it. Every problem is reported as FILE:LINE: field: message; nothing
 * outside the file is ever read. Memory follows the largest case, not the
 * file.
 */
#ifndef TB_IMPORT_H
#define TB_IMPORT_H

#include <stddef.h>

#include "db.h"
#include "diag.h"
#include "model.h"

#define IMPORT_DEFAULT_MAX_BYTES (64u * 1024u * 1024u)

struct import_opts {
	size_t max_bytes;  /* 0 = IMPORT_DEFAULT_MAX_BYTES */
	const char *today; /* YYYY-MM-DD; NULL = the clock's today */
};

struct import_result {
	size_t created;
	size_t updated;
	size_t unchanged;
};

/* Installs libxml2 hooks (refusing external entities). Call once. */
void import_global_init(void);
void import_global_cleanup(void);

/*
 * Parses and checks a buffer holding a case file named name (used in
 * messages). On success *cases (caller frees each with model_case_free and
 * the array with free) holds n cases. On TB_INVALID d holds every problem.
 */
enum tb_status import_parse(const char *name, const char *buf, size_t n,
			    const struct import_opts *opts, struct diag *d,
			    struct tb_case ***cases, size_t *n_cases);

/* Reads, checks and stores one file in one transaction. */
enum tb_status import_file(struct db *db, const char *path,
			   const struct import_opts *opts, struct diag *d,
			   struct import_result *res);

#endif
