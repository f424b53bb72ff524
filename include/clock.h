/*
 * clock — the program's notion of now. Real time by default; tests and the
 * demo set a fixed instant (clock_set_fixed, or
 * TUMORBOARD_NOW=YYYY-MM-DDTHH:MM:SSZ read once by clock_init_from_env in
 * the build the tests use) so output is reproducible. The installed
 * program never reads TUMORBOARD_NOW: a stopped clock would keep an
 * emergency grant alive and backdate the logs.
 */
#ifndef TB_CLOCK_H
#define TB_CLOCK_H

#include <stdbool.h>
#include <time.h>

/* Fixes the clock at TUMORBOARD_NOW when clock_env_honoured() says so;
 * otherwise (the installed program) leaves it real whatever the variable
 * holds. Returns false (and leaves the clock real) when the variable is
 * honoured and malformed. */
bool clock_init_from_env(void);
/* Whether this build reads TUMORBOARD_NOW: false in libtbcore
 * (src/clock_env.c); tests/clock_env_test.c, linked before the library
 * into the program the tests run (tests/tumorboard-as), says true. */
bool clock_env_honoured(void);
/* Fixes the clock at v ("YYYY-MM-DDTHH:MM:SSZ"); NULL or "" leaves it as
 * it is and returns true; false, the clock untouched, when malformed. For
 * programs that are never installed (test and bench programs). */
bool clock_set_from_text(const char *v);
void clock_set_fixed(time_t t);
void clock_set_real(void);
/* True when the clock is fixed (clock_set_fixed or TUMORBOARD_NOW). */
bool clock_is_fixed(void);
time_t clock_now(void);
/* "YYYY-MM-DD" in UTC; buf holds 11 bytes. */
void clock_today(char buf[11]);
/* "YYYY-MM-DDTHH:MM:SSZ"; buf holds 21 bytes. */
void clock_timestamp(char buf[21]);
/* The time of a log entry that follows one written at last (a timestamp,
 * NULL when the log is empty): now, or last when now is earlier, so that
 * a log never goes backwards (a clock set back is clamped, not refused).
 * buf holds 21 bytes. */
void clock_timestamp_after(char buf[21], const char *last);
/* t as "YYYY-MM-DDTHH:MM:SSZ"; buf holds 21 bytes. */
void clock_format_utc(time_t t, char buf[21]);
/* "YYYY-MM-DDTHH:MM:SSZ" to *t; false when malformed. */
bool clock_parse_utc(const char *utc, time_t *t);
/* The local date of a UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" (as stored for
 * when a meeting really started); false, buf untouched, when malformed. */
bool clock_local_date(const char *utc, char buf[11]);
/* The local "YYYY-MM-DD HH:MM" of such a timestamp; false, buf untouched,
 * when malformed. */
bool clock_local_minute(const char *utc, char buf[17]);
/* Its local "HH:MM", with the local date in front ("YYYY-MM-DD HH:MM")
 * when that is not day's (day: a timestamp, taken in local time, or a
 * date); and the local zone's abbreviation at it ("CET", "UTC"). False,
 * buf untouched, when malformed. */
bool clock_local_at(const char *utc, const char *day, char buf[17]);
bool clock_local_zone(const char *utc, char buf[16]);
int clock_year(void);

#endif
