/*
 * fuzz — what every harness in fuzz/ shares. Each harness defines
 * LLVMFuzzerTestOneInput for one parser of outside input. Built with
 * ./configure --enable-fuzzing (clang) it links libFuzzer; otherwise
 * fuzz/replay.c supplies a main() that runs the harness once per file
 * named on the command line (the seed corpus and the saved crashers), so
 * `make check` replays them with any compiler.
 */
#ifndef TB_FUZZ_H
#define TB_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Once per process: libxml2 hooks (no external entities) and a fixed
 * clock, so a run does not depend on the day. */
void fuzz_init(void);

#endif
