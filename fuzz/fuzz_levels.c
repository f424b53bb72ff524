/* The MDK level criteria (data/levels.xml or the user's). */
#include "fuzz.h"

#include <string.h>

#include "diag.h"
#include "import_kb.h"
#include "support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct levels l;
	struct diag d;

	fuzz_init();
	memset(&l, 0, sizeof(l));
	diag_init(&d);
	import_levels_parse("fuzz.xml", (const char *)data, size, &l, &d);
	levels_done(&l);
	diag_done(&d);
	return 0;
}
