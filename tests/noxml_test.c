/*
 * The test program's guard against reading XML where none should be
 * read (tests/noxml.sh): linked into tests/tumorboard-as with ld's --wrap
 * of libxml2's reading entry points and of term_first_screen. With
 * TB_TEST_NO_XML set, a read before the first screen is up (or in a
 * command, which has no screen) is told on stderr and aborts; without
 * it, or after the first screen, the calls go on to libxml2 unchanged.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlreader.h>

#include "term.h"

xmlDocPtr __real_xmlReadMemory(const char *buf, int size, const char *url,
			       const char *encoding, int options);
xmlDocPtr __wrap_xmlReadMemory(const char *buf, int size, const char *url,
			       const char *encoding, int options);
xmlTextReaderPtr __real_xmlReaderForMemory(const char *buf, int size,
					   const char *url,
					   const char *encoding, int options);
xmlTextReaderPtr __wrap_xmlReaderForMemory(const char *buf, int size,
					   const char *url,
					   const char *encoding, int options);
xmlRelaxNGParserCtxtPtr __real_xmlRelaxNGNewMemParserCtxt(const char *buf,
							  int size);
xmlRelaxNGParserCtxtPtr __wrap_xmlRelaxNGNewMemParserCtxt(const char *buf,
							  int size);
void __real_term_first_screen(void);
void __wrap_term_first_screen(void);

static bool screen_up;

static void guard(const char *fn, const char *what)
{
	if (screen_up || !getenv("TB_TEST_NO_XML"))
		return;
	fprintf(stderr, "tumorboard-as: %s(%s) before the first screen\n", fn,
		what ? what : "");
	abort();
}

void __wrap_term_first_screen(void)
{
	screen_up = true;
	__real_term_first_screen();
}

xmlDocPtr __wrap_xmlReadMemory(const char *buf, int size, const char *url,
			       const char *encoding, int options)
{
	guard("xmlReadMemory", url);
	return __real_xmlReadMemory(buf, size, url, encoding, options);
}

xmlTextReaderPtr __wrap_xmlReaderForMemory(const char *buf, int size,
					   const char *url,
					   const char *encoding, int options)
{
	guard("xmlReaderForMemory", url);
	return __real_xmlReaderForMemory(buf, size, url, encoding, options);
}

xmlRelaxNGParserCtxtPtr __wrap_xmlRelaxNGNewMemParserCtxt(const char *buf,
							  int size)
{
	guard("xmlRelaxNGNewMemParserCtxt", NULL);
	return __real_xmlRelaxNGNewMemParserCtxt(buf, size);
}
