/*
 * cmd — the batch subcommands. Each takes the open database (or the path,
 * where it opens it itself) and the subcommand's own argv (argv[0] is the
 * subcommand name) and returns a process exit code from the status table.
 */
#ifndef TB_CMD_H
#define TB_CMD_H

#include <stdbool.h>

#include "access.h"
#include "status.h"

struct db;
struct boards;

/* Loads the board types (the user's boards.xml, else the built-in set) and
 * prints any problem on standard error as FILE:LINE: message; on failure
 * bs is empty. */
enum tb_status cmd_load_boards(struct boards *bs);
/* Prints s to stdout padded to |width| display cells: right-aligned for
 * a positive width, left-aligned for a negative one (column heads that
 * are translated). */
void cmd_print_padded(const char *s, int width);

/* Planning for a board (meeting.plan): the signed-in user must belong
 * to board (perm_require_board). 0 when they may; else the refusal is
 * printed and logged and the exit code returned. what names the command
 * and verb ("agenda add"). */
int cmd_plan_check(struct db *db, const char *board, const char *what);

/* Opens case_id's data for the reader and logs the read
 * (access_open_case) before it is shown; prints why on standard error when
 * it is refused (TB_DENIED: permission or care relationship) or cannot be
 * logged, and then nothing may be shown. */
enum tb_status cmd_log_read(struct db *db, const char *name,
			    enum access_what what, long long case_id);

/* Loads the forms; a broken user form is reported on standard error and
 * its built-in form used. False only when no form could be loaded at all.
 */
struct form_set;
bool cmd_load_forms(struct form_set *fs);

/* The knowledge base into kb; problems are printed on standard error.
 * False when none loads. */
struct kb;
bool cmd_load_kb(struct kb *kb);
/* Prints why cmd failed (each item of d as "field: message" when there are
 * any, else the database's or the status's message) and returns the exit
 * code of st. d may be NULL. */
struct diag;
int cmd_fail(const char *cmd, enum tb_status st, struct db *db, struct diag *d);
/* The case of external id ext into *id; a case not found or a database
 * error is printed on standard error as "tumorboard CMD: ...". */
enum tb_status cmd_find_case(struct db *db, const char *cmd, const char *ext,
			     long long *id);

int cmd_import(struct db *db, int argc, char **argv);
int cmd_cases(struct db *db, int argc, char **argv);
int cmd_show(struct db *db, int argc, char **argv);
int cmd_refer(struct db *db, int argc, char **argv);
int cmd_meetings(struct db *db, int argc, char **argv);
int cmd_meeting(struct db *db, int argc, char **argv);
int cmd_agenda(struct db *db, int argc, char **argv);
int cmd_form(struct db *db, int argc, char **argv);
int cmd_decision(struct db *db, int argc, char **argv);
int cmd_verify(struct db *db, int argc, char **argv);
struct diag;
struct decision_verify_result;
/* What verify checks (the audit chain, every record and decision, the
 * access log, the record of extracts, what the follow-up and case lists
 * show; the case list's rows not again when rows_checked: verify
 * --repair found them as the cases say), its findings into d: TB_OK
 * when everything holds, TB_INTEGRITY when anything was altered, another
 * status when it could not look. */
enum tb_status cmd_verify_archive(struct db *db, struct diag *d,
				  struct decision_verify_result *r,
				  long long *accesses, bool rows_checked);
/* cmd_migrate.c: the archive into another database; no --db (like init,
 * nobody is signed in: see tumorboard(1)) */
int cmd_migrate(int argc, char **argv);
int cmd_summary(struct db *db, int argc, char **argv);
int cmd_note(struct db *db, int argc, char **argv);
int cmd_followup(struct db *db, int argc, char **argv);
int cmd_turnaround(struct db *db, int argc, char **argv);
int cmd_report(struct db *db, int argc, char **argv);
int cmd_support(struct db *db, int argc, char **argv);
int cmd_kb(struct db *db, int argc, char **argv);
int cmd_backup(struct db *db, int argc, char **argv);
/* cmd_fhir.c: a case as a FHIR Bundle */
int cmd_export(struct db *db, int argc, char **argv);
/* cmd_fhir.c: a decision's quality-registry file */
int cmd_registry(struct db *db, int argc, char **argv);
int cmd_log(struct db *db, int argc, char **argv);
int cmd_user(struct db *db, int argc, char **argv);
/* Whether the archive has no active administrator, so that its first
 * one may be made (user add, for one's own account). */
bool cmd_user_first_run_open(struct db *db);
int cmd_extract(struct db *db, int argc, char **argv);

#endif
