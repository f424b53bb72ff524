/*
 * xml_module — the readers and writers of XML and FHIR (libxml2, json-c)
 * as the one table their module exports: the program loads it the first
 * time it reads or writes such a file (xml_load.c), so that libxml2 and
 * what it links (ICU, libstdc++, liblzma) are mapped only then and the
 * first screen, which reads no XML, comes up without them.
 */
#ifndef TB_XML_MODULE_H
#define TB_XML_MODULE_H

#include "export_decision.h"
#include "fhir_out.h"
#include "fhir_package.h"
#include "import.h"
#include "import_boards.h"
#include "import_form.h"
#include "import_kb.h"
#include "import_roles.h"
#include "module.h"

struct xml_module {
	struct module_head head;
	__typeof__(import_global_init) *init;
	__typeof__(import_global_cleanup) *cleanup;
	__typeof__(import_file) *import_file;
	__typeof__(import_roles_read) *roles_read;
	__typeof__(import_boards_read) *boards_read;
	__typeof__(import_form_load_all) *form_load_all;
	__typeof__(import_form_phrases) *form_phrases;
	__typeof__(import_kb_load) *kb_load;
	__typeof__(import_kb_install) *kb_install;
	__typeof__(import_trials_load) *trials_load;
	__typeof__(import_levels_load) *levels_load;
	__typeof__(export_decision_xml) *export_decision_xml;
	__typeof__(fhir_out_case) *fhir_out_case;
	__typeof__(fhir_out_decision) *fhir_out_decision;
	__typeof__(fhir_package_load) *fhir_package_load;
	__typeof__(fhir_package_done) *fhir_package_done;
};

#define XML_MODULE	     "xml.so"
#define XML_MODULE_TABLE_SYM "xml_module_table"

/* The table itself (xml_table.c, in the module). */
extern const struct xml_module xml_module_table;

#endif
