/*
 * The decision commands: form open|set|show|abandon for the case's draft,
 * decision sign|amend|list|show|export (verify, followup and support are
 * in files of their own). They go through the same core functions as the
 * decision form on the screen.
 */
#include "cmd.h"
#include "model.h"
#include "db_user.h"
#include "user.h"
#include "perm.h"

#include "access.h"

#include <getopt.h>
#include <limits.h>
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
#include "form_type.h"
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
#include "summary.h"
#include "textdoc.h"
#include "util.h"
#include "validate.h"

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
	fprintf(stderr, _("tumorboard decision sign: %s\n"),
		me ? why
		   : _("You may not sign this decision: nobody is signed in."));
	db_user_log_denied(
	    db, me ? me->account : user_actor(), "decision.sign",
	    /* untranslated: an audit detail */ "decision sign for the board",
	    case_id);
	return TB_DENIED;
}

/* The labels' language: --lang, else the interface's. */
static const char *lang_or_default(const char *lang)
{
	return lang ? lang : i18n_language();
}

/* What the signer is warned of (decision_warnings), a line each. */
static void put_warnings(struct textdoc *doc, const struct form *f,
			 const struct form_values *v)
{
	struct diag w;
	diag_init(&w);
	decision_warnings(f, v, &w);
	for (size_t i = 0; i < w.n; i++) {
		textdoc_printf(doc, TD_WARN, _("Warning: %s"),
			       w.items[i].message);
		textdoc_newline(doc);
	}
	diag_done(&w);
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
	const struct form *f = form_set_best(fs, fi.form_id, fi.form_version);
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
		v.patients = decision_patients_of(db, id, 0);
		/* what blocks signing, as the form screen counts it: the
		 * required fields left and the values signing would refuse
		 * (a finding row without a tier) */
		struct tb_case *c = NULL;
		char today[11];
		clock_today(today);
		if (db_case_load(db, id, &c) != TB_OK)
			c = NULL;
		struct form_ctx ctx = {
		    .today = today, .form = f, .values = &v, .c = c};
		size_t todo = form_check(f, &v, &ctx, NULL);
		size_t left = form_required_left(f, &v);
		model_case_free(&c);
		if (todo)
			textdoc_printf(
			    &doc, TD_DIM,
			    ngettext("%zu to do before signing (%zu required "
				     "field left)",
				     "%zu to do before signing (%zu required "
				     "fields left)",
				     (unsigned long)left),
			    todo, left);
		else
			textdoc_put(&doc, TD_DIM, _("ready to sign"));
		textdoc_newline(&doc);
		put_warnings(&doc, f, &v);
		char *tl = decision_text_lang_line(&v);
		textdoc_put(&doc, TD_NORMAL, tl);
		textdoc_newline(&doc);
		free(tl);
		char *nl = summary_nurse_line(db, f, &v);
		if (nl)
			textdoc_wrap(&doc, 0, TD_WARN, nl);
		free(nl);
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

/* "form open CASE-ID [--form ID]": the board's form unless one is named
 * (the form the screen opens too). */
static int form_open_cmd(struct db *db, const struct form_set *fs, long long id,
			 const char *form_id, struct diag *d)
{
	/* the screen's rule (app_decision_start): a signed decision changes
	 * only by an amendment, which needs a reason */
	struct app app;
	app_init(&app, db);
	long long latest = 0;
	if (app_decision_start(&app, id, &latest) == APP_DECISION_AMEND) {
		app_done(&app);
		diag_add(d, NULL, 0, NULL,
			 _("the case has a signed decision (%lld); it changes "
			   "by an amendment: decision amend %lld --reason "
			   "TEXT"),
			 latest, latest);
		return cmd_fail("form", TB_INVALID, db, d);
	}
	const struct form *f = NULL;
	if (form_id)
		f = form_set_get(fs, form_id);
	else {
		/* the form the screen opens too: the board's */
		struct tb_case *cs = NULL;
		struct diag bd;
		diag_init(&bd);
		char *bpath = NULL;
		if (app_load_boards(&app, &bd, &bpath) == TB_OK &&
		    db_case_load(db, id, &cs) == TB_OK) {
			const struct form *af = app_decision_form(&app, cs);
			/* the same form of the set this command read */
			f = af ? form_set_get(fs, af->id) : NULL;
		}
		diag_print(&bd, stderr);
		diag_done(&bd);
		free(bpath);
		model_case_free(&cs);
	}
	app_done(&app);
	if (!f) {
		char *clean =
		    util_sanitize(form_id ? form_id : "general", false);
		fprintf(stderr, _("tumorboard form: no form '%s'\n"), clean);
		free(clean);
		return status_exit_code(TB_NOT_FOUND);
	}
	long long inst = 0;
	struct kb kb = {0};
	cmd_load_kb(&kb);
	enum tb_status st =
	    decision_open(db, f, kb.n ? &kb : NULL, id, d, &inst);
	kb_done(&kb);
	if (st != TB_OK)
		return cmd_fail("form", st, db, d);
	printf(_("draft %lld: form %s version %s\n"), inst, f->id, f->version);
	return 0;
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
			       form_text_get(&fs.f[i]->title,
					     lang_or_default(lang), NULL));
		rc = 0;
		goto cleanup;
	}
	enum tb_status st = cmd_find_case(db, "form", args[0], &id);
	if (st != TB_OK) {
		rc = status_exit_code(st);
		goto cleanup;
	}
	if (strcmp(sub, "open") == 0) {
		rc = form_open_cmd(db, &fs, id, form_id, &d);
	} else if (strcmp(sub, "set") == 0) {
		/* the board rules give the diagnosis its warning, as on the
		 * screen; a bad boards file is said, and the value still set */
		struct boards bs = {0};
		bool have_boards = cmd_load_boards(&bs) == TB_OK;
		st = decision_set_at(db, &fs, have_boards ? &bs : NULL, id,
				     args[1], args[2], seen, &d);
		/* on success d holds only warnings: said, exit 0 */
		rc = st == TB_OK && !d.n ? 0 : cmd_fail("form", st, db, &d);
		boards_done(&bs);
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
		rc = st == TB_OK ? 0 : cmd_fail("form", st, db, &d);
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
	fputs(_("usage: tumorboard decision sign CASE-ID "
		"--attendee 'NAME:ROLE[:cover]'... [--guest 'NAME, PROFESSION, "
		"UNIT:ROLE[:cover]']... [--meeting ID] "
		"[--quorum-override REASON] [--revision N]\n"
		"       tumorboard decision amend DECISION --reason TEXT\n"
		"       tumorboard decision list [--case CASE-ID] [--search "
		"TEXT]\n"
		"       tumorboard decision show DECISION [--lang LANG]\n"
		"       tumorboard decision export DECISION [--format "
		"text|xml|fhir-xml|fhir-json] [--lang LANG]\n"),
	      stderr);
	return status_exit_code(TB_USAGE);
}

/* What decision list shows: the decisions of the cases in the user's
 * care (as the case list), of those found when searched (found not
 * NULL). */
struct found_ids;
struct list_ctx {
	const struct followup_care *care;
	const struct found_ids *found;
};

static bool list_found(const struct found_ids *f, long long id);

static bool list_row(const struct tb_decision *d, void *arg)
{
	const struct list_ctx *lc = arg;
	if (!followup_care_name(lc->care, d->case_id) ||
	    (lc->found && !list_found(lc->found, d->id)))
		return true;
	struct textdoc doc;
	textdoc_init(&doc, 200);
	render_decision_row(d, &doc);
	textdoc_write(&doc, stdout);
	textdoc_done(&doc);
	return true;
}

/* "decision list --search TEXT": the ids of the decisions found, sorted,
 * to list them in id order as the plain list does. */
struct found_ids {
	long long *ids; /* owned */
	size_t n, cap;
};

static void found_add(long long id, void *arg)
{
	struct found_ids *f = arg;
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 64;
		f->ids = xrealloc(f->ids, f->cap * sizeof(*f->ids));
	}
	f->ids[f->n++] = id;
}

static bool list_found(const struct found_ids *f, long long id)
{
	return f->n && bsearch(&id, f->ids, f->n, sizeof(*f->ids), util_cmp_ll);
}

/* "decision list [--case CASE-ID] [--search TEXT]" */
static int decision_list_cmd(struct db *db, const char *case_ext,
			     const char *search)
{
	long long case_id = 0;
	enum tb_status st;
	if (case_ext &&
	    (st = cmd_find_case(db, "decision", case_ext, &case_id)) != TB_OK)
		return status_exit_code(st);
	/* only the decisions of cases the user may read are listed */
	struct followup_care care;
	if ((st = followup_care_load(db, &care)) != TB_OK)
		return cmd_fail("decision", st, db, NULL);
	struct found_ids f = {0};
	struct list_ctx lc = {&care, search ? &f : NULL};
	if (search)
		st = db_decision_search(db, search, INT_MAX, found_add, &f);
	if (st == TB_OK && f.n > 1)
		qsort(f.ids, f.n, sizeof(*f.ids), util_cmp_ll);
	if (st == TB_OK && (!search || f.n))
		st = db_decision_each(db, case_id, list_row, &lc);
	free(f.ids);
	followup_care_done(&care);
	return st == TB_OK ? 0 : cmd_fail("decision", st, db, NULL);
}

/* "decision sign CASE-ID ...": the signer is the signed-in user; at a
 * meeting, its board's quorum rule and those present. */
static int decision_sign_cmd(struct db *db, const struct form_set *fs,
			     const char *ext, struct decision_sign_opts *so,
			     struct diag *d)
{
	long long case_id, id = 0;
	enum tb_status st = cmd_find_case(db, "decision", ext, &case_id);
	if (st != TB_OK)
		return status_exit_code(st);
	/* at a meeting: its board's quorum rule, and those present
	 * when no attendee is named */
	struct boards bs = {0};
	struct diag bd;
	diag_init(&bd);
	/* the attendees' roles are the boards' (at a meeting, its board's) */
	bool have_boards = import_boards_load_default(&bs, &bd) == TB_OK;
	so->boards = have_boards ? &bs : NULL;
	if (so->meeting_id) {
		struct tb_meeting m;
		st = db_meeting_get(db, so->meeting_id, &m);
		if (st == TB_NOT_FOUND)
			diag_add(d, NULL, 0, "meeting", _("no meeting %lld"),
				 so->meeting_id);
		else if (st == TB_OK && have_boards)
			so->board = boards_by_id(&bs, m.board);
		diag_print(&bd, stderr);
		if (st == TB_OK)
			st = may_sign(db, case_id, m.board, m.chair);
	} else {
		st = may_sign(db, case_id, NULL, NULL);
	}
	/* the signer is the signed-in user, never a typed name */
	const struct user *me = user_current();
	so->signed_by = me ? me->name : NULL;
	if (st == TB_DENIED) {
		boards_done(&bs);
		diag_done(&bd);
		so->boards = NULL;
		return status_exit_code(st);
	}
	/* the decision records the knowledge base it was made with */
	struct kb kb = {0};
	if (st == TB_OK && cmd_load_kb(&kb) && kb.n) {
		so->kb_version = kb.version;
		so->kb = &kb;
	}
	/* what signing does not refuse but the signer is told of */
	struct diag w;
	diag_init(&w);
	so->warnings = &w;
	if (st == TB_OK)
		st = decision_sign(db, fs, case_id, so, d, &id);
	so->warnings = NULL;
	for (size_t i = 0; st == TB_OK && i < w.n; i++)
		fprintf(stderr, _("tumorboard decision: warning: %s\n"),
			w.items[i].message);
	diag_done(&w);
	kb_done(&kb);
	so->kb = NULL;
	so->kb_version = NULL;
	boards_done(&bs);
	diag_done(&bd);
	so->board = NULL;
	so->boards = NULL;
	if (st != TB_OK)
		return cmd_fail("decision", st, db, d);
	printf(_("decision %lld signed\n"), id);
	return 0;
}

/* "decision show|export DECISION [--format F] [--lang L]": the read is
 * logged first; an export leaves the program and is recorded. */
static int decision_show_cmd(struct db *db, const struct form_set *fs,
			     const char *sub, const char *arg,
			     const char *format, const char *lang,
			     struct diag *d)
{
	struct tb_decision dec;
	bool xml = strcmp(format, "xml") == 0;
	enum fhir_out_format ff = FHIR_OUT_XML;
	bool fhir = strncmp(format, "fhir-", 5) == 0 &&
		    fhir_out_format_parse(format + 5, &ff);
	if (fhir && strcmp(sub, "export") != 0)
		return usage_decision();
	if (!xml && !fhir && strcmp(format, "text") != 0)
		return usage_decision();
	enum tb_status st = db_decision_get(db, util_parse_id(arg), &dec);
	if (st != TB_OK) {
		if (st == TB_NOT_FOUND)
			diag_add(d, NULL, 0, NULL, _("no decision %s"), arg);
		return cmd_fail("decision", st, db, d);
	}
	const struct form *f = form_set_best(fs, dec.form_id, dec.form_version);
	bool exporting = strcmp(sub, "export") == 0;
	st = cmd_log_read(db, "decision",
			  exporting ? ACCESS_EXPORT : ACCESS_DECISION,
			  dec.case_id);
	if (st != TB_OK) {
		db_decision_done(&dec);
		return status_exit_code(st);
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
				? /* untranslated: an audit detail */
				"decision exported as FHIR xml"
				: /* untranslated: an audit detail */
				"decision exported as FHIR json",
			    &err);
		if (err)
			fprintf(stderr, "tumorboard decision: %s\n", err);
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
		char *detail =
		    xasprintf(/* untranslated: an audit detail */
			      "decision exported as %s", xml ? "xml" : "text");
		if (db_begin(db) != TB_OK ||
		    db_audit_append(db, db_actor(), "export", "decision",
				    dec.id, detail) != TB_OK ||
		    db_commit(db) != TB_OK) {
			db_rollback(db);
			st = TB_DB;
		}
		free(detail);
	}
	db_decision_done(&dec);
	return st == TB_OK ? 0 : cmd_fail("decision", st, db, NULL);
}

/* Whether the options fit the subcommand; says what is wrong if not. */
static bool decision_usage_ok(const char *sub, int rest, bool by_given,
			      bool attendees, long long meeting_id,
			      const char *reason)
{
	if (by_given) {
		fputs(_("tumorboard decision: --by is not taken: the signer is "
			"the signed-in user (tumorboard-roles(5))\n"),
		      stderr);
		return false;
	}
	if (strcmp(sub, "sign") == 0 && rest == 1 && !attendees &&
	    !meeting_id) {
		fputs(_("tumorboard decision sign: --attendee is required "
			"(NAME:ROLE, or --meeting M for those present)\n"),
		      stderr);
		return false;
	}
	if (strcmp(sub, "amend") == 0 && rest == 1 && util_blank(reason)) {
		fputs(
		    _("tumorboard decision amend: --reason TEXT is required\n"),
		    stderr);
		return false;
	}
	return true;
}

/* "decision amend DECISION --reason TEXT": a draft that amends it. */
static int decision_amend_cmd(struct db *db, const struct form_set *fs,
			      long long id, const char *reason, struct diag *d)
{
	long long inst = 0;
	enum tb_status st = decision_amend(db, fs, id, reason, d, &inst);
	if (st != TB_OK)
		return cmd_fail("decision", st, db, d);
	printf(_("draft %lld amends decision %lld\n"), inst, id);
	return 0;
}

/* "NAME:ROLE[:cover]" (--attendee: NAME a user's account or name) or
 * "Name, profession, unit:ROLE[:cover]" (--guest) into att with the name
 * the archive records (user_attendee_entry); an exit code on refusal. */
static int attendee_arg(struct db *db, struct strbuf *att, const char *arg,
			bool guest)
{
	char why[600];
	enum tb_status st =
	    user_attendee_entry(db, arg, guest, att, why, sizeof(why));
	if (st == TB_OK)
		return 0;
	if (st == TB_USAGE) { /* named: one of several may be the one */
		fprintf(stderr,
			guest ? _("tumorboard decision: --guest '%s': give it "
				  "as 'Name, profession, unit:ROLE' or "
				  "'…:ROLE:cover'\n")
			      : _("tumorboard decision: --attendee '%s': give "
				  "it as NAME:ROLE or NAME:ROLE:cover\n"),
			arg);
		return status_exit_code(TB_USAGE);
	}
	fprintf(stderr, _("tumorboard decision: %s: %s\n"),
		guest ? "--guest" : "--attendee", why);
	return status_exit_code(st);
}

int cmd_decision(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"by", required_argument, NULL, 'b'},
	    {"attendee", required_argument, NULL, 'a'},
	    {"guest", required_argument, NULL, 'g'},
	    {"meeting", required_argument, NULL, 'm'},
	    {"quorum-override", required_argument, NULL, 'q'},
	    {"reason", required_argument, NULL, 'r'},
	    {"case", required_argument, NULL, 'c'},
	    {"search", required_argument, NULL, 's'},
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
	const char *format = "text", *search = NULL;
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
		case 'g': {
			/* an attendee is a user (or a guest, marked as one);
			 * every one is looked at, so that each refused is said
			 * at once (the first's exit code) */
			int r = attendee_arg(db, &att, optarg, c == 'g');
			if (r && !rc)
				rc = r;
			break;
		}
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
		case 's':
			search = optarg;
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
	if (rc)
		goto cleanup; /* an attendee refused: nothing is signed */
	const char *sub = argv[1];
	int rest = argc - 1 - optind;
	char **args = argv + 1 + optind;
	if (!cmd_load_forms(&fs)) {
		rc = status_exit_code(TB_INVALID);
		goto cleanup;
	}
	/* a missing required option is wrong usage (2), not a refused
	 * value (3) */
	if (!decision_usage_ok(sub, rest, by_given, att.len > 0, so.meeting_id,
			       reason)) {
		rc = status_exit_code(TB_USAGE);
		goto cleanup;
	}
	if (strcmp(sub, "sign") == 0 && rest == 1) {
		so.attendees = att.len ? att.buf : NULL;
		rc = decision_sign_cmd(db, &fs, args[0], &so, &d);
	} else if (strcmp(sub, "amend") == 0 && rest == 1 &&
		   util_parse_id(args[0])) {
		rc = decision_amend_cmd(db, &fs, util_parse_id(args[0]), reason,
					&d);
	} else if (strcmp(sub, "list") == 0 && rest == 0) {
		rc = decision_list_cmd(db, case_ext, search);
	} else if ((strcmp(sub, "show") == 0 || strcmp(sub, "export") == 0) &&
		   rest == 1 && util_parse_id(args[0])) {
		rc = decision_show_cmd(db, &fs, sub, args[0], format, lang, &d);
	} else
		rc = usage_decision();
cleanup:
	form_set_done(&fs);
	diag_done(&d);
	strbuf_done(&att);
	return rc;
}
