#include "quorum.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "model.h"
#include "util.h"

/* True when a line of attendees has role (its second column). */
static bool has_role(const char *attendees, const char *role)
{
	size_t n = strlen(role);
	for (const char *p = attendees; p && *p;) {
		size_t len = strcspn(p, "\n");
		const char *tab = memchr(p, '\t', len);
		if (tab) {
			const char *r = tab + 1;
			size_t rl = strcspn(r, "\t\n");
			if (rl == n && strncasecmp(r, role, n) == 0)
				return true;
		}
		p += len;
		if (*p)
			p++;
	}
	return false;
}

/* The missing core roles, as boards.xml spells them or (said) as a
 * person reads them. */
static size_t missing_roles(const struct board *b, const char *attendees,
			    struct strbuf *missing, bool said)
{
	size_t n = 0;
	for (size_t i = 0; i < b->n_core_roles; i++) {
		if (has_role(attendees, b->core_roles[i]))
			continue;
		if (missing)
			strbuf_printf(missing, "%s%s", n ? ", " : "",
				      said ? model_role_label(b->core_roles[i])
					   : b->core_roles[i]);
		n++;
	}
	return n;
}

size_t quorum_missing(const struct board *b, const char *attendees,
		      struct strbuf *missing)
{
	return missing_roles(b, attendees, missing, false);
}

size_t quorum_missing_said(const struct board *b, const char *attendees,
			   struct strbuf *missing)
{
	return missing_roles(b, attendees, missing, true);
}

/* The roles of b, or of every board of bs (each once), as a person
 * reads them, into sb. */
static void roles_named(const struct boards *bs, const struct board *b,
			struct strbuf *sb)
{
	if (b) {
		board_roles_list(b, sb);
		return;
	}
	const char **seen = NULL;
	size_t n = 0;
	for (size_t k = 0; bs && k < bs->n; k++)
		for (size_t i = 0; i < bs->b[k].n_core_roles + bs->b[k].n_roles;
		     i++) {
			const char *r = board_role_at(&bs->b[k], i);
			bool again = false;
			for (size_t j = 0; j < n && !again; j++)
				again = strcmp(seen[j], r) == 0;
			if (again)
				continue;
			seen = xrealloc(seen, (n + 1) * sizeof(*seen));
			seen[n++] = r;
			strbuf_printf(sb, "%s%s", n > 1 ? ", " : "",
				      model_role_label(r));
		}
	free(seen);
}

/* Why role is no role of b (or of any board in bs): the role whose name
 * is near enough offered, and (roles_too) the roles there named. */
static void unknown_role(const struct boards *bs, const struct board *b,
			 const char *role, bool roles_too, char *why,
			 size_t why_len)
{
	size_t dist = (size_t)-1;
	const char *best = NULL;
	for (size_t i = 0; b ? i < 1 : i < bs->n; i++)
		best = board_role_nearest(b ? b : &bs->b[i], role, best, &dist);
	/* none near in spelling: the one role whose name holds the word
	 * (the same role on several boards is one role) */
	bool several = false;
	const char *within = NULL;
	for (size_t i = 0; !best && (b ? i < 1 : i < bs->n); i++)
		within = board_role_within(b ? b : &bs->b[i], role, within,
					   &several);
	if (!best && !several)
		best = within;
	struct strbuf roles;
	strbuf_init(&roles);
	if (roles_too)
		roles_named(bs, b, &roles);
	if (best && roles.len)
		snprintf(why, why_len,
			 _("no such role '%s'; did you mean '%s'? The roles: "
			   "%s"),
			 role, model_role_label(best), roles.buf);
	else if (best)
		snprintf(why, why_len,
			 _("no such role '%s'; did you mean '%s'?"), role,
			 model_role_label(best));
	else if (roles.len)
		snprintf(why, why_len, _("no such role '%s'; the roles: %s"),
			 role, roles.buf);
	else
		snprintf(why, why_len, _("no such role '%s'"), role);
	strbuf_done(&roles);
}

/* Why the attendee line p (len bytes, its role at tab) has no role of
 * b (or of bs), named by its entry ("Sara Holm: no such ..."), added to
 * sb; roles_too as unknown_role. */
static void unknown_entry(const struct boards *bs, const struct board *b,
			  const char *p, size_t len, const char *tab,
			  const char *role, bool roles_too, struct strbuf *sb)
{
	char said[600];
	unknown_role(bs, b, role, roles_too, said, sizeof(said));
	int nl = (int)(tab ? (size_t)(tab - p) : len);
	if (nl > 0)
		strbuf_printf(sb, "%.*s: ", nl, p);
	strbuf_puts(sb, said);
}

bool quorum_roles_known(const struct boards *bs, const struct board *b,
			const char *attendees, struct strbuf *coded, char *why,
			size_t why_len)
{
	if (!b && !bs) {
		if (coded && attendees)
			strbuf_puts(coded, attendees);
		return true;
	}
	struct strbuf bad; /* every entry with no such role, named */
	strbuf_init(&bad);
	int n_bad = 0;
	const char *first = NULL, *first_tab = NULL;
	size_t first_len = 0;
	char first_role[200] = "";
	for (const char *p = attendees; p && *p;) {
		size_t len = strcspn(p, "\n");
		const char *tab = memchr(p, '\t', len);
		char role[200] = "";
		size_t rl = 0;
		if (tab) {
			rl = strcspn(tab + 1, "\t\n");
			snprintf(role, sizeof(role), "%.*s", (int)rl, tab + 1);
		}
		const char *known = b ? board_role(b, role, NULL) : NULL;
		for (size_t i = 0; !b && !known && i < bs->n; i++)
			known = board_role(&bs->b[i], role, NULL);
		if (!known) {
			if (!n_bad++) {
				first = p;
				first_len = len;
				first_tab = tab;
				util_copy(first_role, sizeof(first_role), role);
			} else {
				strbuf_puts(&bad, " ");
			}
			unknown_entry(bs, b, p, len, tab, role, false, &bad);
			if (bad.len && bad.buf[bad.len - 1] != '?')
				strbuf_puts(&bad, ".");
		} else if (coded && tab) {
			/* the line with the role's code, whatever name was
			 * typed */
			strbuf_printf(
			    coded, "%s%.*s%s%.*s", coded->len ? "\n" : "",
			    (int)(tab + 1 - p), p, known,
			    (int)(p + len - (tab + 1 + rl)), tab + 1 + rl);
		}
		p += len;
		if (*p)
			p++;
	}
	if (n_bad == 1) { /* alone: with the roles, as one sentence */
		strbuf_reset(&bad);
		unknown_entry(bs, b, first, first_len, first_tab, first_role,
			      true, &bad);
	} else if (n_bad > 1) { /* each named, then the roles once */
		struct strbuf roles;
		strbuf_init(&roles);
		roles_named(bs, b, &roles);
		if (roles.len) {
			strbuf_puts(&bad, " ");
			strbuf_printf(&bad, _("The roles: %s"), roles.buf);
		}
		strbuf_done(&roles);
	}
	if (n_bad)
		snprintf(why, why_len, "%s", bad.buf);
	strbuf_done(&bad);
	return n_bad == 0;
}

/* s with ASCII letters lowered and white space trimmed, into out. */
static void lowered(const char *s, char *out, size_t out_len)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = 0;
	for (; s[n] && n + 1 < out_len; n++)
		out[n] = (char)tolower((unsigned char)s[n]);
	while (n && (out[n - 1] == ' ' || out[n - 1] == '\t'))
		n--;
	out[n] = '\0';
}

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), e = strlen(end);
	return n >= e && strcmp(s + n - e, end) == 0;
}

/* The endings of a physician's role or title (lowered). */
static const char *const physician_ends[] = {
    "läkare",	    "kirurg",	       "onkolog",      "patolog",
    "radiolog",	    "urolog",	       "gynekolog",    "hematolog",
    "dermatolog",   "neurolog",	       "kardiolog",    "nefrolog",
    "endokrinolog", "gastroenterolog", "anestesiolog", "medicinare",
    "genetiker",    "physician",       "surgeon",      "doctor",
    "oncologist",   "pathologist",     "radiologist",  "urologist",
};

/* Words of another profession's title (lowered): a title holding one is
 * no physician's, whatever else it says ("läkarsekreterare"). */
static const char *const other_words[] = {
    "sköterska", "koordinator",	  "sekreterare",   "systemförvaltare",
    "granskare", "revisor",	  "administratör", "kurator",
    "terapeut",	 "dietist",	  "psykolog",	   "analytiker",
    "fysiker",	 "student",	  "nurse",	   "coordinator",
    "secretary", "administrator", "auditor",	   "psychologist",
};

static bool physician_words(const char *low)
{
	for (size_t i = 0; i < UTIL_ARRAY_LEN(other_words); i++)
		if (strstr(low, other_words[i]))
			return false;
	for (size_t i = 0; i < UTIL_ARRAY_LEN(physician_ends); i++)
		if (ends_with(low, physician_ends[i]))
			return true;
	return false;
}

bool quorum_physician_role(const char *role)
{
	char low[200];
	/* a shipped role typed by another of its names, as its code */
	const char *code = model_role_code(role);
	lowered(code ? code : role ? role : "", low, sizeof(low));
	return physician_words(low);
}

enum quorum_claim quorum_role_claim(const char *role, const char *title)
{
	if (!quorum_physician_role(role))
		return QUORUM_CLAIM_OK;
	char low[200];
	lowered(title ? title : "", low, sizeof(low));
	if (physician_words(low))
		return QUORUM_CLAIM_OK;
	for (size_t i = 0; i < UTIL_ARRAY_LEN(other_words); i++)
		if (strstr(low, other_words[i]))
			return QUORUM_CLAIM_REFUSED;
	return QUORUM_CLAIM_OWN;
}

bool quorum_guest_profession(const char *name, char *out, size_t out_len)
{
	out[0] = '\0';
	/* untranslated: as the archive records a guest */
	const char *g = name ? strstr(name, " (guest, ") : NULL;
	if (!g)
		return false;
	g += strlen(" (guest, ");
	size_t n = strcspn(g, ",)");
	snprintf(out, out_len, "%.*s", (int)n, g);
	return true;
}

/* The core roles of b (into out, ", " between) that only guests fill in
 * the attendance lines att. */
void quorum_guest_only(const struct board *b, const char *att,
		       struct strbuf *out)
{
	for (size_t i = 0; i < b->n_core_roles; i++) {
		const char *r = b->core_roles[i];
		size_t rl = strlen(r);
		bool guest = false, user = false;
		for (const char *p = att; p && *p; p += strcspn(p, "\n")) {
			if (*p == '\n')
				p++;
			size_t len = strcspn(p, "\n");
			const char *tab = memchr(p, '\t', len);
			if (!tab || strncasecmp(tab + 1, r, rl) != 0 ||
			    (tab[1 + rl] != '\t' && tab[1 + rl] != '\n' &&
			     tab[1 + rl]))
				continue;
			char *name = xstrndup(p, (size_t)(tab - p));
			char prof[200];
			if (quorum_guest_profession(name, prof, sizeof(prof)))
				guest = true;
			else
				user = true;
			free(name);
		}
		if (guest && !user)
			strbuf_printf(out, "%s%s", out->len ? ", " : "", r);
	}
}
