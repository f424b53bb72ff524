/* The progress line: drawn and ended on a terminal, nothing otherwise;
 * its wording (units done, of how many, rate, time left, final line). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "progress.h"

static char *slurp(FILE *f)
{
	long n = ftell(f);
	char *buf = calloc(1, (size_t)n + 1);
	rewind(f);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		buf[0] = '\0';
	return buf;
}

static void pause_ms(long ms)
{
	struct timespec t = {0, ms * 1000000L};
	nanosleep(&t, NULL);
}

static void test_terminal_line_redrawn_and_ended(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	progress_force(f);
	progress_begin("import", "cases", 0);
	progress_part(0, 0.5);
	for (int i = 0; i < 1500; i++) {
		progress_add(1);
		progress_within((double)i / 1500);
		if (i % 500 == 0)
			pause_ms(110);
	}
	progress_clear();
	progress_end();
	progress_force(NULL);
	char *out = slurp(f);
	fclose(f);
	/* redrawn in place, cleared, and one final line */
	assert_non_null(strstr(out, "\rimport: "));
	assert_non_null(strstr(out, " cases, "));
	assert_non_null(strstr(out, "\r\033[K"));
	assert_non_null(strstr(out, "\rimport: 1,500 cases in "));
	assert_non_null(strstr(out, " a second)\033[K\n"));
	assert_int_equal(out[strlen(out) - 1], '\n');
	free(out);
}

static void test_wording_with_total(void **state)
{
	(void)state;
	char line[160];
	FILE *f = tmpfile();
	progress_force(f);
	progress_begin("verify", "audit entries", 1234567);
	progress_add(1000);
	progress_format(line, sizeof(line), false);
	assert_non_null(strstr(line, "verify: 1,000 of 1,234,567 audit "
				     "entries, "));
	progress_format(line, sizeof(line), true);
	assert_non_null(strstr(line, "verify: 1,000 audit entries in "));
	progress_end();
	progress_force(NULL);
	fclose(f);
}

/* Work that failed: the line drawn so far is cleared, no final line. */
static void test_abandoned_leaves_no_line(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	progress_force(f);
	progress_begin("backup", "KiB", 4096);
	progress_add(1024);
	pause_ms(110);
	progress_add(1024);
	progress_abandon();
	progress_end(); /* nothing more */
	progress_force(NULL);
	char *out = slurp(f);
	fclose(f);
	assert_non_null(strstr(out, "\rbackup: 2,048 of 4,096 KiB, "));
	/* cleared at the end, and nothing after it */
	size_t n = strlen(out);
	assert_true(n >= 4);
	assert_string_equal(out + n - 4, "\r\033[K");
	assert_null(strchr(out, '\n'));
	free(out);
}

/* Standard error is not a terminal (make check sends it to a file):
 * nothing at all is written, the final line neither. */
static void test_quiet_without_terminal(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(f), STDERR_FILENO) >= 0);
	progress_begin("import", "cases", 10);
	for (int i = 0; i < 10; i++) {
		progress_add(1);
		pause_ms(20);
	}
	progress_end();
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	fseek(f, 0, SEEK_END);
	assert_int_equal(ftell(f), 0);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_terminal_line_redrawn_and_ended),
	    cmocka_unit_test(test_wording_with_total),
	    cmocka_unit_test(test_quiet_without_terminal),
	    cmocka_unit_test(test_abandoned_leaves_no_line),
	};
	return cmocka_run_group_tests_name("progress", tests, NULL, NULL);
}
