"""Reads the per-request CSVs `hey -o csv` wrote for bench/cpu-per-request.sh."""
import collections
import glob


def _rows(work, name):
    for path in glob.glob(f"{work}/{name}.*.csv"):
        with open(path) as f:
            for line in f:
                parts = line.strip().split(",")
                if len(parts) >= 8 and parts[0] != "response-time":
                    yield float(parts[0]) * 1000.0, parts[6]


def latencies(work, name):
    return sorted(ms for ms, _ in _rows(work, name))


def count(work, name, status):
    return sum(1 for _, code in _rows(work, name) if status == "any" or code == status)


def codes(work, name):
    c = collections.Counter(code for _, code in _rows(work, name))
    return " ".join(f"{k}:{v}" for k, v in sorted(c.items()))


def pct(xs, q):
    if not xs:
        return float("nan")
    return xs[min(len(xs) - 1, int(q * len(xs)))]
