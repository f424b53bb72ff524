/*
 * import_load — what the program needs of the readers without the XML
 * module (xml_module.h): the built-in roles and boards, which are C
 * tables (schemas.h), the files that replace them, and where the user's
 * files are looked for. A file that is there is read by the module.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fhir_out.h"
#include "i18n.h"
#include "import_boards.h"
#include "import_form.h"
#include "import_kb.h"
#include "import_roles.h"
#include "schemas.h"
#include "util.h"

#ifndef TB_SYSCONFDIR
#define TB_SYSCONFDIR "/etc"
#endif

/* true when path is NULL or names no file: the built-in set is used;
 * false with d saying why when it cannot be looked at. */
static bool use_builtin(const char *path, bool *failed, struct diag *d)
{
	struct stat sb;
	*failed = false;
	if (path && stat(path, &sb) == 0)
		return false;
	if (path && errno != ENOENT) {
		diag_add(d, path, 0, NULL, _("cannot read: %s"),
			 strerror(errno));
		*failed = true;
		return false;
	}
	return true;
}

enum tb_status import_roles_load(const char *path, struct roles *out,
				 struct diag *d)
{
	memset(out, 0, sizeof(*out));
	bool failed;
	if (!use_builtin(path, &failed, d))
		return failed ? TB_IO : import_roles_read(path, out, d);
	/* checked at build time: no XML is read (schemas.h) */
	roles_copy(out, &builtin_roles);
	free(out->source);
	out->source = xstrdup("built-in");
	return TB_OK;
}

const char *import_roles_system_path(void)
{
	return TB_SYSCONFDIR "/tumorboard/roles.xml";
}

enum tb_status import_roles_load_default(struct roles *out, struct diag *d)
{
	return import_roles_load(import_roles_system_path(), out, d);
}

enum tb_status import_boards_load(const char *path, struct boards *out,
				  struct diag *d)
{
	memset(out, 0, sizeof(*out));
	bool failed;
	if (!use_builtin(path, &failed, d))
		return failed ? TB_IO : import_boards_read(path, out, d);
	/* checked at build time: no XML is read (schemas.h) */
	boards_copy(out, &builtin_boards);
	free(out->source);
	out->source = xstrdup("built-in");
	return TB_OK;
}

char *import_boards_default_path(void)
{
	return util_config_path("boards.xml");
}

enum tb_status import_boards_load_default(struct boards *out, struct diag *d)
{
	char *path = import_boards_default_path();
	enum tb_status st = import_boards_load(path, out, d);
	free(path);
	return st;
}

char *import_form_default_dir(void)
{
	return util_config_path("forms");
}

char *import_kb_default_path(void)
{
	return util_config_path("kb.xml");
}

bool fhir_out_format_parse(const char *s, enum fhir_out_format *out)
{
	if (s && strcmp(s, "xml") == 0)
		*out = FHIR_OUT_XML;
	else if (s && strcmp(s, "json") == 0)
		*out = FHIR_OUT_JSON;
	else
		return false;
	return true;
}
