#!/usr/bin/env bash
# bench/run.sh - pathmap against R data.table, DuckDB and pandas on a QCEW
# annual singlefile (see bench/README.md). Called by `make bench`.
#
# usage: bench/run.sh [--scale F] [--runs N] [--seed S] [--level sector|4|both]
#                     [--scaling] [--import [--years N]] [--no-install]
#
#   --scale F    size of the synthetic singlefile; 1.0 (default) is the
#                national file, about 3.5 M rows; 0.05 makes a quick run
#   --runs N     timed runs per tool (default 3; the median is reported)
#   --seed S     generator seed (default 1)
#   --level L    sector, 4 (4-digit industries) or both (default)
#   --scaling    time pathmap and the best peer at 0.25x, 0.5x, 1x and 2x
#   --import     the import job instead: pathmap import qcew against
#                sqlite3 .import and DuckDB read_csv into a table, the
#                store's answer checked, then a one-region sectors query
#                on a store of N years (--years, default 5; 0 skips it)
#   --no-install do not install missing peers
#
# Installs missing peers (Debian packages through scripts/deps.sh, DuckDB
# through npm into bench/node_modules), builds the generator and pathmap,
# generates the file once per seed and scale into bench/work/, checks the
# generator's shape against the real DC excerpt, runs every tool N times
# under /usr/bin/time (wall seconds, peak RSS), checks that the answers
# agree, and prints Markdown tables with the load average before and
# after (run it on an idle machine). Everything it writes goes to
# bench/work/ (git-ignored); results-*.md keep the last tables, times.log
# every run's wall time.
set -eu

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
WORK="$BENCH/work"
BUILD=1
[ -n "${PATHMAP:-}" ] && BUILD=0 # another build is timed as it is: make build is skipped
PATHMAP=${PATHMAP:-"$ROOT/build/pathmap"} # override to time another build
PY=/usr/bin/python3 # Debian's python3, where python3-pandas lives

SCALE=1.0
RUNS=3
SEED=1
LEVEL=both
SCALING=0
IMPORT=0
YEARS=5
INSTALL=1
while [ $# -gt 0 ]; do
	case "$1" in
	--scale) SCALE=$2; shift 2 ;;
	--runs) RUNS=$2; shift 2 ;;
	--seed) SEED=$2; shift 2 ;;
	--level) LEVEL=$2; shift 2 ;;
	--scaling) SCALING=1; shift ;;
	--import) IMPORT=1; shift ;;
	--years) YEARS=$2; shift 2 ;;
	--no-install) INSTALL=0; shift ;;
	-h | --help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "run.sh: unknown option '$1'" >&2; exit 1 ;;
	esac
done
case "$LEVEL" in sector | 4) LEVELS=$LEVEL ;; both) LEVELS="sector 4" ;;
*) echo "run.sh: --level must be sector, 4 or both" >&2; exit 1 ;; esac
SCALE=$(awk -v s="$SCALE" 'BEGIN { if (s + 0 <= 0) exit 1; printf "%g", s }') ||
	{ echo "run.sh: --scale must be a positive number" >&2; exit 1; }
case "$RUNS" in '' | *[!0-9]*) echo "run.sh: --runs must be a number" >&2; exit 1 ;; esac
[ "$RUNS" -ge 1 ] || { echo "run.sh: --runs must be at least 1" >&2; exit 1; }
case "$YEARS" in '' | *[!0-9]*) echo "run.sh: --years must be a number" >&2; exit 1 ;; esac
mkdir -p "$WORK"
START_LOAD=$(cut -d' ' -f1 /proc/loadavg) # before this script adds its own

say() { printf '%s\n' "$*" >&2; }

# ------------------------------------------------------------ peers, build

install_peers() {
	local pkgs="time r-base-core r-cran-data.table python3-pandas sqlite3"
	command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || pkgs="$pkgs nodejs npm"
	command -v cc >/dev/null 2>&1 || pkgs="$pkgs gcc"
	sh "$ROOT/scripts/deps.sh" $pkgs
	if [ ! -f "$BENCH/node_modules/@duckdb/node-api/package.json" ]; then
		say "run.sh: installing @duckdb/node-api into bench/node_modules"
		(cd "$BENCH" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
	fi
}
[ "$INSTALL" = 1 ] && install_peers

GEN="$WORK/gen_singlefile"
if [ ! -x "$GEN" ] || [ "$BENCH/gen_singlefile.c" -nt "$GEN" ]; then
	say "run.sh: building the generator"
	cc -O2 -std=c17 -Wall -Wextra -o "$GEN" "$BENCH/gen_singlefile.c" -lm
fi
[ "$BUILD" = 1 ] && say "run.sh: building pathmap (make build)"
# A broken tree must not stop the peers' measurements, and a stale binary
# must not be timed: if the build fails, pathmap's row says so.
HAVE_PATHMAP=0
PATHMAP_NOTE="pathmap: not yet implemented"
if [ "$BUILD" = 1 ] && ! make -C "$ROOT" build >"$WORK/build.log" 2>&1; then
	say "run.sh: 'make build' failed (bench/work/build.log); timing the peers only"
	PATHMAP_NOTE="pathmap: build failed"
elif "$PATHMAP" sectors --help 2>&1 | grep -q -- '--all-areas'; then
	HAVE_PATHMAP=1
fi

# ------------------------------------------------------------ input files

# Path of the singlefile for scale $1, generating it (and its .gen record:
# seconds, peak RSS KB, bytes, rows) when missing.
singlefile() {
	local scale=$1
	local f="$WORK/singlefile_seed${SEED}_scale${scale}.csv"
	if [ ! -f "$f" ] || [ "$GEN" -nt "$f" ]; then
		say "run.sh: generating $(basename "$f")"
		/usr/bin/time -f '%e %M' -o "$f.time" "$GEN" --scale "$scale" --seed "$SEED" \
			--naics "$ROOT/data/naics/naics_2022_titles.csv" \
			--crosswalk "$ROOT/data/qcew/county_msa_csa_crosswalk.csv" \
			-q -o "$f.tmp"
		mv "$f.tmp" "$f"
		echo "$(cat "$f.time") $(wc -c <"$f") $(($(wc -l <"$f") - 1))" >"$f.gen"
		rm -f "$f.time"
	fi
	printf '%s\n' "$f"
}

# The generator's shape is checked once per generator build and seed on a
# small file (the check reads every row in Python).
validate() {
	local stamp="$WORK/validated_seed$SEED"
	if [ ! -f "$stamp" ] || [ "$GEN" -nt "$stamp" ]; then
		local small
		small=$(singlefile 0.02)
		say "run.sh: checking the generator's shape against the real DC excerpt"
		if "$PY" "$BENCH/validate_shape.py" "$small" >"$WORK/validate.log" 2>&1; then
			touch "$stamp"
		else
			cat "$WORK/validate.log" >&2
			say "run.sh: shape validation failed (bench/work/validate.log)"
			exit 1
		fi
	fi
}

# --------------------------------------------------------------- measuring

# Command line of tool $1 for file $2, level $3, output $4 (printed one
# word per line so paths with spaces survive).
tool_cmd() {
	local tool=$1 file=$2 level=$3 out=$4
	case "$tool" in
	pathmap) printf '%s\n' "$PATHMAP" sectors --all-areas --level "$level" --own private \
		--file "$file" --format csv ;;
	data.table) printf '%s\n' Rscript "$BENCH/peer_datatable.R" "$file" "$level" "$out" ;;
	DuckDB) printf '%s\n' node "$BENCH/peer_duckdb.mjs" "$file" "$level" "$out" ;;
	pandas) printf '%s\n' "$PY" "$BENCH/peer_pandas.py" "$file" "$level" "$out" ;;
	"wc -l") printf '%s\n' wc -l "$file" ;;
	cat) printf '%s\n' cat "$file" ;;
	esac
}

# Run tool $1 on file $2 at level $3 $RUNS times. Sets MED (median wall
# seconds), RSS (peak RSS over the runs, MB) and OUT (its answer); returns
# 1 if a run failed.
measure() {
	local tool=$1 file=$2 level=$3 tag
	tag=$(printf '%s' "$tool" | tr -c 'A-Za-z0-9.' '_')
	OUT="$WORK/answer_${tag}_${level}.csv"
	local -a cmd
	mapfile -t cmd < <(tool_cmd "$tool" "$file" "$level" "$OUT")
	local times=() rss=0 i
	for ((i = 0; i < RUNS; i++)); do
		rm -f "$OUT"
		local sink=/dev/null
		[ "$tool" = pathmap ] && sink=$OUT
		if ! PATHMAP_DB="$WORK/pathmap-bench.db" /usr/bin/time -f '%e %M' -o "$WORK/time.txt" \
			"${cmd[@]}" >"$sink" 2>"$WORK/stderr_$tag.txt"; then
			say "run.sh: $tool failed:"
			tail -5 "$WORK/stderr_$tag.txt" >&2
			return 1
		fi
		local t m
		read -r t m <"$WORK/time.txt"
		times+=("$t")
		[ "$m" -gt "$rss" ] && rss=$m
	done
	# every run, for judging the spread (the machine may not be idle)
	printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u '+%FT%TZ')" "$(basename "$file")" "$level" \
		"$tool" "${times[*]}" >>"$WORK/times.log"
	MED=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {
		if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
	RSS=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
	return 0
}

machine() {
	local cpu mem
	cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
	printf 'Machine: %s, %s logical CPUs, %s RAM; %s\n' "$cpu" "$(nproc)" "$mem" \
		"$(uname -sr)"
	printf 'Peers: R %s with data.table %s (all cores), DuckDB %s via @duckdb/node-api on node %s (all cores), pandas %s on Python %s (one core)\n' \
		"$(Rscript -e 'cat(paste(R.version$major, R.version$minor, sep="."))' 2>/dev/null)" \
		"$(Rscript -e 'cat(as.character(packageVersion("data.table")))' 2>/dev/null)" \
		"$(cd "$BENCH" && node -e 'import("@duckdb/node-api").then(async m => { const i = await m.DuckDBInstance.create(":memory:"); const c = await i.connect(); const r = await c.runAndReadAll("select version()"); console.log(r.getRows()[0][0]); })' 2>/dev/null)" \
		"$(node --version)" \
		"$("$PY" -c 'import pandas; print(pandas.__version__)' 2>/dev/null)" \
		"$("$PY" -c 'import platform; print(platform.python_version())')"
}

# ----------------------------------------------------------- main tables

# One table for file $1 at level $2; appends Markdown to $3.
bench_table() {
	local file=$1 level=$2 md=$3
	local peers=(data.table DuckDB pandas) t
	declare -A med rss agree
	local ref=""
	for t in "${peers[@]}"; do
		say "run.sh: $t, level $level, $RUNS runs"
		if measure "$t" "$file" "$level"; then
			med[$t]=$MED
			rss[$t]=$RSS
			if [ -z "$ref" ]; then
				ref="$WORK/reference_$level.csv"
				cp "$OUT" "$ref"
				agree[$t]="reference"
			elif "$PY" "$BENCH/compare_answers.py" "$ref" "$OUT" >"$WORK/compare.txt"; then
				agree[$t]="yes"
			else
				agree[$t]="**NO**"
				cat "$WORK/compare.txt" >&2
			fi
		else
			med[$t]=""
			agree[$t]="failed"
		fi
	done
	local best="" bt=""
	for t in "${peers[@]}"; do
		[ -n "${med[$t]}" ] || continue
		if [ -z "$bt" ] || awk -v a="${med[$t]}" -v b="$bt" 'BEGIN { exit !(a < b) }'; then
			best=$t
			bt=${med[$t]}
		fi
	done
	BEST_PEER=$best
	if [ "$HAVE_PATHMAP" = 1 ]; then
		say "run.sh: pathmap, level $level, $RUNS runs"
		if measure pathmap "$file" "$level"; then
			med[pathmap]=$MED
			rss[pathmap]=$RSS
			if [ -n "$ref" ] && "$PY" "$BENCH/compare_answers.py" "$ref" "$OUT" >"$WORK/compare.txt"; then
				agree[pathmap]="yes"
			else
				agree[pathmap]="**NO**"
				cat "$WORK/compare.txt" >&2
			fi
		else
			med[pathmap]=""
			agree[pathmap]="failed"
		fi
	fi
	for t in "wc -l" cat; do
		say "run.sh: $t, $RUNS runs"
		measure "$t" "$file" "$level" && { med[$t]=$MED; rss[$t]=$RSS; agree[$t]="(floor)"; }
	done

	local what="county x NAICS sector"
	[ "$level" = 4 ] && what="county x 4-digit industry"
	local rows
	rows=$(tail -n +2 "$ref" 2>/dev/null | wc -l)
	{
		printf '\n### Private LQ and employment, %s (%s answer rows)\n\n' "$what" "$rows"
		printf '| tool | median wall s | peak RSS MB | ratio to best peer | answer agrees |\n'
		printf '|---|---:|---:|---:|---|\n'
		for t in pathmap data.table DuckDB pandas "wc -l" cat; do
			if [ "$t" = pathmap ] && [ "$HAVE_PATHMAP" = 0 ]; then
				printf '| pathmap | %s | | | |\n' "$PATHMAP_NOTE"
				continue
			fi
			local name=$t
			[ "$t" = "$best" ] && name="$t (best peer)"
			if [ -z "${med[$t]:-}" ]; then
				printf '| %s | failed | | | %s |\n' "$name" "${agree[$t]:-}"
				continue
			fi
			local ratio=""
			[ -n "$bt" ] && ratio=$(awk -v a="${med[$t]}" -v b="$bt" 'BEGIN {
				if (b > 0) printf "%.2f", a / b; else print "-" }')
			printf '| %s | %s | %s | %s | %s |\n' "$name" "${med[$t]}" "${rss[$t]}" "$ratio" "${agree[$t]}"
		done
	} | tee -a "$md"
}

describe_file() {
	local file=$1 scale=$2
	local gen_s gen_rss bytes rows
	read -r gen_s gen_rss bytes rows <"$file.gen"
	printf 'Input: synthetic annual singlefile, seed %s, scale %s: %s rows, %s MB (%s bytes), CRLF, all code fields quoted; generated in %s s (peak RSS %s MB) by bench/gen_singlefile.\n' \
		"$SEED" "$scale" "$rows" "$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }')" "$bytes" \
		"$gen_s" "$(awk -v k="$gen_rss" 'BEGIN { printf "%.0f", k / 1024 }')"
	printf 'Runs: %s per tool, file in the page cache (one untimed read first); wall time is the median, peak RSS the largest maximum resident set size of any run (/usr/bin/time %%e %%M).\n' "$RUNS"
}

# The 1-minute load average; other work on the machine skews every number.
load() { cut -d' ' -f1 /proc/loadavg; }
load_note() {
	local after
	after=$(load)
	printf '\nLoad average (1 min): %s when run.sh started, %s after the runs (which add their own) on %s CPUs; every run in bench/work/times.log.\n' \
		"$START_LOAD" "$after" "$(nproc)"
	if awk -v a="$START_LOAD" 'BEGIN { exit !(a > 0.5) }'; then
		printf '**The machine was busy when run.sh started: treat these numbers with care.**\n'
	fi
}

run_main() {
	validate
	local file md
	file=$(singlefile "$SCALE")
	md="$WORK/results-seed${SEED}-scale${SCALE}.md"
	: >"$md"
	cat "$file" >/dev/null
	{
		printf '## Results, %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
		machine
		printf '\n'
		describe_file "$file" "$SCALE"
	} | tee -a "$md"
	for level in $LEVELS; do
		bench_table "$file" "$level" "$md"
	done
	load_note | tee -a "$md"
	say ""
	say "run.sh: tables saved in ${md#"$ROOT"/}"
}

# ---------------------------------------------------------------- scaling

run_scaling() {
	validate
	local md="$WORK/scaling-seed${SEED}.md" level=${LEVELS%% *}
	local pm_out="" agreed="" disagreed=""
	: >"$md"
	# the best peer: the fastest of the three on the national-size file
	local national best="" bt="" t
	national=$(singlefile 1)
	cat "$national" >/dev/null
	local saved=$RUNS
	RUNS=1
	for t in data.table DuckDB pandas; do
		say "run.sh: picking the best peer: $t at 1x"
		measure "$t" "$national" "$level" || continue
		if [ -z "$bt" ] || awk -v a="$MED" -v b="$bt" 'BEGIN { exit !(a < b) }'; then
			best=$t
			bt=$MED
		fi
	done
	RUNS=$saved
	{
		printf '## Scaling, %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
		machine
		printf '\nLevel %s; best peer (fastest of the three in one run at 1x): %s; %s runs per point, median wall time, peak RSS.\n\n' \
			"$level" "$best" "$RUNS"
		printf '| scale | rows | MB | tool | median wall s | peak RSS MB | s per M rows |\n'
		printf '|---:|---:|---:|---|---:|---:|---:|\n'
	} | tee -a "$md"
	for s in 0.25 0.5 1 2; do
		local file gen_s gen_rss bytes rows
		file=$(singlefile "$s")
		read -r gen_s gen_rss bytes rows <"$file.gen"
		cat "$file" >/dev/null
		for t in pathmap "$best"; do
			if [ "$t" = pathmap ] && [ "$HAVE_PATHMAP" = 0 ]; then
				printf '| %s | %s | %.0f | pathmap | %s | | |\n' \
					"$s" "$rows" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$PATHMAP_NOTE" | tee -a "$md"
				continue
			fi
			say "run.sh: $t at ${s}x"
			if measure "$t" "$file" "$level"; then
				[ "$t" = pathmap ] && pm_out=$OUT
				printf '| %s | %s | %.0f | %s | %s | %s | %s |\n' "$s" "$rows" \
					"$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$t" "$MED" "$RSS" \
					"$(awk -v t="$MED" -v r="$rows" 'BEGIN { printf "%.3f", t / (r / 1e6) }')" | tee -a "$md"
			else
				printf '| %s | %s | | %s | failed | | |\n' "$s" "$rows" "$t" | tee -a "$md"
			fi
		done
		if [ -n "$pm_out" ] && [ -f "$pm_out" ]; then
			if "$PY" "$BENCH/compare_answers.py" "$OUT" "$pm_out" >"$WORK/compare.txt"; then
				agreed="$agreed ${s}x"
			else
				disagreed="$disagreed ${s}x"
				cat "$WORK/compare.txt" >&2
			fi
		fi
		pm_out=""
	done
	load_note | tee -a "$md"
	if [ "$HAVE_PATHMAP" = 1 ]; then
		printf '\npathmap agrees with %s at:%s; disagrees at:%s\n' "$best" "${agreed:- none}" \
			"${disagreed:- none}" | tee -a "$md"
	fi
	say ""
	say "run.sh: table saved in ${md#"$ROOT"/}"
}

if [ "$IMPORT" = 1 ]; then
	. "$BENCH/import.sh"
	run_import
elif [ "$SCALING" = 1 ]; then
	run_scaling
else
	run_main
fi
