#!/usr/bin/env bash
# CPU per forwarded request with tracing off, on (Boot's default sampling 0.1, no exporter)
# and on with every trace sampled, beside an nginx reverse proxy's for the same hop, all
# from /proc in one run. Everything listens on 127.0.0.1.
#   bash bench/tracing-cpu.sh        (RATE=500 DUR=20 by default; about 3 minutes)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RATE=${RATE:-500}
DUR=${DUR:-20}
STUB=18181 PEER=18182 PROXY=18180 MGMT=18190
JAR=$ROOT/target-bench/agora-push-proxy-0.1.0-SNAPSHOT.jar
for t in hey python3 curl java; do command -v $t >/dev/null || { echo "missing $t (bench/run.sh installs it)" >&2; exit 1; }; done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dbuild.dir=target-bench)

WORK=$(mktemp -d /tmp/pushproxy-tracing.XXXXXX)
PIDS=()
trap 'for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

nginx_run() { # name port body
  mkdir -p "$WORK/$1/logs" "$WORK/$1/tmp"
  cat > "$WORK/$1/nginx.conf" <<CONF
daemon off; worker_processes 1; pid $WORK/$1/nginx.pid; error_log $WORK/$1/logs/error.log warn;
events { worker_connections 4096; }
http {
  client_body_temp_path $WORK/$1/tmp; proxy_temp_path $WORK/$1/tmp; access_log off;
  keepalive_requests 1000000; keepalive_timeout 60s;
  $3
}
CONF
  "$NGINX" -p "$WORK/$1" -c "$WORK/$1/nginx.conf" & PIDS+=($!)
}
nginx_run stub $STUB "server { listen 127.0.0.1:$STUB; default_type application/json;
  location / { return 200 '{\"data\":{\"language\":\"en\"}}'; } }"
nginx_run peer $PEER "upstream stub { server 127.0.0.1:$STUB; keepalive 64; }
  server { listen 127.0.0.1:$PEER; location / { proxy_pass http://stub; proxy_http_version 1.1;
  proxy_set_header Connection \"\"; } }"
sleep 1
NGINX_PEER_PID=$(cat "$WORK/peer/nginx.pid")
NGINX_WORKER=$(pgrep -P "$NGINX_PEER_PID" | head -1)

SECRET=bench-secret-0123456789abcdef0123456789abcdef
TOKEN=$(SECRET=$SECRET python3 - <<'PY'
import base64, hashlib, hmac, json, os, time
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
now = int(time.time())
head = b64(b'{"alg":"HS256","typ":"JWT"}')
body = b64(json.dumps({"sub": "alice", "iat": now, "exp": now + 3600}).encode())
print(f"{head}.{body}.{b64(hmac.new(os.environ['SECRET'].encode(), f'{head}.{body}'.encode(), hashlib.sha256).digest())}")
PY
)

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime + stime, in clock ticks
HZ=$(getconf CLK_TCK)
paced() { # url header...: RATE/50 single-connection hey processes, 50 req/s each, staggered
  local url=$1; shift
  local n=$(( RATE / 50 )) pids=() gap i
  gap=$(python3 -c "print(1.0 / $RATE)")
  for i in $(seq 1 $n); do hey -z "${DUR}s" -c 1 -q 50 "$@" "$url" > "$WORK/hey.$i" 2>&1 & pids+=($!); sleep "$gap"; done
  wait "${pids[@]}"
  cat "$WORK"/hey.* | awk '/\[200\]/ {s += $2} END {print s + 0}'
}
measure() { # pid url header... -> "µs of CPU per request, requests"
  local pid=$1; shift
  local before after n
  before=$(ticks "$pid"); n=$(paced "$@"); after=$(ticks "$pid")
  python3 -c "print(f'{($after - $before) / $HZ * 1e6 / max($n, 1):.0f} {$n}')"
}

printf 'CPU: %s, %s cores; %s requests/s paced for %s s; GET forwarded to an nginx stub\n' \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$(nproc)" "$RATE" "$DUR"
printf '| configuration | proxy µs CPU/request | nginx hop µs CPU/request | ratio | requests (200) |\n|---|---:|---:|---:|---:|\n'
for config in "tracing off:--management.tracing.enabled=false" "tracing on, sampling 0.1 (default):" \
    "tracing on, every trace sampled:--management.tracing.sampling.probability=1.0"; do
  label=${config%%:*}; extra=${config#*:}
  java -XX:+UseSerialGC -XX:MaxRAM=512m -XX:MaxRAMPercentage=75 -jar "$JAR" --server.port=$PROXY \
    --management.server.port=$MGMT --agora.base-url=http://127.0.0.1:$STUB --agora.org-name=bench \
    --agora.app-name=app --agora.app-id=970CA35de60c44645bbae8a215061b33 \
    --agora.app-certificate=5CFd2fd1755d40ecb72977518be15d3b --proxy.security.jwt.secret=$SECRET \
    --proxy.allow-insecure-http=true --agora.rate-limit.get-language=100000 \
    --proxy.caller-limit.rate=100000 --proxy.caller-limit.burst=100000 $extra > "$WORK/proxy.log" 2>&1 &
  pid=$!; PIDS+=($pid)
  until curl -sf "http://127.0.0.1:$MGMT/actuator/health/readiness" >/dev/null; do sleep 0.2; done
  url=http://127.0.0.1:$PROXY/v1/users/alice/push/language
  DUR=10 paced "$url" -H "Authorization: Bearer $TOKEN" >/dev/null   # warm-up
  read -r proxy_us proxy_n < <(measure $pid "$url" -H "Authorization: Bearer $TOKEN")
  read -r nginx_us _ < <(measure "$NGINX_WORKER" "http://127.0.0.1:$PEER/bench/app/users/alice/notification/language")
  python3 -c "print(f'| $label | $proxy_us | $nginx_us | {$proxy_us / max($nginx_us, 1):.1f}x | $proxy_n |')"
  kill $pid; wait $pid 2>/dev/null || true
done
