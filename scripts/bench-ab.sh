#!/usr/bin/env bash
# Compare two server builds on durable creates: runs bench_create's 8 clients × 8 in flight phase with each binary in
# turn, N pairs, and prints creates/s, server CPU per create and p99 per run. Alternating runs keep a shared host's
# slow and fast moments from favouring one build (docs/performance.md, sixth session).
#
#   scripts/bench-ab.sh 6 /tmp/crewline-server-before build-bench/server/crewline-server
#
# Needs build-bench (scripts/bench.sh builds it). Copy the "before" binary aside before rebuilding.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ $# -lt 3 ]]; then
    sed -n '2,8p' "$0"
    exit 2
fi
pairs="$1"
shift
BENCH="${BUILD_DIR:-build-bench}/tests/bench/bench_create"
value() { python3 -c 'import json, sys; print(json.loads(sys.stdin.read()[6:])["value"])'; }
for ((i = 1; i <= pairs; ++i)); do
    for bin in "$@"; do
        out=$(CREWLINE_SERVER_BINARY="$bin" "$BENCH" --seconds 8 --wide 0 --rate-limit 100000 2>/dev/null |
            grep '"create\.8w8c\.')
        rate=$(grep '8w8c.rate' <<<"$out" | value)
        cpu=$(grep '8w8c.cpu' <<<"$out" | value)
        p99=$(grep '8w8c.p99' <<<"$out" | value)
        printf '%-40s %9.0f/s  %.3f ms CPU/create  p99 %6.1f ms  load %s\n' "$bin" "$rate" "$cpu" "$p99" \
            "$(cut -d' ' -f1 /proc/loadavg)"
    done
done
