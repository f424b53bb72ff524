/* Roles and their permissions (tumorboard-roles(5)). */
#include "fuzz.h"

#include "diag.h"
#include "import_roles.h"
#include "perm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct roles rs;
	struct diag d;

	fuzz_init();
	diag_init(&d);
	if (import_roles_parse("fuzz.xml", (const char *)data, size, &rs, &d) ==
	    TB_OK)
		roles_done(&rs);
	diag_done(&d);
	return 0;
}
