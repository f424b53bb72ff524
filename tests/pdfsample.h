/* A synthetic patient summary for the PDF tests (header-only). Long enough
 * for several pages; Swedish text with å, ä and ö; every textdoc style. */
#ifndef TB_PDFSAMPLE_H
#define TB_PDFSAMPLE_H

#include "pdf.h"
#include "textdoc.h"
#include "util.h"

#define PDFSAMPLE_SECTIONS 6

static const char *const pdfsample_paragraphs[] = {
    "Du har träffat läkare på mottagningen för lungsjukdomar. Vid "
    "undersökningen såg vi en förändring i höger lunga. Vävnadsprovet "
    "visar att det är lungcancer av typen adenokarcinom. Det är en vanlig "
    "form av lungcancer som ofta går att behandla med läkemedel.",
    "Provet har också undersökts för förändringar i arvsmassan i "
    "tumörcellerna. Där hittades en förändring som gör att en särskild "
    "tablettbehandling kan fungera bra. Du tar tabletten en gång om dagen. "
    "Vanliga biverkningar är diarré, torr hud och trötthet.",
    "Läkarna från flera specialiteter har gått igenom ditt fall tillsammans "
    "på en multidisciplinär konferens. De föreslår att du börjar med "
    "tablettbehandlingen och att du får strålbehandling mot den lilla "
    "förändringen i hjärnan. Du får en kallelse med tid och plats.",
};

static inline void pdfsample_build(struct textdoc *doc)
{
	static const char *const headings[PDFSAMPLE_SECTIONS] = {
	    "Om din sjukdom", "Vad proverna visar", "Förslag till behandling",
	    "Biverkningar",   "Kontakt och frågor", "Nästa steg",
	};
	textdoc_init(doc, PDF_TEXTDOC_WIDTH);
	textdoc_put(doc, TD_TITLE, "Sammanfattning för Åsa Testsson");
	textdoc_newline(doc);
	textdoc_put(doc, TD_DIM, "Fiktivt exempel · ärende TEST-2026-0001");
	textdoc_newline(doc);
	textdoc_newline(doc);
	textdoc_put(doc, TD_LABEL, "Mottagning");
	textdoc_pad_to(doc, 13);
	textdoc_put(doc, TD_NORMAL, "Lungmottagningen, Exempelsjukhuset");
	textdoc_newline(doc);
	textdoc_put(doc, TD_LABEL, "Datum");
	textdoc_pad_to(doc, 13);
	textdoc_put(doc, TD_NORMAL, "2026-11-23");
	textdoc_newline(doc);
	textdoc_put(doc, TD_LABEL, "Fråga");
	textdoc_pad_to(doc, 13);
	textdoc_wrap_on(
	    doc, 13, TD_STRONG,
	    "Kan behandlingen börja med tabletter, och behövs "
	    "strålbehandling mot förändringen i hjärnan först? "
	    "Svaret påverkar när nästa besök på mottagningen bokas.");
	for (int s = 0; s < PDFSAMPLE_SECTIONS; s++) {
		textdoc_newline(doc);
		textdoc_put(doc, TD_HEADING, headings[s]);
		textdoc_newline(doc);
		for (size_t p = 0; p < UTIL_ARRAY_LEN(pdfsample_paragraphs);
		     p++)
			textdoc_wrap(doc, 0, TD_NORMAL,
				     pdfsample_paragraphs[p]);
		if (s == 1) {
			textdoc_newline(doc);
			textdoc_put(doc, TD_LABEL, "  Gen");
			textdoc_pad_to(doc, 11);
			textdoc_put(doc, TD_LABEL, "Förändring");
			textdoc_pad_to(doc, 32);
			textdoc_put(doc, TD_LABEL, "Betydelse");
			textdoc_newline(doc);
			textdoc_put(doc, TD_NORMAL, "  EGFR");
			textdoc_pad_to(doc, 11);
			textdoc_put(doc, TD_NORMAL, "p.Leu858Arg");
			textdoc_pad_to(doc, 32);
			textdoc_put(doc, TD_NORMAL, "behandlingsbar");
			textdoc_newline(doc);
			textdoc_put(doc, TD_NORMAL, "  TP53");
			textdoc_pad_to(doc, 11);
			textdoc_put(doc, TD_NORMAL, "p.Arg248Gln");
			textdoc_pad_to(doc, 32);
			textdoc_put(doc, TD_DIM, "vanlig, påverkar inte valet");
			textdoc_newline(doc);
			textdoc_wrap(doc, 2, TD_WARN,
				     "Forskningsresultat: används inte ensamt "
				     "som grund för beslut.");
		}
	}
}

#endif
