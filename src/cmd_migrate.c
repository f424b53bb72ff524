/*
 * migrate: the archive into another database (migrate.h), checked as
 * verify checks it before the copy (the source) and after it (the copy:
 * the same head of the audit chain as the source's).
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "decision.h"
#include "diag.h"
#include "i18n.h"
#include "migrate.h"
#include "status.h"
#include "util.h"

static int usage_migrate(void)
{
	fputs(_("usage: tumorboard migrate --from DATABASE --to DATABASE\n"),
	      stderr);
	return status_exit_code(TB_USAGE);
}

/* What verify says of the archive at path: TB_OK (intact, *r its head),
 * TB_INTEGRITY (the findings printed), or why it could not look (*err,
 * caller frees). */
static enum tb_status
check_archive(const char *path, struct decision_verify_result *r, char **err)
{
	struct db *db = NULL;
	struct diag d;
	long long accesses = 0;

	enum tb_status st = db_open(path, true, &db, err);
	if (st != TB_OK)
		return st;
	diag_init(&d);
	d.limit = 20;
	st = cmd_verify_archive(db, &d, r, &accesses, false);
	if (st == TB_INTEGRITY) {
		for (size_t i = 0; i < d.n; i++)
			printf(/* untranslated: a mark scripts look for */
			       "ALTERED: %s\n", d.items[i].message);
		if (d.dropped)
			printf(_("... and %zu more\n"), d.dropped);
	} else if (st != TB_OK) {
		*err = xstrdup(db_errmsg(db));
	}
	diag_done(&d);
	db_close(&db);
	return st;
}

int cmd_migrate(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {NULL, 0, NULL, 0}};
	const char *from = NULL, *to = NULL;
	struct decision_verify_result before = {0}, after = {0};
	struct migrate_result mr;
	char *err = NULL;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'f')
			from = optarg;
		else if (c == 't')
			to = optarg;
		else
			return usage_migrate();
	}
	if (optind != argc || !from || !to || !*from || !*to)
		return usage_migrate();

	/* an altered archive is not moved: verify says what to look at */
	enum tb_status st = check_archive(from, &before, &err);
	bool checked = st == TB_OK;
	if (st == TB_INTEGRITY) {
		fputs(_("tumorboard migrate: the source does not verify (see "
			"above and tumorboard verify); nothing was copied\n"),
		      stderr);
		return status_exit_code(st);
	}
	free(err);
	err = NULL;

	st = migrate_archive(from, to, &mr, &err);
	if (st != TB_OK) {
		fprintf(stderr, "tumorboard migrate: %s\n", err);
		free(err);
		return status_exit_code(st);
	}
	/* each count in the words for its number */
	printf(ngettext("copied %lld row", "copied %lld rows",
			(unsigned long)mr.rows),
	       mr.rows);
	printf(ngettext(" of %lld table", " of %lld tables",
			(unsigned long)mr.tables),
	       mr.tables);
	fputs(mr.created ? _(" into a new archive\n")
			 : _(" into the empty archive\n"),
	      stdout);
	/* before what the check of the copy may say on standard error */
	fflush(stdout);

	st = check_archive(to, &after, &err);
	if (st == TB_OK && checked &&
	    (after.head.seq != before.head.seq ||
	     strcmp(after.head.hash, before.head.hash) != 0))
		st = TB_INTEGRITY;
	if (st == TB_OK) {
		/* each count in the words for its number */
		printf(ngettext("the copy verifies: %lld audit entry",
				"the copy verifies: %lld audit entries",
				(unsigned long)after.audit_entries),
		       after.audit_entries);
		printf(ngettext(", %lld record", ", %lld records",
				(unsigned long)after.records),
		       after.records);
		printf(ngettext(", %lld signed decision intact",
				", %lld signed decisions intact",
				(unsigned long)after.decisions),
		       after.decisions);
		printf(checked ? _("; head %lld:%s, as the source's\n")
			       : _("; head %lld:%s\n"),
		       after.head.seq, after.head.hash);
	} else if (st == TB_INTEGRITY) {
		fputs(_("tumorboard migrate: the copy does not verify as the "
			"source did\n"),
		      stderr);
	} else {
		/* an engine this version reads no archive from yet */
		fprintf(stderr,
			_("tumorboard migrate: the copy was not verified "
			  "here; run tumorboard verify on it (%s)\n"),
			err);
		st = TB_OK;
	}
	free(err);
	return status_exit_code(st);
}
