#include "export_decision.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "decision.h"
#include "util.h"

#define DECISION_NS /* untranslated: a URI */ "urn:x-tumorboard:decision:1"

#define W(call)                                                                \
	do {                                                                   \
		if ((call) < 0)                                                \
			goto cleanup;                                          \
	} while (0)

/*
 * Every string is written through util_sanitize: XML 1.0 cannot carry C0
 * controls at all (not even as character references), so a control
 * character stored before the checks at the door existed, or one that got
 * past them, must not make the export ill-formed. Attributes are one line;
 * element text keeps its newlines.
 */
static int attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	char *clean = util_sanitize(value, false);
	int rc = xmlTextWriterWriteAttribute(w, (const xmlChar *)name,
					     (const xmlChar *)clean);
	free(clean);
	return rc;
}

/* Element text keeps its tabs too (finding rows are tab-separated). */
static int text(xmlTextWriterPtr w, const char *value)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (const char *p = value ? value : "";;) {
		size_t n = strcspn(p, "\t");
		char *piece = xstrndup(p, n);
		char *clean = util_sanitize(piece, true);
		strbuf_puts(&sb, clean);
		free(clean);
		free(piece);
		if (!p[n])
			break;
		strbuf_putc(&sb, '\t');
		p += n + 1;
	}
	int rc = xmlTextWriterWriteString(
	    w, (const xmlChar *)(sb.buf ? sb.buf : ""));
	strbuf_done(&sb);
	return rc;
}

static int attr_ll(xmlTextWriterPtr w, const char *name, long long v)
{
	return xmlTextWriterWriteFormatAttribute(w, (const xmlChar *)name,
						 "%lld", v);
}

static int element(xmlTextWriterPtr w, const char *name, const char *value)
{
	if (xmlTextWriterStartElement(w, (const xmlChar *)name) < 0 ||
	    text(w, value) < 0)
		return -1;
	return xmlTextWriterEndElement(w);
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
		W(text(w, d->amend_reason ? d->amend_reason : ""));
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
		W(text(w, line));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	for (size_t i = 0; i < v.n; i++) {
		/* the patient's identity stays in the archive: an export
		 * names the case, not the person */
		if (strcmp(v.field[i], DECISION_PATIENT_NAME) == 0 ||
		    strcmp(v.field[i], DECISION_PATIENT_BORN) == 0)
			continue;
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
		W(text(w, v.value[i]));
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
