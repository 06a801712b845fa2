#!/usr/bin/env bash
# Build CityCard, start PostgreSQL, the silo and the four city gateways, run the demonstration through them, then
# end the business day through them (settlement reports under artifacts/settlement/).
#   ./run.sh              keeps everything running until Ctrl-C
#   ./run.sh --demo-only  exits (0 on success) once the demonstration is done
# Set ConnectionStrings__CityCard to use an existing PostgreSQL instead of the private one.
# Writes artifacts/endpoints.json: each city's gateway URL and one demo key per role, with the region's clearing key
# under every city (fresh random keys every run), and each seeded terminal's own key under the city's terminalKeys.
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

# From here on every file this script or its processes write (logs, endpoints.json with the keys, settlement
# reports) is readable by its owner only; files left by an earlier run are made so too.
umask 077
chmod -R go-rwx "$ARTIFACTS" 2>/dev/null || true

STARTED_PG=0
if [[ -z "${ConnectionStrings__CityCard:-}" ]]; then
  # A database of its own for every run: the demonstration closes "today's" window and checks every stream and
  # ledger, which an earlier run's data (perhaps written by an older version) would muddle.
  echo "== Starting PostgreSQL (scripts/pg-start.sh)"
  ConnectionStrings__CityCard="$(CITYCARD_PG_DATABASE="citycard_run_$(date -u +%Y%m%d%H%M%S)" scripts/pg-start.sh)"
  STARTED_PG=1
fi
export ConnectionStrings__CityCard
# Never a password on the terminal or in a log: the connection string is shown with its password masked.
mask_password() { sed -E 's/((^|;)[[:space:]]*(password|pwd)[[:space:]]*=)[^;]*/\1*****/Ig'; }
echo "   $(printf '%s' "$ConnectionStrings__CityCard" | mask_password)"

HTTP_PORT=$(free_port 8080)
SILO_PORT=$(free_port 11111)
GATEWAY_PORT=$(free_port 30000)
DASHBOARD="http://127.0.0.1:$HTTP_PORT/dashboard"

SILO_PID=""
GATEWAY_PIDS=()
cleanup() {
  for pid in "${GATEWAY_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${GATEWAY_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  GATEWAY_PIDS=()
  if [[ -n "$SILO_PID" ]] && kill -0 "$SILO_PID" 2>/dev/null; then
    echo "== Stopping the silo"
    touch "${STOP_SILO:-$ARTIFACTS/.silo-stop}"
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

# Demo keys: random per run, never committed. Every gateway knows the whole region's keys, as SHA-256 hashes only,
# so another city's key is recognised and answered 403 rather than 401.
CITIES=(ZG LZ NJ YB)
ROLES=(terminal service-desk operations)
declare -A KEY
KEY_ENV=()
i=0
for city in "${CITIES[@]}"; do
  for role in "${ROLES[@]}"; do
    id="$(echo "$city" | tr 'A-Z' 'a-z')-$role"
    secret="$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"
    KEY[$city/$role]="$id.$secret"
    KEY_ENV+=("Gateway__Keys__${i}__Id=$id" "Gateway__Keys__${i}__City=$city" "Gateway__Keys__${i}__Role=$role"
              "Gateway__Keys__${i}__SecretSha256=$(printf '%s' "$secret" | sha256sum | cut -d' ' -f1)")
    i=$((i + 1))
  done
done

# The region's clearing key (role clearing, no city): the clearing operators' key, valid at every gateway.
clearing_secret="$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"
KEY[region/clearing]="region-clearing.$clearing_secret"
KEY_ENV+=("Gateway__Keys__${i}__Id=region-clearing" "Gateway__Keys__${i}__Role=clearing"
          "Gateway__Keys__${i}__SecretSha256=$(printf '%s' "$clearing_secret" | sha256sum | cut -d' ' -f1)")

# The silo knows the same keys (hashes only): its operator pages (the clearing view, the dashboard) take a city's
# operations key or the region's clearing key.
SILO_KEY_ENV=("${KEY_ENV[@]/#Gateway__Keys__/Operators__Keys__}")

# The silo runs under a supervisor: if it dies (a crash, a kill), it is started again on the same ports, and the
# gateways, which stay up, reconnect by themselves. Meanwhile they answer 503 with Retry-After. Silo and gateways meet
# through the membership table in PostgreSQL, as they do on Kubernetes.
STOP_SILO="$ARTIFACTS/.silo-stop"
rm -f "$STOP_SILO"
supervise_silo() {
  local child="" rc started
  trap '[[ -n "$child" ]] && kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM
  while :; do
    started=$SECONDS
    env "${SILO_KEY_ENV[@]}" \
      Urls="http://127.0.0.1:$HTTP_PORT" \
      Cluster__Membership=AdoNet \
      Cluster__SiloPort="$SILO_PORT" \
      Cluster__GatewayPort="$GATEWAY_PORT" \
      Telemetry__Exporter="${Telemetry__Exporter:-console}" \
      dotnet silo/CityCard.Silo/bin/Release/net10.0/CityCard.Silo.dll >>"$SILO_LOG" 2>&1 &
    child=$!
    set +e; wait "$child"; rc=$?; set -e
    [[ -f "$STOP_SILO" ]] && exit 0
    # A silo that cannot even start (a broken policy file, PostgreSQL gone) is not started again and again.
    if (( SECONDS - started < 10 )); then
      echo "run.sh: the silo exited (code $rc) within 10 s of its start; not starting it again (log: $SILO_LOG)" | tee -a "$SILO_LOG" >&2
      exit "$rc"
    fi
    echo "run.sh: the silo exited (code $rc) at $(date -u +%H:%M:%S); starting it again on the same ports (log: $SILO_LOG)" | tee -a "$SILO_LOG" >&2
    sleep 1
  done
}

echo "== Starting the silo (log: $SILO_LOG; restarted if it dies)"
: >"$SILO_LOG"
supervise_silo &
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

echo "== Silo up: Orleans gateway 127.0.0.1:$GATEWAY_PORT, dashboard $DASHBOARD, clearing view http://127.0.0.1:$HTTP_PORT/clearing"
echo "   (operator pages: log in with an operations key or the clearing key below; /metrics on 127.0.0.1 only)"

declare -A GATEWAY_URL
next_port=8180
for city in "${CITIES[@]}"; do
  port=$(free_port "$next_port")
  next_port=$((port + 1))
  GATEWAY_URL[$city]="http://127.0.0.1:$port"
  # City-wide terminal keys stay on (Gateway:AllowCityTerminalKeys, unsafe: docs/operations/security.md): the
  # demonstration, citycard load and every client of endpoints.json's "terminal" key charge with them; the seeded
  # terminals' own keys (terminalKeys in endpoints.json) act only as their terminals.
  env "${KEY_ENV[@]}" Gateway__City="$city" Gateway__AllowCityTerminalKeys=true Cluster__Membership=AdoNet Urls="${GATEWAY_URL[$city]}" Gateway__PublicUrl="${GATEWAY_URL[$city]}" \
    Telemetry__Exporter="${Telemetry__Exporter:-console}" \
    dotnet client/CityCard.Gateway/bin/Release/net10.0/CityCard.Gateway.dll >"$ARTIFACTS/gateway-$city.log" 2>&1 &
  GATEWAY_PIDS+=($!)
done

for city in "${CITIES[@]}"; do
  for _ in $(seq 1 60); do
    curl -sf "${GATEWAY_URL[$city]}/health" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -sf "${GATEWAY_URL[$city]}/health" >/dev/null || { echo "run.sh: the $city gateway did not start; its log:" >&2; tail -n 40 "$ARTIFACTS/gateway-$city.log" >&2; exit 1; }
done

ENDPOINTS="$ARTIFACTS/endpoints.json"
rm -f "$ENDPOINTS"
{
  echo "{"
  n=0
  for city in "${CITIES[@]}"; do
    n=$((n + 1))
    printf '  "%s": {"baseUrl": "%s", "keys": {"terminal": "%s", "service-desk": "%s", "operations": "%s", "clearing": "%s"}}%s\n' \
      "$city" "${GATEWAY_URL[$city]}" "${KEY[$city/terminal]}" "${KEY[$city/service-desk]}" "${KEY[$city/operations]}" "${KEY[region/clearing]}" \
      "$([[ $n -lt ${#CITIES[@]} ]] && echo ,)"
  done
  echo "}"
} >"$ENDPOINTS"
chmod 600 "$ENDPOINTS"

echo "== City gateways up (keys for this run; also in $ENDPOINTS):"
for city in "${CITIES[@]}"; do
  echo "   $city ${GATEWAY_URL[$city]}   docs ${GATEWAY_URL[$city]}/docs"
  for role in "${ROLES[@]}"; do
    printf '      %-13s X-Api-Key: %s\n' "$role" "${KEY[$city/$role]}"
  done
done
echo "   the region's clearing operators, at any gateway:"
printf '      %-13s X-Api-Key: %s\n' clearing "${KEY[region/clearing]}"

# The operators and terminals the demonstration and citycard load charge as, from the seed files (seeds/*.json),
# registered through each city's gateway with its operations key: again harmlessly on a restart. Each seeded
# terminal's own key is added to endpoints.json under its city's "terminalKeys" (the keys above stay as they are).
echo; echo "== The seed files' operators and terminals registered (seeds/*.json; their keys under terminalKeys in $ENDPOINTS)"
dotnet client/CityCard.Cli/bin/Release/net10.0/citycard.dll seed --endpoints "$ENDPOINTS" --write-keys

dotnet client/CityCard.Cli/bin/Release/net10.0/citycard.dll demo --endpoints "$ENDPOINTS" --dashboard "$DASHBOARD"

# A school term's student cards issued in bulk from a batch file, through Zigong's gateway (docs/guides/cli.md): their
# deposits are in the day closed next, and their streams in the checks after it.
card_number() { # city, nine-digit serial: the number with its Luhn check digit
  local serial sum=0 double=1 d i
  serial=$(printf '%09d' "$2")
  for ((i = 8; i >= 0; i--)); do
    d=${serial:i:1}
    if ((double)); then d=$((d * 2)); ((d > 9)) && d=$((d - 9)); fi
    sum=$((sum + d)); double=$((1 - double))
  done
  echo "$1$serial$(((10 - sum % 10) % 10))"
}
BATCH_FIRST=$((100000000 + (RANDOM * 32768 + RANDOM) % 800000000))
printf 'batch,demo-term-%s\nproduct,student\nchannel,School\nrange,%s,%s\n' "$BATCH_FIRST" \
  "$(card_number ZG "$BATCH_FIRST")" "$(card_number ZG $((BATCH_FIRST + 1999)))" >"$ARTIFACTS/issue-batch.csv"
echo; echo "== 2,000 student cards issued in bulk from $ARTIFACTS/issue-batch.csv"
dotnet client/CityCard.Cli/bin/Release/net10.0/citycard.dll issue-batch "$ARTIFACTS/issue-batch.csv" --endpoints "$ENDPOINTS"

# The end of the simulated business day, through the gateways with the region's clearing key: the current window is
# closed, the settlement printed and written under artifacts/settlement/, the settlement bank's confirmation recorded.
dotnet client/CityCard.Cli/bin/Release/net10.0/citycard.dll end-of-day --endpoints "$ENDPOINTS" \
  --reports "$ARTIFACTS/settlement" --confirm "PBOC-$(date -u +%Y%m%d)-$(od -An -tx1 -N4 /dev/urandom | tr -d ' \n')"

# The records checked: every card stream against its hash chain, and every ledger against a rebuild from the events.
echo; echo "== Every card stream checked against its hash chain"
dotnet client/CityCard.Cli/bin/Release/net10.0/citycard.dll verify --endpoints "$ENDPOINTS"
echo; echo "== Every city's ledger rebuilt from the event log and reconciled with the live one"
dotnet client/CityCard.Cli/bin/Release/net10.0/citycard.dll reconcile --endpoints "$ENDPOINTS" --out "$ARTIFACTS/reconciliation.json"

if [[ $DEMO_ONLY -eq 1 ]]; then
  echo "== Demonstration finished"
  exit 0
fi

echo
echo "The silo and the gateways keep running. Clearing view: http://127.0.0.1:$HTTP_PORT/clearing   Dashboard: $DASHBOARD"
echo "Gateways: see $ENDPOINTS   Logs (one trace id per request, in the gateway's and the silo's): $ARTIFACTS/"
echo "If the silo dies it is started again (it says so here and in $SILO_LOG); the gateways stay up and reconnect."
echo "Try: dotnet client/CityCard.Cli/bin/Release/net10.0/citycard.dll load     (a simulated day through the gateways)"
echo "Press Ctrl-C to stop."
wait "$SILO_PID"
