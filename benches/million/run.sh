#!/usr/bin/env bash
# Whole-process figures of a large person table (issue 21): build or compile it, look up one
# name, look up many from standard input, annotate text with it and without it.
#
#   benches/million/run.sh BIN [PERSONS]      # PERSONS: 1000000 by default
#
# The table is generated once per size by make_table.py (needs `pip install Faker`) into
# $CANONYM_MILLION_DIR (default /tmp/canonym-million) and reused. When BIN refuses the table
# (a canonym that does not accept namesakes yet), the --unique table is used instead, and the
# script says so. When BIN has `compile` (`BIN compile --help` succeeds), the table is compiled
# once and every run reads the compiled file; otherwise every run builds it from the JSON Lines.
# Each command runs under /usr/bin/time (elapsed seconds, peak RSS); the text is
# $CANONYM_BENCH_CORPUS/{ru,en}.txt (default /work/corpus). Run it on a quiet machine: the
# figures are single runs, repeat it to see the noise.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:?usage: run.sh BIN [PERSONS]}")
persons=${2:-1000000}
dir=${CANONYM_MILLION_DIR:-/tmp/canonym-million}/$persons
corpus=${CANONYM_BENCH_CORPUS:-/work/corpus}
mkdir -p "$dir"

[ -s "$dir/table.jsonl" ] ||
  python3 "$here/make_table.py" --bin "$bin" --persons "$persons" --out "$dir"
table=$dir/table.jsonl queries=$dir/queries.txt
if ! "$bin" lookup --no-builtin --table "$table" Ivan >/dev/null 2>"$dir/refused.txt" &&
  grep -q 'table' "$dir/refused.txt"; then
  echo "# $bin refuses namesakes ($(grep -c . "$dir/refused.txt") lines of errors): using the --unique table"
  [ -s "$dir/table-unique.jsonl" ] ||
    python3 "$here/make_table.py" --bin "$bin" --persons "$persons" --out "$dir" --unique
  table=$dir/table-unique.jsonl queries=$dir/queries-unique.txt
fi
echo "# table: $table: $(wc -l <"$table") persons, $(grep -o '"name":' "$table" | wc -l) names + canonical"

# measure LABEL CMD...: one run under /usr/bin/time; prints LABEL, seconds, peak RSS in MB.
measure() {
  local label=$1
  shift
  local status=0
  /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$@" >"$dir/out.txt" 2>"$dir/err.txt" || status=$?
  read -r secs kb < <(tail -1 "$dir/time.txt")
  printf '%-44s %8.2f s %8d MB' "$label" "$secs" $((kb / 1024))
  # Exit 1 is "nothing found"; 2 is an error, whose first line is shown.
  [ "$status" -lt 2 ] && echo || echo "  (exit $status: $(head -1 "$dir/err.txt"))"
}
seconds() { tail -1 "$dir/time.txt" | cut -d' ' -f1; }

use=$table
if "$bin" compile --help >/dev/null 2>&1; then
  measure "compile" "$bin" compile "$table" -o "$dir/table.gaz"
  use=$dir/table.gaz
else
  echo "# $bin has no compile: every run below builds the table from the JSON Lines"
fi
# The file was compiled with the built-in tables (as a user's would be), so the lookups below
# keep them: --no-builtin would refuse a file that holds them, and annotate needs them.
name=$(head -1 "$table" | python3 -c 'import json,sys; print(json.load(sys.stdin)["canonical"])')
measure "lookup one name ($name)" "$bin" lookup --table "$use" "$name"
start=$(seconds)

# Bulk lookup: the queries repeated to 200,000 lines, the 12,461 real names of names.txt
# repeated 16 times, and those names once. `lookup` answers a name it has answered in the run
# from memory, so the repeated inputs measure that memory as much as lookup: `distinct` is the
# cost of names seen for the first time.
for _ in $(seq 200); do cat "$queries"; done >"$dir/bulk.txt"
for _ in $(seq 16); do cat "$corpus/names.txt"; done >"$dir/names.txt"
cp "$corpus/names.txt" "$dir/distinct.txt"
for input in bulk names distinct; do
  lines=$(wc -l <"$dir/$input.txt")
  for jobs in 1 2 1 2; do
    measure "lookup $lines $input lines -j $jobs" "$bin" -j "$jobs" lookup --table "$use" \
      <"$dir/$input.txt"
    awk -v n="$lines" -v t="$(seconds)" -v s="$start" \
      'BEGIN { if (t - s > 1) printf "%-44s %8d names/s (after start-up)\n", "", n / (t - s) }'
  done
done

for lang in ru en; do
  text=$corpus/$lang.txt
  mb=$(($(stat -c %s "$text") / 1000000))
  measure "annotate $lang.txt ($mb MB), built-in only" "$bin" annotate --format tsv "$text"
  builtin=$(seconds)
  measure "annotate $lang.txt ($mb MB), with the table" "$bin" annotate --format tsv --on-conflict skip --table "$use" "$text"
  awk -v a="$builtin" -v b="$(seconds)" -v s="$start" -v mb="$mb" \
    'BEGIN { if (b - s > 1) printf "%-44s %.1f MB/s vs %.1f MB/s built-in (after start-up)\n", "", mb / (b - s), mb / a }'
done
