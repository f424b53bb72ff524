/*
 * i18n — the interface language (GNU gettext) and how numbers are shown.
 *
 * Messages are marked in place: _("text") translates now, N_("text") marks
 * a string in a static table (translate it with _() where it is shown),
 * ngettext(one, many, n) chooses the plural form, pgettext(ctx, text) and
 * NC_(ctx, text) tell apart one English word that needs two Swedish words.
 * The catalogue is po/sv.po; po/Makevars lists the keywords.
 *
 * The interface language is never the language of a patient letter: a
 * letter's wording comes from forms/summary.xml in the patient's language
 * (summary.c), never from here.
 */
#ifndef TB_I18N_H
#define TB_I18N_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"

#ifdef ENABLE_NLS
#include <libintl.h>
#include <locale.h>
/* gettext(msgid), its answer kept for the next time the same message is
 * asked for (a screen asks for the same few hundred again at every key) */
__attribute__((format_arg(1))) const char *i18n_gettext(const char *msgid);
#define _(s) i18n_gettext(s)
/* gettext's convention for a message with a context: "ctx\004msgid". */
__attribute__((format_arg(2))) static inline const char *
i18n_pgettext(const char *ctx_msgid, const char *msgid)
{
	const char *t = i18n_gettext(ctx_msgid);
	return t == ctx_msgid ? msgid : t;
}
#define pgettext(ctx, s) i18n_pgettext(ctx "\004" s, s)
/* A context message from a table: NC_ keeps both parts for pgettext_var. */
#define NC_(ctx, s) ctx "\004" s
#else
#define _(s)		       ((const char *)(s))
#define ngettext(one, many, n) ((n) == 1 ? (one) : (many))
#define pgettext(ctx, s)       ((const char *)(s))
#define NC_(ctx, s)	       ctx "\004" s
#endif
#define N_(s) s

/* The text of a message marked with NC_ in a table, translated. */
const char *i18n_ctx(const char *ctx_msgid);

/* Sets up the interface language once, before anything is printed:
 * the locale from the environment (LC_NUMERIC stays "C", so machine
 * output keeps its decimal point), the catalogue from localedir
 * (TUMORBOARD_LOCALEDIR overrides it, for tests of an uninstalled build),
 * and the language: TUMORBOARD_LANGUAGE, else the first line of
 * $XDG_CONFIG_HOME/tumorboard/language, else LANGUAGE, LC_ALL,
 * LC_MESSAGES and LANG as usual; English when none names a language we
 * have. A language file that cannot be read as a language name is
 * reported on stderr as file:line: message and ignored. */
void i18n_init(void);

/* Messages in language (e.g. "en") from now on, for a text that is kept
 * in one language whoever reads it; returns what to give
 * i18n_language_restore to go back (caller passes it on, which frees
 * it). */
char *i18n_language_use(const char *language);
void i18n_language_restore(char *previous);

/* The interface language's code ("sv", "en"): the language a form's
 * labels are shown in on the screen (a patient letter has its own). A
 * static string. */
const char *i18n_language(void);

/* Whether the interface speaks Swedish decimals (a comma): true when the
 * catalogue in force says so. */
bool i18n_decimal_comma(void);

/* A number with `decimals` digits after the point, as the interface
 * language writes it (0,5 in Swedish), into buf of size n; returns buf.
 * Machine output (CSV, XML, JSON) never uses this. */
char *i18n_decimal(char *buf, size_t n, double v, int decimals);

/* A number as %g writes it (no trailing zeros: 0.5, 10, 2.25), with the
 * interface language's decimal mark, into buf of size n; returns buf.
 * For numbers in messages ("from 0 to 2,5 in steps of 0,5"). */
char *i18n_number(char *buf, size_t n, double v);

/* Every decimal point between two digits of s made a comma when the
 * interface writes decimals with one ("2.5–7.5" → "2,5–7,5"), in place;
 * returns s. For a number kept with its point (a report's cell that CSV
 * writes too) at the moment it is shown. */
char *i18n_decimals_shown(char *s);
/* The same whatever the interface writes: for a reader of a language
 * that writes commas (a form's value shown in Swedish). */
char *i18n_decimal_commas(char *s);

#endif
