/* The quick look at a case (src/import_shape.c) against the case schema
 * (src/import_schema.c): each element under the root is looked at both
 * ways, parsed as the importer's reader parses, and a case the quick look
 * calls valid that the schema refuses aborts. */
#include "fuzz.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

#include <libxml/parser.h>

#include "import_schema.h"
#include "import_shape.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct case_check cc;
	static bool ready;
	fuzz_init();
	if (!ready) {
		if (!case_check_init(&cc, "fuzz.xml"))
			abort();
		ready = true;
	}
	if (size > INT_MAX)
		return 0;
	xmlDocPtr doc = xmlReadMemory(
	    (const char *)data, (int)size, "fuzz.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT |
		XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return 0;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		bool quick = import_shape_ok(c);
		bool schema = case_check_run(&cc, c);
		case_check_clear(&cc);
		if (quick && !schema)
			abort();
	}
	xmlFreeDoc(doc);
	return 0;
}
