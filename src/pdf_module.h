/*
 * pdf_module — the PDF writer as the one table its module exports: the
 * program loads it the first time it writes a PDF (pdf_load.c), so that
 * Cairo, Pango, fontconfig and HarfBuzz are mapped only then.
 */
#ifndef TB_PDF_MODULE_H
#define TB_PDF_MODULE_H

#include "chart.h"
#include "module.h"
#include "pdf.h"

struct pdf_module {
	struct module_head head;
	__typeof__(pdf_write) *write;
	__typeof__(chart_page) *chart_page;
};

#define PDF_MODULE	     "pdf.so"
#define PDF_MODULE_TABLE_SYM "pdf_module_table"

/* The table itself (pdf_table.c, in the module). */
extern const struct pdf_module pdf_module_table;

#endif
