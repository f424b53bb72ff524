/*
 * form_def — decision forms in memory (tumorboard-forms(5)) and the values a
 * form instance holds. Exported names keep the prefix form_; the file is
 * not called form.h so that it never stands in for ncurses' <form.h>.
 *
 * A form is a list of sections, each a list of fields; fields keep their
 * form order in one flat array (form.fields) and a section names the range
 * [first, first + n) it owns. Texts that exist in several languages are a
 * struct form_text: a small list of (language, text) pairs looked up with
 * form_text_get(), which falls back to Swedish, then English, then the
 * first text and says when it did.
 *
 * Values are strings in a canonical form chosen by the field's type
 * (form_type.h): a choice is its option value, a multi choice the option
 * values separated by spaces, rows (alternatives, findings) are lines of
 * tab-separated columns. A form instance's values are a struct form_values,
 * a small map from field id to value kept in insertion order.
 */
#ifndef TB_FORM_DEF_H
#define TB_FORM_DEF_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct form_text {
	char **lang; /* "sv", "en", ... */
	char **text;
	size_t n;
};

enum form_field_type {
	FT_CHOICE,
	FT_MULTI,
	FT_YESNO,
	FT_NUMBER,
	FT_DATE,
	FT_TEXT,
	FT_CODE,
	FT_ALTERNATIVES,
	FT_TRIAL,
	FT_FINDING,
	FT__COUNT
};

/* Which patients a field is for: every patient, or only children (under
 * FORM_CHILD_AGE at the meeting date) or only adults; Lansky
 * play-performance is for children, ECOG for adults. A form instance
 * knows its patient group (struct form_values); FORM_PATIENTS_ALL there
 * means not known. */
enum form_patients {
	FORM_PATIENTS_ALL,
	FORM_PATIENTS_CHILDREN,
	FORM_PATIENTS_ADULTS
};
#define FORM_CHILD_AGE 16

struct form_option {
	char *value;
	struct form_text label;
	struct form_text plain; /* what it means, for the patient */
	/* ICD-O-3 morphology codes (4 digits, space-separated) this option
	 * is, for prefill="histology"; NULL when none */
	char *icdo3;
};

struct form_field {
	char *id;
	enum form_field_type type;
	bool required;
	bool patient;  /* patient-visible: may appear in the patient summary */
	char *role;    /* "recommendation", ...; NULL when none */
	char *prefill; /* "ecog", ...; NULL when none */
	enum form_patients patients; /* whom the field is for */
	struct form_text label;
	struct form_text help;
	struct form_text plain; /* the heading the patient reads */
	char *guideline;
	/* show-if: shown only when field show_field holds one of show_values */
	char *show_field;
	char **show_values;
	size_t n_show_values;
	struct form_option *options;
	size_t n_options;
	/* number */
	double min, max;
	double step; /* a value is min + a whole number of steps; 0: any */
	char *unit;
	/* date: "past", "future" or "any" */
	char *range;
	/* text */
	int lines;
	int max_length;
	/* code: "icd10", "icdo3", "tnm", "stage", "gene" */
	char *system;
	/* alternatives: the choice field whose options are considered */
	char *options_from;
	long line; /* in the form file, for messages */
};

struct form_section {
	char *id;
	struct form_text title;
	size_t first, n; /* fields[first .. first + n) */
};

struct form {
	char *id;
	char *version;
	char *source; /* "built-in" or the file it came from */
	struct form_text title;
	struct form_text help;
	struct form_section *sections;
	size_t n_sections;
	struct form_field *fields;
	size_t n_fields;
};

/* The forms in use, one per id (new drafts are opened with these), and
 * the earlier versions still needed to read drafts and decisions made
 * with them: the shipped forms' earlier versions (forms/earlier/), and a
 * shipped form a user's file of another version replaced. */
struct form_set {
	struct form **f;
	size_t n;
	struct form **earlier;
	size_t n_earlier;
};

void form_free(struct form **f);
void form_set_done(struct form_set *fs);
/* The form in use with this id; NULL when none. Borrowed from fs. */
const struct form *form_set_get(const struct form_set *fs, const char *id);
/* The form a draft or decision was made with: this id at exactly this
 * version, the one in use or an earlier one; NULL when neither. Borrowed
 * from fs. */
const struct form *form_set_version(const struct form_set *fs, const char *id,
				    const char *version);
/* As form_set_version, else the form in use with this id (for callers that
 * compare the version themselves or read only what every version has);
 * NULL when no form has the id. Borrowed from fs. */
const struct form *form_set_best(const struct form_set *fs, const char *id,
				 const char *version);

/* The text in lang, else sv, else en, else the first; *fallback (may be
 * NULL) says whether another language was used. "" when t is empty.
 * Borrowed. */
const char *form_text_get(const struct form_text *t, const char *lang,
			  bool *fallback);
void form_text_add(struct form_text *t, const char *lang, const char *text);
void form_text_done(struct form_text *t);

/* The field with this id and its index; NULL when none. Borrowed. */
const struct form_field *form_field(const struct form *f, const char *id,
				    size_t *index);
/* The first field with this role; NULL when none. Borrowed. */
const struct form_field *form_field_by_role(const struct form *f,
					    const char *role);
/* The option with this value; NULL when none. Borrowed. */
const struct form_option *form_option(const struct form_field *fd,
				      const char *value);
/* The section holding field index i. */
const struct form_section *form_section_of(const struct form *f, size_t i);

/* The name of a type as written in form files ("choice", ...). */
const char *form_type_name(enum form_field_type t);
/* The type named; false when unknown. */
bool form_type_parse(const char *name, enum form_field_type *out);

/* ---- summary wording (forms/summary.xml) ---- */

struct glossary;

struct form_phrases {
	char *version;
	char *source;
	char **id;
	struct form_text *text;
	size_t n;
	struct glossary *glossary; /* the words explained (glossary.h); may
				      be NULL */
};

void form_phrases_done(struct form_phrases *ph);
/* The phrase in lang (fallback as form_text_get); "" when there is no
 * phrase with that id. Borrowed. */
const char *form_phrase(const struct form_phrases *ph, const char *id,
			const char *lang, bool *fallback);
/* The phrase ids a summary needs; NULL-terminated. */
extern const char *const form_phrase_ids[];

/* ---- values ---- */

struct form_values {
	char **field;
	char **value;
	size_t n;
	/* the patient group of the instance, for fields that are for
	 * children or adults only; FORM_PATIENTS_ALL: not known (then such
	 * a field is shown when it holds a value) */
	enum form_patients patients;
};

void form_values_init(struct form_values *v);
void form_values_done(struct form_values *v);
/* The value of field id; NULL when unset. Borrowed. */
const char *form_values_get(const struct form_values *v, const char *id);
/* Sets (copies) or, with value NULL or "", removes the value of id. */
void form_values_set(struct form_values *v, const char *id, const char *value);

/* The value in v of the first field of f with this role that has one, and
 * that field in *fd when fd is not NULL; NULL when f is NULL or no field with
 * the role has a value. Borrowed. */
const char *form_role_value(const struct form *f, const struct form_values *v,
			    const char *role, const struct form_field **fd);

/* Whether word is one of the space-separated words of value (a multi
 * choice holds its option values so). */
bool form_value_has(const char *value, const char *word);

/* Whether the field is shown given the values: it is for the instance's
 * patient group, its show-if holds, and the field it depends on is itself
 * shown. */
bool form_field_visible(const struct form *f, const struct form_field *fd,
			const struct form_values *v);

/* The patient group of a patient born on birth (YYYY-MM-DD) at the date
 * on (YYYY-MM-DD): children under FORM_CHILD_AGE whole years, else
 * adults; FORM_PATIENTS_ALL when either date is missing or malformed.
 * *age (may be NULL) receives the whole years (-1 when not known). */
enum form_patients form_patients_at(const char *birth, const char *on,
				    int *age);
/* "children" or "adults" (the words of form files); NULL for ALL. */
const char *form_patients_name(enum form_patients p);

/* The number of shown required fields without a value. */
size_t form_required_left(const struct form *f, const struct form_values *v);

/*
 * The value the case gives a field with a prefill source; NULL when the
 * case has none. Caller frees. "referrer" gives the referring physician,
 * "findings" one row per molecular finding (no tier yet), "discussed" the
 * options history, imaging, pathology and molecular that the case has
 * data for (and the field offers).
 */
char *form_prefill(const struct form_field *fd, const struct tb_case *c);

/* A finding's key as used in finding rows: "EGFR c.2573T>G p.L858R",
 * "MSI high", "TMB 14". Caller frees. */
char *form_finding_key(const struct tb_finding *fi);

/* The finding of c that typed names: its key (in any letter case; a
 * number with the decimal comma too), else its gene with its protein or
 * coding change in any HGVS spelling ("EGFR p.Cys797Ser", "EGFR C797S",
 * "EGFR c.2389T>A"), else its gene alone where the case has one finding
 * of that gene. Its index; -1 when none is named, or several. A finding
 * named by its key that was looked for and not found (absent) is taken
 * only when no present one has that key. */
int form_finding_named(const struct tb_case *c, const char *typed);

/* The case's findings (those found) by their shortest names, "EGFR
 * p.T790M, ALK fusion EML4", for a refusal: cut at a whole name to fit
 * max bytes, "…" after it. Caller frees. */
char *form_findings_named(const struct tb_case *c, size_t max);

#endif
