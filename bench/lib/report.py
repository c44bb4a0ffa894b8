"""The run's table.md, from the summaries under OUT/raw and the parts' text files, and
the .dat files bench/plot.gp draws (p99 against offered load).

    DUR=15s python3 bench/lib/report.py OUT READY_MS Q_READY_MS RSS_WARM RSS_FIXED RSS_PEAK RSS_END > OUT/table.md
"""
import os
import re
import sys


def paced(raw, name):
    p = os.path.join(raw, name + ".txt")
    if not os.path.exists(p):
        return None
    s = open(p).read()
    m = re.search(r"requests (\d+) rps ([0-9.]+) p50 ([0-9.na]+) p90 ([0-9.na]+) p99 ([0-9.na]+)", s)
    if not m:
        return None
    codes = re.search(r"codes (.*)", s)
    return {"rps": float(m.group(2)), "p50": float(m.group(3)), "p99": float(m.group(5)),
            "codes": codes.group(1).strip() if codes else ""}


def hey(raw, name):
    p = os.path.join(raw, name + ".txt")
    if not os.path.exists(p):
        return None
    s = open(p).read()
    d = {}
    for q in ("50", "99"):
        m = re.search(rf"\s{q}%+ in ([0-9.]+) secs", s)
        d["p" + q] = float(m.group(1)) * 1000 if m else float("nan")
    m = re.search(r"Requests/sec:\s+([0-9.]+)", s)
    d["rps"] = float(m.group(1)) if m else float("nan")
    d["codes"] = " ".join(f"{c}:{n}" for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", s))
    errs = re.search(r"Error distribution:\n((?:.+\n?)*)", s)
    n = sum(int(k) for k in re.findall(r"\[(\d+)\]", errs.group(1))) if errs else 0
    if n:
        d["codes"] += f" errors:{n}"
    return d


def row(target, method, rate, d, base):
    if target == "direct" or not base:
        add50 = add99 = r50 = r99 = "-"
    else:
        add50 = f"{d['p50'] - base['p50']:+.2f}"
        add99 = f"{d['p99'] - base['p99']:+.2f}"
        r50 = f"{d['p50'] / base['p50']:.1f}x" if base["p50"] else "-"
        r99 = f"{d['p99'] / base['p99']:.1f}x" if base["p99"] else "-"
    return (f"| {target} | {method} | {rate} | {d['rps']:.0f} | {d['p50']:.2f} | {d['p99']:.2f} "
            f"| {add50} | {add99} | {r50} | {r99} | {d['codes']} |")


HEAD = ["| target | method | offered rps | achieved rps | p50 ms | p99 ms | added p50 ms | added p99 ms | p50 ratio | p99 ratio | status codes |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]


def text_part(out, lines, name, title):
    path = os.path.join(out, name)
    if os.path.exists(path):
        lines.append(title)
        lines.append("```\n" + open(path).read().rstrip() + "\n```")


def main():
    out, ready, qready, rss_w, rss_fixed, rss_peak, rss_end = sys.argv[1:8]
    raw = os.path.join(out, "raw")
    lines = ["### Latency at fixed offered load, paced arrivals (%s per run)\n" % os.environ.get("DUR", "15s")]
    lines += HEAD
    plot = {}
    for method in ("GET", "PUT"):
        for rate in (200, 500, 1000):
            base = paced(raw, f"lat-direct-{method}-{rate}")
            for target in ("direct", "nginx", "proxy"):
                d = paced(raw, f"lat-{target}-{method}-{rate}")
                if not d:
                    continue
                plot.setdefault((method, target), []).append((rate, d["p99"]))
                lines.append(row(target, method, rate, d, base))
    lines.append("\n### The same 1,000 rps in bursts of twenty (one `hey -c 20 -q 50`)\n")
    lines += HEAD
    base = hey(raw, "bursts-direct-GET-1000")
    for target in ("direct", "nginx", "proxy"):
        d = hey(raw, f"bursts-{target}-GET-1000")
        if d:
            lines.append(row(target, "GET", 1000, d, base))
    lines.append("\n### Rejections at 1,000 rps, paced\n")
    lines.append("| path | achieved rps | p50 ms | p99 ms | status codes |")
    lines.append("|---|---:|---:|---:|---|")
    for name, label in (("rej-400", "400: invalid user id `al%21ce`"), ("rej-429", "429: DELETE template, budget 2/s")):
        d = paced(raw, name)
        if d:
            lines.append(f"| {label} | {d['rps']:.0f} | {d['p50']:.2f} | {d['p99']:.2f} | {d['codes']} |")
    lines.append("\n### Throughput through the proxy (hey -c 50, closed loop, no rate limit)\n")
    lines.append("| path | requests/s | p50 ms | p99 ms | status codes |")
    lines.append("|---|---:|---:|---:|---|")
    for name, label in (("tput-forward-GET", "forwarding GET (200)"), ("tput-reject400-GET", "rejection `al%21ce` (400)"),
                        ("tput-quota429-DELETE", "budget spent, DELETE template 2/s (429)")):
        d = hey(raw, name)
        if d:
            lines.append(f"| {label} | {d['rps']:.0f} | {d['p50']:.2f} | {d['p99']:.2f} | {d['codes']} |")
    lines.append("\n### Quota use (second instance, default budget 100/s for get-language, 500 rps offered)\n")
    if os.path.exists(os.path.join(out, "quota.txt")):
        lines.append("```\n" + open(os.path.join(out, "quota.txt")).read().rstrip() + "\n```")
    text_part(out, lines, "quota-redis.txt",
              "\n### Quota use, two replicas sharing one Redis (budget 100/s in all, 500 rps offered, half to each)\n")
    text_part(out, lines, "shared-budget.txt", "\n### Shared budget: other callers take part of each second\n")
    text_part(out, lines, "settings-screen.txt", "\n### Settings screen: read cache on and off\n")
    text_part(out, lines, "cpu-per-request.txt", "\n### CPU per forwarded request beside nginx's, from /proc\n")
    lines.append("\n### Footprint and start-up\n")
    lines.append("| measure | value |\n|---|---:|")
    lines.append(f"| ready (process start → readiness 200), main instance | {ready} ms |")
    lines.append(f"| ready, second instance | {qready} ms |")
    lines.append(f"| RSS after warm-up | {rss_w} MB |")
    lines.append(f"| RSS peak sampled at fixed rates (up to 1,000 rps) | {rss_fixed} MB |")
    lines.append(f"| RSS peak sampled during the saturating forwarding run (50 connections) | {rss_peak} MB |")
    lines.append(f"| RSS at the end of the throughput runs | {rss_end} MB |")
    print("\n".join(lines))
    for (method, target), pts in plot.items():
        with open(os.path.join(out, f"p99-{method}-{target}.dat"), "w") as f:
            for rate, p99 in sorted(pts):
                f.write(f"{rate} {p99:.3f}\n")


if __name__ == "__main__":
    main()
