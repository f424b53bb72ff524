/* The local trial registry (data/trials.xml or the user's). */
#include "fuzz.h"

#include <string.h>

#include "diag.h"
#include "import_kb.h"
#include "support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct trials t;
	struct diag d;

	fuzz_init();
	memset(&t, 0, sizeof(t));
	diag_init(&d);
	import_trials_parse("fuzz.xml", (const char *)data, size, &t, &d);
	trials_done(&t);
	diag_done(&d);
	return 0;
}
