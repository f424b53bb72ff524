/*
 * pdf_load — pdf_write() and chart_page() as the program has them: each
 * call goes to the PDF module (pdf_module.h), loaded on the first. A
 * program that links pdf.c and chart_draw.c in (the unit tests) has the
 * functions themselves instead.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pdf_module.h"

/* The module's table; NULL with the reason in err (errlen bytes, may be
 * NULL/0) when it cannot be loaded. */
static const struct pdf_module *pdf_module(char *err, size_t errlen)
{
	static const struct pdf_module *m;
	if (!m) {
		char *why = NULL;
		m = module_table(PDF_MODULE, PDF_MODULE_TABLE_SYM, sizeof(*m),
				 &why);
		if (!m && err && errlen)
			snprintf(err, errlen, "%s", why);
		free(why);
	}
	return m;
}

enum tb_status pdf_write(const struct textdoc *doc,
			 const struct pdf_options *opt, const char *path,
			 char *err, size_t errlen)
{
	const struct pdf_module *m = pdf_module(err, errlen);
	if (!m)
		return TB_IO;
	return m->write(doc, opt, path, err, errlen);
}

void chart_page(void *cr, int page, double x, double y, double w, double h,
		const char *font, void *arg)
{
	/* called only from within pdf_write, once the module is loaded */
	const struct pdf_module *m = pdf_module(NULL, 0);
	if (m)
		m->chart_page(cr, page, x, y, w, h, font, arg);
}
