/* Unit tests: util, diag, status, clock, textdoc, hash, model. */
#include "testutil.h"

#include <limits.h>

#include "clock.h"
#include "diag.h"
#include "followup.h"
#include "hash.h"
#include "i18n.h"
#include "minutes.h"
#include "model.h"
#include "render.h"
#include "status.h"
#include "textdoc.h"

/* Text that util_printable_len lets through is what sanitizing keeps
 * as it is; anything else is cleaned. */
static void test_printable_len_only_when_nothing_to_clean(void **state)
{
	(void)state;
	static const char *const kept[] = {"", "KRAS p.G12C", "~ !"};
	for (size_t i = 0; i < sizeof(kept) / sizeof(*kept); i++) {
		assert_int_equal(util_printable_len(kept[i]),
				 (long)strlen(kept[i]));
		char *s = util_sanitize(kept[i], false);
		assert_string_equal(s, kept[i]);
		free(s);
	}
	static const char *const cleaned[] = {"a\tb", "x\x1b[2J", "åäö", "\x7f",
					      "end\n"};
	for (size_t i = 0; i < sizeof(cleaned) / sizeof(*cleaned); i++)
		assert_int_equal(util_printable_len(cleaned[i]), -1);
}

static void test_sanitize_strips_controls(void **state)
{
	(void)state;
	char *s = util_sanitize("a\x1b[2Jb\x07"
				"c\td\r\ne",
				false);
	assert_string_equal(s, "a[2Jbc d e");
	free(s);
	s = util_sanitize("line1\nline2", true);
	assert_string_equal(s, "line1\nline2");
	free(s);
	/* C1 control CSI (U+009B) and bidi override (U+202E) are dropped. */
	s = util_sanitize("x\xc2\x9b"
			  "31my\xe2\x80\xae"
			  "z",
			  false);
	assert_string_equal(s, "x31myz");
	free(s);
	/* Invalid bytes become U+FFFD; å/ä/ö survive. */
	s = util_sanitize("\xff"
			  "åäö",
			  false);
	assert_string_equal(s, "\xef\xbf\xbd"
			       "åäö");
	free(s);
	s = util_sanitize(NULL, false);
	assert_string_equal(s, "");
	free(s);
	/* Zero-width space, byte order mark, word joiner: invisible, so a
	 * name could hide them; dropped. */
	s = util_sanitize("A\xe2\x80\x8b"
			  "n\xef\xbb\xbf"
			  "n\xe2\x81\xa0"
			  "a",
			  false);
	assert_string_equal(s, "Anna");
	free(s);
	/* the edges of the printable ASCII copied as it is: the space and
	 * "~" kept, DEL (0x7F) and US (0x1F) dropped, each between runs */
	s = util_sanitize(" ~\x7f!\x1f#", false);
	assert_string_equal(s, " ~!#");
	free(s);
	s = util_sanitize("", false);
	assert_string_equal(s, "");
	free(s);
}

/* The check at the door: what may be stored. */
/* A sentence added to a message: after ". " unless one ends already. */
static void test_add_sentence(void **state)
{
	(void)state;
	char buf[40] = "";
	util_add_sentence(buf, sizeof(buf), "First.");
	assert_string_equal(buf, "First.");
	util_add_sentence(buf, sizeof(buf), "Second");
	assert_string_equal(buf, "First. Second");
	util_add_sentence(buf, sizeof(buf), "Third?");
	assert_string_equal(buf, "First. Second. Third?");
	util_add_sentence(buf, sizeof(buf), "Fourth, cut to fit");
	assert_string_equal(buf, "First. Second. Third? Fourth, cut to fi");
}

static void test_text_check(void **state)
{
	(void)state;
	const char *why = NULL;
	assert_true(util_text_check("Åsa Öberg, överläkare", false, &why));
	assert_true(util_text_check("rad 1\nrad 2\tx", true, &why));
	assert_true(util_text_check("", false, NULL));
	assert_false(util_text_check("rad 1\nrad 2", false, &why));
	assert_string_equal(why, "contains a control character (U+000A)");
	assert_false(util_text_check("Dr \x1b[31mX", true, &why));
	assert_string_equal(why, "contains a control character (U+001B)");
	assert_false(util_text_check("bell\x07", true, &why));
	assert_false(util_text_check("del\x7f", true, &why));
	assert_false(util_text_check("c1\xc2\x9b", true, &why));
	assert_false(util_text_check("zw\xe2\x80\x8b", true, &why));
	assert_string_equal(why, "contains an invisible character (U+200B)");
	assert_false(util_text_check("\xef\xbb\xbf"
				     "bom",
				     true, &why));
	assert_false(util_text_check("bidi\xe2\x80\xae", true, &why));
	assert_false(util_text_check("bad\xff", true, &why));
	assert_string_equal(why, "is not valid UTF-8");
	assert_int_equal(util_utf8_count("Åäö"), 3);
	assert_int_equal(util_utf8_char_len("Åx"), 2);
	assert_int_equal(util_utf8_char_len(""), 0);
}

static void test_utf8_valid(void **state)
{
	(void)state;
	size_t bad = 99;
	assert_true(util_utf8_valid("Åsa Öberg", strlen("Åsa Öberg"), &bad));
	assert_false(util_utf8_valid("ab\xc3", 3, &bad));
	assert_int_equal(bad, 2);
	assert_false(util_utf8_valid("\xc0\xaf", 2, &bad)); /* overlong */
	assert_int_equal(bad, 0);
	assert_false(util_utf8_valid("a\xed\xa0\x80", 4, &bad)); /* surrogate */
	assert_int_equal(bad, 1);
	assert_false(util_utf8_valid("\xf4\x90\x80\x80", 4, &bad));
	assert_true(util_utf8_valid("\xf0\x9f\x98\x80", 4, &bad));
}

/* A hash carried on (util_hash_more) is the hash of the strings in a row:
 * the FHIR reader's index hashes Type, "/" and id so, unjoined. */
static void test_hash_more(void **state)
{
	(void)state;
	uint64_t h = util_hash_more(util_hash_str("Patient"), "/");
	assert_true(util_hash_more(h, "p1") == util_hash_str("Patient/p1"));
	assert_true(util_hash_more(util_hash_str(""), "") == util_hash_str(""));
	assert_true(util_hash_str("Patient/p1") != util_hash_str("Patient/p2"));
}

static void test_strbuf_and_trim(void **state)
{
	(void)state;
	struct strbuf sb = {0};
	for (int i = 0; i < 1000; i++)
		strbuf_printf(&sb, "%d,", i);
	assert_int_equal(sb.len, strlen(sb.buf));
	assert_memory_equal(sb.buf, "0,1,2,", 6);
	char *s = strbuf_detach(&sb);
	assert_null(sb.buf);
	free(s);
	/* text that fits the room left, fills it exactly or does not fit:
	 * every length of what is there and what is added up to 300 */
	char want[700], part[301];
	for (int have = 0; have <= 300; have += 7)
		for (int add = 0; add <= 300; add++) {
			struct strbuf b = {0};
			memset(part, 'a', (size_t)have);
			part[have] = '\0';
			strbuf_puts(&b, part);
			memset(part, 'b', (size_t)add);
			part[add] = '\0';
			strbuf_printf(&b, "%s|%d", part, add);
			snprintf(
			    want, sizeof(want), "%.*s%s|%d", have,
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			    part, add);
			assert_string_equal(b.buf, want);
			assert_int_equal(b.len, strlen(want));
			strbuf_done(&b);
		}
	struct strbuf e = {0};
	strbuf_printf(&e, "%s", "");
	assert_non_null(e.buf);
	assert_string_equal(e.buf, "");
	assert_int_equal(e.len, 0);
	strbuf_done(&e);
	char t[] = "  \t hej \n";
	assert_string_equal(util_trim(t), "hej");
	assert_int_equal(util_display_width("åäö"), 3);
	assert_int_equal(util_display_width("日本"), 4);
}

/* A label shortened to its column ends with whole words and "…" (never
 * half a word); a label that fits is left as it is. */
static void test_ll_index(void **state)
{
	(void)state;
	const long long v[] = {2, 5, 9, 40};
	assert_int_equal(util_ll_index(v, 4, 2), 0);
	assert_int_equal(util_ll_index(v, 4, 40), 3);
	assert_int_equal(util_ll_index(v, 4, 9), 2);
	assert_int_equal(util_ll_index(v, 4, 6), 4);
	assert_int_equal(util_ll_index(v, 4, 41), 4);
	assert_int_equal(util_ll_index(v, 0, 2), 0);
	assert_true(util_ll_has(v, 4, 5));
	assert_false(util_ll_has(v, 4, 1));
}

static void test_fit_words(void **state)
{
	(void)state;
	struct {
		const char *in;
		int cells;
		const char *out;
	} t[] = {
	    {"Diagnos (ICD-10)", 29, "Diagnos (ICD-10)"},
	    {"Drivarförändringar och andra molekylära fynd", 29,
	     "Drivarförändringar och andra…"},
	    {"Mediastinal stadieindelning (EBUS/EUS, mediastinoskopi)", 29,
	     "Mediastinal stadieindelning…"},
	    {"Telefon till kontaktsjuksköterskan", 29, "Telefon till…"},
	    {"Övervägda alternativ och varför de inte valdes", 29,
	     "Övervägda alternativ och…"},
	    /* the word ends exactly where the room does */
	    {"abc def ghi", 8, "abc def…"},
	    /* one word wider than the room: cut at a character */
	    {"Kontaktsjuksköterska", 8, "Kontakt…"},
	    {"日本語のテキスト", 7, "日本語…"},
	    {"x", 0, ""},
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *r = util_fit_words(t[i].in, t[i].cells);
		assert_string_equal(r, t[i].out);
		assert_true(util_display_width(r) <= t[i].cells);
		free(r);
	}
}

static void test_parse_numbers(void **state)
{
	(void)state;
	assert_int_equal(util_parse_id("42"), 42);
	assert_int_equal(util_parse_id(""), 0);
	assert_int_equal(util_parse_id("0"), 0);
	assert_int_equal(util_parse_id("-3"), 0);
	assert_int_equal(util_parse_id("7x"), 0);
	long v = -1;
	assert_true(util_parse_long("240", 1, 240, &v));
	assert_int_equal(v, 240);
	assert_false(util_parse_long("241", 1, 240, &v));
	assert_false(util_parse_long("0", 1, 240, &v));
	assert_false(util_parse_long("", 0, 10, &v));
	assert_false(util_parse_long("5 ", 0, 10, &v));
	assert_false(util_parse_long("99999999999999999999", 0, LONG_MAX, &v));
	assert_int_equal(v, 240);
}

static void test_diag_format(void **state)
{
	(void)state;
	struct diag d;
	char *buf = NULL;
	size_t len = 0;
	diag_init(&d);
	d.limit = 2;
	diag_add(&d, "a.xml", 12, "finding/@vaf", "must be between %d and %d",
		 0, 1);
	struct diag_mark one = diag_here(&d);
	diag_add(&d, "a.xml", 0, NULL, "plain");
	diag_add(&d, "a.xml", 3, NULL, "dropped");
	FILE *f = open_memstream(&buf, &len);
	diag_print(&d, f);
	fclose(f);
	assert_string_equal(buf, "a.xml:12: finding/@vaf: must be between 0 "
				 "and 1\na.xml: plain\n... and 1 more\n");
	free(buf);
	diag_back_to(&d, one); /* the items after it, and the one dropped */
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].message, "must be between 0 and 1");
	assert_int_equal(d.dropped, 0);
	diag_done(&d);
}

static void test_status_table(void **state)
{
	(void)state;
	assert_int_equal(status_exit_code(TB_OK), 0);
	assert_int_equal(status_exit_code(TB_USAGE), 2);
	assert_int_equal(status_exit_code(TB_INVALID), 3);
	assert_int_equal(status_exit_code(TB_DB_NEWER), 7);
	assert_string_equal(status_message(TB_NOT_FOUND), "not found");
}

static void test_clock_env(void **state)
{
	(void)state;
	char buf[21];
	setenv("TUMORBOARD_NOW", "2024-02-29T23:59:58Z", 1);
	clock_set_real();
	assert_false(clock_is_fixed());
	/* the core as the installed program links it (src/clock_env.c):
	 * TUMORBOARD_NOW is not read, well-formed or not */
	assert_false(clock_env_honoured());
	assert_true(clock_init_from_env());
	assert_false(clock_is_fixed());
	setenv("TUMORBOARD_NOW", "våren 2018", 1);
	assert_true(clock_init_from_env());
	assert_false(clock_is_fixed());
	/* what the test build does with it */
	assert_true(clock_set_from_text("2024-02-29T23:59:58Z"));
	assert_true(clock_is_fixed());
	clock_timestamp(buf);
	assert_string_equal(buf, "2024-02-29T23:59:58Z");
	clock_today(buf);
	assert_string_equal(buf, "2024-02-29");
	assert_int_equal(clock_year(), 2024);
	assert_false(clock_set_from_text("våren 2018"));
	clock_timestamp(buf);
	assert_string_equal(buf, "2024-02-29T23:59:58Z");
	assert_true(clock_set_from_text(NULL));
	assert_true(clock_set_from_text(""));
	assert_true(clock_is_fixed());
	unsetenv("TUMORBOARD_NOW");
	clock_set_real();
	assert_false(clock_is_fixed());
}

/* A stored time read back: the digits' form and the forms sscanf also
 * took (a sign, a space) as before; anything else refused. */
static void test_clock_parse_utc(void **state)
{
	(void)state;
	time_t t;
	char buf[21];
	assert_true(clock_parse_utc("2024-02-29T23:59:58Z", &t));
	clock_format_utc(t, buf);
	assert_string_equal(buf, "2024-02-29T23:59:58Z");
	assert_true(clock_parse_utc("1970-01-01T00:00:00Z", &t));
	assert_int_equal((long long)t, 0);
	assert_true(clock_parse_utc("+970-01-01T00:00:01Z", &t));
	time_t spaced;
	assert_true(clock_parse_utc(" 970-01-01T00:00:01Z", &spaced));
	assert_int_equal((long long)t, (long long)spaced);
	static const char *const bad[] = {
	    "2024-02-29T23:59:58",  "2024-02-29T23:59:58+",
	    "2024-13-01T00:00:00Z", "2024-00-01T00:00:00Z",
	    "2024-01-32T00:00:00Z", "2024-01-01T24:00:00Z",
	    "2024-01-01T00:60:00Z", "2024-01-01T00:00:60Z",
	    "2024-01-01 00:00:00Z", "2024-01-01T00:00:00ZZ",
	    "20a4-01-01T00:00:00Z"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_false(clock_parse_utc(bad[i], &t));
}

/* A log entry's time never goes back before the entry it follows. */
static void test_clock_after(void **state)
{
	(void)state;
	char buf[21];
	assert_true(clock_set_from_text("2026-11-23T09:00:00Z"));
	clock_timestamp_after(buf, NULL);
	assert_string_equal(buf, "2026-11-23T09:00:00Z");
	clock_timestamp_after(buf, "");
	assert_string_equal(buf, "2026-11-23T09:00:00Z");
	clock_timestamp_after(buf, "2026-11-23T08:59:59Z");
	assert_string_equal(buf, "2026-11-23T09:00:00Z");
	clock_timestamp_after(buf, "2026-11-23T09:00:01Z");
	assert_string_equal(buf, "2026-11-23T09:00:01Z");
	clock_timestamp_after(buf, "2031-01-01T00:00:00Z");
	assert_string_equal(buf, "2031-01-01T00:00:00Z");
	clock_set_real();
}

/* text wrapped at width (apart: as older minutes were, counts_apart) is
 * want, as plain output. */
static void wrapped_is(int width, bool apart, const char *text,
		       const char *want)
{
	struct textdoc doc;
	textdoc_init(&doc, width);
	doc.counts_apart = apart;
	textdoc_wrap(&doc, 0, TD_NORMAL, text);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	textdoc_write(&doc, f);
	fclose(f);
	assert_string_equal(buf, want);
	free(buf);
	textdoc_done(&doc);
}

static void test_textdoc_wrap(void **state)
{
	(void)state;
	struct textdoc doc;
	char *buf = NULL;
	size_t len = 0;
	textdoc_init(&doc, 20);
	textdoc_put(&doc, TD_HEADING, "Rubrik");
	textdoc_newline(&doc);
	textdoc_wrap(&doc, 2, TD_NORMAL,
		     "Åsa har ont i ryggen sedan\nmars och\x1b[31m röd");
	FILE *f = open_memstream(&buf, &len);
	textdoc_write(&doc, f);
	fclose(f);
	assert_string_equal(buf, "Rubrik\n"
				 "  Åsa har ont i\n"
				 "  ryggen sedan\n"
				 "  mars och[31m röd\n");
	assert_int_equal(doc.lines[0].n_spans, 1);
	assert_int_equal(doc.lines[0].spans[0].style, TD_HEADING);
	free(buf);
	textdoc_done(&doc);
	/* a count is never a line's last word: it goes on with its word
	 * ("2" fits after "decided," but "2 not" does not); as older
	 * minutes were wrapped (their text hash made again) it may be */
	static const char tally[] =
	    "6 cases: 1 decided, 2 not reached, 14 days";
	wrapped_is(24, false, tally,
		   "6 cases: 1 decided,\n2 not reached, 14 days\n");
	wrapped_is(24, true, tally,
		   "6 cases: 1 decided, 2\nnot reached, 14 days\n");
	/* a number in groups stays whole ("031-342 10 00" fits on the
	 * next line, not "031-342 10" on this one); older minutes as they
	 * were wrapped */
	static const char phone[] =
	    "Barnonkologi, tel. 031-342 10 00, exon 19 del";
	wrapped_is(30, false, phone,
		   "Barnonkologi, tel.\n031-342 10 00, exon 19 del\n");
	wrapped_is(30, true, phone,
		   "Barnonkologi, tel. 031-342 10\n00, exon 19 del\n");
}

/* The columns of a line are measured once (textdoc_pad_to measures
 * what was added since the last pad, not the whole line again): wide
 * characters, combining marks, controls dropped and bytes that are no
 * UTF-8 between pads, then a paragraph wrapped on after them. */
static void test_textdoc_columns(void **state)
{
	(void)state;
	struct textdoc doc;
	textdoc_init(&doc, 30);
	textdoc_put(&doc, TD_NORMAL, "\xe6\xbc\xa2\xe5\xad\x97"); /* 2 wide */
	textdoc_pad_to(&doc, 6);
	textdoc_put(&doc, TD_NORMAL, "|");
	/* e, a combining acute, a control dropped, U+FFFD */
	textdoc_put(&doc, TD_STRONG, "e\xcc\x81\x01\xff");
	textdoc_pad_to(&doc, 10);
	textdoc_put(&doc, TD_NORMAL, "|");
	assert_string_equal(
	    doc.lines[0].text,
	    "\xe6\xbc\xa2\xe5\xad\x97  |e\xcc\x81\xef\xbf\xbd |");
	textdoc_pad_to(&doc, 50); /* more than one run of spaces */
	textdoc_put(&doc, TD_NORMAL, "|");
	assert_int_equal(util_display_width(doc.lines[0].text), 51);
	textdoc_newline(&doc);
	textdoc_put(&doc, TD_LABEL, "\xc3\x85sa:");
	textdoc_wrap_on(&doc, 6, TD_NORMAL,
			"ett tv\xc3\xa5 tre fyra fem sex sju");
	assert_string_equal(doc.lines[1].text,
			    "\xc3\x85sa: ett tv\xc3\xa5 tre fyra fem sex");
	assert_string_equal(doc.lines[2].text, "      sju");
	textdoc_done(&doc);
}

/* A table's column is always after a space: padded to when the line
 * is short of it, one space on when the line reached or passed it (a
 * 20-character case id in a column of 20); the column returned is
 * where the next text starts. */
static void test_textdoc_column(void **state)
{
	(void)state;
	struct textdoc doc;
	textdoc_init(&doc, 80);
	textdoc_put(&doc, TD_NORMAL, "SKA-LUNG-2026-0001");
	assert_int_equal(textdoc_column(&doc, 20), 20);
	textdoc_put(&doc, TD_NORMAL, "Lund, Eva");
	textdoc_newline(&doc);
	textdoc_put(&doc, TD_NORMAL, "UPP-BREAST-2026-0150");
	assert_int_equal(textdoc_column(&doc, 20), 21);
	textdoc_put(&doc, TD_NORMAL, "\xc3\x85s, Eva");
	assert_int_equal(textdoc_column(&doc, 24), 29);
	textdoc_put(&doc, TD_NORMAL, "C50.4");
	assert_string_equal(doc.lines[0].text, "SKA-LUNG-2026-0001  Lund, Eva");
	assert_string_equal(doc.lines[1].text,
			    "UPP-BREAST-2026-0150 \xc3\x85s, Eva C50.4");
	textdoc_done(&doc);
}

static void test_textdoc_wrap_on(void **state)
{
	(void)state;
	struct textdoc doc;
	char *buf = NULL;
	size_t len = 0;
	textdoc_init(&doc, 24);
	textdoc_put(&doc, TD_LABEL, "Label");
	textdoc_pad_to(&doc, 8);
	textdoc_wrap_on(&doc, 8, TD_NORMAL, "one two three four five six");
	textdoc_put(&doc, TD_NORMAL, "next");
	FILE *f = open_memstream(&buf, &len);
	textdoc_write(&doc, f);
	fclose(f);
	assert_string_equal(buf, "Label   one two three\n"
				 "        four five six\n"
				 "next\n");
	free(buf);
	textdoc_done(&doc);
}

/* A line of parts on a narrow screen: a part that does not fit goes on
 * the next line at the indent, whole; one that fits stays after its
 * separator. A hanging wrap starts at the line's start and goes on at
 * the indent. */
static void test_textdoc_parts(void **state)
{
	(void)state;
	struct textdoc doc;
	char *buf = NULL;
	size_t len = 0;
	textdoc_init(&doc, 22);
	textdoc_put(&doc, TD_TITLE, "\xc3\x85kesson, Kjell");
	textdoc_put_part(&doc, 4, TD_STRONG, "  ", "19560127");
	textdoc_put_part(&doc, 4, TD_NORMAL, "  ", "70 years");
	textdoc_put_part(&doc, 4, TD_STRONG, "  ", "C34.1");
	textdoc_newline(&doc);
	textdoc_wrap_hanging(&doc, 4, TD_DIM,
			     "Case A-1 \xc2\xb7 regional \xc2\xb7 urgent");
	FILE *f = open_memstream(&buf, &len);
	textdoc_write(&doc, f);
	fclose(f);
	assert_string_equal(buf, "\xc3\x85kesson, Kjell\n"
				 "    19560127  70 years\n"
				 "    C34.1\n"
				 "Case A-1 \xc2\xb7 regional \xc2\xb7\n"
				 "    urgent\n");
	/* a word wider than a line is broken at characters, not cut */
	textdoc_wrap_hanging(&doc, 4, TD_NORMAL,
			     "see https://example.org/a/very/long/path end");
	free(buf);
	f = open_memstream(&buf, &len);
	textdoc_write(&doc, f);
	fclose(f);
	assert_non_null(strstr(buf, "\nsee https://example.or\n"
				    "    g/a/very/long/path\n"
				    "    end\n"));
	/* the parts' styles: the identity strong, the separator plain */
	assert_int_equal(doc.lines[1].n_spans, 1);
	assert_int_equal(doc.lines[1].spans[0].start, 4);
	assert_int_equal(doc.lines[1].spans[0].len, 8);
	free(buf);
	textdoc_done(&doc);
}

static void test_text_start(void **state)
{
	(void)state;
	assert_int_equal(util_text_start("", 0), 0);
	assert_int_equal(util_text_start(" \t\r\n", 4), 4);
	assert_int_equal(util_text_start("\xef\xbb\xbf", 3), 3);
	assert_int_equal(util_text_start("\xef\xbb\xbf \n<case/>", 8), 5);
	assert_int_equal(util_text_start("  {\"a\"}", 7), 2);
	assert_int_equal(util_text_start("id;name", 7), 0);
	/* a mark cut short is text, not a mark */
	assert_int_equal(util_text_start("\xef\xbb", 2), 0);
}

static void test_sha256(void **state)
{
	(void)state;
	char hex[HASH_HEX_LEN + 1];
	hash_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a3"
				 "96177a9cb410ff61f20015ad");
	hash_sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4"
				 "649b934ca495991b7852b855");
	/* many blocks: a million times 'a' (FIPS 180-2) */
	char *million = xmalloc(1000000);
	memset(million, 'a', 1000000);
	hash_sha256_hex(million, 1000000, hex);
	free(million);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48"
				 "a497200e046d39ccc7112cd0");
	/* RFC 4231, test cases 1 and 2 */
	unsigned char key[20];
	memset(key, 0x0b, sizeof(key));
	hash_hmac_sha256_hex(key, sizeof(key), "Hi There", 8, hex);
	assert_string_equal(hex, "b0344c61d8db38535ca8afceaf0bf12b881dc200"
				 "c9833da726e9376c2e32cff7");
	hash_hmac_sha256_hex("Jefe", 4, "what do ya want for nothing?", 28,
			     hex);
	assert_string_equal(hex, "5bdcc146bf60754e6a042426089575c75a003f08"
				 "9d2739839dec58b964ec3843");
	/* the key kept between calls: the same key again, a key longer
	 * than a block (test case 6), then the first key again */
	hash_hmac_sha256_hex("Jefe", 4, "what do ya want for nothing?", 28,
			     hex);
	assert_string_equal(hex, "5bdcc146bf60754e6a042426089575c75a003f08"
				 "9d2739839dec58b964ec3843");
	unsigned char big[131];
	memset(big, 0xaa, sizeof(big));
	hash_hmac_sha256_hex(big, sizeof(big),
			     "Test Using Larger Than Block-Size Key - Hash Key"
			     " First",
			     54, hex);
	assert_string_equal(hex, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc621"
				 "3728c5140546040f0ee37f54");
	hash_hmac_sha256_hex(key, sizeof(key), "Hi There", 8, hex);
	assert_string_equal(hex, "b0344c61d8db38535ca8afceaf0bf12b881dc200"
				 "c9833da726e9376c2e32cff7");
	/* a key that begins as the last one did */
	hash_hmac_sha256_hex(key, 4, "Hi There", 8, hex);
	assert_string_not_equal(hex, "b0344c61d8db38535ca8afceaf0bf12b881dc2"
				     "00c9833da726e9376c2e32cff7");
	unsigned char a[32] = {0}, b[32] = {0};
	assert_true(hash_random(a, sizeof(a)));
	assert_true(hash_random(b, sizeof(b)));
	assert_memory_not_equal(a, b, sizeof(a));
}

static struct tb_case *sample_case(void)
{
	struct tb_case *c = model_case_new();
	c->external_id = xstrdup("X-1");
	c->question = xstrdup("Q?");
	c->ecog = 1;
	struct tb_finding *f = model_case_add_finding(c);
	f->gene = xstrdup("EGFR");
	f->kind = xstrdup("snv");
	f->hgvs_p = xstrdup("p.L858R");
	f->has_vaf = true;
	f->vaf = 0.3;
	f = model_case_add_finding(c);
	f->gene = xstrdup("TP53");
	f->kind = xstrdup("snv");
	return c;
}

static void test_model_diff(void **state)
{
	(void)state;
	struct tb_case *a = sample_case(), *b = sample_case();
	assert_null(model_case_diff(a, b));
	/* Order of children does not matter. */
	struct tb_finding tmp = b->findings[0];
	b->findings[0] = b->findings[1];
	b->findings[1] = tmp;
	assert_null(model_case_diff(a, b));
	b->ecog = 2;
	util_set(&b->question, "Another question?");
	b->findings[0].vaf = 0.4; /* TP53 has no vaf; this changes nothing */
	b->findings[1].vaf = 0.4; /* EGFR vaf changes */
	char *d = model_case_diff(a, b);
	assert_non_null(d);
	assert_string_equal(d, "question, ecog; findings: 1 added, 1 removed");
	free(d);
	model_case_free(&a);
	model_case_free(&b);
	assert_null(a);
}

static void test_model_enums(void **state)
{
	(void)state;
	assert_true(model_enum_valid(model_levels, "national"));
	assert_false(model_enum_valid(model_levels, "National"));
	assert_false(model_enum_valid(model_levels, NULL));
	char *s = model_enum_describe(model_levels);
	assert_string_equal(s, "local, regional or national");
	free(s);
	assert_string_equal(model_modality_label("pet-ct"), "PET-CT");
	/* a status is shown in words, never as its code (not-discussed) */
	for (size_t i = 0; model_statuses[i]; i++)
		assert_null(strchr(model_status_label(model_statuses[i]), '-'));
	assert_string_equal(model_status_label("not-discussed"),
			    "not discussed");
	for (size_t i = 0; model_classifications[i]; i++)
		assert_null(strchr(
		    model_classification_label(model_classifications[i]), '-'));
	assert_null(
	    strchr(model_trial_status_label("not-yet-recruiting"), '-'));
	assert_null(strchr(model_outcome_label("not-reached"), '-'));
	/* a follow-up's status and reason too (not-done, patient-wish) */
	assert_null(strchr(followup_status_label("not-done"), '-'));
	assert_null(strchr(followup_reason_label("patient-wish"), '-'));
}

/* Role names in the interface language: boards.xml and roles.xml name
 * the shipped roles in Swedish, a site's own roles keep their names. */
static void test_role_labels(void **state)
{
	(void)state;
	assert_string_equal(model_role_label("lungmedicinare"),
			    "pulmonologist");
	assert_string_equal(model_role_label("kontaktsjuksköterska"),
			    "contact nurse");
	assert_string_equal(model_role_label("sjukhusfysiker"),
			    "sjukhusfysiker");
	assert_string_equal(model_user_role_label("chair", "Ordförande"),
			    "Chair");
	assert_string_equal(model_user_role_label("chair", NULL), "Chair");
	assert_string_equal(model_user_role_label("chair", "Mötesledare"),
			    "Mötesledare");
	assert_string_equal(model_user_role_label("wizard", NULL), "wizard");
}

/* What became of a meeting's cases, in one wording: cases, not
 * decisions; fitted to a room down to the count of cases. */
static void test_meeting_tally(void **state)
{
	(void)state;
	struct minutes_tally t = {.cases = 7,
				  .decided = 1,
				  .amended = 1,
				  .deferred = 1,
				  .not_reached = 5};
	char *w = minutes_tally_words(&t, 0);
	assert_string_equal(w, "7 cases: 1 decided (1 amended), 0 discussed "
			       "without a decision, 1 deferred, 0 not "
			       "discussed, 5 not reached");
	free(w);
	w = minutes_tally_words(&t, 60);
	assert_string_equal(w, "7 cases: 1 decided (1 amended), 1 deferred, "
			       "5 not reached");
	free(w);
	/* what is left out is marked where it would be, never dropped
	 * unseen */
	w = minutes_tally_words(&t, 40);
	assert_string_equal(w, "7 cases: 1 decided (1 amended), …");
	free(w);
	w = minutes_tally_words(&t, 32);
	assert_string_equal(w, "7 cases: 1 decided (1 amended)…");
	free(w);
	/* a count that fits to the last cell leaves no room for the mark:
	 * the mark takes its place, of them all when none is said */
	w = minutes_tally_words(&t, 42);
	assert_string_equal(w, "7 cases: 1 decided (1 amended), …");
	free(w);
	w = minutes_tally_words(&t, 30);
	assert_string_equal(w, "7 cases …");
	free(w);
	/* the counts without the number of cases: they add up to it */
	t.not_reached = 4;
	assert_null(minutes_tally_counts(&t, 0));
	t.already_signed = 1;
	w = minutes_tally_counts(&t, 0);
	assert_string_equal(w, "1 decided (1 amended), 1 already signed, 1 "
			       "deferred, 4 not reached");
	free(w);
	/* in a room: the counts that fit, "…" where the others would be */
	w = minutes_tally_counts(&t, 50);
	assert_string_equal(w, "1 decided (1 amended), 1 already signed, …");
	free(w);
	assert_null(minutes_tally_counts(&t, 5));
	w = minutes_tally_words(&t, 12);
	assert_string_equal(w, "7 cases …");
	free(w);
	w = minutes_tally_words(&t, 7);
	assert_string_equal(w, "7 cases");
	free(w);
}

static void test_render_helpers(void **state)
{
	(void)state;
	assert_int_equal(render_age("1956-03-12", "2026-11-23"), 70);
	assert_int_equal(render_age("1956-11-24", "2026-11-23"), 69);
	assert_int_equal(render_age("1956-11-23", "2026-11-23"), 70);
	/* a time after the date is fine; anything else is no age */
	assert_int_equal(render_age("2026-11-23", "2026-11-23T13:00:00Z"), 0);
	assert_int_equal(render_age("1956-1-23", "2026-11-23"), -1);
	assert_int_equal(render_age("1956-11", "2026-11-23"), -1);
	assert_int_equal(render_age("", "2026-11-23"), -1);
	assert_int_equal(render_age(NULL, "2026-11-23"), -1);
	assert_int_equal(render_age("1956-11-23", "2026/11/23"), -1);
	char alk[] = "ALK", eml4[] = "EML4", fusion[] = "fusion";
	char egfr[] = "EGFR", snv[] = "snv", pv[] = "p.Leu858Arg",
	     cv[] = "c.2573T>G", erbb2[] = "ERBB2", cnv[] = "cnv";
	struct tb_finding f = {.gene = alk, .partner = eml4, .kind = fusion};
	char *v = render_variant(&f);
	assert_string_equal(v, "EML4::ALK fusion");
	free(v);
	struct tb_finding g = {
	    .gene = egfr, .kind = snv, .hgvs_p = pv, .hgvs_c = cv};
	v = render_variant(&g);
	assert_string_equal(v, "p.Leu858Arg (c.2573T>G)");
	free(v);
	struct tb_finding h = {
	    .gene = erbb2, .kind = cnv, .has_copies = true, .copies = 18};
	v = render_variant(&h);
	assert_string_equal(v, "amplification, 18 copies");
	free(v);
	/* a homozygous deletion is a deletion, never a gain */
	h.copies = 0;
	v = render_variant(&h);
	assert_string_equal(v, "deletion, 0 copies");
	free(v);
}

/* A language tag against a code: the code alone or with a region, any
 * case; never a longer word that starts with it. */
static void test_lang_is(void **state)
{
	(void)state;
	assert_true(util_lang_is("sv", "sv"));
	assert_true(util_lang_is("sv-SE", "sv"));
	assert_true(util_lang_is("SV_se", "sv"));
	assert_true(util_lang_is("en", "en"));
	assert_false(util_lang_is("svenska", "sv"));
	assert_false(util_lang_is("s", "sv"));
	assert_false(util_lang_is("", "sv"));
	assert_false(util_lang_is("en-GB", "sv"));
}

#ifdef ENABLE_NLS
/* gettext's answers are kept per message: a message built in a buffer
 * that held a translated one is not answered with that translation, and
 * a change of language is not answered in the old one. */
static void test_gettext_kept(void **state)
{
	(void)state;
	static const char msg[] = "No more cases on this agenda";
	char buf[64];
	i18n_init();
	char *was = i18n_language_use("sv");
	const char *sv = _(msg);
	assert_string_equal(sv, "Inga fler fall på den här agendan");
	assert_ptr_equal(_(msg), sv); /* asked again: kept */
	snprintf(buf, sizeof(buf), "%s", msg);
	assert_string_equal(_(buf), sv);
	snprintf(buf, sizeof(buf), "%s", "not a message of the catalogue");
	assert_ptr_equal(_(buf), buf);
	i18n_language_restore(was);
	assert_string_equal(_(msg), msg);
	was = i18n_language_use("sv");
	assert_string_equal(_(msg), sv);
	i18n_language_restore(was);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_printable_len_only_when_nothing_to_clean),
	    cmocka_unit_test(test_sanitize_strips_controls),
	    cmocka_unit_test(test_text_check),
	    cmocka_unit_test(test_add_sentence),
	    cmocka_unit_test(test_utf8_valid),
	    cmocka_unit_test(test_hash_more),
	    cmocka_unit_test(test_strbuf_and_trim),
	    cmocka_unit_test(test_fit_words),
	    cmocka_unit_test(test_ll_index),
	    cmocka_unit_test(test_lang_is),
	    cmocka_unit_test(test_parse_numbers),
	    cmocka_unit_test(test_diag_format),
	    cmocka_unit_test(test_status_table),
	    cmocka_unit_test(test_clock_env),
	    cmocka_unit_test(test_clock_parse_utc),
	    cmocka_unit_test(test_clock_after),
	    cmocka_unit_test(test_textdoc_wrap),
	    cmocka_unit_test(test_textdoc_wrap_on),
	    cmocka_unit_test(test_textdoc_parts),
	    cmocka_unit_test(test_text_start),
	    cmocka_unit_test(test_sha256),
	    cmocka_unit_test(test_model_diff),
	    cmocka_unit_test(test_model_enums),
	    cmocka_unit_test(test_role_labels),
	    cmocka_unit_test(test_meeting_tally),
	    cmocka_unit_test(test_render_helpers),
	    cmocka_unit_test(test_textdoc_columns),
	    cmocka_unit_test(test_textdoc_column),
#ifdef ENABLE_NLS
	    cmocka_unit_test(test_gettext_kept),
#endif
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
