"""HS256 caller tokens for the bench, Python stdlib only.

    SECRET=... python3 bench/lib/tokens.py '{"sub":"alice"}'          # one token
    SECRET=... python3 bench/lib/tokens.py --users 'u{:02d}' 1 50     # one per line, u01..u50
    SECRET=... python3 bench/lib/tokens.py --users 'u{:04d}' 1 2000 --claims '{"aud":"x"}'

Every token is valid for an hour from now. The secret comes from the environment, not
the command line, so it does not show in `ps`.
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import time


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(secret, claims, now):
    claims = dict(claims, iat=now, exp=now + 3600)
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    body = b64(json.dumps(claims, separators=(",", ":")).encode())
    sig = hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64(sig)}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("claims", nargs="?", default="{}", help="JSON claims of a single token (without iat/exp)")
    parser.add_argument("--users", nargs=3, metavar=("FORMAT", "FIRST", "LAST"),
                        help="one token per user FORMAT.format(i), FIRST <= i <= LAST, with the claims added")
    parser.add_argument("--claims", dest="extra", default="{}", help="JSON claims added to every --users token")
    args = parser.parse_args()
    secret = os.environ["SECRET"]
    now = int(time.time())
    if args.users:
        fmt, first, last = args.users[0], int(args.users[1]), int(args.users[2])
        extra = json.loads(args.extra)
        print("\n".join(token(secret, dict(extra, sub=fmt.format(i)), now) for i in range(first, last + 1)))
    else:
        print(token(secret, json.loads(args.claims), now))


if __name__ == "__main__":
    main()
