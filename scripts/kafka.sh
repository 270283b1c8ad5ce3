#!/usr/bin/env bash
# A local Apache Kafka for the multi-process system and the Kafka tests: one KRaft node that is broker
# and controller at once, on 127.0.0.1:${KAFKA_PORT:-29092} (controller on the next port), run with the
# machine's Java (17 or newer). The jars come from Maven Central (scripts/kafka/pom.xml) into
# .cache/kafka-<version>/; config, data, log and pid live in .run/kafka-<port>/ (both gitignored).
# Usage: scripts/kafka.sh install|start|stop|status|topics|reset|url ...   (several run in order)
#        scripts/kafka.sh produce <topic> [ConsoleProducer options]   (records from stdin, one per line)
#        scripts/kafka.sh consume <topic> [ConsoleConsumer options]   (from the beginning; Ctrl-C ends)
#   start  installs if needed, formats the storage on first start, starts the broker, waits until it
#          answers and creates the topics; does nothing when it is already running
#   topics creates the missing topics (shared/src/bus/kafka-topics.ts says which, with how many partitions)
#   stop   stops the broker gracefully (data is kept)
#   reset  deletes the stopped broker's data, topics, offsets and consumer groups (the tests start afresh)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pom="$root/scripts/kafka/pom.xml"
version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$pom")
port=${KAFKA_PORT:-29092}
controller_port=$((port + 1))
libs="$root/.cache/kafka-$version/libs"
state="$root/.run/kafka-$port"
pid_file="$state/kafka.pid"
log_file="$state/kafka.log"
heap=${KAFKA_HEAP:-512m}

log() { echo "kafka: $*" >&2; }

java_major() {
  java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

check_java() {
  command -v java >/dev/null || { log "java not found (Kafka $version needs Java 17 or newer)"; exit 1; }
  local major
  major=$(java_major)
  ((major >= 17)) || { log "Java $major found; Kafka $version needs Java 17 or newer"; exit 1; }
}

install() {
  if [[ -f "$libs/kafka_2.13-$version.jar" && -f "$libs/.complete" ]]; then
    return
  fi
  command -v mvn >/dev/null || { log "mvn not found (apt-get install maven)"; exit 1; }
  log "fetching Apache Kafka $version from Maven Central"
  rm -rf "$libs"
  mkdir -p "$libs"
  mvn -q -B -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs"
  touch "$libs/.complete"
}

java_command=(java -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -Djava.awt.headless=true
  -Dlog4j2.configurationFile="$root/scripts/kafka/log4j2.properties" -cp "$libs/*")

kafka_java() {
  "${java_command[@]}" "$@"
}

is_running() {
  [[ -f $pid_file ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

write_config() {
  mkdir -p "$state/data"
  cat >"$state/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$state/data
# One node: every internal topic has one replica.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
# As in the cluster: topics exist only when created on purpose (scripts/kafka.sh topics).
auto.create.topics.enable=false
# A consumer joining a group starts at once instead of waiting 3 s for more members (tests restart consumers).
group.initial.rebalance.delay.ms=0
log.retention.hours=168
EOF
}

format_storage() {
  [[ -f "$state/data/meta.properties" ]] && return
  local cluster_id
  cluster_id=$(kafka_java kafka.tools.StorageTool random-uuid)
  kafka_java kafka.tools.StorageTool format --cluster-id "$cluster_id" --config "$state/server.properties" >/dev/null
  log "formatted KRaft storage in $state/data"
}

start() {
  if is_running; then
    log "already running on 127.0.0.1:$port"
    return
  fi
  check_java
  install
  write_config
  format_storage
  log "starting Kafka $version on 127.0.0.1:$port (log: $log_file)"
  nohup "${java_command[@]}" kafka.Kafka "$state/server.properties" >"$log_file" 2>&1 &
  echo $! >"$pid_file"
  local waited=0
  until answers; do
    if ! is_running; then
      log "the broker exited; last lines of $log_file:"
      tail -n 20 "$log_file" >&2
      exit 1
    fi
    ((waited++ < 240)) || { log "not answering after 120 s"; exit 1; }
    sleep 0.5
  done
  topics
  log "running on 127.0.0.1:$port"
}

stop() {
  if ! is_running; then
    rm -f "$pid_file"
    log "stopped"
    return
  fi
  local pid waited=0
  pid=$(cat "$pid_file")
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited++ >= 120)); then
      log "no exit within 60 s of SIGTERM; killing it. Last lines of $log_file:"
      tail -n 20 "$log_file" >&2
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$pid_file"
      return 1
    fi
    sleep 0.5
  done
  rm -f "$pid_file"
  log "stopped"
}

status() {
  if is_running && answers; then
    echo "online"
  else
    echo "down"
    return 1
  fi
}

reset() {
  if is_running; then
    log "running on 127.0.0.1:$port; stop it first"
    exit 1
  fi
  rm -rf "$state"
  log "removed $state"
}

topics() {
  (cd "$root" && KAFKA_BROKERS="127.0.0.1:$port" npx --no-install tsx scripts/kafka/create-topics.ts)
}

# Kafka's own console tools from the fetched jars (there is no bin/ directory here).
console() {
  local tool=$1 topic=${2:?"usage: $0 $1 <topic> [options]"}
  shift 2
  install
  local tools=(java -Xmx256m -Dlog4j2.configurationFile="$root/scripts/kafka/log4j2-tools.properties" -cp "$libs/*")
  case $tool in
    produce) "${tools[@]}" org.apache.kafka.tools.ConsoleProducer --bootstrap-server "127.0.0.1:$port" --topic "$topic" "$@" ;;
    consume) "${tools[@]}" org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "127.0.0.1:$port" --topic "$topic" --from-beginning "$@" ;;
  esac
}

(($# > 0)) || { log "usage: $0 install|start|stop|status|topics|reset|url ... | produce|consume <topic> [options]"; exit 2; }
if [[ $1 == produce || $1 == consume ]]; then
  console "$@"
  exit
fi
for command in "$@"; do
  case $command in
    install) check_java; install ;;
    start | stop | status | topics | reset) "$command" ;;
    url) echo "kafka://127.0.0.1:$port" ;;
    *) log "unknown command $command"; exit 2 ;;
  esac
done
