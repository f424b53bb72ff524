/*
 * The patient summary: the letter in the patient's language (what
 * happened, what changed, the next step, whom to call, genetics, trial,
 * the terms explained) with its readability, and the page header.
 */
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "db_case.h"
#include "db_meeting.h"
#include "decision.h"
#include "diag.h"
#include "form_type.h"
#include "glossary.h"
#include "i18n.h"
#include "import_kb.h"
#include "pdf.h"
#include "util.h"

/* Glossary terms a letter keeps track of (more are never explained). */
#define SUMMARY_MAX_TERMS 64

/* What one pass of building the patient summary needs and learns. */
struct build {
	const struct summary_src *src;
	const char *lang;
	struct textdoc *doc;
	struct form_values v; /* the decision's values */
	bool fallback;	      /* wording came from another language */
	bool free_text;	      /* free text not in lang was shown */
	struct strbuf prose;  /* the patient part, for readability */
	char issued[11];
	const char *doctor; /* responsible doctor; NULL when unknown */
	const char *owner;  /* who acts next; NULL when unknown */
	const char *nurse, *phone, *next_date;
	bool explained[SUMMARY_MAX_TERMS]; /* glossary terms met */
	size_t pending[SUMMARY_MAX_TERMS]; /* met, explained at the section's
					      end */
	size_t n_pending;
	char board[128]; /* the team's name in words */
};

static const char *board_words(struct build *b, const char *lang);
static void explain(struct build *b, const char *text);
static void explain_pending(struct build *b);
static void field_more(struct build *b, const struct form_field *fd,
		       const char *value);
static char *decided_label(struct build *b, const struct form_field *fd,
			   const char *value);

static const char *text_of(struct build *b, const struct form_text *t)
{
	bool fb = false;
	const char *s = form_text_get(t, b->lang, &fb);
	b->fallback |= fb && *s;
	return s;
}

struct var {
	const char *key, *value;
};

/* A phrase in lang with {name}, {born}, {date}, {board}, {decision},
 * {version}, {issued}, {doctor}, {owner}, {nurse}, {phone}, {next-date},
 * {prev-date}, {latest} and the extra variables filled in; caller frees. */
static char *phrase_in(struct build *b, const char *id, const char *lang,
		       const struct var *extra, size_t n_extra)
{
	bool fb = false;
	const char *p = form_phrase(b->src->ph, id, lang, &fb);
	if (lang == b->lang)
		b->fallback |= fb;
	const struct tb_case *c = b->src->c;
	char decision[24], version[16], latest[16];
	snprintf(decision, sizeof(decision), "%lld", b->src->d->id);
	snprintf(version, sizeof(version), "%d", b->src->d->version);
	snprintf(latest, sizeof(latest), "%d", b->src->latest_version);
	/* the identity the decision was signed for, when it records one */
	const char *sn = form_values_get(&b->v, DECISION_PATIENT_NAME);
	const char *sborn = form_values_get(&b->v, DECISION_PATIENT_BORN);
	char *name = sn ? xstrdup(sn)
			: xasprintf("%s %s", c->patient.given_name,
				    c->patient.family_name);
	const char *born = sborn		   ? sborn
			   : c->patient.birth_date ? c->patient.birth_date
						   : "";
	const struct var vars[] = {
	    {"{name}", name},
	    {"{born}", born},
	    {"{date}", b->src->date},
	    {"{board}", board_words(b, lang)},
	    {"{team}", b->src->board_name},
	    {"{decision}", decision},
	    {"{version}", version},
	    {"{latest}", latest},
	    {"{issued}", b->issued},
	    {"{doctor}", b->doctor ? b->doctor : ""},
	    {"{owner}", b->owner ? b->owner : ""},
	    {"{nurse}", b->nurse ? b->nurse : ""},
	    {"{phone}", b->phone ? b->phone : ""},
	    {"{next-date}", b->next_date ? b->next_date : ""},
	    {"{prev-date}", b->src->prev_date ? b->src->prev_date : ""},
	};
	struct strbuf sb;
	strbuf_init(&sb);
	while (*p) {
		size_t i, n = sizeof(vars) / sizeof(vars[0]);
		for (i = 0; i < n + n_extra; i++) {
			const struct var *x = i < n ? &vars[i] : &extra[i - n];
			size_t k = strlen(x->key);
			if (strncmp(p, x->key, k) == 0) {
				strbuf_puts(&sb, x->value ? x->value : "");
				p += k;
				break;
			}
		}
		if (i == n + n_extra)
			strbuf_putc(&sb, *p++);
	}
	free(name);
	return strbuf_detach(&sb);
}

static char *phrase(struct build *b, const char *id)
{
	return phrase_in(b, id, b->lang, NULL, 0);
}

/* Adds text to the readability sample as a sentence of its own: every
 * heading, list item and paragraph ends a sentence, as in LIX. */
static void prose(struct build *b, const char *text)
{
	size_t n = strlen(text);
	if (!n)
		return;
	strbuf_puts(&b->prose, text);
	strbuf_putc(&b->prose, '\n');
}

static void heading(struct build *b, const char *text)
{
	explain_pending(b);
	textdoc_newline(b->doc);
	textdoc_put(b->doc, TD_HEADING, text);
	textdoc_newline(b->doc);
	prose(b, text);
}

static void para(struct build *b, int indent, enum textdoc_style st,
		 const char *text)
{
	textdoc_wrap(b->doc, indent, st, text);
	prose(b, text);
	explain(b, text);
}

static void para_phrase(struct build *b, const char *id)
{
	char *t = phrase(b, id);
	para(b, 0, TD_NORMAL, t);
	free(t);
}

/* Free text as the clinicians wrote it; marked, with its language, when
 * the letter is in another one. */
static void free_para(struct build *b, int indent, const char *text)
{
	para(b, indent, TD_NORMAL, text);
	const char *tl = decision_text_lang(&b->v);
	if (!util_lang_is(b->lang, tl)) {
		b->free_text = true;
		char *t =
		    phrase(b, strcmp(tl, "sv") == 0 ? "free-text-note"
						    : "free-text-note-en");
		textdoc_wrap(b->doc, indent, TD_DIM, t);
		prose(b, t);
		free(t);
	}
}

/* The option's plain wording, else its label. */
static const char *option_words(struct build *b, const struct form_field *fd,
				const char *value)
{
	const struct form_option *o = form_option(fd, value);
	if (o && o->plain.n)
		return text_of(b, &o->plain);
	if (o && o->label.n)
		return text_of(b, &o->label);
	return value;
}

static void bullet(struct build *b, const char *text)
{
	textdoc_put(b->doc, TD_NORMAL, "  • ");
	textdoc_wrap_on(b->doc, 4, TD_NORMAL, text);
	prose(b, text);
	explain(b, text);
}

/* Roles the letter says in its own words, not field by field. */
static bool own_words(const struct form_field *fd)
{
	static const char *const roles[] = {"contact-nurse", "contact-phone",
					    "follow-up-date", NULL};
	for (size_t i = 0; fd->role && roles[i]; i++)
		if (strcmp(fd->role, roles[i]) == 0)
			return true;
	return false;
}

static const char *field_heading(struct build *b, const struct form_field *fd)
{
	return text_of(b, fd->plain.n ? &fd->plain : &fd->label);
}

/* One patient-visible field with its value. */
static void field(struct build *b, const struct form_field *fd,
		  const char *value)
{
	const struct form *f = b->src->f;
	heading(b, field_heading(b, fd));
	switch (fd->type) {
	case FT_CHOICE:
		para(b, 0, TD_NORMAL, option_words(b, fd, value));
		break;
	case FT_YESNO:
		if (form_option(fd, value))
			para(b, 0, TD_NORMAL, option_words(b, fd, value));
		else
			para_phrase(b,
				    strcmp(value, "yes") == 0 ? "yes" : "no");
		break;
	case FT_MULTI: {
		char *copy = xstrdup(value);
		char *save = NULL;
		for (char *t = strtok_r(copy, " ", &save); t;
		     t = strtok_r(NULL, " ", &save))
			bullet(b, option_words(b, fd, t));
		free(copy);
		break;
	}
	case FT_ALTERNATIVES: {
		const struct form_field *from =
		    form_field(f, fd->options_from, NULL);
		char *rows = xstrdup(value);
		char *save = NULL;
		char *why = phrase(b, "why-not");
		for (char *row = strtok_r(rows, "\n", &save); row;
		     row = strtok_r(NULL, "\n", &save)) {
			char *tab = strchr(row, '\t');
			if (tab)
				*tab++ = '\0';
			bullet(b, from ? option_words(b, from, row) : row);
			if (tab && *tab) {
				textdoc_put(b->doc, TD_NORMAL, "    ");
				textdoc_put(b->doc, TD_LABEL, why);
				textdoc_newline(b->doc);
				prose(b, why);
				free_para(b, 4, tab);
			}
		}
		free(why);
		free(rows);
		break;
	}
	case FT_TEXT:
		free_para(b, 0, value);
		break;
	default: {
		char *t = form_type_format(f, fd, value, b->lang);
		para(b, 0, TD_NORMAL, t);
		free(t);
	}
	}
	field_more(b, fd, value);
}

/* The patient-visible fields that carry the advice: the roles of the
 * recommendation and its reasons, and the fields with no role (a form's
 * own parts of the advice, such as the axilla or a dose adjustment). The
 * contact details, the follow-up date and what was discussed are details
 * of the decision, not its advice. */
static bool carries_advice(const struct form_field *fd)
{
	static const char *const roles[] = {"recommendation", "next-step",
					    "intent", "alternatives",
					    "rationale"};
	if (!fd->role)
		return true;
	for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
		if (strcmp(fd->role, roles[i]) == 0)
			return true;
	return false;
}

static bool differs(const char *now, const char *was)
{
	return !((!now && !was) || (now && was && strcmp(now, was) == 0));
}

/* What changed since the version amended: whether the advice did (the
 * opening says so only then), and the headings of the patient-visible
 * fields whose values differ. */
static void changes(struct build *b)
{
	const struct summary_src *src = b->src;
	struct form_values pv;
	form_values_init(&pv);
	decision_content_decode(src->prev->content, &pv);
	bool advice = false;
	for (size_t i = 0; i < src->f->n_fields; i++) {
		const struct form_field *fd = &src->f->fields[i];
		if (fd->patient && carries_advice(fd) &&
		    differs(form_values_get(&b->v, fd->id),
			    form_values_get(&pv, fd->id)))
			advice = true;
	}
	para_phrase(b, advice ? "replaces" : "replaces-details");
	size_t n = 0;
	for (size_t i = 0; i < src->f->n_fields; i++) {
		const struct form_field *fd = &src->f->fields[i];
		if (!fd->patient)
			continue;
		const char *now = form_values_get(&b->v, fd->id);
		const char *was = form_values_get(&pv, fd->id);
		if (!differs(now, was))
			continue;
		n++;
		if (now && (fd->type == FT_DATE || fd->type == FT_NUMBER)) {
			char *val = form_type_format(src->f, fd, now, b->lang);
			char *t =
			    xasprintf("%s: %s", field_heading(b, fd), val);
			bullet(b, t);
			free(t);
			free(val);
		} else
			bullet(b, field_heading(b, fd));
	}
	if (!n)
		para_phrase(b, "changed-none");
	textdoc_newline(b->doc);
	para_phrase(b, advice ? "intro-amend" : "intro-amend-details");
	form_values_done(&pv);
}

/* Whom to call: the contact nurse's number, else the referring unit's,
 * else 1177 (the letter never says "call" without saying how). The
 * letter asks for the contact nurse at a unit only when she is a known
 * user of it: her own unit through 1177 when it is not the referring one;
 * a name that is no user of a unit is said apart from where to call. */
static void contact(struct build *b)
{
	const struct summary_src *src = b->src;
	const struct tb_case *c = src->c;
	char *t = phrase(b, "contact-heading");
	heading(b, t);
	free(t);
	const char *id, *unit = c->referrer_unit;
	/* her unit, when she is a user of one */
	const char *own = b->nurse && src->nurse_known ? src->nurse_unit : NULL;
	bool referrer = c->referrer_phone && c->referrer_unit;
	bool asked = b->phone; /* the decision gives a number */
	if (b->phone && b->nurse)
		id = "contact-nurse";
	else if (b->phone)
		id = "contact-phone";
	else if (own && referrer && strcmp(own, unit) == 0) {
		b->phone = c->referrer_phone;
		id = "contact-unit";
	} else if (own) {
		unit = own;
		id = "contact-1177-unit";
	} else if (referrer) {
		b->phone = c->referrer_phone;
		id = "contact-unit-only";
	} else
		id = "contact-1177-only";
	struct var v[] = {{"{unit}", unit}};
	t = phrase_in(b, id, b->lang, v, 1);
	para(b, 0, TD_NORMAL, t);
	free(t);
	if (b->nurse && !own && !asked)
		para_phrase(b, "contact-nurse-unknown");
	para_phrase(b, "contact-tip");
}

static void next_step(struct build *b)
{
	if (!b->next_date)
		return;
	char *t = phrase(b, "next-heading");
	heading(b, t);
	free(t);
	para_phrase(b, b->owner ? "next" : "next-no-owner");
}

/* A note that part of the letter is in another language; when the note
 * itself has no wording in the letter's language, it is given in Swedish
 * and in English. */
static void language_note(struct build *b, const char *id)
{
	textdoc_newline(b->doc);
	bool fb = false;
	form_phrase(b->src->ph, id, b->lang, &fb);
	const char *langs[] = {b->lang, "en"};
	for (size_t i = 0; i < (fb ? 2u : 1u); i++) {
		char *t = phrase_in(b, id, langs[i], NULL, 0);
		textdoc_wrap(b->doc, 0, TD_WARN, t);
		prose(b, t);
		free(t);
	}
}

static void build_patient(struct build *b)
{
	const struct summary_src *src = b->src;
	const struct form *f = src->f;

	char *t = phrase(b, "title");
	textdoc_put(b->doc, TD_TITLE, t);
	textdoc_newline(b->doc);
	prose(b, t);
	free(t);
	t = phrase(b, "for");
	textdoc_put(b->doc, TD_STRONG, t);
	textdoc_newline(b->doc);
	prose(b, t);
	free(t);
	t = phrase(b, b->doctor ? "issued" : "issued-no-doctor");
	textdoc_put(b->doc, TD_NORMAL, t);
	textdoc_newline(b->doc);
	prose(b, t);
	free(t);
	if (src->latest_version) {
		textdoc_newline(b->doc);
		t = phrase(b, "older-version");
		textdoc_wrap(b->doc, 0, TD_WARN, t);
		prose(b, t);
		free(t);
	}
	/* the notes are decided by a first pass (b->fallback and
	 * b->free_text from it): wording in Swedish, free text in the
	 * language the team wrote it in */
	bool en = strcmp(decision_text_lang(&b->v), "en") == 0;
	if (b->fallback || (b->free_text && !en))
		language_note(b, "language-note");
	if (b->free_text && en)
		language_note(b, "language-note-en");
	if (src->prev) {
		t = phrase(b, "replaces-heading");
		heading(b, t);
		free(t);
		changes(b);
	} else {
		textdoc_newline(b->doc);
		para_phrase(b, src->d->meeting_id ? "intro" : "intro-outside");
	}
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *fd = &f->fields[i];
		const char *val = form_values_get(&b->v, fd->id);
		/* only what the patient may see, and only what was signed */
		if (!fd->patient || !val || own_words(fd))
			continue;
		field(b, fd, val);
	}
	next_step(b);
	textdoc_newline(b->doc);
	para_phrase(b, "advice");
	contact(b);
	t = phrase(b, "second-opinion-heading");
	heading(b, t);
	free(t);
	para_phrase(b, "second-opinion");
	para_phrase(b, "second-opinion-more");
	explain_pending(b);
}

/* The part for other caregivers, in the letter's language: the team, where
 * it decided, the decision, and the labels of the patient-visible
 * recommendation and intent. Not in the readability sample: it is written
 * for professionals. */
static void build_caregivers(struct build *b)
{
	const struct summary_src *src = b->src;
	textdoc_newline(b->doc);
	char *t = phrase(b, "caregivers-heading");
	textdoc_put(b->doc, TD_HEADING, t);
	textdoc_newline(b->doc);
	free(t);
	/* where the team decided, as the letter's first lines say it (a
	 * wording file without the phrase for a decision outside a meeting
	 * says the one it has) */
	const char *id =
	    src->d->meeting_id ? "caregivers" : "caregivers-outside";
	if (!*form_phrase(src->ph, id, b->lang, NULL))
		id = "caregivers";
	t = phrase(b, id);
	textdoc_wrap(b->doc, 0, TD_NORMAL, t);
	free(t);
	static const char *const roles[] = {"recommendation", "intent"};
	for (size_t i = 0; i < 2; i++) {
		const struct form_field *fd;
		const char *val = form_role_value(src->f, &b->v, roles[i], &fd);
		if (!val || !fd->patient)
			continue;
		char *label = i ? form_type_format(src->f, fd, val, b->lang)
				: decided_label(b, fd, val);
		textdoc_put(b->doc, TD_LABEL, text_of(b, &fd->label));
		textdoc_put(b->doc, TD_NORMAL, ": ");
		textdoc_wrap_on(b->doc, 2, TD_NORMAL, label);
		free(label);
	}
}

static void build_init(struct build *b, const struct summary_src *src,
		       const char *lang, struct textdoc *doc)
{
	memset(b, 0, sizeof(*b));
	b->src = src;
	b->lang = lang;
	b->doc = doc;
	strbuf_init(&b->prose);
	form_values_init(&b->v);
	decision_content_decode(src->d->content, &b->v);
	if (src->issued)
		snprintf(b->issued, sizeof(b->issued), "%s", src->issued);
	else
		clock_today(b->issued);
	b->doctor = form_role_value(src->f, &b->v, "responsible", NULL);
	b->owner = form_role_value(src->f, &b->v, "follow-up-owner", NULL);
	if (!b->owner)
		b->owner = b->doctor;
	b->nurse = form_role_value(src->f, &b->v, "contact-nurse", NULL);
	b->phone = form_role_value(src->f, &b->v, "contact-phone", NULL);
	b->next_date = form_role_value(src->f, &b->v, "follow-up-date", NULL);
	memset(b->explained, 0, sizeof(b->explained));
}

static void build_done(struct build *b)
{
	strbuf_done(&b->prose);
	form_values_done(&b->v);
}

const char *summary_language(const struct summary_src *src, const char *lang)
{
	if (lang && *lang)
		return lang;
	return src->c->patient.language && *src->c->patient.language
		   ? src->c->patient.language
		   : "sv";
}

void summary_patient(const struct summary_src *src, const char *lang,
		     struct textdoc *doc, struct summary_info *info)
{
	lang = summary_language(src, lang);
	/* first pass: does any wording fall back to another language? */
	struct textdoc scratch;
	textdoc_init(&scratch, doc->width);
	struct build b;
	build_init(&b, src, lang, &scratch);
	build_patient(&b);
	build_caregivers(&b);
	bool fallback = b.fallback || b.free_text;
	textdoc_done(&scratch);
	struct build real;
	build_init(&real, src, lang, doc);
	real.fallback = b.fallback;
	real.free_text = b.free_text;
	build_done(&b);
	build_patient(&real);
	memset(info, 0, sizeof(*info));
	snprintf(info->lang, sizeof(info->lang), "%s", lang);
	info->fallback = fallback;
	info->scored =
	    readability_for_language(lang, real.prose.buf ? real.prose.buf : "",
				     &info->r) == TB_OK;
	if (info->scored) {
		info->limit = readability_default_limit(info->r.formula);
		info->within = readability_within(&info->r, info->limit);
	}
	build_caregivers(&real);
	build_done(&real);
}

char *summary_header(const struct summary_src *src, const char *lang)
{
	struct textdoc scratch;
	textdoc_init(&scratch, 72);
	struct build b;
	build_init(&b, src, summary_language(src, lang), &scratch);
	char *t = phrase(&b, b.doctor ? "header" : "header-no-doctor");
	build_done(&b);
	textdoc_done(&scratch);
	return t;
}

/* ---- the letter's own words: team, terms, findings, trial ---- */

/* The team's name in plain lower-case words: the glossary's name for the
 * board in lang, else the board's name with a lower-case first letter. */
static const char *board_words(struct build *b, const char *lang)
{
	const struct summary_src *src = b->src;
	const char *g =
	    src->board_id
		? glossary_board(src->ph->glossary, src->board_id, lang, NULL)
		: NULL;
	if (g && *g)
		return g;
	snprintf(b->board, sizeof(b->board), "%s",
		 src->board_name ? src->board_name : "");
	if (b->board[0] >= 'A' && b->board[0] <= 'Z' &&
	    !(b->board[1] >= 'A' && b->board[1] <= 'Z'))
		b->board[0] = (char)(b->board[0] - 'A' + 'a');
	return b->board;
}

/* Notes each glossary term in text that the letter has not met yet; they
 * are explained, in the order met, at the end of the section (before the
 * next heading), so a list or a sentence is never cut in two. */
static void explain(struct build *b, const char *text)
{
	const struct glossary *g = b->src->ph->glossary;
	size_t i;
	while ((i = glossary_find(g, text, b->lang, b->explained,
				  SUMMARY_MAX_TERMS)) != GLOSSARY_NONE) {
		b->explained[i] = true;
		b->pending[b->n_pending++] = i;
	}
}

static void explain_pending(struct build *b)
{
	const struct glossary *g = b->src->ph->glossary;
	for (size_t k = 0; k < b->n_pending; k++) {
		bool fb = false;
		const char *t =
		    glossary_explanation(g, b->pending[k], b->lang, &fb);
		b->fallback |= fb;
		textdoc_wrap(b->doc, 2, TD_DIM, t);
		prose(b, t);
	}
	b->n_pending = 0;
}

/* The findings of the case of this origin as words: "BRCA2", "MSI" (a
 * variant looked for and not found is none); caller frees; NULL when
 * none. */
static char *findings_of(const struct tb_case *c, const char *origin)
{
	struct strbuf sb;
	strbuf_init(&sb);
	size_t n = 0;
	for (size_t i = 0; i < c->n_findings && n < 3; i++) {
		const struct tb_finding *fi = &c->findings[i];
		if (!fi->origin || strcmp(fi->origin, origin) != 0 ||
		    fi->absent)
			continue;
		const char *word = fi->gene;
		if (!word && fi->kind && strcmp(fi->kind, "msi") == 0)
			word = "MSI";
		if (!word || (sb.buf && strstr(sb.buf, word)))
			continue;
		if (n++)
			strbuf_puts(&sb, ", ");
		strbuf_puts(&sb, word);
	}
	return n ? strbuf_detach(&sb) : (strbuf_done(&sb), NULL);
}

/* Why a genetics referral is made, in plain words: an inherited finding,
 * a finding only in the tumour (not inherited itself), or the illness and
 * the family. */
static void genetics_why(struct build *b)
{
	const struct tb_case *c = b->src->c;
	char *genes = findings_of(c, "germline");
	const char *id = "genetics-germline";
	if (!genes) {
		genes = findings_of(c, "somatic");
		id = genes ? "genetics-tumour" : "genetics-family";
	}
	struct var v[] = {{"{genes}", genes}};
	char *t = phrase_in(b, id, b->lang, v, 1);
	para(b, 0, TD_NORMAL, t);
	free(t);
	free(genes);
}

/* The trial recommended: its name, where it runs and who gets in touch. */
static void trial_words(struct build *b)
{
	const struct summary_src *src = b->src;
	const char *sid = form_role_value(src->f, &b->v, "trial", NULL);
	if (!sid)
		return;
	const struct trial *tr = NULL;
	for (size_t i = 0; src->trials && i < src->trials->n; i++)
		if (src->trials->t[i].study_id &&
		    strcmp(src->trials->t[i].study_id, sid) == 0)
			tr = &src->trials->t[i];
	struct strbuf sites;
	strbuf_init(&sites);
	for (size_t i = 0; tr && i < tr->n_sites; i++) {
		if (i)
			strbuf_puts(&sites, "; ");
		strbuf_puts(&sites, tr->sites[i]);
	}
	/* the title in the letter's language: the registry's English one
	 * for an English letter, else its Swedish one, as the letter's
	 * wording falls back to Swedish (what the file has when only one) */
	bool en = util_lang_is(b->lang, "en");
	const char *title = tr && tr->title_sv && !en ? tr->title_sv
			    : tr && tr->title	      ? tr->title
						      : sid;
	struct var v[] = {{"{trial}", sid},
			  {"{title}", title},
			  {"{sites}", sites.buf ? sites.buf : ""}};
	/* without the registry's entry, the study's number is all we have */
	char *t = phrase_in(b, tr ? "trial-name" : "trial-id", b->lang, v, 3);
	para(b, 0, TD_NORMAL, t);
	free(t);
	if (tr && tr->n_sites) {
		t = phrase_in(b, "trial-sites", b->lang, v, 3);
		para(b, 0, TD_NORMAL, t);
		free(t);
	}
	para_phrase(b, "trial-contact");
	strbuf_done(&sites);
}

/* What a field's value needs said besides its own wording. */
static void field_more(struct build *b, const struct form_field *fd,
		       const char *value)
{
	if (!fd->role)
		return;
	if (strcmp(fd->role, "genetics-referral") == 0 &&
	    strcmp(value, "yes") == 0)
		genetics_why(b);
	else if (strcmp(fd->role, "recommendation") == 0 &&
		 strcmp(value, "trial") == 0)
		trial_words(b);
}

/* Whether list ("A, B") names gene. */
static bool named(const char *list, const char *gene)
{
	size_t n = strlen(gene);
	for (const char *p = list; p && *p; p += strcspn(p, ","), p += !!*p) {
		p += strspn(p, " ");
		if (strncmp(p, gene, n) == 0 && (p[n] == ',' || !p[n]))
			return true;
	}
	return false;
}

/* The genes of the findings the decision tiers as actionable (tier I or
 * II, ESCAT or AMP), those of the best tier only, as "RET" or "EGFR,
 * ALK"; caller frees; NULL when the decision tiers none. */
static char *actionable_genes(struct build *b)
{
	const struct summary_src *src = b->src;
	const char *rows = form_role_value(src->f, &b->v, "findings", NULL);
	struct strbuf sb;
	strbuf_init(&sb);
	int best = 2; /* 1: tier I, 2: tier II, 3: not actionable */
	for (const char *p = rows; p && *p;) {
		size_t len = strcspn(p, "\n");
		char *row = xstrndup(p, len);
		p += len + (p[len] != '\0');
		char *tier = strchr(row, '\t');
		if (tier)
			*tier++ = '\0';
		const char *t = tier ? tier : "";
		if (strncmp(t, "AMP ", 4) == 0)
			t += 4;
		int level = strncmp(t, "I-", 2) == 0	? 1
			    : strncmp(t, "II-", 3) == 0 ? 2
							: 3;
		const char *gene = NULL;
		/* tier III and lower, or none, is not actionable */
		for (size_t i = 0; level <= best && i < src->c->n_findings;
		     i++) {
			const struct tb_finding *fi = &src->c->findings[i];
			char *key = form_finding_key(fi);
			if (!fi->absent && fi->gene &&
			    strcasecmp(key, row) == 0)
				gene = fi->gene;
			free(key);
		}
		if (gene && level < best) {
			strbuf_reset(&sb);
			best = level;
		}
		if (gene && !named(sb.buf, gene))
			strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", gene);
		free(row);
	}
	return sb.len ? strbuf_detach(&sb) : (strbuf_done(&sb), NULL);
}

/* The recommendation's label for other caregivers. An example list in it
 * ("(e.g. EGFR, ALK or KRAS G12C inhibitor)") is no part of the decision
 * and misleads when the patient's finding is another: it gives way to
 * what the decision names, the details of the recommendation, else, for a
 * targeted therapy, the gene of the finding tiered as actionable, else
 * nothing. Caller frees. */
static char *decided_label(struct build *b, const struct form_field *fd,
			   const char *value)
{
	char *label = form_type_format(b->src->f, fd, value, b->lang);
	static const char *const examples[] = {
	    /* untranslated: the forms' wording, matched */ " (e.g. ",
	    /* untranslated: the forms' wording, matched */ " (t.ex. "};
	char *at = NULL;
	for (size_t i = 0; i < 2 && !at; i++)
		at = strstr(label, examples[i]);
	char *end = at ? strchr(at, ')') : NULL;
	if (!end)
		return label;
	memmove(at, end + 1, strlen(end + 1) + 1);
	const char *detail =
	    form_role_value(b->src->f, &b->v, "next-step", NULL);
	char *what = detail ? xstrdup(detail) : NULL;
	if (what && !*util_trim(what)) {
		free(what);
		what = NULL;
	}
	for (char *p = what; p && *p; p++)
		if (*p == '\n')
			*p = ' ';
	if (!what && strncmp(value, "targeted", 8) == 0)
		what = actionable_genes(b);
	if (!what)
		return label;
	char *t =
	    xasprintf(/* untranslated: format only */ "%s (%s)", label, what);
	free(what);
	free(label);
	return t;
}
