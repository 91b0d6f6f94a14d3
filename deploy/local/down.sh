#!/usr/bin/env bash
# Stops the local Kafka broker (PostgreSQL and its databases are left as they are).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

bash "${SCRIPT_DIR}/kafka.sh" stop
