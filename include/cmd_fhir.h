/*
 * cmd_fhir — what the commands that send FHIR files share: writing a file
 * whole or not at all, and recording every file that leaves the program.
 */
#ifndef TB_CMD_FHIR_H
#define TB_CMD_FHIR_H

#include "db.h"
#include "db_decision.h"
#include "fhir_out.h"
#include "form_def.h"
#include "status.h"
#include "util.h"

/* Writes sb to path through a temporary file (mode 0600) in the same
 * directory, renamed into place; *err (caller frees) on failure, when
 * nothing is left behind. */
enum tb_status cmd_fhir_write_file(const char *path, const struct strbuf *sb,
				   char **err);

/*
 * Sends sb to path (NULL: standard output) and records it in the audit log
 * in the same transaction: action on entity id, detail "what; N bytes;
 * sha256 H" (what must hold no patient data). Committed only once the file
 * is whole; *err (caller frees) on failure.
 */
enum tb_status cmd_fhir_deliver(struct db *db, const char *path,
				const struct strbuf *sb, const char *action,
				const char *entity, long long id,
				const char *what, char **err);

/* The signed decision dec as a FHIR document Bundle (its case and meeting
 * read from db) appended to out. */
enum tb_status cmd_fhir_decision(struct db *db, const struct tb_decision *dec,
				 const struct form *f,
				 const struct fhir_out_referral *answer,
				 enum fhir_out_format fmt, struct strbuf *out);

/* Whether a refer command line is about packages between boards (--to,
 * --answer, --receive, --package, --show) rather than levels. */
bool cmd_fhir_refer_wanted(int argc, char **argv);
/* refer --to / --answer / --receive / --show (argv[0] is "refer"). */
int cmd_fhir_refer(struct db *db, int argc, char **argv);

struct fhir_package;
/* A referral package received: imported as a referred case that keeps
 * its origin. The FHIR import reads the case from buf and the tree
 * fhir_package_read kept in p (p->tree, parsed once, imported once). */
enum tb_status cmd_fhir_receive_referral(struct db *db, const char *path,
					 const char *buf, size_t n,
					 const struct fhir_package *p);

#endif
