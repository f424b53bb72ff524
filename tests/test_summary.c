/* Patient summaries: staff-only fields never appear, patient-visible ones
 * do, wording falls back with a note, readability is computed on the
 * patient part, and the clinician note holds the record. */
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
static char *render_of(const struct form *f, const struct form_values *v,
		       struct tb_case *c, const char *lang, bool note,
		       struct summary_info *info)
{
	char fid[64], fver[32], by[] = "Ordf", at[] = "2026-11-23T09:00:00Z";
	char att[] = "Anna\tonkolog\tcore\nPer\tradiolog\tcover";
	char ext[] = "X-1";
	snprintf(fid, sizeof(fid), "%s", f->id);
	snprintf(fver, sizeof(fver), "%s", f->version);
	char *content = decision_content_encode(v);
	struct tb_decision d = {.id = 7,
				.version = 1,
				.form_id = fid,
				.form_version = fver,
				.content = content,
				.signed_by = by,
				.signed_at = at,
				.attendees = att,
				.case_external_id = ext};
	struct summary_src src = {.d = &d,
				  .f = f,
				  .c = c,
				  .ph = &phrases,
				  .board_name = "Lungcancer",
				  .date = "2026-11-23"};
	struct textdoc doc;
	textdoc_init(&doc, note ? 80 : 72);
	if (note)
		summary_note(&src, &doc);
	else
		summary_patient(&src, lang, &doc, info);
	char *text = doc_text(&doc);
	textdoc_done(&doc);
	free(content);
	return text;
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
				if (!fd->patient && in)
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
			/* every form has wording in both languages */
			assert_false(info.fallback);
			assert_true(info.scored);
			free(text);
		}
		form_values_done(&v);
	}
	model_case_free(&c);
}

static void test_language_fallback_and_readability(void **state)
{
	(void)state;
	const struct form *f = form_set_get(&forms, "general");
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	struct form_values v;
	form_values_init(&v);
	form_values_set(&v, "recommendation", "surgery");
	form_values_set(&v, "intent", "curative");
	form_values_set(&v, "rationale",
			"Tumören är liten. Den går att ta bort.");
	form_values_set(&v, "contact-nurse", "Lena Holm");
	form_values_set(&v, "responsible", "Dr Hemlig");
	struct summary_info info;
	char *sv = summary_of(f, &v, c, "sv", &info);
	assert_false(info.fallback);
	assert_non_null(strstr(sv, "Sammanfattning från teamets möte"));
	assert_non_null(strstr(sv, "En operation där läkaren tar bort"));
	assert_non_null(strstr(sv, "ny medicinsk bedömning"));
	assert_non_null(strstr(sv, "Till: Märta Åström, född 1956-03-12"));
	assert_null(strstr(sv, "Dr Hemlig"));
	assert_null(strstr(sv, "finns inte på ditt språk"));
	assert_int_equal(info.r.formula, READABILITY_LIX);
	assert_true(info.within);
	assert_true(info.r.score > 5 && info.r.score <= 40);
	free(sv);
	char *en = summary_of(f, &v, c, "en", &info);
	assert_non_null(strstr(en, "An operation to remove the tumour."));
	assert_non_null(strstr(en, "new medical assessment"));
	assert_int_equal(info.r.formula, READABILITY_FLESCH);
	free(en);
	/* Finnish: no wording; Swedish with a visible note */
	char *fi = summary_of(f, &v, c, "fi", &info);
	assert_true(info.fallback);
	assert_false(info.scored);
	assert_non_null(strstr(fi, "En del av texten finns inte på ditt "
				   "språk"));
	assert_non_null(strstr(fi, "Sammanfattning från teamets möte"));
	free(fi);
	/* the patient's own language is the default */
	util_set(&c->patient.language, "en");
	char *def = summary_of(f, &v, c, NULL, &info);
	assert_string_equal(info.lang, "en");
	assert_non_null(strstr(def, "Summary from the team meeting"));
	free(def);
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
	form_values_done(&v);
	model_case_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_no_staff_only_field),
	    cmocka_unit_test(test_language_fallback_and_readability),
	    cmocka_unit_test(test_clinician_note),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
