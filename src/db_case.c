/*
 * One case: its upsert with the change list, its load (children and level
 * changes), and many at once (whole, or as an agenda's rows). Its
 * referral on to another level is in db_case_refer.c; the list, search
 * and counts are in db_case_list.c.
 */
#include "db_case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_internal.h"
#include "db_meeting.h"
#include "readiness.h"
#include "util.h"

static int bind_opt_double(struct store_stmt *st, int idx, bool has, double v)
{
	return has ? store_bind_double(st, idx, v) : store_bind_null(st, idx);
}

/* Steps a cached write statement once and resets it. */
static enum tb_status step_done(struct store_stmt *st)
{
	int rc = store_step(st);
	store_reset(st);
	store_clear_bindings(st);
	return rc == STORE_DONE ? TB_OK : TB_DB;
}

/* step_done for an INSERT … RETURNING id: the new row's id in *id. */
static enum tb_status step_id(struct store_stmt *st, long long *id)
{
	int rc = db_step_id(st, id);
	store_reset(st);
	store_clear_bindings(st);
	return rc == STORE_DONE ? TB_OK : TB_DB;
}

static const char *src_system(const struct tb_source *s,
			      const struct tb_source *fallback)
{
	return s->system ? s->system : fallback->system;
}

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

enum tb_status db_case_patient_compare(struct db *db,
				       const struct tb_patient *p,
				       struct tb_patient *stored,
				       char **changed, bool *identity)
{
	struct store_stmt *find = db_stmt(db, DB_STMT_PATIENT_FIND);
	struct tb_patient old = {0};
	enum tb_status st = TB_DB;

	*changed = NULL;
	*identity = false;
	if (!find)
		return TB_DB;
	store_bind_text(find, 1, p->pnr);
	int rc = store_step(find);
	if (rc == STORE_DONE)
		st = TB_NOT_FOUND;
	if (rc != STORE_ROW)
		goto cleanup;
	old.id = store_column_int64(find, 0);
	old.id_type = db_column_dup(find, 1);
	old.family_name = db_column_dup(find, 2);
	old.given_name = db_column_dup(find, 3);
	old.birth_date = db_column_dup(find, 4);
	old.sex = db_column_dup(find, 5);
	old.language = db_column_dup(find, 6);
	old.region = db_column_dup(find, 7);
	old.hospital = db_column_dup(find, 8);
	old.interpreter = store_column_int(find, 9) != 0;
	const struct {
		const char *name, *was, *now;
		bool identity;
	} f[] = {
	    {"family_name", old.family_name, p->family_name, true},
	    {"given_name", old.given_name, p->given_name, true},
	    {"sex", old.sex, p->sex, true},
	    {"id_type", old.id_type, p->id_type, false},
	    {"birth_date", old.birth_date, p->birth_date, false},
	    {"language", old.language, p->language ? p->language : "sv", false},
	    {"region", old.region, p->region, false},
	    {"hospital", old.hospital, p->hospital, false},
	    {"interpreter", old.interpreter ? "yes" : "no",
	     p->interpreter ? "yes" : "no", false},
	};
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < UTIL_ARRAY_LEN(f); i++) {
		if (same_text(f[i].was, f[i].now))
			continue;
		strbuf_printf(&sb, "%s%s", sb.len ? "," : "", f[i].name);
		*identity |= f[i].identity;
	}
	*changed = sb.len ? strbuf_detach(&sb) : NULL;
	strbuf_done(&sb);
	st = TB_OK;
cleanup:
	store_reset(find);
	store_clear_bindings(find);
	if (st == TB_OK && stored)
		*stored = old;
	else
		model_patient_done(&old);
	return st;
}

/* Inserts the patient or updates the stored one; a change of the stored
 * details gets an audit entry naming the changed fields (never values). */
static enum tb_status store_patient(struct db *db, struct tb_case *c,
				    const char *received)
{
	struct tb_patient *p = &c->patient;
	struct tb_patient old = {0};
	struct store_stmt *st;
	char *changed = NULL;
	bool identity;
	long long id = 0;

	enum tb_status rc =
	    db_case_patient_compare(db, p, &old, &changed, &identity);
	if (rc == TB_OK)
		id = old.id;
	model_patient_done(&old);
	if (rc != TB_OK && rc != TB_NOT_FOUND)
		return TB_DB;

	rc = TB_DB;
	st = db_stmt(db, id ? DB_STMT_PATIENT_UPDATE : DB_STMT_PATIENT_INSERT);
	if (!st)
		goto cleanup;
	if (id)
		store_bind_int64(st, 1, id);
	else
		store_bind_text(st, 1, p->pnr);
	store_bind_text(st, 2, p->id_type);
	store_bind_text(st, 3, p->family_name);
	store_bind_text(st, 4, p->given_name);
	store_bind_text(st, 5, p->birth_date);
	store_bind_text(st, 6, p->sex);
	store_bind_text(st, 7, p->language ? p->language : "sv");
	store_bind_text(st, 8, p->region);
	store_bind_text(st, 9, p->hospital);
	store_bind_text(st, 10, c->source.system);
	store_bind_text(st, 11, received);
	store_bind_int64(st, 12, p->interpreter ? 1 : 0);
	if (id ? step_done(st) != TB_OK : step_id(st, &p->id) != TB_OK)
		goto cleanup;
	if (id)
		p->id = id;
	rc = TB_OK;
	if (changed) {
		char *detail = xasprintf(
		    /* untranslated: an audit detail */ "details changed: %s",
		    changed);
		rc = db_audit_append(db, db_actor(), "update", "patient", p->id,
				     detail);
		free(detail);
	}
cleanup:
	free(changed);
	return rc;
}

/* A new case (fresh) has no rows of results yet: the foreign keys allow
 * none without their case, so there is nothing to delete first. */
static enum tb_status store_children(struct db *db, struct tb_case *c,
				     const char *received, bool fresh)
{
	static const enum db_stmt_id deletes[] = {
	    DB_STMT_CASE_DELETE_CHILDREN_PATH,
	    DB_STMT_CASE_DELETE_CHILDREN_FIND,
	    DB_STMT_CASE_DELETE_CHILDREN_IMG,
	};
	for (size_t i = 0; !fresh && i < UTIL_ARRAY_LEN(deletes); i++) {
		struct store_stmt *st = db_stmt(db, deletes[i]);
		if (!st)
			return TB_DB;
		store_bind_int64(st, 1, c->id);
		if (step_done(st) != TB_OK)
			return TB_DB;
	}

	struct store_stmt *pst = db_stmt(db, DB_STMT_PATHOLOGY_INSERT);
	struct store_stmt *mst = db_stmt(db, DB_STMT_MARKER_INSERT);
	struct store_stmt *fst = db_stmt(db, DB_STMT_FINDING_INSERT);
	struct store_stmt *ist = db_stmt(db, DB_STMT_IMAGING_INSERT);
	if (!pst || !mst || !fst || !ist)
		return TB_DB;

	for (size_t i = 0; i < c->n_pathology; i++) {
		const struct tb_pathology *p = &c->pathology[i];
		store_bind_int64(pst, 1, c->id);
		store_bind_int64(pst, 2, (long long)i);
		store_bind_text(pst, 3, p->date);
		store_bind_text(pst, 4, p->lab);
		store_bind_text(pst, 5, p->specimen);
		store_bind_text(pst, 6, p->icdo3);
		store_bind_text(pst, 7, p->grade);
		store_bind_text(pst, 8, p->report);
		store_bind_text(pst, 9, p->context ? p->context : "clinical");
		store_bind_text(pst, 10, src_system(&p->source, &c->source));
		store_bind_text(pst, 11, received);
		long long pid = 0;
		if (step_id(pst, &pid) != TB_OK)
			return TB_DB;
		for (size_t m = 0; m < p->n_markers; m++) {
			store_bind_int64(mst, 1, pid);
			store_bind_text(mst, 2, p->markers[m].name);
			store_bind_text(mst, 3, p->markers[m].value);
			if (step_done(mst) != TB_OK)
				return TB_DB;
		}
	}
	for (size_t i = 0; i < c->n_findings; i++) {
		const struct tb_finding *f = &c->findings[i];
		store_bind_int64(fst, 1, c->id);
		store_bind_int64(fst, 2, (long long)i);
		store_bind_text(fst, 3, f->gene);
		store_bind_text(fst, 4, f->kind);
		store_bind_text(fst, 5, f->origin);
		store_bind_text(fst, 6, f->hgvs_c);
		store_bind_text(fst, 7, f->hgvs_p);
		store_bind_text(fst, 8, f->hgvs_g);
		store_bind_text(fst, 9, f->transcript);
		store_bind_text(fst, 10, f->partner);
		bind_opt_double(fst, 11, f->has_copies, f->copies);
		store_bind_text(fst, 12, f->value);
		bind_opt_double(fst, 13, f->has_vaf, f->vaf);
		store_bind_text(fst, 14, f->classification);
		store_bind_text(fst, 15, f->test);
		store_bind_text(fst, 16, f->sample);
		store_bind_text(fst, 17, f->lab);
		store_bind_text(fst, 18, f->date);
		store_bind_text(fst, 19, f->context ? f->context : "clinical");
		store_bind_text(fst, 20, f->note);
		store_bind_text(fst, 21, src_system(&f->source, &c->source));
		store_bind_text(fst, 22, received);
		/* NULL for a variant found: the rows of schema 20 keep their
		 * seals */
		store_bind_text(fst, 23, f->absent ? "absent" : NULL);
		if (step_done(fst) != TB_OK)
			return TB_DB;
	}
	for (size_t i = 0; i < c->n_imaging; i++) {
		const struct tb_imaging *im = &c->imaging[i];
		store_bind_int64(ist, 1, c->id);
		store_bind_int64(ist, 2, (long long)i);
		store_bind_text(ist, 3, im->date);
		store_bind_text(ist, 4, im->modality);
		store_bind_text(ist, 5, im->region);
		store_bind_text(ist, 6, im->findings);
		store_bind_text(ist, 7, im->impression);
		bind_opt_double(ist, 8, im->has_recist, im->recist_sum);
		store_bind_int64(ist, 9, im->ai ? 1 : 0);
		store_bind_text(ist, 10, src_system(&im->source, &c->source));
		store_bind_text(ist, 11, received);
		if (step_done(ist) != TB_OK)
			return TB_DB;
	}
	return TB_OK;
}

static void bind_case_fields(struct store_stmt *st, const struct tb_case *c,
			     const char *received)
{
	/* Parameter 2.. are shared by insert (after ?1 external_id, ?2
	 * patient) and update (after ?1 id, ?2 patient). */
	store_bind_int64(st, 2, c->patient.id);
	store_bind_text(st, 3, c->referral_date);
	store_bind_text(st, 4, c->level);
	store_bind_text(st, 5, c->level_reason);
	store_bind_text(st, 6, c->priority ? c->priority : "routine");
	store_bind_text(st, 7, c->status ? c->status : "referred");
	store_bind_text(st, 8, c->icd10);
	store_bind_text(st, 9, c->icdo3);
	store_bind_text(st, 10, c->diagnosis_text);
	store_bind_text(st, 11, c->diagnosis_date);
	store_bind_text(st, 12, c->question);
	store_bind_text(st, 13, c->summary);
	store_bind_text(st, 14, c->referrer_name);
	store_bind_text(st, 15, c->referrer_unit);
	store_bind_text(st, 16, c->referrer_phone);
	if (c->ecog >= 0)
		store_bind_int64(st, 17, c->ecog);
	else
		store_bind_null(st, 17);
	store_bind_text(st, 18, c->ecog_date);
	store_bind_text(st, 19, c->tnm_t);
	store_bind_text(st, 20, c->tnm_n);
	store_bind_text(st, 21, c->tnm_m);
	store_bind_text(st, 22, c->tnm_stage);
	store_bind_text(st, 23, c->tnm_date);
	store_bind_text(st, 24, c->source.system);
	store_bind_text(st, 25, received);
	if (c->lansky >= 0)
		store_bind_int64(st, 26, c->lansky);
	else
		store_bind_null(st, 26);
	store_bind_text(st, 27, c->lansky_date);
}

/* A case already in the archive keeps what the board did with it: once
 * it has gone past the referral stage (listed, discussed, decided,
 * signed …) its status is the archive's, never the file's, and a level
 * the board changed (refer --level) stays. A re-sent file updates the
 * clinical data only; it never moves a case back in its workflow. */
static void keep_workflow(const struct tb_case *old, struct tb_case *c)
{
	static const char *const referral_stage[] = {"referred", "incomplete",
						     "ready", NULL};
	bool in_referral = false;
	for (size_t i = 0; referral_stage[i]; i++)
		if (old->status && strcmp(old->status, referral_stage[i]) == 0)
			in_referral = true;
	if (!in_referral && old->status) {
		free(c->status);
		c->status = xstrdup(old->status);
	}
	if (old->n_level_changes > 0 && old->level) {
		free(c->level);
		c->level = xstrdup(old->level);
		free(c->level_reason);
		c->level_reason =
		    old->level_reason ? xstrdup(old->level_reason) : NULL;
	}
}

enum tb_status db_case_store(struct db *db, struct tb_case *c,
			     const char *received, bool *created,
			     char **changes)
{
	struct tb_case *old = NULL;
	char *diff = NULL; /* what changed (NULL: nothing) */
	long long id = 0;
	enum tb_status st;

	*created = false;
	*changes = NULL;
	st = db_case_find(db, c->external_id, &id);
	if (st == TB_OK) {
		st = db_case_load(db, id, &old);
		if (st != TB_OK)
			goto cleanup;
	} else if (st != TB_NOT_FOUND) {
		goto cleanup;
	}

	if (old) {
		keep_workflow(old, c);
		/* the same case again (a file imported twice): nothing of
		 * it is written, its rows keep their ids and the time they
		 * were received */
		diff = model_case_diff(old, c);
		if (!diff &&
		    model_same_str(old->source.system, c->source.system)) {
			c->id = id;
			c->patient.id = old->patient.id;
			goto cleanup;
		}
	}

	st = store_patient(db, c, received);
	if (st != TB_OK)
		goto cleanup;

	struct store_stmt *cst =
	    db_stmt(db, id ? DB_STMT_CASE_UPDATE : DB_STMT_CASE_INSERT);
	if (!cst) {
		st = TB_DB;
		goto cleanup;
	}
	if (id)
		store_bind_int64(cst, 1, id);
	else
		store_bind_text(cst, 1, c->external_id);
	bind_case_fields(cst, c, received);
	st = id ? step_done(cst) : step_id(cst, &c->id);
	if (st != TB_OK)
		goto cleanup;
	if (id)
		c->id = id;
	/* the words its search index now holds, for a long prefix */
	st = db_case_word_add(db, c);
	if (st != TB_OK)
		goto cleanup;

	st = store_children(db, c, received, id == 0);
	if (st != TB_OK)
		goto cleanup;

	if (old) {
		/* the fields it compares are not written by the store */
		*changes = diff;
		diff = NULL;
		if (*changes)
			st = db_audit_append(db, db_actor(), "update", "case",
					     c->id, *changes);
	} else {
		*created = true;
		st = db_audit_append(db, db_actor(), "create", "case", c->id,
				     "imported");
	}
cleanup:
	free(diff);
	model_case_free(&old);
	return st;
}

enum tb_status db_case_find(struct db *db, const char *external_id,
			    long long *id)
{
	struct store_stmt *st = db_stmt(db, DB_STMT_CASE_FIND);
	if (!st)
		return TB_DB;
	store_bind_text(st, 1, external_id);
	int rc = store_step(st);
	if (rc == STORE_ROW)
		*id = store_column_int64(st, 0);
	store_reset(st);
	if (rc == STORE_ROW)
		return TB_OK;
	return rc == STORE_DONE ? TB_NOT_FOUND : TB_DB;
}

/* The row readers of a case's parts, shared by the load of one case and
 * of many; col is the first column of the part's own (after the case's
 * id in the load of many). */
static void read_pathology(struct store_stmt *st, int col,
			   struct tb_pathology *p)
{
	p->date = db_column_dup(st, col + 1);
	p->lab = db_column_dup(st, col + 2);
	p->specimen = db_column_dup(st, col + 3);
	p->icdo3 = db_column_dup(st, col + 4);
	p->grade = db_column_dup(st, col + 5);
	p->report = db_column_dup(st, col + 6);
	p->context = db_column_dup(st, col + 7);
	p->source.system = db_column_dup(st, col + 8);
	p->source.received = db_column_dup(st, col + 9);
}

static void read_marker(struct store_stmt *st, int col, struct tb_pathology *p)
{
	struct tb_marker *m = model_pathology_add_marker(p);
	m->name = db_column_dup(st, col);
	m->value = db_column_dup(st, col + 1);
}

static void read_finding(struct store_stmt *st, int col, struct tb_case *c)
{
	struct tb_finding *f = model_case_add_finding(c);
	f->gene = db_column_dup(st, col + 0);
	f->kind = db_column_dup(st, col + 1);
	f->origin = db_column_dup(st, col + 2);
	f->hgvs_c = db_column_dup(st, col + 3);
	f->hgvs_p = db_column_dup(st, col + 4);
	f->hgvs_g = db_column_dup(st, col + 5);
	f->transcript = db_column_dup(st, col + 6);
	f->partner = db_column_dup(st, col + 7);
	f->has_copies = !store_column_is_null(st, col + 8);
	f->copies = store_column_double(st, col + 8);
	f->value = db_column_dup(st, col + 9);
	f->has_vaf = !store_column_is_null(st, col + 10);
	f->vaf = store_column_double(st, col + 10);
	f->classification = db_column_dup(st, col + 11);
	f->test = db_column_dup(st, col + 12);
	f->sample = db_column_dup(st, col + 13);
	f->lab = db_column_dup(st, col + 14);
	f->date = db_column_dup(st, col + 15);
	f->context = db_column_dup(st, col + 16);
	f->note = db_column_dup(st, col + 17);
	f->source.system = db_column_dup(st, col + 18);
	f->source.received = db_column_dup(st, col + 19);
	f->absent = !store_column_is_null(st, col + 20);
}

static void read_imaging(struct store_stmt *st, int col, struct tb_case *c)
{
	struct tb_imaging *im = model_case_add_imaging(c);
	im->date = db_column_dup(st, col + 0);
	im->modality = db_column_dup(st, col + 1);
	im->region = db_column_dup(st, col + 2);
	im->findings = db_column_dup(st, col + 3);
	im->impression = db_column_dup(st, col + 4);
	im->has_recist = !store_column_is_null(st, col + 5);
	im->recist_sum = store_column_double(st, col + 5);
	im->ai = store_column_int(st, col + 6) != 0;
	im->source.system = db_column_dup(st, col + 7);
	im->source.received = db_column_dup(st, col + 8);
}

/* The case's moves between MDK levels, oldest first. */
static void read_level_change(struct store_stmt *st, int col, struct tb_case *c)
{
	c->level_changes =
	    xrealloc(c->level_changes,
		     (c->n_level_changes + 1) * sizeof(*c->level_changes));
	struct tb_level_change *l = &c->level_changes[c->n_level_changes++];
	l->at = db_column_dup(st, col + 0);
	l->by = db_column_dup(st, col + 1);
	l->from = db_column_dup(st, col + 2);
	l->to = db_column_dup(st, col + 3);
	l->reason = db_column_dup(st, col + 4);
}

/* The case's own row (DB_STMT_CASE_LOAD's columns); caller frees. */
static struct tb_case *read_case(struct store_stmt *st)
{
	struct tb_case *c = model_case_new();
	int col = 0;
	c->id = store_column_int64(st, col++);
	c->external_id = db_column_dup(st, col++);
	c->referral_date = db_column_dup(st, col++);
	c->level = db_column_dup(st, col++);
	c->level_reason = db_column_dup(st, col++);
	c->priority = db_column_dup(st, col++);
	c->status = db_column_dup(st, col++);
	c->icd10 = db_column_dup(st, col++);
	c->icdo3 = db_column_dup(st, col++);
	c->diagnosis_text = db_column_dup(st, col++);
	c->diagnosis_date = db_column_dup(st, col++);
	c->question = db_column_dup(st, col++);
	c->summary = db_column_dup(st, col++);
	c->referrer_name = db_column_dup(st, col++);
	c->referrer_unit = db_column_dup(st, col++);
	c->referrer_phone = db_column_dup(st, col++);
	c->ecog =
	    store_column_is_null(st, col) ? -1 : store_column_int(st, col);
	col++;
	c->ecog_date = db_column_dup(st, col++);
	c->tnm_t = db_column_dup(st, col++);
	c->tnm_n = db_column_dup(st, col++);
	c->tnm_m = db_column_dup(st, col++);
	c->tnm_stage = db_column_dup(st, col++);
	c->tnm_date = db_column_dup(st, col++);
	c->source.system = db_column_dup(st, col++);
	c->source.received = db_column_dup(st, col++);
	c->updated = db_column_dup(st, col++);
	c->patient.id = store_column_int64(st, col++);
	c->patient.pnr = db_column_dup(st, col++);
	c->patient.id_type = db_column_dup(st, col++);
	c->patient.family_name = db_column_dup(st, col++);
	c->patient.given_name = db_column_dup(st, col++);
	c->patient.birth_date = db_column_dup(st, col++);
	c->patient.sex = db_column_dup(st, col++);
	c->patient.language = db_column_dup(st, col++);
	c->patient.region = db_column_dup(st, col++);
	c->patient.hospital = db_column_dup(st, col++);
	c->patient.interpreter = store_column_int(st, col++) != 0;
	c->lansky =
	    store_column_is_null(st, col) ? -1 : store_column_int(st, col);
	col++;
	c->lansky_date = db_column_dup(st, col++);
	return c;
}

/* Where the set has the case of that id (ids sorted), or set->n. */
static size_t set_index(const struct db_case_set *set, long long id)
{
	return util_ll_index(set->ids, set->n, id);
}

/* The set's case of that id, or NULL. */
static struct tb_case *set_case(const struct db_case_set *set, long long id)
{
	size_t i = set_index(set, id);
	return i < set->n ? set->cases[i] : NULL;
}

/* A statement of a load with its parameters bound: the load of one case
 * (n == 1, a statement of ?1 alone) or of many (DB_CASE_BATCH
 * parameters: ids[0..n-1], the rest filled up with the first, one shape
 * for every batch). */
static struct store_stmt *batch_stmt(struct db *db, enum db_stmt_id id,
				     const long long *ids, size_t n)
{
	struct store_stmt *st = db_stmt(db, id);
	if (st) {
		store_reset(st);
		int np = store_param_count(st);
		for (int i = 0; i < np; i++)
			store_bind_int64(st, i + 1,
					 ids[(size_t)i < n ? (size_t)i : 0]);
	}
	return st;
}

/* The statements of a load, in the order they are read: the case rows
 * (one or many), the pathology reports, their markers, the findings,
 * the imaging and the level changes. */
static const enum db_stmt_id load_one[] = {
    DB_STMT_CASE_LOAD,	  DB_STMT_PATHOLOGY_LOAD, DB_STMT_MARKER_LOAD,
    DB_STMT_FINDING_LOAD, DB_STMT_IMAGING_LOAD,	  DB_STMT_LEVEL_CHANGE_LOAD,
};
static const enum db_stmt_id load_many[] = {
    DB_STMT_CASE_LOAD_MANY,    DB_STMT_PATHOLOGY_LOAD_MANY,
    DB_STMT_MARKER_LOAD_MANY,  DB_STMT_FINDING_LOAD_MANY,
    DB_STMT_IMAGING_LOAD_MANY, DB_STMT_LEVEL_CHANGE_LOAD_MANY,
};

/* An agenda's rows (db_case_set_load_rows): the cases with the counts
 * readiness needs of their parts, and their findings as a trial is
 * judged by them. */
static const enum db_stmt_id load_rows[] = {DB_STMT_CASE_ROWS_MANY,
					    DB_STMT_FINDING_ROWS_MANY};

/* The statements of which (a load's, k of them: one case's, many whole
 * cases' or an agenda's rows). */
struct load_stmts {
	const enum db_stmt_id *which;
	size_t k;
};
static const struct load_stmts of_one = {load_one, UTIL_ARRAY_LEN(load_one)},
			       of_many = {load_many, UTIL_ARRAY_LEN(load_many)},
			       of_rows = {load_rows, UTIL_ARRAY_LEN(load_rows)};

/* A case opened and an agenda's rows; the whole cases of many (printed)
 * are prepared when they are first read. */
void db_case_warm(struct db *db)
{
	for (size_t i = 0; i < of_one.k; i++)
		(void)db_stmt(db, of_one.which[i]);
	for (size_t i = 0; i < of_rows.k; i++)
		(void)db_stmt(db, of_rows.which[i]);
}

/* Binds and sends every statement of the load l of ids[0..n-1] before
 * the first is read (store_send: on a server one round trip for them
 * all); the readers below step them as they are. All are prepared before
 * the first is sent: on a server a statement prepared behind others sent
 * ahead reads their answers first, a round trip each the first time. */
static enum tb_status send_load(struct db *db, const long long *ids, size_t n,
				const struct load_stmts *l)
{
	const enum db_stmt_id *which = l->which;
	for (size_t i = 0; i < l->k; i++)
		if (!db_stmt(db, which[i]))
			return TB_DB;
	for (size_t i = 0; i < l->k; i++) {
		struct store_stmt *st = batch_stmt(db, which[i], ids, n);
		if (!st || store_send(st) != STORE_OK)
			return TB_DB;
	}
	return TB_OK;
}

/* One part of the cases ids[0..n-1] (in the set already), its statement
 * sent by send_load: each row's first column is its case's id, read
 * goes on from the second. */
static enum tb_status
load_part(struct db *db, struct db_case_set *set, enum db_stmt_id id,
	  void (*read)(struct store_stmt *st, int col, struct tb_case *c))
{
	struct store_stmt *st = db_stmt(db, id);
	if (!st)
		return TB_DB;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		struct tb_case *c = set_case(set, store_column_int64(st, 0));
		if (c)
			read(st, 1, c);
	}
	store_reset(st);
	return rc == STORE_DONE ? TB_OK : TB_DB;
}

/* The pathology reports of ids[0..n-1] and their markers: the markers
 * come in their reports' order, so one pass over both pairs them. */
static enum tb_status load_pathology(struct db *db, struct db_case_set *set,
				     bool one)
{
	struct store_stmt *st = db_stmt(db, one ? DB_STMT_PATHOLOGY_LOAD
						: DB_STMT_PATHOLOGY_LOAD_MANY);
	enum tb_status status = TB_DB;
	struct {
		long long id;
		struct tb_case *c;
		size_t i;
	} *order = NULL;
	size_t n_order = 0, cap = 0;
	int rc;
	if (!st)
		return TB_DB;
	while ((rc = store_step(st)) == STORE_ROW) {
		struct tb_case *c = set_case(set, store_column_int64(st, 0));
		if (!c)
			continue;
		struct tb_pathology *p = model_case_add_pathology(c);
		read_pathology(st, 1, p);
		if (n_order == cap) {
			cap = cap ? 2 * cap : 16;
			order = xrealloc(order, cap * sizeof(*order));
		}
		order[n_order].id = store_column_int64(st, 1);
		order[n_order].c = c;
		order[n_order++].i = c->n_pathology - 1;
	}
	store_reset(st);
	if (rc != STORE_DONE)
		goto cleanup;
	if (!(st = db_stmt(db, one ? DB_STMT_MARKER_LOAD
				   : DB_STMT_MARKER_LOAD_MANY)))
		goto cleanup;
	size_t k = 0;
	while ((rc = store_step(st)) == STORE_ROW) {
		long long pid = store_column_int64(st, 0);
		while (k < n_order && order[k].id != pid)
			k++;
		if (k == n_order) {
			/* a report not read (its case gone meanwhile) */
			k = 0;
			continue;
		}
		read_marker(st, 1, &order[k].c->pathology[order[k].i]);
	}
	store_reset(st);
	if (rc == STORE_DONE)
		status = TB_OK;
cleanup:
	free(order);
	return status;
}

/* The parts of the cases in the set, their statements sent by
 * send_load: one statement each, for one case (one) or a batch. Every
 * statement sent is read (or reset) whatever fails. */
static enum tb_status load_parts(struct db *db, struct db_case_set *set,
				 bool one)
{
	enum tb_status status = load_pathology(db, set, one);
	if (status == TB_OK)
		status = load_part(db, set,
				   one ? DB_STMT_FINDING_LOAD
				       : DB_STMT_FINDING_LOAD_MANY,
				   read_finding);
	if (status == TB_OK)
		status = load_part(db, set,
				   one ? DB_STMT_IMAGING_LOAD
				       : DB_STMT_IMAGING_LOAD_MANY,
				   read_imaging);
	if (status == TB_OK)
		status = load_part(db, set,
				   one ? DB_STMT_LEVEL_CHANGE_LOAD
				       : DB_STMT_LEVEL_CHANGE_LOAD_MANY,
				   read_level_change);
	return status;
}

/* Resets the statements of a load (what a failure left unread). */
static void reset_load(struct db *db, const struct load_stmts *l)
{
	for (size_t i = 0; i < l->k; i++)
		store_reset(db_stmt(db, l->which[i]));
}

enum tb_status db_case_load(struct db *db, long long id, struct tb_case **out)
{
	struct tb_case *c = NULL;
	enum tb_status status = TB_DB;

	*out = NULL;
	if (send_load(db, &id, 1, &of_one) != TB_OK) {
		reset_load(db, &of_one);
		return TB_DB;
	}
	struct store_stmt *st = db_stmt(db, DB_STMT_CASE_LOAD);
	int rc = store_step(st);
	if (rc == STORE_ROW)
		c = read_case(st);
	store_reset(st);
	if (rc != STORE_ROW) {
		reset_load(db, &of_one);
		return rc == STORE_DONE ? TB_NOT_FOUND : TB_DB;
	}
	/* the shapes of the load of many, for a set of this one */
	struct db_case_set one = {.n = 1, .ids = &c->id, .cases = &c};
	status = load_parts(db, &one, true);
	reset_load(db, &of_one);
	if (status == TB_OK)
		*out = c;
	else
		model_case_free(&c);
	return status;
}

/* The readiness facts of the set's cases, their findings read: what
 * db_case_row_read kept, the rest borrowed from the case. */
static void rows_facts(struct db_case_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		struct readiness_facts *f = &set->facts[i];
		size_t n_pathology = f->n_pathology;
		char *newest = f->text;
		readiness_facts_of(set->cases[i], f);
		f->n_pathology = n_pathology;
		f->newest_imaging = f->text = newest;
	}
}

/* db_case_set_load, or with rows db_case_set_load_rows. */
static enum tb_status set_load(struct db *db, const long long *ids, size_t n,
			       bool rows, struct db_case_set *set)
{
	enum tb_status status = TB_OK;
	const struct load_stmts *l = rows ? &of_rows : &of_many;
	memset(set, 0, sizeof(*set));
	if (!n)
		return TB_OK;
	size_t nu;
	long long *u = db_ids_distinct(ids, n, &nu);
	set->ids = xmalloc(nu * sizeof(*set->ids));
	set->cases = xmalloc(nu * sizeof(*set->cases));
	if (rows)
		set->facts = xcalloc(nu, sizeof(*set->facts));

	for (size_t at = 0; at < nu && status == TB_OK; at += DB_CASE_BATCH) {
		size_t k = nu - at < DB_CASE_BATCH ? nu - at : DB_CASE_BATCH;
		const long long *b = u + at;
		if (send_load(db, b, k, l) != TB_OK) {
			reset_load(db, l);
			status = TB_DB;
			break;
		}
		struct store_stmt *st = db_stmt(db, l->which[0]);
		/* in id order, as the set keeps them */
		int rc;
		while ((rc = store_step(st)) == STORE_ROW) {
			struct tb_case *c =
			    rows ? db_case_row_read(st, &set->facts[set->n])
				 : read_case(st);
			set->ids[set->n] = c->id;
			set->cases[set->n++] = c;
		}
		store_reset(st);
		if (rc != STORE_DONE)
			status = TB_DB;
		if (status == TB_OK)
			status =
			    rows ? load_part(db, set, l->which[1], read_finding)
				 : load_parts(db, set, false);
		reset_load(db, l);
	}
	free(u);
	if (status == TB_OK && rows)
		rows_facts(set);
	if (status != TB_OK)
		db_case_set_done(set);
	return status;
}

enum tb_status db_case_set_load(struct db *db, const long long *ids, size_t n,
				struct db_case_set *set)
{
	return set_load(db, ids, n, false, set);
}

enum tb_status db_case_set_load_rows(struct db *db, const long long *ids,
				     size_t n, struct db_case_set *set)
{
	return set_load(db, ids, n, true, set);
}

const struct readiness_facts *db_case_set_facts(const struct db_case_set *set,
						long long id)
{
	size_t i = set_index(set, id);
	return set->facts && i < set->n ? &set->facts[i] : NULL;
}

const struct tb_case *db_case_set_find(const struct db_case_set *set,
				       long long id)
{
	return set_case(set, id);
}

void db_case_set_done(struct db_case_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		model_case_free(&set->cases[i]);
		if (set->facts)
			readiness_facts_done(&set->facts[i]);
	}
	free(set->facts);
	free(set->cases);
	free(set->ids);
	memset(set, 0, sizeof(*set));
}
