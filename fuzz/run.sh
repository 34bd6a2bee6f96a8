#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), two at a time, and minimises any
# crash it finds into fuzz/artifacts/TARGET/. Needs cargo-fuzz (`cargo install cargo-fuzz`);
# stable Rust works through RUSTC_BOOTSTRAP, as libFuzzer's sanitizer flags need nightly.
#
#   fuzz/run.sh            # 10 minutes per target
#   fuzz/run.sh 60 key     # one target, one minute
#   fuzz/run.sh 60 load_file  # the compiled-file loader: a smoke run
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(key lookup translit matcher scan inline load_file)
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O
run() {
  local t=$1
  mkdir -p corpus/"$t"
  # A compiled gazetteer file (load_file) of two entities is about 7 KB.
  local len=4096
  [ "$t" = load_file ] && len=16384
  cargo fuzz run -O "$t" corpus/"$t" ../seeds -- -max_total_time="$secs" -max_len="$len" \
    > "run-$t.log" 2>&1 && echo "$t: ok ($(grep -o 'Done [0-9]* runs' "run-$t.log" | tail -1))" \
    || { echo "$t: FAILED, see fuzz/run-$t.log and fuzz/artifacts/$t/"; return 1; }
}
status=0
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  run "${targets[i]}" & a=$!
  if [ $((i + 1)) -lt ${#targets[@]} ]; then run "${targets[i+1]}" & b=$!; wait $b || status=1; fi
  wait $a || status=1
done
exit $status
