#!/usr/bin/env bash
# redis.sh start|stop|status: redis-server from Debian's packages on 127.0.0.1, in memory only.
source "$(dirname "$0")/lib.sh"
dir="$RUN_DIR/redis"
url="redis://$HOST:$REDIS_PORT"

start() {
  if is_running redis; then log "redis: already running (pid $(cat "$dir/pid")) at $url"; echo "REDIS_URL=$url"; return; fi
  command -v redis-server >/dev/null || "$REPO_ROOT/infra/local/install.sh"
  rm -rf "$dir" && mkdir -p "$dir"
  # Not daemonized, so that $! is the server's own pid and we stop exactly what we started.
  nohup redis-server --bind "$HOST" --port "$REDIS_PORT" --save '' --appendonly no --dir "$dir" >"$dir/out.log" 2>&1 &
  echo $! >"$dir/pid"
  wait_ready redis 30 redis-cli -h "$HOST" -p "$REDIS_PORT" ping
  log "redis: ready at $url (pid $(cat "$dir/pid"))"
  echo "REDIS_URL=$url"
}

case "${1:-}" in
  start) start ;;
  stop) stop_service redis ;;
  status) if is_running redis && redis-cli -h "$HOST" -p "$REDIS_PORT" ping >/dev/null 2>&1; then echo "redis: up at $url"; else echo "redis: down"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
