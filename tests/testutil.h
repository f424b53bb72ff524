/* Helpers shared by the cmocka tests (header-only, static functions). */
#ifndef TB_TESTUTIL_H
#define TB_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* A fresh temporary directory for this test process; caller frees. */
static inline char *test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl =
	    xasprintf("%s/tbtest.XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpl)) {
		free(tmpl);
		fail_msg("mkdtemp failed");
	}
	return tmpl;
}

static inline void test_rmtree(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		print_message("could not remove %s\n", dir);
	free(cmd);
}

static inline void test_write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* The examples directory: $TB_EXAMPLES or the source tree default. */
static inline const char *test_examples_dir(void)
{
	const char *d = getenv("TB_EXAMPLES");
	return d && *d ? d : "examples/cases";
}

/* Replaces the first occurrence of from in s with to; caller frees. The
 * test fails when from does not occur (so a template edit cannot silently
 * turn a test into a no-op). */
static inline char *test_replace(const char *s, const char *from,
				 const char *to)
{
	const char *at = strstr(s, from);
	if (!at)
		fail_msg("template does not contain '%s'", from);
	struct strbuf sb = {0};
	strbuf_add(&sb, s, (size_t)(at - s));
	strbuf_puts(&sb, to);
	strbuf_puts(&sb, at + strlen(from));
	return strbuf_detach(&sb);
}

#endif
