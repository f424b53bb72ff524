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
#include "form_type.h"
#include "pdf.h"
#include "util.h"

/* What one pass of building the patient summary needs and learns. */
struct build {
	const struct summary_src *src;
	const char *lang;
	struct textdoc *doc;
	bool fallback;	     /* wording came from another language */
	struct strbuf prose; /* the patient part, for readability */
};

static const char *text_of(struct build *b, const struct form_text *t)
{
	bool fb = false;
	const char *s = form_text_get(t, b->lang, &fb);
	b->fallback |= fb && *s;
	return s;
}

/* A phrase with {name}, {born}, {date}, {board}, {decision}, {version}
 * filled in; caller frees. */
static char *phrase(struct build *b, const char *id)
{
	bool fb = false;
	const char *p = form_phrase(b->src->ph, id, b->lang, &fb);
	b->fallback |= fb;
	const struct tb_case *c = b->src->c;
	char decision[24], version[16];
	snprintf(decision, sizeof(decision), "%lld", b->src->d->id);
	snprintf(version, sizeof(version), "%d", b->src->d->version);
	/* the identity the decision was signed for, when it records one */
	struct form_values signed_for;
	form_values_init(&signed_for);
	decision_content_decode(b->src->d->content, &signed_for);
	const char *sn = form_values_get(&signed_for, DECISION_PATIENT_NAME);
	const char *sb_born =
	    form_values_get(&signed_for, DECISION_PATIENT_BORN);
	char *name = sn ? xstrdup(sn)
			: xasprintf("%s %s", c->patient.given_name,
				    c->patient.family_name);
	const char *born = sb_born ? sb_born
			   : c->patient.birth_date ? c->patient.birth_date
						   : "";
	const struct {
		const char *key, *value;
	} vars[] = {
	    {"{name}", name},
	    {"{born}", born},
	    {"{date}", b->src->date},
	    {"{board}", b->src->board_name},
	    {"{decision}", decision},
	    {"{version}", version},
	};
	struct strbuf sb;
	strbuf_init(&sb);
	while (*p) {
		size_t i, n = sizeof(vars) / sizeof(vars[0]);
		for (i = 0; i < n; i++) {
			size_t k = strlen(vars[i].key);
			if (strncmp(p, vars[i].key, k) == 0) {
				strbuf_puts(&sb, vars[i].value);
				p += k;
				break;
			}
		}
		if (i == n)
			strbuf_putc(&sb, *p++);
	}
	free(name);
	form_values_done(&signed_for);
	return strbuf_detach(&sb);
}

/* Adds text to the readability sample as a sentence of its own. */
static void prose(struct build *b, const char *text)
{
	size_t n = strlen(text);
	if (!n)
		return;
	strbuf_puts(&b->prose, text);
	if (!strchr(".!?:", text[n - 1]))
		strbuf_putc(&b->prose, '.');
	strbuf_putc(&b->prose, '\n');
}

static void heading(struct build *b, const char *text)
{
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
}

static void para_phrase(struct build *b, const char *id)
{
	char *t = phrase(b, id);
	para(b, 0, TD_NORMAL, t);
	free(t);
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
}

/* One patient-visible field with its value. */
static void field(struct build *b, const struct form_field *fd,
		  const char *value)
{
	const struct form *f = b->src->f;
	heading(b, text_of(b, fd->plain.n ? &fd->plain : &fd->label));
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
		bool fb = false;
		const char *why =
		    form_phrase(b->src->ph, "why-not", b->lang, &fb);
		b->fallback |= fb;
		for (char *row = strtok_r(rows, "\n", &save); row;
		     row = strtok_r(NULL, "\n", &save)) {
			char *tab = strchr(row, '\t');
			if (tab)
				*tab++ = '\0';
			bullet(b, from ? option_words(b, from, row) : row);
			if (tab && *tab) {
				textdoc_put(b->doc, TD_NORMAL, "    ");
				textdoc_put(b->doc, TD_LABEL, why);
				textdoc_put(b->doc, TD_NORMAL, " ");
				textdoc_wrap_on(b->doc, 4, TD_NORMAL, tab);
				prose(b, tab);
			}
		}
		free(rows);
		break;
	}
	case FT_TEXT:
		para(b, 0, TD_NORMAL, value);
		break;
	default: {
		char *t = form_type_format(f, fd, value, b->lang);
		para(b, 0, TD_NORMAL, t);
		free(t);
	}
	}
}

static void build_patient(struct build *b)
{
	const struct summary_src *src = b->src;
	struct form_values v;
	form_values_init(&v);
	decision_content_decode(src->d->content, &v);

	char *t = phrase(b, "title");
	textdoc_put(b->doc, TD_TITLE, t);
	textdoc_newline(b->doc);
	prose(b, t);
	free(t);
	t = phrase(b, "for");
	textdoc_put(b->doc, TD_STRONG, t);
	textdoc_newline(b->doc);
	free(t);
	/* the note is decided by a first pass (b->fallback from it) */
	if (b->fallback) {
		textdoc_newline(b->doc);
		t = phrase(b, "language-note");
		textdoc_wrap(b->doc, 0, TD_WARN, t);
		free(t);
	}
	textdoc_newline(b->doc);
	para_phrase(b, "intro");
	for (size_t i = 0; i < src->f->n_fields; i++) {
		const struct form_field *fd = &src->f->fields[i];
		const char *val = form_values_get(&v, fd->id);
		/* only what the patient may see, and only what was signed */
		if (!fd->patient || !val)
			continue;
		field(b, fd, val);
	}
	textdoc_newline(b->doc);
	para_phrase(b, "advice");
	textdoc_newline(b->doc);
	para_phrase(b, "questions");
	t = phrase(b, "second-opinion-heading");
	heading(b, t);
	free(t);
	para_phrase(b, "second-opinion");
	form_values_done(&v);
}

/* The part for other caregivers: the team, the decision, and the labels of
 * the patient-visible recommendation and intent. Not in the readability
 * sample: it is written for professionals. */
static void build_caregivers(struct build *b)
{
	const struct summary_src *src = b->src;
	struct form_values v;
	form_values_init(&v);
	decision_content_decode(src->d->content, &v);
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
		const char *val = form_role_value(src->f, &v, roles[i], &fd);
		if (!val || !fd->patient)
			continue;
		char *label = form_type_format(src->f, fd, val, "sv");
		textdoc_put(b->doc, TD_LABEL,
			    form_text_get(&fd->label, "sv", NULL));
		textdoc_put(b->doc, TD_NORMAL, ": ");
		textdoc_wrap_on(b->doc, 2, TD_NORMAL, label);
		free(label);
	}
	form_values_done(&v);
}

void summary_patient(const struct summary_src *src, const char *lang,
		     struct textdoc *doc, struct summary_info *info)
{
	if (!lang || !*lang)
		lang = src->c->patient.language && *src->c->patient.language
			   ? src->c->patient.language
			   : "sv";
	/* first pass: does any wording fall back to another language? */
	struct textdoc scratch;
	textdoc_init(&scratch, doc->width);
	struct build b = {.src = src, .lang = lang, .doc = &scratch};
	strbuf_init(&b.prose);
	build_patient(&b);
	build_caregivers(&b);
	bool fallback = b.fallback;
	textdoc_done(&scratch);
	strbuf_done(&b.prose);

	struct build real = {
	    .src = src, .lang = lang, .doc = doc, .fallback = fallback};
	strbuf_init(&real.prose);
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
	strbuf_done(&real.prose);
}

/* ---- the clinician note ---- */

static void note_line(struct textdoc *doc, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	textdoc_put(doc, TD_LABEL, label);
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
	}
	const struct form_field *tc = form_field(f, "trial-considered", NULL);
	const char *tcv = tc ? form_values_get(&v, tc->id) : NULL;
	if (tcv)
		note_line(doc, "Studie övervägd",
			  strcmp(tcv, "yes") == 0 ? "ja" : "nej");
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
	struct pdf_options po = {
	    .title = form_phrase(src->ph, "title", info->lang, NULL),
	    .page_text = form_phrase(src->ph, "page", info->lang, NULL),
	    .footer_text = src->board_name};
	enum tb_status st = pdf_write(&doc, &po, path, err, errlen);
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
			snprintf(err, errlen, "the export was not recorded");
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
			 "the print service (lp) could not be started: %s",
			 strerror(rc));
		return TB_IO;
	}
	int ws;
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR) {
			snprintf(err, errlen, "lp: %s", strerror(errno));
			return TB_IO;
		}
	if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
		snprintf(err, errlen, "lp did not accept the summary");
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
		snprintf(err, errlen, "no temporary file: %s", strerror(errno));
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
			snprintf(err, errlen, "the print was not recorded");
	}
	return st;
}

/* ---- loading ---- */

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
			 st == TB_NOT_FOUND ? "no such decision"
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
			 "decision %lld does not match its hash (altered "
			 "outside tumorboard); see tumorboard verify",
			 id);
		summary_loaded_done(out);
		return TB_INTEGRITY;
	}
	const struct form *f = form_set_get(forms, out->d.form_id);
	if (!f || strcmp(f->version, out->d.form_version) != 0) {
		snprintf(err, errlen,
			 "decision %lld was made with form %s version %s, "
			 "which is not installed; its wording is needed",
			 id, out->d.form_id, out->d.form_version);
		summary_loaded_done(out);
		return TB_INVALID;
	}
	st = db_case_load(db, out->d.case_id, &out->c);
	if (st != TB_OK) {
		snprintf(err, errlen, "the decision's case: %s",
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
		snprintf(out->date, sizeof(out->date), "%s", m.date);
	}
	if (!b)
		b = boards_for_icd10(boards, out->c->icd10);
	out->board_name = xstrdup(b ? b->name : "MDK");
	out->src = (struct summary_src){.d = &out->d,
					.f = f,
					.c = out->c,
					.ph = ph,
					.board_name = out->board_name,
					.date = out->date};
	return TB_OK;
}

void summary_loaded_done(struct summary_loaded *l)
{
	db_decision_done(&l->d);
	model_case_free(&l->c);
	free(l->board_name);
	memset(l, 0, sizeof(*l));
}
