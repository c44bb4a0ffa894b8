#!/usr/bin/env bash
# Time to ready of the proxy started as the image starts it: wall time from launching `java`
# to the first 200 from /actuator/health/readiness, and the CPU the process spent by then
# (utime + stime from /proc, which other load on the machine moves less than the wall time),
# over several starts. Listens on 127.0.0.1 (ports 18480-18491).
#
#   bash bench/start-up.sh                             # 5 starts, Java on the PATH, CDS archive
#   CDS=0 bash bench/start-up.sh                       # the plain jar
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 CDS=aot bash bench/start-up.sh   # a Java 25 AOT cache
#
# Environment: STARTS (default 5), and JAVA_HOME, JAVA_OPTS, IMAGE_JAVA_OPTS, CDS (1, 0 or aot),
# BUILD_DIR, OUT as in bench/cpu-per-request.sh (bench/perf/common.sh trains the archive).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=${ROOT:-$(cd "$HERE/.." && pwd)}
. "$HERE/perf/common.sh"

STARTS=${STARTS:-5}
CDS=${CDS:-1}
STUB=18481 PEER=18482 PROXY=18480 MGMT=18490

perf_tools
perf_build tomcat
perf_workdir
perf_nginx_stub_and_peer $STUB $PEER

printf '# start-up: %s; java %s; CDS: %s; JAVA_OPTS: %s\n' "$(perf_machine)" "$(perf_java_version)" "$CDS" "${JAVA_OPTS:-}"
printf '| start | ready ms (wall) | CPU ms to ready | RSS MB at ready | loadavg |\n|---:|---:|---:|---:|---|\n'
walls=() cpus=()
for i in $(seq 1 "$STARTS"); do
  SECRET=start-up-secret-0123456789abcdef0123456789 perf_start_proxy $PROXY $MGMT
  printf '| %s | %s | %s | %s | %s |\n' "$i" "$READY_MS" "$READY_CPU_MS" "$(perf_rss_mb "$PROXY_PID")" "$(cut -d' ' -f1-3 /proc/loadavg)"
  walls+=("$READY_MS"); cpus+=("$READY_CPU_MS")
  kill "$PROXY_PID"; wait "$PROXY_PID" 2>/dev/null || true
  sleep 1
done
python3 -c "import statistics as s; w=[int(x) for x in '${walls[*]}'.split()]; c=[int(x) for x in '${cpus[*]}'.split()]; print(f'median: ready {s.median(w):.0f} ms wall, {s.median(c):.0f} ms of CPU')"
