/* Packages between boards (refer --receive): FHIR JSON or XML. */
#include "fuzz.h"

#include "diag.h"
#include "fhir_package.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fhir_package p;
	struct diag d;

	fuzz_init();
	diag_init(&d);
	fhir_package_read("fuzz.json", (const char *)data, size, &p, &d);
	fhir_package_done(&p);
	diag_done(&d);
	return 0;
}
