/*
 * pdf_table — the PDF writer's functions as the one table its module
 * exports (pdf_module.h).
 */
#include "config.h"

#include "pdf_module.h"

const struct pdf_module pdf_module_table = {
    .head = MODULE_HEAD(struct pdf_module),
    .write = pdf_write,
    .chart_page = chart_page,
};
