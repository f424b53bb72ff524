#!/bin/sh
# Writes the case file of the hand-counted report data set from cases.tsv:
# usage: gencases.sh cases.tsv > cases.xml. Identity numbers are valid
# test numbers (Luhn) made up from the birth date; names are synthetic.
awk -F '\t' '
function luhn(s,   i, d, sum) {
	sum = 0
	for (i = 1; i <= 9; i++) {
		d = substr(s, i, 1) * (i % 2 ? 2 : 1)
		sum += d > 9 ? d - 9 : d
	}
	return (10 - sum % 10) % 10
}
BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<!-- Synthetic cases for tests/report.sh: not real people. -->"
	print "<cases xmlns=\"urn:x-tumorboard:case:1\" source=\"report test\">"
}
/^#/ { next }
{
	n++
	# serial: the third digit is even for women and odd for men
	serial = sprintf("%02d%d", n, $6 == "female" ? 2 : 3)
	short = substr($5, 3, 6) serial
	pnr = substr($5, 1, 8) "-" serial luhn(short)
	printf "  <case id=\"RPT-%s\" referred=\"%s\" level=\"regional\" priority=\"routine\" status=\"referred\">\n", $1, $4
	print "    <patient>"
	printf "      <id type=\"personnummer\">%s</id>\n", pnr
	printf "      <name family=\"Testsson%s\" given=\"Test\"/>\n", $1
	printf "      <sex>%s</sex>\n      <language>%s</language>\n      <region>%s</region>\n", $6, $8, $7
	print "    </patient>"
	printf "    <diagnosis icd10=\"%s\" date=\"2025-12-01\">Syntetisk diagnos</diagnosis>\n", $2
	print "    <referrer name=\"Eva Remiss\" unit=\"Onkologen\" phone=\"040-00 00 00\"/>"
	print "    <question>Fortsatt behandling?</question>"
	print "    <level-reason>Regional bedömning behövs.</level-reason>"
	print "    <ecog date=\"2026-01-25\">1</ecog>"
	if ($9 != "-")
		printf "    <finding gene=\"EGFR\" kind=\"snv\" origin=\"somatic\" c=\"c.2573T&gt;G\" p=\"p.Leu858Arg\" test=\"GMS560\" sample=\"Biopsi\" lab=\"Klinisk genetik\" date=\"%s\" context=\"clinical\"/>\n", $9
	print "  </case>"
}
END { print "</cases>" }
' "$1"
