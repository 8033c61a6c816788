#!/usr/bin/env bash
# Set up what is missing, build, and start a demo: crewline-server on an embedded SQLite database with demo data,
# plus the console (when a display is available) and the field simulator (when it is built).
#
#   scripts/run.sh                  start the demo; Ctrl-C stops everything this script started
#   scripts/run.sh --log-level debug    extra arguments go to crewline-server
#   BUILD_DIR=build-dev CREWLINE_PORT=9000 scripts/run.sh
set -euo pipefail

# Demo settings: change them here (or override them from the environment).
CREWLINE_HOST="${CREWLINE_HOST:-127.0.0.1}"
CREWLINE_PORT="${CREWLINE_PORT:-8765}"
CREWLINE_DATA_DIR="${CREWLINE_DATA_DIR:-./data}"
DEMO_ADMIN_USER="admin"
DEMO_ADMIN_PASSWORD="admin"
DEMO_DISPATCHER_USER="disp1"
DEMO_DISPATCHER_PASSWORD="demo123"
FIELDSIM_ENGINEERS="${FIELDSIM_ENGINEERS:-20}"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR="${BUILD_DIR:-build}"
SERVER_URL="ws://${CREWLINE_HOST}:${CREWLINE_PORT}"
SERVER_BIN="$BUILD_DIR/server/crewline-server"
CLIENT_BIN="$BUILD_DIR/client/crewline"
FIELDSIM_BIN="$BUILD_DIR/client/crewline-fieldsim"

# PIDs of the processes this script started, and only those: cleanup never touches anything else.
STARTED_PIDS=()

# Drops a PID that has already been reaped, so cleanup never signals a number the kernel may have reused.
forget_pid() {
    local pid kept=()
    for pid in "${STARTED_PIDS[@]}"; do
        if [[ "$pid" != "$1" ]]; then kept+=("$pid"); fi
    done
    STARTED_PIDS=("${kept[@]}")
}

cleanup() {
    local pid i
    trap - EXIT INT TERM
    if ((${#STARTED_PIDS[@]} == 0)); then return 0; fi
    # Stop in reverse start order: console and simulator first, the server last.
    for ((i = ${#STARTED_PIDS[@]} - 1; i >= 0; i--)); do
        pid=${STARTED_PIDS[i]}
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${STARTED_PIDS[@]}"; do
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "run: PID $pid did not stop within 5 s, killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
    echo "run: stopped"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_answers() {
    (exec 3<>"/dev/tcp/${CREWLINE_HOST}/${CREWLINE_PORT}") 2>/dev/null
}

bash scripts/deps.sh

# CREWLINE_WERROR is left as the build directory has it, so switching between run.sh and test.sh does not rebuild.
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
# Only the programs the demo runs (not the tests); the console and the simulator when the build defines them.
targets=(crewline-server)
for target in crewline crewline-fieldsim; do
    if grep -q "^build ${target}: phony" "$BUILD_DIR/build.ninja"; then targets+=("$target"); fi
done
cmake --build "$BUILD_DIR" -j"$(nproc)" --target "${targets[@]}"

if [[ ! -x "$SERVER_BIN" ]]; then
    echo "run: $SERVER_BIN was not built" >&2
    exit 1
fi
if port_answers; then
    echo "run: something already listens on ${CREWLINE_HOST}:${CREWLINE_PORT}; stop it or set CREWLINE_PORT" >&2
    exit 1
fi

mkdir -p "$CREWLINE_DATA_DIR"
"$SERVER_BIN" --data-dir "$CREWLINE_DATA_DIR" --listen "$CREWLINE_HOST" --port "$CREWLINE_PORT" --demo-data "$@" &
SERVER_PID=$!
STARTED_PIDS+=("$SERVER_PID")

# Wait up to 10 s for the port to answer, giving up early if the server exits.
for _ in $(seq 100); do
    port_answers && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        wait "$SERVER_PID" && rc=0 || rc=$?
        forget_pid "$SERVER_PID"
        echo "run: crewline-server exited with status $rc before listening" >&2
        exit 1
    fi
    sleep 0.1
done
if ! port_answers; then
    echo "run: crewline-server did not answer on ${CREWLINE_HOST}:${CREWLINE_PORT} within 10 s" >&2
    exit 1
fi

cat <<INFO

  Crewline server is running (PID $SERVER_PID), data in $CREWLINE_DATA_DIR
  Connect a console to:  $SERVER_URL
  Demo accounts:         administrator $DEMO_ADMIN_USER / $DEMO_ADMIN_PASSWORD
                         dispatcher    $DEMO_DISPATCHER_USER / $DEMO_DISPATCHER_PASSWORD
  Console by hand:       $CLIENT_BIN --server $SERVER_URL --user $DEMO_DISPATCHER_USER

INFO

if [[ -x "$FIELDSIM_BIN" ]]; then
    echo "run: starting the field simulator ($FIELDSIM_ENGINEERS engineers), log in $CREWLINE_DATA_DIR/fieldsim.log"
    export CREWLINE_FIELDSIM_PASSWORD="${FIELDSIM_PASSWORD:-demo123}"
    "$FIELDSIM_BIN" --server "$SERVER_URL" --engineers "$FIELDSIM_ENGINEERS" --speedup "${FIELDSIM_SPEEDUP:-3}" \
        --password-env CREWLINE_FIELDSIM_PASSWORD >"$CREWLINE_DATA_DIR/fieldsim.log" 2>&1 &
    STARTED_PIDS+=("$!")
fi

if [[ -x "$CLIENT_BIN" && (-n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}") ]]; then
    echo "run: starting the console as $DEMO_DISPATCHER_USER; closing it stops the demo"
    export CREWLINE_DEMO_PASSWORD="$DEMO_DISPATCHER_PASSWORD"
    "$CLIENT_BIN" --server "$SERVER_URL" --user "$DEMO_DISPATCHER_USER" --password-env CREWLINE_DEMO_PASSWORD &
    CLIENT_PID=$!
    STARTED_PIDS+=("$CLIENT_PID")
    wait "$CLIENT_PID" || true
else
    if [[ ! -x "$CLIENT_BIN" ]]; then
        echo "run: console not built ($CLIENT_BIN); server only"
    else
        echo "run: no display (\$DISPLAY / \$WAYLAND_DISPLAY unset); server only"
    fi
    echo "run: press Ctrl-C to stop"
    wait "$SERVER_PID" && rc=0 || rc=$?
    forget_pid "$SERVER_PID"
    echo "run: crewline-server exited with status $rc" >&2
    exit "$rc"
fi
