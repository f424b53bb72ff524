/*
 * clock — the program's notion of now. Real time by default; tests and the
 * demo set a fixed instant (clock_set_fixed or
 * TUMORBOARD_NOW=YYYY-MM-DDTHH:MM:SSZ read once by clock_init_from_env) so
 * output is reproducible.
 */
#ifndef TB_CLOCK_H
#define TB_CLOCK_H

#include <stdbool.h>
#include <time.h>

/* Returns false (and leaves the clock real) when the variable is malformed. */
bool clock_init_from_env(void);
void clock_set_fixed(time_t t);
void clock_set_real(void);
/* True when the clock is fixed (clock_set_fixed or TUMORBOARD_NOW). */
bool clock_is_fixed(void);
time_t clock_now(void);
/* "YYYY-MM-DD" in UTC; buf holds 11 bytes. */
void clock_today(char buf[11]);
/* "YYYY-MM-DDTHH:MM:SSZ"; buf holds 21 bytes. */
void clock_timestamp(char buf[21]);
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
int clock_year(void);

#endif
