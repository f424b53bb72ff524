/*
 * The HGVS checks of validate.h: c. and g. (positions, intronic offsets,
 * edits and their flanks) and p. (one- and three-letter amino acids, not
 * mixed; frameshifts, extensions, stops).
 */
#include "validate.h"
#include "validate_internal.h"

#include "i18n.h"

#include <stdio.h>
#include <string.h>

/* ---- HGVS c. and g. ---------------------------------------------------- */

/* A nucleotide position ordered by (region, base, offset): region 0 is the
 * 5' UTR (c.-N, base stored negative), 1 the coding or genomic sequence,
 * 2 the 3' UTR (c.*N); offset is the intronic +N/-N. */
struct npos {
	int region;
	long base;
	long offset;
};

static int npos_cmp(const struct npos *a, const struct npos *b)
{
	if (a->region != b->region)
		return a->region < b->region ? -1 : 1;
	if (a->base != b->base)
		return a->base < b->base ? -1 : 1;
	if (a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	return 0;
}

static bool is_nt(char c)
{
	return c == 'A' || c == 'C' || c == 'G' || c == 'T' || c == 'N';
}

static bool parse_npos(const char **pp, bool coding, struct npos *pos,
		       char *err)
{
	const char *p = *pp;
	pos->region = 1;
	pos->offset = 0;
	if (*p == '-' || *p == '*') {
		if (!coding)
			return fail(err, _("g. positions are plain numbers"));
		pos->region = *p == '-' ? 0 : 2;
		p++;
	}
	if (!parse_count(&p, &pos->base, "position", err))
		return false;
	if (pos->region == 0)
		pos->base = -pos->base;
	if (*p == '+' || *p == '-') {
		if (!coding)
			return fail(err, _("intronic offsets are only allowed "
					   "in c. descriptions"));
		bool minus = *p == '-';
		p++;
		if (!parse_count(&p, &pos->offset, _("intronic offset"), err))
			return false;
		if (minus)
			pos->offset = -pos->offset;
	}
	*pp = p;
	return true;
}

static size_t skip_nts(const char **pp)
{
	size_t n = 0;
	while (is_nt(**pp)) {
		(*pp)++;
		n++;
	}
	return n;
}

static bool need_nts(const char **pp, const char *after, char *err)
{
	if (skip_nts(pp) > 0)
		return true;
	if (err)
		snprintf(err, VALIDATE_ERR_MAX,
			 _("expected nucleotides (A, C, G, T or N) after %s"),
			 after);
	return false;
}

/* Inserted sequence must sit between two neighbouring positions; only
 * checked where neighbourhood is decidable without the transcript. */
static bool ins_flanks_ok(const struct npos *a, const struct npos *b)
{
	if (a->region != b->region)
		return true;
	if (a->base == b->base)
		return b->offset - a->offset == 1;
	if (a->offset == 0 && b->offset == 0)
		return b->base - a->base == 1;
	return true;
}

static bool parse_nt_edit(const char **pp, const struct npos *a,
			  const struct npos *b, char *err)
{
	const char *p = *pp;
	if (starts(p, "delins")) {
		p += 6;
		if (!need_nts(&p, "delins", err))
			return false;
	} else if (starts(p, "del") || starts(p, "dup")) {
		p += 3;
		skip_nts(&p); /* the affected bases may be spelt out */
	} else if (starts(p, "ins")) {
		if (!b)
			return fail(err,
				    _("an insertion needs the two flanking "
				      "positions (e.g. 123_124insA)"));
		if (!ins_flanks_ok(a, b))
			return fail(err, _("an insertion must lie between two "
					   "neighbouring positions"));
		p += 3;
		if (!need_nts(&p, "ins", err))
			return false;
	} else if (starts(p, "inv")) {
		if (!b)
			return fail(err, _("an inversion needs a range (e.g. "
					   "100_200inv)"));
		p += 3;
	} else if (*p == '=') {
		p++;
	} else if (is_nt(p[0]) && (p[1] == '>' || p[1] == '=')) {
		if (b)
			return fail(err, _("a substitution takes a single "
					   "position"));
		char ref = p[0];
		bool subst = p[1] == '>';
		p += 2;
		if (subst) {
			if (!is_nt(*p))
				return fail(err, _("unknown nucleotide (use A, "
						   "C, G, T or N)"));
			if (*p == ref)
				return fail(err, _("reference and new "
						   "nucleotide are the same "
						   "(write =)"));
			p++;
		}
	} else if (*p == '\0') {
		return fail(err, _("missing edit"));
	} else if (is_lower(p[0]) && p[1] == '>') {
		return fail(err, _("unknown nucleotide (use A, C, G, T or N)"));
	} else {
		return fail(err, _("unknown edit"));
	}
	*pp = p;
	return true;
}

static bool hgvs_nt(const char *s, char kind, char *err)
{
	if (!s || s[0] != kind || s[1] != '.') {
		if (err)
			snprintf(err, VALIDATE_ERR_MAX,
				 _("expected %c. prefix"), kind);
		return false;
	}
	const char *p = s + 2;
	if (strcmp(p, "=") == 0)
		return true;
	bool coding = kind == 'c';
	struct npos a, b;
	if (!parse_npos(&p, coding, &a, err))
		return false;
	bool range = *p == '_';
	if (range) {
		p++;
		if (!parse_npos(&p, coding, &b, err))
			return false;
		if (npos_cmp(&a, &b) >= 0)
			return fail(err, _("a range must run from the lower to "
					   "the higher position"));
	}
	if (!parse_nt_edit(&p, &a, range ? &b : NULL, err))
		return false;
	if (*p)
		return fail(err, _("trailing characters"));
	return true;
}

bool validate_hgvs_c(const char *s, char *err)
{
	return hgvs_nt(s, 'c', err);
}

bool validate_hgvs_g(const char *s, char *err)
{
	return hgvs_nt(s, 'g', err);
}

/* ---- HGVS p. ----------------------------------------------------------- */

enum aa_style { AA_ANY, AA_ONE, AA_THREE };

static const struct {
	char three[4];
	char one;
} amino_acids[] = {
    {"Ala", 'A'}, {"Arg", 'R'}, {"Asn", 'N'}, {"Asp", 'D'}, {"Cys", 'C'},
    {"Gln", 'Q'}, {"Glu", 'E'}, {"Gly", 'G'}, {"His", 'H'}, {"Ile", 'I'},
    {"Leu", 'L'}, {"Lys", 'K'}, {"Met", 'M'}, {"Phe", 'F'}, {"Pro", 'P'},
    {"Ser", 'S'}, {"Thr", 'T'}, {"Trp", 'W'}, {"Tyr", 'Y'}, {"Val", 'V'},
    {"Ter", '*'}, {"Sec", 'U'}, {"Pyl", 'O'}, {"Xaa", 'X'},
};

/* One-letter code of the three-letter code at p, or 0. */
static char three_letter(const char *p)
{
	if (!is_upper(p[0]) || !is_lower(p[1]) || !is_lower(p[2]))
		return 0;
	for (size_t i = 0; i < sizeof(amino_acids) / sizeof(amino_acids[0]);
	     i++)
		if (strncmp(p, amino_acids[i].three, 3) == 0)
			return amino_acids[i].one;
	return 0;
}

static bool is_one_letter(char c)
{
	return c != '\0' && strchr("ACDEFGHIKLMNPQRSTVWYUOX", c) != NULL;
}

/* A lower-case word that may follow an amino acid directly ("Kfs", "Vdel"),
 * so that a one-letter code is not mistaken for a three-letter one. */
static bool is_edit_word(const char *p)
{
	return starts(p, "del") || starts(p, "dup") || starts(p, "ins") ||
	       starts(p, "fs") || starts(p, "ext");
}

/* One amino acid; *code receives its one-letter code ('*' for a stop). The
 * first code seen fixes the style; '*' fits either. */
static bool parse_aa(const char **pp, enum aa_style *style, char *code,
		     char *err)
{
	const char *p = *pp;
	static const char *const mix =
	    N_("do not mix one- and three-letter amino-acid codes");
	if (*p == '*') {
		*code = '*';
		*pp = p + 1;
		return true;
	}
	char c = three_letter(p);
	if (c) {
		if (*style == AA_ONE)
			return fail(err, mix);
		*style = AA_THREE;
		*code = c;
		*pp = p + 3;
		return true;
	}
	if (is_one_letter(p[0]) && (!is_lower(p[1]) || is_edit_word(p + 1))) {
		if (*style == AA_THREE)
			return fail(err, mix);
		*style = AA_ONE;
		*code = p[0];
		*pp = p + 1;
		return true;
	}
	return fail(err, _("unknown amino acid"));
}

static bool parse_aa_seq(const char **pp, enum aa_style *style,
			 const char *after, char *err)
{
	char code;
	int n = 0;
	while (is_upper(**pp) || **pp == '*') {
		if (!parse_aa(pp, style, &code, err))
			return false;
		n++;
	}
	if (n == 0) {
		if (err)
			snprintf(err, VALIDATE_ERR_MAX,
				 _("expected amino acids after %s"), after);
		return false;
	}
	return true;
}

/* "Ter" or "*" followed by a count or '?' (frameshift, extension). */
static bool parse_stop_count(const char **pp, enum aa_style *style,
			     const char *what, char *err)
{
	const char *p = *pp;
	char code = 0;
	if (*p != '*' && !starts(p, "Ter"))
		return fail(err, _("expected Ter or * and a count"));
	if (!parse_aa(&p, style, &code, err))
		return false;
	if (*p == '?') {
		p++;
	} else {
		long n;
		if (!parse_count(&p, &n, what, err))
			return false;
	}
	*pp = p;
	return true;
}

static bool parse_fs(const char **pp, enum aa_style *style, char *err)
{
	*pp += 2;
	if (**pp == '*' || starts(*pp, "Ter"))
		return parse_stop_count(pp, style, _("frameshift length"), err);
	return true;
}

static bool parse_ext(const char **pp, enum aa_style *style, char *err)
{
	*pp += 3;
	if (**pp == '-') {
		long n;
		(*pp)++;
		return parse_count(pp, &n, _("extension length"), err);
	}
	return parse_stop_count(pp, style, _("extension length"), err);
}

static bool parse_p_body(const char **pp, char *err)
{
	enum aa_style style = AA_ANY;
	const char *p = *pp;
	char ref, alt;
	long first, last = 0;

	if (*p == '=') {
		*pp = p + 1;
		return true;
	}
	if (!parse_aa(&p, &style, &ref, err) ||
	    !parse_count(&p, &first, "position", err))
		return false;
	bool range = *p == '_';
	if (range) {
		char ref2;
		p++;
		if (!parse_aa(&p, &style, &ref2, err) ||
		    !parse_count(&p, &last, "position", err))
			return false;
		if (last <= first)
			return fail(err, _("a range must run from the lower to "
					   "the higher position"));
	}

	if (starts(p, "delins")) {
		p += 6;
		if (!parse_aa_seq(&p, &style, "delins", err))
			return false;
	} else if (starts(p, "del") || starts(p, "dup")) {
		p += 3;
	} else if (starts(p, "ins")) {
		if (!range)
			return fail(err,
				    _("an insertion needs the two flanking "
				      "amino acids"));
		if (last != first + 1)
			return fail(err, _("an insertion must lie between two "
					   "neighbouring amino acids"));
		p += 3;
		if (!parse_aa_seq(&p, &style, "ins", err))
			return false;
	} else if (*p == '\0' || *p == ')') {
		return fail(err, _("missing edit"));
	} else if (range) {
		return fail(err, _("unknown edit for a range"));
	} else if (starts(p, "fs")) {
		if (!parse_fs(&p, &style, err))
			return false;
	} else if (starts(p, "ext")) {
		if (!parse_ext(&p, &style, err))
			return false;
	} else if (*p == '=' || *p == '?') {
		p++;
	} else if (is_upper(*p) || *p == '*') {
		if (!parse_aa(&p, &style, &alt, err))
			return false;
		if (starts(p, "fs")) {
			if (!parse_fs(&p, &style, err))
				return false;
		} else if (starts(p, "ext")) {
			if (!parse_ext(&p, &style, err))
				return false;
		} else if (alt == ref) {
			return fail(err, _("same amino acid: write = for a "
					   "synonymous change"));
		}
	} else {
		return fail(err, _("unknown edit"));
	}
	*pp = p;
	return true;
}

bool validate_hgvs_p(const char *s, char *err)
{
	if (!s || s[0] != 'p' || s[1] != '.')
		return fail(err, _("expected p. prefix"));
	const char *p = s + 2;
	/* Whole-protein descriptions: unknown, no protein, predicted no
	 * protein, no change. */
	if (strcmp(p, "?") == 0 || strcmp(p, "0") == 0 ||
	    strcmp(p, "0?") == 0 || strcmp(p, "=") == 0)
		return true;
	if ((p[0] == 'E' || p[0] == 'e') && p[1] == 'x')
		return fail(err, _("exon notation is not HGVS (describe the "
				   "protein change)"));
	bool predicted = *p == '(';
	if (predicted)
		p++;
	if (!parse_p_body(&p, err))
		return false;
	if (predicted) {
		if (*p != ')')
			return fail(err, *p ? _("trailing characters")
					    : _("missing closing parenthesis"));
		p++;
	}
	if (*p)
		return fail(err, _("trailing characters"));
	return true;
}
