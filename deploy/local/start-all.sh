#!/usr/bin/env bash
# npm start: builds Concord, brings up the local broker and databases, and runs the five services
# and the web console (http://localhost:3000) in the foreground with their logs interleaved (JSON,
# one line each). Ctrl-C stops them; the broker keeps running (npm stop ends it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "${ROOT}"

SERVICES=(referrals agreements funding notifications insights console)
declare -A PORTS=([referrals]=3001 [agreements]=3002 [funding]=3003 [notifications]=3004 [insights]=3005 [console]=3000)

npm run --silent build
bash deploy/local/up.sh
# The development key pair the services trust; `npm run token` signs with it.
node dist/scripts/token.js --role admin >/dev/null

# The console's "Sign in as" page mints development tokens with the development private key;
# refused in production (empty counts as unset).
console_dev_key=""
if [[ "${NODE_ENV:-development}" != "production" ]]; then
  console_dev_key="${ROOT}/.cache/dev-keys/dev-private.pem"
fi

pids=()
stop_services() {
  trap - INT TERM EXIT
  echo "[concord] stopping services..."
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop_services INT TERM EXIT

for service in "${SERVICES[@]}"; do
  NODE_ENV="${NODE_ENV:-development}" \
    HTTP_PORT="${PORTS[$service]}" \
    DATABASE_URL="postgres://${PGUSER:-postgres}@${PGHOST:-127.0.0.1}:${PGPORT:-5432}/concord_${service}" \
    KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}" \
    AUTH_PUBLIC_KEY_FILE="${ROOT}/.cache/dev-keys/dev-public.pem" \
    CONSOLE_DEV_PRIVATE_KEY_FILE="${console_dev_key}" \
    KAFKAJS_NO_PARTITIONER_WARNING=1 \
    node "dist/apps/${service}/src/main.js" &
  pids+=($!)
done

deadline=$((SECONDS + 90))
for service in "${SERVICES[@]}"; do
  url="http://127.0.0.1:${PORTS[$service]}/health"
  until curl -fsS "${url}" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then
      echo "[concord] ${service} did not become healthy at ${url} within 90 s" >&2
      curl -sS "${url}" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  echo "[concord] ${service} is up: ${url}"
done
echo "[concord] all five services and the console are up. Open http://localhost:3000 (Sign in as …); a token for the APIs: npm run token -- --role dispatcher --org <uuid>. Ctrl-C stops."
wait -n "${pids[@]}"
echo "[concord] a service exited; stopping the others" >&2
exit 1
