#!/usr/bin/env bash
# Stop the private CityCard PostgreSQL instance started by scripts/pg-start.sh.
#   scripts/pg-stop.sh [--purge]     (--purge also deletes the data folder)
# Uses the same CITYCARD_PG_NAME / CITYCARD_PG_DIR rules as pg-start.sh.
# Silent (exit 0) when the instance is not running.
set -euo pipefail

log() { echo "pg-stop: $*" >&2; }
die() { echo "pg-stop: ERROR: $*" >&2; exit 1; }

PURGE=0
for arg in "$@"; do
  case "$arg" in
    --purge) PURGE=1 ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
    *) die "unknown argument '$arg' (only --purge is accepted)" ;;
  esac
done

NAME="${CITYCARD_PG_NAME:-dev}"
[[ "$NAME" =~ ^[A-Za-z0-9_.-]+$ ]] || die "CITYCARD_PG_NAME must be [A-Za-z0-9_.-]+, got '$NAME'"
DIR="${CITYCARD_PG_DIR:-/tmp/citycard-pg-$(id -u)-$NAME}"
[[ "$DIR" == /* && "$DIR" != "/" ]] || die "CITYCARD_PG_DIR must be an absolute path other than /, got '$DIR'"
unset PGDATA || true

IS_ROOT=0
[[ "$(id -u)" -eq 0 ]] && IS_ROOT=1

find_pg_ctl() {
  local d
  if command -v pg_config >/dev/null 2>&1 && d="$(pg_config --bindir 2>/dev/null)" && [[ -x "$d/pg_ctl" ]]; then
    echo "$d/pg_ctl"; return 0
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [[ -x "$d/pg_ctl" ]]; then echo "$d/pg_ctl"; return 0; fi
  done
  command -v pg_ctl 2>/dev/null
}

# pg_ctl refuses to run as root, so root delegates to the postgres OS user (cd / so a
# cwd under /root does not bother it).
as_pg() {
  if [[ $IS_ROOT -eq 1 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

if [[ -f "$DIR/postmaster.pid" ]]; then
  PG_CTL="$(find_pg_ctl)" || die "a server seems to be running on $DIR but pg_ctl was not found"
  if as_pg "$PG_CTL" -D "$DIR" status >/dev/null 2>&1; then
    if ! as_pg "$PG_CTL" -D "$DIR" -m fast -w -t 60 stop >&2; then
      # A stuck client can block a fast shutdown; the data is disposable, so do not hang CI.
      log "fast shutdown failed; trying immediate shutdown"
      as_pg "$PG_CTL" -D "$DIR" -m immediate -w -t 30 stop >&2 || die "could not stop server on $DIR"
    fi
  fi
fi

if [[ $PURGE -eq 1 && -e "$DIR" ]]; then
  # Guard against a mistyped CITYCARD_PG_DIR: only delete what looks like our cluster.
  if [[ -f "$DIR/PG_VERSION" || -z "$(ls -A "$DIR" 2>/dev/null)" ]]; then
    rm -rf -- "$DIR"
    rm -f -- "$DIR.lock"
    log "removed $DIR"
  else
    die "refusing to purge $DIR: it does not look like a PostgreSQL data folder"
  fi
fi
