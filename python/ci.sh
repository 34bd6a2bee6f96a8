#!/usr/bin/env bash
# Builds the Python package the way a user does (`pip install ./python`) in a fresh virtual
# environment and runs its tests: the API, the Polars plugin and the Spark UDFs (a local[2]
# session, which needs Java; installed with apt when missing). Run from anywhere; CI runs it
# at the end of .ci/run.
#
# CANONYM_VENV=DIR reuses (or makes) the environment in DIR instead of a temporary one.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS

# The binding is a cargo workspace of its own, which the library's `cargo fmt --all` skips.
(cd python && cargo fmt --check)

venv=${CANONYM_VENV:-"$(mktemp -d)/venv"}
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
pip() { "$venv/bin/python" -m pip --disable-pip-version-check "$@"; }

# The test and engine dependencies, from the registry. The plugin is compiled against the
# Polars 2.1 crates (see python/pyproject.toml), so Polars is pinned to 2.1; PySpark 4 warns
# that it does not fully support pandas 3 yet, so pandas stays below 3.
pip install -q maturin pytest "polars>=2.1,<2.2" pyarrow "pandas<3" pyspark
echo "python/ci.sh: dependencies installed ($((SECONDS - start)) s)"

if ! command -v java > /dev/null; then
    apt-get update -q && apt-get install -y -q openjdk-17-jre-headless
fi

build=$SECONDS
pip install ./python
echo "python/ci.sh: pip install ./python took $((SECONDS - build)) s"

# From a directory outside the checkout, so that `import canonym` is the installed package and
# never the source folder python/canonym (which has no compiled module).
repo=$PWD
cd "$venv"
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$repo/python/tests"
echo "python/ci.sh: done in $((SECONDS - start)) s"
