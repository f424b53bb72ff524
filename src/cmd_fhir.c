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

#include "clock.h"
#include "db.h"
#include "db_referral.h"
#include "fhir_package.h"
#include "import.h"
#include "db_case.h"
#include "db_decision.h"
#include "db_meeting.h"
#include "fhir_out.h"
#include "diag.h"
#include "hash.h"
#include "import_form.h"
#include "registry.h"
#include "status.h"
#include "i18n.h"
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
	char *detail = xasprintf(
	    /* untranslated: an audit detail */ "%s; %zu bytes; sha256 %s",
	    what, sb->len, h);
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
		*err = xstrdup(_("standard output: write failed"));
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
	fputs(_("usage: tumorboard export CASE-ID --format xml|json "
		"[--output FILE]\n"),
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
		fprintf(stderr, _("tumorboard export: no case %s\n"), clean);
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
		st = cmd_fhir_deliver(
		    db, output, &sb, "export", "case", id,
		    fmt == FHIR_OUT_XML
			? /* untranslated: an audit detail */ "case exported "
							      "as FHIR xml"
			: /* untranslated: an audit detail */ "case exported "
							      "as FHIR json",
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

static int usage_registry(void)
{
	fputs(_("usage: tumorboard registry DECISION [--output FILE]\n"),
	      stderr);
	return status_exit_code(TB_USAGE);
}

/* "registry DECISION [--output FILE]": the quality-registry file. */
int cmd_registry(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"output", required_argument, NULL, 'o'}, {NULL, 0, NULL, 0}};
	const char *output = NULL;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'o')
			output = optarg;
		else
			return usage_registry();
	}
	if (optind + 1 != argc || !util_parse_id(argv[optind]))
		return usage_registry();
	struct tb_decision dec = {0};
	struct tb_case *cs = NULL;
	struct tb_meeting m;
	struct form_set fs = {0};
	struct strbuf file, names;
	char *err = NULL;
	bool have_m = false;
	strbuf_init(&file);
	strbuf_init(&names);
	enum tb_status st =
	    db_decision_get(db, util_parse_id(argv[optind]), &dec);
	if (st == TB_NOT_FOUND) {
		fprintf(stderr, _("tumorboard registry: no decision %lld\n"),
			util_parse_id(argv[optind]));
		goto cleanup;
	}
	if (st == TB_OK && !cmd_load_forms(&fs))
		st = TB_INVALID;
	if (st == TB_OK)
		st = db_case_load(db, dec.case_id, &cs);
	if (st == TB_OK && (st = cmd_log_read(db, "registry", ACCESS_EXPORT,
					      dec.case_id)) != TB_OK)
		goto cleanup;
	if (st == TB_OK && dec.meeting_id) {
		st = db_meeting_get(db, dec.meeting_id, &m);
		have_m = st == TB_OK;
	}
	if (st == TB_OK) {
		registry_write(
		    &dec, form_set_best(&fs, dec.form_id, dec.form_version), cs,
		    have_m ? &m : NULL, &file, &names);
		char *what = xasprintf(
		    /* untranslated: an audit detail */ "quality-registry file "
							"(%s): %s",
		    REGISTRY_FORMAT, names.buf ? names.buf : "");
		st = cmd_fhir_deliver(db, output, &file, "export", "decision",
				      dec.id, what, &err);
		free(what);
	}
	if (err)
		fprintf(stderr, "tumorboard registry: %s\n", err);
	else if (st == TB_DB)
		fprintf(stderr, "tumorboard registry: %s\n", db_errmsg(db));
	else if (st != TB_OK)
		fprintf(stderr, "tumorboard registry: %s\n",
			status_message(st));
cleanup:
	free(err);
	strbuf_done(&file);
	strbuf_done(&names);
	form_set_done(&fs);
	model_case_free(&cs);
	db_decision_done(&dec);
	return status_exit_code(st);
}

/* ---- referral packages between boards ---- */

static int usage_refer_board(void)
{
	fputs(_("usage: tumorboard refer CASE-ID --to BOARD --package FILE "
		"[--from BOARD] [--format json|xml]\n"
		"       tumorboard refer --answer DECISION --package FILE "
		"[--to BOARD] [--from BOARD] [--format json|xml]\n"
		"       tumorboard refer --receive FILE\n"
		"       tumorboard refer CASE-ID --show\n"),
	      stderr);
	return status_exit_code(TB_USAGE);
}

/* A board's name: one line, no control characters. */
static bool board_ok(const char *what, const char *name)
{
	const char *why = NULL;
	if (util_blank(name) || !util_text_check(name, false, &why)) {
		fprintf(stderr, "tumorboard refer: %s: %s\n", what,
			why ? why : _("a board's name is required"));
		return false;
	}
	return true;
}

/* This board as a package names it when no --from is given: the case's
 * level and region ("regional MDK, Skåne"). Caller frees. */
static char *default_board(const struct tb_case *c)
{
	const char *region = c->patient.region;
	return xasprintf("%s MDK%s%s", c->level ? c->level : "local",
			 util_blank(region) ? "" : ", ",
			 util_blank(region) ? "" : region);
}

static int refer_send(struct db *db, const char *case_ext, const char *to,
		      const char *from, const char *package,
		      enum fhir_out_format fmt)
{
	long long id;
	struct tb_case *cs = NULL;
	struct strbuf sb;
	char *err = NULL, *me = NULL;
	char now[21];
	strbuf_init(&sb);
	enum tb_status st = db_case_find(db, case_ext, &id);
	if (st == TB_NOT_FOUND) {
		char *clean = util_sanitize(case_ext, false);
		fprintf(stderr, _("tumorboard refer: no case %s\n"), clean);
		free(clean);
		goto cleanup;
	}
	if (st == TB_OK)
		st = db_case_load(db, id, &cs);
	/* the whole case leaves the program: a read, logged first */
	if (st == TB_OK &&
	    (st = cmd_log_read(db, "refer", ACCESS_EXPORT, id)) != TB_OK)
		goto cleanup;
	if (st == TB_OK) {
		clock_timestamp(now);
		me = from ? xstrdup(from) : default_board(cs);
		struct fhir_out_referral ref = {me, to, now};
		st = fhir_out_case(cs, &ref, fmt, &sb);
	}
	if (st == TB_OK) {
		char *clean = util_sanitize(to, false);
		char *what = xasprintf(
		    /* untranslated: an audit detail */ "referral package to "
							"%s (FHIR %s)",
		    clean, fmt == FHIR_OUT_XML ? "xml" : "json");
		st = cmd_fhir_deliver(db, package, &sb, "refer-out", "case", id,
				      what, &err);
		free(what);
		free(clean);
	}
	if (st == TB_OK)
		printf(_("referral package for %s written to %s\n"),
		       cs->external_id, package);
	else if (err)
		fprintf(stderr, "tumorboard refer: %s\n", err);
	else if (st == TB_DB)
		fprintf(stderr, "tumorboard refer: %s\n", db_errmsg(db));
cleanup:
	free(err);
	free(me);
	strbuf_done(&sb);
	model_case_free(&cs);
	return status_exit_code(st);
}

static int refer_answer(struct db *db, long long decision, const char *to,
			const char *from, const char *package,
			enum fhir_out_format fmt)
{
	struct tb_decision dec = {0};
	struct tb_case *cs = NULL;
	struct form_set fs = {0};
	struct db_origin o;
	struct strbuf sb;
	char *err = NULL, *me = NULL;
	strbuf_init(&sb);
	enum tb_status st = db_decision_get(db, decision, &dec);
	if (st == TB_NOT_FOUND) {
		fprintf(stderr, _("tumorboard refer: no decision %lld\n"),
			decision);
		goto cleanup;
	}
	if (st == TB_OK)
		st = db_case_load(db, dec.case_id, &cs);
	if (st != TB_OK)
		goto cleanup;
	/* the answer goes back to the board the case came from */
	enum tb_status ost = db_referral_origin(db, dec.case_id, &o);
	if (ost != TB_OK && ost != TB_NOT_FOUND) {
		st = ost;
		goto cleanup;
	}
	if (!to && ost == TB_OK)
		to = o.board;
	if (!to) {
		fprintf(stderr,
			_("tumorboard refer: case %s was not referred from "
			  "another board: name it with --to BOARD\n"),
			cs->external_id);
		st = TB_USAGE;
		goto cleanup;
	}
	/* logged once the answer will be written: a refused use reads
	 * nothing of the patient's */
	st = cmd_log_read(db, "refer", ACCESS_EXPORT, dec.case_id);
	if (st != TB_OK)
		goto cleanup;
	if (from)
		me = xstrdup(from);
	else if (ost == TB_OK)
		me = xstrdup(o.to_board);
	else
		me = default_board(cs);
	if (!cmd_load_forms(&fs)) {
		st = TB_INVALID;
		goto cleanup;
	}
	/* the answer names the referral it answers: asked by to, answered
	 * by me */
	struct fhir_out_referral ref = {to, me, dec.signed_at};
	st = cmd_fhir_decision(
	    db, &dec, form_set_best(&fs, dec.form_id, dec.form_version), &ref,
	    fmt, &sb);
	if (st == TB_OK) {
		char *clean = util_sanitize(to, false);
		char *what = xasprintf(/* untranslated: an audit detail */
				       "referral answer to %s (FHIR %s)", clean,
				       fmt == FHIR_OUT_XML ? "xml" : "json");
		st = cmd_fhir_deliver(db, package, &sb, "refer-out", "decision",
				      dec.id, what, &err);
		free(what);
		free(clean);
	}
	if (st == TB_OK)
		printf(_("answer (decision %lld) written to %s\n"), dec.id,
		       package);
cleanup:
	if (err)
		fprintf(stderr, "tumorboard refer: %s\n", err);
	else if (st == TB_DB)
		fprintf(stderr, "tumorboard refer: %s\n", db_errmsg(db));
	free(err);
	free(me);
	strbuf_done(&sb);
	form_set_done(&fs);
	model_case_free(&cs);
	db_decision_done(&dec);
	return status_exit_code(st);
}

/* An answer package: attached to the case it answers, as received. */
static enum tb_status attach_answer(struct db *db, const char *path,
				    const char *buf, size_t n,
				    const struct fhir_package *p)
{
	long long id;
	enum tb_status st = db_case_find(db, p->case_id, &id);
	if (st == TB_NOT_FOUND) {
		char *clean = util_sanitize(p->case_id, false);
		fprintf(stderr,
			_("%s:%ld: ServiceRequest.identifier: no case %s here "
			  "to attach the answer to\n"),
			path, p->case_id_line, clean);
		free(clean);
		return st;
	}
	if (st != TB_OK)
		return st;
	struct db_answer a = {0};
	char now[21];
	clock_timestamp(now);
	a.case_id = id;
	snprintf(a.board, sizeof(a.board), "%s", p->to ? p->to : "");
	snprintf(a.decision, sizeof(a.decision), "%s", p->decision);
	snprintf(a.signed_at, sizeof(a.signed_at), "%s", p->signed_at);
	a.recommendation = p->recommendation;
	a.intent = p->intent;
	snprintf(a.format, sizeof(a.format), "%s", p->xml ? "xml" : "json");
	a.package = xstrndup(buf, n);
	hash_sha256_hex(buf, n, a.sha256);
	snprintf(a.received, sizeof(a.received), "%s", now);
	st = db_referral_add_answer(db, &a);
	if (st == TB_OK)
		printf(_("answer attached to case %s (decision %s of %s)\n"),
		       p->case_id, p->decision,
		       util_blank(p->to) ? _("the other board") : p->to);
	else if (st == TB_INVALID)
		fprintf(stderr,
			_("%s: this answer is attached to case %s "
			  "already\n"),
			path, p->case_id);
	else
		fprintf(stderr, "tumorboard refer: %s\n", db_errmsg(db));
	free(a.package);
	return st;
}

static int refer_receive(struct db *db, const char *path)
{
	char *buf = NULL;
	size_t n = 0;
	struct diag d;
	struct fhir_package p = {0};
	diag_init(&d);
	enum tb_status st =
	    fhir_package_load(path, IMPORT_DEFAULT_MAX_BYTES, &buf, &n, &p, &d);
	if (st == TB_OK && strcmp(p.tag, FHIR_TAG_ANSWER) == 0)
		st = attach_answer(db, path, buf, n, &p);
	else if (st == TB_OK && strcmp(p.tag, FHIR_TAG_REFERRAL) == 0)
		st = cmd_fhir_receive_referral(db, path, buf, n, &p);
	else if (st == TB_OK) {
		diag_add(&d, path, 0, "Bundle.meta.tag",
			 _("not a referral or an answer"));
		st = TB_INVALID;
	}
	diag_print(&d, stderr);
	diag_done(&d);
	fhir_package_done(&p);
	free(buf);
	return status_exit_code(st);
}

static bool print_answer(const struct db_answer *a, void *arg)
{
	(void)arg;
	char *board = util_sanitize(a->board, false);
	printf(_("answer %lld: decision %s of %s, signed %s: %s (%s); "
		 "received %s, %s, sha256 %.16s\n"),
	       a->id, a->decision, board, a->signed_at,
	       a->recommendation ? a->recommendation : "-",
	       a->intent ? a->intent : "-", a->received, a->format, a->sha256);
	free(board);
	return true;
}

static int refer_show(struct db *db, const char *case_ext)
{
	long long id;
	struct db_origin o;
	enum tb_status st = db_case_find(db, case_ext, &id);
	if (st == TB_NOT_FOUND) {
		char *clean = util_sanitize(case_ext, false);
		fprintf(stderr, _("tumorboard refer: no case %s\n"), clean);
		free(clean);
		return status_exit_code(st);
	}
	if (st == TB_OK &&
	    (st = cmd_log_read(db, "refer", ACCESS_DECISION, id)) != TB_OK)
		return status_exit_code(st);
	if (st == TB_OK) {
		st = db_referral_origin(db, id, &o);
		if (st == TB_OK) {
			char *from = util_sanitize(o.board, false);
			char *to = util_sanitize(o.to_board, false);
			printf(
			    _("referred from %s to %s, sent %s, received %s, "
			      "sha256 %.16s\n"),
			    from, to, o.sent, o.received, o.sha256);
			free(from);
			free(to);
		} else if (st == TB_NOT_FOUND) {
			puts(_("not referred from another board"));
			st = TB_OK;
		}
	}
	if (st == TB_OK)
		st = db_referral_answers(db, id, print_answer, NULL);
	if (st != TB_OK)
		fprintf(stderr, "tumorboard refer: %s\n", db_errmsg(db));
	return status_exit_code(st);
}

bool cmd_fhir_refer_wanted(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--to") == 0 ||
		    strcmp(argv[i], "--answer") == 0 ||
		    strcmp(argv[i], "--receive") == 0 ||
		    strcmp(argv[i], "--package") == 0 ||
		    strcmp(argv[i], "--show") == 0 ||
		    strncmp(argv[i], "--to=", 5) == 0 ||
		    strncmp(argv[i], "--answer=", 9) == 0 ||
		    strncmp(argv[i], "--receive=", 10) == 0 ||
		    strncmp(argv[i], "--package=", 10) == 0)
			return true;
	return false;
}

int cmd_fhir_refer(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"to", required_argument, NULL, 't'},
	    {"from", required_argument, NULL, 'f'},
	    {"package", required_argument, NULL, 'p'},
	    {"format", required_argument, NULL, 'F'},
	    {"answer", required_argument, NULL, 'a'},
	    {"receive", required_argument, NULL, 'r'},
	    {"show", no_argument, NULL, 's'},
	    {NULL, 0, NULL, 0}};
	const char *to = NULL, *from = NULL, *package = NULL, *format = "json",
		   *answer = NULL, *receive = NULL;
	bool show = false;
	enum fhir_out_format fmt;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			to = optarg;
			break;
		case 'f':
			from = optarg;
			break;
		case 'p':
			package = optarg;
			break;
		case 'F':
			format = optarg;
			break;
		case 'a':
			answer = optarg;
			break;
		case 'r':
			receive = optarg;
			break;
		case 's':
			show = true;
			break;
		default:
			return usage_refer_board();
		}
	}
	int rest = argc - optind;
	if (!fhir_out_format_parse(format, &fmt))
		return usage_refer_board();
	if ((to && !board_ok("--to", to)) ||
	    (from && !board_ok("--from", from)))
		return status_exit_code(TB_USAGE);
	if (receive && rest == 0 && !answer && !to && !package && !show)
		return refer_receive(db, receive);
	if (show && rest == 1 && !answer && !receive && !to && !package)
		return refer_show(db, argv[optind]);
	if (answer && rest == 0 && package && !receive && !show) {
		if (!util_parse_id(answer))
			return usage_refer_board();
		return refer_answer(db, util_parse_id(answer), to, from,
				    package, fmt);
	}
	if (rest == 1 && to && package && !answer && !receive && !show)
		return refer_send(db, argv[optind], to, from, package, fmt);
	return usage_refer_board();
}

/* What the import's transaction needs to record where the case came from. */
struct receive {
	const char *path;
	const struct fhir_package *p;
	struct db_origin o;
};

/* Inside the import's transaction, before it commits: the package's case
 * gets its origin; a case the import did not store refuses the package. */
static enum tb_status receive_origin(struct db *db, void *arg)
{
	struct receive *r = arg;
	long long id;
	enum tb_status st = db_case_find(db, r->p->case_id, &id);
	if (st == TB_NOT_FOUND) {
		fprintf(stderr,
			_("%s:%ld: ServiceRequest.identifier: the package's "
			  "case was not among the cases imported\n"),
			r->path, r->p->case_id_line);
		return TB_INVALID;
	}
	if (st == TB_OK)
		st = db_referral_put_origin(db, id, &r->o);
	if (st != TB_OK)
		fprintf(stderr, "tumorboard refer: %s\n", db_errmsg(db));
	return st;
}

enum tb_status cmd_fhir_receive_referral(struct db *db, const char *path,
					 const char *buf, size_t n,
					 const struct fhir_package *p)
{
	struct diag d, notes;
	struct receive r = {.path = path, .p = p};
	/* the bytes and the tree routing read: parsed once, and what
	 * routing read is not listed as not mapped */
	struct import_opts opts = {.notes = &notes,
				   .before_commit = receive_origin,
				   .before_commit_arg = &r,
				   .buf = buf,
				   .buf_len = n,
				   .fhir_tree = p->tree};
	struct import_result res = {0};
	char now[21];
	clock_timestamp(now);
	snprintf(r.o.board, sizeof(r.o.board), "%s",
		 p->from ? p->from : "unknown");
	snprintf(r.o.to_board, sizeof(r.o.to_board), "%s", p->to ? p->to : "");
	snprintf(r.o.sent, sizeof(r.o.sent), "%s", p->sent ? p->sent : now);
	snprintf(r.o.received, sizeof(r.o.received), "%s", now);
	hash_sha256_hex(buf, n, r.o.sha256);
	diag_init(&d);
	diag_init(&notes);
	notes.limit = 10000;
	/* the case with the same reader and checks as any FHIR file, and
	 * its origin, in one transaction: all of it or nothing */
	enum tb_status st = import_file(db, path, &opts, &d, &res);
	diag_print(&d, stderr);
	if (st == TB_OK) {
		char *from = util_sanitize(r.o.board, false);
		printf(_("case %s received from %s\n"), p->case_id, from);
		free(from);
		/* what the case has no field for, as the import lists it */
		diag_print(&notes, stdout);
	} else {
		fprintf(stderr,
			_("%s: refused; nothing from this package was "
			  "stored\n"),
			path);
	}
	diag_done(&d);
	diag_done(&notes);
	return st;
}
