/* Case files (tumorboard-case(5)): the streaming reader, the byte
 * precheck, per-case RELAX NG and the field walk. */
#include "fuzz.h"

#include <stdlib.h>

#include "diag.h"
#include "import.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct import_opts opts = {.today = "2026-11-23"};
	struct tb_case **cases = NULL;
	size_t n = 0;
	struct diag d;

	fuzz_init();
	diag_init(&d);
	if (import_parse("fuzz.xml", (const char *)data, size, &opts, &d,
			 &cases, &n) == TB_OK)
		for (size_t i = 0; i < n; i++)
			model_case_free(&cases[i]);
	free(cases);
	diag_done(&d);
	return 0;
}
