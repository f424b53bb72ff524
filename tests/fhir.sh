#!/bin/sh
# FHIR R4 import (tumorboard-fhir(7)): the format is told by content; valid
# Bundles in XML and in JSON give the same cases (shown against expected
# output); the not-mapped report; --dry-run writes nothing; every broken
# file in tests/data/fhir/bad is refused with exactly the expected
# FILE:LINE: element: message lines and leaves the archive unchanged.
# TB_UPDATE_GOLDEN=1 rewrites the expected files (read the diff).
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
data="$TB_SRCDIR/tests/data/fhir"
samples="$TB_SRCDIR/examples/fhir"
TUMORBOARD_NOW=2026-11-23T09:00:00Z
export TUMORBOARD_NOW

# An input that is missing is a failure, never a pass.
need() {
	for need_f in "$@"; do
		if [ ! -f "$need_f" ]; then
			diag "missing input: $need_f"
			return 1
		fi
	done
}

# compare NAME ACTUAL-FILE EXPECTED-FILE
compare() {
	if [ -n "$TB_UPDATE_GOLDEN" ]; then
		cp "$2" "$3"
	fi
	if [ -f "$3" ] && cmp -s "$2" "$3"; then
		result "$1" 0
	else
		[ -f "$3" ] || diag "missing expected output: $3"
		[ -f "$3" ] && diff -u "$3" "$2" | head -30 | diag
		result "$1" 1
	fi
}

# --- valid files -----------------------------------------------------------
for base in "$samples/lung-egfr-l858r" "$data/valid/two-patients-transaction" \
	"$data/valid/searchset" "$data/valid/document" \
	"$data/valid/mcode-secondary-region" "$data/valid/restful-base"; do
	name=$(basename "$base")
	if ! need "$base.json" "$base.xml"; then
		result "$name: inputs present" 1
		continue
	fi
	for fmt in json xml; do
		db="$tmp/$name-$fmt.db"
		"$TB" --db "$db" import --dry-run "$base.$fmt" >/dev/null 2>&1
		result "$name.$fmt: --dry-run creates no archive" \
			$([ ! -e "$db" ]; echo $?)
		tb_fixture "$db"
		"$TB" --db "$db" import "$TB_EXAMPLES/lung-egfr-l858r.xml" \
			>/dev/null 2>&1
		(cd "$(dirname "$base")" &&
			"$TB" --db "$db" import --dry-run "$name.$fmt") \
			>"$tmp/dry.out" 2>&1
		st=$?
		result "$name.$fmt: --dry-run accepts it" $st
		# a dry run stores nothing (the archive holds the one case file)
		n=$("$TB" --db "$db" cases 2>/dev/null | grep -c . || true)
		result "$name.$fmt: --dry-run wrote no case" $([ "$n" -eq 1 ]; echo $?)
		compare "$name.$fmt: dry-run report" "$tmp/dry.out" \
			"$data/expected/$name.$fmt.dry-run"
		(cd "$(dirname "$base")" && "$TB" --db "$db" import "$name.$fmt") \
			>"$tmp/imp.out" 2>&1
		result "$name.$fmt: imported" $?
		compare "$name.$fmt: import and not-mapped report" "$tmp/imp.out" \
			"$data/expected/$name.$fmt.import"
		(cd "$(dirname "$base")" && "$TB" --db "$db" import "$name.$fmt") \
			>"$tmp/again.out" 2>&1
		grep -q ": 0 new, 0 updated, [1-9][0-9]* unchanged" "$tmp/again.out"
		result "$name.$fmt: importing again changes nothing" $?
	done
	for id in $(sed -n 's/^\([A-Z][A-Z0-9-]*\): new,.*/\1/p' \
		"$data/expected/$name.json.dry-run"); do
		"$TB" --db "$tmp/$name-json.db" show --full-id "$id" |
			sed 's/received [0-9TZ:-]*/received -/;s/\.json/.FMT/' \
				>"$tmp/show-json"
		"$TB" --db "$tmp/$name-xml.db" show --full-id "$id" |
			sed 's/received [0-9TZ:-]*/received -/;s/\.xml/.FMT/' \
				>"$tmp/show-xml"
		cmp -s "$tmp/show-json" "$tmp/show-xml"
		result "$id: the same case from XML and from JSON" $?
		compare "$id: the case as shown" "$tmp/show-json" \
			"$data/expected/show-$id.txt"
	done
done
# Regions studied (Genomics Reporting): the report's regions make one
# line, and a gene studied in which the report has no variant (NRAS, BRAF)
# reads apart from the one with a variant (KRAS) and from a gene not
# studied (PIK3CA, not named). Secondary cancers (mCODE): code with its
# systems, body site and date.
if need "$data/valid/mcode-secondary-region.json"; then
	"$TB" --db "$tmp/mcode-secondary-region-json.db" show --full-id \
		--width 400 UPP-CRC-2026-0142 >"$tmp/crc.show" 2>&1
	grep "Regions studied" "$tmp/crc.show" >"$tmp/crc.regions"
	check "one line for the report's regions" \
		test "$(grep -c . "$tmp/crc.regions")" -eq 1
	check "the genes studied without a variant are named so" \
		grep -q "\. No variant found in NRAS, BRAF\.$" "$tmp/crc.regions"
	check "the gene with a variant is studied and not among them" \
		grep -q "RAS/BRAF-panel): KRAS exon 2, 3 och 4 \[NC_000012.12:25205246-25250929, coverage 99.6 %\]; NRAS" \
		"$tmp/crc.regions"
	check "a gene not studied is not named" lacks "$tmp/crc.regions" -q PIK3CA
	# variants reported absent (LA9634-2 as the value, or in a component
	# 69548-6) with the change looked for are findings with
	# result="absent": shown as no variant found, never as the variant
	check "BRAF V600E reported absent: a finding, no variant found" \
		grep -q "^  BRAF     no variant found: p.Val600Glu (c.1799T>A) *RAS/BRAF-panel$" \
		"$tmp/crc.show"
	check "NRAS Q61R reported absent in a component: a finding, no variant found" \
		grep -q "^  NRAS     no variant found: c.182A>G *RAS/BRAF-panel$" \
		"$tmp/crc.show"
	check "neither is shown as a variant found (kind, allele frequency, origin)" \
		lacks "$tmp/crc.show" -q "Val600Glu (c.1799T>A) *SNV\|c.182A>G *SNV"
	check "nor as a summary line any more" \
		lacks "$tmp/crc.show" -q "^  No variant found (RAS/BRAF-panel)"
	for fmt in json xml; do
		check "mcode-secondary-region.$fmt: no variant reported absent is listed as not mapped" \
			lacks "$data/expected/mcode-secondary-region.$fmt.import" -q "reported absent"
	done
	check "the liver metastasis: ICD-10 and SNOMED CT, body site, onset" \
		grep -q "Secondary cancer: Levermetastaser \[ICD-10 C78.7; SNOMED CT 94381002\], lever, segment IV och VII \[SNOMED CT 10200004\] (2026-09-30)" \
		"$tmp/crc.show"
	check "the lung metastasis: its recorded date" \
		grep -q "Secondary cancer: Lungmetastas \[ICD-10 C78.0\], höger underlob \[SNOMED CT 3341006\] (2026-10-02)" \
		"$tmp/crc.show"
else
	result "mcode-secondary-region: input present" 1
fi
# our own case format is still told apart from FHIR by its content
cp "$TB_EXAMPLES/lung-egfr-l858r.xml" "$tmp/case.json"
tb_fixture "$tmp/own.db"
"$TB" --db "$tmp/own.db" import "$tmp/case.json" >/dev/null 2>&1
result "a case file is read as a case file whatever its name" $?
# and FHIR as FHIR whatever its name: JSON named .xml or .txt, XML named
# .json give the dry run of their own name
if need "$samples/lung-egfr-l858r.json" "$samples/lung-egfr-l858r.xml" \
	"$data/expected/lung-egfr-l858r.json.dry-run"; then
	for pair in json:xml json:txt xml:json; do
		from=${pair%:*} as=${pair#*:}
		mkdir -p "$tmp/named-$from-$as"
		cp "$samples/lung-egfr-l858r.$from" \
			"$tmp/named-$from-$as/lung-egfr-l858r.$as"
		(cd "$tmp/named-$from-$as" &&
			"$TB" --db "$tmp/own.db" import --dry-run "lung-egfr-l858r.$as") \
			>"$tmp/named.out" 2>&1
		st=$?
		sed "s/lung-egfr-l858r\.$from/lung-egfr-l858r.$as/" \
			"$data/expected/lung-egfr-l858r.$from.dry-run" >"$tmp/named.expect"
		result "FHIR $from named .$as is read as FHIR $from (by content)" \
			$([ "$st" -eq 0 ] && cmp -s "$tmp/named.out" "$tmp/named.expect"; echo $?)
	done
fi

# --- every reference form, one that resolves and one that does not ------
# two-patients-transaction holds all three: absolute fullUrls (the
# PractitionerRole's practitioner), urn:uuid (the second case) and Type/id
# (the subjects); the bad files above hold the ones that do not resolve
# (absolute-elsewhere: another server's Patient/b1 and Practitioner/eb,
# though the file has both; unresolved-subject, unresolved-performer:
# Type/id; unresolved-uuid). A version (/_history/n) after an absolute or
# a relative reference still names the resource in the file.
base="$data/valid/two-patients-transaction"
if need "$base.json" "$data/expected/two-patients-transaction.json.dry-run"; then
	mkdir -p "$tmp/hist"
	sed -e 's|"http://fhir.example.se/r4/Practitioner/eb" }|"http://fhir.example.se/r4/Practitioner/eb/_history/3" }|' \
		-e '83s|"Patient/b1"|"Patient/b1/_history/1"|' \
		"$base.json" >"$tmp/hist/two-patients-transaction.json"
	n=$(grep -c '_history/[13]"' "$tmp/hist/two-patients-transaction.json")
	result "both versioned references in the file ($n)" \
		$([ "$n" -eq 2 ]; echo $?)
	tb_fixture "$tmp/hist.db"
	"$TB" --db "$tmp/hist.db" import "$TB_EXAMPLES/lung-egfr-l858r.xml" \
		>/dev/null 2>&1
	(cd "$tmp/hist" && "$TB" --db "$tmp/hist.db" import --dry-run \
		two-patients-transaction.json) >"$tmp/hist.out" 2>&1
	compare "versioned references resolve: the same dry run" \
		"$tmp/hist.out" \
		"$data/expected/two-patients-transaction.json.dry-run"
fi

# Relative references in a Bundle of RESTful fullUrls are read against the
# base of their entry's fullUrl (restful-base: every entry at
# http://fhir.example.se/r4/): the Specimen without an id is found by its
# fullUrl, Patient/pat1/_history/2 is version 2 of the Patient, and the
# genetics lab is the board server's Organization/genlab, not the lab
# server's own copy of the same Type/id (listed as not mapped). The bad
# files relative-other-base (an entry at another server: Patient/pat1 is
# not in the file there), relative-version (version 1 of a Patient that
# is version 2) and relative-ambiguous (Organization/genlab from a
# urn:uuid entry, with two servers' genlab in the file) are refused above.
if need "$data/valid/restful-base.json" "$data/valid/restful-base.xml"; then
	for fmt in json xml; do
		"$TB" --db "$tmp/restful-base-$fmt.db" show --full-id --width 400 \
			SKA-LUNG-2026-0150 >"$tmp/rb.show" 2>&1
		check "restful-base.$fmt: the lab is the board server's Organization/genlab" \
			grep -q "Klinisk genetik och patologi, Lund" "$tmp/rb.show"
		check "restful-base.$fmt: not the lab server's one" \
			lacks "$tmp/rb.show" -q "labbets egen post"
		check "restful-base.$fmt: the specimen found by its fullUrl" \
			grep -q "EBUS-TBNA 4R" "$tmp/rb.show"
	done
else
	result "restful-base: inputs present" 1
fi

# --- a resource id that is an identity number is never repeated -----------
if need "$samples/lung-egfr-l858r.json"; then
	sed -e 's/"id": "pat1"/"id": "19560312-9809"/' \
		-e 's|"Patient/pat1"|"Patient/19560312-9809"|g' \
		-e 's|"gender": "female",|"gender": "female", "telecom": [ { "system": "phone", "value": "040-123 45 67" } ],|' \
		"$samples/lung-egfr-l858r.json" >"$tmp/pnr-id.json"
	"$TB" --db "$tmp/pnr-id.db" import --dry-run "$tmp/pnr-id.json" \
		>/dev/null 2>&1
	tb_fixture "$tmp/pnr-id.db"
	"$TB" --db "$tmp/pnr-id.db" import "$TB_EXAMPLES/lung-egfr-l858r.xml" \
		>/dev/null 2>&1
	"$TB" --db "$tmp/pnr-id.db" import --dry-run "$tmp/pnr-id.json" \
		>"$tmp/pnr-id.out" 2>&1
	grep -q "Patient/(an identity number) Patient.telecom: not mapped" \
		"$tmp/pnr-id.out"
	result "a Patient whose id is an identity number is listed masked" $?
	grep -q "19560312\|9809" "$tmp/pnr-id.out"
	result "and the number appears nowhere in the report" \
		$([ $? -ne 0 ]; echo $?)
else
	result "a Patient whose id is an identity number: input present" 1
fi

# --- what the FHIR export writes, the reader reads back --------------------
# Every sample case exported as a FHIR case Bundle (JSON and XML) and
# imported into an empty archive shows as it did: the board's status, the
# pathology grade and each item's source system too. Left out of the
# comparison: when the case was received (the receiving archive's own).
tb_fixture "$tmp/rt.db"
"$TB" --db "$tmp/rt.db" import "$TB_EXAMPLES"/*.xml >/dev/null 2>&1
ids=$("$TB" --db "$tmp/rt.db" cases 2>/dev/null | awk '{print $1}')
n_ids=$(echo "$ids" | grep -c .)
result "the sample cases to export ($n_ids)" $([ "$n_ids" -ge 30 ]; echo $?)
shown() {
	"$TB" --db "$1" show --full-id --width 400 "$2" 2>&1 |
		sed -e 's/, received [0-9TZ:-]*//'
}
rt_bad=""
for id in $ids; do
	for fmt in json xml; do
		"$TB" --db "$tmp/rt.db" export "$id" --format "$fmt" \
			>"$tmp/rt.$fmt" 2>/dev/null || {
			rt_bad="$rt_bad $id.$fmt(export)"
			continue
		}
		rm -f "$tmp/rt2.db"
		tb_fixture "$tmp/rt2.db"
		"$TB" --db "$tmp/rt2.db" import "$tmp/rt.$fmt" >"$tmp/rt.out" 2>&1 || {
			rt_bad="$rt_bad $id.$fmt(import)"
			head -5 "$tmp/rt.out" | diag
			continue
		}
		grep -q "not mapped" "$tmp/rt.out" &&
			rt_bad="$rt_bad $id.$fmt(not-mapped)"
		shown "$tmp/rt.db" "$id" >"$tmp/rt.a"
		shown "$tmp/rt2.db" "$id" >"$tmp/rt.b"
		cmp -s "$tmp/rt.a" "$tmp/rt.b" || {
			rt_bad="$rt_bad $id.$fmt"
			diff "$tmp/rt.a" "$tmp/rt.b" | head -6 | diag
		}
	done
done
[ -z "$rt_bad" ] || diag "differs:$rt_bad"
result "every sample case exported as FHIR reads back as it was" \
	$([ -z "$rt_bad" ]; echo $?)

# A variant looked for and not found (result="absent") is written as a
# Genomics Reporting variant Observation whose value is LA9634-2 (Absent),
# with the gene studied and the change looked for: in the case Bundle and
# the referral package, XML and JSON; read back, it is the same finding,
# not found, and no variant is written as present that was not.
ab=SKA-LUNG-2026-0190
tb_fixture "$tmp/ab.db"
"$TB" --db "$tmp/ab.db" import "$TB_TESTDATA/absent-finding.xml" >/dev/null 2>&1
shown "$tmp/ab.db" $ab >"$tmp/ab.a"
check "the case with a variant not found is there" \
	grep -q "no variant found: p.Thr790Met" "$tmp/ab.a"
for fmt in json xml; do
	"$TB" --db "$tmp/ab.db" export $ab --format $fmt >"$tmp/ab-case.$fmt" 2>/dev/null
	result "export $fmt of the case" $?
	"$TB" --db "$tmp/ab.db" refer $ab --to "Nationell lung-MDK" \
		--package "$tmp/ab-ref.$fmt" --format $fmt >/dev/null 2>&1
	result "referral package $fmt of the case" $?
	for f in case ref; do
		# one Observation of the variant not found: Absent, its gene
		# and change; the variant found stays Present
		tr -d ' \n' <"$tmp/ab-$f.$fmt" >"$tmp/ab-flat"
		n_abs=$(grep -o 'LA9634-2' "$tmp/ab-flat" | wc -l)
		n_pres=$(grep -o 'LA9633-4' "$tmp/ab-flat" | wc -l)
		result "$f.$fmt: one variant written absent (LA9634-2: $n_abs), one present (LA9633-4: $n_pres)" \
			$([ "$n_abs" -eq 1 ] && [ "$n_pres" -eq 1 ]; echo $?)
		check "$f.$fmt: the change looked for is written" \
			grep -q 'NM_005228.5:c.2369C&gt;T\|NM_005228.5:c.2369C>T' "$tmp/ab-$f.$fmt"
		check "$f.$fmt: and its protein change" grep -q 'p.Thr790Met' "$tmp/ab-$f.$fmt"
	done
	rm -f "$tmp/ab2.db"
	tb_fixture "$tmp/ab2.db"
	"$TB" --db "$tmp/ab2.db" import "$tmp/ab-case.$fmt" >"$tmp/ab.out" 2>&1
	result "case.$fmt imports" $?
	check "case.$fmt: nothing not mapped" lacks "$tmp/ab.out" -q "not mapped"
	shown "$tmp/ab2.db" $ab >"$tmp/ab.b"
	cmp -s "$tmp/ab.a" "$tmp/ab.b" || diff "$tmp/ab.a" "$tmp/ab.b" | head -6 | diag
	check "case.$fmt read back is the case as it was (the variant not found)" \
		cmp -s "$tmp/ab.a" "$tmp/ab.b"
	rm -f "$tmp/ab3.db"
	tb_fixture "$tmp/ab3.db"
	"$TB" --db "$tmp/ab3.db" refer --receive "$tmp/ab-ref.$fmt" >/dev/null 2>&1
	result "the referral package ($fmt) is received" $?
	check "and its case holds the variant not found" sh -c \
		'"$0" --db "$1" show --full-id --width 400 "$2" | grep -q "^  EGFR     no variant found: p.Thr790Met (c.2369C>T) *GMS560$"' \
		"$TB" "$tmp/ab3.db" $ab
done

# --- broken files ----------------------------------------------------------
tb_fixture "$tmp/bad.db"
"$TB" --db "$tmp/bad.db" import "$samples/lung-egfr-l858r.json" >/dev/null 2>&1
"$TB" --db "$tmp/bad.db" cases --full-id >"$tmp/before" 2>&1
both="absolute-elsewhere relative-other-base relative-version relative-ambiguous
absent-no-gene absent-gene
status-code status-no-code status-value status-no-value status-no-subject
status-subject status-no-date status-future status-focus status-focus-patient
status-focus-cancer
region-coverage region-gene region-gene-symbol
region-nothing region-range secondary-date secondary-future secondary-icd10
secondary-no-code secondary-site authored birthdate birthdate-month control-char duplicate-resource ecog-string ecog7
gender gene-lower hgvs-c icdo3 imaging-date imaging-modality
imaging-no-findings karnofsky karnofsky-step language level marker-no-value
medication-date medication-request-date procedure-date medication-reference msi-value no-gene
no-level no-name no-patient no-pnr no-primary no-question no-servicerequest
no-source-class not-neoplasm onset-future path-no-conclusion
path-no-performer pnr-luhn recist-negative requester-practitioner
samordning-as-pnr searchset-other-patient significance single-patient snomed-only
source-class
specimen-no-type tmb-no-value tnm-ajcc7 tnm-snomed tnm-t
two-histology two-patients-same-pnr unresolved-performer unresolved-subject unresolved-uuid vaf
variant-no-report"
files=""
for b in $both; do files="$files $b.json $b.xml"; done
files="$files json-array.json json-deep.json json-duplicate-key.json
json-empty-array.json json-no-resourcetype.json json-nul.json json-null.json
json-syntax.json json-trailing.json json-utf8.json two-recist.json xml-doctype.xml
xml-foreign.xml xml-malformed.xml xml-text.xml"
for f in $files; do
	if ! need "$data/bad/$f"; then
		result "$f: input present" 1
		continue
	fi
	(cd "$data/bad" && "$TB" --db "$tmp/bad.db" import "$f") \
		>"$tmp/out" 2>"$tmp/err"
	st=$?
	result "$f: refused (exit $st)" $([ "$st" -ne 0 ]; echo $?)
	compare "$f: every problem with its line and element" "$tmp/err" \
		"$data/bad/$f.expect"
done
"$TB" --db "$tmp/bad.db" cases --full-id >"$tmp/after" 2>&1
cmp -s "$tmp/before" "$tmp/after"
result "no broken file changed the archive" $?
"$TB" --db "$tmp/bad.db" verify >/dev/null 2>&1
result "the archive verifies after the refused files" $?
# each expected output names at least one problem
empty=0
for f in "$data"/bad/*.expect; do
	grep -v "rejected; nothing" "$f" | grep -q . || {
		diag "no problem expected in $f"
		empty=1
	}
done
result "every expected output names a problem" $empty

# --- JSON is read member by member, a Bundle entry by entry ---------------
# The same cases and lines whatever the order of the top-level members
# (resourceType last) and when the top level is read whole (a key with an
# escape sends the file to json-c whole): the dry run as expected.
base="$data/valid/two-patients-transaction"
if need "$base.json" "$data/expected/two-patients-transaction.json.dry-run"; then
	mkdir -p "$tmp/last" "$tmp/escaped"
	sed -e '2s/.*//' -e '$s/^}$/, "resourceType": "Bundle" }/' "$base.json" \
		>"$tmp/last/two-patients-transaction.json"
	check "resourceType moved to the end" sh -c \
		'tail -n 1 "$0" | grep -q "\"resourceType\": \"Bundle\" }"' \
		"$tmp/last/two-patients-transaction.json"
	sed -e '2s/"resourceType"/"resourc\\u0065Type"/' "$base.json" \
		>"$tmp/escaped/two-patients-transaction.json"
	check "the key escaped" grep -q 'resourc\\u0065Type' \
		"$tmp/escaped/two-patients-transaction.json"
	tb_fixture "$tmp/order.db"
	"$TB" --db "$tmp/order.db" import "$TB_EXAMPLES/lung-egfr-l858r.xml" \
		>/dev/null 2>&1
	for v in last escaped; do
		(cd "$tmp/$v" && "$TB" --db "$tmp/order.db" import --dry-run \
			two-patients-transaction.json) >"$tmp/$v.out" 2>&1
		compare "$v: the same dry run, line for line" "$tmp/$v.out" \
			"$data/expected/two-patients-transaction.json.dry-run"
	done
fi
# --- A Bundle read a Patient at a time says what the whole tree says -----
# Every JSON Bundle here read as import reads it (an entry at a time, a
# Patient's resources read again when its case is built, reported and let
# go) and read whole (its top-level resourceType key escaped, which sends
# the file to json-c whole): the same cases, problems, lines and not-mapped
# report, line for line. tests/data/fhir/apart holds the files where the
# two ways once differed: a resource of one Patient reached from another's
# (directly, through a report, or from a resource so reached), a
# duplicate so reached or in a file without a Patient, problems of a file
# that does not parse, an entry without a resource, the order of errors
# under the cap.
if need "$samples/lung-egfr-l858r.json"; then
	mkdir -p "$tmp/apart" "$tmp/whole"
	tb_fixture "$tmp/apart.db"
	compared=0
	for f in "$samples"/*.json "$data"/valid/*.json "$data"/bad/*.json \
		"$data"/apart/*.json; do
		# a Bundle whose first key is its own resourceType
		head -n 3 "$f" | grep -q '"resourceType": *"Bundle"' || continue
		b=$(basename "$f")
		cp "$f" "$tmp/apart/$b"
		sed '0,/"resourceType"/s//"resourc\\u0065Type"/' "$f" >"$tmp/whole/$b"
		if ! grep -q 'resourc\\u0065Type' "$tmp/whole/$b"; then
			diag "$b: the key was not escaped"
			compared=-1000
			continue
		fi
		# (the escape moves what follows it five bytes on)
		for v in apart whole; do
			(cd "$tmp/$v" && "$TB" --db "$tmp/apart.db" import \
				--dry-run "$b") 2>&1 |
				sed 's/(byte [0-9]*)/(byte N)/' >"$tmp/$v.out"
		done
		if ! cmp -s "$tmp/apart.out" "$tmp/whole.out"; then
			diag "$b: read a Patient at a time and read whole differ"
			diff -u "$tmp/whole.out" "$tmp/apart.out" | head -20 | diag
			compared=-1000
		fi
		compared=$((compared + 1))
	done
	diag "$compared Bundles read both ways"
	check "every JSON Bundle here (100 or more) reads the same both ways" \
		test "$compared" -ge 100
fi
# The nesting limit is where it was when json-c read the whole file:
# FHIR_JSON_MAX_DEPTH counted from the top, in an entry and in a single
# resource.
nest() { # nest N: N objects inside each other
	i=0; o=""; c=""
	while [ $i -lt "$1" ]; do o="$o{\"a\": "; c="$c}"; i=$((i + 1)); done
	printf '%s"x"%s' "$o" "$c"
}
for n in 27 28; do
	printf '{\n"resourceType": "Bundle",\n"type": "collection",\n"entry": [ { "resource": { "resourceType": "Basic", "id": "b",\n"x": %s } } ]\n}\n' \
		"$(nest $n)" >"$tmp/deep-$n.json"
done
for n in 30 31; do
	printf '{\n"resourceType": "Basic",\n"id": "b",\n"x": %s\n}\n' \
		"$(nest $n)" >"$tmp/deep-r$n.json"
done
tb_fixture "$tmp/deep.db"
for f in deep-27 deep-r30; do
	"$TB" --db "$tmp/deep.db" import --dry-run "$tmp/$f.json" >/dev/null 2>"$tmp/err"
	check "$f: the deepest nesting allowed is read" lacks "$tmp/err" -q "too deep"
done
for f in deep-28:5 deep-r31:4; do
	line=${f#*:}
	f=${f%:*}
	"$TB" --db "$tmp/deep.db" import --dry-run "$tmp/$f.json" >/dev/null 2>"$tmp/err"
	check "$f: one deeper is refused at its line" \
		grep -q "^$tmp/$f.json:$line: not valid JSON: nesting too deep" "$tmp/err"
done
# Memory: a Bundle of 100 cases (about 1 MB) is read a Patient at a time
# from the file where it lies (mapped, not on the heap): the heap's peak
# (valgrind massif, deterministic) stays under 2 times the file (25 times
# when json-c held the whole file, about 11 when the whole tree and every
# case were held, 4.7 for the whole tree alone, 3 with the file read
# into memory, 2.04 with the index's keys copied and every resource's
# strings held apart; 1.6 now).
if [ "$TB_SANITIZERS" = yes ]; then
	result "the heap's peak # SKIP valgrind does not run sanitized programs" 0
elif ! command -v valgrind >/dev/null 2>&1; then
	result "valgrind is installed (tools/bootstrap)" 1
else
	"$TB_GENCASES" --seed 1 --per-file 100 --fhir 100 "$tmp/gen" >/dev/null
	big="$tmp/gen/cases-00000.json"
	size=$(wc -c <"$big")
	check "the generated Bundle is over 1 MB" test "$size" -gt 1000000
	tb_fixture "$tmp/mem.db"
	valgrind --tool=massif --massif-out-file="$tmp/massif.out" \
		"$TB" --db "$tmp/mem.db" import --dry-run "$big" >"$tmp/mem.out" 2>/dev/null
	check "the Bundle is read (100 new cases)" grep -q "would import 100 new" "$tmp/mem.out"
	peak=$(awk -F= '/^mem_heap_B=/ {h = $2} /^mem_heap_extra_B=/ {if (h + $2 > p) p = h + $2} END {print p + 0}' "$tmp/massif.out")
	diag "heap peak $peak bytes for a file of $size bytes"
	check "the heap's peak is under 2 times the file" test "$peak" -lt $((2 * size))
fi
finish
