/*
 * The test program's guard against reading XML where none should be
 * read (tests/noxml.sh): linked into tests/tumorboard-as with ld's --wrap
 * of module_table (the XML module, xml.so, is what reads XML), of the
 * readers of a roles or boards file (which name the file) and of
 * term_first_screen. With TB_TEST_NO_XML set, the XML module loaded or a
 * roles or boards file read before the first screen is up (or in a
 * command, which has no screen) is told on stderr and aborts; without it,
 * or after the first screen, the calls go on unchanged. With TB_TEST_MAPS
 * set to a file, the shared objects mapped when the first screen comes up
 * are written there, one path a line (tests/modules.sh).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_boards.h"
#include "import_roles.h"
#include "module.h"
#include "term.h"

const void *__real_module_table(const char *file, const char *symbol,
				size_t size, char **err);
const void *__wrap_module_table(const char *file, const char *symbol,
				size_t size, char **err);
enum tb_status __real_import_boards_read(const char *path, struct boards *out,
					 struct diag *d);
enum tb_status __wrap_import_boards_read(const char *path, struct boards *out,
					 struct diag *d);
enum tb_status __real_import_roles_read(const char *path, struct roles *out,
					struct diag *d);
enum tb_status __wrap_import_roles_read(const char *path, struct roles *out,
					struct diag *d);
void __real_term_first_screen(void);
void __wrap_term_first_screen(void);

static bool screen_up;

static void guard(const char *fn, const char *what)
{
	if (screen_up || !getenv("TB_TEST_NO_XML"))
		return;
	fprintf(stderr, "tumorboard-as: %s(%s) before the first screen\n", fn,
		what ? what : "");
	abort();
}

/* The paths of the shared objects in /proc/self/maps, once each. */
static void write_maps(const char *to)
{
	FILE *in = fopen("/proc/self/maps", "r");
	FILE *out = fopen(to, "w");
	char line[4096], last[4096] = "";
	while (in && out && fgets(line, sizeof(line), in)) {
		char *path = strchr(line, '/');
		if (!path || !strstr(path, ".so") || strcmp(path, last) == 0)
			continue;
		snprintf(last, sizeof(last), "%s", path);
		fputs(path, out);
	}
	if (in)
		fclose(in);
	if (out)
		fclose(out);
}

void __wrap_term_first_screen(void)
{
	screen_up = true;
	const char *maps = getenv("TB_TEST_MAPS");
	if (maps && *maps)
		write_maps(maps);
	__real_term_first_screen();
}

const void *__wrap_module_table(const char *file, const char *symbol,
				size_t size, char **err)
{
	if (strcmp(file, "xml.so") == 0)
		guard("module_table", file);
	return __real_module_table(file, symbol, size, err);
}

enum tb_status __wrap_import_boards_read(const char *path, struct boards *out,
					 struct diag *d)
{
	guard("import_boards_read", path);
	return __real_import_boards_read(path, out, d);
}

enum tb_status __wrap_import_roles_read(const char *path, struct roles *out,
					struct diag *d)
{
	guard("import_roles_read", path);
	return __real_import_roles_read(path, out, d);
}
