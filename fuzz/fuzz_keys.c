/* The keys file (tumorboard-keys(5)). keymap_load_file reads a path, so
 * each input is written to one private temporary file first. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "keymap.h"

static char path[] = "/tmp/tumorboard-fuzz-keys-XXXXXX";

static void remove_file(void)
{
	unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	struct keymap km;
	struct diag d;

	fuzz_init();
	if (fd < 0) {
		fd = mkstemp(path);
		if (fd < 0)
			abort();
		atexit(remove_file);
	}
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	keymap_init(&km);
	diag_init(&d);
	keymap_load_file(&km, path, &d);
	keymap_done(&km);
	diag_done(&d);
	return 0;
}
