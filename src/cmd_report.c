/*
 * The report command: quality and equity of care for a period as text,
 * CSV or an A4 PDF with charts. A report holds aggregates only; making
 * one is a deliberate export and is recorded in the audit log (who, which
 * period, which format).
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "db.h"
#include "diag.h"
#include "i18n.h"
#include "import_boards.h"
#include "pdf.h"
#include "progress.h"
#include "report.h"
#include "status.h"
#include "textdoc.h"
#include "util.h"
#include "validate.h"

static int usage_report(void)
{
	fputs(_("usage: tumorboard report --from DATE --to DATE "
		"[--csv | --pdf FILE]\n"),
	      stderr);
	return status_exit_code(TB_USAGE);
}

int cmd_report(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"csv", no_argument, NULL, 'c'},
	    {"pdf", required_argument, NULL, 'p'},
	    {NULL, 0, NULL, 0}};
	const char *from = NULL, *to = NULL, *pdf = NULL;
	bool csv = false;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			from = optarg;
			break;
		case 't':
			to = optarg;
			break;
		case 'c':
			csv = true;
			break;
		case 'p':
			pdf = optarg;
			break;
		default:
			return usage_report();
		}
	}
	if (optind != argc || !from || !to || (csv && pdf))
		return usage_report();
	char err[VALIDATE_ERR_MAX];
	const char *bad = !validate_date(from, NULL, err) ? "--from"
			  : !validate_date(to, NULL, err) ? "--to"
							  : NULL;
	if (bad) {
		fprintf(stderr, _("tumorboard report: %s: %s\n"), bad, err);
		return status_exit_code(TB_USAGE);
	}
	if (strcmp(from, to) > 0) {
		fputs(_("tumorboard report: --from is after --to\n"), stderr);
		return status_exit_code(TB_USAGE);
	}
	struct boards bs;
	enum tb_status st = cmd_load_boards(&bs);
	if (st != TB_OK)
		return status_exit_code(st);
	struct report r;
	/* on a terminal: the period's cases read and the rate (a decade of
	 * a national archive is a million) */
	progress_begin("report", N_("cases"), 0);
	st = report_build(db, &bs, from, to, &r);
	if (st == TB_OK)
		progress_end();
	else
		progress_abandon();
	if (st != TB_OK) {
		fprintf(stderr, _("tumorboard report: %s\n"), db_errmsg(db));
		boards_done(&bs);
		return status_exit_code(st);
	}
	/* the export is recorded before anything leaves the program */
	char *detail = xasprintf(
	    /* untranslated: an audit detail */ "report %s to %s as %s", from,
	    to,
	    csv	  ? "CSV"
	    : pdf ? "PDF"
		  : "text");
	if (db_begin(db) != TB_OK ||
	    db_audit_append(db, db_actor(), "export", "report", 0, detail) !=
		TB_OK ||
	    db_commit(db) != TB_OK) {
		db_rollback(db);
		fprintf(stderr, _("tumorboard report: %s\n"), db_errmsg(db));
		st = TB_DB;
	}
	free(detail);
	if (st == TB_OK && csv) {
		report_csv(&r, stdout);
	} else if (st == TB_OK) {
		struct textdoc doc;
		textdoc_init(&doc, pdf ? PDF_TEXTDOC_WIDTH : 200);
		if (pdf)
			report_intro(&r, &doc);
		else
			report_text(&r, &doc);
		if (pdf) {
			struct chart_set cs;
			report_charts(&r, &cs);
			char *title = xasprintf(_("Quality and equity of care, "
						  "%s – %s"),
						from, to);
			struct pdf_options po = {
			    .title = title,
			    .footer_text = title,
			    .page_text = _("Page {page} of {pages}"),
			    .figure_pages = cs.pages,
			    .figure = chart_page,
			    .figure_layout = chart_layout,
			    .figure_arg = &cs};
			char perr[512];
			st = pdf_write(&doc, &po, pdf, perr, sizeof(perr));
			if (st != TB_OK)
				fprintf(stderr, _("tumorboard report: %s\n"),
					perr);
			free(title);
			chart_set_done(&cs);
		} else
			textdoc_write(&doc, stdout);
		textdoc_done(&doc);
	}
	report_done(&r);
	boards_done(&bs);
	return status_exit_code(st);
}
