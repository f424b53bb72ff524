/*
 * gen_builtin — turns the shipped roles.xml and boards.xml into C tables
 * of struct roles and struct boards (schemas.h: builtin_roles,
 * builtin_boards), so that the program reads no XML for them when there
 * is no file of the user's or the system's. The files are read by the
 * program's own import_roles_parse and import_boards_parse, schema and
 * load rules included: a broken shipped file fails the build.
 *
 * usage: gen_builtin ROLES.xml BOARDS.xml > data_builtin.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "diag.h"
#include "import_boards.h"
#include "import_roles.h"
#include "import_xml.h"
#include "perm.h"
#include "schemas.h"
#include "util.h"

/* The tables this program makes: it links the parsers, whose loaders
 * name them, but never falls back on them. */
const struct roles builtin_roles = {0};
const struct boards builtin_boards = {0};

static const char *const perm_enum[] = {
#define PERM_ENUM_NAME(id, name, help) "PERM_" #id,
    PERM_TABLE(PERM_ENUM_NAME)
#undef PERM_ENUM_NAME
};

static unsigned next_string;

/* Writes s as "static char sN[]" and returns N; -1 for NULL. Every byte
 * outside printable ASCII, and the quote, backslash and question mark
 * (trigraphs), as an octal escape. */
static long string(const char *s)
{
	if (!s)
		return -1;
	unsigned n = next_string++;
	printf("static char s%u[] = \"", n);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == '\\' ||
		    *p == '?')
			printf("\\%03o", *p);
		else
			putchar(*p);
	printf("\";\n");
	return (long)n;
}

/* "sN" or "NULL" for string()'s or list()'s result, with prefix. */
static const char *name_of(char prefix, long n)
{
	static char buf[4][32];
	static unsigned k;
	char *b = buf[k++ % 4];
	if (n < 0)
		return "NULL";
	snprintf(b, sizeof(buf[0]), "%c%ld", prefix, n);
	return b;
}

static unsigned next_list;

/* Writes the strings and "static char *lN[]"; returns N, -1 when empty. */
static long list(char *const *items, size_t n)
{
	if (!n)
		return -1;
	long *ids = xcalloc(n, sizeof(*ids));
	for (size_t i = 0; i < n; i++)
		ids[i] = string(items[i]);
	unsigned l = next_list++;
	printf("static char *l%u[] = {", l);
	for (size_t i = 0; i < n; i++)
		printf("%s%s", i ? ", " : "", name_of('s', ids[i]));
	printf("};\n");
	free(ids);
	return (long)l;
}

static void write_roles(const struct roles *rs)
{
	long version = string(rs->version);
	long(*ids)[2] = xcalloc(rs->n + 1, sizeof(*ids));
	for (size_t i = 0; i < rs->n; i++) {
		ids[i][0] = string(rs->r[i].id);
		ids[i][1] = string(rs->r[i].name);
	}
	printf("static struct role roles_r[] = {\n");
	for (size_t i = 0; i < rs->n; i++) {
		printf("    {.id = %s,\n     .name = %s,\n     .grants = {\n",
		       name_of('s', ids[i][0]), name_of('s', ids[i][1]));
		for (size_t p = 0; p < PERM__COUNT; p++)
			if (rs->r[i].grants[p])
				printf("\t [%s] = true,\n", perm_enum[p]);
		printf("     }},\n");
	}
	printf("};\nconst struct roles builtin_roles = {\n"
	       "    .version = %s,\n    .source = NULL,\n"
	       "    .emergency_hours = %d,\n    .r = roles_r,\n"
	       "    .n = %zu,\n};\n",
	       name_of('s', version), rs->emergency_hours, rs->n);
	free(ids);
}

/* The names string() and list() gave a board's fields. */
struct board_ids {
	long id, name, name_en, diagnoses, core_roles, roles, stages;
};

static void write_board(const struct board *b, const struct board_ids *n)
{
	const struct board_ready *r = &b->ready;
	printf("    {.id = %s,\n     .name = %s,\n     .name_en = %s,\n",
	       name_of('s', n->id), name_of('s', n->name),
	       name_of('s', n->name_en));
	printf("     .minutes_per_case = %d,\n     .target_days = %d,\n",
	       b->minutes_per_case, b->target_days);
	printf("     .diagnoses = %s,\n     .n_diagnoses = %zu,\n",
	       name_of('l', n->diagnoses), b->n_diagnoses);
	printf("     .core_roles = %s,\n     .n_core_roles = %zu,\n",
	       name_of('l', n->core_roles), b->n_core_roles);
	printf("     .roles = %s,\n     .n_roles = %zu,\n",
	       name_of('l', n->roles), b->n_roles);
	printf("     .ready = {.question = %d,\n\t       .level_reason = %d,\n"
	       "\t       .pathology = %d,\n\t       .ecog = %d,\n"
	       "\t       .molecular = %d,\n",
	       r->question, r->level_reason, r->pathology, r->ecog,
	       r->molecular);
	printf("\t       .molecular_stages = %s,\n"
	       "\t       .n_molecular_stages = %zu,\n"
	       "\t       .imaging_max_days = %d}},\n",
	       name_of('l', n->stages), r->n_molecular_stages,
	       r->imaging_max_days);
}

static void write_boards(const struct boards *bs)
{
	long version = string(bs->version);
	struct board_ids *ids = xcalloc(bs->n + 1, sizeof(*ids));
	for (size_t i = 0; i < bs->n; i++) {
		const struct board *b = &bs->b[i];
		ids[i].id = string(b->id);
		ids[i].name = string(b->name);
		ids[i].name_en = string(b->name_en);
		ids[i].diagnoses = list(b->diagnoses, b->n_diagnoses);
		ids[i].core_roles = list(b->core_roles, b->n_core_roles);
		ids[i].roles = list(b->roles, b->n_roles);
		ids[i].stages = list(b->ready.molecular_stages,
				     b->ready.n_molecular_stages);
	}
	printf("static struct board boards_b[] = {\n");
	for (size_t i = 0; i < bs->n; i++)
		write_board(&bs->b[i], &ids[i]);
	printf("};\nconst struct boards builtin_boards = {\n"
	       "    .version = %s,\n    .source = NULL,\n"
	       "    .b = boards_b,\n    .n = %zu,\n};\n",
	       name_of('s', version), bs->n);
	free(ids);
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	struct strbuf sb = {0};
	char chunk[4096];
	size_t got;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(&sb, chunk, got);
	fclose(f);
	*n = sb.len;
	return strbuf_detach(&sb);
}

static int failed(struct diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "%s:%ld: %s\n", d->items[i].file,
			d->items[i].line, d->items[i].message);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: gen_builtin ROLES.xml BOARDS.xml\n");
		return 2;
	}
	struct diag d;
	diag_init(&d);
	size_t rn, bn;
	char *rbuf = slurp(argv[1], &rn), *bbuf = slurp(argv[2], &bn);
	struct roles rs;
	struct boards bs;
	if (import_roles_parse(argv[1], rbuf, rn, &rs, &d) != TB_OK ||
	    import_boards_parse(argv[2], bbuf, bn, &bs, &d) != TB_OK)
		return failed(&d);
	printf("/* Generated by gen_builtin from roles.xml and boards.xml; "
	       "do not edit. */\n");
	printf("#include <stddef.h>\n\n#include \"board.h\"\n"
	       "#include \"perm.h\"\n#include \"schemas.h\"\n\n");
	write_roles(&rs);
	write_boards(&bs);
	roles_done(&rs);
	boards_done(&bs);
	free(rbuf);
	free(bbuf);
	diag_done(&d);
	import_xml_cleanup();
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
