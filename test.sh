#!/usr/bin/env bash
# Run every CityCard test against a throwaway PostgreSQL instance.
#   ./test.sh [extra dotnet test args, e.g. --filter Category=Unit]
# The last line printed is always "N passed, M failed[, K skipped]"; exit 1 if M > 0.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

RESULTS=artifacts/test-results

# Sum the <Counters .../> of every TRX under $1 and print "passed failed skipped".
# Plain grep/sed/awk so CI images need nothing beyond coreutils.
summarize_trx() {
  local dir="$1"
  [[ -d "$dir" ]] || { echo "0 0 0"; return 0; }
  find "$dir" -type f -name '*.trx' -print0 \
    | xargs -0 -r cat -- \
    | tr '\n\r' '  ' \
    | grep -o '<Counters[^>]*>' \
    | awk '
        function attr(s, name,   re, v) {
          re = "[[:space:]]" name "=\"[0-9]+\""
          if (match(s, re)) { v = substr(s, RSTART, RLENGTH); gsub(/[^0-9]/, "", v); return v + 0 }
          return 0
        }
        {
          passed  += attr($0, "passed")
          failed  += attr($0, "failed") + attr($0, "error") + attr($0, "timeout") + attr($0, "aborted")
          # xunit skips are NotExecuted results, yet VSTest leaves Counters@notExecuted at 0
          # and only drops them from "executed"; so take total - executed when that is larger.
          ne = attr($0, "notExecuted"); gap = attr($0, "total") - attr($0, "executed")
          skipped += (gap > ne ? gap : ne)
        }
        END { printf "%d %d %d\n", passed, failed, skipped }'
}

summary_line() {
  if (( $3 > 0 )); then echo "$1 passed, $2 failed, $3 skipped"; else echo "$1 passed, $2 failed"; fi
}

# CITYCARD_TEST_PG_NAME lets two checkouts test side by side without sharing (or stopping) one server.
export CITYCARD_PG_NAME="${CITYCARD_TEST_PG_NAME:-test}" CITYCARD_PG_FAST=1

stop_pg() { scripts/pg-stop.sh >&2 || true; }
# Always stop the test server, also on Ctrl-C / kill (the EXIT trap needs the signal traps).
trap stop_pg EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! CITYCARD_TEST_POSTGRES="$(scripts/pg-start.sh)"; then
  echo "test.sh: could not start PostgreSQL; no tests were run" >&2
  stop_pg
  summary_line 0 1 0
  exit 1
fi
export CITYCARD_TEST_POSTGRES
echo "test.sh: CITYCARD_TEST_POSTGRES=$CITYCARD_TEST_POSTGRES" >&2

# The manifest tests render deploy/k8s with kubectl: install one where it is missing, so that they never skip.
if KUBECTL="$(scripts/ensure-kubectl.sh)"; then
  export PATH="$(dirname "$KUBECTL"):$PATH"
else
  echo "test.sh: no kubectl could be installed; the manifest tests will fail" >&2
fi

# The browser tests drive Debian's Chromium (never a downloaded one): install it where it is missing.
if CITYCARD_CHROMIUM="$(scripts/ensure-chromium.sh)"; then
  export CITYCARD_CHROMIUM
else
  echo "test.sh: no Chromium could be installed; the browser tests will fail" >&2
fi

# Stale TRX files from an earlier run would be summed in too.
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

set +e
dotnet test CityCard.sln -c Release --logger "trx" --results-directory "$RESULTS" "$@"
rc=$?
set -e

read -r passed failed skipped < <(summarize_trx "$RESULTS")

# A crash, build error or missing TRX can leave the counters clean; never report that as green.
if (( rc != 0 && failed == 0 )); then
  echo "test.sh: dotnet test exited with code $rc but the TRX files show no failures; counting 1 failure" >&2
  failed=1
fi

# Stop now (the EXIT trap then finds nothing to do) so the summary really is the last line.
stop_pg

summary_line "$passed" "$failed" "$skipped"
(( failed > 0 )) && exit 1
exit 0
