/*
 * verify: the audit chain, the seals of the clinical records, the access
 * log and the record of extracts, against an anchor if one is given; with
 * --repair, what the case list shows made again from the cases first.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db_access.h"
#include "db_case.h"
#include "db_extract.h"
#include "decision.h"
#include "diag.h"
#include "followup.h"
#include "i18n.h"
#include "progress.h"
#include "status.h"
#include "util.h"

static int usage_verify(void)
{
	fputs(_("usage: tumorboard verify [--anchor[=FILE]] [--expect "
		"SEQ:HASH] [--repair]\n"),
	      stderr);
	return status_exit_code(TB_USAGE);
}

static void print_problems(const struct diag *d, FILE *out, const char *tag)
{
	for (size_t i = 0; i < d->n; i++) {
		fputs(tag, out);
		if (d->items[i].file)
			fprintf(out, "%s:%ld: ", d->items[i].file,
				d->items[i].line);
		fprintf(out, "%s\n", d->items[i].message);
	}
	if (d->dropped)
		fprintf(out, _("... and %zu more\n"), d->dropped);
}

/* verify --repair: what the case list shows (case_row, the queue's count)
 * made again from the cases when it differs from them, each difference
 * found said first. Derived tables only: a record is never changed here
 * (the chain's findings are verify's to report, after this). */
static enum tb_status verify_repair(struct db *db, bool *clean)
{
	struct diag found;
	diag_init(&found);
	enum tb_status st = db_case_row_verify(db, &found);
	if (st == TB_OK && (found.n || found.dropped)) {
		st = db_case_row_rebuild(db);
		if (st == TB_OK) {
			/* TRANSLATORS: the head of each line naming a
			 * difference verify --repair mended */
			print_problems(&found, stdout, _("REPAIRED: "));
			puts(_("the case list's rows and the referral queue's "
			       "count were made again from the cases"));
		}
	} else if (st == TB_OK) {
		puts(_("nothing to repair: what the case list shows matches "
		       "the cases"));
		*clean = true; /* verify need not read them again */
	}
	if (st != TB_OK)
		fprintf(stderr,
			_("tumorboard verify --repair: nothing was changed: "
			  "%s\n"),
			db_errmsg(db));
	diag_done(&found);
	return st;
}

/* What verify found (st TB_OK or TB_INTEGRITY) on standard output, or
 * why it could not look on standard error. */
static void verify_print(struct db *db, enum tb_status st, const struct diag *d,
			 const struct decision_verify_result *r,
			 long long accesses, const char *anchor_file,
			 long long anchors)
{
	if (st == TB_OK || st == TB_INTEGRITY) {
		struct diag shown;
		diag_init(&shown);
		shown.limit = 1000;
		for (size_t i = 0; i < d->n; i++)
			if (!d->items[i].file)
				diag_add(&shown, NULL, 0, NULL, "%s",
					 d->items[i].message);
		shown.dropped = d->dropped;
		/* TRANSLATORS: the head of each line naming an altered
		 * record, as "ALTERED" in the summary line below */
		print_problems(&shown, stdout, _("ALTERED: "));
		diag_done(&shown);
		printf(ngettext("%lld audit entry", "%lld audit entries",
				(unsigned long)r->audit_entries),
		       r->audit_entries);
		printf(ngettext(", %lld record", ", %lld records",
				(unsigned long)r->records),
		       r->records);
		printf(ngettext(", %lld signed decision checked: %s\n",
				", %lld signed decisions checked: %s\n",
				(unsigned long)r->decisions),
		       r->decisions, st == TB_OK ? _("intact") : _("ALTERED"));
		printf(_("head: %lld:%s\n"), r->head.seq, r->head.hash);
		printf(ngettext("%lld access log entry checked\n",
				"%lld access log entries checked\n",
				(unsigned long)accesses),
		       accesses);
		if (anchor_file && anchors)
			printf(_("anchors: %lld in %s checked\n"), anchors,
			       anchor_file);
	} else {
		fprintf(stderr, _("tumorboard verify: %s\n"), db_errmsg(db));
	}
}

enum tb_status cmd_verify_archive(struct db *db, struct diag *d,
				  struct decision_verify_result *r,
				  long long *accesses, bool rows_checked)
{
	*accesses = 0;
	progress_begin("verify", N_("audit entries"), 0);
	enum tb_status st = decision_verify(db, d, r);
	if (st == TB_OK || st == TB_INTEGRITY) {
		enum tb_status a = db_access_verify(db, d, accesses);
		if (a == TB_OK)
			a = db_extract_verify(db, d);
		/* what the follow-up list shows, against the decisions */
		struct form_set fs = {0};
		bool forms = a == TB_OK && cmd_load_forms(&fs);
		if (a == TB_OK)
			a = followup_index_verify(db, forms ? &fs : NULL, d);
		/* what the case list shows, against the cases (after a
		 * repair: the proof) */
		if (a == TB_OK && !rows_checked)
			a = db_case_row_verify(db, d);
		form_set_done(&fs);
		if (a != TB_OK)
			st = a;
	}
	progress_end();
	if (st == TB_OK && (d->n || d->dropped))
		st = TB_INTEGRITY;
	return st;
}

int cmd_verify(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"anchor", optional_argument, NULL, 'a'},
	    {"expect", required_argument, NULL, 'e'},
	    {"repair", no_argument, NULL, 'r'},
	    {NULL, 0, NULL, 0}};
	bool anchor = false, repair = false;
	char *anchor_file = NULL;
	const char *expect = NULL;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			anchor = true;
			free(anchor_file);
			anchor_file = optarg ? xstrdup(optarg) : NULL;
			break;
		case 'e':
			expect = optarg;
			break;
		case 'r':
			repair = true;
			break;
		default:
			free(anchor_file);
			return usage_verify();
		}
	}
	if (optind != argc) {
		free(anchor_file);
		return usage_verify();
	}
	/* the anchor file checked: --anchor's, else $TUMORBOARD_ANCHOR's */
	const char *env = getenv("TUMORBOARD_ANCHOR");
	if (!anchor_file && (anchor || (env && *env)))
		anchor_file = db_anchor_default_path();
	if (anchor && !anchor_file) {
		fputs(_("tumorboard verify: no anchor file: name one with "
			"--anchor=FILE or set HOME\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}

	bool rows_checked = false;
	if (repair && verify_repair(db, &rows_checked) != TB_OK) {
		free(anchor_file);
		return status_exit_code(TB_DB);
	}
	struct diag d, bad;
	struct decision_verify_result r;
	long long anchors = 0;
	diag_init(&d);
	diag_init(&bad);
	d.limit = 1000;
	long long accesses = 0;
	enum tb_status st =
	    cmd_verify_archive(db, &d, &r, &accesses, rows_checked);
	enum tb_status ast = TB_OK;
	if ((st == TB_OK || st == TB_INTEGRITY) && anchor_file) {
		ast = db_anchor_check(db, anchor_file, &d, &anchors);
		if (ast == TB_INVALID || ast == TB_IO) {
			/* a broken anchor file is not a finding about the
			 * database: it is reported as an error of its own */
			for (size_t i = 0; i < d.n; i++)
				if (d.items[i].file)
					diag_add(&bad, d.items[i].file,
						 d.items[i].line, NULL, "%s",
						 d.items[i].message);
		}
	}
	if ((st == TB_OK || st == TB_INTEGRITY) && expect) {
		struct diag u;
		diag_init(&u);
		enum tb_status e = db_anchor_expect(db, expect, &u);
		if (e == TB_USAGE) {
			fprintf(stderr, _("tumorboard verify: --expect %s\n"),
				u.n ? u.items[0].message : "");
			diag_done(&u);
			diag_done(&d);
			diag_done(&bad);
			free(anchor_file);
			return status_exit_code(TB_USAGE);
		}
		for (size_t i = 0; i < u.n; i++)
			diag_add(&d, NULL, 0, "anchor", "%s",
				 u.items[i].message);
		diag_done(&u);
		if (e == TB_DB)
			st = TB_DB;
	}
	if (st == TB_OK && d.n + d.dropped > bad.n)
		st = TB_INTEGRITY;
	verify_print(db, st, &d, &r, accesses, anchor_file, anchors);
	if (bad.n) {
		print_problems(&bad, stderr, _("tumorboard verify: "));
		if (st == TB_OK)
			st = ast;
	}
	/* only an intact log is anchored */
	if (st == TB_OK && anchor) {
		char *err = NULL;
		st = db_anchor_append(db, anchor_file, &err);
		if (st == TB_OK)
			printf(_("anchored in %s\n"), anchor_file);
		else
			fprintf(stderr, _("tumorboard verify: %s\n"), err);
		free(err);
	}
	diag_done(&d);
	diag_done(&bad);
	free(anchor_file);
	return status_exit_code(st);
}
