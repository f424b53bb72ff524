/*
 * quorum — whether the people present fill a board's core roles (as data in
 * boards.xml, tumorboard-boards(5)). A core member or someone covering for
 * one fills a role; roles compare without regard to ASCII case.
 */
#ifndef TB_QUORUM_H
#define TB_QUORUM_H

#include <stddef.h>

#include "board.h"
#include "util.h"

/*
 * The board's core roles that no attendee fills. attendees holds lines
 * "name\trole\tcore|cover". Appends the missing roles to missing (may be
 * NULL), separated by ", ", and returns how many there are.
 */
size_t quorum_missing(const struct board *b, const char *attendees,
		      struct strbuf *missing);

#endif
