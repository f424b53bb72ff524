/*
 * The minutes' title and the line under it (minutes.h): the level, the
 * place and who chaired. Who chaired is the chair named when planning the
 * meeting, unless the attendance shows that person was not there (in any
 * role, a guest too); then who stood in, as the decisions signed at the
 * meeting name them (the chair signs). And the words of an attendee's
 * kind (core, other, cover) with the width of the widest.
 */
#include "minutes.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db_meeting.h"
#include "db_user.h"
#include "i18n.h"
#include "model.h"
#include "user.h"
#include "util.h"

struct chair_seen {
	const char *chair; /* as the meeting names it: an account or a name */
	const char *name;  /* the name of the user whose account it is */
	bool anyone;	   /* someone was recorded at all */
	bool present;	   /* the chair was, at some time */
};

/* Whether the n bytes at s are name (letter case aside). */
static bool same_name(const char *s, size_t n, const char *name)
{
	return name && strlen(name) == n && strncasecmp(s, name, n) == 0;
}

/* Whether recorded (an attendee's or a signer's name, as the archive
 * holds it) is the chair: by name, or by the name of the account the
 * meeting names (letter case aside). A guest is recorded as "Name
 * (guest, profession, unit)": a chair who attended as a guest is there. */
static bool is_chair(const struct chair_seen *cs, const char *recorded)
{
	const char *mark = strstr(recorded, /* untranslated: stored */
				  " (guest, ");
	size_t n = mark ? (size_t)(mark - recorded) : strlen(recorded);
	return same_name(recorded, n, cs->chair) ||
	       same_name(recorded, n, cs->name);
}

static bool chair_row(const struct db_attendee *a, void *arg)
{
	struct chair_seen *cs = arg;
	cs->anyone = true;
	cs->present = cs->present || is_chair(cs, a->name);
	return !cs->present;
}

/* Whether the line at s of lines (split in place by strtok_r: each line
 * before s ends in a NUL) repeats one of the lines before it. */
static bool signed_before(const char *lines, const char *s)
{
	for (const char *p = lines; p < s; p += strlen(p) + 1)
		if (strcmp(p, s) == 0)
			return true;
	return false;
}

char *minutes_chair_said(struct db *db, const struct tb_meeting *m,
			 const char *signers)
{
	if (!m->chair[0])
		return NULL;
	struct chair_seen cs = {.chair = m->chair};
	struct user *u = NULL;
	if (db_user_get(db, m->chair, &u) == TB_OK)
		cs.name = u->name;
	/* attendance is recorded once the meeting runs: before, or with
	 * nobody recorded, it cannot tell who was absent */
	if (!m->started[0] ||
	    db_attendee_list(db, m->id, false, chair_row, &cs) != TB_OK ||
	    !cs.anyone || cs.present) {
		user_free(&u);
		return xstrdup(m->chair);
	}
	/* who signed in the chair's place, each once, in signing order; a
	 * chair who signed at the meeting was there, recorded or not */
	struct strbuf in;
	strbuf_init(&in);
	char *copy = xstrdup(signers ? signers : "");
	char *save = NULL;
	bool chair_signed = false;
	for (char *s = strtok_r(copy, "\n", &save); s;
	     s = strtok_r(NULL, "\n", &save))
		if (is_chair(&cs, s))
			chair_signed = true;
		else if (!signed_before(copy, s))
			strbuf_printf(&in, "%s%s", in.len ? ", " : "", s);
	free(copy);
	char *said =
	    chair_signed ? xstrdup(m->chair)
	    : in.len ? xasprintf(_("%s, standing in for %s (absent)"), in.buf,
				 m->chair)
		     : xasprintf(_("%s (absent; who stood in is not recorded)"),
				 m->chair);
	strbuf_done(&in);
	user_free(&u);
	return said;
}

void minutes_put_head(struct db *db, const struct tb_meeting *m,
		      const char *board, const char *signers, bool as_written,
		      struct textdoc *doc)
{
	textdoc_printf(doc, TD_TITLE,
		       strcmp(m->status, "finished") == 0
			   ? _("Minutes of meeting %lld — %s")
			   : _("Minutes of meeting %lld — %s (not finished)"),
		       m->id, board);
	textdoc_newline(doc);
	/* "Regional MDK": the level's word with a capital (a–z first) */
	char level[64];
	snprintf(level, sizeof(level), "%s",
		 m->level[0] ? model_level_label(m->level) : "");
	if (level[0] >= 'a' && level[0] <= 'z')
		level[0] = (char)(level[0] - 'a' + 'A');
	/* an older archive's text as it was written: the chair planned, on
	 * one line */
	char *chair = as_written ? NULL : minutes_chair_said(db, m, signers);
	char *line = xasprintf(m->location[0] ? _("%s MDK, %s. Chair: %s")
					      : _("%s MDK%s. Chair: %s"),
			       level, m->location,
			       chair	     ? chair
			       : m->chair[0] ? m->chair
					     : _("not named"));
	if (as_written) {
		textdoc_put(doc, TD_DIM, line);
		textdoc_newline(doc);
	} else
		textdoc_wrap_on(doc, 0, TD_DIM, line);
	free(line);
	free(chair);
}

const char *minutes_kind_label(const char *kind)
{
	return strcmp(kind, "core") == 0    ? pgettext("role kind", "core")
	       : strcmp(kind, "other") == 0 ? pgettext("role kind", "other")
					    : _("cover");
}

int minutes_kind_width(void)
{
	static const char *const kinds[] = {"core", "other", "cover"};
	int widest = 0;
	for (size_t k = 0; k < UTIL_ARRAY_LEN(kinds); k++) {
		int w = util_display_width(minutes_kind_label(kinds[k]));
		widest = w > widest ? w : widest;
	}
	return widest;
}
