#!/usr/bin/env bash
# Builds the Python package the way a user does (`pip install ./python`) in a fresh virtual
# environment and runs its tests: the API, `canonym.polars` and the Spark UDFs (a local[2]
# session, which needs Java; installed with apt when missing). Run from anywhere; CI runs it
# at the end of .ci/run.
#
# The default build has no native Polars plugin, and `canonym.polars` runs on its map_batches
# path. `CANONYM_PLUGIN=1` (what .ci/run sets) builds the plugin, checks that it is in the
# installed package, and the Polars tests run on both paths. The Polars crates make a clean
# build of the plugin about 17 minutes on two cores (2026-12-05), against under one for the
# binding alone. `CARGO_TARGET_DIR` is honoured (pip builds through cargo), to reuse a build.
# `CANONYM_VENV=DIR` reuses (or makes) the environment in DIR instead of a temporary one.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
say() { echo "python/ci.sh: $* ($((SECONDS - start)) s)"; }

# The binding is a cargo workspace of its own, which the library's `cargo fmt --all` and
# `cargo clippy --all-targets` skip. Clippy checks the default build (the plugin's would check
# the Polars crates too, minutes more).
if [ "${CANONYM_PLUGIN:-0}" = 1 ]; then
    export MATURIN_PEP517_ARGS="--features polars"
fi
(cd python && cargo fmt --check && cargo clippy --all-targets -- -D warnings)
say "rustfmt and clippy of the binding passed"

venv=${CANONYM_VENV:-"$(mktemp -d)/venv"}
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
pip() { "$venv/bin/python" -m pip --disable-pip-version-check "$@"; }

# The test and engine dependencies, from the registry. The plugin is compiled against the
# Polars 2.1 crates (see python/pyproject.toml), so Polars is pinned to 2.1 for both builds;
# PySpark 4 warns that it does not fully support pandas 3 yet, so pandas stays below 3.
pip install -q maturin pytest "polars>=2.1,<2.2" pyarrow "pandas<3" pyspark
say "dependencies installed"

if ! command -v java > /dev/null; then
    apt-get update -q && apt-get install -y -q openjdk-17-jre-headless
    say "Java installed"
fi

# Release (maturin's default for pip): a clean build took about as long as a debug one (40 s
# against 45 s on two cores, 2026-12-04), and the tests run the optimized library.
pip install -q ./python
say "pip install ./python done"
if [ "${CANONYM_PLUGIN:-0}" = 1 ]; then
    "$venv/bin/python" -c 'import canonym.polars as cp, sys; sys.exit(0 if cp.PLUGIN else "the native Polars plugin is not in the installed package")'
fi

# From a directory outside the checkout, so that `import canonym` is the installed package and
# never the source folder python/canonym (which has no compiled module).
repo=$PWD
cd "$venv"
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$repo/python/tests"
say "done"
