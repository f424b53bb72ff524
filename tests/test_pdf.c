/* Unit tests: pdf (writing a textdoc as A4 PDF, atomic replacement). */
#include "testutil.h"

#include <dirent.h>
#include <sys/stat.h>

#include "clock.h"
#include "pdf.h"
#include "pdfsample.h"

/* The number of entries in dir other than . and .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static bool contains(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return true;
	return false;
}

static void test_page_text(void **state)
{
	(void)state;
	char *s = pdf_page_text(NULL, 1, 3);
	assert_string_equal(s, "Page 1 of 3");
	free(s);
	s = pdf_page_text("Sida {page} av {pages}", 12, 14);
	assert_string_equal(s, "Sida 12 av 14");
	free(s);
	/* Not a printf format: %s and %n are plain text. */
	s = pdf_page_text("%s%n {page}/{pages} {x} {page", 2, 2);
	assert_string_equal(s, "%s%n 2/2 {x} {page");
	free(s);
}

/* A paragraph of nl lines of height 1, with room for `room` of them on
 * the page it starts on (below other text) and for `page` on each page
 * after: how many lines each page gets, in got (0 for the first page when
 * all of it moves on); how many pages. */
static size_t break_para(size_t nl, size_t room, size_t page, size_t got[16])
{
	double h[16];
	for (size_t i = 0; i < nl; i++)
		h[i] = 1.0;
	size_t k = 0, n = 0;
	double y = (double)(page - room), bottom = (double)page;
	bool at_top = false;
	while (k < nl && n < 16) {
		size_t fit = pdf_lines_fit(h, nl, k, y, bottom, at_top);
		got[n++] = fit;
		k += fit;
		y = 0;
		at_top = true;
	}
	return n;
}

/* No page begins with a paragraph's second line after its first ended
 * the page before, and none holds a paragraph's last line alone after its
 * others: for every length and every room left on the page. */
static void test_page_breaks(void **state)
{
	(void)state;
	size_t got[16];
	for (size_t nl = 1; nl <= 12; nl++)
		for (size_t room = 0; room <= nl + 1; room++) {
			size_t n = break_para(nl, room, 5, got);
			size_t first = 0;
			while (first < n && got[first] == 0)
				first++;
			assert_true(first < n);
			size_t placed = 0;
			for (size_t p = first; p < n; p++) {
				placed += got[p];
				if (p + 1 < n && p == first)
					assert_true(got[p] >= 2);
				if (p > first && p + 1 == n)
					assert_true(got[p] >= 2);
			}
			assert_int_equal(placed, nl);
		}
	/* three lines with room for two: all on the next page */
	assert_int_equal(break_para(3, 2, 40, got), 2);
	assert_int_equal(got[0], 0);
	assert_int_equal(got[1], 3);
	/* five with room for four: three here, two there */
	assert_int_equal(break_para(5, 4, 40, got), 2);
	assert_int_equal(got[0], 3);
	/* a heading keeps below it what goes on a page together */
	assert_int_equal(pdf_lead_lines(1), 1);
	assert_int_equal(pdf_lead_lines(3), 3);
	assert_int_equal(pdf_lead_lines(4), 2);
}

static double byte_width(const char *s, size_t n, void *arg)
{
	(void)s;
	(void)arg;
	return (double)n;
}

/* The running header breaks between its parts, the separator dropped
 * there: no line ends (or begins) with "·", no part is cut. */
static void test_header_lines(void **state)
{
	(void)state;
	const char *text = "Märta Åström, född 1956-03-12 · Datum 2026-12-03 "
			   "· Ansvarig läkare Johan Lindqvist";
	char *s = pdf_header_lines(text, byte_width, NULL, 60);
	assert_string_equal(s, "Märta Åström, född 1956-03-12 · Datum "
			       "2026-12-03\nAnsvarig läkare Johan Lindqvist");
	free(s);
	s = pdf_header_lines(text, byte_width, NULL, 1000);
	assert_string_equal(s, text);
	free(s);
	/* a part wider than the line is a line of its own */
	s = pdf_header_lines("A · BBBBBBBB · C", byte_width, NULL, 5);
	assert_string_equal(s, "A\nBBBBBBBB\nC");
	free(s);
}

static void test_write_sample(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/sammanfattning.pdf", dir);
	char err[256] = "";
	struct textdoc doc;
	struct pdf_options opt = {.title = "Sammanfattning för Åsa Testsson",
				  .page_text = "Sida {page} av {pages}",
				  .footer_text = "TEST-2026-0001"};

	pdfsample_build(&doc);
	assert_int_equal(pdf_write(&doc, &opt, path, err, sizeof(err)), TB_OK);
	size_t n;
	char *pdf = test_slurp(path, &n);
	assert_true(n > 1000);
	assert_memory_equal(pdf, "%PDF-", 5);
	assert_true(contains(pdf, n, "%%EOF"));
	/* More than one page. */
	assert_true(contains(pdf, n, "/Count 2") ||
		    contains(pdf, n, "/Count 3") ||
		    contains(pdf, n, "/Count 4"));
	/* Only the PDF is left in the directory, mode 0600. */
	assert_int_equal(count_entries(dir), 1);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	/* With the clock fixed, the same document gives the same bytes. */
	char *again = xasprintf("%s/again.pdf", dir);
	assert_int_equal(pdf_write(&doc, &opt, again, err, sizeof(err)), TB_OK);
	size_t n2;
	char *pdf2 = test_slurp(again, &n2);
	assert_int_equal(n, n2);
	assert_memory_equal(pdf, pdf2, n);

	/* Writing again replaces the file. */
	assert_int_equal(pdf_write(&doc, NULL, path, err, sizeof(err)), TB_OK);
	assert_int_equal(count_entries(dir), 2);

	free(pdf);
	free(pdf2);
	free(again);
	textdoc_done(&doc);
	test_rmtree(dir);
	free(path);
	free(dir);
}

static void test_empty_and_odd_documents(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/x.pdf", dir);
	char err[256] = "";
	struct textdoc doc;

	/* An empty document is one page with its footer. */
	textdoc_init(&doc, PDF_TEXTDOC_WIDTH);
	assert_int_equal(pdf_write(&doc, NULL, path, err, sizeof(err)), TB_OK);
	size_t n;
	char *pdf = test_slurp(path, &n);
	assert_true(contains(pdf, n, "/Count 1"));
	free(pdf);

	/* A word longer than the page, tabs at odd places, a small font
	 * size (raised to 12), a family that is not installed. */
	struct strbuf sb = {0};
	for (int i = 0; i < 400; i++)
		strbuf_puts(&sb, "å");
	textdoc_put(&doc, TD_HEADING, sb.buf);
	textdoc_newline(&doc);
	textdoc_put(&doc, TD_LABEL, "x");
	textdoc_pad_to(&doc, 150);
	textdoc_put(&doc, TD_WARN, "långt bort");
	textdoc_newline(&doc);
	textdoc_put(&doc, TD_HEADING, "Sist");
	strbuf_done(&sb);
	struct pdf_options opt = {.font_size = 4,
				  .font_family = "No Such Font Family",
				  .title = "bad \xff utf-8",
				  .page_text = "\xff {page}"};
	assert_int_equal(pdf_write(&doc, &opt, path, err, sizeof(err)), TB_OK);
	pdf = test_slurp(path, &n);
	assert_memory_equal(pdf, "%PDF-", 5);
	free(pdf);
	assert_int_equal(count_entries(dir), 1);

	textdoc_done(&doc);
	test_rmtree(dir);
	free(path);
	free(dir);
}

static void test_write_errors(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/no/such/dir/out.pdf", dir);
	char err[256] = "";
	struct textdoc doc;

	pdfsample_build(&doc);
	/* A directory that does not exist. */
	assert_int_equal(pdf_write(&doc, NULL, path, err, sizeof(err)), TB_IO);
	assert_non_null(strstr(err, path));
	assert_int_equal(count_entries(dir), 0);

	/* The target is a directory: the temporary file is written, the
	 * rename fails, and nothing is left behind. */
	char *sub = xasprintf("%s/sub", dir);
	char *inner = xasprintf("%s/sub/keep", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	test_write_file(inner, "x", 1);
	err[0] = '\0';
	assert_int_equal(pdf_write(&doc, NULL, sub, err, sizeof(err)), TB_IO);
	assert_non_null(strstr(err, sub));
	assert_int_equal(count_entries(dir), 1);
	assert_int_equal(count_entries(sub), 1);

	/* An existing file is left as it was when writing fails. */
	assert_int_equal(pdf_write(&doc, NULL, path, NULL, 0), TB_IO);

	textdoc_done(&doc);
	test_rmtree(dir);
	free(inner);
	free(sub);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_page_text),
	    cmocka_unit_test(test_page_breaks),
	    cmocka_unit_test(test_header_lines),
	    cmocka_unit_test(test_write_sample),
	    cmocka_unit_test(test_empty_and_odd_documents),
	    cmocka_unit_test(test_write_errors),
	};
	if (!getenv("TUMORBOARD_NOW"))
		setenv("TUMORBOARD_NOW", "2026-11-23T09:00:00Z", 1);
	if (!clock_set_from_text(getenv("TUMORBOARD_NOW")))
		return 1;
	return cmocka_run_group_tests_name("pdf", tests, NULL, NULL);
}
