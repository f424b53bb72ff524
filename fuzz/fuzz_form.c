/* Decision forms (tumorboard-forms(5)) and their load rules. */
#include "fuzz.h"

#include "diag.h"
#include "form_def.h"
#include "import_form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form *f = NULL;
	struct diag d;

	fuzz_init();
	diag_init(&d);
	if (import_form_parse("fuzz.xml", (const char *)data, size, &f, &d) ==
	    TB_OK)
		form_free(&f);
	diag_done(&d);
	return 0;
}
