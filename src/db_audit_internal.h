/*
 * (private to src/db_audit*.c) the kinds of sealed records and the hashes
 * the audit log and its check share.
 */
#ifndef TB_DB_AUDIT_INTERNAL_H
#define TB_DB_AUDIT_INTERNAL_H

#include <stddef.h>

#include "db_internal.h"
#include "hash.h"

#define SEAL_MAX_PARTS 6

struct seal_kind {
	const char *entity; /* as in audit.entity and audit_seal.entity */
	const char *label;  /* in messages: NC_, read with i18n_ctx */
	const char *ids;    /* every id of this kind now in the database */
	/* the rows of record ?1, each query in a fixed order; the first
	 * selects the record's own row */
	const char *parts[SEAL_MAX_PARTS + 1];
};

/* Every kind of sealed record (db_audit.c: which rows make a record). */
extern const struct seal_kind db_audit_kinds[];
extern const size_t db_audit_n_kinds;

/* The kind of entity, or NULL. */
const struct seal_kind *db_audit_kind_of(const char *entity);
/* Sends every part of record id of kind k ahead (store_send) in bank b
 * (below DB_SEAL_BANKS): a record of each kind per bank, all sent before
 * the first is read, come back in one round trip on a server. */
enum tb_status db_audit_record_send(struct db *db, size_t b, size_t k,
				    long long id);
/* The hash of the record db_audit_record_send sent in bank b, as
 * db_audit_record_hash gives it. */
enum tb_status db_audit_record_read(struct db *db, size_t b, size_t k,
				    long long id, char out[HASH_HEX_LEN + 1]);
/* Drops what was sent in bank b for kind k and not read. */
void db_audit_record_unsend(struct db *db, size_t b, size_t k);
/* The hash of record id of kind k as it is now, or "-" when it does not
 * exist. */
enum tb_status db_audit_record_hash(struct db *db, size_t k, long long id,
				    char out[HASH_HEX_LEN + 1]);
/* The hashes of every record of kind k whose id is lo to hi, as
 * db_audit_record_hash gives each, in id order (fn for each record that
 * exists; hash borrowed for the call), with one statement per part for
 * them all. */
enum tb_status
db_audit_record_hashes(struct db *db, size_t k, long long lo, long long hi,
		       void (*fn)(long long id, const char *hash, void *arg),
		       void *arg);
/* What an entry's hash is taken over, in format fmt (1 or 2); caller
 * frees. */
char *db_audit_material(int fmt, long long id, const char *at,
			const char *actor, const char *action,
			const char *entity, long long entity_id,
			const char *detail, const char *prev,
			const char *seals);

#endif
