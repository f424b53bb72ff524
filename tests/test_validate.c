/* Unit tests: validate (table-driven). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "validate.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

typedef bool (*checker)(const char *, char *);

/* A refused value with a fragment the error message must contain ("" for
 * any non-empty message). */
struct bad {
	const char *in;
	const char *msg;
};

/* Runs fn over good values (must pass, err untouched) and bad values (must
 * fail with a non-empty message containing the fragment; and fail the same
 * way with err == NULL). */
static void check_table(const char *name, checker fn, const char *const *good,
			size_t ngood, const struct bad *bad, size_t nbad)
{
	char err[VALIDATE_ERR_MAX];
	for (size_t i = 0; i < ngood; i++) {
		strcpy(err, "untouched");
		if (!fn(good[i], err))
			fail_msg("%s: \"%s\" refused: %s", name, good[i], err);
		assert_string_equal(err, "untouched");
		assert_true(fn(good[i], NULL));
	}
	for (size_t i = 0; i < nbad; i++) {
		err[0] = '\0';
		if (fn(bad[i].in, err))
			fail_msg("%s: \"%s\" accepted", name, bad[i].in);
		if (err[0] == '\0')
			fail_msg("%s: \"%s\" refused without message", name,
				 bad[i].in);
		if (!strstr(err, bad[i].msg))
			fail_msg("%s: \"%s\": message \"%s\" lacks \"%s\"",
				 name, bad[i].in, err, bad[i].msg);
		/* Messages are short sentences without a full stop. */
		assert_true(strlen(err) < VALIDATE_ERR_MAX - 1);
		assert_int_not_equal(err[strlen(err) - 1], '.');
		assert_false(fn(bad[i].in, NULL));
	}
}

#define CHECK_TABLE(fn, good, bad)                                             \
	check_table(#fn, fn, good, N_ELEMS(good), bad, N_ELEMS(bad))

/* ---- Personnummer ------------------------------------------------------ */

struct pnr_ok {
	const char *in;
	const char *norm;
	const char *birth;
	enum validate_id_kind kind;
};

static void test_pnr_valid(void **state)
{
	(void)state;
	static const struct pnr_ok cases[] = {
	    {"19560312-9809", "19560312-9809", "1956-03-12",
	     VALIDATE_ID_PERSONNUMMER},
	    {"195603129809", "19560312-9809", "1956-03-12",
	     VALIDATE_ID_PERSONNUMMER},
	    {"560312-9809", "19560312-9809", "1956-03-12",
	     VALIDATE_ID_PERSONNUMMER},
	    /* '+': a hundred years older than the '-' reading. */
	    {"560312+9809", "18560312-9809", "1856-03-12",
	     VALIDATE_ID_PERSONNUMMER},
	    /* Leap day 2000 (divisible by 400). */
	    {"20000229-1235", "20000229-1235", "2000-02-29",
	     VALIDATE_ID_PERSONNUMMER},
	    {"000229-4569", "20000229-4569", "2000-02-29",
	     VALIDATE_ID_PERSONNUMMER},
	    {"20120229-1231", "20120229-1231", "2012-02-29",
	     VALIDATE_ID_PERSONNUMMER},
	    /* Same year as today: this century; next year: last. */
	    {"260101-2343", "20260101-2343", "2026-01-01",
	     VALIDATE_ID_PERSONNUMMER},
	    {"270101-2342", "19270101-2342", "1927-01-01",
	     VALIDATE_ID_PERSONNUMMER},
	    {"991231-1231", "19991231-1231", "1999-12-31",
	     VALIDATE_ID_PERSONNUMMER},
	    {"121212-1212", "20121212-1212", "2012-12-12",
	     VALIDATE_ID_PERSONNUMMER},
	    /* Samordningsnummer: day + 60 kept in the number. */
	    {"19560372-1233", "19560372-1233", "1956-03-12",
	     VALIDATE_ID_SAMORDNINGSNUMMER},
	    {"560372-1233", "19560372-1233", "1956-03-12",
	     VALIDATE_ID_SAMORDNINGSNUMMER},
	    {"195603915553", "19560391-5553", "1956-03-31",
	     VALIDATE_ID_SAMORDNINGSNUMMER},
	};
	for (size_t i = 0; i < N_ELEMS(cases); i++) {
		char norm[14] = "", birth[11] = "", err[VALIDATE_ERR_MAX];
		enum validate_id_kind kind = (enum validate_id_kind)99;
		if (!validate_pnr(cases[i].in, 2026, norm, birth, &kind, err))
			fail_msg("\"%s\" refused: %s", cases[i].in, err);
		assert_string_equal(norm, cases[i].norm);
		assert_string_equal(birth, cases[i].birth);
		assert_int_equal(kind, cases[i].kind);
		/* Every output may be NULL. */
		assert_true(
		    validate_pnr(cases[i].in, 2026, NULL, NULL, NULL, NULL));
	}
}

static void test_pnr_century_follows_today(void **state)
{
	(void)state;
	char norm[14];
	/* In 2010, "12" is 1912; in 2012 and later it is 2012. */
	assert_true(validate_pnr("121212-1212", 2010, norm, NULL, NULL, NULL));
	assert_string_equal(norm, "19121212-1212");
	assert_true(validate_pnr("121212-1212", 2012, norm, NULL, NULL, NULL));
	assert_string_equal(norm, "20121212-1212");
	assert_true(validate_pnr("121212+1212", 2012, norm, NULL, NULL, NULL));
	assert_string_equal(norm, "19121212-1212");
	/* 000229 is 2000-02-29 with '-', 1900-02-29 (no leap day) with '+'. */
	assert_true(validate_pnr("000229-4569", 2026, NULL, NULL, NULL, NULL));
	assert_false(validate_pnr("000229+4569", 2026, NULL, NULL, NULL, NULL));
}

static void test_pnr_invalid(void **state)
{
	(void)state;
	static const struct bad cases[] = {
	    {"19560312-9808", "Luhn"},
	    {"19560312-9800", "Luhn"},
	    {"560312-9801", "Luhn"},
	    {"19560372-1234", "Luhn"},
	    /* 1900 is not a leap year (divisible by 100, not by 400). */
	    {"19000229-2381", "calendar"},
	    {"000229+2381", "calendar"},
	    {"20130229-1230", "calendar"},
	    {"19560230-9809", "calendar"},
	    {"19560431-9809", "calendar"},
	    {"19560491-5552", "calendar"}, /* April 31 + 60 */
	    {"19561312-9809", "month"},
	    {"19560012-9809", "month"},
	    {"19560300-9809", "day"},
	    {"19560332-9809", "day"},
	    {"19560360-5550", "day"},
	    {"19560392-9809", "day"},
	    {"1956031A-9809", "expected"},
	    {"19560312-98O9", "expected"},
	    {"ABCDEFGH-IJKL", "expected"},
	    {"560312-980", "expected"},
	    {"5603129809", "separator"},
	    {"19560312+9809", "'-'"},
	    {"19560312 9809", "expected"},
	    {"560312*9809", "expected"},
	    {" 19560312-9809", "expected"},
	    {"19560312-9809 ", "expected"},
	    {"", "expected"},
	};
	for (size_t i = 0; i < N_ELEMS(cases); i++) {
		char err[VALIDATE_ERR_MAX] = "";
		char norm[14] = "unchanged";
		if (validate_pnr(cases[i].in, 2026, norm, NULL, NULL, err))
			fail_msg("\"%s\" accepted", cases[i].in);
		if (!strstr(err, cases[i].msg))
			fail_msg("\"%s\": \"%s\" lacks \"%s\"", cases[i].in,
				 err, cases[i].msg);
		/* Outputs stay untouched and the number is not echoed. */
		assert_string_equal(norm, "unchanged");
		assert_null(strstr(err, "9809"));
		assert_null(strstr(err, "1956"));
		assert_false(
		    validate_pnr(cases[i].in, 2026, NULL, NULL, NULL, NULL));
	}
	assert_false(validate_pnr(NULL, 2026, NULL, NULL, NULL, NULL));
}

static void test_pnr_mask(void **state)
{
	(void)state;
	char out[14];
	validate_pnr_mask("19560312-9809", out);
	assert_string_equal(out, "19560312-****");
	validate_pnr_mask("19560372-1233", out);
	assert_string_equal(out, "19560372-****");
	/* Malformed input never leaks more than digits of the date part. */
	const char partial[14] = "1956";
	validate_pnr_mask(partial, out);
	assert_string_equal(out, "1956****-****");
	const char letters[14] = "1956O312-9809";
	validate_pnr_mask(letters, out);
	assert_string_equal(out, "1956*312-****");
	const char empty[14] = "";
	validate_pnr_mask(empty, out);
	assert_string_equal(out, "********-****");
	validate_pnr_mask(NULL, out);
	assert_string_equal(out, "********-****");
}

/* ---- Dates ------------------------------------------------------------- */

static bool date_no_today(const char *s, char *err)
{
	return validate_date(s, NULL, err);
}

static void test_date_table(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "2018-03-01", "2000-02-29", "2024-02-29", "1900-01-01",
	    "2199-12-31", "2026-04-30", "2026-12-31", "1956-03-12",
	};
	static const struct bad bad[] = {
	    {"våren 2018", "YYYY-MM-DD"},
	    {"2018-02-30", "day 30 does not exist in month 02"},
	    {"1900-02-29", "day 29 does not exist in month 02"},
	    {"2023-02-29", "day 29 does not exist in month 02"},
	    {"2026-04-31", "day 31 does not exist in month 04"},
	    {"2018-2-3", "YYYY-MM-DD"},
	    {"2018-02-3", "YYYY-MM-DD"},
	    {"18-02-03", "YYYY-MM-DD"},
	    {"2018/02/03", "YYYY-MM-DD"},
	    {"20180203", "YYYY-MM-DD"},
	    {"2018-02-03T10:00", "YYYY-MM-DD"},
	    {" 2018-02-03", "YYYY-MM-DD"},
	    {"", "YYYY-MM-DD"},
	    {"2018-13-01", "month"},
	    {"2018-00-10", "month"},
	    {"2018-01-00", "day"},
	    {"2018-01-32", "day"},
	    {"1899-12-31", "1900–2199"},
	    {"2200-01-01", "1900–2199"},
	    {"0000-01-01", "1900–2199"},
	};
	CHECK_TABLE(date_no_today, good, bad);
	assert_false(validate_date(NULL, NULL, NULL));
}

static void test_date_future(void **state)
{
	(void)state;
	char err[VALIDATE_ERR_MAX] = "";
	const char *today = "2026-10-28";
	assert_true(validate_date("2026-10-28", today, err));
	assert_true(validate_date("2026-10-27", today, err));
	assert_true(validate_date("1956-03-12", today, err));
	assert_false(validate_date("2026-10-29", today, err));
	assert_string_equal(err, "date is in the future");
	err[0] = '\0';
	assert_false(validate_date("2027-01-05", today, err));
	assert_string_equal(err, "date is in the future");
	assert_false(validate_date("2026-11-01", today, NULL));
	/* Without today there is no future. */
	assert_true(validate_date("2199-12-31", NULL, NULL));
	/* A malformed date is reported as such, not as future. */
	assert_false(validate_date("2030-02-30", today, err));
	assert_non_null(strstr(err, "does not exist"));
}

static void test_date_diff(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b;
		long days;
	} cases[] = {
	    {"2026-10-28", "2026-10-28", 0},
	    {"2026-10-27", "2026-10-28", 1},
	    {"2026-10-28", "2026-10-27", -1},
	    {"2026-01-01", "2027-01-01", 365},
	    {"2024-01-01", "2025-01-01", 366},
	    {"2024-02-28", "2024-03-01", 2},
	    {"2023-02-28", "2023-03-01", 1},
	    {"1900-02-28", "1900-03-01", 1},
	    {"2000-02-28", "2000-03-01", 2},
	    {"1999-12-31", "2000-01-01", 1},
	    {"1970-01-01", "2000-01-01", 10957},
	    {"1900-01-01", "2000-01-01", 36524},
	    {"2000-01-01", "2100-01-01", 36525},
	    {"2026-10-14", "2026-10-28", 14},
	    {"2026-12-31", "2026-01-01", -364},
	};
	for (size_t i = 0; i < N_ELEMS(cases); i++) {
		long d = validate_date_diff(cases[i].a, cases[i].b);
		if (d != cases[i].days)
			fail_msg("%s → %s: %ld, expected %ld", cases[i].a,
				 cases[i].b, d, cases[i].days);
	}
	/* Outside the contract the answer is 0, not garbage. */
	assert_int_equal(validate_date_diff("2018-02-30", "2018-03-01"), 0);
	assert_int_equal(validate_date_diff("2018-03-01", "våren"), 0);
	assert_int_equal(validate_date_diff(NULL, "2018-03-01"), 0);
}

/* ---- Codes ------------------------------------------------------------- */

static void test_icd10(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "C34",   "C34.1", "C50.91", "D48.7", "C00",	  "C97",
	    "D00.0", "E11.9", "B20",	"C18.A", "Z51.1", "C80.9",
	};
	static const struct bad bad[] = {
	    {"C3A.1", "two digits"},
	    {"c34.1", "upper case"},
	    {"34.1", "letter"},
	    {"C3", "two digits"},
	    {"C341", "'.'"},
	    {"C34.", "after '.'"},
	    {"C34.123", "at most two"},
	    {"C34.a", "after '.'"},
	    {"C34,1", "'.'"},
	    {"C34.1 ", ""},
	    {"", ""},
	};
	CHECK_TABLE(validate_icd10, good, bad);
}

static void test_icd10_neoplasm(void **state)
{
	(void)state;
	static const char *const in[] = {
	    "C00", "C00.0", "C34.1", "C50.91", "C97",
	    "D00", "D09.9", "D37.1", "D48",    "D48.7",
	};
	static const char *const out[] = {
	    "D49", "D49.0", "D50", "E11", "E11.9", "B20",
	    "A00", "Z51.1", "C3A", "c34", "",	   "D4",
	};
	for (size_t i = 0; i < N_ELEMS(in); i++)
		if (!validate_icd10_is_neoplasm(in[i]))
			fail_msg("%s not a neoplasm", in[i]);
	for (size_t i = 0; i < N_ELEMS(out); i++)
		if (validate_icd10_is_neoplasm(out[i]))
			fail_msg("%s taken as a neoplasm", out[i]);
	assert_false(validate_icd10_is_neoplasm(NULL));
}

static void test_icdo3(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "8140/3", "8000/0", "8500/2", "9999/9", "8010/6", "9590/1",
	};
	static const struct bad bad[] = {
	    {"814/3", "four digits"},	{"81400/3", "four digits"},
	    {"8140-3", "four digits"},	{"8140/", "four digits"},
	    {"8140/33", "four digits"}, {"7140/3", "8 or 9"},
	    {"0140/3", "8 or 9"},	{"8140/4", "behaviour"},
	    {"8140/5", "behaviour"},	{"8140/7", "behaviour"},
	    {"8140/A", "four digits"},	{"", "four digits"},
	};
	CHECK_TABLE(validate_icdo3, good, bad);
}

static void test_gene(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "EGFR",
	    "ERBB2",
	    "C11orf65",
	    "HLA-A",
	    "TP53",
	    "KRAS",
	    "NKX2-1",
	    "BRCA1",
	    "CXorf21",
	    "H3-3A",
	    "ABCDEFGHIJKLMNOPQRST", /* 20 characters */
	};
	static const struct bad bad[] = {
	    {"egfr", "upper-case"},
	    {"Egfr", "only"},
	    {"1ABC", "upper-case"},
	    {"-EGFR", "upper-case"},
	    {"ABCDEFGHIJKLMNOPQRSTU", "20"},
	    {"C11orf65C11orf65C11orf", "orf"},
	    {"C11orf", "orf"},
	    {"EGFR-", "'-'"},
	    {"HLA--A", "'-'"},
	    {"EGFR ", "only"},
	    {"EG_FR", "only"},
	    {"ÅSA", "upper-case"},
	    {"", "empty"},
	};
	CHECK_TABLE(validate_gene, good, bad);
	assert_false(validate_gene(NULL, NULL));
}

static void test_language(void **state)
{
	(void)state;
	static const char *const good[] = {"sv", "en", "ar",  "fi",
					   "so", "fa", "smj", "fit"};
	static const struct bad bad[] = {
	    {"", "ISO 639"},	  {"s", "ISO 639"},    {"SV", "ISO 639"},
	    {"sv-SE", "ISO 639"}, {"swed", "ISO 639"}, {"s1", "ISO 639"},
	    {"sv ", "ISO 639"},	  {"å", "ISO 639"},
	};
	CHECK_TABLE(validate_language, good, bad);
}

/* ---- HGVS -------------------------------------------------------------- */

static void test_hgvs_c(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "c.2573T>G",
	    "c.2235_2249del",
	    "c.2235_2249delGGAATTAAGAGAAGC",
	    "c.2369C>T",
	    "c.-14G>A",
	    "c.1234+1G>A",
	    "c.1234-2A>G",
	    "c.-15+2T>C",
	    "c.*35del",
	    "c.*35_*37del",
	    "c.5266dup",
	    "c.5266dupC",
	    "c.68_69delinsTT",
	    "c.68delinsTT",
	    "c.123_124insA",
	    "c.123_124insNNNN",
	    "c.100+1_100+2insT",
	    "c.-1_1insA",
	    "c.100_200inv",
	    "c.=",
	    "c.123A=",
	    "c.123=",
	    "c.743G>A",
	    "c.1234+1_1234+10del",
	    "c.1233_1234+2del",
	    "c.-20_*5del",
	};
	static const struct bad bad[] = {
	    {"2573T>G", "expected c. prefix"},
	    {"g.2573T>G", "expected c. prefix"},
	    {"C.2573T>G", "expected c. prefix"},
	    {"c2573T>G", "expected c. prefix"},
	    {"", "expected c. prefix"},
	    {"c.", "position must be a number"},
	    {"c.T2573G", "position must be a number"},
	    {"c.0A>G", "position must be a number from 1"},
	    {"c.0123A>G", "from 1"},
	    {"c.2573t>g", "nucleotide"},
	    {"c.2573T>g", "nucleotide"},
	    {"c.2573T>X", "nucleotide"},
	    {"c.2573T>T", "same"},
	    {"c.2573T>GA", "trailing characters"},
	    {"c.2573>G", "unknown edit"},
	    {"c.2573", "missing edit"},
	    {"c.2573T", "unknown edit"},
	    {"c.2573foo", "unknown edit"},
	    {"c.123ins", "flanking"},
	    {"c.123insA", "flanking"},
	    {"c.123_124ins", "after ins"},
	    {"c.123_124insa", "after ins"},
	    {"c.123_125insA", "neighbouring"},
	    {"c.100inv", "range"},
	    {"c.200_100del", "range"},
	    {"c.100_100del", "range"},
	    {"c.100_101A>G", "single position"},
	    {"c.68_69delins", "after delins"},
	    {"c.1234+G>A", "offset must be a number"},
	    {"c.1234+0G>A", "offset"},
	    {"c.1234567890A>G", "too large"},
	    {"c. 2573T>G", "position must be a number"},
	    {"c.2573T>G ", "trailing characters"},
	    {"c.2573T>G;2574A>C", "trailing characters"},
	    {"c.(2573)T>G", "position must be a number"},
	    {"c.2573_", "position must be a number"},
	    {"c.2235_2249delXYZ", "trailing characters"},
	};
	CHECK_TABLE(validate_hgvs_c, good, bad);
	assert_false(validate_hgvs_c(NULL, NULL));
}

static void test_hgvs_g(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "g.55191822T>G",  "g.55174772_55174786del", "g.123dup",
	    "g.123_124insAC", "g.100_200inv",		"g.=",
	    "g.7577120C>T",   "g.123_125delinsG",
	};
	static const struct bad bad[] = {
	    {"c.55191822T>G", "expected g. prefix"},
	    {"55191822T>G", "expected g. prefix"},
	    {"g.123+1G>A", "intronic offsets"},
	    {"g.123-1G>A", "intronic offsets"},
	    {"g.-14G>A", "plain numbers"},
	    {"g.*35del", "plain numbers"},
	    {"g.T123G", "position must be a number"},
	    {"g.123T>U", "nucleotide"},
	    {"g.123_124ins", "after ins"},
	    {"g.55191822T>G!", "trailing characters"},
	};
	CHECK_TABLE(validate_hgvs_g, good, bad);
}

static void test_hgvs_p(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "p.Leu858Arg",
	    "p.L858R",
	    "p.(Leu858Arg)",
	    "p.(L858R)",
	    "p.Glu746_Ala750del",
	    "p.E746_A750del",
	    "p.(Glu746_Ala750del)",
	    "p.Gly12Cys",
	    "p.G12C",
	    "p.Val600Glu",
	    "p.V600E",
	    "p.Arg1441Ter",
	    "p.Arg1441*",
	    "p.R1441*",
	    "p.R1441X",
	    "p.Lys1690fs",
	    "p.K1690fs",
	    "p.Ser2fsTer5",
	    "p.Ser2fs*5",
	    "p.S2fs*5",
	    "p.Arg97ProfsTer23",
	    "p.R97Pfs*23",
	    "p.(Arg97ProfsTer23)",
	    "p.Arg97fsTer?",
	    "p.Met1?",
	    "p.(Met1?)",
	    "p.?",
	    "p.0",
	    "p.0?",
	    "p.=",
	    "p.(=)",
	    "p.Leu858=",
	    "p.Ala767_Val769dup",
	    "p.A767_V769dup",
	    "p.Lys1690dup",
	    "p.His773_Val774insAsnProHis",
	    "p.H773_V774insNPH",
	    "p.Glu746_Ser752delinsVal",
	    "p.E746_S752delinsV",
	    "p.Cys28delinsTrpVal",
	    "p.Arg248Gln",
	    "p.Sec100Cys",
	    "p.Xaa10Gly",
	    "p.Ter110GlnextTer17",
	    "p.*110Glnext*17",
	    "p.Met1ext-5",
	    "p.Gly719Ala",
	};
	static const struct bad bad[] = {
	    {"L858R", "expected p. prefix"},
	    {"c.Leu858Arg", "expected p. prefix"},
	    {"P.Leu858Arg", "expected p. prefix"},
	    {"p.", "unknown amino acid"},
	    {"p.Ex19del", "exon"},
	    {"p.exon19del", "exon"},
	    {"p.Leu858Xyz", "unknown amino acid"},
	    {"p.Xyz858Arg", "unknown amino acid"},
	    {"p.leu858arg", "unknown amino acid"},
	    {"p.l858r", "unknown amino acid"},
	    {"p.B858R", "unknown amino acid"},
	    {"p.LEU858ARG", "position must be a number"},
	    {"p.Leu858R", "mix"},
	    {"p.L858Arg", "mix"},
	    {"p.R1441Ter", "mix"},
	    {"p.E746_Ala750del", "mix"},
	    {"p.Leu", "position must be a number"},
	    {"p.LeuArg", "position must be a number"},
	    {"p.858Arg", "unknown amino acid"},
	    {"p.Leu0Arg", "from 1"},
	    {"p.Leu858", "missing edit"},
	    {"p.(Leu858)", "missing edit"},
	    {"p.Leu858Leu", "synonymous"},
	    {"p.L858L", "synonymous"},
	    {"p.(Leu858Arg", "missing closing parenthesis"},
	    {"p.Leu858Arg)", "trailing characters"},
	    {"p.(Leu858Arg))", "trailing characters"},
	    {"p.Leu858Arg ", "trailing characters"},
	    {"p.Leu858ArgGly", "trailing characters"},
	    {"p.Leu858foo", "unknown edit"},
	    {"p.Ala750_Glu746del", "range"},
	    {"p.Glu746_Glu746del", "range"},
	    {"p.His773insAsn", "flanking"},
	    {"p.His773_Val775insAsn", "neighbouring"},
	    {"p.His773_Val774ins", "after ins"},
	    {"p.Glu746_Ser752delins", "after delins"},
	    {"p.Glu746_Ser752fs", "range"},
	    {"p.Ser2fsTer", "must be a number"},
	    {"p.Ser2fsTer0", "from 1"},
	    {"p.S2fsTer5", "mix"},
	    {"p.Met1ext", "Ter"},
	    {"p.(?)", "unknown amino acid"},
	    {"p.Leu858Arg;Gly12Cys", "trailing characters"},
	    {"p.[Leu858Arg]", "unknown amino acid"},
	    {"", "expected p. prefix"},
	};
	CHECK_TABLE(validate_hgvs_p, good, bad);
	assert_true(N_ELEMS(good) >= 25 && N_ELEMS(bad) >= 25);
	assert_false(validate_hgvs_p(NULL, NULL));
}

/* ---- TNM and stage ----------------------------------------------------- */

static void test_tnm_t(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "TX",    "T0",   "Tis",  "T1mi",   "T1",	 "T1a",	    "T1b",
	    "T1c",   "T2",   "T2a",  "T2b",    "T3",	 "T4",	    "T4a",
	    "T4b",   "T4c",  "T4d",  "T4e",    "cT2a",	 "pT1c",    "ycT3",
	    "ypT0",  "rT2",  "aT4",  "pT1(m)", "pT2(2)", "T1b(12)", "pTis(m)",
	    "cT1mi", "pT3b", "cT2c", "T3a",    "T1d",	 "T4d",
	};
	static const struct bad bad[] = {
	    {"T9", "T category"},   {"T5", "T category"},
	    {"T2e", "T category"},  {"T3e", "T category"},
	    {"T1e", "T category"},  {"T4f", "T category"},
	    {"T", "T category"},    {"Tx", "T category"},
	    {"T1A", "T category"},  {"t2", "letter T"},
	    {"2", "letter T"},	    {"N1", "letter T"},
	    {"xT2", "prefix"},	    {"yT2", "prefix"},
	    {"pcT2", "prefix"},	    {"cT2 ", "T category"},
	    {"T1(1)", "2 or more"}, {"T1(m", "closing"},
	    {"T1()", "number"},	    {"T1(m)(2)", "trailing"},
	    {"TX(m)", "TX and T0"}, {"", "letter T"},
	};
	CHECK_TABLE(validate_tnm_t, good, bad);
}

static void test_tnm_n(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "NX",  "N0",  "N1",	 "N1mi",  "N1a",  "N1b", "N1c",
	    "N2",  "N2a", "N2b", "N2c",	  "N3",	  "N3a", "N3b",
	    "N3c", "cN2", "pN0", "ypN1a", "ycN0", "rN1", "aN3",
	};
	static const struct bad bad[] = {
	    {"N4", "N category"},     {"N1d", "N category"},
	    {"N3d", "N category"},    {"N2mi", "N category"},
	    {"N0(sn)", "N category"}, {"N", "N category"},
	    {"n1", "letter N"},	      {"T1", "letter N"},
	    {"xN1", "prefix"},	      {"", "letter N"},
	};
	CHECK_TABLE(validate_tnm_n, good, bad);
}

static void test_tnm_m(void **state)
{
	(void)state;
	static const char *const good[] = {"MX",  "M0",	 "M1",	 "M1a",
					   "M1b", "M1c", "M1d",	 "cM1b",
					   "pM1", "cM0", "ypM1c"};
	static const struct bad bad[] = {
	    {"M2", "M category"}, {"M1e", "M category"}, {"M", "M category"},
	    {"m1", "letter M"},	  {"M1 ", "M category"}, {"qM1", "prefix"},
	    {"", "letter M"},
	};
	CHECK_TABLE(validate_tnm_m, good, bad);
}

static void test_stage(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "0",    "I",     "IA",  "IA1", "IA2", "IA3",  "IB",
	    "II",   "IIA",   "IIB", "IIC", "III", "IIIA", "IIIB",
	    "IIIC", "IIIC1", "IV",  "IVA", "IVB", "IVC",  "okänt",
	};
	static const struct bad bad[] = {
	    {"V", "stage"},	{"IIII", "stage"},  {"IVD", "stage"},
	    {"IA0", "stage"},	{"I1", "stage"},    {"IA12", "stage"},
	    {"ia", "stage"},	{"4", "stage"},	    {"Stage IV", "stage"},
	    {"okant", "stage"}, {"Okänt", "stage"}, {"", "stage"},
	    {"00", "stage"},	{"IV ", "stage"},
	};
	CHECK_TABLE(validate_stage, good, bad);
}

/* ---- ECOG, numbers ----------------------------------------------------- */

static void test_ecog(void **state)
{
	(void)state;
	static const char *const bad[] = {"6", "7",  "-1", "1.0", "",
					  "a", "01", "1 ", " 1",  "10"};
	char err[VALIDATE_ERR_MAX];
	for (int v = 0; v <= 5; v++) {
		char in[2] = {(char)('0' + v), '\0'};
		int out = -1;
		assert_true(validate_ecog(in, &out, err));
		assert_int_equal(out, v);
	}
	assert_true(validate_ecog("3", NULL, NULL));
	for (size_t i = 0; i < N_ELEMS(bad); i++) {
		int out = 42;
		err[0] = '\0';
		if (validate_ecog(bad[i], &out, err))
			fail_msg("ECOG \"%s\" accepted", bad[i]);
		assert_string_equal(err, "ECOG must be a whole number 0–5");
		assert_int_equal(out, 42);
		assert_false(validate_ecog(bad[i], NULL, NULL));
	}
	assert_false(validate_ecog(NULL, NULL, err));
}

static void test_number_valid(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		double min, max, want;
	} cases[] = {
	    {"0.5", 0, 1, 0.5},
	    {"0", 0, 1, 0},
	    {"1", 0, 1, 1},
	    {"0.31", 0, 1, 0.31},
	    {"1.000", 0, 1, 1},
	    {"-1", -5, 5, -1},
	    {"-0.25", -1, 0, -0.25},
	    {"-0", 0, 1, 0},
	    {"52", 0, 10000, 52},
	    {"4.2", 0, 10000, 4.2},
	    {"10000", 0, 10000, 10000},
	    {"007", 0, 10, 7},
	    {"0.000001", 0, 1, 0.000001},
	    {"123456789012345", 0, 1e15, 123456789012345.0},
	    {"0.123456789012345", 0, 1, 0.123456789012345},
	    {"0.10000000000000000000", 0, 1, 0.1},
	    {"3.14159", 3, 4, 3.14159},
	};
	for (size_t i = 0; i < N_ELEMS(cases); i++) {
		double out = -99;
		char err[VALIDATE_ERR_MAX] = "";
		if (!validate_number(cases[i].in, cases[i].min, cases[i].max,
				     &out, err))
			fail_msg("\"%s\" refused: %s", cases[i].in, err);
		/* Parsed exactly like the C library would in the C locale. */
		if (out != cases[i].want)
			fail_msg("\"%s\" gave %.17g", cases[i].in, out);
		assert_true(validate_number(cases[i].in, cases[i].min,
					    cases[i].max, NULL, NULL));
	}
	/* "-0" is stored as plain 0 (no "-0" in printouts). */
	double z = 1;
	assert_true(validate_number("-0", -1, 1, &z, NULL));
	char buf[32];
	snprintf(buf, sizeof(buf), "%g", z);
	assert_string_equal(buf, "0");
}

static void test_number_invalid(void **state)
{
	(void)state;
	/* ".5" is refused on purpose: a bare fraction is easy to misread in
	 * a form, so the message asks for 0.5. */
	static const struct {
		const char *in;
		double min, max;
		const char *msg;
	} cases[] = {
	    {"1,5", 0, 10, "'.'"},
	    {"0,31", 0, 1, "'.' as the decimal mark"},
	    {"1,000", 0, 10000, "'.'"},
	    {"1e3", 0, 10000, "exponent"},
	    {"1E3", 0, 10000, "exponent"},
	    {"1.5e2", 0, 10000, "exponent"},
	    {"", 0, 1, "not a number"},
	    {"-", 0, 1, "not a number"},
	    {".5", 0, 1, "0.5"},
	    {"-.5", -1, 1, "0.5"},
	    {"5.", 0, 10, "after '.'"},
	    {"+1", 0, 10, "'+'"},
	    {"1.2.3", 0, 10, "not a number"},
	    {"abc", 0, 10, "not a number"},
	    {"e3", 0, 10, "not a number"},
	    {"inf", 0, 10, "not a number"},
	    {"nan", 0, 10, "not a number"},
	    {"0x10", 0, 100, "not a number"},
	    {" 1", 0, 10, "not a number"},
	    {"1 ", 0, 10, "not a number"},
	    {"1 000", 0, 10000, "not a number"},
	    {"--1", -10, 10, "not a number"},
	    {"1234567890123456", 0, 1e20, "15"},
	    {"0.1234567890123456", 0, 1, "15"},
	    {"1.4", 0, 1, "must be between 0 and 1"},
	    {"-1", 0, 1, "must be between 0 and 1"},
	    {"-3", 0, 10000, "must be between 0 and 10000"},
	    {"10000.5", 0, 10000, "between"},
	    {"2.5", 0.5, 2.25, "must be between 0.5 and 2.25"},
	};
	for (size_t i = 0; i < N_ELEMS(cases); i++) {
		double out = -99;
		char err[VALIDATE_ERR_MAX] = "";
		if (validate_number(cases[i].in, cases[i].min, cases[i].max,
				    &out, err))
			fail_msg("\"%s\" accepted", cases[i].in);
		if (!strstr(err, cases[i].msg))
			fail_msg("\"%s\": \"%s\" lacks \"%s\"", cases[i].in,
				 err, cases[i].msg);
		assert_true(out == -99);
		assert_false(validate_number(cases[i].in, cases[i].min,
					     cases[i].max, NULL, NULL));
	}
	assert_false(validate_number(NULL, 0, 1, NULL, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pnr_valid),
	    cmocka_unit_test(test_pnr_century_follows_today),
	    cmocka_unit_test(test_pnr_invalid),
	    cmocka_unit_test(test_pnr_mask),
	    cmocka_unit_test(test_date_table),
	    cmocka_unit_test(test_date_future),
	    cmocka_unit_test(test_date_diff),
	    cmocka_unit_test(test_icd10),
	    cmocka_unit_test(test_icd10_neoplasm),
	    cmocka_unit_test(test_icdo3),
	    cmocka_unit_test(test_gene),
	    cmocka_unit_test(test_language),
	    cmocka_unit_test(test_hgvs_c),
	    cmocka_unit_test(test_hgvs_g),
	    cmocka_unit_test(test_hgvs_p),
	    cmocka_unit_test(test_tnm_t),
	    cmocka_unit_test(test_tnm_n),
	    cmocka_unit_test(test_tnm_m),
	    cmocka_unit_test(test_stage),
	    cmocka_unit_test(test_ecog),
	    cmocka_unit_test(test_number_valid),
	    cmocka_unit_test(test_number_invalid),
	};
	return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
