/*
 * The decision commands: form open|set|show|abandon for the case's draft,
 * decision sign|amend|list|show|export, and verify. They go through the
 * same core functions as the decision form in the TUI.
 */
#include "cmd.h"
#include "model.h"
#include "db_user.h"
#include "user.h"
#include "perm.h"

#include "access.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "app.h"
#include "clock.h"
#include "db.h"
#include "db_access.h"
#include "db_extract.h"
#include "db_case.h"
#include "db_decision.h"
#include "db_form.h"
#include "db_meeting.h"
#include "decision.h"
#include "i18n.h"
#include "progress.h"
#include "diag.h"
#include "cmd_fhir.h"
#include "export_decision.h"
#include "followup.h"
#include "form_def.h"
#include "import_boards.h"
#include "import_form.h"
#include "import_kb.h"
#include "kb.h"
#include "readiness.h"
#include "report.h"
#include "support.h"
#include "pdf.h"
#include "render.h"
#include "render_form.h"
#include "status.h"
#include "textdoc.h"
#include "util.h"
#include "validate.h"

/* The knowledge base, or NULL (problems reported) when none loads. */
static bool load_kb(struct kb *kb)
{
	struct diag d;
	diag_init(&d);
	enum tb_status st = import_kb_load(kb, &d);
	diag_print(&d, stderr);
	diag_done(&d);
	return st == TB_OK || kb->n > 0;
}

static int fail(const char *cmd, enum tb_status st, struct db *db,
		struct diag *d)
{
	if (d && d->n) {
		for (size_t i = 0; i < d->n; i++)
			fprintf(stderr, _("tumorboard %s: %s%s%s\n"), cmd,
				d->items[i].field ? d->items[i].field : "",
				d->items[i].field ? ": " : "",
				d->items[i].message);
	} else if (st == TB_DB)
		fprintf(stderr, _("tumorboard %s: %s\n"), cmd, db_errmsg(db));
	else
		fprintf(stderr, _("tumorboard %s: %s\n"), cmd,
			status_message(st));
	return status_exit_code(st);
}

static enum tb_status find_case(struct db *db, const char *cmd, const char *ext,
				long long *id)
{
	enum tb_status st = db_case_find(db, ext, id);
	if (st == TB_NOT_FOUND) {
		char *clean = util_sanitize(ext, false);
		fprintf(stderr, _("tumorboard %s: no case %s\n"), cmd, clean);
		free(clean);
	} else if (st != TB_OK)
		fprintf(stderr, _("tumorboard %s: %s\n"), cmd, db_errmsg(db));
	return st;
}

/* Whether the signed-in user may sign for the case: at a meeting of
 * board (chair: its named chair, an account or a name), else for the
 * board that takes the case's diagnosis (perm_may_sign). A refusal is
 * said and logged; TB_DENIED. */
static enum tb_status may_sign(struct db *db, long long case_id,
			       const char *board, const char *chair)
{
	const struct user *me = user_current();
	const struct roles *rs = perm_session_roles();
	struct boards bs = {0};
	struct tb_case *c = NULL;
	char why[200] = "";
	char by_case[41] = "";
	if (!board) {
		struct diag bd;
		diag_init(&bd);
		if (db_case_load(db, case_id, &c) == TB_OK &&
		    import_boards_load_default(&bs, &bd) == TB_OK) {
			const struct board *b = boards_for_icd10(&bs, c->icd10);
			if (b)
				snprintf(by_case, sizeof(by_case), "%s", b->id);
		}
		diag_done(&bd);
		model_case_free(&c);
		boards_done(&bs);
		board = by_case;
	}
	if (me && rs && perm_may_sign(rs, me, board, chair, why, sizeof(why)))
		return TB_OK;
	fprintf(stderr, "tumorboard decision sign: refused: %s\n",
		me ? why : "nobody is signed in");
	db_user_log_denied(db, me ? me->account : user_actor(), "decision.sign",
			   "decision sign for the board", case_id);
	return TB_DENIED;
}

static const char *lang_or_default(const char *lang)
{
	return lang ? lang : "sv";
}

static int form_show(struct db *db, const struct form_set *fs, long long id,
		     const char *lang)
{
	struct db_form_instance fi;
	struct form_values v;
	form_values_init(&v);
	enum tb_status st = db_form_draft(db, id, &fi, &v);
	if (st != TB_OK) {
		form_values_done(&v);
		if (st == TB_NOT_FOUND)
			fputs(_("tumorboard form: the case has no draft "
				"decision\n"),
			      stderr);
		return status_exit_code(st);
	}
	const struct form *f = form_set_get(fs, fi.form_id);
	if (f && (st = cmd_log_read(db, "form", ACCESS_DRAFT, id)) != TB_OK) {
		form_values_done(&v);
		db_form_instance_done(&fi);
		return status_exit_code(st);
	}
	if (f) {
		struct textdoc doc;
		textdoc_init(&doc, 100);
		textdoc_printf(&doc, TD_TITLE,
			       _("%s (%s %s), draft %lld, revision %lld"),
			       form_text_get(&f->title, lang, NULL), f->id,
			       f->version, fi.id, fi.revision);
		textdoc_newline(&doc);
		if (fi.amends) {
			textdoc_printf(&doc, TD_WARN,
				       _("Amends decision %lld. Reason: "),
				       fi.amends);
			textdoc_wrap_on(&doc, 2, TD_NORMAL, fi.amend_reason);
		}
		textdoc_printf(&doc, TD_DIM, _("%zu required fields left"),
			       form_required_left(f, &v));
		textdoc_newline(&doc);
		render_form_values(f, &v, lang, &doc);
		textdoc_write(&doc, stdout);
		textdoc_done(&doc);
	} else
		fprintf(stderr,
			_("tumorboard form: form '%s' is not installed\n"),
			fi.form_id);
	form_values_done(&v);
	db_form_instance_done(&fi);
	return status_exit_code(f ? TB_OK : TB_NOT_FOUND);
}

static int usage_form(void)
{
	fputs(_("usage: tumorboard form open CASE-ID [--form ID]\n"
		"       tumorboard form set CASE-ID FIELD VALUE "
		"[--revision N]\n"
		"       tumorboard form show CASE-ID [--lang LANG]\n"
		"       tumorboard form abandon CASE-ID\n"
		"       tumorboard form list\n"),
	      stderr);
	return status_exit_code(TB_USAGE);
}

/*
 * The arguments of a command whose options all take a value, options first
 * and then "--" and the operands, so that an operand that starts with '-'
 * (a value such as -5) is never read as an option: "form set C psa -5"
 * needs no "--". out has room for argc + 1 pointers; returns the count.
 */
static int options_first(int argc, char **argv, char **out)
{
	int n = 0, k = 0;
	char **operands = xcalloc((size_t)argc + 1, sizeof(*operands));
	bool only_operands = false;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (only_operands || strncmp(a, "--", 2) != 0) {
			operands[k++] = argv[i];
		} else if (strcmp(a, "--") == 0) {
			only_operands = true;
		} else {
			out[n++] = argv[i];
			if (!strchr(a, '=') && i + 1 < argc)
				out[n++] = argv[++i];
		}
	}
	static char dashdash[] = "--";
	out[n++] = dashdash;
	for (int i = 0; i < k; i++)
		out[n++] = operands[i];
	free(operands);
	return n;
}

int cmd_form(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"form", required_argument, NULL, 'f'},
	    {"lang", required_argument, NULL, 'l'},
	    {"revision", required_argument, NULL, 'r'},
	    {NULL, 0, NULL, 0}};
	const char *form_id = NULL, *lang = NULL;
	long long seen = 0;
	struct form_set fs = {0};
	struct diag d;
	long long id = 0;
	int c, rc;

	/* options may follow the arguments: argv[1] is the subcommand, so
	 * getopt sees argv + 1 and re-initialises (optind 0) to permute */
	if (argc < 2)
		return usage_form();
	/* argv[1] (the subcommand) stands in for getopt's program name */
	char **av = xcalloc((size_t)argc + 2, sizeof(*av));
	av[0] = argv[1];
	int ac = 1 + options_first(argc - 2, argv + 2, av + 1);
	optind = 0;
	while ((c = getopt_long(ac, av, "", longopts, NULL)) != -1) {
		if (c == 'f')
			form_id = optarg;
		else if (c == 'l')
			lang = optarg;
		else if (c == 'r' && (seen = util_parse_id(optarg)) > 0)
			;
		else {
			free(av);
			return usage_form();
		}
	}
	const char *sub = argv[1];
	int rest = ac - optind;
	char **args = av + optind;
	bool list = strcmp(sub, "list") == 0;
	diag_init(&d);
	if (list ? rest != 0
		 : (strcmp(sub, "set") == 0 ? rest != 3 : rest != 1)) {
		rc = usage_form();
		goto cleanup;
	}
	if (!cmd_load_forms(&fs)) {
		rc = status_exit_code(TB_INVALID);
		goto cleanup;
	}
	if (list) {
		for (size_t i = 0; i < fs.n; i++)
			printf("%-12s %-8s %s\n", fs.f[i]->id, fs.f[i]->version,
			       form_text_get(&fs.f[i]->title, lang, NULL));
		rc = 0;
		goto cleanup;
	}
	enum tb_status st = find_case(db, "form", args[0], &id);
	if (st != TB_OK) {
		rc = status_exit_code(st);
		goto cleanup;
	}
	if (strcmp(sub, "open") == 0) {
		const struct form *f = NULL;
		if (form_id)
			f = form_set_get(&fs, form_id);
		else {
			/* the form the screen opens too: the board's */
			struct app app;
			struct tb_case *cs = NULL;
			struct diag bd;
			diag_init(&bd);
			char *bpath = NULL;
			app_init(&app, db);
			if (app_load_boards(&app, &bd, &bpath) == TB_OK &&
			    db_case_load(db, id, &cs) == TB_OK) {
				const struct form *af =
				    app_decision_form(&app, cs);
				/* the same form of the set this command read */
				f = af ? form_set_get(&fs, af->id) : NULL;
			}
			diag_print(&bd, stderr);
			diag_done(&bd);
			free(bpath);
			model_case_free(&cs);
			app_done(&app);
		}
		if (!f) {
			char *clean =
			    util_sanitize(form_id ? form_id : "general", false);
			fprintf(stderr, _("tumorboard form: no form '%s'\n"),
				clean);
			free(clean);
			rc = status_exit_code(TB_NOT_FOUND);
			goto cleanup;
		}
		long long inst = 0;
		struct kb kb = {0};
		load_kb(&kb);
		st = decision_open(db, f, kb.n ? &kb : NULL, id, &d, &inst);
		kb_done(&kb);
		if (st != TB_OK) {
			rc = fail("form", st, db, &d);
			goto cleanup;
		}
		printf(_("draft %lld: form %s version %s\n"), inst, f->id,
		       f->version);
		rc = 0;
	} else if (strcmp(sub, "set") == 0) {
		st = decision_set_at(db, &fs, id, args[1], args[2], seen, &d);
		rc = st == TB_OK ? 0 : fail("form", st, db, &d);
	} else if (strcmp(sub, "show") == 0) {
		rc = form_show(db, &fs, id, lang_or_default(lang));
	} else if (strcmp(sub, "abandon") == 0) {
		struct db_form_instance fi;
		st = db_form_draft(db, id, &fi, NULL);
		if (st == TB_OK) {
			st = db_form_abandon(db, fi.id);
			db_form_instance_done(&fi);
		}
		if (st == TB_NOT_FOUND)
			diag_add(&d, NULL, 0, NULL,
				 _("the case has no draft decision"));
		rc = st == TB_OK ? 0 : fail("form", st, db, &d);
	} else
		rc = usage_form();
cleanup:
	free(av);
	diag_done(&d);
	form_set_done(&fs);
	return rc;
}

static int usage_decision(void)
{
	fputs(_("usage: tumorboard decision sign CASE-ID --by NAME "
		"--attendee 'NAME:ROLE[:cover]'... [--meeting ID] "
		"[--quorum-override REASON] [--revision N]\n"
		"       tumorboard decision amend DECISION --reason TEXT\n"
		"       tumorboard decision list [--case CASE-ID]\n"
		"       tumorboard decision show DECISION [--lang LANG]\n"
		"       tumorboard decision export DECISION [--format "
		"text|xml|fhir-xml|fhir-json] [--lang LANG]\n"),
	      stderr);
	return status_exit_code(TB_USAGE);
}

static bool list_row(const struct tb_decision *d, void *arg)
{
	(void)arg;
	struct textdoc doc;
	textdoc_init(&doc, 200);
	render_decision_row(d, &doc);
	textdoc_write(&doc, stdout);
	textdoc_done(&doc);
	return true;
}

int cmd_decision(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"by", required_argument, NULL, 'b'},
	    {"attendee", required_argument, NULL, 'a'},
	    {"meeting", required_argument, NULL, 'm'},
	    {"quorum-override", required_argument, NULL, 'q'},
	    {"reason", required_argument, NULL, 'r'},
	    {"case", required_argument, NULL, 'c'},
	    {"lang", required_argument, NULL, 'l'},
	    {"format", required_argument, NULL, 'f'},
	    {"revision", required_argument, NULL, 'v'},
	    {NULL, 0, NULL, 0}};
	struct decision_sign_opts so = {0};
	bool by_given = false;
	struct strbuf att;
	struct form_set fs = {0};
	struct diag d;
	const char *reason = NULL, *case_ext = NULL, *lang = NULL;
	const char *format = "text";
	enum tb_status st = TB_OK;
	int c, rc = 0;

	if (argc < 2)
		return usage_decision();
	strbuf_init(&att);
	diag_init(&d);
	optind = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'b':
			by_given = true;
			break;
		case 'a':
			if (!decision_attendee_add(&att, optarg)) {
				fputs(_("tumorboard decision: --attendee wants "
					"NAME:ROLE or NAME:ROLE:cover\n"),
				      stderr);
				rc = status_exit_code(TB_USAGE);
				goto cleanup;
			}
			break;
		case 'm':
			so.meeting_id = util_parse_id(optarg);
			if (!so.meeting_id) {
				rc = usage_decision();
				goto cleanup;
			}
			break;
		case 'q':
			so.quorum_override = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'c':
			case_ext = optarg;
			break;
		case 'l':
			lang = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'v':
			so.revision = util_parse_id(optarg);
			if (!so.revision) {
				rc = usage_decision();
				goto cleanup;
			}
			break;
		default:
			rc = usage_decision();
			goto cleanup;
		}
	}
	const char *sub = argv[1];
	int rest = argc - 1 - optind;
	char **args = argv + 1 + optind;
	if (!cmd_load_forms(&fs)) {
		rc = status_exit_code(TB_INVALID);
		goto cleanup;
	}
	/* a missing required option is wrong usage (2), not a refused
	 * value (3) */
	if (by_given) {
		fputs(_("tumorboard decision: --by is not taken: the signer is "
			"the signed-in user (tumorboard-roles(5))\n"),
		      stderr);
		rc = status_exit_code(TB_USAGE);
		goto cleanup;
	}
	if (strcmp(sub, "sign") == 0 && rest == 1 && !att.len &&
	    !so.meeting_id) {
		fputs(_("tumorboard decision sign: --attendee is required "
			"(NAME:ROLE, or --meeting M for those present)\n"),
		      stderr);
		rc = status_exit_code(TB_USAGE);
		goto cleanup;
	}
	if (strcmp(sub, "amend") == 0 && rest == 1 && util_blank(reason)) {
		fputs(
		    _("tumorboard decision amend: --reason TEXT is required\n"),
		    stderr);
		rc = status_exit_code(TB_USAGE);
		goto cleanup;
	}
	if (strcmp(sub, "sign") == 0 && rest == 1) {
		long long case_id, id = 0;
		if ((st = find_case(db, "decision", args[0], &case_id)) !=
		    TB_OK) {
			rc = status_exit_code(st);
			goto cleanup;
		}
		so.attendees = att.len ? att.buf : NULL;
		/* at a meeting: its board's quorum rule, and those present
		 * when no attendee is named */
		struct boards bs = {0};
		if (so.meeting_id) {
			struct tb_meeting m;
			struct diag bd;
			diag_init(&bd);
			st = db_meeting_get(db, so.meeting_id, &m);
			if (st == TB_NOT_FOUND)
				diag_add(&d, NULL, 0, "meeting",
					 _("no meeting %lld"), so.meeting_id);
			else if (st == TB_OK &&
				 import_boards_load_default(&bs, &bd) == TB_OK)
				so.board = boards_by_id(&bs, m.board);
			diag_print(&bd, stderr);
			diag_done(&bd);
			if (st == TB_OK)
				st = may_sign(db, case_id, m.board, m.chair);
		} else {
			st = may_sign(db, case_id, NULL, NULL);
		}
		/* the signer is the signed-in user, never a typed name */
		const struct user *me = user_current();
		so.signed_by = me ? me->name : NULL;
		if (st == TB_DENIED) {
			rc = status_exit_code(st);
			boards_done(&bs);
			goto cleanup;
		}
		/* the decision records the knowledge base it was made with */
		struct kb kb = {0};
		if (st == TB_OK && load_kb(&kb) && kb.n) {
			so.kb_version = kb.version;
			so.kb = &kb;
		}
		if (st == TB_OK)
			st = decision_sign(db, &fs, case_id, &so, &d, &id);
		kb_done(&kb);
		boards_done(&bs);
		if (st != TB_OK) {
			rc = fail("decision", st, db, &d);
			goto cleanup;
		}
		printf(_("decision %lld signed\n"), id);
	} else if (strcmp(sub, "amend") == 0 && rest == 1 &&
		   util_parse_id(args[0])) {
		long long inst = 0;
		st = decision_amend(db, &fs, util_parse_id(args[0]), reason, &d,
				    &inst);
		if (st != TB_OK) {
			rc = fail("decision", st, db, &d);
			goto cleanup;
		}
		printf(_("draft %lld amends decision %lld\n"), inst,
		       util_parse_id(args[0]));
	} else if (strcmp(sub, "list") == 0 && rest == 0) {
		long long case_id = 0;
		if (case_ext && (st = find_case(db, "decision", case_ext,
						&case_id)) != TB_OK) {
			rc = status_exit_code(st);
			goto cleanup;
		}
		st = db_decision_each(db, case_id, list_row, NULL);
		if (st != TB_OK)
			rc = fail("decision", st, db, NULL);
	} else if ((strcmp(sub, "show") == 0 || strcmp(sub, "export") == 0) &&
		   rest == 1 && util_parse_id(args[0])) {
		struct tb_decision dec;
		bool xml = strcmp(format, "xml") == 0;
		enum fhir_out_format ff = FHIR_OUT_XML;
		bool fhir = strncmp(format, "fhir-", 5) == 0 &&
			    fhir_out_format_parse(format + 5, &ff);
		if (fhir && strcmp(sub, "export") != 0) {
			rc = usage_decision();
			goto cleanup;
		}
		if (!xml && !fhir && strcmp(format, "text") != 0) {
			rc = usage_decision();
			goto cleanup;
		}
		st = db_decision_get(db, util_parse_id(args[0]), &dec);
		if (st != TB_OK) {
			if (st == TB_NOT_FOUND)
				diag_add(&d, NULL, 0, NULL, _("no decision %s"),
					 args[0]);
			rc = fail("decision", st, db, &d);
			goto cleanup;
		}
		const struct form *f = form_set_get(&fs, dec.form_id);
		bool exporting = strcmp(sub, "export") == 0;
		st = cmd_log_read(db, "decision",
				  exporting ? ACCESS_EXPORT : ACCESS_DECISION,
				  dec.case_id);
		if (st != TB_OK) {
			db_decision_done(&dec);
			rc = status_exit_code(st);
			goto cleanup;
		}
		if (fhir) {
			/* written and recorded in one step */
			struct strbuf sb;
			char *err = NULL;
			strbuf_init(&sb);
			st = cmd_fhir_decision(db, &dec, f, NULL, ff, &sb);
			if (st == TB_OK)
				st = cmd_fhir_deliver(
				    db, NULL, &sb, "export", "decision", dec.id,
				    ff == FHIR_OUT_XML
					? "decision exported as FHIR xml"
					: "decision exported as FHIR json",
				    &err);
			if (err)
				fprintf(stderr, "tumorboard decision: %s\n",
					err);
			free(err);
			strbuf_done(&sb);
			exporting = false;
		} else if (xml) {
			st = export_decision_xml(&dec, f, stdout);
		} else {
			struct textdoc doc;
			textdoc_init(&doc, 100);
			render_decision(&dec, f, lang_or_default(lang), &doc);
			textdoc_write(&doc, stdout);
			textdoc_done(&doc);
		}
		/* an export leaves the program: it is recorded */
		if (st == TB_OK && exporting) {
			char *detail = xasprintf("decision exported as %s",
						 xml ? "xml" : "text");
			if (db_begin(db) != TB_OK ||
			    db_audit_append(db, db_actor(), "export",
					    "decision", dec.id,
					    detail) != TB_OK ||
			    db_commit(db) != TB_OK) {
				db_rollback(db);
				st = TB_DB;
			}
			free(detail);
		}
		db_decision_done(&dec);
		if (st != TB_OK)
			rc = fail("decision", st, db, NULL);
	} else
		rc = usage_decision();
cleanup:
	form_set_done(&fs);
	diag_done(&d);
	strbuf_done(&att);
	return rc;
}

static int usage_verify(void)
{
	fputs(_("usage: tumorboard verify [--anchor[=FILE]] [--expect "
		"SEQ:HASH]\n"),
	      stderr);
	return status_exit_code(TB_USAGE);
}

static void print_problems(const struct diag *d, FILE *out, const char *tag)
{
	for (size_t i = 0; i < d->n; i++) {
		fputs(tag, out);
		if (d->items[i].file)
			fprintf(out, "%s:%ld: ", d->items[i].file,
				d->items[i].line);
		fprintf(out, "%s\n", d->items[i].message);
	}
	if (d->dropped)
		fprintf(out, _("... and %zu more\n"), d->dropped);
}

int cmd_verify(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"anchor", optional_argument, NULL, 'a'},
	    {"expect", required_argument, NULL, 'e'},
	    {NULL, 0, NULL, 0}};
	bool anchor = false;
	char *anchor_file = NULL;
	const char *expect = NULL;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			anchor = true;
			free(anchor_file);
			anchor_file = optarg ? xstrdup(optarg) : NULL;
			break;
		case 'e':
			expect = optarg;
			break;
		default:
			free(anchor_file);
			return usage_verify();
		}
	}
	if (optind != argc) {
		free(anchor_file);
		return usage_verify();
	}
	/* the anchor file checked: --anchor's, else $TUMORBOARD_ANCHOR's */
	const char *env = getenv("TUMORBOARD_ANCHOR");
	if (!anchor_file && (anchor || (env && *env)))
		anchor_file = db_anchor_default_path();
	if (anchor && !anchor_file) {
		fputs(_("tumorboard verify: no anchor file: name one with "
			"--anchor=FILE or set HOME\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}

	struct diag d, bad;
	struct decision_verify_result r;
	long long anchors = 0;
	diag_init(&d);
	diag_init(&bad);
	d.limit = 1000;
	progress_begin("verify", N_("audit entries"), 0);
	enum tb_status st = decision_verify(db, &d, &r);
	long long accesses = 0;
	if (st == TB_OK || st == TB_INTEGRITY) {
		enum tb_status a = db_access_verify(db, &d, &accesses);
		if (a == TB_OK)
			a = db_extract_verify(db, &d);
		if (a != TB_OK)
			st = a;
	}
	progress_end();
	enum tb_status ast = TB_OK;
	if ((st == TB_OK || st == TB_INTEGRITY) && anchor_file) {
		ast = db_anchor_check(db, anchor_file, &d, &anchors);
		if (ast == TB_INVALID || ast == TB_IO) {
			/* a broken anchor file is not a finding about the
			 * database: it is reported as an error of its own */
			for (size_t i = 0; i < d.n; i++)
				if (d.items[i].file)
					diag_add(&bad, d.items[i].file,
						 d.items[i].line, NULL, "%s",
						 d.items[i].message);
		}
	}
	if ((st == TB_OK || st == TB_INTEGRITY) && expect) {
		struct diag u;
		diag_init(&u);
		enum tb_status e = db_anchor_expect(db, expect, &u);
		if (e == TB_USAGE) {
			fprintf(stderr, _("tumorboard verify: --expect %s\n"),
				u.n ? u.items[0].message : "");
			diag_done(&u);
			diag_done(&d);
			diag_done(&bad);
			free(anchor_file);
			return status_exit_code(TB_USAGE);
		}
		for (size_t i = 0; i < u.n; i++)
			diag_add(&d, NULL, 0, "anchor", "%s",
				 u.items[i].message);
		diag_done(&u);
		if (e == TB_DB)
			st = TB_DB;
	}
	if (st == TB_OK && d.n + d.dropped > bad.n)
		st = TB_INTEGRITY;
	if (st == TB_OK || st == TB_INTEGRITY) {
		struct diag shown;
		diag_init(&shown);
		shown.limit = 1000;
		for (size_t i = 0; i < d.n; i++)
			if (!d.items[i].file)
				diag_add(&shown, NULL, 0, NULL, "%s",
					 d.items[i].message);
		shown.dropped = d.dropped;
		print_problems(&shown, stdout, "ALTERED: ");
		diag_done(&shown);
		printf(_("%lld audit entries, %lld records, %lld signed "
			 "decisions checked: %s\n"),
		       r.audit_entries, r.records, r.decisions,
		       st == TB_OK ? _("intact") : _("ALTERED"));
		printf(_("head: %lld:%s\n"), r.head.seq, r.head.hash);
		printf(_("%lld access log entries checked\n"), accesses);
		if (anchor_file && anchors)
			printf(_("anchors: %lld in %s checked\n"), anchors,
			       anchor_file);
	} else {
		fprintf(stderr, _("tumorboard verify: %s\n"), db_errmsg(db));
	}
	if (bad.n) {
		print_problems(&bad, stderr, _("tumorboard verify: "));
		if (st == TB_OK)
			st = ast;
	}
	/* only an intact log is anchored */
	if (st == TB_OK && anchor) {
		char *err = NULL;
		st = db_anchor_append(db, anchor_file, &err);
		if (st == TB_OK)
			printf(_("anchored in %s\n"), anchor_file);
		else
			fprintf(stderr, _("tumorboard verify: %s\n"), err);
		free(err);
	}
	diag_done(&d);
	diag_done(&bad);
	free(anchor_file);
	return status_exit_code(st);
}

struct fu_print {
	bool overdue_only;
	const char *owner;
	int shown, overdue;
};

static bool fu_row(const struct followup_row *r, void *arg)
{
	struct fu_print *p = arg;
	if (p->overdue_only && !r->overdue)
		return true;
	if (p->owner && strcmp(p->owner, r->owner) != 0)
		return true;
	struct textdoc doc;
	textdoc_init(&doc, 200);
	textdoc_printf(&doc, TD_NORMAL, "%6lld  ", r->decision_id);
	textdoc_put(&doc, r->overdue ? TD_WARN : TD_NORMAL,
		    *r->due ? r->due : _("no date"));
	textdoc_pad_to(&doc, 20);
	textdoc_put(&doc, r->overdue ? TD_WARN : TD_NORMAL,
		    r->overdue ? "OVERDUE" : r->status);
	if (strcmp(r->status, "not-done") == 0)
		textdoc_printf(&doc, TD_NORMAL, " (%s)", r->reason);
	textdoc_pad_to(&doc, 44);
	textdoc_printf(&doc, TD_NORMAL, "%s v%d", r->case_id, r->version);
	textdoc_pad_to(&doc, 70);
	textdoc_put(&doc, TD_NORMAL, r->owner);
	textdoc_pad_to(&doc, 92);
	textdoc_put(&doc, TD_NORMAL, r->recommendation);
	if (*r->informed_on)
		textdoc_printf(&doc, TD_DIM, _("  informed %s"),
			       r->informed_on);
	textdoc_newline(&doc);
	textdoc_write(&doc, stdout);
	textdoc_done(&doc);
	p->shown++;
	p->overdue += r->overdue;
	return true;
}

static int usage_followup(void)
{
	fputs(_("usage: tumorboard followup [--overdue] [--owner NAME]\n"
		"       tumorboard followup DECISION done [--note TEXT]\n"
		"       tumorboard followup DECISION not-done --reason "
		"medical|patient-wish|other [--note TEXT]\n"
		"       tumorboard followup DECISION informed --by NAME "
		"[--on YYYY-MM-DD] [--how TEXT]\n"),
	      stderr);
	return status_exit_code(TB_USAGE);
}

int cmd_followup(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"overdue", no_argument, NULL, 'o'},
	    {"owner", required_argument, NULL, 'w'},
	    {"note", required_argument, NULL, 'n'},
	    {"reason", required_argument, NULL, 'r'},
	    {"by", required_argument, NULL, 'b'},
	    {"on", required_argument, NULL, 'd'},
	    {"how", required_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	struct fu_print p = {0};
	const char *note = NULL, *reason = NULL, *by = NULL, *on = NULL;
	const char *how = NULL;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			p.overdue_only = true;
			break;
		case 'w':
			p.owner = optarg;
			break;
		case 'n':
			note = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'b':
			by = optarg;
			break;
		case 'd':
			on = optarg;
			break;
		case 'h':
			how = optarg;
			break;
		default:
			return usage_followup();
		}
	}
	int rest = argc - optind;
	char today[11];
	clock_today(today);
	if (rest == 0) {
		struct form_set fs = {0};
		if (!cmd_load_forms(&fs))
			return status_exit_code(TB_INVALID);
		enum tb_status st = followup_list(db, &fs, today, fu_row, &p);
		form_set_done(&fs);
		if (st != TB_OK)
			return fail("followup", st, db, NULL);
		printf(_("%d follow-ups, %d overdue (today %s)\n"), p.shown,
		       p.overdue, today);
		return 0;
	}
	long long id = rest == 2 ? util_parse_id(argv[optind]) : 0;
	const char *verb = rest == 2 ? argv[optind + 1] : "";
	if (!id)
		return usage_followup();
	enum tb_status st;
	char err[VALIDATE_ERR_MAX];
	if (strcmp(verb, "done") == 0 || strcmp(verb, "not-done") == 0) {
		if (strcmp(verb, "not-done") == 0 && !reason) {
			fputs(_("tumorboard followup: say why with --reason "
				"medical, patient-wish or other\n"),
			      stderr);
			return status_exit_code(TB_USAGE);
		}
		st = db_followup_set(db, id, verb, reason, note);
		if (st == TB_INVALID)
			fputs(_("tumorboard followup: --reason is medical, "
				"patient-wish or other\n"),
			      stderr);
	} else if (strcmp(verb, "informed") == 0) {
		if (!by)
			return usage_followup();
		if (util_blank(by)) {
			fputs(_("tumorboard followup: say who told the patient "
				"with --by\n"),
			      stderr);
			return status_exit_code(TB_USAGE);
		}
		if (on && !validate_date(on, today, err)) {
			fprintf(stderr, _("tumorboard followup: --on: %s\n"),
				err);
			return status_exit_code(TB_USAGE);
		}
		st = db_followup_informed(db, id, on ? on : today, by, how);
	} else
		return usage_followup();
	if (st == TB_NOT_FOUND)
		fprintf(stderr, _("tumorboard followup: no decision %lld\n"),
			id);
	else if (st == TB_DB)
		fprintf(stderr, _("tumorboard followup: %s\n"), db_errmsg(db));
	return status_exit_code(st);
}

int cmd_turnaround(struct db *db, int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		fputs(_("usage: tumorboard turnaround\n"), stderr);
		return status_exit_code(TB_USAGE);
	}
	struct boards bs;
	enum tb_status st = cmd_load_boards(&bs);
	if (st != TB_OK)
		return status_exit_code(st);
	struct turnaround *t = NULL;
	size_t n = 0;
	st = followup_turnaround(db, &bs, &t, &n);
	if (st == TB_OK) {
		/* headings padded by display width (Swedish has å, ä, ö) */
		cmd_print_padded(_("board"), -12);
		putchar(' ');
		cmd_print_padded(_("cases"), 6);
		putchar(' ');
		cmd_print_padded(_("at a mtg"), 8);
		printf("  %s\n", _("median days: referral→meeting  "
				   "meeting→signed  referral→signed"));
		for (size_t i = 0; i < n; i++) {
			char a[16], b[16], c2[16];
			i18n_decimal(a, sizeof(a), t[i].referral_to_meeting, 1);
			i18n_decimal(b, sizeof(b), t[i].meeting_to_signed, 1);
			i18n_decimal(c2, sizeof(c2), t[i].referral_to_signed,
				     1);
			printf("%-12s %6zu %8zu  %30s  %14s  %15s\n",
			       t[i].board_id, t[i].n, t[i].n_meeting,
			       t[i].referral_to_meeting < 0 ? "–" : a,
			       t[i].meeting_to_signed < 0 ? "–" : b,
			       t[i].referral_to_signed < 0 ? "–" : c2);
		}
	} else
		fprintf(stderr, _("tumorboard turnaround: %s\n"),
			db_errmsg(db));
	free(t);
	boards_done(&bs);
	return status_exit_code(st);
}

struct brief_set {
	struct db *db;
	/* the courses drawn after the briefs in a PDF; NULL: none */
	struct chart *charts;
	size_t n_charts;
	struct form_set *forms;
	struct kb kb;
	struct trials ts;
	struct levels ls;
	struct boards bs;
	char today[11];
};

static void brief_load(struct brief_set *b)
{
	struct diag d;
	diag_init(&d);
	import_trials_load(&b->ts, &d);
	import_levels_load(&b->ls, &d);
	import_boards_load_default(&b->bs, &d);
	diag_print(&d, stderr);
	diag_done(&d);
	clock_today(b->today);
}

static void brief_done(struct brief_set *b)
{
	trials_done(&b->ts);
	levels_done(&b->ls);
	boards_done(&b->bs);
	kb_done(&b->kb);
}

/* One case's brief into doc, readiness as of the date given. */
static enum tb_status brief_case(struct brief_set *b, long long id,
				 const char *as_of, struct textdoc *doc)
{
	struct tb_case *c = NULL;
	enum tb_status st = db_case_load(b->db, id, &c);
	if (st == TB_OK)
		st = cmd_log_read(b->db, "support", ACCESS_BRIEF, id);
	if (st != TB_OK) {
		model_case_free(&c);
		return st;
	}
	const struct board *bd = boards_for_icd10(&b->bs, c->icd10);
	struct readiness rd;
	if (bd)
		readiness_check(c, bd, as_of, &rd);
	support_brief(c, b->kb.n ? &b->kb : NULL, &b->ts, &b->ls,
		      bd ? &rd : NULL, b->today, doc);
	if (b->forms) { /* the course as a chart, for the PDF */
		struct decision_brief *db_ = NULL;
		size_t nd = 0;
		decision_briefs(b->db, b->forms, c->patient.id, "en", &db_,
				&nd);
		b->charts =
		    xrealloc(b->charts, (b->n_charts + 1) * sizeof(*b->charts));
		if (report_course_chart(c, db_, nd, &b->charts[b->n_charts]))
			b->n_charts++;
		decision_briefs_free(db_, nd);
	}
	model_case_free(&c);
	return TB_OK;
}

struct brief_rows {
	long long *ids;
	size_t n;
};

static bool brief_row(const struct db_agenda_row *r, void *arg)
{
	struct brief_rows *br = arg;
	if (strcmp(r->status, "listed") != 0)
		return true;
	br->ids = xrealloc(br->ids, (br->n + 1) * sizeof(long long));
	br->ids[br->n++] = r->case_id;
	return true;
}

/* "support CASE-ID" and "support --meeting M [--pdf FILE]": the
 * pre-meeting brief of a case, or of every case listed on a meeting. */
int cmd_support(struct db *db, int argc, char **argv)
{
	long long meeting = 0;
	const char *pdf = NULL, *case_ext = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--meeting") == 0 && i + 1 < argc)
			meeting = util_parse_id(argv[++i]);
		else if (strcmp(argv[i], "--pdf") == 0 && i + 1 < argc)
			pdf = argv[++i];
		else if (!case_ext && argv[i][0] != '-')
			case_ext = argv[i];
		else
			meeting = -1;
	}
	if (meeting < 0 || (meeting ? case_ext != NULL : !case_ext) ||
	    (pdf && !meeting)) {
		fputs(_("usage: tumorboard support CASE-ID\n"
			"       tumorboard support --meeting MEETING [--pdf "
			"FILE]\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	struct brief_set b = {.db = db};
	if (!load_kb(&b.kb))
		return status_exit_code(TB_INVALID);
	brief_load(&b);
	/* a PDF draws each case's course after the briefs */
	struct form_set fs = {0};
	if (pdf && cmd_load_forms(&fs))
		b.forms = &fs;
	struct textdoc doc;
	textdoc_init(&doc, pdf ? PDF_TEXTDOC_WIDTH : 100);
	enum tb_status st;
	long long id;
	if (!meeting) {
		st = find_case(db, "support", case_ext, &id);
		if (st == TB_OK)
			st = brief_case(&b, id, b.today, &doc);
	} else {
		struct tb_meeting m;
		struct brief_rows br = {0};
		st = db_meeting_get(db, meeting, &m);
		if (st == TB_OK)
			st = db_agenda_list(db, meeting, brief_row, &br);
		for (size_t i = 0; st == TB_OK && i < br.n; i++) {
			/* one brief after the other, a rule between */
			if (i) {
				textdoc_newline(&doc);
				textdoc_put(&doc, TD_DIM,
					    "----------------------------------"
					    "------------------------------");
				textdoc_newline(&doc);
			}
			st = brief_case(&b, br.ids[i], m.date, &doc);
		}
		free(br.ids);
		if (st == TB_NOT_FOUND)
			fprintf(stderr,
				_("tumorboard support: no meeting %lld\n"),
				meeting);
	}
	if (st == TB_OK && pdf) {
		char err[256];
		char *title = xasprintf(_("Briefs, meeting %lld"), meeting);
		struct chart_set cs;
		chart_set_init(&cs, b.charts, b.n_charts);
		b.charts = NULL;
		b.n_charts = 0;
		struct pdf_options po = {.title = title,
					 .footer_text = title,
					 .figure_pages = cs.pages,
					 .figure = chart_page,
					 .figure_arg = &cs};
		st = pdf_write(&doc, &po, pdf, err, sizeof(err));
		chart_set_done(&cs);
		if (st != TB_OK)
			fprintf(stderr, _("tumorboard support: %s\n"), err);
		else if (db_begin(db) != TB_OK ||
			 db_audit_append(db, db_actor(), "export", "meeting",
					 meeting, "briefs as PDF") != TB_OK ||
			 db_commit(db) != TB_OK) {
			db_rollback(db);
			st = TB_DB;
		}
		if (st == TB_OK)
			printf(_("briefs of meeting %lld written to %s\n"),
			       meeting, pdf);
		free(title);
	} else if (st == TB_OK)
		textdoc_write(&doc, stdout);
	else if (st == TB_DB)
		fprintf(stderr, _("tumorboard support: %s\n"), db_errmsg(db));
	textdoc_done(&doc);
	for (size_t i = 0; i < b.n_charts; i++)
		chart_done(&b.charts[i]);
	free(b.charts);
	if (b.forms)
		form_set_done(&fs);
	brief_done(&b);
	return status_exit_code(st);
}

/* The age in days after which "kb show" warns that the knowledge base is
 * due for review: --max-age, else TUMORBOARD_KB_MAX_AGE, else 180. -1 when
 * a value given is not a whole number of days. */
static long kb_max_age(const char *opt)
{
	const char *v = opt ? opt : getenv("TUMORBOARD_KB_MAX_AGE");
	if (util_blank(v))
		return 180;
	char *end;
	long n = strtol(v, &end, 10);
	return *end || n < 0 ? -1 : n;
}

/* "kb show [--max-age DAYS]" and "kb import FILE" */
int cmd_kb(struct db *db, int argc, char **argv)
{
	if ((argc == 2 || argc == 4) && strcmp(argv[1], "show") == 0) {
		if (argc == 4 && strcmp(argv[2], "--max-age") != 0)
			goto usage;
		long max = kb_max_age(argc == 4 ? argv[3] : NULL);
		if (max < 0) {
			fputs(
			    _("tumorboard kb show: the maximum age is a whole "
			      "number of days (--max-age or "
			      "TUMORBOARD_KB_MAX_AGE)\n"),
			    stderr);
			return status_exit_code(TB_USAGE);
		}
		struct kb kb;
		if (!load_kb(&kb))
			return status_exit_code(TB_INVALID);
		char today[11];
		clock_today(today);
		long age = kb_review_age_days(&kb, today);
		printf(_("knowledge base %s (%s), %zu entries, %zu sources\n"),
		       kb.version, kb.origin, kb.n, kb.n_sources);
		printf(_("reviewed %s by %s\n"),
		       kb.reviewed ? kb.reviewed : "?",
		       kb.reviewer ? kb.reviewer : "?");
		if (age < 0)
			fputs(_("warning: the knowledge base has no readable "
				"review date; check it against its sources\n"),
			      stderr);
		else if (age > max)
			fprintf(
			    stderr,
			    _("warning: the knowledge base was reviewed %ld "
			      "days ago, more than %ld: tiers and EU "
			      "indications may have changed; check it "
			      "against its sources\n"),
			    age, max);
		for (size_t i = 0; i < kb.n; i++) {
			const struct kb_entry *e = &kb.e[i];
			printf("%-28s %-7s %s %-5s %s%s\n", e->id, e->gene,
			       e->tier_system, e->tier,
			       e->tumour ? e->tumour : "",
			       e->unchecked ? _(" (not all checked)") : "");
		}
		puts("\nsources:");
		for (size_t i = 0; i < kb.n_sources; i++)
			printf("%-24s %s\n", kb.sources[i].id,
			       kb.sources[i].text);
		kb_done(&kb);
		return 0;
	}
	if (argc != 3 || strcmp(argv[1], "import") != 0) {
	usage:
		fputs(_("usage: tumorboard kb show [--max-age DAYS]\n"
			"       tumorboard kb import FILE\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	struct diag d;
	char *version = NULL;
	diag_init(&d);
	enum tb_status st = import_kb_install(argv[2], &version, &d);
	diag_print(&d, stderr);
	diag_done(&d);
	if (st == TB_OK) {
		char *detail =
		    xasprintf("knowledge base %s installed", version);
		if (db_begin(db) != TB_OK ||
		    db_audit_append(db, db_actor(), "install", "kb", 0,
				    detail) != TB_OK ||
		    db_commit(db) != TB_OK) {
			db_rollback(db);
			st = TB_DB;
		}
		free(detail);
		if (st == TB_OK)
			printf(_("knowledge base %s installed\n"), version);
	}
	free(version);
	return status_exit_code(st);
}
