#include "summary.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db_case.h"
#include "db_meeting.h"
#include "decision.h"
#include "diag.h"
#include "form_type.h"
#include "glossary.h"
#include "i18n.h"
#include "import_kb.h"
#include "pdf.h"
#include "clock.h"
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
static void staff_notes(struct build *b);

/* Clinicians write free text in Swedish. */
#define FREE_TEXT_LANG "sv"

static bool lang_is_sv(const char *lang)
{
	return strncmp(lang, "sv", 2) == 0 &&
	       (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

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

/* Free text as the clinicians wrote it; marked when the letter is in
 * another language. */
static void free_para(struct build *b, int indent, const char *text)
{
	para(b, indent, TD_NORMAL, text);
	if (!lang_is_sv(b->lang)) {
		b->free_text = true;
		char *t = phrase(b, "free-text-note");
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

/* What changed since the version amended: the headings of the
 * patient-visible fields whose values differ. */
static void changes(struct build *b)
{
	const struct summary_src *src = b->src;
	struct form_values pv;
	form_values_init(&pv);
	decision_content_decode(src->prev->content, &pv);
	size_t n = 0;
	for (size_t i = 0; i < src->f->n_fields; i++) {
		const struct form_field *fd = &src->f->fields[i];
		if (!fd->patient)
			continue;
		const char *now = form_values_get(&b->v, fd->id);
		const char *was = form_values_get(&pv, fd->id);
		if ((!now && !was) || (now && was && strcmp(now, was) == 0))
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
	form_values_done(&pv);
}

/* Whom to call: the contact nurse's number, else the referring unit's,
 * else 1177 (the letter never says "call" without saying how). */
static void contact(struct build *b)
{
	const struct tb_case *c = b->src->c;
	char *t = phrase(b, "contact-heading");
	heading(b, t);
	free(t);
	const char *id;
	struct var unit[] = {{"{unit}", c->referrer_unit}};
	if (b->phone && b->nurse)
		id = "contact-nurse";
	else if (b->phone)
		id = "contact-phone";
	else if (c->referrer_phone && c->referrer_unit) {
		b->phone = c->referrer_phone;
		id = b->nurse ? "contact-unit" : "contact-unit-only";
	} else
		id = b->nurse ? "contact-1177" : "contact-1177-only";
	t = phrase_in(b, id, b->lang, unit, 1);
	para(b, 0, TD_NORMAL, t);
	free(t);
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
	/* the note is decided by a first pass (b->fallback from it); when
	 * the note itself has no wording in lang, it is given in Swedish and
	 * in English */
	if (b->fallback) {
		textdoc_newline(b->doc);
		bool fb = false;
		form_phrase(src->ph, "language-note", b->lang, &fb);
		const char *langs[] = {b->lang, "en"};
		for (size_t i = 0; i < (fb ? 2u : 1u); i++) {
			t = phrase_in(b, "language-note", langs[i], NULL, 0);
			textdoc_wrap(b->doc, 0, TD_WARN, t);
			prose(b, t);
			free(t);
		}
	}
	if (src->prev) {
		t = phrase(b, "replaces-heading");
		heading(b, t);
		free(t);
		para_phrase(b, "replaces");
		changes(b);
		textdoc_newline(b->doc);
		para_phrase(b, "intro-amend");
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

/* The part for other caregivers: the team, the decision, and the labels of
 * the patient-visible recommendation and intent. Not in the readability
 * sample: it is written for professionals. */
static void build_caregivers(struct build *b)
{
	const struct summary_src *src = b->src;
	textdoc_newline(b->doc);
	char *t = phrase(b, "caregivers-heading");
	textdoc_put(b->doc, TD_HEADING, t);
	textdoc_newline(b->doc);
	free(t);
	t = phrase(b, "caregivers");
	textdoc_wrap(b->doc, 0, TD_NORMAL, t);
	free(t);
	static const char *const roles[] = {"recommendation", "intent"};
	for (size_t i = 0; i < 2; i++) {
		const struct form_field *fd;
		const char *val = form_role_value(src->f, &b->v, roles[i], &fd);
		if (!val || !fd->patient)
			continue;
		char *label = form_type_format(src->f, fd, val, "sv");
		textdoc_put(b->doc, TD_LABEL,
			    form_text_get(&fd->label, "sv", NULL));
		textdoc_put(b->doc, TD_NORMAL, ": ");
		textdoc_wrap_on(b->doc, 2, TD_NORMAL, label);
		free(label);
	}
	staff_notes(b);
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
	build_done(&b);

	struct build real;
	build_init(&real, src, lang, doc);
	real.fallback = fallback;
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

/* ---- the letter's own words: team, terms, findings, trial, staff ---- */

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
	while ((i = glossary_find(g, text, b->explained, SUMMARY_MAX_TERMS)) !=
	       GLOSSARY_NONE) {
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

/* The findings of the case of this origin as words: "BRCA2", "MSI";
 * caller frees; NULL when none. */
static char *findings_of(const struct tb_case *c, const char *origin)
{
	struct strbuf sb;
	strbuf_init(&sb);
	size_t n = 0;
	for (size_t i = 0; i < c->n_findings && n < 3; i++) {
		const struct tb_finding *fi = &c->findings[i];
		if (!fi->origin || strcmp(fi->origin, origin) != 0)
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
	struct var v[] = {{"{trial}", sid},
			  {"{title}", tr && tr->title ? tr->title : sid},
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

/* Instructions to the staff who hand the letter over. */
static void staff_notes(struct build *b)
{
	const struct tb_case *c = b->src->c;
	bool phone = form_role_value(b->src->f, &b->v, "contact-phone", NULL);
	bool interpreter = c->patient.interpreter;
	if (phone && !interpreter)
		return;
	textdoc_newline(b->doc);
	char *t = phrase_in(b, "staff-heading", "sv", NULL, 0);
	textdoc_put(b->doc, TD_HEADING, t);
	textdoc_newline(b->doc);
	free(t);
	if (interpreter) {
		t = phrase_in(b, "staff-interpreter", "sv", NULL, 0);
		textdoc_wrap(b->doc, 0, TD_WARN, t);
		free(t);
	}
	if (!phone) {
		t = phrase_in(b, "staff-no-phone", "sv", NULL, 0);
		textdoc_wrap(b->doc, 0, TD_WARN, t);
		free(t);
	}
}

/* ---- the clinician note ---- */

static void note_line(struct textdoc *doc, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	textdoc_put(doc, TD_LABEL, label);
	/* a label too long for the column puts its value on the next line */
	if (util_display_width(label) >= 22) {
		textdoc_newline(doc);
		textdoc_pad_to(doc, 22);
	}
	textdoc_pad_to(doc, 22);
	if (strchr(text, '\n')) {
		/* rows: one per line under the label */
		char *copy = xstrdup(text);
		char *save = NULL;
		bool first = true;
		for (char *l = strtok_r(copy, "\n", &save); l;
		     l = strtok_r(NULL, "\n", &save)) {
			if (!first)
				textdoc_pad_to(doc, 22);
			textdoc_wrap_on(doc, 22, TD_NORMAL, l);
			first = false;
		}
		free(copy);
	} else
		textdoc_wrap_on(doc, 22, TD_NORMAL, text);
}

/* The formatted value of the first field filled from the case's prefill
 * source; caller frees; NULL when none. */
static char *prefill_format(const struct form *f, const struct form_values *v,
			    const char *prefill)
{
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *fd = &f->fields[i];
		const char *val = form_values_get(v, fd->id);
		if (fd->prefill && strcmp(fd->prefill, prefill) == 0 && val)
			return form_type_format(f, fd, val, "sv");
	}
	return NULL;
}

/* The field with this id as a note line under its Swedish label, when it
 * has a value. */
static void note_field(struct textdoc *doc, const struct form *f,
		       const struct form_values *v, const char *id)
{
	const struct form_field *fd = form_field(f, id, NULL);
	const char *val = fd ? form_values_get(v, fd->id) : NULL;
	if (!val)
		return;
	char *t = form_type_format(f, fd, val, "sv");
	note_line(doc, form_text_get(&fd->label, "sv", NULL), t);
	free(t);
}

/* Whether the note shows fd before its "everything else" part: the
 * question (by its prefill), the deviation reason (after the guideline)
 * and whether a trial was considered. Fields with one of the note's
 * roles are checked by the caller. */
static bool note_shown(const struct form_field *fd, const char *question)
{
	return (fd->prefill && strcmp(fd->prefill, question) == 0) ||
	       strcmp(fd->id, "deviation-reason") == 0 ||
	       strcmp(fd->id, "trial-considered") == 0;
}

void summary_note(const struct summary_src *src, struct textdoc *doc)
{
	const struct tb_decision *d = src->d;
	const struct form *f = src->f;
	struct form_values v;
	form_values_init(&v);
	decision_content_decode(d->content, &v);

	textdoc_printf(doc, TD_TITLE, "Multidisciplinär konferens %s — %s",
		       src->date, src->board_name);
	textdoc_newline(doc);
	textdoc_printf(doc, TD_DIM,
		       "Ärende %s. Beslut %lld version %d, formulär %s %s, "
		       "signerat %s av %s.",
		       d->case_external_id ? d->case_external_id : "?", d->id,
		       d->version, d->form_id, d->form_version, d->signed_at,
		       d->signed_by);
	textdoc_newline(doc);
	if (d->supersedes) {
		char *t = xasprintf("ändrar beslut %lld: %s", d->supersedes,
				    d->amend_reason ? d->amend_reason : "");
		note_line(doc, "Ändring", t);
		free(t);
	}
	textdoc_newline(doc);
	const struct {
		const char *label, *role, *prefill;
	} rows[] = {
	    {"Frågeställning", NULL, "question"},
	    {"Fynd som beaktades", "findings", NULL},
	    {"Rekommendation", "recommendation", NULL},
	    {"Detaljer", "next-step", NULL},
	    {"Behandlingsavsikt", "intent", NULL},
	    {"Motivering", "rationale", NULL},
	    {"Vårdprogram", "guideline", NULL},
	    {"Övervägda alternativ", "alternatives", NULL},
	    {"Klinisk studie", "trial", NULL},
	    {"Genetisk remiss", "genetics-referral", NULL},
	    {"Ansvarig läkare", "responsible", NULL},
	    {"Kontaktsjuksköterska", "contact-nurse", NULL},
	    {"Uppföljning senast", "follow-up-date", NULL},
	    {"Uppföljning av", "follow-up-owner", NULL},
	    {"Patientens delaktighet", "patient-informed", NULL},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *t = rows[i].role
			      ? form_role_format(f, &v, rows[i].role, "sv")
			      : prefill_format(f, &v, rows[i].prefill);
		note_line(doc, rows[i].label, t);
		free(t);
		if (rows[i].role && strcmp(rows[i].role, "guideline") == 0)
			note_field(doc, f, &v, "deviation-reason");
	}
	const struct form_field *tc = form_field(f, "trial-considered", NULL);
	const char *tcv = tc ? form_values_get(&v, tc->id) : NULL;
	if (tcv)
		note_line(doc, "Studie övervägd",
			  strcmp(tcv, "yes") == 0 ? "ja" : "nej");
	/* everything else the board recorded, in the form's order: the note
	 * for the record leaves out nothing that was signed */
	bool heading = false;
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *fd = &f->fields[i];
		if (note_shown(fd, rows[0].prefill) ||
		    !form_values_get(&v, fd->id))
			continue;
		for (size_t r = 1; r < sizeof(rows) / sizeof(rows[0]); r++)
			if (fd->role && strcmp(fd->role, rows[r].role) == 0)
				goto next;
		if (!heading) {
			textdoc_newline(doc);
			textdoc_put(doc, TD_LABEL, "Övrigt i beslutet");
			textdoc_newline(doc);
			heading = true;
		}
		note_field(doc, f, &v, fd->id);
	next:;
	}
	textdoc_newline(doc);
	textdoc_put(doc, TD_LABEL, "Deltagare");
	textdoc_newline(doc);
	char *att = xstrdup(d->attendees ? d->attendees : "");
	char *save = NULL;
	for (char *l = strtok_r(att, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save)) {
		char *role, *kind;
		decision_attendee_split(l, &role, &kind);
		textdoc_printf(doc, TD_NORMAL, "  %s, %s%s", l, role,
			       strcmp(kind, "cover") == 0 ? " (ersättare)"
							  : "");
		textdoc_newline(doc);
	}
	free(att);
	if (d->quorum_override)
		note_line(doc, "Ej beslutsför", d->quorum_override);
	form_values_done(&v);
}

/* ---- out of the program ---- */

extern char **environ;

enum tb_status summary_record(struct db *db, const struct tb_decision *d,
			      const char *what)
{
	char *detail = xasprintf("%s, version %d", what, d->version);
	enum tb_status st = db_begin(db);
	if (st == TB_OK)
		st = db_audit_append(db, db_actor(), "export", "decision",
				     d->id, detail);
	if (st == TB_OK)
		st = db_commit(db);
	else
		db_rollback(db);
	free(detail);
	return st;
}

static enum tb_status write_pdf(const struct summary_src *src, const char *lang,
				const char *path, struct summary_info *info,
				char *err, size_t errlen)
{
	struct textdoc doc;
	textdoc_init(&doc, PDF_TEXTDOC_WIDTH);
	summary_patient(src, lang, &doc, info);
	char *header = summary_header(src, lang);
	struct pdf_options po = {
	    .title = form_phrase(src->ph, "title", info->lang, NULL),
	    .page_text = form_phrase(src->ph, "page", info->lang, NULL),
	    .footer_text = src->board_name,
	    .header_text = header};
	enum tb_status st = pdf_write(&doc, &po, path, err, errlen);
	free(header);
	textdoc_done(&doc);
	return st;
}

enum tb_status summary_pdf(struct db *db, const struct summary_src *src,
			   const char *lang, const char *path,
			   struct summary_info *info, char *err, size_t errlen)
{
	enum tb_status st = write_pdf(src, lang, path, info, err, errlen);
	if (st == TB_OK) {
		char *what = xasprintf("patient summary, PDF, %s", info->lang);
		st = summary_record(db, src->d, what);
		free(what);
		if (st != TB_OK)
			snprintf(err, errlen, _("the export was not recorded"));
	}
	return st;
}

/* Runs lp on file; TB_IO with a message when it cannot. */
static enum tb_status run_lp(const char *file, const char *printer,
			     const char *title, char *err, size_t errlen)
{
	const char *argv[8];
	int n = 0;
	argv[n++] = "lp";
	if (printer && *printer) {
		argv[n++] = "-d";
		argv[n++] = printer;
	}
	argv[n++] = "-t";
	argv[n++] = title;
	argv[n++] = "--";
	argv[n++] = file;
	argv[n] = NULL;
	pid_t pid;
	/* lp must not draw on the terminal of the screen */
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	int rc =
	    posix_spawnp(&pid, "lp", &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		snprintf(err, errlen,
			 _("the print service (lp) could not be started: %s"),
			 strerror(rc));
		return TB_IO;
	}
	int ws;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR) {
			snprintf(err, errlen, _("lp: %s"), strerror(errno));
			return TB_IO;
		}
	if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
		snprintf(err, errlen, _("lp did not accept the summary"));
		return TB_IO;
	}
	return TB_OK;
}

enum tb_status summary_print(struct db *db, const struct summary_src *src,
			     const char *lang, const char *printer,
			     struct summary_info *info, char *err,
			     size_t errlen)
{
	const char *base = getenv("TMPDIR");
	char *tmp = xasprintf("%s/tumorboard-summary-XXXXXX.pdf",
			      base && *base ? base : "/tmp");
	int fd = mkstemps(tmp, 4);
	if (fd < 0) {
		snprintf(err, errlen, _("no temporary file: %s"),
			 strerror(errno));
		free(tmp);
		return TB_IO;
	}
	close(fd);
	if (!printer || !*printer)
		printer = getenv("TUMORBOARD_PRINTER");
	enum tb_status st = write_pdf(src, lang, tmp, info, err, errlen);
	if (st == TB_OK)
		st = run_lp(tmp, printer,
			    form_phrase(src->ph, "title", info->lang, NULL),
			    err, errlen);
	unlink(tmp);
	free(tmp);
	if (st == TB_OK) {
		char *what =
		    xasprintf("patient summary, printed%s%s, %s",
			      printer && *printer ? " on " : "",
			      printer && *printer ? printer : "", info->lang);
		st = summary_record(db, src->d, what);
		free(what);
		if (st != TB_OK)
			snprintf(err, errlen, _("the print was not recorded"));
	}
	return st;
}

/* ---- loading ---- */

/* The day a meeting was held: the local date of its real start, or the
 * planned date when no start was recorded (meetings run before starts
 * were recorded). */
static void held_date(const struct tb_meeting *m, char out[11])
{
	if (!m->started[0] || !clock_local_date(m->started, out))
		snprintf(out, 11, "%s", m->date);
}

enum tb_status summary_load(struct db *db, const struct form_set *forms,
			    const struct form_phrases *ph,
			    const struct boards *boards, long long id,
			    struct summary_loaded *out, char *err,
			    size_t errlen)
{
	memset(out, 0, sizeof(*out));
	enum tb_status st = db_decision_get(db, id, &out->d);
	if (st != TB_OK) {
		snprintf(err, errlen, "%s",
			 st == TB_NOT_FOUND ? _("no such decision")
					    : db_errmsg(db));
		return st;
	}
	/* nothing altered behind the program's back is handed out */
	struct tb_decision copy = out->d;
	copy.content_hash = NULL;
	decision_hash(&copy);
	bool intact = out->d.content_hash &&
		      strcmp(copy.content_hash, out->d.content_hash) == 0;
	free(copy.content_hash);
	if (!intact) {
		snprintf(err, errlen,
			 _("decision %lld does not match its hash (altered "
			   "outside tumorboard); see tumorboard verify"),
			 id);
		summary_loaded_done(out);
		return TB_INTEGRITY;
	}
	const struct form *f = form_set_get(forms, out->d.form_id);
	if (!f || strcmp(f->version, out->d.form_version) != 0) {
		snprintf(err, errlen,
			 _("decision %lld was made with form %s version %s, "
			   "which is not installed; its wording is needed"),
			 id, out->d.form_id, out->d.form_version);
		summary_loaded_done(out);
		return TB_INVALID;
	}
	st = db_case_load(db, out->d.case_id, &out->c);
	if (st != TB_OK) {
		snprintf(err, errlen, _("the decision's case: %s"),
			 status_message(st));
		summary_loaded_done(out);
		return st;
	}
	const struct board *b = NULL;
	struct tb_meeting m;
	snprintf(out->date, sizeof(out->date), "%.10s", out->d.signed_at);
	if (out->d.meeting_id &&
	    db_meeting_get(db, out->d.meeting_id, &m) == TB_OK) {
		b = boards_by_id(boards, m.board);
		held_date(&m, out->date);
	}
	if (!b)
		b = boards_for_icd10(boards, out->c->icd10);
	out->board_name = xstrdup(b ? b->name : "MDK");
	snprintf(out->board_id, sizeof(out->board_id), "%s",
		 b ? b->id : "general");
	out->src = (struct summary_src){.d = &out->d,
					.f = f,
					.c = out->c,
					.ph = ph,
					.board_name = out->board_name,
					.board_id = out->board_id,
					.date = out->date};
	/* the version it amends, for "what changed" */
	if (out->d.supersedes &&
	    db_decision_get(db, out->d.supersedes, &out->prev) == TB_OK) {
		out->src.prev = &out->prev;
		snprintf(out->prev_date, sizeof(out->prev_date), "%.10s",
			 out->prev.signed_at);
		if (out->prev.meeting_id &&
		    db_meeting_get(db, out->prev.meeting_id, &m) == TB_OK)
			held_date(&m, out->prev_date);
		out->src.prev_date = out->prev_date;
	}
	/* the registry names a recommended trial, where it runs */
	struct diag td;
	diag_init(&td);
	if (import_trials_load(&out->trials, &td) != TB_OK) {
		trials_done(&out->trials);
		out->no_trials = true;
	}
	diag_done(&td);
	out->src.trials = &out->trials;
	/* whether a later version replaces it */
	long long *ids = NULL;
	int *versions = NULL;
	size_t n = summary_chain(db, id, &ids, &versions);
	out->latest_id = n ? ids[n - 1] : id;
	if (n && ids[n - 1] != id)
		out->src.latest_version = versions[n - 1];
	free(ids);
	free(versions);
	return TB_OK;
}

struct chain {
	long long *ids, *sup;
	int *ver;
	size_t n;
};

static bool chain_add(const struct tb_decision *d, void *arg)
{
	struct chain *c = arg;
	c->ids = xrealloc(c->ids, (c->n + 1) * sizeof(*c->ids));
	c->sup = xrealloc(c->sup, (c->n + 1) * sizeof(*c->sup));
	c->ver = xrealloc(c->ver, (c->n + 1) * sizeof(*c->ver));
	c->ids[c->n] = d->id;
	c->sup[c->n] = d->supersedes;
	c->ver[c->n] = d->version;
	c->n++;
	return true;
}

size_t summary_chain(struct db *db, long long id, long long **ids,
		     int **versions)
{
	*ids = NULL;
	if (versions)
		*versions = NULL;
	struct tb_decision d;
	if (db_decision_get(db, id, &d) != TB_OK)
		return 0;
	struct chain c = {0};
	enum tb_status st = db_decision_each(db, d.case_id, chain_add, &c);
	db_decision_done(&d);
	size_t n = 0;
	if (st == TB_OK && c.n) {
		/* back to the first version, then forward through the
		 * versions that amend it (decisions come in id order) */
		long long first = id;
		for (bool moved = true; moved;) {
			moved = false;
			for (size_t i = 0; i < c.n; i++)
				if (c.ids[i] == first && c.sup[i]) {
					first = c.sup[i];
					moved = true;
				}
		}
		*ids = xmalloc(c.n * sizeof(**ids));
		int *v = xmalloc(c.n * sizeof(*v));
		long long cur = first;
		for (size_t i = 0; i < c.n; i++)
			if (c.ids[i] == cur ||
			    (n && c.sup[i] == (*ids)[n - 1])) {
				(*ids)[n] = c.ids[i];
				v[n++] = c.ver[i];
				cur = c.ids[i];
			}
		if (versions)
			*versions = v;
		else
			free(v);
	}
	free(c.ids);
	free(c.sup);
	free(c.ver);
	return n;
}

void summary_loaded_done(struct summary_loaded *l)
{
	db_decision_done(&l->d);
	if (l->src.prev)
		db_decision_done(&l->prev);
	trials_done(&l->trials);
	model_case_free(&l->c);
	free(l->board_name);
	memset(l, 0, sizeof(*l));
}
