#!/usr/bin/env bash
# Usage store benchmark: how many usage events per second the real buffer and writer store,
# on SQLite (a temporary file) and on PostgreSQL (a throw-away server under /tmp that this
# script creates with initdb, starts, and stops by its PID). See bench/README.md.
#
#   bench/usage-store.sh [sqlite|postgresql|both]     (default: both)
#
# Environment: JAVA_HOME (JDK 25), PG_BIN (PostgreSQL server binaries, default: the newest
# /usr/lib/postgresql/*/bin), SECONDS_PER_RATE (default 10), RATES (comma separated).
set -euo pipefail

cd "$(dirname "$0")/.."
which="${1:-both}"
java="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java"
jar=daemon/target/aqueduct-daemon.jar
seconds="${SECONDS_PER_RATE:-10}"
rates="${RATES:-1000,2000,5000,10000,20000,30000,40000,60000,80000}"
work="$(mktemp -d /tmp/aqueduct-bench-usage.XXXXXX)"
pg_pid=""

cleanup() {
    if [ -n "$pg_pid" ] && kill -0 "$pg_pid" 2>/dev/null; then
        kill -INT "$pg_pid"    # fast shutdown of the server this script started
        while kill -0 "$pg_pid" 2>/dev/null; do sleep 0.2; done
    fi
    rm -rf "$work"
}
trap cleanup EXIT

[ -f "$jar" ] || ./mvnw -q -B package -DskipTests

bench() {
    "$java" -Xmx2g -jar "$jar" bench-usage --url "$1" --rates "$rates" --seconds "$seconds"
}

# PostgreSQL refuses to run as root; as root, run it in a user namespace as "nobody".
as_server_user() {
    if [ "$(id -u)" = 0 ]; then
        unshare --user --map-user=65534 --map-group=65534 "$@"
    else
        "$@"
    fi
}

run_postgresql() {
    local bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}"
    local data="$work/pg" port
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_server_user "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-locale >"$work/initdb.log"
    as_server_user "$bin/pg_ctl" -D "$data" -l "$work/pg.log" -w \
        -o "-p $port -k $work -c listen_addresses=127.0.0.1" start >/dev/null
    pg_pid="$(head -1 "$data/postmaster.pid")"
    echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') (pid $pg_pid, port $port, default durability)"
    bench "jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
}

run_sqlite() {
    echo "== SQLite (WAL, synchronous=NORMAL) in $work"
    bench "jdbc:sqlite:$work/usage.db"
}

case "$which" in
    sqlite) run_sqlite ;;
    postgresql) run_postgresql ;;
    both) run_sqlite; run_postgresql ;;
    *) echo "usage: $0 [sqlite|postgresql|both]" >&2; exit 2 ;;
esac
