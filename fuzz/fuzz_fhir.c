/* FHIR R4 files (tumorboard-fhir(7)), JSON and XML: format detection, the
 * json-c and libxml2 readers with the line scan, reference resolution, the
 * mapping into cases and the case checks with the line map. */
#include "fuzz.h"

#include <stdlib.h>

#include "diag.h"
#include "import.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d, notes;
	diag_init(&d);
	diag_init(&notes);
	const struct import_opts opts = {.today = "2026-11-23",
					 .notes = &notes};
	struct tb_case **cases = NULL;
	size_t n = 0;

	fuzz_init();
	if (import_parse("fuzz.json", (const char *)data, size, &opts, &d,
			 &cases, &n) == TB_OK)
		for (size_t i = 0; i < n; i++)
			model_case_free(&cases[i]);
	free(cases);
	diag_done(&d);
	diag_done(&notes);
	return 0;
}
