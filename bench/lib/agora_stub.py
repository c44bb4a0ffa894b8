"""An upstream that counts like Agora, for the shared-budget part.

    python3 bench/lib/agora_stub.py PORT CALL_LOG

100 calls of GET .../notification/language in any sliding second, of which "other
callers" (the apps' own SDK calls, which the proxy cannot see) take a share, evenly
spaced, and are refused like anyone else when the second is full. Every call of the
proxy is written to CALL_LOG as `epoch-seconds status`.

    PUT  /_others/N   other callers take N calls a second from now on
    POST /_stats      {"others_ok": n, "others_refused": m}
"""
import collections
import http.server
import sys
import threading
import time

BUDGET = 100


class Upstream:
    def __init__(self, log_path):
        self.state = {"others": 0, "next": None, "others_ok": 0, "others_refused": 0}
        self.admitted = collections.deque()
        self.lock = threading.Lock()
        self.log = open(log_path, "w", buffering=1)

    def room(self, at):
        while self.admitted and at - self.admitted[0] >= 1.0:
            self.admitted.popleft()
        return len(self.admitted) < BUDGET

    def admit(self, now):
        state = self.state
        with self.lock:
            others = state["others"]
            if others:
                spacing = 1.0 / others
                nxt = state["next"] if state["next"] is not None else now
                if now - nxt > 1.0:
                    nxt += int((now - nxt - 1.0) / spacing) * spacing
                while nxt <= now:
                    if self.room(nxt):
                        self.admitted.append(nxt)
                        state["others_ok"] += 1
                    else:
                        state["others_refused"] += 1
                    nxt += spacing
                state["next"] = nxt
            ok = self.room(now)
            if ok:
                self.admitted.append(now)
            self.log.write(f"{now:.6f} {200 if ok else 429}\n")
            return ok


def handler(upstream):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer(self, status, body):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path.endswith("/notification/language"):
                if upstream.admit(time.time()):
                    self.answer(200, '{"data":{"language":"en"}}')
                else:
                    self.answer(429, '{"error":"reach_limit","exception":"ReachLimitException",'
                                     '"error_description":"This request has reached API limit."}')
            else:
                self.answer(404, '{"error":"not_found"}')

        def do_PUT(self):
            if self.path.startswith("/_others/"):
                with upstream.lock:
                    upstream.state.update(others=int(self.path.rsplit("/", 1)[1]), next=None)
                self.answer(200, "{}")
            else:
                self.answer(404, "{}")

        def do_POST(self):
            with upstream.lock:
                self.answer(200, '{"others_ok": %d, "others_refused": %d}'
                            % (upstream.state["others_ok"], upstream.state["others_refused"]))

    return Handler


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def main():
    port, log_path = int(sys.argv[1]), sys.argv[2]
    Server(("127.0.0.1", port), handler(Upstream(log_path))).serve_forever()


if __name__ == "__main__":
    main()
