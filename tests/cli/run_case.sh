#!/bin/sh
# Run one golden CLI case: tests/cli/<command>/<case>/ holds
#   args           the command line (shell words; $CASE, $DATA, $SHARED, $SRC, $TMP expand)
#   setup          optional: shell lines run first (use "$PATHMAP" ...)
#   expected.out   optional: expected stdout
#   expected.err   optional: expected stderr
#   expected.exit  optional: expected exit status (default 0)
#   check          optional: shell lines run afterwards; their stdout is compared
#                  with expected.check
#   unchanged      optional marker: the store must be byte-for-byte the same
#                  (as an SQL dump) before and after the command
# Paths and times in the output are normalised (<TMP>, <SRC>, <SHARED>, <TIME>).
# PM_UPDATE_GOLDEN=1 rewrites the expected files from the actual output.
# Usage: run_case.sh PATHMAP CASE_DIR SRC_DIR SHARED_DIR
set -u
PATHMAP=$1
CASE=$(cd "$2" && pwd)
SRC=$(cd "$3" && pwd)
SHARED=$(cd "$4" 2>/dev/null && pwd || echo "$4")
DATA="$SRC/tests/data"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
export PATHMAP CASE SRC SHARED DATA TMP
# A clean slate: none of the caller's pathmap settings, config, cache or data.
for v in $(env | sed -n 's/^\(PATHMAP_[A-Z0-9_]*\)=.*/\1/p'); do
	unset "$v"
done
export PATHMAP_DB="$TMP/store.db" HOME="$TMP/home" XDG_DATA_HOME="$TMP/xdg" LC_ALL=C NO_COLOR=1
export XDG_CONFIG_HOME="$TMP/config" XDG_CACHE_HOME="$TMP/cache"
mkdir -p "$HOME"

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

if [ -f "$CASE/setup" ]; then
	( cd "$TMP" && . "$CASE/setup" ) >"$TMP/setup.log" 2>&1 || {
		cat "$TMP/setup.log" >&2
		fail "setup failed"
	}
fi

dump() {
	if [ -f "$PATHMAP_DB" ]; then
		sqlite3 "$PATHMAP_DB" .dump
	else
		echo "(no store)"
	fi
}
[ -f "$CASE/unchanged" ] && dump >"$TMP/before.sql"

eval "set -- $(cat "$CASE/args")"
( cd "$TMP" && "$PATHMAP" "$@" ) >"$TMP/out" 2>"$TMP/err"
status=$?

normalise() {
	sed -e "s#$TMP#<TMP>#g" -e "s#$SRC#<SRC>#g" -e "s#$SHARED#<SHARED>#g" \
	    -e 's#[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z#<TIME>#g' "$1"
}
normalise "$TMP/out" >"$TMP/out.n"
normalise "$TMP/err" >"$TMP/err.n"
if [ -f "$CASE/check" ]; then
	( cd "$TMP" && . "$CASE/check" ) >"$TMP/check" 2>&1
	normalise "$TMP/check" >"$TMP/check.n"
fi

if [ "${PM_UPDATE_GOLDEN:-}" = 1 ]; then
	cp "$TMP/out.n" "$CASE/expected.out"
	if [ -s "$TMP/err.n" ] || [ -f "$CASE/expected.err" ]; then
		cp "$TMP/err.n" "$CASE/expected.err"
	fi
	echo "$status" >"$CASE/expected.exit"
	[ -f "$CASE/check" ] && cp "$TMP/check.n" "$CASE/expected.check"
	echo "updated $CASE"
	exit 0
fi

rc=0
want_exit=0
[ -f "$CASE/expected.exit" ] && want_exit=$(cat "$CASE/expected.exit")
if [ "$status" != "$want_exit" ]; then
	echo "exit status $status, expected $want_exit" >&2
	cat "$TMP/err" >&2
	rc=1
fi
if [ -f "$CASE/expected.out" ] && ! diff -u "$CASE/expected.out" "$TMP/out.n" >&2; then
	echo "stdout differs" >&2
	rc=1
fi
if [ -f "$CASE/expected.err" ] && ! diff -u "$CASE/expected.err" "$TMP/err.n" >&2; then
	echo "stderr differs" >&2
	rc=1
fi
if [ -f "$CASE/check" ] && ! diff -u "$CASE/expected.check" "$TMP/check.n" >&2; then
	echo "check output differs" >&2
	rc=1
fi
if [ -f "$CASE/unchanged" ]; then
	dump >"$TMP/after.sql"
	if ! cmp -s "$TMP/before.sql" "$TMP/after.sql"; then
		diff "$TMP/before.sql" "$TMP/after.sql" | head -20 >&2
		echo "the store changed" >&2
		rc=1
	fi
fi
[ $rc = 0 ] || fail "$CASE"
exit 0
