/*
 * status — the one table of recoverable failure codes and their messages.
 * Functions that can fail for reasons the user can fix return an enum
 * tb_status; details go to a struct diag list or to the caller's err buffer.
 */
#ifndef TB_STATUS_H
#define TB_STATUS_H

/* name, exit code, message */
#define STATUS_TABLE(X)                                                        \
	X(OK, 0, "success")                                                    \
	X(USAGE, 2, "wrong usage")                                             \
	X(INVALID, 3, "invalid input")                                         \
	X(NOT_FOUND, 4, "not found")                                           \
	X(IO, 5, "file could not be read or written")                          \
	X(DB, 6, "database error")                                             \
	X(DB_NEWER, 7, "database was written by a newer tumorboard")           \
	X(INTEGRITY, 8, "integrity check failed")                              \
	X(CLOSED, 3,                                                           \
	  "the meeting is finished or cancelled: its record is closed")        \
	X(DENIED, 9, "permission denied")                                      \
	X(STALE, 10, "changed elsewhere since it was read")

enum tb_status {
#define STATUS_ENUM(name, code, msg) TB_##name,
	STATUS_TABLE(STATUS_ENUM)
#undef STATUS_ENUM
};

const char *status_message(enum tb_status st);
/* The process exit code documented in tumorboard(1) for st. */
int status_exit_code(enum tb_status st);

#endif
