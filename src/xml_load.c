/*
 * xml_load — the XML and FHIR entry points as the program has them: each
 * call goes to the XML module (xml_module.h), loaded on the first, which
 * then sets libxml2 up (import_global_init). A program that links the
 * readers themselves (the unit tests, the fuzzers, tools/gen_builtin) has
 * the functions instead. When the module cannot be loaded the call fails
 * as the function would, its results empty, with the reason
 * (module_table's: the file and why) in its diagnostics, or on stderr
 * for a writer that has none.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xml_module.h"

static const struct xml_module *loaded;

/* The module's table; NULL with the reason in d (may be NULL: then on
 * stderr) when it cannot be loaded. */
static const struct xml_module *xml_module(struct diag *d)
{
	static char *why;
	if (!loaded && !why) {
		loaded = module_table(XML_MODULE, XML_MODULE_TABLE_SYM,
				      sizeof(*loaded), &why);
		if (loaded)
			loaded->init();
	}
	if (!loaded) {
		if (d)
			diag_add(d, NULL, 0, NULL, "%s", why);
		else
			fprintf(stderr, "%s: %s\n", PACKAGE, why);
	}
	return loaded;
}

/* libxml2 is set up when the module is loaded */
void import_global_init(void)
{
}

void import_global_cleanup(void)
{
	if (loaded)
		loaded->cleanup();
}

enum tb_status import_file(struct db *db, const char *path,
			   const struct import_opts *opts, struct diag *d,
			   struct import_result *res)
{
	const struct xml_module *m = xml_module(d);
	if (!m) {
		memset(res, 0, sizeof(*res));
		return TB_IO;
	}
	return m->import_file(db, path, opts, d, res);
}

enum tb_status import_roles_read(const char *path, struct roles *out,
				 struct diag *d)
{
	const struct xml_module *m = xml_module(d);
	if (!m) {
		memset(out, 0, sizeof(*out));
		return TB_IO;
	}
	return m->roles_read(path, out, d);
}

enum tb_status import_boards_read(const char *path, struct boards *out,
				  struct diag *d)
{
	const struct xml_module *m = xml_module(d);
	if (!m) {
		memset(out, 0, sizeof(*out));
		return TB_IO;
	}
	return m->boards_read(path, out, d);
}

enum tb_status import_form_load_all(const char *dir, struct form_set *out,
				    struct diag *d)
{
	const struct xml_module *m = xml_module(d);
	if (!m) {
		memset(out, 0, sizeof(*out));
		return TB_IO;
	}
	return m->form_load_all(dir, out, d);
}

enum tb_status import_form_phrases(const char *dir, struct form_phrases *out,
				   struct diag *d)
{
	const struct xml_module *m = xml_module(d);
	if (!m) {
		memset(out, 0, sizeof(*out));
		return TB_IO;
	}
	return m->form_phrases(dir, out, d);
}

enum tb_status import_kb_load(struct kb *out, struct diag *d)
{
	const struct xml_module *m = xml_module(d);
	if (!m) {
		memset(out, 0, sizeof(*out));
		return TB_IO;
	}
	return m->kb_load(out, d);
}

enum tb_status import_kb_install(const char *path, char **version_out,
				 struct diag *d)
{
	const struct xml_module *m = xml_module(d);
	if (!m) {
		*version_out = NULL;
		return TB_IO;
	}
	return m->kb_install(path, version_out, d);
}

enum tb_status import_trials_load(struct trials *out, struct diag *d)
{
	const struct xml_module *m = xml_module(d);
	if (!m) {
		memset(out, 0, sizeof(*out));
		return TB_IO;
	}
	return m->trials_load(out, d);
}

enum tb_status import_levels_load(struct levels *out, struct diag *d)
{
	const struct xml_module *m = xml_module(d);
	if (!m) {
		memset(out, 0, sizeof(*out));
		return TB_IO;
	}
	return m->levels_load(out, d);
}

enum tb_status export_decision_xml(const struct tb_decision *d,
				   const struct form *f, FILE *out)
{
	const struct xml_module *m = xml_module(NULL);
	return m ? m->export_decision_xml(d, f, out) : TB_IO;
}

enum tb_status fhir_out_case(const struct tb_case *c,
			     const struct fhir_out_referral *ref,
			     enum fhir_out_format fmt, struct strbuf *out)
{
	const struct xml_module *m = xml_module(NULL);
	return m ? m->fhir_out_case(c, ref, fmt, out) : TB_IO;
}

enum tb_status fhir_out_decision(const struct tb_decision *d,
				 const struct form *f, const struct tb_case *c,
				 const struct tb_meeting *mt,
				 const struct fhir_out_referral *answer,
				 enum fhir_out_format fmt, struct strbuf *out)
{
	const struct xml_module *m = xml_module(NULL);
	return m ? m->fhir_out_decision(d, f, c, mt, answer, fmt, out) : TB_IO;
}

enum tb_status fhir_package_load(const char *path, size_t max, char **buf,
				 size_t *n, struct fhir_package *out,
				 struct diag *d)
{
	const struct xml_module *m = xml_module(d);
	if (!m) {
		*buf = NULL;
		*n = 0;
		memset(out, 0, sizeof(*out));
		return TB_IO;
	}
	return m->fhir_package_load(path, max, buf, n, out, d);
}

/* nothing to free unless the module read the package */
void fhir_package_done(struct fhir_package *p)
{
	if (loaded)
		loaded->fhir_package_done(p);
}
