/*
 * The status line's hints (view.h): the keys of the actions a view names,
 * in its own words where it has them, those the user may use only.
 */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "perm.h"
#include "term.h"
#include "user.h"
#include "util.h"

const char *ui_key_name(struct ui *ui, int view, enum action a, char name[16])
{
	int k = keymap_key_for(&ui->keys, view, a);
	return k >= 0 ? keymap_key_name(k, name) : "?";
}

/* Whether the signed-in user's roles grant what action a needs (the
 * permission data, perm_for_action): a key the user cannot use is not
 * offered on the status line. Whether a case is in the user's care is
 * asked when the key is pressed (view_permit). */
static bool may_use(struct ui *ui, enum action a)
{
	enum perm p;
	const struct user *u = user_current();
	const struct roles *rs = perm_session_roles();
	const struct view *v = ui->top;
	const char *name =
	    v ? (v->ops->kind ? v->ops->kind(v->st) : v->ops->name) : NULL;
	if (!perm_for_view_action(name, a, &p) || !u || !rs)
		return true;
	return perm_user_has(rs, u, p);
}

/* What the status line calls action a: the view's own word for it, else
 * the action's. */
struct hint_words {
	const char *(*word)(struct ui *ui, void *st, enum action a);
	void *st;
};

static const char *hint_word(struct ui *ui, const struct hint_words *hw,
			     enum action a)
{
	const char *w = hw && hw->word ? hw->word(ui, hw->st, a) : NULL;
	return w ? w : action_hint(a);
}

static char *hints_make(struct ui *ui, const char *lead,
			const enum action *acts, size_t n,
			int (*key)(enum action a, void *arg), void *arg,
			const struct hint_words *hw)
{
	struct strbuf sb = {0};
	char name[16];
	if (ui->msg[0]) {
		strbuf_puts(&sb, ui->msg);
		return strbuf_detach(&sb);
	}
	char *help = NULL;
	int help_k = key(ACTION_HELP, arg);
	for (size_t i = 0; i < n; i++)
		if (acts[i] == ACTION_HELP && help_k >= 0)
			help =
			    xasprintf("  %s %s", keymap_key_name(help_k, name),
				      action_hint(ACTION_HELP));
	int room = term_cols() - 2 - (help ? util_display_width(help) : 0);
	if (lead && *lead) {
		strbuf_puts(&sb, lead);
		room -= util_display_width(lead);
	}
	struct strbuf one = {0}; /* a hint, kept when it fits */
	for (size_t i = 0; i < n; i++) {
		if (acts[i] == ACTION_HELP)
			continue;
		/* a key the user may not use is offered by no view: the
		 * check is here, not in each view's key function */
		int k = may_use(ui, acts[i]) ? key(acts[i], arg) : -1;
		if (k < 0)
			continue;
		strbuf_reset(&one);
		strbuf_puts(&one, sb.len ? "  " : "");
		strbuf_puts(&one, keymap_key_name(k, name));
		strbuf_putc(&one, ' ');
		strbuf_puts(&one, hint_word(ui, hw, acts[i]));
		int w = util_display_width(one.buf);
		if (w <= room) {
			strbuf_add(&sb, one.buf, one.len);
			room -= w;
		}
	}
	strbuf_done(&one);
	if (help)
		strbuf_puts(&sb, sb.len ? help : help + 2);
	free(help);
	if (!sb.buf)
		strbuf_puts(&sb, "");
	return strbuf_detach(&sb);
}

char *ui_hints_by(struct ui *ui, const char *lead, const enum action *acts,
		  size_t n, int (*key)(enum action a, void *arg), void *arg)
{
	return hints_make(ui, lead, acts, n, key, arg, NULL);
}

/* ui_hints' keys: the view's binding of an action. */
struct view_keys {
	struct ui *ui;
	int view;
};

static int view_key(enum action a, void *arg)
{
	struct view_keys *vk = arg;
	return keymap_key_for(&vk->ui->keys, vk->view, a);
}

char *ui_hints(struct ui *ui, int view, const enum action *acts, size_t n)
{
	struct view_keys vk = {ui, view};
	return ui_hints_by(ui, NULL, acts, n, view_key, &vk);
}

/* ui_hints of view v, in its own words where it has them. */
char *view_hints(struct ui *ui, struct view *v, const enum action *acts,
		 size_t n)
{
	struct view_keys vk = {ui, v->ops->keymap};
	struct hint_words hw = {v->ops->hint_word, v->st};
	return hints_make(ui, NULL, acts, n, view_key, &vk, &hw);
}
