/* The knowledge base: protein normalisation on a table of spellings, each
 * kind of alteration, the most specific entry for a tumour, off-label,
 * the load rules, and the shipped knowledge base. */
#include "testutil.h"

#include <dirent.h>

#include "form_def.h"
#include "import.h"
#include "import_kb.h"
#include "import_xml.h"
#include "kb.h"
#include "render.h"
#include "schemas.h"
#include "support.h"
#include "textdoc.h"

static void test_normalize(void **state)
{
	(void)state;
	static const char *const same[][2] = {
	    {"p.Leu858Arg", "p.L858R"},
	    {"p.(Leu858Arg)", "p.L858R"},
	    {"p.L858R", "p.L858R"},
	    {"L858R", "p.L858R"},
	    {"Leu858Arg", "p.L858R"},
	    {" p.( Leu858Arg ) ", "p.L858R"},
	    {"p.Gly12Cys", "p.G12C"},
	    {"p.Val600Glu", "p.V600E"},
	    {"p.Thr790Met", "p.T790M"},
	    {"p.Glu746_Ala750del", "p.E746_A750del"},
	    {"p.(Glu746_Ala750del)", "p.E746_A750del"},
	    {"p.Arg248Ter", "p.R248*"},
	    {"p.Lys628fs", "p.K628fs"},
	    {"p.His1047Arg", "p.H1047R"},
	};
	char out[40];
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		if (!kb_protein_normalize(same[i][0], out))
			fail_msg("'%s' not read", same[i][0]);
		assert_string_equal(out, same[i][1]);
	}
	assert_false(kb_protein_normalize("c.2573T>G", out));
	assert_false(kb_protein_normalize("", out));
	assert_false(kb_protein_normalize(NULL, out));
	assert_false(kb_protein_normalize("p.?", out));
}

static const char kb_xml[] =
    "<kb xmlns='urn:x-tumorboard:kb:1' version='t1' reviewed='2026-05-01' "
    "reviewer='R'>\n"
    "<source id='s'>A public source.</source>\n"
    "<entry id='egfr-l858r'><gene>EGFR</gene>"
    "<alteration kind='variant' protein='p.Leu858Arg'/>"
    "<tumour icd10='C34'>NSCLC</tumour><tier system='ESCAT'>I-A</tier>"
    "<therapy approved='yes'>osimertinib</therapy><cite source='s'/>"
    "</entry>\n"
    "<entry id='egfr-ex19'><gene>EGFR</gene>"
    "<alteration kind='range' from='729' to='761' change='del'/>"
    "<tumour icd10='C34'>NSCLC</tumour><tier system='ESCAT'>I-A</tier>"
    "<therapy approved='yes'>osimertinib</therapy><cite source='s'/>"
    "</entry>\n"
    "<entry id='braf-600'><gene>BRAF</gene>"
    "<alteration kind='codon' codon='600'/>"
    "<tumour icd10='C43'>melanoma</tumour><tier system='ESCAT'>I-A</tier>"
    "<therapy approved='yes'>dabrafenib + trametinib</therapy>"
    "<cite source='s'/></entry>\n"
    "<entry id='ret-any'><gene>RET</gene><alteration kind='fusion'/>"
    "<tumour icd10='C'>any cancer</tumour><tier system='ESCAT'>I-C</tier>"
    "<therapy approved='no'>selpercatinib</therapy><cite source='s'/>"
    "</entry>\n"
    "<entry id='ret-lung'><gene>RET</gene><alteration kind='fusion'/>"
    "<tumour icd10='C34'>NSCLC</tumour><tier system='ESCAT'>I-C</tier>"
    "<therapy approved='yes'>selpercatinib</therapy><cite source='s'/>"
    "</entry>\n"
    "<entry id='msi'><gene>MSI</gene><alteration kind='msi-high'/>"
    "<tumour icd10='C18 C19 C20'>CRC</tumour><tier "
    "system='ESCAT'>I-A</tier>"
    "<therapy approved='yes'>pembrolizumab</therapy><cite source='s'/>"
    "</entry>\n"
    "<entry id='tmb'><gene>TMB</gene><alteration kind='tmb-high' "
    "min='10'/>"
    "<tumour icd10='C'>any</tumour><tier system='ESCAT'>II-B</tier>"
    "<therapy approved='no'>pembrolizumab</therapy><cite source='s'/>"
    "</entry>\n"
    "<entry id='erbb2'><gene>ERBB2</gene><alteration kind='amplification' "
    "min-copies='6'/>"
    "<tumour icd10='C50'>breast</tumour><tier system='ESCAT'>I-A</tier>"
    "<therapy approved='yes'>trastuzumab</therapy><cite source='s'/>"
    "</entry>\n"
    "<entry id='brca2-g'><gene>BRCA2</gene><alteration kind='pathogenic' "
    "origin='germline'/>"
    "<tumour icd10='C61'>prostate</tumour><tier system='ESCAT'>I-A</tier>"
    "<therapy approved='yes'>olaparib</therapy>"
    "<germline>Refer to cancer genetics.</germline><cite source='s'/>"
    "</entry>\n"
    "<entry id='met14'><gene>MET</gene><alteration kind='splice' "
    "exon='14'/>"
    "<tumour icd10='C34'>NSCLC</tumour><tier system='ESCAT'>I-B</tier>"
    "<therapy approved='yes'>capmatinib</therapy><cite source='s'/>"
    "</entry>\n"
    "</kb>\n";

static struct kb kb;
static struct kb shipped; /* the built-in one, loaded once */

static int setup(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d);
	import_global_init();
	enum tb_status st =
	    import_kb_parse("t.xml", kb_xml, strlen(kb_xml), &kb, &d);
	if (st != TB_OK)
		diag_print(&d, stderr);
	diag_done(&d);
	return st == TB_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	kb_done(&kb);
	kb_done(&shipped);
	import_global_cleanup();
	return 0;
}

static const struct kb_entry *entry(const char *id)
{
	for (size_t i = 0; i < kb.n; i++)
		if (strcmp(kb.e[i].id, id) == 0)
			return &kb.e[i];
	fail_msg("no entry %s", id);
	return NULL;
}

static void test_kinds(void **state)
{
	(void)state;
	char egfr[] = "EGFR", braf[] = "BRAF", ret[] = "RET", kif[] = "KIF5B";
	char snv[] = "snv", indel[] = "indel", fusion[] = "fusion";
	char p1[] = "p.(Leu858Arg)", p2[] = "p.Glu746_Ala750del";
	char p3[] = "p.Val600Lys", p4[] = "p.Asp770_Asn771insSerValAsp";
	struct tb_finding f = {.gene = egfr, .kind = snv, .hgvs_p = p1};
	assert_true(kb_entry_matches(entry("egfr-l858r"), &f));
	assert_false(kb_entry_matches(entry("egfr-ex19"), &f));
	f.kind = indel;
	f.hgvs_p = p2;
	assert_true(kb_entry_matches(entry("egfr-ex19"), &f));
	/* an exon 20 insertion is not an exon 19 deletion */
	f.hgvs_p = p4;
	assert_false(kb_entry_matches(entry("egfr-ex19"), &f));
	/* any change at codon 600 */
	struct tb_finding b = {.gene = braf, .kind = snv, .hgvs_p = p3};
	assert_true(kb_entry_matches(entry("braf-600"), &b));
	/* a fusion by either partner */
	struct tb_finding r = {.gene = kif, .partner = ret, .kind = fusion};
	assert_true(kb_entry_matches(entry("ret-lung"), &r));
	char msi[] = "msi", high[] = "MSI-H", stable[] = "MSS";
	struct tb_finding m = {.kind = msi, .value = high};
	assert_true(kb_entry_matches(entry("msi"), &m));
	m.value = stable;
	assert_false(kb_entry_matches(entry("msi"), &m));
	char tmb[] = "tmb", t14[] = "14.2", t4[] = "4.2";
	struct tb_finding t = {.kind = tmb, .value = t14};
	assert_true(kb_entry_matches(entry("tmb"), &t));
	t.value = t4;
	assert_false(kb_entry_matches(entry("tmb"), &t));
	char erbb2[] = "ERBB2", cnv[] = "cnv";
	struct tb_finding a = {
	    .gene = erbb2, .kind = cnv, .has_copies = true, .copies = 12};
	assert_true(kb_entry_matches(entry("erbb2"), &a));
	a.copies = 3;
	assert_false(kb_entry_matches(entry("erbb2"), &a));
	char brca2[] = "BRCA2", path[] = "pathogenic", vus[] = "vus";
	char germ[] = "germline", som[] = "somatic";
	struct tb_finding g = {
	    .gene = brca2, .kind = snv, .classification = path, .origin = germ};
	assert_true(kb_entry_matches(entry("brca2-g"), &g));
	g.origin = som;
	assert_false(kb_entry_matches(entry("brca2-g"), &g));
	g.origin = germ;
	g.classification = vus;
	assert_false(kb_entry_matches(entry("brca2-g"), &g));
	/* MET exon 14 by the position of the splice variant on the
	 * transcript named, never by a word in the note */
	char met[] = "MET", c14[] = "c.3028+1G>A", tx[] = "NM_000245.4",
	     note[] = "MET Exon 14 skipping", c15[] = "c.3100G>A";
	struct tb_finding x = {.gene = met,
			       .kind = snv,
			       .hgvs_c = c14,
			       .transcript = tx,
			       .classification = path};
	assert_true(kb_entry_matches(entry("met14"), &x));
	x.hgvs_c = c15;
	x.note = note;
	assert_false(kb_entry_matches(entry("met14"), &x));
	/* the same site numbered as on the other transcript: matched, with
	 * what to check before relying on it */
	char c3082[] = "c.3082+1G>A", why[240];
	x.hgvs_c = c3082;
	x.note = NULL;
	assert_true(kb_entry_matches_why(entry("met14"), &x, why, sizeof(why)));
	assert_non_null(strstr(why, "NM_001127500.3"));
	x.hgvs_c = c14;
	assert_true(kb_entry_matches_why(entry("met14"), &x, why, sizeof(why)));
	assert_string_equal(why, "");
}

static void test_case_matching(void **state)
{
	(void)state;
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	/* the case's EGFR finding (p.Leu858Arg), and a RET fusion */
	struct tb_finding *f = model_case_add_finding(c);
	f->gene = xstrdup("RET");
	f->partner = xstrdup("KIF5B");
	f->kind = xstrdup("fusion");
	struct kb_match *m = NULL;
	size_t n = kb_match_case(&kb, c, &m);
	assert_int_equal(n, 2);
	assert_string_equal(m[0].e->id, "egfr-l858r");
	assert_false(m[0].off_label);
	/* lung: the lung entry, approved, wins over the any-cancer one */
	assert_string_equal(m[1].e->id, "ret-lung");
	assert_false(m[1].off_label);
	free(m);
	/* in another tumour only the any-cancer entry applies: off-label */
	util_set(&c->icd10, "C25.0");
	n = kb_match_case(&kb, c, &m);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].e->id, "ret-any");
	assert_true(m[0].off_label);
	free(m);
	model_case_free(&c);
}

/* A variant looked for and not found is never the variant: a lung case
 * with KRAS G12C reported absent gets no KRAS G12C suggestion from the
 * shipped knowledge base; the same finding found does. */
static void test_absent_never_matches(void **state)
{
	(void)state;
	struct kb k;
	struct diag d;
	diag_init(&d);
	assert_int_equal(import_kb_load(&k, &d), TB_OK);
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	struct tb_finding *f = &c->findings[0];
	util_set(&f->gene, "KRAS");
	util_set(&f->hgvs_p, "p.Gly12Cys");
	util_set(&f->hgvs_c, NULL);
	f->has_vaf = false;
	struct kb_match *m = NULL;
	size_t n = kb_match_case(&k, c, &m);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].e->id, "nsclc-kras-g12c");
	free(m);
	f->absent = true;
	n = kb_match_case(&k, c, &m);
	assert_int_equal(n, 0);
	free(m);
	for (size_t i = 0; i < k.n; i++)
		assert_false(kb_entry_matches(&k.e[i], f));
	model_case_free(&c);
	kb_done(&k);
	diag_done(&d);
}

static void test_load_rules(void **state)
{
	(void)state;
	struct kb k;
	struct diag d;
	diag_init(&d);
	char *bad = test_replace(kb_xml, "<cite source='s'/>",
				 "<cite source='nowhere'/>");
	assert_int_equal(import_kb_parse("t.xml", bad, strlen(bad), &k, &d),
			 TB_INVALID);
	assert_non_null(strstr(d.items[0].message, "not a declared source"));
	assert_int_equal(d.items[0].line, 3);
	free(bad);
	diag_done(&d);
	diag_init(&d);
	bad = test_replace(kb_xml, "id='egfr-ex19'", "id='egfr-l858r'");
	assert_int_equal(import_kb_parse("t.xml", bad, strlen(bad), &k, &d),
			 TB_INVALID);
	assert_non_null(strstr(d.items[0].message, "used twice"));
	free(bad);
	diag_done(&d);
	diag_init(&d);
	/* every entry must cite a source (the schema says so) */
	bad = test_replace(kb_xml,
			   "<therapy approved='yes'>osimertinib</therapy>"
			   "<cite source='s'/>",
			   "<therapy approved='yes'>osimertinib</therapy>");
	assert_int_equal(import_kb_parse("t.xml", bad, strlen(bad), &k, &d),
			 TB_INVALID);
	free(bad);
	diag_done(&d);
}

static void test_shipped(void **state)
{
	(void)state;
	struct kb k;
	struct diag d;
	diag_init(&d);
	/* no user file in the test environment: the built-in one */
	assert_int_equal(import_kb_load(&k, &d), TB_OK);
	assert_string_equal(k.origin, "built-in");
	assert_true(k.n > 0);
	for (size_t i = 0; i < k.n; i++) {
		assert_true(k.e[i].n_cites > 0);
		assert_true(k.e[i].n_icd10 > 0);
		assert_true(k.e[i].tier[0] != '\0');
	}
	/* every text a reader may be shown has its Swedish version: the
	 * tumour, each therapy, the germline meaning, the note, what was not
	 * checked */
	for (size_t i = 0; i < k.n; i++) {
		const struct kb_entry *e = &k.e[i];
		const char *pairs[][2] = {{e->tumour, e->tumour_sv},
					  {e->germline, e->germline_sv},
					  {e->note, e->note_sv},
					  {e->unchecked, e->unchecked_sv}};
		for (size_t p = 0; p < 4; p++) {
			if (!pairs[p][0])
				continue;
			if (!pairs[p][1])
				fail_msg("%s: no Swedish for \"%.40s\"", e->id,
					 pairs[p][0]);
			assert_string_not_equal(pairs[p][0], pairs[p][1]);
		}
		for (size_t t = 0; t < e->n_therapies; t++)
			if (!e->therapies[t].name_sv)
				fail_msg("%s: therapy %zu has no Swedish",
					 e->id, t + 1);
	}
	kb_done(&k);
	diag_done(&d);
}

/* A Swedish version (xml:lang="sv") follows the text it gives; the
 * English stays the text of an interface in any other language. */
static void test_swedish_texts(void **state)
{
	(void)state;
	struct kb k;
	struct diag d;
	diag_init(&d);
	char *sv = test_replace(
	    kb_xml, "<therapy approved='yes'>osimertinib</therapy>",
	    "<therapy approved='yes'>osimertinib</therapy>"
	    "<therapy xml:lang='sv'>osimertinib (svenska)</therapy>");
	assert_int_equal(import_kb_parse("t.xml", sv, strlen(sv), &k, &d),
			 TB_OK);
	assert_true(k.n > 0);
	const struct kb_entry *e = &k.e[0];
	assert_string_equal(e->id, "egfr-l858r");
	assert_int_equal(e->n_therapies, 1);
	assert_string_equal(e->therapies[0].name, "osimertinib");
	assert_string_equal(e->therapies[0].name_sv, "osimertinib (svenska)");
	/* no catalogue in force here: the interface is English */
	assert_string_equal(
	    kb_text(e->therapies[0].name, e->therapies[0].name_sv),
	    "osimertinib");
	assert_string_equal(kb_text("en", NULL), "en");
	kb_done(&k);
	free(sv);
	/* a Swedish version with nothing before it to translate is refused
	 * by the schema; another attribute beside xml:lang too */
	sv = test_replace(kb_xml,
			  "<therapy approved='yes'>osimertinib</therapy>",
			  "<therapy xml:lang='sv'>osimertinib</therapy>");
	assert_int_equal(import_kb_parse("t.xml", sv, strlen(sv), &k, &d),
			 TB_INVALID);
	free(sv);
	sv = test_replace(
	    kb_xml, "<therapy approved='yes'>osimertinib</therapy>",
	    "<therapy approved='yes'>osimertinib</therapy>"
	    "<therapy approved='yes' xml:lang='sv'>osimertinib</therapy>");
	assert_int_equal(import_kb_parse("t.xml", sv, strlen(sv), &k, &d),
			 TB_INVALID);
	free(sv);
	diag_done(&d);
}

static const char trials_xml[] =
    "<trials xmlns='urn:x-tumorboard:trials:1' version='t'>"
    "<trial id='p3'><study-id registry='eu-ct'>2099-500001-11-00</study-id>"
    "<title>T1</title><phase>III</phase><status>recruiting</status>"
    "<site>S</site><eligibility><diagnoses>C34</diagnoses>"
    "<requires><biomarker><gene>EGFR</gene><alteration kind='variant' "
    "protein='p.L858R'/></biomarker></requires>"
    "<excludes><biomarker><gene>EGFR</gene><alteration kind='variant' "
    "protein='p.T790M'/></biomarker></excludes>"
    "<max-ecog>1</max-ecog><age min='18' max='75'/>"
    "<max-prior-lines>0</max-prior-lines></eligibility>"
    "<contact name='A'/><source>https://example.org/t1</source></trial>"
    "<trial id='closed'><study-id registry='eu-ct'>2099-500002-11-00"
    "</study-id><title>T2</title><phase>II</phase><status>closed</status>"
    "<site>S</site><eligibility><diagnoses>C</diagnoses></eligibility>"
    "<contact name='B'/><source>https://example.org/t2</source></trial>"
    "</trials>";

static const char levels_xml[] =
    "<levels xmlns='urn:x-tumorboard:levels:1' version='t'>"
    "<criterion id='n3' level='national' when='phase3-trial-match'>"
    "<text xml:lang='sv'>Fas 3.</text><text xml:lang='en'>Phase "
    "3.</text></criterion>"
    "<criterion id='noff' level='national' when='off-label'>"
    "<text xml:lang='sv'>Off-label.</text><text xml:lang='en'>Off-label."
    "</text></criterion>"
    "<criterion id='ped' level='regional' when='pediatric'>"
    "<text xml:lang='sv'>Barn.</text><text xml:lang='en'>Child.</text>"
    "</criterion>"
    "<criterion id='def' level='local' when='default'>"
    "<text xml:lang='sv'>Okomplicerat.</text><text "
    "xml:lang='en'>Uncomplicated.</text></criterion>"
    "</levels>";

static void test_trials_and_levels(void **state)
{
	(void)state;
	struct trials ts;
	struct levels ls;
	struct diag d;
	diag_init(&d);
	assert_int_equal(import_trials_parse("t.xml", trials_xml,
					     strlen(trials_xml), &ts, &d),
			 TB_OK);
	assert_int_equal(import_levels_parse("l.xml", levels_xml,
					     strlen(levels_xml), &ls, &d),
			 TB_OK);
	struct tb_case *c = test_make_case("X-1", "19560312-2389", "Märta");
	struct trial_fit *f = NULL;
	/* the closed trial is left out; the phase III trial fits, with the
	 * prior lines not known from the case */
	size_t n = support_trials(&ts, c, "2026-11-23", &f);
	assert_int_equal(n, 1);
	assert_true(f[0].eligible);
	assert_string_equal(f[0].met, "diagnosis; required biomarker; ECOG; "
				      "age");
	assert_string_equal(f[0].unknown, "at most 0 prior lines");
	free(f);
	assert_true(support_has_trial(&ts, c, "2026-11-23"));
	struct level_suggestion sg;
	support_level(&ls, &kb, &ts, c, "2026-11-23", "en", &sg);
	assert_string_equal(sg.level, "national");
	assert_string_equal(sg.reasons, "Phase 3.");
	assert_false(sg.fits); /* referred as regional */
	/* ECOG 2 rules the trial out: the default applies */
	c->ecog = 2;
	n = support_trials(&ts, c, "2026-11-23", &f);
	assert_false(f[0].eligible);
	assert_string_equal(f[0].failed, "ECOG 2 above 1");
	assert_string_equal(f[0].met, "diagnosis; required biomarker; age");
	free(f);
	assert_false(support_has_trial(&ts, c, "2026-11-23"));
	support_level(&ls, &kb, &ts, c, "2026-11-23", "sv", &sg);
	assert_string_equal(sg.level, "local");
	assert_string_equal(sg.reasons, "Okomplicerat.");
	/* an excluding biomarker rules it out too */
	c->ecog = 0;
	char egfr[] = "EGFR", snv[] = "snv", t790m[] = "p.Thr790Met";
	struct tb_finding *x = model_case_add_finding(c);
	x->gene = xstrdup(egfr);
	x->kind = xstrdup(snv);
	x->hgvs_p = xstrdup(t790m);
	n = support_trials(&ts, c, "2026-11-23", &f);
	assert_false(f[0].eligible);
	assert_string_equal(f[0].failed, "excluding biomarker EGFR");
	free(f);
	assert_false(support_has_trial(&ts, c, "2026-11-23"));
	/* a child: regional by the pediatric criterion */
	util_set(&c->patient.birth_date, "2019-05-01");
	support_level(&ls, &kb, &ts, c, "2026-11-23", "en", &sg);
	assert_string_equal(sg.level, "regional");
	model_case_free(&c);
	trials_done(&ts);
	levels_done(&ls);
	/* the shipped registry and criteria load */
	assert_int_equal(import_trials_load(&ts, &d), TB_OK);
	assert_true(ts.n > 0);
	assert_int_equal(import_levels_load(&ls, &d), TB_OK);
	assert_true(ls.n > 0);
	trials_done(&ts);
	levels_done(&ls);
	/* exactly one default */
	char *bad =
	    test_replace(levels_xml, "when='default'", "when='pediatric'");
	assert_int_equal(
	    import_levels_parse("l.xml", bad, strlen(bad), &ls, &d),
	    TB_INVALID);
	free(bad);
	diag_done(&d);
}

/* The agenda's trial flag (support_has_trial, worked out without the
 * words) is what the trials in words say: an eligible open trial whose
 * required biomarker the case has. Every sample case against the shipped
 * registry, on three days (ages change), with its findings and without
 * them (the biomarker then not known). */
static bool flag_in_words(const struct trials *ts, const struct tb_case *c,
			  const char *today)
{
	struct trial_fit *f = NULL;
	size_t n = support_trials(ts, c, today, &f);
	bool any = false;
	for (size_t i = 0; i < n; i++)
		any |= f[i].eligible &&
		       strstr(f[i].met, "required biomarker") != NULL;
	free(f);
	return any;
}

static void test_trial_flag(void **state)
{
	(void)state;
	struct trials ts;
	struct diag d;
	diag_init(&d);
	assert_int_equal(import_trials_load(&ts, &d), TB_OK);
	const char *dir = test_examples_dir();
	DIR *dp = opendir(dir);
	assert_non_null(dp);
	struct dirent *de;
	size_t checked = 0, flagged = 0;
	static const char *const days[] = {"2026-11-23", "2031-01-01",
					   "2060-06-30"};
	while ((de = readdir(dp))) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".xml") != 0)
			continue;
		char *file = xasprintf("%s/%s", dir, de->d_name);
		char *buf = NULL;
		size_t n = 0;
		assert_int_equal(
		    import_xml_read(file, 8 * 1024 * 1024, &buf, &n, &d),
		    TB_OK);
		struct tb_case **cases = NULL;
		size_t n_cases = 0;
		struct import_opts opts = {0};
		assert_int_equal(
		    import_parse(file, buf, n, &opts, &d, &cases, &n_cases),
		    TB_OK);
		for (size_t ci = 0; ci < n_cases; ci++) {
			struct tb_case *c = cases[ci];
			/* as it is, then with each trial's diagnosis (a
			 * biomarker met where the diagnosis is not), ECOG 4 */
			char *icd10 = c->icd10 ? xstrdup(c->icd10) : NULL;
			int ecog = c->ecog;
			for (size_t v = 0; v <= ts.n; v++) {
				if (v > 0 && ts.t[v - 1].n_icd10)
					util_set(&c->icd10,
						 ts.t[v - 1].icd10[0]);
				c->ecog = v % 3 == 2 ? 4 : ecog;
				for (int without = 0; without < 2; without++)
					for (size_t k = 0; k < 3; k++) {
						size_t keep = c->n_findings;
						if (without)
							c->n_findings = 0;
						bool fast = support_has_trial(
						    &ts, c, days[k]);
						bool words = flag_in_words(
						    &ts, c, days[k]);
						c->n_findings = keep;
						if (fast != words)
							fail_msg(
							    "%s (%s, ECOG %d) "
							    "on %s%s: flag %d",
							    c->external_id,
							    c->icd10, c->ecog,
							    days[k],
							    without ? ", no "
								      "findings"
								    : "",
							    fast);
						checked++;
						flagged += fast;
					}
			}
			util_set(&c->icd10, icd10);
			free(icd10);
			c->ecog = ecog;
			model_case_free(&cases[ci]);
		}
		free(cases);
		free(buf);
		free(file);
	}
	closedir(dp);
	/* the samples have cases flagged and cases not */
	assert_true(checked > 30);
	assert_true(flagged > 0 && flagged < checked);
	trials_done(&ts);
	diag_done(&d);
}

/* ---- the shipped knowledge base against real report spellings ---- */

static const struct kb_entry *shipped_entry(const char *id)
{
	for (size_t i = 0; i < shipped.n; i++)
		if (strcmp(shipped.e[i].id, id) == 0)
			return &shipped.e[i];
	return NULL;
}

static void load_shipped(void)
{
	struct diag d;
	diag_init(&d);
	if (!shipped.n && import_kb_load(&shipped, &d) != TB_OK) {
		diag_print(&d, stderr);
		fail_msg("the shipped knowledge base does not load");
	}
	diag_done(&d);
}

static char *col_or_null(char *s)
{
	return s && strcmp(s, "-") != 0 ? s : NULL;
}

static const char *test_data_path(const char *file, char *buf, size_t n)
{
	const char *dir = getenv("TB_SRCDIR");
	snprintf(buf, n, "%s/tests/%s", dir && *dir ? dir : ".", file);
	return buf;
}

/*
 * tests/kb-spellings.tsv: one spelling per row, as labs write them, and
 * whether it must match the shipped entry named (or normalise to the
 * protein change given). The file must be there and hold at least 60 rows.
 */
static void test_spellings(void **state)
{
	(void)state;
	load_shipped();
	char path[512];
	FILE *fp =
	    fopen(test_data_path("kb-spellings.tsv", path, sizeof(path)), "r");
	if (!fp)
		fail_msg("%s: cannot open", path);
	char line[1024];
	int rows = 0, lineno = 0, failures = 0;
	while (fgets(line, sizeof(line), fp)) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		char *col[12] = {0};
		size_t nc = 0;
		char *save = NULL;
		for (char *t = strtok_r(line, "\t", &save); t && nc < 12;
		     t = strtok_r(NULL, "\t", &save))
			col[nc++] = t;
		rows++;
		if (strcmp(col[0], "norm") == 0) {
			char out[40];
			bool ok = kb_protein_normalize(col[1], out);
			bool bad = strcmp(col[2], "-") == 0
				       ? ok
				       : !ok || strcmp(out, col[2]) != 0;
			if (bad) {
				fprintf(stderr, "%s:%d: '%s' gave '%s'\n", path,
					lineno, col[1], ok ? out : "(none)");
				failures++;
			}
			continue;
		}
		/* expect entry gene kind p c transcript partner copies value
		 * classification origin */
		if (nc < 12)
			fail_msg("%s:%d: 12 columns expected", path, lineno);
		const struct kb_entry *e = shipped_entry(col[1]);
		if (!e)
			fail_msg("%s:%d: no entry %s", path, lineno, col[1]);
		struct tb_finding f = {.gene = col_or_null(col[2]),
				       .kind = col_or_null(col[3]),
				       .hgvs_p = col_or_null(col[4]),
				       .hgvs_c = col_or_null(col[5]),
				       .transcript = col_or_null(col[6]),
				       .partner = col_or_null(col[7]),
				       .value = col_or_null(col[9]),
				       .classification = col_or_null(col[10]),
				       .origin = col_or_null(col[11])};
		if (col_or_null(col[8])) {
			f.has_copies = true;
			f.copies = strtod(col[8], NULL);
		}
		bool want = strcmp(col[0], "match") == 0;
		if (!want && strcmp(col[0], "nomatch") != 0)
			fail_msg("%s:%d: match, nomatch or norm", path, lineno);
		if (kb_entry_matches(e, &f) != want) {
			fprintf(stderr, "%s:%d: %s %s expected %s\n", path,
				lineno, col[1], col[4] ? col[4] : "",
				want ? "to match" : "not to match");
			failures++;
		}
	}
	fclose(fp);
	assert_int_equal(failures, 0);
	assert_true(rows >= 60);
}

/*
 * Every finding of every sample case in examples/cases against the shipped
 * knowledge base: tests/kb-examples.tsv says which entry (or none) each
 * one gets. A sample finding without a row fails, so the table stays
 * complete.
 */
static void test_examples(void **state)
{
	(void)state;
	load_shipped();
	char path[512];
	FILE *fp =
	    fopen(test_data_path("kb-examples.tsv", path, sizeof(path)), "r");
	if (!fp)
		fail_msg("%s: cannot open", path);
	char rows[256][4][64];
	bool used[256] = {0};
	size_t n_rows = 0;
	char line[512];
	while (fgets(line, sizeof(line), fp) && n_rows < 256) {
		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		char *save = NULL;
		size_t k = 0;
		for (char *t = strtok_r(line, "\t", &save); t && k < 4;
		     t = strtok_r(NULL, "\t", &save))
			snprintf(rows[n_rows][k++], 64, "%s", t);
		assert_int_equal(k, 4);
		n_rows++;
	}
	fclose(fp);
	const char *dir = test_examples_dir();
	DIR *dp = opendir(dir);
	assert_non_null(dp);
	struct dirent *de;
	int failures = 0;
	size_t findings = 0, tier_i = 0;
	while ((de = readdir(dp))) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".xml") != 0)
			continue;
		char *file = xasprintf("%s/%s", dir, de->d_name);
		char *buf = NULL;
		size_t n = 0;
		struct diag d;
		diag_init(&d);
		assert_int_equal(
		    import_xml_read(file, 8 * 1024 * 1024, &buf, &n, &d),
		    TB_OK);
		struct tb_case **cases = NULL;
		size_t n_cases = 0;
		struct import_opts opts = {0};
		assert_int_equal(
		    import_parse(file, buf, n, &opts, &d, &cases, &n_cases),
		    TB_OK);
		for (size_t ci = 0; ci < n_cases; ci++) {
			struct tb_case *c = cases[ci];
			struct kb_match *m = NULL;
			size_t nm = kb_match_case(&shipped, c, &m);
			for (size_t fi = 0; fi < c->n_findings; fi++) {
				const char *got = "-";
				for (size_t k = 0; k < nm; k++)
					if (m[k].finding == fi)
						got = m[k].e->id;
				char idx[24];
				snprintf(idx, sizeof(idx), "%zu", fi);
				size_t r;
				for (r = 0; r < n_rows; r++)
					if (strcmp(rows[r][0],
						   c->external_id) == 0 &&
					    strcmp(rows[r][1], idx) == 0)
						break;
				findings++;
				if (r == n_rows) {
					fprintf(stderr,
						"%s\t%zu\t%s\t%s\t(no row)\n",
						c->external_id, fi,
						c->findings[fi].gene
						    ? c->findings[fi].gene
						    : c->findings[fi].kind,
						got);
					failures++;
					continue;
				}
				used[r] = true;
				if (strcmp(rows[r][3], got) != 0) {
					fprintf(stderr,
						"%s finding %zu (%s): expected "
						"%s, got %s\n",
						c->external_id, fi, rows[r][2],
						rows[r][3], got);
					failures++;
				}
				for (size_t k = 0; k < nm; k++)
					tier_i +=
					    m[k].finding == fi &&
					    strncmp(m[k].e->tier, "I-", 2) == 0;
			}
			free(m);
			model_case_free(&cases[ci]);
		}
		free(cases);
		free(buf);
		free(file);
		diag_done(&d);
	}
	closedir(dp);
	for (size_t r = 0; r < n_rows; r++)
		if (!used[r]) {
			fprintf(stderr, "row %s %s: no such sample finding\n",
				rows[r][0], rows[r][1]);
			failures++;
		}
	assert_int_equal(failures, 0);
	assert_true(findings > 50);
	assert_true(tier_i >= 20);
}

/* The lab's classification rules: a VUS or benign variant is never
 * actionable, even at a hotspot, and the reason is said. */
static void test_classification(void **state)
{
	(void)state;
	load_shipped();
	struct tb_case *c = test_make_case("X-2", "19560312-2389", "Märta");
	/* test_make_case gives a lung case with EGFR p.Leu858Arg */
	assert_string_equal(c->findings[0].gene, "EGFR");
	struct kb_match *m = NULL;
	util_set(&c->findings[0].classification, "pathogenic");
	assert_int_equal(kb_match_case(&shipped, c, &m), 1);
	assert_string_equal(m[0].e->id, "nsclc-egfr-l858r");
	free(m);
	static const char *const not_actionable[] = {"vus", "likely-benign",
						     "benign"};
	for (size_t i = 0; i < 3; i++) {
		util_set(&c->findings[0].classification, not_actionable[i]);
		assert_int_equal(kb_match_case(&shipped, c, &m), 0);
		free(m);
		char why[300];
		assert_true(
		    kb_no_match_reason(&shipped, c, 0, why, sizeof(why)));
		assert_non_null(strstr(why, "never actionable"));
	}
	/* a c. change is never guessed onto a transcript */
	util_set(&c->findings[0].classification, "pathogenic");
	util_set(&c->findings[0].hgvs_p, NULL);
	util_set(&c->findings[0].hgvs_c, "c.2573T>G");
	char why[300];
	assert_int_equal(kb_match_case(&shipped, c, &m), 0);
	free(m);
	assert_true(kb_no_match_reason(&shipped, c, 0, why, sizeof(why)));
	assert_non_null(strstr(why, "names no transcript"));
	util_set(&c->findings[0].transcript, "NM_001346897.2");
	assert_true(kb_no_match_reason(&shipped, c, 0, why, sizeof(why)));
	assert_non_null(strstr(why, "NM_001346897.2 is not a transcript"));
	util_set(&c->findings[0].transcript, "NM_005228.5");
	assert_int_equal(kb_match_case(&shipped, c, &m), 1);
	free(m);
	assert_false(kb_no_match_reason(&shipped, c, 0, why, sizeof(why)));
	/* G719R by c. is not in the hotspot table: not guessed either */
	util_set(&c->findings[0].hgvs_c, "c.2155G>C");
	assert_int_equal(kb_match_case(&shipped, c, &m), 0);
	free(m);
	assert_true(kb_no_match_reason(&shipped, c, 0, why, sizeof(why)));
	assert_non_null(strstr(why, "ask the lab for the p. change"));
	util_set(&c->findings[0].hgvs_p, "p.Leu858Arg");
	util_set(&c->findings[0].classification, "vus");
	/* the rendered case says why nothing is suggested */
	struct textdoc doc;
	textdoc_init(&doc, 100);
	struct render_opts ro = {.today = "2026-11-30", .kb = &shipped};
	render_case_section(c, &ro, RENDER_MOLECULAR, &doc);
	char *text = NULL;
	size_t tlen = 0;
	FILE *mem = open_memstream(&text, &tlen);
	textdoc_write(&doc, mem);
	fclose(mem);
	assert_non_null(strstr(text, "No suggestion: the lab classed this"));
	assert_null(strstr(text, "Suggestion (knowledge base"));
	free(text);
	textdoc_done(&doc);
	model_case_free(&c);
}

/* Alteration kinds are kept apart; deletions read as deletions. */
static void test_kinds_apart(void **state)
{
	(void)state;
	load_shipped();
	char erbb2[] = "ERBB2", cnv[] = "cnv", path[] = "pathogenic",
	     som[] = "somatic";
	struct tb_finding amp = {.gene = erbb2,
				 .kind = cnv,
				 .has_copies = true,
				 .copies = 14,
				 .classification = path,
				 .origin = som};
	/* lung: the EU label of trastuzumab deruxtecan covers mutations */
	assert_false(
	    kb_entry_matches(shipped_entry("nsclc-erbb2-mutation"), &amp));
	assert_true(kb_entry_matches(shipped_entry("breast-erbb2-amp"), &amp));
	struct tb_case *c = test_make_case("X-3", "19560312-2389", "Märta");
	struct tb_finding *f = &c->findings[0];
	util_set(&f->gene, "ERBB2");
	util_set(&f->kind, "cnv");
	util_set(&f->hgvs_p, NULL);
	util_set(&f->hgvs_c, NULL);
	util_set(&f->classification, "pathogenic");
	f->has_copies = true;
	f->copies = 14;
	struct kb_match *m = NULL;
	assert_int_equal(kb_match_case(&shipped, c, &m), 0);
	free(m);
	/* a deletion is never an amplification, and says so */
	util_set(&f->gene, "CDKN2A");
	f->copies = 0;
	assert_string_equal(kb_cnv_word(0), "deletion");
	assert_string_equal(kb_cnv_word(1), "loss");
	assert_string_equal(kb_cnv_word(4), "gain");
	assert_string_equal(kb_cnv_word(12), "amplification");
	char *key = form_finding_key(f);
	assert_string_equal(key, "CDKN2A deletion 0");
	free(key);
	char *label = render_variant(f);
	assert_string_equal(label, "deletion, 0 copies");
	free(label);
	model_case_free(&c);
	/* fusions are shown 5'::3' whichever way the lab wrote them */
	char alk[] = "ALK", eml4[] = "EML4", fus[] = "fusion",
	     both[] = "EML4-ALK", fgfr2[] = "FGFR2", bicc1[] = "BICC1",
	     hgvs[] = "KIF5B::RET";
	struct tb_finding x = {.gene = alk, .partner = eml4, .kind = fus};
	char *l = kb_fusion_label(&x);
	assert_string_equal(l, "EML4::ALK fusion");
	free(l);
	x.gene = eml4;
	x.partner = alk;
	l = kb_fusion_label(&x);
	assert_string_equal(l, "EML4::ALK fusion");
	free(l);
	x.gene = both;
	x.partner = NULL;
	l = kb_fusion_label(&x);
	assert_string_equal(l, "EML4::ALK fusion");
	free(l);
	x.gene = fgfr2;
	x.partner = bicc1;
	l = kb_fusion_label(&x);
	assert_string_equal(l, "FGFR2::BICC1 fusion");
	free(l);
	x.gene = bicc1;
	x.partner = fgfr2;
	l = kb_fusion_label(&x);
	assert_string_equal(l, "FGFR2::BICC1 fusion");
	free(l);
	x.gene = hgvs;
	l = kb_fusion_label(&x);
	assert_string_equal(l, "KIF5B::RET fusion");
	free(l);
	/* the fusion written in the partner field keeps its order */
	char ret[] = "RET";
	x.gene = ret;
	x.partner = hgvs;
	l = kb_fusion_label(&x);
	assert_string_equal(l, "KIF5B::RET fusion");
	free(l);
}

/* MSI-high outside colorectal cancer: on-label where pembrolizumab is
 * EU-authorised, off-label elsewhere. */
static void test_msi_tumours(void **state)
{
	(void)state;
	load_shipped();
	static const struct {
		const char *icd10, *entry;
		bool off_label;
	} want[] = {
	    {"C18.0", "crc-msi-high", false},
	    {"C54.1", "endometrial-msi-high", false},
	    {"C16.3", "gastric-msi-high", false},
	    {"C17.1", "small-intestine-msi-high", false},
	    {"C22.1", "biliary-msi-high", false},
	    {"C24.0", "biliary-msi-high", false},
	    {"C71.9", "agnostic-msi-high", true},
	    {"C25.0", "agnostic-msi-high", true},
	};
	struct tb_case *c = test_make_case("X-4", "19560312-2389", "Märta");
	struct tb_finding *f = &c->findings[0];
	util_set(&f->gene, NULL);
	util_set(&f->kind, "msi");
	util_set(&f->hgvs_p, NULL);
	util_set(&f->value, "MSI-H");
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		util_set(&c->icd10, want[i].icd10);
		struct kb_match *m = NULL;
		assert_int_equal(kb_match_case(&shipped, c, &m), 1);
		assert_string_equal(m[0].e->id, want[i].entry);
		assert_int_equal(m[0].off_label, want[i].off_label);
		free(m);
	}
	/* on-label MSI-high endometrial cancer is not sent to the national
	 * level as off-label; a glioma is */
	struct levels ls;
	struct diag d;
	diag_init(&d);
	assert_int_equal(import_levels_load(&ls, &d), TB_OK);
	struct level_suggestion sg;
	util_set(&c->icd10, "C54.1");
	support_level(&ls, &shipped, NULL, c, "2026-11-30", "en", &sg);
	assert_string_not_equal(sg.level, "national");
	util_set(&c->icd10, "C71.9");
	support_level(&ls, &shipped, NULL, c, "2026-11-30", "en", &sg);
	assert_string_equal(sg.level, "national");
	levels_done(&ls);
	diag_done(&d);
	model_case_free(&c);
}

/* The transcript table is checked row by row, with file:line. */
static void test_transcript_table(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d);
	static const char bad[] =
	    "# comment\n"
	    "transcript\tEGFR\tNM_005228.5\tmane\n"
	    "hotspot\tEGFR\tNM_005228.5\tc.2573T>G\tp.Leu858Arg\n"
	    "hotspot\tEGFR\tNM_005228.5\t2573T>G\tp.L858R\n"
	    "exon\tMET\tNM_000245.4\t14\t3028\t2888\n";
	assert_false(kb_transcripts_parse("t.tsv", bad, strlen(bad), &d));
	assert_int_equal(d.n, 2);
	assert_string_equal(d.items[0].file, "t.tsv");
	assert_int_equal(d.items[0].line, 4);
	assert_int_equal(d.items[1].line, 5);
	assert_int_equal(kb_transcripts_count(), 0);
	diag_done(&d);
	diag_init(&d);
	static const char orphan[] =
	    "hotspot\tKRAS\tNM_004985.5\tc.34G>T\tp.G12C\n";
	assert_false(kb_transcripts_parse("t.tsv", orphan, strlen(orphan), &d));
	assert_non_null(strstr(d.items[0].message, "not listed"));
	diag_done(&d);
	/* the shipped table reads back */
	diag_init(&d);
	assert_true(kb_transcripts_parse("transcripts.tsv",
					 (const char *)data_transcripts_tsv,
					 data_transcripts_tsv_len, &d));
	assert_true(kb_transcripts_count() > 30);
	diag_done(&d);
}

/* The review date and its age. */
static void test_review_age(void **state)
{
	(void)state;
	assert_string_equal(kb.reviewed, "2026-05-01");
	assert_string_equal(kb.reviewer, "R");
	assert_int_equal(kb_review_age_days(&kb, "2026-05-01"), 0);
	assert_int_equal(kb_review_age_days(&kb, "2026-11-30"), 213);
	assert_int_equal(kb_review_age_days(&kb, "2027-05-01"), 365);
	assert_int_equal(kb_review_age_days(&kb, "someday"), -1);
	load_shipped();
	assert_non_null(shipped.reviewed);
	assert_non_null(shipped.reviewer);
	/* a knowledge base without a review date is refused */
	struct kb k;
	struct diag d;
	diag_init(&d);
	char *bad = test_replace(kb_xml, " reviewed='2026-05-01'", "");
	assert_int_equal(import_kb_parse("t.xml", bad, strlen(bad), &k, &d),
			 TB_INVALID);
	free(bad);
	diag_done(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_normalize),
	    cmocka_unit_test(test_kinds),
	    cmocka_unit_test(test_case_matching),
	    cmocka_unit_test(test_absent_never_matches),
	    cmocka_unit_test(test_load_rules),
	    cmocka_unit_test(test_shipped),
	    cmocka_unit_test(test_swedish_texts),
	    cmocka_unit_test(test_trials_and_levels),
	    cmocka_unit_test(test_trial_flag),
	    cmocka_unit_test(test_spellings),
	    cmocka_unit_test(test_examples),
	    cmocka_unit_test(test_classification),
	    cmocka_unit_test(test_kinds_apart),
	    cmocka_unit_test(test_msi_tumours),
	    cmocka_unit_test(test_transcript_table),
	    cmocka_unit_test(test_review_age),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
