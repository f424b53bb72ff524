/* The knowledge base: protein normalisation on a table of spellings, each
 * kind of alteration, the most specific entry for a tumour, off-label,
 * the load rules, and the shipped knowledge base. */
#include "testutil.h"

#include "import.h"
#include "import_kb.h"
#include "kb.h"
#include "support.h"

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
    "<kb xmlns='urn:x-tumorboard:kb:1' version='t1'>\n"
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
    "<entry id='met14'><gene>MET</gene><alteration kind='text' "
    "contains='exon 14'/>"
    "<tumour icd10='C34'>NSCLC</tumour><tier system='ESCAT'>I-B</tier>"
    "<therapy approved='yes'>capmatinib</therapy><cite source='s'/>"
    "</entry>\n"
    "</kb>\n";

static struct kb kb;

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
	char met[] = "MET", c14[] = "c.3082+1G>A",
	     note[] = "MET Exon 14 skipping";
	struct tb_finding x = {
	    .gene = met, .kind = snv, .hgvs_c = c14, .note = note};
	assert_true(kb_entry_matches(entry("met14"), &x));
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
	kb_done(&k);
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
	free(f);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_normalize),
	    cmocka_unit_test(test_kinds),
	    cmocka_unit_test(test_case_matching),
	    cmocka_unit_test(test_load_rules),
	    cmocka_unit_test(test_shipped),
	    cmocka_unit_test(test_trials_and_levels),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
