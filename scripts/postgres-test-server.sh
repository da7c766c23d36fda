#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server with pgvector on 127.0.0.1, for the tests.
#
#   scripts/postgres-test-server.sh start   installs what is missing, starts a fresh cluster, prints the connection string
#   scripts/postgres-test-server.sh stop    stops the server and deletes the cluster
#   scripts/postgres-test-server.sh env     prints "export BRIEFINGBOT_TEST_POSTGRES=..." for a running server
#
# POSTGRES_SERVER_OPTIONS adds server settings at start, e.g. "-c shared_buffers=4GB" for the large store benchmarks.
#
# PostgreSQL comes from Debian (postgresql-15, postgresql-server-dev-15). pgvector is built from Debian's own source
# package (trixie), fetched with `apt-get source` through a private apt configuration under .artifacts (the system's
# apt lists are not touched), and installed into a private copy of PostgreSQL's tree, so /usr is left as it was.
# The cluster lives in .artifacts/pg (fsync off: it holds test data only). The connection string is written to
# .artifacts/pg/connection-string.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_MAJOR=15
SYSTEM_PG=/usr/lib/postgresql/$PG_MAJOR
ARTIFACTS="$(pwd)/.artifacts"
BUILD="$ARTIFACTS/pg-build"
TREE="$BUILD/root"
PG_BIN="$TREE/usr/lib/postgresql/$PG_MAJOR/bin"
CLUSTER="$ARTIFACTS/pg"
DATA="$CLUSTER/data"
DATABASE=briefingbot_test
CONNECTION_FILE="$CLUSTER/connection-string"

log() { echo "postgres-test-server: $*" >&2; }
fail() { log "error: $*"; exit 1; }

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

install_packages() {
  if dpkg -s "postgresql-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR" >/dev/null 2>&1; then
    return
  fi
  [ "$(id -u)" -eq 0 ] || fail "postgresql-$PG_MAJOR and postgresql-server-dev-$PG_MAJOR are missing; install them as root"
  log "installing postgresql-$PG_MAJOR and postgresql-server-dev-$PG_MAJOR"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR" >/dev/null
}

debian_mirror() {
  local mirror
  mirror=$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d 2>/dev/null \
    | grep -oE 'https?://[^ ]+' | head -n 1 || true)
  echo "${mirror:-http://deb.debian.org/debian}"
}

fetch_pgvector_source() {
  local apt="$BUILD/apt" src="$BUILD/src"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$src"
  if compgen -G "$src/pgvector_*.orig.tar.gz" >/dev/null; then
    return
  fi
  echo "deb-src $(debian_mirror) trixie main" > "$apt/sources.list"
  local options=(-o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "APT::Sandbox::User=root")
  log "fetching Debian's pgvector source (trixie)"
  apt-get "${options[@]}" update -qq
  (cd "$src" && apt-get "${options[@]}" source --download-only -qq pgvector >/dev/null 2>&1) \
    || fail "apt-get source pgvector failed (is the Debian mirror reachable?)"
}

build_tree() {
  if [ -f "$TREE/usr/lib/postgresql/$PG_MAJOR/lib/vector.so" ] && [ -x "$PG_BIN/postgres" ]; then
    return
  fi
  install_packages
  fetch_pgvector_source
  local src="$BUILD/src"
  rm -rf "$src"/pgvector-*/ "$TREE" "$BUILD/stage"
  tar -C "$src" -xzf "$(ls "$src"/pgvector_*.orig.tar.gz | head -n 1)"
  local dir
  dir=$(ls -d "$src"/pgvector-*/ | head -n 1)
  log "building pgvector in $dir"
  make -s -C "$dir" with_llvm=no PG_CONFIG="$SYSTEM_PG/bin/pg_config" >/dev/null
  make -s -C "$dir" with_llvm=no PG_CONFIG="$SYSTEM_PG/bin/pg_config" install DESTDIR="$BUILD/stage" >/dev/null
  mkdir -p "$TREE/usr/lib/postgresql" "$TREE/usr/share/postgresql"
  cp -a "$SYSTEM_PG" "$TREE/usr/lib/postgresql/"
  cp -a "/usr/share/postgresql/$PG_MAJOR" "$TREE/usr/share/postgresql/"
  cp -a "$BUILD/stage/usr/." "$TREE/usr/"
  chmod -R a+rX "$TREE"
}

is_running() {
  [ -f "$DATA/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

free_port() {
  local port
  for port in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  fail "no free port between 55432 and 55532"
}

start() {
  if is_running && [ -f "$CONNECTION_FILE" ]; then
    cat "$CONNECTION_FILE"
    return
  fi
  build_tree
  stop_quietly
  rm -rf "$CLUSTER"
  mkdir -p "$CLUSTER"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$CLUSTER"
  as_postgres "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  local port
  port=$(free_port)
  as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -l "$CLUSTER/server.log" -w -t 60 -o \
    "-c listen_addresses=127.0.0.1 -p $port -k $CLUSTER -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${POSTGRES_SERVER_OPTIONS:-}" \
    start >/dev/null || { cat "$CLUSTER/server.log" >&2; fail "the server did not start"; }
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "CREATE DATABASE $DATABASE" >/dev/null
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$DATABASE" \
    -c "CREATE EXTENSION IF NOT EXISTS vector" >/dev/null
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$DATABASE;SSL Mode=Disable" > "$CONNECTION_FILE"
  log "PostgreSQL $PG_MAJOR with pgvector $("$PG_BIN/psql" -X -At -h 127.0.0.1 -p "$port" -U postgres -d "$DATABASE" \
    -c "SELECT extversion FROM pg_extension WHERE extname = 'vector'") on 127.0.0.1:$port"
  cat "$CONNECTION_FILE"
}

stop_quietly() {
  if [ -d "$DATA" ] && [ -x "$PG_BIN/pg_ctl" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

stop() {
  stop_quietly
  rm -rf "$CLUSTER"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env)
    is_running && [ -f "$CONNECTION_FILE" ] || fail "no server is running (run: $0 start)"
    echo "export BRIEFINGBOT_TEST_POSTGRES='$(cat "$CONNECTION_FILE")'"
    ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
