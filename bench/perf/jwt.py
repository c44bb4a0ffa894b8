"""Prints an HS256 JWT for the claims given as JSON, signed with $SECRET, valid for an hour."""
import base64
import hashlib
import hmac
import json
import os
import sys
import time


def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


now = int(time.time())
claims = json.loads(sys.argv[1])
claims.update(iat=now, exp=now + 3600)
head = b64(b'{"alg":"HS256","typ":"JWT"}')
body = b64(json.dumps(claims).encode())
sig = b64(hmac.new(os.environ["SECRET"].encode(), f"{head}.{body}".encode(), hashlib.sha256).digest())
print(f"{head}.{body}.{sig}")
