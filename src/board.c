#include "board.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "model.h"
#include "spell.h"
#include "util.h"

static void free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void boards_done(struct boards *bs)
{
	for (size_t i = 0; i < bs->n; i++) {
		struct board *b = &bs->b[i];
		free(b->id);
		free(b->name);
		free(b->name_en);
		free_list(b->diagnoses, b->n_diagnoses);
		free_list(b->core_roles, b->n_core_roles);
		free_list(b->roles, b->n_roles);
		free_list(b->ready.molecular_stages,
			  b->ready.n_molecular_stages);
	}
	free(bs->b);
	free(bs->version);
	free(bs->source);
	memset(bs, 0, sizeof(*bs));
}

const char *board_name(const struct board *b)
{
	return b->name_en && strcmp(i18n_language(), "sv") != 0 ? b->name_en
								: b->name;
}

static char **copy_list(char *const *list, size_t n)
{
	if (!n)
		return NULL;
	char **out = xcalloc(n, sizeof(*out));
	for (size_t i = 0; i < n; i++)
		out[i] = xstrdup(list[i]);
	return out;
}

void boards_copy(struct boards *dst, const struct boards *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->version = xstrdup(src->version);
	dst->source = xstrdup(src->source);
	dst->b = src->n ? xcalloc(src->n, sizeof(*dst->b)) : NULL;
	dst->n = src->n;
	for (size_t i = 0; i < src->n; i++) {
		const struct board *s = &src->b[i];
		struct board *b = &dst->b[i];
		*b = *s;
		b->id = xstrdup(s->id);
		b->name = xstrdup(s->name);
		b->name_en = s->name_en ? xstrdup(s->name_en) : NULL;
		b->diagnoses = copy_list(s->diagnoses, s->n_diagnoses);
		b->core_roles = copy_list(s->core_roles, s->n_core_roles);
		b->roles = copy_list(s->roles, s->n_roles);
		b->ready.molecular_stages = copy_list(
		    s->ready.molecular_stages, s->ready.n_molecular_stages);
	}
}

const struct board *boards_for_icd10(const struct boards *bs, const char *icd10)
{
	const struct board *best = NULL, *fallback = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < bs->n; i++) {
		const struct board *b = &bs->b[i];
		if (!b->n_diagnoses && !fallback)
			fallback = b;
		for (size_t j = 0; icd10 && j < b->n_diagnoses; j++) {
			size_t len = strlen(b->diagnoses[j]);
			if (len > best_len &&
			    strncmp(icd10, b->diagnoses[j], len) == 0) {
				best = b;
				best_len = len;
			}
		}
	}
	return best ? best : fallback;
}

const struct board *boards_by_id(const struct boards *bs, const char *id)
{
	for (size_t i = 0; i < bs->n; i++)
		if (strcmp(bs->b[i].id, id) == 0)
			return &bs->b[i];
	return NULL;
}

bool boards_take_icd10(const struct boards *bs, const struct board *b,
		       const char *icd10)
{
	if (!b || !b->n_diagnoses || !icd10 || !*icd10)
		return true;
	return boards_for_icd10(bs, icd10) == b;
}

void board_diagnoses_list(const struct board *b, struct strbuf *sb)
{
	for (size_t i = 0; b && i < b->n_diagnoses; i++)
		strbuf_printf(sb, "%s%s", i ? " " : "", b->diagnoses[i]);
}

bool boards_check_icd10(const struct boards *bs, const char *board_id,
			const char *icd10, char *why, size_t why_len)
{
	why[0] = '\0';
	const struct board *b =
	    bs && board_id ? boards_by_id(bs, board_id) : NULL;
	if (boards_take_icd10(bs, b, icd10))
		return true;
	struct strbuf takes;
	strbuf_init(&takes);
	board_diagnoses_list(b, &takes);
	const struct board *other = boards_for_icd10(bs, icd10);
	if (other && other->n_diagnoses)
		snprintf(why, why_len,
			 _("%s is a diagnosis of the %s board, not of the %s "
			   "board (%s)"),
			 icd10, model_board_label(other->id),
			 model_board_label(b->id), takes.buf);
	else
		snprintf(why, why_len,
			 _("%s is not a diagnosis of the %s board (%s)"), icd10,
			 model_board_label(b->id), takes.buf);
	strbuf_done(&takes);
	return false;
}

void boards_stage_group(const char *stage, char out[8])
{
	size_t n = 0;
	out[0] = '\0';
	if (!stage)
		return;
	if (stage[0] == '0') {
		out[0] = '0';
		out[1] = '\0';
		return;
	}
	while (n < 7 && (stage[n] == 'I' || stage[n] == 'V')) {
		out[n] = stage[n];
		n++;
	}
	out[n] = '\0';
}

const char *board_role_at(const struct board *b, size_t i)
{
	return i < b->n_core_roles ? b->core_roles[i]
				   : b->roles[i - b->n_core_roles];
}

bool board_role_named(const char *r, const char *typed)
{
	const char *en = model_role_english(r);
	return spell_same(r, typed) || (en && spell_same(en, typed)) ||
	       spell_same(model_role_label(r), typed);
}

const char *board_role(const struct board *b, const char *role, bool *core)
{
	for (size_t i = 0; i < b->n_core_roles + b->n_roles; i++) {
		const char *r = board_role_at(b, i);
		if (board_role_named(r, role)) {
			if (core)
				*core = i < b->n_core_roles;
			return r;
		}
	}
	return NULL;
}

/* A role's names as a person may type them: its code, its English word,
 * the interface's word. */
enum { ROLE_NAMES = 3 };
static void role_names(const char *r, const char *names[ROLE_NAMES])
{
	const char *en = model_role_english(r);
	names[0] = r;
	names[1] = en ? en : r;
	names[2] = model_role_label(r);
}

const char *board_role_nearest(const struct board *b, const char *typed,
			       const char *best, size_t *dist)
{
	unsigned long folded[SPELL_MAX];
	size_t near = spell_tolerance(spell_fold(typed, folded));
	for (size_t i = 0; i < b->n_core_roles + b->n_roles; i++) {
		const char *r = board_role_at(b, i), *names[ROLE_NAMES];
		role_names(r, names);
		for (size_t k = 0; k < ROLE_NAMES; k++) {
			size_t d = spell_distance(typed, names[k]);
			if (d <= near && d < *dist) {
				*dist = d;
				best = r;
			}
		}
	}
	return best;
}

/* Whether name, folded as spell_fold folds, holds the n letters of t. */
static bool name_holds(const char *name, const unsigned long *t, size_t n)
{
	unsigned long f[SPELL_MAX];
	size_t fn = spell_fold(name, f);
	for (size_t at = 0; at + n <= fn; at++)
		if (memcmp(f + at, t, n * sizeof(*t)) == 0)
			return true;
	return false;
}

const char *board_role_within(const struct board *b, const char *typed,
			      const char *found, bool *several)
{
	unsigned long t[SPELL_MAX];
	size_t n = spell_fold(typed, t);
	if (n < 4)
		return found;
	for (size_t i = 0; i < b->n_core_roles + b->n_roles; i++) {
		const char *r = board_role_at(b, i), *names[ROLE_NAMES];
		role_names(r, names);
		for (size_t k = 0; k < ROLE_NAMES; k++) {
			if (!name_holds(names[k], t, n))
				continue;
			if (found && strcmp(found, r) != 0)
				*several = true;
			found = r;
			break;
		}
	}
	return found;
}

void board_roles_list(const struct board *b, struct strbuf *sb)
{
	for (size_t i = 0; i < b->n_core_roles + b->n_roles; i++)
		strbuf_printf(sb, "%s%s", i ? ", " : "",
			      model_role_label(board_role_at(b, i)));
}

const char *board_attendee_kind(const struct board *b, const char *role,
				bool core_member)
{
	bool core = true;
	if (!core_member)
		return "cover";
	if (b && board_role(b, role, &core) && !core)
		return "other";
	return "core";
}

const char *board_attendee_kind_typed(const char *typed)
{
	if (strcasecmp(typed, "core") == 0 || strcasecmp(typed, "kärna") == 0)
		return "core";
	if (strcasecmp(typed, "cover") == 0 ||
	    strcasecmp(typed, "ersättare") == 0)
		return "cover";
	return NULL;
}

int board_slot_minutes(const struct board *b, int own)
{
	if (own > 0)
		return own;
	return b && b->minutes_per_case > 0 ? b->minutes_per_case : 5;
}
