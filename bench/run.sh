#!/usr/bin/env bash
# Relay benchmark: the gateway against a direct call to the upstream simulator, in one run.
#
#   bench/run.sh [JAR]
#
# JAR defaults to daemon/target/aqueduct-daemon.jar (built with the Maven wrapper when missing).
# Environment: DURATION (10s) and WARMUP (30s) per run, CONNECTIONS (64), THREADS (2, wrk
# threads), JAVA_HOME (/usr/lib/jvm/temurin-25-jdk-amd64), DAEMON_JAVA_OPTS and SIM_JAVA_OPTS
# (extra JVM flags, e.g. -XX:StartFlightRecording=...), MIN_RATIO (0.5), MAX_ADDED_MS (0.3),
# STRICT=1 (exit 2 when a target is missed), KEEP_TMP=1 (keep configs and logs), REFERENCE=0 (skip the
# nginx reference run, made when nginx is installed: the same load through a plain reverse proxy).
# Exit codes: 0 done, 1 setup failed or a run saw errors, 2 a target missed under STRICT=1.
# Everything listens on and talks to 127.0.0.1 only; every load run stops after its duration.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JAR_ARGUMENT=${1:-}
MIN_RATIO=${MIN_RATIO:-0.5}
MAX_ADDED_MS=${MAX_ADDED_MS:-0.3}
read -r -a DAEMON_OPTS <<<"${DAEMON_JAVA_OPTS:-}"
read -r -a SIM_OPTS <<<"${SIM_JAVA_OPTS:-}"

SIM_PID=""
DAEMON_PID=""
NGINX_PID=""
WRK_PID=""
TMP=""
FAILED_RUNS=()
WARNINGS=()

BENCH_NAME=bench
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_pids $WRK_PID $DAEMON_PID $SIM_PID $NGINX_PID
    remove_tmp "$rc"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# utime + stime of PID in clock ticks.
cpu_ticks() {
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

# CPU seconds used so far by this shell's finished children (wrk among them), from `times`,
# which must run in this shell itself, not in a subshell: sets CHILDREN_CPU.
children_cpu() {
    times >"$TMP/times"
    CHILDREN_CPU=$(tail -n 1 "$TMP/times" | awk '{ t = 0
        for (i = 1; i <= 2; i++) { split($i, p, "m"); t += p[1] * 60 + p[2] }
        printf "%.3f", t }')
}

# Jiffies of the whole machine, "idle total steal": user to steal (guest time is already in
# user); steal is time the hypervisor gave to other machines.
machine_jiffies() {
    awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print $5 + $6, t, $9; exit }' /proc/stat
}

# One wrk run. Sets R_REQUESTS, R_RPS, R_P50_US, R_P99_US, R_ERRORS (status + socket errors).
#   run_wrk LABEL URL CONNECTIONS DURATION STREAM(0|1) KEY LATENCY(0|1)
run_wrk() {
    local label=$1 url=$2 conns=$3 duration=$4 stream=$5 key=$6 latency=$7
    local threads=$(( THREADS < conns ? THREADS : conns ))
    local out=$TMP/wrk-${label// /_}.txt rc=0 line
    local args=(-t "$threads" -c "$conns" -d "$duration" --timeout 10s -s "$LUA")
    [[ $latency == 1 ]] && args+=(--latency)
    BENCH_MODEL=$MODEL BENCH_STREAM=$stream BENCH_KEY=$key \
        timeout -s INT $(( $(to_seconds "$duration") + 30 )) wrk "${args[@]}" "$url" >"$out" 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || rc=$?
    WRK_PID=""
    line=$(grep '^BENCH ' "$out" || true)
    if [[ $rc != 0 || -z $line ]]; then
        cat "$out" >&2
        die "wrk failed for '$label' (exit $rc)"
    fi
    field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $line"; }
    R_REQUESTS=$(field requests)
    R_RPS=$(field rps)
    R_P50_US=$(field p50_us)
    R_P99_US=$(field p99_us)
    R_ERRORS=$(( $(field status_errors) + $(field connect_errors) + $(field read_errors)
            + $(field write_errors) + $(field timeouts) ))
    if (( R_ERRORS > 0 )); then
        local socket="$(field connect_errors) connect, $(field read_errors) read"
        socket+=", $(field write_errors) write, $(field timeouts) timeout"
        FAILED_RUNS+=("$label: $(field status_errors) non-2xx; socket errors $socket (wrk output: $out)")
        grep -E 'Non-2xx|Socket errors' "$out" >&2 || true
        log "!!! $label had errors"
    fi
    (( R_REQUESTS > 0 )) || die "wrk completed no requests for '$label'; output: $out"
}

# Warms URL up, then measures it. Sets the R_* of run_wrk plus R_DAEMON_US, R_SIM_US (CPU
# microseconds per request; the daemon's only when DAEMON is its PID, else 0), R_IDLE (share
# of the machine left idle) and R_OTHER (share used by processes outside this benchmark, which
# make the figures noisy).
#   measure LABEL URL CONNECTIONS STREAM KEY LATENCY DAEMON
measure() {
    local label=$1 url=$2 conns=$3 stream=$4 key=$5 latency=$6 daemon=$7
    local d0=0 d1=0 s0 s1 m0 m1 w0 w1
    log "$label: warming up for $WARMUP"
    run_wrk "$label warmup" "$url" "$conns" "$WARMUP" "$stream" "$key" 0
    log "$label: measuring for $DURATION"
    [[ -n $daemon ]] && d0=$(cpu_ticks "$daemon")
    s0=$(cpu_ticks "$SIM_PID")
    m0=$(machine_jiffies)
    children_cpu
    w0=$CHILDREN_CPU
    run_wrk "$label" "$url" "$conns" "$DURATION" "$stream" "$key" "$latency"
    children_cpu
    w1=$CHILDREN_CPU
    m1=$(machine_jiffies)
    s1=$(cpu_ticks "$SIM_PID")
    [[ -n $daemon ]] && d1=$(cpu_ticks "$daemon")
    R_DAEMON_US=$(awk -v t=$(( d1 - d0 )) -v hz="$CLK_TCK" -v n="$R_REQUESTS" \
            'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
    R_SIM_US=$(awk -v t=$(( s1 - s0 )) -v hz="$CLK_TCK" -v n="$R_REQUESTS" \
            'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
    R_IDLE=$(awk -v a="$m0" -v b="$m1" 'BEGIN { split(a, x, " "); split(b, y, " ");
            printf "%.0f", 100 * (y[1] - x[1]) / (y[2] - x[2]) }')
    # Busy jiffies of the machine, steal aside, minus what the daemon, the simulator and wrk used.
    R_OTHER=$(awk -v a="$m0" -v b="$m1" -v ours=$(( d1 - d0 + s1 - s0 )) -v w0="$w0" -v w1="$w1" \
            -v hz="$CLK_TCK" 'BEGIN { split(a, x, " "); split(b, y, " "); total = y[2] - x[2];
            other = total - (y[1] - x[1]) - (y[3] - x[3]) - ours - (w1 - w0) * hz;
            printf "%.0f", other < 0 ? 0 : 100 * other / total }')
    R_STEAL=$(awk -v a="$m0" -v b="$m1" 'BEGIN { split(a, x, " "); split(b, y, " ");
            printf "%.0f", 100 * (y[3] - x[3]) / (y[2] - x[2]) }')
    log "$label: $R_RPS req/s, p50 $(us_to_ms "$R_P50_US") ms, p99 $(us_to_ms "$R_P99_US") ms"
    log "$label: cpu per request: daemon $R_DAEMON_US us, simulator $R_SIM_US us;"\
            "machine idle $R_IDLE%, steal $R_STEAL%, used by other processes $R_OTHER%"
}

us_to_ms() { awk -v u="$1" 'BEGIN { printf "%.3f", u / 1000 }'; }

# Compares what the client receives directly and through the gateway, ids and timestamps aside.
check_same_answer() {
    local what=$1 body=$2 direct gateway code
    normalize() { sed -E 's/"id":"[^"]*"/"id":""/g; s/"created":[0-9]+/"created":0/g'; }
    direct=$(curl -sS --max-time 10 "$SIM_URL/chat/completions" -H 'Content-Type: application/json' \
            -d "$body" | normalize)
    code=$(curl -sS --max-time 10 -o "$TMP/check.out" -w '%{http_code}' "$GW_URL/chat/completions" \
            -H 'Content-Type: application/json' -H "Authorization: Bearer $KEY" -d "$body")
    [[ $code == 200 ]] || { cat "$TMP/check.out" >&2; die "gateway answered $what with $code"; }
    gateway=$(normalize <"$TMP/check.out")
    if [[ $direct != "$gateway" ]]; then
        WARNINGS+=("$what: the gateway's answer differs from the direct one (see $TMP/check-*.diff)")
        diff <(printf '%s\n' "$direct") <(printf '%s\n' "$gateway") >"$TMP/check-${what// /_}.diff" || true
    fi
}

ratio_of() { awk -v g="$1" -v d="$2" 'BEGIN { printf "%.2f", g / d }'; }
verdict_at_least() { awk -v v="$1" -v t="$2" 'BEGIN { print (v >= t) ? "PASS" : "MISS" }'; }
verdict_below() { awk -v v="$1" -v t="$2" 'BEGIN { print (v < t) ? "PASS" : "MISS" }'; }

# --- prerequisites --------------------------------------------------------------------------

if ! command -v wrk >/dev/null; then
    echo "wrk is not installed; install it with: apt-get install -y wrk (or build github.com/wg/wrk)" >&2
    exit 1
fi
command -v curl >/dev/null || die "curl is not installed; install it with: apt-get install -y curl"
require_jar "$JAR" "$DEFAULT_JAR" "$REPO"
CLK_TCK=$(getconf CLK_TCK)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/aqueduct-bench.XXXXXX")

# --- simulator and daemon -------------------------------------------------------------------

SIM_PORT=$(free_port)
SIM_URL=http://127.0.0.1:$SIM_PORT/v1
"$JAVA" "${SIM_OPTS[@]}" -jar "$JAR" simulate --host 127.0.0.1 --port "$SIM_PORT" \
    >"$TMP/simulator.log" 2>&1 &
SIM_PID=$!
log "simulator pid $SIM_PID on $SIM_URL"
wait_ready simulator "$SIM_URL/models" "$SIM_PID" "$TMP/simulator.log"

GW_PORT=$(free_port)
while [[ $GW_PORT == "$SIM_PORT" ]]; do GW_PORT=$(free_port); done
GW_URL=http://127.0.0.1:$GW_PORT/v1
CONFIG=$TMP/aqueduct.yaml
cat >"$CONFIG" <<EOF
server:
  host: 127.0.0.1
  port: $GW_PORT
  shutdown-timeout-seconds: 5
database:
  url: "jdbc:sqlite:$TMP/aqueduct.db"
providers:
  - name: simulator
    base-url: $SIM_URL
    timeout-seconds: 30
models:
  - name: $MODEL
    deployments:
      - { provider: simulator }
EOF
"$JAVA" -jar "$JAR" bootstrap --config "$CONFIG" --email bench@example.com >"$TMP/bootstrap.out" 2>&1 \
    || { cat "$TMP/bootstrap.out" >&2; die "bootstrap failed"; }
KEY=$(new_key bench)
[[ -n $KEY ]] || die "no aqk- key from keys create; see $TMP/key-bench.out"

"$JAVA" "${DAEMON_OPTS[@]}" -jar "$JAR" serve --config "$CONFIG" >"$TMP/daemon.log" 2>&1 &
DAEMON_PID=$!
log "daemon pid $DAEMON_PID on $GW_URL"
wait_ready daemon "http://127.0.0.1:$GW_PORT/health" "$DAEMON_PID" "$TMP/daemon.log"

code=$(curl -sS -o /dev/null --max-time 10 -w '%{http_code}' "$GW_URL/chat/completions" \
        -H 'Content-Type: application/json' -d "{\"model\":\"$MODEL\",\"messages\":[]}")
[[ $code == 401 ]] || WARNINGS+=("a request without a key got $code, not 401")
check_same_answer "chat" "{\"model\":\"$MODEL\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"
check_same_answer "chat stream" \
    "{\"model\":\"$MODEL\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"

# --- measurements ---------------------------------------------------------------------------

log "wrk: $THREADS threads, $CONNECTIONS connections, $DURATION per run after $WARMUP warm-up; $(nproc) cpus"
declare -A RPS P50 DCPU SCPU IDLE OTHER
MAX_OTHER=0
MAX_STEAL=0

# The plain chat load through nginx, a reverse proxy that does nothing else, kept alive to the
# simulator like the gateway: what the machine allows a proxy in C. Sets RPS[chat nginx].
run_reference() {
    local port conf=$TMP/nginx.conf
    port=$(free_port)
    mkdir -p "$TMP/nginx"
    cat >"$conf" <<NGINX
worker_processes 2;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $TMP/nginx;
    proxy_temp_path $TMP/nginx;
    upstream simulator { server 127.0.0.1:$SIM_PORT; keepalive 128; }
    server {
        listen 127.0.0.1:$port;
        location / { proxy_pass http://simulator; proxy_http_version 1.1; proxy_set_header Connection ""; }
    }
}
NGINX
    nginx -c "$conf" -p "$TMP/nginx" >"$TMP/nginx/out.log" 2>&1 &
    NGINX_PID=$!
    wait_ready nginx "http://127.0.0.1:$port/v1/models" "$NGINX_PID" "$TMP/nginx/error.log"
    measure "chat nginx" "http://127.0.0.1:$port/v1/chat/completions" "$CONNECTIONS" 0 "" 0 ""
    RPS[chat nginx]=$R_RPS
    stop_pids "$NGINX_PID"
    NGINX_PID=""
}

run_pair() {
    local scenario=$1 conns=$2 stream=$3 latency=$4
    # The daemon is idle during direct runs, so its CPU is counted only in gateway runs.
    measure "$scenario direct" "$SIM_URL/chat/completions" "$conns" "$stream" "" "$latency" ""
    RPS[$scenario direct]=$R_RPS; P50[$scenario direct]=$R_P50_US
    SCPU[$scenario direct]=$R_SIM_US; IDLE[$scenario direct]=$R_IDLE; OTHER[$scenario direct]=$R_OTHER
    (( R_OTHER > MAX_OTHER )) && MAX_OTHER=$R_OTHER
    (( R_STEAL > MAX_STEAL )) && MAX_STEAL=$R_STEAL
    measure "$scenario gateway" "$GW_URL/chat/completions" "$conns" "$stream" "$KEY" "$latency" "$DAEMON_PID"
    RPS[$scenario gateway]=$R_RPS; P50[$scenario gateway]=$R_P50_US
    DCPU[$scenario]=$R_DAEMON_US; SCPU[$scenario gateway]=$R_SIM_US; IDLE[$scenario gateway]=$R_IDLE
    OTHER[$scenario gateway]=$R_OTHER
    (( R_OTHER > MAX_OTHER )) && MAX_OTHER=$R_OTHER
    (( R_STEAL > MAX_STEAL )) && MAX_STEAL=$R_STEAL
    return 0
}

run_pair chat "$CONNECTIONS" 0 0
run_pair stream "$CONNECTIONS" 1 0
run_pair single 1 0 1
[[ ${REFERENCE:-1} == 1 ]] && command -v nginx >/dev/null && run_reference

ERROR_LINES=$(grep -c ' ERROR ' "$TMP/daemon.log" || true)
WARN_LINES=$(grep -c ' WARN ' "$TMP/daemon.log" || true)
STACK_LINES=$(grep -cE '^\s+at |Exception' "$TMP/daemon.log" || true)
JVM_WARNINGS=$(grep -c '^WARNING: ' "$TMP/daemon.log" || true)

# --- report ---------------------------------------------------------------------------------

CHAT_RATIO=$(ratio_of "${RPS[chat gateway]}" "${RPS[chat direct]}")
STREAM_RATIO=$(ratio_of "${RPS[stream gateway]}" "${RPS[stream direct]}")
P50_DIRECT=$(us_to_ms "${P50[single direct]}")
P50_GATEWAY=$(us_to_ms "${P50[single gateway]}")
ADDED=$(awk -v g="${P50[single gateway]}" -v d="${P50[single direct]}" 'BEGIN { printf "%.3f", (g - d) / 1000 }')
V_CHAT=$(verdict_at_least "$CHAT_RATIO" "$MIN_RATIO")
V_STREAM=$(verdict_at_least "$STREAM_RATIO" "$MIN_RATIO")
V_ADDED=$(verdict_below "$ADDED" "$MAX_ADDED_MS")

echo
echo "Aqueduct relay benchmark: $(nproc) cpus, wrk -t$THREADS, $DURATION per run after $WARMUP warm-up"
echo "jar: $JAR"
echo
printf '%-22s %11s %12s %6s %8s %6s\n' scenario direct_rps gateway_rps ratio target result
printf '%-22s %11.0f %12.0f %6s %8s %6s\n' "chat, $CONNECTIONS conns" "${RPS[chat direct]}" \
    "${RPS[chat gateway]}" "$CHAT_RATIO" ">=$MIN_RATIO" "$V_CHAT"
printf '%-22s %11.0f %12.0f %6s %8s %6s\n' "chat stream, $CONNECTIONS conns" "${RPS[stream direct]}" \
    "${RPS[stream gateway]}" "$STREAM_RATIO" ">=$MIN_RATIO" "$V_STREAM"
if [[ -n ${RPS[chat nginx]:-} ]]; then
    printf '%-22s %11.0f %12.0f %6s %8s %6s\n' "chat via nginx" "${RPS[chat direct]}" "${RPS[chat nginx]}" \
        "$(ratio_of "${RPS[chat nginx]}" "${RPS[chat direct]}")" "" "(reference: a plain reverse proxy)"
fi
echo
printf '%-22s %13s %14s %8s %8s %6s\n' scenario p50_direct_ms p50_gateway_ms added_ms target result
printf '%-22s %13s %14s %8s %8s %6s\n' "chat, 1 conn" "$P50_DIRECT" "$P50_GATEWAY" "$ADDED" \
    "<$MAX_ADDED_MS" "$V_ADDED"
echo
printf '%-22s %18s %18s %18s %14s %15s\n' scenario cpu_us_per_request sim_cpu_us_direct sim_cpu_us_gateway \
    idle_pct_dir/gw other_pct_dir/gw
for s in chat stream single; do
    printf '%-22s %18s %18s %18s %14s %15s\n' "$s" "${DCPU[$s]}" "${SCPU[$s direct]}" "${SCPU[$s gateway]}" \
        "${IDLE[$s direct]}/${IDLE[$s gateway]}" "${OTHER[$s direct]}/${OTHER[$s gateway]}"
done
echo "(cpu_us_per_request: the daemon's utime+stime per request in the gateway run; other_pct: share"
echo " of the machine's CPU used by processes outside this benchmark during the run)"
echo
echo "daemon log: $ERROR_LINES ERROR lines, $WARN_LINES WARN lines, $STACK_LINES exception/stack lines,"\
    "$JVM_WARNINGS JVM warning lines"
grep -m 2 '^WARNING: ' "$TMP/daemon.log" | cut -c1-160 | sed 's/^/  /' || true
if (( MAX_OTHER > 10 )); then
    WARNINGS+=("other processes used up to $MAX_OTHER% of the machine's CPU during a run; figures are noisy")
fi
if (( MAX_STEAL > 10 )); then
    WARNINGS+=("the hypervisor stole up to $MAX_STEAL% of the machine's CPU during a run; figures are noisy")
fi
for w in "${WARNINGS[@]}"; do
    echo "WARNING: $w"
done

status=0
if (( ${#FAILED_RUNS[@]} > 0 )); then
    echo
    echo "FAILED: runs with non-2xx answers or socket errors:"
    printf '  %s\n' "${FAILED_RUNS[@]}"
    status=1
fi
if (( ERROR_LINES > 0 )); then
    echo "FAILED: the daemon logged $ERROR_LINES ERROR lines; first ones:"
    grep ' ERROR ' "$TMP/daemon.log" | head -n 5 | cut -c1-300
    status=1
fi
if (( status == 0 )) && [[ $STRICT == 1 && "$V_CHAT $V_STREAM $V_ADDED" == *MISS* ]]; then
    status=2
fi
exit "$status"
