# shellcheck shell=bash disable=SC2034  # sourced: the variables it sets are the caller's
# Shared pieces of bench/cpu-per-request.sh and bench/tracing-cpu.sh: tools, build, nginx stub and peer, tokens,
# starting the proxy as the image does, paced load, CPU from /proc, the profiler. Sourced.

perf_tools() {
  for t in hey python3 curl; do command -v $t >/dev/null || { echo "missing $t (bench/run.sh installs it)" >&2; exit 1; }; done
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
  [ -x "$NGINX" ] || { echo "missing nginx (bench/run.sh installs nginx-light)" >&2; exit 1; }
  JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
  "$JAVA" -version >/dev/null 2>&1 || { echo "no java at $JAVA" >&2; exit 1; }
  HZ=$(getconf CLK_TCK)
}

perf_java_version() { "$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}'; }
perf_machine() {
  printf '%s, %s cores, loadavg %s' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$(nproc)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
}

# The jar (target-bench for Tomcat, target-bench-jetty for Jetty), extracted as the image has
# it, with a CDS archive (or AOT cache) trained per Java version the way the Dockerfile does.
perf_build() { # server
  local server=$1 dir=${BUILD_DIR:-target-bench} profile=""
  [ "$server" = jetty ] && { dir=${BUILD_DIR:-target-bench-jetty}; profile=-Pjetty; }
  JAR=$ROOT/$dir/agora-push-proxy-0.1.0-SNAPSHOT.jar
  [ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dbuild.dir=$dir $profile ${profile:+-Dmaven.test.skip=true})
  local ver; ver=$(perf_java_version)
  # an archive holds what the flags it was made with allow (compact headers, the collector)
  ver=$ver-$(printf '%s %s' "$IMAGE_JAVA_OPTS" "${JAVA_OPTS:-}" | cksum | cut -d' ' -f1)
  APP=$ROOT/$dir/cpu-app
  if [ ! -f "$APP/app.jar" ] || [ "$JAR" -nt "$APP/app.jar" ]; then
    rm -rf "$APP" "$APP.layers"
    "$JAVA" -Djarmode=tools -jar "$JAR" extract --layers --destination "$APP.layers" --application-filename app.jar >/dev/null
    mkdir -p "$APP"
    for layer in dependencies spring-boot-loader snapshot-dependencies application; do
      [ -d "$APP.layers/$layer" ] && cp -r "$APP.layers/$layer/." "$APP/"
    done
    rm -rf "$APP.layers"
  fi
  CDS_FLAGS=()
  case "$CDS" in
    1) CDS_FILE=$APP/app-$ver.jsa; CDS_FLAGS=(-XX:SharedArchiveFile="$CDS_FILE")
       [ -f "$CDS_FILE" ] || perf_train -XX:ArchiveClassesAtExit="$CDS_FILE" ;;
    aot) CDS_FILE=$APP/app-$ver.aot; CDS_FLAGS=(-XX:AOTCache="$CDS_FILE")
       [ -f "$CDS_FILE" ] || perf_train -XX:AOTCacheOutput="$CDS_FILE" ;;
  esac
}
perf_train() { # flag: the Dockerfile's training start (the context refreshes, then exits)
  # shellcheck disable=SC2086
  ( cd "$APP" && JAVA_TOOL_OPTIONS="$IMAGE_JAVA_OPTS" "$JAVA" ${JAVA_OPTS:-} "$1" -Dspring.context.exit=onRefresh -jar app.jar \
      --agora.base-url=https://127.0.0.1:9 --agora.org-name=cds --agora.app-name=cds \
      --agora.app-id=00000000000000000000000000000000 --agora.app-certificate=00000000000000000000000000000000 \
      --proxy.security.jwt.secret=cds-training-only-0000000000000000000000 ) > "$APP/training.log" 2>&1 \
    || { echo "training run failed:" >&2; tail -n 30 "$APP/training.log" >&2; exit 1; }
}
IMAGE_JAVA_OPTS=${IMAGE_JAVA_OPTS:--XX:+UseSerialGC -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError}

perf_workdir() {
  if [ -n "${OUT:-}" ]; then mkdir -p "$OUT"; WORK=$OUT; KEEP=1; else WORK=$(mktemp -d /tmp/pushproxy-cpu.XXXXXX); KEEP=0; fi
  PIDS=()
  # shellcheck disable=SC2154  # p is the trap's own loop variable
  trap 'for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; sleep 0.5;
        for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done;
        [ "$KEEP" = 1 ] || rm -rf "$WORK"' EXIT
  cp "$HERE/perf/perfstats.py" "$WORK/"
}

perf_nginx() { # name port-unused body
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
  "$NGINX" -p "$WORK/$1" -c "$WORK/$1/nginx.conf" 2>>"$WORK/$1/logs/start.log" & PIDS+=($!)
}
perf_nginx_stub_and_peer() { # stub-port peer-port
  perf_nginx stub "$1" "server { listen 127.0.0.1:$1; default_type application/json;
    location / { return 200 '{\"data\":{\"language\":\"en\"}}'; } }"
  perf_nginx peer "$2" "upstream stub { server 127.0.0.1:$1; keepalive 64; }
    server { listen 127.0.0.1:$2; location / { proxy_pass http://stub; proxy_http_version 1.1;
    proxy_set_header Connection \"\"; } }"
  local i
  for i in $(seq 50); do [ -f "$WORK/peer/nginx.pid" ] && break; sleep 0.1; done
  NGINX_WORKER=$(pgrep -P "$(cat "$WORK/peer/nginx.pid")" | head -1)
  STUB_PORT=$1
}

perf_tokens() {
  SECRET=bench-secret-0123456789abcdef0123456789abcdef
  AUTH_U="Authorization: Bearer $(SECRET=$SECRET python3 "$HERE/lib/tokens.py" '{"sub":"alice"}')"
  AUTH_A="Authorization: Bearer $(SECRET=$SECRET python3 "$HERE/lib/tokens.py" '{"sub":"bench-admin","scope":"push:admin"}')"
}

perf_start_proxy() { # port mgmt extra-args... ; sets PROXY_PID, READY_MS
  local port=$1 mgmt=$2; shift 2
  local t0; t0=$(date +%s%N)
  # shellcheck disable=SC2086
  ( cd "$APP" && exec env JAVA_TOOL_OPTIONS="$IMAGE_JAVA_OPTS" "$JAVA" -XX:MaxRAM=512m "${CDS_FLAGS[@]}" ${JAVA_OPTS:-} \
      -jar app.jar --server.port=$port --management.server.port=$mgmt \
      --agora.base-url=http://127.0.0.1:$STUB_PORT --agora.org-name=bench --agora.app-name=app \
      --agora.app-id=970CA35de60c44645bbae8a215061b33 --agora.app-certificate=5CFd2fd1755d40ecb72977518be15d3b \
      --proxy.security.jwt.secret=$SECRET --proxy.allow-insecure-http=true \
      --agora.rate-limit.get-language=100000 --proxy.caller-limit.rate=100000 --proxy.caller-limit.burst=100000 \
      --proxy.cache.ttl="${CACHE_TTL:-PT0S}" \
      "$@" ) > "$WORK/proxy.log" 2>&1 &
  PROXY_PID=$!; PIDS+=("$PROXY_PID")
  local deadline=$(( $(date +%s) + ${READY_TIMEOUT:-240} ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$mgmt/actuator/health/readiness" 2>/dev/null || true)" = 200 ]; do
    if ! kill -0 "$PROXY_PID" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      echo "proxy did not become ready; log tail:" >&2; tail -n 40 "$WORK/proxy.log" >&2; exit 1
    fi
    sleep 0.02
  done
  READY_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
  # CPU spent getting ready: other load on the machine moves it less than the wall time
  READY_CPU_MS=$(( $(perf_ticks "$PROXY_PID") * 1000 / HZ ))
}
perf_idle() { # pid seconds -> ms of CPU per second with no load
  local before after; before=$(perf_ticks "$1"); sleep "$2"; after=$(perf_ticks "$1")
  python3 -c "print(f'{($after - $before) / $HZ * 1000 / $2:.1f}')"
}
perf_rss_mb() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }

perf_paced() { # seconds name hey-args... url : RATE/50 single-connection hey processes at 50 req/s,
  # started 1/RATE s apart; each writes $WORK/<name>.<i>.csv; prints the answers counted (200s, or all if STATUS=any)
  local dur=$1 name=$2; shift 2
  local n=$(( RATE / 50 )) pids=() gap i
  gap=$(python3 -c "print(1.0 / $RATE)")
  rm -f "$WORK/$name".*.csv
  for i in $(seq 1 $n); do
    hey -z "${dur}s" -c 1 -q 50 -o csv "$@" > "$WORK/$name.$i.csv" 2>/dev/null & pids+=($!); sleep "$gap"
  done
  wait "${pids[@]}"
  python3 -c "import sys; sys.path.insert(0, '$WORK'); from perfstats import count; print(count('$WORK', '$name', '${STATUS:-200}'))"
}
perf_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime + stime, clock ticks
perf_jit_ticks() { # utime + stime of the JIT compiler threads (C1, C2) of a JVM
  python3 -c "import glob
t = 0
for f in glob.glob('/proc/$1/task/*/stat'):
    try: s = open(f).read()
    except OSError: continue
    comm, rest = s[s.index('(') + 1:s.rindex(')')], s[s.rindex(')') + 2:].split()
    if 'CompilerThre' in comm: t += int(rest[11]) + int(rest[12])
print(t)"
}
perf_warm() { # pid min-seconds max-seconds hey-args... : paced load at RATE in 10 s rounds, at least
  # min-seconds, until the JIT compiler threads used under 2% of a core in a round (or max-seconds);
  # prints the seconds it took
  local pid=$1 min=$2 max=$3 t=0 j0 j1; shift 3
  while :; do
    j0=$(perf_jit_ticks "$pid"); perf_paced 10 warmup "$@" >/dev/null; j1=$(perf_jit_ticks "$pid"); t=$((t + 10))
    if [ "$t" -ge "$max" ] || { [ "$t" -ge "$min" ] && [ $(( (j1 - j0) * 100 / HZ )) -lt 20 ]; }; then break; fi
  done
  echo "$t"
}
perf_measure() { # pid seconds name hey-args... -> "µs CPU per answer, answers, of which µs in JIT threads"
  local pid=$1; shift
  local before after n jit0 jit1
  before=$(perf_ticks "$pid"); jit0=$(perf_jit_ticks "$pid")
  n=$(perf_paced "$@")
  after=$(perf_ticks "$pid"); jit1=$(perf_jit_ticks "$pid")
  python3 -c "n = max($n, 1); print(f'{($after - $before) / $HZ * 1e6 / n:.0f} {$n} {($jit1 - $jit0) / $HZ * 1e6 / n:.0f}')"
}

# async-profiler from Maven Central (tools.profiler:async-profiler, its linux-x64 library),
# loaded into the running proxy with jcmd; a collapsed-stack profile over a paced run,
# turned into a small SVG by bench/perf/flamegraph.py.
perf_profile() { # pid rate seconds hey-args... url
  local pid=$1 rate=$2 dur=$3; shift 3
  local ver=${AP_VERSION:-4.2} m2=${HOME}/.m2/repository/tools/profiler/async-profiler
  local jar=$m2/$ver/async-profiler-$ver.jar
  [ -f "$jar" ] || (cd "$ROOT" && ./mvnw -B -q dependency:get -Dartifact=tools.profiler:async-profiler:$ver -Dtransitive=false)
  mkdir -p "$WORK/ap" && (cd "$WORK/ap" && unzip -o -q "$jar" linux-x64/libasyncProfiler.so)
  local lib=$WORK/ap/linux-x64/libasyncProfiler.so out=${PROFILE_OUT:-$WORK/profile}
  "$JAVA" "$HERE/perf/Attach.java" "$pid" "$lib" "start,event=cpu,interval=1ms" >/dev/null
  read -r us n _ < <(RATE=$rate perf_measure "$pid" "$dur" profiled "$@")
  "$JAVA" "$HERE/perf/Attach.java" "$pid" "$lib" "stop,file=$out.collapsed,collapsed" >/dev/null
  python3 "$HERE/perf/flamegraph.py" --title "proxy CPU at $rate rps paced: $us µs/request ($(perf_java_version))" \
    --minwidth "${MINWIDTH:-0.25}" "$out.collapsed" > "$out.svg"
  printf '\n# profile at %s rps: %s µs CPU/request over %s answers (profiler on); %s.svg, %s.collapsed\n' \
    "$rate" "$us" "$n" "$out" "$out"
}
