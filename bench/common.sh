# Shell functions the benchmark scripts share; sourced by bench/run.sh and bench/usage.sh, not run.
# The sourcing script sets BENCH_DIR, BENCH_NAME (the prefix of its log lines) and JAR_ARGUMENT
# (its first argument, the jar, or empty) first.

# Settings both scripts read, from the environment or their defaults (see bench/README.md).
REPO=$(dirname "$BENCH_DIR")
DEFAULT_JAR=$REPO/daemon/target/aqueduct-daemon.jar
JAR=${JAR_ARGUMENT:-${JAR:-$DEFAULT_JAR}}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
STRICT=${STRICT:-0}
KEEP_TMP=${KEEP_TMP:-0}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
LUA=$BENCH_DIR/chat.lua
MODEL=bench-model
READY_SECONDS=60

log() { printf '[%s] %s\n' "$BENCH_NAME" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$BENCH_NAME" "$*" >&2; exit 1; }

# Stops exactly the given processes, which the script started, by PID: TERM, up to 10 s, then KILL.
stop_pids() {
    local pid alive i
    for pid in "$@"; do
        kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null || true
    done
    for (( i = 0; i < 100; i++ )); do
        alive=0
        for pid in "$@"; do
            kill -0 "$pid" 2>/dev/null && alive=1
        done
        [[ $alive == 0 ]] && break
        sleep 0.1
    done
    for pid in "$@"; do
        if kill -0 "$pid" 2>/dev/null; then
            log "pid $pid did not stop on TERM; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
}

# Removes the directory TMP after a run that succeeded (exit code RC), unless KEEP_TMP=1.
#   remove_tmp RC
remove_tmp() {
    [[ -n $TMP ]] || return 0
    if [[ $1 == 0 && $KEEP_TMP != 1 ]]; then
        rm -rf "$TMP"
    else
        log "configs and logs kept in $TMP"
    fi
}

# "10s", "2m", "1h" or plain seconds, as wrk takes them, to whole seconds.
to_seconds() {
    local d=$1
    case $d in
        *h) echo $(( ${d%h} * 3600 )) ;;
        *m) echo $(( ${d%m} * 60 )) ;;
        *s) echo "${d%s}" ;;
        *) echo "$d" ;;
    esac
}

# A port on 127.0.0.1 nobody listens on, below the kernel's ephemeral range so that outgoing
# connections do not take it between this check and the server's bind.
free_port() {
    local port i
    for (( i = 0; i < 200; i++ )); do
        port=$(( 20000 + RANDOM % 12000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    die "found no free port on 127.0.0.1"
}

# Polls URL until it answers 2xx, for at most READY_SECONDS, failing early if PID exits.
#   wait_ready NAME URL PID LOGFILE
wait_ready() {
    local name=$1 url=$2 pid=$3 logfile=$4 deadline=$(( SECONDS + READY_SECONDS ))
    until curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 30 "$logfile" >&2 || true
            die "$name exited before it was ready; log: $logfile"
        fi
        if (( SECONDS >= deadline )); then
            tail -n 30 "$logfile" >&2 || true
            die "$name was not ready at $url within ${READY_SECONDS}s; log: $logfile"
        fi
        sleep 0.2
    done
}

# Checks that JAVA runs and builds JAR with the Maven wrapper when it is the missing default.
#   require_jar JAR DEFAULT_JAR REPO
require_jar() {
    [[ -x $JAVA ]] || die "no java at $JAVA; set JAVA_HOME to a JDK 25"
    [[ -f $1 ]] && return 0
    [[ $1 == "$2" ]] || die "jar not found: $1"
    log "building $1"
    (cd "$3" && ./mvnw -q -B package -DskipTests) || die "build failed"
}

# Creates an inference key for bench@example.com on the database of CONFIG and prints its secret.
#   new_key NAME
new_key() {
    local out=$TMP/key-$1.out
    "$JAVA" -jar "$JAR" keys create --config "$CONFIG" --user bench@example.com --name "$1" >"$out" 2>&1 \
        || { cat "$out" >&2; die "keys create failed"; }
    # The id printed beside the secret may share its prefix; the secret is the longest token.
    grep -oE 'aqk-[A-Za-z0-9_-]+' "$out" | awk '{ print length, $0 }' | sort -rn | head -n 1 | cut -d' ' -f2
}
