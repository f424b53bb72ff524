/* Board types (tumorboard-boards(5)). */
#include "fuzz.h"

#include "board.h"
#include "diag.h"
#include "import_boards.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct boards bs;
	struct diag d;

	fuzz_init();
	diag_init(&d);
	if (import_boards_parse("fuzz.xml", (const char *)data, size, &bs,
				&d) == TB_OK)
		boards_done(&bs);
	diag_done(&d);
	return 0;
}
