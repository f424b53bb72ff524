/*
 * export_decision — a signed decision as XML (namespace
 * urn:x-tumorboard:decision:1): its identity, signature, attendees,
 * amendment link and every value with the field's type and its label in
 * Swedish and English when the form is at hand. Written with libxml2's
 * text writer, so every value is escaped properly.
 */
#ifndef TB_EXPORT_DECISION_H
#define TB_EXPORT_DECISION_H

#include <stdio.h>

#include "db_decision.h"
#include "form_def.h"
#include "status.h"

/* Writes d to out; f (may be NULL) adds types and labels. */
enum tb_status export_decision_xml(const struct tb_decision *d,
				   const struct form *f, FILE *out);

#endif
