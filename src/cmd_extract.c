/*
 * The extract command: a pseudonymized research extract (extract.h),
 * refused without a purpose and a legal basis, recorded with both.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db_case.h"
#include "diag.h"
#include "extract.h"
#include "form_def.h"
#include "i18n.h"
#include "import_form.h"
#include "progress.h"
#include "status.h"
#include "user.h"
#include "util.h"
#include "validate.h"

static int usage_extract(void)
{
	fputs(_("usage: tumorboard extract --purpose TEXT --basis TEXT --dir "
		"DIRECTORY [--from DATE] [--to DATE] [--min-group N] "
		"[--generalize] [--key FILE]\n"),
	      stderr);
	return status_exit_code(TB_USAGE);
}

/* The options into o and *key_path (caller frees); -1 when they are
 * good, else the exit code. */
static int extract_options(int argc, char **argv, struct extract_opts *o,
			   char **key_path)
{
	static const struct option longopts[] = {
	    {"purpose", required_argument, NULL, 'p'},
	    {"basis", required_argument, NULL, 'b'},
	    {"dir", required_argument, NULL, 'd'},
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"min-group", required_argument, NULL, 'm'},
	    {"key", required_argument, NULL, 'k'},
	    {"generalize", no_argument, NULL, 'g'},
	    {NULL, 0, NULL, 0}};
	long v;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			o->purpose = optarg;
			break;
		case 'b':
			o->basis = optarg;
			break;
		case 'd':
			o->dir = optarg;
			break;
		case 'f':
		case 't':
			if (!validate_date(optarg, NULL, NULL)) {
				fprintf(stderr,
					_("tumorboard extract: --%s wants a "
					  "date YYYY-MM-DD\n"),
					c == 'f' ? "from" : "to");
				return status_exit_code(TB_USAGE);
			}
			*(c == 'f' ? &o->from : &o->to) = optarg;
			break;
		case 'm':
			if (!util_parse_long(optarg, 2, 1000, &v)) {
				fputs(
				    _("tumorboard extract: --min-group wants a "
				      "number 2–1000\n"),
				    stderr);
				return status_exit_code(TB_USAGE);
			}
			o->min_group = (int)v;
			break;
		case 'k':
			free(*key_path);
			*key_path = xstrdup(optarg);
			break;
		case 'g':
			o->generalize = true;
			break;
		default:
			return usage_extract();
		}
	}
	return -1;
}

/* What was written, each count in the words for its number. */
static void print_written(const struct extract_result *r,
			  const struct extract_opts *o)
{
	printf(_("extract %lld written to %s: "), r->record_id, o->dir);
	printf(ngettext("%lld case", "%lld cases", (unsigned long)r->cases),
	       r->cases);
	printf(ngettext(", %lld finding", ", %lld findings",
			(unsigned long)r->findings),
	       r->findings);
	printf(ngettext(", %lld coded field", ", %lld coded fields",
			(unsigned long)r->fields),
	       r->fields);
	printf(ngettext(" of %lld decision", " of %lld decisions",
			(unsigned long)r->decisions),
	       r->decisions);
	printf(ngettext("; %lld case left out (groups under %d); key %s\n",
			"; %lld cases left out (groups under %d); key %s\n",
			(unsigned long)r->left_out),
	       r->left_out, o->min_group, r->key_id);
}

int cmd_extract(struct db *db, int argc, char **argv)
{
	struct extract_opts o = {.min_group = EXTRACT_MIN_GROUP};
	char *key_path = NULL;
	int rc = extract_options(argc, argv, &o, &key_path);
	if (rc >= 0) {
		free(key_path);
		return rc;
	}
	if (optind != argc || !o.dir) {
		free(key_path);
		return usage_extract();
	}
	if (util_blank(o.purpose) || util_blank(o.basis)) {
		fputs(_("tumorboard extract: refused: an extract needs both "
			"--purpose (what it is for) and --basis (the legal "
			"basis, e.g. the ethics approval); nothing was "
			"written\n"),
		      stderr);
		free(key_path);
		return status_exit_code(TB_USAGE);
	}
	if (!key_path)
		key_path = extract_key_default_path();
	if (!key_path) {
		fputs(
		    _("tumorboard extract: no key file: name one with --key or "
		      "set HOME\n"),
		    stderr);
		return status_exit_code(TB_USAGE);
	}
	unsigned char key[EXTRACT_KEY_LEN];
	bool created = false;
	char *err = NULL;
	enum tb_status st = extract_key_load(key_path, key, &created, &err);
	if (st != TB_OK) {
		fprintf(stderr, _("tumorboard extract: %s\n"), err);
		free(err);
		free(key_path);
		return status_exit_code(st);
	}
	if (created)
		fprintf(stderr,
			_("tumorboard extract: a new key was made in %s (mode "
			  "0600): keep it apart from the extract; the same key "
			  "gives the same pseudonyms next time\n"),
			key_path);
	/* the forms say which decision fields are coded */
	struct form_set fs = {0};
	struct diag d;
	diag_init(&d);
	char *dir = import_form_default_dir();
	import_form_load_all(dir, &fs, &d);
	free(dir);
	diag_print(&d, stderr);
	diag_done(&d);
	o.forms = &fs;
	o.key = key;
	o.by = user_actor();
	struct extract_result r;
	/* on a terminal: cases read, the rate and, over the whole archive,
	 * the time left */
	long long total = 0;
	struct db_case_filter all = {0};
	if (o.from || o.to || db_case_count(db, &all, &total) != TB_OK)
		total = 0;
	progress_begin("extract", N_("cases"), total);
	st = extract_write(db, &o, &r, &err);
	progress_end();
	memset(key, 0, sizeof(key));
	if (st != TB_OK) {
		fprintf(stderr,
			_("tumorboard extract: %s; nothing was left in "
			  "the directory\n"),
			err);
	} else {
		print_written(&r, &o);
		printf(_("grouped by %s\n"), _(r.grouping));
		/* most cases left out: a small archive, or one of many
		 * kinds of case, for the finest groups */
		if (!o.generalize && r.total && r.left_out * 2 > r.total)
			printf(ngettext("%lld of %lld case is in groups "
					"under %d: --generalize coarsens the "
					"groups (region left out, wider age "
					"bands, ICD-10 blocks) until at most "
					"a tenth is left out\n",
					"%lld of %lld cases are in groups "
					"under %d: --generalize coarsens the "
					"groups (region left out, wider age "
					"bands, ICD-10 blocks) until at most "
					"a tenth is left out\n",
					(unsigned long)r.total),
			       r.left_out, r.total, o.min_group);
	}
	free(err);
	free(key_path);
	form_set_done(&fs);
	return status_exit_code(st);
}
