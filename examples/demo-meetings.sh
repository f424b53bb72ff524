#!/bin/sh
# Plans the demo meetings and their agendas through the same commands a
# coordinator uses. usage: demo-meetings.sh TUMORBOARD DATABASE
set -eu
tb=$1
db=$2
meeting() { "$tb" --db "$db" meeting add "$@"; }
add() { "$tb" --db "$db" agenda "$@" >/dev/null; }

lung=$(meeting --date 2026-11-26 --start 14:00 --length 60 --board lung \
	--level regional --location "Konferensrum Onkologen, SUS Lund" \
	--chair "Karin Berg")
for c in SKA-LUNG-2026-0001 OST-LUNG-2026-0004 HAL-LUNG-2026-0017 \
	SLL-LUNG-2026-0031 VGR-LUNG-2026-0019 SLL-LUNG-2026-0044; do
	add "$lung" add "$c"
done
add "$lung" add ORE-LUNG-2026-0021 --presenter "Annelie Ringström" --minutes 10

crc=$(meeting --date 2026-11-27 --start 08:00 --length 45 --board colorectal \
	--level regional --location "Video, regional kolorektal-MDK")
for c in SKA-CRC-2026-0118 JKP-CRC-2026-0031 SLL-CRC-2026-0212 \
	VGR-CRC-2026-0233; do
	add "$crc" add "$c"
done

mtb=$(meeting --date 2026-12-02 --start 15:00 --length 90 --board general \
	--level national --location "Nationell MTB, video" \
	--chair "Per Lindqvist")
for c in SLL-MTB-2026-0061 OST-MTB-2026-0022 VGR-MTB-2026-0047 \
	VML-LYMF-2026-0003 SLL-PED-2026-0007; do
	add "$mtb" add "$c"
done

meeting --date 2026-12-03 --start 13:00 --length 60 --board breast \
	--level regional --location "Konferensrum 4, Akademiska" >/dev/null
