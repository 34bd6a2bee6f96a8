#!/usr/bin/env bash
# Whole-process throughput of canonym against the peers a user would pick instead, in one run
# on the same files, printed as a markdown table with ratios (the README's performance table).
#
#   benches/whole/run.sh BIN CORPUS_DIR [PEERS_BIN]
#
# BIN is a release canonym; CORPUS_DIR is what ../shared/corpus/build.sh built (en.txt, ru.txt,
# be.txt, dense.txt, names.txt); PEERS_BIN is examples/peers.rs built in release (default:
# target/release/examples/peers, built if missing). Each command runs RUNS times (default 3),
# output to /dev/null, and the fastest wall time counts. Rows:
#   memcpy      cat FILE > /dev/null
#   annotate    annotate --format jsonl, -j1 and every core, against aho-corasick 1.x
#               leftmost-longest (ASCII case-insensitive) over the same listed names
#               (`canonym entities --json`, names not flagged notext), NFA and DFA, counting
#               matches over the file read whole
#   rewrite     rewrite --to id, -j1 and every core, against the DFA's replace_all by ID (the
#               file read whole: aho-corasick streams only the standard match kind)
#   translit    translit --scheme ru-bgn-pcgn on ru, be-national on be, and translit with no
#               --scheme (each word's language detected), against deunicode
#   key         key of names.txt ×50 (about 620,000 names) on standard input, against deunicode
#               + lowercase per line; lookup of the same names, -j1 and every core
set -euo pipefail
bin=${1:?usage: run.sh BIN CORPUS_DIR [PEERS_BIN]}
corpus=${2:?usage: run.sh BIN CORPUS_DIR [PEERS_BIN]}
top=$(cd "$(dirname "$0")/../.." && pwd)
peers=${3:-$top/target/release/examples/peers}
runs=${RUNS:-3}
[ -x "$peers" ] || (cd "$top" && cargo build --release -q --example peers)
tmp=$(mktemp -d /tmp/canonym-whole.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

"$bin" entities --json > "$tmp/names.jsonl"
for _ in $(seq 50); do cat "$corpus/names.txt"; done > "$tmp/names50.txt"

# best CMD...: the fastest wall time of RUNS runs, in seconds (stdout to /dev/null).
best() {
  local b="" t s e
  for _ in $(seq "$runs"); do
    s=$(date +%s.%N)
    # canonym exits 1 when it found nothing; 2 and more is a failure, which must not pass
    # for a fast run.
    local rc=0; "$@" > /dev/null 2> "$tmp/err" || rc=$?
    if [ "$rc" -ge 2 ]; then echo "run.sh: $* failed ($rc): $(head -c 300 "$tmp/err")" >&2; exit 1; fi
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$b" ] || (( $(echo "$t < $b" | bc -l) )); then b=$t; fi
  done
  echo "$b"
}
# feed FILE CMD...: CMD with FILE on standard input.
feed() { local f=$1; shift; "$@" < "$f"; }
mbs() { echo "scale=1; $1 / 1000000 / $2" | bc -l; }
ratio() { echo "scale=2; $2 / $1" | bc -l | sed 's/^\./0./'; }
size() { stat -c %s "$1"; }

jobs=$(nproc)
commit=$(cd "$top" && git rev-parse --short HEAD 2>/dev/null || echo "?")
echo "Whole process, best of $runs runs, $(date -u +%Y-%m-%d), canonym $commit, $jobs cores ($(uname -sm)), load $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| job | input | canonym -j1 | canonym -j$jobs | peer | ratio -j1 / -j$jobs |"
echo "|---|---|---|---|---|---|"
for lang in en ru be dense; do
  f="$corpus/$lang.txt"; [ -f "$f" ] || continue
  n=$(size "$f")
  cat_t=$(best cat "$f")
  a1=$(best "$bin" -j1 annotate --format jsonl "$f")
  aj=$(best "$bin" annotate --format jsonl "$f")
  nfa=$(best feed "$f" "$peers" aho-nfa "$tmp/names.jsonl")
  dfa=$(best feed "$f" "$peers" aho-dfa "$tmp/names.jsonl")
  r1=$(best "$bin" -j1 rewrite --to id "$f")
  rj=$(best "$bin" rewrite --to id "$f")
  rep=$(best feed "$f" "$peers" aho-dfa-replace "$tmp/names.jsonl")
  echo "| memcpy (cat) | $lang | | | $(mbs "$n" "$cat_t") MB/s | |"
  echo "| annotate --format jsonl | $lang | $(mbs "$n" "$a1") MB/s | $(mbs "$n" "$aj") MB/s | aho-corasick NFA $(mbs "$n" "$nfa") MB/s | $(ratio "$a1" "$nfa") / $(ratio "$aj" "$nfa") |"
  echo "| annotate --format jsonl | $lang | | | aho-corasick DFA $(mbs "$n" "$dfa") MB/s | $(ratio "$a1" "$dfa") / $(ratio "$aj" "$dfa") |"
  echo "| rewrite --to id | $lang | $(mbs "$n" "$r1") MB/s | $(mbs "$n" "$rj") MB/s | aho-corasick DFA replace $(mbs "$n" "$rep") MB/s | $(ratio "$r1" "$rep") / $(ratio "$rj" "$rep") |"
done
for pair in ru:ru-bgn-pcgn be:be-national; do
  lang=${pair%%:*}; scheme=${pair#*:}
  f="$corpus/$lang.txt"; [ -f "$f" ] || continue
  n=$(size "$f")
  t1=$(best "$bin" -j1 translit --scheme "$scheme" "$f")
  tj=$(best "$bin" translit --scheme "$scheme" "$f")
  de=$(best feed "$f" "$peers" deunicode)
  echo "| translit --scheme $scheme | $lang | $(mbs "$n" "$t1") MB/s | $(mbs "$n" "$tj") MB/s | deunicode $(mbs "$n" "$de") MB/s | $(ratio "$t1" "$de") / $(ratio "$tj" "$de") |"
  # Without --scheme (the default): every word's language detected.
  a1=$(best "$bin" -j1 translit "$f")
  aj=$(best "$bin" translit "$f")
  echo "| translit (language detected) | $lang | $(mbs "$n" "$a1") MB/s | $(mbs "$n" "$aj") MB/s | deunicode (above) | $(ratio "$a1" "$de") / $(ratio "$aj" "$de") |"
done
f="$tmp/names50.txt"; n=$(size "$f"); names=$(wc -l < "$f")
k1=$(best feed "$f" "$bin" -j1 key)
kj=$(best feed "$f" "$bin" key)
dl=$(best feed "$f" "$peers" deunicode-lines)
l1=$(best feed "$f" "$bin" -j1 lookup)
lj=$(best feed "$f" "$bin" lookup)
per_s() { echo "scale=0; $names / $1 / 1000" | bc -l; }
echo "| key | $names names | $(mbs "$n" "$k1") MB/s, $(per_s "$k1")k/s | $(mbs "$n" "$kj") MB/s, $(per_s "$kj")k/s | deunicode + lowercase $(mbs "$n" "$dl") MB/s | $(ratio "$k1" "$dl") / $(ratio "$kj" "$dl") |"
echo "| lookup | $names names | $(mbs "$n" "$l1") MB/s, $(per_s "$l1")k/s | $(mbs "$n" "$lj") MB/s, $(per_s "$lj")k/s | key (above) | $(ratio "$l1" "$k1") / $(ratio "$lj" "$kj") |"
