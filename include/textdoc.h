/*
 * textdoc — rendered text: lines of UTF-8 with style spans. Renderers build
 * a textdoc; the TUI pager, the batch commands and (later) the PDF writer
 * consume the same document. Text added here is sanitized (no control
 * characters) so consumers can print it as is.
 */
#ifndef TB_TEXTDOC_H
#define TB_TEXTDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum textdoc_style {
	TD_NORMAL,
	TD_TITLE,   /* the document's first line */
	TD_HEADING, /* section heading */
	TD_LABEL,   /* "Diagnosis" in front of a value */
	TD_DIM,	    /* provenance, secondary text */
	TD_WARN,    /* research results, AI-produced notes, missing parts */
	TD_STRONG,  /* identity, the question to the board */
	TD_STYLE_COUNT
};

struct textdoc_span {
	size_t start; /* byte offset in the line */
	size_t len;
	enum textdoc_style style;
};

struct textdoc_line {
	char *text;
	size_t len;
	/* textdoc.c's: the display columns of the first measured bytes of
	 * text (what was added since is measured when it is asked for) */
	int width;
	size_t measured;
	size_t cap; /* textdoc.c's: the bytes text has room for */
	struct textdoc_span *spans;
	size_t n_spans;
	size_t span_cap; /* textdoc.c's: the spans there is room for */
};

struct textdoc {
	struct textdoc_line *lines;
	size_t n_lines;
	size_t cap;
	int width; /* wrap width in columns */
	/* a wrapped tally's counts may end a line, as before they were kept
	 * with their words: a text recorded so (older minutes) made again */
	bool counts_apart;
};

void textdoc_init(struct textdoc *doc, int width);
void textdoc_done(struct textdoc *doc);

/* Appends text (sanitized, newlines become spaces) to the current line. */
void textdoc_put(struct textdoc *doc, enum textdoc_style style,
		 const char *text);
void textdoc_printf(struct textdoc *doc, enum textdoc_style style,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Pads the current line with spaces to display column col. */
void textdoc_pad_to(struct textdoc *doc, int col);
/* The display columns of the current line so far. */
int textdoc_width(struct textdoc *doc);
/* A column of a table: pads the current line to display column col, or
 * puts one space when the line already reached it (what came before is
 * always followed by a space). Returns the column the line is at. */
int textdoc_column(struct textdoc *doc, int col);
/* One part of a line of parts (a name, an identity, an age): sep and
 * text go on the current line when both fit doc->width; otherwise text
 * starts a new line at indent. A part is moved, never dropped. */
void textdoc_put_part(struct textdoc *doc, int indent, enum textdoc_style style,
		      const char *sep, const char *text);
/* The last column of a table row: text from display column col when it
 * fits doc->width there, else whole on a new line from indent (a
 * value never cut at the edge, no spaces left at a line's end). */
void textdoc_put_at(struct textdoc *doc, int col, int indent,
		    enum textdoc_style style, const char *text);
/* Ends the current line (an empty line when nothing was put). */
void textdoc_newline(struct textdoc *doc);
/* Word-wraps text (which may hold newlines: paragraphs) into lines that
 * start with indent spaces and fit doc->width, ending the current line
 * first if it is not empty. */
void textdoc_wrap(struct textdoc *doc, int indent, enum textdoc_style style,
		  const char *text);

/* Like textdoc_wrap, but the first words continue the current line (after
 * a label, say) and the following lines start at indent. Ends the line. */
void textdoc_wrap_on(struct textdoc *doc, int indent, enum textdoc_style style,
		     const char *text);

/* Like textdoc_wrap, but only the lines after the first start at indent
 * (a hanging indent). Ends the line. */
void textdoc_wrap_hanging(struct textdoc *doc, int indent,
			  enum textdoc_style style, const char *text);

/* Writes the plain text, one line per line. */
void textdoc_write(const struct textdoc *doc, FILE *out);

#endif
