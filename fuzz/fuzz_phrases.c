/* The summary wording (forms/summary.xml or the user's summary.xml). */
#include "fuzz.h"

#include "diag.h"
#include "form_def.h"
#include "import_form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form_phrases ph;
	struct diag d;

	fuzz_init();
	diag_init(&d);
	if (import_form_phrases_parse("fuzz.xml", (const char *)data, size, &ph,
				      &d) == TB_OK)
		form_phrases_done(&ph);
	diag_done(&d);
	return 0;
}
