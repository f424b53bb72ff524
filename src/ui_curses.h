/* The one place curses is included, wide-character build. */
#ifndef TB_UI_CURSES_H
#define TB_UI_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#endif
