#include "cmd.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "access.h"
#include "app.h"
#include "clock.h"
#include "cmd_fhir.h"
#include "db.h"
#include "db_case.h"
#include "diag.h"
#include "i18n.h"
#include "import.h"
#include "form_def.h"
#include "import_boards.h"
#include "import_form.h"
#include "import_kb.h"
#include "kb.h"
#include "perm.h"
#include "progress.h"
#include "readiness.h"
#include "render.h"
#include "status.h"
#include "textdoc.h"
#include "util.h"
#include "validate.h"

enum tb_status cmd_load_boards(struct boards *bs)
{
	struct diag d;
	diag_init(&d);
	enum tb_status st = import_boards_load_default(bs, &d);
	diag_print(&d, stderr);
	diag_done(&d);
	return st;
}

int cmd_plan_check(struct db *db, const char *board, const char *what)
{
	char *err = NULL;
	enum tb_status st =
	    perm_require_board(db, PERM_MEETING_PLAN, board, what, 0, &err);
	if (st != TB_OK) /* the command's name, then what may not be done */
		fprintf(stderr, _("tumorboard %s: %s\n"), what, err);
	free(err);
	return st == TB_OK ? 0 : status_exit_code(st);
}

enum tb_status cmd_log_read(struct db *db, const char *name,
			    enum access_what what, long long case_id)
{
	char *err = NULL;
	enum tb_status st = access_open_case(db, what, case_id, &err);
	if (st == TB_DENIED) /* err says what may not be done */
		fprintf(stderr, _("tumorboard %s: %s\n"), name, err);
	else if (st != TB_OK)
		fprintf(stderr,
			_("tumorboard %s: the read could not be written to the "
			  "access log (%s: %s); nothing is shown\n"),
			name, err, db_errmsg(db));
	free(err);
	return st;
}

bool cmd_load_forms(struct form_set *fs)
{
	struct diag d;
	diag_init(&d);
	char *dir = import_form_default_dir();
	import_form_load_all(dir, fs, &d);
	diag_print(&d, stderr);
	diag_done(&d);
	free(dir);
	return fs->n > 0;
}

int cmd_import(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"max-size", required_argument, NULL, 'm'},
	    {"patient-changed", no_argument, NULL, 'P'},
	    {"dry-run", no_argument, NULL, 'n'},
	    {NULL, 0, NULL, 0}};
	struct import_opts opts = {0};
	enum tb_status worst = TB_OK;
	int c;
	long v;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (!util_parse_long(optarg, 1, LONG_MAX, &v)) {
				fprintf(stderr,
					_("tumorboard import: --max-size "
					  "needs a positive number of "
					  "bytes\n"));
				return status_exit_code(TB_USAGE);
			}
			opts.max_bytes = (size_t)v;
			break;
		case 'P':
			opts.patient_changed = true;
			break;
		case 'n':
			opts.dry_run = true;
			break;
		default:
			return status_exit_code(TB_USAGE);
		}
	}
	if (optind >= argc) {
		fputs(_("usage: tumorboard import [--max-size BYTES] "
			"[--patient-changed] [--dry-run] FILE...\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	/* progress on a terminal: cases, and the share of the bytes read
	 * for the time left */
	double bytes = 0, before = 0;
	for (int i = optind; i < argc; i++) {
		struct stat sb;
		if (stat(argv[i], &sb) == 0)
			bytes += (double)sb.st_size;
	}
	long long written = 0; /* cases new or changed: the search index's */
	progress_begin("import", N_("cases"), 0);
	for (int i = optind; i < argc; i++) {
		struct diag d, notes;
		struct import_result r;
		struct stat sb;
		double size = stat(argv[i], &sb) == 0 ? (double)sb.st_size : 0;
		diag_init(&d);
		diag_init(&notes);
		notes.limit = 10000;
		opts.notes = &notes;
		if (bytes > 0)
			progress_part(before / bytes, (before + size) / bytes);
		before += size;
		enum tb_status st = import_file(db, argv[i], &opts, &d, &r);
		progress_clear();
		char *clean = util_sanitize(argv[i], false);
		if (st == TB_OK && opts.dry_run) {
			fputs(r.dry_run ? r.dry_run : "", stdout);
			printf("%s: ", clean);
			printf(ngettext("would import %zu new",
					"would import %zu new",
					(unsigned long)r.created),
			       r.created);
			printf(ngettext(", %zu updated", ", %zu updated",
					(unsigned long)r.updated),
			       r.updated);
			fputs(_(" (dry run: nothing written)\n"), stdout);
			diag_print(&notes, stdout);
		} else if (st == TB_OK) {
			written += (long long)(r.created + r.updated);
			printf("%s: ", clean);
			printf(ngettext("%zu new", "%zu new",
					(unsigned long)r.created),
			       r.created);
			printf(ngettext(", %zu updated", ", %zu updated",
					(unsigned long)r.updated),
			       r.updated);
			printf(ngettext(", %zu unchanged\n",
					", %zu unchanged\n",
					(unsigned long)r.unchanged),
			       r.unchanged);
			diag_print(&notes, stdout);
		} else {
			diag_print(&d, stderr);
			fprintf(stderr,
				_("%s: rejected; nothing from this file "
				  "was imported\n"),
				clean);
			if (worst == TB_OK)
				worst = st;
		}
		free(clean);
		free(r.dry_run);
		diag_done(&d);
		diag_done(&notes);
	}
	/* a large part of the archive imported: its search merged (the
	 * time it takes is in the line's) */
	if (db_case_search_tidy(db, written) != TB_OK) {
		progress_clear();
		fprintf(stderr,
			_("tumorboard import: the search index was not merged "
			  "(searches find the same, a little slower): %s\n"),
			db_errmsg(db));
	}
	progress_end();
	return status_exit_code(worst);
}

/* The most matches of a search cases --count counts (the screen's cap). */
#define CASES_SEARCH_CAP 1000

struct list_state {
	bool full_id;
	long count;
	struct textdoc doc;
	long long *ids;
	size_t n;
};

static bool print_row(const struct db_case_row *r, void *arg)
{
	struct list_state *ls = arg;
	/* held until the read is logged */
	render_case_row(r, ls->full_id, true, false, &ls->doc);
	textdoc_newline(&ls->doc);
	ls->ids = xrealloc(ls->ids, (ls->n + 1) * sizeof(*ls->ids));
	ls->ids[ls->n++] = r->id;
	ls->count++;
	return true;
}

/* The cases of the filter, printed; every patient shown is logged as a
 * read first (a list of names is a read of identity data: "list", a
 * search "search", full identity numbers "list-id"), and nothing is
 * shown unless it is. */
static enum tb_status cases_list(struct db *db, const struct db_case_filter *f,
				 struct list_state *ls)
{
	/* the patients a list names, a search returns, and every identity
	 * number shown in full, are reads of patient data: logged before
	 * anything is printed */
	enum access_what what = ls->full_id		? ACCESS_LIST_ID
				: (f->text && *f->text) ? ACCESS_SEARCH
							: ACCESS_LIST;
	textdoc_init(&ls->doc, 200);
	enum tb_status st = db_case_list(db, f, print_row, ls);
	if (st == TB_OK) {
		st = access_log_cases(db, what, ls->ids, ls->n);
		if (st == TB_OK)
			textdoc_write(&ls->doc, stdout);
		/* a birth date alone finds nothing: said, as on the screen */
		if (st == TB_OK && !ls->n && validate_pnr_partial(f->text))
			fprintf(stderr, "%s\n", render_no_match(f->text));
		else if (st != TB_OK)
			fprintf(stderr,
				_("tumorboard cases: the read could not "
				  "be written to the access log; "
				  "nothing is shown\n"));
	}
	textdoc_done(&ls->doc);
	free(ls->ids);
	return st;
}

int cmd_cases(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"status", required_argument, NULL, 's'},
	    {"level", required_argument, NULL, 'l'},
	    {"diagnosis", required_argument, NULL, 'd'},
	    {"region", required_argument, NULL, 'r'},
	    {"search", required_argument, NULL, 'q'},
	    {"limit", required_argument, NULL, 'n'},
	    {"offset", required_argument, NULL, 'o'},
	    {"full-id", no_argument, NULL, 'F'},
	    {"count", no_argument, NULL, 'c'},
	    {"queue", no_argument, NULL, 'Q'},
	    {NULL, 0, NULL, 0}};
	struct db_case_filter f = {0};
	struct list_state ls = {0};
	bool count_only = false;
	int c;
	long v;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (!model_enum_valid(model_statuses, optarg)) {
				char *all = model_enum_describe(model_statuses);
				fprintf(stderr,
					_("tumorboard cases: --status: "
					  "use %s\n"),
					all);
				free(all);
				return status_exit_code(TB_USAGE);
			}
			f.status = optarg;
			break;
		case 'l':
			if (!model_enum_valid(model_levels, optarg)) {
				fputs(_("tumorboard cases: --level: use local, "
					"regional or national\n"),
				      stderr);
				return status_exit_code(TB_USAGE);
			}
			f.level = optarg;
			break;
		case 'd':
			f.icd10_prefix = optarg;
			break;
		case 'r':
			f.region = optarg;
			break;
		case 'q':
			f.text = optarg;
			break;
		case 'n':
		case 'o':
			if (!util_parse_long(optarg, 0, INT_MAX, &v)) {
				fprintf(stderr,
					_("tumorboard cases: --%s needs "
					  "a whole number\n"),
					c == 'n' ? "limit" : "offset");
				return status_exit_code(TB_USAGE);
			}
			if (c == 'n')
				f.limit = (int)v;
			else
				f.offset = (int)v;
			break;
		case 'F':
			ls.full_id = true;
			break;
		case 'c':
			count_only = true;
			break;
		case 'Q':
			f.queue = true;
			break;
		default:
			return status_exit_code(TB_USAGE);
		}
	}
	if (optind != argc) {
		fputs(_("usage: tumorboard cases [--status S] [--level L] "
			"[--diagnosis ICD10] [--region R] [--search TEXT] "
			"[--limit N] [--offset N] [--full-id] [--count] "
			"[--queue]\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	if (f.offset && !f.limit)
		f.limit = INT_MAX;
	/* only the cases in the user's care are listed, searched and
	 * counted (tumorboard-roles(5)) */
	struct perm_care care;
	if (perm_list_care(&care))
		f.care = &care.c;
	enum tb_status st;
	if (count_only) {
		long long n = 0;
		bool more = false;
		/* a search is counted as the screen counts it, up to 1,000
		 * ("1000+"): the full-text index is not walked for every
		 * match */
		if (f.text && !util_blank(f.text))
			st = db_case_count_capped(db, &f, CASES_SEARCH_CAP, &n,
						  &more);
		else
			st = db_case_count(db, &f, &n);
		if (st == TB_OK)
			printf(more ? "%lld+\n" : "%lld\n", n);
	} else
		st = cases_list(db, &f, &ls);
	if (st != TB_OK)
		fprintf(stderr, _("tumorboard cases: %s: %s\n"),
			status_message(st), db_errmsg(db));
	perm_care_done(&care);
	return status_exit_code(st);
}

int cmd_show(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"mask", no_argument, NULL, 'm'},
	    {"full-id", no_argument, NULL, 'F'},
	    {"width", required_argument, NULL, 'w'},
	    {NULL, 0, NULL, 0}};
	/* The identity number is masked unless asked for, as in cases. */
	bool mask = true;
	int width = 80;
	int c;
	long v;

	/* options before or after the case id: getopt permutes, once
	 * re-initialised (optind 0; main's options stop at the command) */
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			mask = true;
			break;
		case 'F':
			mask = false;
			break;
		case 'w':
			if (!util_parse_long(optarg, 40, 1000, &v)) {
				fputs(
				    _("tumorboard show: --width needs a number "
				      "40–1000\n"),
				    stderr);
				return status_exit_code(TB_USAGE);
			}
			width = (int)v;
			break;
		default:
			return status_exit_code(TB_USAGE);
		}
	}
	if (optind + 1 != argc) {
		fputs(_("usage: tumorboard show [--full-id] [--width N] "
			"CASE-ID\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	long long id;
	enum tb_status st = db_case_find(db, argv[optind], &id);
	if (st == TB_NOT_FOUND) {
		char *clean = util_sanitize(argv[optind], false);
		fprintf(stderr, _("tumorboard show: no case %s\n"), clean);
		free(clean);
		return status_exit_code(st);
	}
	if (st != TB_OK) {
		fprintf(stderr, _("tumorboard show: %s: %s\n"),
			status_message(st), db_errmsg(db));
		return status_exit_code(st);
	}
	/* the read is logged before anything is shown */
	st = cmd_log_read(db, "show", mask ? ACCESS_SHOW : ACCESS_SHOW_ID, id);
	if (st != TB_OK)
		return status_exit_code(st);
	/* The whole case page, as the screen's case view shows it:
	 * readiness against the board for this diagnosis (board types are
	 * data: the user's boards.xml, else the built-in set), the patient's
	 * decisions and the knowledge base's suggestions. */
	struct app app;
	app_init(&app, db);
	struct diag d;
	diag_init(&d);
	char *bpath = NULL;
	if (app_load_boards(&app, &d, &bpath) != TB_OK)
		diag_print(&d, stderr);
	free(bpath);
	diag_done(&d);
	char msg[256] = "";
	struct app_case_page page;
	st = app_case_page(&app, id, NULL, &page, msg, sizeof(msg));
	if (msg[0])
		fprintf(stderr, "tumorboard show: %s\n", msg);
	if (st == TB_OK) {
		page.ro.mask_id = mask;
		struct textdoc doc;
		textdoc_init(&doc, width);
		render_case(page.c, &page.ro, &doc);
		textdoc_write(&doc, stdout);
		textdoc_done(&doc);
	} else
		fprintf(stderr, "tumorboard show: %s: %s\n", status_message(st),
			db_errmsg(db));
	app_case_page_done(&page);
	app_done(&app);
	return status_exit_code(st);
}

/* "refer CASE-ID --level LEVEL --reason TEXT" */
int cmd_refer(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"level", required_argument, NULL, 'l'},
	    {"reason", required_argument, NULL, 'r'},
	    {NULL, 0, NULL, 0}};
	const char *level = NULL, *reason = NULL;
	int c;
	/* packages between boards (FHIR): cmd_fhir.c */
	if (cmd_fhir_refer_wanted(argc, argv))
		return cmd_fhir_refer(db, argc, argv);
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'l')
			level = optarg;
		else if (c == 'r')
			reason = optarg;
		else
			return status_exit_code(TB_USAGE);
	}
	if (optind + 1 != argc || !level || util_blank(reason) ||
	    !model_enum_valid(model_levels, level)) {
		fputs(_("usage: tumorboard refer CASE-ID --level "
			"local|regional|national --reason TEXT\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	long long id;
	enum tb_status st = db_case_find(db, argv[optind], &id);
	if (st == TB_OK)
		st = db_case_refer(db, id, level, reason);
	if (st == TB_OK) {
		char *clean = util_sanitize(argv[optind], false);
		printf(_("%s referred to the %s level; the reason is kept\n"),
		       clean, model_level_label(level));
		free(clean);
	} else if (st == TB_NOT_FOUND) {
		char *clean = util_sanitize(argv[optind], false);
		fprintf(stderr, _("tumorboard refer: no case %s\n"), clean);
		free(clean);
	} else if (st == TB_INVALID)
		fprintf(stderr,
			_("tumorboard refer: the case is at the %s level "
			  "already\n"),
			level);
	else if (st != TB_OK)
		fprintf(stderr, _("tumorboard refer: %s\n"), db_errmsg(db));
	return status_exit_code(st);
}

/* "backup FILE": a consistent copy while the database is in use. */
int cmd_backup(struct db *db, int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-') {
		fputs(_("usage: tumorboard backup FILE\n"), stderr);
		return status_exit_code(TB_USAGE);
	}
	char *err = NULL;
	enum tb_status st = db_backup(db, argv[1], &err);
	if (st != TB_OK)
		fprintf(stderr, _("tumorboard backup: %s\n"), err);
	else
		printf(_("backup written to %s\n"), argv[1]);
	free(err);
	return status_exit_code(st);
}

void cmd_print_padded(const char *s, int width)
{
	int pad = abs(width) - util_display_width(s);
	if (width > 0)
		for (; pad > 0; pad--)
			putchar(' ');
	fputs(s, stdout);
	if (width < 0)
		for (; pad > 0; pad--)
			putchar(' ');
}

bool cmd_load_kb(struct kb *kb)
{
	struct diag d;
	diag_init(&d);
	enum tb_status st = import_kb_load(kb, &d);
	diag_print(&d, stderr);
	diag_done(&d);
	return st == TB_OK || kb->n > 0;
}

int cmd_fail(const char *cmd, enum tb_status st, struct db *db, struct diag *d)
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

enum tb_status cmd_find_case(struct db *db, const char *cmd, const char *ext,
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
