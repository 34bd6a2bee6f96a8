#!/usr/bin/env bash
# Compares the answers of two canonym binaries on the same inputs, for changes that must not
# change behaviour (refactors, speed work). Prints one line per case, `same` or `DIFFERS`, and
# exits 1 when any case differs; the outputs stay in $OUT for a diff.
#
#   benches/compare.sh OLD_BIN NEW_BIN [CORPUS_DIR]
#
# CORPUS_DIR is what ../shared/corpus/build.sh built (en.txt, ru.txt, be.txt, dense.txt); without
# it only the seeds and the real names are compared. Cases: annotate (jsonl) and rewrite on the
# seeds and corpora; lookup, key and cluster of the 12,461 real names of ../shared/corpus/names.txt;
# the same with the built-in tables loaded at run time (--no-builtin --table tables); a
# user table made of those real names beside the built-in tables; entities; translit.
set -uo pipefail
old=${1:?usage: compare.sh OLD_BIN NEW_BIN [CORPUS_DIR]}
new=${2:?usage: compare.sh OLD_BIN NEW_BIN [CORPUS_DIR]}
corpus=${3:-}
top=$(cd "$(dirname "$0")/.." && pwd)
names=${NAMES:-$top/../shared/corpus/names.txt}
[ -f "$names" ] || names=/work/shared/corpus/names.txt
OUT=${OUT:-$(mktemp -d /tmp/canonym-compare.XXXXXX)}
mkdir -p "$OUT/old" "$OUT/new"

# A user table of the real names: one person per distinct key and names in one script only (as
# when tables could not hold namesakes or mixed tokens; kept so, so that figures stay comparable
# across versions).
usertab="$OUT/user.tsv"
{ echo "# source: ../shared/corpus/names.txt, grouped by the old binary's key"
  "$old" key < "$names" | paste - "$names" |
    awk -F'\t' 'BEGIN{OFS="\t"} $1 != "" && $2 != "" && !seen[$2]++ {
      if (!($1 in id)) id[$1] = "per:user-" (++n); print id[$1], $2, "und", "compare" }' |
    grep -Pv '\p{Latin}.*\p{Cyrillic}|\p{Cyrillic}.*\p{Latin}'
} > "$usertab"

cases=()
run() { # NAME CMD... (CMD uses $B for the binary)
  local name=$1; shift
  cases+=("$name")
  for side in old new; do
    local B; [ $side = old ] && B=$old || B=$new
    ( cd "$top" && eval "$*" ) > "$OUT/$side/$name.out" 2> "$OUT/$side/$name.err"
    echo "exit $?" >> "$OUT/$side/$name.err"
  done
}

run seeds-annotate '$B annotate --format jsonl seeds/*.txt'
run seeds-annotate-tsv '$B annotate seeds/*.txt'
run seeds-rewrite-id '$B rewrite --to id seeds/*.txt'
run seeds-rewrite-scheme '$B rewrite --to be-national seeds/*.txt'
run names-lookup '$B lookup --json < "$names"'
run names-key '$B key < "$names"'
run names-cluster '$B cluster "$names"'
run names-lookup-runtime '$B lookup --json --no-builtin --table tables < "$names"'
run names-lookup-user '$B lookup --json --on-conflict skip --table "$usertab" < "$names"'
run entities '$B entities --json'
run seeds-translit '$B translit seeds/*.txt'
for lang in en ru be dense; do
  f="$corpus/$lang.txt"
  [ -n "$corpus" ] && [ -f "$f" ] || continue
  run "$lang-annotate" '$B annotate --format jsonl "'"$f"'"'
  run "$lang-rewrite" '$B rewrite --to id "'"$f"'"'
  run "$lang-annotate-runtime" '$B annotate --format jsonl --no-builtin --table tables "'"$f"'"'
  run "$lang-annotate-user" '$B annotate --format jsonl --on-conflict skip --table "'"$usertab"'" "'"$f"'"'
done
[ -n "$corpus" ] && [ -f "$corpus/ru.txt" ] && run ru-translit '$B translit --scheme ru-bgn-pcgn "'"$corpus/ru.txt"'"'
[ -n "$corpus" ] && [ -f "$corpus/be.txt" ] && run be-translit '$B translit "'"$corpus/be.txt"'"'

status=0
for c in "${cases[@]}"; do
  if cmp -s "$OUT/old/$c.out" "$OUT/new/$c.out" && cmp -s "$OUT/old/$c.err" "$OUT/new/$c.err"; then
    printf 'same     %-28s %8d lines\n' "$c" "$(wc -l < "$OUT/new/$c.out")"
  else
    printf 'DIFFERS  %-28s (diff %s/{old,new}/%s.*)\n' "$c" "$OUT" "$c"; status=1
  fi
done
echo "outputs in $OUT"
exit $status
