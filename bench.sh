#!/usr/bin/env bash
# Run a benchmark against a private PostgreSQL (durable settings, unlike the tests').
#   ./bench.sh activation     card activation: snapshot + tail vs full replay of a 10,000-event stream
#   ./bench.sh projection     clearing projection of 40,000 card events vs reading them without posting
#   ./bench.sh taps           taps per second through grains: group commit vs one transaction per append
#   ./bench.sh gateway        the taps benchmark's workload through a gateway's batch uploads (HTTP) vs grains
#   ./bench.sh rebuild        rebuild and reconcile every ledger from 40,000 events vs reading them without posting
#   ./bench.sh card-memory    a card's state in memory by history: 0 to 1,600 taps (four a day), the real decider
#   ./bench.sh region [--cards N] [--only issue|rush|latency]  the region at scale (default 1,000,000 cards): bulk issue, morning rush, taps/s
#                             and latency, memory per card, window close, rebuild; writes artifacts/bench/region.json
#                             (--only issue: bulk issuance alone, artifacts/bench/region-issue.json;
#                             --only rush: issuance, the cold rush and memory per card, artifacts/bench/region-rush.json;
#                             --only latency: those and the latency at 2,000 taps/s, artifacts/bench/region-latency.json)
# Each benchmark prints its baseline and its ratios from the same run; see docs/operations/benchmarks.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
[[ $# -ge 1 ]] || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

export CITYCARD_PG_NAME="${CITYCARD_BENCH_PG_NAME:-bench}"
trap 'scripts/pg-stop.sh >/dev/null 2>&1 || true' EXIT
CITYCARD_BENCH_POSTGRES="$(scripts/pg-start.sh)"
export CITYCARD_BENCH_POSTGRES
dotnet run -c Release --project tests/CityCard.Benchmarks -- "$@"
