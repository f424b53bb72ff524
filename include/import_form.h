/*
 * import_form — reads decision forms (tumorboard-forms(5)): RELAX NG
 * validation against forms/form.rng, then the rules a schema cannot say
 * (unique ids, conditions pointing at earlier choice fields, patient
 * wording in Swedish and English, the roles every form records). The forms
 * in forms/ are compiled in; a file ID.xml in the user's forms directory
 * replaces the built-in form with that id.
 */
#ifndef TB_IMPORT_FORM_H
#define TB_IMPORT_FORM_H

#include <stddef.h>

#include "diag.h"
#include "form_def.h"
#include "status.h"

/* Parses one form from memory (name is used in messages). *out is the
 * form (caller frees with form_free) or NULL with d saying why. */
enum tb_status import_form_parse(const char *name, const char *buf, size_t n,
				 struct form **out, struct diag *d);

/* Reads and parses a form file. */
enum tb_status import_form_file(const char *path, struct form **out,
				struct diag *d);

/*
 * Loads every built-in form and, when dir (may be NULL) holds ID.xml for
 * an id, that file instead; files for new ids are added too. A broken file
 * is reported in d and its built-in form is kept, so the program still
 * starts; the status says whether anything was wrong.
 */
enum tb_status import_form_load_all(const char *dir, struct form_set *out,
				    struct diag *d);

/* Parses summary wording from memory (name is used in messages); on
 * failure out is empty and d says why. */
enum tb_status import_form_phrases_parse(const char *name, const char *buf,
					 size_t n, struct form_phrases *out,
					 struct diag *d);

/*
 * Loads the summary wording: the built-in forms/summary.xml, or
 * summary.xml in dir (may be NULL) when it exists. Every phrase of
 * form_phrase_ids must be there in Swedish and English.
 */
enum tb_status import_form_phrases(const char *dir, struct form_phrases *out,
				   struct diag *d);

/* $XDG_CONFIG_HOME/tumorboard/forms or ~/.config/tumorboard/forms; caller
 * frees; NULL when neither is known. */
char *import_form_default_dir(void);

#endif
