#!/usr/bin/env bash
# Benchmark of agora-push-proxy against a minimal nginx upstream stub.
#
#   bash bench/run.sh            # from the repository root; ~9 minutes
#   DUR=3s WARMUP=3s QUOTA_DUR=4s bash bench/run.sh   # quick smoke run (numbers meaningless)
#   PARTS="quota" bash bench/run.sh   # only some of: latency bursts rejections throughput quota quota-redis
#                                     # shared-budget settings-screen cpu
#
# Everything listens on 127.0.0.1 only. Results go to bench/results/<timestamp>/.
# See docs/performance.md for the method and the last recorded run.
#
# This script only orchestrates: its shell helpers are bench/lib/bench.sh, the analyses and
# token minting bench/lib/*.py, the nginx configurations bench/nginx/, the plot bench/plot.gp,
# and the settings-screen and cpu parts bench/settings-screen.sh and bench/cpu-per-request.sh.
# Each runs on its own (see its header).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

DUR=${DUR:-15s}            # length of each fixed-rate and throughput run
WARMUP=${WARMUP:-20s}      # warm-up through the proxy at 500 rps
QUOTA_DUR=${QUOTA_DUR:-15s}
SB_DUR=${SB_DUR:-40}       # seconds of the shared-budget run
SB_OTHERS=${SB_OTHERS:-40} # calls per second that "other callers" (the apps' SDK) take of the 100
# Every part, in the order they run; a subset runs only those parts. (A part added later
# goes into this list and into the "parts" section below.)
ALL_PARTS="latency bursts rejections throughput quota quota-redis shared-budget settings-screen cpu"
PARTS=${PARTS:-$ALL_PARTS}
part() { [[ " $PARTS " == *" $1 "* ]]; }
READY_TIMEOUT=${READY_TIMEOUT:-120}   # seconds a proxy may take to become ready (a loaded machine is slow)
LIB=$ROOT/bench/lib
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
SS_PORTS="18088 18089 18098"   # bench/settings-screen.sh: proxy, emulator, management

TS=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$ROOT/bench/results/$TS
mkdir -p "$OUT/raw"
# shellcheck source=bench/lib/bench.sh
. "$LIB/bench.sh"

# ---------------------------------------------------------------- tools
need=()
command -v hey >/dev/null || need+=(hey)
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v gnuplot >/dev/null || need+=(gnuplot-nox)
if [ ${#need[@]} -gt 0 ]; then apt_install "${need[@]}"; fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for t in hey gnuplot python3 curl java; do command -v $t >/dev/null || { echo "missing $t" >&2; exit 1; }; done

# ---------------------------------------------------------------- build
# The image's JVM flags, read from the Dockerfile's JAVA_TOOL_OPTIONS, and the chart's
# memory limit (512Mi) that the heap percentage is taken of.
IMAGE_JAVA_OPTS=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile)
[ -n "$IMAGE_JAVA_OPTS" ] || { echo "no ENV JAVA_TOOL_OPTIONS=\"...\" line in the Dockerfile" >&2; exit 1; }
export IMAGE_JAVA_OPTS
BENCH_JAVA_OPTS=(-XX:MaxRAM=512m)
build_app

# ---------------------------------------------------------------- cleanup
WORK=$(mktemp -d /tmp/pushproxy-bench.XXXXXX)
PIDS=()
trap cleanup EXIT
trap 'exit 130' INT TERM

# Fail early if a port is taken.
ports_free $STUB_PORT $PEER_PORT $PROXY_PORT $PROXY_MGMT $QPROXY_PORT $QPROXY_MGMT $RPROXY1_PORT $RPROXY1_MGMT \
  $RPROXY2_PORT $RPROXY2_MGMT $REDIS_PORT $SB_STUB_PORT $SBPROXY_PORT $SBPROXY_MGMT $SS_PORTS

# ---------------------------------------------------------------- nginx: stub + peer
STUB_DIR=$WORK/stub
start_nginx stub stub.conf PORT=$STUB_PORT
start_nginx peer peer.conf PORT=$PEER_PORT STUB_PORT=$STUB_PORT

wait_http "http://127.0.0.1:$STUB_PORT/bench/app/users/alice/notification/language" 10 || { echo "stub did not start" >&2; exit 1; }
wait_http "http://127.0.0.1:$PEER_PORT/bench/app/users/alice/notification/language" 10 || { echo "nginx peer did not start" >&2; exit 1; }
log "nginx stub :$STUB_PORT and peer :$PEER_PORT up"

# ---------------------------------------------------------------- proxy
SECRET=bench-secret-0123456789abcdef0123456789abcdef
COMMON_ARGS=(
  "--agora.base-url=http://127.0.0.1:$STUB_PORT"
  --agora.org-name=bench --agora.app-name=app
  --agora.app-id=970CA35de60c44645bbae8a215061b33
  --agora.app-certificate=5CFd2fd1755d40ecb72977518be15d3b
  "--proxy.security.jwt.secret=$SECRET"
  --proxy.allow-insecure-http=true   # the stub upstream speaks plain http on localhost
  --proxy.caller-limit.rate=100000 --proxy.caller-limit.burst=100000
  # Every GET is forwarded: with the read cache on, the latency, throughput and quota parts
  # would measure cache hits (the settings-screen part runs its own sandbox, cache on and off)
  --proxy.cache.ttl=PT0S
)
start_proxy "$WORK/proxy.log" $PROXY_PORT $PROXY_MGMT \
  --agora.rate-limit.get-language=100000 --agora.rate-limit.set-language=100000 \
  --agora.rate-limit.delete-template=2
MAIN_PID=$PROXY_PID
MAIN_READY_MS=$READY_MS
log "proxy ready in ${MAIN_READY_MS} ms (pid $MAIN_PID)"

# ---------------------------------------------------------------- tokens (HS256, stdlib only)
export SECRET
USER_TOKEN=$(python3 "$LIB/tokens.py" '{"sub":"alice"}')
# Fifty more callers for the quota runs, as a crowd of users rather than one user's flood.
mapfile -t CROWD_TOKENS < <(python3 "$LIB/tokens.py" --users 'u{:02d}' 1 50)
ADMIN_TOKEN=$(python3 "$LIB/tokens.py" '{"sub":"bench-admin","scope":"push:admin"}')
AUTH_U="Authorization: Bearer $USER_TOKEN"
AUTH_A="Authorization: Bearer $ADMIN_TOKEN"

P_URL=http://127.0.0.1:$PROXY_PORT/v1/users/alice/push/language
D_URL=http://127.0.0.1:$STUB_PORT/bench/app/users/alice/notification/language
N_URL=http://127.0.0.1:$PEER_PORT/bench/app/users/alice/notification/language
BODY='{"language":"en"}'

# sanity: one call each way must answer
sanity get 200 -H "$AUTH_U" "$P_URL"
sanity put 200 -X PUT -H "$AUTH_U" -H 'Content-Type: application/json' -d "$BODY" "$P_URL"
sanity delete 204 -X DELETE -H "$AUTH_A" "http://127.0.0.1:$PROXY_PORT/v1/push/templates/x"

SAMPLER=""
RSS_PEAK=0
log "warm-up $WARMUP at 500 rps (GET + PUT through the proxy)"
hey -z "$WARMUP" -c 5 -q 50 -H "$AUTH_U" "$P_URL" > "$OUT/raw/warmup-get.txt" 2>&1 &
W1=$!
hey -z "$WARMUP" -c 5 -q 50 -m PUT -T application/json -d "$BODY" -H "$AUTH_U" "$P_URL" > "$OUT/raw/warmup-put.txt" 2>&1
wait $W1 || true
RSS_AFTER_WARMUP=$(rss_mb $MAIN_PID)
log "RSS after warm-up: ${RSS_AFTER_WARMUP} MB"

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
  sleep 1
  start_redis $REDIS_PORT
  log "quota-redis: two proxies sharing redis-server :$REDIS_PORT, default budgets"
  R_ARGS=(--proxy.rate-limit.store=redis "--spring.data.redis.url=redis://127.0.0.1:$REDIS_PORT")
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
    echo "rate-limit store of :$m after the run: $(store_mode $m)"
  done >> "$OUT/quota-redis.txt"
  kill $R1_PID $R2_PID 2>/dev/null || true
fi

# ---------------------------------------------------------------- shared budget
# An upstream that counts like Agora, 100 calls in any sliding second, while "other callers"
# (the apps' own SDK calls) take SB_OTHERS of them, evenly spaced: the proxy's own limiter
# cannot see them, only Agora's 429s. The stub stamps every call of the proxy; the proxy's
# ceiling gauge is sampled every second.

if part shared-budget; then
  sleep 1
  SB_LOG=$WORK/sb-stub.log
  python3 "$LIB/agora_stub.py" $SB_STUB_PORT "$SB_LOG" > "$WORK/sb-stub.out" 2>&1 &
  PIDS+=($!)
  wait_for 10 "shared-budget stub" is_200 -X PUT "http://127.0.0.1:$SB_STUB_PORT/_others/0"
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
  ceiling_sampler $SB_PID $SBPROXY_MGMT "$WORK/sb-ceiling.txt"
  SB_SAMPLER=$SAMPLER
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
  python3 "$LIB/summary.py" "$WORK/sbcsv" sb-run 8 "$SB_DUR" > "$OUT/raw/sb-run.txt"
  sb_t1=$(date +%s.%N)
  kill $SB_SAMPLER 2>/dev/null || true
  sb_others=$(curl -s -X POST "http://127.0.0.1:$SB_STUB_PORT/_stats")
  python3 "$LIB/shared_budget.py" "$SB_LOG" "$WORK/sb-ceiling.txt" "$sb_t0" "$sb_t1" "$SB_OTHERS" "$sb_others" \
    > "$OUT/shared-budget.txt"
  cat "$OUT/raw/sb-run.txt" >> "$OUT/shared-budget.txt"
  cat "$OUT/shared-budget.txt" >&2
  kill $SB_PID 2>/dev/null || true
fi

# ---------------------------------------------------------------- settings screen
# Its own script, which runs the sandbox (the proxy and the Agora emulator) twice: the read
# cache on and off. It writes $OUT/settings-screen.txt, which the report below includes.
if part settings-screen; then
  OUT=$OUT WARMUP=$WARMUP READY_TIMEOUT=$READY_TIMEOUT bash "$ROOT/bench/settings-screen.sh"
fi

# ---------------------------------------------------------------- CPU per request
# Its own script: the proxy's CPU per forwarded request beside an nginx hop's, from /proc,
# at 200 and 1,000 paced requests/s. Its output goes to $OUT/cpu-per-request.txt.
if part cpu; then
  mkdir -p "$OUT/raw/cpu"
  OUT=$OUT/raw/cpu bash "$ROOT/bench/cpu-per-request.sh" | tee "$OUT/cpu-per-request.txt" >&2
fi

# ---------------------------------------------------------------- more parts
# A part in its own script goes here, as settings-screen and cpu above, and its name into
# ALL_PARTS at the top.

# ---------------------------------------------------------------- report
DUR=$DUR python3 "$LIB/report.py" "$OUT" "$MAIN_READY_MS" "$Q_READY_MS" "$RSS_AFTER_WARMUP" "$RSS_FIXED_PEAK" \
  "$RSS_PEAK" "$RSS_END" > "$OUT/table.md"

# ---------------------------------------------------------------- plot
if [ -f "$OUT/p99-GET-proxy.dat" ]; then gnuplot -e "out='$OUT'" "$ROOT/bench/plot.gp"; fi

cat "$OUT/table.md"
log "results in ${OUT#$ROOT/}/ (table.md, latency.png, quota.txt, raw/)"
