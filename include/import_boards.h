/*
 * import_boards — reads board types (tumorboard-boards(5)) from a file,
 * validated against the RELAX NG schema in data/boards.rng; the board file
 * shipped in data/boards.xml is compiled in and used when no file is given
 * or the user's file does not exist.
 */
#ifndef TB_IMPORT_BOARDS_H
#define TB_IMPORT_BOARDS_H

#include "board.h"
#include "diag.h"
#include "status.h"

/* Parses boards from memory (name is used in messages); on failure out is
 * empty and d says why. */
enum tb_status import_boards_parse(const char *name, const char *buf, size_t n,
				   struct boards *out, struct diag *d);

/*
 * Loads boards from path; NULL or a missing file gives the built-in set.
 * On failure out is empty and d says FILE:LINE: what is wrong.
 */
enum tb_status import_boards_load(const char *path, struct boards *out,
				  struct diag *d);

/* Reads and parses the boards file at path (import_boards_load's part
 * that needs the XML module). */
enum tb_status import_boards_read(const char *path, struct boards *out,
				  struct diag *d);

/* $XDG_CONFIG_HOME/tumorboard/boards.xml or ~/.config/...; caller frees. */
char *import_boards_default_path(void);

/* import_boards_load() of the user's boards.xml (default path), else the
 * built-in set. */
enum tb_status import_boards_load_default(struct boards *out, struct diag *d);

#endif
