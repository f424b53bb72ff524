/*
 * module — loading the program's optional parts (see module.h).
 */
#include "config.h"

#include "module.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

#ifndef TB_MODULEDIR
#error "TB_MODULEDIR is set by the makefile"
#endif

/* Where a module is looked for last: the package's library directory, or
 * for the test program (tests/tumorboard-as, never installed, and not
 * beside the modules) the build's top directory. */
#ifdef TB_BUILD_MODULEDIR
#define MODULE_LAST_DIR TB_BUILD_MODULEDIR
#else
#define MODULE_LAST_DIR TB_MODULEDIR
#endif

/* The directory holding the running program; NULL when unknown. Caller
 * frees. */
static char *program_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	char *slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(buf[0] ? buf : "/");
}

/* Where file is loaded from. Caller frees. */
static char *module_path(const char *file)
{
	const char *env = getenv("TUMORBOARD_MODULEDIR");
	if (env && *env)
		return xasprintf("%s/%s", env, file);
	char *dir = program_dir();
	if (dir) {
		char *beside = xasprintf("%s/%s", dir, file);
		free(dir);
		if (access(beside, F_OK) == 0)
			return beside;
		free(beside);
	}
	return xasprintf("%s/%s", MODULE_LAST_DIR, file);
}

const void *module_table(const char *file, const char *symbol, size_t size,
			 char **err)
{
	*err = NULL;
	char *path = module_path(file);
	/* never closed: the libraries it maps stay until the program ends */
	/* a missing or unreadable file in the interface's language (the
	 * loader says it in English only) */
	if (access(path, R_OK) != 0) {
		*err = xasprintf(_("cannot load %s: %s"), path,
				 errno == ENOENT ? _("there is no such file")
						 : strerror(errno));
		free(path);
		return NULL;
	}
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();
		*err = xasprintf(_("cannot load %s: %s"), path,
				 why ? why : _("unknown error"));
		free(path);
		return NULL;
	}
	const struct module_head *head = dlsym(h, symbol);
	if (!head) {
		*err =
		    xasprintf(_("cannot load %s: it has no %s"), path, symbol);
	} else if (head->size != size ||
		   strcmp(head->version, PACKAGE_VERSION) != 0) {
		*err = xasprintf(_("cannot load %s: it belongs to tumorboard "
				   "%s, this is %s"),
				 path, head->version, PACKAGE_VERSION);
		head = NULL;
	}
	free(path);
	return head;
}
