#!/usr/bin/env python3
"""Sums a PyTorch operator trace (GpuCheck --profile) by operator: per track (CPU, CUDA),
the operators with the most time, inclusive of what they call. Usage: trace-summary.py TRACE.json [N]"""
import json
import sys
from collections import defaultdict

trace = json.load(open(sys.argv[1]))
events = trace["traceEvents"] if isinstance(trace, dict) else trace
top = int(sys.argv[2]) if len(sys.argv) > 2 else 12
tracks = defaultdict(lambda: defaultdict(lambda: [0.0, 0]))
span = defaultdict(lambda: [float("inf"), 0.0])
for e in events:
    if e.get("ph") != "X":
        continue
    pid = str(e.get("pid"))
    t = tracks[pid][e["name"]]
    t[0] += e.get("dur", 0.0)
    t[1] += 1
    span[pid][0] = min(span[pid][0], e["ts"])
    span[pid][1] = max(span[pid][1], e["ts"] + e.get("dur", 0.0))
for pid, ops in tracks.items():
    first, last = span[pid]
    print(f"{pid}: {len(ops)} operators, {sum(n for _, n in ops.values())} calls over {(last - first) / 1000:.1f} ms")
    for name, (us, n) in sorted(ops.items(), key=lambda kv: -kv[1][0])[:top]:
        print(f"  {us / 1000:9.1f} ms  {n:6d}×  {name}")
