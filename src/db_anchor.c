/*
 * Anchors: the head of the audit log (sequence number and hash) kept in
 * a file outside the database, appended by verify --anchor and checked
 * against the log (db_anchor_*).
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

/* One line per head: "SEQ HASH TIME PATH" (PATH last: it may hold
 * spaces). */
enum tb_status db_anchor_append(struct db *db, const char *file, char **err)
{
	struct db_audit_head h;
	char at[21];
	*err = NULL;
	if (!db->path) {
		*err = xstrdup(_("a database in memory has no anchor"));
		return TB_USAGE;
	}
	if (db_audit_head(db, &h) != TB_OK) {
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
	char *line = xasprintf("%lld %s %s %s\n", h.seq, h.hash, at, db->path);
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
	struct db_audit_head now;
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
	if (db_audit_head(db, &now) != TB_OK) {
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
		const char *rest = parse_head(line, ' ', &seq, hash);
		size_t at_len =
		    rest && *rest == ' ' ? strcspn(rest + 1, " ") : 0;
		if (!rest || at_len == 0 || at_len > 31 ||
		    rest[1 + at_len] != ' ') {
			diag_add(d, file, lineno, NULL,
				 _("not an anchor line (SEQ HASH TIME PATH)"));
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
		if (!check_head(db, seq, hash, where, now.seq, d) &&
		    st == TB_OK)
			st = TB_INTEGRITY;
		free(where);
	}
	free(line);
	fclose(f);
	return st;
}
