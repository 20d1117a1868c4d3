#!/usr/bin/env bash
# kafka.sh start|stop|status: a single-node Apache Kafka 4.x (KRaft, combined broker and
# controller) on 127.0.0.1, data in a fresh folder under .local/run/kafka.
source "$(dirname "$0")/lib.sh"
dir="$RUN_DIR/kafka"
brokers="$HOST:$KAFKA_PORT"

start() {
  if is_running kafka; then log "kafka: already running (pid $(cat "$dir/pid")) on $brokers"; echo "KAFKA_BROKERS=$brokers"; return; fi
  [[ -d "$LIB_DIR/kafka" ]] || "$REPO_ROOT/infra/local/install.sh"
  rm -rf "$dir" && mkdir -p "$dir/data"
  # Every internal topic needs replication factor 1 on one node, or group and transaction
  # coordinators never become available (consumers loop on "coordinator not available").
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
message.max.bytes=10485760
transaction.max.timeout.ms=900000
PROPS
  cat >"$dir/log4j2.yaml" <<'LOG'
Configuration:
  Appenders:
    Console: { name: STDOUT, PatternLayout: { Pattern: "[%d] %p %m (%c)%n" } }
  Loggers:
    Root: { level: WARN, AppenderRef: [{ ref: STDOUT }] }
    Logger:
      - { name: kafka.server.KafkaServer, level: INFO }
      - { name: kafka.server.KafkaRaftServer, level: INFO }
LOG
  local cp="$LIB_DIR/kafka/*"
  # G1 as Kafka's operations docs set it up, with regions large enough that a ~1 MB produce or fetch
  # buffer is not a humongous object: with the default 1 MB regions of a 512 MB heap each one went
  # straight to the old generation, and concurrent marking and GC threads took 6.5 s of CPU over the
  # stream benchmark, about as much as the request handlers (0.8 s with 16 MB regions). C1 only, as
  # for S3Proxy: a broker of a test or bench run lives minutes, and C2 compiled for 3.7-5.3 s of
  # CPU per benchmark suite while the request handlers' CPU stayed about the same without it.
  # COPYDESK_KAFKA_JAVA_OPTS replaces these flags (a long-lived broker wants C2).
  local gc_opts
  read -r -a gc_opts <<<"${COPYDESK_KAFKA_JAVA_OPTS:--XX:+UseG1GC -XX:G1HeapRegionSize=16m -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:TieredStopAtLevel=1}"
  local jvm=(-Xms256m -Xmx${COPYDESK_KAFKA_HEAP:-512m} "${gc_opts[@]}" -Djava.awt.headless=true "-Dlog4j2.configurationFile=$dir/log4j2.yaml")
  local cluster_id
  cluster_id="$("$JAVA" "${jvm[@]}" -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
  "$JAVA" "${jvm[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" >"$dir/format.log" 2>&1 \
    || die "kafka storage format failed: $(tail -n 5 "$dir/format.log")"
  nohup "$JAVA" "${jvm[@]}" -cp "$cp" kafka.Kafka "$dir/server.properties" >"$dir/out.log" 2>&1 &
  echo $! >"$dir/pid"
  wait_ready kafka "${COPYDESK_START_TIMEOUT:-90}" probe kafka "$brokers"
  log "kafka: ready on $brokers (pid $(cat "$dir/pid"), logs $dir/out.log)"
  echo "KAFKA_BROKERS=$brokers"
}

case "${1:-}" in
  start) start ;;
  stop) stop_service kafka ;;
  status) if is_running kafka && probe kafka "$brokers"; then echo "kafka: up on $brokers"; else echo "kafka: down"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
