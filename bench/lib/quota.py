"""Quota use of an overload run: what the clients got, and what reached the nginx stub.

    python3 bench/lib/quota.py CSV_DIR STUB_ACCESS_LOG T0 T1 LABEL

CSV_DIR holds the `hey -o csv` files of the clients; the stub's access log has one
`$msec METHOD URI STATUS` line per call. T0 and T1 bound the run (epoch seconds).
"""
import csv
import glob
import sys

BUDGET = 100


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(len(v) * p))] * 1000 if v else float("nan")


def main():
    d, access, t0, t1, offered = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    rows = []
    for path in glob.glob(d + "/*.csv"):
        with open(path) as f:
            for row in csv.reader(f):
                try:
                    rows.append((float(row[0]), int(row[6])))  # response time, status
                except (ValueError, IndexError):
                    pass
    codes = {}
    for _, c in rows:
        codes[c] = codes.get(c, 0) + 1
    lat429 = [t for t, c in rows if c == 429]
    lat200 = [t for t, c in rows if c == 200]
    ts = []
    with open(access) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3 and parts[1] == "GET" and parts[2].endswith("/notification/language"):
                t = float(parts[0])
                if t0 <= t <= t1 + 0.5:
                    ts.append(t)
    ts.sort()
    best, j = 0, 0
    for i in range(len(ts)):
        while ts[i] - ts[j] >= 1.0:
            j += 1
        best = max(best, i - j + 1)
    # What Agora would have refused if it allowed BUDGET calls in any sliding second (arrivals
    # as the stub stamped them, to the millisecond).
    accepted, refused = [], 0
    for t in ts:
        k = len(accepted) - BUDGET
        if k >= 0 and t - accepted[k] < 1.0:
            refused += 1
        else:
            accepted.append(t)
    dur = t1 - t0
    per_sec = {}
    for t in ts:
        per_sec[int(t - t0)] = per_sec.get(int(t - t0), 0) + 1
    full = [per_sec.get(s, 0) for s in range(1, int(dur) - 1)]  # whole seconds, first and last dropped
    print(f"client requests:        {len(rows)} in {dur:.1f} s ({len(rows) / dur:.0f}/s offered, paced, {offered})")
    print("client status codes:    " + ", ".join(f"[{c}] {n}" for c, n in sorted(codes.items())))
    print(f"client 200/s:           {len(lat200) / dur:.1f}")
    print(f"200 answers:            p50 {pct(lat200, .5):.2f} ms, p99 {pct(lat200, .99):.2f} ms (a request waits up to 250 ms for a permit)")
    print(f"429 answers:            p50 {pct(lat429, .5):.2f} ms, p99 {pct(lat429, .99):.2f} ms")
    print(f"stub calls:             {len(ts)}  ({len(ts) / dur:.1f}/s average over the run)")
    print("stub calls per second:  " + " ".join(str(n) for n in [per_sec.get(s, 0) for s in range(int(dur) + 1)]))
    if full:
        print(f"steady seconds:         min {min(full)}, max {max(full)}, mean {sum(full) / len(full):.1f}")
        print(f"quota use:              {sum(full) / len(full) / BUDGET * 100:.1f}% of the {BUDGET}/s budget (mean of the steady seconds)")
    print(f"busiest 1 s window:     {best} calls (sliding, from the stub's $msec)")
    print(f"upstream 429s:          {refused} (what a {BUDGET}-per-sliding-second limiter would have refused)")


if __name__ == "__main__":
    main()
