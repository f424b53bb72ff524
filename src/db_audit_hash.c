/*
 * db_audit_hash — the hash of a sealed record as it is now: its rows,
 * part by part (db_audit_kinds), serialised and hashed; for one record
 * (its parts sent together: one round trip on a server), for several
 * records sent at once (a bank of statements each), and for a range of
 * records (verify).
 */
#include "db.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_audit_internal.h"
#include "db_internal.h"
#include "hash.h"
#include "util.h"

/* Part p of kind k in bank b: a record of each kind per bank can be
 * sent at once. */
static struct store_stmt *part_stmt(struct db *db, size_t b, size_t k, size_t p)
{
	struct store_stmt **slot =
	    &db->seal_stmts[(b * db_audit_n_kinds + k) * SEAL_MAX_PARTS + p];
	if (!*slot && store_prepare(db->conn, db_audit_kinds[k].parts[p],
				    STORE_PERSISTENT, slot) != STORE_OK)
		return NULL;
	return *slot;
}

/* Writes v in decimal at b + n, as printf's %lld would (at most 20
 * bytes); returns the length after it. */
static size_t int_at(char *b, size_t n, long long v)
{
	char d[24];
	size_t i = sizeof(d);
	unsigned long long u =
	    v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		d[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		d[--i] = '-';
	memcpy(b + n, d + i, sizeof(d) - i);
	return n + sizeof(d) - i;
}

/* Appends v in decimal, as printf's %lld would. */
static void put_int(struct strbuf *sb, long long v)
{
	char b[24];
	strbuf_add(sb, b, int_at(b, 0, v));
}

/* Every column that is not NULL, by name, with its type and length, so
 * that no two different rows serialise alike; a column added later with a
 * NULL default leaves old hashes as they were. Written without printf (it
 * runs for every row of every record sealed or verified), what goes
 * between two values gathered in b first; the bytes are exactly those of
 * "#%zu\n", "%s=", "i%lld\n", "r%.17g\n" and "%c%d:". */
static void put_row_from(struct strbuf *sb, struct store_stmt *st, size_t part,
			 int first)
{
	char b[256];
	size_t n = 0;
	b[n++] = '#';
	n = int_at(b, n, (long long)part);
	b[n++] = '\n';
	int cols = store_column_count(st);
	for (int i = first; i < cols; i++) {
		int t = store_column_type(st, i);
		if (t == STORE_NULL)
			continue;
		const char *name = store_column_name(st, i);
		size_t len = strlen(name);
		/* room for the name, '=', a type, 20 digits, ':' and '\n' */
		if (n + len + 24 > sizeof(b)) {
			strbuf_add(sb, b, n);
			n = 0;
		}
		if (len + 24 > sizeof(b)) { /* no column is named so long */
			strbuf_add(sb, name, len);
		} else {
			memcpy(b + n, name, len);
			n += len;
		}
		b[n++] = '=';
		if (t == STORE_INTEGER) {
			b[n++] = 'i';
			n = int_at(b, n, (long long)store_column_int64(st, i));
			b[n++] = '\n';
		} else if (t == STORE_FLOAT) {
			strbuf_add(sb, b, n);
			n = 0;
			strbuf_printf(sb, "r%.17g\n",
				      store_column_double(st, i));
		} else {
			const void *v =
			    t == STORE_BLOB
				? store_column_blob(st, i)
				: (const void *)db_column_text(st, i);
			int bytes = store_column_bytes(st, i);
			b[n++] = t == STORE_BLOB ? 'b' : 't';
			n = int_at(b, n, bytes);
			b[n++] = ':';
			strbuf_add(sb, b, n);
			n = 0;
			if (bytes > 0)
				strbuf_add(sb, v, (size_t)bytes);
			b[n++] = '\n';
		}
	}
	strbuf_add(sb, b, n);
}

static void put_row(struct strbuf *sb, struct store_stmt *st, size_t part)
{
	put_row_from(sb, st, part, 0);
}

/* Part p of kind k for the records lo to hi: "SELECT KEY, <its columns>
 * … WHERE KEY BETWEEN ?1 AND ?2 ORDER BY KEY, <its order>", from the
 * part's statement for one record ("… WHERE KEY = ?1[ ORDER BY …]").
 * Caller frees. */
static char *range_sql(const char *part)
{
	const char *from = strstr(part, " FROM ");
	const char *where = strstr(part, " WHERE ");
	const char *eq = strstr(part, " = ?1");
	assert(strncmp(part, "SELECT ", 7) == 0 && from && where && eq);
	const char *key = where + 7;
	const char *order = strstr(eq, " ORDER BY ");
	return xasprintf("SELECT %.*s, %.*s%.*s WHERE %.*s BETWEEN ?1 AND ?2"
			 " ORDER BY %.*s%s%s",
			 (int)(eq - key), key, (int)(from - part - 7), part + 7,
			 (int)(where - from), from, (int)(eq - key), key,
			 (int)(eq - key), key, order ? ", " : "",
			 order ? order + 10 : "");
}

enum tb_status
db_audit_record_hashes(struct db *db, size_t k, long long lo, long long hi,
		       void (*fn)(long long id, const char *hash, void *arg),
		       void *arg)
{
	assert(k < db_audit_n_kinds);
	struct store_stmt *st[SEAL_MAX_PARTS] = {0};
	int rc[SEAL_MAX_PARTS] = {STORE_DONE};
	size_t n = 0;
	enum tb_status status = TB_DB;
	struct strbuf sb = {0};
	for (; db_audit_kinds[k].parts[n]; n++) {
		char *sql = range_sql(db_audit_kinds[k].parts[n]);
		int prc = store_prepare(db->conn, sql, 0, &st[n]);
		free(sql);
		if (prc != STORE_OK)
			goto cleanup;
		store_bind_int64(st[n], 1, lo);
		store_bind_int64(st[n], 2, hi);
		rc[n] = store_step(st[n]);
	}
	/* the record's own rows (part 0) in id order; each other part's
	 * rows of that record follow in its order */
	while (rc[0] == STORE_ROW) {
		long long id = store_column_int64(st[0], 0);
		strbuf_reset(&sb);
		strbuf_puts(&sb, db_audit_kinds[k].entity);
		strbuf_putc(&sb, ' ');
		put_int(&sb, id);
		strbuf_putc(&sb, '\n');
		put_row_from(&sb, st[0], 0, 1);
		rc[0] = store_step(st[0]);
		for (size_t p = 1; p < n; p++) {
			while (rc[p] == STORE_ROW &&
			       store_column_int64(st[p], 0) < id)
				rc[p] = store_step(st[p]); /* no record */
			while (rc[p] == STORE_ROW &&
			       store_column_int64(st[p], 0) == id) {
				put_row_from(&sb, st[p], p, 1);
				rc[p] = store_step(st[p]);
			}
		}
		char h[HASH_HEX_LEN + 1];
		hash_sha256_hex(sb.buf, sb.len, h);
		fn(id, h, arg);
	}
	status = TB_OK;
	for (size_t p = 0; p < n; p++)
		if (rc[p] != STORE_ROW && rc[p] != STORE_DONE)
			status = TB_DB;
cleanup:
	for (size_t p = 0; p < SEAL_MAX_PARTS; p++)
		store_finalize(st[p]);
	strbuf_done(&sb);
	return status;
}

/* Sends every part of record id of kind k in bank b (store_send: one
 * round trip on a server for all that is sent before the first read). */
enum tb_status db_audit_record_send(struct db *db, size_t b, size_t k,
				    long long id)
{
	for (size_t p = 0; db_audit_kinds[k].parts[p]; p++) {
		struct store_stmt *st = part_stmt(db, b, k, p);
		if (!st)
			return TB_DB;
		store_bind_int64(st, 1, id);
		if (store_send(st) != STORE_OK)
			return TB_DB;
	}
	return TB_OK;
}

/* Drops what record_send sent for bank b and kind k and was not read. */
void db_audit_record_unsend(struct db *db, size_t b, size_t k)
{
	for (size_t p = 0; db_audit_kinds[k].parts[p]; p++)
		if (db->seal_stmts[(b * db_audit_n_kinds + k) * SEAL_MAX_PARTS +
				   p])
			store_reset(part_stmt(db, b, k, p));
}

/* The hash of record id of kind k as record_send sent it in bank b. */
enum tb_status db_audit_record_read(struct db *db, size_t b, size_t k,
				    long long id, char out[HASH_HEX_LEN + 1])
{
	struct strbuf sb = {0};
	enum tb_status status = TB_OK;
	bool exists = false;
	strbuf_puts(&sb, db_audit_kinds[k].entity);
	strbuf_putc(&sb, ' ');
	put_int(&sb, id);
	strbuf_putc(&sb, '\n');
	for (size_t p = 0; db_audit_kinds[k].parts[p] && status == TB_OK; p++) {
		struct store_stmt *st = part_stmt(db, b, k, p);
		int rc;
		if (!st) {
			status = TB_DB;
			break;
		}
		while ((rc = store_step(st)) == STORE_ROW) {
			if (p == 0)
				exists = true;
			put_row(&sb, st, p);
		}
		if (rc != STORE_DONE)
			status = TB_DB;
		store_reset(st);
		if (p == 0 && !exists)
			break;
	}
	/* what was sent and not read */
	db_audit_record_unsend(db, b, k);
	if (status == TB_OK) {
		if (exists)
			hash_sha256_hex(sb.buf, sb.len, out);
		else
			snprintf(out, HASH_HEX_LEN + 1, "-");
	}
	strbuf_done(&sb);
	return status;
}

/* The hash of record id of kind k as it is now, or "-" when it does not
 * exist. */
enum tb_status db_audit_record_hash(struct db *db, size_t k, long long id,
				    char out[HASH_HEX_LEN + 1])
{
	assert(k < db_audit_n_kinds);
	/* every part sent before the first is read (store_send: one round
	 * trip on a server) */
	if (db_audit_record_send(db, 0, k, id) != TB_OK) {
		db_audit_record_unsend(db, 0, k);
		return TB_DB;
	}
	return db_audit_record_read(db, 0, k, id, out);
}
