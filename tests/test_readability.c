/* Unit tests: readability (LIX, Flesch) on hand-counted texts. */
#include "testutil.h"

#include "readability.h"

#define EPS 1e-9

/* cmocka 1.1.5 has no assert_double_equal. */
static void near(double got, double want, const char *file, int line)
{
	if (got - want > EPS || want - got > EPS)
		fail_msg("%s:%d: got %.9f, want %.9f", file, line, got, want);
}
#define assert_near(got, want) near((got), (want), __FILE__, __LINE__)

static void test_lix_swedish_letters(void **state)
{
	(void)state;
	/* Du(2) har(3) fått(4) en(2) tid(3) på(2) mottagningen(12)
	 * Ta(2) med(3) dina(4) läkemedel(9): 11 words, 2 sentences,
	 * 2 long words (mottagningen, läkemedel).
	 * LIX = 11/2 + 100*2/11 = 5.5 + 18.1818… = 23.6818… */
	struct readability r = readability_lix(
	    "Du har fått en tid på mottagningen. Ta med dina läkemedel!");
	assert_int_equal(r.formula, READABILITY_LIX);
	assert_int_equal(r.words, 11);
	assert_int_equal(r.sentences, 2);
	assert_int_equal(r.long_words, 2);
	assert_near(r.score, 5.5 + 200.0 / 11.0);

	/* Vården (V-å-r-d-e-n, 6 letters but 7 bytes) and börjar (6 letters,
	 * 7 bytes) are not long: 3 words, 1 sentence, 0 long.
	 * LIX = 3/1 + 0 = 3. */
	r = readability_lix("Vården börjar här.");
	assert_int_equal(r.words, 3);
	assert_int_equal(r.long_words, 0);
	assert_near(r.score, 3.0);

	/* Sjuksköterskan (14) and förstår (f-ö-r-s-t-å-r, 7) are long:
	 * LIX = 2/1 + 100*2/2 = 102. */
	r = readability_lix("Sjuksköterskan förstår.");
	assert_int_equal(r.long_words, 2);
	assert_near(r.score, 102.0);

	/* Decomposed å (a + U+030A): the mark is not a letter, so Vården
	 * still has 6 letters and is one word. */
	r = readability_lix("Va\xcc\x8a"
			    "rden");
	assert_int_equal(r.words, 1);
	assert_int_equal(r.long_words, 0);
}

static void test_lix_sentences(void **state)
{
	(void)state;
	/* No final full stop: the words at the end are a sentence.
	 * Provet är klart: 3 words, 1 sentence, LIX = 3. */
	struct readability r = readability_lix("Provet är klart");
	assert_int_equal(r.words, 3);
	assert_int_equal(r.sentences, 1);
	assert_near(r.score, 3.0);
	/* 6 words, 2 sentences, 0 long: LIX = 6/2 = 3. */
	r = readability_lix("Provet är klart. Svaret kommer snart");
	assert_int_equal(r.sentences, 2);
	assert_near(r.score, 3.0);

	/* The colon ends a sentence for LIX but not for Flesch:
	 * Ta med: legitimation. → 3 words; LIX 2 sentences, 1 long
	 * (legitimation, 12): LIX = 3/2 + 100/3 = 34.8333… */
	r = readability_lix("Ta med: legitimation.");
	assert_int_equal(r.sentences, 2);
	assert_near(r.score, 1.5 + 100.0 / 3.0);
	r = readability_flesch("Ta med: legitimation.");
	assert_int_equal(r.sentences, 1);

	/* A decimal number is one word and its dot ends nothing:
	 * Tumören(7, long) mäter(5) 3.5 cm: 4 words, 1 sentence.
	 * LIX = 4/1 + 100*1/4 = 29. */
	r = readability_lix("Tumören mäter 3.5 cm.");
	assert_int_equal(r.words, 4);
	assert_int_equal(r.sentences, 1);
	assert_near(r.score, 29.0);

	/* Runs of terminators end one sentence: 4 words, 2 sentences. */
	r = readability_lix("Hej... Hur mår du?!");
	assert_int_equal(r.words, 4);
	assert_int_equal(r.sentences, 2);

	/* Abbreviations are naive: "t.ex. " ends a sentence, the inner dot
	 * (followed by a letter) does not. Ta t ex | en tablett: 5 words,
	 * 2 sentences, 1 long (tablett, 7). LIX = 5/2 + 100/5 = 22.5. */
	r = readability_lix("Ta t.ex. en tablett.");
	assert_int_equal(r.words, 5);
	assert_int_equal(r.sentences, 2);
	assert_int_equal(r.long_words, 1);
	assert_near(r.score, 22.5);

	/* A quoted sentence ends after the closing quote. */
	r = readability_lix("Hon sa: ”Kom i morgon.” Sedan gick hon.");
	assert_int_equal(r.sentences, 3);
}

/* Headings and list items are sentences; numbers are words, never long.
 * Målet med behandlingen / Målet är att bota sjukdomen. / • Dina prov
 * 2026-12-24: 3 + 5 + 3 = 11 words, 3 sentences, long: behandlingen (12),
 * sjukdomen (9) = 2. LIX = 11/3 + 200/11 = 21.8484… */
static void test_lix_headings_and_numbers(void **state)
{
	(void)state;
	struct readability r =
	    readability_lix("Målet med behandlingen\nMålet är att bota "
			    "sjukdomen.\n• Dina prov 2026-12-24\n");
	assert_int_equal(r.words, 11);
	assert_int_equal(r.sentences, 3);
	assert_int_equal(r.long_words, 2);
	assert_near(r.score, 11.0 / 3.0 + 200.0 / 11.0);
	/* a phone number: three words, none long (digits are not letters);
	 * the line break after a full stop ends no second sentence */
	r = readability_lix("Ring 046-17 10 00.\n");
	assert_int_equal(r.words, 4);
	assert_int_equal(r.sentences, 1);
	assert_int_equal(r.long_words, 0);
	r = readability_lix("Telefonnummer 0461710000123");
	assert_int_equal(r.long_words, 1);
}

static void test_empty_text(void **state)
{
	(void)state;
	struct readability r = readability_lix("");
	assert_int_equal(r.words, 0);
	assert_int_equal(r.sentences, 0);
	assert_near(r.score, 0.0);
	assert_true(readability_within(&r, READABILITY_LIX_LIMIT));
	r = readability_flesch(NULL);
	assert_int_equal(r.words, 0);
	assert_int_equal(r.syllables, 0);
	assert_near(r.score, 0.0);
	assert_true(readability_within(&r, READABILITY_FLESCH_LIMIT));
	r = readability_lix(" ... !? ");
	assert_int_equal(r.words, 0);
	assert_int_equal(r.sentences, 0);
}

static void test_flesch(void **state)
{
	(void)state;
	/* 6 words, 1 sentence, 6 syllables:
	 * 206.835 - 1.015*6 - 84.6*6/6 = 206.835 - 6.09 - 84.6 = 116.145 */
	struct readability r = readability_flesch("The cat sat on the mat.");
	assert_int_equal(r.formula, READABILITY_FLESCH);
	assert_int_equal(r.words, 6);
	assert_int_equal(r.syllables, 6);
	assert_near(r.score, 116.145);

	/* Take: a|e, silent final e after k → 1. the → 1. table: a|e, but
	 * consonant + "le" → 2. to → 1. the → 1. people: eo|e, "ple" → 2.
	 * 8 syllables, 6 words, 1 sentence:
	 * 206.835 - 6.09 - 84.6*8/6 = 206.835 - 6.09 - 112.8 = 87.945 */
	r = readability_flesch("Take the table to the people.");
	assert_int_equal(r.syllables, 8);
	assert_near(r.score, 87.945);

	/* Don't is one word (o → 1); worry: o|y → 2. 2 words, 3 syllables:
	 * 206.835 - 1.015*2 - 84.6*3/2 = 206.835 - 2.03 - 126.9 = 77.905 */
	r = readability_flesch("Don't worry.");
	assert_int_equal(r.words, 2);
	assert_int_equal(r.syllables, 3);
	assert_near(r.score, 77.905);

	/* Immunohistochemistry: I|u|o|i|o|e|i|y → 8; demonstrated:
	 * e|o|a|e → 4; adenocarcinoma: a|e|o|a|i|o|a → 7. 19 syllables,
	 * 3 words: 206.835 - 3.045 - 84.6*19/3 = 206.835 - 3.045 - 535.8
	 * = -332.01, far below the limit. */
	r = readability_flesch(
	    "Immunohistochemistry demonstrated adenocarcinoma.");
	assert_int_equal(r.syllables, 19);
	assert_near(r.score, -332.01);
	assert_false(readability_within(&r, READABILITY_FLESCH_LIMIT));

	/* Minimum one syllable: "Hmm" and "2026". */
	r = readability_flesch("Hmm 2026");
	assert_int_equal(r.syllables, 2);
	/* Café: a|é → 2; the final é is not a silent e. */
	r = readability_flesch("Café");
	assert_int_equal(r.syllables, 2);
}

static void test_language_and_limits(void **state)
{
	(void)state;
	struct readability r = {0};
	assert_int_equal(readability_for_language("sv", "Kom hit.", &r), TB_OK);
	assert_int_equal(r.formula, READABILITY_LIX);
	assert_int_equal(readability_for_language("sv-SE", "Kom hit.", &r),
			 TB_OK);
	assert_int_equal(r.formula, READABILITY_LIX);
	assert_int_equal(readability_for_language("EN", "Come here.", &r),
			 TB_OK);
	assert_int_equal(r.formula, READABILITY_FLESCH);
	assert_int_equal(readability_for_language("en_GB", "Come.", &r), TB_OK);
	r.words = 42;
	assert_int_equal(readability_for_language("de", "Komm.", &r),
			 TB_INVALID);
	assert_int_equal(r.words, 42); /* left alone */
	assert_int_equal(readability_for_language("s", "x", &r), TB_INVALID);
	assert_int_equal(readability_for_language("svenska", "x", &r),
			 TB_INVALID);
	assert_int_equal(readability_for_language(NULL, "x", &r), TB_INVALID);

	assert_near(readability_default_limit(READABILITY_LIX), 35.0);
	assert_near(readability_default_limit(READABILITY_FLESCH), 60.0);

	/* LIX: at most the limit passes. 3.0 and 102.0 from above. */
	r = readability_lix("Vården börjar här.");
	assert_true(readability_within(&r, READABILITY_LIX_LIMIT));
	assert_true(readability_within(&r, 3.0));
	r = readability_lix("Sjuksköterskan förstår.");
	assert_false(readability_within(&r, READABILITY_LIX_LIMIT));
	/* Flesch: at least the limit passes. 116.145 from above. */
	r = readability_flesch("The cat sat on the mat.");
	assert_true(readability_within(&r, READABILITY_FLESCH_LIMIT));
	assert_false(readability_within(&r, 120.0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lix_swedish_letters),
	    cmocka_unit_test(test_lix_sentences),
	    cmocka_unit_test(test_lix_headings_and_numbers),
	    cmocka_unit_test(test_empty_text),
	    cmocka_unit_test(test_flesch),
	    cmocka_unit_test(test_language_and_limits),
	};
	return cmocka_run_group_tests_name("readability", tests, NULL, NULL);
}
