/*
 * The case list's count (view_list_count.h). A search counts its matches
 * in the full-text index, up to LIST_COUNT_CAP + 1 of them: more than a
 * keystroke may cost in a large archive. A keystroke reads the first
 * screen and one id more; when there are more, the title says the count
 * is under way and the pause after the screen is drawn counts them.
 */
#include "view_list_count.h"

#include <stdio.h>

#include "i18n.h"

enum tb_status list_count_all(struct db *db, const struct db_case_filter *f,
			      struct list_count *c)
{
	long long n = 0;
	bool more = false;
	enum tb_status st =
	    f->text || f->queue || f->care
		? db_case_count_capped(db, f, LIST_COUNT_CAP, &n, &more)
		: db_case_count(db, f, &n);
	if (st != TB_OK)
		n = 0, more = false;
	*c = (struct list_count){.total = n, .more = more};
	return st;
}

enum tb_status list_count_first(struct db *db, const struct db_case_filter *f,
				bool (*cb)(const struct db_case_row *row,
					   void *arg),
				void *arg, struct list_count *c)
{
	long long n = 0;
	bool more = false;
	long long cap = f->limit > 0 ? f->limit : 1;
	enum tb_status st =
	    db_case_list_counted(db, f, cap, cb, arg, &n, &more);
	if (st != TB_OK)
		n = 0, more = false;
	*c = (struct list_count){.total = n, .counting = more};
	return st;
}

bool list_count_due(struct db *db, const struct db_case_filter *f,
		    struct list_count *c)
{
	if (!c->counting)
		return false;
	struct list_count all;
	if (list_count_all(db, f, &all) != TB_OK)
		return false; /* the next pause tries again */
	*c = all;
	return true;
}

void list_count_text(const struct list_count *c, char *buf, size_t n)
{
	if (c->counting)
		/* TRANSLATORS: in the case list's title while a search's
		 * matches are still counted: "cases matching "lung"
		 * (counting…)" */
		snprintf(buf, n, "%s", _("counting…"));
	else if (c->more)
		/* TRANSLATORS: a count of a thousand or more, capped:
		 * "1,000+"; Swedish writes "1 000+" */
		snprintf(buf, n, _("%lld,%03lld+"), c->total / 1000,
			 c->total % 1000);
	else
		snprintf(buf, n, "%lld", c->total);
}
