#!/bin/sh
# The demo archive's users (synthetic people): the account that builds the
# demo becomes its first administrator and Karin Berg, the chair of the
# demo's meetings who signs its decisions, with every role and board so
# that one person can try everything; and one user for every role besides.
# Makes the database. usage: demo-users.sh TUMORBOARD DATABASE
set -eu
tb=$1
db=$2
user() { "$tb" --db "$db" user add "$@" >/dev/null; }

user "$(id -un)" --name "Karin Berg" --title läkare \
	--role administrator,coordinator,member,chair,nurse,auditor \
	--board lung --board breast --board colorectal --board prostate \
	--board melanoma --board general
user per.lindqvist --name "Per Lindqvist" --title läkare \
	--role chair,member --board general \
	--unit "Onkologiska kliniken, Karolinska universitetssjukhuset"
user sara.holm --name "Sara Holm" --title läkare --role member \
	--board lung --board general
user maja.ostlund --name "Maja Östlund" --title koordinator \
	--role coordinator --board lung --board colorectal --board general
user lena.aberg --name "Lena Åberg" --title sjuksköterska --role nurse \
	--board lung --unit "Lungmedicin, SUS Lund"
user goran.nyberg --name "Göran Nyberg" --title systemförvaltare \
	--role administrator
user ingrid.sjo --name "Ingrid Sjö" --title logggranskare --role auditor
# the people who attend the demo's meetings (attendees are users)
for p in "johan.lindqvist:Johan Lindqvist:läkare" \
	"sara.nyberg:Sara Nyberg:läkare" "ali.hassan:Ali Hassan:läkare" \
	"maria.ek:Maria Ek:läkare" "lena.holm:Lena Holm:sjuksköterska" \
	"elin.bergstrom:Elin Bergström:läkare" \
	"eva.lind:Eva Lind:sjuksköterska"; do
	acct=${p%%:*}
	rest=${p#*:}
	user "$acct" --name "${rest%%:*}" --title "${rest#*:}" --role member
done
