/*
 * Anchors: the heads of the audit log and of the access log (sequence
 * number and hash) kept in a file outside the database, appended by
 * verify --anchor and after each commit when $TUMORBOARD_ANCHOR names a
 * file, and checked against the logs (db_anchor_*). The access log grows
 * on reads, which write no audit entry: its head is anchored on its own
 * line so that a tail cut from it is found.
 */
#include "db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "db_internal.h"
#include "diag.h"
#include "hash.h"
#include "i18n.h"
#include "util.h"

char *db_anchor_default_path(void)
{
	const char *env = getenv("TUMORBOARD_ANCHOR");
	if (env && *env)
		return xstrdup(env);
	const char *xdg = getenv("XDG_STATE_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/tumorboard/anchors", xdg);
	const char *home = getenv("HOME");
	if (home && *home)
		return xasprintf("%s/.local/state/tumorboard/anchors", home);
	return NULL;
}

/* The newest entry of a hash chain, read by the statement id (its seq
 * and hash), or seq 0 and "genesis" while the chain is empty. */
static enum tb_status chain_head(struct db *db, enum db_stmt_id id,
				 struct db_audit_head *h)
{
	struct store_stmt *st = db_stmt(db, id);
	memset(h, 0, sizeof(*h));
	snprintf(h->hash, sizeof(h->hash), "genesis");
	if (!st)
		return TB_DB;
	int rc = store_step(st);
	if (rc == STORE_ROW) {
		const char *t = db_column_text(st, 1);
		h->seq = store_column_int64(st, 0);
		snprintf(h->hash, sizeof(h->hash), "%s", t ? t : "");
	}
	store_reset(st);
	return rc == STORE_ROW || rc == STORE_DONE ? TB_OK : TB_DB;
}

enum tb_status db_chain_tail(struct store_stmt *last, long long *next,
			     char prev[HASH_HEX_LEN + 1], char at[21])
{
	*next = 1;
	snprintf(prev, HASH_HEX_LEN + 1, "genesis");
	at[0] = '\0';
	int rc = store_step(last);
	if (rc == STORE_ROW) {
		const char *h = db_column_text(last, 1);
		const char *a = db_column_text(last, 2);
		*next = store_column_int64(last, 0) + 1;
		snprintf(prev, HASH_HEX_LEN + 1, "%s", h ? h : "");
		snprintf(at, 21, "%s", a ? a : "");
	}
	store_reset(last);
	return rc == STORE_ROW || rc == STORE_DONE ? TB_OK : TB_DB;
}

/* The access log's head: its last entry's number and hash; 0 and
 * "genesis" while it is empty. */
static enum tb_status access_head(struct db *db, struct db_audit_head *h)
{
	return chain_head(db, DB_STMT_ACCESS_LAST, h);
}

enum tb_status db_anchor_append(struct db *db, const char *file, char **err)
{
	return db_anchor_write(db, file, true, true, err);
}

/* One line per head: "SEQ HASH TIME PATH" for the audit log, "access SEQ
 * HASH TIME PATH" for the access log (PATH last: it may hold spaces). */
enum tb_status db_anchor_write(struct db *db, const char *file, bool audit,
			       bool access, char **err)
{
	struct db_audit_head h, a;
	char at[21];
	*err = NULL;
	if (!db->path) {
		*err = xstrdup(_("a database in memory has no anchor"));
		return TB_USAGE;
	}
	if (db_audit_head(db, &h) != TB_OK || access_head(db, &a) != TB_OK) {
		*err = xstrdup(db_errmsg(db));
		return TB_DB;
	}
	enum tb_status st = db_make_parent_dirs(file, err);
	if (st != TB_OK)
		return st;
	int fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		*err = xasprintf(_("cannot open the anchor file %s: %s"), file,
				 strerror(errno));
		return TB_IO;
	}
	clock_timestamp(at);
	struct strbuf lines = {0};
	if (audit)
		strbuf_printf(&lines, "%lld %s %s %s\n", h.seq, h.hash, at,
			      db->path);
	if (access && a.seq > 0)
		strbuf_printf(&lines, /* untranslated: an audit detail */
			      "access %lld %s %s %s\n", a.seq, a.hash, at,
			      db->path);
	char *line = lines.buf ? lines.buf : xstrdup("");
	size_t len = strlen(line);
	/* one write: lines from several processes never interleave */
	ssize_t w = write(fd, line, len);
	if (w != (ssize_t)len || fsync(fd) != 0) {
		*err = xasprintf(_("cannot write the anchor file %s: %s"), file,
				 w < 0 ? strerror(errno) : _("short write"));
		st = TB_IO;
	}
	if (close(fd) != 0 && st == TB_OK) {
		*err = xasprintf(_("cannot write the anchor file %s: %s"), file,
				 strerror(errno));
		st = TB_IO;
	}
	free(line);
	return st;
}

/* The stored hash of entry seq, or NULL when there is none. Caller
 * frees. */
static char *entry_hash(struct db *db, long long seq)
{
	struct store_stmt *st = NULL;
	char *h = NULL;
	if (store_prepare(db->conn, "SELECT hash FROM audit WHERE id = ?1", 0,
			  &st) == STORE_OK) {
		store_bind_int64(st, 1, seq);
		if (store_step(st) == STORE_ROW)
			h = db_column_dup(st, 0);
	}
	store_finalize(st);
	return h;
}

/* The stored hash of access log entry seq, or NULL when there is none.
 * Caller frees. */
static char *access_hash(struct db *db, long long seq)
{
	struct store_stmt *st = NULL;
	char *h = NULL;
	if (store_prepare(db->conn, "SELECT hash FROM access_log WHERE id = ?1",
			  0, &st) == STORE_OK) {
		store_bind_int64(st, 1, seq);
		if (store_step(st) == STORE_ROW)
			h = db_column_dup(st, 0);
	}
	store_finalize(st);
	return h;
}

/* Checks one recorded head of the access log, as check_head below. */
static bool check_access_head(struct db *db, long long seq, const char *hash,
			      const char *where, long long now_seq,
			      struct diag *d)
{
	if (seq > now_seq) {
		diag_add(d, NULL, 0, "anchor",
			 _("%s records access log entry %lld, but the access "
			   "log ends at entry %lld: entries %lld to %lld were "
			   "removed (the log was cut back)"),
			 where, seq, now_seq, now_seq + 1, seq);
		return false;
	}
	char *h = access_hash(db, seq);
	bool ok = h && strncmp(h, hash, strlen(hash)) == 0;
	if (!ok)
		diag_add(d, NULL, 0, "anchor",
			 _("%s records access log entry %lld with hash "
			   "%.16s…, the access log holds %.16s… there: the "
			   "log up to that entry was rewritten"),
			 where, seq, hash, h ? h : "nothing");
	free(h);
	return ok;
}

/* Checks one recorded head against the log. where names the anchor in
 * messages. */
static bool check_head(struct db *db, long long seq, const char *hash,
		       const char *where, long long now_seq, struct diag *d)
{
	if (seq == 0)
		return true;
	if (seq > now_seq) {
		diag_add(d, NULL, 0, "anchor",
			 _("%s records entry %lld, but the audit log ends at "
			   "entry %lld: entries %lld to %lld were removed (the "
			   "log was cut back)"),
			 where, seq, now_seq, now_seq + 1, seq);
		return false;
	}
	char *h = entry_hash(db, seq);
	bool ok = h && strncmp(h, hash, strlen(hash)) == 0;
	if (!ok)
		diag_add(
		    d, NULL, 0, "anchor",
		    _("%s records entry %lld with hash %.16s…, the audit "
		      "log holds %.16s… there: the log up to that entry was "
		      "rewritten"),
		    where, seq, hash, h ? h : "nothing");
	free(h);
	return ok;
}

/* Reads "SEQ<sep>HASH" (at least 16 hex digits of the hash) from s;
 * returns what follows the hash, or NULL when s does not start so. */
static const char *parse_head(const char *s, char sep, long long *seq,
			      char hash[HASH_HEX_LEN + 1])
{
	char *end;
	if (*s < '0' || *s > '9')
		return NULL;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end != sep)
		return NULL;
	const char *h = end + 1;
	size_t n = strspn(h, "0123456789abcdef");
	if (n < 16 || n > HASH_HEX_LEN)
		return NULL;
	memcpy(hash, h, n);
	hash[n] = '\0';
	*seq = v;
	return h + n;
}

enum tb_status db_anchor_expect(struct db *db, const char *head, struct diag *d)
{
	long long seq;
	char hash[HASH_HEX_LEN + 1];
	struct db_audit_head now;
	const char *rest = parse_head(head, ':', &seq, hash);
	if (!rest || *rest) {
		diag_add(
		    d, NULL, 0, "--expect",
		    _("wants SEQ:HASH as verify prints it (at least 16 hex "
		      "digits of the hash)"));
		return TB_USAGE;
	}
	if (db_audit_head(db, &now) != TB_OK)
		return TB_DB;
	char *where = xasprintf(_("the expected head %lld:%.16s…"), seq, hash);
	bool ok = check_head(db, seq, hash, where, now.seq, d);
	free(where);
	return ok ? TB_OK : TB_INTEGRITY;
}

enum tb_status db_anchor_check(struct db *db, const char *file, struct diag *d,
			       long long *n_checked)
{
	struct db_audit_head now, now_access;
	*n_checked = 0;
	if (!db->path)
		return TB_OK;
	FILE *f = fopen(file, "re");
	if (!f) {
		if (errno == ENOENT)
			return TB_OK; /* no anchor written yet */
		diag_add(d, file, 0, NULL, _("cannot read: %s"),
			 strerror(errno));
		return TB_IO;
	}
	if (db_audit_head(db, &now) != TB_OK ||
	    access_head(db, &now_access) != TB_OK) {
		fclose(f);
		return TB_DB;
	}
	enum tb_status st = TB_OK;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	while ((len = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		long long seq;
		char hash[HASH_HEX_LEN + 1];
		static const char access_tag[] = "access ";
		bool access =
		    strncmp(line, access_tag, sizeof(access_tag) - 1) == 0;
		const char *rest =
		    parse_head(access ? line + sizeof(access_tag) - 1 : line,
			       ' ', &seq, hash);
		size_t at_len =
		    rest && *rest == ' ' ? strcspn(rest + 1, " ") : 0;
		if (!rest || at_len == 0 || at_len > 31 ||
		    rest[1 + at_len] != ' ') {
			diag_add(d, file, lineno, NULL,
				 _("not an anchor line ([access] SEQ HASH TIME "
				   "PATH)"));
			st = TB_INVALID;
			continue;
		}
		char at[32];
		memcpy(at, rest + 1, at_len);
		at[at_len] = '\0';
		if (strcmp(rest + 2 + at_len, db->path) != 0)
			continue; /* another database */
		(*n_checked)++;
		char *where =
		    xasprintf(_("%s:%ld (written %s)"), file, lineno, at);
		bool ok = access ? check_access_head(db, seq, hash, where,
						     now_access.seq, d)
				 : check_head(db, seq, hash, where, now.seq, d);
		if (!ok && st == TB_OK)
			st = TB_INTEGRITY;
		free(where);
	}
	free(line);
	fclose(f);
	return st;
}

/* ------------------------------------------------------------------------
 * The audit log's head, and the anchor written after a commit
 * ---------------------------------------------------------------------- */

enum tb_status db_audit_head(struct db *db, struct db_audit_head *h)
{
	return chain_head(db, DB_STMT_AUDIT_LAST, h);
}

void db_audit_after_commit(struct db *db)
{
	bool audit = db->appended, access = db->access_appended;
	db->seal_later = false; /* for the transaction committed */
	if (!audit && !access)
		return;
	db->appended = false;
	db->access_appended = false;
	const char *file = getenv("TUMORBOARD_ANCHOR");
	if (!file || !*file || !db->path)
		return;
	char *err = NULL;
	if (db_anchor_write(db, file, audit, access, &err) != TB_OK)
		db_notice(err);
	free(err);
}
