/*
 * The readiness line under the case list (view_list_ready.h).
 */
#include "view_list_ready.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "board.h"
#include "clock.h"
#include "db_case.h"
#include "i18n.h"
#include "readiness.h"
#include "util.h"
#include "view.h"

/* "SKA-LUNG-2026-0001: ready for Lungcancer" or what is missing, as of
 * today. Caller frees. */
static char *ready_text(struct ui *ui, const struct readiness_facts *f,
			const char *today, bool *missing)
{
	const struct board *b = boards_for_icd10(&ui->app->boards, f->icd10);
	struct strbuf sb = {0};
	*missing = false;
	if (!b) {
		strbuf_printf(&sb, _("%s: no board takes %s"), f->external_id,
			      f->icd10);
		return sb.buf;
	}
	struct readiness rd;
	readiness_check_facts(f, b, today, &rd);
	if (!rd.missing) {
		strbuf_printf(&sb, _("%s: ready for %s"), f->external_id,
			      board_name(b));
		return sb.buf;
	}
	*missing = true;
	strbuf_printf(&sb, _("%s: %d missing:"), f->external_id, rd.missing);
	for (int i = 0; i < rd.n; i++)
		if (!rd.items[i].ok)
			strbuf_printf(&sb, " %s;", rd.items[i].what);
	sb.buf[sb.len - 1] = '\0';
	return sb.buf;
}

void list_ready_forget(struct list_ready *r)
{
	for (int i = 0; i < LIST_READY_KEPT; i++)
		free(r->kept[i].text);
	memset(r, 0, sizeof(*r));
}

static struct ready_line *kept(struct list_ready *r, long long id)
{
	for (int i = 0; i < LIST_READY_KEPT; i++)
		if (r->kept[i].text && r->kept[i].id == id)
			return &r->kept[i];
	return NULL;
}

/* Keeps the line of f in the oldest entry. */
static struct ready_line *keep(struct ui *ui, struct list_ready *r,
			       const struct readiness_facts *f)
{
	bool missing = false;
	char *text = ready_text(ui, f, r->today, &missing);
	struct ready_line *k = &r->kept[r->next];
	r->next = (r->next + 1) % LIST_READY_KEPT;
	free(k->text);
	*k = (struct ready_line){.id = f->id, .text = text, .missing = missing};
	return k;
}

const struct ready_line *list_ready_line(struct ui *ui, struct list_ready *r,
					 long long id, const long long *ahead,
					 size_t n)
{
	char today[11];
	clock_today(today);
	const char *lang = i18n_language();
	if (strcmp(r->today, today) != 0 ||
	    strncmp(r->lang, lang, sizeof(r->lang)) != 0) {
		list_ready_forget(r);
		snprintf(r->today, sizeof(r->today), "%s", today);
		snprintf(r->lang, sizeof(r->lang), "%s", lang);
	}
	struct ready_line *line = kept(r, id);
	if (line)
		return line;
	/* what readiness is checked by, not the whole case: the case and
	 * those after it not kept, in one go */
	long long ids[LIST_READY_AHEAD];
	size_t k = 0;
	ids[k++] = id;
	for (size_t i = 0; i < n && k < LIST_READY_AHEAD; i++)
		if (ahead[i] != id && !kept(r, ahead[i]))
			ids[k++] = ahead[i];
	if (k == 1) {
		/* alone: the facts may have come with its row (db_case_list's
		 * ready) */
		struct readiness_facts one;
		if (db_case_ready(ui->app->db, id, &one) != TB_OK)
			return NULL;
		line = keep(ui, r, &one);
		readiness_facts_done(&one);
		return line;
	}
	struct db_case_ready_set set;
	if (db_case_ready_many(ui->app->db, ids, k, &set) != TB_OK)
		return NULL;
	/* the rest first: the oldest entries make room for them, never for
	 * the case asked for */
	for (size_t i = 1; i < k; i++) {
		const struct readiness_facts *f =
		    db_case_ready_find(&set, ids[i]);
		if (f)
			keep(ui, r, f);
	}
	const struct readiness_facts *f = db_case_ready_find(&set, id);
	line = f ? keep(ui, r, f) : NULL;
	db_case_ready_set_done(&set);
	return line;
}
