/* Decision forms: loading and load rules, every field type, conditions,
 * drafts, signing, amendments and verification against tampering. */
#include "testforms.h"

#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_decision.h"
#include "db_form.h"
#include "decision.h"
#include "form_def.h"
#include "form_type.h"
#include "import.h"
#include "import_form.h"
#include "import_kb.h"
#include "kb.h"
#include "keymap.h"
#include "quorum.h"
#include "render_form.h"
#include "walk.h"

static const struct form *general(void)
{
	const struct form *f = form_set_get(&forms, "general");
	assert_non_null(f);
	return f;
}

static const struct form_field *field(const char *id)
{
	const struct form_field *fd = form_field(general(), id, NULL);
	assert_non_null(fd);
	return fd;
}

/* Parses input for field id of the general form; returns the canonical
 * value (caller frees) or NULL, with the message in err. */
static char *parse(const char *id, const char *input,
		   const struct form_values *v, const struct tb_case *c,
		   char *err)
{
	struct form_ctx ctx = {
	    .today = "2026-11-23", .form = general(), .values = v, .c = c};
	char *out = NULL;
	if (!form_type_parse_value(field(id), input, &ctx, &out, err))
		return NULL;
	/* parsing is idempotent: the canonical value parses to itself */
	char *again = NULL;
	char err2[FORM_ERR_MAX];
	assert_true(form_type_parse_value(field(id), out, &ctx, &again, err2));
	assert_string_equal(again, out);
	free(again);
	return out;
}

static void expect(const char *id, const char *input, const char *want)
{
	char err[FORM_ERR_MAX];
	char *got = parse(id, input, NULL, NULL, err);
	if (!got)
		fail_msg("%s: '%s' refused: %s", id, input, err);
	assert_string_equal(got, want);
	free(got);
}

static void refuse(const char *id, const char *input, const char *msg_part)
{
	char err[FORM_ERR_MAX];
	char *got = parse(id, input, NULL, NULL, err);
	if (got)
		fail_msg("%s: '%s' accepted as '%s'", id, input, got);
	if (!strstr(err, msg_part))
		fail_msg("%s: message '%s' lacks '%s'", id, err, msg_part);
}

static void test_shipped_forms_load(void **state)
{
	(void)state;
	assert_true(forms.n >= 1);
	for (size_t i = 0; i < forms.n; i++) {
		const struct form *f = forms.f[i];
		assert_non_null(form_field_by_role(f, "recommendation"));
		assert_non_null(form_field_by_role(f, "follow-up-date"));
		assert_string_equal(f->source, "built-in");
	}
}

static const char good_form[] =
    "<form xmlns='urn:x-tumorboard:form:1' id='t' version='1'>\n"
    "<title xml:lang='sv'>T</title>\n"
    "<section id='s'><title xml:lang='sv'>S</title>\n"
    "<field id='rec' type='choice' role='recommendation' required='yes'>\n"
    " <label xml:lang='sv'>R</label>\n"
    " <option value='a'><label xml:lang='sv'>A</label></option>\n"
    " <option value='b'><label xml:lang='sv'>B</label></option>\n"
    "</field>\n"
    "<field id='intent' type='choice' role='intent'><label "
    "xml:lang='sv'>I</label>"
    "<option value='c'><label xml:lang='sv'>C</label></option></field>\n"
    "<field id='alt' type='alternatives' options-from='rec' "
    "role='alternatives'><label xml:lang='sv'>Alt</label></field>\n"
    "<field id='resp' type='text' role='responsible'><label "
    "xml:lang='sv'>L</label></field>\n"
    "<field id='nurse' type='text' role='contact-nurse'><label "
    "xml:lang='sv'>K</label></field>\n"
    "<field id='fdate' type='date' role='follow-up-date'><label "
    "xml:lang='sv'>D</label></field>\n"
    "<field id='owner' type='text' role='follow-up-owner'><label "
    "xml:lang='sv'>O</label></field>\n"
    "<field id='why' type='text' required='yes'><label "
    "xml:lang='sv'>W</label>"
    "<show-if field='rec' values='b'/></field>\n"
    "</section></form>\n";

static size_t load_count(const char *xml, struct diag *d)
{
	struct form *f = NULL;
	enum tb_status st = import_form_parse("t.xml", xml, strlen(xml), &f, d);
	if (st == TB_OK) {
		assert_non_null(f);
		form_free(&f);
		return 0;
	}
	assert_null(f);
	assert_true(d->n > 0);
	return d->n;
}

static void expect_load_error(const char *from, const char *to,
			      const char *msg_part, long line)
{
	struct diag d;
	diag_init(&d);
	char *xml = test_replace(good_form, from, to);
	assert_true(load_count(xml, &d) > 0);
	bool found = false;
	for (size_t i = 0; i < d.n; i++)
		if (strstr(d.items[i].message, msg_part)) {
			found = true;
			assert_string_equal(d.items[i].file, "t.xml");
			if (line)
				assert_int_equal(d.items[i].line, line);
		}
	if (!found) {
		diag_print(&d, stderr);
		fail_msg("no message with '%s'", msg_part);
	}
	free(xml);
	diag_done(&d);
}

static void test_load_rules(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d);
	assert_int_equal(load_count(good_form, &d), 0);
	diag_done(&d);
	/* show-if naming a later field, a text field, or a wrong value */
	expect_load_error("field='rec' values='b'", "field='owner' values='b'",
			  "not a choice", 15);
	expect_load_error("field='rec' values='b'", "field='zzz' values='b'",
			  "not an earlier field", 15);
	expect_load_error("field='rec' values='b'", "field='rec' values='q'",
			  "is not an option of 'rec'", 15);
	expect_load_error("id='owner'", "id='resp'", "used twice", 14);
	expect_load_error("<option value='b'>", "<option value='a'>",
			  "listed twice", 4);
	expect_load_error("role='follow-up-owner'", "",
			  "role 'follow-up-owner'", 0);
	expect_load_error("options-from='rec'", "options-from='resp'",
			  "not a choice field", 0);
	/* a patient-visible field needs wording in Swedish and English */
	expect_load_error("role='contact-nurse'",
			  "role='contact-nurse' "
			  "patient='yes'",
			  "<plain xml:lang=\"sv\">", 0);
	/* the schema: an unknown type, a DOCTYPE */
	expect_load_error("type='date'", "type='when'", "", 0);
	expect_load_error("<form ", "<!DOCTYPE form [<!ENTITY x 'y'>]><form ",
			  "DOCTYPE", 0);
}

/* Every shipped form changed for Lansky (patients=, a lansky field), and
 * again for its Swedish date help (+6v, not +6w), and for where a
 * referral goes: version 4 is in use (colorectal 5), and the earlier
 * ones are kept beside it, so that what was made with them still
 * reads. */
static void test_shipped_versions(void **state)
{
	(void)state;
	static const char *const ids[] = {"general",	"lung",	    "breast",
					  "colorectal", "prostate", "melanoma",
					  "mtb",	"level"};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(ids); i++) {
		const struct form *now = form_set_get(&forms, ids[i]);
		assert_non_null(now);
		/* colorectal 5 takes RAS and BRAF from the findings; 4 is
		 * kept beside it */
		bool crc = strcmp(ids[i], "colorectal") == 0;
		const char *cur = crc ? "5" : "4";
		assert_string_equal(now->version, cur);
		assert_non_null(form_field(now, "lansky", NULL));
		assert_ptr_equal(form_set_version(&forms, ids[i], cur), now);
		if (crc) {
			const struct form *v4 =
			    form_set_version(&forms, ids[i], "4");
			assert_non_null(v4);
			assert_true(v4 != now);
			assert_null(form_field(v4, "ras", NULL)->prefill);
			assert_string_equal(
			    form_field(now, "braf", NULL)->prefill, "braf");
		}
		/* version 4 asks where a referral goes; 3 did not */
		assert_non_null(form_field(now, "referral-to", NULL));
		const struct form *v3 = form_set_version(&forms, ids[i], "3");
		assert_non_null(v3);
		assert_true(v3 != now);
		assert_null(form_field(v3, "referral-to", NULL));
		const struct form *v2 = form_set_version(&forms, ids[i], "2");
		assert_non_null(v2);
		assert_true(v2 != now);
		assert_string_equal(v2->version, "2");
		assert_string_equal(v2->source, "built-in");
		assert_non_null(form_field(v2, "lansky", NULL));
		/* the Swedish date help names what a Swedish user types */
		const struct form_text *help =
		    &form_field(now, "follow-up-date", NULL)->help;
		const struct form_text *help2 =
		    &form_field(v2, "follow-up-date", NULL)->help;
		const char *sv = form_text_get(help, "sv", NULL);
		assert_non_null(strstr(sv, "+6v (veckor)"));
		assert_null(strstr(sv, "+6w"));
		assert_non_null(
		    strstr(form_text_get(help, "en", NULL), "+6w (weeks)"));
		assert_non_null(
		    strstr(form_text_get(help2, "sv", NULL), "+6w (veckor)"));
		const struct form *v1 = form_set_version(&forms, ids[i], "1");
		assert_non_null(v1);
		assert_string_equal(v1->id, ids[i]);
		assert_string_equal(v1->version, "1");
		assert_string_equal(v1->source, "built-in");
		assert_null(form_field(v1, "lansky", NULL));
		assert_int_equal(form_field(v1, "ecog", NULL)->patients,
				 FORM_PATIENTS_ALL);
		/* a version never shipped is none; the best is the one in
		 * use */
		assert_null(form_set_version(&forms, ids[i], "6"));
		assert_ptr_equal(form_set_best(&forms, ids[i], "6"), now);
	}
	assert_null(form_set_version(&forms, "nosuch", "1"));
	assert_null(form_set_best(&forms, "nosuch", "1"));
}

static void test_user_form_replaces_builtin(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *xml = test_replace(good_form, "id='t' version='1'",
				 "id='general' version='9'");
	char *path = xasprintf("%s/general.xml", dir);
	test_write_file(path, xml, strlen(xml));
	struct form_set fs;
	struct diag d;
	diag_init(&d);
	assert_int_equal(import_form_load_all(dir, &fs, &d), TB_OK);
	const struct form *f = form_set_get(&fs, "general");
	assert_string_equal(f->version, "9");
	assert_string_equal(f->source, path);
	/* the shipped form it replaced still reads what was made with it */
	const struct form *was = form_set_version(&fs, "general", "2");
	assert_non_null(was);
	assert_string_equal(was->source, "built-in");
	assert_non_null(form_set_version(&fs, "general", "1"));
	form_set_done(&fs);
	/* a broken file is reported; the built-in form stays */
	test_write_file(path, "<form", 5);
	assert_int_equal(import_form_load_all(dir, &fs, &d), TB_INVALID);
	assert_true(d.n > 0);
	assert_string_equal(form_set_get(&fs, "general")->source, "built-in");
	form_set_done(&fs);
	diag_done(&d);
	free(path);
	free(xml);
	test_rmtree(dir);
	free(dir);
}

static void test_choice_multi_yesno(void **state)
{
	(void)state;
	expect("recommendation", "surgery", "surgery");
	expect("recommendation", "2", "radiotherapy");
	expect("recommendation", "Strålbehandling", "radiotherapy");
	expect("recommendation", "SURGERY", "surgery");
	refuse("recommendation", "0", "not one of the options");
	refuse("recommendation", "operation", "1 surgery");
	/* multi: any order in, form order out, once each */
	expect("discussed", "pathology, history 2 pathology",
	       "history imaging pathology");
	refuse("discussed", "history x-ray", "not one of the options");
	expect("trial-considered", "ja", "yes");
	expect("trial-considered", "N", "no");
	expect("trial-considered", "1", "yes");
	refuse("trial-considered", "kanske", "yes or no");
	expect("recommendation", "  ", "");
}

static void test_number_date_text_code(void **state)
{
	(void)state;
	expect("ecog", "1", "1");
	refuse("ecog", "7", "");
	expect("ecog", "1,5", "1.5"); /* a typed decimal comma */
	refuse("ecog", "1,500", "ambiguous");
	refuse("follow-up-date", "+999m", "five years ahead");
	refuse("follow-up-date", "2110-01-01", "five years ahead");
	expect("follow-up-date", "2026-12-14", "2026-12-14");
	expect("follow-up-date", "+3w", "2026-12-14");
	expect("follow-up-date", "+14", "2026-12-07");
	expect("follow-up-date", "idag", "2026-11-23");
	expect("follow-up-date", "+2m", "2027-01-23");
	refuse("follow-up-date", "2026-11-22", "before today");
	refuse("follow-up-date", "våren 2027", "YYYY-MM-DD");
	refuse("follow-up-date", "2027-02-30", "");
	/* one-line text: newlines and controls become spaces */
	expect("responsible", "  Eva\nLund\x1b[31m ", "Eva Lund[31m");
	/* multi-line text keeps its lines */
	expect("rationale", "Rad ett.\nRad två.", "Rad ett.\nRad två.");
	expect("diagnosis", "c34.1", "C34.1");
	refuse("diagnosis", "34.1", "");
	expect("stage", "cT2a cN1 cM0", "cT2a cN1 cM0");
	refuse("stage", "T2a N1", "T, N and M");
	refuse("stage", "T9 N1 M0", "");
}

static void test_month_end_clamps(void **state)
{
	(void)state;
	struct form_ctx ctx = {.today = "2027-01-31", .form = general()};
	char *out = NULL;
	char err[FORM_ERR_MAX];
	assert_true(form_type_parse_value(field("follow-up-date"), "+1m", &ctx,
					  &out, err));
	assert_string_equal(out, "2027-02-28");
	free(out);
	/* over the year's end, into a leap February, by weeks and days */
	static const char *const cases[][3] = {
	    {"2027-12-31", "+1m", "2028-01-31"},
	    {"2027-11-30", "+3m", "2028-02-29"},
	    {"2027-12-25", "+2w", "2028-01-08"},
	    {"2028-02-28", "+1", "2028-02-29"},
	    {"2027-12-31", "+14m", "2029-02-28"}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ctx.today = cases[i][0];
		assert_true(form_type_parse_value(
		    field("follow-up-date"), cases[i][1], &ctx, &out, err));
		assert_string_equal(out, cases[i][2]);
		free(out);
	}
}

static void test_alternatives_and_trial(void **state)
{
	(void)state;
	struct form_values v;
	form_values_init(&v);
	form_values_set(&v, "recommendation", "surgery");
	char err[FORM_ERR_MAX];
	char *out = parse("alternatives",
			  "radiotherapy: lägre chans att bota\n"
			  "3\tkräver mer tid",
			  &v, NULL, err);
	assert_non_null(out);
	assert_string_equal(out, "radiotherapy\tlägre chans att bota\n"
				 "systemic\tkräver mer tid");
	char *text =
	    form_type_format(general(), field("alternatives"), out, "en");
	assert_string_equal(text, "Radiotherapy: lägre chans att bota\n"
				  "Systemic therapy: kräver mer tid");
	free(text);
	free(out);
	assert_null(parse("alternatives", "surgery: x", &v, NULL, err));
	assert_non_null(strstr(err, "recommendation itself"));
	assert_null(
	    parse("alternatives", "2: a\nradiotherapy: b", &v, NULL, err));
	assert_non_null(strstr(err, "row 2: that option is listed twice"));
	assert_null(parse("alternatives", "radiotherapy:  ", &v, NULL, err));
	assert_non_null(strstr(err, "why it was not chosen"));
	assert_null(parse("alternatives", "radiotherapy", &v, NULL, err));
	assert_non_null(strstr(err, "row 1"));
	form_values_done(&v);

	expect("trial", "nct01234567", "NCT01234567");
	expect("trial", "2023-501234-12-00", "2023-501234-12-00");
	expect("trial", "2021-001234-56", "2021-001234-56");
	refuse("trial", "NCT0123456", "study id");
	refuse("trial", "2021-01234-56", "study id");
	refuse("trial", "BEAMION", "study id");
}

static void test_role_value(void **state)
{
	(void)state;
	struct form_values v;
	form_values_init(&v);
	assert_null(form_role_value(general(), &v, "recommendation", NULL));
	assert_null(form_role_format(general(), &v, "recommendation", "en"));
	form_values_set(&v, "recommendation", "surgery");
	const struct form_field *fd = NULL;
	assert_string_equal(
	    form_role_value(general(), &v, "recommendation", &fd), "surgery");
	assert_ptr_equal(fd, field("recommendation"));
	char *text = form_role_format(general(), &v, "recommendation", "en");
	char *direct = form_type_format(general(), fd, "surgery", "en");
	assert_string_equal(text, direct);
	assert_string_not_equal(text, "surgery");
	free(text);
	free(direct);
	assert_null(form_role_value(NULL, &v, "recommendation", NULL));
	assert_null(form_role_value(general(), &v, "no-such-role", NULL));
	form_values_done(&v);
}

/* A finding typed by a short name: its gene and its protein change in
 * either spelling or its coding change, or its gene alone where the case
 * has one finding of that gene; the row stores the finding's key. A name
 * that fits none (or two) is refused with the case's findings named. */
static void test_finding_short_names(void **state)
{
	(void)state;
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	struct tb_finding *t = model_case_add_finding(c);
	t->gene = xstrdup("EGFR");
	t->kind = xstrdup("snv");
	t->hgvs_c = xstrdup("c.2389T>A");
	t->hgvs_p = xstrdup("p.(Cys797Ser)");
	struct tb_finding *alk = model_case_add_finding(c);
	alk->gene = xstrdup("ALK");
	alk->kind = xstrdup("fusion");
	alk->partner = xstrdup("EML4");
	struct tb_finding *kras = model_case_add_finding(c);
	kras->gene = xstrdup("KRAS");
	kras->kind = xstrdup("snv");
	kras->hgvs_p = xstrdup("p.Gly12Cys");
	kras->absent = true;
	assert_int_equal(form_finding_named(c, "EGFR p.Leu858Arg"), 0);
	assert_int_equal(form_finding_named(c, "egfr L858R"), 0);
	assert_int_equal(form_finding_named(c, "EGFR C797S"), 1);
	assert_int_equal(form_finding_named(c, "EGFR p.Cys797Ser"), 1);
	assert_int_equal(form_finding_named(c, "EGFR p.(Cys797Ser)"), 1);
	assert_int_equal(form_finding_named(c, "EGFR c.2389T>A"), 1);
	assert_int_equal(form_finding_named(c, "EGFR"), -1); /* two */
	assert_int_equal(form_finding_named(c, "alk"), 2);
	assert_int_equal(form_finding_named(c, "BRAF V600E"), -1);
	assert_int_equal(form_finding_named(c, "EGFR T790M"), -1);
	/* looked for and not found: named by its key only, refused there */
	assert_int_equal(form_finding_named(c, "KRAS G12C"), -1);
	assert_int_equal(form_finding_named(c, "KRAS p.Gly12Cys"), 3);
	assert_int_equal(form_finding_named(NULL, "EGFR"), -1);
	char fid[] = "f";
	struct form_field fd = {.id = fid, .type = FT_FINDING};
	struct form_ctx ctx = {.today = "2026-11-23", .c = c};
	char err[FORM_ERR_MAX];
	char *out = NULL;
	assert_true(form_type_parse_value(&fd, "EGFR C797S | III-A | in vitro",
					  &ctx, &out, err));
	assert_string_equal(out,
			    "EGFR c.2389T>A p.(Cys797Ser)\tIII-A\tin vitro");
	free(out);
	assert_true(form_type_parse_value(&fd, "ALK | I-A", &ctx, &out, err));
	assert_string_equal(out, "ALK fusion EML4\tI-A\t");
	free(out);
	assert_false(form_type_parse_value(&fd, "EGFR | I-A", &ctx, &out, err));
	assert_string_equal(err, "row 1: not a finding of this case (its "
				 "findings: EGFR p.L858R, EGFR p.C797S, ALK "
				 "fusion EML4)");
	char *few = form_findings_named(c, 30);
	assert_string_equal(few, "EGFR p.L858R, EGFR p.C797S…");
	free(few);
	model_case_free(&c);
}

static void test_finding_rows(void **state)
{
	(void)state;
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	char fid[] = "f", pf[] = "findings";
	struct form_field fd = {.id = fid, .type = FT_FINDING};
	struct form_ctx ctx = {.today = "2026-11-23", .c = c};
	char err[FORM_ERR_MAX];
	char *out = NULL;
	char *key = form_finding_key(&c->findings[0]);
	assert_string_equal(key, "EGFR p.Leu858Arg");
	/* pre-fill gives rows without a tier: valid, but not complete */
	char *pre = form_prefill(&(struct form_field){.prefill = pf}, c);
	assert_string_equal(pre, "EGFR p.Leu858Arg\t\t");
	assert_true(form_type_parse_value(&fd, pre, &ctx, &out, err));
	assert_false(form_type_complete(&fd, out, NULL, err));
	assert_non_null(strstr(err, "row 1: give the finding a tier"));
	free(out);
	/* ... and so is such a row as its editor shows it, "KEY |" (it was
	 * refused as not a finding of the case) */
	assert_true(
	    form_type_parse_value(&fd, "EGFR p.Leu858Arg |", &ctx, &out, err));
	assert_string_equal(out, "EGFR p.Leu858Arg\t\t");
	assert_false(form_type_complete(&fd, out, NULL, err));
	free(out);
	assert_true(form_type_parse_value(
	    &fd, "egfr p.leu858arg | ESCAT i-a | FLAURA", &ctx, &out, err));
	assert_string_equal(out, "EGFR p.Leu858Arg\tI-A\tFLAURA");
	assert_true(form_type_complete(&fd, out, NULL, err));
	free(out);
	assert_false(
	    form_type_parse_value(&fd, "KRAS p.G12C\tI-A\t", &ctx, &out, err));
	assert_non_null(strstr(err, "not a finding of this case"));
	assert_false(form_type_parse_value(&fd, "EGFR p.Leu858Arg\tVI\t", &ctx,
					   &out, err));
	assert_non_null(strstr(err, "tier"));
	free(pre);
	/* a reader in Swedish sees decimal commas in a finding ("TMB 1,8"),
	 * never in a variant's notation; the stored row keeps its point */
	char *sv = form_type_format(NULL, &fd,
				    "TMB 1.8\tIII\t\nEGFR c.2573T>G p.Leu858Arg"
				    "\tI-A\tFLAURA",
				    "sv");
	assert_non_null(strstr(sv, "TMB 1,8 — III"));
	assert_non_null(strstr(sv, "EGFR c.2573T>G p.Leu858Arg — I-A"));
	free(sv);
	char *en = form_type_format(NULL, &fd, "TMB 1.8\tIII\t", "en");
	assert_non_null(strstr(en, "TMB 1.8 — III"));
	free(en);
	/* a variant looked for and not found (result="absent") is not
	 * offered as a finding to tier, and is refused as one */
	struct tb_finding *a = model_case_add_finding(c);
	a->gene = xstrdup("EGFR");
	a->kind = xstrdup("snv");
	a->origin = xstrdup("somatic");
	a->hgvs_c = xstrdup("c.2369C>T");
	a->hgvs_p = xstrdup("p.Thr790Met");
	a->absent = true;
	pre = form_prefill(&(struct form_field){.prefill = pf}, c);
	assert_string_equal(pre, "EGFR p.Leu858Arg\t\t");
	free(pre);
	assert_false(form_type_parse_value(
	    &fd, "EGFR c.2369C>T p.Thr790Met | ESCAT II-A | AURA3", &ctx, &out,
	    err));
	assert_non_null(strstr(err, "row 1: a variant looked for and not "
				    "found is no finding to tier"));
	/* a case whose only variant was not found: nothing to offer */
	struct tb_case *n = test_make_case("X-2", "19560312-2389", "Märta");
	assert_int_equal(n->n_findings, 1);
	n->findings[0].absent = true;
	assert_null(form_prefill(&(struct form_field){.prefill = pf}, n));
	/* a row typed as a Swedish reader reads it is taken, kept
	 * with its point */
	struct tb_finding *tmb = model_case_add_finding(c);
	tmb->kind = xstrdup("tmb");
	tmb->origin = xstrdup("somatic");
	tmb->value = xstrdup("1.8");
	assert_true(
	    form_type_parse_value(&fd, "TMB 1,8 | III-A", &ctx, &out, err));
	assert_string_equal(out, "TMB 1.8\tIII-A\t");
	free(out);
	assert_true(
	    form_type_parse_value(&fd, "TMB 1.8 | III-A", &ctx, &out, err));
	assert_string_equal(out, "TMB 1.8\tIII-A\t");
	free(out);
	/* every tier of both scales: ESCAT's IV-A and IV-B, AMP/ASCO/CAP's
	 * after AMP, and bare where only AMP/ASCO/CAP has it */
	const char *const tiers[][2] = {
	    {"IV-A", "IV-A"},	      {"escat iv-b", "IV-B"},
	    {"II-C", "AMP II-C"},     {"ii-d", "AMP II-D"},
	    {"III", "AMP III"},	      {"AMP I-A", "AMP I-A"},
	    {"AMP IV", "AMP IV"},     {"I-A", "I-A"},
	    {"ESCAT III-B", "III-B"},
	};
	for (size_t i = 0; i < sizeof tiers / sizeof *tiers; i++) {
		char *row = xasprintf("TMB 1.8 | %s | kb", tiers[i][0]);
		char *want = xasprintf("TMB 1.8\t%s\tkb", tiers[i][1]);
		if (!form_type_parse_value(&fd, row, &ctx, &out, err))
			fail_msg("%s: %s", tiers[i][0], err);
		assert_string_equal(out, want);
		free(out);
		free(row);
		free(want);
	}
	/* not a tier of either scale, and ESCAT has no II-C */
	assert_false(
	    form_type_parse_value(&fd, "TMB 1.8 | II-E", &ctx, &out, err));
	assert_false(form_type_parse_value(&fd, "TMB 1.8 | ESCAT II-C", &ctx,
					   &out, err));
	model_case_free(&n);
	free(key);
	model_case_free(&c);
}

/* A finding of gene with change p (NULL: the gene as a whole), present
 * or absent, classified as cl (NULL: not classified). */
static void add_finding(struct tb_case *c, const char *gene, const char *p,
			bool absent, const char *cl)
{
	struct tb_finding *f = model_case_add_finding(c);
	f->gene = xstrdup(gene);
	f->kind = xstrdup("snv");
	f->origin = xstrdup("somatic");
	f->hgvs_p = p ? xstrdup(p) : NULL;
	f->classification = cl ? xstrdup(cl) : NULL;
	f->absent = absent;
}

/* The first value field takes from c: want, or none (NULL). */
static void expect_prefill(const struct form_field *fd, const struct tb_case *c,
			   const char *want)
{
	char *v = form_prefill(fd, c);
	if (want)
		assert_string_equal(v, want);
	else
		assert_null(v);
	free(v);
}

/* The colorectal form's RAS and BRAF fields take their first value from
 * the case's findings: a variant of one gene; nothing when the board
 * must weigh it, and never wild type (no finding says a whole gene). */
static void test_ras_braf_prefill(void **state)
{
	(void)state;
	const struct form *crc = form_set_get(&forms, "colorectal");
	assert_non_null(crc);
	const struct form_field *ras = form_field(crc, "ras", NULL);
	const struct form_field *braf = form_field(crc, "braf", NULL);
	assert_non_null(ras);
	assert_non_null(braf);
	struct tb_case *c = test_make_case("X-3", "19560312-2389", "Märta");
	c->findings[0].absent = true; /* the EGFR variant: not the point */
	/* nothing about RAS or BRAF: nothing pre-filled */
	expect_prefill(ras, c, NULL);
	expect_prefill(braf, c, NULL);
	/* a single change not found says nothing of the rest of the gene */
	add_finding(c, "KRAS", "p.Gly12Cys", true, NULL);
	add_finding(c, "NRAS", NULL, true, NULL);
	add_finding(c, "BRAF", "p.Val600Glu", true, NULL);
	expect_prefill(ras, c, NULL);
	expect_prefill(braf, c, NULL);
	/* nor every change the panel looked for: wild type is the
	 * board's to say */
	add_finding(c, "KRAS", "p.Gly13Asp", true, NULL);
	add_finding(c, "NRAS", "p.Gln61Lys", true, NULL);
	expect_prefill(ras, c, NULL);
	expect_prefill(braf, c, NULL);
	model_case_free(&c);

	c = test_make_case("X-4", "19560312-2389", "Märta");
	add_finding(c, "KRAS", "p.Gly12Asp", false, NULL);
	add_finding(c, "BRAF", "p.Val600Glu", false, "pathogenic");
	expect_prefill(ras, c, "kras");
	expect_prefill(braf, c, "v600e");
	/* a benign variant is no mutation */
	add_finding(c, "NRAS", "p.Gln61Lys", false, "benign");
	expect_prefill(ras, c, "kras");
	/* both genes mutated, or a variant of uncertain significance: the
	 * board says which, nothing is pre-filled */
	add_finding(c, "NRAS", "p.Gln61Arg", false, "likely-pathogenic");
	expect_prefill(ras, c, NULL);
	add_finding(c, "BRAF", "p.Asp594Gly", false, "vus");
	expect_prefill(braf, c, NULL);
	model_case_free(&c);

	c = test_make_case("X-5", "19560312-2389", "Märta");
	add_finding(c, "NRAS", "p.Gln61Lys", false, "likely-pathogenic");
	add_finding(c, "BRAF", "p.Asp594Gly", false, NULL);
	expect_prefill(ras, c, "nras");
	expect_prefill(braf, c, "other");
	/* MMR/MSI from an MSI finding: MSS is pMMR, MSI-H dMMR; MSI-L,
	 * or two that disagree, is the board's to say */
	const struct form_field *mmr = form_field(crc, "mmr", NULL);
	assert_non_null(mmr);
	expect_prefill(mmr, c, NULL);
	struct tb_finding *m = model_case_add_finding(c);
	m->kind = xstrdup("msi");
	m->value = xstrdup("MSS");
	expect_prefill(mmr, c, "pmmr");
	free(m->value);
	m->value = xstrdup("MSI-H");
	expect_prefill(mmr, c, "dmmr");
	free(m->value);
	m->value = xstrdup("MSI-L");
	expect_prefill(mmr, c, NULL);
	free(m->value);
	m->value = xstrdup("MSI-H");
	m = model_case_add_finding(c);
	m->kind = xstrdup("msi");
	m->value = xstrdup("MSS");
	expect_prefill(mmr, c, NULL);
	model_case_free(&c);
}

/* Children are under 16 at the meeting date: the day of the 16th
 * birthday is an adult's (a leap-day child's 16th birthday is a leap
 * day too); a date that is not one gives no group. */
static void test_patients_at(void **state)
{
	(void)state;
	int age;
	assert_int_equal(form_patients_at("2010-12-10", "2026-12-09", &age),
			 FORM_PATIENTS_CHILDREN);
	assert_int_equal(age, 15);
	assert_int_equal(form_patients_at("2010-12-10", "2026-12-10", &age),
			 FORM_PATIENTS_ADULTS);
	assert_int_equal(age, 16);
	assert_int_equal(form_patients_at("2024-02-29", "2040-02-28", &age),
			 FORM_PATIENTS_CHILDREN);
	assert_int_equal(age, 15);
	assert_int_equal(form_patients_at("2024-02-29", "2040-02-29", &age),
			 FORM_PATIENTS_ADULTS);
	assert_int_equal(age, 16);
	assert_int_equal(form_patients_at("1956-03-12", "2026-12-01", &age),
			 FORM_PATIENTS_ADULTS);
	assert_int_equal(age, 70);
	assert_int_equal(form_patients_at(NULL, "2026-12-01", &age),
			 FORM_PATIENTS_ALL);
	assert_int_equal(age, -1);
	assert_int_equal(form_patients_at("2026-13-01", "2026-12-01", &age),
			 FORM_PATIENTS_ALL);
	assert_int_equal(form_patients_at("2027-01-01", "2026-12-01", &age),
			 FORM_PATIENTS_ALL);
	assert_string_equal(form_patients_name(FORM_PATIENTS_CHILDREN),
			    "children");
	assert_null(form_patients_name(FORM_PATIENTS_ALL));
}

/* ECOG for an adult, Lansky for a child: shown, required and signed by
 * the instance's group; with no group known, each is shown when it holds
 * a value (a signed decision read back). Lansky takes 0-100 in steps of
 * 10. */
static void test_patients_fields(void **state)
{
	(void)state;
	const struct form *f = general();
	const struct form_field *ecog = field("ecog");
	const struct form_field *lansky = field("lansky");
	assert_int_equal(ecog->patients, FORM_PATIENTS_ADULTS);
	assert_int_equal(lansky->patients, FORM_PATIENTS_CHILDREN);
	assert_true(lansky->required && lansky->patient);
	struct form_values v;
	form_values_init(&v);
	v.patients = FORM_PATIENTS_CHILDREN;
	assert_true(form_field_visible(f, lansky, &v));
	assert_false(form_field_visible(f, ecog, &v));
	size_t left = form_required_left(f, &v);
	form_values_set(&v, "lansky", "70");
	assert_int_equal(form_required_left(f, &v), left - 1);
	/* an ECOG in a child's draft is not signed */
	form_values_set(&v, "ecog", "1");
	struct form_values shown;
	form_values_init(&shown);
	form_shown_values(f, &v, &shown);
	assert_string_equal(form_values_get(&shown, "lansky"), "70");
	assert_null(form_values_get(&shown, "ecog"));
	assert_int_equal(shown.patients, FORM_PATIENTS_CHILDREN);
	form_values_done(&shown);
	v.patients = FORM_PATIENTS_ADULTS;
	assert_false(form_field_visible(f, lansky, &v));
	assert_true(form_field_visible(f, ecog, &v));
	v.patients = FORM_PATIENTS_ALL;
	assert_true(form_field_visible(f, lansky, &v));
	form_values_set(&v, "lansky", NULL);
	assert_false(form_field_visible(f, lansky, &v));
	assert_true(form_field_visible(f, ecog, &v));
	form_values_done(&v);

	char err[FORM_ERR_MAX];
	char *out = parse("lansky", "70", NULL, NULL, err);
	assert_string_equal(out, "70");
	free(out);
	out = parse("lansky", "0", NULL, NULL, err);
	assert_string_equal(out, "0");
	free(out);
	out = parse("lansky", "100", NULL, NULL, err);
	assert_string_equal(out, "100");
	free(out);
	assert_null(parse("lansky", "75", NULL, NULL, err));
	assert_string_equal(err, "give a number from 0 to 100 in steps of 10");
	assert_null(parse("lansky", "110", NULL, NULL, err));
	assert_null(parse("lansky", "-10", NULL, NULL, err));
}

static void test_conditions(void **state)
{
	(void)state;
	const struct form *f = general();
	struct form_values v;
	form_values_init(&v);
	const struct form_field *trial = field("trial");
	const struct form_field *dev = field("deviation-reason");
	assert_false(form_field_visible(f, trial, &v));
	size_t left = form_required_left(f, &v);
	form_values_set(&v, "recommendation", "trial");
	assert_true(form_field_visible(f, trial, &v));
	/* the recommendation is filled, the trial id now required */
	assert_int_equal(form_required_left(f, &v), left);
	form_values_set(&v, "recommendation", "surgery");
	assert_false(form_field_visible(f, trial, &v));
	assert_int_equal(form_required_left(f, &v), left - 1);
	/* a referral says where to (version 4): required only then */
	const struct form_field *to = field("referral-to");
	assert_false(form_field_visible(f, to, &v));
	form_values_set(&v, "recommendation", "referral");
	assert_true(form_field_visible(f, to, &v));
	assert_true(to->required);
	assert_int_equal(form_required_left(f, &v), left);
	form_values_set(&v, "referral-to", "Sahlgrenska, CAR-T-enheten");
	assert_int_equal(form_required_left(f, &v), left - 1);
	form_values_set(&v, "referral-to", "");
	form_values_set(&v, "recommendation", "surgery");
	form_values_set(&v, "guideline", "deviates");
	assert_true(form_field_visible(f, dev, &v));
	/* a hidden value is not signed */
	form_values_set(&v, "deviation-reason", "Patienten önskar");
	form_values_set(&v, "guideline", "follows");
	struct form_values shown;
	form_values_init(&shown);
	form_shown_values(f, &v, &shown);
	assert_null(form_values_get(&shown, "deviation-reason"));
	assert_string_equal(form_values_get(&shown, "guideline"), "follows");
	form_values_done(&shown);
	form_values_set(&v, "guideline", "");
	assert_null(form_values_get(&v, "guideline"));
	form_values_done(&v);
}

static void test_attendee_entries(void **state)
{
	(void)state;
	struct strbuf sb;
	strbuf_init(&sb);
	assert_true(decision_attendee_add(&sb, " Anna Berg : onkolog "));
	assert_true(decision_attendee_add(&sb, "Per Ek:kirurg:cover"));
	assert_true(decision_attendee_add(&sb, "Eva Lind:patolog: core "));
	assert_false(decision_attendee_add(&sb, "no role"));
	assert_false(decision_attendee_add(&sb, ":onkolog"));
	assert_false(decision_attendee_add(&sb, " :onkolog"));
	assert_false(decision_attendee_add(&sb, "Anna: :core"));
	assert_false(decision_attendee_add(&sb, "Anna:onkolog:guest"));
	assert_string_equal(sb.buf, "Anna Berg\tonkolog\tcore\n"
				    "Per Ek\tkirurg\tcover\n"
				    "Eva Lind\tpatolog\tcore");
	strbuf_done(&sb);
}

static void test_content_roundtrip_and_hash(void **state)
{
	(void)state;
	struct form_values v, back;
	form_values_init(&v);
	form_values_init(&back);
	form_values_set(&v, "a", "rad 1\nrad\t2 \\n inte radbrytning");
	form_values_set(&v, "b", "x=y");
	char *content = decision_content_encode(&v);
	assert_string_equal(content,
			    "a=rad 1\\nrad\\t2 \\\\n inte radbrytning\n"
			    "b=x=y\n");
	decision_content_decode(content, &back);
	assert_int_equal(back.n, 2);
	assert_string_equal(form_values_get(&back, "a"),
			    form_values_get(&v, "a"));
	assert_string_equal(form_values_get(&back, "b"), "x=y");
	char fid[] = "general", fver[] = "1", by[] = "Ordf";
	char at[] = "2026-11-23T09:00:00Z";
	char core[] = "A\tonkolog\tcore", cover[] = "A\tonkolog\tcover";
	char empty[] = "";
	struct tb_decision d = {.case_id = 1,
				.form_instance_id = 2,
				.version = 1,
				.form_id = fid,
				.form_version = fver,
				.content = content,
				.signed_by = by,
				.signed_at = at,
				.attendees = core};
	decision_hash(&d);
	char *h1 = d.content_hash;
	d.content_hash = NULL;
	d.attendees = cover;
	decision_hash(&d);
	assert_string_not_equal(h1, d.content_hash);
	free(d.content_hash);
	d.content_hash = NULL;
	d.attendees = core;
	d.quorum_override = empty;
	decision_hash(&d); /* "" and NULL differ */
	assert_string_not_equal(h1, d.content_hash);
	free(d.content_hash);
	d.content_hash = NULL;
	d.quorum_override = NULL;
	decision_hash(&d); /* and the same columns give the same hash */
	assert_string_equal(h1, d.content_hash);
	free(d.content_hash);
	free(h1);
	free(content);
	form_values_done(&v);
	form_values_done(&back);
}

/* ---- the store ---- */

static long long store_case(struct db *db)
{
	struct tb_case *c = test_make_case("LUND-1", "19560312-2389", "Märta");
	long long id = test_store_case(db, c, "2026-11-23T09:00:00Z");
	model_case_free(&c);
	return id;
}

static const struct decision_sign_opts sign_opts = {
    .signed_by = "Ordförande", .attendees = "Anna Berg\tonkolog\tcore"};

static void test_draft_sign_amend_verify(void **state)
{
	(void)state;
	struct test_db t;
	char *err = NULL;
	struct diag d;
	diag_init(&d);
	test_db_open(&t);
	struct db *db = t.db;
	long long cid = store_case(db);
	long long inst = 0, inst2 = 0, dec = 0, dec2 = 0;

	assert_int_equal(decision_open(db, general(), NULL, cid, &d, &inst),
			 TB_OK);
	/* a second draft is refused */
	assert_int_equal(decision_open(db, general(), NULL, cid, &d, &inst2),
			 TB_INVALID);
	assert_non_null(strstr(d.items[0].message, "has a draft already"));
	diag_done(&d);
	diag_init(&d);

	/* pre-filled from the case */
	struct db_form_instance fi;
	struct form_values v;
	form_values_init(&v);
	assert_int_equal(db_form_draft(db, cid, &fi, &v), TB_OK);
	assert_string_equal(form_values_get(&v, "ecog"), "1");
	assert_string_equal(form_values_get(&v, "diagnosis"), "C34.1");
	assert_string_equal(form_values_get(&v, "responsible"),
			    "Johan Lindqvist");
	db_form_instance_done(&fi);
	form_values_done(&v);

	/* a bad value is refused and the earlier one kept */
	test_set_ok(db, cid, "ecog", "2");
	assert_int_equal(decision_set(db, &forms, cid, "ecog", "9", &d),
			 TB_INVALID);
	assert_string_equal(d.items[0].field, "ecog");
	diag_done(&d);
	diag_init(&d);
	form_values_init(&v);
	assert_int_equal(db_form_draft(db, cid, &fi, &v), TB_OK);
	assert_string_equal(form_values_get(&v, "ecog"), "2");
	db_form_instance_done(&fi);
	form_values_done(&v);

	/* signing an incomplete draft names every missing field */
	assert_int_equal(decision_sign(db, &forms, cid, &sign_opts, &d, &dec),
			 TB_INVALID);
	bool named = false;
	for (size_t i = 0; i < d.n; i++)
		named |= strcmp(d.items[i].field, "recommendation") == 0;
	assert_true(named);
	diag_done(&d);
	diag_init(&d);

	test_fill_general(db, cid, "+3w");
	/* without attendees it is refused */
	struct decision_sign_opts no_att = {.signed_by = "X"};
	assert_int_equal(decision_sign(db, &forms, cid, &no_att, &d, &dec),
			 TB_INVALID);
	diag_done(&d);
	diag_init(&d);
	assert_int_equal(decision_sign(db, &forms, cid, &sign_opts, &d, &dec),
			 TB_OK);
	/* the draft is gone: setting now fails */
	assert_int_equal(decision_set(db, &forms, cid, "ecog", "1", &d),
			 TB_NOT_FOUND);
	diag_done(&d);
	diag_init(&d);

	struct tb_decision rec;
	assert_int_equal(db_decision_get(db, dec, &rec), TB_OK);
	assert_int_equal(rec.version, 1);
	assert_non_null(strstr(rec.content, "recommendation=systemic\n"));
	assert_non_null(strstr(rec.content, "follow-up-date=2026-12-14\n"));
	assert_null(strstr(rec.content, "trial="));
	db_decision_done(&rec);

	/* amend: a new version, the first kept */
	assert_int_equal(decision_amend(db, &forms, dec, "", &d, &inst2),
			 TB_INVALID);
	diag_done(&d);
	diag_init(&d);
	assert_int_equal(decision_amend(db, &forms, dec,
					"Ny PET-CT visar "
					"spridning",
					&d, &inst2),
			 TB_OK);
	test_set_ok(db, cid, "recommendation", "radiotherapy");
	assert_int_equal(decision_sign(db, &forms, cid, &sign_opts, &d, &dec2),
			 TB_OK);
	assert_int_equal(db_decision_get(db, dec2, &rec), TB_OK);
	assert_int_equal(rec.version, 2);
	assert_int_equal(rec.supersedes, dec);
	assert_string_equal(rec.amend_reason, "Ny PET-CT visar spridning");
	db_decision_done(&rec);
	/* only the latest can be amended */
	assert_int_equal(decision_amend(db, &forms, dec, "igen", &d, &inst2),
			 TB_INVALID);
	diag_done(&d);
	diag_init(&d);

	struct decision_verify_result r;
	assert_int_equal(decision_verify(db, &d, &r), TB_OK);
	assert_int_equal(r.decisions, 2);
	assert_true(r.audit_entries > 10);
	assert_int_equal(d.n, 0);
	db_close(&db);

	/* the program refuses to change a signed decision... */
	struct store *conn;
	conn = test_store_open(t.path);
	assert_int_not_equal(
	    store_exec(conn, "UPDATE decision SET signed_by = 'X'"), STORE_OK);
	assert_int_not_equal(store_exec(conn, "DELETE FROM audit"), STORE_OK);
	/* ...and verify finds a change made behind its back */
	assert_int_equal(
	    store_exec(conn, "DROP TRIGGER decision_immutable_u;"
			     "UPDATE decision SET content = replace(content,"
			     " 'radiotherapy', 'surgery') WHERE version = 2;"),
	    STORE_OK);
	store_close(conn);
	assert_int_equal(db_open(t.path, false, &db, &err), TB_OK);
	assert_int_equal(decision_verify(db, &d, &r), TB_INTEGRITY);
	/* the trigger is gone, the decision's record no longer matches its
	 * seal, and its content no longer matches its hash */
	assert_int_equal(d.n, 3);
	assert_non_null(strstr(d.items[0].message, "decision_immutable_u"));
	assert_non_null(strstr(d.items[1].message, "changed behind the"));
	assert_non_null(strstr(d.items[2].message, "was altered"));
	db_close(&db);
	diag_done(&d);
	diag_init(&d);

	/* rewriting the hash too is caught by the audit log; rewriting the
	 * audit entry breaks the chain */
	conn = test_store_open(t.path);
	assert_int_equal(
	    store_exec(conn,
		       "UPDATE decision SET content_hash = 'f00' WHERE "
		       "version = 2;"
		       "DROP TRIGGER audit_append_only_u;"
		       "UPDATE audit SET detail = 'version 2 sha256=f00'"
		       " WHERE entity = 'decision' AND action = 'amend';"),
	    STORE_OK);
	store_close(conn);
	assert_int_equal(db_open(t.path, false, &db, &err), TB_OK);
	assert_int_equal(decision_verify(db, &d, &r), TB_INTEGRITY);
	bool chain = false;
	for (size_t i = 0; i < d.n; i++)
		chain |= strstr(d.items[i].message, "entry") != NULL &&
			 strcmp(d.items[i].field, "audit") == 0;
	assert_true(chain);
	db_close(&db);
	diag_done(&d);
	test_db_done(&t);
}

/* A draft opened with version 1 of the general form (before Lansky) is
 * filled and signed with version 1, and its decision reads with that
 * version's labels, not as bare values. */
static void test_draft_of_earlier_version(void **state)
{
	(void)state;
	struct test_db t;
	struct diag d;
	diag_init(&d);
	test_db_open(&t);
	struct db *db = t.db;
	long long cid = store_case(db);
	long long inst = 0, dec = 0;
	/* opened while version 1 was the one in use */
	const struct form *v1 = form_set_version(&forms, "general", "1");
	assert_non_null(v1);
	assert_int_equal(decision_open(db, v1, NULL, cid, &d, &inst), TB_OK);
	test_fill_general(db, cid, "+3w");
	test_set_ok(db, cid, "ecog", "1");
	assert_int_equal(decision_sign(db, &forms, cid, &sign_opts, &d, &dec),
			 TB_OK);
	struct tb_decision back = {0};
	assert_int_equal(db_decision_get(db, dec, &back), TB_OK);
	assert_string_equal(back.form_version, "1");
	const struct form *f =
	    form_set_version(&forms, back.form_id, back.form_version);
	assert_non_null(f);
	struct textdoc doc;
	textdoc_init(&doc, 100);
	render_decision(&back, f, "en", &doc);
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	assert_non_null(mem);
	textdoc_write(&doc, mem);
	fclose(mem);
	assert_non_null(strstr(text, "Performance status (ECOG/WHO)"));
	assert_null(strstr(text, "Lansky"));
	free(text);
	textdoc_done(&doc);
	db_decision_done(&back);
	diag_done(&d);
	db_close(&db);
	test_db_done(&t);
}

/* Whether the form's patient is a child (ECOG or Lansky), asked at every
 * reload of the form: the birth date and the case's meeting are read, not
 * the whole case (its pathology, findings, imaging...). */
static void test_patients_of_statements(void **state)
{
	(void)state;
	struct test_db t;
	test_db_open(&t);
	struct db *db = t.db;
	long long cid = store_case(db);
	unsigned long long before = db_statements_run(db);
	assert_int_equal(decision_patients_of(db, cid, 0),
			 FORM_PATIENTS_ADULTS);
	/* the birth date, the case's meeting: 2 (with the whole case: 6) */
	assert_int_equal(db_statements_run(db) - before, 2);
	before = db_statements_run(db);
	assert_int_equal(decision_patients_of(db, cid + 100, 0),
			 FORM_PATIENTS_ALL);
	assert_int_equal(db_statements_run(db) - before, 1);
	char *birth = NULL;
	assert_int_equal(db_case_birth_date(db, cid, &birth), TB_OK);
	assert_string_equal(birth, "1956-03-12");
	free(birth);
	assert_int_equal(db_case_birth_date(db, cid + 100, &birth),
			 TB_NOT_FOUND);
	assert_null(birth);
	db_close(&db);
	test_db_done(&t);
}

/* The case's status as stored (caller's buffer of 32). */
static const char *case_status_of(struct db *db, long long cid, char out[32])
{
	struct tb_case *c = NULL;
	assert_int_equal(db_case_load(db, cid, &c), TB_OK);
	snprintf(out, 32, "%s", c->status);
	model_case_free(&c);
	return out;
}

/* Opening a draft leaves the case's status; the first value saved makes
 * it a decision draft. A draft left with nothing saved goes
 * (db_form_drop_unsaved); one another terminal saved a value in first
 * stays. */
static void test_draft_status_on_save(void **state)
{
	(void)state;
	struct test_db t;
	struct diag d;
	diag_init(&d);
	test_db_open(&t);
	struct db *db = t.db;
	long long cid = store_case(db);
	char before[32], now[32];
	case_status_of(db, cid, before);
	long long inst = 0;
	assert_int_equal(decision_open(db, general(), NULL, cid, &d, &inst),
			 TB_OK);
	assert_string_equal(case_status_of(db, cid, now), before);
	bool dropped = false;
	assert_int_equal(db_form_drop_unsaved(db, inst, &dropped), TB_OK);
	assert_true(dropped);
	struct db_form_instance fi;
	assert_int_equal(db_form_draft(db, cid, &fi, NULL), TB_NOT_FOUND);
	assert_string_equal(case_status_of(db, cid, now), before);

	/* opened again; another terminal saves a value before it is left */
	assert_int_equal(decision_open(db, general(), NULL, cid, &d, &inst),
			 TB_OK);
	test_set_ok(db, cid, "intent", "palliative");
	assert_string_equal(case_status_of(db, cid, now), "decision-draft");
	assert_int_equal(db_form_drop_unsaved(db, inst, &dropped), TB_OK);
	assert_false(dropped);
	assert_int_equal(db_form_draft(db, cid, &fi, NULL), TB_OK);
	db_form_instance_done(&fi);
	assert_string_equal(case_status_of(db, cid, now), "decision-draft");
	diag_done(&d);
	db_close(&db);
	test_db_done(&t);
}

/* Every change bumps the draft's revision; edits of different fields both
 * succeed, an edit made on a stale value of the same field is refused, and
 * signing refuses a draft that changed since the revision read back. */
static void test_draft_revision(void **state)
{
	(void)state;
	struct test_db t;
	struct diag d;
	diag_init(&d);
	test_db_open(&t);
	struct db *db = t.db;
	long long cid = store_case(db);
	long long inst = 0, dec = 0, rev = 0;
	assert_int_equal(decision_open(db, general(), NULL, cid, &d, &inst),
			 TB_OK);
	struct db_form_instance fi;
	assert_int_equal(db_form_draft(db, cid, &fi, NULL), TB_OK);
	assert_int_equal(fi.revision, 1);
	db_form_instance_done(&fi);

	test_fill_general(db, cid, "+3w");
	assert_int_equal(db_form_revision(db, inst, &rev), TB_OK);
	assert_int_equal(rev, 9); /* eight values set */
	/* the same value again changes nothing */
	test_set_ok(db, cid, "intent", "palliative");
	assert_int_equal(db_form_revision(db, inst, &rev), TB_OK);
	assert_int_equal(rev, 9);

	/* two terminals read revision 9; each edits another field: both
	 * succeed */
	assert_int_equal(
	    decision_set_at(db, &forms, NULL, cid, "intent", "curative", 9, &d),
	    TB_OK);
	assert_int_equal(decision_set_at(db, &forms, NULL, cid, "rationale",
					 "Annan motivering.", 9, &d),
			 TB_OK);
	assert_int_equal(d.n, 0);
	/* the second edits intent too, from what it read at 9: refused, and
	 * the first one's value is kept */
	assert_int_equal(decision_set_at(db, &forms, NULL, cid, "intent",
					 "palliative", 9, &d),
			 TB_STALE);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].field, "intent");
	/* who changed it, when, after which revision, and what it is now */
	char *want = xasprintf("changed by %s at ", db_actor());
	assert_non_null(strstr(d.items[0].message, want));
	free(want);
	assert_non_null(strstr(d.items[0].message, ", after revision 9 that "
						   "you read; now: "
						   "\"curative\""));
	struct decision_change who;
	assert_int_equal(decision_field_change(db, inst, "intent", &who),
			 TB_OK);
	assert_int_equal(who.revision, 10);
	assert_string_equal(who.value, "curative");
	assert_string_equal(who.by, db_actor());
	assert_non_null(who.at);
	decision_change_done(&who);
	/* a pre-filled field: changed by no revision after the opening */
	assert_int_equal(decision_field_change(db, inst, "no-such", &who),
			 TB_OK);
	assert_int_equal(who.revision, 0);
	assert_null(who.by);
	assert_null(who.value);
	decision_change_done(&who);
	diag_done(&d);
	diag_init(&d);
	struct form_values v;
	form_values_init(&v);
	assert_int_equal(db_form_draft(db, cid, &fi, &v), TB_OK);
	assert_string_equal(form_values_get(&v, "intent"), "curative");
	assert_int_equal(fi.revision, 11);
	db_form_instance_done(&fi);
	form_values_done(&v);
	/* what changed since 9, oldest first */
	struct strbuf ch;
	strbuf_init(&ch);
	assert_int_equal(db_form_changed_since(db, inst, 9, &ch), TB_OK);
	assert_string_equal(ch.buf, "intent\nrationale");
	strbuf_done(&ch);

	/* the read-back is built from revision 11; a change after it makes
	 * signing at 11 refuse, naming what changed */
	struct tb_decision pre;
	assert_int_equal(
	    decision_preview(db, &forms, cid, &sign_opts, &d, &pre), TB_OK);
	assert_int_equal(pre.form_revision, 11);
	assert_non_null(strstr(pre.content, "intent=curative\n"));
	db_decision_done(&pre);
	test_set_ok(db, cid, "recommendation", "radiotherapy");
	struct decision_sign_opts o = sign_opts;
	/* from 10: two fields changed since, named in the order changed */
	o.revision = 10;
	assert_int_equal(decision_sign(db, &forms, cid, &o, &d, &dec),
			 TB_STALE);
	assert_non_null(
	    strstr(d.items[0].message, "changed: rationale, recommendation)"));
	diag_done(&d);
	diag_init(&d);
	o.revision = 11;
	assert_int_equal(decision_sign(db, &forms, cid, &o, &d, &dec),
			 TB_STALE);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].field, "revision");
	assert_non_null(strstr(d.items[0].message,
			       "revision 11 was read back (it is at revision "
			       "12 now; changed: recommendation)"));
	diag_done(&d);
	diag_init(&d);
	/* signing at the current revision works, and stores that content */
	o.revision = 12;
	assert_int_equal(decision_sign(db, &forms, cid, &o, &d, &dec), TB_OK);
	struct tb_decision rec;
	assert_int_equal(db_decision_get(db, dec, &rec), TB_OK);
	assert_non_null(strstr(rec.content, "recommendation=radiotherapy\n"));
	db_decision_done(&rec);
	/* no draft: nothing to set at any revision */
	assert_int_equal(decision_set_at(db, &forms, NULL, cid, "intent",
					 "curative", 12, &d),
			 TB_NOT_FOUND);
	diag_done(&d);
	db_close(&db);
	test_db_done(&t);
}

static void test_quorum(void **state)
{
	(void)state;
	char r1[] = "kolorektalkirurg", r2[] = "onkolog", r3[] = "radiolog",
	     r4[] = "patolog", r5[] = "kontaktsjuksköterska",
	     id[] = "colorectal";
	char *roles[] = {r1, r2, r3, r4, r5};
	struct board b = {.id = id, .core_roles = roles, .n_core_roles = 5};
	struct strbuf missing;
	strbuf_init(&missing);
	/* a cover fills a role; case does not matter; extra roles are fine */
	assert_int_equal(quorum_missing(&b,
					"A\tKolorektalkirurg\tcore\n"
					"B\tonkolog\tcore\n"
					"C\tradiolog\tcover\n"
					"D\tpatolog\tcore\n"
					"E\tkontaktsjuksköterska\tcore\n"
					"F\tgenetiker\tcore",
					&missing),
			 0);
	assert_int_equal(missing.len, 0);
	assert_int_equal(quorum_missing(&b,
					"A\tonkolog\tcore\n"
					"B\tradiologen\tcore",
					&missing),
			 4);
	assert_string_equal(missing.buf, "kolorektalkirurg, radiolog, patolog, "
					 "kontaktsjuksköterska");
	assert_int_equal(quorum_missing(&b, "", NULL), 5);
	strbuf_done(&missing);
}

static void test_walk(void **state)
{
	(void)state;
	const struct form *f = general();
	struct form_values v;
	struct walk w;
	form_values_init(&v);
	form_values_set(&v, "question", "Q?");
	form_values_set(&v, "diagnosis", "C34.1");
	form_values_set(&v, "ecog", "1");
	walk_init(&w, f, &v);
	/* starts at the first empty required field */
	assert_string_equal(walk_field(&w)->id, "discussed");
	form_values_set(&v, "discussed", "history");
	walk_after_set(&w);
	assert_string_equal(walk_field(&w)->id, "recommendation");
	/* the trial id is shown, and required, once a trial is chosen */
	form_values_set(&v, "recommendation", "trial");
	walk_after_set(&w);
	assert_string_equal(walk_field(&w)->id, "intent");
	assert_true(walk_next_incomplete(&w));
	assert_string_equal(walk_field(&w)->id, "rationale");
	/* stepping skips hidden fields: deviation-reason is hidden */
	size_t pos, n;
	walk_position(&w, &pos, &n);
	assert_true(walk_step(&w, 1));
	assert_string_equal(walk_field(&w)->id, "guideline");
	assert_true(walk_step(&w, 1));
	assert_string_equal(walk_field(&w)->id, "alternatives");
	size_t pos2, n2;
	walk_position(&w, &pos2, &n2);
	assert_int_equal(pos2, pos + 2);
	assert_int_equal(n2, n);
	/* sections */
	assert_true(walk_section(&w, 1));
	assert_string_equal(walk_field(&w)->id, "responsible");
	assert_false(walk_section(&w, 1));
	assert_true(walk_section(&w, -1));
	assert_string_equal(walk_field(&w)->id, "recommendation");
	assert_true(walk_section(&w, -1));
	assert_string_equal(walk_field(&w)->id, "question");
	assert_false(walk_step(&w, -1));
	/* when every required field is filled, after_set steps on */
	const char *fill[][2] = {
	    {"intent", "curative"},   {"rationale", "R"},
	    {"guideline", "follows"}, {"trial-considered", "yes"},
	    {"trial", "NCT01234567"}, {"responsible", "A"},
	    {"contact-nurse", "B"},   {"follow-up-date", "2026-12-01"},
	    {"follow-up-owner", "C"}};
	for (size_t i = 0; i < sizeof(fill) / sizeof(fill[0]); i++)
		form_values_set(&v, fill[i][0], fill[i][1]);
	assert_int_equal(form_required_left(f, &v), 0);
	assert_false(walk_next_incomplete(&w));
	walk_after_set(&w);
	assert_string_equal(walk_field(&w)->id, "diagnosis");
	form_values_done(&v);
}

/* Digits typed ahead: with 14 options "1" waits (it may become 10 … 14),
 * "1 1" is 11, "1 Enter" is 1; with fewer than 10 a digit picks at once. */
static void test_walk_pick(void **state)
{
	(void)state;
	struct walk_pick p = {0};
	size_t k;
	assert_int_equal(walk_pick_key(&p, '1', 14, &k), WALK_PICK_WAIT);
	assert_int_equal(p.n, 1);
	assert_int_equal(walk_pick_key(&p, '1', 14, &k), WALK_PICK_DONE);
	assert_int_equal(k, 11);
	assert_int_equal(p.n, 0);
	assert_int_equal(walk_pick_key(&p, '1', 14, &k), WALK_PICK_WAIT);
	assert_int_equal(walk_pick_key(&p, '\r', 14, &k), WALK_PICK_DONE);
	assert_int_equal(k, 1);
	/* 2 … 9 cannot grow into an option of 14: picked at once */
	assert_int_equal(walk_pick_key(&p, '6', 14, &k), WALK_PICK_DONE);
	assert_int_equal(k, 6);
	/* 19 and 0 are no options; nothing stays pending */
	walk_pick_key(&p, '1', 14, &k);
	assert_int_equal(walk_pick_key(&p, '9', 14, &k), WALK_PICK_BAD);
	assert_int_equal(k, 19);
	assert_int_equal(p.n, 0);
	assert_int_equal(walk_pick_key(&p, '0', 14, &k), WALK_PICK_BAD);
	/* Backspace takes the digit back, Esc drops it */
	walk_pick_key(&p, '1', 14, &k);
	assert_int_equal(walk_pick_key(&p, KEYMAP_BACKSPACE, 14, &k),
			 WALK_PICK_CANCEL);
	walk_pick_key(&p, '1', 14, &k);
	assert_int_equal(walk_pick_key(&p, 27, 14, &k), WALK_PICK_CANCEL);
	assert_int_equal(p.n, 0);
	/* the terminal changing size is no key: still waiting */
	walk_pick_key(&p, '1', 14, &k);
	assert_int_equal(walk_pick_key(&p, KEYMAP_RESIZE, 14, &k),
			 WALK_PICK_WAIT);
	assert_int_equal(walk_pick_key(&p, '2', 14, &k), WALK_PICK_DONE);
	assert_int_equal(k, 12);
	/* another key picks what was typed and is handled too */
	walk_pick_key(&p, '1', 14, &k);
	assert_int_equal(walk_pick_key(&p, 'j', 14, &k),
			 WALK_PICK_DONE_AND_KEY);
	assert_int_equal(k, 1);
	/* nothing pending: not a digit is not ours */
	assert_int_equal(walk_pick_key(&p, 'j', 14, &k), WALK_PICK_NONE);
	/* 10 options: "1" still waits for 10; 9 options: never */
	assert_int_equal(walk_pick_key(&p, '1', 10, &k), WALK_PICK_WAIT);
	assert_int_equal(walk_pick_key(&p, '0', 10, &k), WALK_PICK_DONE);
	assert_int_equal(k, 10);
	assert_int_equal(walk_pick_key(&p, '1', 9, &k), WALK_PICK_DONE);
	assert_int_equal(walk_pick_key(&p, '3', 2, &k), WALK_PICK_BAD);
}

/* With the signing rule, the walk visits a filled field that would still
 * block signing (a finding row without a tier), exactly as form_check
 * counts it. */
static void test_walk_signing_rule(void **state)
{
	(void)state;
	const struct form *f = form_set_get(&forms, "lung");
	assert_non_null(f);
	struct form_values v;
	struct walk w;
	form_values_init(&v);
	char today[] = "2026-11-23";
	struct form_ctx ctx = {.today = today, .form = f, .values = &v};
	size_t at = f->n_fields;
	for (size_t i = 0; i < f->n_fields && at == f->n_fields; i++)
		if (f->fields[i].type == FT_FINDING)
			at = i;
	assert_true(at < f->n_fields);
	const struct form_field *fd = &f->fields[at];
	form_values_set(&v, fd->id, "TP53 c.743G>A p.Arg248Gln\t\t");
	/* fill every other required field the walk would visit */
	walk_init(&w, f, &v);
	for (size_t guard = 0; guard < 100; guard++) {
		const struct form_field *cur = walk_field(&w);
		if (!cur->required || form_values_get(&v, cur->id))
			break;
		const char *val = cur->n_options ? cur->options[0].value
				  : cur->type == FT_YESNO  ? "no"
				  : cur->type == FT_DATE   ? "2026-12-01"
				  : cur->type == FT_CODE   ? "C34.1"
				  : cur->type == FT_NUMBER ? "1"
							   : "Text";
		form_values_set(&v, cur->id, val);
		walk_after_set(&w);
	}
	/* the old rule: nothing is left */
	assert_int_equal(form_required_left(f, &v), 0);
	assert_false(walk_next_incomplete(&w));
	/* the signing rule: the rows block, and the walk goes there */
	char err[FORM_ERR_MAX];
	assert_true(form_field_problem(f, fd, &v, &ctx, err));
	assert_int_equal(form_check(f, &v, &ctx, NULL), 1);
	walk_init_ctx(&w, f, &v, &ctx);
	assert_string_equal(walk_field(&w)->id, fd->id);
	/* the only one: the walk stays there */
	assert_true(walk_next_incomplete(&w));
	assert_string_equal(walk_field(&w)->id, fd->id);
	form_values_set(&v, fd->id, "TP53 c.743G>A p.Arg248Gln\tX\t");
	assert_int_equal(form_check(f, &v, &ctx, NULL), 0);
	assert_false(walk_next_incomplete(&w));
	form_values_done(&v);
}

/* Schema 20: a draft filled in Swedish while the finding key of a copy
 * number of 2 was translated holds "ingen förändring" in that key; the
 * form no longer finds it among the case's findings. Opened at version
 * 19, the archive's draft holds the key every language writes, the
 * change audited and the chain intact; the draft signs. A signed
 * decision is not touched. */
static void test_swedish_draft_keys_of_schema_19(void **state)
{
	(void)state;
	struct test_db t;
	struct diag d;
	char *err = NULL;
	diag_init(&d);
	test_db_open(&t);
	struct tb_case *c =
	    test_make_case("LUND-CNV", "19560312-2389", "Märta");
	struct tb_finding *f = model_case_add_finding(c);
	f->gene = xstrdup("CDKN2A");
	f->kind = xstrdup("cnv");
	f->origin = xstrdup("somatic");
	f->has_copies = true;
	f->copies = 2;
	f->test = xstrdup("GMS560");
	f->sample = xstrdup("EBUS");
	f->lab = xstrdup("Lund");
	f->date = xstrdup("2026-10-24");
	f->context = xstrdup("clinical");
	long long cid = test_store_case(t.db, c, "2026-11-23T09:00:00Z");
	model_case_free(&c);
	const struct form *lung = form_set_get(&forms, "lung");
	assert_non_null(lung);
	long long inst = 0;
	assert_int_equal(decision_open(t.db, lung, NULL, cid, &d, &inst),
			 TB_OK);
	/* as the Swedish form stored it, its tier and evidence kept; the
	 * same words in the evidence are free text and stay */
	const char *sv = "EGFR p.Leu858Arg\tI-A\tEPAR\n"
			 "CDKN2A ingen förändring 2\tIV\tingen förändring 2";
	assert_int_equal(db_form_set(t.db, inst, "findings", sv), TB_OK);
	db_close(&t.db);
	test_file_exec(
	    t.path, "ALTER TABLE finding DROP COLUMN result;" TEST_UNDO_23_LOG
		    "PRAGMA user_version = 19");
	assert_int_equal(db_open(t.path, false, &t.db, &err), TB_OK);
	assert_int_equal(db_user_version(t.db), DB_SCHEMA_VERSION);

	struct db_form_instance fi;
	struct form_values v;
	form_values_init(&v);
	assert_int_equal(db_form_draft(t.db, cid, &fi, &v), TB_OK);
	assert_string_equal(form_values_get(&v, "findings"),
			    "EGFR p.Leu858Arg\tI-A\tEPAR\n"
			    "CDKN2A no change 2\tIV\tingen förändring 2");
	db_form_instance_done(&fi);
	form_values_done(&v);
	char *detail = NULL;
	assert_int_equal(
	    db_audit_detail(t.db, "migrate", "form_instance", inst, &detail),
	    TB_OK);
	assert_string_equal(detail, "schema 20: 1 finding key of a copy "
				    "number of 2 in the words of no language");
	free(detail);
	struct db_audit_check r;
	assert_int_equal(db_audit_verify(t.db, &d, &r), TB_OK);
	assert_int_equal(d.n, 0);

	test_set_ok(t.db, cid, "histology", "adenocarcinoma");
	test_set_ok(t.db, cid, "discussed", "history imaging");
	test_set_ok(t.db, cid, "resectability", "resectable");
	test_set_ok(t.db, cid, "operability", "operable");
	test_set_ok(t.db, cid, "recommendation", "lobectomy");
	test_set_ok(t.db, cid, "intent", "curative");
	test_set_ok(t.db, cid, "rationale", "Resektabel tumör.");
	test_set_ok(t.db, cid, "guideline", "follows");
	test_set_ok(t.db, cid, "trial-considered", "no");
	test_set_ok(t.db, cid, "contact-nurse", "Lena Ek");
	test_set_ok(t.db, cid, "follow-up-date", "+3w");
	long long dec = 0;
	enum tb_status st =
	    decision_sign(t.db, &forms, cid, &sign_opts, &d, &dec);
	if (st != TB_OK)
		diag_print(&d, stderr);
	assert_int_equal(st, TB_OK);
	struct tb_decision rec;
	assert_int_equal(db_decision_get(t.db, dec, &rec), TB_OK);
	assert_non_null(strstr(rec.content, "CDKN2A no change 2"));
	db_decision_done(&rec);
	diag_done(&d);
	db_close(&t.db);
	test_db_done(&t);
}

/* The finding rows the knowledge base pre-fills are a Swedish record
 * whatever the interface language: its options in their Swedish words
 * (the INN names as the data has them), an option outside its approval
 * said in Swedish, no English text of the knowledge base. */
static void test_kb_rows_in_swedish(void **state)
{
	(void)state;
	struct test_db t;
	struct diag d;
	struct kb kb = {0};
	diag_init(&d);
	assert_int_equal(import_kb_load(&kb, &d), TB_OK);
	test_db_open(&t);
	/* EGFR L858R in a lung cancer: approved options */
	struct tb_case *c = test_make_case("LUND-KB", "19560312-2389", "Märta");
	/* MSI-high in a pancreatic cancer: outside every approval */
	struct tb_case *c2 =
	    test_make_case("LUND-MSI", "19480101-1234", "Gösta");
	util_set(&c2->icd10, "C25.0");
	struct tb_finding *f = model_case_add_finding(c2);
	f->kind = xstrdup("msi");
	f->origin = xstrdup("somatic");
	f->value = xstrdup("MSI-H");
	f->test = xstrdup("GMS560");
	f->sample = xstrdup("Biopsi");
	f->lab = xstrdup("Lund");
	f->date = xstrdup("2026-10-24");
	f->context = xstrdup("clinical");
	long long cid = test_store_case(t.db, c, "2026-11-23T09:00:00Z");
	long long cid2 = test_store_case(t.db, c2, "2026-11-23T09:00:00Z");
	model_case_free(&c);
	model_case_free(&c2);
	const struct form *mtb = form_set_get(&forms, "mtb");
	assert_non_null(mtb);
	char *rows = decision_prefill(t.db, mtb, &kb, cid, NULL, "findings");
	assert_non_null(rows);
	assert_non_null(strstr(rows, "kunskapsbas "));
	assert_non_null(strstr(rows, "Osimertinib (Tagrisso): första linjen"));
	assert_null(strstr(rows, "first line"));
	free(rows);
	rows = decision_prefill(t.db, mtb, &kb, cid2, NULL, "findings");
	assert_non_null(rows);
	assert_non_null(strstr(rows, "Pembrolizumab (Keytruda) eller"));
	assert_non_null(strstr(rows, "(utanför godkänd indikation)"));
	assert_null(strstr(rows, "off-label"));
	assert_null(strstr(rows, " or another"));
	free(rows);
	kb_done(&kb);
	diag_done(&d);
	db_close(&t.db);
	test_db_done(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shipped_forms_load),
	    cmocka_unit_test(test_ras_braf_prefill),
	    cmocka_unit_test(test_load_rules),
	    cmocka_unit_test(test_user_form_replaces_builtin),
	    cmocka_unit_test(test_choice_multi_yesno),
	    cmocka_unit_test(test_number_date_text_code),
	    cmocka_unit_test(test_month_end_clamps),
	    cmocka_unit_test(test_alternatives_and_trial),
	    cmocka_unit_test(test_role_value),
	    cmocka_unit_test(test_finding_rows),
	    cmocka_unit_test(test_finding_short_names),
	    cmocka_unit_test(test_conditions),
	    cmocka_unit_test(test_attendee_entries),
	    cmocka_unit_test(test_content_roundtrip_and_hash),
	    cmocka_unit_test(test_draft_sign_amend_verify),
	    cmocka_unit_test(test_draft_revision),
	    cmocka_unit_test(test_draft_status_on_save),
	    cmocka_unit_test(test_quorum),
	    cmocka_unit_test(test_walk),
	    cmocka_unit_test(test_patients_at),
	    cmocka_unit_test(test_patients_fields),
	    cmocka_unit_test(test_walk_pick),
	    cmocka_unit_test(test_walk_signing_rule),
	    cmocka_unit_test(test_shipped_versions),
	    cmocka_unit_test(test_draft_of_earlier_version),
	    cmocka_unit_test(test_patients_of_statements),
	    cmocka_unit_test(test_swedish_draft_keys_of_schema_19),
	    cmocka_unit_test(test_kb_rows_in_swedish),
	};
	return cmocka_run_group_tests(tests, test_forms_setup,
				      test_forms_teardown);
}
