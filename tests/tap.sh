# Shared TAP helpers for the shell tests; source it.
# ok CONDITION-EXIT-STATUS DESCRIPTION is spelled: check "desc" cmd args...
tap_n=0
tap_failed=0
check() {
	desc=$1
	shift
	tap_n=$((tap_n + 1))
	if "$@" >/dev/null 2>&1; then
		echo "ok $tap_n - $desc"
	else
		echo "not ok $tap_n - $desc"
		tap_failed=$((tap_failed + 1))
	fi
}
# pass/fail with an explicit result (0 = pass)
result() {
	desc=$1
	status=$2
	tap_n=$((tap_n + 1))
	if [ "$status" -eq 0 ]; then
		echo "ok $tap_n - $desc"
	else
		echo "not ok $tap_n - $desc"
		tap_failed=$((tap_failed + 1))
	fi
}
# Prints its arguments, or its standard input when it has none, as TAP
# comments.
diag() {
	if [ $# -eq 0 ]; then
		sed 's/^/# /'
	else
		printf '%s\n' "$@" | sed 's/^/# /'
	fi
}
# lacks FILE GREP-ARGS...: true when FILE is there and grep finds nothing
# in it; false when it finds something, and false too when FILE is
# missing or grep cannot read it (a check that nothing is there must not
# pass because there was nothing to read). FILE may be a directory for
# grep -r.
lacks() {
	lacks_f=$1
	shift
	if [ ! -e "$lacks_f" ]; then
		echo "# lacks: $lacks_f is missing: nothing was checked" >&2
		return 1
	fi
	grep "$@" "$lacks_f" >/dev/null 2>&1
	[ $? -eq 1 ]
}
# skip DESCRIPTION REASON: a check counted as skipped, with its reason,
# for a tool the machine does not have (tools/bootstrap installs them all:
# use it only where a machine may lack one).
tap_skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
	echo "# SKIPPED: $1: $2" >&2
}
# tap_need TOOL PACKAGE: true when TOOL is installed. tools/bootstrap
# installs every tool the tests use, so where TB_NEED_TOOLS is set (.ci/run
# sets it) a missing tool is a failure: "Bail out!" and exit 1. By hand
# (make check on a machine without it) the caller skips what needs it,
# and it is said: here on standard error, and by the caller's SKIP.
tap_need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ -n "${TB_NEED_TOOLS:-}" ]; then
		echo "Bail out! $1 is not installed (Debian: $2; tools/bootstrap installs it)"
		exit 1
	fi
	echo "# SKIPPED: $1 is not installed (Debian: $2; tools/bootstrap installs it): what needs it is not tested" >&2
	return 1
}
# tap_need_all TOOL PACKAGE: the whole test needs TOOL: without it the
# test is skipped whole (1..0 # SKIP, with the reason), or fails under
# TB_NEED_TOOLS (tap_need).
tap_need_all() {
	tap_need "$1" "$2" && return 0
	echo "1..0 # SKIP $1 not installed (Debian: $2; tools/bootstrap installs it)"
	exit 0
}
# tmux_wait_for [-n TRIES] -S SOCKET|-L NAME SESSION PATTERN: waits up to
# TRIES tenths of a second (default 50) until the pane of SESSION on that
# tmux server (its socket's path, or its name) shows PATTERN (grep); false,
# with the pane as TAP comments, when it never does.
tmux_wait_for() {
	tw_tries=50
	if [ "$1" = -n ]; then
		tw_tries=$2
		shift 2
	fi
	tw_server="$1 $2"
	tw_session=$3
	tw_pattern=$4
	tw_i=0
	while [ "$tw_i" -lt "$tw_tries" ]; do
		# shellcheck disable=SC2086 # "-S PATH" or "-L NAME": two words
		tmux $tw_server capture-pane -p -t "$tw_session" | grep -q -- "$tw_pattern" && return 0
		sleep 0.1
		tw_i=$((tw_i + 1))
	done
	# shellcheck disable=SC2086
	tmux $tw_server capture-pane -p -t "$tw_session" | diag
	return 1
}
finish() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
# The test environment's own account made the first administrator of a new
# archive at $1 (the first-run path, tumorboard-roles(5)), with every role
# and every board, so that the tests of other things may do everything.
# Tests of permissions use tests/tumorboard-as ($TB_AS_BIN) with narrower
# users.
# One user of each role in the archive at $1, the narrower users tests of
# permissions sign in as: koord (coordinator), ledamot (member), ordf
# (chair) and ssk (nurse) on the lung board, admin (administrator) and
# revisor (auditor).
tb_role_users() {
	tb_ru_db=$1
	for tb_ru in "koord:Maja Östlund:koordinator:coordinator" \
		"ledamot:Sara Holm:läkare:member" \
		"ordf:Per Lindqvist:läkare:chair" \
		"ssk:Lena Åberg:sjuksköterska:nurse" \
		"admin:Göran Nyberg:systemförvaltare:administrator" \
		"revisor:Ingrid Sjö:logggranskare:auditor"; do
		IFS=: read -r tb_ru_id tb_ru_name tb_ru_title tb_ru_role <<EOF
$tb_ru
EOF
		case $tb_ru_role in
		administrator | auditor) set -- ;;
		*) set -- --board lung ;;
		esac
		"$TB" --db "$tb_ru_db" user add "$tb_ru_id" --name "$tb_ru_name" \
			--title "$tb_ru_title" --role "$tb_ru_role" "$@" >/dev/null ||
			return 1
	done
}
tb_fixture() {
	"$TB" --db "$1" user add "$(id -un)" --name "Karin Berg" \
		--title läkare \
		--role administrator,coordinator,member,chair,nurse,auditor \
		--board lung --board breast --board colorectal \
		--board prostate --board melanoma --board general >/dev/null ||
		return 1
	# the synthetic people the tests record as attendees: attendees are
	# users (or guests, marked as such), never free text; those the
	# tests name as a meeting's chair hold the chair role as well (a
	# chair signs the meeting's decisions: a user who may not is refused
	# as chair)
	for p in "ab:A B" "ali.hassan:Ali Hassan" "ali.nasser:Ali Nasser" \
		"anna.lund:Anna Lund" "elin.bergstrom:Elin Bergström" \
		"eva.lind:Eva Lind" "johan.lindqvist:Johan Lindqvist" \
		"lars.ek:Lars Ek" "lena.holm:Lena Holm" "lena.as:Lena Ås" \
		"maria.ek:Maria Ek" "nils.ek:Nils Ek" "nils.berg:Nils Berg" \
		"per.ek:Per Ek" "per.holm:Per Holm" "per.sten:Per Sten" \
		"sara.holm:Sara Holm" "sara.nyberg:Sara Nyberg"; do
		case ${p%%:*} in
		eva.lind | nils.ek | per.holm | sara.holm) tb_f_role=member,chair ;;
		*) tb_f_role=member ;;
		esac
		"$TB" --db "$1" user add "${p%%:*}" --name "${p#*:}" \
			--title läkare --role "$tb_f_role" >/dev/null || return 1
	done
}
# tb_archive DB [meetings|decisions]: the archive most tests begin with,
# new at DB: tb_fixture's users and the example cases; "meetings" adds
# the demo meetings (examples/demo-meetings.sh), "decisions" those, the
# demo decisions (examples/demo-decisions.sh) and tb_role_users'.
# Non-zero when a step fails.
tb_archive() {
	tb_fixture "$1" || return 1
	"$TB" --db "$1" import "$TB_EXAMPLES"/*.xml >/dev/null || return 1
	[ -n "${2:-}" ] || return 0
	sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$1" >/dev/null ||
		return 1
	[ "$2" = decisions ] || return 0
	sh "$TB_SRCDIR/examples/demo-decisions.sh" "$TB" "$1" >/dev/null 2>&1 ||
		return 1
	tb_role_users "$1"
}
# tb_meeting_keys DB N: the screen's keys that open the meetings list
# and select meeting N on it (its row in the order of `meetings`)
tb_meeting_keys() {
	_i=$("$TB" --db "$1" meetings | awk -v id="$2" '$1 == id { print NR; exit }')
	_keys="m Home"
	while [ "${_i:-1}" -gt 1 ]; do
		_keys="$_keys j"
		_i=$((_i - 1))
	done
	echo "$_keys"
}
# tb_need_as: bail out unless tests/tumorboard-as ($TB_AS_BIN) is built.
tb_need_as() {
	[ -x "$TB_AS_BIN" ] || {
		echo "Bail out! $TB_AS_BIN missing"
		exit 1
	}
	AS=$TB_AS_BIN
}
# The names (roles.xml's name) of the shipped roles that grant the
# permission $1, one a line: the roles a refusal names as the ones that
# may (tumorboard-roles(5)). Nothing when data/roles.xml is unreadable.
tb_granting() {
	# in the interface language: roles.xml names the shipped roles in
	# Swedish, the English interface has words of its own for them
	case ${LANGUAGE:-} in
	sv*) tb_gr_en=0 ;;
	*) tb_gr_en=1 ;;
	esac
	awk -v p="<permission>$1</permission>" -v en=$tb_gr_en '
		BEGIN {
			w["coordinator"] = "MDK coordinator"; w["member"] = "Board member"
			w["chair"] = "Chair"; w["nurse"] = "Contact nurse"
			w["administrator"] = "System administrator"; w["auditor"] = "Log auditor"
		}
		/<role / {
			n = $0; sub(/.* name="/, "", n); sub(/".*/, "", n)
			id = $0; sub(/.* id="/, "", id); sub(/".*/, "", id)
			if (en && (id in w)) n = w[id]
		}
		index($0, p) { print n }' "$TB_SRCDIR/data/roles.xml"
}
# Whether the refusal text $1 (one line; a wrapped status line joined
# with spaces) is in a clinician's words for the permission $2 asked by
# the action or command $3: it says what may not be done ("You may not"),
# names every role that may (tb_granting), has the permission's name
# only in brackets at the end, and no internal prefix ("$3:", "refused:").
# Says what is wrong on standard error.
tb_refusal_words() {
	tb_rw_bad=0
	tb_rw_roles=$(tb_granting "$2")
	[ -n "$tb_rw_roles" ] || { echo "no role grants $2 in roles.xml" >&2; return 1; }
	case $1 in
	"You may not "*) ;;
	*) echo "does not begin with 'You may not': $1" >&2; tb_rw_bad=1 ;;
	esac
	for tb_rw_r in $(printf '%s\n' "$tb_rw_roles" | tr ' ' '\001'); do
		tb_rw_r=$(printf '%s' "$tb_rw_r" | tr '\001' ' ')
		case $1 in
		*"$tb_rw_r"*) ;;
		*) echo "the role '$tb_rw_r' that may is not named: $1" >&2; tb_rw_bad=1 ;;
		esac
	done
	case $1 in
	*"[$2]") ;;
	*) echo "does not end with [$2]: $1" >&2; tb_rw_bad=1 ;;
	esac
	case ${1%"[$2]"} in
	*"$2"*) echo "$2 named outside the brackets: $1" >&2; tb_rw_bad=1 ;;
	esac
	case $1 in
	"$3:"* | *"refused:"*) echo "an internal prefix ('$3:'): $1" >&2; tb_rw_bad=1 ;;
	esac
	return $tb_rw_bad
}
# The status line of the first screen of the dump $1 (--dump; --- screen
# N --- lines part the screens) as one line: of its last $2 lines
# (default 3; a message wider than the screen wraps upward), those from
# the last that begins with "You may not" (or $3), joined with spaces.
tb_status_text() {
	awk -v k="${2:-3}" -v start="${3:-You may not}" '
		/^--- screen / { n++; next }
		n == 1 { line[++r] = $0 }
		END {
			s = ""
			for (i = (r > k ? r - k + 1 : 1); i <= r; i++) {
				t = line[i]
				sub(/^ /, "", t)
				if (index(t, start) == 1) { s = t; on = 1 }
				else if (on) s = s " " t
			}
			print s
		}' "$1"
}
# Whether the command line's refusal in the file $1 (its first line) is
# "tumorboard COMMAND: " (or "tumorboard: " for the screen) and then
# tb_refusal_words' for the permission in its brackets (or $2 when given).
tb_cli_refusal() {
	tb_cr_line=$(head -1 "$1")
	tb_cr_perm=${2:-$(printf '%s\n' "$tb_cr_line" | sed -n 's/.*\[\([a-z]*\.[a-z]*\)\]$/\1/p')}
	case $tb_cr_line in
	"tumorboard: You may not "* | "tumorboard "[a-z]*": You may not "*) ;;
	*) echo "not 'tumorboard COMMAND: You may not': $tb_cr_line" >&2; return 1 ;;
	esac
	tb_refusal_words "${tb_cr_line#*: }" "$tb_cr_perm" "${tb_cr_line%%: *}"
}
# Whether the status line of the screen dump $1 (tb_status_text) matches
# the grep pattern $2.
tb_status_has() {
	tb_status_text "$1" | grep -q -- "$2"
}
