#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, benchmarks and trying the PostgreSQL store locally.
#
#   eval "$(bash tests/support/throwaway-postgres.sh start)"   # exports DATABASE_URL and THROWAWAY_PGDATA
#   eval "$(bash tests/support/throwaway-postgres.sh start --no-fsync)"   # for tests: see below
#   bash tests/support/throwaway-postgres.sh stop "$THROWAWAY_PGDATA"
#
# Uses the server binaries of Debian's `postgresql` package (or any initdb/pg_ctl on PATH); it
# installs nothing (.ci/run does that in CI). The cluster lives in a new temp directory, listens on
# 127.0.0.1 on a free port, trusts local connections and is owned by an unprivileged user: the
# caller, or `postgres` (else `nobody`) when run as root, since PostgreSQL refuses to run as root.
set -euo pipefail

find_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then
    echo "$dir"
  elif command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1 && command -v createdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
  else
    echo "throwaway-postgres: no initdb/pg_ctl found (apt-get install postgresql)" >&2
    exit 3
  fi
}

# Runs a command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$OWNER" -- "$@"
  else
    "$@"
  fi
}

owner() {
  if [ "$(id -u)" -ne 0 ]; then id -un; elif id postgres >/dev/null 2>&1; then echo postgres; else echo nobody; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

case "${1:-}" in
  start)
    # Tests kill server processes, never the machine: PostgreSQL's own flushes to disk protect
    # nothing there and cost every commit a wait. Benchmarks keep them, as a real server would.
    SETTINGS=""
    [ "${2:-}" = "--no-fsync" ] && SETTINGS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    BIN=$(find_bin)
    OWNER=$(owner)
    DIR=$(mktemp -d "${TMPDIR:-/tmp}/dx-navi-pg.XXXXXX")
    trap 'as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$DIR"' ERR
    chmod 700 "$DIR"
    [ "$(id -u)" -eq 0 ] && chown "$OWNER" "$DIR"
    as_owner "$BIN/initdb" -D "$DIR/data" -U dxnavi -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 \
      || as_owner "$BIN/initdb" -D "$DIR/data" -U dxnavi -A trust -E UTF8 --locale=C --no-sync >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    for attempt in 1 2 3; do
      PORT=$(free_port)
      # Sockets in the cluster's own directory: /var/run/postgresql may not exist or be writable.
      if as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
        -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR -c max_connections=200 $SETTINGS" start >/dev/null; then
        break
      fi
      [ "$attempt" -eq 3 ] && { cat "$DIR/server.log" >&2; exit 1; }
    done
    as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U dxnavi dxnavi
    trap - ERR
    echo "export DATABASE_URL=postgres://dxnavi@127.0.0.1:$PORT/dxnavi"
    echo "export THROWAWAY_PGDATA=$DIR"
    ;;
  stop)
    DIR=${2:?usage: throwaway-postgres.sh stop DIR}
    BIN=$(find_bin)
    OWNER=$(stat -c %U "$DIR")
    [ -d "$DIR/data" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: throwaway-postgres.sh start | stop DIR" >&2
    exit 2
    ;;
esac
