#!/usr/bin/env bash
# CPU per forwarded request with tracing off, on (Boot's default sampling 0.1, no exporter)
# and on with every trace sampled, beside an nginx reverse proxy's for the same hop, all
# from /proc in one run. Everything listens on 127.0.0.1 (ports 18180-18190).
#
#   bash bench/tracing-cpu.sh        # RATE=500 DUR=20 WARMUP=10 by default; about 3 minutes
#
# Environment: RATE (requests/s, a multiple of 50), DUR (seconds measured per configuration),
# WARMUP (seconds at RATE before each), CDS (0 by default: the plain jar, JIT still busy after
# the short warm-up; 1 or aot as in bench/cpu-per-request.sh), JAVA_HOME, JAVA_OPTS, OUT.
# The proxy starts, the nginx stub and peer, tokens and the paced load are bench/perf/common.sh's,
# the same as bench/cpu-per-request.sh's.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=${ROOT:-$(cd "$HERE/.." && pwd)}
. "$HERE/perf/common.sh"

RATE=${RATE:-500}
DUR=${DUR:-20}
WARMUP=${WARMUP:-10}
CDS=${CDS:-0}
STUB=18181 PEER=18182 PROXY=18180 MGMT=18190

perf_tools
perf_build tomcat
perf_workdir
perf_nginx_stub_and_peer $STUB $PEER
perf_tokens

url=http://127.0.0.1:$PROXY/v1/users/alice/push/language
peer=http://127.0.0.1:$PEER/bench/app/users/alice/notification/language
printf 'CPU: %s; java %s; %s requests/s paced for %s s; GET forwarded to an nginx stub\n' \
  "$(perf_machine)" "$(perf_java_version)" "$RATE" "$DUR"
printf '| configuration | proxy µs CPU/request | nginx hop µs CPU/request | ratio | requests (200) |\n|---|---:|---:|---:|---:|\n'
for config in "tracing off:--management.tracing.enabled=false" "tracing on, sampling 0.1 (default):" \
    "tracing on, every trace sampled:--management.tracing.sampling.probability=1.0"; do
  label=${config%%:*}; extra=${config#*:}
  # shellcheck disable=SC2086  # extra is one argument or none
  perf_start_proxy $PROXY $MGMT $extra
  [ "$WARMUP" = 0 ] || perf_paced "$WARMUP" warmup -H "$AUTH_U" "$url" >/dev/null
  read -r proxy_us proxy_n _ < <(perf_measure "$PROXY_PID" "$DUR" proxy -H "$AUTH_U" "$url")
  read -r nginx_us _ < <(perf_measure "$NGINX_WORKER" "$DUR" nginx "$peer")
  awk -v l="$label" -v p="$proxy_us" -v n="$nginx_us" -v c="$proxy_n" \
    'BEGIN { printf "| %s | %d | %d | %.1fx | %d |\n", l, p, n, p / (n > 0 ? n : 1), c }'
  kill "$PROXY_PID"; wait "$PROXY_PID" 2>/dev/null || true
done
