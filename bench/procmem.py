#!/usr/bin/env python3
"""Sample the memory of named groups of processes until stopped; print the peaks.

Usage: procmem.py [--interval S] NAME=PID[,PID...] [NAME=PID...]
Every S seconds (default 0.15) reads VmRSS from /proc/PID/status and Pss from
/proc/PID/smaps_rollup of every pid, sums them per group and over all groups, and keeps the
highest sums seen. On SIGTERM or SIGINT prints one line per group and a "total" line:
  NAME PEAK_RSS_KIB PEAK_PSS_KIB
RSS counts shared pages (code, PHP's opcache, shared memory) once per process, so a sum of
RSS overstates a group of forked workers; PSS divides each shared page among the processes
that map it, so a sum of PSS is the group's real share of memory. A pid that has exited
counts 0.
"""

import signal
import sys
import time


def read_kib(path, key):
    try:
        with open(path, "rb") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    args = sys.argv[1:]
    interval = 0.15
    if args[:1] == ["--interval"]:
        interval = float(args[1])
        args = args[2:]
    groups = []
    for a in args:
        name, _, pids = a.partition("=")
        groups.append((name, [p for p in pids.split(",") if p]))
    peak = {name: [0, 0] for name, _ in groups}
    peak["total"] = [0, 0]
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    while True:
        total = [0, 0]
        for name, pids in groups:
            rss = sum(read_kib(f"/proc/{p}/status", b"VmRSS:") for p in pids)
            pss = sum(read_kib(f"/proc/{p}/smaps_rollup", b"Pss:") for p in pids)
            peak[name] = [max(peak[name][0], rss), max(peak[name][1], pss)]
            total = [total[0] + rss, total[1] + pss]
        peak["total"] = [max(peak["total"][0], total[0]), max(peak["total"][1], total[1])]
        if stop:
            break
        time.sleep(interval)
    for name, (rss, pss) in peak.items():
        print(name, rss, pss)


if __name__ == "__main__":
    main()
