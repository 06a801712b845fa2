#!/usr/bin/env bash
# Start (or reuse) a private PostgreSQL instance for CityCard and print its
# Npgsql connection string as the only line on stdout:
#   CS=$(scripts/pg-start.sh)
# Env: CITYCARD_PG_NAME (instance, default dev), CITYCARD_PG_DIR (data folder),
#      CITYCARD_PG_PORT (first port to try, default 54329),
#      CITYCARD_PG_FAST=1 (no fsync etc.; for throwaway test data only),
#      CITYCARD_PG_DATABASE (the database to create if missing and connect to, default citycard).
set -euo pipefail

# Keep stdout for the connection string alone; everything else goes to stderr.
exec 3>&1 1>&2

log() { echo "pg-start: $*"; }
die() { echo "pg-start: ERROR: $*"; exit 1; }

# Caller's PG* variables must not redirect our own psql/createdb calls.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGOPTIONS PGSSLMODE PGDATA || true

NAME="${CITYCARD_PG_NAME:-dev}"
[[ "$NAME" =~ ^[A-Za-z0-9_.-]+$ ]] || die "CITYCARD_PG_NAME must be [A-Za-z0-9_.-]+, got '$NAME'"
# Default under /tmp: the repo may sit under /root, which the postgres user cannot read.
DIR="${CITYCARD_PG_DIR:-/tmp/citycard-pg-$(id -u)-$NAME}"
[[ "$DIR" == /* ]] || die "CITYCARD_PG_DIR must be an absolute path, got '$DIR'"
# The folder is embedded in pg_ctl's -o string, which pg_ctl hands to /bin/sh.
[[ "$DIR" != *[\'\"\\\$\`]* ]] || die "CITYCARD_PG_DIR must not contain quotes, \\, \$ or backticks"
BASE_PORT="${CITYCARD_PG_PORT:-54329}"
[[ "$BASE_PORT" =~ ^[0-9]+$ ]] || die "CITYCARD_PG_PORT must be a number, got '$BASE_PORT'"

IS_ROOT=0
[[ "$(id -u)" -eq 0 ]] && IS_ROOT=1

has_server_bins() { [[ -x "$1/initdb" && -x "$1/pg_ctl" && -x "$1/postgres" ]]; }

find_bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1 && d="$(pg_config --bindir 2>/dev/null)" && has_server_bins "$d"; then
    echo "$d"; return 0
  fi
  # Debian/Ubuntu keep server binaries off PATH; take the newest major version.
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if has_server_bins "$d"; then echo "$d"; return 0; fi
  done
  return 1
}

if ! BINDIR="$(find_bindir)"; then
  if [[ $IS_ROOT -eq 1 ]]; then
    log "PostgreSQL server binaries not found; installing package 'postgresql' (apt-get)..."
    command -v apt-get >/dev/null 2>&1 || die "no apt-get here; install the PostgreSQL server (initdb, pg_ctl, postgres) by hand"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq postgresql; } >&2 || die "apt-get install postgresql failed"
    BINDIR="$(find_bindir)" || die "installed 'postgresql' but still cannot find initdb/pg_ctl/postgres"
  else
    die "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found. Install the 'postgresql' package (e.g. 'sudo apt-get install postgresql'), or put a pg_config whose --bindir has them on PATH."
  fi
fi

# Client tools: prefer the ones next to the server (Debian's /usr/bin wrappers want a cluster config).
client() { if [[ -x "$BINDIR/$1" ]]; then echo "$BINDIR/$1"; else command -v "$1" || die "'$1' not found"; fi; }
PSQL="$(client psql)"; PG_ISREADY="$(client pg_isready)"; CREATEDB="$(client createdb)"

# Server-side commands: the postgres binaries refuse to run as root, so root delegates
# to the postgres OS user. cd / first so a cwd under /root is not a problem for it.
as_pg() {
  if [[ $IS_ROOT -eq 1 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

if [[ $IS_ROOT -eq 1 ]]; then
  id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' OS user (install the 'postgresql' package)"
  command -v runuser >/dev/null 2>&1 || die "running as root but 'runuser' (util-linux) is missing"
fi

# Serialise concurrent starts of the same instance (initdb/createdb races). Lock sits
# beside the folder because initdb insists on an empty folder.
mkdir -p "$(dirname "$DIR")"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$DIR.lock"
  flock -w 120 9 || die "timed out waiting for lock $DIR.lock"
fi

mkdir -p "$DIR"
if [[ $IS_ROOT -eq 1 ]]; then
  chown postgres: "$DIR"
fi
chmod 700 "$DIR"

# Refuse early with a clear message if the postgres user cannot reach the folder.
if [[ $IS_ROOT -eq 1 ]] && ! runuser -u postgres -- test -w "$DIR" 2>/dev/null; then
  die "user 'postgres' cannot write $DIR (is a parent folder private, e.g. /root?). Use a folder under /tmp."
fi

if [[ ! -f "$DIR/PG_VERSION" ]]; then
  log "initialising new cluster in $DIR"
  as_pg "$BINDIR/initdb" -D "$DIR" -A trust -U citycard -E UTF8 --locale=C >&2 \
    || die "initdb failed for $DIR"
fi

# -U/-d given so probes do not log "role root does not exist" in server.log.
is_ready() { "$PG_ISREADY" -q -h 127.0.0.1 -p "$1" -U citycard -d postgres -t 2 >/dev/null 2>&1; }

wait_ready() {
  local port="$1" i
  for ((i = 0; i < 60; i++)); do
    is_ready "$port" && return 0
    sleep 1
  done
  return 1
}

port_in_use() {
  local p="$1"
  # Something answering on 127.0.0.1 (covers 0.0.0.0 listeners too) ...
  if (exec 6<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then return 0; fi
  # ... or bound elsewhere (e.g. [::]) in a way that would still clash.
  if command -v ss >/dev/null 2>&1 && ss -Hltn "sport = :$p" 2>/dev/null | grep -q .; then return 0; fi
  return 1
}

show_log_tail() {
  if [[ -f "$DIR/server.log" ]]; then
    echo "---- tail of $DIR/server.log ----"
    tail -n 40 "$DIR/server.log" || true
    echo "---------------------------------"
  fi
}

# The postmaster inherits every open fd of whoever starts it. Left open, our stdout copy
# (fd 3) keeps `CS=$(scripts/pg-start.sh)` waiting forever and the lock (fd 9) is never
# released, so close everything above stderr in the subshell that runs pg_ctl start.
close_extra_fds() {
  local f fd
  for f in /proc/self/fd/*; do
    fd="${f##*/}"
    if [[ "$fd" =~ ^[0-9]+$ ]] && ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
  exec 3>&- 9>&-   # in case /proc is missing
}

PORT=""
# Reuse a server already running on this folder. Line 4 of postmaster.pid is its port.
if [[ -f "$DIR/postmaster.pid" ]] && as_pg "$BINDIR/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  PORT="$(sed -n 4p "$DIR/postmaster.pid" 2>/dev/null || true)"
  [[ "$PORT" =~ ^[0-9]+$ ]] || PORT="$(cat "$DIR/citycard.port" 2>/dev/null || true)"
  [[ "$PORT" =~ ^[0-9]+$ ]] || die "server for $DIR is running but its port is unknown; stop it with scripts/pg-stop.sh"
  log "reusing running server on $DIR (port $PORT)"
  if ! wait_ready "$PORT"; then
    show_log_tail
    die "server for $DIR is running but not accepting connections on 127.0.0.1:$PORT"
  fi
else
  # 500: ./test.sh runs its test assemblies side by side, each with silos (in-process and separate processes) holding
  # pools of their own on this one server.
  OPTS="-c listen_addresses=127.0.0.1 -c max_connections=500"
  # Unix socket in the data folder (so it never collides with a system cluster), unless
  # "<dir>/.s.PGSQL.<port>.lock" would exceed the 107-byte socket path limit; TCP is all we use.
  if (( ${#DIR} <= 80 )); then
    OPTS="$OPTS -k '$DIR'"
  else
    OPTS="$OPTS -c unix_socket_directories=''"
  fi
  if [[ "${CITYCARD_PG_FAST:-0}" == "1" ]]; then
    # Durability off: fine for throwaway test data, never for anything you want to keep.
    OPTS="$OPTS -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi

  port="$BASE_PORT"
  for ((attempt = 0; attempt < 20; attempt++)); do
    while ((port <= 65535)) && port_in_use "$port"; do
      port=$((port + 1))
    done
    ((port <= 65535)) || die "no free TCP port at or above $BASE_PORT"
    log "starting server for $DIR on 127.0.0.1:$port"
    # Only look at log lines from this attempt when deciding why it failed.
    before=0
    [[ -f "$DIR/server.log" ]] && before="$(wc -l <"$DIR/server.log")"
    if (close_extra_fds; as_pg "$BINDIR/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start -o "-p $port $OPTS") >&2; then
      PORT="$port"
      break
    fi
    # Lost a race for the port with another process: try the next one.
    if tail -n +"$((before + 1))" "$DIR/server.log" 2>/dev/null | grep -qi "address already in use"; then
      log "port $port was taken meanwhile; trying the next one"
      port=$((port + 1))
      continue
    fi
    show_log_tail
    die "PostgreSQL failed to start (data folder $DIR)"
  done
  [[ -n "$PORT" ]] || { show_log_tail; die "PostgreSQL failed to start after several ports"; }
  # Written as the server's owner so the data folder stays uniformly owned.
  as_pg sh -c 'echo "$1" >"$2"' _ "$PORT" "$DIR/citycard.port"

  if ! wait_ready "$PORT"; then
    show_log_tail
    die "PostgreSQL started but never accepted connections on 127.0.0.1:$PORT"
  fi
fi

# TCP + trust auth: any OS user may connect as citycard, so no as_pg needed here.
# CITYCARD_PG_DATABASE names the database to create (if missing) and connect to; default citycard.
DB="${CITYCARD_PG_DATABASE:-citycard}"
[[ "$DB" =~ ^[a-z][a-z0-9_]{0,62}$ ]] || die "CITYCARD_PG_DATABASE must be [a-z][a-z0-9_]*, got '$DB'"
exists="$("$PSQL" -h 127.0.0.1 -p "$PORT" -U citycard -d postgres -X -tAc \
  "select 1 from pg_database where datname='$DB'")" || { show_log_tail; die "cannot query server on port $PORT"; }
if [[ "$exists" != "1" ]]; then
  log "creating database $DB"
  "$CREATEDB" -h 127.0.0.1 -p "$PORT" -U citycard "$DB" || die "createdb $DB failed"
fi

echo "Host=127.0.0.1;Port=$PORT;Username=citycard;Database=$DB" >&3
