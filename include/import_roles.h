/*
 * import_roles — reads the roles (tumorboard-roles(5)) from a file,
 * validated against the RELAX NG schema in data/roles.rng and then by
 * the load rules (every permission known to the program, no role or
 * permission twice, the roles the program names present). The roles
 * shipped in data/roles.xml are compiled in and used when the system
 * file (import_roles_system_path) does not exist. There is no per-user
 * roles file: a user must not be able to widen their own permissions.
 */
#ifndef TB_IMPORT_ROLES_H
#define TB_IMPORT_ROLES_H

#include "diag.h"
#include "perm.h"
#include "status.h"

/* Parses roles from memory (name is used in messages); on failure out is
 * empty and d says FILE:LINE: field: what is wrong. */
enum tb_status import_roles_parse(const char *name, const char *buf, size_t n,
				  struct roles *out, struct diag *d);

/* Loads roles from path; NULL or a missing file gives the built-in set.
 * On failure out is empty and d says why. */
enum tb_status import_roles_load(const char *path, struct roles *out,
				 struct diag *d);

/* Reads and parses the roles file at path (import_roles_load's part that
 * needs the XML module). */
enum tb_status import_roles_read(const char *path, struct roles *out,
				 struct diag *d);

/* SYSCONFDIR/tumorboard/roles.xml (e.g. /etc/tumorboard/roles.xml);
 * borrowed, static. */
const char *import_roles_system_path(void);

/* import_roles_load(import_roles_system_path()). */
enum tb_status import_roles_load_default(struct roles *out, struct diag *d);

#endif
