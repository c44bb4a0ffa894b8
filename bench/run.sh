#!/usr/bin/env bash
# Benchmark of agora-push-proxy against a minimal nginx upstream stub.
#
#   bash bench/run.sh            # from the repository root; ~9 minutes
#   DUR=3s WARMUP=3s QUOTA_DUR=4s bash bench/run.sh   # quick smoke run (numbers meaningless)
#   PARTS="quota" bash bench/run.sh   # only some of: latency bursts rejections throughput quota quota-redis
#                                     # shared-budget
#
# Everything listens on 127.0.0.1 only. Results go to bench/results/<timestamp>/.
# See docs/performance.md for the method and the last recorded run.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

DUR=${DUR:-15s}            # length of each fixed-rate and throughput run
WARMUP=${WARMUP:-20s}      # warm-up through the proxy at 500 rps
QUOTA_DUR=${QUOTA_DUR:-15s}
SB_DUR=${SB_DUR:-40}       # seconds of the shared-budget run
SB_OTHERS=${SB_OTHERS:-40} # calls per second that "other callers" (the apps' SDK) take of the 100
PARTS=${PARTS:-latency bursts rejections throughput quota quota-redis shared-budget}   # a subset runs only those parts
part() { [[ " $PARTS " == *" $1 "* ]]; }
JAR=$ROOT/target-bench/agora-push-proxy-0.1.0-SNAPSHOT.jar
APP=$ROOT/target-bench/app   # the jar extracted as the image has it, with its CDS archive

STUB_PORT=18081
PEER_PORT=18082
PROXY_PORT=18080
PROXY_MGMT=18090
QPROXY_PORT=18083
QPROXY_MGMT=18093
RPROXY1_PORT=18084
RPROXY1_MGMT=18094
RPROXY2_PORT=18085
RPROXY2_MGMT=18095
REDIS_PORT=18379
SB_STUB_PORT=18086
SBPROXY_PORT=18087
SBPROXY_MGMT=18097

TS=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$ROOT/bench/results/$TS
mkdir -p "$OUT/raw"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }

# ---------------------------------------------------------------- tools
need=()
command -v hey >/dev/null || need+=(hey)
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v gnuplot >/dev/null || need+=(gnuplot-nox)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get install -y "${need[@]}" >/dev/null 2>&1 \
    || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y "${need[@]}" >/dev/null; }
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for t in hey gnuplot python3 curl java; do command -v $t >/dev/null || { echo "missing $t" >&2; exit 1; }; done

# ---------------------------------------------------------------- build
# The image's JVM flags (Dockerfile), and the chart's memory limit (512Mi) that the heap
# percentage is taken of.
IMAGE_JAVA_OPTS="-XX:+UseSerialGC -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
BENCH_JAVA_OPTS=(-XX:MaxRAM=512m)
if [ ! -f "$JAR" ]; then
  log "building $JAR"
  ./mvnw -B -q package -DskipTests -Dbuild.dir=target-bench
fi
if [ ! -f "$APP/app.jsa" ] || [ "$JAR" -nt "$APP/app.jsa" ]; then
  log "extracting the jar and training its class-data-sharing archive, as the Dockerfile does"
  rm -rf "$APP" "$APP.layers"
  java -Djarmode=tools -jar "$JAR" extract --layers --destination "$APP.layers" --application-filename app.jar >/dev/null
  mkdir -p "$APP"
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    [ -d "$APP.layers/$layer" ] && cp -r "$APP.layers/$layer/." "$APP/"
  done
  rm -rf "$APP.layers"
  ( cd "$APP" && JAVA_TOOL_OPTIONS="$IMAGE_JAVA_OPTS" java -XX:ArchiveClassesAtExit=app.jsa \
      -Dspring.context.exit=onRefresh -jar app.jar \
      --agora.base-url=https://127.0.0.1:9 --agora.org-name=cds --agora.app-name=cds \
      --agora.app-id=00000000000000000000000000000000 --agora.app-certificate=00000000000000000000000000000000 \
      --proxy.security.jwt.secret=cds-training-only-0000000000000000000000 ) > "$OUT/cds-training.log" 2>&1 \
    || { echo "CDS training run failed:" >&2; tail -n 30 "$OUT/cds-training.log" >&2; exit 1; }
fi

# ---------------------------------------------------------------- cleanup
WORK=$(mktemp -d /tmp/pushproxy-bench.XXXXXX)
PIDS=()
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  sleep 1
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true
  done
  # keep the stub's access log out of the results (it is large); keep proxy logs' tails
  for f in proxy.log qproxy.log rproxy1.log rproxy2.log sbproxy.log; do
    [ -f "$WORK/$f" ] && tail -n 200 "$WORK/$f" > "$OUT/$f.tail" || true
  done
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Fail early if a port is taken.
for p in $STUB_PORT $PEER_PORT $PROXY_PORT $PROXY_MGMT $QPROXY_PORT $QPROXY_MGMT $RPROXY1_PORT $RPROXY1_MGMT \
    $RPROXY2_PORT $RPROXY2_MGMT $REDIS_PORT $SB_STUB_PORT $SBPROXY_PORT $SBPROXY_MGMT; do
  if (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "port $p already in use" >&2; exit 1; fi
done

# ---------------------------------------------------------------- nginx: stub + peer
start_nginx() { # name conf
  local dir=$WORK/$1
  mkdir -p "$dir/logs" "$dir/tmp"
  printf '%s\n' "$2" > "$dir/nginx.conf"
  "$NGINX" -p "$dir" -c "$dir/nginx.conf" -t -q 2>>"$dir/logs/stderr" || { cat "$dir/logs/stderr" >&2; exit 1; }
  "$NGINX" -p "$dir" -c "$dir/nginx.conf" >>"$dir/logs/stderr" 2>&1 &
  PIDS+=($!)
}
nginx_common() { # dir
  cat <<EOF
daemon off;
worker_processes 1;
pid $1/nginx.pid;
error_log $1/logs/error.log warn;
events { worker_connections 4096; }
EOF
}
http_common() { # dir
  cat <<EOF
  client_body_temp_path $1/tmp/body;
  proxy_temp_path $1/tmp/proxy;
  fastcgi_temp_path $1/tmp/fastcgi;
  uwsgi_temp_path $1/tmp/uwsgi;
  scgi_temp_path $1/tmp/scgi;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
EOF
}

STUB_DIR=$WORK/stub
start_nginx stub "$(nginx_common "$STUB_DIR")
http {
$(http_common "$STUB_DIR")
  log_format ts '\$msec \$request_method \$uri \$status';
  access_log $STUB_DIR/logs/access.log ts;
  client_body_in_single_buffer on;
  client_body_buffer_size 16k;
  server {
    listen 127.0.0.1:$STUB_PORT;
    default_type application/json;
    location ~ ^/bench/app/users/[^/]+/notification/language\$ {
      return 200 '{\"data\":{\"language\":\"en\"}}';
    }
    location /bench/app/notification/template/ {
      return 200 '{\"data\":{\"name\":\"x\",\"createAt\":1700000000000,\"updateAt\":1700000000000,\"title_pattern\":\"t\",\"content_pattern\":\"c\"}}';
    }
    location / { return 404 '{\"error\":\"not_found\",\"error_description\":\"stub\"}'; }
  }
}"

PEER_DIR=$WORK/peer
start_nginx peer "$(nginx_common "$PEER_DIR")
http {
$(http_common "$PEER_DIR")
  access_log off;
  upstream stub { server 127.0.0.1:$STUB_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$PEER_PORT;
    location / {
      proxy_pass http://stub;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_buffering on;
    }
  }
}"

wait_http() { # url seconds -> 0 when 200
  local url=$1 deadline=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null || true)" = 200 ] && return 0
    sleep 0.05
  done
  return 1
}
wait_http "http://127.0.0.1:$STUB_PORT/bench/app/users/alice/notification/language" 10 || { echo "stub did not start" >&2; exit 1; }
wait_http "http://127.0.0.1:$PEER_PORT/bench/app/users/alice/notification/language" 10 || { echo "nginx peer did not start" >&2; exit 1; }
log "nginx stub :$STUB_PORT and peer :$PEER_PORT up"

# ---------------------------------------------------------------- proxy
SECRET=bench-secret-0123456789abcdef0123456789abcdef
COMMON_ARGS=(
  --agora.base-url=http://127.0.0.1:$STUB_PORT
  --agora.org-name=bench --agora.app-name=app
  --agora.app-id=970CA35de60c44645bbae8a215061b33
  --agora.app-certificate=5CFd2fd1755d40ecb72977518be15d3b
  --proxy.security.jwt.secret=$SECRET
  --proxy.allow-insecure-http=true   # the stub upstream speaks plain http on localhost
  --proxy.caller-limit.rate=100000 --proxy.caller-limit.burst=100000
)
start_proxy() { # logfile port mgmt extra-args... ; sets PROXY_PID, READY_MS
  local logf=$1 port=$2 mgmt=$3; shift 3
  local t0; t0=$(date +%s%N)
  ( cd "$APP" && exec env JAVA_TOOL_OPTIONS="$IMAGE_JAVA_OPTS" java "${BENCH_JAVA_OPTS[@]}" \
      -XX:SharedArchiveFile=app.jsa -jar app.jar --server.port=$port --management.server.port=$mgmt \
      "${COMMON_ARGS[@]}" "$@" ) > "$logf" 2>&1 &
  PROXY_PID=$!
  PIDS+=($PROXY_PID)
  local deadline=$(( $(date +%s) + 60 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$mgmt/actuator/health/readiness" 2>/dev/null || true)" = 200 ]; do
    if ! kill -0 "$PROXY_PID" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      echo "proxy on :$port did not become ready; log tail:" >&2; tail -n 40 "$logf" >&2; exit 1
    fi
    sleep 0.02
  done
  READY_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}

start_proxy "$WORK/proxy.log" $PROXY_PORT $PROXY_MGMT \
  --agora.rate-limit.get-language=100000 --agora.rate-limit.set-language=100000 \
  --agora.rate-limit.delete-template=2
MAIN_PID=$PROXY_PID
MAIN_READY_MS=$READY_MS
log "proxy ready in ${MAIN_READY_MS} ms (pid $MAIN_PID)"

# ---------------------------------------------------------------- tokens (HS256, stdlib only)
mkjwt() { # json-claims-without-exp
  SECRET=$SECRET CLAIMS=$1 python3 - <<'PY'
import base64, hashlib, hmac, json, os, time
def b64(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
now = int(time.time())
claims = json.loads(os.environ["CLAIMS"]); claims.update(iat=now, exp=now + 3600)
head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
body = b64(json.dumps(claims, separators=(",", ":")).encode())
sig = hmac.new(os.environ["SECRET"].encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
print(f"{head}.{body}.{b64(sig)}")
PY
}
USER_TOKEN=$(mkjwt '{"sub":"alice"}')
# Fifty more callers for the quota runs, as a crowd of users rather than one user's flood.
mapfile -t CROWD_TOKENS < <(SECRET=$SECRET python3 - <<'PY'
import base64, hashlib, hmac, json, os, time
def b64(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
now = int(time.time())
head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
for i in range(1, 51):
    body = b64(json.dumps({"sub": f"u{i:02d}", "iat": now, "exp": now + 3600}, separators=(",", ":")).encode())
    sig = hmac.new(os.environ["SECRET"].encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    print(f"{head}.{body}.{b64(sig)}")
PY
)
ADMIN_TOKEN=$(mkjwt '{"sub":"bench-admin","scope":"push:admin"}')
AUTH_U="Authorization: Bearer $USER_TOKEN"
AUTH_A="Authorization: Bearer $ADMIN_TOKEN"

P_URL=http://127.0.0.1:$PROXY_PORT/v1/users/alice/push/language
D_URL=http://127.0.0.1:$STUB_PORT/bench/app/users/alice/notification/language
N_URL=http://127.0.0.1:$PEER_PORT/bench/app/users/alice/notification/language
BODY='{"language":"en"}'

# sanity: one call each way must be 200
code=$(curl -s -o "$OUT/raw/sanity-get.txt" -w '%{http_code}' -H "$AUTH_U" "$P_URL")
[ "$code" = 200 ] || { echo "proxy GET sanity check answered $code: $(cat "$OUT/raw/sanity-get.txt")" >&2; exit 1; }
code=$(curl -s -o "$OUT/raw/sanity-put.txt" -w '%{http_code}' -X PUT -H "$AUTH_U" -H 'Content-Type: application/json' -d "$BODY" "$P_URL")
[ "$code" = 200 ] || { echo "proxy PUT sanity check answered $code: $(cat "$OUT/raw/sanity-put.txt")" >&2; exit 1; }
code=$(curl -s -o "$OUT/raw/sanity-del.txt" -w '%{http_code}' -X DELETE -H "$AUTH_A" "http://127.0.0.1:$PROXY_PORT/v1/push/templates/x")
[ "$code" = 204 ] || { echo "proxy DELETE sanity check answered $code: $(cat "$OUT/raw/sanity-del.txt")" >&2; exit 1; }

rss_mb() { echo $(( $(ps -o rss= -p "$1" | tr -d ' ') / 1024 )); }

# ---------------------------------------------------------------- hey helpers
# paced NAME RATE DUR hey-args... : RATE/50 hey processes, one connection and 50 requests/s
# each, started 1/RATE s apart, so that requests arrive evenly, as from many independent
# clients. (A single `hey -c N -q R` starts all its workers on the same tick, so its
# requests arrive in bursts of N.) Writes raw/NAME.txt, a summary of every answer.
paced() {
  local name=$1 rate=$2 dur=$3; shift 3
  local n=$(( rate / 50 )) gap pids=() i
  gap=$(python3 -c "print(1.0 / $rate)")
  mkdir -p "$WORK/csv"
  for i in $(seq 1 $n); do
    hey -z "$dur" -c 1 -q 50 -o csv "$@" > "$WORK/csv/$name.$i.csv" 2>&1 &
    pids+=($!)
    sleep "$gap"
  done
  wait "${pids[@]}" || true
  python3 "$WORK/summary.py" "$WORK/csv" "$name" "$n" "${dur%s}" > "$OUT/raw/$name.txt"
  rm -f "$WORK/csv/$name".*.csv
}
cat > "$WORK/summary.py" <<'PY'
import csv, sys
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
p = lambda q: lat[min(len(lat) - 1, int(len(lat) * q))] * 1000 if lat else float("nan")
top = lat[-1] * 1000 if lat else float("nan")
print(f"requests {len(lat)} rps {len(lat) / dur:.1f} p50 {p(.5):.2f} p90 {p(.9):.2f} p99 {p(.99):.2f} max {top:.2f}")
# hey's CSV has one header line per process; anything else it printed is an error line.
errors = other - n
print("codes " + " ".join(f"{c}:{k}" for c, k in sorted(codes.items())) + (f" errors:{errors}" if errors > 0 else ""))
PY

SAMPLER=""
RSS_PEAK=0
rss_sampler() { # pid file: keeps the peak RSS in file until sampler_done
  ( peak=0; while kill -0 "$1" 2>/dev/null; do r=$(rss_mb "$1"); [ "$r" -gt "$peak" ] && peak=$r && echo $peak > "$2"; sleep 0.5; done ) &
  SAMPLER=$!
}
sampler_done() { # file
  kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true
  local r; r=$(cat "$1" 2>/dev/null || echo 0)
  if [ "$r" -gt "$RSS_PEAK" ]; then RSS_PEAK=$r; fi
}

log "warm-up $WARMUP at 500 rps (GET + PUT through the proxy)"
hey -z "$WARMUP" -c 5 -q 50 -H "$AUTH_U" "$P_URL" > "$OUT/raw/warmup-get.txt" 2>&1 &
W1=$!
hey -z "$WARMUP" -c 5 -q 50 -m PUT -T application/json -d "$BODY" -H "$AUTH_U" "$P_URL" > "$OUT/raw/warmup-put.txt" 2>&1
wait $W1 || true
RSS_AFTER_WARMUP=$(rss_mb $MAIN_PID)
log "RSS after warm-up: ${RSS_AFTER_WARMUP} MB"

target_args() { # target -> sets URL and HDR
  case $1 in
    direct) URL=$D_URL; HDR=();;
    nginx)  URL=$N_URL; HDR=();;
    proxy)  URL=$P_URL; HDR=(-H "$AUTH_U");;
  esac
}

# ---------------------------------------------------------------- fixed-rate latency (paced)
part latency && for rate in 200 500 1000; do
  for method in GET PUT; do
    for target in direct nginx proxy; do
      target_args $target
      margs=(); [ $method = PUT ] && margs=(-m PUT -T application/json -d "$BODY")
      name=lat-$target-$method-$rate
      log "$name"
      if [ $target = proxy ]; then rss_sampler $MAIN_PID "$WORK/rss.$name"; fi
      paced "$name" $rate "$DUR" "${margs[@]}" "${HDR[@]}" "$URL"
      if [ $target = proxy ]; then sampler_done "$WORK/rss.$name"; fi
    done
  done
done

# The same offered load as one `hey -c 20 -q 50`: twenty requests arrive together every 20 ms.
part bursts && for target in direct nginx proxy; do
  target_args $target
  log "bursts-$target-GET-1000"
  hey -z "$DUR" -c 20 -q 50 "${HDR[@]}" "$URL" > "$OUT/raw/bursts-$target-GET-1000.txt" 2>&1 || true
done

# ---------------------------------------------------------------- rejection paths at 1,000 rps (paced)
if part rejections; then
  log "rejections at 1000 rps: 400 and 429"
  paced rej-400 1000 "$DUR" -H "$AUTH_U" "http://127.0.0.1:$PROXY_PORT/v1/users/al%21ce/push/language"
  paced rej-429 1000 "$DUR" -m DELETE -H "$AUTH_A" "http://127.0.0.1:$PROXY_PORT/v1/push/templates/x"
fi

# ---------------------------------------------------------------- throughput (closed loop, 50 connections)
if part throughput; then
  log "throughput: forwarding GET"
  RSS_FIXED_PEAK=$RSS_PEAK
  rss_sampler $MAIN_PID "$WORK/rss.tput"
  hey -z "$DUR" -c 50 -H "$AUTH_U" "$P_URL" > "$OUT/raw/tput-forward-GET.txt" 2>&1 || true
  sampler_done "$WORK/rss.tput"
  log "throughput: 400 rejection"
  hey -z "$DUR" -c 50 -H "$AUTH_U" "http://127.0.0.1:$PROXY_PORT/v1/users/al%21ce/push/language" > "$OUT/raw/tput-reject400-GET.txt" 2>&1 || true
  log "throughput: 429 (delete-template budget 2/s)"
  hey -z "$DUR" -c 50 -m DELETE -H "$AUTH_A" "http://127.0.0.1:$PROXY_PORT/v1/push/templates/x" > "$OUT/raw/tput-quota429-DELETE.txt" 2>&1 || true
fi
RSS_FIXED_PEAK=${RSS_FIXED_PEAK:-$RSS_PEAK}
RSS_END=$(rss_mb $MAIN_PID)
kill $MAIN_PID 2>/dev/null || true   # the quota instance gets the machine to itself

# ---------------------------------------------------------------- quota use
cat > "$WORK/quota.py" <<'PY'
import csv, glob, sys
d, access, t0, t1, offered = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
BUDGET = 100
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
def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(len(v) * p))] * 1000 if v else float("nan")
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
PY

# overload OUTFILE LABEL PORT...: 500 requests/s of GET, five times the budget, from fifty
# callers (u01 to u50) spread over the proxies on the given ports, then what reached the
# stub. 50 hey processes, one per caller, of 4 workers at 2.5 requests/s, started 8 ms
# apart: a worker waits for its answer, and an answer may wait up to 250 ms for a permit,
# so each worker asks only every 400 ms and the offered load holds.
overload() {
  local outfile=$1 label=$2; shift 2
  local ports=("$@") t0 t1 i user qpids=()
  rm -rf "$WORK/qcsv"; mkdir -p "$WORK/qcsv"
  t0=$(date +%s.%N)
  for i in $(seq 1 50); do
    user=$(printf 'u%02d' "$i")
    hey -z "$QUOTA_DUR" -c 4 -q 2.5 -o csv -H "Authorization: Bearer ${CROWD_TOKENS[$(( i - 1 ))]}" \
      "http://127.0.0.1:${ports[$(( i % ${#ports[@]} ))]}/v1/users/$user/push/language" > "$WORK/qcsv/$i.csv" 2>&1 &
    qpids+=($!)
    sleep 0.008
  done
  wait "${qpids[@]}" || true
  t1=$(date +%s.%N)
  sleep 0.5
  python3 "$WORK/quota.py" "$WORK/qcsv" "$STUB_DIR/logs/access.log" "$t0" "$t1" "$label" > "$outfile"
  cat "$outfile" >&2
}

Q_READY_MS=-
if part quota; then
  sleep 1
  log "quota: second proxy on :$QPROXY_PORT with the default operation budgets"
  start_proxy "$WORK/qproxy.log" $QPROXY_PORT $QPROXY_MGMT
  Q_PID=$PROXY_PID
  Q_READY_MS=$READY_MS
  Q_URL=http://127.0.0.1:$QPROXY_PORT/v1/users/alice/push/language
  log "quota proxy ready in ${Q_READY_MS} ms; warm-up $WARMUP at 500 rps"
  paced q-warmup 500 "$WARMUP" -H "$AUTH_U" "$Q_URL"
  sleep 2    # every limiter second of the warm-up is over
  overload "$OUT/quota.txt" "one instance" $QPROXY_PORT
  kill $Q_PID 2>/dev/null || true
fi

# ---------------------------------------------------------------- quota use, two replicas sharing Redis
if part quota-redis; then
  if ! command -v redis-server >/dev/null; then
    log "installing redis-server"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get install -y redis-server >/dev/null 2>&1 \
      || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y redis-server >/dev/null; }
  fi
  sleep 1
  redis-server --port $REDIS_PORT --bind 127.0.0.1 --save "" --appendonly no > "$WORK/redis.log" 2>&1 &
  PIDS+=($!)
  redis_deadline=$(( $(date +%s) + 10 ))
  until redis-cli -p $REDIS_PORT ping >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$redis_deadline" ] || { echo "redis-server did not start" >&2; exit 1; }
    sleep 0.1
  done
  log "quota-redis: two proxies sharing redis-server :$REDIS_PORT, default budgets"
  R_ARGS=(--proxy.rate-limit.store=redis --spring.data.redis.url=redis://127.0.0.1:$REDIS_PORT)
  start_proxy "$WORK/rproxy1.log" $RPROXY1_PORT $RPROXY1_MGMT "${R_ARGS[@]}"
  R1_PID=$PROXY_PID
  start_proxy "$WORK/rproxy2.log" $RPROXY2_PORT $RPROXY2_MGMT "${R_ARGS[@]}"
  R2_PID=$PROXY_PID
  R1_URL=http://127.0.0.1:$RPROXY1_PORT/v1/users/alice/push/language
  R2_URL=http://127.0.0.1:$RPROXY2_PORT/v1/users/alice/push/language
  log "warm-up $WARMUP at 250 rps each"
  paced r1-warmup 250 "$WARMUP" -H "$AUTH_U" "$R1_URL" &
  W1=$!
  paced r2-warmup 250 "$WARMUP" -H "$AUTH_U" "$R2_URL"
  wait $W1 || true
  sleep 2
  overload "$OUT/quota-redis.txt" "two replicas, one Redis" $RPROXY1_PORT $RPROXY2_PORT
  for m in $RPROXY1_MGMT $RPROXY2_MGMT; do
    mode=$(curl -s "http://127.0.0.1:$m/actuator/health/readiness" \
      | python3 -c 'import json, sys; print(json.load(sys.stdin)["components"]["rateLimitStore"]["details"]["mode"])' 2>/dev/null \
      || echo unknown)
    echo "rate-limit store of :$m after the run: $mode"
  done >> "$OUT/quota-redis.txt"
  kill $R1_PID $R2_PID 2>/dev/null || true
fi

# ---------------------------------------------------------------- shared budget (issue 12)
# An upstream that counts like Agora, 100 calls in any sliding second, while "other callers"
# (the apps' own SDK calls) take SB_OTHERS of them, evenly spaced: the proxy's own limiter
# cannot see them, only Agora's 429s. The stub stamps every call of the proxy; the proxy's
# ceiling gauge is sampled every second.
cat > "$WORK/agora_stub.py" <<'PY'
import collections, http.server, sys, threading, time
port, log_path = int(sys.argv[1]), sys.argv[2]
BUDGET = 100
state = {"others": 0, "next": None, "others_ok": 0, "others_refused": 0}
admitted = collections.deque()
lock = threading.Lock()
log = open(log_path, "w", buffering=1)
def room(at):
    while admitted and at - admitted[0] >= 1.0:
        admitted.popleft()
    return len(admitted) < BUDGET
def admit(now):
    with lock:
        others = state["others"]
        if others:
            spacing = 1.0 / others
            nxt = state["next"] if state["next"] is not None else now
            if now - nxt > 1.0:
                nxt += int((now - nxt - 1.0) / spacing) * spacing
            while nxt <= now:
                if room(nxt):
                    admitted.append(nxt)
                    state["others_ok"] += 1
                else:
                    state["others_refused"] += 1
                nxt += spacing
            state["next"] = nxt
        ok = room(now)
        if ok:
            admitted.append(now)
        log.write(f"{now:.6f} {200 if ok else 429}\n")
        return ok
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
            if admit(time.time()):
                self.answer(200, '{"data":{"language":"en"}}')
            else:
                self.answer(429, '{"error":"reach_limit","exception":"ReachLimitException","error_description":"This request has reached API limit."}')
        else:
            self.answer(404, '{"error":"not_found"}')
    def do_PUT(self):
        if self.path.startswith("/_others/"):
            with lock:
                state.update(others=int(self.path.rsplit("/", 1)[1]), next=None)
            self.answer(200, "{}")
        else:
            self.answer(404, "{}")
    def do_POST(self):
        with lock:
            self.answer(200, '{"others_ok": %d, "others_refused": %d}' % (state["others_ok"], state["others_refused"]))
class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
Server(("127.0.0.1", port), Handler).serve_forever()
PY

cat > "$WORK/shared_budget.py" <<'PY'
import sys
log_path, ceil_path, t0, t1, others, others_stats = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
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
    print(f"{label:22s} calls used {per:5.1f}/s of the free {free} ({per / free * 100:.0f}%), upstream 429s {r} of {o + r} ({pct:.1f}%)")
print(f"other callers (stub):  {others_stats}")
PY

if part shared-budget; then
  sleep 1
  SB_LOG=$WORK/sb-stub.log
  python3 "$WORK/agora_stub.py" $SB_STUB_PORT "$SB_LOG" > "$WORK/sb-stub.out" 2>&1 &
  PIDS+=($!)
  sb_deadline=$(( $(date +%s) + 10 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -X PUT "http://127.0.0.1:$SB_STUB_PORT/_others/0" 2>/dev/null || true)" = 200 ]; do
    [ "$(date +%s)" -lt "$sb_deadline" ] || { echo "shared-budget stub did not start" >&2; exit 1; }
    sleep 0.1
  done
  log "shared-budget: proxy on :$SBPROXY_PORT against an upstream of 100/s shared with other callers"
  COMMON_ARGS_SAVED=("${COMMON_ARGS[@]}")
  COMMON_ARGS=("${COMMON_ARGS[@]/--agora.base-url=*/--agora.base-url=http://127.0.0.1:$SB_STUB_PORT}")
  start_proxy "$WORK/sbproxy.log" $SBPROXY_PORT $SBPROXY_MGMT
  COMMON_ARGS=("${COMMON_ARGS_SAVED[@]}")
  SB_PID=$PROXY_PID
  SB_URL=http://127.0.0.1:$SBPROXY_PORT/v1/users/alice/push/language
  log "shared-budget: warm-up $WARMUP at 50 rps, no other callers"
  paced sb-warmup 50 "$WARMUP" -H "$AUTH_U" "$SB_URL"
  curl -s -o /dev/null -X PUT "http://127.0.0.1:$SB_STUB_PORT/_others/$SB_OTHERS"
  sleep 1
  ( while kill -0 $SB_PID 2>/dev/null; do
      printf '%s %s\n' "$(date +%s.%N)" "$(curl -s "http://127.0.0.1:$SBPROXY_MGMT/actuator/prometheus" \
        | awk '/^agora_ratelimit_ceiling\{.*operation="get-language"/ {print $2}')"
      sleep 1
    done ) > "$WORK/sb-ceiling.txt" 2>/dev/null &
  SB_SAMPLER=$!
  sb_t0=$(date +%s.%N)
  # 40 closed-loop workers at up to 5 requests/s each (8 hey processes started 25 ms apart):
  # a request may wait 250 ms for a permit, so paced single connections would offer less
  # than the 60/s left, and the run would measure the load generator.
  rm -rf "$WORK/sbcsv"; mkdir -p "$WORK/sbcsv"
  sb_pids=()
  for i in $(seq 1 8); do
    hey -z "${SB_DUR}s" -c 5 -q 5 -o csv -H "$AUTH_U" "$SB_URL" > "$WORK/sbcsv/sb-run.$i.csv" 2>&1 &
    sb_pids+=($!)
    sleep 0.025
  done
  wait "${sb_pids[@]}" || true
  python3 "$WORK/summary.py" "$WORK/sbcsv" sb-run 8 "$SB_DUR" > "$OUT/raw/sb-run.txt"
  sb_t1=$(date +%s.%N)
  kill $SB_SAMPLER 2>/dev/null || true
  sb_others=$(curl -s -X POST "http://127.0.0.1:$SB_STUB_PORT/_stats")
  python3 "$WORK/shared_budget.py" "$SB_LOG" "$WORK/sb-ceiling.txt" "$sb_t0" "$sb_t1" "$SB_OTHERS" "$sb_others" \
    > "$OUT/shared-budget.txt"
  cat "$OUT/raw/sb-run.txt" >> "$OUT/shared-budget.txt"
  cat "$OUT/shared-budget.txt" >&2
  kill $SB_PID 2>/dev/null || true
fi

# ---------------------------------------------------------------- report
DUR=$DUR python3 - "$OUT" "$MAIN_READY_MS" "$Q_READY_MS" "$RSS_AFTER_WARMUP" "$RSS_FIXED_PEAK" "$RSS_PEAK" "$RSS_END" > "$OUT/table.md" <<'PY'
import os, re, sys
out, ready, qready, rss_w, rss_fixed, rss_peak, rss_end = sys.argv[1:8]
raw = os.path.join(out, "raw")

def paced(name):
    p = os.path.join(raw, name + ".txt")
    if not os.path.exists(p):
        return None
    s = open(p).read()
    m = re.search(r"requests (\d+) rps ([0-9.]+) p50 ([0-9.na]+) p90 ([0-9.na]+) p99 ([0-9.na]+)", s)
    if not m:
        return None
    codes = re.search(r"codes (.*)", s)
    return {"rps": float(m.group(2)), "p50": float(m.group(3)), "p99": float(m.group(5)),
            "codes": codes.group(1).strip() if codes else ""}

def hey(name):
    p = os.path.join(raw, name + ".txt")
    if not os.path.exists(p):
        return None
    s = open(p).read()
    d = {}
    for q in ("50", "99"):
        m = re.search(rf"\s{q}%+ in ([0-9.]+) secs", s)
        d["p" + q] = float(m.group(1)) * 1000 if m else float("nan")
    m = re.search(r"Requests/sec:\s+([0-9.]+)", s)
    d["rps"] = float(m.group(1)) if m else float("nan")
    d["codes"] = " ".join(f"{c}:{n}" for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", s))
    errs = re.search(r"Error distribution:\n((?:.+\n?)*)", s)
    n = sum(int(k) for k in re.findall(r"\[(\d+)\]", errs.group(1))) if errs else 0
    if n:
        d["codes"] += f" errors:{n}"
    return d

def row(target, method, rate, d, base):
    if target == "direct" or not base:
        add50 = add99 = r50 = r99 = "-"
    else:
        add50 = f"{d['p50'] - base['p50']:+.2f}"
        add99 = f"{d['p99'] - base['p99']:+.2f}"
        r50 = f"{d['p50'] / base['p50']:.1f}x" if base["p50"] else "-"
        r99 = f"{d['p99'] / base['p99']:.1f}x" if base["p99"] else "-"
    return (f"| {target} | {method} | {rate} | {d['rps']:.0f} | {d['p50']:.2f} | {d['p99']:.2f} "
            f"| {add50} | {add99} | {r50} | {r99} | {d['codes']} |")

HEAD = ["| target | method | offered rps | achieved rps | p50 ms | p99 ms | added p50 ms | added p99 ms | p50 ratio | p99 ratio | status codes |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
lines = ["### Latency at fixed offered load, paced arrivals (%s per run)\n" % os.environ.get("DUR", "15s")]
lines += HEAD
plot = {}
for method in ("GET", "PUT"):
    for rate in (200, 500, 1000):
        base = paced(f"lat-direct-{method}-{rate}")
        for target in ("direct", "nginx", "proxy"):
            d = paced(f"lat-{target}-{method}-{rate}")
            if not d:
                continue
            plot.setdefault((method, target), []).append((rate, d["p99"]))
            lines.append(row(target, method, rate, d, base))
lines.append("\n### The same 1,000 rps in bursts of twenty (one `hey -c 20 -q 50`)\n")
lines += HEAD
base = hey("bursts-direct-GET-1000")
for target in ("direct", "nginx", "proxy"):
    d = hey(f"bursts-{target}-GET-1000")
    if d:
        lines.append(row(target, "GET", 1000, d, base))
lines.append("\n### Rejections at 1,000 rps, paced\n")
lines.append("| path | achieved rps | p50 ms | p99 ms | status codes |")
lines.append("|---|---:|---:|---:|---|")
for name, label in (("rej-400", "400: invalid user id `al%21ce`"), ("rej-429", "429: DELETE template, budget 2/s")):
    d = paced(name)
    if d:
        lines.append(f"| {label} | {d['rps']:.0f} | {d['p50']:.2f} | {d['p99']:.2f} | {d['codes']} |")
lines.append("\n### Throughput through the proxy (hey -c 50, closed loop, no rate limit)\n")
lines.append("| path | requests/s | p50 ms | p99 ms | status codes |")
lines.append("|---|---:|---:|---:|---|")
for name, label in (("tput-forward-GET", "forwarding GET (200)"), ("tput-reject400-GET", "rejection `al%21ce` (400)"),
                    ("tput-quota429-DELETE", "budget spent, DELETE template 2/s (429)")):
    d = hey(name)
    if d:
        lines.append(f"| {label} | {d['rps']:.0f} | {d['p50']:.2f} | {d['p99']:.2f} | {d['codes']} |")
lines.append("\n### Quota use (second instance, default budget 100/s for get-language, 500 rps offered)\n")
if os.path.exists(os.path.join(out, "quota.txt")):
    lines.append("```\n" + open(os.path.join(out, "quota.txt")).read().rstrip() + "\n```")
if os.path.exists(os.path.join(out, "quota-redis.txt")):
    lines.append("\n### Quota use, two replicas sharing one Redis (budget 100/s in all, 500 rps offered, half to each)\n")
    lines.append("```\n" + open(os.path.join(out, "quota-redis.txt")).read().rstrip() + "\n```")
if os.path.exists(os.path.join(out, "shared-budget.txt")):
    lines.append("\n### Shared budget: other callers take part of each second (issue 12)\n")
    lines.append("```\n" + open(os.path.join(out, "shared-budget.txt")).read().rstrip() + "\n```")
lines.append("\n### Footprint and start-up\n")
lines.append("| measure | value |\n|---|---:|")
lines.append(f"| ready (process start → readiness 200), main instance | {ready} ms |")
lines.append(f"| ready, second instance | {qready} ms |")
lines.append(f"| RSS after warm-up | {rss_w} MB |")
lines.append(f"| RSS peak sampled at fixed rates (up to 1,000 rps) | {rss_fixed} MB |")
lines.append(f"| RSS peak sampled during the saturating forwarding run (50 connections) | {rss_peak} MB |")
lines.append(f"| RSS at the end of the throughput runs | {rss_end} MB |")
print("\n".join(lines))
for (method, target), pts in plot.items():
    with open(os.path.join(out, f"p99-{method}-{target}.dat"), "w") as f:
        for rate, p99 in sorted(pts):
            f.write(f"{rate} {p99:.3f}\n")
PY

# ---------------------------------------------------------------- plot
[ -f "$OUT/p99-GET-proxy.dat" ] && gnuplot <<EOF
set terminal pngcairo size 900,500 noenhanced font ",10"
set output "$OUT/latency.png"
set title "p99 latency vs offered load (paced hey, 127.0.0.1, nginx stub upstream)"
set xlabel "offered load (requests/s)"
set ylabel "p99 latency (ms)"
set xtics (200, 500, 1000)
set key top left
set grid
set logscale y
plot "$OUT/p99-GET-proxy.dat" with linespoints lw 2 lc 1 title "GET proxy", \
     "$OUT/p99-GET-direct.dat" with linespoints lw 2 lc 2 title "GET direct", \
     "$OUT/p99-GET-nginx.dat" with linespoints lw 2 lc 3 title "GET nginx", \
     "$OUT/p99-PUT-proxy.dat" with linespoints dt 2 lc 1 title "PUT proxy", \
     "$OUT/p99-PUT-direct.dat" with linespoints dt 2 lc 2 title "PUT direct", \
     "$OUT/p99-PUT-nginx.dat" with linespoints dt 2 lc 3 title "PUT nginx"
EOF

cat "$OUT/table.md"
log "results in ${OUT#$ROOT/}/ (table.md, latency.png, quota.txt, raw/)"
