#!/bin/sh
# A few entries in the demo archive's access log, made the way staff make
# them: a case shown, searched for and briefed, a summary and a note read,
# and one emergency access. The demo account belongs to every board, so
# every case is in its care; for the emergency access it leaves the
# general board for a moment (recorded in the audit log like any change of
# a user), opens a case of that board with a reason, and joins it again.
# Then `tumorboard log --review` has the emergency access to look at, and
# `tumorboard log --patient 19560312-9809` an extract to show.
# usage: demo-access.sh TUMORBOARD DATABASE
set -eu
tb=$1
db=$2
run() { "$tb" --db "$db" "$@" >/dev/null; }
me=$(id -un)

run show SKA-LUNG-2026-0001
run cases --search "Märta"
run support SKA-LUNG-2026-0001
run summary 1
run note 1
run user edit "$me" --board lung --board breast --board colorectal \
	--board prostate --board melanoma
run --emergency "Akut försämring på jouren; behandlande läkare ej nåbar" \
	show VGR-MTB-2026-0047
run user edit "$me" --board lung --board breast --board colorectal \
	--board prostate --board melanoma --board general
