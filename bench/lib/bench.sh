# shellcheck shell=bash disable=SC2154,SC2034  # sourced: the globals it reads and sets are bench/run.sh's
# Shell pieces of bench/run.sh: tools, build, processes, nginx, proxies, paced load, RSS
# sampling, the quota crowd. Sourced by bench/run.sh, which sets the globals they use
# (ROOT, LIB, OUT, WORK, PIDS, APP, JAR, IMAGE_JAVA_OPTS, BENCH_JAVA_OPTS, COMMON_ARGS,
# READY_TIMEOUT, QUOTA_DUR, CROWD_TOKENS, STUB_DIR, the URLs and tokens).

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }

apt_install() { # package...: installs them with apt-get (updating the lists if that fails)
  log "installing $*"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y "$@" >/dev/null 2>&1 \
    || { $sudo apt-get update >/dev/null && $sudo apt-get install -y "$@" >/dev/null; }
}

# The jar (built into target-bench/ when absent), extracted as the image has it, with its
# class-data-sharing archive trained the way the Dockerfile trains it.
build_app() {
  if [ ! -f "$JAR" ]; then
    log "building $JAR"
    ./mvnw -B -q package -DskipTests -Dbuild.dir=target-bench
  fi
  if [ ! -f "$APP/app.jsa" ] || [ "$JAR" -nt "$APP/app.jsa" ] || [ src/main/docker/cds-training.args -nt "$APP/app.jsa" ]; then
    log "extracting the jar and training its class-data-sharing archive, as the Dockerfile does"
    rm -rf "$APP" "$APP.layers"
    java -Djarmode=tools -jar "$JAR" extract --layers --destination "$APP.layers" --application-filename app.jar >/dev/null
    mkdir -p "$APP"
    for layer in dependencies spring-boot-loader snapshot-dependencies application; do
      [ -d "$APP.layers/$layer" ] && cp -r "$APP.layers/$layer/." "$APP/"
    done
    rm -rf "$APP.layers"
    # The same training start as the Dockerfile's, from the same argument file.
    ( cd "$APP" && JAVA_TOOL_OPTIONS="$IMAGE_JAVA_OPTS" java -XX:ArchiveClassesAtExit=app.jsa \
        @"$ROOT/src/main/docker/cds-training.args" ) > "$OUT/cds-training.log" 2>&1 \
      || { echo "CDS training run failed:" >&2; tail -n 30 "$OUT/cds-training.log" >&2; exit 1; }
  fi
}

cleanup() { # the EXIT trap: stops every process in PIDS, keeps the proxy logs' tails
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

ports_free() { # port...: exits if one is taken
  local p
  for p in "$@"; do
    if (exec 3<>/dev/tcp/127.0.0.1/"$p") 2>/dev/null; then echo "port $p already in use" >&2; exit 1; fi
  done
}

start_nginx() { # name conf-template KEY=VALUE...: bench/nginx/<template> with @KEY@ replaced
  local dir=$WORK/$1 template=$ROOT/bench/nginx/$2 kv sed_args=()
  shift 2
  for kv in "$@"; do sed_args+=(-e "s|@${kv%%=*}@|${kv#*=}|g"); done
  mkdir -p "$dir/logs" "$dir/tmp"
  cp "$ROOT/bench/nginx/common-http.conf" "$dir/"
  sed "${sed_args[@]}" "$template" > "$dir/nginx.conf"
  "$NGINX" -p "$dir" -c "$dir/nginx.conf" -t -q 2>>"$dir/logs/stderr" || { cat "$dir/logs/stderr" >&2; exit 1; }
  "$NGINX" -p "$dir" -c "$dir/nginx.conf" >>"$dir/logs/stderr" 2>&1 &
  PIDS+=($!)
}

http_code() { curl -s -o /dev/null -w '%{http_code}' "$@" 2>/dev/null || true; }
is_200() { [ "$(http_code "$@")" = 200 ]; }

wait_http() { # url seconds -> 0 when 200
  local url=$1 deadline=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    is_200 "$url" && return 0
    sleep 0.05
  done
  return 1
}

wait_for() { # seconds what command...: runs command every 0.1 s until it succeeds, else exits
  local deadline=$(( $(date +%s) + $1 )) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "$what did not start" >&2; exit 1; }
    sleep 0.1
  done
}

start_proxy() { # logfile port mgmt extra-args... ; sets PROXY_PID, READY_MS
  local logf=$1 port=$2 mgmt=$3; shift 3
  local t0; t0=$(date +%s%N)
  ( cd "$APP" && exec env JAVA_TOOL_OPTIONS="$IMAGE_JAVA_OPTS" java "${BENCH_JAVA_OPTS[@]}" \
      -XX:SharedArchiveFile=app.jsa -jar app.jar --server.port="$port" --management.server.port="$mgmt" \
      "${COMMON_ARGS[@]}" "$@" ) > "$logf" 2>&1 &
  PROXY_PID=$!
  PIDS+=("$PROXY_PID")
  local deadline=$(( $(date +%s) + READY_TIMEOUT ))
  until [ "$(http_code "http://127.0.0.1:$mgmt/actuator/health/readiness")" = 200 ]; do
    if ! kill -0 "$PROXY_PID" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      echo "proxy on :$port did not become ready; log tail:" >&2; tail -n 40 "$logf" >&2; exit 1
    fi
    sleep 0.02
  done
  READY_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}

sanity() { # name status curl-args...: one call through the proxy must answer status
  local name=$1 want=$2 code; shift 2
  code=$(curl -s -o "$OUT/raw/sanity-$name.txt" -w '%{http_code}' "$@")
  [ "$code" = "$want" ] || { echo "proxy ${name^^} sanity check answered $code: $(cat "$OUT/raw/sanity-$name.txt")" >&2; exit 1; }
}

rss_mb() { echo $(( $(ps -o rss= -p "$1" | tr -d ' ') / 1024 )); }

# paced NAME RATE DUR hey-args... : RATE/50 hey processes, one connection and 50 requests/s
# each, started 1/RATE s apart, so that requests arrive evenly, as from many independent
# clients. (A single `hey -c N -q R` starts all its workers on the same tick, so its
# requests arrive in bursts of N.) Writes raw/NAME.txt, a summary of every answer.
paced() {
  local name=$1 rate=$2 dur=$3; shift 3
  local n=$(( rate / 50 )) gap pids=() i
  gap=$(awk -v r="$rate" 'BEGIN { printf "%.6f", 1.0 / r }')
  mkdir -p "$WORK/csv"
  for i in $(seq 1 $n); do
    hey -z "$dur" -c 1 -q 50 -o csv "$@" > "$WORK/csv/$name.$i.csv" 2>&1 &
    pids+=($!)
    sleep "$gap"
  done
  wait "${pids[@]}" || true
  python3 "$LIB/summary.py" "$WORK/csv" "$name" "$n" "${dur%s}" > "$OUT/raw/$name.txt"
  rm -f "$WORK/csv/$name".*.csv
}

rss_sampler() { # pid file: keeps the peak RSS in file until sampler_done
  ( peak=0; while kill -0 "$1" 2>/dev/null; do r=$(rss_mb "$1"); [ "$r" -gt "$peak" ] && peak=$r && echo $peak > "$2"; sleep 0.5; done ) &
  SAMPLER=$!
}
sampler_done() { # file: stops the sampler, raises RSS_PEAK to its peak
  kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true
  local r; r=$(cat "$1" 2>/dev/null || echo 0)
  r=${r:-0}   # stopped while writing the file
  if [ "$r" -gt "$RSS_PEAK" ]; then RSS_PEAK=$r; fi
}

target_args() { # target -> sets URL and HDR
  case $1 in
    direct) URL=$D_URL; HDR=();;
    nginx)  URL=$N_URL; HDR=();;
    proxy)  URL=$P_URL; HDR=(-H "$AUTH_U");;
  esac
}

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
  python3 "$LIB/quota.py" "$WORK/qcsv" "$STUB_DIR/logs/access.log" "$t0" "$t1" "$label" > "$outfile"
  cat "$outfile" >&2
}

start_redis() { # port: a throw-away redis-server (installed when missing)
  command -v redis-server >/dev/null || apt_install redis-server
  redis-server --port "$1" --bind 127.0.0.1 --save "" --appendonly no > "$WORK/redis.log" 2>&1 &
  PIDS+=($!)
  wait_for 10 redis-server redis-cli -p "$1" ping
}

store_mode() { # mgmt-port: the rate-limit store's mode in the proxy's readiness (shared, local...)
  curl -s "http://127.0.0.1:$1/actuator/health/readiness" | python3 "$LIB/store_mode.py" 2>/dev/null || echo unknown
}

ceiling_sampler() { # pid mgmt-port file: the get-language ceiling gauge every second; sets SAMPLER
  ( while kill -0 "$1" 2>/dev/null; do
      printf '%s %s\n' "$(date +%s.%N)" "$(curl -s "http://127.0.0.1:$2/actuator/prometheus" \
        | awk '/^agora_ratelimit_ceiling\{.*operation="get-language"/ {print $2}')"
      sleep 1
    done ) > "$3" 2>/dev/null &
  SAMPLER=$!
}
