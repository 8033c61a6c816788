#!/usr/bin/env python3
"""Summarises benchmark output into one table (used by scripts/bench.sh).

Reads every *.out file in a results folder. Each benchmark prints lines
    BENCH {"metric": ..., "label": ..., "value": ..., "unit": ..., ["target": ..., "cmp": ">=" | "<="]}
    BENCH_INFO {"bench": ..., "loadavg": ...}
and scripts/bench.sh adds "LOAD <bench> <uptime>" lines. Metrics are grouped by name over the repeated runs; the
table shows the median, the spread (min-max), the number of runs and the target with a check mark for the median.
Standard library only.
"""

import json
import pathlib
import statistics
import sys


def fmt(value, unit):
    if unit == "/s" or unit == "MB":
        text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"
    elif abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".strip() if unit != "/s" else f"{text}/s"


def main(folder):
    files = sorted(pathlib.Path(folder).glob("*.out"))
    metrics = {}  # name -> {"label", "unit", "values", "target", "cmp"}
    loads = {}    # bench -> [load strings]
    errors = {}   # (what, detail) -> count
    for path in files:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("BENCH {"):
                try:
                    o = json.loads(line[6:])
                except json.JSONDecodeError:
                    continue
                m = metrics.setdefault(o["metric"], {"label": o.get("label", o["metric"]), "unit": o.get("unit", ""),
                                                     "values": [], "target": o.get("target"), "cmp": o.get("cmp")})
                m["values"].append(float(o["value"]))
            elif line.startswith("BENCH_ERROR {"):
                try:
                    o = json.loads(line[12:])
                except json.JSONDecodeError:
                    continue
                key = (o.get("what", ""), o.get("detail", ""))
                errors[key] = errors.get(key, 0) + 1
            elif line.startswith("LOAD "):
                parts = line.split(" ", 2)
                if len(parts) == 3:
                    loads.setdefault(parts[1], []).append(parts[2].split("load average:")[-1].strip())

    if not metrics:
        print("no results found in", folder)
        return 1
    print("| Metric | Median | Spread (min–max) | Runs | Target | |")
    print("| --- | ---: | ---: | ---: | ---: | :-: |")
    misses = 0
    for name, m in metrics.items():
        values = m["values"]
        median = statistics.median(values)
        spread = f"{fmt(min(values), m['unit'])} – {fmt(max(values), m['unit'])}" if len(values) > 1 else "—"
        target, mark = "—", ""
        if m["target"] is not None:
            target = f"{m['cmp']} {fmt(float(m['target']), m['unit'])}"
            met = median >= m["target"] if m["cmp"] == ">=" else median <= m["target"]
            mark = "✓" if met else "✗"
            misses += 0 if met else 1
        print(f"| {m['label']} (`{name}`) | {fmt(median, m['unit'])} | {spread} | {len(values)} | {target} | {mark} |")
    if loads:
        print()
        print("Load average (1, 5, 15 min) when each benchmark started, per run:")
        print()
        for bench, values in loads.items():
            print(f"- {bench}: " + "; ".join(values))
    if errors:
        print()
        print("Not measured: the server answered with an error:")
        print()
        for (what, detail), count in errors.items():
            print(f"- `{what}` ({count}×): {detail}")
    print()
    print(f"{misses} target(s) missed." if misses else "All targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
