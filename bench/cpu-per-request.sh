#!/usr/bin/env bash
# CPU per forwarded request of the proxy beside an nginx reverse proxy's for the same hop,
# both read from /proc (utime + stime) in the same run, at fixed paced rates; with the
# added p50/p99 latency of each against a direct call to the upstream stub, the CPU model
# and the load average. Everything listens on 127.0.0.1 (ports 18280-18299).
#
#   bash bench/cpu-per-request.sh                     # RATES="200 1000" DUR=20 WARMUP=60, ~5 minutes
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bash bench/cpu-per-request.sh
#   JAVA_OPTS="-XX:+UseCompactObjectHeaders" APP_ARGS="--spring.threads.virtual.enabled=true" bash bench/cpu-per-request.sh
#   SERVER=jetty bash bench/cpu-per-request.sh       # the same proxy on Jetty (built with -Pjetty)
#   REJECTIONS=1 bash bench/cpu-per-request.sh        # also the 400 and 429 answers at 1,000 rps
#   PROFILE=1 bash bench/cpu-per-request.sh           # also a CPU flame graph at PROFILE_RATE (async-profiler)
#
# Environment:
#   RATES        paced rates, requests/s, multiples of 50 (default "200 1000")
#   DUR          seconds of each measured run (default 20)
#   WARMUP       at least this many seconds of warm-up at WARMUP_RATE (default 1000) rps through
#                the proxy (default 60), then on in 10 s rounds until the JIT compiler threads use
#                under 2% of a core (at most WARMUP_MAX, default 300); then RATE_WARMUP seconds
#                (default 10) at each rate before it is measured. The JIT compiles the request path
#                for minutes: the table's last column says how much of the CPU per request was
#                still the JIT compiler threads'
#   JAVA_HOME    the JDK/JRE that runs the proxy (default: java on the PATH); the CDS archive
#                is trained per Java version, as the Dockerfile does
#   JAVA_OPTS    extra JVM flags, after the image's (-XX:+UseSerialGC -XX:MaxRAMPercentage=75
#                -XX:+ExitOnOutOfMemoryError) and the chart's limit (-XX:MaxRAM=512m)
#   IMAGE_JAVA_OPTS  replaces the image's flags (to try another collector, say)
#   APP_ARGS     extra --name=value arguments for the proxy
#   CDS          1 (default): start with the trained CDS archive as the image does; 0: plain jar;
#                aot: a Java 25 AOT cache (-XX:AOTCache) trained the same way
#   SERVER       tomcat (default) or jetty
#   BUILD_DIR    the build folder of the jar (default target-bench, target-bench-jetty for
#                Jetty); it is built there with -Dbuild.dir when absent, so two builds of
#                different commits can be measured one after the other
#   OUT          directory for the raw files (default: a temporary one, removed at the end)
#
# The load is rate / 50 `hey` processes, each one connection at 50 requests/s, started
# 1 / rate seconds apart (paced, as from independent clients). The proxy's and nginx's CPU
# are their own processes' only; `hey` runs on the same two cores.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=${ROOT:-$(cd "$HERE/.." && pwd)}   # the repository (its jar, its build folders)
. "$HERE/perf/common.sh"

RATES=${RATES:-200 1000}
DUR=${DUR:-20}
WARMUP=${WARMUP:-60}
RATE_WARMUP=${RATE_WARMUP:-10}
SERVER=${SERVER:-tomcat}
CDS=${CDS:-1}
STUB=18281 PEER=18282 PROXY=18280 MGMT=18290

perf_tools
perf_build "$SERVER"
perf_workdir
perf_nginx_stub_and_peer $STUB $PEER
perf_tokens

printf '# CPU per request: %s\n' "$(perf_machine)"
printf '# java: %s; server: %s; CDS: %s; JAVA_OPTS: %s; APP_ARGS: %s\n' "$(perf_java_version)" "$SERVER" "$CDS" \
  "${JAVA_OPTS:-}" "${APP_ARGS:-}"
perf_start_proxy $PROXY $MGMT --agora.rate-limit.delete-template=2 ${APP_ARGS:-}
printf '# proxy ready in %s ms (%s ms of CPU), RSS %s MB\n' "$READY_MS" "$READY_CPU_MS" "$(perf_rss_mb "$PROXY_PID")"

url=http://127.0.0.1:$PROXY/v1/users/alice/push/language
peer=http://127.0.0.1:$PEER/bench/app/users/alice/notification/language
direct=http://127.0.0.1:$STUB/bench/app/users/alice/notification/language
if [ "$WARMUP" != 0 ]; then
  took=$(RATE=${WARMUP_RATE:-1000} perf_warm "$PROXY_PID" "$WARMUP" "${WARMUP_MAX:-300}" -H "$AUTH_U" "$url")
  printf '# warmed up for %s s at %s rps (until the JIT threads used under 2%% of a core for 10 s)\n' "$took" "${WARMUP_RATE:-1000}"
fi
printf '# proxy CPU when idle, after warm-up: %s ms per second\n' "$(perf_idle "$PROXY_PID" 5)"

printf '\n| rate rps | proxy µs CPU/req | nginx µs CPU/req | ratio | added p50 ms proxy / nginx | added p99 ms proxy / nginx | proxy 200s | loadavg | of which JIT µs |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---|---:|\n'
for rate in $RATES; do
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  RATE=$rate perf_paced "$DUR" direct-$rate "$direct" >/dev/null
  [ "$RATE_WARMUP" = 0 ] || RATE=$rate perf_paced "$RATE_WARMUP" warmup-$rate -H "$AUTH_U" "$url" >/dev/null
  read -r p_us p_n p_jit < <(RATE=$rate perf_measure "$PROXY_PID" "$DUR" proxy-$rate -H "$AUTH_U" "$url")
  read -r n_us _ < <(RATE=$rate perf_measure "$NGINX_WORKER" "$DUR" nginx-$rate "$peer")
  python3 "$HERE/perf/rows.py" rate "$WORK" "$rate" "$p_us" "$n_us" "$p_n" "$load" "$p_jit"
done

if [ "${REJECTIONS:-0}" = 1 ]; then
  printf '\n| answer at 1000 rps | proxy µs CPU/req | p50 ms | p99 ms | status codes |\n|---|---:|---:|---:|---|\n'
  for spec in "400 invalid user id|GET|http://127.0.0.1:$PROXY/v1/users/al%21ce/push/language|$AUTH_U" \
      "429 delete-template budget 2/s|DELETE|http://127.0.0.1:$PROXY/v1/push/templates/x|$AUTH_A"; do
    IFS='|' read -r label method target auth <<<"$spec"
    name=rej-${label%% *}
    [ "$RATE_WARMUP" = 0 ] || RATE=1000 STATUS=any perf_paced "$RATE_WARMUP" "warmup-$name" -m "$method" -H "$auth" "$target" >/dev/null
    read -r r_us _ < <(RATE=1000 STATUS=any perf_measure "$PROXY_PID" "$DUR" "$name" -m "$method" -H "$auth" "$target")
    python3 "$HERE/perf/rows.py" rejection "$WORK" "$name" "$label" "$r_us"
  done
fi

# before the profiler, whose own buffers would count
printf '\n# proxy RSS after the measured runs %s MB\n' "$(perf_rss_mb "$PROXY_PID")"
if [ "${PROFILE:-0}" = 1 ]; then
  PROFILE_RATE=${PROFILE_RATE:-1000}
  perf_profile "$PROXY_PID" "$PROFILE_RATE" "$DUR" -H "$AUTH_U" "$url"
fi
printf '\n# proxy RSS at the end %s MB; loadavg %s\n' "$(perf_rss_mb "$PROXY_PID")" "$(cat /proc/loadavg)"
