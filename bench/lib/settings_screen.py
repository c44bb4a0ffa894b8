"""The settings-screen workload: users open the push settings screen twice within
a window, each view a profile read and a conversation list of ROWS rows, and what that
costs upstream, counted by the Agora emulator.

    SECRET=... python3 bench/lib/settings_screen.py run --label "cache on" --out on.json
    python3 bench/lib/settings_screen.py report on.json off.json > settings-screen.txt

`run` talks to a proxy in front of the emulator (bench/settings-screen.sh starts both):
a warm-up from alice, bob and carol, then the measured window. User i (of u1..uN) opens
the screen at i * WINDOW / (2 N) seconds and again WINDOW / 2 later (VIEWS = 2), so the opens are
spread evenly over the window and each user's second view comes within the cache's TTL of
the first. A view sends its two requests at once, as an app does on opening the screen:

    GET /v1/users/{u}/push                                   3 upstream reads (user, settings, language)
    GET /v1/users/{u}/push/conversations?ids=<ROWS ids>      one upstream read per row

Each answer is classified by its `Cache-Status` header (RFC 9211): a hit, or a miss
(`fwd=...`, or no header at all: a proxy without the cache). 429s and 503s, and rows or
profile sections that failed inside a 200, are counted, not treated as errors.
"""
import argparse
import concurrent.futures
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tokens  # noqa: E402  (bench/lib/tokens.py, beside this file)

READ_OPERATIONS = ("get-user", "get-push-settings", "get-language")
PROFILE_READS = {"displayName": "user", "displayStyle": "user", "settings": "settings", "language": "language"}


def conversation_ids(user_index, users, rows):
    """Half peers, half groups: what a conversation list shows."""
    ids = []
    for k in range(1, rows + 1):
        if k % 2:
            ids.append(f"user:u{(user_index + k) % users + 1}")
        else:
            ids.append(f"group:{4700 + k}")
    return ",".join(ids)


class Client:
    """One keep-alive connection per thread to the proxy."""

    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.local = threading.local()

    def get(self, path, headers):
        for attempt in (1, 2):
            conn = getattr(self.local, "conn", None)
            if conn is None:
                conn = self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                resp = conn.getresponse()
                body = resp.read()
            except (http.client.HTTPException, OSError):
                conn.close()
                self.local.conn = None
                if attempt == 2:
                    return None, {}, b"", (time.perf_counter() - started) * 1000
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if resp.getheader("Connection", "").lower() == "close":
                conn.close()
                self.local.conn = None
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body, elapsed
        raise AssertionError("unreachable")


def cache_class(headers):
    """hit, miss, or none (no Cache-Status header: counted as a miss)."""
    value = headers.get("cache-status")
    if value is None:
        return "none"
    entries = [e.strip() for e in value.split(",") if e.strip()]
    mine = [e for e in entries if e.split(";")[0].strip() == "agora-push-proxy"] or entries
    if mine and all("hit" in [p.strip() for p in e.split(";")[1:]] for e in mine):
        return "hit"
    return "miss"


def answered_reads(kind, status, body, rows):
    """Reads of the view this answer satisfied (profile sections and list rows without an
    error), the reads it stood for, and the statuses of those that failed inside a 200."""
    wanted = 3 if kind == "profile" else rows
    if status != 200:
        return 0, wanted, []
    try:
        doc = json.loads(body)
    except ValueError:
        return 0, wanted, []
    if kind == "profile":
        failed = {}
        for u in doc.get("unavailable") or []:
            failed[PROFILE_READS.get(u.get("section"), u.get("section"))] = u.get("status")
        return wanted - len(failed), wanted, list(failed.values())
    items = doc.get("conversations") or []
    errors = [i["error"].get("status") for i in items if "error" in i]
    return len(items) - len(errors), wanted, errors


def emulator_calls(base):
    u = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    conn.request("GET", "/_emulator/calls")
    calls = json.loads(conn.getresponse().read())
    conn.close()
    return calls


def request(client, kind, token, user, ids, no_cache=False):
    headers = {"Authorization": f"Bearer {token}"}
    if no_cache:
        headers["Cache-Control"] = "no-cache"
    if kind == "profile":
        return client.get(f"/v1/users/{user}/push", headers)
    return client.get(f"/v1/users/{user}/push/conversations?ids={ids}", headers)


def run(args):
    secret = os.environ["SECRET"]
    now = int(time.time())
    claims = {"aud": args.audience} if args.audience else {}
    user_tokens = [tokens.token(secret, dict(claims, sub=f"u{i}"), now) for i in range(1, args.users + 1)]
    client = Client(args.proxy)
    threading.stack_size(256 * 1024)  # many threads, each a blocking request
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=args.concurrency)

    # Warm-up: alice, bob and carol open the screen 4 times a second; every other view asks
    # with Cache-Control: no-cache, so a cache's miss path and hit path both get warm.
    warm = [(u, tokens.token(secret, dict(claims, sub=u), now)) for u in ("alice", "bob", "carol")]
    t0 = time.monotonic()
    futures, k = [], 0
    while time.monotonic() - t0 < args.warmup:
        u, tok = warm[k % 3]
        for kind in ("profile", "list"):
            futures.append(pool.submit(request, client, kind, tok, u, conversation_ids(k % 3, args.users, args.rows),
                                       k % 2 == 0))
        k += 1
        time.sleep(0.25)
    warm_codes = {}
    for f in futures:
        status = f.result()[0]
        warm_codes[status] = warm_codes.get(status, 0) + 1
    time.sleep(2)  # every limiter second of the warm-up is over

    before = emulator_calls(args.emulator)
    spacing = args.window / args.views
    schedule = []
    for i in range(args.users):
        first = i * spacing / args.users
        for v in range(args.views):
            schedule.append((first + v * spacing, i, v))
    schedule.sort()
    results = []
    lock = threading.Lock()

    def one(at, i, v, kind, started_at):
        late = (time.monotonic() - started_at - at) * 1000
        status, headers, body, ms = request(client, kind, user_tokens[i], f"u{i + 1}",
                                            conversation_ids(i, args.users, args.rows))
        got, wanted, failed = answered_reads(kind, status, body, args.rows)
        with lock:
            results.append({"kind": kind, "view": v, "status": status, "cache": cache_class(headers),
                            "ms": ms, "late_ms": late, "answered": got, "wanted": wanted, "failed": failed})

    start = time.monotonic()
    futures = []
    for at, i, v in schedule:
        delay = start + at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        for kind in ("profile", "list"):
            futures.append(pool.submit(one, at, i, v, kind, start))
    for f in futures:
        f.result()
    elapsed = time.monotonic() - start
    time.sleep(1)
    after = emulator_calls(args.emulator)
    pool.shutdown()
    upstream = {op: {"arrivals": after[op]["arrivals"] - before[op]["arrivals"],
                     "rejected": after[op]["rejected"] - before[op]["rejected"]} for op in after}
    with open(args.out, "w") as f:
        json.dump({"label": args.label, "users": args.users, "views": args.views, "rows": args.rows,
                   "window": args.window, "elapsed": elapsed, "warmup_codes": warm_codes,
                   "upstream": upstream, "results": results}, f)


def pct(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * q))] if v else float("nan")


def report(args):
    runs = [json.load(open(p)) for p in args.files]
    lines = []
    first = runs[0]
    lines.append(f"workload: {first['users']} users each open the screen {first['views']} times within "
                 f"{first['window']:.0f} s (a profile and a list of {first['rows']} rows per view, "
                 f"{3 + first['rows']} reads), the opens spread evenly over the window")
    seen = any(r["cache"] != "none" for run in runs for r in run["results"])
    if not seen:
        lines.append("")
        lines.append("!!! no Cache-Status seen: this build has no read cache; every answer counts as a miss !!!")
    for run in runs:
        res = run["results"]
        views = run["users"] * run["views"]
        up = run["upstream"]
        reads_up = sum(up[op]["arrivals"] for op in READ_OPERATIONS if op in up)
        rejected_up = sum(up[op]["rejected"] for op in READ_OPERATIONS if op in up)
        answered = sum(r["answered"] for r in res)
        wanted = sum(r["wanted"] for r in res)
        lines.append("")
        lines.append(f"== {run['label']} ==")
        lines.append(f"requests:                 {len(res)} in {run['elapsed']:.1f} s "
                     f"({len(res) / max(run['elapsed'], 1e-9):.0f}/s), {views} screen views")
        for kind in ("profile", "list"):
            codes = {}
            for r in res:
                if r["kind"] == kind:
                    codes[r["status"]] = codes.get(r["status"], 0) + 1
            lines.append(f"{kind + ' answers:':26s}" + ", ".join(f"[{c}] {n}" for c, n in
                                                                  sorted(codes.items(), key=lambda x: str(x[0]))))
        classes = {}
        for r in res:
            classes[r["cache"]] = classes.get(r["cache"], 0) + 1
        lines.append("Cache-Status:             " + ", ".join(
            f"{ {'hit': 'hit', 'miss': 'fwd=miss', 'none': 'none (a miss)'}[c]} {n}" for c, n in sorted(classes.items())))
        lines.append("upstream reads (emulator): " + ", ".join(
            f"{op} {up[op]['arrivals']}" for op in READ_OPERATIONS if op in up)
            + f"; {rejected_up} of them answered 429 by the emulator")
        lines.append(f"upstream calls per view:  {reads_up / views:.2f} (a view needs {3 + run['rows']} reads)")
        failed = {}
        for r in res:
            for status in r["failed"]:
                failed[status] = failed.get(status, 0) + 1
        lines.append(f"reads answered:           {answered} of {wanted} ({answered / max(wanted, 1) * 100:.1f}%); "
                     "failed inside a 200: " + (", ".join(f"[{c}] {n}" for c, n in
                                                          sorted(failed.items(), key=lambda x: str(x[0]))) or "none"))
        lines.append(f"reads answered per upstream call: {answered / max(reads_up, 1):.2f}")
        for kind in ("profile", "list"):
            for cls, label in (("hit", "hit"), ("miss", "miss"), ("none", "miss, no Cache-Status")):
                ms = [r["ms"] for r in res if r["kind"] == kind and r["cache"] == cls and r["status"] == 200]
                if ms:
                    lines.append(f"{kind} 200, {label + ':':24s} n {len(ms):5d}  p50 {pct(ms, .5):8.2f} ms  "
                                 f"p99 {pct(ms, .99):8.2f} ms")
        for v in range(run["views"]):
            ms = [r["ms"] for r in res if r["view"] == v]
            lines.append(f"view {v + 1}, every answer:     p50 {pct(ms, .5):8.2f} ms  p99 {pct(ms, .99):8.2f} ms")
        late = [r["late_ms"] for r in res]
        lines.append(f"client lateness (start after schedule): p50 {pct(late, .5):.1f} ms, p99 {pct(late, .99):.1f} ms, "
                     f"max {max(late) if late else float('nan'):.1f} ms")
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    r.add_argument("--proxy", default="http://127.0.0.1:18088")
    r.add_argument("--emulator", default="http://127.0.0.1:18089")
    r.add_argument("--users", type=int, default=2000)
    r.add_argument("--views", type=int, default=2)
    r.add_argument("--rows", type=int, default=20)
    r.add_argument("--window", type=float, default=30.0)
    r.add_argument("--warmup", type=float, default=20.0)
    r.add_argument("--concurrency", type=int, default=1500, help="client threads (requests in flight at most)")
    r.add_argument("--audience", default="")
    r.add_argument("--label", required=True)
    r.add_argument("--out", required=True)
    p = sub.add_parser("report")
    p.add_argument("files", nargs="+")
    args = parser.parse_args()
    (run if args.command == "run" else report)(args)


if __name__ == "__main__":
    main()
