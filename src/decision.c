#include "decision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_case.h"
#include "db_form.h"
#include "db_meeting.h"
#include "followup.h"
#include "i18n.h"
#include "quorum.h"
#include "form_type.h"
#include "hash.h"
#include "kb.h"
#include "model.h"
#include "util.h"

static void put_escaped(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\\')
			strbuf_puts(sb, "\\\\");
		else if (*s == '\n')
			strbuf_puts(sb, "\\n");
		else if (*s == '\t')
			strbuf_puts(sb, "\\t");
		else
			strbuf_putc(sb, *s);
	}
}

void decision_attendee_split(char *line, char **role, char **kind)
{
	char *r = strchr(line, '\t');
	char *k = r ? strchr(r + 1, '\t') : NULL;
	if (r)
		*r++ = '\0';
	if (k)
		*k++ = '\0';
	*role = r ? r : line + strlen(line);
	*kind = k ? k : line + strlen(line);
}

bool decision_attendee_add(struct strbuf *sb, const char *entry)
{
	char *copy = util_sanitize(entry, false);
	char *role = strchr(copy, ':');
	char *kind = role ? strchr(role + 1, ':') : NULL;
	if (role)
		*role++ = '\0';
	if (kind)
		*kind++ = '\0';
	const char *name = util_trim(copy);
	if (role)
		util_trim(role);
	if (kind)
		util_trim(kind);
	const char *k = kind ? board_attendee_kind_typed(kind) : "core";
	bool ok = *name && role && *role && k;
	if (ok)
		strbuf_printf(sb, "%s%s\t%s\t%s", sb->len ? "\n" : "", name,
			      role, k);
	free(copy);
	return ok;
}

char *decision_content_encode(const struct form_values *v)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < v->n; i++) {
		strbuf_printf(&sb, "%s=", v->field[i]);
		put_escaped(&sb, v->value[i]);
		strbuf_putc(&sb, '\n');
	}
	return strbuf_detach(&sb);
}

void decision_content_decode(const char *content, struct form_values *out)
{
	for (const char *p = content; p && *p;) {
		size_t n = strcspn(p, "\n");
		const char *eq = memchr(p, '=', n);
		if (eq) {
			char *field = xstrndup(p, (size_t)(eq - p));
			struct strbuf sb;
			strbuf_init(&sb);
			for (const char *q = eq + 1; q < p + n; q++) {
				if (*q == '\\' && q + 1 < p + n) {
					q++;
					strbuf_putc(&sb, *q == 'n'   ? '\n'
							 : *q == 't' ? '\t'
								     : *q);
				} else
					strbuf_putc(&sb, *q);
			}
			char *value = strbuf_detach(&sb);
			form_values_set(out, field, value);
			free(field);
			free(value);
		}
		p += n;
		if (*p)
			p++;
	}
}

void decision_hash(struct tb_decision *d)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_printf(&sb,
		      /* untranslated: hashed */
		      "tumorboard decision 1\ncase=%lld\ninstance=%lld\n"
		      "version=%d\nsupersedes=%lld\nmeeting=%lld\n",
		      d->case_id, d->form_instance_id, d->version,
		      d->supersedes, d->meeting_id);
	const struct {
		const char *name, *value;
	} cols[] = {
	    {"amend_reason", d->amend_reason},
	    {"form", d->form_id},
	    {"form_version", d->form_version},
	    {"kb_version", d->kb_version},
	    {"signed_by", d->signed_by},
	    {"signed_at", d->signed_at},
	    {"attendees", d->attendees},
	    {"quorum_override", d->quorum_override},
	    {"content", d->content},
	};
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		/* NULL and "" differ: a NULL column is written without '=' */
		strbuf_puts(&sb, cols[i].name);
		if (cols[i].value) {
			strbuf_putc(&sb, '=');
			put_escaped(&sb, cols[i].value);
		}
		strbuf_putc(&sb, '\n');
	}
	char hex[HASH_HEX_LEN + 1];
	hash_sha256_hex(sb.buf, sb.len, hex);
	strbuf_done(&sb);
	util_set(&d->content_hash, hex);
}

/* As decision_patients, for the case with this id whose patient was born
 * on birth. */
static enum form_patients patients_on(struct db *db, long long case_id,
				      const char *birth, long long meeting_id,
				      char *on, int *age)
{
	char day[11];
	struct tb_meeting m = {0};
	if (!meeting_id)
		meeting_id = db_meeting_of_case(db, case_id);
	if (meeting_id && db_meeting_get(db, meeting_id, &m) == TB_OK)
		model_meeting_held_on(&m, day);
	else
		clock_today(day);
	if (on)
		memcpy(on, day, sizeof(day));
	return form_patients_at(birth, day, age);
}

enum form_patients decision_patients(struct db *db, const struct tb_case *c,
				     long long meeting_id, char *on, int *age)
{
	return patients_on(db, c->id, c->patient.birth_date, meeting_id, on,
			   age);
}

enum form_patients decision_patients_of(struct db *db, long long case_id,
					long long meeting_id)
{
	/* the birth date alone, not the whole case: the form reads this
	 * at every reload */
	char *birth = NULL;
	if (db_case_birth_date(db, case_id, &birth) != TB_OK)
		return FORM_PATIENTS_ALL;
	enum form_patients p =
	    patients_on(db, case_id, birth, meeting_id, NULL, NULL);
	free(birth);
	return p;
}

const struct form *decision_form_for(const struct form_set *forms,
				     const char *board_id)
{
	const struct form *f = board_id ? form_set_get(forms, board_id) : NULL;
	return f ? f : form_set_get(forms, "general");
}

/* Finding rows with the knowledge base's tier and options as the first
 * value (the board confirms or changes them). The rows are a Swedish
 * record whatever the interface language, as the form's free text is
 * (tumorboard-forms(5)): the knowledge base's Swedish texts. Caller
 * frees. */
static char *kb_rows(const struct kb *kb, const struct tb_case *c)
{
	struct kb_match *m = NULL;
	size_t n = kb_match_case(kb, c, &m);
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < c->n_findings; i++) {
		/* a variant looked for and not found is nothing to tier */
		if (c->findings[i].absent)
			continue;
		char *key = form_finding_key(&c->findings[i]);
		const struct kb_match *hit = NULL;
		for (size_t k = 0; k < n; k++)
			if (m[k].finding == i)
				hit = &m[k];
		strbuf_printf(&sb, "%s%s\t", sb.len ? "\n" : "", key);
		if (hit && strcmp(hit->e->tier_system, "ESCAT") == 0) {
			strbuf_printf(&sb,
				      /* untranslated: the Swedish record */
				      "%s\tkunskapsbas %s, %s:", hit->e->tier,
				      kb->version, hit->e->id);
			/* the Swedish twin of each option (its INN names
			 * as the data has them), else the only text; one
			 * that is a sentence is followed by the next as a
			 * sentence (it read "produktresumé., Krizotinib") */
			for (size_t t = 0; t < hit->e->n_therapies; t++) {
				const struct kb_therapy *th =
				    &hit->e->therapies[t];
				bool after =
				    t && sb.len && sb.buf[sb.len - 1] != '.';
				strbuf_printf(&sb, "%s %s", after ? "," : "",
					      th->name_sv ? th->name_sv
							  : th->name);
			}
			if (hit->off_label)
				strbuf_puts(
				    &sb,
				    /* untranslated: the Swedish record */
				    " (utanför godkänd indikation)");
		} else
			strbuf_putc(&sb, '\t');
		free(key);
	}
	free(m);
	if (!sb.len) {
		strbuf_done(&sb);
		return NULL;
	}
	/* rows are one line each: no tab or newline inside a column */
	for (size_t i = 0; i < sb.len; i++)
		if (sb.buf[i] == '|')
			sb.buf[i] = '/';
	return strbuf_detach(&sb);
}

/* The canonical value the case gives fd, or NULL (a case value the field
 * refuses is left for the board). Caller frees. */
static char *prefill_one(const struct form_field *fd, const struct kb *kb,
			 const struct tb_case *c, const struct form_ctx *ctx)
{
	char *pre = fd->type == FT_FINDING && kb && c->n_findings &&
			    fd->prefill && strcmp(fd->prefill, "findings") == 0
			? kb_rows(kb, c)
			: form_prefill(fd, c);
	char *canon = NULL;
	char err[FORM_ERR_MAX];
	if (pre && !form_type_parse_value(fd, pre, ctx, &canon, err)) {
		free(canon);
		canon = NULL;
	}
	free(pre);
	return canon;
}

char *decision_prefill(struct db *db, const struct form *f, const struct kb *kb,
		       long long case_id, const struct form_values *v,
		       const char *field)
{
	const struct form_field *fd = form_field(f, field, NULL);
	struct tb_case *c = NULL;
	char today[11];
	if (!fd || db_case_load(db, case_id, &c) != TB_OK)
		return NULL;
	clock_today(today);
	struct form_ctx ctx = {.today = today, .form = f, .values = v, .c = c};
	char *canon = prefill_one(fd, kb, c, &ctx);
	model_case_free(&c);
	if (canon && !*canon) {
		free(canon);
		canon = NULL;
	}
	return canon;
}

enum tb_status decision_open(struct db *db, const struct form *f,
			     const struct kb *kb, long long case_id,
			     struct diag *d, long long *instance_out)
{
	struct tb_case *c = NULL;
	struct form_values v;
	char today[11];
	enum tb_status st = db_case_load(db, case_id, &c);
	if (st != TB_OK)
		return st;
	clock_today(today);
	form_values_init(&v);
	v.patients = decision_patients(db, c, 0, NULL, NULL);
	struct form_ctx ctx = {.today = today, .form = f, .values = &v, .c = c};
	for (size_t i = 0; i < f->n_fields; i++) {
		/* a field not for this patient (ECOG for a child) starts
		 * empty */
		if (f->fields[i].patients != FORM_PATIENTS_ALL &&
		    f->fields[i].patients != v.patients)
			continue;
		char *canon = prefill_one(&f->fields[i], kb, c, &ctx);
		if (canon && *canon)
			form_values_set(&v, f->fields[i].id, canon);
		free(canon);
	}
	st = db_form_create(db, case_id, f->id, f->version, &v, 0, NULL,
			    instance_out);
	if (st == TB_INVALID)
		diag_add(
		    d, NULL, 0, NULL,
		    _("the case has a draft already; resume it, or abandon "
		      "it first"));
	form_values_done(&v);
	model_case_free(&c);
	return st;
}

/* A field for children only (Lansky) refused for an adult and one for
 * adults only (ECOG) for a child, saying why: the age at the meeting
 * date. Clearing it is always allowed (an old draft may hold one). */
static enum tb_status check_patients_input(struct db *db,
					   const struct tb_case *c,
					   const struct form_field *fd,
					   const char *input, struct diag *d)
{
	char on[11];
	int age;
	if (fd->patients == FORM_PATIENTS_ALL || !input || !*input)
		return TB_OK;
	enum form_patients p = decision_patients(db, c, 0, on, &age);
	if (p == FORM_PATIENTS_ALL || p == fd->patients)
		return TB_OK;
	if (p == FORM_PATIENTS_CHILDREN)
		diag_add(d, NULL, 0, fd->id,
			 _("not for a child: the patient is %d at the meeting "
			   "date %s (under %d); give the performance status "
			   "as Lansky play-performance (field lansky)"),
			 age, on, FORM_CHILD_AGE);
	else
		diag_add(d, NULL, 0, fd->id,
			 _("for children only: the patient is %d at the "
			   "meeting date %s (%d or over); give the "
			   "performance status as ECOG (field ecog)"),
			 age, on, FORM_CHILD_AGE);
	return TB_INVALID;
}

enum tb_status decision_set(struct db *db, const struct form_set *forms,
			    long long case_id, const char *field,
			    const char *input, struct diag *d)
{
	return decision_set_at(db, forms, NULL, case_id, field, input, 0, d);
}

enum tb_status decision_set_at(struct db *db, const struct form_set *forms,
			       const struct boards *bs, long long case_id,
			       const char *field, const char *input,
			       long long seen, struct diag *d)
{
	struct db_form_instance fi = {0};
	struct form_values v;
	struct tb_case *c = NULL;
	char today[11];
	char *canon = NULL;
	form_values_init(&v);
	enum tb_status st = db_form_draft(db, case_id, &fi, &v);
	if (st == TB_NOT_FOUND) {
		diag_add(d, NULL, 0, NULL, _("the case has no draft decision"));
		goto cleanup;
	}
	if (st != TB_OK)
		goto cleanup;
	const struct form *f =
	    form_set_best(forms, fi.form_id, fi.form_version);
	const struct form_field *fd = f ? form_field(f, field, NULL) : NULL;
	if (!fd && f && strcmp(field, DECISION_TEXT_LANG) == 0) {
		st = decision_text_lang_set(db, fi.id, input, seen, d);
		goto cleanup;
	}
	if (!fd) {
		diag_add(d, NULL, 0, field, _("no such field in form %s"),
			 fi.form_id);
		st = TB_INVALID;
		goto cleanup;
	}
	if ((st = db_case_load(db, case_id, &c)) != TB_OK)
		goto cleanup;
	clock_today(today);
	if ((st = check_patients_input(db, c, fd, input, d)) != TB_OK)
		goto cleanup;
	struct form_ctx ctx = {.today = today, .form = f, .values = &v, .c = c};
	char err[FORM_ERR_MAX];
	if (!form_type_parse_value(fd, input, &ctx, &canon, err)) {
		diag_add(d, NULL, 0, field, "%s", err);
		st = TB_INVALID;
		goto cleanup;
	}
	bool stale = false;
	st = db_form_set_at(db, fi.id, field, canon, seen, &stale);
	/* a diagnosis of another organ than the board's: saved (the board
	 * may take it on purpose), and said */
	char why[200];
	if (st == TB_OK && fd->type == FT_CODE && fd->system &&
	    strcmp(fd->system, "icd10") == 0 && *canon &&
	    !boards_check_icd10(bs, f->id, canon, why, sizeof(why)))
		diag_add(d, NULL, 0, field, _("warning: %s; saved"), why);
	/* values that contradict each other, with this one: said */
	struct diag w;
	diag_init(&w);
	form_values_set(&v, field, canon);
	if (st == TB_OK && decision_warnings(f, &v, &w))
		diag_add(d, NULL, 0, field, _("warning: %s; saved"),
			 w.items[0].message);
	diag_done(&w);
	if (stale) {
		struct decision_change ch;
		st = TB_STALE;
		if (decision_field_change(db, fi.id, field, &ch) == TB_OK) {
			char *msg = decision_change_message(&ch, seen);
			diag_add(d, NULL, 0, field, "%s", msg);
			free(msg);
			decision_change_done(&ch);
		} else
			diag_add(d, NULL, 0, field, "%s",
				 status_message(TB_STALE));
	}
cleanup:
	free(canon);
	model_case_free(&c);
	form_values_done(&v);
	db_form_instance_done(&fi);
	return st;
}

char *decision_change_message(const struct decision_change *c, long long seen)
{
	char *value = NULL;
	if (c->value) {
		/* one line, and not the whole of a long text */
		char *clean = util_sanitize(c->value, false);
		if (strlen(clean) > 80) {
			size_t cut = 77;
			while (cut > 0 && (clean[cut] & 0xC0) == 0x80)
				cut--;
			strcpy(clean + cut, "...");
		}
		value = xasprintf("\"%s\"", clean);
		free(clean);
	}
	const char *now = value ? value : _("empty");
	char *msg;
	if (c->by && c->at)
		msg = xasprintf(_("changed by %s at %s, after revision %lld "
				  "that you read; now: %s. Read it and set "
				  "it again"),
				c->by, c->at, seen, now);
	else
		msg = xasprintf(_("changed elsewhere after revision %lld that "
				  "you read; now: %s. Read it and set it "
				  "again"),
				seen, now);
	free(value);
	return msg;
}

/* "KEY: knowledge base I-A, board II-B" lines for finding rows whose tier
 * differs from the knowledge base's suggestion; NULL when none. */
static char *kb_overrides(const struct kb *kb, const struct form *f,
			  const struct form_values *v, const struct tb_case *c)
{
	struct kb_match *m = NULL;
	size_t n = kb_match_case(kb, c, &m);
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *fd = &f->fields[i];
		const char *rows = form_values_get(v, fd->id);
		if (fd->type != FT_FINDING || !rows)
			continue;
		for (size_t k = 0; k < n; k++) {
			char *key =
			    form_finding_key(&c->findings[m[k].finding]);
			/* the row of this finding, and its tier */
			const char *p = rows;
			while (p && *p) {
				size_t len = strcspn(p, "\n");
				size_t kl = strlen(key);
				if (len > kl && strncmp(p, key, kl) == 0 &&
				    p[kl] == '\t') {
					const char *tier = p + kl + 1;
					size_t tl = strcspn(tier, "\t\n");
					if (tl != strlen(m[k].e->tier) ||
					    strncmp(tier, m[k].e->tier, tl) !=
						0)
						strbuf_printf(
						    &sb,
						    /* untranslated: an audit
						       detail */
						    "%s%s: knowledge base %s, "
						    "board %.*s",
						    sb.len ? "\n" : "", key,
						    m[k].e->tier, (int)tl,
						    tier);
				}
				p += len;
				if (*p)
					p++;
			}
			free(key);
		}
	}
	free(m);
	if (!sb.len) {
		strbuf_done(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

/* The case's draft, read back, for form f of forms: its instance in *fi,
 * its values in *v, its form in *f. Refused (with the reason in d) when
 * the form is not installed, is another version now, or the draft is not
 * at the revision the signer read back. */
static enum tb_status check_draft(struct db *db, const struct form_set *forms,
				  long long case_id,
				  const struct decision_sign_opts *o,
				  struct diag *d, struct db_form_instance *fi,
				  struct form_values *v, const struct form **f)
{
	enum tb_status st = db_form_draft(db, case_id, fi, v);
	if (st == TB_NOT_FOUND) {
		diag_add(d, NULL, 0, NULL, _("the case has no draft decision"));
		return st;
	}
	if (st != TB_OK)
		return st;
	/* signed with the form it was opened with, an earlier version
	 * too */
	*f = form_set_version(forms, fi->form_id, fi->form_version);
	const struct form *now = form_set_get(forms, fi->form_id);
	if (!*f && !now) {
		diag_add(d, NULL, 0, "form", _("form '%s' is not installed"),
			 fi->form_id);
		return TB_INVALID;
	}
	if (!*f) {
		diag_add(d, NULL, 0, "form",
			 _("the draft was opened with version %s of form '%s'; "
			   "version %s is installed now"),
			 fi->form_version, now->id, now->version);
		return TB_INVALID;
	}
	/* signing what was read back, not what someone changed since */
	if (o->revision > fi->revision) {
		diag_add(d, NULL, 0, "revision",
			 _("the draft is at revision %lld; revision %lld was "
			   "never read back"),
			 fi->revision, o->revision);
		return TB_INVALID;
	}
	if (o->revision && o->revision != fi->revision) {
		struct strbuf ids, changed;
		strbuf_init(&ids);
		strbuf_init(&changed);
		db_form_changed_since(db, fi->id, o->revision, &ids);
		for (size_t i = 0; i < ids.len; i++)
			if (ids.buf[i] == '\n')
				strbuf_puts(&changed, ", ");
			else
				strbuf_putc(&changed, ids.buf[i]);
		strbuf_done(&ids);
		diag_add(
		    d, NULL, 0, "revision",
		    _("the draft changed after revision %lld was read back "
		      "(it is at revision %lld now; changed: %s); read it "
		      "back again before signing"),
		    o->revision, fi->revision,
		    changed.len ? changed.buf : _("values no longer shown"));
		strbuf_done(&changed);
		return TB_STALE;
	}
	return TB_OK;
}

/* Who signs, at which meeting, who took part and the quorum: each fault
 * is added to d and sets *bad. *attendees is o's, or those present at the
 * meeting (read into present). Not TB_OK only when the store fails or the
 * meeting is not there. */
static enum tb_status check_signers(struct db *db,
				    const struct decision_sign_opts *o,
				    struct diag *d, struct strbuf *present,
				    const char **attendees, bool *bad)
{
	enum tb_status st;
	if (o->meeting_id) {
		/* a decision is made at a meeting only once it has been held:
		 * a planned meeting has not met, a cancelled one never will */
		struct tb_meeting m = {0};
		if ((st = db_meeting_get(db, o->meeting_id, &m)) != TB_OK) {
			diag_add(d, NULL, 0, "meeting", _("no meeting %lld"),
				 o->meeting_id);
			return st;
		}
		if (!decision_meeting_held(&m)) {
			diag_add(
			    d, NULL, 0, "meeting",
			    _("meeting %lld is %s and has not met; start it, "
			      "or sign outside any meeting"),
			    o->meeting_id, m.status);
			*bad = true;
		}
	}
	*attendees = o->attendees;
	if (!*attendees && o->meeting_id && !*bad) {
		if ((st = decision_meeting_attendees(db, o->meeting_id,
						     present)) != TB_OK)
			return st;
		*attendees = present->buf;
	}
	const char *why;
	char rw[300];
	if (!o->signed_by || !*o->signed_by) {
		diag_add(d, NULL, 0, "signed-by",
			 _("say who signs (the chair)"));
		*bad = true;
	} else if (!util_text_check(o->signed_by, false, &why)) {
		diag_add(d, NULL, 0, "signed-by", "%s", why);
		*bad = true;
	}
	if (o->quorum_override &&
	    !util_text_check(o->quorum_override, true, &why)) {
		diag_add(d, NULL, 0, "quorum", _("the reason %s"), why);
		*bad = true;
	}
	if (util_blank(*attendees)) {
		diag_add(d, NULL, 0, "attendees",
			 _("record who took part in the decision"));
		*bad = true;
	} else if (o->attendees &&
		   !quorum_roles_known(o->boards, o->board, o->attendees,
				       present, rw, sizeof(rw))) {
		/* a typed attendee's role (those present were checked as
		 * they joined) */
		diag_add(d, NULL, 0, "attendees", "%s", rw);
		*bad = true;
	} else if (o->board) {
		struct strbuf missing;
		strbuf_init(&missing);
		size_t n = quorum_missing_said(o->board, *attendees, &missing);
		if (n && (!o->quorum_override || !*o->quorum_override)) {
			diag_add(
			    d, NULL, 0, "quorum",
			    _("the %s board is not quorate: nobody present "
			      "as %s; give a reason to sign anyway"),
			    model_board_label(o->board->id), missing.buf);
			*bad = true;
		} else if (!n && o->quorum_override) {
			diag_add(d, NULL, 0, "quorum",
				 _("the board is quorate; no override is "
				   "needed"));
			*bad = true;
		}
		strbuf_done(&missing);
	}
	if (o->attendees && present->len) /* the roles by their codes */
		*attendees = present->buf;
	return TB_OK;
}

/* The decision on case c signed from fi's shown values (changed: the
 * knowledge base's overrides and the patient's identity are added). */
static void fill_decision(struct tb_decision *dec, const struct tb_case *c,
			  const struct db_form_instance *fi,
			  const struct form *f, struct form_values *shown,
			  const struct decision_sign_opts *o,
			  const char *attendees)
{
	char now[21];
	clock_timestamp(now);
	dec->case_id = c->id;
	dec->case_external_id = xstrdup(c->external_id);
	dec->form_instance_id = fi->id;
	dec->form_revision = fi->revision;
	dec->supersedes = fi->amends;
	dec->amend_reason = fi->amend_reason ? xstrdup(fi->amend_reason) : NULL;
	dec->meeting_id = o->meeting_id;
	dec->form_id = xstrdup(f->id);
	dec->form_version = xstrdup(f->version);
	dec->kb_version = o->kb_version ? xstrdup(o->kb_version) : NULL;
	/* the board's tiers against the knowledge base's: a difference is an
	 * override, kept in the signed content */
	if (o->kb) {
		char *ov = kb_overrides(o->kb, f, shown, c);
		if (ov)
			form_values_set(shown, "kb-overrides", ov);
		free(ov);
	}
	/* the identity it is signed for (the letter reads it from here) */
	char *who =
	    xasprintf("%s %s", c->patient.given_name, c->patient.family_name);
	form_values_set(shown, DECISION_PATIENT_NAME, who);
	free(who);
	form_values_set(shown, DECISION_PATIENT_BORN,
			c->patient.birth_date ? c->patient.birth_date : "");
	dec->content = decision_content_encode(shown);
	/* kept beside it for the follow-up list (db_followup_window) */
	followup_facts_of(f, shown, &dec->follow_up);
	dec->signed_by = xstrdup(o->signed_by);
	dec->signed_at = xstrdup(now);
	dec->attendees = xstrdup(attendees);
	dec->quorum_override =
	    o->quorum_override ? xstrdup(o->quorum_override) : NULL;
}

/* Everything signing checks, and the decision it would store in *dec (not
 * yet inserted; no version or hash). */
static enum tb_status build(struct db *db, const struct form_set *forms,
			    long long case_id,
			    const struct decision_sign_opts *o, struct diag *d,
			    struct tb_decision *dec_out)
{
	struct db_form_instance fi = {0};
	struct form_values v, shown;
	struct tb_case *c = NULL;
	const struct form *f = NULL;
	const char *attendees = NULL;
	bool bad = false;
	enum tb_status st;
	char today[11];

	struct strbuf present;
	strbuf_init(&present);
	form_values_init(&v);
	form_values_init(&shown);
	clock_today(today);
	st = check_draft(db, forms, case_id, o, d, &fi, &v, &f);
	if (st != TB_OK)
		goto cleanup;
	st = check_signers(db, o, d, &present, &attendees, &bad);
	if (st != TB_OK)
		goto cleanup;
	if ((st = db_case_load(db, case_id, &c)) != TB_OK)
		goto cleanup;
	v.patients = decision_patients(db, c, o->meeting_id, NULL, NULL);
	struct form_ctx ctx = {.today = today, .form = f, .values = &v, .c = c};
	if (form_check(f, &v, &ctx, d) > 0 || bad) {
		st = TB_INVALID;
		goto cleanup;
	}
	form_shown_values(f, &v, &shown);
	/* said, not refused: the signer has read them back (o->warnings) */
	if (o->warnings)
		decision_warnings(f, &shown, o->warnings);
	decision_text_lang_keep(&v, &shown);
	fill_decision(dec_out, c, &fi, f, &shown, o, attendees);
cleanup:
	strbuf_done(&present);
	model_case_free(&c);
	form_values_done(&v);
	form_values_done(&shown);
	db_form_instance_done(&fi);
	return st;
}

enum tb_status decision_preview(struct db *db, const struct form_set *forms,
				long long case_id,
				const struct decision_sign_opts *o,
				struct diag *d, struct tb_decision *out)
{
	memset(out, 0, sizeof(*out));
	return build(db, forms, case_id, o, d, out);
}

enum tb_status decision_sign(struct db *db, const struct form_set *forms,
			     long long case_id,
			     const struct decision_sign_opts *o, struct diag *d,
			     long long *id_out)
{
	struct tb_decision dec = {0};
	enum tb_status st = build(db, forms, case_id, o, d, &dec);
	if (st == TB_OK) {
		st = db_decision_insert(db, &dec, decision_hash);
		if (st == TB_INVALID)
			diag_add(d, NULL, 0, NULL,
				 _("the draft was signed already, or changed "
				   "while it was being signed"));
	}
	if (st == TB_OK && id_out)
		*id_out = dec.id;
	db_decision_done(&dec);
	return st;
}

static bool add_present(const struct db_attendee *a, void *arg)
{
	struct strbuf *out = arg;
	strbuf_printf(out, "%s%s\t%s\t%s", out->len ? "\n" : "", a->name,
		      a->role, a->core ? "core" : "cover");
	return true;
}

bool decision_meeting_held(const struct tb_meeting *m)
{
	return strcmp(m->status, "running") == 0 ||
	       strcmp(m->status, "finished") == 0;
}

enum tb_status decision_meeting_attendees(struct db *db, long long meeting_id,
					  struct strbuf *out)
{
	return db_attendee_list(db, meeting_id, true, add_present, out);
}

struct latest {
	long long id;
};

static bool note_latest(const struct tb_decision *d, void *arg)
{
	((struct latest *)arg)->id = d->id;
	return true;
}

enum tb_status decision_amend(struct db *db, const struct form_set *forms,
			      long long id, const char *reason, struct diag *d,
			      long long *instance_out)
{
	struct tb_decision dec;
	struct form_values v;
	enum tb_status st = db_decision_get(db, id, &dec);
	if (st != TB_OK) {
		if (st == TB_NOT_FOUND)
			diag_add(d, NULL, 0, NULL, _("no decision %lld"), id);
		return st;
	}
	form_values_init(&v);
	struct latest latest = {0};
	const struct form *f = form_set_get(forms, dec.form_id);
	const char *why;
	if (util_blank(reason)) {
		diag_add(d, NULL, 0, "reason",
			 _("an amendment needs a reason"));
		st = TB_INVALID;
	} else if (!util_text_check(reason, true, &why)) {
		diag_add(d, NULL, 0, "reason", "%s", why);
		st = TB_INVALID;
	} else if (!f) {
		diag_add(d, NULL, 0, "form", _("form '%s' is not installed"),
			 dec.form_id);
		st = TB_INVALID;
	} else if ((st = db_decision_each(db, dec.case_id, note_latest,
					  &latest)) == TB_OK &&
		   latest.id != id) {
		diag_add(
		    d, NULL, 0, NULL,
		    _("decision %lld was amended already; amend the latest, "
		      "%lld"),
		    id, latest.id);
		st = TB_INVALID;
	}
	if (st == TB_OK) {
		/* the new draft starts from the values, not from the identity
		 * the old one was signed for (signing records it afresh) */
		struct form_values all;
		form_values_init(&all);
		decision_content_decode(dec.content, &all);
		for (size_t i = 0; i < all.n; i++)
			if (strcmp(all.field[i], DECISION_PATIENT_NAME) != 0 &&
			    strcmp(all.field[i], DECISION_PATIENT_BORN) != 0)
				form_values_set(&v, all.field[i], all.value[i]);
		form_values_done(&all);
		st = db_form_create(db, dec.case_id, f->id, f->version, &v, id,
				    reason, instance_out);
		if (st == TB_INVALID)
			diag_add(d, NULL, 0, NULL,
				 _("the case has a draft already; sign or "
				   "abandon it first"));
	}
	form_values_done(&v);
	db_decision_done(&dec);
	return st;
}
