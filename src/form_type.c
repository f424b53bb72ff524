#include "form_type.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "i18n.h"
#include "util.h"
#include "validate.h"

const char *const form_tiers[] = {"I-A",
				  "I-B",
				  "I-C",
				  "II-A",
				  "II-B",
				  "III-A",
				  "III-B",
				  "IV",
				  "IV-A",
				  "IV-B",
				  "V",
				  "X",
				  /* untranslated: a code name */ "AMP I-A",
				  /* untranslated: a code name */ "AMP I-B",
				  /* untranslated: a code name */ "AMP II-C",
				  /* untranslated: a code name */ "AMP II-D",
				  /* untranslated: a code name */ "AMP III",
				  /* untranslated: a code name */ "AMP IV",
				  NULL};

typedef bool (*parse_fn)(const struct form_field *fd, const char *in,
			 const struct form_ctx *ctx, struct strbuf *out,
			 char *err);

static void seterr(char *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void seterr(char *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, FORM_ERR_MAX, fmt, ap);
	va_end(ap);
}

/* "a, b, c" of the option values, shortened to fit a message. */
static void option_list(const struct form_field *fd, char *buf, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < fd->n_options && used + 8 < n; i++) {
		int k = snprintf(buf + used, n - used, "%s%zu %s",
				 i ? ", " : "", i + 1, fd->options[i].value);
		if (k < 0 || (size_t)k >= n - used) {
			snprintf(buf + used, n - used, ", …");
			break;
		}
		used += (size_t)k;
	}
}

/* The option meant by a word: its value, its number (1-based) or one of its
 * labels, ignoring case. NULL when none. */
static const struct form_option *find_option(const struct form_field *fd,
					     const char *word)
{
	char *end;
	long k = strtol(word, &end, 10);
	if (*word && *end == '\0' && k >= 1 && (size_t)k <= fd->n_options)
		return &fd->options[k - 1];
	for (size_t i = 0; i < fd->n_options; i++)
		if (strcasecmp(fd->options[i].value, word) == 0)
			return &fd->options[i];
	for (size_t i = 0; i < fd->n_options; i++)
		for (size_t j = 0; j < fd->options[i].label.n; j++)
			if (strcasecmp(fd->options[i].label.text[j], word) == 0)
				return &fd->options[i];
	return NULL;
}

static bool parse_choice(const struct form_field *fd, const char *in,
			 const struct form_ctx *ctx, struct strbuf *out,
			 char *err)
{
	(void)ctx;
	const struct form_option *o = find_option(fd, in);
	if (!o) {
		char list[FORM_ERR_MAX - 40];
		option_list(fd, list, sizeof(list));
		seterr(err, _("not one of the options (%s)"), list);
		return false;
	}
	strbuf_puts(out, o->value);
	return true;
}

static bool parse_multi(const struct form_field *fd, const char *in,
			const struct form_ctx *ctx, struct strbuf *out,
			char *err)
{
	(void)ctx;
	bool *chosen = xcalloc(fd->n_options ? fd->n_options : 1, 1);
	char *copy = xstrdup(in);
	bool ok = true;
	for (char *save = NULL, *t = strtok_r(copy, " ,;\t\n", &save); t;
	     t = strtok_r(NULL, " ,;\t\n", &save)) {
		const struct form_option *o = find_option(fd, t);
		if (!o) {
			char list[FORM_ERR_MAX - 40];
			option_list(fd, list, sizeof(list));
			seterr(err, _("not one of the options (%s)"), list);
			ok = false;
			break;
		}
		chosen[o - fd->options] = true;
	}
	for (size_t i = 0; ok && i < fd->n_options; i++)
		if (chosen[i]) {
			if (out->len)
				strbuf_putc(out, ' ');
			strbuf_puts(out, fd->options[i].value);
		}
	free(copy);
	free(chosen);
	return ok;
}

static bool parse_yesno(const struct form_field *fd, const char *in,
			const struct form_ctx *ctx, struct strbuf *out,
			char *err)
{
	(void)fd;
	(void)ctx;
	static const char *const yes[] = {
	    "yes", "y", /* untranslated: the form's language */ "ja",
	    "j",   "1", NULL};
	static const char *const no[] = {
	    "no", "n", /* untranslated: the form's language */ "nej", "2",
	    NULL};
	for (size_t i = 0; yes[i]; i++)
		if (strcasecmp(in, yes[i]) == 0) {
			strbuf_puts(out, "yes");
			return true;
		}
	for (size_t i = 0; no[i]; i++)
		if (strcasecmp(in, no[i]) == 0) {
			strbuf_puts(out, "no");
			return true;
		}
	seterr(err, _("answer yes or no (1 yes, 2 no)"));
	return false;
}

static bool parse_number(const struct form_field *fd, const char *in,
			 const struct form_ctx *ctx, struct strbuf *out,
			 char *err)
{
	(void)ctx;
	double d;
	char verr[VALIDATE_ERR_MAX];
	/* a typed decimal comma (0,5, the Swedish way) is a decimal mark;
	 * "1,000" could be a thousand and is refused as ambiguous. Files
	 * keep '.' only (validate_number). */
	char buf[64];
	const char *comma = strchr(in, ',');
	if (comma && !strchr(in, '.') && !strchr(comma + 1, ',') &&
	    strlen(in) < sizeof(buf)) {
		size_t after = strspn(comma + 1, "0123456789");
		if (after == 3 && !comma[4]) {
			seterr(err, _("a ',' before three digits is ambiguous: "
				      "write the decimal mark as '.', or the "
				      "number without a thousands separator"));
			return false;
		}
		snprintf(buf, sizeof(buf), "%s", in);
		buf[comma - in] = '.';
		in = buf;
	}
	if (!validate_number_typed(in, fd->min, fd->max, &d, verr)) {
		seterr(err, "%s", verr);
		return false;
	}
	if (fd->step > 0) {
		double k = (d - fd->min) / fd->step;
		if (k - (double)(long long)(k + 0.5) > 1e-9 ||
		    (double)(long long)(k + 0.5) - k > 1e-9) {
			/* the numbers as the reader writes them (0,5) */
			char lo[32], hi[32], st[32];
			seterr(err,
			       _("give a number from %s to %s in steps "
				 "of %s"),
			       i18n_number(lo, sizeof(lo), fd->min),
			       i18n_number(hi, sizeof(hi), fd->max),
			       i18n_number(st, sizeof(st), fd->step));
			return false;
		}
	}
	strbuf_printf(out, "%.10g", d);
	return true;
}

/* today + "+N", "+Nd", "+Nw" or "+Nm" → YYYY-MM-DD in buf (the Swedish
 * "+Nv", veckor, is weeks too: d and m are the same letters in both
 * languages); false when the input is not such an offset. */
static bool relative_date(const char *today, const char *in, char buf[11])
{
	int y, m, d;
	if (in[0] != '+' || !isdigit((unsigned char)in[1]) ||
	    sscanf(today, "%d-%d-%d", &y, &m, &d) != 3)
		return false;
	char *end;
	long n = strtol(in + 1, &end, 10);
	char unit = *end ? (char)tolower((unsigned char)*end) : 'd';
	if ((*end && end[1]) || n > 3660 || !strchr("dwvm", unit))
		return false;
	/* timegm puts a day or month past its end into the next */
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
	if (unit == 'm') { /* the same day n months on, or that month's last */
		struct tm last = {.tm_year = tm.tm_year,
				  .tm_mon = tm.tm_mon + (int)n + 1};
		(void)timegm(&last); /* day 0: the month before's last */
		tm.tm_mon += (int)n;
		if (d > last.tm_mday)
			tm.tm_mday = last.tm_mday;
	} else {
		tm.tm_mday += (int)(unit == 'd' ? n : 7 * n);
	}
	(void)timegm(&tm);
	if (tm.tm_year < 0 || tm.tm_year > 299)
		return false;
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900),
		 (unsigned)(tm.tm_mon + 1) % 13, (unsigned)tm.tm_mday % 32);
	return true;
}

static bool parse_date(const struct form_field *fd, const char *in,
		       const struct form_ctx *ctx, struct strbuf *out,
		       char *err)
{
	char buf[11];
	char verr[VALIDATE_ERR_MAX];
	const char *date = in;
	if (strcasecmp(in, "today") == 0 || strcasecmp(in, "idag") == 0)
		date = ctx->today;
	else if (relative_date(ctx->today, in, buf))
		date = buf;
	if (!validate_date(date, NULL, verr)) {
		seterr(err, _("%s (or +14, +6w, +3m from today)"), verr);
		return false;
	}
	if (fd->range && strcmp(fd->range, "future") == 0 &&
	    strcmp(date, ctx->today) < 0) {
		seterr(err, _("must not be before today (%s)"), ctx->today);
		return false;
	}
	/* a follow-up in 2110 is a slip of the keyboard, not a plan */
	if (fd->range && strcmp(fd->range, "future") == 0 &&
	    validate_date_diff(ctx->today, date) > FORM_FUTURE_MAX_DAYS) {
		seterr(err,
		       _("more than five years ahead (latest %s + 5 years)"),
		       ctx->today);
		return false;
	}
	if (fd->range && strcmp(fd->range, "past") == 0 &&
	    strcmp(date, ctx->today) > 0) {
		seterr(err, _("must not be after today (%s)"), ctx->today);
		return false;
	}
	strbuf_puts(out, date);
	return true;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static bool parse_text(const struct form_field *fd, const char *in,
		       const struct form_ctx *ctx, struct strbuf *out,
		       char *err)
{
	(void)ctx;
	bool multi = fd->lines > 1;
	char *s = util_sanitize(in, multi);
	util_trim(s);
	/* a one-line field holds a name, a phone number, a short reason:
	 * without a max-length of its own it takes 200 characters */
	size_t max = fd->max_length > 0 ? (size_t)fd->max_length
		     : multi		? FORM_TEXT_MAX
					: FORM_LINE_MAX;
	bool ok = utf8_chars(s) <= max;
	if (!ok)
		seterr(err, _("longer than %zu characters"), max);
	else
		strbuf_puts(out, s);
	free(s);
	return ok;
}

static void upcase(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
}

static bool parse_tnm(const char *in, struct strbuf *out, char *err)
{
	char *copy = xstrdup(in);
	char *tok[4] = {0};
	size_t n = 0;
	for (char *save = NULL, *t = strtok_r(copy, " ,", &save); t;
	     t = strtok_r(NULL, " ,", &save))
		if (n < 4)
			tok[n++] = t;
		else
			n++;
	bool ok = n == 3;
	char verr[VALIDATE_ERR_MAX] = "";
	if (!ok)
		seterr(err, _("write T, N and M separated by spaces, e.g. "
			      "\"T2a N1 M0\""));
	else if (!validate_tnm_t(tok[0], verr) ||
		 !validate_tnm_n(tok[1], verr) ||
		 !validate_tnm_m(tok[2], verr)) {
		seterr(err, "%s", verr);
		ok = false;
	} else
		strbuf_printf(out, "%s %s %s", tok[0], tok[1], tok[2]);
	free(copy);
	return ok;
}

static bool parse_code(const struct form_field *fd, const char *in,
		       const struct form_ctx *ctx, struct strbuf *out,
		       char *err)
{
	(void)ctx;
	char verr[VALIDATE_ERR_MAX] = "";
	char *s = xstrdup(in);
	bool ok;
	const char *sys = fd->system ? fd->system : "";
	if (strcmp(sys, "tnm") == 0) {
		ok = parse_tnm(s, out, err);
		free(s);
		return ok;
	}
	if (strcmp(sys, "icd10") == 0 || strcmp(sys, "stage") == 0 ||
	    strcmp(sys, "gene") == 0)
		upcase(s);
	if (strcmp(sys, "icd10") == 0)
		ok = validate_icd10(s, verr);
	else if (strcmp(sys, "icdo3") == 0)
		ok = validate_icdo3(s, verr);
	else if (strcmp(sys, "stage") == 0)
		ok = validate_stage(s, verr);
	else if (strcmp(sys, "gene") == 0)
		ok = validate_gene(s, verr);
	else {
		ok = false;
		snprintf(verr, sizeof(verr), _("unknown code system"));
	}
	if (ok)
		strbuf_puts(out, s);
	else
		seterr(err, "%s", verr);
	free(s);
	return ok;
}

/* Splits a row at the first tab, or at the first sep (": " or " | "). The
 * parts are trimmed copies; false when there is no separator. */
static bool split_row(const char *row, const char *sep, char **a, char **b)
{
	const char *p = strchr(row, '\t');
	size_t skip = 1;
	if (!p) {
		p = strstr(row, sep);
		skip = strlen(sep);
	}
	if (!p)
		return false;
	*a = util_trim(xstrndup(row, (size_t)(p - row)));
	*b = util_trim(xstrdup(p + skip));
	return true;
}

static bool parse_alternatives(const struct form_field *fd, const char *in,
			       const struct form_ctx *ctx, struct strbuf *out,
			       char *err)
{
	const struct form_field *from =
	    ctx->form ? form_field(ctx->form, fd->options_from, NULL) : NULL;
	const char *chosen =
	    from && ctx->values ? form_values_get(ctx->values, from->id) : NULL;
	char *copy = xstrdup(in);
	bool ok = true;
	size_t row = 0;
	char **seen = NULL;
	size_t n_seen = 0;
	for (char *save = NULL, *line = strtok_r(copy, "\n", &save); ok && line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *opt = NULL, *reason = NULL;
		row++;
		util_trim(line);
		if (!*line)
			continue;
		if (!split_row(line, ":", &opt, &reason)) {
			seterr(
			    err,
			    _("row %zu: write the option, a colon and why it "
			      "was not chosen"),
			    row);
			ok = false;
			break;
		}
		const struct form_option *o =
		    from ? find_option(from, opt) : NULL;
		char *clean = util_sanitize(reason, false);
		util_trim(clean);
		if (!from) {
			seterr(err, _("the form names no field to take options "
				      "from"));
			ok = false;
		} else if (!o) {
			char list[FORM_ERR_MAX - 60];
			option_list(from, list, sizeof(list));
			seterr(err, _("row %zu: not one of the options (%s)"),
			       row, list);
			ok = false;
		} else if (chosen && strcmp(chosen, o->value) == 0) {
			seterr(err,
			       _("row %zu: that option is the recommendation "
				 "itself"),
			       row);
			ok = false;
		} else if (!*clean) {
			seterr(err, _("row %zu: say why it was not chosen"),
			       row);
			ok = false;
		} else {
			for (size_t i = 0; i < n_seen; i++)
				if (strcmp(seen[i], o->value) == 0) {
					seterr(
					    err,
					    _("row %zu: that option is listed "
					      "twice"),
					    row);
					ok = false;
				}
		}
		if (ok) {
			seen = xrealloc(seen, (n_seen + 1) * sizeof(char *));
			seen[n_seen++] = o->value;
			strbuf_printf(out, "%s%s\t%s", out->len ? "\n" : "",
				      o->value, clean);
		}
		free(clean);
		free(opt);
		free(reason);
	}
	free(seen);
	free(copy);
	return ok;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return s[n] == '\0' || s[n] == '-';
}

static bool parse_trial(const struct form_field *fd, const char *in,
			const struct form_ctx *ctx, struct strbuf *out,
			char *err)
{
	(void)fd;
	(void)ctx;
	char *s = util_trim(xstrdup(in));
	upcase(s);
	size_t n = strlen(s);
	bool ok = false;
	if (n == 11 && strncmp(s, "NCT", 3) == 0)
		ok = all_digits(s + 3, 8);
	/* EudraCT 2021-001234-56, EU CT 2023-501234-12-00 */
	else if ((n == 14 || n == 17) && all_digits(s, 4) && s[4] == '-' &&
		 all_digits(s + 5, 6) && s[11] == '-' &&
		 all_digits(s + 12, 2) &&
		 (n == 14 || (s[14] == '-' && all_digits(s + 15, 2))))
		ok = true;
	if (ok)
		strbuf_puts(out, s);
	else
		seterr(err, _("a study id is NCT and 8 digits, an EU CT number "
			      "(2023-501234-12-00) or an EudraCT number "
			      "(2021-001234-56)"));
	free(s);
	return ok;
}

/* A tier as written: ESCAT's bare or after "ESCAT", AMP/ASCO/CAP's after
 * "AMP"; a tier only AMP/ASCO/CAP has (II-C, II-D, III) is taken bare
 * too. */
static const char *canonical_tier(const char *t)
{
	bool escat = strncasecmp(t, "ESCAT ", 6) == 0;
	if (escat)
		t += 6;
	for (size_t i = 0; form_tiers[i]; i++)
		if (strcasecmp(form_tiers[i], t) == 0)
			return form_tiers[i];
	for (size_t i = 0; !escat && form_tiers[i]; i++)
		if (strncmp(form_tiers[i], "AMP ", 4) == 0 &&
		    strcasecmp(form_tiers[i] + 4, t) == 0)
			return form_tiers[i];
	return NULL;
}

/* The row whose finding is key among keys ("ROW\tKEY\n" each), 0 when
 * none. */
static size_t row_of(const struct strbuf *keys, const char *key)
{
	size_t n = strlen(key);
	for (const char *l = keys->buf; l && *l; l = strchr(l, '\n') + 1) {
		const char *k = strchr(l, '\t') + 1;
		if (strncmp(k, key, n) == 0 && k[n] == '\n')
			return (size_t)strtoul(l, NULL, 10);
	}
	return 0;
}

static bool parse_finding(const struct form_field *fd, const char *in,
			  const struct form_ctx *ctx, struct strbuf *out,
			  char *err)
{
	(void)fd;
	char *copy = xstrdup(in);
	bool ok = true;
	size_t row = ctx && ctx->first_row ? ctx->first_row - 1 : 0;
	struct strbuf keys = {0}; /* "ROW\tKEY\n" of each row taken */
	for (char *save = NULL, *line = strtok_r(copy, "\n", &save); ok && line;
	     line = strtok_r(NULL, "\n", &save)) {
		row++;
		/* key, tier, evidence: tab- or " | "-separated */
		char *cols[3] = {NULL, NULL, NULL};
		char *rest = xstrdup(line);
		/* empty columns at the end ("KEY |", a row shown without
		 * its tier) are no part of the key */
		for (size_t n = strlen(rest); n && strchr(" \t|", rest[n - 1]);
		     n--)
			rest[n - 1] = '\0';
		for (int k = 0; k < 2; k++) {
			char *a = NULL, *b = NULL;
			if (!split_row(rest, " | ", &a, &b)) {
				cols[k] = util_trim(rest);
				rest = NULL;
				break;
			}
			cols[k] = a;
			free(rest);
			rest = b;
		}
		if (rest)
			cols[2] = util_trim(rest);
		if (!cols[0] || !*cols[0]) {
			free(cols[0]);
			free(cols[1]);
			free(cols[2]);
			continue;
		}
		const char *tier =
		    cols[1] && *cols[1] ? canonical_tier(cols[1]) : "";
		size_t again = 0;
		int at = ctx->c ? form_finding_named(ctx->c, cols[0]) : -1;
		bool absent = at >= 0 && ctx->c->findings[at].absent;
		bool known = !ctx->c || (at >= 0 && !absent);
		if (at >= 0 && !absent) {
			char *k = form_finding_key(&ctx->c->findings[at]);
			util_set(&cols[0], k);
			free(k);
		}
		char *ev = util_sanitize(cols[2] ? cols[2] : "", false);
		util_trim(ev);
		for (char *p = ev; *p; p++)
			if (*p == '|')
				*p = '/';
		if (!known && absent) {
			seterr(err,
			       _("row %zu: a variant looked for and not found "
				 "is no finding to tier"),
			       row);
			ok = false;
		} else if (!known) {
			char *list = form_findings_named(ctx->c, 120);
			if (*list)
				seterr(err,
				       _("row %zu: not a finding of this case "
					 "(its findings: %s)"),
				       row, list);
			else
				seterr(err,
				       _("row %zu: not a finding of this case"),
				       row);
			free(list);
			ok = false;
		} else if (!tier) {
			seterr(err,
			       _("row %zu: tier is ESCAT I-A … X or AMP I-A … "
				 "IV"),
			       row);
			ok = false;
		} else if ((again = row_of(&keys, cols[0]))) {
			seterr(err,
			       _("row %zu: row %zu has that finding already"),
			       row, again);
			ok = false;
		} else {
			strbuf_printf(out, "%s%s\t%s\t%s", out->len ? "\n" : "",
				      cols[0], tier, ev);
			strbuf_printf(&keys, "%zu\t%s\n", row, cols[0]);
		}
		free(ev);
		free(cols[0]);
		free(cols[1]);
		free(cols[2]);
	}
	free(copy);
	strbuf_done(&keys);
	return ok;
}

static const parse_fn parsers[FT__COUNT] = {
    [FT_CHOICE] = parse_choice, [FT_MULTI] = parse_multi,
    [FT_YESNO] = parse_yesno,	[FT_NUMBER] = parse_number,
    [FT_DATE] = parse_date,	[FT_TEXT] = parse_text,
    [FT_CODE] = parse_code,	[FT_ALTERNATIVES] = parse_alternatives,
    [FT_TRIAL] = parse_trial,	[FT_FINDING] = parse_finding,
};

bool form_type_parse_value(const struct form_field *fd, const char *input,
			   const struct form_ctx *ctx, char **out, char *err)
{
	struct strbuf sb;
	*out = NULL;
	err[0] = '\0';
	/* rows and multi-line text keep their lines; the rest is one line */
	bool lines = fd->type == FT_ALTERNATIVES || fd->type == FT_FINDING ||
		     (fd->type == FT_TEXT && fd->lines > 1);
	char *in = util_sanitize(input ? input : "", lines);
	if (lines) {
		/* keep tabs: they separate row columns */
		free(in);
		in = xstrdup(input ? input : "");
		for (char *p = in; *p; p++)
			if ((unsigned char)*p < 0x20 && *p != '\n' &&
			    *p != '\t')
				*p = ' ';
	}
	util_trim(in);
	if (!*in) {
		*out = in;
		return true;
	}
	strbuf_init(&sb);
	bool ok = parsers[fd->type](fd, in, ctx, &sb, err);
	free(in);
	if (!ok) {
		strbuf_done(&sb);
		return false;
	}
	*out = strbuf_detach(&sb);
	return true;
}

bool form_type_complete(const struct form_field *fd, const char *value,
			const struct form_ctx *ctx, char *err)
{
	if (fd->type != FT_FINDING)
		return true;
	size_t row = ctx && ctx->first_row ? ctx->first_row - 1 : 0;
	for (const char *p = value; *p;) {
		size_t n = strcspn(p, "\n");
		row++;
		const char *tab = memchr(p, '\t', n);
		if (!tab || tab + 1 >= p + n || tab[1] == '\t') {
			seterr(err, _("row %zu: give the finding a tier"), row);
			return false;
		}
		p += n;
		if (*p)
			p++;
	}
	return true;
}

static void put_option_label(struct strbuf *sb, const struct form_field *fd,
			     const char *value, const char *lang)
{
	const struct form_option *o = form_option(fd, value);
	if (o && o->label.n)
		strbuf_puts(sb, form_text_get(&o->label, lang, NULL));
	else if (fd->type == FT_YESNO && strcmp(value, "yes") == 0)
		strbuf_puts(sb,
			    lang && strcmp(lang, "sv") == 0
				? /* untranslated: the form's language */ "ja"
				: "yes");
	else if (fd->type == FT_YESNO && strcmp(value, "no") == 0)
		strbuf_puts(sb,
			    lang && strcmp(lang, "sv") == 0
				? /* untranslated: the form's language */ "nej"
				: "no");
	else
		strbuf_puts(sb, value);
}

char *form_type_decimals(char *s, const char *lang)
{
	return lang && strcmp(lang, "sv") == 0 ? i18n_decimal_commas(s) : s;
}

char *form_type_format(const struct form *f, const struct form_field *fd,
		       const char *value, const char *lang)
{
	struct strbuf sb;
	strbuf_init(&sb);
	if (!value)
		return strbuf_detach(&sb);
	switch (fd->type) {
	case FT_CHOICE:
	case FT_YESNO:
		put_option_label(&sb, fd, value, lang);
		break;
	case FT_MULTI: {
		char *copy = xstrdup(value);
		for (char *save = NULL, *t = strtok_r(copy, " ", &save); t;
		     t = strtok_r(NULL, " ", &save)) {
			if (sb.len)
				strbuf_puts(&sb, ", ");
			put_option_label(&sb, fd, t, lang);
		}
		free(copy);
		break;
	}
	case FT_NUMBER: {
		/* stored with a point; shown with the reader's decimal mark
		 * (a Swedish reader or letter: 2,5) */
		char *shown = xstrdup(value);
		form_type_decimals(shown, lang);
		strbuf_printf(&sb, "%s%s%s", shown, fd->unit ? " " : "",
			      fd->unit ? fd->unit : "");
		free(shown);
		break;
	}
	case FT_ALTERNATIVES:
	case FT_FINDING: {
		/* rows; an alternative shows its option's label */
		const struct form_field *from =
		    fd->type == FT_ALTERNATIVES && f
			? form_field(f, fd->options_from, NULL)
			: NULL;
		char *rows = xstrdup(value);
		char *save = NULL;
		for (char *line = strtok_r(rows, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char *tab = strchr(line, '\t');
			if (sb.len)
				strbuf_putc(&sb, '\n');
			if (tab)
				*tab = '\0';
			if (from)
				put_option_label(&sb, from, line, lang);
			else /* "TMB 1,8" in Swedish */
				strbuf_puts(&sb,
					    form_type_decimals(line, lang));
			for (char *col = tab ? tab + 1 : NULL; col;) {
				char *next = strchr(col, '\t');
				if (next)
					*next = '\0';
				if (*col)
					strbuf_printf(&sb, "%s%s",
						      from ? ": " : " — ", col);
				col = next ? next + 1 : NULL;
			}
		}
		free(rows);
		break;
	}
	default:
		strbuf_puts(&sb, value);
	}
	return strbuf_detach(&sb);
}

/* A decision that contradicts itself is not signed: "clinical trial
 * considered: no" while the recommendation is a clinical trial (the
 * form's trial field, shown only then). The message names the other
 * field. */
static bool contradicts(const struct form *f, const struct form_field *fd,
			const char *canon, const struct form_values *v,
			char *err)
{
	if (!f || fd->type != FT_YESNO || strcmp(fd->id, "trial-considered") ||
	    !canon || strcmp(canon, "no") != 0)
		return false;
	const struct form_field *trial = form_field_by_role(f, "trial");
	if (!trial || !form_field_visible(f, trial, v))
		return false;
	const struct form_field *rec = form_field_by_role(f, "recommendation");
	if (!rec)
		rec = trial;
	/* the field as the form names it in the interface's language, its
	 * id beside (what the command line sets) */
	const char *label = form_text_get(&rec->label, i18n_language(), NULL);
	char named[160];
	if (!*label || strcasecmp(label, rec->id) == 0)
		snprintf(named, sizeof(named), "%s", *label ? label : rec->id);
	else
		snprintf(named, sizeof(named), "%s (%s)", label, rec->id);
	snprintf(err, FORM_ERR_MAX,
		 _("no, but %s is a clinical trial: a trial recommended was "
		   "considered (set this to yes, or change %s)"),
		 named, *label ? label : rec->id);
	return true;
}

bool form_field_problem(const struct form *f, const struct form_field *fd,
			const struct form_values *v, const struct form_ctx *ctx,
			char *err)
{
	if (!form_field_visible(f, fd, v))
		return false;
	const char *val = form_values_get(v, fd->id);
	if (!val) {
		if (fd->required)
			snprintf(err, FORM_ERR_MAX, _("required, and empty"));
		return fd->required;
	}
	char *canon = NULL;
	bool bad = !form_type_parse_value(fd, val, ctx, &canon, err) ||
		   !form_type_complete(fd, canon, ctx, err) ||
		   contradicts(f, fd, canon, v, err);
	free(canon);
	return bad;
}

size_t form_check(const struct form *f, const struct form_values *v,
		  const struct form_ctx *ctx, struct diag *d)
{
	size_t problems = 0;
	char err[FORM_ERR_MAX];
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *fd = &f->fields[i];
		if (form_field_problem(f, fd, v, ctx, err)) {
			if (d)
				diag_add(d, NULL, 0, fd->id, "%s", err);
			problems++;
		}
	}
	return problems;
}

void form_shown_values(const struct form *f, const struct form_values *v,
		       struct form_values *out)
{
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *fd = &f->fields[i];
		const char *val = form_values_get(v, fd->id);
		if (val && form_field_visible(f, fd, v))
			form_values_set(out, fd->id, val);
	}
	out->patients = v->patients;
}

char *form_role_format(const struct form *f, const struct form_values *v,
		       const char *role, const char *lang)
{
	const struct form_field *fd;
	const char *val = form_role_value(f, v, role, &fd);
	return val ? form_type_format(f, fd, val, lang) : NULL;
}
