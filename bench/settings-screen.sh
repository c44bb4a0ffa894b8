#!/usr/bin/env bash
# The settings-screen part: 2,000 users each open the push settings screen twice
# within 30 s, a profile and a conversation list of 20 rows per view, through the sandbox
# (the proxy in front of the Agora emulator of the test sources, which counts every call it
# gets), once with the read cache on (PROXY_CACHE_TTL unset: its default) and once off
# (PROXY_CACHE_TTL=PT0S). The workload and what is counted: bench/lib/settings_screen.py.
#
#   bash bench/settings-screen.sh                       # from the repository root, about 4 minutes
#   PARTS=settings-screen bash bench/run.sh             # the same, as a part of the benchmark
#   SS_USERS=200 SS_WINDOW=10 WARMUP=5s bash bench/settings-screen.sh   # smoke run (numbers meaningless)
#
# Writes OUT/settings-screen.txt (OUT: set by bench/run.sh, else bench/results/<timestamp>/)
# and the answers of every request under OUT/raw/. Listens on 127.0.0.1:18088 (proxy),
# 18098 (management) and 18089 (emulator).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=${OUT:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
SS_USERS=${SS_USERS:-2000}
SS_WINDOW=${SS_WINDOW:-30}
SS_ROWS=${SS_ROWS:-20}
SS_MODES=${SS_MODES:-on off}   # the cache on (default TTL) and off (PT0S)
WARMUP=${WARMUP:-20s}
READY_TIMEOUT=${READY_TIMEOUT:-120}
PORT=18088
MGMT=18098
EMULATOR_PORT=18089
BUILD=$ROOT/target-bench
export SECRET=bench-secret-0123456789abcdef0123456789abcdef
AUDIENCE=push-proxy
mkdir -p "$OUT/raw"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }

for t in python3 curl java; do command -v $t >/dev/null || { echo "missing $t" >&2; exit 1; }; done
for p in $PORT $MGMT $EMULATOR_PORT; do
  if (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "port $p already in use" >&2; exit 1; fi
done

# The sandbox runs from the test class path (the emulator is a test class), compiled into
# target-bench/ so that it does not disturb target/.
log "settings-screen: compiling the sandbox into ${BUILD#"$ROOT"/}/"
MVN_ARGS=(-B -q test-compile dependency:build-classpath -Dbuild.dir="$BUILD" -Dmdep.includeScope=test
  -Dmdep.outputFile="$BUILD/test-classpath.txt")
./mvnw -o "${MVN_ARGS[@]}" >/dev/null 2>&1 || ./mvnw "${MVN_ARGS[@]}"
CLASSPATH_ALL=$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/test-classpath.txt")
IMAGE_JAVA_OPTS=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile)

PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for mode in $SS_MODES; do
  case $mode in
    on)  label="cache on (PROXY_CACHE_TTL unset: the default)"; ttl=();;
    off) label="cache off (PROXY_CACHE_TTL=PT0S)"; ttl=(PROXY_CACHE_TTL=PT0S);;
    *)   echo "SS_MODES: on and/or off, not $mode" >&2; exit 1;;
  esac
  logf=$OUT/settings-screen-$mode.log
  # The image's JVM flags and memory; the production caller quota (the test sources'
  # application.properties raise it for the tests).
  env -u PROXY_CACHE_TTL "${ttl[@]}" JAVA_TOOL_OPTIONS="$IMAGE_JAVA_OPTS" java -XX:MaxRAM=512m \
    -cp "$CLASSPATH_ALL" io.pushproxy.TestPushProxyApplication \
    --emulator.port=$EMULATOR_PORT --emulator.users="$SS_USERS" \
    --server.port=$PORT --management.server.port=$MGMT \
    --proxy.security.jwt.secret="$SECRET" --proxy.security.jwt.audience=$AUDIENCE \
    --proxy.caller-limit.rate=5 --proxy.caller-limit.burst=20 > "$logf" 2>&1 &
  PID=$!
  deadline=$(( $(date +%s) + READY_TIMEOUT ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MGMT/actuator/health/readiness" 2>/dev/null || true)" = 200 ]; do
    if ! kill -0 "$PID" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      echo "sandbox did not become ready; log tail:" >&2; tail -n 40 "$logf" >&2; exit 1
    fi
    sleep 0.2
  done
  log "settings-screen, $label: warm-up ${WARMUP}, then $SS_USERS users x 2 views in ${SS_WINDOW} s"
  python3 bench/lib/settings_screen.py run --proxy "http://127.0.0.1:$PORT" \
    --emulator "http://127.0.0.1:$EMULATOR_PORT" --users "$SS_USERS" --window "$SS_WINDOW" --rows "$SS_ROWS" \
    --warmup "${WARMUP%s}" --audience $AUDIENCE --label "$label" --out "$OUT/raw/settings-screen-$mode.json"
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  PID=""
done

files=()
for mode in $SS_MODES; do files+=("$OUT/raw/settings-screen-$mode.json"); done
python3 bench/lib/settings_screen.py report "${files[@]}" > "$OUT/settings-screen.txt"
cat "$OUT/settings-screen.txt" >&2
log "settings-screen: ${OUT#"$ROOT"/}/settings-screen.txt"
