/*
 * import_kb — reads the knowledge base (data/kb.xml format, RELAX NG
 * checked against data/kb.rng) and checks what the schema cannot: unique
 * entry ids, every citation naming a declared source, a protein change
 * that normalises. The shipped knowledge base is compiled in; a file
 * $XDG_CONFIG_HOME/tumorboard/kb.xml (installed with `tumorboard kb
 * import`) replaces it.
 */
#ifndef TB_IMPORT_KB_H
#define TB_IMPORT_KB_H

#include <stddef.h>

#include "diag.h"
#include "kb.h"
#include "support.h"
#include "status.h"

enum tb_status import_kb_parse(const char *name, const char *buf, size_t n,
			       struct kb *out, struct diag *d);

/* The user's knowledge base when it exists (a broken one is reported in d
 * and the built-in one used), else the built-in one. */
enum tb_status import_kb_load(struct kb *out, struct diag *d);

/* $XDG_CONFIG_HOME/tumorboard/kb.xml or ~/.config/...; caller frees. */
char *import_kb_default_path(void);

/* Checks the file and installs it as the user's knowledge base (written
 * beside it and renamed into place). *version_out (caller frees) is its
 * version. */
enum tb_status import_kb_install(const char *path, char **version_out,
				 struct diag *d);

/* The local trial registry and the MDK level criteria
 * (data/trials.xml, data/levels.xml; a file of the same name in the
 * user's tumorboard config directory replaces each). */
enum tb_status import_trials_parse(const char *name, const char *buf, size_t n,
				   struct trials *out, struct diag *d);
enum tb_status import_levels_parse(const char *name, const char *buf, size_t n,
				   struct levels *out, struct diag *d);
enum tb_status import_trials_load(struct trials *out, struct diag *d);
enum tb_status import_levels_load(struct levels *out, struct diag *d);

#endif
