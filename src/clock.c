#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool fixed;
static time_t fixed_time;

/* timegm() without relying on non-standard functions: days from civil. */
static time_t utc_from_fields(int y, int mo, int d, int h, int mi, int s)
{
	y -= mo <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long days = era * 146097 + doe - 719468;
	return (time_t)days * 86400 + h * 3600 + mi * 60 + s;
}

/* The number of the n digits at v; -1 when one is not a digit. */
static int digits(const char *v, int n)
{
	int x = 0;
	for (int i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		x = x * 10 + (v[i] - '0');
	}
	return x;
}

bool clock_parse_utc(const char *v, time_t *t)
{
	int y, mo, d, h, mi, s;
	char z;
	if (strlen(v) != 20)
		return false;
	/* the form every stored time has, read without sscanf (which reads
	 * it the same, and also signs and spaces: those go the long way) */
	if (v[4] == '-' && v[7] == '-' && v[10] == 'T' && v[13] == ':' &&
	    v[16] == ':' && (y = digits(v, 4)) >= 0 &&
	    (mo = digits(v + 5, 2)) >= 0 && (d = digits(v + 8, 2)) >= 0 &&
	    (h = digits(v + 11, 2)) >= 0 && (mi = digits(v + 14, 2)) >= 0 &&
	    (s = digits(v + 17, 2)) >= 0)
		z = v[19];
	else if (sscanf(v, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi,
			&s, &z) != 7)
		return false;
	if (z != 'Z' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || s > 59)
		return false;
	*t = utc_from_fields(y, mo, d, h, mi, s);
	return true;
}

bool clock_set_from_text(const char *v)
{
	time_t t;

	if (!v || !*v)
		return true;
	if (!clock_parse_utc(v, &t))
		return false;
	clock_set_fixed(t);
	return true;
}

bool clock_init_from_env(void)
{
	if (!clock_env_honoured())
		return true;
	return clock_set_from_text(getenv("TUMORBOARD_NOW"));
}

/* A recorded UTC time as local time; false when malformed. */
static bool local_tm(const char *utc, struct tm *tm)
{
	time_t t;
	return utc && clock_parse_utc(utc, &t) && localtime_r(&t, tm);
}

bool clock_local_date(const char *utc, char buf[11])
{
	struct tm tm;
	return local_tm(utc, &tm) && strftime(buf, 11, "%Y-%m-%d", &tm);
}

bool clock_local_minute(const char *utc, char buf[17])
{
	struct tm tm;
	return local_tm(utc, &tm) && strftime(buf, 17, "%Y-%m-%d %H:%M", &tm);
}

bool clock_local_at(const char *utc, const char *day, char buf[17])
{
	char when[17], on[17];
	if (!clock_local_minute(utc, when))
		return false;
	if (!day || !clock_local_minute(day, on))
		snprintf(on, sizeof(on), "%.10s", day ? day : "");
	snprintf(buf, 17, "%s", strncmp(when, on, 10) ? when : when + 11);
	return true;
}

bool clock_local_zone(const char *utc, char buf[16])
{
	struct tm tm;
	return local_tm(utc, &tm) && strftime(buf, 16, "%Z", &tm);
}

void clock_set_fixed(time_t t)
{
	fixed = true;
	fixed_time = t;
}

void clock_set_real(void)
{
	fixed = false;
}

bool clock_is_fixed(void)
{
	return fixed;
}

time_t clock_now(void)
{
	return fixed ? fixed_time : time(NULL);
}

void clock_today(char buf[11])
{
	time_t t = clock_now();
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

void clock_format_utc(time_t t, char buf[21])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void clock_timestamp(char buf[21])
{
	/* the second formatted last: a screenful's access log entries (one
	 * each, and the batch's) fall in the same one */
	static time_t last = (time_t)-1;
	static char last_buf[21];
	time_t t = clock_now();
	if (t != last) {
		clock_format_utc(t, last_buf);
		last = t;
	}
	memcpy(buf, last_buf, sizeof(last_buf));
}

void clock_timestamp_after(char buf[21], const char *last)
{
	clock_timestamp(buf);
	/* both "YYYY-MM-DDTHH:MM:SSZ": the text orders as the time */
	if (last && strlen(last) == 20 && strcmp(buf, last) < 0)
		memcpy(buf, last, 21);
}

int clock_year(void)
{
	time_t t = clock_now();
	struct tm tm;
	gmtime_r(&t, &tm);
	return tm.tm_year + 1900;
}
