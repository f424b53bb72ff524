/* Patient summaries: staff-only fields never appear, patient-visible ones
 * do, wording falls back with a note, free text is marked, readability is
 * computed on the patient part; what happened (meeting, outside one,
 * amendment), whom to call, what happens next, terms explained, genetics
 * and trials in plain words; and the clinician note holds the record. */
#include "testutil.h"

#include "clock.h"
#include "db_decision.h"
#include "decision.h"
#include "form_def.h"
#include "form_type.h"
#include "import.h"
#include "import_form.h"
#include "summary.h"

static struct form_set forms;
static struct form_phrases phrases;

static int setup(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d);
	clock_set_fixed(1795424400); /* 2026-11-23T09:00:00Z */
	import_global_init();
	if (import_form_load_all(NULL, &forms, &d) != TB_OK ||
	    import_form_phrases(NULL, &phrases, &d) != TB_OK) {
		diag_print(&d, stderr);
		diag_done(&d);
		return -1;
	}
	diag_done(&d);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	form_set_done(&forms);
	form_phrases_done(&phrases);
	import_global_cleanup();
	return 0;
}

/* A value for every field: text-like fields get a marker naming the
 * field, so its appearance can be checked; choices get their first
 * option (yes/no: yes), so every condition on "yes" holds. */
static void fill_all(const struct form *f, struct form_values *v)
{
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *fd = &f->fields[i];
		char *val = NULL;
		switch (fd->type) {
		case FT_TEXT:
			val = xasprintf("MARK-%s", fd->id);
			break;
		case FT_CHOICE:
		case FT_MULTI:
			val = xstrdup(fd->options[0].value);
			break;
		case FT_YESNO:
			val = xstrdup("yes");
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
			val = xstrdup("NCT01234567");
			break;
		case FT_FINDING:
			val = xasprintf("MARK-%s\tI-A\tev", fd->id);
			break;
		case FT_ALTERNATIVES:
			val = xasprintf("%s\tMARK-%s",
					form_field(f, fd->options_from, NULL)
					    ->options[1]
					    .value,
					fd->id);
			break;
		default:
			break;
		}
		form_values_set(v, fd->id, val);
		free(val);
	}
}

static char *doc_text(const struct textdoc *doc)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < doc->n_lines; i++) {
		strbuf_add(&sb, doc->lines[i].text, doc->lines[i].len);
		strbuf_putc(&sb, '\n');
	}
	return strbuf_detach(&sb);
}

/* The text of a patient summary (note false) or a clinician note (note
 * true) of a decision signed with form f and values v. Caller frees. */
/* What a test changes in the decision and the source. */
struct opts {
	long long meeting_id;
	const struct tb_decision *prev;
	int latest_version;
	const struct trials *trials;
	bool nurse_known;
	const char *nurse_unit;
};

static char *render_opts(const struct form *f, const struct form_values *v,
			 struct tb_case *c, const char *lang, bool note,
			 struct summary_info *info, const struct opts *o)
{
	static const struct opts none = {0};
	if (!o)
		o = &none;
	char fid[64], fver[32], by[] = "Ordf", at[] = "2026-11-23T09:00:00Z";
	char att[] = "Anna\tonkolog\tcore\nPer\tradiolog\tcover";
	char ext[] = "X-1";
	snprintf(fid, sizeof(fid), "%s", f->id);
	snprintf(fver, sizeof(fver), "%s", f->version);
	char *content = decision_content_encode(v);
	struct tb_decision d = {.id = 7,
				.form_id = fid,
				.form_version = fver,
				.content = content,
				.signed_by = by,
				.signed_at = at,
				.attendees = att,
				.meeting_id = o->meeting_id,
				.version = o->prev ? 2 : 1,
				.supersedes = o->prev ? 6 : 0,
				.case_external_id = ext};
	struct summary_src src = {.d = &d,
				  .f = f,
				  .c = c,
				  .ph = &phrases,
				  .board_name = "Lungcancer",
				  .board_id = "lung",
				  .date = "2026-11-23",
				  .prev = o->prev,
				  .prev_date = o->prev ? "2026-11-02" : NULL,
				  .latest_version = o->latest_version,
				  .issued = "2026-11-24",
				  .trials = o->trials,
				  .nurse_known = o->nurse_known,
				  .nurse_unit = o->nurse_unit};
	struct textdoc doc;
	textdoc_init(&doc, note ? 80 : 2000); /* a paragraph a line */
	if (note)
		summary_note(&src, &doc);
	else
		summary_patient(&src, lang, &doc, info);
	char *text = doc_text(&doc);
	textdoc_done(&doc);
	free(content);
	return text;
}

static char *render_of(const struct form *f, const struct form_values *v,
		       struct tb_case *c, const char *lang, bool note,
		       struct summary_info *info)
{
	return render_opts(f, v, c, lang, note, info, NULL);
}

static char *summary_of(const struct form *f, const struct form_values *v,
			struct tb_case *c, const char *lang,
			struct summary_info *info)
{
	return render_of(f, v, c, lang, false, info);
}

/* In every shipped form, in both languages: the marker of every
 * patient-visible text field appears, and no staff-only marker does. */
static void test_no_staff_only_field(void **state)
{
	(void)state;
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	for (size_t k = 0; k < forms.n; k++) {
		const struct form *f = forms.f[k];
		struct form_values v;
		form_values_init(&v);
		fill_all(f, &v);
		static const char *const langs[] = {"sv", "en"};
		for (size_t l = 0; l < 2; l++) {
			struct summary_info info;
			char *text = summary_of(f, &v, c, langs[l], &info);
			for (size_t i = 0; i < f->n_fields; i++) {
				const struct form_field *fd = &f->fields[i];
				char mark[64];
				snprintf(mark, sizeof(mark), "MARK-%s", fd->id);
				bool shown = form_field_visible(f, fd, &v);
				bool in = strstr(text, mark) != NULL;
				/* the letter names the responsible doctor
				 * and who acts next on purpose */
				bool named =
				    fd->role &&
				    (strcmp(fd->role, "responsible") == 0 ||
				     strcmp(fd->role, "follow-up-owner") == 0);
				if (!fd->patient && in && !named)
					fail_msg("form %s (%s): staff-only "
						 "field %s in the summary",
						 f->id, langs[l], fd->id);
				if (fd->patient && shown &&
				    (fd->type == FT_TEXT ||
				     fd->type == FT_ALTERNATIVES) &&
				    !in)
					fail_msg("form %s (%s): patient field "
						 "%s missing",
						 f->id, langs[l], fd->id);
			}
			/* every form has wording in both languages; the
			 * English letter marks the Swedish free text */
			assert_int_equal(info.fallback, l == 1);
			assert_true(info.scored);
			free(text);
		}
		form_values_done(&v);
	}
	model_case_free(&c);
}

static void base_values(struct form_values *v)
{
	form_values_set(v, "recommendation", "surgery");
	form_values_set(v, "intent", "curative");
	form_values_set(v, "rationale",
			"Tumören är liten. Den går att ta bort.");
	form_values_set(v, "contact-nurse", "Lena Holm");
	form_values_set(v, "contact-phone", "046-17 10 00");
	form_values_set(v, "responsible", "Dr Ansvarig");
	form_values_set(v, "follow-up-owner", "Dr Följer");
	form_values_set(v, "follow-up-date", "2026-12-24");
}

/* The number of times needle occurs in hay. */
static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void test_language_fallback_and_readability(void **state)
{
	(void)state;
	const struct form *f = form_set_get(&forms, "general");
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	struct form_values v;
	form_values_init(&v);
	base_values(&v);
	struct summary_info info;
	char *sv = summary_of(f, &v, c, "sv", &info);
	assert_false(info.fallback);
	assert_non_null(strstr(sv, "Brev från teamet om din vård"));
	assert_non_null(strstr(sv, "En operation där läkaren tar bort"));
	assert_non_null(strstr(sv, "ny medicinsk bedömning"));
	assert_non_null(strstr(sv, "Till: Märta Åström, född 1956-03-12"));
	assert_non_null(strstr(sv, "Rekommendation: Kirurgi"));
	assert_null(strstr(sv, "finns inte på ditt språk"));
	/* free text in Swedish is not marked in a Swedish letter */
	assert_null(strstr(sv, "Skrivet på svenska"));
	assert_int_equal(info.r.formula, READABILITY_LIX);
	assert_true(info.within);
	assert_true(info.r.score > 5 && info.r.score <= 35);
	free(sv);
	/* English: the Swedish free text is marked, and the note says so */
	char *en = summary_of(f, &v, c, "en", &info);
	assert_non_null(strstr(en, "An operation to remove the tumour."));
	assert_non_null(strstr(en, "new medical assessment"));
	assert_non_null(strstr(en, "Tumören är liten. Den går att ta bort.\n"
				   "(Written in Swedish by the team.)"));
	assert_true(info.fallback);
	assert_non_null(strstr(en, "Some of the text is not in your language"));
	assert_int_equal(info.r.formula, READABILITY_FLESCH);
	/* the part for other caregivers in English too, the team's name
	 * included */
	assert_non_null(strstr(en, "For other caregivers\n"));
	assert_non_null(strstr(en, "Recommendation: Surgery"));
	assert_non_null(strstr(en, "Treatment intent: Curative"));
	assert_non_null(strstr(en, ", lung cancer team. Decision 7"));
	assert_null(strstr(en, "Rekommendation"));
	assert_null(strstr(en, "Behandlingsavsikt"));
	assert_null(strstr(en, "Lungcancer"));
	free(en);
	/* Finnish: the frame in Finnish, the forms' wording in Swedish with
	 * the note in Finnish */
	char *fi = summary_of(f, &v, c, "fi", &info);
	assert_true(info.fallback);
	assert_false(info.scored);
	assert_non_null(strstr(fi, "Osa tekstistä ei ole sinun kielelläsi"));
	assert_non_null(strstr(fi, "Kirje hoitotiimiltä hoidostasi"));
	assert_non_null(strstr(fi, "(Tiimi on kirjoittanut tämän ruotsiksi.)"));
	assert_non_null(strstr(fi, "En operation där läkaren tar bort"));
	free(fi);
	/* Arabic likewise */
	char *ar = summary_of(f, &v, c, "ar", &info);
	assert_true(info.fallback);
	assert_non_null(strstr(ar, "جزء من النص غير متوفر بلغتك"));
	assert_non_null(strstr(ar, "رسالة من الفريق الطبي بشأن علاجك"));
	free(ar);
	/* Somali: no wording at all; Swedish, and the note in Swedish and in
	 * English */
	char *so = summary_of(f, &v, c, "so", &info);
	assert_true(info.fallback);
	assert_non_null(strstr(so, "Brev från teamet om din vård"));
	assert_non_null(strstr(so, "En del av texten finns inte på ditt "
				   "språk"));
	assert_non_null(strstr(so, "Some of the text is not in your language"));
	free(so);
	/* the patient's own language is the default */
	util_set(&c->patient.language, "en");
	char *def = summary_of(f, &v, c, NULL, &info);
	assert_string_equal(info.lang, "en");
	assert_non_null(strstr(def, "A letter from the team about your care"));
	free(def);
	form_values_done(&v);
	model_case_free(&c);
}

/* The language the team wrote the free text in (text-lang): the letter
 * marks the free text, and says at the top that part is in another
 * language, only when the two differ, and then names the language the
 * team wrote in. The four cases: letter in Swedish or English, free text
 * in Swedish or English. */
static void test_free_text_language(void **state)
{
	(void)state;
	const struct form *f = form_set_get(&forms, "general");
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	struct form_values v;
	form_values_init(&v);
	base_values(&v);
	struct summary_info info;
	/* Swedish text (the default), Swedish letter: nothing marked */
	char *t = summary_of(f, &v, c, "sv", &info);
	assert_false(info.fallback);
	assert_null(strstr(t, "(Skrivet på"));
	assert_null(strstr(t, "finns inte på ditt språk"));
	free(t);
	/* Swedish text, English letter: marked as Swedish */
	t = summary_of(f, &v, c, "en", &info);
	assert_true(info.fallback);
	assert_non_null(strstr(t, "Tumören är liten. Den går att ta bort.\n"
				  "(Written in Swedish by the team.)"));
	assert_non_null(strstr(t, "That part is in Swedish."));
	assert_null(strstr(t, "in English"));
	free(t);
	/* English text, English letter: nothing marked */
	form_values_set(&v, "rationale",
			"The tumour is small. It can be taken out.");
	form_values_set(&v, DECISION_TEXT_LANG, "en");
	t = summary_of(f, &v, c, "en", &info);
	assert_false(info.fallback);
	assert_non_null(strstr(t, "The tumour is small. It can be taken out."));
	assert_null(strstr(t, "(Written in"));
	assert_null(strstr(t, "not in your language"));
	free(t);
	/* English text, Swedish letter: marked as English, never Swedish */
	t = summary_of(f, &v, c, "sv", &info);
	assert_true(info.fallback);
	assert_non_null(strstr(t, "The tumour is small. It can be taken out.\n"
				  "(Skrivet på engelska av teamet.)"));
	assert_non_null(strstr(t, "Den delen står på engelska."));
	assert_null(strstr(t, "på svenska"));
	free(t);
	form_values_done(&v);
	model_case_free(&c);
}

/* What happened is said as it happened: a meeting, a decision outside a
 * meeting, an amendment that replaces the earlier letter and says what
 * changed; an older version says it is no longer valid. */
static void test_what_happened(void **state)
{
	(void)state;
	const struct form *f = form_set_get(&forms, "general");
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	struct form_values v;
	form_values_init(&v);
	base_values(&v);
	struct summary_info info;
	struct opts at = {.meeting_id = 3};
	char *t = render_opts(f, &v, c, "sv", false, &info, &at);
	assert_non_null(strstr(t, "Den 2026-11-23 hade teamet för lungcancer "
				  "ett möte."));
	assert_null(strstr(t, "inte på ett möte"));
	assert_null(strstr(t, "ersätter"));
	assert_null(strstr(t, "gäller inte längre"));
	/* the part for other caregivers says the same */
	assert_non_null(strstr(t, "Multidisciplinär konferens 2026-11-23, "
				  "Lungcancer. Beslut 7, version 1."));
	assert_null(strstr(t, "utanför konferens"));
	free(t);
	t = summary_of(f, &v, c, "sv", &info);
	assert_null(strstr(t, "ett möte."));
	assert_non_null(strstr(t, "Det var inte på ett möte med hela teamet."));
	assert_null(strstr(t, "Multidisciplinär konferens"));
	assert_non_null(strstr(t, "Bedömning av teamet utanför konferens "
				  "2026-11-23, Lungcancer. Beslut 7"));
	free(t);
	t = summary_of(f, &v, c, "en", &info);
	assert_non_null(strstr(t, "This was not at a meeting of the whole "
				  "team."));
	assert_null(strstr(t, "team meeting 2026"));
	assert_non_null(strstr(t, "Team assessment outside a meeting "
				  "2026-11-23, lung cancer team."));
	free(t);
	t = render_opts(f, &v, c, "en", false, &info, &at);
	assert_non_null(strstr(t, "Multidisciplinary team meeting 2026-11-23, "
				  "lung cancer team. Decision 7, version 1."));
	free(t);
	/* an amendment: what changed, in the patient's words */
	struct form_values pv;
	form_values_init(&pv);
	base_values(&pv);
	form_values_set(&pv, "follow-up-date", "2026-12-10");
	form_values_set(&pv, "recommendation", "radiotherapy");
	form_values_set(&pv, "responsible", "Dr Annan");
	char *pc = decision_content_encode(&pv);
	struct tb_decision prev = {.id = 6, .version = 1, .content = pc};
	struct opts amend = {.meeting_id = 3, .prev = &prev};
	t = render_opts(f, &v, c, "sv", false, &info, &amend);
	assert_non_null(strstr(t, "Det här brevet ersätter ett tidigare brev"));
	assert_non_null(strstr(t, "ersätter brevet från den 2026-11-02"));
	assert_non_null(strstr(t, "  • Det här rekommenderar teamet\n"));
	assert_non_null(
	    strstr(t, "  • Din läkare hör av sig senast: 2026-12-24\n"));
	/* a staff-only change is not listed */
	assert_null(strstr(t, "  • Ansvarig"));
	assert_non_null(strstr(t, "Den 2026-11-23 ändrade teamet för "
				  "lungcancer sitt råd."));
	/* the recommendation changed: the advice did */
	assert_non_null(strstr(t, "Teamet har ändrat sitt råd. Det här "
				  "brevet ersätter"));
	assert_null(strstr(t, "några uppgifter"));
	assert_null(strstr(t, "hade teamet för lungcancer ett möte"));
	free(t);
	t = render_opts(f, &v, c, "en", false, &info, &amend);
	assert_non_null(strstr(t, "The team has changed its advice. This "
				  "letter replaces the letter of 2026-11-02."));
	assert_null(strstr(t, "updated some details"));
	free(t);
	/* only the contact nurse's phone changed: details, not the advice */
	struct form_values phv;
	form_values_init(&phv);
	base_values(&phv);
	form_values_set(&phv, "contact-phone", "046-17 20 00");
	char *phc = decision_content_encode(&phv);
	struct tb_decision phprev = {.id = 6, .version = 1, .content = phc};
	struct opts phone = {.meeting_id = 3, .prev = &phprev};
	t = render_opts(f, &v, c, "sv", false, &info, &phone);
	assert_non_null(strstr(t, "Teamet har ändrat några uppgifter i "
				  "beslutet. Det här brevet ersätter brevet "
				  "från den 2026-11-02."));
	assert_non_null(strstr(t, "  • Telefon"));
	assert_non_null(strstr(t, "Rådet är detsamma som förut."));
	assert_null(strstr(t, "ändrat sitt råd"));
	assert_null(strstr(t, "lungcancer sitt råd"));
	free(t);
	t = render_opts(f, &v, c, "en", false, &info, &phone);
	assert_non_null(strstr(t, "The team has updated some details of the "
				  "decision. This letter replaces"));
	assert_non_null(strstr(t, "The advice is the same as before."));
	assert_null(strstr(t, "changed its advice"));
	assert_null(strstr(t, "the new advice"));
	free(t);
	free(phc);
	form_values_done(&phv);
	/* nothing the patient reads changed */
	struct form_values same;
	form_values_init(&same);
	base_values(&same);
	form_values_set(&same, "responsible", "Dr Annan");
	char *sc = decision_content_encode(&same);
	struct tb_decision sprev = {.id = 6, .version = 1, .content = sc};
	struct opts samea = {.prev = &sprev};
	t = render_opts(f, &v, c, "sv", false, &info, &samea);
	assert_non_null(strstr(t, "Det som står i brevet till dig har inte "
				  "ändrats."));
	assert_null(strstr(t, "ändrat sitt råd"));
	free(t);
	/* an older version says so at the top */
	struct opts old = {.meeting_id = 3, .latest_version = 2};
	t = render_opts(f, &v, c, "sv", false, &info, &old);
	assert_non_null(strstr(t, "Obs! Det här brevet gäller inte längre."));
	assert_non_null(strstr(t, "(version 2)"));
	free(t);
	free(pc);
	free(sc);
	form_values_done(&same);
	form_values_done(&pv);
	form_values_done(&v);
	model_case_free(&c);
}

/* The letter never says "call" without a number: the contact nurse's, the
 * referring unit's, else 1177; and it heads every page with the name, date
 * of birth, date of issue and responsible doctor. */
static void test_whom_to_call_and_header(void **state)
{
	(void)state;
	const struct form *f = form_set_get(&forms, "general");
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	struct form_values v;
	form_values_init(&v);
	base_values(&v);
	struct summary_info info;
	char *t = summary_of(f, &v, c, "sv", &info);
	assert_non_null(strstr(t, "Ring din kontaktsjuksköterska Lena Holm på "
				  "telefon 046-17 10 00."));
	assert_null(strstr(t, "Till personalen"));
	assert_non_null(strstr(t, "Datum: 2026-11-24. Ansvarig läkare: Dr "
				  "Ansvarig."));
	free(t);
	form_values_set(&v, "contact-phone", NULL);
	util_set(&c->referrer_phone, "040-33 10 00");
	/* a name that is no user: the referring unit, never "ask for" her
	 * there, and no note to staff on the letter */
	t = summary_of(f, &v, c, "sv", &info);
	assert_non_null(strstr(t, "Ring Lungmedicin på telefon 040-33 10 00.\n"
				  "Din kontaktsjuksköterska heter Lena Holm. "
				  "Fråga din läkare hur du når hen."));
	assert_null(strstr(t, "Fråga efter din kontaktsjuksköterska"));
	assert_null(strstr(t, "Till personalen"));
	assert_null(strstr(t, "telefonnummer saknas"));
	free(t);
	/* a user of the referring unit: its number, ask for her */
	struct opts same = {.nurse_known = true, .nurse_unit = "Lungmedicin"};
	t = render_opts(f, &v, c, "sv", false, &info, &same);
	assert_non_null(strstr(t, "Ring Lungmedicin på telefon 040-33 10 00. "
				  "Fråga efter din kontaktsjuksköterska Lena "
				  "Holm."));
	assert_null(strstr(t, "Ring din kontaktsjuksköterska"));
	assert_null(strstr(t, "Till personalen"));
	free(t);
	/* a user of another unit: 1177, put through to hers */
	struct opts other = {.nurse_known = true, .nurse_unit = "Onkologen"};
	t = render_opts(f, &v, c, "sv", false, &info, &other);
	assert_non_null(strstr(t, "Ring 1177 och be att få komma till "
				  "Onkologen. Fråga efter din "
				  "kontaktsjuksköterska Lena Holm."));
	assert_null(strstr(t, "040-33 10 00"));
	free(t);
	util_set(&c->referrer_phone, NULL);
	c->patient.interpreter = true;
	t = summary_of(f, &v, c, "sv", &info);
	assert_null(strstr(t, "Till personalen"));
	assert_null(strstr(t, "tolk"));
	assert_non_null(strstr(t, "Ring 1177 och be att få komma till din "
				  "mottagning."));
	assert_null(strstr(t, "Ring din kontaktsjuksköterska"));
	free(t);
	char ext[] = "X-1", fid[] = "general", fver[] = "1";
	char *content = decision_content_encode(&v);
	struct tb_decision d = {.id = 7,
				.version = 1,
				.form_id = fid,
				.form_version = fver,
				.content = content,
				.case_external_id = ext};
	struct summary_src src = {.d = &d,
				  .f = f,
				  .c = c,
				  .ph = &phrases,
				  .board_name = "Lungcancer",
				  .date = "2026-11-23",
				  .issued = "2026-11-24"};
	/* the notes for staff go to the person handing the letter over */
	char *notes = summary_staff_notes(&src);
	assert_non_null(notes);
	assert_non_null(strstr(notes, "needs an interpreter"));
	assert_non_null(strstr(notes, "phone number is missing"));
	assert_non_null(strstr(notes, "'Lena Holm' is not a known user"));
	free(notes);
	src.nurse_known = true;
	notes = summary_staff_notes(&src);
	assert_null(strstr(notes, "not a known user"));
	free(notes);
	char *h = summary_header(&src, "sv");
	assert_string_equal(h, "Märta Åström, född 1956-03-12 · Datum "
			       "2026-11-24 · Ansvarig läkare Dr Ansvarig");
	free(h);
	free(content);
	form_values_done(&v);
	model_case_free(&c);
}

/* What happens next (who, what, when); terms explained once, from the
 * glossary, in the patient's language; the right to a new assessment as
 * the law says it. */
static void test_next_terms_and_rights(void **state)
{
	(void)state;
	/* version 3, whose systemic therapy said "for example chemotherapy"
	 * (a letter of a decision made with it reads as it did) */
	const struct form *f = form_set_version(&forms, "general", "3");
	assert_non_null(f);
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	struct form_values v;
	form_values_init(&v);
	base_values(&v);
	form_values_set(&v, "recommendation", "systemic");
	form_values_set(&v, "alternatives", "chemoradiotherapy\tSämre");
	struct summary_info info;
	char *t = summary_of(f, &v, c, "sv", &info);
	assert_null(strstr(t, "Nästa steg senast"));
	assert_non_null(strstr(t, "Vad händer nu?\nDin läkare Dr Följer hör av "
				  "sig till dig senast den 2026-12-24."));
	const char *cyto = "Cytostatika är läkemedel mot cancer.";
	assert_int_equal(count_of(t, cyto), 1);
	/* explained after the first appearance, before the second */
	const char *first = strstr(t, "ytostatika");
	assert_true(first < strstr(t, cyto));
	assert_int_equal(count_of(t, "Teamet är läkare och sjuksköterskor"), 1);
	assert_non_null(strstr(t, "teamet för lungcancer"));
	assert_non_null(strstr(t, "livshotande eller särskilt allvarlig "
				  "sjukdom"));
	assert_non_null(strstr(t, "patientlagen"));
	assert_non_null(strstr(t, "annan region"));
	assert_non_null(strstr(t, "1177.se"));
	assert_non_null(strstr(t, "vårdplan"));
	free(t);
	t = summary_of(f, &v, c, "en", &info);
	assert_int_equal(
	    count_of(t, "Chemotherapy is medicine against cancer."), 1);
	assert_non_null(strstr(t, "the lung cancer team"));
	assert_non_null(strstr(t, "life-threatening or particularly serious"));
	free(t);
	/* version 4: a medicine against cancer, whichever kind - a targeted
	 * drug is not called chemotherapy in the patient's letter */
	form_values_set(&v, "alternatives", "");
	t = summary_of(form_set_get(&forms, "general"), &v, c, "sv", &info);
	assert_non_null(strstr(t, "Behandling med läkemedel mot cancer."));
	assert_null(strstr(t, "ytostatika"));
	free(t);
	form_values_done(&v);
	model_case_free(&c);
}

/* A genetics referral says why: an inherited finding, or a finding only in
 * the tumour that is not inherited itself. */
static void test_genetics_why(void **state)
{
	(void)state;
	const struct form *f = form_set_get(&forms, "colorectal");
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	struct form_values v;
	form_values_init(&v);
	base_values(&v);
	form_values_set(&v, "genetics-referral", "yes");
	struct summary_info info;
	/* the sample case's only finding is somatic EGFR */
	char *t = summary_of(f, &v, c, "sv", &info);
	assert_non_null(strstr(t, "Provet från tumören visade en förändring "
				  "(EGFR). Den finns bara i tumören och ärvs "
				  "inte."));
	free(t);
	/* an inherited variant looked for and not found is no finding: the
	 * letter never names it */
	struct tb_finding *a = model_case_add_finding(c);
	a->gene = xstrdup("BRCA1");
	a->kind = xstrdup("snv");
	a->origin = xstrdup("germline");
	a->hgvs_c = xstrdup("c.68_69del");
	a->absent = true;
	t = summary_of(f, &v, c, "sv", &info);
	assert_non_null(strstr(t, "Provet från tumören visade en förändring "
				  "(EGFR)."));
	assert_null(strstr(t, "BRCA1"));
	free(t);
	struct tb_finding *g = model_case_add_finding(c);
	g->gene = xstrdup("MLH1");
	g->kind = xstrdup("snv");
	g->origin = xstrdup("germline");
	t = summary_of(f, &v, c, "sv", &info);
	assert_non_null(strstr(t, "Ett prov visade en förändring i genen MLH1. "
				  "Den kan vara ärftlig."));
	assert_null(strstr(t, "finns bara i tumören"));
	free(t);
	form_values_set(&v, "genetics-referral", "no");
	t = summary_of(f, &v, c, "sv", &info);
	assert_null(strstr(t, "genen MLH1"));
	free(t);
	form_values_done(&v);
	model_case_free(&c);
}

/* A recommended trial is named, with where it runs and who gets in touch. */
static void test_trial_named(void **state)
{
	(void)state;
	const struct form *f = form_set_get(&forms, "general");
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	struct form_values v;
	form_values_init(&v);
	base_values(&v);
	form_values_set(&v, "recommendation", "trial");
	form_values_set(&v, "trial", "2099-500001-11-00");
	char s1[] = "Skånes universitetssjukhus, Lund",
	     s2[] = "Akademiska sjukhuset, Uppsala";
	char sid[] = "2099-500001-11-00", title[] = "Exempelstudie 1 (fiktiv)";
	char *sites[] = {s1, s2};
	struct trial tr = {
	    .study_id = sid, .title = title, .sites = sites, .n_sites = 2};
	struct trials ts = {.t = &tr, .n = 1};
	struct opts o = {.trials = &ts};
	struct summary_info info;
	char *t = render_opts(f, &v, c, "sv", false, &info, &o);
	assert_non_null(strstr(t, "Studien heter Exempelstudie 1 (fiktiv) "
				  "(2099-500001-11-00)."));
	assert_non_null(strstr(t,
			       "Studien görs på: Skånes universitetssjukhus, "
			       "Lund; Akademiska sjukhuset, Uppsala."));
	assert_non_null(strstr(t, "En forskningssjuksköterska från studien hör "
				  "av sig till dig."));
	free(t);
	/* a study the registry does not hold: its number, no sites */
	struct trials none = {0};
	struct opts o2 = {.trials = &none};
	t = render_opts(f, &v, c, "sv", false, &info, &o2);
	assert_non_null(strstr(t, "Studiens nummer är 2099-500001-11-00."));
	assert_null(strstr(t, "Studien görs på"));
	assert_non_null(strstr(t, "En forskningssjuksköterska från studien hör "
				  "av sig till dig."));
	free(t);
	form_values_done(&v);
	model_case_free(&c);
}

/* The part for other caregivers of a letter in lang, from its heading;
 * caller frees. */
static char *caregivers_part(const struct form *f, const struct form_values *v,
			     struct tb_case *c, const char *lang)
{
	struct summary_info info;
	char *t = summary_of(f, v, c, lang, &info);
	const char *h =
	    strstr(t, strcmp(lang, "sv") == 0 ? "Till andra vårdgivare\n"
					      : "For other caregivers\n");
	assert_non_null(h);
	char *part = xstrdup(h);
	free(t);
	return part;
}

/* The caregivers read what was decided, never the form's examples of a
 * recommendation: a RET fusion treated with a targeted therapy is not
 * "EGFR, ALK or KRAS G12C inhibitor". */
static void test_caregivers_what_was_decided(void **state)
{
	(void)state;
	const struct form *f = form_set_get(&forms, "lung");
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	struct tb_finding *r = model_case_add_finding(c);
	r->gene = xstrdup("RET");
	r->kind = xstrdup("fusion");
	r->origin = xstrdup("somatic");
	r->partner = xstrdup("KIF5B");
	/* the sample case's EGFR is tiered too, but not as actionable */
	char *egfr = form_finding_key(&c->findings[0]);
	char *rows = xasprintf("%s\tIV\tev\nRET fusion KIF5B\tI-A\tev", egfr);
	struct form_values v;
	form_values_init(&v);
	base_values(&v);
	form_values_set(&v, "recommendation", "targeted");
	form_values_set(&v, "intent", "palliative");
	form_values_set(&v, "findings", rows);
	char *t = caregivers_part(f, &v, c, "en");
	assert_null(strstr(t, "EGFR"));
	assert_null(strstr(t, "e.g."));
	assert_non_null(strstr(t, "Recommendation: Targeted therapy (RET)\n"));
	free(t);
	t = caregivers_part(f, &v, c, "sv");
	assert_null(strstr(t, "EGFR"));
	assert_null(strstr(t, "t.ex."));
	assert_non_null(
	    strstr(t, "Rekommendation: Målriktad behandling (RET)\n"));
	free(t);
	/* the details of the recommendation name the drug */
	form_values_set(&v, "recommendation-detail", "Selpercatinib.");
	t = caregivers_part(f, &v, c, "en");
	assert_non_null(
	    strstr(t, "Recommendation: Targeted therapy (Selpercatinib.)\n"));
	assert_null(strstr(t, "EGFR"));
	free(t);
	/* no actionable finding: the label alone */
	form_values_set(&v, "recommendation-detail", NULL);
	free(rows);
	rows = xasprintf("%s\tIV\tev\nRET fusion KIF5B\tIII-A\tev", egfr);
	form_values_set(&v, "findings", rows);
	t = caregivers_part(f, &v, c, "en");
	assert_non_null(strstr(t, "Recommendation: Targeted therapy\n"));
	assert_null(strstr(t, "EGFR"));
	free(t);
	/* a finding is no example of another kind of treatment */
	const struct form *p = form_set_get(&forms, "prostate");
	form_values_set(&v, "recommendation", "chemotherapy");
	form_values_set(&v, "findings", "RET fusion KIF5B\tI-A\tev");
	t = caregivers_part(p, &v, c, "en");
	assert_non_null(strstr(t, "Recommendation: Chemotherapy\n"));
	assert_null(strstr(t, "RET"));
	free(t);
	free(rows);
	free(egfr);
	form_values_done(&v);
	model_case_free(&c);
}

static void test_clinician_note(void **state)
{
	(void)state;
	const struct form *f = form_set_get(&forms, "general");
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	struct form_values v;
	form_values_init(&v);
	form_values_set(&v, "question", "Operation?");
	form_values_set(&v, "recommendation", "surgery");
	form_values_set(&v, "intent", "curative");
	form_values_set(&v, "alternatives", "radiotherapy\tSämre chans");
	form_values_set(&v, "responsible", "Dr Ansvarig");
	form_values_set(&v, "follow-up-date", "2026-12-24");
	form_values_set(&v, "trial-considered", "no");
	char *text = render_of(f, &v, c, NULL, true, NULL);
	assert_non_null(strstr(text, "Frågeställning        Operation?"));
	assert_non_null(strstr(text, "Rekommendation        Kirurgi"));
	assert_non_null(strstr(text, "Strålbehandling: Sämre chans"));
	assert_non_null(strstr(text, "Ansvarig läkare       Dr Ansvarig"));
	assert_non_null(strstr(text, "Uppföljning senast    2026-12-24"));
	assert_non_null(strstr(text, "Per, radiolog (ersättare)"));
	assert_non_null(strstr(text, "Studie övervägd       nej"));
	free(text);
	/* a deviation from the guideline is recorded with its reason, right
	 * under the guideline; every other signed value is in the note too */
	form_values_set(&v, "guideline", "deviates");
	form_values_set(&v, "deviation-reason", "Studie tillgänglig");
	form_values_set(&v, "diagnosis", "C34.1");
	text = render_of(f, &v, c, NULL, true, NULL);
	assert_non_null(strstr(text, "Vårdprogram           Avviker från "
				     "vårdprogram\nSkäl till avvikelse   "
				     "Studie tillgänglig\n"));
	assert_non_null(strstr(text, "Övrigt i beslutet\n"));
	assert_non_null(strstr(text, "C34.1"));
	assert_null(strstr(text, "Övrigt i beslutet\nSkäl"));
	free(text);
	form_values_done(&v);
	model_case_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_no_staff_only_field),
	    cmocka_unit_test(test_language_fallback_and_readability),
	    cmocka_unit_test(test_free_text_language),
	    cmocka_unit_test(test_what_happened),
	    cmocka_unit_test(test_whom_to_call_and_header),
	    cmocka_unit_test(test_next_terms_and_rights),
	    cmocka_unit_test(test_genetics_why),
	    cmocka_unit_test(test_trial_named),
	    cmocka_unit_test(test_caregivers_what_was_decided),
	    cmocka_unit_test(test_clinician_note),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
