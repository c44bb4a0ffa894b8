"""Summary of paced `hey -o csv` runs: the answers of NAME.1.csv .. NAME.N.csv in DIR.

    python3 bench/lib/summary.py DIR NAME N DURATION_SECONDS

Prints two lines, which bench/lib/report.py reads back:
    requests R rps X p50 A p90 B p99 C max D      (milliseconds)
    codes 200:n 429:m [errors:k]
"""
import csv
import sys


def main():
    d, name, n, dur = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    lat, codes, other = [], {}, 0
    for i in range(1, n + 1):
        with open(f"{d}/{name}.{i}.csv") as f:
            for row in csv.reader(f):
                try:
                    t, c = float(row[0]), int(row[6])
                except (ValueError, IndexError):
                    other += 1
                    continue
                lat.append(t)
                codes[c] = codes.get(c, 0) + 1
    lat.sort()

    def p(q):
        return lat[min(len(lat) - 1, int(len(lat) * q))] * 1000 if lat else float("nan")

    top = lat[-1] * 1000 if lat else float("nan")
    print(f"requests {len(lat)} rps {len(lat) / dur:.1f} p50 {p(.5):.2f} p90 {p(.9):.2f} p99 {p(.99):.2f} max {top:.2f}")
    # hey's CSV has one header line per process; anything else it printed is an error line.
    errors = other - n
    print("codes " + " ".join(f"{c}:{k}" for c, k in sorted(codes.items())) + (f" errors:{errors}" if errors > 0 else ""))


if __name__ == "__main__":
    main()
