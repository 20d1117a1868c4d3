#!/usr/bin/env bash
# s3proxy.sh start|stop|status: S3Proxy (Apache-2.0), an S3-compatible server, on 127.0.0.1 with
# a filesystem backend under .local/run/s3proxy, accepting AWS SigV4 (what @aws-sdk/client-s3 sends).
source "$(dirname "$0")/lib.sh"
dir="$RUN_DIR/s3proxy"
endpoint="http://$HOST:$S3_PORT"

start() {
  if is_running s3proxy; then log "s3proxy: already running (pid $(cat "$dir/pid")) at $endpoint"; echo "S3_ENDPOINT=$endpoint"; return; fi
  [[ -d "$LIB_DIR/s3proxy" ]] || "$REPO_ROOT/infra/local/install.sh"
  # Objects survive a stop and start (an outage test restarts the server); COPYDESK_FRESH=1 wipes them.
  [[ "${COPYDESK_FRESH:-0}" == 1 ]] && rm -rf "$dir"
  mkdir -p "$dir/data"
  cat >"$dir/s3proxy.properties" <<PROPS
s3proxy.endpoint=$endpoint
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$dir/data
PROPS
  cat >"$dir/logback.xml" <<'LOG'
<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d %level %logger{20} %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="STDOUT"/></root>
</configuration>
LOG
  # C1 only and the serial collector: a development server's runs are short, and with the default
  # C2 the JIT's own work doubled S3Proxy's CPU over its first ~10,000 PutObjects (6.6 s against
  # 3.3 s for 3,200 puts of 10 KB here); C1's steady state costs ~0.7 ms per put against ~0.55.
  # shellcheck disable=SC2086 # word splitting of the options is intended
  nohup "$JAVA" -Xms64m -Xmx${COPYDESK_S3_HEAP:-512m} ${COPYDESK_S3_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -Djava.awt.headless=true -Dlogback.configurationFile="$dir/logback.xml" \
    -cp "$LIB_DIR/s3proxy/*" org.gaul.s3proxy.Main --properties "$dir/s3proxy.properties" >"$dir/out.log" 2>&1 &
  echo $! >"$dir/pid"
  wait_ready s3proxy "${COPYDESK_START_TIMEOUT:-90}" probe s3 "$endpoint" "$S3_ACCESS_KEY" "$S3_SECRET_KEY"
  log "s3proxy: ready at $endpoint (pid $(cat "$dir/pid"), access key $S3_ACCESS_KEY)"
  echo "S3_ENDPOINT=$endpoint"
}

case "${1:-}" in
  start) start ;;
  stop) stop_service s3proxy ;;
  status) if is_running s3proxy && probe s3 "$endpoint" "$S3_ACCESS_KEY" "$S3_SECRET_KEY"; then echo "s3proxy: up at $endpoint"; else echo "s3proxy: down"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
