"""The shared-budget part's table: the proxy's calls per second at the stub, 200 and 429,
beside the ceiling gauge sampled every second.

    python3 bench/lib/shared_budget.py CALL_LOG CEILING_SAMPLES T0 T1 OTHERS OTHERS_STATS
"""
import sys


def main():
    log_path, ceil_path, t0, t1, others, others_stats = (sys.argv[1], sys.argv[2], float(sys.argv[3]),
                                                          float(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    calls = []
    with open(log_path) as f:
        for line in f:
            t, code = line.split()
            t = float(t)
            if t0 <= t <= t1:
                calls.append((t, int(code)))
    secs = int(t1 - t0)
    ok = [0] * (secs + 1)
    rej = [0] * (secs + 1)
    for t, c in calls:
        s = int(t - t0)
        (ok if c == 200 else rej)[s] += 1
    ceilings = {}
    with open(ceil_path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                s = int(float(parts[0]) - t0)
                if 0 <= s <= secs:
                    ceilings[s] = parts[1]

    def share(lo, hi):
        o, r = sum(ok[lo:hi]), sum(rej[lo:hi])
        return o, r, (r / (o + r) * 100 if o + r else float("nan")), o / max(1, hi - lo)

    free = 100 - others
    print(f"upstream: 100 calls in any sliding second, of which other callers take {others}/s; {free}/s left for the proxy")
    print(f"run: {secs} s of GET language from 40 closed-loop workers of one caller (up to 200/s offered)")
    print("second:            " + " ".join(f"{s:3d}" for s in range(secs)))
    print("proxy calls 200:   " + " ".join(f"{ok[s]:3d}" for s in range(secs)))
    print("proxy calls 429:   " + " ".join(f"{rej[s]:3d}" for s in range(secs)))
    print("ceiling (gauge):   " + " ".join(f"{ceilings.get(s, '-'):>3}" for s in range(secs)))
    for label, lo in (("whole run", 0), ("after the first 10 s", 10)):
        o, r, pct, per = share(lo, secs)
        print(f"{label:22s} calls used {per:5.1f}/s of the free {free} ({per / free * 100:.0f}%), "
              f"upstream 429s {r} of {o + r} ({pct:.1f}%)")
    print(f"other callers (stub):  {others_stats}")


if __name__ == "__main__":
    main()
