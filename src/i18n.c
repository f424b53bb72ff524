/*
 * i18n — locale set-up for messages (see i18n.h) and numbers for people.
 */
#include "i18n.h"

#include <ctype.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

#ifdef ENABLE_NLS
/* glibc's catalogue generation: moving it makes gettext look again */
extern int _nl_msg_cat_cntr;

/* gettext's answers, one slot per message address (a message whose slot
 * another took is asked of gettext again): the address and a copy of the
 * text, so a message built in a buffer that held another before is never
 * answered with the other's translation; NULL: not translated. Emptied
 * when the language or the catalogues change (i18n_init, use, restore, a
 * catalogue loaded). */
#define SEEN_SLOTS 1024
static struct seen {
	const char *msgid;
	char *copy;
	const char *t;
} seen[SEEN_SLOTS];
static int seen_cntr = -1;

static void seen_forget(void)
{
	for (size_t i = 0; i < SEEN_SLOTS; i++) {
		free(seen[i].copy);
		seen[i] = (struct seen){0};
	}
	seen_cntr = _nl_msg_cat_cntr;
}

const char *i18n_gettext(const char *msgid)
{
	if (seen_cntr != _nl_msg_cat_cntr)
		seen_forget();
	uintptr_t a = (uintptr_t)msgid;
	struct seen *e = &seen[(a ^ (a >> 10)) % SEEN_SLOTS];
	if (e->msgid == msgid && strcmp(e->copy, msgid) == 0)
		return e->t ? e->t : msgid;
	const char *t = gettext(msgid);
	/* a catalogue loaded by this very call: what was kept is stale */
	if (seen_cntr != _nl_msg_cat_cntr)
		seen_forget();
	free(e->copy);
	e->msgid = msgid;
	e->copy = xstrdup(msgid);
	e->t = t == msgid ? NULL : t;
	return t;
}
#endif

const char *i18n_ctx(const char *ctx_msgid)
{
	const char *eot = strchr(ctx_msgid, '\004');
#ifdef ENABLE_NLS
	const char *t = i18n_gettext(ctx_msgid);
	if (t != ctx_msgid)
		return t;
#endif
	return eot ? eot + 1 : ctx_msgid;
}

/* A language name as gettext takes it: ll, ll_CC, optionally .codeset or
 * @modifier; nothing that could be a path. */
static bool language_name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("_.@-:", s[i]))
			return false;
	return strstr(s, "..") == NULL;
}

/* The first line of the user's language file, or NULL; caller frees.
 * *bad is set to the file's path (caller frees) when the line is not a
 * language name. */
static char *language_setting(char **bad)
{
	char *path = util_config_path("language");
	char *value = NULL;
	char line[128];
	FILE *f;

	*bad = NULL;
	if (!path)
		return NULL;
	f = fopen(path, "r");
	if (!f)
		goto cleanup;
	if (fgets(line, sizeof line, f)) {
		line[strcspn(line, " \t\r\n#")] = '\0';
		if (language_name_ok(line))
			value = xstrdup(line);
		else if (line[0])
			*bad = xstrdup(path);
	}
	fclose(f);
cleanup:
	free(path);
	return value;
}

/* The language the environment asks for when the locale it names is not
 * installed: "sv_SE.UTF-8" → "sv_SE"; NULL for C/POSIX or nothing. */
static char *language_from_env(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(vars); i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		if (strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 ||
		    strncmp(v, "C.", 2) == 0)
			return NULL;
		char *l = xstrdup(v);
		l[strcspn(l, ".@")] = '\0';
		if (language_name_ok(l))
			return l;
		free(l);
		return NULL;
	}
	return NULL;
}

void i18n_init(void)
{
	const char *msgs;
	char *setting = NULL;
	char *bad_file = NULL;
	const char *want = getenv("TUMORBOARD_LANGUAGE");
	bool bad_env = false;

	setlocale(LC_ALL, "");
	/* numbers in files, CSV, XML and SQL keep the decimal point; the
	 * screen writes decimals through i18n_decimal() */
	setlocale(LC_NUMERIC, "C");
#ifdef ENABLE_NLS
	const char *dir = getenv("TUMORBOARD_LOCALEDIR");
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
	if (want && *want && !language_name_ok(want)) {
		bad_env = true;
		want = NULL;
	}
	if (!want || !*want)
		want = setting = language_setting(&bad_file);
	msgs = setlocale(LC_MESSAGES, NULL);
	if (!msgs || strcmp(msgs, "C") == 0 || strcmp(msgs, "POSIX") == 0) {
		/* gettext ignores LANGUAGE in the C locale; C.UTF-8 is
		 * English too but lets LANGUAGE (or the language of a locale
		 * that is not installed here) choose the messages */
		const char *l = getenv("LANGUAGE");
		if (!want && (!l || !*l))
			want = setting = language_from_env();
		setlocale(LC_MESSAGES, "C.UTF-8");
	}
	if (want && *want)
		setenv("LANGUAGE", want, 1);
#ifdef ENABLE_NLS
	seen_forget(); /* asked before the language was chosen */
#endif
	if (bad_env)
		fputs(_("tumorboard: TUMORBOARD_LANGUAGE is not a language "
			"name (e.g. sv or en); ignored\n"),
		      stderr);
	if (bad_file)
		/* TRANSLATORS: the language file names the interface
		 * language; "language" is the file's name, keep it. */
		fprintf(stderr,
			_("%s:1: language: not a language name (e.g. sv or "
			  "en); ignored\n"),
			bad_file);
	free(bad_file);
	free(setting);
}

char *i18n_language_use(const char *language)
{
	const char *now = getenv("LANGUAGE");
	char *previous = xstrdup(now ? now : "");
	setenv("LANGUAGE", language, 1);
#ifdef ENABLE_NLS
	++_nl_msg_cat_cntr;
#endif
	return previous;
}

void i18n_language_restore(char *previous)
{
	if (previous && *previous)
		setenv("LANGUAGE", previous, 1);
	else
		unsetenv("LANGUAGE");
#ifdef ENABLE_NLS
	++_nl_msg_cat_cntr;
#endif
	free(previous);
}

const char *i18n_language(void)
{
	/* TRANSLATORS: this catalogue's language code ("sv"): forms show
	 * their labels in that language. */
	return pgettext("language code", "en");
}

bool i18n_decimal_comma(void)
{
	/* TRANSLATORS: the decimal separator of numbers shown to people:
	 * "," in Swedish. Files and exports always use ".". */
	return strcmp(pgettext("decimal separator", "."), ",") == 0;
}

char *i18n_decimal_commas(char *s)
{
	for (char *p = s; p && *p; p++)
		if (*p == '.' && p > s && isdigit((unsigned char)p[-1]) &&
		    isdigit((unsigned char)p[1]))
			*p = ',';
	return s;
}

char *i18n_decimals_shown(char *s)
{
	return s && i18n_decimal_comma() ? i18n_decimal_commas(s) : s;
}

char *i18n_decimal(char *buf, size_t n, double v, int decimals)
{
	snprintf(buf, n, "%.*f", decimals, v);
	if (i18n_decimal_comma()) {
		char *dot = strchr(buf, '.');
		if (dot)
			*dot = ',';
	}
	return buf;
}

char *i18n_number(char *buf, size_t n, double v)
{
	snprintf(buf, n, "%g", v);
	return i18n_decimals_shown(buf);
}
