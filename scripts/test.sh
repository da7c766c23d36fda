#!/usr/bin/env bash
# Runs every test of BriefingBot on a fresh machine: installs what the tests need, builds, tests,
# and ends with the line "N passed, N failed[, N skipped]". Exit code 0 only when nothing failed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK (dotnet) is required: https://dot.net" >&2
  exit 1
fi

./scripts/install-test-deps.sh || echo "warning: some test dependencies could not be installed; the tests needing them skip and say why" >&2

results="$(pwd)/.artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

if [ -z "${BRIEFINGBOT_TEST_POSTGRES:-}" ]; then
  trap 'scripts/postgres-test-server.sh stop' EXIT
  BRIEFINGBOT_TEST_POSTGRES="$(scripts/postgres-test-server.sh start)"
  export BRIEFINGBOT_TEST_POSTGRES
fi

status=0
dotnet test BriefingBot.sln --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0; failed=0; total=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$((total + $(value total)))
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
done
skipped=$((total - passed - failed))

if [ "$total" -eq 0 ] && [ "$status" -ne 0 ]; then
  echo "error: the build or test run failed before any test ran (exit $status)" >&2
  failed=1
fi

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$failed" -gt 0 ] || [ "$status" -ne 0 ]; then
  exit 1
fi
