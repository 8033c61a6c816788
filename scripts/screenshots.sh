#!/usr/bin/env bash
# Screenshots of the console for docs/screenshots/: starts a demo server on a free port, then the console under Xvfb
# in English and in Chinese, which saves a picture of every view and quits. Look at them before committing.
#
#   scripts/screenshots.sh            (builds first; needs xvfb-run, installed by scripts/deps.sh)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR="${BUILD_DIR:-build}"
OUT="docs/screenshots"
PORT="${CREWLINE_SCREENSHOT_PORT:-18765}"

bash scripts/deps.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" --target crewline-server crewline

DATA="$(mktemp -d)"
"$BUILD_DIR/server/crewline-server" --data-dir "$DATA" --port "$PORT" --demo-data --demo-tickets 3000 &
SERVER_PID=$!
cleanup() {
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    rm -rf "$DATA"
}
trap cleanup EXIT
for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
    sleep 0.1
done

mkdir -p "$OUT"
export CREWLINE_DEMO_PASSWORD=demo123
for lang in en zh_CN; do
    # A private settings folder, so the screenshots show the default layout.
    XDG_CONFIG_HOME="$(mktemp -d)" timeout 120 xvfb-run -a -s "-screen 0 1600x1000x24" \
        "$BUILD_DIR/client/crewline" --server "ws://127.0.0.1:$PORT" --user disp1 \
        --password-env CREWLINE_DEMO_PASSWORD --lang "$lang" --screenshot-dir "$OUT"
done
ls -1 "$OUT"
