# bench/import.sh - the import job of bench/run.sh (`run.sh --import`; see
# bench/README.md, "Import"). Sourced by run.sh, whose settings (SCALE,
# RUNS, SEED, YEARS, PATHMAP, WORK) and helpers (singlefile, machine,
# load_note, say) it uses.
#
# 1. Load the singlefile into a fresh store RUNS times each with
#    `pathmap import qcew FILE`, `sqlite3 DB '.mode csv' '.import FILE t'`
#    and DuckDB's CREATE TABLE AS SELECT * FROM read_csv (peer_duckdb_import.mjs):
#    median wall time, peak RSS, the rows each table holds.
# 2. Check pathmap's store: private employment and LQ of every county x
#    sector, computed by SQL from the store, against `pathmap sectors
#    --all-areas` on the file (compare_answers.py).
# 3. Import YEARS-1 earlier years (generated with --year) into that store,
#    timing each, then time `pathmap sectors` for one region (the counties of
#    MSA C1814, or at small scales of the MSA with the most counties in the
#    file) and for one published area (that MSA) on the YEARS-year store.

# Time "$@" once; appends to the arrays TIMES and RSSES of the caller.
time_once() {
	local t m
	if ! /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@" >"$WORK/import_out.txt" \
		2>"$WORK/import_err.txt"; then
		say "run.sh: failed: $*"
		tail -5 "$WORK/import_err.txt" >&2
		return 1
	fi
	read -r t m <"$WORK/time.txt"
	TIMES+=("$t")
	RSSES+=("$m")
}

# Median of TIMES into MED, largest of RSSES (MB) into RSS.
summarise() {
	MED=$(printf '%s\n' "${TIMES[@]}" | sort -g | awk '{a[NR]=$1} END {
		if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
	RSS=$(printf '%s\n' "${RSSES[@]}" | sort -g | tail -1 | awk '{ printf "%.0f", $1 / 1024 }')
}

# Load FILE with tool $1 into a fresh store $2, RUNS times; sets MED, RSS, ROWS.
measure_import() {
	local tool=$1 store=$2 file=$3 i
	TIMES=()
	RSSES=()
	for ((i = 0; i < RUNS; i++)); do
		rm -f "$store" "$store-wal" "$store-shm" "$store.wal"
		case "$tool" in
		pathmap) time_once "$PATHMAP" --db "$store" import qcew "$file" --quiet || return 1 ;;
		sqlite3) time_once sqlite3 "$store" -cmd '.mode csv' ".import '$file' qcew" || return 1 ;;
		DuckDB) time_once node "$BENCH/peer_duckdb_import.mjs" "$file" "$store" || return 1 ;;
		esac
		printf '%s\t%s\timport\t%s\t%s\n' "$(date -u '+%FT%TZ')" "$(basename "$file")" "$tool" \
			"${TIMES[-1]}" >>"$WORK/times.log"
	done
	summarise
	case "$tool" in
	DuckDB) ROWS=$(cat "$WORK/import_out.txt") ;;
	*) ROWS=$(sqlite3 "$store" 'SELECT count(*) FROM qcew') ;;
	esac
}

# Private employment and LQ of every county x sector of YEAR from pathmap's
# store $1, as `sectors --all-areas --format csv` writes them.
store_answer() {
	local store=$1 year=$2
	sqlite3 -csv -header "$store" "
	WITH c AS (SELECT area_fips, industry_code, emplvl AS e FROM qcew
	           WHERE year = $year AND qtr = 'A' AND size_code = '0' AND own_code = '5'
	             AND agglvl_code = '74'),
	     t AS (SELECT area_fips, emplvl AS e FROM qcew WHERE year = $year AND qtr = 'A'
	             AND size_code = '0' AND own_code = '0' AND industry_code = '10'
	             AND agglvl_code = '70'),
	     u AS (SELECT industry_code, emplvl AS e FROM qcew WHERE area_fips = 'US000'
	             AND year = $year AND qtr = 'A' AND size_code = '0' AND own_code = '5'
	             AND agglvl_code = '14'),
	     n AS (SELECT emplvl AS e FROM qcew WHERE area_fips = 'US000' AND year = $year
	             AND qtr = 'A' AND size_code = '0' AND own_code = '0' AND industry_code = '10')
	SELECT c.area_fips, c.industry_code, c.e AS employment,
	       CASE WHEN c.e IS NOT NULL AND t.e > 0 AND u.e > 0 AND n.e > 0
	            THEN printf('%.4f', (c.e * 1.0 / t.e) / (u.e * 1.0 / n.e)) END AS lq
	FROM c LEFT JOIN t USING (area_fips) LEFT JOIN u USING (industry_code) LEFT JOIN n
	ORDER BY c.area_fips, c.industry_code"
}

run_import() {
	command -v sqlite3 >/dev/null 2>&1 || { say "run.sh: sqlite3 is missing"; exit 1; }
	[ "$HAVE_PATHMAP" = 1 ] || { say "run.sh: $PATHMAP_NOTE; the import job needs it"; exit 1; }
	local file md year
	file=$(singlefile "$SCALE")
	md="$WORK/import-seed${SEED}-scale${SCALE}.md"
	: >"$md"
	cat "$file" >/dev/null
	year=$(sed -n 2p "$file" | cut -d, -f6 | tr -d '"')
	{
		printf '## Import, %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
		machine
		printf 'sqlite3 %s\n\n' "$(sqlite3 --version | cut -d' ' -f1)"
		describe_file "$file" "$SCALE"
		printf 'Each run loads into a fresh store (deleted first): pathmap its store, sqlite3 and DuckDB a database file with one table.\n'
		printf '\n| tool | median wall s | peak RSS MB | rows in the table | time / pathmap'"'"'s |\n'
		printf '|---|---:|---:|---:|---:|\n'
	} | tee -a "$md"
	declare -A med rss rows
	local t
	for t in pathmap sqlite3 DuckDB; do
		say "run.sh: import with $t, $RUNS runs"
		if measure_import "$t" "$WORK/import-$t.db" "$file"; then
			med[$t]=$MED
			rss[$t]=$RSS
			rows[$t]=$ROWS
		fi
	done
	local pm=${med[pathmap]:-}
	for t in pathmap sqlite3 DuckDB; do
		local name=$t ratio=""
		[ "$t" = sqlite3 ] && name='sqlite3 `.import` (all columns TEXT, no key)'
		[ "$t" = DuckDB ] && name='DuckDB `read_csv` into a table'
		[ "$t" = pathmap ] && name='pathmap `import qcew` (typed, keyed, indexed store)'
		if [ -z "${med[$t]:-}" ]; then
			printf '| %s | failed | | | |\n' "$name"
			continue
		fi
		[ -n "$pm" ] && ratio=$(awk -v a="${med[$t]}" -v b="$pm" 'BEGIN { printf "%.2f", a / b }')
		printf '| %s | %s | %s | %s | %s |\n' "$name" "${med[$t]}" "${rss[$t]}" "${rows[$t]}" "$ratio"
	done | tee -a "$md"

	# The store's answer against the file's.
	local store="$WORK/import-pathmap.db" verdict
	say "run.sh: checking the store's county x sector LQs against sectors --all-areas"
	"$PATHMAP" sectors --all-areas --level sector --own private --file "$file" --format csv \
		>"$WORK/import_file_answer.csv"
	store_answer "$store" "$year" >"$WORK/import_store_answer.csv"
	if verdict=$("$PY" "$BENCH/compare_answers.py" "$WORK/import_file_answer.csv" \
		"$WORK/import_store_answer.csv"); then
		verdict="agrees ($verdict)"
	else
		printf '%s\n' "$verdict" >&2
		verdict="**DISAGREES**"
	fi
	printf '\nThe store after the import: county x sector private employment and LQ by SQL %s with `sectors --all-areas` on the file.\n' \
		"$verdict" | tee -a "$md"

	[ "$YEARS" -ge 2 ] && import_years "$file" "$store" "$year" "$md"
	load_note | tee -a "$md"
	say ""
	say "run.sh: tables saved in ${md#"$ROOT"/}"
}

# Add YEARS-1 earlier years to STORE $2 (file $1 is year $3), then time
# one-region queries; appends Markdown to $4.
import_years() {
	local file=$1 store=$2 year=$3 md=$4 k y f
	{
		printf '\n### A store of %s years\n\n' "$YEARS"
		printf '| step | wall s | peak RSS MB |\n|---|---:|---:|\n'
	} | tee -a "$md"
	for ((k = 1; k < YEARS; k++)); do
		y=$((year - k))
		f="$WORK/${y}_annual_singlefile_seed${SEED}_scale${SCALE}.csv"
		say "run.sh: generating and importing $y"
		"$GEN" --scale "$SCALE" --seed "$SEED" --year "$y" \
			--naics "$ROOT/data/naics/naics_2022_titles.csv" \
			--crosswalk "$ROOT/data/qcew/county_msa_csa_crosswalk.csv" -q -o "$f"
		cat "$f" >/dev/null
		TIMES=()
		RSSES=()
		time_once "$PATHMAP" --db "$store" import qcew "$f" --quiet || return 1
		summarise
		printf '| import %s into a store of %s year(s) | %s | %s |\n' "$y" "$k" "$MED" "$RSS" |
			tee -a "$md"
		rm -f "$f" # 3 s to make again; 0.5 GB each at scale 1
	done
	# The region: the counties of MSA C1814 (Columbus, 10 counties) when the file
	# has them all, else of the MSA with the most counties in the file (small
	# scales leave counties out).
	local have="EXISTS (SELECT 1 FROM qcew q WHERE q.area_fips = x.county_fips)" msa counties
	msa=$(sqlite3 "$store" "SELECT msa_code FROM county_xwalk x WHERE msa_code LIKE 'C%'
		AND $have GROUP BY msa_code ORDER BY msa_code = 'C1814' AND count(*) = 10 DESC,
		count(*) DESC, msa_code LIMIT 1")
	counties=$(sqlite3 "$store" "SELECT group_concat(county_fips) FROM county_xwalk x
		WHERE msa_code = '$msa' AND $have")
	"$PATHMAP" --db "$store" region define bench-region --counties "$counties" --replace \
		>/dev/null
	printf '| (region bench-region: the %s counties of %s in the store) | | |\n' \
		"$(printf '%s\n' "$counties" | awk -F, '{ print NF }')" "$msa" | tee -a "$md"
	local q
	for q in "--region bench-region" "--area $msa" "--region bench-region --level 4"; do
		local i
		TIMES=()
		RSSES=()
		# shellcheck disable=SC2086 # Q is a list of words
		for ((i = 0; i < RUNS + 1; i++)); do
			time_once "$PATHMAP" --db "$store" sectors $q --format csv || return 1
		done
		TIMES=("${TIMES[@]:1}") # the first run warms the page cache
		summarise
		printf '| `pathmap sectors %s` (%s rows out) | %s | %s |\n' "$q" \
			"$(($(wc -l <"$WORK/import_out.txt") - 1))" "$MED" "$RSS" | tee -a "$md"
	done
	printf '\nStore: %s MB, %s rows.\n' "$(du -m "$store" | cut -f1)" \
		"$(sqlite3 "$store" 'SELECT count(*) FROM qcew')" | tee -a "$md"
}
