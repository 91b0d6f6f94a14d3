#!/usr/bin/env bash
# Creates the Concord databases on the local PostgreSQL server if they are missing.
# Idempotent: existing databases are left untouched.
#
# Environment (all optional): PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres),
# PGPASSWORD (only if the server does not use trust auth).
set -euo pipefail

export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}"
# Connect to the maintenance database, whatever PGDATABASE says.
MAINTENANCE_DB="postgres"

DATABASES=(
  concord_referrals
  concord_agreements
  concord_funding
  concord_notifications
  concord_insights
  concord_console
)

log() { printf '[databases] %s\n' "$*"; }
die() { printf '[databases] ERROR: %s\n' "$*" >&2; exit 1; }

if ! command -v psql >/dev/null 2>&1; then
  die "'psql' is not on PATH; it is needed to create the Concord databases.
        Install the PostgreSQL client, e.g.: sudo apt-get install -y postgresql-client"
fi

psql_cmd() {
  psql -X -q -v ON_ERROR_STOP=1 --no-password -d "${MAINTENANCE_DB}" "$@"
}

if ! error="$(psql_cmd -tAc 'SELECT 1' 2>&1 >/dev/null)"; then
  die "PostgreSQL is not reachable on ${PGHOST}:${PGPORT} as user '${PGUSER}':
        ${error}
        Start PostgreSQL (e.g. sudo service postgresql start) or set PGHOST/PGPORT/PGUSER/PGPASSWORD."
fi

created=0
for db in "${DATABASES[@]}"; do
  exists="$(psql_cmd -tA -v db="${db}" <<<"SELECT 1 FROM pg_database WHERE datname = :'db';")"
  if [[ "${exists}" == "1" ]]; then
    log "${db}: exists"
  else
    psql_cmd -v db="${db}" <<<'CREATE DATABASE :"db";'
    log "${db}: created"
    created=$((created + 1))
  fi
done
log "${#DATABASES[@]} databases ready on ${PGHOST}:${PGPORT} (${created} created)."
