#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "i18n.h"
#include "model_meeting.h"
#include "spell.h"
#include "util.h"

const char *const model_levels[] = {"local", "regional", "national", NULL};
const char *const model_priorities[] = {"routine", "urgent", NULL};
const char *const model_statuses[] = {
    "referred",	 "incomplete",	  "ready",	 "listed",
    "discussed", "not-discussed", "deferred",	 "decision-draft",
    "signed",	 "communicated",  "followed-up", "closed",
    NULL};
const char *const model_sexes[] = {"female", "male", "other", "unknown", NULL};
const char *const model_finding_kinds[] = {"snv", "indel", "fusion", "cnv",
					   "msi", "tmb",   NULL};
const char *const model_origins[] = {"somatic", "germline", NULL};
const char *const model_contexts[] = {"clinical", "research", NULL};
const char *const model_modalities[] = {
    "ct",	  "pet-ct",    "mri",	      "x-ray",
    "ultrasound", "bone-scan", "mammography", NULL};
const char *const model_classifications[] = {
    "pathogenic", "likely-pathogenic", "vus", "likely-benign", "benign", NULL};
const char *const model_results[] = {"present", "absent", NULL};
const char *const model_id_types[] = {"personnummer", "samordningsnummer",
				      NULL};

struct tb_case *model_case_new(void)
{
	struct tb_case *c = xcalloc(1, sizeof(*c));
	c->ecog = -1;
	c->lansky = -1;
	return c;
}

/* Every string of a case (of its parts too) given to fn. */
typedef void (*string_fn)(char **s, void *arg);

static void source_strings(struct tb_source *s, string_fn fn, void *arg)
{
	fn(&s->system, arg);
	fn(&s->received, arg);
}

static void patient_strings(struct tb_patient *p, string_fn fn, void *arg)
{
	fn(&p->pnr, arg);
	fn(&p->id_type, arg);
	fn(&p->family_name, arg);
	fn(&p->given_name, arg);
	fn(&p->birth_date, arg);
	fn(&p->sex, arg);
	fn(&p->language, arg);
	fn(&p->region, arg);
	fn(&p->hospital, arg);
}

static void pathology_strings(struct tb_pathology *p, string_fn fn, void *arg)
{
	fn(&p->date, arg);
	fn(&p->lab, arg);
	fn(&p->specimen, arg);
	fn(&p->icdo3, arg);
	fn(&p->grade, arg);
	fn(&p->report, arg);
	fn(&p->context, arg);
	source_strings(&p->source, fn, arg);
	for (size_t i = 0; i < p->n_markers; i++) {
		fn(&p->markers[i].name, arg);
		fn(&p->markers[i].value, arg);
	}
}

static void finding_strings(struct tb_finding *f, string_fn fn, void *arg)
{
	fn(&f->gene, arg);
	fn(&f->kind, arg);
	fn(&f->origin, arg);
	fn(&f->hgvs_c, arg);
	fn(&f->hgvs_p, arg);
	fn(&f->hgvs_g, arg);
	fn(&f->transcript, arg);
	fn(&f->partner, arg);
	fn(&f->value, arg);
	fn(&f->classification, arg);
	fn(&f->test, arg);
	fn(&f->sample, arg);
	fn(&f->lab, arg);
	fn(&f->date, arg);
	fn(&f->context, arg);
	fn(&f->note, arg);
	source_strings(&f->source, fn, arg);
}

static void imaging_strings(struct tb_imaging *im, string_fn fn, void *arg)
{
	fn(&im->date, arg);
	fn(&im->modality, arg);
	fn(&im->region, arg);
	fn(&im->findings, arg);
	fn(&im->impression, arg);
	source_strings(&im->source, fn, arg);
}

static void case_strings(struct tb_case *c, string_fn fn, void *arg)
{
	fn(&c->external_id, arg);
	patient_strings(&c->patient, fn, arg);
	fn(&c->referral_date, arg);
	for (size_t i = 0; i < c->n_level_changes; i++) {
		struct tb_level_change *l = &c->level_changes[i];
		fn(&l->at, arg);
		fn(&l->by, arg);
		fn(&l->from, arg);
		fn(&l->to, arg);
		fn(&l->reason, arg);
	}
	char **own[] = {
	    &c->level,		&c->level_reason,   &c->priority,
	    &c->status,		&c->icd10,	    &c->icdo3,
	    &c->diagnosis_text, &c->diagnosis_date, &c->question,
	    &c->summary,	&c->referrer_name,  &c->referrer_unit,
	    &c->referrer_phone, &c->ecog_date,	    &c->lansky_date,
	    &c->tnm_t,		&c->tnm_n,	    &c->tnm_m,
	    &c->tnm_stage,	&c->tnm_date,	    &c->updated};
	for (size_t i = 0; i < sizeof(own) / sizeof(*own); i++)
		fn(own[i], arg);
	source_strings(&c->source, fn, arg);
	for (size_t i = 0; i < c->n_pathology; i++)
		pathology_strings(&c->pathology[i], fn, arg);
	for (size_t i = 0; i < c->n_findings; i++)
		finding_strings(&c->findings[i], fn, arg);
	for (size_t i = 0; i < c->n_imaging; i++)
		imaging_strings(&c->imaging[i], fn, arg);
}

static void free_string(char **s, void *arg)
{
	(void)arg;
	free(*s);
	*s = NULL;
}

void model_patient_done(struct tb_patient *p)
{
	patient_strings(p, free_string, NULL);
}

void model_case_free(struct tb_case **cp)
{
	struct tb_case *c = *cp;
	if (!c)
		return;
	if (!c->packed) { /* else one block (model_case_pack) */
		case_strings(c, free_string, NULL);
		for (size_t i = 0; i < c->n_pathology; i++)
			free(c->pathology[i].markers);
		free(c->pathology);
		free(c->findings);
		free(c->imaging);
		free(c->level_changes);
	}
	free(c);
	*cp = NULL;
}

/* Packing: the bytes a case's strings take (arg: a size_t) */
static void count_string(char **s, void *arg)
{
	if (*s)
		*(size_t *)arg += strlen(*s) + 1;
}

/* each string moved to the block's next place (arg: a char *) */
static void move_string(char **s, void *arg)
{
	char **at = arg;
	if (!*s)
		return;
	size_t n = strlen(*s) + 1;
	memcpy(*at, *s, n);
	*s = *at;
	*at += n;
}

static void copy_string(char **s, void *arg)
{
	(void)arg;
	if (*s)
		*s = xstrdup(*s);
}

/* n items of size at p in memory of their own (NULL when there are none) */
static void *dup_items(const void *p, size_t n, size_t size)
{
	if (!n)
		return NULL;
	void *to = xmalloc(n * size);
	memcpy(to, p, n * size);
	return to;
}

/* n items of size at p copied to *at (NULL when there are none). */
static void *place(char **at, const void *p, size_t n, size_t size)
{
	if (!n)
		return NULL;
	void *to = *at;
	memcpy(to, p, n * size);
	*at += n * size;
	return to;
}

struct tb_case *model_case_pack(struct tb_case *c)
{
	size_t bytes = sizeof(*c) + c->n_pathology * sizeof(*c->pathology) +
		       c->n_findings * sizeof(*c->findings) +
		       c->n_imaging * sizeof(*c->imaging) +
		       c->n_level_changes * sizeof(*c->level_changes);
	for (size_t i = 0; i < c->n_pathology; i++)
		bytes += c->pathology[i].n_markers *
			 sizeof(*c->pathology[i].markers);
	size_t strings = 0;
	case_strings(c, count_string, &strings);
	char *block = xmalloc(bytes + strings), *at = block;
	struct tb_case *k = place(&at, c, 1, sizeof(*c));
	k->pathology =
	    place(&at, c->pathology, c->n_pathology, sizeof(*c->pathology));
	for (size_t i = 0; i < k->n_pathology; i++)
		k->pathology[i].markers = place(
		    &at, c->pathology[i].markers, c->pathology[i].n_markers,
		    sizeof(*c->pathology[i].markers));
	k->findings =
	    place(&at, c->findings, c->n_findings, sizeof(*c->findings));
	k->imaging = place(&at, c->imaging, c->n_imaging, sizeof(*c->imaging));
	k->level_changes = place(&at, c->level_changes, c->n_level_changes,
				 sizeof(*c->level_changes));
	case_strings(k, move_string, &at);
	k->packed = true;
	model_case_free(&c);
	return k;
}

struct tb_case *model_case_unpack(struct tb_case *k)
{
	if (!k->packed)
		return k;
	struct tb_case *c = dup_items(k, 1, sizeof(*k));
	c->packed = false;
	c->pathology =
	    dup_items(k->pathology, k->n_pathology, sizeof(*k->pathology));
	for (size_t i = 0; i < c->n_pathology; i++)
		c->pathology[i].markers = dup_items(
		    k->pathology[i].markers, k->pathology[i].n_markers,
		    sizeof(*k->pathology[i].markers));
	c->findings =
	    dup_items(k->findings, k->n_findings, sizeof(*k->findings));
	c->imaging = dup_items(k->imaging, k->n_imaging, sizeof(*k->imaging));
	c->level_changes = dup_items(k->level_changes, k->n_level_changes,
				     sizeof(*k->level_changes));
	case_strings(c, copy_string, NULL);
	free(k);
	return c;
}

/* Grows an array of elem-sized items by one zeroed item. */
static void *append_zeroed(void **arr, size_t *n, size_t elem)
{
	*arr = xrealloc(*arr, (*n + 1) * elem);
	char *item = (char *)*arr + *n * elem;
	memset(item, 0, elem);
	(*n)++;
	return item;
}

struct tb_pathology *model_case_add_pathology(struct tb_case *c)
{
	return append_zeroed((void **)&c->pathology, &c->n_pathology,
			     sizeof(*c->pathology));
}

struct tb_marker *model_pathology_add_marker(struct tb_pathology *p)
{
	return append_zeroed((void **)&p->markers, &p->n_markers,
			     sizeof(*p->markers));
}

struct tb_finding *model_case_add_finding(struct tb_case *c)
{
	return append_zeroed((void **)&c->findings, &c->n_findings,
			     sizeof(*c->findings));
}

struct tb_imaging *model_case_add_imaging(struct tb_case *c)
{
	return append_zeroed((void **)&c->imaging, &c->n_imaging,
			     sizeof(*c->imaging));
}

bool model_enum_valid(const char *const *list, const char *word)
{
	if (!word)
		return false;
	for (size_t i = 0; list[i]; i++)
		if (strcmp(list[i], word) == 0)
			return true;
	return false;
}

char *model_enum_describe(const char *const *list)
{
	struct strbuf sb = {0};
	size_t n = 0;
	while (list[n])
		n++;
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_puts(&sb, i + 1 == n ? _(" or ") : ", ");
		strbuf_puts(&sb, list[i]);
	}
	return strbuf_detach(&sb);
}

/* The label of a word of a list as people read it: the label is marked
 * NC_() and shown in the interface language; a word not in the list is
 * returned as it is. */
static const char *label_from(const char *const pairs[][2], const char *word)
{
	if (!word)
		return "";
	for (size_t i = 0; pairs[i][0]; i++)
		if (strcmp(pairs[i][0], word) == 0)
			return i18n_ctx(pairs[i][1]);
	return word;
}

const char *model_modality_label(const char *modality)
{
	static const char *const pairs[][2] = {
	    {"ct", NC_("modality", "CT")},
	    {"pet-ct", NC_("modality", "PET-CT")},
	    {"mri", NC_("modality", "MRI")},
	    {"x-ray", NC_("modality", "X-ray")},
	    {"ultrasound", NC_("modality", "Ultrasound")},
	    {"bone-scan", NC_("modality", "Bone scan")},
	    {"mammography", NC_("modality", "Mammography")},
	    {NULL, NULL}};
	return label_from(pairs, modality);
}

const char *model_kind_label(const char *kind)
{
	static const char *const pairs[][2] = {
	    {"snv", NC_("finding kind", "SNV")},
	    {"indel", NC_("finding kind", "indel")},
	    {"fusion", NC_("finding kind", "fusion")},
	    {"cnv", NC_("finding kind", "CNV")},
	    {"msi", NC_("finding kind", "MSI")},
	    {"tmb", NC_("finding kind", "TMB")},
	    {NULL, NULL}};
	return label_from(pairs, kind);
}

const char *model_level_label(const char *level)
{
	static const char *const pairs[][2] = {
	    {"local", NC_("MDK level", "local")},
	    {"regional", NC_("MDK level", "regional")},
	    {"national", NC_("MDK level", "national")},
	    {NULL, NULL}};
	return label_from(pairs, level);
}

const char *model_board_label(const char *board)
{
	/* TRANSLATORS: the shipped boards' codes (data/boards.xml) as a
	 * person reads them in lists and titles: short, at most 11 cells */
	static const char *const pairs[][2] = {
	    {"lung", NC_("board", "lung")},
	    {"breast", NC_("board", "breast")},
	    {"colorectal", NC_("board", "colorectal")},
	    {"prostate", NC_("board", "prostate")},
	    {"melanoma", NC_("board", "melanoma")},
	    {"general", NC_("board", "general")},
	    {NULL, NULL}};
	return label_from(pairs, board);
}

/* TRANSLATORS: the roles of the shipped boards (data/boards.xml,
 * which names them in Swedish: the Swedish translation must be
 * that name exactly); at most 26 cells */
static const char *const role_pairs[][2] = {
    {"lungmedicinare", NC_("board role", "pulmonologist")},
    {"onkolog", NC_("board role", "oncologist")},
    {"thoraxkirurg", NC_("board role", "thoracic surgeon")},
    {"radiolog", NC_("board role", "radiologist")},
    {"patolog", NC_("board role", "pathologist")},
    {"kontaktsjuksköterska", NC_("board role", "contact nurse")},
    {/* untranslated: the name in boards.xml */ "klinisk genetiker",
     NC_("board role", "clinical geneticist")},
    {"forskningssjuksköterska", NC_("board role", "research nurse")},
    {/* untranslated: the name in boards.xml */ "remitterande läkare",
     NC_("board role", "referring physician")},
    {"bröstkirurg", NC_("board role", "breast surgeon")},
    {"kolorektalkirurg", NC_("board role", "colorectal surgeon")},
    {"urolog", NC_("board role", "urologist")},
    {"hudläkare", NC_("board role", "dermatologist")},
    {"plastikkirurg", NC_("board role", "plastic surgeon")},
    {NULL, NULL}};

const char *model_role_label(const char *role)
{
	return label_from(role_pairs, role);
}

const char *model_role_code(const char *typed)
{
	for (size_t i = 0; typed && role_pairs[i][0]; i++)
		if (spell_same(role_pairs[i][0], typed) ||
		    spell_same(strchr(role_pairs[i][1], '\004') + 1, typed) ||
		    spell_same(i18n_ctx(role_pairs[i][1]), typed))
			return role_pairs[i][0];
	return NULL;
}

const char *model_role_english(const char *role)
{
	for (size_t i = 0; role && role_pairs[i][0]; i++)
		if (strcmp(role_pairs[i][0], role) == 0)
			return strchr(role_pairs[i][1], '\004') + 1;
	return NULL;
}

const char *model_user_role_label(const char *id, const char *name)
{
	/* TRANSLATORS: the shipped user roles (data/roles.xml, which names
	 * them in Swedish: the Swedish translation must be that name) */
	static const char *const shipped[][3] = {
	    {"coordinator", "MDK-koordinator",
	     NC_("user role", "MDK coordinator")},
	    {"member", "Konferensdeltagare", NC_("user role", "Board member")},
	    {"chair", "Ordförande", NC_("user role", "Chair")},
	    {"nurse", "Kontaktsjuksköterska",
	     NC_("user role", "Contact nurse")},
	    {"administrator", "Systemförvaltare",
	     NC_("user role", "System administrator")},
	    {"auditor", "Logggranskare", NC_("user role", "Log auditor")}};
	/* a role a site named otherwise keeps its own name */
	for (size_t i = 0; id && i < sizeof(shipped) / sizeof(*shipped); i++)
		if (strcmp(shipped[i][0], id) == 0 &&
		    (!name || !*name || strcmp(shipped[i][1], name) == 0))
			return i18n_ctx(shipped[i][2]);
	return name && *name ? name : id ? id : "";
}

const char *model_sex_label(const char *sex)
{
	static const char *const pairs[][2] = {
	    {"female", NC_("sex", "female")},
	    {"male", NC_("sex", "male")},
	    {"other", NC_("sex", "other")},
	    {"unknown", NC_("sex", "unknown")},
	    {NULL, NULL}};
	return label_from(pairs, sex);
}

const char *model_priority_label(const char *priority)
{
	static const char *const pairs[][2] = {
	    {"routine", NC_("priority", "routine")},
	    {"urgent", NC_("priority", "urgent")},
	    {NULL, NULL}};
	return label_from(pairs, priority);
}

const char *model_meeting_status_label(const char *status)
{
	static const char *const pairs[][2] = {
	    {"planned", NC_("meeting status", "planned")},
	    {"running", NC_("meeting status", "running")},
	    {"finished", NC_("meeting status", "finished")},
	    {"cancelled", NC_("meeting status", "cancelled")},
	    {NULL, NULL}};
	return label_from(pairs, status);
}

const char *model_origin_label(const char *origin)
{
	static const char *const pairs[][2] = {
	    {"somatic", NC_("finding origin", "somatic")},
	    {"germline", NC_("finding origin", "germline")},
	    {NULL, NULL}};
	return label_from(pairs, origin);
}

const char *model_classification_label(const char *classification)
{
	static const char *const pairs[][2] = {
	    {"pathogenic", NC_("variant class", "pathogenic")},
	    {"likely-pathogenic", NC_("variant class", "likely pathogenic")},
	    {"vus", NC_("variant class", "uncertain significance (VUS)")},
	    {"likely-benign", NC_("variant class", "likely benign")},
	    {"benign", NC_("variant class", "benign")},
	    {NULL, NULL}};
	return label_from(pairs, classification);
}

const char *model_trial_status_label(const char *status)
{
	static const char *const pairs[][2] = {
	    {"recruiting", NC_("trial status", "recruiting")},
	    {"not-yet-recruiting", NC_("trial status", "not yet recruiting")},
	    {"closed", NC_("trial status", "closed")},
	    {NULL, NULL}};
	return label_from(pairs, status);
}

const char *model_outcome_label(const char *status)
{
	if (status && strcmp(status, "not-reached") == 0)
		return _("not reached");
	/* still listed here, signed since elsewhere (the agenda's column
	 * holds 14 characters) */
	if (status && strcmp(status, "decided-elsewhere") == 0)
		return pgettext("agenda outcome", "already signed");
	return model_status_label(status);
}

bool model_meeting_past(const struct tb_meeting *m, time_t now)
{
	int y, mo, d, h, mi;
	if (strcmp(m->status, "planned") != 0 ||
	    sscanf(m->date, "%4d-%2d-%2d", &y, &mo, &d) != 3 ||
	    sscanf(m->start_time, "%2d:%2d", &h, &mi) != 2)
		return false;
	struct tm end = {.tm_year = y - 1900,
			 .tm_mon = mo - 1,
			 .tm_mday = d,
			 .tm_hour = h,
			 .tm_min = mi + (m->length_min > 0 ? m->length_min : 0),
			 .tm_isdst = -1};
	time_t t = mktime(&end);
	return t != (time_t)-1 && t < now;
}

const char *model_status_label(const char *status)
{
	static const char *const pairs[][2] = {
	    {"referred", NC_("case status", "referred")},
	    {"incomplete", NC_("case status", "incomplete")},
	    {"ready", NC_("case status", "ready")},
	    {"listed", NC_("case status", "listed")},
	    {"discussed", NC_("case status", "discussed")},
	    {"not-discussed", NC_("case status", "not discussed")},
	    {"deferred", NC_("case status", "deferred")},
	    {"decision-draft", NC_("case status", "decision draft")},
	    {"signed", NC_("case status", "signed")},
	    {"communicated", NC_("case status", "communicated")},
	    {"followed-up", NC_("case status", "followed up")},
	    {"closed", NC_("case status", "closed")},
	    {"decided", NC_("case status", "decided")},
	    {NULL, NULL}};
	return label_from(pairs, status);
}

bool model_same_str(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static void diff_field(struct strbuf *sb, const char *name, bool same)
{
	if (same)
		return;
	if (sb->len)
		strbuf_puts(sb, ", ");
	strbuf_puts(sb, name);
}

/* One child as a canonical string, fields separated by an ASCII unit
 * separator that cannot occur in imported text (controls are refused). */
static void canon_add(struct strbuf *sb, const char *s)
{
	strbuf_puts(sb, s ? s : "\x1e");
	strbuf_putc(sb, '\x1f');
}

static char *canon_pathology(const struct tb_pathology *p)
{
	struct strbuf sb = {0};
	canon_add(&sb, p->date);
	canon_add(&sb, p->lab);
	canon_add(&sb, p->specimen);
	canon_add(&sb, p->icdo3);
	canon_add(&sb, p->grade);
	canon_add(&sb, p->report);
	canon_add(&sb, p->context);
	for (size_t i = 0; i < p->n_markers; i++) {
		canon_add(&sb, p->markers[i].name);
		canon_add(&sb, p->markers[i].value);
	}
	return strbuf_detach(&sb);
}

static char *canon_finding(const struct tb_finding *f)
{
	struct strbuf sb = {0};
	canon_add(&sb, f->gene);
	canon_add(&sb, f->kind);
	canon_add(&sb, f->origin);
	canon_add(&sb, f->hgvs_c);
	canon_add(&sb, f->hgvs_p);
	canon_add(&sb, f->hgvs_g);
	canon_add(&sb, f->transcript);
	canon_add(&sb, f->partner);
	strbuf_printf(&sb, "%.6g\x1f", f->has_copies ? f->copies : -1.0);
	canon_add(&sb, f->value);
	strbuf_printf(&sb, "%.6g\x1f", f->has_vaf ? f->vaf : -1.0);
	canon_add(&sb, f->classification);
	canon_add(&sb, f->absent ? "absent" : NULL);
	canon_add(&sb, f->test);
	canon_add(&sb, f->sample);
	canon_add(&sb, f->lab);
	canon_add(&sb, f->date);
	canon_add(&sb, f->context);
	canon_add(&sb, f->note);
	return strbuf_detach(&sb);
}

static char *canon_imaging(const struct tb_imaging *im)
{
	struct strbuf sb = {0};
	canon_add(&sb, im->date);
	canon_add(&sb, im->modality);
	canon_add(&sb, im->region);
	canon_add(&sb, im->findings);
	canon_add(&sb, im->impression);
	strbuf_printf(&sb, "%.6g\x1f%d", im->has_recist ? im->recist_sum : -1.0,
		      im->ai);
	return strbuf_detach(&sb);
}

/* Counts items of a not matched one-to-one in b. */
static size_t unmatched(char **a, size_t na, char **b, size_t nb)
{
	bool *used = xcalloc(nb ? nb : 1, sizeof(bool));
	size_t count = 0;
	for (size_t i = 0; i < na; i++) {
		bool found = false;
		for (size_t j = 0; j < nb && !found; j++) {
			if (!used[j] && strcmp(a[i], b[j]) == 0) {
				used[j] = true;
				found = true;
			}
		}
		if (!found)
			count++;
	}
	free(used);
	return count;
}

static void diff_children(struct strbuf *sb, const char *name, char **a,
			  size_t na, char **b, size_t nb)
{
	size_t added = unmatched(b, nb, a, na);
	size_t removed = unmatched(a, na, b, nb);
	if (added || removed) {
		strbuf_printf(sb, /* untranslated: an audit detail */
			      "%s%s: %zu added, %zu removed",
			      sb->len ? "; " : "", name, added, removed);
	}
	for (size_t i = 0; i < na; i++)
		free(a[i]);
	for (size_t i = 0; i < nb; i++)
		free(b[i]);
	free(a);
	free(b);
}

char *model_case_diff(const struct tb_case *a, const struct tb_case *b)
{
	struct strbuf sb = {0};
	const struct tb_patient *pa = &a->patient, *pb = &b->patient;

	diff_field(&sb, "patient/id", model_same_str(pa->pnr, pb->pnr));
	diff_field(&sb, "patient/name",
		   model_same_str(pa->family_name, pb->family_name) &&
		       model_same_str(pa->given_name, pb->given_name));
	diff_field(&sb, "patient/sex", model_same_str(pa->sex, pb->sex));
	diff_field(&sb, "patient/language",
		   model_same_str(pa->language, pb->language) &&
		       pa->interpreter == pb->interpreter);
	diff_field(&sb, "patient/region",
		   model_same_str(pa->region, pb->region));
	diff_field(&sb, "patient/hospital",
		   model_same_str(pa->hospital, pb->hospital));
	diff_field(&sb, "referred",
		   model_same_str(a->referral_date, b->referral_date));
	diff_field(&sb, "level", model_same_str(a->level, b->level));
	diff_field(&sb, "level-reason",
		   model_same_str(a->level_reason, b->level_reason));
	diff_field(&sb, "priority", model_same_str(a->priority, b->priority));
	diff_field(&sb, "status", model_same_str(a->status, b->status));
	diff_field(&sb, "diagnosis",
		   model_same_str(a->icd10, b->icd10) &&
		       model_same_str(a->icdo3, b->icdo3) &&
		       model_same_str(a->diagnosis_text, b->diagnosis_text) &&
		       model_same_str(a->diagnosis_date, b->diagnosis_date));
	diff_field(&sb, "question", model_same_str(a->question, b->question));
	diff_field(&sb, "summary", model_same_str(a->summary, b->summary));
	diff_field(&sb, "referrer",
		   model_same_str(a->referrer_name, b->referrer_name) &&
		       model_same_str(a->referrer_unit, b->referrer_unit) &&
		       model_same_str(a->referrer_phone, b->referrer_phone));
	diff_field(&sb, "ecog",
		   a->ecog == b->ecog &&
		       model_same_str(a->ecog_date, b->ecog_date));
	diff_field(&sb, "lansky",
		   a->lansky == b->lansky &&
		       model_same_str(a->lansky_date, b->lansky_date));
	diff_field(&sb, "tnm",
		   model_same_str(a->tnm_t, b->tnm_t) &&
		       model_same_str(a->tnm_n, b->tnm_n) &&
		       model_same_str(a->tnm_m, b->tnm_m) &&
		       model_same_str(a->tnm_stage, b->tnm_stage) &&
		       model_same_str(a->tnm_date, b->tnm_date));

	char **ca = xcalloc(a->n_pathology + 1, sizeof(char *));
	char **cb = xcalloc(b->n_pathology + 1, sizeof(char *));
	for (size_t i = 0; i < a->n_pathology; i++)
		ca[i] = canon_pathology(&a->pathology[i]);
	for (size_t i = 0; i < b->n_pathology; i++)
		cb[i] = canon_pathology(&b->pathology[i]);
	diff_children(&sb, "pathology", ca, a->n_pathology, cb, b->n_pathology);

	ca = xcalloc(a->n_findings + 1, sizeof(char *));
	cb = xcalloc(b->n_findings + 1, sizeof(char *));
	for (size_t i = 0; i < a->n_findings; i++)
		ca[i] = canon_finding(&a->findings[i]);
	for (size_t i = 0; i < b->n_findings; i++)
		cb[i] = canon_finding(&b->findings[i]);
	diff_children(&sb, "findings", ca, a->n_findings, cb, b->n_findings);

	ca = xcalloc(a->n_imaging + 1, sizeof(char *));
	cb = xcalloc(b->n_imaging + 1, sizeof(char *));
	for (size_t i = 0; i < a->n_imaging; i++)
		ca[i] = canon_imaging(&a->imaging[i]);
	for (size_t i = 0; i < b->n_imaging; i++)
		cb[i] = canon_imaging(&b->imaging[i]);
	diff_children(&sb, "imaging", ca, a->n_imaging, cb, b->n_imaging);

	if (!sb.len) {
		strbuf_done(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

void model_meeting_held_on(const struct tb_meeting *m, char buf[11])
{
	if (!m->started[0] || !clock_local_date(m->started, buf))
		snprintf(buf, 11, "%s", m->date);
}
