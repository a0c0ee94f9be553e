#!/bin/sh
# `make demo`: load the bundled Columbus MSA sample into a fresh store and
# print the ranked sector table for the region. Usage: demo.sh PATH/TO/pathmap
set -eu
PATHMAP=${1:-build/pathmap}
HERE=$(cd "$(dirname "$0")/.." && pwd)
DB="$HERE/build/demo.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
export PATHMAP_DB="$DB"

echo "== pathmap import qcew data/sample/*.csv   (BLS QCEW, 10 Columbus MSA counties, 2020-2023)"
"$PATHMAP" import qcew "$HERE"/data/sample/*.csv --quiet
"$PATHMAP" status | head -1
echo
echo "== pathmap region define columbus --msa C1814"
"$PATHMAP" region define columbus --msa C1814
echo
echo "== pathmap sectors --region columbus"
"$PATHMAP" sectors --region columbus
echo
echo "(store: $DB; try: PATHMAP_DB=$DB $PATHMAP sectors --region columbus --format csv)"
