#!/usr/bin/env bash
# Build CityCard, start PostgreSQL and the silo, and run the demonstration against it.
#   ./run.sh              keeps the silo running until Ctrl-C
#   ./run.sh --demo-only  exits (0 on success) once the demonstration is done
# Set ConnectionStrings__CityCard to use an existing PostgreSQL instead of the private one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

DEMO_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --demo-only) DEMO_ONLY=1 ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

ARTIFACTS=artifacts
mkdir -p "$ARTIFACTS"
SILO_LOG="$ARTIFACTS/silo.log"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p="$1"
  while port_in_use "$p"; do p=$((p + 1)); done
  echo "$p"
}

echo "== Building (Release)"
dotnet build CityCard.sln -c Release -nologo -v q -clp:ErrorsOnly

STARTED_PG=0
if [[ -z "${ConnectionStrings__CityCard:-}" ]]; then
  echo "== Starting PostgreSQL (scripts/pg-start.sh)"
  ConnectionStrings__CityCard="$(scripts/pg-start.sh)"
  STARTED_PG=1
fi
export ConnectionStrings__CityCard
echo "   $ConnectionStrings__CityCard"

HTTP_PORT=$(free_port 8080)
SILO_PORT=$(free_port 11111)
GATEWAY_PORT=$(free_port 30000)
DASHBOARD="http://127.0.0.1:$HTTP_PORT/dashboard"

SILO_PID=""
cleanup() {
  if [[ -n "$SILO_PID" ]] && kill -0 "$SILO_PID" 2>/dev/null; then
    echo "== Stopping the silo"
    kill -TERM "$SILO_PID" 2>/dev/null || true
    wait "$SILO_PID" 2>/dev/null || true
  fi
  SILO_PID=
  if [[ $STARTED_PG -eq 1 && $DEMO_ONLY -eq 1 ]]; then
    scripts/pg-stop.sh || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== Starting the silo (log: $SILO_LOG)"
Urls="http://127.0.0.1:$HTTP_PORT" \
Cluster__SiloPort="$SILO_PORT" \
Cluster__GatewayPort="$GATEWAY_PORT" \
Telemetry__Exporter="${Telemetry__Exporter:-console}" \
  dotnet silo/CityCard.Silo/bin/Release/net10.0/CityCard.Silo.dll >"$SILO_LOG" 2>&1 &
SILO_PID=$!

for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$HTTP_PORT/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SILO_PID" 2>/dev/null; then
    echo "run.sh: the silo exited during start; the end of its log:" >&2
    tail -n 40 "$SILO_LOG" >&2
    exit 1
  fi
  sleep 1
done
curl -sf "http://127.0.0.1:$HTTP_PORT/health" >/dev/null || { echo "run.sh: the silo did not become healthy in 120 s" >&2; tail -n 40 "$SILO_LOG" >&2; exit 1; }

echo "== Silo up: gateway 127.0.0.1:$GATEWAY_PORT, dashboard $DASHBOARD"
dotnet client/CityCard.Cli/bin/Release/net10.0/citycard.dll demo --gateway-port "$GATEWAY_PORT" --dashboard "$DASHBOARD" \
  --settlement-dir "$ARTIFACTS/settlement"

if [[ $DEMO_ONLY -eq 1 ]]; then
  echo "== Demonstration finished"
  exit 0
fi

echo
echo "The silo keeps running. Dashboard: $DASHBOARD   Gateway: 127.0.0.1:$GATEWAY_PORT   Log: $SILO_LOG"
echo "Press Ctrl-C to stop."
wait "$SILO_PID"
