/*
 * pdf — a textdoc printed as an A4 PDF (Cairo + Pango; the only module that
 * includes them).
 *
 * Each textdoc line is a paragraph that Pango wraps to the page width, so
 * build the document wide (textdoc_init(&doc, PDF_TEXTDOC_WIDTH)) and let
 * textdoc_wrap() end lines only where a paragraph ends. Within a line:
 *
 * - leading spaces indent the paragraph (one column is the font's average
 *   character width);
 * - a run of two or more spaces (textdoc_pad_to) becomes a tab stop at the
 *   column where the next text starts, and the lines Pango wraps hang at
 *   the first such stop, so "Label    value" prints as two columns;
 * - an empty line gives paragraph space (none at the top of a page);
 * - styles: TD_TITLE large and bold, TD_HEADING bold and larger with space
 *   before, kept on the page of the paragraph after it; TD_STRONG and
 *   TD_LABEL bold; TD_WARN bold italic; TD_DIM dark grey. All of them stay
 *   distinct when printed in black and white.
 *
 * Lines are never cut across pages. Every page has a footer with the page
 * number and, when given, a text on the left, and, when given, a header.
 * Right-to-left paragraphs (Arabic, Hebrew) are laid out right to left and
 * aligned right: Pango takes each paragraph's direction from its text.
 *
 * The file is written to a temporary file in the same directory (mode 0600:
 * summaries hold patient data) and renamed into place, so a failure never
 * leaves a half-written PDF behind.
 *
 * When the clock is fixed (TUMORBOARD_NOW, see clock.h), the PDF's creation
 * and modification dates are set to it, so the output is reproducible.
 */
#ifndef TB_PDF_H
#define TB_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"
#include "textdoc.h"

/* A textdoc width wide enough that lines end only at paragraph ends. */
#define PDF_TEXTDOC_WIDTH 100000

#define PDF_MIN_FONT_SIZE     12.0
#define PDF_DEFAULT_FONT      /* untranslated: a font name */ "DejaVu Sans"
#define PDF_DEFAULT_PAGE_TEXT "Page {page} of {pages}"

struct pdf_options {
	/* The PDF's metadata title (document information); NULL for none. */
	const char *title;
	/*
	 * The page number text in the footer, in the document's language:
	 * "{page}" is replaced by the page number and "{pages}" by the number
	 * of pages; everything else is copied as it is (it is not a printf
	 * format). NULL means PDF_DEFAULT_PAGE_TEXT. "Sida {page} av {pages}".
	 */
	const char *page_text;
	/* Printed at the left of every footer (a case id, say); NULL for
	 * none. Shortened with an ellipsis when too long. */
	const char *footer_text;
	/* Printed at the top of every page (the patient's name and date of
	 * birth on a letter, say), on up to two lines; NULL for none.
	 * Shortened with an ellipsis when longer. */
	const char *header_text;
	/* Font family; NULL or "" means PDF_DEFAULT_FONT. Fontconfig
	 * substitutes a sans-serif font when the family is not installed. */
	const char *font_family;
	/* Base font size in points; 0 means 12, and below 12 is raised to 12.
	 */
	double font_size;
	/* Pages of drawings (charts, see chart.h) after the text:
	 * figure_pages of them, each drawn by figure with the page's
	 * cairo_t, the page (0-based), the body's box in points, the font
	 * family and figure_arg. They get the same footer and header and
	 * count in the page numbers. */
	int figure_pages;
	void (*figure)(void *cr, int page, double x, double y, double w,
		       double h, const char *font, void *arg);
	void *figure_arg;
	/* When set, the figures are laid out once the text is placed:
	 * figure_layout gets the room left below the text on its last page
	 * (first_h points, 0 when there is none worth using) and a whole
	 * page's body (h), returns how many figure pages there are (in place
	 * of figure_pages) and sets *shared when the first of them goes below
	 * the text on its last page (figure is then called for page 0 with
	 * that box) rather than on a page of its own. */
	int (*figure_layout)(double first_h, double h, bool *shared, void *arg);
};

/* The options above with every field at its default. */
#define PDF_OPTIONS_DEFAULT                                                    \
	{                                                                      \
		0                                                              \
	}

/*
 * Writes doc to path as an A4 PDF. opt may be NULL (defaults). Returns
 * TB_OK, or TB_IO with a message naming path in err (errlen bytes, may be
 * NULL/0) when the file cannot be written; then path is unchanged.
 */
enum tb_status pdf_write(const struct textdoc *doc,
			 const struct pdf_options *opt, const char *path,
			 char *err, size_t errlen);

/*
 * The footer's page text for page of pages, from template (NULL: the
 * default) with {page} and {pages} replaced. Caller frees.
 */
char *pdf_page_text(const char *template, int page, int pages);

/* A new empty file (mode 0600) for a PDF on its way to the printer, in
 * $TMPDIR or /tmp, named after stem; the caller unlinks and frees it.
 * NULL with a message in err (errlen bytes) when none can be made. */
char *pdf_temp_file(const char *stem, char *err, size_t errlen);

/* Sends file to the print service: lp [-d printer] -t title -- file, its
 * output kept off the terminal (printer NULL or empty: lp's default).
 * TB_IO with a message in err when lp cannot be started or does not take
 * the job (then the message is refused). */
enum tb_status pdf_lp(const char *file, const char *printer, const char *title,
		      const char *refused, char *err, size_t errlen);

/* The header text as drawn: a line may break only between its parts
 * (" · "); the spaces inside a part do not break. Caller frees. */
char *pdf_header_unbreakable(const char *text);

/* The header's parts (separated by " · ") on lines no wider than max, by
 * width (the width of n bytes of s): a line breaks between two parts and
 * the separator there is dropped, so no line ends or starts with "·";
 * lines end in '\n'. Caller frees. */
char *pdf_header_lines(const char *text,
		       double (*width)(const char *s, size_t n, void *arg),
		       void *arg, double max);

/* How many lines of a paragraph of nl lines, from line k, go on the page
 * from y down to bottom (h: each line's height); at_top when nothing is
 * on the page yet, where one line goes whatever its height. A
 * paragraph leaves neither its first line alone at the foot of a page
 * nor its last line alone at the top of the next: 0 when all of it goes
 * to the next page. */
size_t pdf_lines_fit(const double *h, size_t nl, size_t k, double y,
		     double bottom, bool at_top);

/* How many of the first lines of a paragraph of nl lines go on a page
 * together (what a heading above it needs below it on its page). */
size_t pdf_lead_lines(size_t nl);

#endif
