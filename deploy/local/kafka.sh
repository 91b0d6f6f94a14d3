#!/usr/bin/env bash
# Local single-node Apache Kafka broker (KRaft mode, no ZooKeeper, no Docker).
#
# The broker jars are resolved from Maven Central with Maven into
# <repo>/.cache/kafka/<version>/libs (ignored by git) and run with the local JVM.
#
# Usage: deploy/local/kafka.sh {fetch|start|stop|restart|status}
#
# Environment (all optional):
#   KAFKA_VERSION          broker version from Maven Central      (default 3.9.2)
#   KAFKA_PORT             client (PLAINTEXT) port on 127.0.0.1    (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port on 127.0.0.1      (default 9093)
#   KAFKA_DATA_DIR         log.dirs of the broker      (default .cache/kafka/data)
#                          (created and formatted on first start; delete it to reset)
#   KAFKA_HEAP             JVM heap options        (default "-Xms256m -Xmx512m")
#   KAFKA_START_TIMEOUT    seconds to wait for the broker to start   (default 90)
#
# A non-default KAFKA_PORT runs a separate instance with its own files
# (.cache/kafka/{kafka-<port>.pid,config-<port>,logs-<port>,data-<port>}), so a
# throw-away test broker can run next to the development one.
#
# Files: .cache/kafka/<version>/libs (jars), data/ (KRaft log.dirs), logs/server.log,
# logs/kafka.out (JVM stdout/stderr), config/ (generated), kafka.pid.
#
# A secured listener (all optional; without KAFKA_SASL_SSL_PORT the broker is as above):
#   KAFKA_SASL_SSL_PORT       also listen on 127.0.0.1:<port> with SASL_SSL, SCRAM-SHA-512 only.
#                             The PLAINTEXT listener on KAFKA_PORT stays, on 127.0.0.1 only, for
#                             inter-broker traffic and this script's own checks.
#   KAFKA_SASL_SSL_CERT_FILE  PEM certificate of the broker (then any intermediates), valid for
#                             127.0.0.1 (an IP subjectAltName) and/or localhost
#   KAFKA_SASL_SSL_KEY_FILE   its private key, PEM, not encrypted
#   KAFKA_SCRAM_USERS         name:password[,name:password...], the SCRAM-SHA-512 users, set on
#                             every start (names and passwords of letters, digits and ._~@%+=/-)
# Concord's services and tools then connect with KAFKA_BROKERS=127.0.0.1:<KAFKA_SASL_SSL_PORT>,
# KAFKA_SECURITY_PROTOCOL=SASL_SSL, KAFKA_SSL_CA_FILE=<the CA that signed the certificate> and
# KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD of one of the users (deploy/README.md, "Kafka: TLS
# and SASL/SCRAM"). For a throw-away CA and certificate made with openssl, see
# test/messaging/kafka-sasl-ssl.test.ts.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${SCRIPT_DIR}/../.." && pwd)"

KAFKA_VERSION="${KAFKA_VERSION:-3.9.2}"
KAFKA_SCALA_VERSION="2.13"
KAFKA_HOST="127.0.0.1"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP="${KAFKA_HEAP:--Xms256m -Xmx512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"

# Logging backend matching what the Kafka 3.9 distribution ships.
SLF4J_VERSION="1.7.36"
RELOAD4J_VERSION="1.2.25"
MAVEN_DEPENDENCY_PLUGIN_VERSION="3.8.1"

CACHE_DIR="${REPO_ROOT}/.cache/kafka"
DIST_DIR="${CACHE_DIR}/${KAFKA_VERSION}"
LIB_DIR="${DIST_DIR}/libs"
FETCH_STAMP="${DIST_DIR}/.fetched"
# A broker on a non-default port (e.g. for tests) gets its own pid, config, logs and data.
INSTANCE_SUFFIX=""
if [[ "${KAFKA_PORT}" != "9092" ]]; then
  INSTANCE_SUFFIX="-${KAFKA_PORT}"
fi
# Prefix for commands we suggest to the user, so they address the same instance.
INSTANCE_ENV=""
if [[ -n "${INSTANCE_SUFFIX}" ]]; then
  INSTANCE_ENV="KAFKA_PORT=${KAFKA_PORT} "
fi
DATA_DIR="${KAFKA_DATA_DIR:-${CACHE_DIR}/data${INSTANCE_SUFFIX}}"
LOG_DIR="${CACHE_DIR}/logs${INSTANCE_SUFFIX}"
CONFIG_DIR="${CACHE_DIR}/config${INSTANCE_SUFFIX}"
PID_FILE="${CACHE_DIR}/kafka${INSTANCE_SUFFIX}.pid"
SERVER_PROPERTIES="${CONFIG_DIR}/server.properties"
LOG4J_PROPERTIES="${CONFIG_DIR}/log4j.properties"
TOOLS_LOG4J_PROPERTIES="${CONFIG_DIR}/tools-log4j.properties"
SERVER_LOG="${LOG_DIR}/server.log"
CONSOLE_LOG="${LOG_DIR}/kafka.out"
# Logged by kafka.server.KafkaRaftServer once the broker is up; start then also
# checks a real ApiVersions round trip (kafka.admin.BrokerApiVersionsCommand).
READY_PATTERN='Kafka Server started'

log() { printf '[kafka] %s\n' "$*"; }
die() { printf '[kafka] ERROR: %s\n' "$*" >&2; exit 1; }

for port_var in KAFKA_PORT KAFKA_CONTROLLER_PORT; do
  if ! [[ "${!port_var}" =~ ^[0-9]+$ ]]; then
    die "${port_var} must be a TCP port number, got '${!port_var}'."
  fi
done
if [[ "${KAFKA_PORT}" == "${KAFKA_CONTROLLER_PORT}" ]]; then
  die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ (both are ${KAFKA_PORT})."
fi

KAFKA_SASL_SSL_PORT="${KAFKA_SASL_SSL_PORT:-}"
SSL_KEYSTORE="${CONFIG_DIR}/sasl-ssl-keystore.pem"
SCRAM_ITEM='[A-Za-z0-9._~@%+=/-]+'

# The SASL_SSL settings, checked by start before anything runs.
check_sasl_ssl_settings() {
  if ! [[ "${KAFKA_SASL_SSL_PORT}" =~ ^[0-9]+$ ]]; then
    die "KAFKA_SASL_SSL_PORT must be a TCP port number, got '${KAFKA_SASL_SSL_PORT}'."
  fi
  if [[ "${KAFKA_SASL_SSL_PORT}" == "${KAFKA_PORT}" || "${KAFKA_SASL_SSL_PORT}" == "${KAFKA_CONTROLLER_PORT}" ]]; then
    die "KAFKA_SASL_SSL_PORT must differ from KAFKA_PORT and KAFKA_CONTROLLER_PORT (${KAFKA_PORT}, ${KAFKA_CONTROLLER_PORT})."
  fi
  local file_var
  for file_var in KAFKA_SASL_SSL_CERT_FILE KAFKA_SASL_SSL_KEY_FILE; do
    if [[ -z "${!file_var:-}" ]]; then
      die "${file_var} is required with KAFKA_SASL_SSL_PORT (a PEM file)."
    fi
    if ! [[ -f "${!file_var}" && -r "${!file_var}" ]]; then
      die "${file_var}: cannot read '${!file_var}'."
    fi
  done
  if ! [[ "${KAFKA_SCRAM_USERS:-}" =~ ^${SCRAM_ITEM}:${SCRAM_ITEM}(,${SCRAM_ITEM}:${SCRAM_ITEM})*$ ]]; then
    die "KAFKA_SCRAM_USERS must be name:password[,name:password...] (letters, digits and ._~@%+=/-) with KAFKA_SASL_SSL_PORT."
  fi
  if port_open "${KAFKA_SASL_SSL_PORT}"; then
    die "Port ${KAFKA_HOST}:${KAFKA_SASL_SSL_PORT} (KAFKA_SASL_SSL_PORT) is already in use by another process."
  fi
}

usage() {
  cat <<USAGE
Usage: $(basename "$0") {fetch|start|stop|restart|status}

  fetch    download Kafka ${KAFKA_VERSION} jars with Maven into .cache/kafka (once)
  start    start a single-node KRaft broker on ${KAFKA_HOST}:${KAFKA_PORT} (idempotent)
  stop     stop the broker started by this script (idempotent)
  restart  stop, then start
  status   print whether the broker is running (exit 0) or not (exit 1)
USAGE
}

require_java() {
  if ! command -v java >/dev/null 2>&1; then
    die "Java 17+ is required to run the local Kafka broker, but 'java' is not on PATH.
        Install it, e.g.: sudo apt-get install -y openjdk-17-jre-headless"
  fi
  local version major
  version="$(java -version 2>&1 | awk -F '"' '/version/ { print $2; exit }')"
  major="${version%%.*}"
  if [[ "${major}" == "1" ]]; then
    major="$(cut -d. -f2 <<<"${version}")"
  fi
  if ! [[ "${major}" =~ ^[0-9]+$ ]] || ((major < 17)); then
    die "Java 17+ is required to run the local Kafka broker, found '${version:-unknown}'.
        Install a newer JVM, e.g.: sudo apt-get install -y openjdk-17-jre-headless"
  fi
}

require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    die "Maven is required once to download the Kafka ${KAFKA_VERSION} jars, but 'mvn' is not on PATH.
        Install it, e.g.: sudo apt-get install -y maven"
  fi
}

# ---------------------------------------------------------------------------
# fetch
# ---------------------------------------------------------------------------
write_pom() {
  cat >"$1" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by deploy/local/kafka.sh: resolves the Kafka broker runtime classpath. -->
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.concord</groupId>
  <artifactId>kafka-broker-runtime</artifactId>
  <version>${KAFKA_VERSION}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_${KAFKA_SCALA_VERSION}</artifactId>
      <version>${KAFKA_VERSION}</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-reload4j</artifactId>
      <version>${SLF4J_VERSION}</version>
    </dependency>
    <dependency>
      <groupId>ch.qos.reload4j</groupId>
      <artifactId>reload4j</artifactId>
      <version>${RELOAD4J_VERSION}</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>${MAVEN_DEPENDENCY_PLUGIN_VERSION}</version>
      </plugin>
    </plugins>
  </build>
</project>
POM
}

cmd_fetch() {
  if [[ -f "${FETCH_STAMP}" ]]; then
    return 0
  fi
  require_maven
  mkdir -p "${DIST_DIR}"
  local tmp_libs="${DIST_DIR}/libs.tmp"
  local started=${SECONDS}
  rm -rf "${tmp_libs}"
  write_pom "${DIST_DIR}/pom.xml"
  log "Downloading Kafka ${KAFKA_VERSION} (org.apache.kafka:kafka_${KAFKA_SCALA_VERSION}:${KAFKA_VERSION}) with Maven ..."
  local maven_log="${DIST_DIR}/maven.log"
  if ! mvn -B -Dstyle.color=never -f "${DIST_DIR}/pom.xml" \
      "org.apache.maven.plugins:maven-dependency-plugin:${MAVEN_DEPENDENCY_PLUGIN_VERSION}:copy-dependencies" \
      -DoutputDirectory="${tmp_libs}" -DincludeScope=runtime >"${maven_log}" 2>&1; then
    rm -rf "${tmp_libs}"
    grep -E '^\[(ERROR|WARNING)\]' "${maven_log}" | tail -n 20 >&2 || tail -n 20 "${maven_log}" >&2
    die "Maven could not download Kafka ${KAFKA_VERSION} and its dependencies (full output: ${maven_log#"${REPO_ROOT}/"}).
        Check that Maven Central is reachable and that KAFKA_VERSION=${KAFKA_VERSION} exists."
  fi
  if ! compgen -G "${tmp_libs}/kafka_${KAFKA_SCALA_VERSION}-${KAFKA_VERSION}.jar" >/dev/null; then
    rm -rf "${tmp_libs}"
    die "Maven finished but kafka_${KAFKA_SCALA_VERSION}-${KAFKA_VERSION}.jar is missing from the download."
  fi
  rm -rf "${LIB_DIR}"
  mv "${tmp_libs}" "${LIB_DIR}"
  date -u +%Y-%m-%dT%H:%M:%SZ >"${FETCH_STAMP}"
  log "Fetched $(find "${LIB_DIR}" -name '*.jar' | wc -l) jars into ${LIB_DIR#"${REPO_ROOT}/"} in $((SECONDS - started))s."
}

# ---------------------------------------------------------------------------
# process helpers
# ---------------------------------------------------------------------------
port_open() {
  # Succeeds when something accepts TCP connections on 127.0.0.1:$1.
  (exec 3<>"/dev/tcp/${KAFKA_HOST}/$1") >/dev/null 2>&1
}

# Prints the pid of the broker started by this script, if it is still alive.
broker_pid() {
  [[ -f "${PID_FILE}" ]] || return 1
  local pid
  pid="$(<"${PID_FILE}")"
  [[ "${pid}" =~ ^[0-9]+$ ]] || return 1
  kill -0 "${pid}" 2>/dev/null || return 1
  # Guard against a recycled pid: the process must be our Kafka JVM.
  if [[ -r "/proc/${pid}/cmdline" ]] && ! tr '\0' ' ' <"/proc/${pid}/cmdline" | grep -q 'kafka\.Kafka'; then
    return 1
  fi
  printf '%s\n' "${pid}"
}

show_log_tail() {
  local file
  for file in "${SERVER_LOG}" "${CONSOLE_LOG}"; do
    if [[ -s "${file}" ]]; then
      printf '[kafka] ---- last lines of %s ----\n' "${file#"${REPO_ROOT}/"}" >&2
      tail -n 25 "${file}" >&2
    fi
  done
}

# ---------------------------------------------------------------------------
# start
# ---------------------------------------------------------------------------
write_config() {
  mkdir -p "${CONFIG_DIR}" "${LOG_DIR}" "${DATA_DIR}"
  local listeners="PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT},CONTROLLER://${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT}"
  local advertised_listeners="PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT}"
  local protocol_map="CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"
  if [[ -n "${KAFKA_SASL_SSL_PORT}" ]]; then
    listeners+=",SASL_SSL://${KAFKA_HOST}:${KAFKA_SASL_SSL_PORT}"
    advertised_listeners+=",SASL_SSL://${KAFKA_HOST}:${KAFKA_SASL_SSL_PORT}"
    protocol_map+=",SASL_SSL:SASL_SSL"
  fi
  cat >"${SERVER_PROPERTIES}" <<PROPS
# Generated by deploy/local/kafka.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT}
controller.listener.names=CONTROLLER
listeners=${listeners}
advertised.listeners=${advertised_listeners}
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=${protocol_map}
log.dirs=${DATA_DIR}
num.partitions=3
default.replication.factor=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
log.segment.bytes=1073741824
PROPS
  if [[ -n "${KAFKA_SASL_SSL_PORT}" ]]; then
    write_sasl_ssl_config
  fi

  cat >"${LOG4J_PROPERTIES}" <<PROPS
# Generated by deploy/local/kafka.sh.
log4j.rootLogger=INFO, serverFile

log4j.appender.serverFile=org.apache.log4j.RollingFileAppender
log4j.appender.serverFile.File=${SERVER_LOG}
log4j.appender.serverFile.MaxFileSize=20MB
log4j.appender.serverFile.MaxBackupIndex=3
log4j.appender.serverFile.layout=org.apache.log4j.PatternLayout
log4j.appender.serverFile.layout.ConversionPattern=[%d] %p %m (%c)%n

log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.controller=INFO
PROPS

  cat >"${TOOLS_LOG4J_PROPERTIES}" <<PROPS
# Generated by deploy/local/kafka.sh: command-line tools only log warnings, to stderr.
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
PROPS
}

# The SASL_SSL listener: SCRAM-SHA-512 users only, over TLS with the given certificate and key.
write_sasl_ssl_config() {
  cat >>"${SERVER_PROPERTIES}" <<PROPS
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.ssl.keystore.type=PEM
listener.name.sasl_ssl.ssl.keystore.location=${SSL_KEYSTORE}
PROPS
  # Kafka reads a PEM key store as one file: the private key, then the certificate chain.
  (umask 077 && cat "${KAFKA_SASL_SSL_KEY_FILE}" "${KAFKA_SASL_SSL_CERT_FILE}" >"${SSL_KEYSTORE}")
}

# Runs a Kafka command-line class from the cached jars.
kafka_tool() {
  java -Xmx256m -cp "${LIB_DIR}/*" -Dlog4j.configuration="file:${TOOLS_LOG4J_PROPERTIES}" "$@"
}

# A real protocol round trip: ApiVersions request to the broker.
broker_answers_api_versions() {
  timeout 30 java -Xmx256m -cp "${LIB_DIR}/*" -Dlog4j.configuration="file:${TOOLS_LOG4J_PROPERTIES}" \
    kafka.admin.BrokerApiVersionsCommand --bootstrap-server "${KAFKA_HOST}:${KAFKA_PORT}" >/dev/null 2>&1
}

# Creates or updates the SCRAM-SHA-512 users of KAFKA_SCRAM_USERS, over the PLAINTEXT listener.
set_scram_users() {
  local user name
  local -a users
  IFS=',' read -r -a users <<<"${KAFKA_SCRAM_USERS}"
  for user in "${users[@]}"; do
    name="${user%%:*}"
    if ! kafka_tool kafka.admin.ConfigCommand --bootstrap-server "${KAFKA_HOST}:${KAFKA_PORT}" \
        --alter --entity-type users --entity-name "${name}" \
        --add-config "SCRAM-SHA-512=[password=${user#*:}]" >/dev/null; then
      die "Could not set the SCRAM-SHA-512 credentials of user ${name}."
    fi
  done
  log "SASL_SSL (SCRAM-SHA-512) on ${KAFKA_HOST}:${KAFKA_SASL_SSL_PORT} for ${#users[@]} user(s)."
}

format_storage_if_needed() {
  if [[ -f "${DATA_DIR}/meta.properties" ]]; then
    return 0
  fi
  local cluster_id
  cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid)"
  log "Formatting KRaft storage in ${DATA_DIR} (cluster id ${cluster_id}) ..."
  kafka_tool kafka.tools.StorageTool format -t "${cluster_id}" -c "${SERVER_PROPERTIES}" >/dev/null
}

wait_until_ready() {
  local pid="$1" deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "${pid}" 2>/dev/null; then
      rm -f "${PID_FILE}"
      show_log_tail
      die "The Kafka broker exited during startup (see the log lines above)."
    fi
    if port_open "${KAFKA_PORT}" && grep -q "${READY_PATTERN}" "${SERVER_LOG}" 2>/dev/null; then
      if broker_answers_api_versions; then
        return 0
      fi
    fi
    sleep 0.5
  done
  show_log_tail
  die "The Kafka broker (pid ${pid}) did not start within ${KAFKA_START_TIMEOUT}s.
        It is left running (a later 'start' waits for it); inspect ${SERVER_LOG},
        or stop it with: ${INSTANCE_ENV}${0} stop"
}

cmd_start() {
  local pid
  if pid="$(broker_pid)"; then
    if port_open "${KAFKA_PORT}"; then
      log "Kafka broker already running on ${KAFKA_HOST}:${KAFKA_PORT} (pid ${pid})."
      return 0
    fi
    log "Kafka broker (pid ${pid}) is still starting, waiting for it ..."
    wait_until_ready "${pid}"
    log "Kafka broker is up on ${KAFKA_HOST}:${KAFKA_PORT} (pid ${pid})."
    return 0
  fi
  if port_open "${KAFKA_PORT}"; then
    log "A broker already answers on ${KAFKA_HOST}:${KAFKA_PORT} (not started by this script); using it."
    return 0
  fi
  if port_open "${KAFKA_CONTROLLER_PORT}"; then
    die "Port ${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT} (KRaft controller) is already in use by another process.
        Free it or choose another one with KAFKA_CONTROLLER_PORT=<port>."
  fi

  if [[ -n "${KAFKA_SASL_SSL_PORT}" ]]; then
    check_sasl_ssl_settings
  fi

  require_java
  cmd_fetch
  rm -f "${PID_FILE}"
  write_config
  format_storage_if_needed

  local started=${SECONDS}
  # Start a fresh server log so the readiness check only sees this run's lines;
  # the previous run's log is kept next to it.
  if [[ -s "${SERVER_LOG}" ]]; then
    mv -f "${SERVER_LOG}" "${LOG_DIR}/server-previous.log"
  fi
  : >"${SERVER_LOG}"
  # shellcheck disable=SC2086 # KAFKA_HEAP is a list of JVM options.
  nohup setsid java ${KAFKA_HEAP} \
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dkafka.logs.dir="${LOG_DIR}" \
    -Dlog4j.configuration="file:${LOG4J_PROPERTIES}" \
    -cp "${LIB_DIR}/*" \
    kafka.Kafka "${SERVER_PROPERTIES}" \
    >"${CONSOLE_LOG}" 2>&1 </dev/null &
  pid=$!
  printf '%s\n' "${pid}" >"${PID_FILE}"
  log "Starting Kafka ${KAFKA_VERSION} (KRaft, pid ${pid}) on ${KAFKA_HOST}:${KAFKA_PORT} ..."
  wait_until_ready "${pid}"
  local version
  version="$(grep -m1 -o 'Kafka version: [^ ]*' "${SERVER_LOG}" | awk '{ print $3 }' || true)"
  log "Kafka ${version:-${KAFKA_VERSION}} is up on ${KAFKA_HOST}:${KAFKA_PORT} (pid ${pid}, started in $((SECONDS - started))s)."
  if [[ -n "${KAFKA_SASL_SSL_PORT}" ]]; then
    set_scram_users
  fi
  log "Data: ${DATA_DIR}  Log: ${SERVER_LOG}"
}

# ---------------------------------------------------------------------------
# stop / status
# ---------------------------------------------------------------------------
cmd_stop() {
  local pid
  if ! pid="$(broker_pid)"; then
    rm -f "${PID_FILE}"
    if port_open "${KAFKA_PORT}"; then
      log "Kafka broker not started by this script; something else answers on ${KAFKA_HOST}:${KAFKA_PORT}, leaving it alone."
    else
      log "Kafka broker is not running."
    fi
    return 0
  fi
  log "Stopping Kafka broker (pid ${pid}) ..."
  kill -TERM "${pid}" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "${pid}" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.5
  done
  if kill -0 "${pid}" 2>/dev/null; then
    log "Broker did not stop within 30s, killing it."
    kill -KILL "${pid}" 2>/dev/null || true
    while kill -0 "${pid}" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "${PID_FILE}"
  log "Kafka broker stopped."
}

cmd_status() {
  local pid
  if pid="$(broker_pid)"; then
    if port_open "${KAFKA_PORT}"; then
      log "running (pid ${pid}) on ${KAFKA_HOST}:${KAFKA_PORT}"
    else
      log "starting (pid ${pid}), ${KAFKA_HOST}:${KAFKA_PORT} not answering yet"
    fi
    return 0
  fi
  if port_open "${KAFKA_PORT}"; then
    log "running on ${KAFKA_HOST}:${KAFKA_PORT} (not started by this script)"
    return 0
  fi
  log "not running"
  return 1
}

main() {
  local command="${1:-}"
  case "${command}" in
    fetch) cmd_fetch && log "Kafka ${KAFKA_VERSION} jars are in ${LIB_DIR#"${REPO_ROOT}/"}" ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart) cmd_stop && cmd_start ;;
    status) cmd_status ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
