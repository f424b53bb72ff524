/*
 * The agenda as last built, kept by the screen: the agenda opened again
 * while nothing in the store changed (db_data_version: neither another
 * connection nor this one wrote anything but the access log) is copied
 * from what was built, not read and built again. Opening an agenda from
 * the meetings list, back and forth, then costs no statement and no
 * readiness or trial check. Only an opening takes from it: a reload after
 * a change, a resize across the narrow width and every action read the
 * store again, and each load replaces what is kept.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "util.h"
#include "view.h"
#include "view_agenda.h"
#include "view_agenda_internal.h"

/* what is kept: the view as built, and the store's version it was read at */
struct agenda_kept {
	struct agenda_view av;
	unsigned long long other, own;
};

static char **strings_copy(char *const *s, int n)
{
	char **out = xmalloc((size_t)(n ? n : 1) * sizeof(*out));
	for (int i = 0; i < n; i++)
		out[i] = s[i] ? xstrdup(s[i]) : NULL;
	return out;
}

static void *bytes_copy(const void *p, size_t size)
{
	void *out = xmalloc(size ? size : 1);
	if (size)
		memcpy(out, p, size);
	return out;
}

/* dst (empty) becomes a copy of src's loaded fields; ui and db are
 * taken from dst. Every field that points at memory the view owns is
 * copied here: a new one must be added too. */
static void agenda_copy(struct agenda_view *dst, const struct agenda_view *src)
{
	struct ui *ui = dst->ui;
	struct db *db = dst->db;
	*dst = *src;
	dst->ui = ui;
	dst->db = db;
	size_t n = (size_t)src->n;
	dst->ids = bytes_copy(src->ids, n * sizeof(*src->ids));
	dst->ext = strings_copy(src->ext, src->n);
	dst->status = strings_copy(src->status, src->n);
	dst->question = strings_copy(src->question, src->n);
	dst->asked = strings_copy(src->asked, src->n);
	dst->lacks = strings_copy(src->lacks, src->n);
	dst->trial = bytes_copy(src->trial, n * sizeof(*src->trial));
	dst->opened = bytes_copy(src->opened, n * sizeof(*src->opened));
	dst->rl.rows = strings_copy(src->rl.rows, src->rl.n);
	/* a refused move is the view's, until its next key: never kept */
	memset(&dst->refused, 0, sizeof(dst->refused));
}

void view_agenda_kept_done(struct ui *ui)
{
	struct agenda_kept *k = ui->agenda_kept;
	if (!k)
		return;
	row_list_done(&k->av.rl);
	view_agenda_free_ids(&k->av);
	free(k);
	ui->agenda_kept = NULL;
}

void view_agenda_keep(const struct agenda_view *av)
{
	struct ui *ui = av->ui;
	unsigned long long other, own;
	view_agenda_kept_done(ui);
	if (db_data_version(av->db, &other, &own) != TB_OK)
		return;
	struct agenda_kept *k = xcalloc(1, sizeof(*k));
	k->av.ui = ui;
	k->av.db = av->db;
	agenda_copy(&k->av, av);
	k->other = other;
	k->own = own;
	ui->agenda_kept = k;
}

bool view_agenda_take_kept(struct agenda_view *av, int narrow)
{
	struct agenda_kept *k = av->ui->agenda_kept;
	unsigned long long other, own;
	if (!k || k->av.m.id != av->m.id || k->av.narrow != narrow ||
	    db_data_version(av->db, &other, &own) != TB_OK ||
	    other != k->other || own != k->own)
		return false;
	agenda_copy(av, &k->av);
	return true;
}
