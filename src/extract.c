/*
 * extract — the pseudonymized research extract; see extract.h for what it
 * holds and how identity is removed.
 *
 * Data: every case of the period is read once into an array (id order)
 * with its pseudonyms, its patient's date shift and its group (sex, age
 * band, region, ICD-10 category); the groups are counted on a sorted copy
 * of the keys; findings and decisions are then streamed in case order and
 * written for the cases kept.
 */
#include "extract.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "db.h"
#include "db_extract.h"
#include "form_def.h"
#include "hash.h"
#include "i18n.h"
#include "progress.h"
#include "util.h"

/* ------------------------------------------------------------------------
 * The key
 * ---------------------------------------------------------------------- */

char *extract_key_default_path(void)
{
	const char *env = getenv("TUMORBOARD_EXTRACT_KEY");
	if (env && *env)
		return xstrdup(env);
	const char *xdg = getenv("XDG_STATE_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/tumorboard/extract.key", xdg);
	const char *home = getenv("HOME");
	if (home && *home)
		return xasprintf("%s/.local/state/tumorboard/extract.key",
				 home);
	return NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

enum tb_status extract_key_load(const char *path,
				unsigned char key[EXTRACT_KEY_LEN],
				bool *created, char **err)
{
	char buf[2 * EXTRACT_KEY_LEN + 2];
	*created = false;
	*err = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		enum tb_status st = db_make_parent_dirs(path, err);
		if (st != TB_OK)
			return st;
		if (!hash_random(key, EXTRACT_KEY_LEN)) {
			*err =
			    xstrdup(_("no random bytes for a new extract key"));
			return TB_IO;
		}
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0) {
			*err =
			    xasprintf(_("cannot create the extract key %s: %s"),
				      path, strerror(errno));
			return TB_IO;
		}
		for (int i = 0; i < EXTRACT_KEY_LEN; i++)
			snprintf(buf + 2 * i, 3, "%02x", key[i]);
		buf[2 * EXTRACT_KEY_LEN] = '\n';
		bool ok = write(fd, buf, 2 * EXTRACT_KEY_LEN + 1) ==
			      2 * EXTRACT_KEY_LEN + 1 &&
			  fsync(fd) == 0;
		if (close(fd) != 0 || !ok) {
			unlink(path);
			*err = xasprintf(_("cannot write the extract key %s"),
					 path);
			return TB_IO;
		}
		*created = true;
		return TB_OK;
	}
	if (fd < 0) {
		*err = xasprintf(_("cannot read the extract key %s: %s"), path,
				 strerror(errno));
		return TB_IO;
	}
	ssize_t n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n < 2 * EXTRACT_KEY_LEN ||
	    (n > 2 * EXTRACT_KEY_LEN && buf[2 * EXTRACT_KEY_LEN] != '\n')) {
		*err = xasprintf(_("%s:1: not an extract key (64 hex digits)"),
				 path);
		return TB_INVALID;
	}
	for (int i = 0; i < EXTRACT_KEY_LEN; i++) {
		int hi = hexval(buf[2 * i]), lo = hexval(buf[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			*err = xasprintf(_("%s:1: not an extract key (64 hex "
					   "digits)"),
					 path);
			return TB_INVALID;
		}
		key[i] = (unsigned char)(hi * 16 + lo);
	}
	return TB_OK;
}

/* ------------------------------------------------------------------------
 * Pseudonyms, dates, groups
 * ---------------------------------------------------------------------- */

/* 16 hex digits of HMAC(key, kind ":" value). */
static void pseudonym(const unsigned char *key, const char *kind,
		      const char *value, char out[17])
{
	char h[HASH_HEX_LEN + 1];
	char *m = xasprintf("%s:%s", kind, value ? value : "");
	hash_hmac_sha256_hex(key, EXTRACT_KEY_LEN, m, strlen(m), h);
	free(m);
	memcpy(out, h, 16);
	out[16] = '\0';
}

/* The patient's shift in days: -182..182, never 0. */
static int date_shift(const unsigned char *key, const char *pnr)
{
	char h[17];
	pseudonym(key, "shift", pnr, h);
	unsigned long v = strtoul(
	    (char[9]){h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], '\0'},
	    NULL, 16);
	int d = (int)(v % 365) - 182;
	return d ? d : 1;
}

/* ymd shifted by days into out ("" when ymd is not a date). */
static void shift(const char *ymd, int days, char out[11])
{
	struct tm tm = {0};
	out[0] = '\0';
	if (!ymd || strlen(ymd) < 10 ||
	    sscanf(ymd, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) !=
		3)
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	time_t t = timegm(&tm) + (time_t)days * 86400;
	struct tm out_tm;
	if (gmtime_r(&t, &out_tm))
		strftime(out, 11, "%Y-%m-%d", &out_tm);
}

/* The age at referral in whole years; -1 when unknown. */
static int age_at(const char *born, const char *at)
{
	int by, bm, bd, ay, am, ad;
	if (!born || !at || sscanf(born, "%4d-%2d-%2d", &by, &bm, &bd) != 3 ||
	    sscanf(at, "%4d-%2d-%2d", &ay, &am, &ad) != 3)
		return -1;
	int age = ay - by - ((am < bm || (am == bm && ad < bd)) ? 1 : 0);
	return age < 0 || age > 150 ? -1 : age;
}

/* "60-69": the age in bands of width years; "" when unknown or width 0
 * (the age left out). */
static void age_band(int age, int width, char out[16])
{
	out[0] = '\0';
	if (age < 0 || age > 150 || width <= 0 || width > 100)
		return;
	unsigned lo = (unsigned)(age / width * width) % 1000u;
	snprintf(out, 16, "%u-%u", lo, (lo + (unsigned)width - 1u) % 1000u);
}

/*
 * The groupings, finest first: what a case's group is made of, and what
 * cases.csv then shows of it (a column left out of the group is left
 * out of the file; the ICD-10 code is cut to the characters grouped on,
 * the finest keeping the whole code as before). Without --generalize
 * only the first is used.
 */
static const struct grouping {
	int band;    /* age band width in years; 0: age left out */
	bool region; /* region kept */
	int icd;     /* ICD-10 characters grouped on */
	const char *words;
} groupings[] = {
    {10, true, 3, N_("sex, ten-year age band, region, ICD-10 category")},
    {10, false, 3, N_("sex, ten-year age band, ICD-10 category")},
    {20, false, 3, N_("sex, twenty-year age band, ICD-10 category")},
    {20, false, 2, N_("sex, twenty-year age band, ICD-10 block (C3: C30-C39)")},
    {0, false, 2, N_("sex, ICD-10 block (C3: C30-C39)")},
    {0, false, 1, N_("sex, ICD-10 chapter letter")},
};

/* A CSV field: quoted when it holds a comma, a quote or a line break. */
static void csv(struct strbuf *sb, const char *s, bool last)
{
	if (!s)
		s = "";
	if (strpbrk(s, ",\"\r\n")) {
		strbuf_putc(sb, '"');
		for (; *s; s++) {
			if (*s == '"')
				strbuf_putc(sb, '"');
			strbuf_putc(sb, *s);
		}
		strbuf_putc(sb, '"');
	} else {
		strbuf_puts(sb, s);
	}
	strbuf_putc(sb, last ? '\n' : ',');
}

struct xcase {
	long long id;
	char patient[17], cs[17];
	int shift;
	int age; /* at referral; -1 unknown */
	char *sex, *region, *icd10;
	char *group; /* sex|band|region|ICD-10 as the grouping takes them */
	char *mid;   /* the cases.csv fields from referred to status */
	char *tail;  /* those from icdo3 to the end, with the newline */
	bool kept;
};

struct xstate {
	const struct extract_opts *o;
	struct xcase *c;
	size_t n, cap;
	struct strbuf out;
	long long rows;
};

static bool read_case(const struct db_extract_case *c, void *arg)
{
	struct xstate *x = arg;
	const unsigned char *key = x->o->key;
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 256;
		x->c = xrealloc(x->c, x->cap * sizeof(*x->c));
	}
	struct xcase *k = &x->c[x->n++];
	memset(k, 0, sizeof(*k));
	k->id = c->id;
	pseudonym(key, "patient", c->pnr, k->patient);
	pseudonym(key, "case", c->external_id, k->cs);
	k->shift = date_shift(key, c->pnr);
	char ref[11], dx[11];
	k->age = age_at(c->birth_date, c->referral_date);
	k->sex = xstrdup(c->sex ? c->sex : "");
	k->region = xstrdup(c->region ? c->region : "");
	k->icd10 = xstrdup(c->icd10 ? c->icd10 : "");
	shift(c->referral_date, k->shift, ref);
	shift(c->diagnosis_date, k->shift, dx);
	struct strbuf sb = {0};
	csv(&sb, ref, false);
	csv(&sb, c->level, false);
	csv(&sb, c->priority, false);
	csv(&sb, c->status, false);
	k->mid = strbuf_detach(&sb);
	csv(&sb, c->icdo3, false);
	csv(&sb, dx, false);
	csv(&sb, c->ecog, false);
	csv(&sb, c->tnm_t, false);
	csv(&sb, c->tnm_n, false);
	csv(&sb, c->tnm_m, false);
	csv(&sb, c->tnm_stage, true);
	k->tail = strbuf_detach(&sb);
	progress_add(1);
	return true;
}

/* What cases.csv shows of a case's grouped columns under grouping g. */
static void grouped(const struct xcase *k, const struct grouping *g,
		    char band[16], const char **region, char icd[8])
{
	age_band(k->age, g->band, band);
	*region = g->region ? k->region : "";
	if (g->icd >= 3)
		snprintf(icd, 8, "%.7s", k->icd10);
	else
		snprintf(icd, 8, "%.*s", g->icd, k->icd10);
}

/* Sets every case's group under grouping g. */
static void set_groups(struct xstate *x, const struct grouping *g)
{
	for (size_t i = 0; i < x->n; i++) {
		struct xcase *k = &x->c[i];
		char band[16], icd[8];
		const char *region;
		grouped(k, g, band, &region, icd);
		free(k->group);
		k->group = xasprintf("%s|%s|%s|%.*s", k->sex, band, region,
				     g->icd, icd);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Marks the cases of groups with at least min cases as kept; returns how
 * many were left out. */
static long long suppress(struct xstate *x, int min)
{
	long long out = 0;
	if (!x->n)
		return 0;
	char **keys = xmalloc(x->n * sizeof(*keys));
	for (size_t i = 0; i < x->n; i++)
		keys[i] = x->c[i].group;
	qsort(keys, x->n, sizeof(*keys), cmp_str);
	for (size_t i = 0; i < x->n; i++) {
		const char **hit =
		    bsearch(&x->c[i].group, keys, x->n, sizeof(*keys), cmp_str);
		/* the run of equal keys around the hit */
		size_t lo = (size_t)((char **)hit - keys), hi = lo;
		while (lo > 0 && strcmp(keys[lo - 1], x->c[i].group) == 0)
			lo--;
		while (hi + 1 < x->n &&
		       strcmp(keys[hi + 1], x->c[i].group) == 0)
			hi++;
		x->c[i].kept = hi - lo + 1 >= (size_t)min;
		if (!x->c[i].kept)
			out++;
	}
	free(keys);
	return out;
}

static const struct xcase *kept_case(const struct xstate *x, long long id)
{
	size_t lo = 0, hi = x->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (x->c[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->n && x->c[lo].id == id && x->c[lo].kept ? &x->c[lo]
							       : NULL;
}

static bool write_finding(const struct db_extract_finding *f, void *arg)
{
	struct xstate *x = arg;
	const struct xcase *k = kept_case(x, f->case_id);
	if (!k)
		return true;
	char date[11];
	shift(f->date, k->shift, date);
	csv(&x->out, k->patient, false);
	csv(&x->out, k->cs, false);
	csv(&x->out, f->gene, false);
	csv(&x->out, f->kind, false);
	csv(&x->out, f->origin, false);
	csv(&x->out, f->hgvs_c, false);
	csv(&x->out, f->hgvs_p, false);
	csv(&x->out, f->vaf, false);
	csv(&x->out, f->classification, false);
	csv(&x->out, f->test, false);
	csv(&x->out, date, false);
	csv(&x->out, f->context, false);
	/* untranslated: a CSV value */
	csv(&x->out, f->absent ? "absent" : "present", true);
	x->rows++;
	return true;
}

struct dstate {
	struct xstate *x;
	long long decisions, fields;
};

/* Whether a decision field of this type holds a code, a number or a
 * date, never free text. */
static bool coded(enum form_field_type t)
{
	return t == FT_CHOICE || t == FT_MULTI || t == FT_YESNO ||
	       t == FT_NUMBER || t == FT_CODE || t == FT_DATE;
}

static bool write_decision(const struct db_extract_decision *d, void *arg)
{
	struct dstate *ds = arg;
	struct xstate *x = ds->x;
	const struct xcase *k = kept_case(x, d->case_id);
	if (!k)
		return true;
	const struct form *f =
	    x->o->forms
		? form_set_best(x->o->forms, d->form_id, d->form_version)
		: NULL;
	char dec[17], signed_on[11], version[16];
	char *idtext = xasprintf("%lld", d->id);
	pseudonym(x->o->key, "decision", idtext, dec);
	free(idtext);
	shift(d->signed_at, k->shift, signed_on);
	snprintf(version, sizeof(version), "%d", d->version);
	ds->decisions++;
	/* content: one "field=value" per line */
	const char *p = d->content ? d->content : "";
	while (*p) {
		size_t len = strcspn(p, "\n");
		const char *eq = memchr(p, '=', len);
		if (eq && f) {
			char *field = xstrndup(p, (size_t)(eq - p));
			char *value =
			    xstrndup(eq + 1, len - (size_t)(eq - p) - 1);
			const struct form_field *ff =
			    form_field(f, field, NULL);
			if (ff && coded(ff->type) && *value) {
				char shifted[11];
				if (ff->type == FT_DATE) {
					shift(value, k->shift, shifted);
					util_set(&value, shifted);
				}
				csv(&x->out, k->patient, false);
				csv(&x->out, k->cs, false);
				csv(&x->out, dec, false);
				csv(&x->out, version, false);
				csv(&x->out, d->form_id, false);
				csv(&x->out, signed_on, false);
				csv(&x->out, field, false);
				csv(&x->out, value, true);
				ds->fields++;
			}
			free(field);
			free(value);
		}
		p += len;
		if (*p)
			p++;
	}
	return true;
}

/* ------------------------------------------------------------------------
 * Files
 * ---------------------------------------------------------------------- */

/* Writes data to dir/name through a temporary file (0600). */
static enum tb_status put_file(const char *dir, const char *name,
			       const struct strbuf *data, char **err)
{
	char *tmp = xasprintf("%s/.%s.tmp", dir, name);
	char *path = xasprintf("%s/%s", dir, name);
	enum tb_status st = TB_OK;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		*err =
		    xasprintf(_("cannot write %s: %s"), path, strerror(errno));
		st = TB_IO;
		goto cleanup;
	}
	size_t off = 0;
	while (off < data->len) {
		ssize_t w = write(fd, data->buf + off, data->len - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	bool ok = off == data->len && fsync(fd) == 0;
	if (close(fd) != 0 || !ok || rename(tmp, path) != 0) {
		*err =
		    xasprintf(_("cannot write %s: %s"), path, strerror(errno));
		unlink(tmp);
		st = TB_IO;
	}
cleanup:
	free(tmp);
	free(path);
	return st;
}

static void remove_all(const char *dir)
{
	static const char *const names[] = {"cases.csv", "findings.csv",
					    "decisions.csv", "about.txt"};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(names); i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
}

/* Chooses the grouping (the finest; with o->generalize, coarser ones
 * until at most a tenth of the cases is left out, else the one leaving
 * out the fewest), marks the cases kept and writes cases.csv into x->out
 * as grouped. */
static void write_cases(struct xstate *xs, const struct extract_opts *o,
			int min, struct extract_result *r)
{
	/* the finest grouping; with generalize, coarser ones until at most
	 * a tenth of the cases is left out (else the one leaving out the
	 * fewest) */
	size_t use = 0, n_g = o->generalize ? UTIL_ARRAY_LEN(groupings) : 1;
	long long best = -1;
	for (size_t g = 0; g < n_g; g++) {
		set_groups(xs, &groupings[g]);
		long long out = suppress(xs, min);
		if (best < 0 || out < best) {
			best = out;
			use = g;
		}
		if (out * 10 <= (long long)xs->n)
			break;
	}
	set_groups(xs, &groupings[use]);
	r->left_out = suppress(xs, min);
	r->grouping = groupings[use].words;
	r->total = (long long)xs->n;
	strbuf_puts(&xs->out, /* untranslated: a CSV head */
		    "patient,case,sex,age_band,region,referred,level,"
		    "priority,status,icd10,icdo3,diagnosed,ecog,"
		    "tnm_t,tnm_n,tnm_m,tnm_stage\n");
	for (size_t i = 0; i < xs->n; i++) {
		const struct xcase *k = &xs->c[i];
		if (!k->kept)
			continue;
		char band[16], icd[8];
		const char *region;
		grouped(k, &groupings[use], band, &region, icd);
		strbuf_printf(&xs->out, "%s,%s,", k->patient, k->cs);
		csv(&xs->out, k->sex, false);
		csv(&xs->out, band, false);
		csv(&xs->out, region, false);
		strbuf_puts(&xs->out, k->mid);
		csv(&xs->out, icd, false);
		strbuf_puts(&xs->out, k->tail);
		r->cases++;
	}
}

enum tb_status extract_write(struct db *db, const struct extract_opts *o,
			     struct extract_result *r, char **err)
{
	struct xstate x = {.o = o};
	struct dstate ds = {.x = &x};
	int min = o->min_group > 0 ? o->min_group : EXTRACT_MIN_GROUP;
	enum tb_status st;
	char h[HASH_HEX_LEN + 1];

	memset(r, 0, sizeof(*r));
	*err = NULL;
	if (util_blank(o->purpose) || util_blank(o->basis)) {
		*err = xstrdup(_("an extract needs both a purpose and a legal "
				 "basis"));
		return TB_USAGE;
	}
	hash_sha256_hex(o->key, EXTRACT_KEY_LEN, h);
	snprintf(r->key_id, sizeof(r->key_id), "%.16s", h);
	if (mkdir(o->dir, 0700) != 0) {
		*err = xasprintf(_("cannot make the directory %s: %s%s"),
				 o->dir, strerror(errno),
				 errno == EEXIST ? _(" (name a new one)") : "");
		return errno == EEXIST ? TB_INVALID : TB_IO;
	}
	st = db_extract_cases(db, o->from, o->to, read_case, &x);
	if (st != TB_OK) {
		*err = xstrdup(db_errmsg(db));
		goto cleanup;
	}
	write_cases(&x, o, min, r);
	if ((st = put_file(o->dir, "cases.csv", &x.out, err)) != TB_OK)
		goto cleanup;
	strbuf_reset(&x.out);
	strbuf_puts(&x.out, /* untranslated: a CSV head */
		    "patient,case,gene,kind,origin,hgvs_c,hgvs_p,vaf,"
		    "classification,test,date,context,result\n");
	st = db_extract_findings(db, write_finding, &x);
	if (st == TB_OK)
		st = put_file(o->dir, "findings.csv", &x.out, err);
	else
		*err = xstrdup(db_errmsg(db));
	if (st != TB_OK)
		goto cleanup;
	r->findings = x.rows;
	strbuf_reset(&x.out);
	strbuf_puts(&x.out,
		    /* untranslated: a CSV head */
		    "patient,case,decision,version,form,signed,field,value\n");
	st = db_extract_decisions(db, write_decision, &ds);
	if (st == TB_OK)
		st = put_file(o->dir, "decisions.csv", &x.out, err);
	else
		*err = xstrdup(db_errmsg(db));
	if (st != TB_OK)
		goto cleanup;
	r->decisions = ds.decisions;
	r->fields = ds.fields;

	st = db_extract_record(db, o->by, o->purpose, o->basis, r->cases,
			       r->decisions, r->left_out, min, r->key_id,
			       &r->record_id);
	if (st != TB_OK) {
		*err = xasprintf(_("the extract could not be recorded: %s"),
				 db_errmsg(db));
		goto cleanup;
	}
	char today[11];
	clock_today(today);
	strbuf_reset(&x.out);
	strbuf_printf(
	    &x.out,
	    _("Pseudonymized research extract %lld from tumorboard\n"
	      "Made %s by %s\nPurpose: %s\nLegal basis: %s\n"
	      "Cases referred: %s to %s\n\n"
	      "cases.csv      %lld cases\nfindings.csv   %lld findings\n"
	      "decisions.csv  %lld coded fields of %lld signed decisions\n"
	      "Grouped by: %s.\n"
	      "Left out: %lld cases whose group has fewer than %d cases in the "
	      "extract.\n\n"
	      "Patients, cases and decisions are named by keyed hashes "
	      "(HMAC-SHA-256, key %s). Every date of a patient is shifted by "
	      "the same number of days (within half a year); ages are given "
	      "in bands, as grouped. Names, identity numbers and free text are "
	      "left out; decisions keep their coded fields only.\n"),
	    r->record_id, today, o->by, o->purpose, o->basis,
	    o->from ? o->from : _("the first"), o->to ? o->to : _("the last"),
	    r->cases, r->findings, r->fields, r->decisions, _(r->grouping),
	    r->left_out, min, r->key_id);
	st = put_file(o->dir, "about.txt", &x.out, err);
cleanup:
	if (st != TB_OK)
		remove_all(o->dir);
	for (size_t i = 0; i < x.n; i++) {
		free(x.c[i].group);
		free(x.c[i].sex);
		free(x.c[i].region);
		free(x.c[i].icd10);
		free(x.c[i].mid);
		free(x.c[i].tail);
	}
	free(x.c);
	strbuf_done(&x.out);
	return st;
}
