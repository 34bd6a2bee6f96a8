#!/usr/bin/env bash
# Open-world precision of canonym: how often it links a name or a word to an entity it is not.
#
#   benches/open_world/run.sh BIN [CORPUS_DIR]
#
# BIN: a canonym binary (e.g. target/release/canonym). CORPUS_DIR: what
# ../shared/corpus/build.sh writes (en.txt, ru.txt, be.txt); the running-text part runs only
# when it is given. Reads only the vendored lists of tests/data/open_world/ (no network).
# Environment: OUT=DIR keeps every output there (default: a new temporary directory);
# TOP=N shows N false links/mentions per part (default 30).
# Prints a table of figures, then the top false links/mentions of each part; the full reports
# are in $OUT/*.txt and the complete false-link lists in $OUT/*_false.tsv, *_marked.tsv.
# See benches/open_world/README.md for what each figure means.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: run.sh BIN [CORPUS_DIR]}
corpus=${2:-}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
out=${OUT:-$(mktemp -d -t open_world.XXXXXX)}
top=${TOP:-30}
mkdir -p "$out"
py=${PYTHON:-python3}

parts="geonames cldr surnames"
t0=$(date +%s)
$py "$here/lists.py" "$bin" geonames --out "$out" --top "$top" > "$out/geonames.txt"
$py "$here/lists.py" "$bin" cldr --out "$out" --top "$top" > "$out/cldr.txt"
$py "$here/surnames.py" "$bin" --out "$out" --top "$top" > "$out/surnames.txt"
if [ -n "$corpus" ]; then
  $py "$here/corpus.py" "$bin" "$corpus" --out "$out/corpus" --top "$top" > "$out/corpus.txt"
  parts="corpus $parts"
fi
t1=$(date +%s)

echo "# open-world precision of $bin ($("$bin" --version 2>/dev/null || echo '?')), $((t1 - t0)) s; reports in $out"
echo
printf '%-52s %-12s %s\n' figure value note
for p in $parts; do
  awk -F'\t' '/^## figures/{on=1; next} /^## /{on=0} on && NF>1 {printf "%-52s %-12s %s\n", $1, $2, $3 ($4 ? " " $4 : "")}' "$out/$p.txt"
done
for p in $parts; do
  echo
  # the top list of each part: the section that names false links or mentions
  awk -v p="$p" '
    /^## / { on = ($0 ~ /top|false links, a few|marked forms, the most/) && $0 !~ /by (wrong entity|match kind)/ }
    on' "$out/$p.txt"
done
if [ -n "$corpus" ] && grep -q '^## unlabelled pairs' "$out/corpus.txt"; then
  echo
  sed -n '/^## unlabelled pairs/,/^## /p' "$out/corpus.txt" | sed '$d'
  echo "(read their contexts: python3 $here/corpus.py BIN $corpus --contexts 3; then label them in tests/data/open_world/corpus_labels.tsv)"
fi
