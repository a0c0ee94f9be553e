#!/bin/sh
# checksrc (after curl's): banned calls, line length, trailing blanks, and that
# every library and CLI source file includes core/banned.h. Run by `make check`.
set -u
cd "$(dirname "$0")/.."
rc=0
for f in core/*.c store/*.c fetch/*.c sectors/*.c analysis/*.c cli/*.c crosswalks/*.c; do
	[ -f "$f" ] || continue
	case "$f" in core/banned.h) continue ;; esac
	if ! grep -q '#include "core/banned.h"' "$f"; then
		echo "$f: does not include core/banned.h"
		rc=1
	fi
done
for f in core/*.[ch] store/*.[ch] fetch/*.[ch] sectors/*.[ch] analysis/*.[ch] cli/*.[ch]; do
	[ -f "$f" ] || continue
	[ "$f" = core/banned.h ] && continue
	# Tabs count as 8 columns.
	awk -v f="$f" '{ l = $0; gsub(/\t/, "        ", l) }
		length(l) > 100 { printf "%s:%d: line longer than 100 columns\n", f, NR; bad = 1 }
		/[ \t]$/ { printf "%s:%d: trailing blank\n", f, NR; bad = 1 }
		END { exit bad }' "$f" || rc=1
	hits=$(grep -nE '\<(strcpy|strcat|strncpy|sprintf|vsprintf|strtok|gmtime|localtime|atoi|atof|atol)[[:space:]]*\(' "$f" |
		grep -v '^[0-9]*:[[:space:]]*\*')
	if [ -n "$hits" ]; then
		echo "$hits" | sed "s#^#$f:#;s#\$#  <- banned call#"
		rc=1
	fi
done
exit $rc
