/*
 * module — the program's optional parts, loaded when first used: the PDF
 * writer (Cairo and Pango) and the PostgreSQL engine (libpq) are shared
 * objects of their own in the package's library directory, so that a
 * command that writes no PDF and opens no server maps none of those
 * libraries (each costs megabytes of resident memory to start).
 *
 * A module is looked for in $TUMORBOARD_MODULEDIR when it is set, else
 * beside the running program when it is there (a build that is not
 * installed), else in the package's library directory (pkglibdir).
 *
 * Each module exports one table whose first member is a struct
 * module_head: the table is used only when it was built with the same
 * version and the same table size as the program.
 */
#ifndef TB_MODULE_H
#define TB_MODULE_H

#include <stddef.h>

struct module_head {
	size_t size;	     /* sizeof the table where it was built */
	const char *version; /* PACKAGE_VERSION where it was built */
};

#define MODULE_HEAD(type)                                                      \
	{                                                                      \
		sizeof(type), PACKAGE_VERSION                                  \
	}

/*
 * The table named symbol of module file (a file name: "pdf.so"), loaded
 * on the first call and kept loaded until the program ends. size is the
 * table's size as the program knows it. NULL with *err set (caller frees;
 * it names the file and why) when the module cannot be found or loaded,
 * lacks the table, or is from another build.
 */
const void *module_table(const char *file, const char *symbol, size_t size,
			 char **err);

#endif
