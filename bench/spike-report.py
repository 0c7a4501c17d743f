#!/usr/bin/env python3
"""The tables of the spike test (bench/spike.sh) from the files one setup's run left.

Usage: spike-report.py DIR [DIR]   (one directory per setup: postgres, sqlite; with both, a
comparison follows, sqlite / postgres)

Each DIR holds: setup.txt (one line describing it); steps.txt ("STEP READERS T0 T1
SHED_FROM_METRICS WARTA_CPU VARNISH_CPU MACHINE_CPU WARTA_WAIT PG_WAIT"); rows.txt ("STEP READERS KIND CONNS"
then wrk's key=value counts); updates.txt (bench/spike-editor.py's lines); mem-idle.txt
("K PID RSS_KIB"), mem-end.txt ("K PID HWM_KIB RSS_KIB"); varnish.txt ("counter value");
editor.log and the instances' logs (<setup>-warta-<k>.log: their warnings and errors are
counted by message).
"""

import collections
import glob
import json
import os
import statistics
import sys

CACHED_P99_TARGET_MS = 50.0


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [line.split() for line in f if line.strip()]
    except OSError:
        return []


def text(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    except OSError:
        return ""


def rows_of(d):
    out = []
    for r in read(os.path.join(d, "rows.txt")):
        kv = dict(x.split("=", 1) for x in r[4:])
        row = {"step": int(r[0]), "readers": int(r[1]), "kind": r[2], "conns": int(r[3])}
        row.update({k: (float(v) if "." in v else int(v)) for k, v in kv.items()})
        sock = row["connect"] + row["read"] + row["write"] + row["timeout"]
        row["errors"] = row["v503"] + row["other"] + sock
        attempts = row["requests"] + row["connect"] + row["read"] + row["write"]
        row["rps"] = row["requests"] / row["secs"] if row["secs"] else 0.0
        row["shed_pct"] = 100 * row["shed"] / attempts if attempts else 0.0
        row["err_pct"] = 100 * row["errors"] / attempts if attempts else 0.0
        row["hit_pct"] = 100 * row["hits"] / row["counted"] if row["counted"] else 0.0
        detail = [f"{name} {row[k]}" for k, name in
                  [("v503", "varnish-503"), ("other", "status"), ("connect", "connect"),
                   ("read", "read"), ("write", "write"), ("timeout", "timeout")] if row[k]]
        if row["counted"] != row["requests"]:
            detail.append(f"COUNT MISMATCH lua {row['counted']} wrk {row['requests']}")
        row["detail"] = ", ".join(detail) or "-"
        out.append(row)
    return out


def steps_of(d):
    return [{"step": int(s[0]), "readers": int(s[1]), "t0": float(s[2]), "t1": float(s[3]),
             "shed_metrics": int(s[4]), "warta_cpu": s[5], "varnish_cpu": s[6], "machine_cpu": s[7],
             "warta_wait": s[8] if len(s) > 8 else "-", "pg_wait": s[9] if len(s) > 9 else "-"}
            for s in read(os.path.join(d, "steps.txt"))]


def updates_by_phase(d, steps):
    """{phase: [update...]}, phase "idle", a step number, or "after": the step running when
    the update was sent (the gap between two steps, a fraction of a second, counts for the
    one before)."""
    phases = {}
    for u in read(os.path.join(d, "updates.txt")):
        t = float(u[0])
        phase = "idle"
        for i, s in enumerate(steps):
            end = steps[i + 1]["t0"] if i + 1 < len(steps) else s["t1"]
            if s["t0"] <= t < end:
                phase = s["step"]
        if steps and t >= steps[-1]["t1"]:
            phase = "after"
        phases.setdefault(phase, []).append(
            {"instance": u[1], "status": u[2], "api_ms": float(u[3]),
             "visible_ms": None if u[4] == "miss" else float(u[4]), "why": u[6] if len(u) > 6 else "-"})
    return phases


def visible_stats(ups):
    if not ups:
        return {"n": 0, "min": None, "med": None, "max": None, "miss": 0, "api": None}
    seen = [u["visible_ms"] for u in ups if u["visible_ms"] is not None]
    return {"n": len(ups), "min": min(seen) if seen else None,
            "med": statistics.median(seen) if seen else None, "max": max(seen) if seen else None,
            "miss": len(ups) - len(seen), "api": statistics.median(u["api_ms"] for u in ups)}


def fmt(v, spec=".0f"):
    return "-" if v is None else format(v, spec)


def mib(kib):
    return f"{int(kib) / 1024:.1f}"


def report(d):
    name = os.path.basename(d.rstrip("/"))
    rows, steps = rows_of(d), steps_of(d)
    phases = updates_by_phase(d, steps)
    print()
    print(f"== {name}: {text(os.path.join(d, 'setup.txt'))} ==")
    print(f"{'readers':>7} {'kind':<6} {'conns':>5} {'req/s':>9} {'p50_ms':>8} {'p99_ms':>8} {'hit%':>6}"
          f" {'503_shed':>8} {'shed%':>6} {'errors':>6} {'err%':>6}  error detail")
    for r in rows:
        print(f"{r['readers']:>7} {r['kind']:<6} {r['conns']:>5} {r['rps']:>9.1f} {r['p50']:>8.2f} {r['p99']:>8.2f}"
              f" {r['hit_pct']:>6.1f} {r['shed']:>8} {r['shed_pct']:>6.2f} {r['errors']:>6} {r['err_pct']:>6.2f}  {r['detail']}")
    print()
    print("per step: CPU in % of one core; threads waiting for a CPU on average (Warta's, PostgreSQL's backends');")
    print("deliberate 503s counted by wrk vs the instances' warta_shed_requests_total;")
    print("publish-to-visible through Varnish in ms, from sending the edit to the first page with it (a miss: not within 10 s)")
    print(f"{'step':>5} {'readers':>7} {'warta%':>6} {'varnish%':>8} {'machine%':>8} {'wait_w':>6} {'wait_pg':>7}"
          f" {'shed_wrk':>8} {'shed_metrics':>12}"
          f" {'updates':>7} {'min':>6} {'median':>6} {'max':>6} {'misses':>6} {'api_ms':>6}")
    lines = [("idle", 0, None)] + [(s["step"], s["readers"], s) for s in steps] + [("after", 0, None)]
    for phase, readers, s in lines:
        v = visible_stats(phases.get(phase, []))
        if s is None and v["n"] == 0:
            continue
        shed_wrk = sum(r["shed"] for r in rows if r["step"] == phase) if s else None
        print(f"{phase:>5} {readers:>7} {s['warta_cpu'] if s else '-':>6} {s['varnish_cpu'] if s else '-':>8}"
              f" {s['machine_cpu'] if s else '-':>8} {s['warta_wait'] if s else '-':>6} {s['pg_wait'] if s else '-':>7}"
              f" {fmt(shed_wrk, 'd'):>8} {fmt(s['shed_metrics'] if s else None, 'd'):>12}"
              f" {v['n']:>7} {fmt(v['min']):>6} {fmt(v['med']):>6} {fmt(v['max']):>6} {v['miss']:>6} {fmt(v['api']):>6}")
    for phase, ups in phases.items():
        for u in ups:
            if u["visible_ms"] is None:
                print(f"  missed update ({phase}): sent to instance {u['instance']}, API {u['status']} in"
                      f" {u['api_ms']:.0f} ms; at the time-out {u['why']}")
    idle = {r[0]: r[2] for r in read(os.path.join(d, "mem-idle.txt"))}
    print()
    print(f"{'instance':>8} {'pid':>8} {'RSS before (MiB)':>16} {'peak VmHWM (MiB)':>16} {'RSS after 10 s idle (MiB)':>25}")
    for r in read(os.path.join(d, "mem-end.txt")):
        if len(r) < 4:
            print(f"{r[0]:>8} {r[1]:>8} {mib(idle.get(r[0], 0)):>16}  EXITED before the end of the run")
            continue
        print(f"{r[0]:>8} {r[1]:>8} {mib(idle.get(r[0], 0)):>16} {mib(r[2]):>16} {mib(r[3]):>25}")
    vc = dict(read(os.path.join(d, "varnish.txt")))
    if vc:
        print("varnish: " + ", ".join(f"{k} {v}" for k, v in vc.items()))
    cached = [r for r in rows if r["kind"] == "cached"]
    errors = sum(r["errors"] for r in rows)
    slow = [str(r["readers"]) for r in cached if r["p99"] > CACHED_P99_TARGET_MS]
    print(f"targets: errors other than deliberate 503s: {errors} ({'met' if errors == 0 else 'NOT met'});"
          f" cached pages' p99 <= {CACHED_P99_TARGET_MS:.0f} ms: "
          + ("met at every step" if not slow else f"NOT met at {', '.join(slow)} readers"))
    t = text(os.path.join(d, "editor.log"))
    if t:
        print("editor:")
        for line in t.splitlines()[-20:]:
            print("  " + line[:300])
    logged = log_summary(d)
    if logged:
        print("warta's warnings and errors, by message (all instances):")
        for (level, msg), count in logged.most_common(8):
            print(f"  {count:>8} {level} {msg[:200]}")
    return {"name": name, "rows": rows, "phases": phases, "steps": steps,
            "peak": sum(int(r[2]) for r in read(os.path.join(d, "mem-end.txt")) if len(r) >= 4)}


def log_summary(d):
    """WARN and ERROR lines of the instances' JSON logs counted by level and message (with
    the gate or the status classification, which tell a deliberate 503 from a failure);
    lines that are not JSON (a panic) count under their first 120 characters."""
    counts = collections.Counter()
    for path in sorted(glob.glob(os.path.join(d, "*-warta-*.log"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    rec = json.loads(line)
                except ValueError:
                    if "panick" in line or "error" in line.lower():
                        counts[("TEXT", line.strip()[:120])] += 1
                    continue
                level = rec.get("level", "")
                if level not in ("WARN", "ERROR"):
                    continue
                fields = rec.get("fields", {})
                extra = fields.get("gate") or fields.get("classification") or fields.get("error") or ""
                counts[(level, f"{fields.get('message', '')} {extra}".strip())] += 1
    return counts


def ratio(a, b):
    return "-" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def compare(pg, lite):
    print()
    print("== sqlite / postgres (ratios per step; > 1 means SQLite higher) ==")
    print(f"{'readers':>7} {'cached req/s':>12} {'cached p99':>10} {'search req/s':>12} {'search p99':>10} {'visible median':>14}")
    for s in pg["steps"]:
        def get(res, kind, key):
            for r in res["rows"]:
                if r["readers"] == s["readers"] and r["kind"] == kind and r["step"] == s["step"]:
                    return r[key]
            return None
        vp = visible_stats(pg["phases"].get(s["step"], []))["med"]
        vs = visible_stats(lite["phases"].get(s["step"], []))["med"]
        print(f"{s['readers']:>7} {ratio(get(lite, 'cached', 'rps'), get(pg, 'cached', 'rps')):>12}"
              f" {ratio(get(lite, 'cached', 'p99'), get(pg, 'cached', 'p99')):>10}"
              f" {ratio(get(lite, 'search', 'rps'), get(pg, 'search', 'rps')):>12}"
              f" {ratio(get(lite, 'search', 'p99'), get(pg, 'search', 'p99')):>10} {ratio(vs, vp):>14}")
    print(f"peak RSS of all instances: sqlite {mib(lite['peak'])} MiB, postgres {mib(pg['peak'])} MiB"
          f" (ratio {ratio(lite['peak'], pg['peak'])})")


def main():
    results = [report(d) for d in sys.argv[1:]]
    by = {r["name"]: r for r in results}
    if "postgres" in by and "sqlite" in by:
        compare(by["postgres"], by["sqlite"])


if __name__ == "__main__":
    main()
