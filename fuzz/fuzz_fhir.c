/* FHIR R4 files (tumorboard-fhir(7)), JSON and XML: format detection, the
 * json-c and libxml2 readers with the line scan, reference resolution, the
 * mapping into cases and the case checks with the line map. And the cases
 * the reader builds in memory, where a tree can hold what no parser makes:
 * one the import's quick look (src/import_shape.c) takes that the case
 * schema refuses aborts. */
#include "fuzz.h"

#include <stdlib.h>

#include "diag.h"
#include "fhir_in.h"
#include "import.h"
#include "import_schema.h"
#include "import_shape.h"
#include "model.h"

static struct case_check cc;

static void built(const struct fhir_in *in, xmlNodePtr ce, size_t case_no,
		  void *arg)
{
	(void)in;
	(void)case_no;
	(void)arg;
	/* the schema only where the quick look says valid: what the
	 * import then trusts */
	bool quick = import_shape_ok(ce);
	if (quick && !case_check_run(&cc, ce))
		abort();
	case_check_clear(&cc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	struct diag d, notes;
	diag_init(&d);
	diag_init(&notes);
	const struct import_opts opts = {.today = "2026-11-23",
					 .notes = &notes};
	struct tb_case **cases = NULL;
	size_t n = 0;

	fuzz_init();
	if (!ready) {
		if (!case_check_init(&cc, "fuzz.json"))
			abort();
		ready = true;
	}
	if (import_parse("fuzz.json", (const char *)data, size, &opts, &d,
			 &cases, &n) == TB_OK)
		for (size_t i = 0; i < n; i++)
			model_case_free(&cases[i]);
	free(cases);
	diag_done(&d);
	diag_done(&notes);

	struct fhir_in fi;
	diag_init(&d);
	(void)fhir_in_build("fuzz.json", (const char *)data, size, "2026-11-23",
			    built, NULL, &fi, &d);
	fhir_in_done(&fi);
	diag_done(&d);
	return 0;
}
