/*
 * main — argv to a batch subcommand or the TUI; owns the lifetimes of the
 * database connection and the libxml2 globals.
 */
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

#include "clock.h"
#include "cmd.h"
#include "db.h"
#include "db_meeting.h"
#include "db_user.h"
#include "diag.h"
#include "i18n.h"
#include "import.h"
#include "import_roles.h"
#include "model_meeting.h"
#include "perm.h"
#include "status.h"
#include "ui.h"
#include "user.h"
#include "util.h"

/* Every command and subcommand, as in tumorboard(1); tests/cmdline.sh
 * checks that each entry of commands[] is here and in the man page. */
static void usage_options(FILE *out);
static void usage_database(FILE *out);

static void usage(FILE *out)
{
	fputs(
	    _("usage: tumorboard [--db PATH] [COMMAND [ARGS...]]\n"
	      "\n"
	      "Without a command, starts the interactive screen.\n"
	      "\n"
	      "cases:\n"
	      "  import FILE...                 check and import files, each "
	      "all or nothing\n"
	      "  cases [FILTERS]                list cases (--status, --level, "
	      "--diagnosis,\n"
	      "                                 --region, --search, --queue, "
	      "--limit, --offset,\n"
	      "                                 --full-id, --count)\n"
	      "  show CASE-ID                   the whole case as text "
	      "(--full-id, --width N)\n"
	      "  refer CASE-ID                  to another MDK level (--level, "
	      "--reason)\n"
	      "                                 or board (--to BOARD --package "
	      "FILE);\n"
	      "                                 refer --answer "
	      "DECISION|--receive "
	      "FILE\n"
	      "  export CASE-ID --format F      the case as a FHIR R4 Bundle "
	      "(xml, json)\n"
	      "meetings:\n"
	      "  meetings                       list meetings\n"
	      "  meeting add|edit ...           plan or change one (--date, "
	      "--start, --length,\n"
	      "                                 --board, --level, --location, "
	      "--chair)\n"
	      "  meeting cancel M --reason R    cancel a planned meeting\n"
	      "  meeting start|finish M         run it; finish moves the rest "
	      "on\n"
	      "  meeting attend M NAME ROLE     attendance (--cover); leave M "
	      "NAME;\n"
	      "                                 attendance M (quorum)\n"
	      "  meeting minutes M              the minutes: attendance, "
	      "outcomes "
	      "(--pdf)\n"
	      "  follow M                       the room's screen: the chair's "
	      "case, read only\n"
	      "  agenda M                       print it (--check: readiness, "
	      "--pdf FILE)\n"
	      "  agenda M add CASE-ID           put a case on it (--presenter, "
	      "--minutes,\n"
	      "                                 --override REASON)\n"
	      "  agenda M remove|move|set|transfer|defer|discussed|"
	      "not-discussed CASE-ID ...\n"
	      "decisions:\n"
	      "  form open|set|show|abandon|list ...        the draft "
	      "decision\n"
	      "  decision sign|amend|list|show|export ...   signed decisions\n"
	      "  verify                         check the audit chain, every "
	      "record and\n"
	      "                                 decision (--anchor[=FILE], "
	      "--expect SEQ:HASH)\n"
	      "  summary DECISION               the patient summary (--lang, "
	      "--pdf FILE,\n"
	      "                                 --print; --meeting M --pdf "
	      "DIRECTORY)\n"
	      "  note DECISION                  the clinician note for the "
	      "record\n"
	      "  registry DECISION              the quality-registry file "
	      "(--output FILE)\n"
	      "  followup [...]                 follow-ups (due, overdue, "
	      "done); "
	      "outcomes\n"
	      "  turnaround                     days from referral to meeting "
	      "to decision\n"
	      "  report --from D --to D         quality and equity of care "
	      "(--csv, --pdf FILE)\n"
	      "  support CASE-ID                the knowledge base's "
	      "suggestions "
	      "(--meeting M)\n"
	      "  kb show|import FILE            the knowledge base of "
	      "actionable "
	      "findings\n"),
	    out);
	usage_database(out);
}

/* The second half of usage(): one message would pass the 4,095 bytes a
 * C compiler must take in a string. */
static void usage_database(FILE *out)
{
	fputs(
	    _("the database:\n"
	      "  init                           a new archive (in an empty "
	      "PostgreSQL\n"
	      "                                 database: its schema, as "
	      "its owner)\n"
	      "  backup FILE                    a consistent copy, also while "
	      "in "
	      "use\n"
	      "  user add|edit|disable|list ... the users: account, name, "
	      "title, roles,\n"
	      "                                 boards, units "
	      "(administrators)\n"
	      "  log --patient PNR              who read the patient's data "
	      "(--pdf FILE);\n"
	      "                                 --user, --case, --review, "
	      "--mark\n"
	      "  extract --purpose T --basis T  a pseudonymized research "
	      "extract (--dir D)\n"
	      "  migrate --from DB --to DB      the whole archive into "
	      "another database\n"
	      "                                 (SQLite, PostgreSQL; the "
	      "target empty)\n"),
	    out);
	usage_options(out);
}

/* The options and exit codes, the second half of usage. */
static void usage_options(FILE *out)
{
	fputs(
	    _("\n"
	      "options:\n"
	      "  --db PATH           database file (default $TUMORBOARD_DB or\n"
	      "                      $XDG_DATA_HOME/tumorboard/tumorboard.db)\n"
	      "  --emergency REASON  emergency access to a case not in your "
	      "care\n"
	      "  --busy-timeout SECONDS\n"
	      "                      how long to wait for another writer "
	      "(default\n"
	      "                      $TUMORBOARD_BUSY_TIMEOUT or 600; -1: "
	      "for ever)\n"
	      "  -h, --help          this text; COMMAND --help or help "
	      "COMMAND:\n"
	      "                      that command's lines of it\n"
	      "  -V, --version       the version\n"
	      "  --script FILE       headless: read keys from FILE (tests)\n"
	      "  --size COLSxROWS    headless screen size (default 80x24)\n"
	      "  --dump FILE         headless: write screens to FILE\n"
	      "  --dump-mode MODE    text (default) or attrs: each row "
	      "followed\n"
	      "                      by its colours and attributes\n"
	      "  --timing FILE       headless: write keystroke latencies\n"
	      "\n"
	      "Only init and user add (an archive's first administrator) "
	      "create a missing\ndatabase.\n"
	      "Exit: 0 success, 1 internal error, 2 usage, 3 invalid, 4 not "
	      "found, 5 file,\n"
	      "6 database, 7 newer database, 8 integrity, 9 denied, 10 "
	      "changed elsewhere;\n129/130/143 after SIGHUP/INT/TERM.\n"
	      "See tumorboard(1).\n"),
	    out);
}

/* A letter, digit or underscore (of a command word). */
static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* Whether the entry of usage() at line (n bytes, its lines that go on
 * from it included) is name's own (it begins "  NAME " or "  NAME|"),
 * or, when !own, names it as a word anywhere ("leave" in meeting
 * attend's lines, "help" in -h's). */
static bool entry_names(const char *line, size_t n, const char *name, bool own)
{
	size_t nl = strlen(name);
	if (own)
		return n > 2 + nl && strncmp(line + 2, name, nl) == 0 &&
		       (line[2 + nl] == ' ' || line[2 + nl] == '|');
	for (size_t i = 0; i + nl <= n; i++)
		if (strncmp(line + i, name, nl) == 0 &&
		    (i == 0 || !word_char(line[i - 1])) &&
		    (i + nl == n || !word_char(line[i + nl])))
			return true;
	return false;
}

/* "tumorboard COMMAND ... --help", "tumorboard help WORD": the entries
 * of usage() (a line indented by two, with the lines indented further
 * that go on from it) that are WORD's own, else (loose: help WORD)
 * those that name it (a subcommand, an option), on out; false when none
 * does. */
static bool usage_of(const char *name, bool loose, FILE *out)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		return false;
	usage(mem);
	if (fclose(mem) != 0) {
		free(text);
		return false;
	}
	bool found = false;
	for (int own = 1; *name && own >= !loose && !found; own--)
		for (const char *line = text; *line;) {
			/* an entry: its first line and those that go on */
			size_t n = strcspn(line, "\n");
			if (strncmp(line, "  ", 2) != 0 || line[2] == ' ') {
				line += n + (line[n] == '\n');
				continue;
			}
			while (strncmp(line + n, "\n   ", 4) == 0)
				n += 1 + strcspn(line + n + 1, "\n");
			if (entry_names(line, n, name, own)) {
				if (!found)
					fprintf(out, _("tumorboard %s:\n"),
						name);
				fprintf(out, "%.*s\n", (int)n, line);
				found = true;
			}
			line += n + (line[n] == '\n');
		}
	free(text);
	if (found)
		fputs(
		    _("See tumorboard --help for every command, tumorboard(1) "
		      "for each in full.\n"),
		    out);
	return found;
}

/* The dispatcher's refusal of a word that names no command: exit code. */
static int say_unknown(const char *word)
{
	char *clean = util_sanitize(word, false);
	fprintf(stderr,
		_("tumorboard: unknown command '%s'; see tumorboard --help\n"),
		clean);
	free(clean);
	return status_exit_code(TB_USAGE);
}

/* A command's help asked for: "help [COMMAND]", or --help among a
 * command's words (before a "--"); the exit code, -1 when none was asked
 * for or the command is unknown (the dispatcher says so). */
static int main_help(int argc, char **argv)
{
	if (strcmp(argv[optind], "help") == 0) {
		if (optind + 1 >= argc) {
			usage(stdout);
			return 0;
		}
		if (usage_of(argv[optind + 1], true, stdout))
			return 0;
		return say_unknown(argv[optind + 1]);
	}
	for (int i = optind + 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0)
			return usage_of(argv[optind], false, stdout) ? 0 : -1;
	return -1;
}

static void say_waiting(const char *msg)
{
	fprintf(stderr, "tumorboard: %s\n", msg);
}

/* A word of a command line that asks for another permission than the
 * command's own (a subcommand: "meeting finish", "decision sign"). */
struct verb {
	const char *word;
	enum perm perm;
};

/*
 * The dispatcher's table: every command with the permission it needs
 * (tumorboard-roles(5)). The check is made here, once, before the
 * command runs: a command line holding one of the command's verbs needs
 * the permission of every verb it holds (a word that is also a value,
 * "--reason finish", asks for more, never less); one holding none needs
 * the command's own. Opening a particular case is checked again where
 * the case is known (perm_open: the care relationship).
 */
struct command {
	const char *name;
	int (*run)(struct db *db, int argc, char **argv);
	bool writes;
	enum perm perm;
	const struct verb *verbs; /* ended by a NULL word; may be NULL */
};

static const struct verb meeting_verbs[] = {
    {"add", PERM_MEETING_PLAN},	     {"edit", PERM_MEETING_PLAN},
    {"cancel", PERM_MEETING_PLAN},   {"start", PERM_MEETING_RUN},
    {"attend", PERM_MEETING_RUN},    {"leave", PERM_MEETING_RUN},
    {"finish", PERM_MEETING_FINISH}, {"attendance", PERM_MEETING_READ},
    {"minutes", PERM_MEETING_READ},  {NULL, 0}};
static const struct verb agenda_verbs[] = {{"add", PERM_MEETING_PLAN},
					   {"remove", PERM_MEETING_PLAN},
					   {"move", PERM_MEETING_PLAN},
					   {"set", PERM_MEETING_PLAN},
					   {"transfer", PERM_MEETING_PLAN},
					   {"defer", PERM_MEETING_RUN},
					   {"discussed", PERM_MEETING_RUN},
					   {"not-discussed", PERM_MEETING_RUN},
					   {NULL, 0}};
static const struct verb form_verbs[] = {
    {"open", PERM_DRAFT_EDIT},	  {"set", PERM_DRAFT_EDIT},
    {"abandon", PERM_DRAFT_EDIT}, {"show", PERM_DRAFT_READ},
    {"list", PERM_DRAFT_READ},	  {NULL, 0}};
static const struct verb decision_verbs[] = {
    {"sign", PERM_DECISION_SIGN}, {"amend", PERM_DECISION_AMEND}, {NULL, 0}};
static const struct verb followup_verbs[] = {{"done", PERM_FOLLOWUP_EDIT},
					     {"not-done", PERM_FOLLOWUP_EDIT},
					     {"informed", PERM_FOLLOWUP_EDIT},
					     {NULL, 0}};
static const struct verb kb_verbs[] = {{"import", PERM_KB_EDIT}, {NULL, 0}};
/* making the derived tables again */
static const struct verb verify_verbs[] = {{"--repair", PERM_ARCHIVE_REPAIR},
					   {NULL, 0}};
/* marking log entries as reviewed */
static const struct verb log_verbs[] = {{"--mark", PERM_LOG_REVIEW}, {NULL, 0}};

static int cmd_follow(struct db *db, int argc, char **argv);

static const struct command commands[] = {
    {"import", cmd_import, true, PERM_CASE_IMPORT, NULL},
    {"cases", cmd_cases, false, PERM_CASE_LIST, NULL},
    {"show", cmd_show, false, PERM_CASE_READ, NULL},
    {"meetings", cmd_meetings, false, PERM_MEETING_READ, NULL},
    {"meeting", cmd_meeting, true, PERM_MEETING_PLAN, meeting_verbs},
    {"agenda", cmd_agenda, true, PERM_MEETING_READ, agenda_verbs},
    {"form", cmd_form, true, PERM_DRAFT_READ, form_verbs},
    {"decision", cmd_decision, true, PERM_DECISION_READ, decision_verbs},
    {"verify", cmd_verify, false, PERM_ARCHIVE_VERIFY, verify_verbs},
    {"summary", cmd_summary, true, PERM_SUMMARY_WRITE, NULL},
    {"note", cmd_note, true, PERM_SUMMARY_WRITE, NULL},
    {"followup", cmd_followup, true, PERM_FOLLOWUP_READ, followup_verbs},
    {"turnaround", cmd_turnaround, false, PERM_FOLLOWUP_READ, NULL},
    {"report", cmd_report, true, PERM_REPORT_READ, NULL},
    {"refer", cmd_refer, true, PERM_CASE_REFER, NULL},
    {"support", cmd_support, false, PERM_CASE_READ, NULL},
    {"kb", cmd_kb, true, PERM_KB_READ, kb_verbs},
    {"backup", cmd_backup, false, PERM_ARCHIVE_BACKUP, NULL},
    {"user", cmd_user, true, PERM_USER_ADMIN, NULL},
    {"export", cmd_export, true, PERM_CASE_READ, NULL},
    {"registry", cmd_registry, true, PERM_DECISION_READ, NULL},
    {"log", cmd_log, true, PERM_LOG_READ, log_verbs},
    {"extract", cmd_extract, true, PERM_EXTRACT_RESEARCH, NULL},
    {"follow", cmd_follow, true, PERM_MEETING_READ, NULL},
};

/* The interactive screen opens on the case list. */
static const struct command screen = {"screen", NULL, true, PERM_CASE_LIST,
				      NULL};

/* Whether this command line may create a missing database: only making
 * the first administrator of a new archive (user add) does; every other
 * command needs an existing database (a mistyped --db is an error, not an
 * empty archive that "verifies"). */
static bool creates_db(const struct command *cmd, int argc, char **argv)
{
	return cmd && strcmp(cmd->name, "user") == 0 && argc >= 2 &&
	       strcmp(argv[1], "add") == 0;
}

/*
 * Who runs this, and may they: loads the roles, signs the operating-
 * system account in and checks the permissions the command line needs
 * (each refusal logged). The first administrator of an archive without
 * one is made by `user add` for one's own account (cmd_user checks the
 * rest). Returns an exit code; 0 lets the command run.
 */
static int authorize(struct db *db, const struct command *cmd, int argc,
		     char **argv, const char *emergency)
{
	struct roles rs;
	struct diag d;
	char *err = NULL;
	int rc = 0;

	diag_init(&d);
	enum tb_status st = import_roles_load_default(&rs, &d);
	if (st != TB_OK) {
		diag_print(&d, stderr);
		diag_done(&d);
		return status_exit_code(st);
	}
	diag_done(&d);
	perm_session_begin(&rs, emergency);

	st = user_sign_in(db, &err);
	if (st == TB_DENIED && creates_db(cmd, argc, argv) &&
	    cmd_user_first_run_open(db)) {
		free(err);
		return 0;
	}
	if (st != TB_OK) {
		fprintf(stderr, "tumorboard: %s\n", err);
		if (st == TB_DENIED)
			db_user_log_denied(db, user_actor(), "user", cmd->name,
					   0);
		free(err);
		return status_exit_code(st);
	}
	char *what = NULL; /* the command's name, with the verb checked */
	for (int i = 1; cmd->verbs && i < argc && st == TB_OK; i++) {
		for (const struct verb *v = cmd->verbs; v->word; v++) {
			if (strcmp(argv[i], v->word) != 0)
				continue;
			free(what);
			what = xasprintf("%s %s", cmd->name, v->word);
			st = perm_require(db, v->perm, what, 0, &err);
			break;
		}
	}
	if (st == TB_OK && !what) {
		what = xstrdup(cmd->name);
		st = perm_require(db, cmd->perm, what, 0, &err);
	}
	if (st != TB_OK && cmd == &screen) /* what may not be done */
		fprintf(stderr, "tumorboard: %s\n", err);
	else if (st != TB_OK) /* the command, then what may not be done */
		fprintf(stderr, _("tumorboard %s: %s\n"), what, err);
	if (st != TB_OK)
		rc = status_exit_code(st);
	free(what);
	free(err);
	return rc;
}

/* What main's options set. */
struct main_opts {
	char *db_path; /* --db; caller frees */
	const char *busy;
	const char *emergency;
	struct ui_opts uo;
};

/* The options before the command into o; -1 to go on, else the exit code
 * (--help and --version: 0). o->db_path is set even then. */
static int main_options(int argc, char **argv, struct main_opts *o)
{
	static const struct option longopts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {"script", required_argument, NULL, 's'},
	    {"dump", required_argument, NULL, 'D'},
	    {"dump-mode", required_argument, NULL, 'M'},
	    {"size", required_argument, NULL, 'S'},
	    {"timing", required_argument, NULL, 'T'},
	    {"busy-timeout", required_argument, NULL, 'B'},
	    {"emergency", required_argument, NULL, 'E'},
	    {NULL, 0, NULL, 0}};
	char extra;
	int c;

	while ((c = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			free(o->db_path);
			o->db_path = xstrdup(optarg);
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf(_("tumorboard %s\n"), PACKAGE_VERSION);
#ifdef HAVE_LIBPQ
			puts(_("stores: SQLite, PostgreSQL"));
#else
			puts(_("stores: SQLite (built without PostgreSQL: "
			       "configure found no libpq)"));
#endif
			return 0;
		case 'B':
			o->busy = optarg;
			break;
		case 'E':
			o->emergency = optarg;
			break;
		case 's':
			o->uo.script = optarg;
			break;
		case 'D':
			o->uo.dump = optarg;
			break;
		case 'T':
			o->uo.timing = optarg;
			break;
		case 'M':
			if (strcmp(optarg, "text") != 0 &&
			    strcmp(optarg, "attrs") != 0) {
				fputs(_("tumorboard: --dump-mode wants text or "
					"attrs\n"),
				      stderr);
				return status_exit_code(TB_USAGE);
			}
			o->uo.dump_attrs = strcmp(optarg, "attrs") == 0;
			break;
		case 'S':
			if (sscanf(optarg, "%dx%d%c", &o->uo.cols, &o->uo.rows,
				   &extra) != 2 ||
			    o->uo.cols < 20 || o->uo.rows < 5 ||
			    o->uo.cols > 1000 || o->uo.rows > 1000) {
				fputs(_("tumorboard: --size wants COLSxROWS, "
					"e.g. 80x24\n"),
				      stderr);
				return status_exit_code(TB_USAGE);
			}
			break;
		default:
			usage(stderr);
			return status_exit_code(TB_USAGE);
		}
	}

	return -1;
}

/* The screen's options (--script, --size, --dump) for follow. */
static struct ui_opts follow_opts;

/* tumorboard follow MEETING: the screen, following the case the chair
 * has open at the meeting (read only; q leaves). */
static int cmd_follow(struct db *db, int argc, char **argv)
{
	long long id = argc == 2 ? util_parse_id(argv[1]) : 0;
	if (!id) {
		fputs(_("usage: tumorboard follow MEETING\n"), stderr);
		return status_exit_code(TB_USAGE);
	}
	struct tb_meeting m;
	if (db_meeting_get(db, id, &m) != TB_OK) {
		fprintf(stderr, _("tumorboard follow: no meeting %lld\n"), id);
		return status_exit_code(TB_NOT_FOUND);
	}
	follow_opts.follow_meeting = id;
	return ui_run(db, &follow_opts);
}

/* The door for text from the command line: whatever an argument becomes
 * (a signer, a location, a reason, a file name), it may not carry control
 * or invisible characters. The argument is named by its position, never
 * echoed. */
static bool main_args_clean(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *why;
		if (!util_text_check(argv[i], true, &why)) {
			fprintf(stderr,
				_("tumorboard: argument %d %s; nothing was "
				  "done\n"),
				i, why);
			return false;
		}
	}
	return true;
}

/*
 * tumorboard init: a new archive (db_init). Nobody is signed in: the
 * archive has no users yet, and on PostgreSQL the server decides who may
 * create the schema (its owner). Takes db_path (may be NULL: the
 * default). Returns the exit code.
 */
static int main_init(char *db_path, int argc)
{
	char *err = NULL;
	enum tb_status st = TB_OK;

	if (argc != 1) {
		fputs(_("usage: tumorboard [--db DATABASE] init\n"), stderr);
		free(db_path);
		return status_exit_code(TB_USAGE);
	}
	if (!db_path)
		db_path = db_default_path();
	if (!db_path) {
		fputs(_("tumorboard: no database path: set --db, "
			"TUMORBOARD_DB or HOME\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	int from = 0;
	st = db_upgrade_server(db_path, &from, &err);
	if (st == TB_OK && from > 0)
		printf(_("the archive's schema brought up to date: version %d "
			 "to %d\n"),
		       from, DB_SCHEMA_VERSION);
	else if (st == TB_OK && (st = db_init(db_path, &err)) == TB_OK)
		printf(_("a new archive, schema version %d; its first "
			 "administrator is made with user add\n"),
		       DB_SCHEMA_VERSION);
	if (st != TB_OK)
		fprintf(stderr, /* untranslated: passes an error on */
			"tumorboard: init: %s\n", err);
	free(err);
	free(db_path);
	return status_exit_code(st);
}

/*
 * The commands that work below the archive's users (init, migrate), at
 * argv[optind]: the exit code, or -1 (and db_path kept) when it is
 * another command. Takes db_path when it runs one.
 */
static int main_archive(char *db_path, int argc, char **argv)
{
	argc -= optind;
	argv += optind;
	if (strcmp(argv[0], "init") == 0)
		return main_init(db_path, argc);
	if (strcmp(argv[0], "migrate") != 0)
		return -1;
	if (db_path) {
		fputs(_("tumorboard: migrate names its databases with --from "
			"and --to, not --db\n"),
		      stderr);
		free(db_path);
		return status_exit_code(TB_USAGE);
	}
	return cmd_migrate(argc, argv);
}

int main(int argc, char **argv)
{
	struct main_opts mo = {.busy = getenv("TUMORBOARD_BUSY_TIMEOUT")};
	char *db_path = NULL;
	struct db *db = NULL;
	char *err = NULL;
	int rc = 0;

	i18n_init();
	/* All text is UTF-8; a C/POSIX locale (common over SSH) would make
	 * the screen show å as escapes. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	if (!clock_init_from_env()) {
		fputs(_("tumorboard: TUMORBOARD_NOW must look like "
			"2026-11-23T09:30:00Z\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	int o_rc = main_options(argc, argv, &mo);
	db_path = mo.db_path;
	if (o_rc >= 0) {
		free(db_path);
		return o_rc;
	}
	if (!main_args_clean(argc, argv)) {
		free(db_path);
		return status_exit_code(TB_USAGE);
	}

	const char *busy = mo.busy;
	long busy_s = DB_BUSY_TIMEOUT_DEFAULT;
	if (busy && *busy) {
		if (!util_parse_long(busy, -1, 86400L * 365, &busy_s)) {
			fputs(_("tumorboard: the busy timeout wants whole "
				"seconds "
				"(-1 waits for ever)\n"),
			      stderr);
			free(db_path);
			return status_exit_code(TB_USAGE);
		}
	}

	if (optind < argc && (rc = main_help(argc, argv)) >= 0) {
		free(db_path);
		return rc;
	}
	if (optind < argc && (rc = main_archive(db_path, argc, argv)) >= 0)
		return rc;

	const struct command *cmd = NULL;
	if (optind < argc) {
		for (size_t i = 0; i < UTIL_ARRAY_LEN(commands); i++)
			if (strcmp(argv[optind], commands[i].name) == 0)
				cmd = &commands[i];
		if (!cmd) {
			free(db_path);
			return say_unknown(argv[optind]);
		}
	}

	/* a path the user named (--db, TUMORBOARD_DB) is never created by
	 * the screen: a typo there is an error, not a new empty archive */
	const char *env_db = getenv("TUMORBOARD_DB");
	bool named = db_path || (env_db && *env_db);
	if (!db_path)
		db_path = db_default_path();
	if (!db_path) {
		fputs(_("tumorboard: no database path: set --db, "
			"TUMORBOARD_DB or HOME\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	bool create =
	    creates_db(cmd, argc - optind, argv + optind) && (cmd || !named);
	if (create && strcmp(db_path, ":memory:") != 0 &&
	    db_make_parent_dirs(db_path, &err) != TB_OK) {
		fprintf(stderr, "tumorboard: %s\n", err);
		rc = status_exit_code(TB_IO);
		goto cleanup;
	}
	/* a batch command says why it waits and gives up after the busy
	 * timeout; the screen, unless told otherwise, waits for as long as
	 * another program writes (a long import) and says so on its status
	 * line: a short write from the screen never fails because of it */
	bool on_screen = !cmd || cmd->run == cmd_follow;
	if (on_screen && !(busy && *busy))
		busy_s = -1;
	db_set_busy(busy_s, on_screen ? ui_busy_notice : say_waiting);
	follow_opts = mo.uo;
	enum tb_status st = create ? db_open(db_path, false, &db, &err)
				   : db_open_existing(db_path, &db, &err);
	if (st != TB_OK) {
		fprintf(stderr, "tumorboard: %s\n", err);
		if (!cmd && st == TB_NOT_FOUND)
			fputs(_("tumorboard: to start a new archive at that "
				"path, make its first administrator: "
				"tumorboard --db PATH user add ACCOUNT --name "
				"NAME --title TITLE --role administrator\n"),
			      stderr);
		rc = status_exit_code(st);
		goto cleanup;
	}
	import_global_init();
	rc = authorize(db, cmd ? cmd : &screen, argc - optind, argv + optind,
		       mo.emergency);
	if (rc == 0 && cmd)
		rc = cmd->run(db, argc - optind, argv + optind);
	else if (rc == 0)
		rc = ui_run(db, &mo.uo);
	perm_session_end();
	user_sign_out();
	import_global_cleanup();
cleanup:
	db_close(&db);
	free(err);
	free(db_path);
	return rc;
}
