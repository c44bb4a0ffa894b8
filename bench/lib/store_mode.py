"""The rate-limit store's mode (shared, local, ...) from a proxy's readiness answer on stdin.

    curl -s http://127.0.0.1:18094/actuator/health/readiness | python3 bench/lib/store_mode.py
"""
import json
import sys

print(json.load(sys.stdin)["components"]["rateLimitStore"]["details"]["mode"])
