#include "export_decision.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "decision.h"
#include "util.h"

#define DECISION_NS "urn:x-tumorboard:decision:1"

#define W(call)                                                                \
	do {                                                                   \
		if ((call) < 0)                                                \
			goto cleanup;                                          \
	} while (0)

static int attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	return xmlTextWriterWriteAttribute(w, (const xmlChar *)name,
					   (const xmlChar *)value);
}

static int attr_ll(xmlTextWriterPtr w, const char *name, long long v)
{
	return xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)name,
						 "%lld", v);
}

static int element(xmlTextWriterPtr w, const char *name, const char *text)
{
	return xmlTextWriterWriteElement(w, (const xmlChar *)name,
					 (const xmlChar *)text);
}

enum tb_status export_decision_xml(const struct tb_decision *d,
				   const struct form *f, FILE *out)
{
	enum tb_status st = TB_IO;
	struct form_values v;
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	char *att = xstrdup(d->attendees ? d->attendees : "");
	form_values_init(&v);
	if (!w)
		goto cleanup;
	decision_content_decode(d->content, &v);
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, (const xmlChar *)"  ");
	W(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
	W(xmlTextWriterStartElementNS(w, NULL, (const xmlChar *)"decision",
				      (const xmlChar *)DECISION_NS));
	W(attr_ll(w, "id", d->id));
	W(attr(w, "case", d->case_external_id ? d->case_external_id : ""));
	W(attr_ll(w, "version", d->version));
	W(attr(w, "form", d->form_id));
	W(attr(w, "form-version", d->form_version));
	if (d->kb_version)
		W(attr(w, "kb-version", d->kb_version));
	W(attr(w, "signed-by", d->signed_by));
	W(attr(w, "signed-at", d->signed_at));
	if (d->meeting_id)
		W(attr_ll(w, "meeting", d->meeting_id));
	W(attr(w, "sha256", d->content_hash));
	if (d->supersedes) {
		W(xmlTextWriterStartElement(w, (const xmlChar *)"amends"));
		W(attr_ll(w, "decision", d->supersedes));
		W(xmlTextWriterWriteString(
		    w,
		    (const xmlChar *)(d->amend_reason ? d->amend_reason : "")));
		W(xmlTextWriterEndElement(w));
	}
	if (d->quorum_override)
		W(element(w, "quorum-override", d->quorum_override));
	W(xmlTextWriterStartElement(w, (const xmlChar *)"attendees"));
	char *save = NULL;
	for (char *line = strtok_r(att, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *role, *kind;
		decision_attendee_split(line, &role, &kind);
		W(xmlTextWriterStartElement(w, (const xmlChar *)"attendee"));
		W(attr(w, "role", role));
		W(attr(w, "member", *kind ? kind : "core"));
		W(xmlTextWriterWriteString(w, (const xmlChar *)line));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	for (size_t i = 0; i < v.n; i++) {
		const struct form_field *fd =
		    f ? form_field(f, v.field[i], NULL) : NULL;
		W(xmlTextWriterStartElement(w, (const xmlChar *)"value"));
		W(attr(w, "field", v.field[i]));
		if (fd) {
			W(attr(w, "type", form_type_name(fd->type)));
			if (fd->role)
				W(attr(w, "role", fd->role));
			W(attr(w, "label",
			       form_text_get(&fd->label, "sv", NULL)));
		}
		W(xmlTextWriterWriteString(w, (const xmlChar *)v.value[i]));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndDocument(w));
	xmlFreeTextWriter(w);
	w = NULL;
	if (fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf),
		   out) == (size_t)xmlBufferLength(buf))
		st = TB_OK;
cleanup:
	if (w)
		xmlFreeTextWriter(w);
	if (buf)
		xmlBufferFree(buf);
	free(att);
	form_values_done(&v);
	return st;
}
