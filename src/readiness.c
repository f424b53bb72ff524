#include "readiness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db_case.h"
#include "db_meeting.h"
#include "form_def.h"
#include "i18n.h"
#include "util.h"
#include "validate.h"

static struct readiness_item *add(struct readiness *r, const char *what,
				  bool ok)
{
	struct readiness_item *it = &r->items[r->n++];
	it->what = what;
	it->ok = ok;
	it->detail[0] = '\0';
	if (!ok)
		r->missing++;
	return it;
}

/* Does a case of this stage need molecular results under rule ready? */
static bool molecular_needed(const char *tnm_stage,
			     const struct board_ready *ready)
{
	if (!ready->molecular)
		return false;
	if (!ready->n_molecular_stages)
		return true;
	char group[8];
	boards_stage_group(tnm_stage, group);
	for (size_t i = 0; i < ready->n_molecular_stages; i++)
		if (strcmp(group, ready->molecular_stages[i]) == 0)
			return true;
	return false;
}

void readiness_facts_of(const struct tb_case *c, struct readiness_facts *f)
{
	memset(f, 0, sizeof(*f));
	f->id = c->id;
	f->external_id = c->external_id;
	f->icd10 = c->icd10;
	f->question = c->question && *c->question;
	f->level_reason = c->level_reason && *c->level_reason;
	f->n_pathology = c->n_pathology;
	f->birth_date = c->patient.birth_date;
	f->ecog = c->ecog;
	f->lansky = c->lansky;
	f->tnm_stage = c->tnm_stage;
	for (size_t i = 0; i < c->n_imaging; i++)
		if (c->imaging[i].date &&
		    (!f->newest_imaging ||
		     strcmp(c->imaging[i].date, f->newest_imaging) > 0))
			f->newest_imaging = c->imaging[i].date;
	f->n_findings = c->n_findings;
	for (size_t i = 0; i < c->n_findings; i++)
		if (!c->findings[i].context ||
		    strcmp(c->findings[i].context, "clinical") == 0)
			f->n_clinical++;
}

void readiness_facts_done(struct readiness_facts *f)
{
	free(f->text);
	memset(f, 0, sizeof(*f));
}

void readiness_check(const struct tb_case *c, const struct board *b,
		     const char *as_of, struct readiness *r)
{
	struct readiness_facts f;
	readiness_facts_of(c, &f);
	readiness_check_facts(&f, b, as_of, r);
}

void readiness_check_facts(const struct readiness_facts *f,
			   const struct board *b, const char *as_of,
			   struct readiness *r)
{
	const struct board_ready *ready = &b->ready;
	memset(r, 0, sizeof(*r));
	r->board = b;
	snprintf(r->as_of, sizeof(r->as_of), "%s", as_of);

	if (ready->question)
		add(r, _("Question to the board"), f->question);
	if (ready->level_reason)
		add(r, _("Reason for the MDK level"), f->level_reason);
	if (ready->pathology) {
		struct readiness_item *it =
		    add(r, _("Pathology"), f->n_pathology > 0);
		if (!it->ok)
			snprintf(it->detail, sizeof(it->detail),
				 _("no pathology report"));
	}
	if (ready->ecog && form_patients_at(f->birth_date, as_of, NULL) ==
			       FORM_PATIENTS_CHILDREN) {
		/* a child's performance status is Lansky play-performance */
		struct readiness_item *it =
		    add(r, _("Performance status (Lansky)"), f->lansky >= 0);
		if (!it->ok)
			snprintf(it->detail, sizeof(it->detail),
				 _("Lansky not stated"));
	} else if (ready->ecog) {
		struct readiness_item *it =
		    add(r, _("Performance status (ECOG)"), f->ecog >= 0);
		if (!it->ok)
			snprintf(it->detail, sizeof(it->detail),
				 _("ECOG not stated"));
	}
	if (ready->imaging_max_days > 0) {
		const char *newest = f->newest_imaging;
		long age = newest && validate_date(newest, NULL, NULL) &&
				   validate_date(as_of, NULL, NULL)
			       ? validate_date_diff(newest, as_of)
			       : -1;
		bool ok = newest && age >= 0 && age <= ready->imaging_max_days;
		struct readiness_item *it = add(r, _("Current imaging"), ok);
		if (!newest)
			snprintf(it->detail, sizeof(it->detail),
				 _("no imaging"));
		else
			snprintf(it->detail, sizeof(it->detail),
				 ngettext("newest %s is %ld day old; the "
					  "limit is %d",
					  "newest %s is %ld days old; the "
					  "limit is %d",
					  (unsigned long)age),
				 newest, age, ready->imaging_max_days);
	}
	if (molecular_needed(f->tnm_stage, ready)) {
		struct readiness_item *it =
		    add(r, _("Molecular results"), f->n_clinical > 0);
		if (it->ok)
			;
		else if (f->n_findings)
			snprintf(it->detail, sizeof(it->detail),
				 _("only research results"));
		else if (f->tnm_stage)
			snprintf(it->detail, sizeof(it->detail),
				 _("no molecular results yet (stage %s)"),
				 f->tnm_stage);
		else
			snprintf(it->detail, sizeof(it->detail),
				 _("no molecular results yet"));
	}
}

/* The cases still listed on the agendas, read before what their
 * readiness is checked by is read for all of them at once. */
struct meeting_count {
	long long *meeting, *ids;
	bool *decided;
	size_t n;
};

static bool count_row(long long meeting_id, long long case_id, bool decided,
		      void *arg)
{
	struct meeting_count *mc = arg;
	mc->meeting = xrealloc(mc->meeting, (mc->n + 1) * sizeof(long long));
	mc->ids = xrealloc(mc->ids, (mc->n + 1) * sizeof(*mc->ids));
	mc->decided = xrealloc(mc->decided, (mc->n + 1) * sizeof(bool));
	mc->meeting[mc->n] = meeting_id;
	mc->decided[mc->n] = decided;
	mc->ids[mc->n++] = case_id;
	return true;
}

enum tb_status readiness_meetings(struct db *db, const struct boards *bs,
				  const struct tb_meeting *ms, size_t n_ms,
				  int *ready, int *n)
{
	struct meeting_count mc = {0};
	struct db_case_ready_set set = {0};
	long long *mids = xcalloc(n_ms ? n_ms : 1, sizeof(*mids));
	for (size_t k = 0; k < n_ms; k++) {
		mids[k] = ms[k].id;
		ready[k] = n[k] = 0;
	}
	enum tb_status st = db_agenda_listed(db, mids, n_ms, count_row, &mc);
	if (st == TB_OK)
		st = db_case_ready_many(db, mc.ids, mc.n, &set);
	for (size_t i = 0; st == TB_OK && i < mc.n; i++) {
		const struct readiness_facts *f =
		    db_case_ready_find(&set, mc.ids[i]);
		if (!f) {
			st = TB_DB; /* listed, yet no such case */
			break;
		}
		const struct board *b = boards_for_icd10(bs, f->icd10);
		struct readiness rd;
		for (size_t k = 0; k < n_ms; k++) {
			if (ms[k].id != mc.meeting[i])
				continue;
			n[k]++;
			/* decided since it was listed: not ready to be
			 * discussed here */
			if (b && !mc.decided[i]) {
				readiness_check_facts(f, b, ms[k].date, &rd);
				ready[k] += rd.missing == 0;
			}
		}
	}
	if (st != TB_OK)
		for (size_t k = 0; k < n_ms; k++)
			ready[k] = n[k] = 0;
	db_case_ready_set_done(&set);
	free(mids);
	free(mc.meeting);
	free(mc.ids);
	free(mc.decided);
	return st;
}

void readiness_memo_done(struct readiness_memo *memo)
{
	free(memo->ids);
	free(memo->dates);
	free(memo->ready);
	free(memo->n);
	memset(memo, 0, sizeof(*memo));
}

static bool memo_holds(const struct readiness_memo *memo,
		       const struct tb_meeting *ms, size_t n_ms,
		       unsigned long long other, unsigned long long own)
{
	if (!memo->valid || memo->n_ms != n_ms || memo->other != other ||
	    memo->own != own)
		return false;
	for (size_t k = 0; k < n_ms; k++)
		if (memo->ids[k] != ms[k].id ||
		    strcmp(memo->dates[k], ms[k].date) != 0)
			return false;
	return true;
}

enum tb_status readiness_meetings_kept(struct readiness_memo *memo,
				       struct db *db, const struct boards *bs,
				       const struct tb_meeting *ms, size_t n_ms,
				       int *ready, int *n)
{
	unsigned long long other, own;
	bool versioned = db_data_version(db, &other, &own) == TB_OK;
	size_t size = n_ms ? n_ms : 1;
	if (versioned && memo_holds(memo, ms, n_ms, other, own)) {
		memcpy(ready, memo->ready, n_ms * sizeof(*ready));
		memcpy(n, memo->n, n_ms * sizeof(*n));
		return TB_OK;
	}
	readiness_memo_done(memo);
	enum tb_status st = readiness_meetings(db, bs, ms, n_ms, ready, n);
	if (st != TB_OK || !versioned)
		return st;
	memo->ids = xmalloc(size * sizeof(*memo->ids));
	memo->dates = xmalloc(size * sizeof(*memo->dates));
	memo->ready = xmalloc(size * sizeof(*memo->ready));
	memo->n = xmalloc(size * sizeof(*memo->n));
	for (size_t k = 0; k < n_ms; k++) {
		memo->ids[k] = ms[k].id;
		snprintf(memo->dates[k], sizeof(memo->dates[k]), "%s",
			 ms[k].date);
	}
	memcpy(memo->ready, ready, n_ms * sizeof(*ready));
	memcpy(memo->n, n, n_ms * sizeof(*n));
	memo->n_ms = n_ms;
	memo->other = other;
	memo->own = own;
	memo->valid = true;
	return TB_OK;
}

enum tb_status readiness_meeting(struct db *db, const struct boards *bs,
				 const struct tb_meeting *m, int *ready, int *n)
{
	return readiness_meetings(db, bs, m, 1, ready, n);
}
