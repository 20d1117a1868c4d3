# Shared by the infra/local scripts. Everything lives under $COPYDESK_LOCAL (default <repo>/.local):
# lib/ holds the jars, run/<service>/ the data, log and pid of one running service.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="${COPYDESK_LOCAL:-$REPO_ROOT/.local}"
LIB_DIR="$LOCAL_DIR/lib"
RUN_DIR="$LOCAL_DIR/run"
HOST=127.0.0.1
KAFKA_PORT="${COPYDESK_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${COPYDESK_KAFKA_CONTROLLER_PORT:-19093}"
S3_PORT="${COPYDESK_S3_PORT:-19000}"
REDIS_PORT="${COPYDESK_REDIS_PORT:-16379}"
S3_ACCESS_KEY="${COPYDESK_S3_ACCESS_KEY:-copydesk}"
S3_SECRET_KEY="${COPYDESK_S3_SECRET_KEY:-copydesk-secret}"
JAVA="${JAVA:-java}"

log() { printf '[infra/local] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# is_running <service>: true when the pid file names a live process that we started.
is_running() {
  local pidfile="$RUN_DIR/$1/pid"
  [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

# stop_service <service>: stop by pid (never by name), TERM then KILL after a grace period.
stop_service() {
  local name="$1" pidfile="$RUN_DIR/$1/pid" pid i
  if ! is_running "$name"; then rm -f "$pidfile"; log "$name: not running"; return 0; fi
  pid="$(cat "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "$name: did not stop in 30 s, killing $pid"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$pidfile"
  log "$name: stopped (pid $pid)"
}

# wait_ready <service> <seconds> <command...>: run the probe until it succeeds or time runs out.
wait_ready() {
  local name="$1" secs="$2"; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    is_running "$name" || die "$name exited during start-up; last log lines:$(printf '\n'; tail -n 30 "$RUN_DIR/$name/out.log" 2>/dev/null)"
    ((SECONDS < deadline)) || die "$name did not answer within ${secs}s; see $RUN_DIR/$name/out.log"
    sleep 0.5
  done
}

probe() { node "$REPO_ROOT/infra/local/probe.mjs" "$@"; }
