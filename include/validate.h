/*
 * validate — pure checks of the clinical values that arrive in imported
 * files and forms. Nothing here allocates, touches the database or reads the
 * clock; callers pass "today" where it matters.
 *
 * Every checker returns true when the value is acceptable. On failure it
 * writes a short English explanation (no trailing full stop, no value echoed
 * back: callers decide whether the value may be shown) into err, which must
 * hold at least VALIDATE_ERR_MAX bytes. err may be NULL.
 */
#ifndef TB_VALIDATE_H
#define TB_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#define VALIDATE_ERR_MAX 160

enum validate_id_kind {
	VALIDATE_ID_PERSONNUMMER,
	VALIDATE_ID_SAMORDNINGSNUMMER,
};

/*
 * A Swedish personal identity number or coordination number. Accepted
 * spellings: YYYYMMDD-NNNC, YYYYMMDDNNNC, YYMMDD-NNNC and YYMMDD+NNNC (the
 * '+' marks a person aged 100 or more; ten-digit forms are resolved against
 * today_year). The date part must be a real calendar date (day + 60 for a
 * coordination number) and the last digit must be the Luhn check digit over
 * the ten digits YYMMDDNNN.
 *
 * On success: norm receives the canonical form YYYYMMDD-NNNC (14 bytes incl.
 * NUL), birth the birth date YYYY-MM-DD (11 bytes; for a coordination number
 * the day minus 60) and *kind the kind. Any output pointer may be NULL.
 */
bool validate_pnr(const char *s, int today_year, char norm[14], char birth[11],
		  enum validate_id_kind *kind, char *err);

/* Whether s (white space around it aside) looks like the start of an
 * identity number: a birth date alone, YYYYMMDD or YYMMDD (a
 * samordningsnummer's day too), which a search does not take as one. */
bool validate_pnr_partial(const char *s);

/* The masked form for lists and printouts: "YYYYMMDD-****" → 14 bytes. */
void validate_pnr_mask(const char norm[14], char out[14]);

/*
 * A calendar date written YYYY-MM-DD (ISO 8601, nothing else: "våren 2018",
 * "2018-02-30" and "2018-2-3" fail). The year must be 1900..2199. When today
 * is non-NULL (YYYY-MM-DD) a date after today fails as "in the future".
 */
bool validate_date(const char *s, const char *today, char *err);

/* Days from a to b (b - a) for two valid YYYY-MM-DD dates. */
long validate_date_diff(const char *a, const char *b);

/* ICD-10 code such as C34, C34.1, C50.91, D48.7 (upper-case letter, two
 * digits, optional '.' and one or two digits or letters). */
bool validate_icd10(const char *s, char *err);

/* True when a valid ICD-10 code lies in the neoplasm chapter C00–D48. */
bool validate_icd10_is_neoplasm(const char *s);

/* ICD-O-3 morphology: four digits starting 8 or 9, '/', behaviour code
 * 0, 1, 2, 3, 6 or 9 (e.g. 8140/3). */
bool validate_icdo3(const char *s, char *err);

/* HGNC-style gene symbol: starts with an upper-case letter, then upper-case
 * letters, digits, '-' or the lower-case "orf" infix (C11orf65); at most 20
 * characters. */
bool validate_gene(const char *s, char *err);

/*
 * HGVS variant descriptions (a practical subset of HGVS 21.x, enough for
 * clinical panel reports):
 *   c.  coding DNA:   c.2573T>G  c.2235_2249del  c.2369C>T  c.-14G>A
 *                     c.1234+1G>A  c.*35del  c.5266dup  c.68_69delinsTT
 *                     c.123_124insA  c.100_200inv  c.=
 *   g.  genomic:      g.55191822T>G (no intronic offsets)
 *   p.  protein:      p.Leu858Arg  p.L858R  p.(Leu858Arg)  p.Glu746_Ala750del
 *                     p.E746_A750del  p.Gly12Cys  p.Val600Glu  p.Arg1441Ter
 *                     p.R1441*  p.Lys1690fs  p.Ser2fsTer5  p.Met1?  p.?  p.0
 *                     p.=  p.Ala767_Val769dup  p.His773_Val774insAsnProHis
 *                     p.Glu746_Ser752delinsVal  p.Ex19del is NOT HGVS (fails)
 * The prefix must match the function (validate_hgvs_c only accepts "c.").
 */
bool validate_hgvs_c(const char *s, char *err);
bool validate_hgvs_g(const char *s, char *err);
bool validate_hgvs_p(const char *s, char *err);

/*
 * TNM 8 categories, with optional prefixes c, p, yc, yp, r, a:
 *   T: TX T0 Tis T1mi T1 T1a..T1d T2 T2a..T2d T3 T3a..T3d T4 T4a..T4e (the
 *      subdivisions of every organ chapter), optional (m) or
 *      a count suffix "(2)";
 *   N: NX N0 N1 N1mi N1a..N1c N2 N2a..N2c N3 N3a..N3c;
 *   M: MX (tolerated) M0 M1 M1a..M1d.
 * Stage: 0, I..IV with optional A..C and a digit (IA1, IIIB, IVA), or "okänt".
 */
bool validate_tnm_t(const char *s, char *err);
bool validate_tnm_n(const char *s, char *err);
bool validate_tnm_m(const char *s, char *err);
bool validate_stage(const char *s, char *err);

/* ECOG/WHO performance status: exactly one digit 0..5. *out receives it. */
bool validate_ecog(const char *s, int *out, char *err);
/* Lansky play-performance (children): 0, 10, ... 100, digits only. */
bool validate_lansky(const char *s, int *out, char *err);

/*
 * A decimal number (no exponent, no thousands separators, '.' as decimal
 * mark; a ',' decimal mark is refused with a hint) within [min, max].
 * *out receives the value.
 */
bool validate_number(const char *s, double min, double max, double *out,
		     char *err);
/* The same, of a number typed on the screen or the command line, where a
 * ',' decimal mark was taken as '.' before (form_type): the messages name
 * both marks. */
bool validate_number_typed(const char *s, double min, double max, double *out,
			   char *err);

/* A language tag: two or three lower-case letters (ISO 639), e.g. sv, en,
 * ar, fi, so, fa. */
bool validate_language(const char *s, char *err);

#endif
