/*
 * extract — the pseudonymized research extract.
 *
 * What it holds: the cases referred in a period with coded values only
 * (cases.csv), their molecular findings (findings.csv) and the coded
 * fields of their signed decisions (decisions.csv, one row per field), and
 * about.txt (purpose, legal basis, who, when, the method and the counts).
 *
 * How identity is removed:
 *   - patients, cases and decisions are named by keyed hashes
 *     (HMAC-SHA-256 under the extract key, 16 hex digits): the same key
 *     gives the same pseudonym in every extract, and without the key no
 *     one can compute the pseudonym of an identity number (a plain hash
 *     of the ten-digit numbers could be reversed by trying them all);
 *   - every date of a patient is shifted by the same number of days
 *     (between -182 and +182, never 0, from the key and the identity
 *     number), so intervals within a patient hold; the birth date is
 *     replaced by the age at referral in ten-year bands;
 *   - free text is left out: names, identity numbers, questions,
 *     summaries, reports, notes, labs and samples, and every decision
 *     field that is not coded (choice, multi, yes/no, number, code, and
 *     dates shifted);
 *   - small groups are left out: a case whose patient's sex, age band,
 *     region and ICD-10 category are shared by fewer than min_group cases
 *     of the extract is not in it, nor are its findings and decisions.
 *
 * The key: 32 random bytes, written as hex to a file of its own, mode
 * 0600, created on first use; never in the database and never in an
 * extract (about.txt names its fingerprint, the first 16 hex digits of
 * its SHA-256). Whoever holds the key and the archive can link
 * pseudonyms back to patients: keep it with the data controller.
 */
#ifndef TB_EXTRACT_H
#define TB_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

struct db;
struct form_set;

#define EXTRACT_KEY_LEN	  32
#define EXTRACT_MIN_GROUP 5

/* The default key file: $TUMORBOARD_EXTRACT_KEY, else
 * $XDG_STATE_HOME/tumorboard/extract.key, else
 * ~/.local/state/tumorboard/extract.key. Caller frees; NULL without a
 * home. */
char *extract_key_default_path(void);
/* Reads the key from path, or creates it (32 random bytes, mode 0600)
 * when the file does not exist. *err on failure (caller frees). */
enum tb_status extract_key_load(const char *path,
				unsigned char key[EXTRACT_KEY_LEN],
				bool *created, char **err);

struct extract_opts {
	const char *purpose, *basis; /* required */
	const char *from, *to;	     /* referral dates, inclusive; NULL */
	const char *by;		     /* who makes it */
	int min_group;		     /* EXTRACT_MIN_GROUP unless set */
	/* coarsen the groups step by step (region left out, twenty-year
	 * bands, ICD-10 blocks, ...) to the finest grouping that leaves at
	 * most a tenth of the cases out; false: the finest only */
	bool generalize;
	const unsigned char *key;
	const struct form_set *forms; /* to know which fields are coded */
	const char *dir;	      /* a new directory */
};

struct extract_result {
	long long cases, findings, decisions, fields, left_out;
	long long record_id; /* research_extract.id */
	char key_id[17];
	const char *grouping; /* the grouping used, in words (static) */
	long long total;      /* cases read */
};

/*
 * Writes the extract into o->dir (created, mode 0700; it must not exist:
 * TB_INVALID), each file through a temporary file renamed into place,
 * and records it (db_extract_record). On failure *err says why (caller
 * frees) and no file is left behind.
 */
enum tb_status extract_write(struct db *db, const struct extract_opts *o,
			     struct extract_result *r, char **err);

#endif
