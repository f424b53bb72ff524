/*
 * view_list — the case list and the referral queue: the screen's first
 * view.
 */
#ifndef TB_VIEW_LIST_H
#define TB_VIEW_LIST_H

#include <stdbool.h>

struct ui;

/* Pushes the case list; false when the store cannot be read. */
bool view_list_push(struct ui *ui);
/* The referral queue read ahead after the first screen on SQLite, as
 * the other screens' statements are prepared (db_warm), and kept as a
 * queue closed is (ui->queue_kept), with the care facts of the rows it
 * shows first (db_user_care_ahead): its first r reads nothing but what
 * its access log writes while the data and the day stand. A queue
 * limited to the user's care, which changes as emergency grants end,
 * has its statements prepared only. */
void view_list_queue_ahead(struct ui *ui);
/* The referral queue kept since it was closed (ui->queue_kept) let go. */
void view_list_kept_done(struct ui *ui);

#endif
