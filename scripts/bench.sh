#!/usr/bin/env bash
# Build the benchmarks (Release, build-bench/), run each several times against the real crewline-server on
# 127.0.0.1, and print one table: median and spread (min–max) per metric, with the target and ✓/✗.
# docs/performance.md records the table with this command and the machine it ran on.
#
#   scripts/bench.sh                     everything, 3 runs each (large cases load 1,000,000 tickets once)
#   scripts/bench.sh --smoke             tiny sizes, one run: checks that everything works (well under a minute)
#   scripts/bench.sh --repeat 5          runs per benchmark
#   scripts/bench.sh --only create,fanout    a subset: create ops fanout query memory console map dashboard
#   scripts/bench.sh --no-large          skip the 1,000,000-ticket cases
#   scripts/bench.sh --console           also build the console libraries: measure the console (item 6) and the
#                                        map's rendering (issue #4: 5,000 staff + 20,000 tickets, frames per second)
#   scripts/bench.sh --no-build          use what build-bench holds
#   scripts/bench.sh --experiment-nodelay    run the server with TCP_NODELAY forced on by a preloaded shim
#                                        (tests/bench/experiments/nodelay_preload.c): the "after" of the Nagle finding
#
# Environment: BUILD_DIR (default build-bench), JOBS (default 2), CREWLINE_BENCH_DATA (loaded data sets, default
# $BUILD_DIR/benchdata: kept between runs, delete it to reload).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
BUILD_DIR="${BUILD_DIR:-build-bench}"
JOBS="${JOBS:-2}"
DATA="${CREWLINE_BENCH_DATA:-$ROOT/$BUILD_DIR/benchdata}"

ARGS="$*"
smoke=0 repeat="" only="create,ops,fanout,query,memory,console,map,dashboard" large=1 console=0 build=1 nodelay=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --smoke) smoke=1 ;;
        --repeat) repeat="$2"; shift ;;
        --only) only="$2"; shift ;;
        --no-large) large=0 ;;
        --console) console=1 ;;
        --no-build) build=0 ;;
        --experiment-nodelay) nodelay=1 ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
if [[ -z "$repeat" ]]; then
    repeat=3
    if [[ $smoke == 1 ]]; then repeat=1; fi
fi
wants() { [[ ",$only," == *",$1,"* ]]; }

if [[ $build == 1 ]]; then
    client=OFF
    if [[ $console == 1 ]]; then client=ON; fi
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCREWLINE_BUILD_CLIENT=$client \
        -DCREWLINE_BUILD_BENCH=ON -DCREWLINE_WERROR=ON >/dev/null
    cmake --build "$BUILD_DIR" -j"$JOBS" --target crewline_benchmarks
fi
BIN="$ROOT/$BUILD_DIR/tests/bench"
export QT_QPA_PLATFORM=offscreen

if [[ $nodelay == 1 ]]; then
    cc -shared -fPIC -O2 -o "$ROOT/$BUILD_DIR/libnodelay_preload.so" "$ROOT/tests/bench/experiments/nodelay_preload.c" -ldl
    export CREWLINE_BENCH_SERVER_PRELOAD="$ROOT/$BUILD_DIR/libnodelay_preload.so"
fi

suffix=""
if [[ $smoke == 1 ]]; then suffix+="-smoke"; fi
if [[ $nodelay == 1 ]]; then suffix+="-nodelay"; fi
RESULTS="$ROOT/$BUILD_DIR/bench-results/$(date +%Y%m%d-%H%M%S)$suffix"
mkdir -p "$RESULTS"
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
    echo "memory: $(free -m | awk '/Mem:/ {print $2 " MiB"}')"
    echo "kernel: $(uname -sr)"
    echo "command: scripts/bench.sh $ARGS"
    if [[ $nodelay == 1 ]]; then
        echo "experiment: server run with LD_PRELOAD=$CREWLINE_BENCH_SERVER_PRELOAD (TCP_NODELAY)"
    fi
} > "$RESULTS/machine.txt"

# One run of one benchmark: its output, with the load before it, into RESULTS.
run() {
    local name="$1" index="$2"; shift 2
    local out="$RESULTS/$(printf '%02d' "$index")-$name-r$r.out"
    echo "LOAD $name $(uptime)" > "$out"
    echo "== $name (run $r/$repeat): $*" >&2
    if ! "$@" >> "$out" 2> "$out.err"; then
        echo "bench.sh: $name failed (run $r); see $out.err" >&2
        failures=$((failures + 1))
    fi
}

# Large data sets are loaded once and kept (the loader's own figures are a row of the table).
load() {
    local dir="$1"; shift
    if [[ ! -f "$dir/crewline.db" || ! -f "$dir/search.db" ]]; then
        rm -rf "$dir"
        echo "== loading $dir: $*" >&2
        echo "LOAD loader $(uptime)" > "$RESULTS/00-loader-$(basename "$dir").out"
        "$BIN/crewline-loader" --data-dir "$dir" "$@" >> "$RESULTS/00-loader-$(basename "$dir").out"
    fi
}

failures=0
if [[ $smoke == 1 ]]; then
    for ((r = 1; r <= repeat; r++)); do
        if wants create; then run create 1 "$BIN/bench_create" --smoke; fi
        if wants ops; then run ops 2 "$BIN/bench_ops" --smoke; fi
        if wants fanout; then run fanout 3 "$BIN/bench_fanout" --smoke; fi
        if wants query; then run query 4 "$BIN/bench_query" --smoke; fi
        if wants dashboard; then run dashboard 8 "$BIN/bench_dashboard" --smoke; fi
        if wants memory; then run memory 5 "$BIN/bench_memory" --smoke; fi
        if wants console && [[ -x "$BIN/bench_console" ]]; then run console 6 "$BIN/bench_console" --smoke; fi
        if wants map && [[ -x "$BIN/bench_map" ]]; then run map 7 "$BIN/bench_map" --smoke; fi
    done
else
    mkdir -p "$DATA"
    if wants query || wants memory || wants dashboard; then
        load "$DATA/t100k" --tickets 100000
        if [[ $large == 1 ]]; then load "$DATA/t1m" --tickets 1000000; fi
    fi
    if wants console && [[ -x "$BIN/bench_console" ]]; then
        load "$DATA/t100k-open" --tickets 100000 --open-only
    fi
    for ((r = 1; r <= repeat; r++)); do
        # Creates: the per-connection rate limit (200 requests/s by default, for consoles) raised as a deployment
        # that takes bulk creates (an integration, an import) raises it in its INI; 8 connections could otherwise
        # never pass 1,600/s. docs/performance.md.
        if wants create; then run create 1 "$BIN/bench_create" --rate-limit 100000; fi
        if wants ops; then run ops 2 "$BIN/bench_ops"; fi
        if wants fanout; then run fanout 3 "$BIN/bench_fanout"; fi
        if wants query; then run query-100k 4 "$BIN/bench_query" --data-dir "$DATA/t100k" --label 100k; fi
        if wants query && [[ $large == 1 ]]; then
            run query-1m 5 "$BIN/bench_query" --data-dir "$DATA/t1m" --label 1m
        fi
        if wants dashboard; then run dashboard-100k 8 "$BIN/bench_dashboard" --data-dir "$DATA/t100k" --label 100k; fi
        if wants dashboard && [[ $large == 1 ]]; then
            run dashboard-1m 9 "$BIN/bench_dashboard" --data-dir "$DATA/t1m" --label 1m
        fi
        if wants memory; then
            if [[ $large == 1 ]]; then
                run memory 6 "$BIN/bench_memory" --data-dir "$DATA/t1m"
            else
                run memory 6 "$BIN/bench_memory"
            fi
        fi
        if wants console && [[ -x "$BIN/bench_console" ]]; then
            run console 7 "$BIN/bench_console" --data-dir "$DATA/t100k-open"
        fi
        if wants map && [[ -x "$BIN/bench_map" ]]; then run map 8 "$BIN/bench_map"; fi
    done
fi

echo
sed 's/^/    /' "$RESULTS/machine.txt"
echo
python3 "$ROOT/tests/bench/report.py" "$RESULTS" | tee "$RESULTS/table.md"
echo
echo "results: $RESULTS"
if [[ $failures -gt 0 ]]; then
    echo "bench.sh: $failures benchmark run(s) failed" >&2
    exit 1
fi
