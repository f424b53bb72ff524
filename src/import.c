/*
 * The importer works on one file held in memory:
 *   1. bytes: size cap, UTF-8, and a prolog scan that refuses any DOCTYPE
 *      before the parser sees it (so no entity is ever declared);
 *   2. a streaming read (xmlTextReader, NONET, no entity substitution, no
 *      DTD loading) validating against the compiled-in RELAX NG schema as
 *      it goes, expanding one <case> at a time;
 *   3. for each case, the walk of import_walk.c that maps it into a
 *      struct tb_case and reports every bad value with its line and field;
 *      while the file is clean the case is handed on (stored in the open
 *      transaction) and its subtree freed.
 * After the first problem cases are only checked, so every problem in the
 * file is reported; the caller rolls the transaction back.
 */
#include "import.h"
#include "i18n.h"
#include "import_map.h"
#include "import_xml.h"
#include "import_schema.h"
#include "import_shape.h"
#include "import_walk.h"
#include "fhir_in.h"
#include "progress.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "clock.h"
#include "db_case.h"
#include "kb.h"
#include "schemas.h"
#include "util.h"
#include "validate.h"

/* ------------------------------------------------------------------------
 * libxml2 plumbing
 * ---------------------------------------------------------------------- */

struct err_ctx {
	struct diag *d;
	const char *name;
};

static xmlParserInputPtr refuse_entity_loader(const char *url, const char *id,
					      xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

void import_global_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity_loader);
}

void import_global_cleanup(void)
{
	import_xml_cleanup();
	xmlCleanupParser();
}

/* Routes a libxml2 error into the diagnostics as FILE:LINE: message. */
static void structured_error(void *arg, xmlErrorPtr e)
{
	struct err_ctx *ec = arg;
	import_xml_error_diag(ec->d, ec->name, e, true);
}

static void free_cases(struct tb_case **cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		model_case_free(&cases[i]);
	free(cases);
}

/* ------------------------------------------------------------------------
 * Streaming: the file is read with xmlTextReader, one <case> subtree
 * expanded at a time and freed after it is checked, so memory follows the
 * largest case, not the file. The RELAX NG schema validates as the reader
 * goes.
 * ---------------------------------------------------------------------- */

/* A string map for the duplicate checks within a file (case ids, and the
 * name seen for each identity number). Open addressing, FNV-1a. */
struct seen {
	char **keys;
	char **vals;
	size_t cap, n;
};

/* Returns the value stored for key, or stores val (copied) and returns
 * NULL when key is new. */
static const char *seen_put(struct seen *m, const char *key, const char *val)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		char **keys = xcalloc(cap, sizeof(char *));
		char **vals = xcalloc(cap, sizeof(char *));
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->keys[i])
				continue;
			size_t j = util_hash_str(m->keys[i]) & (cap - 1);
			while (keys[j])
				j = (j + 1) & (cap - 1);
			keys[j] = m->keys[i];
			vals[j] = m->vals[i];
		}
		free(m->keys);
		free(m->vals);
		m->keys = keys;
		m->vals = vals;
		m->cap = cap;
	}
	size_t j = util_hash_str(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (strcmp(m->keys[j], key) == 0)
			return m->vals[j];
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = xstrdup(key);
	m->vals[j] = xstrdup(val);
	m->n++;
	return NULL;
}

static void seen_done(struct seen *m)
{
	for (size_t i = 0; i < m->cap; i++) {
		free(m->keys[i]);
		free(m->vals[i]);
	}
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

typedef bool (*case_sink)(struct tb_case *c, void *arg);

/* "M. Å***": enough for a person to tell two patients apart, not enough
 * to repeat a name in a message. Caller frees. */
static char *mask_name(const char *given, const char *family)
{
	size_t g = given && *given ? util_utf8_char_len(given) : 0;
	size_t f = family && *family ? util_utf8_char_len(family) : 0;
	return xasprintf("%.*s. %.*s***", (int)g, g ? given : "", (int)f,
			 f ? family : "");
}

/*
 * An identity number stored under another name or sex is another person
 * or a changed identity: refused unless the import says the patient's
 * details changed. Adds a diagnostic and returns false when refused.
 */
static bool identity_ok(struct db *db, const struct tb_patient *p,
			const struct import_opts *opts, struct diag *d,
			const char *name, long line)
{
	struct tb_patient stored = {0};
	char *changed = NULL;
	bool identity = false;
	if (!db || !p->pnr || !p->family_name || !p->given_name || !p->sex)
		return true;
	enum tb_status st =
	    db_case_patient_compare(db, p, &stored, &changed, &identity);
	bool ok = true;
	if (st == TB_OK && identity && !(opts && opts->patient_changed)) {
		char *was = mask_name(stored.given_name, stored.family_name);
		char *now = mask_name(p->given_name, p->family_name);
		diag_add(
		    d, name, line, "patient/id",
		    _("this identity number is stored for %s%s, this file "
		      "names %s%s; if the patient's details changed, import "
		      "with --patient-changed"),
		    was, strcmp(stored.sex, p->sex) ? _(" (another sex)") : "",
		    now, strcmp(stored.sex, p->sex) ? _(" (another sex)") : "");
		free(was);
		free(now);
		ok = false;
	} else if (st != TB_OK && st != TB_NOT_FOUND) {
		diag_add(d, name, line, "patient/id",
			 _("cannot look up the identity number: %s"),
			 db_errmsg(db));
		ok = false;
	}
	if (st == TB_OK)
		model_patient_done(&stored);
	free(changed);
	return ok;
}

/* The line of the reader's current node; the parser's line (which may be
 * ahead) when the node has none. */
static long reader_line(xmlTextReaderPtr r)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(r);
	long line = n ? xmlGetLineNo(n) : -1;
	return line > 0 ? line : xmlTextReaderGetParserLineNumber(r);
}

/* True when the text holds something other than XML white space. */
static bool has_text(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return true;
	return false;
}

/*
 * The root element's own checks, done by hand because the schema only sees
 * one case at a time: its name and namespace, and its attributes (source
 * only, at most 200 characters). Returns false after a diagnostic.
 */
static bool check_root(xmlTextReaderPtr r, const char *name, struct diag *d,
		       char **source)
{
	long line = reader_line(r);
	const char *local = (const char *)xmlTextReaderConstLocalName(r);
	const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r);
	if (!ns || strcmp(ns, CASE_NS) != 0 || strcmp(local, "cases") != 0) {
		diag_add(d, name, line, NULL,
			 _("the root element must be <cases xmlns=\"%s\">"),
			 CASE_NS);
		return false;
	}
	bool ok = true;
	while (ok && xmlTextReaderMoveToNextAttribute(r) == 1) {
		if (xmlTextReaderIsNamespaceDecl(r) == 1)
			continue;
		const char *an = (const char *)xmlTextReaderConstName(r);
		const char *av = (const char *)xmlTextReaderConstValue(r);
		if (strcmp(an, "source") != 0) {
			diag_add(
			    d, name, line, "cases",
			    _("unknown attribute; only source= is allowed"));
			ok = false;
		} else if (util_utf8_count(av ? av : "") > 200) {
			diag_add(d, name, line, "cases/@source",
				 _("longer than 200 characters"));
			ok = false;
		} else {
			*source = xstrdup(av ? av : "");
			util_trim(*source);
		}
	}
	xmlTextReaderMoveToElement(r);
	return ok;
}

/*
 * What the per-case checks of one file share: the field walk, the schema
 * copy, the duplicate maps and where checked cases go.
 */
struct stream {
	const char *name;
	const struct import_opts *opts;
	struct db *db;
	struct diag *d;
	size_t errors_before;
	struct err_ctx ec;
	/* FHIR: schema messages only when the field walk found nothing (the
	 * walk names the FHIR element; the schema can only name ours) */
	bool fhir;
	struct import_walk w;
	struct case_check cc;
	struct seen ids, names;
	case_sink sink;
	void *arg;
	/* the write pass over bytes that passed already: the checks that
	 * depend on the bytes alone (schema, text) are not run again */
	bool again;
};

/*
 * Checks one expanded <case> (from a case file or built from FHIR): the
 * schema, the text, every field, duplicates within the file and identity
 * conflicts in the store. While the file is clean the case goes to the
 * sink, if there is one; otherwise it is freed. Returns true when the
 * file is still clean after it (the case is counted done).
 */
static bool check_case(struct stream *s, xmlNodePtr cn)
{
	struct diag *d = s->d;
	struct import_walk *w = &s->w;
	/* the schema itself only where the quick look is not sure (every
	 * case written as tumorboard-case(5) shows it is not) */
	bool valid =
	    s->again || import_shape_ok(cn) || case_check_run(&s->cc, cn);
	size_t walk_before = d->n + d->dropped, walk_from = d->n;
	if (!s->again)
		import_xml_check_text(s->name, cn, d);
	struct tb_case *c = import_walk_case(w, cn);
	/* the schema's faults (only on an invalid case: none on the way of
	 * a valid one); of a FHIR file only when the walk found nothing
	 * (the walk names the FHIR element; the schema can only name ours) */
	if (!valid && (!s->fhir || d->n + d->dropped == walk_before))
		case_check_report(&s->cc, d, walk_from);
	if (c->external_id && seen_put(&s->ids, c->external_id, ""))
		import_walk_fail(
		    w, cn, "case/@id",
		    _("the same case id appears twice in this file"));
	if (c->patient.pnr && c->patient.family_name && c->patient.given_name) {
		char *nm = xasprintf("%s\x1f%s", c->patient.family_name,
				     c->patient.given_name);
		const char *before = seen_put(&s->names, c->patient.pnr, nm);
		if (before && strcmp(before, nm) != 0)
			import_walk_fail(
			    w, import_walk_child(cn, "patient"), "patient/name",
			    _("the same identity number has another "
			      "name earlier in this file"));
		else if (!before)
			identity_ok(
			    s->db, &c->patient, s->opts, d, s->name,
			    xmlGetLineNo(import_walk_child(cn, "patient")));
		free(nm);
	}
	bool clean = d->n + d->dropped == s->errors_before;
	if (!clean || !s->sink) {
		model_case_free(&c);
		return clean;
	}
	if (s->sink(c, s->arg))
		return true;
	diag_add(d, s->name, xmlGetLineNo(cn), "case",
		 _("could not be stored"));
	return false;
}

/* Sets up s for a file; false (after a diagnostic) when the schema cannot
 * be set up. */
static bool stream_init(struct stream *s, const char *name,
			const struct import_opts *opts, struct db *db,
			struct diag *d, case_sink sink, void *arg,
			char today[11])
{
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->opts = opts;
	s->db = db;
	s->d = d;
	s->errors_before = d->n + d->dropped;
	s->sink = sink;
	s->arg = arg;
	s->w.name = name;
	s->w.d = d;
	if (opts && opts->today)
		snprintf(today, 11, "%s", opts->today);
	else
		clock_today(today);
	s->w.today = today;
	s->w.today_year = atoi(today);
	clock_timestamp(s->w.received);
	s->ec.d = d;
	s->ec.name = name;
	if (!case_check_init(&s->cc, name)) {
		diag_add(d, name, 0, NULL,
			 _("cannot set up schema validation"));
		return false;
	}
	return true;
}

static void stream_done(struct stream *s)
{
	case_check_done(&s->cc);
	seen_done(&s->ids);
	seen_done(&s->names);
}

/* A FHIR file's case checked as it is built (fhir_in_build's each). */
struct fhir_check {
	struct stream *s;
	const char *name;
	struct diag *d;
};

static void check_fhir_case(const struct fhir_in *in, xmlNodePtr cn,
			    size_t case_no, void *arg)
{
	struct fhir_check *fc = arg;
	size_t from = fc->d->n;
	if (check_case(fc->s, cn))
		progress_add(1);
	fhir_in_remap(in, case_no, fc->name, fc->d, from);
}

/*
 * A FHIR file (tumorboard-fhir(7)): its resources become <case> elements
 * that go through check_case like a case file's, with the diagnostics
 * turned back into FHIR lines and paths. The not-mapped report goes to
 * opts->notes when given.
 */
static enum tb_status parse_fhir(const char *name, const char *buf, size_t n,
				 const struct import_opts *opts, struct db *db,
				 struct diag *d, case_sink sink, void *arg)
{
	struct stream s;
	struct fhir_in fi;
	char today[11];
	size_t before = d->n + d->dropped;
	bool ok = stream_init(&s, name, opts, db, d, sink, arg, today);
	s.fhir = true;
	const char *base = strrchr(name, '/');
	char *file_source =
	    xasprintf(/* untranslated: stored case text */ "file %s",
		      base ? base + 1 : name);
	s.w.file_source = file_source;
	/* each case is checked as it is built, even after a problem in the
	 * FHIR itself, so that every problem is reported; a case reaches the
	 * sink only while none was found (the caller keeps what it got only
	 * when the whole file passed) */
	struct fhir_check fc = {.s = &s, .name = name, .d = d};
	fhir_in_each_fn each = ok ? check_fhir_case : NULL;
	if (opts && opts->fhir_tree)
		fhir_in_build_tree(name, opts->fhir_tree, today, each, &fc, &fi,
				   d);
	else
		fhir_in_build(name, buf, n, today, each, &fc, &fi, d);
	free(file_source);
	if (opts && opts->notes)
		diag_append(opts->notes, &fi.notes);
	fhir_in_done(&fi);
	stream_done(&s);
	return d->n + d->dropped == before ? TB_OK : TB_INVALID;
}

/*
 * What a file that is neither a case document nor a FHIR one is, told by
 * its first byte after a byte order mark and white space: NULL when it
 * may be XML ('<'), else "empty" or "not a case document". libxml2 would
 * say "Document is empty" of a CSV file and "Extra content at the end of
 * the document" of an empty one.
 */
static const char *not_xml(const char *buf, size_t n)
{
	size_t i = util_text_start(buf, n);
	if (i == n)
		return pgettext("file", "empty");
	if (buf[i] != '<')
		return _("not a case document (XML) or FHIR bundle (JSON)");
	return NULL;
}

/*
 * Puts the diagnostics from item from on in the order of their lines
 * (those without a line first), keeping the order of those on one line:
 * a case's problems are found check by check (text, fields, the
 * schema's), but read from the top. Insertion sort: at most d->limit items.
 */
static void sort_by_line(struct diag *d, size_t from)
{
	for (size_t i = from + 1; i < d->n; i++) {
		struct diag_item it = d->items[i];
		size_t j = i;
		while (j > from && d->items[j - 1].line > it.line) {
			d->items[j] = d->items[j - 1];
			j--;
		}
		d->items[j] = it;
	}
}

/*
 * Reads and checks a file held in memory. With a database, identity
 * numbers are looked up (read only) for conflicts. Each case that is checked
 * while the file is still free of problems goes to sink (which takes it);
 * after the first problem cases are only checked, so that every problem is
 * reported, and freed. Returns TB_INVALID when d gained any item. A FHIR
 * file (recognised by its content) is read by parse_fhir.
 *
 * again: these very bytes passed this function without a problem (the
 * write pass of import_file): the checks that depend on nothing but the
 * bytes (the byte check before parsing, the schema, the text check) are
 * not run a second time.
 * Everything else runs as before, the identity numbers' look-up too (the
 * database may have changed between the passes).
 */
static enum tb_status parse_stream(const char *name, const char *buf, size_t n,
				   const struct import_opts *opts,
				   struct db *db, struct diag *d, bool again,
				   case_sink sink, void *arg)
{
	struct stream s;
	xmlTextReaderPtr r = NULL;
	char *file_source = NULL;
	char today[11];
	size_t errors_before = d->n + d->dropped, items_before = d->n;
	size_t n_cases = 0;
	bool root_seen = false;

	if ((opts && opts->fhir_tree) ||
	    fhir_in_detect(buf, n) != FHIR_FORMAT_NONE) {
		size_t from = d->n;
		enum tb_status st =
		    parse_fhir(name, buf, n, opts, db, d, sink, arg);
		sort_by_line(d, from);
		return st;
	}
	const char *what = not_xml(buf, n);
	if (what) {
		diag_add(d, name, 0, NULL, "%s", what);
		return TB_INVALID;
	}
	if (n > INT32_MAX) {
		diag_add(d, name, 0, NULL, _("file is too large"));
		return TB_INVALID;
	}
	if (!again && !import_xml_precheck(name, buf, n, d))
		return TB_INVALID;

	/* the share of the file's progress this pass is: a file read twice
	 * (checked without a sink, then written) checked in the first third
	 * (about the time it takes), written in the rest */
	double from = again ? 1.0 / 3 : 0, to = sink ? 1 : 1.0 / 3;
	bool ok = stream_init(&s, name, opts, db, d, sink, arg, today);
	s.again = again;
	r = xmlReaderForMemory(buf, (int)n, name, "UTF-8",
			       XML_PARSE_NONET | XML_PARSE_BIG_LINES |
				   XML_PARSE_COMPACT | XML_PARSE_NOCDATA);
	if (!r)
		util_die_nomem();
	if (!ok)
		goto cleanup;
	xmlTextReaderSetStructuredErrorHandler(r, structured_error, &s.ec);

	int ret = xmlTextReaderRead(r);
	while (ret == 1) {
		int type = xmlTextReaderNodeType(r);
		int depth = xmlTextReaderDepth(r);
		if (depth == 1 && (type == XML_READER_TYPE_TEXT ||
				   type == XML_READER_TYPE_CDATA)) {
			if (has_text((const char *)xmlTextReaderConstValue(r)))
				diag_add(d, name, reader_line(r), "cases",
					 _("text between cases; only <case> "
					   "elements belong in <cases>"));
			ret = xmlTextReaderRead(r);
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT) {
			ret = xmlTextReaderRead(r);
			continue;
		}
		const char *local =
		    (const char *)xmlTextReaderConstLocalName(r);
		const char *ns =
		    (const char *)xmlTextReaderConstNamespaceUri(r);
		bool ours = ns && strcmp(ns, CASE_NS) == 0;
		if (depth == 0) {
			root_seen = true;
			if (!check_root(r, name, d, &file_source)) {
				if (!ours || strcmp(local, "cases") != 0)
					break;
			}
			if (!file_source) {
				const char *base = strrchr(name, '/');
				file_source = xasprintf(
				    /* untranslated: stored case text */
				    "file %s", base ? base + 1 : name);
			}
			s.w.file_source = file_source;
			ret = xmlTextReaderRead(r);
			continue;
		}
		if (depth != 1 || !ours || strcmp(local, "case") != 0) {
			diag_add(d, name, reader_line(r), "cases",
				 _("unexpected element <%s>; only <case> "
				   "elements belong in <cases>"),
				 local);
			ret = xmlTextReaderNext(r);
			continue;
		}
		xmlNodePtr cn = xmlTextReaderExpand(r);
		if (!cn)
			break;
		n_cases++;
		/* a case counted once: in the check of a file read twice */
		if (check_case(&s, cn) && !again)
			progress_add(1);
		double read = (double)xmlTextReaderByteConsumed(r) / (double)n;
		progress_within(from + (to - from) * read);
		ret = xmlTextReaderNext(r);
	}
	if (ret < 0 && d->n + d->dropped == errors_before)
		diag_add(d, name, xmlTextReaderGetParserLineNumber(r), NULL,
			 _("not well-formed XML"));
	if (ret == 0 && !root_seen && d->n + d->dropped == errors_before)
		diag_add(d, name, 0, NULL, _("the file holds no XML element"));
	if (ret == 0 && root_seen && !n_cases &&
	    d->n + d->dropped == errors_before)
		diag_add(d, name, xmlTextReaderGetParserLineNumber(r), "cases",
			 _("the file holds no <case>"));
cleanup:
	xmlFreeTextReader(r);
	stream_done(&s);
	free(file_source);
	sort_by_line(d, items_before);
	return d->n + d->dropped == errors_before ? TB_OK : TB_INVALID;
}

struct collect {
	struct tb_case **cases;
	size_t n;
};

static bool collect_case(struct tb_case *c, void *arg)
{
	struct collect *co = arg;
	co->cases = xrealloc(co->cases, (co->n + 1) * sizeof(*co->cases));
	co->cases[co->n++] = c;
	return true;
}

/* A checked case kept until its file is written: in one block. */
static bool keep_case(struct tb_case *c, void *arg)
{
	return collect_case(model_case_pack(c), arg);
}

enum tb_status import_parse(const char *name, const char *buf, size_t n,
			    const struct import_opts *opts, struct diag *d,
			    struct tb_case ***out, size_t *n_out)
{
	struct collect co = {0};
	enum tb_status st =
	    parse_stream(name, buf, n, opts, NULL, d, false, collect_case, &co);
	if (st != TB_OK) {
		free_cases(co.cases, co.n);
		*out = NULL;
		*n_out = 0;
		return st;
	}
	*out = co.cases;
	*n_out = co.n;
	return TB_OK;
}

struct store {
	struct db *db;
	struct import_result *res;
	const struct import_opts *opts;
	char received[21];
	const char *path;
	struct diag *d;
};

/* Stores one checked case inside the file's transaction. The identity
 * check runs again here: another import may have come between the check
 * and the write lock. */
static bool store_case(struct tb_case *c, void *arg)
{
	struct store *s = arg;
	bool created;
	char *changes = NULL;
	enum tb_status st = TB_INVALID;
	c = model_case_unpack(c); /* storing may change it */
	if (identity_ok(s->db, &c->patient, s->opts, s->d, s->path, 0))
		st = db_case_store(s->db, c, s->received, &created, &changes);
	if (st == TB_INVALID) {
		/* reported by identity_ok */
	} else if (st != TB_OK) {
		diag_add(s->d, s->path, 0, "case", _("could not be stored: %s"),
			 db_errmsg(s->db));
	} else if (created) {
		s->res->created++;
	} else if (changes) {
		s->res->updated++;
	} else {
		s->res->unchanged++;
	}
	free(changes);
	model_case_free(&c);
	return st == TB_OK;
}

/* Files up to this size keep their checked cases in memory between the
 * check and the write; larger ones are read a second time to write, one
 * case at a time, so that memory stays bounded by the largest case. Kept
 * cases take about their file's size even packed (a file of 1,000 cases,
 * 2.3 MB, kept 4.7 MiB of peak memory before they were), so only small
 * files keep them. */
#define IMPORT_KEEP_BYTES (256u * 1024u)
/* cases in a file sealed by entries of their own (db_audit_seal_later) */
#define IMPORT_SEAL_LATER_MIN 32

struct dry {
	struct db *db;
	struct strbuf out;
	struct import_result *res;
};

/* Says what storing the case would do, and frees it. */
static bool dry_case(struct tb_case *c, void *arg)
{
	struct dry *dr = arg;
	long long id;
	bool known = dr->db && c->external_id &&
		     db_case_find(dr->db, c->external_id, &id) == TB_OK;
	if (known)
		dr->res->updated++;
	else
		dr->res->created++;
	char *cid = util_sanitize(c->external_id ? c->external_id : "?", false);
	strbuf_printf(&dr->out, _("%s: %s, ICD-10 %s"), cid,
		      known ? pgettext("dry run", "update")
			    : pgettext("dry run", "new"),
		      c->icd10 ? c->icd10 : "-");
	/* each count in the words for its number */
	strbuf_printf(&dr->out,
		      ngettext(", %zu pathology", ", %zu pathology",
			       (unsigned long)c->n_pathology),
		      c->n_pathology);
	strbuf_printf(&dr->out,
		      ngettext(", %zu finding", ", %zu findings",
			       (unsigned long)c->n_findings),
		      c->n_findings);
	strbuf_printf(&dr->out,
		      ngettext(", %zu imaging", ", %zu imaging",
			       (unsigned long)c->n_imaging),
		      c->n_imaging);
	strbuf_printf(&dr->out, "%s%s%s\n", c->ecog >= 0 ? ", ECOG" : "",
		      c->lansky >= 0 ? ", Lansky" : "",
		      c->tnm_t ? ", TNM" : "");
	free(cid);
	model_case_free(&c);
	return true;
}

/*
 * path read for import_file: a FHIR JSON file is mapped (map; *hash the
 * hash of its bytes as first seen) and read in place a Patient at a time,
 * its pages let go as they are passed; any other file is read into *buf.
 */
static enum tb_status read_file(const char *path, size_t max,
				struct import_map *map, uint64_t *hash,
				char **buf, size_t *len, struct diag *d)
{
	enum tb_status st = import_map_open(map, path, max, d);
	if (st == TB_IO && map->unmapped)
		return import_xml_read(path, max, buf, len, d);
	if (st != TB_OK)
		return st;
	if (fhir_in_detect(map->bytes, map->len) == FHIR_FORMAT_JSON) {
		*len = map->len;
		*hash = import_map_hash(map);
		return TB_OK;
	}
	import_map_close(map);
	return import_xml_read(path, max, buf, len, d);
}

/* st (what reading the file came to) when a mapped file's bytes are still
 * those first seen (hash). Else what its reading said since before is of
 * bytes no longer the file's (a JSON error where it was cut, say): it is
 * dropped, and the change said instead. */
static enum tb_status map_unchanged(struct import_map *map, uint64_t hash,
				    const char *path, struct diag *d,
				    struct diag_mark before, enum tb_status st)
{
	enum import_map_since since =
	    map->len ? import_map_since(map, hash) : IMPORT_MAP_SAME;
	if (since == IMPORT_MAP_SAME)
		return st;
	diag_back_to(d, before);
	if (since == IMPORT_MAP_SHORTER)
		diag_add(d, path, 0, NULL,
			 _("the file was cut short while it was read; nothing "
			   "of it was imported"));
	else
		diag_add(d, path, 0, NULL,
			 _("the file changed while it was read; nothing of it "
			   "was imported"));
	return TB_IO;
}

enum tb_status import_file(struct db *db, const char *path,
			   const struct import_opts *opts, struct diag *d,
			   struct import_result *res)
{
	size_t max = opts && opts->max_bytes ? opts->max_bytes
					     : IMPORT_DEFAULT_MAX_BYTES;
	struct store s = {
	    .db = db, .res = res, .opts = opts, .path = path, .d = d};
	struct collect co = {0};
	bool keep;
	char *buf = NULL; /* read here; bytes: what is imported */
	const char *bytes;
	size_t len = 0;
	bool in_txn = false;
	struct import_map map = {0}; /* a FHIR JSON file: read in place */
	uint64_t hash = 0;
	enum tb_status st;
	struct diag_mark said = diag_here(d);

	memset(res, 0, sizeof(*res));
	if (opts && opts->buf) {
		bytes = opts->buf;
		len = opts->buf_len;
	} else {
		st = read_file(path, max, &map, &hash, &buf, &len, d);
		if (st != TB_OK)
			goto cleanup;
		bytes = buf ? buf : map.bytes;
	}
	if (opts && opts->dry_run) {
		struct dry dr = {.db = db, .res = res};
		st = parse_stream(path, bytes, len, opts, db, d, false,
				  dry_case, &dr);
		st = map_unchanged(&map, hash, path, d, said, st);
		if (st == TB_OK)
			res->dry_run = strbuf_detach(&dr.out);
		strbuf_done(&dr.out);
		goto cleanup;
	}
	/* The whole file is checked before the write lock is taken: a bad or
	 * hostile file never holds the database for anyone else. */
	/* a FHIR file is read whole anyway (references cross its entries):
	 * its cases are kept rather than read a second time */
	keep = len <= IMPORT_KEEP_BYTES || (opts && opts->fhir_tree) ||
	       fhir_in_detect(bytes, len) != FHIR_FORMAT_NONE;
	/* the look-ups of the checks keep few pages: the memory is the
	 * file's cases' (tumorboard-fhir(7)) */
	if (db)
		db_cache_small(db, true);
	st = parse_stream(path, bytes, len, opts, db, d, false,
			  keep ? keep_case : NULL, &co);
	if (db)
		db_cache_small(db, false);
	st = map_unchanged(&map, hash, path, d, said, st);
	import_map_close(&map);
	if (st != TB_OK)
		goto cleanup;
	st = db_begin(db);
	in_txn = st == TB_OK;
	/* the search index takes the file's new cases at the commit; many
	 * cases' records are sealed by entries of their own */
	if (st == TB_OK)
		st = db_case_fts_defer(db);
	if (st == TB_OK && (!keep || co.n >= IMPORT_SEAL_LATER_MIN))
		db_audit_seal_later(db);
	if (st != TB_OK) {
		diag_add(d, path, 0, NULL, _("cannot start a transaction: %s"),
			 db_errmsg(db));
		goto cleanup;
	}
	clock_timestamp(s.received);
	if (keep) {
		for (size_t i = 0; i < co.n; i++) {
			struct tb_case *c = co.cases[i];
			co.cases[i] = NULL;
			if (!store_case(c, &s)) {
				st = TB_INVALID;
				goto cleanup;
			}
		}
	} else {
		/* The same bytes, held in memory, checked above: the second
		 * pass skips the checks that depend on the bytes alone. */
		st = parse_stream(path, bytes, len, opts, db, d, true,
				  store_case, &s);
		if (st != TB_OK)
			goto cleanup;
	}
	if (opts && opts->before_commit) {
		st = opts->before_commit(db, opts->before_commit_arg);
		if (st != TB_OK)
			goto cleanup;
	}
	st = db_commit(db);
	in_txn = false;
	if (st != TB_OK)
		diag_add(d, path, 0, NULL, _("could not commit: %s"),
			 db_errmsg(db));
cleanup:
	if (in_txn)
		db_rollback(db);
	if (st != TB_OK) {
		free(res->dry_run);
		memset(res, 0, sizeof(*res));
	}
	free_cases(co.cases, co.n);
	import_map_close(&map);
	free(buf);
	return st;
}
