#!/usr/bin/env bash
# Usage-path benchmark: relay throughput with the database up and then unavailable, in one run,
# an exact check that what clients were served is what gets stored, and the cost of
# `usage.durability: strict` against the default `batched`.
#
#   bench/usage.sh [JAR]
#
# The database is made unavailable for real: a second SQLite connection (the sqlite3 shell)
# holds `BEGIN EXCLUSIVE`, so every write of the daemon fails with SQLITE_BUSY after its busy
# timeout while reads (key lookups) go on.
# Environment: DURATION (10s) and WARMUP (30s) per run, CONNECTIONS (64), THREADS (2),
# CHECK_REQUESTS (200), MIN_DOWN_RATIO (0.9), JAVA_HOME, STRICT=1 (exit 2 when the target is
# missed), KEEP_TMP=1 (keep configs and logs).
# Exit codes: 0 done, 1 setup failed, a run saw errors or the totals differ, 2 target missed
# under STRICT=1. Everything listens on and talks to 127.0.0.1 only; every run stops by itself.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JAR_ARGUMENT=${1:-}
CHECK_REQUESTS=${CHECK_REQUESTS:-200}
MIN_DOWN_RATIO=${MIN_DOWN_RATIO:-0.9}
REPLAY_SECONDS=180

SIM_PID=""
DAEMON_PID=""
WRK_PID=""
LOCK_PID=""
TMP=""
FAILED=()

BENCH_NAME=usage-bench
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    exec 5>&- 2>/dev/null || true
    stop_pids $WRK_PID $LOCK_PID $DAEMON_PID $SIM_PID
    remove_tmp "$rc"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

sql() { sqlite3 -cmd ".timeout 10000" "$DB" "$1"; }

# One wrk run of chat completions. Sets R_REQUESTS, R_RPS, R_P50_US; a run with errors is noted.
#   run_wrk LABEL CONNECTIONS DURATION LATENCY(0|1)
run_wrk() {
    local label=$1 conns=$2 duration=$3 latency=$4 out=$TMP/wrk-${1// /_}.txt rc=0 line
    local threads=$(( THREADS < conns ? THREADS : conns ))
    local args=(-t "$threads" -c "$conns" -d "$duration" --timeout 10s -s "$LUA")
    [[ $latency == 1 ]] && args+=(--latency)
    BENCH_MODEL=$MODEL BENCH_KEY=$KEY \
        timeout -s INT $(( $(to_seconds "$duration") + 30 )) wrk "${args[@]}" "$GW_URL/chat/completions" \
        >"$out" 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || rc=$?
    WRK_PID=""
    line=$(grep '^BENCH ' "$out" || true)
    [[ $rc == 0 && -n $line ]] || { cat "$out" >&2; die "wrk failed for '$label' (exit $rc)"; }
    field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $line"; }
    R_REQUESTS=$(field requests)
    R_RPS=$(field rps)
    R_P50_US=$(field p50_us)
    local errors=$(( $(field status_errors) + $(field connect_errors) + $(field read_errors)
            + $(field write_errors) + $(field timeouts) ))
    (( errors == 0 )) || FAILED+=("$label: $errors errors (wrk output: $out)")
    SERVED_BY_WRK=$(( SERVED_BY_WRK + R_REQUESTS ))
}

measure() {
    log "$1: warming up for $WARMUP"
    run_wrk "$1 warmup" "$2" "$WARMUP" 0
    log "$1: measuring for $DURATION"
    run_wrk "$1" "$2" "$DURATION" "$3"
    log "$1: $R_RPS req/s, p50 $(awk -v u="$R_P50_US" 'BEGIN { printf "%.3f", u / 1000 }') ms"
}

start_daemon() {
    local durability=$1
    GW_PORT=$(free_port)
    GW_URL=http://127.0.0.1:$GW_PORT/v1
    sed -e "s/@PORT@/$GW_PORT/" -e "s/@DURABILITY@/$durability/" "$TMP/aqueduct.yaml.in" >"$CONFIG"
    "$JAVA" -jar "$JAR" serve --config "$CONFIG" >>"$TMP/daemon-$durability.log" 2>&1 &
    DAEMON_PID=$!
    log "daemon ($durability) pid $DAEMON_PID on $GW_URL"
    wait_ready daemon "http://127.0.0.1:$GW_PORT/health" "$DAEMON_PID" "$TMP/daemon-$durability.log"
}

stop_daemon() {
    kill -TERM "$DAEMON_PID"
    wait "$DAEMON_PID" || true
    DAEMON_PID=""
}

# Holds SQLite's write lock from a second connection until release_database.
lock_database() {
    mkfifo "$TMP/lock.fifo"
    sqlite3 "$DB" <"$TMP/lock.fifo" >"$TMP/lock.out" 2>&1 &
    LOCK_PID=$!
    exec 5>"$TMP/lock.fifo"
    printf 'BEGIN EXCLUSIVE;\nSELECT %s;\n' "'locked'" >&5
    local deadline=$(( SECONDS + 30 ))
    until grep -q locked "$TMP/lock.out"; do
        (( SECONDS < deadline )) || { cat "$TMP/lock.out" >&2; die "could not lock $DB"; }
        sleep 0.1
    done
    log "database locked by sqlite3 pid $LOCK_PID"
}

release_database() {
    printf 'ROLLBACK;\n' >&5
    exec 5>&-
    wait "$LOCK_PID" || true
    LOCK_PID=""
    log "database released"
}

# Sends CHECK_REQUESTS chat completions with the check key; sets CHECK_INPUT and CHECK_OUTPUT
# to the tokens the clients were told they used.
served_check() {
    local i body
    CHECK_INPUT=0
    CHECK_OUTPUT=0
    for (( i = 0; i < CHECK_REQUESTS; i++ )); do
        body=$(curl -fsS --max-time 10 "$GW_URL/chat/completions" -H 'Content-Type: application/json' \
            -H "Authorization: Bearer $CHECK_KEY" \
            -d "{\"model\":\"$MODEL\",\"messages\":[{\"role\":\"user\",\"content\":\"$(printf 'word %.0s' $(seq 0 $(( i % 50 ))))\"}]}") \
            || die "check request $i failed"
        CHECK_INPUT=$(( CHECK_INPUT + $(grep -o '"prompt_tokens":[0-9]*' <<<"$body" | head -n 1 | cut -d: -f2) ))
        CHECK_OUTPUT=$(( CHECK_OUTPUT + $(grep -o '"completion_tokens":[0-9]*' <<<"$body" | head -n 1 | cut -d: -f2) ))
    done
}

# --- prerequisites, simulator, keys ---------------------------------------------------------

command -v wrk >/dev/null || { echo "wrk is not installed; install it with: apt-get install -y wrk" >&2; exit 1; }
command -v sqlite3 >/dev/null || die "sqlite3 is not installed; install it with: apt-get install -y sqlite3"
command -v curl >/dev/null || die "curl is not installed; install it with: apt-get install -y curl"
require_jar "$JAR" "$DEFAULT_JAR" "$REPO"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/aqueduct-usage-bench.XXXXXX")
DB=$TMP/aqueduct.db
CONFIG=$TMP/aqueduct.yaml
SERVED_BY_WRK=0

SIM_PORT=$(free_port)
"$JAVA" -jar "$JAR" simulate --host 127.0.0.1 --port "$SIM_PORT" >"$TMP/simulator.log" 2>&1 &
SIM_PID=$!
wait_ready simulator "http://127.0.0.1:$SIM_PORT/v1/models" "$SIM_PID" "$TMP/simulator.log"

cat >"$TMP/aqueduct.yaml.in" <<EOF2
server: { host: 127.0.0.1, port: @PORT@, shutdown-timeout-seconds: 5 }
database: { url: "jdbc:sqlite:$DB" }
usage: { durability: @DURABILITY@ }
providers:
  - { name: simulator, base-url: "http://127.0.0.1:$SIM_PORT/v1", timeout-seconds: 30 }
models:
  - { name: $MODEL, deployments: [{ provider: simulator }] }
EOF2
sed -e "s/@PORT@/0/" -e "s/@DURABILITY@/batched/" "$TMP/aqueduct.yaml.in" >"$CONFIG"
"$JAVA" -jar "$JAR" bootstrap --config "$CONFIG" --email bench@example.com >"$TMP/bootstrap.out" 2>&1 \
    || { cat "$TMP/bootstrap.out" >&2; die "bootstrap failed"; }
KEY=$(new_key bench)
CHECK_KEY=$(new_key check)
[[ -n $KEY && -n $CHECK_KEY ]] || die "no aqk- key from keys create; see $TMP/key-*.out"

# --- batched: database up, then down ---------------------------------------------------------

start_daemon batched
log "wrk: $THREADS threads, $CONNECTIONS connections, $DURATION per run after $WARMUP warm-up; $(nproc) cpus"
measure "db up" "$CONNECTIONS" 0
UP_RPS=$R_RPS
measure "batched, 1 conn" 1 1
BATCHED_P50=$R_P50_US

lock_database
measure "db down" "$CONNECTIONS" 0
DOWN_RPS=$R_RPS
log "exact check: $CHECK_REQUESTS requests with a second key while the database is down"
served_check
SPOOL_BYTES=$( (cat "$TMP"/usage-spool-*.jsonl 2>/dev/null || true) | wc -c)
STORED_WHILE_DOWN=$(sql "SELECT COUNT(*) FROM usage_events")
release_database

CHECK_KEY_ID=$(sql "SELECT id FROM api_keys WHERE name = 'check'")
deadline=$(( SECONDS + REPLAY_SECONDS ))
until [[ $(sql "SELECT COUNT(*) FROM usage_events WHERE key_id = '$CHECK_KEY_ID'") == "$CHECK_REQUESTS" ]] \
        && ! ls "$TMP"/usage-spool-*.jsonl >/dev/null 2>&1; do
    (( SECONDS < deadline )) || die "the spool was not replayed within ${REPLAY_SECONDS}s"
    sleep 0.5
done
REPLAY_SECONDS_TAKEN=$(( SECONDS - deadline + REPLAY_SECONDS ))
# Measured again now that the JIT is as warm as it was for the run with the database down.
measure "db up again" "$CONNECTIONS" 0
UP_AGAIN_RPS=$R_RPS
stop_daemon
SERVED_BATCHED=$SERVED_BY_WRK
STORED=$(sql "SELECT COUNT(*) FROM usage_events WHERE key_id <> '$CHECK_KEY_ID'")
CHECK_STORED=$(sql "SELECT SUM(requests) || ' ' || SUM(input_tokens) || ' ' || SUM(output_tokens)
        FROM usage_hourly WHERE key_id = '$CHECK_KEY_ID'")
CHECK_SERVED="$CHECK_REQUESTS $CHECK_INPUT $CHECK_OUTPUT"
[[ $CHECK_STORED == "$CHECK_SERVED" ]] \
    || FAILED+=("check key: served requests/input/output $CHECK_SERVED, stored $CHECK_STORED")
(( STORED >= SERVED_BY_WRK )) || FAILED+=("wrk completed $SERVED_BY_WRK requests but only $STORED are stored")

# --- strict ---------------------------------------------------------------------------------

start_daemon strict
measure "strict" "$CONNECTIONS" 0
STRICT_RPS=$R_RPS
measure "strict, 1 conn" 1 1
STRICT_P50=$R_P50_US
stop_daemon

ERROR_LINES=$(cat "$TMP"/daemon-*.log | grep -c ' ERROR ' || true)
(( ERROR_LINES == 0 )) || FAILED+=("the daemon logged $ERROR_LINES ERROR lines (logs: $TMP)")

# --- report ---------------------------------------------------------------------------------

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ms() { awk -v u="$1" 'BEGIN { printf "%.3f", u / 1000 }'; }
BEST_UP_RPS=$(awk -v a="$UP_RPS" -v b="$UP_AGAIN_RPS" 'BEGIN { print (a > b) ? a : b }')
DOWN_RATIO=$(ratio "$DOWN_RPS" "$BEST_UP_RPS")
VERDICT=$(awk -v v="$DOWN_RATIO" -v t="$MIN_DOWN_RATIO" 'BEGIN { print (v >= t) ? "PASS" : "MISS" }')

echo
echo "Aqueduct usage benchmark: $(nproc) cpus, wrk -t$THREADS, $DURATION per run after $WARMUP warm-up"
echo
printf '%-34s %10s %8s %8s %6s\n' scenario rps ratio target result
printf '%-34s %10.0f\n' "batched, db up, $CONNECTIONS conns" "$UP_RPS"
printf '%-34s %10.0f\n' "batched, db up again, $CONNECTIONS conns" "$UP_AGAIN_RPS"
printf '%-34s %10.0f %8s %8s %6s\n' "batched, db down, $CONNECTIONS conns" "$DOWN_RPS" "$DOWN_RATIO" \
    ">=$MIN_DOWN_RATIO" "$VERDICT"
printf '%-34s %10.0f %8s\n' "strict, db up, $CONNECTIONS conns" "$STRICT_RPS" "$(ratio "$STRICT_RPS" "$BEST_UP_RPS")"
echo "(ratios against the better of the two runs with the database up)"
echo
printf '%-34s %10s\n' scenario p50_ms
printf '%-34s %10s\n' "batched, 1 conn" "$(ms "$BATCHED_P50")"
printf '%-34s %10s\n' "strict, 1 conn" "$(ms "$STRICT_P50")"
echo
echo "while down: $STORED_WHILE_DOWN events in the database, $SPOOL_BYTES bytes spooled;"\
    "replayed within ${REPLAY_SECONDS_TAKEN}s of the release"
echo "stored: $STORED events for $SERVED_BATCHED requests wrk completed (requests cut off at a run's end"\
    "are stored too)"
echo "check key: served requests/input/output tokens $CHECK_SERVED, stored $CHECK_STORED"
echo "daemon logs: $ERROR_LINES ERROR lines"

if (( ${#FAILED[@]} > 0 )); then
    echo
    echo "FAILED:"
    printf '  %s\n' "${FAILED[@]}"
    exit 1
fi
if [[ $STRICT == 1 && $VERDICT == MISS ]]; then
    exit 2
fi
exit 0
