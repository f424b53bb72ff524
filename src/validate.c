/*
 * validate — pure checks of clinical values. See validate.h for the
 * contract. No allocation, no clock, no locale: character classes and number
 * parsing are plain ASCII so results do not depend on the environment.
 */
#include "validate.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "validate_internal.h"

/* Value of n digits at s; the caller has checked they are digits. */
static int digits_at(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static bool all_digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

/* ---- Calendar ---------------------------------------------------------- */

static bool is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(long y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};
	if (m == 2 && is_leap(y))
		return 29;
	return dim[m - 1];
}

/* Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's
 * days_from_civil), valid for any year. */
static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Shape YYYY-MM-DD and a real calendar day, any year. */
static bool parse_date(const char *s, int *y, int *m, int *d, char *err)
{
	if (strlen(s) != 10 || !all_digits(s, 4) || s[4] != '-' ||
	    !all_digits(s + 5, 2) || s[7] != '-' || !all_digits(s + 8, 2))
		return fail(err,
			    _("not a calendar date (expected YYYY-MM-DD)"));
	*y = digits_at(s, 4);
	*m = digits_at(s + 5, 2);
	*d = digits_at(s + 8, 2);
	if (*m < 1 || *m > 12)
		return fail(err, _("month must be 01–12"));
	if (*d < 1 || *d > 31)
		return fail(err, _("day must be 01–31"));
	if (*d > days_in_month(*y, *m)) {
		if (err)
			snprintf(err, VALIDATE_ERR_MAX,
				 _("day %02d does not exist in month %02d"), *d,
				 *m);
		return false;
	}
	return true;
}

bool validate_date(const char *s, const char *today, char *err)
{
	int y, m, d;
	if (!parse_date(s ? s : "", &y, &m, &d, err))
		return false;
	if (y < 1900 || y > 2199)
		return fail(err, _("year must be 1900–2199"));
	/* ISO dates order like strings; today is trusted to be YYYY-MM-DD. */
	if (today && strncmp(s, today, 10) > 0)
		return fail(err, _("date is in the future"));
	return true;
}

long validate_date_diff(const char *a, const char *b)
{
	int ay, am, ad, by, bm, bd;
	/* Outside the contract (an invalid date) the answer is 0. */
	if (!a || !b || !parse_date(a, &ay, &am, &ad, NULL) ||
	    !parse_date(b, &by, &bm, &bd, NULL))
		return 0;
	return days_from_civil(by, bm, bd) - days_from_civil(ay, am, ad);
}

/* ---- Personnummer / samordningsnummer ---------------------------------- */

/* Luhn over ten digits: weights 2,1,2,1,… on the first nine, the tenth is
 * the check digit. */
static bool luhn_ok(const char d[10])
{
	int sum = 0;
	for (int i = 0; i < 9; i++) {
		int v = (d[i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += v / 10 + v % 10;
	}
	return (10 - sum % 10) % 10 == d[9] - '0';
}

bool validate_pnr(const char *s, int today_year, char norm[14], char birth[11],
		  enum validate_id_kind *kind, char *err)
{
	static const char *const shape =
	    N_("expected YYYYMMDD-NNNC or YYMMDD-NNNC");
	const char *ymd;  /* YYMMDD */
	const char *tail; /* NNNC */
	int year;

	if (!s)
		s = "";
	size_t len = strlen(s);
	if (len == 13 && all_digits(s, 8) && all_digits(s + 9, 4)) {
		if (s[8] == '+')
			return fail(err, _("use '-' with a four-digit year"));
		if (s[8] != '-')
			return fail(err, shape);
		ymd = s + 2;
		tail = s + 9;
		year = digits_at(s, 4);
	} else if (len == 12 && all_digits(s, 12)) {
		ymd = s + 2;
		tail = s + 8;
		year = digits_at(s, 4);
	} else if (len == 11 && all_digits(s, 6) && all_digits(s + 7, 4)) {
		if (s[6] != '-' && s[6] != '+')
			return fail(err, shape);
		ymd = s;
		tail = s + 7;
		/* Latest century not after today_year; '+' means 100 years
		 * older still. */
		year = today_year - today_year % 100 + digits_at(s, 2);
		if (year > today_year)
			year -= 100;
		if (s[6] == '+')
			year -= 100;
	} else if (len == 10 && all_digits(s, 10)) {
		return fail(err, _("separator missing (expected YYMMDD-NNNC)"));
	} else {
		return fail(err, shape);
	}
	if (year < 0 || year > 9999)
		return fail(err, _("birth year out of range"));

	int month = digits_at(ymd + 2, 2);
	int day = digits_at(ymd + 4, 2);
	bool coord = day >= 61 && day <= 91;
	int real_day = coord ? day - 60 : day;
	if (month < 1 || month > 12)
		return fail(err, _("month in the date part must be 01–12"));
	if (real_day < 1 || real_day > 31 || (day > 31 && !coord))
		return fail(err, _("day in the date part must be 01–31 "
				   "(61–91 for a samordningsnummer)"));
	if (real_day > days_in_month(year, month))
		return fail(err, _("the date part is not a calendar date"));

	char ten[10];
	memcpy(ten, ymd, 6);
	memcpy(ten + 6, tail, 4);
	if (!luhn_ok(ten))
		return fail(err, _("check digit does not match (Luhn)"));

	if (norm) {
		norm[0] = (char)('0' + year / 1000);
		norm[1] = (char)('0' + year / 100 % 10);
		memcpy(norm + 2, ten, 6);
		norm[8] = '-';
		memcpy(norm + 9, tail, 4);
		norm[13] = '\0';
	}
	if (birth) {
		birth[0] = (char)('0' + year / 1000);
		birth[1] = (char)('0' + year / 100 % 10);
		birth[2] = ten[0];
		birth[3] = ten[1];
		birth[4] = '-';
		birth[5] = ten[2];
		birth[6] = ten[3];
		birth[7] = '-';
		birth[8] = (char)('0' + real_day / 10);
		birth[9] = (char)('0' + real_day % 10);
		birth[10] = '\0';
	}
	if (kind)
		*kind = coord ? VALIDATE_ID_SAMORDNINGSNUMMER
			      : VALIDATE_ID_PERSONNUMMER;
	return true;
}

bool validate_pnr_partial(const char *s)
{
	if (!s)
		return false;
	s += strspn(s, " \t");
	size_t n = strcspn(s, " \t");
	if ((n != 8 && n != 6) || s[n + strspn(s + n, " \t")] ||
	    !all_digits(s, (int)n))
		return false;
	const char *md = s + n - 4; /* MMDD */
	int month = digits_at(md, 2), day = digits_at(md + 2, 2);
	if (day > 60)
		day -= 60; /* a samordningsnummer's */
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* Anything but a digit in the date part (or a short string) becomes '*', so
 * the output is always 13 characters and never more than the birth date. */
void validate_pnr_mask(const char norm[14], char out[14])
{
	bool end = norm == NULL;
	for (int i = 0; i < 8; i++) {
		if (!end && norm[i] == '\0')
			end = true;
		out[i] = !end && is_digit(norm[i]) ? norm[i] : '*';
	}
	memcpy(out + 8, "-****", 6);
}

/* ---- ICD-10, ICD-O-3, genes, languages --------------------------------- */

bool validate_icd10(const char *s, char *err)
{
	if (!s)
		s = "";
	if (is_lower(s[0]))
		return fail(err,
			    _("the letter must be upper case (e.g. C34.1)"));
	if (!is_upper(s[0]) || !is_digit(s[1]) || !is_digit(s[2]))
		return fail(err, _("expected a letter and two digits "
				   "(e.g. C34 or C34.1)"));
	if (s[3] == '\0')
		return true;
	if (s[3] != '.')
		return fail(err,
			    _("expected '.' after the category (e.g. C34.1)"));
	int n = 0;
	for (const char *p = s + 4; *p; p++, n++)
		if (!is_digit(*p) && !is_upper(*p))
			return fail(err, _("expected one or two digits or "
					   "upper-case letters after '.'"));
	if (n == 0)
		return fail(err, _("expected one or two characters after '.'"));
	if (n > 2)
		return fail(err, _("at most two characters after '.'"));
	return true;
}

bool validate_icd10_is_neoplasm(const char *s)
{
	if (!validate_icd10(s, NULL))
		return false;
	return s[0] == 'C' || (s[0] == 'D' && digits_at(s + 1, 2) <= 48);
}

bool validate_icdo3(const char *s, char *err)
{
	if (!s)
		s = "";
	if (strlen(s) != 6 || !all_digits(s, 4) || s[4] != '/' ||
	    !is_digit(s[5]))
		return fail(err, _("expected four digits, '/' and a behaviour "
				   "code (e.g. 8140/3)"));
	if (s[0] != '8' && s[0] != '9')
		return fail(err, _("morphology code must start with 8 or 9"));
	if (!strchr("012369", s[5]))
		return fail(err,
			    _("behaviour code must be 0, 1, 2, 3, 6 or 9"));
	return true;
}

bool validate_gene(const char *s, char *err)
{
	if (!s || !*s)
		return fail(err, _("gene symbol is empty"));
	if (!is_upper(s[0]))
		return fail(err, _("gene symbol must start with an upper-case "
				   "letter"));
	size_t n = 1;
	const char *p = s + 1;
	while (*p) {
		if (starts(p, "orf")) {
			p += 3;
			n += 3;
			if (!is_digit(*p))
				return fail(err,
					    _("\"orf\" must be followed by "
					      "a number (e.g. C11orf65)"));
			continue;
		}
		if (*p == '-') {
			if (p[-1] == '-' || p[1] == '\0')
				return fail(err, _("'-' must stand between "
						   "letters or digits"));
		} else if (!is_upper(*p) && !is_digit(*p)) {
			return fail(err, _("gene symbol may contain only "
					   "upper-case letters, digits, '-' "
					   "and \"orf\""));
		}
		p++;
		n++;
	}
	if (n > 20)
		return fail(err, _("gene symbol has at most 20 characters"));
	return true;
}

bool validate_language(const char *s, char *err)
{
	if (!s)
		s = "";
	size_t n = strlen(s);
	if (n < 2 || n > 3 || !is_lower(s[0]) || !is_lower(s[1]) ||
	    (n == 3 && !is_lower(s[2])))
		return fail(err, _("language must be two or three lower-case "
				   "letters (ISO 639, e.g. sv)"));
	return true;
}

/* ---- TNM and stage ----------------------------------------------------- */

/* Optional c, p, yc, yp, r or a, then the category letter. */
static bool tnm_prefix(const char **pp, char letter, char *err)
{
	static const char *const prefixes[] = {"yc", "yp", "c", "p", "r", "a"};
	const char *p = *pp;
	size_t n = 0;
	while (is_lower(p[n]))
		n++;
	if (n > 0 && p[n - 1] == letter - 'A' + 'a') {
		if (err)
			snprintf(err, VALIDATE_ERR_MAX,
				 _("write the letter %c in upper case"),
				 letter);
		return false;
	}
	if (n > 0) {
		bool known = false;
		for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]);
		     i++)
			if (strlen(prefixes[i]) == n &&
			    strncmp(p, prefixes[i], n) == 0)
				known = true;
		if (!known)
			return fail(err,
				    _("prefix must be c, p, yc, yp, r or a"));
	}
	if (p[n] != letter) {
		if (err)
			snprintf(err, VALIDATE_ERR_MAX,
				 _("expected the letter %c (e.g. c%c1)"),
				 letter, letter);
		return false;
	}
	*pp = p + n + 1;
	return true;
}

/* Length of the entry of list that equals the start of p, longest first. */
static size_t match_list(const char *p, const char *const *list)
{
	size_t best = 0;
	for (size_t i = 0; list[i]; i++) {
		size_t n = strlen(list[i]);
		if (n > best && strncmp(p, list[i], n) == 0)
			best = n;
	}
	return best;
}

bool validate_tnm_t(const char *s, char *err)
{
	/* Every organ chapter's subdivisions: melanoma T3b, prostate T2c,
	 * breast T4d, bladder T4b and so on. */
	static const char *const cats[] = {
	    "X",  "0",	"is", "1mi", "1",  "1a", "1b", "1c", "1d",
	    "2",  "2a", "2b", "2c",  "2d", "3",	 "3a", "3b", "3c",
	    "3d", "4",	"4a", "4b",  "4c", "4d", "4e", NULL};
	static const char *const bad =
	    N_("not a TNM 8 T category (TX, T0, Tis, T1mi, T1–T4 with "
	       "a–e where defined)");
	const char *p = s ? s : "";
	if (!tnm_prefix(&p, 'T', err))
		return false;
	size_t n = match_list(p, cats);
	if (n == 0)
		return fail(err, bad);
	bool suffix_ok = p[0] != 'X' && p[0] != '0';
	p += n;
	if (*p == '\0')
		return true;
	if (*p != '(')
		return fail(err, bad);
	if (!suffix_ok)
		return fail(err, _("TX and T0 take no (m) or count suffix"));
	p++;
	if (*p == 'm') {
		p++;
	} else {
		long count;
		if (!parse_count(&p, &count, _("tumour count"), err))
			return false;
		if (count < 2)
			return fail(err, _("tumour count must be 2 or more"));
	}
	if (*p != ')')
		return fail(err, _("missing closing parenthesis"));
	if (*++p)
		return fail(err, _("trailing characters"));
	return true;
}

bool validate_tnm_n(const char *s, char *err)
{
	static const char *const cats[] = {"X",	 "0",  "1",  "1mi", "1a", "1b",
					   "1c", "2",  "2a", "2b",  "2c", "3",
					   "3a", "3b", "3c", NULL};
	const char *p = s ? s : "";
	if (!tnm_prefix(&p, 'N', err))
		return false;
	size_t n = match_list(p, cats);
	if (n == 0 || p[n] != '\0')
		return fail(err, _("not a TNM 8 N category (NX, N0, N1mi, "
				   "N1–N3 with a–c)"));
	return true;
}

bool validate_tnm_m(const char *s, char *err)
{
	static const char *const cats[] = {"X",	 "0",  "1",  "1a",
					   "1b", "1c", "1d", NULL};
	const char *p = s ? s : "";
	if (!tnm_prefix(&p, 'M', err))
		return false;
	size_t n = match_list(p, cats);
	if (n == 0 || p[n] != '\0')
		return fail(err, _("not a TNM 8 M category (MX, M0, M1, "
				   "M1a–M1d)"));
	return true;
}

bool validate_stage(const char *s, char *err)
{
	static const char *const romans[] = {"I", "II", "III", "IV", NULL};
	const char *p = s ? s : "";
	if (strcmp(p, "0") == 0 || strcmp(p, "okänt") == 0)
		return true;
	size_t n = match_list(p, romans);
	if (n > 0) {
		p += n;
		if (*p >= 'A' && *p <= 'C') {
			p++;
			if (*p >= '1' && *p <= '9')
				p++;
		}
		if (*p == '\0')
			return true;
	}
	return fail(err, _("stage must be 0, I–IV with optional A–C and a "
			   "digit (IA1, IIIB), or okänt"));
}

/* ---- ECOG and numbers -------------------------------------------------- */

bool validate_ecog(const char *s, int *out, char *err)
{
	if (!s || s[0] < '0' || s[0] > '5' || s[1] != '\0')
		return fail(err, _("ECOG must be a whole number 0–5"));
	if (out)
		*out = s[0] - '0';
	return true;
}

bool validate_lansky(const char *s, int *out, char *err)
{
	size_t n = s ? strspn(s, "0123456789") : 0;
	int v = n >= 1 && n <= 3 && !s[n] ? atoi(s) : -1;
	if (v < 0 || v > 100 || v % 10 != 0 || (n > 1 && s[0] == '0'))
		return fail(err, _("Lansky must be a whole number 0–100 in "
				   "steps of 10"));
	if (out)
		*out = v;
	return true;
}

/*
 * Hand-written so that the decimal mark is '.' whatever the locale. At most
 * 15 significant digits (leading zeros and trailing fractional zeros do not
 * count), so the mantissa is an exact double and one division by an exact
 * power of ten rounds correctly for up to 22 fractional digits.
 */
static bool number_in(const char *s, double min, double max, double *out,
		      char *err, bool typed)
{
	const char *p = s ? s : "";
	bool neg = *p == '-';
	if (neg)
		p++;
	const char *int_start = p;
	while (is_digit(*p))
		p++;
	const char *int_end = p;
	const char *frac_start = p, *frac_end = p;
	if (*p == '.') {
		if (int_end == int_start)
			return fail(err, _("write a digit before '.' "
					   "(0.5, not .5)"));
		frac_start = ++p;
		while (is_digit(*p))
			p++;
		frac_end = p;
		if (frac_end == frac_start)
			return fail(err, _("write a digit after '.'"));
	}
	if (*p == ',' && typed)
		return fail(err, _("one decimal mark at most ('.' or ','), "
				   "and no thousands separators"));
	if (*p == ',')
		return fail(err, _("use '.' as the decimal mark (no ',' and no "
				   "thousands separators)"));
	if ((*p == 'e' || *p == 'E') && int_end > int_start)
		return fail(err, _("write the number without an exponent"));
	if (*p == '+' && p == s)
		return fail(err, "no '+' sign");
	if ((*p || int_end == int_start) && typed)
		return fail(err, _("not a number (digits, with '.' or ',' as "
				   "the decimal mark)"));
	if (*p || int_end == int_start)
		return fail(err,
			    _("not a number (digits with an optional '.')"));

	while (frac_end > frac_start && frac_end[-1] == '0')
		frac_end--;
	unsigned long long mant = 0;
	int sig = 0;
	for (const char *q = int_start; q < frac_end; q++) {
		if (q == int_end)
			q = frac_start;
		if (q == frac_end)
			break;
		if (sig == 0 && *q == '0')
			continue;
		if (++sig > 15)
			return fail(err, _("too many digits (at most 15 "
					   "significant)"));
		mant = mant * 10 + (unsigned)(*q - '0');
	}
	long scale = (long)(frac_end - frac_start);
	double v = (double)mant;
	while (scale > 0) {
		double pow10 = 1.0;
		for (long i = 0; i < 22 && scale > 0; i++, scale--)
			pow10 *= 10.0;
		v /= pow10;
	}
	if (neg && v != 0.0)
		v = -v;
	if (v < min || v > max) {
		if (err)
			snprintf(err, VALIDATE_ERR_MAX,
				 _("must be between %.15g and %.15g"), min,
				 max);
		return false;
	}
	if (out)
		*out = v;
	return true;
}

bool validate_number(const char *s, double min, double max, double *out,
		     char *err)
{
	return number_in(s, min, max, out, err, false);
}

bool validate_number_typed(const char *s, double min, double max, double *out,
			   char *err)
{
	return number_in(s, min, max, out, err, true);
}
