/*
 * The FHIR export commands: `export CASE-ID --format xml|json` (the case as
 * a Bundle), the FHIR formats of `decision export`, and the files of
 * `refer --to/--answer`. Every file that leaves the program is recorded in
 * the audit log with its kind, format, size and SHA-256 (never its
 * content). Files are written to a temporary file (mode 0600) beside the
 * target and renamed into place, so a failed export leaves nothing.
 */
#include "cmd.h"
#include "cmd_fhir.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "db_case.h"
#include "db_decision.h"
#include "db_meeting.h"
#include "fhir_out.h"
#include "hash.h"
#include "status.h"
#include "util.h"

enum tb_status cmd_fhir_write_file(const char *path, const struct strbuf *sb,
				   char **err)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp); /* mode 0600 */
	FILE *f = NULL;
	enum tb_status st = TB_IO;
	if (fd < 0)
		goto cleanup;
	f = fdopen(fd, "wb");
	if (!f) {
		close(fd);
		goto cleanup;
	}
	if (sb->len && fwrite(sb->buf, 1, sb->len, f) != sb->len)
		goto cleanup;
	if (fflush(f) != 0 || fsync(fileno(f)) != 0)
		goto cleanup;
	int rc = fclose(f);
	f = NULL;
	if (rc != 0 || rename(tmp, path) != 0)
		goto cleanup;
	st = TB_OK;
cleanup:
	if (st != TB_OK) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		if (f)
			fclose(f);
		unlink(tmp);
	}
	free(tmp);
	return st;
}

enum tb_status cmd_fhir_deliver(struct db *db, const char *path,
				const struct strbuf *sb, const char *action,
				const char *entity, long long id,
				const char *what, char **err)
{
	char h[HASH_HEX_LEN + 1];
	hash_sha256_hex(sb->buf ? sb->buf : "", sb->len, h);
	char *detail = xasprintf("%s; %zu bytes; sha256 %s", what, sb->len, h);
	enum tb_status st = db_begin(db);
	if (st != TB_OK) {
		*err = xstrdup(db_errmsg(db));
		goto cleanup;
	}
	/* recorded in the transaction that is committed only once the
	 * file is whole: no export without its record, no record of an
	 * export that failed */
	st = db_audit_append(db, db_actor(), action, entity, id, detail);
	if (st != TB_OK) {
		*err = xstrdup(db_errmsg(db));
		db_rollback(db);
		goto cleanup;
	}
	if (path) {
		st = cmd_fhir_write_file(path, sb, err);
	} else if (sb->len && (fwrite(sb->buf, 1, sb->len, stdout) != sb->len ||
			       fflush(stdout) != 0)) {
		*err = xstrdup("standard output: write failed");
		st = TB_IO;
	}
	if (st != TB_OK) {
		db_rollback(db);
		goto cleanup;
	}
	st = db_commit(db);
	if (st != TB_OK) {
		*err = xstrdup(db_errmsg(db));
		db_rollback(db);
		if (path)
			unlink(path);
	}
cleanup:
	free(detail);
	return st;
}

enum tb_status cmd_fhir_decision(struct db *db, const struct tb_decision *dec,
				 const struct form *f,
				 const struct fhir_out_referral *answer,
				 enum fhir_out_format fmt, struct strbuf *out)
{
	struct tb_case *c = NULL;
	struct tb_meeting m;
	bool have_m = false;
	enum tb_status st = db_case_load(db, dec->case_id, &c);
	if (st == TB_OK && dec->meeting_id) {
		st = db_meeting_get(db, dec->meeting_id, &m);
		have_m = st == TB_OK;
	}
	if (st == TB_OK)
		st = fhir_out_decision(dec, f, c, have_m ? &m : NULL, answer,
				       fmt, out);
	model_case_free(&c);
	return st;
}

static int usage_export(void)
{
	fputs("usage: tumorboard export CASE-ID --format xml|json "
	      "[--output FILE]\n",
	      stderr);
	return status_exit_code(TB_USAGE);
}

/* "export CASE-ID --format xml|json [--output FILE]" */
int cmd_export(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"output", required_argument, NULL, 'o'},
	    {NULL, 0, NULL, 0}};
	const char *format = NULL, *output = NULL;
	enum fhir_out_format fmt;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'f')
			format = optarg;
		else if (c == 'o')
			output = optarg;
		else
			return usage_export();
	}
	if (optind + 1 != argc || !fhir_out_format_parse(format, &fmt))
		return usage_export();
	long long id;
	struct tb_case *cs = NULL;
	struct strbuf sb;
	char *err = NULL;
	strbuf_init(&sb);
	enum tb_status st = db_case_find(db, argv[optind], &id);
	if (st == TB_NOT_FOUND) {
		char *clean = util_sanitize(argv[optind], false);
		fprintf(stderr, "tumorboard export: no case %s\n", clean);
		free(clean);
		goto cleanup;
	}
	if (st == TB_OK)
		st = db_case_load(db, id, &cs);
	/* the whole case leaves the program: a read, logged first */
	if (st == TB_OK &&
	    (st = cmd_log_read(db, "export", ACCESS_EXPORT, id)) != TB_OK)
		goto cleanup;
	if (st == TB_OK)
		st = fhir_out_case(cs, NULL, fmt, &sb);
	if (st == TB_OK)
		st = cmd_fhir_deliver(db, output, &sb, "export", "case", id,
				      fmt == FHIR_OUT_XML
					  ? "case exported as FHIR xml"
					  : "case exported as FHIR json",
				      &err);
	if (err)
		fprintf(stderr, "tumorboard export: %s\n", err);
	else if (st == TB_DB)
		fprintf(stderr, "tumorboard export: %s\n", db_errmsg(db));
	else if (st != TB_OK)
		fprintf(stderr, "tumorboard export: %s\n", status_message(st));
cleanup:
	free(err);
	strbuf_done(&sb);
	model_case_free(&cs);
	return status_exit_code(st);
}
