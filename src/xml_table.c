/*
 * xml_table — the XML and FHIR readers' and writers' entry points as the
 * one table their module exports (xml_module.h).
 */
#include "config.h"

#include "xml_module.h"

const struct xml_module xml_module_table = {
    .head = MODULE_HEAD(struct xml_module),
    .init = import_global_init,
    .cleanup = import_global_cleanup,
    .import_file = import_file,
    .roles_read = import_roles_read,
    .boards_read = import_boards_read,
    .form_load_all = import_form_load_all,
    .form_phrases = import_form_phrases,
    .kb_load = import_kb_load,
    .kb_install = import_kb_install,
    .trials_load = import_trials_load,
    .levels_load = import_levels_load,
    .export_decision_xml = export_decision_xml,
    .fhir_out_case = fhir_out_case,
    .fhir_out_decision = fhir_out_decision,
    .fhir_package_load = fhir_package_load,
    .fhir_package_done = fhir_package_done,
};
