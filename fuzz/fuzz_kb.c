/* The knowledge base (tumorboard-kb(5)). */
#include "fuzz.h"

#include <string.h>

#include "diag.h"
#include "import_kb.h"
#include "kb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kb kb;
	struct diag d;

	fuzz_init();
	memset(&kb, 0, sizeof(kb));
	diag_init(&d);
	import_kb_parse("fuzz.xml", (const char *)data, size, &kb, &d);
	kb_done(&kb);
	diag_done(&d);
	return 0;
}
