#!/usr/bin/env bash
# The README's test command runs this: install what tests need, type-check, run every test.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh || exit 1
bash scripts/ensure-report-tools.sh || exit 1
echo "type-checking..." >&2
npx tsc --noEmit -p tsconfig.json || { echo "type check failed" >&2; exit 1; }
export NO_COLOR=1
npx vitest run --reporter=default --reporter=json --outputFile=.vitest-report.json "$@"
rc=$?
node scripts/test-summary.mjs .vitest-report.json
exit $rc
