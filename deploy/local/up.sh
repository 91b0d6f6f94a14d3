#!/usr/bin/env bash
# Brings up the local infrastructure: PostgreSQL databases and a Kafka broker.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

bash "${SCRIPT_DIR}/databases.sh"
bash "${SCRIPT_DIR}/kafka.sh" start
