/*
 * cmd_user — "user add|edit|disable|list": the people of the archive
 * (tumorboard-roles(5)). An administrator's command (the dispatcher
 * checks user.admin), except for the first administrator of an archive
 * that has none, whom the account itself makes.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "cmd.h"
#include "i18n.h"
#include "db_user.h"
#include "perm.h"
#include "user.h"
#include "util.h"

static int usage_user(void)
{
	fputs(
	    _("usage: tumorboard user add ACCOUNT --name NAME --title TITLE "
	      "--role ROLE[,ROLE...]\n"
	      "                          [--unit UNIT]... [--board BOARD]...\n"
	      "       tumorboard user edit ACCOUNT [--name NAME] [--title "
	      "TITLE] [--role ROLE,...]\n"
	      "                          [--unit UNIT]... [--board BOARD]... "
	      "[--enable]\n"
	      "       tumorboard user disable ACCOUNT\n"
	      "       tumorboard user list\n"),
	    stderr);
	return status_exit_code(TB_USAGE);
}

bool cmd_user_first_run_open(struct db *db)
{
	long long users = 0, admins = 0;
	return db_user_count(db, &users, &admins) == TB_OK && admins == 0;
}

static void split_roles(struct user *u, const char *arg)
{
	char *copy = xstrdup(arg);
	for (char *t = strtok(copy, ", "); t; t = strtok(NULL, ", "))
		user_list_add(&u->roles, &u->n_roles, t);
	free(copy);
}

/* Every role is one of roles.xml, every board one of boards.xml. */
static bool known(const struct user *u)
{
	const struct roles *rs = perm_session_roles();
	bool ok = true;
	for (size_t i = 0; i < u->n_roles; i++)
		if (!rs || !roles_by_id(rs, u->roles[i])) {
			fprintf(stderr,
				_("tumorboard user: --role: no role '%s' in "
				  "the roles (tumorboard-roles(5))\n"),
				u->roles[i]);
			ok = false;
		}
	if (!u->n_boards)
		return ok;
	struct boards bs = {0};
	if (cmd_load_boards(&bs) != TB_OK)
		return false;
	for (size_t i = 0; i < u->n_boards; i++)
		if (!boards_by_id(&bs, u->boards[i])) {
			fprintf(
			    stderr,
			    _("tumorboard user: --board: no board '%s' "
			      "in the board types (tumorboard-boards(5))\n"),
			    u->boards[i]);
			ok = false;
		}
	boards_done(&bs);
	return ok;
}

static void print_list(char *const *l, size_t n)
{
	if (!n)
		fputs("-", stdout);
	for (size_t i = 0; i < n; i++) {
		char *s = util_sanitize(l[i], false);
		printf("%s%s", i ? "," : "", s);
		free(s);
	}
}

static bool print_user(const struct user *u, void *arg)
{
	(void)arg;
	char *name = util_sanitize(u->name, false);
	char *title = util_sanitize(u->title, false);
	printf("%s\t%s\t%s\t", u->account, name, title);
	print_list(u->roles, u->n_roles);
	putchar('\t');
	print_list(u->boards, u->n_boards);
	putchar('\t');
	print_list(u->units, u->n_units);
	printf("\t%s\t", u->active ? "active" : "disabled");
	/* the roles' names (roles.xml), in the order of their ids */
	const struct roles *rs = perm_session_roles();
	for (size_t i = 0; i < u->n_roles; i++) {
		const struct role *r = rs ? roles_by_id(rs, u->roles[i]) : NULL;
		char *s = util_sanitize(
		    model_user_role_label(u->roles[i], r ? r->name : NULL),
		    false);
		printf("%s%s", i ? "," : "", s);
		free(s);
	}
	if (!u->n_roles)
		fputs("-", stdout);
	putchar('\n');
	free(name);
	free(title);
	return true;
}

/* Replaces *to with a copy of from. */
static void list_replace(char ***to, size_t *n_to, char *const *from, size_t n)
{
	for (size_t i = 0; i < *n_to; i++)
		free((*to)[i]);
	free(*to);
	*to = NULL;
	*n_to = 0;
	for (size_t i = 0; i < n; i++)
		user_list_add(to, n_to, from[i]);
}

/* Whether the change leaves the archive an active administrator. */
static bool keeps_an_admin(struct db *db, const struct user *old,
			   const struct user *u)
{
	long long users = 0, admins = 0;
	bool was = old->active && user_has_role(old, "administrator");
	bool is = u->active && user_has_role(u, "administrator");
	if (!was || is)
		return true;
	return db_user_count(db, &users, &admins) == TB_OK && admins > 1;
}

/* With no one signed in, only the first administrator may be made, by
 * the account itself and with the administrator role; false (said and
 * logged) otherwise. */
static bool first_admin_ok(struct db *db, bool add, const char *account,
			   const struct user *u)
{
	const char *me = user_os_account();
	if (add && me && strcmp(account, me) == 0 &&
	    user_has_role(u, "administrator"))
		return true;
	fprintf(stderr,
		_("tumorboard user: refused: this archive has no "
		  "administrator; only its first one can be "
		  "made now, by the account itself and with the "
		  "administrator role: tumorboard user add %s "
		  "--name NAME --title TITLE --role "
		  "administrator\n"),
		me ? me : "ACCOUNT");
	db_user_log_denied(db, user_actor(), "user.admin",
			   /* untranslated: an audit detail */ "user first-run",
			   0);
	return false;
}

/* What "user edit" and "user disable" change. */
struct user_change {
	bool disable, enable, set_roles, set_units, set_boards;
};

/* "user edit ACCOUNT ..." and "user disable ACCOUNT": the user's row with
 * u's given fields; why (size bytes) says what was refused. */
static enum tb_status user_change(struct db *db, const char *account,
				  const struct user *u,
				  const struct user_change *ch, char *why,
				  size_t size)
{
	struct user *old = NULL;
	enum tb_status st = db_user_get(db, account, &old);
	if (st == TB_NOT_FOUND)
		snprintf(why, size, _("no user '%s'"), account);
	if (st != TB_OK)
		return st;
	struct user *n = user_dup(old);
	if (ch->disable) {
		n->active = false;
	} else {
		if (u->name)
			util_set(&n->name, u->name);
		if (u->title)
			util_set(&n->title, u->title);
		if (ch->enable)
			n->active = true;
		if (ch->set_roles)
			list_replace(&n->roles, &n->n_roles, u->roles,
				     u->n_roles);
		if (ch->set_units)
			list_replace(&n->units, &n->n_units, u->units,
				     u->n_units);
		if (ch->set_boards)
			list_replace(&n->boards, &n->n_boards, u->boards,
				     u->n_boards);
	}
	if (!known(n)) {
		st = TB_INVALID;
	} else if (!keeps_an_admin(db, old, n)) {
		snprintf(why, size,
			 _("'%s' is the last active administrator; make "
			   "another one first"),
			 account);
		st = TB_INVALID;
	} else {
		st = db_user_update(db, n, user_actor(), why, size);
		if (st == TB_OK)
			printf(ch->disable ? _("user %s disabled\n")
					   : _("user %s changed\n"),
			       account);
	}
	user_free(&n);
	user_free(&old);
	return st;
}

int cmd_user(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"name", required_argument, NULL, 'n'},
	    {"title", required_argument, NULL, 't'},
	    {"role", required_argument, NULL, 'r'},
	    {"unit", required_argument, NULL, 'u'},
	    {"board", required_argument, NULL, 'b'},
	    {"enable", no_argument, NULL, 'e'},
	    {NULL, 0, NULL, 0}};
	struct user *u = user_new();
	bool set_roles = false, set_units = false, set_boards = false;
	bool enable = false;
	char why[200] = "";
	enum tb_status st = TB_OK;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			util_set(&u->name, optarg);
			break;
		case 't':
			util_set(&u->title, optarg);
			break;
		case 'r':
			split_roles(u, optarg);
			set_roles = true;
			break;
		case 'u':
			user_list_add(&u->units, &u->n_units, optarg);
			set_units = true;
			break;
		case 'b':
			user_list_add(&u->boards, &u->n_boards, optarg);
			set_boards = true;
			break;
		case 'e':
			enable = true;
			break;
		default:
			user_free(&u);
			return usage_user();
		}
	}
	int rest = argc - optind;
	const char *verb = rest >= 1 ? argv[optind] : "";
	const char *account = rest >= 2 ? argv[optind + 1] : NULL;
	bool add = rest == 2 && strcmp(verb, "add") == 0;
	bool edit = rest == 2 && strcmp(verb, "edit") == 0;
	bool disable = rest == 2 && strcmp(verb, "disable") == 0;
	bool list = rest == 1 && strcmp(verb, "list") == 0;
	if (!add && !edit && !disable && !list) {
		user_free(&u);
		return usage_user();
	}

	/* no one signed in: the first administrator, for one's own account */
	if (!user_current() && !first_admin_ok(db, add, account, u)) {
		user_free(&u);
		return status_exit_code(TB_DENIED);
	}

	if (list) {
		st = db_user_list(db, print_user, NULL);
		goto cleanup;
	}
	if (add) {
		if (!u->name || !u->title || !u->n_roles) {
			fputs(_("tumorboard user add: --name, --title and "
				"--role are required\n"),
			      stderr);
			user_free(&u);
			return status_exit_code(TB_USAGE);
		}
		util_set(&u->account, account);
		if (!known(u)) {
			st = TB_INVALID;
			goto cleanup;
		}
		st = db_user_add(db, u, user_actor(), why, sizeof(why));
		if (st == TB_OK)
			printf(_("user %s added\n"), u->account);
		goto cleanup;
	}

	struct user_change ch = {.disable = disable,
				 .enable = enable,
				 .set_roles = set_roles,
				 .set_units = set_units,
				 .set_boards = set_boards};
	st = user_change(db, account, u, &ch, why, sizeof(why));
cleanup:
	if (st != TB_OK && why[0])
		fprintf(stderr, "tumorboard user: %s\n", why);
	else if (st != TB_OK && st != TB_INVALID)
		fprintf(stderr, "tumorboard user: %s\n", status_message(st));
	user_free(&u);
	return status_exit_code(st);
}
