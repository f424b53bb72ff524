#!/bin/sh
# Writes a libFuzzer dictionary for the XML a RELAX NG schema describes:
# its element and attribute names as "<name", "</name>" and " name=\"",
# its values, and the namespace, plus a little XML syntax.
#   tools/rng2dict.sh SCHEMA.rng > NAME.dict
set -eu
rng=$1
{
	grep -o '<element name="[^"]*"' "$rng" | sed 's/.*"\(.*\)"/"<\1"\n"<\/\1>"/'
	grep -o '<attribute name="[^"]*"' "$rng" | sed 's/.*"\(.*\)"/" \1=\\""/'
	grep -o '<value>[^<]*</value>' "$rng" | sed 's/<value>\(.*\)<\/value>/"\1"/'
	grep -o ' ns="[^"]*"' "$rng" | sed 's/ ns="\(.*\)"/"xmlns=\\"\1\\""/'
	printf '%s\n' '"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"' '"/>"' \
		'"<!--"' '"-->"' '"<![CDATA["' '"]]>"' '"&amp;"' '"&#x9b;"' \
		'"xml:lang=\"sv\""'
} | sort -u
