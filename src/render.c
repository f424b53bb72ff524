#include "render.h"

#include "model_decision.h"
#include "i18n.h"
#include "kb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "clock.h"
#include "form_def.h"
#include "readiness.h"
#include "util.h"
#include "validate.h"

#define LABEL_COL 13
/* where a readiness item's name starts ("  ok       ") */
#define READINESS_COL 11

/* The year, month and day of a date that starts "YYYY-MM-DD"; false for
 * anything else. (sscanf cost a support check some 2,000 instructions a
 * date, twice a case.) */
static bool date_parts(const char *s, int *y, int *m, int *d)
{
	static const char shape[] = "dddd-dd-dd";
	int v[3] = {0, 0, 0}, part = 0;
	for (size_t i = 0; shape[i]; i++) {
		if (shape[i] == '-') {
			if (s[i] != '-')
				return false;
			part++;
		} else if (s[i] >= '0' && s[i] <= '9')
			v[part] = v[part] * 10 + (s[i] - '0');
		else
			return false;
	}
	*y = v[0];
	*m = v[1];
	*d = v[2];
	return true;
}

int render_age(const char *birth, const char *today)
{
	int by, bm, bd, ty, tm, td;
	if (!birth || !today || !date_parts(birth, &by, &bm, &bd) ||
	    !date_parts(today, &ty, &tm, &td))
		return -1;
	int age = ty - by;
	if (tm < bm || (tm == bm && td < bd))
		age--;
	return age;
}

static void label(struct textdoc *doc, const char *text)
{
	textdoc_put(doc, TD_LABEL, text);
	textdoc_pad_to(doc, LABEL_COL);
}

static void heading(struct textdoc *doc, const char *title, size_t count,
		    bool counted)
{
	textdoc_newline(doc);
	if (counted)
		textdoc_printf(doc, TD_HEADING, "%s (%zu)", title, count);
	else
		textdoc_put(doc, TD_HEADING, title);
	textdoc_newline(doc);
}

static void fmt_number(char *buf, size_t n, double v)
{
	/* Shortest form that round-trips the one or two decimals results
	 * carry: 52, 0.31, 14.5. */
	snprintf(buf, n, "%.4g", v);
}

/* The same for a person to read: 14,5 in Swedish (never stored). */
static void fmt_shown(char *buf, size_t n, double v)
{
	fmt_number(buf, n, v);
	char *dot = strchr(buf, '.');
	if (dot && i18n_decimal_comma())
		*dot = ',';
}

/* kb_cnv_word's word as the reader's language says it (the knowledge
 * base and the form keep the English word as a key) */
static const char *cnv_shown(double copies)
{
	static const char *const words[][2] = {
	    {"deletion", NC_("copy number", "deletion")},
	    {"loss", NC_("copy number", "loss")},
	    {"no change", NC_("copy number", "no change")},
	    {"gain", NC_("copy number", "gain")},
	    {"amplification", NC_("copy number", "amplification")},
	    {NULL, NULL}};
	const char *w = kb_cnv_word(copies);
	for (size_t i = 0; words[i][0]; i++)
		if (strcmp(words[i][0], w) == 0)
			return i18n_ctx(words[i][1]);
	return w;
}

/* What a finding says it found, as a row of the findings shows it. */
static char *variant_found(const struct tb_finding *f)
{
	char num[32];
	const char *kind = f->kind ? f->kind : "";

	if (strcmp(kind, "fusion") == 0)
		return kb_fusion_label(f);
	if (strcmp(kind, "cnv") == 0) {
		if (!f->has_copies)
			return f->value ? xstrdup(f->value)
					: xstrdup(_("copy-number change"));
		/* a deletion reads as a deletion (0 copies), never as a gain */
		fmt_shown(num, sizeof(num), f->copies);
		return xasprintf(_("%s, %s copies"), cnv_shown(f->copies), num);
	}
	if (strcmp(kind, "msi") == 0)
		return xstrdup(f->value ? f->value : "MSI");
	if (strcmp(kind, "tmb") == 0) /* 38,6 mut/Mb in Swedish */
		return i18n_decimals_shown(
		    xasprintf("%s mut/Mb", f->value ? f->value : "?"));
	if (f->hgvs_p && f->hgvs_c)
		return xasprintf("%s (%s)", f->hgvs_p, f->hgvs_c);
	if (f->hgvs_p)
		return xstrdup(f->hgvs_p);
	if (f->hgvs_c)
		return xstrdup(f->hgvs_c);
	return xstrdup(f->hgvs_g ? f->hgvs_g : "");
}

char *render_variant(const struct tb_finding *f)
{
	char *v = variant_found(f);
	if (!f->absent)
		return v;
	/* looked for and not found: never to be read as the variant */
	char *s = xasprintf(_("no variant found: %s"), v);
	free(v);
	return s;
}

static void render_banner(const struct tb_case *c, const struct render_opts *o,
			  struct textdoc *doc)
{
	const struct tb_patient *p = &c->patient;
	char masked[14];
	const char *id = p->pnr;

	if (o->mask_id && p->pnr && strlen(p->pnr) == 13) {
		validate_pnr_mask(p->pnr, masked);
		id = masked;
	}
	textdoc_printf(doc, TD_TITLE, "%s, %s", p->family_name, p->given_name);
	/* the parts that do not fit a narrow screen go on below, where the
	 * case page's values start, never cut */
	textdoc_put_part(doc, LABEL_COL, TD_STRONG, "   ", id);
	int age = render_age(p->birth_date, o->today);
	if (age >= 0) {
		char *a = xasprintf(
		    ngettext("%d year, %s", "%d years, %s", (unsigned long)age),
		    age, model_sex_label(p->sex));
		textdoc_put_part(doc, LABEL_COL, TD_NORMAL, "   ", a);
		free(a);
	}
	/* the diagnosis stays in view with the patient, whole */
	if (c->icd10)
		textdoc_put_part(doc, LABEL_COL, TD_STRONG, "   ", c->icd10);
	if (c->icd10 && c->diagnosis_text)
		textdoc_wrap_on(doc, LABEL_COL, TD_NORMAL, c->diagnosis_text);
	else
		textdoc_newline(doc);
	char *line = xasprintf(_("Case %s · %s MDK · %s · status %s"),
			       c->external_id, model_level_label(c->level),
			       model_priority_label(c->priority),
			       model_status_label(c->status));
	textdoc_wrap_hanging(doc, LABEL_COL, TD_DIM, line);
	free(line);
}

/* Where a case received from another board came from; the answers from
 * the boards the case was referred to, oldest first: who answered, their
 * decision, what they recommend and when it came. */
static void render_answers(const struct render_opts *o, struct textdoc *doc)
{
	if (o && o->origin) {
		char *t = xasprintf(_("%s (package sent %.10s, received "
				      "%.10s)"),
				    o->origin->board, o->origin->sent,
				    o->origin->received);
		/* TRANSLATORS: a label, at most 12 characters: the board a
		 * case was received from */
		label(doc, _("From board"));
		textdoc_wrap_on(doc, LABEL_COL, TD_NORMAL, t);
		free(t);
	}
	for (size_t i = 0; o && i < o->n_answers; i++) {
		const struct answer_brief *a = &o->answers[i];
		struct strbuf sb = {0};
		strbuf_printf(&sb, _("%s, decision %s signed %.10s: "),
			      a->board, a->decision, a->signed_at);
		strbuf_puts(&sb, a->recommendation ? a->recommendation
						   : _("no recommendation"));
		if (a->intent)
			strbuf_printf(&sb, " (%s)", a->intent);
		strbuf_printf(&sb, _("; received %.10s"), a->received);
		/* TRANSLATORS: a label, at most 12 characters */
		label(doc, _("Answer"));
		textdoc_wrap_on(doc, LABEL_COL, TD_STRONG, sb.buf);
		strbuf_done(&sb);
	}
}

static void render_overview(const struct tb_case *c,
			    const struct render_opts *o, struct textdoc *doc)
{
	const struct tb_patient *p = &c->patient;

	textdoc_newline(doc);
	label(doc, _("Patient"));
	textdoc_printf(doc, TD_NORMAL, _("born %s"), p->birth_date);
	if (p->id_type && strcmp(p->id_type, "samordningsnummer") == 0)
		textdoc_put(doc, TD_NORMAL, _(" (samordningsnummer)"));
	textdoc_printf(doc, TD_NORMAL, _(", language %s"),
		       p->language ? p->language : "sv");
	if (p->interpreter)
		textdoc_put(doc, TD_WARN, _(", needs an interpreter"));
	textdoc_newline(doc);
	if (p->region || p->hospital) {
		char *where = xasprintf("%s%s%s", p->region ? p->region : "",
					p->region && p->hospital ? " · " : "",
					p->hospital ? p->hospital : "");
		label(doc, "");
		textdoc_wrap_on(doc, LABEL_COL, TD_NORMAL, where);
		free(where);
	}
	label(doc, _("Diagnosis"));
	textdoc_put(doc, TD_STRONG, c->icd10);
	{
		struct strbuf sb = {0};
		if (c->icdo3)
			strbuf_printf(&sb, " %s", c->icdo3);
		strbuf_printf(&sb, " %s", c->diagnosis_text);
		if (c->diagnosis_date)
			strbuf_printf(&sb, _(" (diagnosed %s)"),
				      c->diagnosis_date);
		textdoc_put(doc, TD_NORMAL, " ");
		textdoc_wrap_on(doc, LABEL_COL, TD_NORMAL, sb.buf);
		strbuf_done(&sb);
	}
	if (c->tnm_t) {
		label(doc, _("TNM 8"));
		textdoc_printf(doc, TD_NORMAL, "%s %s %s", c->tnm_t, c->tnm_n,
			       c->tnm_m);
		/* on a narrow screen the date goes below, whole */
		if (c->tnm_stage) {
			char *st = xasprintf(_(", stage %s"), c->tnm_stage);
			textdoc_put_part(doc, LABEL_COL, TD_NORMAL, "", st);
			free(st);
		}
		if (c->tnm_date) {
			char *d = xasprintf("(%s)", c->tnm_date);
			textdoc_put_part(doc, LABEL_COL, TD_DIM, " ", d);
			free(d);
		}
		textdoc_newline(doc);
	}
	/* a child's performance status is Lansky: when neither is stated,
	 * the one the patient's age today asks for is said missing */
	int age = render_age(c->patient.birth_date, o->today);
	bool child = age >= 0 && age < FORM_CHILD_AGE;
	if (c->ecog >= 0 || (c->lansky < 0 && !child)) {
		label(doc, _("ECOG"));
		if (c->ecog >= 0) {
			textdoc_printf(doc, TD_NORMAL, "%d", c->ecog);
			if (c->ecog_date)
				textdoc_printf(doc, TD_DIM, " (%s)",
					       c->ecog_date);
		} else {
			textdoc_put(doc, TD_WARN, _("not stated"));
		}
		textdoc_newline(doc);
	}
	if (c->lansky >= 0) {
		label(doc, _("Lansky"));
		textdoc_printf(doc, TD_NORMAL, "%d", c->lansky);
		if (c->lansky_date)
			textdoc_printf(doc, TD_DIM, " (%s)", c->lansky_date);
		textdoc_newline(doc);
	} else if (c->ecog < 0 && child) {
		label(doc, _("Lansky"));
		textdoc_put(doc, TD_WARN, _("not stated"));
		textdoc_newline(doc);
	}
	label(doc, _("Referred"));
	{
		struct strbuf sb = {0};
		strbuf_printf(&sb, _("%s by %s, %s"), c->referral_date,
			      c->referrer_name, c->referrer_unit);
		if (c->referrer_phone)
			strbuf_printf(&sb, ", tel. %s", c->referrer_phone);
		textdoc_wrap_on(doc, LABEL_COL, TD_NORMAL, sb.buf);
		strbuf_done(&sb);
	}
	label(doc, _("MDK level"));
	textdoc_put(doc, TD_STRONG, model_level_label(c->level));
	textdoc_newline(doc);
	textdoc_wrap(doc, LABEL_COL, TD_NORMAL, c->level_reason);
	for (size_t i = 0; i < c->n_level_changes; i++) {
		const struct tb_level_change *l = &c->level_changes[i];
		char *t = xasprintf(_("%.10s referred %s → %s by %s: %s"),
				    l->at, model_level_label(l->from),
				    model_level_label(l->to), l->by, l->reason);
		textdoc_wrap(doc, LABEL_COL, TD_WARN, t);
		free(t);
	}
	render_answers(o, doc);
	label(doc, _("Source"));
	{
		char *src = c->source.received ? xasprintf(_("%s, received %s"),
							   c->source.system,
							   c->source.received)
					       : xstrdup(c->source.system);
		textdoc_wrap_on(doc, LABEL_COL, TD_DIM, src);
		free(src);
	}
}

static void render_pathology(const struct tb_case *c, struct textdoc *doc)
{
	heading(doc, _("PATHOLOGY"), c->n_pathology, true);
	if (!c->n_pathology) {
		textdoc_put(doc, TD_WARN, _("  No pathology report."));
		textdoc_newline(doc);
	}
	for (size_t i = 0; i < c->n_pathology; i++) {
		const struct tb_pathology *p = &c->pathology[i];
		textdoc_printf(doc, TD_STRONG, "  %s", p->date);
		textdoc_printf(doc, TD_NORMAL, "  %s", p->specimen);
		if (p->icdo3)
			textdoc_printf(doc, TD_NORMAL, "  %s", p->icdo3);
		if (p->grade)
			textdoc_printf(doc, TD_NORMAL, _("  grade %s"),
				       p->grade);
		if (p->context && strcmp(p->context, "research") == 0)
			textdoc_put(doc, TD_WARN, _("  [research]"));
		textdoc_newline(doc);
		textdoc_wrap(doc, 4, TD_NORMAL, p->report);
		if (p->n_markers) {
			struct strbuf sb = {0};
			for (size_t m = 0; m < p->n_markers; m++)
				strbuf_printf(&sb, "%s%s: %s", m ? " · " : "",
					      p->markers[m].name,
					      p->markers[m].value);
			textdoc_wrap(doc, 4, TD_NORMAL, sb.buf);
			strbuf_done(&sb);
		}
		char *prov =
		    xasprintf(_("%s; source %s"), p->lab,
			      p->source.system ? p->source.system : "-");
		textdoc_wrap(doc, 4, TD_DIM, prov);
		free(prov);
	}
}

/* The knowledge base's suggestion beside a finding: tier, options with
 * approval, germline meaning, the source. Labelled as a suggestion. */
static void render_support(const struct kb *kb, const struct kb_match *m,
			   struct textdoc *doc)
{
	const struct kb_entry *e = m->e;
	struct strbuf sb = {0};
	strbuf_printf(&sb, _("Suggestion (knowledge base %s): %s %s"),
		      kb->version, e->tier_system, e->tier);
	for (size_t t = 0; t < e->n_therapies; t++) {
		/* options are sentences in the data: one after the other */
		const char *name =
		    kb_text(e->therapies[t].name, e->therapies[t].name_sv);
		size_t len = strlen(name);
		if (len && name[len - 1] == '.')
			len--;
		strbuf_printf(&sb, "%s%.*s%s", t ? "; " : " · ", (int)len, name,
			      e->therapies[t].approved ? ""
						       : _(" (off-label)"));
	}
	if (m->off_label)
		strbuf_puts(&sb, _(" · OFF-LABEL for this tumour"));
	textdoc_wrap(doc, 11, m->off_label ? TD_WARN : TD_STRONG, sb.buf);
	strbuf_done(&sb);
	if (m->caveat[0]) {
		char *t = xasprintf(_("Check: %s"), m->caveat);
		textdoc_wrap(doc, 11, TD_WARN, t);
		free(t);
	}
	if (e->unchecked) {
		char *t = xasprintf(_("Not checked in the last review: %s"),
				    kb_text(e->unchecked, e->unchecked_sv));
		textdoc_wrap(doc, 11, TD_DIM, t);
		free(t);
	}
	if (e->germline)
		textdoc_wrap(doc, 11, TD_WARN,
			     kb_text(e->germline, e->germline_sv));
	/* the first source in full (the tier's), the others by their id
	 * (tumorboard kb show lists them) */
	const struct kb_source *s =
	    e->n_cites ? kb_source(kb, e->cites[0]) : NULL;
	if (s) {
		char *t =
		    xasprintf(_("Source: %s"), kb_text(s->text, s->text_sv));
		textdoc_wrap(doc, 11, TD_DIM, t);
		free(t);
	}
	if (e->n_cites > 1) {
		struct strbuf more = {0};
		for (size_t k = 1; k < e->n_cites; k++)
			strbuf_printf(&more, "%s%s", k > 1 ? ", " : _("Also: "),
				      e->cites[k]);
		textdoc_wrap(doc, 11, TD_DIM, more.buf);
		strbuf_done(&more);
	}
}

/* Under a finding's row: when, where and from what sample (a variant
 * not found: where it was looked for), its class and transcript; a
 * research result said so; its note. */
static void finding_detail(const struct tb_finding *f, struct textdoc *doc)
{
	struct strbuf sb = {0};
	strbuf_printf(&sb, "%s · %s · %s", f->date, f->lab, f->sample);
	if (f->classification)
		strbuf_printf(&sb, " · %s",
			      model_classification_label(f->classification));
	if (f->transcript)
		strbuf_printf(&sb, " · %s", f->transcript);
	textdoc_wrap(doc, 11, TD_DIM, sb.buf);
	strbuf_done(&sb);
	if (f->context && strcmp(f->context, "research") == 0)
		textdoc_wrap(doc, 11, TD_WARN,
			     _("RESEARCH result, not clinical practice"));
	if (f->note)
		textdoc_wrap(doc, 11, TD_NORMAL, f->note);
}

/* A finding's kind, allele frequency, origin and test on the lines below
 * its variant (a narrow screen), each whole. */
static void narrow_finding(const struct tb_finding *f, bool germline,
			   struct textdoc *doc)
{
	char vaf[16],
	    *v = xasprintf(
		"%s %s", pgettext("findings column", "VAF"),
		f->has_vaf ? i18n_decimal(vaf, sizeof(vaf), f->vaf, 2) : "–");
	textdoc_newline(doc);
	textdoc_pad_to(doc, 11);
	textdoc_put_part(doc, 11, TD_NORMAL, "", model_kind_label(f->kind));
	textdoc_put_part(doc, 11, TD_NORMAL, "  ", v);
	textdoc_put_part(doc, 11, germline ? TD_WARN : TD_NORMAL, "  ",
			 model_origin_label(f->origin));
	if (f->test)
		textdoc_put_part(doc, 11, TD_NORMAL, "  ", f->test);
	textdoc_newline(doc);
	free(v);
}

/* The findings from *next on (0: from the heading; then 1 + the finding
 * next), stopping before a finding once doc holds `lines` lines (0: to
 * the end); true when all are in. */
static bool render_findings(const struct tb_case *c,
			    const struct render_opts *o, struct textdoc *doc,
			    size_t *next, size_t lines)
{
	bool begun = *next > 0;
	if (!begun) {
		heading(doc, _("MOLECULAR FINDINGS"), c->n_findings, true);
		*next = 1;
	}
	if (!c->n_findings) {
		textdoc_put(doc, TD_DIM, _("  No molecular results."));
		textdoc_newline(doc);
		return true;
	}
	/* the kind and origin columns as wide as their words in the
	 * reader's language (konstitutionell is longer than germline) */
	const char *kind_head = pgettext("findings column", "Kind");
	const char *origin_head = pgettext("findings column", "Origin");
	int kind_w = util_display_width(kind_head);
	int origin_w = util_display_width(origin_head);
	for (size_t i = 0; i < c->n_findings; i++) {
		const struct tb_finding *f = &c->findings[i];
		if (f->absent)
			continue;
		int w = util_display_width(model_kind_label(f->kind));
		kind_w = w > kind_w ? w : kind_w;
		w = util_display_width(model_origin_label(f->origin));
		origin_w = w > origin_w ? w : origin_w;
	}
	const int kind_col = 44;
	const int vaf_col =
	    kind_col + kind_w + 1 > 51 ? kind_col + kind_w + 1 : 51;
	const int origin_col = vaf_col + 6;
	const int test_col = origin_col + origin_w + 2 > origin_col + 10
				 ? origin_col + origin_w + 2
				 : origin_col + 10;
	/* a narrow screen (a split pane): the kind, allele frequency,
	 * origin and test of a finding on the lines below its variant, whole,
	 * never cut at the edge (a germline origin out of sight) */
	const bool narrow = doc->width < test_col + 2;
	if (!begun) { /* the columns' heads, once */
		textdoc_put(doc, TD_LABEL,
			    pgettext("findings column", "  Gene"));
		textdoc_pad_to(doc, 11);
		textdoc_put(doc, TD_LABEL,
			    pgettext("findings column", "Variant"));
	}
	if (!begun && !narrow) {
		textdoc_pad_to(doc, kind_col);
		textdoc_put(doc, TD_LABEL, kind_head);
		textdoc_pad_to(doc, vaf_col);
		textdoc_put(doc, TD_LABEL, pgettext("findings column", "VAF"));
		textdoc_pad_to(doc, origin_col);
		textdoc_put(doc, TD_LABEL, origin_head);
		textdoc_pad_to(doc, test_col);
		textdoc_put(doc, TD_LABEL, pgettext("findings column", "Test"));
	}
	if (!begun)
		textdoc_newline(doc);
	/* each entry's fit to the tumour, worked out once for the findings
	 * rendered here, at the first that is matched (kb_match_finding
	 * would for each) */
	size_t *fits = NULL;
	for (; *next <= c->n_findings; ++*next) {
		if (lines && doc->n_lines >= lines) {
			free(fits);
			return false;
		}
		size_t i = *next - 1;
		const struct tb_finding *f = &c->findings[i];
		char *variant = render_variant(f);
		bool germline = f->origin && strcmp(f->origin, "germline") == 0;
		textdoc_printf(doc, TD_STRONG, "  %s", f->gene ? f->gene : "—");
		textdoc_pad_to(doc, 11);
		textdoc_put(doc, TD_NORMAL, variant);
		if (f->absent) {
			/* no kind, allele frequency or origin of a variant
			 * that is not there */
			textdoc_put_at(doc, test_col, 11, TD_NORMAL, f->test);
			textdoc_newline(doc);
			/* no suggestion: it is not the variant */
			finding_detail(f, doc);
			free(variant);
			continue;
		}
		char vaf[16];
		/* a variant too long for its column: the rest below it */
		if (narrow || util_display_width(variant) > kind_col - 12) {
			narrow_finding(f, germline, doc);
			goto detail;
		}
		textdoc_pad_to(doc, kind_col);
		textdoc_put(doc, TD_NORMAL, model_kind_label(f->kind));
		textdoc_pad_to(doc, vaf_col);
		if (f->has_vaf)
			textdoc_put(doc, TD_NORMAL,
				    i18n_decimal(vaf, sizeof(vaf), f->vaf, 2));
		else
			textdoc_put(doc, TD_DIM, "–");
		textdoc_pad_to(doc, origin_col);
		textdoc_put(doc, germline ? TD_WARN : TD_NORMAL,
			    model_origin_label(f->origin));
		/* too wide for the rest of the line: whole on the next */
		textdoc_put_at(doc, test_col, 11, TD_NORMAL, f->test);
		textdoc_newline(doc);
	detail:
		finding_detail(f, doc);
		struct kb_match m;
		if (o && o->kb && !fits)
			fits = kb_tumour_fits(o->kb, c);
		bool hit =
		    o && o->kb && kb_match_finding(o->kb, c, i, fits, &m);
		if (hit)
			render_support(o->kb, &m, doc);
		char why[300];
		if (!hit && o && o->kb &&
		    kb_no_match_reason(o->kb, c, i, why, sizeof(why)))
			textdoc_wrap(doc, 11, TD_DIM, why);
		free(variant);
	}
	free(fits);
	return true;
}

/* The RECIST sums in date order as a sparkline, with the patient's signed
 * decisions (new lines of treatment) marked where they fall. */
static void render_recist_sparkline(const struct tb_case *c,
				    const struct render_opts *o,
				    struct textdoc *doc)
{
	size_t n = 0;
	const struct tb_imaging **im = xcalloc(c->n_imaging + 1, sizeof(*im));
	for (size_t i = 0; i < c->n_imaging; i++)
		if (c->imaging[i].has_recist && c->imaging[i].date) {
			/* insertion by date keeps equal dates in file order */
			size_t k = n++;
			while (k && strcmp(im[k - 1]->date,
					   c->imaging[i].date) > 0) {
				im[k] = im[k - 1];
				k--;
			}
			im[k] = &c->imaging[i];
		}
	double *v = xcalloc(n + 1, sizeof(double));
	bool *marks = xcalloc(n + 1, sizeof(bool));
	bool any = false;
	for (size_t i = 0; i < n; i++)
		v[i] = im[i]->recist_sum;
	for (size_t d = 0; o->decisions && d < o->n_decisions; d++) {
		const struct decision_brief *b = &o->decisions[d];
		if (b->superseded || !b->signed_at)
			continue;
		size_t at = 0; /* before the first scan after the decision */
		while (at < n && strncmp(im[at]->date, b->signed_at, 10) <= 0)
			at++;
		marks[at] = any = true;
	}
	char *line = render_sparkline(v, n, marks);
	char lo[32], hi[32];
	double vlo = v[0], vhi = v[0];
	for (size_t i = 1; i < n; i++) {
		vlo = v[i] < vlo ? v[i] : vlo;
		vhi = v[i] > vhi ? v[i] : vhi;
	}
	fmt_shown(lo, sizeof(lo), vlo);
	fmt_shown(hi, sizeof(hi), vhi);
	textdoc_printf(doc, TD_LABEL, _("  RECIST sum  %s"), line);
	textdoc_printf(doc, TD_DIM, _("  %s–%s mm, %s to %s%s"), lo, hi,
		       im[0]->date, im[n - 1]->date,
		       any ? "; │ a decision" : "");
	textdoc_newline(doc);
	free(line);
	free(v);
	free(marks);
	free(im);
}

static void render_imaging(const struct tb_case *c, const struct render_opts *o,
			   struct textdoc *doc)
{
	char num[32];
	size_t with_recist = 0;

	heading(doc, _("IMAGING"), c->n_imaging, true);
	if (!c->n_imaging) {
		textdoc_put(doc, TD_WARN, _("  No imaging."));
		textdoc_newline(doc);
		return;
	}
	for (size_t i = 0; i < c->n_imaging; i++) {
		const struct tb_imaging *im = &c->imaging[i];
		textdoc_printf(doc, TD_STRONG, "  %s", im->date);
		textdoc_printf(doc, TD_NORMAL, "  %s  %s",
			       model_modality_label(im->modality), im->region);
		if (im->has_recist) {
			fmt_shown(num, sizeof(num), im->recist_sum);
			textdoc_printf(doc, TD_NORMAL, _("  RECIST sum %s mm"),
				       num);
			with_recist++;
		}
		if (im->ai)
			textdoc_put(doc, TD_WARN, _("  [AI-produced]"));
		textdoc_newline(doc);
		struct strbuf sb = {0};
		strbuf_printf(&sb, _("Findings: %s"), im->findings);
		textdoc_wrap(doc, 4, TD_NORMAL, sb.buf);
		strbuf_reset(&sb);
		strbuf_printf(&sb, _("Impression: %s"), im->impression);
		textdoc_wrap(doc, 4, TD_NORMAL, sb.buf);
		strbuf_done(&sb);
	}
	if (with_recist >= 2 && o->blocks)
		render_recist_sparkline(c, o, doc);
	if (with_recist >= 2) {
		struct strbuf sb = {0};
		strbuf_puts(&sb, _("RECIST sum over time:"));
		for (size_t i = 0; i < c->n_imaging; i++) {
			const struct tb_imaging *im = &c->imaging[i];
			if (!im->has_recist)
				continue;
			fmt_shown(num, sizeof(num), im->recist_sum);
			strbuf_printf(&sb, " %s %s mm", im->date, num);
			if (--with_recist)
				strbuf_puts(&sb, " →");
		}
		textdoc_wrap(doc, 2, TD_LABEL, sb.buf);
		strbuf_done(&sb);
	}
}

static void render_readiness(const struct readiness *r, struct textdoc *doc)
{
	heading(doc, _("READINESS"), 0, false);
	textdoc_put(doc, TD_NORMAL, "  ");
	if (r->missing)
		textdoc_printf(doc, TD_WARN, _("Not ready for %s: %d missing"),
			       board_name(r->board), r->missing);
	else
		textdoc_printf(doc, TD_STRONG, _("Ready for %s"),
			       board_name(r->board));
	{
		char *asof = xasprintf(_(" (as of %s)"), r->as_of);
		textdoc_wrap_on(doc, READINESS_COL, TD_DIM, asof);
		free(asof);
	}
	for (int i = 0; i < r->n; i++) {
		const struct readiness_item *it = &r->items[i];
		textdoc_put(doc, it->ok ? TD_NORMAL : TD_WARN,
			    /* TRANSLATORS: both 11 cells wide */
			    it->ok ? _("  ok       ") : _("  MISSING  "));
		textdoc_put(doc, TD_NORMAL, it->what);
		/* the detail wraps under the item's name, never cut */
		if (it->detail[0]) {
			textdoc_put(doc, TD_DIM, ":");
			textdoc_wrap_on(doc, READINESS_COL, TD_DIM, it->detail);
		} else
			textdoc_newline(doc);
	}
}

static void render_summary(const struct tb_case *c, const struct render_opts *o,
			   struct textdoc *doc)
{
	render_overview(c, o, doc);
	if (o->readiness)
		render_readiness(o->readiness, doc);
	heading(doc, _("QUESTION TO THE BOARD"), 0, false);
	textdoc_wrap(doc, 2, TD_STRONG, c->question);
	heading(doc, _("CLINICAL SUMMARY"), 0, false);
	if (c->summary) {
		textdoc_wrap(doc, 2, TD_NORMAL, c->summary);
	} else {
		textdoc_put(doc, TD_WARN, _("  No clinical summary."));
		textdoc_newline(doc);
	}
}

const char *render_section_name(enum render_section s)
{
	static const char *const names[RENDER_SECTION_COUNT] = {
	    NC_("case tab", "All"),	  NC_("case tab", "Summary"),
	    NC_("case tab", "Pathology"), NC_("case tab", "Molecular"),
	    NC_("case tab", "Imaging"),	  NC_("case tab", "Decisions")};
	return (unsigned)s < RENDER_SECTION_COUNT ? i18n_ctx(names[s]) : "";
}

void render_case_banner(const struct tb_case *c, const struct render_opts *o,
			struct textdoc *doc)
{
	render_banner(c, o, doc);
}

void render_case_tabs(const struct tb_case *c, const struct render_opts *o,
		      enum render_section current, struct textdoc *doc)
{
	const size_t counts[RENDER_SECTION_COUNT] = {
	    0, 0, c->n_pathology, c->n_findings, c->n_imaging, o->n_decisions};
	int n = o->with_decisions ? RENDER_SECTION_COUNT : RENDER_DECISIONS;
	for (int i = 0; i < n; i++) {
		char *label = i >= RENDER_PATHOLOGY
				  ? xasprintf("%s (%zu)",
					      render_section_name(i), counts[i])
				  : xstrdup(render_section_name(i));
		/* a tab that does not fit the line starts the next, whole */
		char *tab =
		    xasprintf(i == (int)current ? "[%s]" : " %s ", label);
		textdoc_put_part(doc, 0,
				 i == (int)current ? TD_HEADING : TD_DIM,
				 i ? " " : "", tab);
		free(tab);
		free(label);
	}
	textdoc_newline(doc);
}

/* The patient's earlier decisions, newest first; amended ones marked. */
static void render_decisions(const struct render_opts *o, struct textdoc *doc)
{
	textdoc_newline(doc);
	textdoc_printf(doc, TD_HEADING, _("DECISIONS (%zu)"), o->n_decisions);
	textdoc_newline(doc);
	if (!o->n_decisions) {
		textdoc_put(doc, TD_DIM,
			    _("  No signed decision for this "
			      "patient."));
		textdoc_newline(doc);
	}
	for (size_t i = 0; i < o->n_decisions; i++) {
		const struct decision_brief *b = &o->decisions[i];
		textdoc_printf(doc, TD_STRONG, "  %.10s", b->signed_at);
		textdoc_printf(doc, TD_NORMAL, "  %s v%d", b->case_id,
			       b->version);
		if (b->superseded)
			textdoc_put(doc, TD_DIM, _("  (amended later)"));
		if (b->supersedes)
			textdoc_printf(doc, TD_WARN,
				       _("  amends decision %lld"),
				       b->supersedes);
		textdoc_newline(doc);
		/* TRANSLATORS: keep the width: 19 characters, the value
		 * starts in column 20 */
		textdoc_put(doc, TD_LABEL, _("    Recommendation "));
		textdoc_wrap_on(doc, 20, b->superseded ? TD_DIM : TD_NORMAL,
				b->recommendation);
		if (b->intent) {
			/* TRANSLATORS: 19 characters, as above */
			textdoc_put(doc, TD_LABEL, _("    Intent         "));
			textdoc_wrap_on(doc, 20, TD_NORMAL, b->intent);
		}
		textdoc_printf(doc, TD_DIM,
			       _("    signed by %s, decision %lld"),
			       b->signed_by, b->id);
		if (b->follow_up)
			textdoc_printf(doc, TD_DIM, _("; follow-up by %s"),
				       b->follow_up);
		textdoc_newline(doc);
	}
}

void render_case_section(const struct tb_case *c, const struct render_opts *o,
			 enum render_section s, struct textdoc *doc)
{
	switch (s) {
	case RENDER_DECISIONS:
		if (o->with_decisions)
			render_decisions(o, doc);
		break;
	case RENDER_SUMMARY:
		render_summary(c, o, doc);
		break;
	case RENDER_PATHOLOGY:
		render_pathology(c, doc);
		break;
	case RENDER_MOLECULAR: {
		size_t next = 0;
		render_findings(c, o, doc, &next, 0);
		break;
	}
	case RENDER_IMAGING:
		render_imaging(c, o, doc);
		break;
	default: {
		int part = 0;
		size_t finding = 0;
		render_case_section_upto(c, o, s, doc, &part, &finding, 0);
		break;
	}
	}
}

bool render_case_section_upto(const struct tb_case *c,
			      const struct render_opts *o,
			      enum render_section s, struct textdoc *doc,
			      int *part, size_t *finding, size_t lines)
{
	if (s > RENDER_ALL && s < RENDER_SECTION_COUNT) {
		if (*part == 0)
			render_case_section(c, o, s, doc);
		*part = 1;
		return true;
	}
	for (; *part < 5; ++*part, *finding = 0) {
		if (lines && doc->n_lines >= lines)
			return false;
		if (*part == 0)
			render_summary(c, o, doc);
		else if (*part == 1)
			render_pathology(c, doc);
		else if (*part == 2) {
			if (!render_findings(c, o, doc, finding, lines))
				return false;
		} else if (*part == 3)
			render_imaging(c, o, doc);
		else if (o->with_decisions)
			render_decisions(o, doc);
	}
	return true;
}

void render_case(const struct tb_case *c, const struct render_opts *o,
		 struct textdoc *doc)
{
	render_banner(c, o, doc);
	render_case_section(c, o, RENDER_ALL, doc);
}
