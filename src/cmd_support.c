/*
 * support (one case, or the brief of a meeting's agenda as text or PDF)
 * and kb (show, import).
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "clock.h"
#include "cmd_fhir.h"
#include "db.h"
#include "db_case.h"
#include "decision.h"
#include "diag.h"
#include "i18n.h"
#include "import_boards.h"
#include "import_kb.h"
#include "pdf.h"
#include "readiness.h"
#include "report.h"
#include "status.h"
#include "textdoc.h"
#include "util.h"

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
		decision_briefs(b->db, b->forms, c->patient.id, i18n_language(),
				&db_, &nd);
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
	if (!cmd_load_kb(&b.kb))
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
		st = cmd_find_case(db, "support", case_ext, &id);
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
					 .page_text =
					     _("Page {page} of {pages}"),
					 .figure_pages = cs.pages,
					 .figure = chart_page,
					 .figure_arg = &cs};
		st = pdf_write(&doc, &po, pdf, err, sizeof(err));
		chart_set_done(&cs);
		if (st != TB_OK)
			fprintf(stderr, _("tumorboard support: %s\n"), err);
		else if (db_begin(db) != TB_OK ||
			 db_audit_append(db, db_actor(), "export", "meeting",
					 meeting,
					 /* untranslated: an audit detail */
					 "briefs as PDF") != TB_OK ||
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
		if (!cmd_load_kb(&kb))
			return status_exit_code(TB_INVALID);
		char today[11];
		clock_today(today);
		long age = kb_review_age_days(&kb, today);
		printf(_("knowledge base %s (%s), "), kb.version,
		       strcmp(kb.origin, "built-in") == 0
			   ? pgettext("knowledge base origin", "built-in")
			   : kb.origin);
		printf(
		    ngettext("%zu entry", "%zu entries", (unsigned long)kb.n),
		    kb.n);
		printf(ngettext(", %zu source\n", ", %zu sources\n",
				(unsigned long)kb.n_sources),
		       kb.n_sources);
		printf(_("reviewed %s by %s\n"),
		       kb.reviewed ? kb.reviewed : "?",
		       kb.reviewer ? kb.reviewer : "?");
		if (age < 0)
			fputs(_("warning: the knowledge base has no readable "
				"review date; check it against its sources\n"),
			      stderr);
		else if (age > max)
			fprintf(stderr,
				ngettext("warning: the knowledge base was "
					 "reviewed %ld day ago, more than %ld: "
					 "tiers and EU indications may have "
					 "changed; check it against its "
					 "sources\n",
					 "warning: the knowledge base was "
					 "reviewed %ld days ago, more than "
					 "%ld: tiers and EU indications may "
					 "have changed; check it against its "
					 "sources\n",
					 (unsigned long)age),
				age, max);
		for (size_t i = 0; i < kb.n; i++) {
			const struct kb_entry *e = &kb.e[i];
			printf("%-28s %-7s %s %-5s %s%s\n", e->id, e->gene,
			       e->tier_system, e->tier,
			       e->tumour ? kb_text(e->tumour, e->tumour_sv)
					 : "",
			       e->unchecked ? _(" (not all checked)") : "");
		}
		puts(_("\nsources:"));
		for (size_t i = 0; i < kb.n_sources; i++)
			printf(
			    "%-24s %s\n", kb.sources[i].id,
			    kb_text(kb.sources[i].text, kb.sources[i].text_sv));
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
		    xasprintf(/* untranslated: an audit detail */
			      "knowledge base %s installed", version);
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
