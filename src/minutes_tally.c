/*
 * A meeting's cases counted by one rule and in words (minutes.h): the
 * minutes' last line, the finish report, a finished agenda's title,
 * fitted to a room.
 */
#include "minutes.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "db_decision.h"
#include "db_meeting.h"
#include "i18n.h"
#include "util.h"

/* One part of a tally in room cells (0: any): added when it fits. */
static bool tally_part(struct strbuf *sb, int room, const char *part)
{
	if (room > 0 && util_display_width(sb->buf ? sb->buf : "") +
				util_display_width(part) >
			    room)
		return false;
	strbuf_puts(sb, part);
	return true;
}

/* "N cases: ", the head of a tally's words. */
static char *tally_head(const struct minutes_tally *t)
{
	return xasprintf(
	    ngettext("%d case: ", "%d cases: ", (unsigned long)t->cases),
	    t->cases);
}

char *minutes_tally_words(const struct minutes_tally *t, int room)
{
	struct strbuf sb = {0};
	char *head = tally_head(t);
	char *part = xasprintf(
	    ngettext("%d decided", "%d decided", (unsigned long)t->decided),
	    t->decided);
	if (t->amended) {
		char *more =
		    xasprintf(ngettext(" (%d amended)", " (%d amended)",
				       (unsigned long)t->amended),
			      t->amended);
		char *both = xasprintf("%s%s", part, more);
		free(part);
		free(more);
		part = both;
	}
	char *whole = xasprintf("%s%s", head, part);
	bool brief = room > 0 && util_display_width(whole) > room;
	if (!brief) {
		strbuf_puts(&sb, whole);
		/* each count in the words for its number; in a room, what
		 * did not happen left out, then what does not fit; already
		 * signed and still listed said only when some are */
		const int n[] = {t->already_signed, t->undecided,   t->deferred,
				 t->not_discussed,  t->not_reached, t->listed};
		const bool always[] = {false, true, true, true, true, false};
		char *said[] = {
		    xasprintf(ngettext(", %d already signed",
				       ", %d already signed",
				       (unsigned long)n[0]),
			      n[0]),
		    xasprintf(ngettext(", %d discussed without a decision",
				       ", %d discussed without a decision",
				       (unsigned long)n[1]),
			      n[1]),
		    xasprintf(ngettext(", %d deferred", ", %d deferred",
				       (unsigned long)n[2]),
			      n[2]),
		    xasprintf(ngettext(", %d not discussed",
				       ", %d not discussed",
				       (unsigned long)n[3]),
			      n[3]),
		    xasprintf(ngettext(", %d not reached", ", %d not reached",
				       (unsigned long)n[4]),
			      n[4]),
		    xasprintf(ngettext(", %d still listed", ", %d still listed",
				       (unsigned long)n[5]),
			      n[5])};
		bool fits = true;
		size_t last = 0; /* where the last count said begins */
		for (size_t i = 0; i < UTIL_ARRAY_LEN(said); i++) {
			size_t at = sb.len;
			if (fits && (n[i] || (room <= 0 && always[i]))) {
				fits = tally_part(&sb, room, said[i]);
				last = fits ? at : last;
				/* a count left out is marked, never dropped
				 * unseen: "…" where it would have been, in
				 * place of the count before when it takes
				 * the room, of them all when none is said */
				if (!fits && !tally_part(&sb, room, ", …") &&
				    !tally_part(&sb, room, "…")) {
					sb.len = last;
					sb.buf[last] = '\0';
					brief = !last;
					(void)tally_part(&sb, room, ", …");
				}
			}
			free(said[i]);
		}
	}
	if (brief) {
		/* the count of cases always; "N cases" alone when nothing
		 * more fits */
		size_t n = strlen(head);
		while (n && (head[n - 1] == ' ' || head[n - 1] == ':'))
			head[--n] = '\0';
		sb.len = 0;
		strbuf_puts(&sb, head);
		(void)tally_part(&sb, room, " …"); /* the counts left out */
	}
	free(whole);
	free(part);
	free(head);
	return strbuf_detach(&sb);
}

char *minutes_tally_counts(const struct minutes_tally *t, int room)
{
	if (t->decided + t->already_signed + t->undecided + t->deferred +
		t->not_discussed + t->not_reached + t->listed !=
	    t->cases)
		return NULL;
	char *head = tally_head(t);
	/* the words in the room and the head's: what follows the head */
	char *all = minutes_tally_words(
	    t, room > 0 ? room + util_display_width(head) : 1 << 20);
	size_t n = strlen(head);
	char *counts =
	    strncmp(all, head, n) == 0 && all[n] ? xstrdup(all + n) : NULL;
	free(all);
	free(head);
	return counts;
}

enum minutes_outcome minutes_tally_case(struct minutes_tally *t,
					const struct db_agenda_row *r,
					bool finished)
{
	enum minutes_outcome o;
	if (r->decided_here)
		o = MINUTES_DECIDED;
	else if (strcmp(r->status, "discussed") == 0)
		o = MINUTES_UNDECIDED;
	else if (strcmp(r->status, "deferred") == 0)
		o = MINUTES_DEFERRED;
	else if (strcmp(r->status, "not-discussed") == 0)
		o = MINUTES_NOT_DISCUSSED;
	else if (finished && strcmp(r->status, "not-reached") == 0 && r->note &&
		 strcmp(r->note, DB_AGENDA_DECIDED_MEANWHILE) == 0)
		/* finishing took it off signed: decided, if not here */
		o = MINUTES_ALREADY_SIGNED;
	else if (strcmp(r->status, "not-reached") == 0 ||
		 (finished && !r->started))
		/* a finished meeting's case still listed and never opened
		 * was not reached all the same: no later meeting took it */
		o = MINUTES_NOT_REACHED;
	else
		o = MINUTES_LISTED;
	int *const count[] = {&t->decided,	 &t->undecided,	  &t->deferred,
			      &t->not_discussed, &t->not_reached, &t->listed,
			      &t->already_signed};
	t->cases++;
	(*count[o])++;
	return o;
}

/* The decisions signed at a meeting: each one's case and version. */
struct signed_at {
	long long *case_id;
	int *version;
	size_t n;
};

static bool collect_signed(const struct tb_decision *d, void *arg)
{
	struct signed_at *sa = arg;
	sa->case_id = xrealloc(sa->case_id, (sa->n + 1) * sizeof(long long));
	sa->version = xrealloc(sa->version, (sa->n + 1) * sizeof(int));
	sa->case_id[sa->n] = d->case_id;
	sa->version[sa->n++] = d->version;
	return true;
}

static int minutes_amended_case(const long long *case_id, const int *version,
				size_t n, long long id)
{
	int n_signed = 0, last = 0;
	for (size_t i = 0; i < n; i++)
		if (case_id[i] == id) {
			n_signed++;
			last = version[i]; /* the last: amended at it */
		}
	/* signed and amended (at it, or since an earlier one) */
	return n_signed > 1 || last > 1;
}

enum tb_status minutes_tally_amended(struct db *db, long long meeting_id,
				     const long long *ids, size_t n,
				     int *amended)
{
	struct signed_at sa = {0};
	enum tb_status st =
	    db_decision_each_meeting(db, meeting_id, collect_signed, &sa);
	*amended = 0;
	for (size_t i = 0; st == TB_OK && i < n; i++)
		*amended +=
		    minutes_amended_case(sa.case_id, sa.version, sa.n, ids[i]);
	free(sa.case_id);
	free(sa.version);
	return st;
}
