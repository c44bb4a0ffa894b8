"""Table rows of bench/cpu-per-request.sh from the CSVs `hey -o csv` wrote in its work folder.

    python3 bench/perf/rows.py rate WORK RATE PROXY_US NGINX_US PROXY_200S LOADAVG [JIT_US]
    python3 bench/perf/rows.py rejection WORK NAME LABEL PROXY_US

`rate`: CPU per request of the proxy and nginx, and the latency each adds at p50 and p99
over a direct call to the stub (the runs named direct-, proxy- and nginx-RATE).
`rejection`: CPU per answer, p50/p99 and the status codes of one run.
"""
import sys

from perfstats import codes, latencies, pct


def rate_row(work, rate, p_us, n_us, p_n, load, jit="-"):
    d, p, n = (latencies(work, f"{k}-{rate}") for k in ("direct", "proxy", "nginx"))

    def add(xs, q):
        return pct(xs, q) - pct(d, q)

    return (f"| {rate} | {int(p_us):,} | {int(n_us):,} | {int(p_us) / max(int(n_us), 1):.1f}x "
            f"| +{add(p, .5):.2f} / +{add(n, .5):.2f} | +{add(p, .99):.2f} / +{add(n, .99):.2f} | {p_n} | {load} | {jit} |")


def rejection_row(work, name, label, us):
    xs = latencies(work, name)
    return f"| {label} | {int(us):,} | {pct(xs, .5):.2f} | {pct(xs, .99):.2f} | {codes(work, name)} |"


def main(argv):
    kind, args = argv[1], argv[2:]
    if kind == "rate":
        print(rate_row(*args))
    elif kind == "rejection":
        print(rejection_row(*args))
    else:
        sys.exit(f"unknown row kind {kind}: rate or rejection")


if __name__ == "__main__":
    main(sys.argv)
