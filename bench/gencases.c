/*
 * gencases — deterministic synthetic case files for benchmarks.
 *
 * usage: gencases [--seed N] [--start N] [--per-file N] [--fhir] COUNT OUTDIR
 *
 * Writes COUNT cases (tumorboard-case(5)) into OUTDIR/cases-NNNNN.xml,
 * PER-FILE cases per file (default 1000). With --fhir the cases are
 * written as FHIR R4 JSON Bundles (tumorboard-fhir(7)) into
 * OUTDIR/cases-NNNNN.json: the same ids, patients and kinds of content
 * from the same tables, but not draw for draw the same case (the case file
 * writer draws inside argument lists, whose order C leaves open). The same arguments give the same
 * bytes: a splitmix64 generator seeded from --seed, no clock, no rand().
 * Every case is valid: identity numbers carry a correct Luhn digit, dates
 * exist and lie before 2026-11-20, findings follow the per-kind rules.
 * About one patient in five has two cases. All names are invented.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "progress.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t rng_state;

static uint64_t next_u64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned pick(unsigned n)
{
	return (unsigned)(next_u64() % n);
}

#define PICK(a) (a)[pick((unsigned)N(a))]

static const char *const given_f[] = {
    "Anna",  "Åsa",   "Märta",	 "Ingrid", "Karin",  "Birgitta",
    "Eva",   "Maria", "Kerstin", "Lena",   "Ulla",   "Gunnel",
    "Sofia", "Hanna", "Elin",	 "Linnéa", "Agnes",  "Astrid",
    "Signe", "Maja",  "Ebba",	 "Amira",  "Fatima", "Leyla",
    "Aino",  "Emily", "Zeynep",	 "Parisa", "Hodan",  "Ewa"};
static const char *const given_m[] = {
    "Lars",   "Anders", "Per",	      "Johan",	"Åke",	 "Göran",
    "Björn",  "Örjan",	"Sture",      "Bengt",	"Kjell", "Nils",
    "Erik",   "Olof",	"Mats",	      "Håkan",	"Jonas", "Oskar",
    "Viktor", "Elias",	"Mehmet",     "Ahmed",	"Reza",	 "Matti",
    "Jukka",  "Omar",	"Abdirahman", "Tomasz", "James", "Ali"};
static const char *const family[] = {
    "Andersson",  "Johansson", "Karlsson",  "Nilsson",	 "Eriksson",
    "Larsson",	  "Olsson",    "Persson",   "Svensson",	 "Gustafsson",
    "Pettersson", "Jonsson",   "Jansson",   "Hansson",	 "Bengtsson",
    "Jönsson",	  "Lindberg",  "Jakobsson", "Magnusson", "Olofsson",
    "Lindström",  "Lindqvist", "Lindgren",  "Berg",	 "Axelsson",
    "Bergström",  "Lundberg",  "Lundgren",  "Åström",	 "Öberg",
    "Söderberg",  "Nyström",   "Håkansson", "Sjögren",	 "Ekström",
    "Hägglund",	  "Wåhlin",    "Haddad",    "Yılmaz",	 "Korhonen",
    "Karimi",	  "Warsame",   "Kowalczyk", "Al-Sayed",	 "Nguyen"};
static const char *const regions[][2] = {
    {"Stockholm", "Karolinska universitetssjukhuset"},
    {"Uppsala", "Akademiska sjukhuset"},
    {"Sörmland", "Mälarsjukhuset"},
    {"Östergötland", "Universitetssjukhuset i Linköping"},
    {"Jönköping", "Länssjukhuset Ryhov"},
    {"Kronoberg", "Centrallasarettet Växjö"},
    {"Kalmar", "Länssjukhuset i Kalmar"},
    {"Gotland", "Visby lasarett"},
    {"Blekinge", "Blekingesjukhuset"},
    {"Skåne", "Skånes universitetssjukhus"},
    {"Halland", "Hallands sjukhus Halmstad"},
    {"Västra Götaland", "Sahlgrenska universitetssjukhuset"},
    {"Värmland", "Centralsjukhuset Karlstad"},
    {"Örebro", "Universitetssjukhuset Örebro"},
    {"Västmanland", "Västmanlands sjukhus Västerås"},
    {"Dalarna", "Falu lasarett"},
    {"Gävleborg", "Gävle sjukhus"},
    {"Västernorrland", "Sundsvalls sjukhus"},
    {"Jämtland Härjedalen", "Östersunds sjukhus"},
    {"Västerbotten", "Norrlands universitetssjukhus"},
    {"Norrbotten", "Sunderby sjukhus"}};
static const char *const languages[] = {"sv", "sv", "sv", "sv", "sv",
					"sv", "sv", "sv", "en", "ar",
					"fi", "so", "fa"};

struct variant {
	const char *gene, *kind, *c, *p, *partner, *copies, *value;
};

struct area {
	const char *code, *icd10, *icdo3, *text, *board;
	struct variant variants[8];
};

static const struct area areas[] = {
    {"LUNG",
     "C34.1",
     "8140/3",
     "Adenokarcinom i lunga",
     "lungcancer",
     {{"EGFR", "snv", "c.2573T&gt;G", "p.Leu858Arg", 0, 0, 0},
      {"EGFR", "indel", "c.2235_2249del", "p.Glu746_Ala750del", 0, 0, 0},
      {"KRAS", "snv", "c.34G&gt;T", "p.Gly12Cys", 0, 0, 0},
      {"ALK", "fusion", 0, 0, "EML4", 0, 0},
      {"ROS1", "fusion", 0, 0, "CD74", 0, 0},
      {"MET", "snv", "c.3082+1G&gt;A", 0, 0, 0, 0},
      {"TP53", "snv", "c.743G&gt;A", "p.Arg248Gln", 0, 0, 0},
      {0, "tmb", 0, 0, 0, 0, "12.5"}}},
    {"BREAST",
     "C50.4",
     "8500/3",
     "Invasiv bröstcancer",
     "bröstcancer",
     {{"ERBB2", "cnv", 0, 0, 0, "12", 0},
      {"PIK3CA", "snv", "c.3140A&gt;G", "p.His1047Arg", 0, 0, 0},
      {"BRCA1", "indel", "c.5266dup", "p.Gln1756fs", 0, 0, 0},
      {"BRCA2", "indel", "c.5946del", "p.Ser1982fs", 0, 0, 0},
      {"TP53", "snv", "c.818G&gt;A", "p.Arg273His", 0, 0, 0},
      {"ESR1", "snv", "c.1610A&gt;G", "p.Tyr537Cys", 0, 0, 0},
      {0, "tmb", 0, 0, 0, 0, "3.1"},
      {0, "msi", 0, 0, 0, 0, "MSS"}}},
    {"CRC",
     "C18.7",
     "8140/3",
     "Adenokarcinom i kolon",
     "kolorektal cancer",
     {{"KRAS", "snv", "c.35G&gt;A", "p.Gly12Asp", 0, 0, 0},
      {"BRAF", "snv", "c.1799T&gt;A", "p.Val600Glu", 0, 0, 0},
      {"NRAS", "snv", "c.181C&gt;A", "p.Gln61Lys", 0, 0, 0},
      {0, "msi", 0, 0, 0, 0, "MSI-H"},
      {"MLH1", "snv", "c.350C&gt;T", "p.Thr117Met", 0, 0, 0},
      {"DPYD", "snv", "c.1905+1G&gt;A", 0, 0, 0, 0},
      {"TP53", "snv", "c.743G&gt;A", "p.Arg248Gln", 0, 0, 0},
      {0, "tmb", 0, 0, 0, 0, "41.0"}}},
    {"PROST",
     "C61",
     "8140/3",
     "Adenokarcinom i prostata",
     "prostatacancer",
     {{"BRCA2", "indel", "c.5946del", "p.Ser1982fs", 0, 0, 0},
      {"ATM", "snv", "c.7271T&gt;G", "p.Val2424Gly", 0, 0, 0},
      {"TMPRSS2", "fusion", 0, 0, "ERG", 0, 0},
      {"AR", "cnv", 0, 0, 0, "9", 0},
      {"PTEN", "cnv", 0, 0, 0, "0", 0},
      {"TP53", "snv", "c.818G&gt;A", "p.Arg273His", 0, 0, 0},
      {0, "msi", 0, 0, 0, 0, "MSS"},
      {0, "tmb", 0, 0, 0, 0, "2.4"}}},
    {"MEL",
     "C43.5",
     "8720/3",
     "Malignt melanom",
     "melanom",
     {{"BRAF", "snv", "c.1799T&gt;A", "p.Val600Glu", 0, 0, 0},
      {"NRAS", "snv", "c.182A&gt;G", "p.Gln61Arg", 0, 0, 0},
      {"KIT", "snv", "c.1727T&gt;C", "p.Leu576Pro", 0, 0, 0},
      {"NF1", "snv", "c.2041C&gt;T", "p.Arg681Ter", 0, 0, 0},
      {"CDKN2A", "cnv", 0, 0, 0, "0", 0},
      {"TERT", "snv", "c.-124C&gt;T", 0, 0, 0, 0},
      {0, "tmb", 0, 0, 0, 0, "22.8"},
      {"TP53", "snv", "c.743G&gt;A", "p.Arg248Gln", 0, 0, 0}}},
    {"GYN",
     "C54.1",
     "8380/3",
     "Endometrioid cancer i endometriet",
     "gynekologisk cancer",
     {{"POLE", "snv", "c.857C&gt;G", "p.Pro286Arg", 0, 0, 0},
      {"PTEN", "snv", "c.388C&gt;T", "p.Arg130Ter", 0, 0, 0},
      {"PIK3CA", "snv", "c.1633G&gt;A", "p.Glu545Lys", 0, 0, 0},
      {0, "msi", 0, 0, 0, 0, "MSI-H"},
      {"TP53", "snv", "c.818G&gt;A", "p.Arg273His", 0, 0, 0},
      {"ARID1A", "indel", "c.1680del", "p.Gln561fs", 0, 0, 0},
      {0, "tmb", 0, 0, 0, 0, "180.2"},
      {"CTNNB1", "snv", "c.101G&gt;T", "p.Gly34Val", 0, 0, 0}}},
    {"MTB",
     "C22.1",
     "8160/3",
     "Intrahepatiskt kolangiokarcinom",
     "molekylär tumörkonferens",
     {{"IDH1", "snv", "c.395G&gt;A", "p.Arg132His", 0, 0, 0},
      {"FGFR2", "fusion", 0, 0, "BICC1", 0, 0},
      {"NTRK1", "fusion", 0, 0, "TPM3", 0, 0},
      {"RET", "fusion", 0, 0, "KIF5B", 0, 0},
      {"ERBB2", "cnv", 0, 0, 0, "8", 0},
      {"BRCA2", "indel", "c.9097dup", "p.Thr3033fs", 0, 0, 0},
      {0, "tmb", 0, 0, 0, 0, "14.5"},
      {"ARID1A", "indel", "c.1680del", "p.Gln561fs", 0, 0, 0}}},
};

static const char *const q_start[] = {
    "Ställningstagande till behandling efter avslutad utredning.",
    "Progress efter första linjens behandling.",
    "Nydiagnostiserad sjukdom med behandlingsbar förändring.",
    "Fråga om kurativt syftande kirurgi.",
    "Återfall efter tidigare adjuvant behandling.",
    "Patienten önskar ny medicinsk bedömning."};
static const char *const q_end[] = {
    "Rekommenderas målriktad behandling eller cytostatika?",
    "Är patienten aktuell för klinisk prövning?",
    "Bör strålbehandling ges före systemisk behandling?",
    "Ska remiss skickas till onkogenetisk mottagning?",
    "Finns indikation för metastaskirurgi?",
    "Kan behandlingen trappas ned?"};
static const char *const s_parts[] = {
    "Gott allmäntillstånd, arbetar heltid.",
    "Tidigare frisk, aldrig rökare.",
    "Före detta rökare, KOL i lindrig grad.",
    "Viktnedgång fem kilo senaste månaderna.",
    "Hjärnmetastas påvisad vid MR.",
    "Levermetastaser vid DT, ingen extrahepatisk spridning.",
    "Njurfunktion nedsatt, eGFR 48.",
    "Bor ensam, stöd av hemtjänst.",
    "Strålbehandlingsplanering pågår.",
    "Anhöriga informerade och önskar delta."};
static const char *const reasons[] = {
    "Kräver bedömning av flera specialiteter vid regionens centrum.",
    "Kandidat för fas 3-prövning som endast bedrivs nationellt.",
    "Off label-förskrivning övervägs och ska bedömas nationellt.",
    "Okomplicerad behandlingsfråga enligt nationellt vårdprogram.",
    "Bred molekylär profilering visar fynd som kräver MTB-bedömning."};
static const char *const levels[] = {"local", "regional", "regional",
				     "national"};
static const char *const statuses[] = {"referred", "referred", "incomplete",
				       "ready",	   "listed",   "discussed",
				       "signed",   "closed"};
static const char *const tests[] = {"GMS560", "GMS560", "WGS", "ctDNA",
				    "TSO500"};
static const char *const modalities[][2] = {
    {"ct", "Thorax och buk"}, {"pet-ct", "Helkropp"},  {"mri", "Hjärna"},
    {"x-ray", "Thorax"},      {"ultrasound", "Lever"}, {"bone-scan", "Skelett"},
    {"mammography", "Bröst"}};

static FILE *out;
static const char *out_name;

static void emit(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (vfprintf(out, fmt, ap) < 0) {
		fprintf(stderr, "gencases: %s: %s\n", out_name,
			strerror(errno));
		exit(1);
	}
	va_end(ap);
}

/* Days since 1970-01-01 → y, m, d (Hinnant's civil_from_days). */
static void civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static void date_str(long days, char out_buf[11])
{
	int y, m, d;
	civil(days, &y, &m, &d);
	char tmp[40];
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	memcpy(out_buf, tmp, 10);
	out_buf[10] = '\0';
}

#define DAY_2019_01_01 17897L
#define DAY_2025_11_15 20407L

struct person {
	char pnr[14];
	const char *given, *family, *sex, *lang;
	unsigned region;
};

/*
 * A person from a patient number. The birth date and serial are a
 * one-to-one function of the number (31,000 birth dates × 100 serials), so
 * no two patients share an identity number; the name is drawn from a
 * generator seeded by the number, so a patient's second case repeats it.
 */
static void make_person(uint64_t patient, struct person *p)
{
	uint64_t saved = rng_state;
	long birth = -14610L + (long)((patient * 7919) % 31000); /* 1930.. */
	unsigned serial = 900 + (unsigned)((patient / 31000) % 100);
	int y, m, d;
	char digits[16];

	rng_state = patient * 0x2545f4914f6cdd1dULL + 17;
	civil(birth, &y, &m, &d);
	snprintf(digits, sizeof(digits), "%02d%02d%02d%03u", y % 100, m, d,
		 serial);
	int sum = 0;
	for (int i = 0; i < 9; i++) {
		int v = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += v / 10 + v % 10;
	}
	char tmp[48];
	snprintf(tmp, sizeof(tmp), "%04d%02d%02d-%03u%d", y, m, d, serial,
		 (10 - sum % 10) % 10);
	memcpy(p->pnr, tmp, 13);
	p->pnr[13] = '\0';
	/* The last digit of the serial (second-last of the number) gives the
	 * legal sex: odd male, even female. */
	int male = (serial % 10) % 2 == 1;
	p->sex = male ? "male" : "female";
	p->given = male ? PICK(given_m) : PICK(given_f);
	p->family = PICK(family);
	p->lang = PICK(languages);
	p->region = pick((unsigned)N(regions));
	rng_state = saved;
}

static void vaf_str(char *buf, size_t n, bool germline)
{
	unsigned v = germline ? 45 + pick(10) : 2 + pick(94);
	snprintf(buf, n, "0.%02u", v);
}

static void write_case(uint64_t number)
{
	/* Every fifth case belongs to the patient of the case before it. */
	uint64_t patient = number % 5 == 4 ? number - 1 : number;
	struct person person;
	make_person(patient, &person);
	const struct area *a = &areas[number % N(areas)];
	long referral = DAY_2019_01_01 +
			(long)pick((unsigned)(DAY_2025_11_15 - DAY_2019_01_01));
	long diagnosis = referral - 5 - (long)pick(60);
	char rdate[11], ddate[11], edate[11];
	date_str(referral, rdate);
	date_str(diagnosis, ddate);
	date_str(referral - (long)pick(5), edate);

	emit("<case id=\"GEN-%s-%07llu\" referred=\"%s\" level=\"%s\" "
	     "priority=\"%s\" status=\"%s\">\n",
	     a->code, (unsigned long long)number, rdate, PICK(levels),
	     pick(5) ? "routine" : "urgent", PICK(statuses));
	emit("<patient><id>%s</id><name family=\"%s\" given=\"%s\"/>"
	     "<sex>%s</sex><language>%s</language><region>%s</region>"
	     "<hospital>%s</hospital></patient>\n",
	     person.pnr, person.family, person.given, person.sex, person.lang,
	     regions[person.region][0], regions[person.region][1]);
	emit(
	    "<diagnosis icd10=\"%s\" icdo3=\"%s\" date=\"%s\">%s</diagnosis>\n",
	    a->icd10, a->icdo3, ddate, a->text);
	emit("<referrer name=\"%s %s\" unit=\"Onkologiska kliniken, %s\"/>\n",
	     PICK(given_f), PICK(family), regions[person.region][1]);
	emit("<question>%s %s</question>\n", PICK(q_start), PICK(q_end));
	emit("<level-reason>%s</level-reason>\n", PICK(reasons));
	emit("<summary>%s %s %s</summary>\n", PICK(s_parts), PICK(s_parts),
	     PICK(s_parts));
	emit("<ecog date=\"%s\">%u</ecog>\n", edate, pick(4));
	static const char *const ts[] = {"cT1c", "cT2a", "cT2b", "pT3", "cT4"};
	static const char *const ns[] = {"cN0", "cN1", "pN2", "cN3"};
	static const char *const ms[] = {"cM0", "cM0", "cM1a", "cM1b"};
	static const char *const stages[] = {"IA1", "IIB", "IIIA", "IVA"};
	emit("<tnm edition=\"8\" t=\"%s\" n=\"%s\" m=\"%s\" stage=\"%s\" "
	     "date=\"%s\"/>\n",
	     PICK(ts), PICK(ns), PICK(ms), PICK(stages), edate);

	unsigned n_path = pick(3);
	for (unsigned i = 0; i < n_path; i++) {
		char pdate[11];
		date_str(diagnosis - (long)pick(10), pdate);
		emit("<pathology date=\"%s\" lab=\"Klinisk patologi, %s\" "
		     "specimen=\"Biopsi %u\" icdo3=\"%s\">"
		     "<report>%s. Tillräckligt material för molekylär analys."
		     "</report><marker name=\"Ki-67\" value=\"%u %%\"/>"
		     "</pathology>\n",
		     pdate, regions[person.region][1], i + 1, a->icdo3, a->text,
		     5 + pick(90));
	}

	unsigned n_find = pick(9);
	unsigned used = 0;
	for (unsigned i = 0; i < n_find; i++) {
		unsigned k = pick(8);
		if (used & (1u << k))
			continue;
		used |= 1u << k;
		const struct variant *v = &a->variants[k];
		bool germline = v->gene &&
				(strncmp(v->gene, "BRCA", 4) == 0 ||
				 strcmp(v->gene, "DPYD") == 0 ||
				 strcmp(v->gene, "MLH1") == 0) &&
				pick(2);
		char fdate[11], vaf[8];
		date_str(referral - 1 - (long)pick(30), fdate);
		emit("<finding");
		if (v->gene)
			emit(" gene=\"%s\"", v->gene);
		emit(" kind=\"%s\" origin=\"%s\"", v->kind,
		     germline ? "germline" : "somatic");
		if (v->c)
			emit(" c=\"%s\"", v->c);
		if (v->p)
			emit(" p=\"%s\"", v->p);
		if (v->partner)
			emit(" partner=\"%s\"", v->partner);
		if (v->copies)
			emit(" copies=\"%s\"", v->copies);
		if (v->value)
			emit(" value=\"%s\"", v->value);
		if (!strcmp(v->kind, "snv") || !strcmp(v->kind, "indel")) {
			vaf_str(vaf, sizeof(vaf), germline);
			emit(" vaf=\"%s\"", vaf);
		}
		emit(" test=\"%s\" sample=\"%s\" lab=\"Klinisk genetik, %s\" "
		     "date=\"%s\"%s/>\n",
		     germline ? "Ärftlig cancer-panel" : PICK(tests),
		     germline ? "Blod, EDTA" : "Tumörvävnad",
		     regions[person.region][1], fdate,
		     pick(20) ? "" : " context=\"research\"");
	}

	unsigned n_img = 1 + pick(5);
	long img = diagnosis - 20 - (long)pick(20);
	double recist = 30 + pick(90);
	for (unsigned i = 0; i < n_img && img < DAY_2025_11_15; i++) {
		char idate[11];
		const char *const *mod =
		    modalities[pick((unsigned)N(modalities))];
		date_str(img, idate);
		emit("<imaging date=\"%s\" modality=\"%s\" region=\"%s\" "
		     "recist-sum=\"%.0f\"%s><findings>Målförändringar "
		     "sammanlagt %.0f mm.</findings><impression>%s"
		     "</impression></imaging>\n",
		     idate, mod[0], mod[1], recist,
		     pick(20) ? "" : " ai=\"true\"", recist,
		     i ? "Jämförelse med föregående undersökning."
		       : "Baslinje.");
		img += 40 + (long)pick(80);
		recist = recist * (0.6 + (double)pick(70) / 100.0);
	}
	emit("</case>\n");
}

/* ------------------------------------------------------------------------
 * The same case as a FHIR R4 JSON Bundle's entries (tumorboard-fhir(7)).
 * Ids carry the case number, so they are unique within a file.
 * ---------------------------------------------------------------------- */

static bool first_entry;

/* One entry: "fullUrl" Type/id, then the resource's members (fmt). */
static void entry(const char *type, const char *prefix, unsigned long long n,
		  int sub, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* The id is PREFIX then the case number, then -SUB when SUB >= 0. */
static void entry(const char *type, const char *prefix, unsigned long long n,
		  int sub, const char *fmt, ...)
{
	char id[64];
	if (sub >= 0)
		snprintf(id, sizeof(id), "%s%llu-%d", prefix, n, sub);
	else
		snprintf(id, sizeof(id), "%s%llu", prefix, n);
	emit("%s{\"fullUrl\":\"%s/%s\",\"resource\":{\"resourceType\":\"%s\","
	     "\"id\":\"%s\",",
	     first_entry ? "" : ",\n", type, id, type, id);
	first_entry = false;
	va_list ap;
	va_start(ap, fmt);
	if (vfprintf(out, fmt, ap) < 0) {
		fprintf(stderr, "gencases: %s: %s\n", out_name,
			strerror(errno));
		exit(1);
	}
	va_end(ap);
	emit("}}");
}

/* c. HGVS without the XML escape the case format needs */
static const char *unescape_gt(const char *c, char *buf, size_t n)
{
	size_t j = 0;
	for (size_t i = 0; c[i] && j + 1 < n; i++) {
		if (strncmp(c + i, "&gt;", 4) == 0) {
			buf[j++] = '>';
			i += 3;
		} else {
			buf[j++] = c[i];
		}
	}
	buf[j] = '\0';
	return buf;
}

#define LOINC(code)                                                            \
	"{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" code "\"}" \
	"]}"
#define SUBJ "\"subject\":{\"reference\":\"Patient/p%llu\"}"

static void gene_comp(const char *gene, bool comma)
{
	emit("%s{\"code\":" LOINC("48018-6") ",\"valueCodeableConcept\":{"
					     "\"coding\":[{\"system\":\"http://"
					     "www.genenames.org/geneId\","
					     "\"display\":\"%s\"}]}}",
	     comma ? "," : "", gene);
}

static void write_case_fhir(uint64_t number)
{
	unsigned long long n = (unsigned long long)number;
	uint64_t patient = number % 5 == 4 ? number - 1 : number;
	struct person person;
	make_person(patient, &person);
	const struct area *a = &areas[number % N(areas)];
	long referral = DAY_2019_01_01 +
			(long)pick((unsigned)(DAY_2025_11_15 - DAY_2019_01_01));
	long diagnosis = referral - 5 - (long)pick(60);
	char rdate[11], ddate[11], edate[11];
	date_str(referral, rdate);
	date_str(diagnosis, ddate);
	date_str(referral - (long)pick(5), edate);
	const char *hosp = regions[person.region][1];

	const char *level = PICK(levels);
	const char *priority = pick(5) ? "routine" : "urgent";
	(void)PICK(statuses); /* the status is the board's, not FHIR's */
	entry("Patient", "p", n, -1,
	      "\"identifier\":[{\"system\":\"urn:oid:1.2.752.129.2.1.3.1\","
	      "\"value\":\"%s\"}],\"name\":[{\"family\":\"%s\",\"given\":"
	      "[\"%s\"]}],\"gender\":\"%s\",\"address\":[{\"state\":\"%s\"}],"
	      "\"communication\":[{\"language\":{\"coding\":[{\"system\":"
	      "\"urn:ietf:bcp:47\",\"code\":\"%s\"}]}}],"
	      "\"managingOrganization\":{\"reference\":\"Organization/h%llu\"}",
	      person.pnr, person.family, person.given, person.sex,
	      regions[person.region][0], person.lang, n);
	entry("Organization", "h", n, -1, "\"name\":\"%s\"", hosp);
	entry("Condition", "c", n, -1,
	      "\"extension\":[{\"url\":\"http://hl7.org/fhir/us/mcode/"
	      "StructureDefinition/mcode-histology-morphology-behavior\","
	      "\"valueCodeableConcept\":{\"coding\":[{\"system\":"
	      "\"http://terminology.hl7.org/CodeSystem/icd-o-3\",\"code\":"
	      "\"%s\"}]}}],\"code\":{\"coding\":[{\"system\":"
	      "\"http://hl7.org/fhir/sid/icd-10\",\"code\":\"%s\"}],\"text\":"
	      "\"%s\"}," SUBJ ",\"onsetDateTime\":\"%s\"",
	      a->icdo3, a->icd10, a->text, n, ddate);
	const char *rg = PICK(given_f), *rf = PICK(family);
	entry("Practitioner", "d", n, -1,
	      "\"name\":[{\"family\":\"%s\",\"given\":[\"%s\"]}]", rf, rg);
	entry("Organization", "u", n, -1,
	      "\"name\":\"Onkologiska kliniken, %s\"", hosp);
	entry("PractitionerRole", "r", n, -1,
	      "\"practitioner\":{\"reference\":\"Practitioner/d%llu\"},"
	      "\"organization\":{\"reference\":\"Organization/u%llu\"}",
	      n, n);
	const char *q1 = PICK(q_start), *q2 = PICK(q_end);
	const char *reason = PICK(reasons);
	const char *s1 = PICK(s_parts), *s2 = PICK(s_parts),
		   *s3 = PICK(s_parts);
	entry("ServiceRequest", "sr", n, -1,
	      "\"identifier\":[{\"system\":\"urn:x-tumorboard:case-id\","
	      "\"value\":\"GEN-%s-%07llu\"}],\"status\":\"active\","
	      "\"intent\":\"order\",\"priority\":\"%s\",\"category\":["
	      "{\"coding\":[{\"system\":\"urn:x-tumorboard:mdk-level\","
	      "\"code\":\"%s\"}]}],\"code\":{\"text\":\"%s %s\"}," SUBJ
	      ",\"authoredOn\":\"%s\",\"requester\":{\"reference\":"
	      "\"PractitionerRole/r%llu\"},\"reasonCode\":[{\"text\":\"%s\"}],"
	      "\"note\":[{\"text\":\"%s %s %s\"}]",
	      a->code, n, priority, level, q1, q2, n, rdate, n, reason, s1, s2,
	      s3);
	entry(
	    "Observation", "e", n, -1,
	    "\"status\":\"final\",\"code\":" LOINC(
		"89247-1") "," SUBJ
			   ",\"effectiveDateTime\":\"%s\",\"valueInteger\":%u",
	    n, edate, pick(4));
	static const char *const ts[] = {"cT1c", "cT2a", "cT2b", "pT3", "cT4"};
	static const char *const ns[] = {"cN0", "cN1", "pN2", "cN3"};
	static const char *const ms[] = {"cM0", "cM0", "cM1a", "cM1b"};
	static const char *const stages[] = {"IA1", "IIB", "IIIA", "IVA"};
	const char *tnm[4] = {PICK(ts), PICK(ns), PICK(ms), PICK(stages)};
	static const char *const tnm_codes[] = {"21905-5", "21906-3", "21907-1",
						"21908-9"};
	static const char *const tnm_ids[] = {"t", "n", "m", "g"};
	for (int i = 0; i < 4; i++)
		entry("Observation", tnm_ids[i], n, -1,
		      "\"status\":\"final\",\"code\":{\"coding\":[{\"system\":"
		      "\"http://loinc.org\",\"code\":\"%s\"}]}," SUBJ
		      ",\"effectiveDateTime\":\"%s\",\"valueCodeableConcept\":"
		      "{\"coding\":[{\"system\":\"http://cancerstaging.org\","
		      "\"code\":\"%s\"}]}",
		      tnm_codes[i], n, edate, tnm[i]);

	unsigned n_path = pick(3);
	if (n_path)
		entry("Organization", "pl", n, -1,
		      "\"name\":\"Klinisk patologi, %s\"", hosp);
	for (unsigned i = 0; i < n_path; i++) {
		char pdate[11];
		date_str(diagnosis - (long)pick(10), pdate);
		unsigned ki67 = 5 + pick(90);
		entry("Specimen", "ps", n, (int)i,
		      "\"type\":{\"text\":\"Biopsi %u\"}," SUBJ, i + 1, n);
		entry("Observation", "pk", n, (int)i,
		      "\"status\":\"final\",\"code\":{\"text\":\"Ki-67\"}," SUBJ
		      ",\"valueString\":\"%u %%\"",
		      n, ki67);
		entry(
		    "DiagnosticReport", "pd", n, (int)i,
		    "\"status\":\"final\",\"category\":[{\"coding\":[{"
		    "\"system\":\"http://terminology.hl7.org/CodeSystem/"
		    "v2-0074\",\"code\":\"SP\"}]}],\"code\":{\"text\":\"PAD\"}"
		    "," SUBJ ",\"effectiveDateTime\":\"%s\",\"performer\":[{"
		    "\"reference\":\"Organization/pl%llu\"}],\"specimen\":[{"
		    "\"reference\":\"Specimen/ps%llu-%u\"}],\"result\":[{"
		    "\"reference\":\"Observation/pk%llu-%u\"}],\"conclusion\":"
		    "\"%s. Tillräckligt material för molekylär analys.\","
		    "\"conclusionCode\":[{\"coding\":[{\"system\":"
		    "\"http://terminology.hl7.org/CodeSystem/"
		    "icd-o-3\",\"code\":"
		    "\"%s\"}]}]",
		    n, pdate, n, n, i, n, i, a->text, a->icdo3);
	}

	unsigned n_find = pick(9);
	unsigned used = 0;
	bool orgs = false, blood = false, tumour = false;
	for (unsigned i = 0; i < n_find; i++) {
		unsigned k = pick(8);
		if (used & (1u << k))
			continue;
		used |= 1u << k;
		const struct variant *v = &a->variants[k];
		bool germline = v->gene &&
				(strncmp(v->gene, "BRCA", 4) == 0 ||
				 strcmp(v->gene, "DPYD") == 0 ||
				 strcmp(v->gene, "MLH1") == 0) &&
				pick(2);
		char fdate[11], vaf[8] = "", cbuf[64];
		date_str(referral - 1 - (long)pick(30), fdate);
		if (!orgs) {
			entry("Organization", "gl", n, -1,
			      "\"name\":\"Klinisk genetik, %s\"", hosp);
			orgs = true;
		}
		/* a specimen of each kind once, when a finding needs it */
		if (germline ? !blood : !tumour)
			entry("Specimen", germline ? "sb" : "st", n, -1,
			      "\"type\":{\"text\":\"%s\"}," SUBJ,
			      germline ? "Blod, EDTA" : "Tumörvävnad", n);
		if (germline)
			blood = true;
		else
			tumour = true;
		bool small =
		    !strcmp(v->kind, "snv") || !strcmp(v->kind, "indel");
		if (small)
			vaf_str(vaf, sizeof(vaf), germline);
		const char *test =
		    germline ? "Ärftlig cancer-panel" : PICK(tests);
		bool research = !pick(20);
		const char *code = !strcmp(v->kind, "tmb")   ? "94076-7"
				   : !strcmp(v->kind, "msi") ? "81695-9"
							     : "69548-6";
		struct strbuf_like {
			char b[1024];
		} comps = {{0}};
		size_t len = 0;
#define ADD(...)                                                               \
	len += (size_t)snprintf(comps.b + len, sizeof(comps.b) - len,          \
				__VA_ARGS__)
		if (v->gene) {
			ADD("{\"code\":" LOINC(
				"48018-6") ",\"valueCodeableConcept\""
					   ":{\"coding\":[{\"system\":\"http://"
					   "www.genenames.org/"
					   "geneId\",\"display\":\"%s\"}]}}",
			    v->gene);
			if (v->partner)
				ADD(",{\"code\":" LOINC(
					"48018-6") ",\"value"
						   "CodeableConcept\":{"
						   "\"coding\":[{\"system\":"
						   "\"http://www.genenames.org/"
						   "geneId\","
						   "\"display\":\"%s\"}]}}",
				    v->partner);
			if (v->c)
				ADD(",{\"code\":" LOINC(
					"48004-6") ",\"value"
						   "CodeableConcept\":{"
						   "\"coding\":[{\"system\":"
						   "\"http://"
						   "varnomen.hgvs.org\","
						   "\"code\":\"%s\"}]}}",
				    unescape_gt(v->c, cbuf, sizeof(cbuf)));
			if (v->p)
				ADD(",{\"code\":" LOINC(
					"48005-3") ",\"value"
						   "CodeableConcept\":{"
						   "\"coding\":[{\"system\":"
						   "\"http://"
						   "varnomen.hgvs.org\","
						   "\"code\":\"%s\"}]}}",
				    v->p);
			if (v->copies)
				ADD(",{\"code\":" LOINC(
					"82155-3") ",\"value"
						   "Quantity\":{\"value\":%s}}",
				    v->copies);
			if (*vaf)
				ADD(",{\"code\":" LOINC(
					"81258-6") ",\"value"
						   "Quantity\":{\"value\":%s}}",
				    vaf);
			ADD(",{\"code\":" LOINC("48002-0") ",\"valueCodeable"
							   "Concept\":" LOINC(
							       "%s") "}",
			    germline ? "LA6683-2" : "LA6684-0");
		}
#undef ADD
		char value[160] = "";
		if (!strcmp(v->kind, "tmb"))
			snprintf(value, sizeof(value),
				 ",\"valueQuantity\":{\"value\":%s}", v->value);
		else if (!strcmp(v->kind, "msi"))
			snprintf(value, sizeof(value),
				 ",\"valueCodeableConcept\":{\"text\":\"%s\"}",
				 v->value);
		entry("Observation", "v", n, (int)k,
		      "%s\"status\":\"final\",\"code\":{\"coding\":[{"
		      "\"system\":\"http://loinc.org\",\"code\":\"%s\"}]}," SUBJ
		      ",\"effectiveDateTime\":\"%s\",\"performer\":[{"
		      "\"reference\":\"Organization/gl%llu\"}],\"specimen\":{"
		      "\"reference\":\"Specimen/%s%llu\"},\"method\":{\"text\":"
		      "\"%s\"}%s%s%s%s",
		      research ? "\"meta\":{\"tag\":[{\"system\":"
				 "\"urn:x-tumorboard:context\",\"code\":"
				 "\"research\"}]},"
			       : "",
		      code, n, fdate, n, germline ? "sb" : "st", n, test, value,
		      v->gene ? ",\"component\":[" : "", v->gene ? comps.b : "",
		      v->gene ? "]" : "");
	}
	(void)gene_comp;

	unsigned n_img = 1 + pick(5);
	long img = diagnosis - 20 - (long)pick(20);
	double recist = 30 + pick(90);
	static const char *const dicom[][2] = {
	    {"ct", "CT"},	  {"pet-ct", "PT"},	{"mri", "MR"},
	    {"x-ray", "DX"},	  {"ultrasound", "US"}, {"bone-scan", "NM"},
	    {"mammography", "MG"}};
	for (unsigned i = 0; i < n_img && img < DAY_2025_11_15; i++) {
		char idate[11];
		const char *const *mod =
		    modalities[pick((unsigned)N(modalities))];
		const char *dcm = "CT";
		for (size_t j = 0; j < N(dicom); j++)
			if (!strcmp(dicom[j][0], mod[0]))
				dcm = dicom[j][1];
		date_str(img, idate);
		bool ai = !pick(20);
		entry("Observation", "if", n, (int)i,
		      "\"status\":\"final\",\"code\":" LOINC(
			  "59776-5") "," SUBJ
				     ",\"valueString\":\"Målförändringar "
				     "sammanlagt %.0f mm.\"",
		      n, recist);
		entry(
		    "Observation", "ir", n, (int)i,
		    "\"status\":\"final\",\"code\":{\"coding\":[{\"system\":"
		    "\"urn:x-tumorboard:code\",\"code\":\"recist-sum\"}]}," SUBJ
		    ",\"valueQuantity\":{\"value\":%.0f,\"unit\":\"mm\"}",
		    n, recist);
		entry(
		    "DiagnosticReport", "id", n, (int)i,
		    "%s\"status\":\"final\",\"code\":{\"coding\":[{"
		    "\"system\":\"http://dicom.nema.org/resources/ontology/"
		    "DCM\",\"code\":\"%s\"}],\"text\":\"%s\"}," SUBJ
		    ",\"effectiveDateTime\":\"%s\",\"result\":[{\"reference\":"
		    "\"Observation/if%llu-%u\"},{\"reference\":\"Observation/"
		    "ir%llu-%u\"}],\"conclusion\":\"%s\"",
		    ai ? "\"meta\":{\"tag\":[{\"system\":\"urn:x-tumorboard:"
			 "tag\",\"code\":\"ai\"}]},"
		       : "",
		    dcm, mod[1], n, idate, n, i, n, i,
		    i ? "Jämförelse med föregående undersökning."
		      : "Baslinje.");
		img += 40 + (long)pick(80);
		recist = recist * (0.6 + (double)pick(70) / 100.0);
	}
}

int main(int argc, char **argv)
{
	unsigned long long seed = 1, start = 0, per_file = 1000, count;
	bool fhir = false;
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i += 2) {
		if (!strcmp(argv[i], "--fhir")) {
			fhir = true;
			i--;
			continue;
		}
		if (i + 1 >= argc)
			goto usage;
		unsigned long long v = strtoull(argv[i + 1], NULL, 10);
		if (!strcmp(argv[i], "--seed"))
			seed = v;
		else if (!strcmp(argv[i], "--start"))
			start = v;
		else if (!strcmp(argv[i], "--per-file") && v > 0)
			per_file = v;
		else
			goto usage;
	}
	if (argc - i != 2)
		goto usage;
	count = strtoull(argv[i], NULL, 10);
	const char *dir = argv[i + 1];
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "gencases: %s: %s\n", dir, strerror(errno));
		return 1;
	}

	char path[4096];
	/* on a terminal, cases written, the rate and the time left */
	progress_begin("gencases", "cases", (long long)count);
	for (unsigned long long n = 0; n < count; n++) {
		if (n % per_file == 0) {
			if (out && fclose(out) != 0) {
				progress_clear();
				fprintf(stderr, "gencases: %s: %s\n", path,
					strerror(errno));
				return 1;
			}
			snprintf(path, sizeof(path), "%s/cases-%05llu.%s", dir,
				 n / per_file, fhir ? "json" : "xml");
			out = fopen(path, "w");
			out_name = path;
			if (!out) {
				progress_clear();
				fprintf(stderr, "gencases: %s: %s\n", path,
					strerror(errno));
				return 1;
			}
			first_entry = true;
			if (fhir)
				emit("{\"resourceType\":\"Bundle\",\"type\":"
				     "\"collection\",\"entry\":[\n");
			else
				emit("<?xml version=\"1.0\" "
				     "encoding=\"UTF-8\"?>\n"
				     "<!-- Synthetic data from gencases: not "
				     "real "
				     "people. -->\n"
				     "<cases xmlns=\"urn:x-tumorboard:case:1\" "
				     "source=\"gencases seed %llu\">\n",
				     seed);
		}
		rng_state = seed * 0x9e3779b97f4a7c15ULL + start + n;
		next_u64();
		if (fhir)
			write_case_fhir(start + n);
		else
			write_case(start + n);
		if ((n + 1) % per_file == 0 || n + 1 == count)
			emit(fhir ? "\n]}\n" : "</cases>\n");
		progress_add(1);
	}
	if (out && fclose(out) != 0) {
		fprintf(stderr, "gencases: %s: %s\n", path, strerror(errno));
		return 1;
	}
	progress_end();
	return 0;
usage:
	fputs("usage: gencases [--seed N] [--start N] [--per-file N] [--fhir] "
	      "COUNT OUTDIR\n",
	      stderr);
	return 2;
}
