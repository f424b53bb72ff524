/*
 * db_meeting — meetings and their agendas. An agenda item puts a case on a
 * meeting at a position, with an optional presenter and slot length (the
 * board's minutes per case when not set). Every change is audited. A
 * finished or cancelled meeting is closed: every change to its agenda or
 * attendance is refused with TB_CLOSED.
 */
#ifndef TB_DB_MEETING_H
#define TB_DB_MEETING_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "model_meeting.h"

/* How far back and ahead of today a meeting may be planned. */
#define DB_MEETING_PAST_DAYS  366
#define DB_MEETING_AHEAD_DAYS 731

/* Whether a meeting may be planned on date (YYYY-MM-DD, valid) given
 * today: from a year back to two years ahead. why gets the reason. */
bool db_meeting_date_ok(const char *date, const char *today, char *why,
			size_t why_len);

/* Another meeting of m's board on m's date whose time overlaps m's
 * (start to start plus length), planned or running (a finished or
 * cancelled one does not hold its time) and not m itself (m->id): the
 * first one's id; 0 when there is none, -1 on a database error. */
long long db_meeting_clash(struct db *db, const struct tb_meeting *m);

/* Inserts m (id is set; a chair named by a user's account is stored, and
 * left in m, by the user's name: the minutes and the read-back compare
 * signers by name). The date must pass db_meeting_date_ok and the
 * time may not clash with another meeting of the board
 * (db_meeting_clash): TB_INVALID; other checks are the caller's; the
 * database refuses what its constraints refuse (TB_DB). */
enum tb_status db_meeting_create(struct db *db, struct tb_meeting *m);

/* TB_NOT_FOUND when there is no such meeting. */
enum tb_status db_meeting_get(struct db *db, long long id,
			      struct tb_meeting *out);

/* "meeting 7 (2026-12-11 08:00)", or "meeting 7" when it cannot be read.
 * Caller frees. */
char *db_meeting_label(struct db *db, long long id);

/* Every meeting, by date and start time; cb returns false to stop. */
enum tb_status
db_meeting_list(struct db *db,
		bool (*cb)(const struct tb_meeting *m, void *arg), void *arg);

/* src/db_meeting_window.c: the meetings a screen reads, never every
 * meeting of the archive (a decade of boards is thousands of them). */
/* The meetings still to be held (planned or running, whatever their
 * date), by date and start time. */
enum tb_status db_meeting_open_list(struct db *db,
				    bool (*cb)(const struct tb_meeting *m,
					       void *arg),
				    void *arg);
/* The meetings list's window, by date and start time: every meeting from
 * today (YYYY-MM-DD) on, every one still to be held, and the last past
 * (at least 0) of the others before today; *earlier says whether there
 * are more of those. */
enum tb_status
db_meeting_window(struct db *db, const char *today, int past, bool *earlier,
		  bool (*cb)(const struct tb_meeting *m, void *arg), void *arg);
/* Whether m was held or cancelled before today (YYYY-MM-DD): one of
 * the window's past part, counted by its past (not one still to be
 * held, which the window reads whatever its date). */
bool db_meeting_closed_before(const struct tb_meeting *m, const char *today);
/* The board's last meeting not cancelled into *out; TB_NOT_FOUND when it
 * has none. */
enum tb_status db_meeting_last_of_board(struct db *db, const char *board,
					struct tb_meeting *out);

struct boards;

/* The meeting to offer for the cases case_ids (n of them): the earliest
 * planned meeting that has not passed by the clock (model_meeting_past)
 * and takes every one of them, a meeting of the board their diagnoses
 * belong to (boards_for_icd10) before one of any other board that takes
 * them (db_meeting_board_takes); 0 when none. */
long long db_meeting_next_for(struct db *db, const struct boards *bs,
			      const long long *case_ids, size_t n);

/* Whether a meeting of the board board_id takes a case of the ICD-10 code
 * icd10 ("" when none) without an override: the board is not in bs, has
 * no diagnoses of its own, or is the code's board (boards_for_icd10). */
bool db_meeting_board_takes(const struct boards *bs, const char *board_id,
			    const char *icd10);

struct db_agenda_row {
	long long item_id;
	int position;
	long long case_id;
	const char *external_id;
	int slot_minutes;      /* 0 = the board's default */
	const char *presenter; /* may be NULL */
	const char *status;
	const char *note;    /* reason for a deferral, a move; may be NULL */
	const char *started; /* the case's clock at the meeting; may be NULL */
	const char *ended;   /* may be NULL (running, or never started) */
	/* the first later meeting the case is on (deferred, moved on); 0.
	 * Looked for by db_agenda_record only: 0 from db_agenda_list */
	long long next_meeting;
	/* still listed here, but the case has a signed decision since: it
	 * was decided elsewhere and is not "ready" for this meeting */
	bool decided;
	/* a decision about the case was signed at this meeting (the minutes'
	 * "discussed, decided"); never with decided */
	bool decided_here;
};

/* Puts a case last on a meeting's agenda (again, if it was removed).
 * TB_INVALID with *why set (static text, valid until the next call) when
 * the case is already on it or still listed on another planned or
 * running meeting's agenda (a case waits on one agenda: it is moved with
 * db_agenda_transfer, which keeps its slot and presenter); TB_CLOSED when
 * the meeting is finished or cancelled. */
enum tb_status db_agenda_add(struct db *db, long long meeting_id,
			     long long case_id, const char *presenter,
			     int slot_minutes, const char **why);

/*
 * db_agenda_add with the coordinator's checks: a meeting still planned
 * whose time has passed (model_meeting_past: it was not held), a case
 * whose diagnosis belongs to another board than the meeting's (a board
 * without diagnoses takes every case), or a case with a signed decision,
 * is refused
 * (TB_INVALID, why says which) unless override gives a reason. The reason
 * is kept with the item ("listed with an override: …"), the audit log
 * records that one was given, and a decided case listed again becomes
 * listed (a re-review). why (why_len bytes) holds the reason for a
 * refusal, and *overridable (when not NULL) whether an override with its
 * reason would let the case through (the checks above) or not (on this
 * agenda already, waiting on another); TB_CLOSED for a finished or
 * cancelled meeting.
 */
enum tb_status db_agenda_add_checked(struct db *db, const struct boards *bs,
				     long long meeting_id, long long case_id,
				     const char *presenter, int slot_minutes,
				     const char *override, char *why,
				     size_t why_len, bool *overridable);

/* What became of one case of db_agenda_add_all. */
struct db_agenda_added {
	long long case_id;
	enum tb_status st; /* TB_OK added; TB_INVALID, TB_NOT_FOUND refused */
	char why[300];	   /* the refusal's reason; "" when added */
	bool overridable;  /* refused, but an override would let it in */
};

/*
 * Puts several cases last on a meeting's agenda in the order given, each
 * with db_agenda_add_checked's checks (and override, when given, for each
 * of them), in one transaction: a case refused (on the agenda already,
 * another board's, decided, no such case) is left out with its reason in
 * out[i] (n of them) while the others are added; *added counts them.
 * TB_CLOSED for a finished or cancelled meeting, TB_DB on a failure:
 * then nothing is added.
 */
enum tb_status db_agenda_add_all(struct db *db, const struct boards *bs,
				 long long meeting_id,
				 const long long *case_ids, size_t n,
				 const char *override,
				 struct db_agenda_added *out, size_t *added);

/* Inside the caller's transaction: takes a case referred to level off
 * the agendas of planned meetings of another level (noted "referred to
 * the national level", audited); a case then listed nowhere goes back
 * to the referral queue. *n counts the agendas it left. */
enum tb_status db_agenda_leave_levels(struct db *db, long long case_id,
				      const char *level, int *n);

/* Takes a case off an agenda, keeping the row with its reason (required,
 * stored with the item, not in the audit log). The case goes back to
 * "referred" if it was "listed". TB_NOT_FOUND when it is not on it;
 * TB_INVALID, with the reason in why (why_len bytes; why may be NULL),
 * when db_agenda_remove_refused refuses it. */
enum tb_status db_agenda_remove(struct db *db, long long meeting_id,
				long long case_id, const char *reason,
				char *why, size_t why_len);
/* db_live.c: whether case_id may not come off meeting_id's agenda: it is
 * the case being discussed at the running meeting (the one the chair has
 * open, db_live.h) or a decision on it was signed at this meeting. True
 * with why (naming the case and the meeting; why may be NULL) then. */
bool db_agenda_remove_refused(struct db *db, long long meeting_id,
			      long long case_id, char *why, size_t why_len);

/* Moves a case to position (1-based), renumbering the others.
 * TB_NOT_FOUND when it is not on the agenda, TB_INVALID when position is
 * outside 1..the number of cases on it, TB_CLOSED when the meeting is
 * finished or cancelled. */
enum tb_status db_agenda_move(struct db *db, long long meeting_id,
			      long long case_id, int position);

/* The notes finishing a meeting gives the cases it did not reach (the
 * second after "moved to meeting N: "). */
#define DB_AGENDA_NOT_REACHED /* untranslated: a stored note */                \
	"not reached at the meeting"
#define DB_AGENDA_DECIDED_MEANWHILE /* untranslated: a stored note */          \
	"decided meanwhile; not moved on"

/* The agenda in order (removed items left out). Strings are borrowed for
 * the callback's duration. */
enum tb_status
db_agenda_list(struct db *db, long long meeting_id,
	       bool (*cb)(const struct db_agenda_row *r, void *arg), void *arg);

/* The cases still listed on the agendas of the n meetings, read at once
 * (a round trip for up to 32 meetings on a server): cb(meeting, case,
 * decided since it was listed) in the order of the meetings' ids, each
 * agenda in its order; false from cb stops. The statement is the
 * connection's (prepared once): cb must not call db_agenda_listed. */
enum tb_status
db_agenda_listed(struct db *db, const long long *meeting_ids, size_t n,
		 bool (*cb)(long long meeting_id, long long case_id,
			    bool decided, void *arg),
		 void *arg);

/* db_agenda_list as a record: a finished meeting's agenda also lists the
 * cases finishing did not reach (moved on, or decided meanwhile) where
 * they were, with the status "not-reached" and the note saying which. */
enum tb_status db_agenda_record(struct db *db, long long meeting_id,
				bool (*cb)(const struct db_agenda_row *r,
					   void *arg),
				void *arg);

/* Changes a meeting's date, start, length, board, level, location and
 * chair to those of m (m->id names it; a chair named by a user's account
 * is stored, and left in m, by the user's name, as db_meeting_create
 * does). Only a planned meeting can be
 * changed, a changed date must pass db_meeting_date_ok and the new time
 * may not clash with another meeting of the board (TB_INVALID
 * otherwise). The audit log names the changed fields. */
enum tb_status db_meeting_update(struct db *db, struct tb_meeting *m);

/* Cancels a planned meeting with a reason (kept with the meeting); cases
 * still listed on it go back to the referral queue. */
enum tb_status db_meeting_cancel(struct db *db, long long id,
				 const char *reason);

/* Starts (planned → running) or finishes (running → finished) a meeting,
 * recording the time. TB_INVALID when the meeting is in another state. */
enum tb_status db_meeting_start(struct db *db, long long id);
enum tb_status db_meeting_finish(struct db *db, long long id);

/* What finishing a meeting did. */
struct db_finish {
	long long next;	 /* the board's next planned meeting; 0: none */
	int moved;	 /* cases not reached, moved to next */
	int not_moved;	 /* cases not reached that stay listed (no next) */
	int decided;	 /* cases not reached but decided meanwhile: taken
			    off ("decided meanwhile; not moved on") */
	int withdrawn;	 /* agenda items of cases decided here taken off
			    other planned agendas */
	char error[200]; /* on TB_DB: the database's reason; else "" */
	bool minutes;	 /* the minutes were recorded in the audit log
			    (followup_finish_meeting_result) */
};

/*
 * Finishes a running meeting in one transaction, all or nothing: every
 * case still listed moves to the board's next planned meeting (with the
 * reason "not reached at the meeting"; with none planned they stay listed
 * and are counted in not_moved) unless it was decided meanwhile (then it
 * is taken off, counted in decided), every case decided at the meeting is
 * taken off the other planned agendas ("decided at meeting N"), and the
 * meeting is marked finished. TB_INVALID when it is not running; on any
 * failure nothing has changed and *out is zeroed but for error.
 */
enum tb_status db_meeting_finish_all(struct db *db, long long id,
				     struct db_finish *out);

/* When the meeting started and finished ("" when not); out holds 21. */
enum tb_status db_meeting_times(struct db *db, long long id, char *started,
				char *finished, char *cancel_reason,
				size_t reason_len);

/* The meeting the case is on the agenda of now: the running one, else
 * the first planned; 0 when none (or the store fails). */
long long db_meeting_of_case(struct db *db, long long case_id);

/* The next planned meeting of the same board after meeting id (by date
 * and start) that has not passed by the clock (model_meeting_past: one
 * still planned after its time was not held); 0 in *next when there is
 * none. */
enum tb_status db_meeting_next(struct db *db, long long id, long long *next);

/* Sets a case's slot (0: the board's default) and presenter (NULL or "":
 * none) on an agenda. */
enum tb_status db_agenda_set(struct db *db, long long meeting_id,
			     long long case_id, int slot_minutes,
			     const char *presenter);

/*
 * Records what happened to a listed case at the meeting: "discussed",
 * "not-discussed" (listed but not discussed: standard of care applies) or
 * "deferred"; the note (the reason, for deferred required) stays with the
 * item. TB_NOT_FOUND when the case is not listed there.
 */
enum tb_status db_agenda_mark(struct db *db, long long meeting_id,
			      long long case_id, const char *status,
			      const char *note);

/*
 * Whether a mark (db_agenda_mark) of the case could be recorded now, read
 * again from the archive: TB_OK while the case is listed there and the
 * meeting open, TB_CLOSED once the meeting is finished or cancelled,
 * TB_NOT_FOUND when the case is no longer listed there (dealt with
 * elsewhere). Nothing is written.
 */
enum tb_status db_agenda_markable(struct db *db, long long meeting_id,
				  long long case_id);

/*
 * Undoes a deferral or a "not-discussed" of a case at a meeting: the item
 * is listed again (its note cleared) and so is the case; for a deferral,
 * moved_to names the meeting the case went to, and it comes off that
 * agenda. Audited. TB_NOT_FOUND when the case is neither deferred nor
 * not discussed there, or no longer on moved_to.
 */
enum tb_status db_agenda_unmark(struct db *db, long long meeting_id,
				long long case_id, long long moved_to);

/* What db_agenda_undo_last undid. */
struct db_undo {
	long long case_id;
	char what[16];	    /* "deferred" or "not-discussed" */
	long long moved_to; /* a deferral: the meeting it came off; else 0 */
};

/*
 * Undoes the last deferral or "not-discussed" recorded at a meeting (by
 * the screen or the command line, by anyone), found in the audit log, as
 * db_agenda_unmark does: the case is listed again, and a deferred case
 * comes off the meeting it went to. TB_NOT_FOUND when there is nothing
 * to undo: none was recorded, the last was undone already (an undo is
 * not undone), or the case has changed since; TB_CLOSED once the meeting
 * is finished or cancelled.
 */
enum tb_status db_agenda_undo_last(struct db *db, long long meeting_id,
				   struct db_undo *out);

/*
 * Moves a case from one meeting's agenda to the end of another's, with a
 * reason kept on the old item ("moved to meeting N: reason"). With
 * deferred, the old item is marked deferred (at the meeting) rather than
 * removed (before it). A meeting still planned whose time has passed (it
 * was not held) is refused as db_agenda_add_checked refuses it
 * (TB_INVALID, the same reason in why, *overridable set) unless override
 * gives a reason: kept with the new item, the audit log says one was
 * given. TB_INVALID also without a reason, or onto the same meeting or
 * one whose agenda holds the case already (why says so; no override);
 * TB_NOT_FOUND when there is no meeting to or the case is not on
 * from's agenda; TB_CLOSED when either is finished or cancelled. why
 * (why_len bytes) and overridable may be NULL.
 */
enum tb_status db_agenda_transfer(struct db *db, long long from,
				  long long case_id, long long to,
				  const char *reason, bool deferred,
				  const char *override, char *why,
				  size_t why_len, bool *overridable);

/* A case listed at meeting from deferred to a new meeting next (planned
 * as db_meeting_create plans it, which the caller has checked: its date
 * and that the board does not meet then already), with its reason: the
 * meeting and the move in one transaction, nothing written when either
 * fails (next->id then 0). TB_INVALID without a reason; otherwise as
 * db_agenda_transfer. */
enum tb_status db_agenda_defer_new(struct db *db, long long from,
				   long long case_id, struct tb_meeting *next,
				   const char *reason);

/* Starts the clock of a case at a running meeting (stopping any other
 * case's clock), or stops it (case_id 0): db_agenda_step without moving
 * the room. */
enum tb_status db_agenda_clock(struct db *db, long long meeting_id,
			       long long case_id);

/* A case's clock at a meeting: the second it counts from (moved on by
 * its pauses) and the second it stopped (0: it runs); from 0: it never
 * started. */
struct db_agenda_time {
	long long from, until;
	int slot; /* the item's own minutes; 0: the board's per case */
};

/* A step of the live agenda, in one transaction: the case's clock as
 * db_agenda_clock starts it (0: every clock stopped) and, with
 * move_room, the case the room follows (db_live.h) set to it, one audit
 * entry ("current") sealing both. TB_CLOSED when the meeting is finished
 * or cancelled (with move_room: when it is not running), TB_NOT_FOUND
 * when the case is not on its agenda; then nothing is written. The
 * caller decides move_room (only who may run the meeting moves the
 * room). A room already on the case is not written again. clock (may be
 * NULL) gets the case's clock as the step left it (running), so that a
 * screen need not read it back. */
enum tb_status db_agenda_step(struct db *db, long long meeting_id,
			      long long case_id, bool move_room,
			      struct db_agenda_time *clock);

/* The case's clock at the meeting (from 0 when it never started). */
enum tb_status db_agenda_time_get(struct db *db, long long meeting_id,
				  long long case_id,
				  struct db_agenda_time *out);

/* Seconds on clock t at now_epoch (a running clock counts up to it); -1
 * when it never started. */
long long db_agenda_time_seconds(const struct db_agenda_time *t,
				 long long now_epoch);

/* Seconds spent on a case at a meeting so far (a running clock counts up
 * to now_epoch); -1 when its clock never started. */
enum tb_status db_agenda_seconds(struct db *db, long long meeting_id,
				 long long case_id, long long now_epoch,
				 long long *seconds);

/* One person's attendance at a meeting. Strings are borrowed for the
 * callback's duration. */
struct db_attendee {
	long long id;
	const char *name;
	const char *role;
	bool core;	     /* a core member; false: covering for one */
	const char *joined;  /* YYYY-MM-DDTHH:MM:SSZ */
	const char *left_at; /* NULL while present */
};

/* Records that name joined in role now. TB_INVALID with *why (static text)
 * when the meeting has not started (attendance is recorded while it
 * runs) or name is present already. */
enum tb_status db_attendee_join(struct db *db, long long meeting_id,
				const char *name, const char *role, bool core,
				const char **why);

/*
 * db_attendee_join with the role taken from the meeting's board
 * (tumorboard-boards(5)): one of its core roles or other roles, compared
 * as quorum compares them and stored in the board's spelling; cover
 * (covering for a core member) only for a core role; a non-core role
 * attends as such. TB_INVALID with why (why_len bytes) saying which roles
 * the board has, or that name is present already.
 */
enum tb_status db_attendee_join_checked(struct db *db, const struct boards *bs,
					long long meeting_id, const char *name,
					const char *role, bool cover, char *why,
					size_t why_len);

/* Records that name left now. TB_NOT_FOUND when name is not present. */
enum tb_status db_attendee_leave(struct db *db, long long meeting_id,
				 const char *name);

/* Everyone who attended, in order of joining; present_only leaves out
 * those who left. */
enum tb_status
db_attendee_list(struct db *db, long long meeting_id, bool present_only,
		 bool (*cb)(const struct db_attendee *a, void *arg), void *arg);

#endif
