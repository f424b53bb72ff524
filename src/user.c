/*
 * user — user lifetimes, their lists, field checks and the signed-in user
 * of the process (see user.h).
 */
#include "user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pwd.h>
#include <unistd.h>

#include "db_user.h"
#include "decision.h"
#include "i18n.h"
#include "model.h"
#include "quorum.h"
#include "spell.h"
#include "util.h"

static struct user *current;

struct user *user_new(void)
{
	struct user *u = xcalloc(1, sizeof(*u));
	u->active = true;
	return u;
}

static void list_free(char ***list, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		free((*list)[i]);
	free(*list);
	*list = NULL;
	*n = 0;
}

void user_free(struct user **u)
{
	if (!u || !*u)
		return;
	free((*u)->account);
	free((*u)->name);
	free((*u)->title);
	list_free(&(*u)->roles, &(*u)->n_roles);
	list_free(&(*u)->units, &(*u)->n_units);
	list_free(&(*u)->boards, &(*u)->n_boards);
	free(*u);
	*u = NULL;
}

static void list_copy(char ***to, size_t *n_to, char *const *from, size_t n)
{
	for (size_t i = 0; i < n; i++)
		user_list_add(to, n_to, from[i]);
}

struct user *user_dup(const struct user *u)
{
	struct user *c = user_new();
	c->id = u->id;
	c->account = u->account ? xstrdup(u->account) : NULL;
	c->name = u->name ? xstrdup(u->name) : NULL;
	c->title = u->title ? xstrdup(u->title) : NULL;
	c->active = u->active;
	list_copy(&c->roles, &c->n_roles, u->roles, u->n_roles);
	list_copy(&c->units, &c->n_units, u->units, u->n_units);
	list_copy(&c->boards, &c->n_boards, u->boards, u->n_boards);
	return c;
}

bool user_list_has(char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

void user_list_add(char ***list, size_t *n, const char *s)
{
	if (user_list_has(*list, *n, s))
		return;
	*list = xrealloc(*list, (*n + 1) * sizeof(char *));
	size_t at = *n;
	while (at > 0 && strcmp((*list)[at - 1], s) > 0) {
		(*list)[at] = (*list)[at - 1];
		at--;
	}
	(*list)[at] = xstrdup(s);
	(*n)++;
}

bool user_has_role(const struct user *u, const char *role)
{
	return u && user_list_has(u->roles, u->n_roles, role);
}

bool user_in_unit(const struct user *u, const char *unit)
{
	return u && user_list_has(u->units, u->n_units, unit);
}

bool user_in_board(const struct user *u, const char *board)
{
	return u && user_list_has(u->boards, u->n_boards, board);
}

static bool one_line(const char *what, const char *s, size_t max, char *why,
		     size_t why_len)
{
	const char *bad;
	if (!s || util_blank(s)) {
		snprintf(why, why_len, _("%s is empty"), what);
		return false;
	}
	if (strlen(s) > max) {
		snprintf(why, why_len, _("%s is longer than %zu bytes"), what,
			 max);
		return false;
	}
	if (!util_text_check(s, false, &bad)) {
		snprintf(why, why_len, "%s %s", what, bad);
		return false;
	}
	return true;
}

bool user_check(const struct user *u, char *why, size_t why_len)
{
	const char *a = u->account;
	if (!a || !*a || strlen(a) > USER_ACCOUNT_MAX || *a == '-') {
		snprintf(why, why_len,
			 _("the account must be 1–%d characters, not "
			   "starting with '-'"),
			 USER_ACCOUNT_MAX);
		return false;
	}
	for (const char *p = a; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
		      *p == '-')) {
			snprintf(why, why_len,
				 _("the account may hold only letters a–z, "
				   "digits, '.', '_' and '-'"));
			return false;
		}
	}
	if (!one_line(_("the name"), u->name, USER_NAME_MAX, why, why_len) ||
	    !one_line(_("the title"), u->title, USER_TITLE_MAX, why, why_len))
		return false;
	for (size_t i = 0; i < u->n_units; i++)
		if (!one_line(_("a unit"), u->units[i], USER_UNIT_MAX, why,
			      why_len))
			return false;
	for (size_t i = 0; i < u->n_boards; i++)
		if (!one_line(_("a board"), u->boards[i], 40, why, why_len))
			return false;
	for (size_t i = 0; i < u->n_roles; i++)
		if (!one_line(_("a role"), u->roles[i], 40, why, why_len))
			return false;
	return true;
}

enum tb_status user_lookup_active(struct db *db, const char *account,
				  struct user **out, char *why, size_t why_len)
{
	*out = NULL;
	why[0] = '\0';
	enum tb_status st = db_user_get(db, account, out);
	if (st == TB_NOT_FOUND)
		snprintf(why, why_len,
			 _("'%s' is not a user of this archive (give a user's "
			   "account; tumorboard user list)"),
			 account);
	else if (st != TB_OK)
		snprintf(why, why_len, "%s", _("the users could not be read"));
	else if (!(*out)->active) {
		snprintf(why, why_len, _("the user '%s' is disabled"), account);
		user_free(out);
		st = TB_INVALID;
	}
	return st;
}

enum tb_status user_sign_in(struct db *db, char **err)
{
	const char *account = user_os_account();
	struct user *u = NULL;
	long long n_users = 0, n_admins = 0;

	user_sign_out();
	if (!account) {
		*err = xstrdup(_("this process's user id has no account name"));
		return TB_DENIED;
	}
	enum tb_status st = db_user_get(db, account, &u);
	if (st == TB_NOT_FOUND) {
		if (db_user_count(db, &n_users, &n_admins) != TB_OK)
			return TB_DB;
		if (n_users == 0)
			*err = xasprintf(
			    _("the account '%s' is not a user of this archive, "
			      "which has no users yet; make yourself its first "
			      "administrator: tumorboard user add %s --name "
			      "NAME --title TITLE --role administrator"),
			    account, account);
		else
			*err = xasprintf(_("the account '%s' is not a user "
					   "of this archive; an administrator "
					   "adds users (tumorboard user add)"),
					 account);
		return TB_DENIED;
	}
	if (st != TB_OK) {
		*err = xstrdup(_("the users could not be read"));
		return st;
	}
	if (!u->active) {
		*err = xasprintf(_("the user '%s' is disabled"), account);
		user_free(&u);
		return TB_DENIED;
	}
	current = u;
	return TB_OK;
}

void user_sign_out(void)
{
	user_free(&current);
}

const struct user *user_current(void)
{
	return current;
}

void user_set_current(struct user *u)
{
	user_free(&current);
	current = u;
}

const char *user_actor(void)
{
	if (current && current->account)
		return current->account;
	const char *a = user_os_account();
	return a ? a : "unknown";
}

/* Whether the user named name (account) is like who (folded): who
 * within the name or account, letter case and accents aside ("Aberg" in
 * "Lena Åberg"), or near one of them, a letter or two off ("Per
 * Lindkvist", "Maria Ekk"; spell_near). Never the user themself: only
 * offered. */
static bool like_user(const char *name, const char *account,
		      const struct spell_name *who)
{
	struct spell_name n, a;
	spell_name_fold(&n, name);
	spell_name_fold(&a, account);
	return spell_contains_name(&n, who) || spell_contains_name(&a, who) ||
	       spell_near_name(who, &n) || spell_near_name(who, &a);
}

struct attendee_match {
	const char *who;
	struct user *exact; /* the one user who is who */
	size_t n_exact;
	struct strbuf like; /* "Name (account), …" of the users like who */
	size_t n_like;
	struct spell_name folded; /* who, once folded is set */
	bool folded_set;
};

static bool attendee_user(const struct user *u, void *arg)
{
	struct attendee_match *m = arg;
	if (!u->active)
		return true;
	if (strcmp(u->account, m->who) == 0 ||
	    strcasecmp(u->name, m->who) == 0) {
		if (!m->exact || strcmp(u->account, m->who) == 0) {
			user_free(&m->exact);
			m->exact = user_dup(u);
		}
		m->n_exact++;
	}
	if (!m->folded_set) {
		spell_name_fold(&m->folded, m->who);
		m->folded_set = true;
	}
	if (like_user(u->name, u->account, &m->folded)) {
		if (m->n_like < 8)
			strbuf_printf(&m->like, "%s%s (%s)",
				      m->n_like ? ", " : "", u->name,
				      u->account);
		m->n_like++;
	}
	return true;
}

/* "Anna Ek, kurator, Onkologen SU" as "Anna Ek (guest, kurator,
 * Onkologen SU)"; NULL when a part is missing. */
static char *guest_name(const char *spec)
{
	char *copy = xstrdup(spec);
	char *parts[3] = {0};
	char *p = copy;
	int n = 0;
	for (; n < 3 && p; n++) {
		char *comma = n < 2 ? strchr(p, ',') : NULL;
		if (comma)
			*comma = '\0';
		parts[n] = util_trim(p);
		p = comma ? comma + 1 : NULL;
	}
	char *out = NULL;
	if (n == 3 && parts[2] && *parts[0] && *parts[1] && *parts[2] &&
	    !strchr(spec, ':'))
		out = xasprintf(/* untranslated: stored in the archive */
				"%s (guest, %s, %s)", parts[0], parts[1],
				parts[2]);
	free(copy);
	return out;
}

/* Where w's guest mark " (guest, " begins, the archive's word or the
 * interface's; *len its length. NULL when there is none. */
static const char *guest_mark(const char *w, size_t *len)
{
	char shown[64];
	snprintf(shown, sizeof(shown), " (%s, ", _("guest"));
	const char *open = strstr(w, " (guest, ");
	*len = strlen(" (guest, ");
	if (!open && (open = strstr(w, shown)))
		*len = strlen(shown);
	return open;
}

char *user_attendee_shown(const char *recorded)
{
	size_t len;
	const char *open = guest_mark(recorded, &len);
	if (!open)
		return xstrdup(recorded);
	return xasprintf("%.*s (%s, %s", (int)(open - recorded), recorded,
			 _("guest"), open + len);
}

/* "Name (guest, profession, unit)" as "Name, profession, unit"; NULL
 * when w is not a guest as recorded (or as shown). */
static char *recorded_guest(const char *w)
{
	size_t len;
	const char *open = guest_mark(w, &len);
	size_t n = strlen(w);
	if (!open || n < 2 || w[n - 1] != ')' || strchr(open + 2, '('))
		return NULL;
	const char *rest = open + len;
	return xasprintf("%.*s, %.*s", (int)(open - w), w,
			 (int)(w + n - 1 - rest), rest);
}

/* Whether the user recorded as *out, of title, may fill role (NULL: not
 * asked): TB_INVALID with why saying so when the title names another
 * profession than the role's (quorum_role_claim); *out is freed then. */
static enum tb_status role_claim(const char *role, const char *title,
				 char **out, char *why, size_t why_len)
{
	if (!role || !*out ||
	    quorum_role_claim(role, title) != QUORUM_CLAIM_REFUSED)
		return TB_OK;
	snprintf(why, why_len,
		 _("%s cannot attend as %s: that is a physician's role, and "
		   "the user's title is %s; a physician fills it, or the "
		   "user attends in a role of their own profession"),
		 *out, model_role_label(role), title);
	free(*out);
	*out = NULL;
	return TB_INVALID;
}

/* The user who names, by name or account, for user_find_active and
 * attendee_name alike: TB_OK with *found (caller frees); TB_INVALID when
 * it is the name of several (why says so); TB_NOT_FOUND when no user's
 * (m->like then holds users like it); another status when the users
 * could not be read (why says so). */
static enum tb_status match_user(struct db *db, const char *who,
				 struct attendee_match *m, struct user **found,
				 char *why, size_t why_len)
{
	*found = NULL;
	enum tb_status st = *who ? db_user_list(db, attendee_user, m) : TB_OK;
	if (st != TB_OK) {
		snprintf(why, why_len, "%s", _("the users could not be read"));
		return st;
	}
	if (m->n_exact == 1 || (m->exact && !strcmp(m->exact->account, who))) {
		*found = m->exact;
		m->exact = NULL;
		return TB_OK;
	}
	if (m->n_exact > 1) {
		snprintf(why, why_len,
			 _("'%s' is the name of %zu users: give the account "
			   "(%s)"),
			 who, m->n_exact, m->like.buf ? m->like.buf : "");
		return TB_INVALID;
	}
	return TB_NOT_FOUND;
}

/* user_attendee_name, the guest's hint as typed on the screen when
 * screen, else as given on the command line; with role, the role's claim
 * checked against the user's title (role_claim). */
static enum tb_status attendee_name(struct db *db, const char *who, bool guest,
				    bool screen, const char *role, char **out,
				    char *why, size_t why_len)
{
	*out = NULL;
	why[0] = '\0';
	char *clean = util_sanitize(who, false);
	const char *w = util_trim(clean);
	enum tb_status st = TB_OK;
	/* a guest as recorded, "Name (guest, profession, unit)" (those
	 * present, offered again on the form), is that guest */
	char *recorded = recorded_guest(w);
	if (recorded) {
		free(clean);
		clean = recorded;
		w = clean;
		guest = true;
	}
	if (guest) {
		*out = guest_name(w);
		if (!*out) {
			snprintf(why, why_len,
				 _("a guest is given as \"Name, profession, "
				   "unit\" (all three, no ':')"));
			st = TB_INVALID;
		}
		/* a guest's role is not checked: the minutes mark it */
		free(clean);
		return st;
	}
	struct attendee_match m = {.who = w};
	strbuf_init(&m.like);
	struct user *u = NULL;
	st = match_user(db, w, &m, &u, why, why_len);
	if (st == TB_OK) {
		*out = xstrdup(u->name);
		st = role_claim(role, u->title, out, why, why_len);
	} else if (st == TB_NOT_FOUND) {
		/* a disabled user says so */
		if (*w && db_user_get(db, w, &u) == TB_OK && !u->active) {
			snprintf(why, why_len, _("the user '%s' is disabled"),
				 w);
			st = TB_INVALID;
		} else {
			snprintf(why, why_len,
				 m.n_like ? _("'%s' is not a user of this "
					      "archive; users like it: %s%s; "
					      "a guest is added as such (%s)")
					  : _("'%s' is not a user of this "
					      "archive, nor like one%s%s; a "
					      "guest is added as such (%s)"),
				 w, m.n_like ? m.like.buf : "",
				 m.n_like > 8 ? _(" and more") : "",
				 screen ? _("guest: Name, profession, unit")
					: _("--guest \"Name, profession, "
					    "unit\""));
		}
	}
	user_free(&u);
	user_free(&m.exact);
	strbuf_done(&m.like);
	free(clean);
	return st;
}

enum tb_status user_find_active(struct db *db, const char *who,
				struct user **out, char *why, size_t why_len)
{
	why[0] = '\0';
	struct attendee_match m = {.who = who};
	strbuf_init(&m.like);
	enum tb_status st = match_user(db, who, &m, out, why, why_len);
	if (st == TB_NOT_FOUND) /* not a user, or a disabled one: said so */
		st = user_lookup_active(db, who, out, why, why_len);
	user_free(&m.exact);
	strbuf_done(&m.like);
	return st;
}

enum tb_status user_attendee_name(struct db *db, const char *who, bool guest,
				  char **out, char *why, size_t why_len)
{
	return attendee_name(db, who, guest, false, NULL, out, why, why_len);
}

enum tb_status user_attendee_name_as(struct db *db, const char *who, bool guest,
				     const char *role, bool screen, char **out,
				     char *why, size_t why_len)
{
	return attendee_name(db, who, guest, screen, role, out, why, why_len);
}

enum tb_status user_attendee_name_screen(struct db *db, const char *who,
					 bool guest, char **out, char *why,
					 size_t why_len)
{
	return attendee_name(db, who, guest, true, NULL, out, why, why_len);
}

static enum tb_status attendee_entry(struct db *db, const char *arg, bool guest,
				     bool screen, struct strbuf *att, char *why,
				     size_t why_len)
{
	const char *colon = strchr(arg, ':');
	char *who = colon ? xstrndup(arg, (size_t)(colon - arg)) : NULL;
	char *role =
	    colon ? xstrndup(colon + 1, strcspn(colon + 1, ":")) : NULL;
	char *name = NULL;
	char *entry = NULL;
	why[0] = '\0';
	enum tb_status st = who ? attendee_name(db, who, guest, screen, role,
						&name, why, why_len)
				: TB_USAGE;
	if (st == TB_OK) {
		entry = xasprintf("%s%s", name, colon);
		if (!decision_attendee_add(att, entry))
			st = TB_USAGE;
	}
	if (st == TB_USAGE)
		snprintf(why, why_len, "%s",
			 _("an attendee is given as name:role or "
			   "name:role:cover (a guest as guest: Name, "
			   "profession, unit:role)"));
	free(role);
	free(who);
	free(name);
	free(entry);
	return st;
}

enum tb_status user_attendee_entry(struct db *db, const char *arg, bool guest,
				   struct strbuf *att, char *why,
				   size_t why_len)
{
	return attendee_entry(db, arg, guest, false, att, why, why_len);
}

/* At p (white space skipped), "guest:" or "gäst:": its length, else 0. */
static size_t guest_prefix(const char *p)
{
	if (strncasecmp(p, "guest:", 6) == 0)
		return 6;
	if (strncasecmp(p, "g\xc3\xa4st:", 6) == 0)
		return 6;
	return 0;
}

/* The end of the entry that begins at p: a ';', or a ',' outside
 * parentheses (a guest as recorded) and, in a guest's entry, after its
 * role (a guest's own commas come before it). */
static const char *entry_end(const char *p)
{
	while (*p == ' ')
		p++;
	size_t g = guest_prefix(p);
	bool in_guest = g > 0, past_role = false;
	int depth = 0;
	for (p += g; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if (*p == ':')
			past_role = true;
		else if (*p == ';' ||
			 (*p == ',' && depth == 0 && (!in_guest || past_role)))
			break;
	}
	return p;
}

enum tb_status user_attendees_line(struct db *db, const char *line,
				   struct strbuf *att, char *why,
				   size_t why_len)
{
	enum tb_status st = TB_OK;
	why[0] = '\0';
	/* the first entry refused said whole, the others after it by name:
	 * every one is known at once */
	struct strbuf others;
	strbuf_init(&others);
	for (const char *p = line; st != TB_DB && *p;) {
		const char *end = entry_end(p);
		char *entry = xstrndup(p, (size_t)(end - p));
		char *t = util_trim(entry);
		size_t g = guest_prefix(t);
		char one[600];
		enum tb_status sto = *t ? attendee_entry(db, t + g, g > 0, true,
							 att, one, sizeof(one))
					: TB_OK;
		if (sto != TB_OK && st == TB_OK) {
			snprintf(why, why_len, "%s: %s", t, one);
			st = sto;
		} else if (sto != TB_OK) {
			strbuf_printf(&others, "%s%s", others.len ? "; " : "",
				      t);
			if (sto == TB_DB)
				st = sto;
		}
		free(entry);
		p = *end ? end + 1 : end;
	}
	if (others.len && *why) {
		char *also = xasprintf(_("Also refused: %s"), others.buf);
		util_add_sentence(why, why_len, also);
		free(also);
	}
	strbuf_done(&others);
	if (st == TB_OK && !att->len) {
		snprintf(why, why_len, "%s",
			 _("nobody is named: give each attendee as name:role"));
		st = TB_USAGE;
	}
	return st;
}

const char *user_passwd_account(void)
{
	static char name[USER_ACCOUNT_MAX + 1];
	if (name[0])
		return name;
	struct passwd *pw = getpwuid(getuid());
	if (!pw || !pw->pw_name || !*pw->pw_name)
		return NULL;
	snprintf(name, sizeof(name), "%s", pw->pw_name);
	return name;
}
