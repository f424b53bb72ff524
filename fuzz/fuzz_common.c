#include "fuzz.h"

#include <stdbool.h>

#include "clock.h"
#include "import.h"

void fuzz_init(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	clock_set_fixed(1795424400); /* 2026-11-23T09:00:00Z */
	import_global_init();
}
