/* Writes the sample document of pdfsample.h as a PDF, for tests/pdf.sh:
 *   pdfdemo OUT.pdf [FONT-SIZE] */
#include <stdio.h>
#include <stdlib.h>

#include "clock.h"
#include "pdf.h"
#include "pdfsample.h"
#include "util.h"

int main(int argc, char **argv)
{
	struct textdoc doc;
	char err[512];

	if (argc < 2 || argc > 3) {
		fputs("usage: pdfdemo OUT.pdf [FONT-SIZE]\n", stderr);
		return 2;
	}
	if (!clock_set_from_text(getenv("TUMORBOARD_NOW"))) {
		fputs("pdfdemo: bad TUMORBOARD_NOW\n", stderr);
		return 2;
	}
	struct pdf_options opt = {
	    .title = "Sammanfattning för Åsa Testsson",
	    .page_text = "Sida {page} av {pages}",
	    .footer_text = "TEST-2026-0001 · fiktivt exempel",
	    .font_size = argc == 3 ? strtod(argv[2], NULL) : 0,
	};
	pdfsample_build(&doc);
	enum tb_status st = pdf_write(&doc, &opt, argv[1], err, sizeof(err));
	textdoc_done(&doc);
	if (st != TB_OK) {
		fprintf(stderr, "pdfdemo: %s\n", err);
		return 1;
	}
	return 0;
}
