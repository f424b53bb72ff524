/*
 * Writes the patient letter of a sample decision made with one shipped
 * form, in one language, for the golden letters of tests/golden.sh:
 *   letters FORM LANG [WIDTH | check]
 * With check, writes nothing but the glossary notes that explain words not
 * in their letter's text (exit 1 when there is one), of every letter the
 * sample gives: each advice the form offers, made at a meeting, outside
 * one, amended outside one.
 * The decision is synthetic: every patient-visible field has a value (the
 * first option of a choice, plain Swedish free text as a board writes it),
 * and the case has a finding that fits the form. The clock is fixed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "decision.h"
#include "diag.h"
#include "form_def.h"
#include "glossary.h"
#include "import.h"
#include "import_form.h"
#include "import_kb.h"
#include "model.h"
#include "summary.h"
#include "textdoc.h"
#include "util.h"

/* What the board writes, by the field's role. */
static const char *text_for(const struct form_field *fd)
{
	static const struct {
		const char *role, *text;
	} rows[] = {
	    {"rationale", "Tumören är liten och har inte spridit sig. Det här "
			  "är den behandling som brukar fungera bäst."},
	    {"next-step", "Du får en kallelse med tid och plats. Ta gärna "
			  "med någon du känner."},
	    {"contact-nurse", "Lena Holm"},
	    {"contact-phone", "046-17 10 00"},
	    {"responsible", "Johan Lindqvist"},
	    {"follow-up-owner", "Johan Lindqvist"},
	};
	for (size_t i = 0; fd->role && i < sizeof(rows) / sizeof(rows[0]); i++)
		if (strcmp(fd->role, rows[i].role) == 0)
			return rows[i].text;
	return "Anteckning för vården.";
}

static void fill(const struct form *f, struct form_values *v, bool trial)
{
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *fd = &f->fields[i];
		char *val = NULL;
		/* the sample patient is an adult: no child's field (Lansky) */
		if (fd->patients == FORM_PATIENTS_CHILDREN)
			continue;
		switch (fd->type) {
		case FT_TEXT:
			val = xstrdup(text_for(fd));
			break;
		case FT_CHOICE:
			if (fd->role &&
			    strcmp(fd->role, "recommendation") == 0 && trial)
				val = xstrdup("trial");
			else if (fd->role && strcmp(fd->role, "guideline") == 0)
				val = xstrdup("follows");
			else
				val = xstrdup(fd->options[0].value);
			break;
		case FT_MULTI:
			val = fd->n_options > 1
				  ? xasprintf("%s %s", fd->options[0].value,
					      fd->options[1].value)
				  : xstrdup(fd->options[0].value);
			break;
		case FT_YESNO:
			val = xstrdup(
			    fd->role &&
				    strcmp(fd->role, "genetics-referral") == 0
				? "yes"
			    : strcmp(fd->id, "relatives") == 0 ? "yes"
			    : strcmp(fd->id, "trial-considered") == 0 && trial
				? "yes"
				: "no");
			break;
		case FT_NUMBER:
			val = xasprintf("%g", fd->min);
			break;
		case FT_DATE:
			val = xstrdup("2026-12-24");
			break;
		case FT_CODE:
			val =
			    xstrdup(strcmp(fd->system, "tnm") == 0 ? "T1 N0 M0"
								   : "C34.1");
			break;
		case FT_TRIAL:
			val = xstrdup("2099-500001-11-00");
			break;
		case FT_ALTERNATIVES: {
			const struct form_field *from =
			    form_field(f, fd->options_from, NULL);
			if (from && from->n_options > 1)
				val = xasprintf("%s\tGer fler biverkningar och "
						"inte bättre resultat.",
						from->options[1].value);
			break;
		}
		default:
			break;
		}
		if (val)
			form_values_set(v, fd->id, val);
		free(val);
	}
}

/* s with every run of white space one space (a note is wrapped). */
static char *one_line(const char *s)
{
	char *out = xstrdup(s);
	size_t k = 0;
	for (const char *p = s; *p; p++)
		if (!strchr(" \n\t", *p))
			out[k++] = *p;
		else if (k && out[k - 1] != ' ')
			out[k++] = ' ';
	out[k] = '\0';
	return out;
}

/* Whether the note's sentence s names one of words ('|'-separated) and
 * none of those it names is in text: it explains a word the letter does
 * not use. A sentence that names none of them is about the others. */
static bool sentence_orphan(const char *s, const char *words, const char *text)
{
	bool named = false, used = false;
	char *save = NULL;
	char *copy = xstrdup(words);
	for (char *w = strtok_r(copy, "|", &save); w;
	     w = strtok_r(NULL, "|", &save))
		if (glossary_words_in(s, w)) {
			named = true;
			used = used || glossary_words_in(text, w);
		}
	free(copy);
	return named && !used;
}

/* Each glossary note of the letter (its patient part, before the part for
 * other caregivers) that explains a word not in the letter's text outside
 * the notes, named on stderr; how many. A note explains, sentence by
 * sentence, the match words (in the letter's language) each sentence
 * names: every sentence that names some must name one the letter uses
 * ("The immune system is ... Immunotherapy is ..." in a letter that says
 * only "immune system" explains a word it does not use). A note that
 * names none of its words (Arabic takes an article) needs one of them in
 * the letter. */
static int orphan_notes(const struct form_phrases *ph, const char *lang,
			const struct textdoc *doc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		util_die_nomem();
	textdoc_write(doc, f);
	fclose(f);
	char *text = one_line(buf);
	free(buf);
	char *cut =
	    strstr(text, form_phrase(ph, "caregivers-heading", lang, NULL));
	if (cut)
		*cut = '\0';
	const struct glossary *g = ph->glossary;
	bool *shown = calloc(g->n + 1, sizeof(bool));
	/* the notes taken out of the text, each remembered */
	for (size_t i = 0; i < g->n; i++) {
		char *note = one_line(glossary_explanation(g, i, lang, NULL));
		char *at = *note ? strstr(text, note) : NULL;
		if (at) {
			shown[i] = true;
			memset(at, ' ', strlen(note));
		}
		free(note);
	}
	int orphans = 0;
	for (size_t i = 0; i < g->n; i++) {
		if (!shown[i])
			continue;
		const char *note = glossary_explanation(g, i, lang, NULL);
		const char *words = form_text_get(&g->t[i].match, lang, NULL);
		bool bad = false;
		if (!glossary_words_in(note, words))
			bad = !glossary_words_in(text, words);
		char *copy = one_line(note);
		for (char *s = copy; *s && !bad;) {
			size_t n = strcspn(s, ".?!");
			char end = s[n];
			s[n] = '\0';
			bad = sentence_orphan(s, words, text);
			s += n + (end != '\0');
		}
		free(copy);
		if (bad) {
			fprintf(stderr,
				"letters: the note on '%s' (%s) explains a "
				"word not in the letter: %s\n",
				g->t[i].id, words, note);
			orphans++;
		}
	}
	free(shown);
	free(text);
	return orphans;
}

/* The glossary notes of every letter the sample decision can give, as
 * orphan_notes counts them: each option of the recommendation as the
 * advice (the next one as the alternative considered), and the first
 * made at a meeting, outside one, and amended outside one. */
static int check_all(struct summary_src *src, const struct form *f,
		     struct form_values *v, struct tb_decision *dec,
		     const char *lang)
{
	const struct form_field *rec = NULL, *alt = NULL;
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *fd = &f->fields[i];
		if (fd->type == FT_CHOICE && fd->role &&
		    strcmp(fd->role, "recommendation") == 0)
			rec = fd;
		else if (fd->type == FT_ALTERNATIVES)
			alt = fd;
	}
	size_t n = rec ? rec->n_options : 1;
	int orphans = 0;
	struct tb_decision prev = *dec;
	for (size_t k = 0; k < n; k++) {
		if (rec) {
			form_values_set(v, rec->id, rec->options[k].value);
			if (alt && n > 1) {
				char *a =
				    xasprintf("%s\tGer fler biverkningar.",
					      rec->options[(k + 1) % n].value);
				form_values_set(v, alt->id, a);
				free(a);
			}
		}
		char *content = decision_content_encode(v);
		for (int how = 0; how < (k ? 1 : 3); how++) {
			static const char *const hows[] = {
			    "at a meeting", "outside a meeting",
			    "amended outside a meeting"};
			dec->content = prev.content = content;
			dec->meeting_id = how ? 0 : 1;
			dec->version = how == 2 ? 2 : 1;
			src->prev = how == 2 ? &prev : NULL;
			src->prev_date = how == 2 ? "2026-11-20" : NULL;
			struct textdoc doc;
			textdoc_init(&doc, 72);
			struct summary_info info;
			summary_patient(src, lang, &doc, &info);
			int o = orphan_notes(src->ph, lang, &doc);
			if (o)
				fprintf(stderr,
					"letters: in the letter %s, "
					"advice '%s'\n",
					hows[how],
					rec ? rec->options[k].value : "");
			orphans += o;
			textdoc_done(&doc);
		}
		free(content);
	}
	return orphans;
}

/* A finding that fits the form's diagnosis area. */
static void finding_for(struct tb_case *c, const char *form)
{
	struct tb_finding *fi = &c->findings[0];
	if (strcmp(form, "breast") == 0 || strcmp(form, "prostate") == 0) {
		util_set(&fi->gene,
			 strcmp(form, "breast") == 0 ? "BRCA1" : "BRCA2");
		util_set(&fi->origin, "germline");
	} else if (strcmp(form, "colorectal") == 0) {
		util_set(&fi->gene, NULL);
		util_set(&fi->kind, "msi");
		util_set(&fi->value, "high");
	} else if (strcmp(form, "melanoma") == 0) {
		util_set(&fi->gene, "BRAF");
	}
	if (strcmp(form, "prostate") == 0) {
		util_set(&c->patient.given_name, "Sven");
		util_set(&c->patient.sex, "male");
	}
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fputs("usage: letters FORM LANG [WIDTH | check]\n", stderr);
		return 2;
	}
	clock_set_fixed(1795510800); /* 2026-11-24T09:00:00Z */
	import_global_init();
	struct form_set forms = {0};
	struct form_phrases ph = {0};
	struct trials trials = {0};
	struct diag d;
	diag_init(&d);
	int rc = 1;
	if (import_form_load_all(NULL, &forms, &d) != TB_OK ||
	    import_form_phrases(NULL, &ph, &d) != TB_OK ||
	    import_trials_load(&trials, &d) != TB_OK) {
		diag_print(&d, stderr);
		goto cleanup;
	}
	const struct form *f = form_set_get(&forms, argv[1]);
	if (!f) {
		fprintf(stderr, "letters: no form %s\n", argv[1]);
		goto cleanup;
	}
	struct tb_case *c = model_case_new();
	util_set(&c->external_id, "EX-2026-0001");
	util_set(&c->patient.pnr, "19560312-2389");
	util_set(&c->patient.family_name, "Åström");
	util_set(&c->patient.given_name, "Märta");
	util_set(&c->patient.birth_date, "1956-03-12");
	util_set(&c->patient.sex, "female");
	util_set(&c->patient.language, "sv");
	util_set(&c->referrer_unit, "Onkologiska kliniken");
	util_set(&c->referrer_phone, "046-17 20 00");
	struct tb_finding *fi = model_case_add_finding(c);
	fi->gene = xstrdup("EGFR");
	fi->kind = xstrdup("snv");
	fi->origin = xstrdup("somatic");
	finding_for(c, f->id);
	bool trial = strcmp(f->id, "general") == 0;
	struct form_values v;
	form_values_init(&v);
	fill(f, &v, trial);
	char *content = decision_content_encode(&v);
	char fid[64], fver[32], by[] = "Karin Berg",
				at[] = "2026-11-23T15:00:00Z", ext[] = "EX-1";
	snprintf(fid, sizeof(fid), "%s", f->id);
	snprintf(fver, sizeof(fver), "%s", f->version);
	struct tb_decision dec = {.id = 1,
				  .version = 1,
				  .meeting_id = 1,
				  .form_id = fid,
				  .form_version = fver,
				  .content = content,
				  .signed_by = by,
				  .signed_at = at,
				  .case_external_id = ext};
	static const char *const boards[][2] = {
	    {"lung", "Lungcancer"},
	    {"breast", "Bröstcancer"},
	    {"colorectal", "Kolorektal cancer"},
	    {"prostate", "Prostatacancer"},
	    {"melanoma", "Melanom"},
	};
	const char *bid = "general", *bname = "Allmän MDK";
	for (size_t i = 0; i < sizeof(boards) / sizeof(boards[0]); i++)
		if (strcmp(boards[i][0], f->id) == 0) {
			bid = boards[i][0];
			bname = boards[i][1];
		}
	struct summary_src src = {.d = &dec,
				  .f = f,
				  .c = c,
				  .ph = &ph,
				  .board_name = bname,
				  .board_id = bid,
				  .date = "2026-11-23",
				  .issued = "2026-11-24",
				  .trials = &trials};
	bool check = argc == 4 && strcmp(argv[3], "check") == 0;
	if (check) {
		int n = check_all(&src, f, &v, &dec, argv[2]);
		free(content);
		form_values_done(&v);
		model_case_free(&c);
		rc = n ? 1 : 0;
		goto cleanup;
	}
	struct textdoc doc;
	textdoc_init(&doc, argc == 4 ? atoi(argv[3]) : 72);
	struct summary_info info;
	summary_patient(&src, argv[2], &doc, &info);
	textdoc_write(&doc, stdout);
	if (info.scored)
		fprintf(stderr, "%s %.0f\n",
			info.r.formula == READABILITY_LIX ? "LIX" : "Flesch",
			info.r.score);
	textdoc_done(&doc);
	free(content);
	form_values_done(&v);
	model_case_free(&c);
	rc = 0;
cleanup:
	diag_done(&d);
	trials_done(&trials);
	form_set_done(&forms);
	form_phrases_done(&ph);
	import_global_cleanup();
	return rc;
}
