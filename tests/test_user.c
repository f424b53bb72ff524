/* Unit tests: users, roles as data and the care relationship — the
 * shipped roles against a table of every role and permission, the load
 * rules of roles.xml with file:line, users stored and changed with an
 * audit entry, disabled users holding nothing, refusals logged, the care
 * relationship (agenda, board, referring unit, none), emergency access
 * with and without a reason and its end, and who may sign. */
#include "testutil.h"

#include "action.h"
#include "board.h"
#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_meeting.h"
#include "db_user.h"
#include "diag.h"
#include "import_boards.h"
#include "import_roles.h"
#include "model.h"
#include "perm.h"
#include "user.h"

struct fixture {
	char *dir, *path;
	struct db *db;
	struct roles roles;
	struct boards boards;
	long long lung, breast; /* cases: lung from Lungmedicin */
};

/* Every diagnostic as printed (caller frees). */
static char *diag_join(const struct diag *d)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	assert_non_null(f);
	diag_print(d, f);
	fclose(f);
	return buf;
}

static long long store(struct db *db, const char *ext, const char *pnr,
		       const char *icd10, const char *unit)
{
	struct tb_case *c = test_make_case(ext, pnr, "Märta");
	util_set(&c->icd10, icd10);
	util_set(&c->referrer_unit, unit);
	bool created;
	char *changes = NULL;
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, c, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	free(changes);
	long long id = c->id;
	model_case_free(&c);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct diag d = {0};
	char *err = NULL;
	clock_set_fixed(1795424400); /* 2026-11-23T09:00:00Z */
	f->dir = test_tmpdir();
	f->path = xasprintf("%s/tb.db", f->dir);
	assert_int_equal(db_open(f->path, false, &f->db, &err), TB_OK);
	assert_int_equal(import_roles_load(NULL, &f->roles, &d), TB_OK);
	assert_int_equal(import_boards_load(NULL, &f->boards, &d), TB_OK);
	diag_done(&d);
	f->lung = store(f->db, "L-1", "19560312-9809", "C34.1", "Lungmedicin");
	f->breast =
	    store(f->db, "B-1", "19771012-9847", "C50.4", "Kirurgi Borås");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	user_set_current(NULL);
	roles_done(&f->roles);
	boards_done(&f->boards);
	db_close(&f->db);
	test_rmtree(f->dir);
	free(f->dir);
	free(f->path);
	free(f);
	return 0;
}

static struct user *make(const char *account, const char *roles,
			 const char *board, const char *unit)
{
	struct user *u = user_new();
	u->account = xstrdup(account);
	u->name = xstrdup("Åsa Öberg");
	u->title = xstrdup("läkare");
	char *copy = xstrdup(roles);
	for (char *t = strtok(copy, ","); t; t = strtok(NULL, ","))
		user_list_add(&u->roles, &u->n_roles, t);
	free(copy);
	if (board)
		user_list_add(&u->boards, &u->n_boards, board);
	if (unit)
		user_list_add(&u->units, &u->n_units, unit);
	return u;
}

/* The shipped roles.xml, permission by permission: what each role may
 * and may not do. A change to data/roles.xml must change this table. */
static void test_shipped_roles_matrix(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *role;
		const char *allowed; /* space separated, every other refused */
	} expect[] = {
	    {"coordinator",
	     "case.import case.list case.read case.refer meeting.read "
	     "meeting.plan meeting.run decision.read followup.read "
	     "report.read kb.read"},
	    {"member", "case.list case.read meeting.read draft.read draft.edit "
		       "decision.read followup.read kb.read"},
	    {"chair",
	     "case.list case.read case.refer meeting.read meeting.run "
	     "meeting.finish draft.read draft.edit decision.read decision.sign "
	     "decision.amend summary.write followup.read kb.read"},
	    {"nurse", "case.list case.read meeting.read draft.read "
		      "decision.read summary.write followup.read followup.edit "
		      "kb.read"},
	    {"administrator", "user.admin kb.read kb.edit archive.verify "
			      "archive.backup archive.repair extract.research"},
	    {"auditor", "log.read log.review archive.verify"},
	};
	assert_int_equal(f->roles.n, UTIL_ARRAY_LEN(expect));
	assert_int_equal(f->roles.emergency_hours, 4);
	for (size_t r = 0; r < UTIL_ARRAY_LEN(expect); r++) {
		struct user *u = make("x", expect[r].role, NULL, NULL);
		for (int p = 0; p < PERM__COUNT; p++) {
			char word[40];
			snprintf(word, sizeof(word), " %s ", perm_name(p));
			char *list = xasprintf(" %s ", expect[r].allowed);
			bool want = strstr(list, word) != NULL;
			free(list);
			if (perm_user_has(&f->roles, u, p) != want)
				fail_msg("role %s, permission %s: expected %s",
					 expect[r].role, perm_name(p),
					 want ? "allowed" : "refused");
		}
		/* disabled: nothing at all */
		u->active = false;
		for (int p = 0; p < PERM__COUNT; p++)
			assert_false(perm_user_has(&f->roles, u, p));
		user_free(&u);
	}
	/* a role roles.xml does not know grants nothing */
	struct user *u = make("x", "superuser", NULL, NULL);
	for (int p = 0; p < PERM__COUNT; p++)
		assert_false(perm_user_has(&f->roles, u, p));
	user_free(&u);
}

/* Every action of the screen against every shipped role, as
 * tests/roles/actions.tsv says: the permission perm_for_view_action asks
 * in that view, granted or not by the role. Every action of ACTION_TABLE
 * has a line for view "*". */
static void test_screen_actions_by_role(void **state)
{
	struct fixture *f = *state;
	static const char *const roles[] = {"coordinator",   "member",
					    "chair",	     "nurse",
					    "administrator", "auditor"};
	const char *dir = getenv("TB_SRCDIR");
	assert_non_null(dir);
	char *path = xasprintf("%s/tests/roles/actions.tsv", dir);
	FILE *in = fopen(path, "r");
	if (!in)
		fail_msg("%s: cannot be read", path);
	bool seen[ACTION__COUNT] = {false};
	char line[512];
	int lineno = 0, rows = 0;
	while (fgets(line, sizeof(line), in)) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *save = NULL;
		char *view = strtok_r(line, "\t", &save);
		char *name = strtok_r(NULL, "\t", &save);
		enum action a = name ? action_by_name(name) : ACTION_NONE;
		if (!view || a == ACTION_NONE)
			fail_msg("%s:%d: no such action '%s'", path, lineno,
				 name ? name : "");
		if (strcmp(view, "*") == 0)
			seen[a] = true;
		enum perm p;
		bool needs = perm_for_view_action(
		    strcmp(view, "*") == 0 ? NULL : view, a, &p);
		for (size_t r = 0; r < UTIL_ARRAY_LEN(roles); r++) {
			char *want = strtok_r(NULL, "\t", &save);
			if (!want || (strcmp(want, "y") && strcmp(want, "n")))
				fail_msg("%s:%d: role %s wants y or n", path,
					 lineno, roles[r]);
			struct user *u = make("x", roles[r], NULL, NULL);
			bool may = !needs || perm_user_has(&f->roles, u, p);
			user_free(&u);
			if (may != (want[0] == 'y'))
				fail_msg("%s:%d: %s in %s: the %s is %s (%s)",
					 path, lineno, name, view, roles[r],
					 may ? "allowed" : "refused",
					 needs ? perm_name(p)
					       : "no permission");
		}
		rows++;
	}
	fclose(in);
	for (int a = ACTION_NONE + 1; a < ACTION__COUNT; a++)
		if (!seen[a])
			fail_msg("%s: the action %s has no line for view *",
				 path, action_name(a));
	assert_true(rows >= ACTION__COUNT - 1);
	free(path);
}

static void expect_roles_error(const char *xml, const char *msg)
{
	struct roles rs;
	struct diag d = {0};
	assert_int_equal(import_roles_parse("r.xml", xml, strlen(xml), &rs, &d),
			 TB_INVALID);
	assert_int_equal(rs.n, 0);
	char *all = diag_join(&d);
	if (!strstr(all, msg))
		fail_msg("expected '%s' in: %s", msg, all);
	free(all);
	diag_done(&d);
}

static void test_roles_load_rules(void **state)
{
	(void)state;
	const char *head = "<?xml version=\"1.0\"?>\n<roles xmlns=\"urn:x-"
			   "tumorboard:roles:1\" version=\"t\">\n"
			   "<emergency hours=\"2\"/>\n";
	char *x = xasprintf("%s<role id=\"administrator\" name=\"A\">\n"
			    "<permission>user.admin</permission>\n"
			    "<permission>user.everything</permission>\n"
			    "</role></roles>",
			    head);
	expect_roles_error(x, "r.xml:6: role/permission: unknown permission "
			      "'user.everything'");
	free(x);
	x = xasprintf("%s<role id=\"administrator\" name=\"A\">\n"
		      "<permission>user.admin</permission>\n"
		      "<permission>user.admin</permission>\n</role></roles>",
		      head);
	expect_roles_error(x, "r.xml:6: role/permission: permission "
			      "'user.admin' is given twice");
	free(x);
	x = xasprintf("%s<role id=\"administrator\" name=\"A\">\n"
		      "<permission>user.admin</permission></role>\n"
		      "<role id=\"administrator\" name=\"B\">\n"
		      "<permission>kb.read</permission></role></roles>",
		      head);
	expect_roles_error(x, "r.xml:6: role/@id: role id 'administrator' is "
			      "used twice");
	free(x);
	x = xasprintf("%s<role id=\"chair\" name=\"A\">\n"
		      "<permission>decision.sign</permission></role></roles>",
		      head);
	expect_roles_error(x, "the role 'administrator' is missing");
	free(x);
	/* the schema: no emergency hours */
	expect_roles_error("<roles xmlns=\"urn:x-tumorboard:roles:1\" "
			   "version=\"t\"><role id=\"administrator\" "
			   "name=\"A\"><permission>user.admin</permission>"
			   "</role></roles>",
			   "r.xml:1");
	/* a DOCTYPE never reaches the parser */
	expect_roles_error("<!DOCTYPE roles [<!ENTITY x \"y\">]><roles/>",
			   "DOCTYPE");

	/* a file of the administrator's replaces the built-in set */
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/roles.xml", dir);
	x = xasprintf("%s<role id=\"administrator\" name=\"A\">\n"
		      "<permission>user.admin</permission></role></roles>",
		      head);
	test_write_file(path, x, strlen(x));
	struct roles rs;
	struct diag d = {0};
	assert_int_equal(import_roles_load(path, &rs, &d), TB_OK);
	assert_string_equal(rs.source, path);
	assert_int_equal(rs.n, 1);
	assert_int_equal(rs.emergency_hours, 2);
	roles_done(&rs);
	/* a missing file: the built-in set */
	char *missing = xasprintf("%s/none.xml", dir);
	assert_int_equal(import_roles_load(missing, &rs, &d), TB_OK);
	assert_string_equal(rs.source, "built-in");
	roles_done(&rs);
	diag_done(&d);
	free(missing);
	free(x);
	free(path);
	test_rmtree(dir);
	free(dir);
}

static void test_user_store(void **state)
{
	struct fixture *f = *state;
	char why[200] = "";
	long long n = 0, admins = 0;
	assert_int_equal(db_user_count(f->db, &n, &admins), TB_OK);
	assert_int_equal(n, 0);

	struct user *u = make("anna.lind", "member,chair", "lung", "Onkologi");
	user_list_add(&u->units, &u->n_units, "Lungmedicin");
	long long audit =
	    test_file_scalar(f->path, "SELECT count(*) FROM audit");
	assert_int_equal(db_user_add(f->db, u, "admin", why, sizeof(why)),
			 TB_OK);
	assert_true(u->id > 0);
	assert_int_equal(test_file_scalar(f->path,
					  "SELECT count(*) FROM audit WHERE "
					  "action = 'user-add' AND actor = "
					  "'admin'"),
			 1);
	assert_true(test_file_scalar(f->path, "SELECT count(*) FROM audit") >
		    audit);
	/* the account is unique */
	struct user *twin = make("anna.lind", "member", NULL, NULL);
	assert_int_equal(db_user_add(f->db, twin, "admin", why, sizeof(why)),
			 TB_INVALID);
	assert_non_null(strstr(why, "already a user"));
	user_free(&twin);

	struct user *got = NULL;
	assert_int_equal(db_user_get(f->db, "anna.lind", &got), TB_OK);
	assert_string_equal(got->name, "Åsa Öberg");
	assert_int_equal(got->n_roles, 2);
	assert_string_equal(got->roles[0], "chair"); /* sorted */
	assert_int_equal(got->n_units, 2);
	assert_true(user_in_board(got, "lung"));
	assert_true(user_in_unit(got, "Lungmedicin"));

	/* disabling is an edit with its own audit entry naming the field */
	got->active = false;
	assert_int_equal(db_user_update(f->db, got, "admin", why, sizeof(why)),
			 TB_OK);
	assert_int_equal(test_file_scalar(f->path,
					  "SELECT count(*) FROM audit WHERE "
					  "action = 'user-edit' AND detail = "
					  "'disabled'"),
			 1);
	/* an edit that changes nothing writes nothing */
	long long before =
	    test_file_scalar(f->path, "SELECT count(*) FROM audit");
	assert_int_equal(db_user_update(f->db, got, "admin", why, sizeof(why)),
			 TB_OK);
	assert_int_equal(
	    test_file_scalar(f->path, "SELECT count(*) FROM audit"), before);
	user_free(&got);
	assert_int_equal(db_user_get(f->db, "nobody", &got), TB_NOT_FOUND);
	assert_null(got);

	/* bad fields are refused before anything is written */
	struct user *bad = make("-rf", "member", NULL, NULL);
	assert_int_equal(db_user_add(f->db, bad, "admin", why, sizeof(why)),
			 TB_INVALID);
	free(bad->account);
	bad->account = xstrdup("ok");
	free(bad->name);
	bad->name = xstrdup("Eva\nLind");
	assert_int_equal(db_user_add(f->db, bad, "admin", why, sizeof(why)),
			 TB_INVALID);
	assert_non_null(strstr(why, "the name"));
	user_free(&bad);
	assert_int_equal(db_user_count(f->db, &n, &admins), TB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(admins, 0);
	user_free(&u);

	/* the user record is sealed: verify finds a role granted behind the
	 * program's back */
	struct diag d = {0};
	struct db_audit_check chk;
	assert_int_equal(db_audit_verify(f->db, &d, &chk), TB_OK);
	assert_int_equal(d.n, 0);
	struct store *conn;
	conn = test_store_open(f->path);
	assert_int_equal(
	    store_exec(conn,
		       "INSERT INTO user_role VALUES (1, 'administrator')"),
	    STORE_OK);
	store_close(conn);
	assert_int_equal(db_audit_verify(f->db, &d, &chk), TB_OK);
	assert_true(d.n > 0);
	char *all = diag_join(&d);
	if (!strstr(all, "user") || !strstr(all, "behind the program's back"))
		fail_msg("verify said: %s", all);
	free(all);
	diag_done(&d);
}

/* Every refusal in a clinician's words: what may not be done (never the
 * permission's name but in brackets at the end), why (the user's roles
 * by their names, none, or a disabled account), and which roles may. */
static void test_refusal_words(void **state)
{
	struct fixture *f = *state;
	struct user *u = make("u1", "nurse,administrator", "lung", NULL);
	for (int i = 0; i < PERM__COUNT; i++) {
		enum perm p = (enum perm)i;
		const char *words = perm_may_not(p);
		assert_string_not_equal(words, "?");
		assert_null(strstr(words, perm_name(p)));
		char *r = perm_refusal(&f->roles, u, p);
		char *end = xasprintf(" [%s]", perm_name(p));
		size_t n = strlen(r), m = strlen(end);
		/* "You may not" and the words; the name only at the end */
		assert_true(strncmp(r, "You may not ", 12) == 0);
		assert_ptr_equal(strstr(r, words), r + 12);
		assert_true(n > m && strcmp(r + n - m, end) == 0);
		assert_ptr_equal(strstr(r, perm_name(p)), r + n - m + 2);
		assert_null(strstr(r, "u1"));
		free(end);
		free(r);
	}
	/* two roles by their names; the four roles that may */
	char *r = perm_refusal(&f->roles, u, PERM_MEETING_PLAN);
	assert_string_equal(r, "You may not plan, change or cancel meetings "
			       "or put cases on agendas: your roles "
			       "(System administrator and Contact nurse) do "
			       "not allow it. The role MDK coordinator may. "
			       "[meeting.plan]");
	free(r);
	user_free(&u);
	u = make("u2", "auditor", NULL, NULL);
	r = perm_refusal(&f->roles, u, PERM_CASE_LIST);
	/* in the interface language, the shipped roles' names translated */
	assert_non_null(strstr(r, "The roles MDK coordinator, Board member, "
				  "Chair and Contact nurse may."));
	free(r);
	u->active = false;
	r = perm_refusal(&f->roles, u, PERM_LOG_READ);
	assert_string_equal(r, "You may not read the access log: your account "
			       "is disabled; a user administrator may enable "
			       "it. [log.read]");
	free(r);
	user_free(&u);
	/* no role at all; roles of which none may */
	u = make("u3", "", NULL, NULL);
	struct roles none = {0};
	r = perm_refusal(&none, u, PERM_KB_EDIT);
	assert_string_equal(r,
			    "You may not install a knowledge base: you hold "
			    "no role that allows it. No role may. [kb.edit]");
	free(r);
	/* a role roles.xml does not know is named by its id */
	user_list_add(&u->roles, &u->n_roles, "wizard");
	r = perm_refusal(&f->roles, u, PERM_KB_EDIT);
	assert_non_null(strstr(r, "your role (wizard) does not allow it. "
				  "The role System administrator may."));
	free(r);
	user_free(&u);
	/* the board: in words, to the user as you */
	u = make("koord", "coordinator", "lung", NULL);
	char *err = NULL;
	assert_int_equal(perm_check_board(f->db, &f->roles, u,
					  PERM_MEETING_PLAN, "general",
					  "meeting add", 0, &err),
			 TB_DENIED);
	assert_string_equal(err, "You may not plan, change or cancel meetings "
				 "or put cases on agendas for the board "
				 "'general': you do not belong to it, and that "
				 "is allowed only for the boards you belong "
				 "to. [meeting.plan]");
	free(err);
	user_free(&u);
}

static void test_denied_is_logged(void **state)
{
	struct fixture *f = *state;
	struct user *u = make("nils.ek", "nurse", NULL, NULL);
	char *err = NULL;
	assert_int_equal(perm_check(f->db, &f->roles, u, PERM_DECISION_SIGN,
				    "decision sign", 0, &err),
			 TB_DENIED);
	/* in words: what may not be done, by the role's name, who may; the
	 * permission only in brackets at the end, no action before it */
	assert_string_equal(err, "You may not sign a decision: your role "
				 "(Contact nurse) does not allow it. "
				 "The role Chair may. [decision.sign]");
	free(err);
	err = NULL;
	assert_int_equal(test_file_scalar(f->path,
					  "SELECT count(*) FROM audit WHERE "
					  "action = 'denied' AND actor = "
					  "'nils.ek' AND detail = 'permission="
					  "decision.sign what=decision sign'"),
			 1);
	assert_int_equal(perm_check(f->db, &f->roles, u, PERM_SUMMARY_WRITE,
				    "summary", 0, &err),
			 TB_OK);
	assert_null(err);
	assert_int_equal(status_exit_code(TB_DENIED), 9);
	user_free(&u);
}

static long long meeting(struct db *db, const char *board, long long c)
{
	struct tb_meeting m = {.length_min = 60};
	snprintf(m.date, sizeof(m.date), "2026-11-30");
	snprintf(m.start_time, sizeof(m.start_time), "09:00");
	snprintf(m.board, sizeof(m.board), "%s", board);
	snprintf(m.level, sizeof(m.level), "regional");
	assert_int_equal(db_meeting_create(db, &m), TB_OK);
	const char *why = NULL;
	assert_int_equal(db_agenda_add(db, m.id, c, NULL, 0, &why), TB_OK);
	return m.id;
}

static void test_care_relationship(void **state)
{
	struct fixture *f = *state;
	struct perm_relation rel;
	char why[200];
	/* the breast surgeon of Borås: unit referred the breast case */
	struct user *unit = make("u1", "member", NULL, "Kirurgi Borås");
	struct user *board = make("u2", "member", "breast", NULL);
	struct user *agenda = make("u3", "member", "mtb", NULL);
	struct user *none = make("u4", "member", "prostate", "Urologi");
	assert_int_equal(db_user_add(f->db, unit, "t", why, sizeof(why)),
			 TB_OK);
	assert_int_equal(db_user_add(f->db, board, "t", why, sizeof(why)),
			 TB_OK);
	assert_int_equal(db_user_add(f->db, agenda, "t", why, sizeof(why)),
			 TB_OK);
	assert_int_equal(db_user_add(f->db, none, "t", why, sizeof(why)),
			 TB_OK);

	assert_int_equal(
	    perm_relation(f->db, unit, f->breast, &f->boards, &rel), TB_OK);
	assert_int_equal(rel.kind, PERM_REL_UNIT);
	assert_string_equal(perm_rel_name(rel.kind), "referral-unit");
	assert_int_equal(perm_relation(f->db, unit, f->lung, &f->boards, &rel),
			 TB_OK);
	assert_int_equal(rel.kind, PERM_REL_NONE);

	assert_int_equal(
	    perm_relation(f->db, board, f->breast, &f->boards, &rel), TB_OK);
	assert_int_equal(rel.kind, PERM_REL_BOARD);
	assert_string_equal(rel.board, "breast");
	/* without the board types the board relationship is not decided */
	assert_int_equal(perm_relation(f->db, board, f->breast, NULL, &rel),
			 TB_OK);
	assert_int_equal(rel.kind, PERM_REL_NONE);

	/* the molecular tumor board lists the lung case */
	assert_int_equal(
	    perm_relation(f->db, agenda, f->lung, &f->boards, &rel), TB_OK);
	assert_int_equal(rel.kind, PERM_REL_NONE);
	long long m = meeting(f->db, "mtb", f->lung);
	assert_int_equal(
	    perm_relation(f->db, agenda, f->lung, &f->boards, &rel), TB_OK);
	assert_int_equal(rel.kind, PERM_REL_AGENDA);
	assert_int_equal(rel.meeting_id, m);
	assert_string_equal(rel.board, "mtb");
	/* taken off the agenda: no longer */
	assert_int_equal(db_agenda_remove(f->db, m, f->lung, "fel", NULL, 0),
			 TB_OK);
	assert_int_equal(
	    perm_relation(f->db, agenda, f->lung, &f->boards, &rel), TB_OK);
	assert_int_equal(rel.kind, PERM_REL_NONE);

	/* opening: refused without a reason, logged; with one, granted */
	char *err = NULL;
	assert_int_equal(perm_open_case(f->db, &f->roles, none, f->lung,
					&f->boards, NULL, "show", &rel, &err),
			 TB_DENIED);
	assert_non_null(strstr(err, "You may not open this case: it is not "
				    "in your care"));
	assert_null(strstr(err, "'u4'"));
	assert_null(strstr(err, "show:"));
	assert_non_null(strstr(err, "--emergency"));
	free(err);
	err = NULL;
	assert_int_equal(test_file_scalar(f->path,
					  "SELECT count(*) FROM audit WHERE "
					  "action = 'denied' AND actor = 'u4' "
					  "AND entity = 'case'"),
			 1);
	assert_int_equal(perm_open_case(f->db, &f->roles, none, f->lung,
					&f->boards, "  ", "show", &rel, &err),
			 TB_DENIED);
	assert_non_null(strstr(err, "a reason is required"));
	free(err);
	err = NULL;
	assert_int_equal(
	    test_file_scalar(f->path, "SELECT count(*) FROM emergency_access"),
	    0);
	assert_int_equal(perm_open_case(f->db, &f->roles, none, f->lung,
					&f->boards, "akut försämring, jour",
					"show", &rel, &err),
			 TB_OK);
	assert_int_equal(rel.kind, PERM_REL_EMERGENCY);
	assert_string_equal(rel.until, "2026-11-23T13:00:00Z");
	assert_int_equal(
	    test_file_scalar(f->path, "SELECT count(*) FROM emergency_access"
				      " WHERE review = 1 AND reason = "
				      "'akut försämring, jour'"),
	    1);
	/* the reason is in the grant, never in the audit log */
	assert_int_equal(test_file_scalar(f->path,
					  "SELECT count(*) FROM audit WHERE "
					  "detail LIKE '%jour%'"),
			 0);
	/* within the hours granted the access stands without a new reason */
	clock_set_fixed(1795424400 + 3 * 3600);
	assert_int_equal(perm_open_case(f->db, &f->roles, none, f->lung,
					&f->boards, NULL, "show", &rel, &err),
			 TB_OK);
	assert_int_equal(rel.kind, PERM_REL_EMERGENCY);
	/* after them it has ended */
	clock_set_fixed(1795424400 + 4 * 3600);
	assert_int_equal(perm_open_case(f->db, &f->roles, none, f->lung,
					&f->boards, NULL, "show", &rel, &err),
			 TB_DENIED);
	free(err);
	err = NULL;
	clock_set_fixed(1795424400);
	/* an administrator has no case.read: no emergency access opens it */
	struct user *adm = make("a1", "administrator", NULL, NULL);
	assert_int_equal(perm_open_case(f->db, &f->roles, adm, f->lung,
					&f->boards, "nyfiken", "show", &rel,
					&err),
			 TB_DENIED);
	assert_non_null(strstr(err, "case.read"));
	free(err);
	assert_int_equal(perm_relation(f->db, none, 9999, &f->boards, &rel),
			 TB_NOT_FOUND);
	user_free(&adm);
	user_free(&unit);
	user_free(&board);
	user_free(&agenda);
	user_free(&none);
}

static void test_who_may_sign(void **state)
{
	struct fixture *f = *state;
	char why[200] = "";
	struct user *chair = make("c1", "chair", "lung", NULL);
	struct user *other = make("c2", "chair", "breast", NULL);
	struct user *member = make("m1", "member", "lung", NULL);
	assert_true(
	    perm_may_sign(&f->roles, chair, "lung", NULL, why, sizeof(why)));
	assert_false(
	    perm_may_sign(&f->roles, other, "lung", "", why, sizeof(why)));
	assert_string_equal(why, "You may not sign this decision: you neither "
				 "belong to the board 'lung' nor chair the "
				 "meeting. [decision.sign]");
	/* named chair of the meeting */
	assert_true(
	    perm_may_sign(&f->roles, other, "lung", "c2", why, sizeof(why)));
	/* the chair role is needed even when named chair */
	assert_false(
	    perm_may_sign(&f->roles, member, "lung", "m1", why, sizeof(why)));
	assert_string_equal(why, "You may not sign a decision: your role "
				 "(Board member) does not allow it. The "
				 "role Chair may. [decision.sign]");
	chair->active = false;
	assert_false(
	    perm_may_sign(&f->roles, chair, "lung", NULL, why, sizeof(why)));
	user_free(&chair);
	user_free(&other);
	user_free(&member);
}

static void test_sign_in(void **state)
{
	struct fixture *f = *state;
	char *err = NULL;
	char why[200];
	const char *me = user_os_account();
	assert_non_null(me);
	/* no users at all: how to make the first administrator */
	assert_int_equal(user_sign_in(f->db, &err), TB_DENIED);
	assert_non_null(strstr(err, "first administrator"));
	assert_null(user_current());
	free(err);
	err = NULL;
	struct user *u = make(me, "administrator", NULL, NULL);
	assert_int_equal(db_user_add(f->db, u, me, why, sizeof(why)), TB_OK);
	assert_int_equal(user_sign_in(f->db, &err), TB_OK);
	assert_string_equal(user_current()->account, me);
	assert_string_equal(user_actor(), me);
	/* disabled: refused */
	u->active = false;
	assert_int_equal(db_user_update(f->db, u, me, why, sizeof(why)), TB_OK);
	assert_int_equal(user_sign_in(f->db, &err), TB_DENIED);
	assert_non_null(strstr(err, "disabled"));
	assert_null(user_current());
	free(err);
	user_free(&u);
}

/* The attendees typed on one line (the form): users by account or name,
 * guests marked ("guest:"/"gäst:", commas their own before the role), a
 * guest as recorded taken as that guest; anyone else refused, named. */
static void test_attendees_line(void **state)
{
	struct fixture *f = *state;
	char why[700] = "";
	struct user *u = make("anna.lind", "member", "lung", NULL);
	assert_int_equal(db_user_add(f->db, u, "admin", why, sizeof(why)),
			 TB_OK);
	user_free(&u);
	struct strbuf att;
	strbuf_init(&att);
	assert_int_equal(
	    user_attendees_line(f->db,
				"anna.lind:onkolog, guest: Bo Ek, kurator, "
				"Onkologen SU:radiolog:cover; g\u00e4st: Li "
				"Wu, fysioterapeut, Rehab:patolog",
				&att, why, sizeof(why)),
	    TB_OK);
	assert_string_equal(
	    att.buf, "\u00c5sa \u00d6berg\tonkolog\tcore\n"
		     "Bo Ek (guest, kurator, Onkologen SU)\tradiolog\t"
		     "cover\n"
		     "Li Wu (guest, fysioterapeut, Rehab)\tpatolog\tcore");
	/* those present, offered again as recorded, are taken again */
	strbuf_reset(&att);
	assert_int_equal(
	    user_attendees_line(f->db,
				"\u00c5sa \u00d6berg:onkolog, Bo Ek (guest, "
				"kurator, Onkologen SU):radiolog:cover",
				&att, why, sizeof(why)),
	    TB_OK);
	assert_non_null(strstr(att.buf, "Bo Ek (guest, kurator, Onkologen "
					"SU)\tradiolog\tcover"));
	/* refusals name the entry; att is left as it was */
	strbuf_reset(&att);
	assert_int_equal(
	    user_attendees_line(f->db, "anna.lind:onkolog, Okänd:radiolog",
				&att, why, sizeof(why)),
	    TB_NOT_FOUND);
	assert_non_null(strstr(why, "Okänd:radiolog: 'Okänd' is not a user"));
	/* how a guest is typed here, on the screen, not the option */
	assert_non_null(strstr(why, "(guest: Name, profession, unit)"));
	assert_null(strstr(why, "--guest"));
	strbuf_reset(&att);
	assert_int_equal(user_attendees_line(f->db,
					     "guest: Bo Ek, kurator:radiolog",
					     &att, why, sizeof(why)),
			 TB_INVALID);
	assert_non_null(strstr(why, "a guest is given as"));
	assert_int_equal(
	    user_attendees_line(f->db, "anna.lind", &att, why, sizeof(why)),
	    TB_USAGE);
	assert_int_equal(user_attendees_line(f->db, "anna.lind:onkolog:x", &att,
					     why, sizeof(why)),
			 TB_USAGE);
	assert_int_equal(
	    user_attendees_line(f->db, " , ", &att, why, sizeof(why)),
	    TB_USAGE);
	assert_null(att.buf && *att.buf ? att.buf : NULL);
	strbuf_done(&att);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_shipped_roles_matrix, setup,
					    teardown),
	    cmocka_unit_test(test_roles_load_rules),
	    cmocka_unit_test_setup_teardown(test_user_store, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refusal_words, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_denied_is_logged, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_care_relationship, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_who_may_sign, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_screen_actions_by_role, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_sign_in, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_attendees_line, setup,
					    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
