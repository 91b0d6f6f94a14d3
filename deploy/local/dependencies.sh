#!/usr/bin/env bash
# Installs the locked dependencies with `npm ci`, on Node.js 24, when node_modules is missing or
# was installed from another package.json or package-lock.json; otherwise does nothing.
# `npm start` and `npm test` run it first (prestart, pretest), and so does .ci/run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "${ROOT}"

STAMP="node_modules/.concord-installed"
wanted="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
if [[ -f "${STAMP}" && "$(cat "${STAMP}")" == "${wanted}" ]]; then
  exit 0
fi

node_bin="$(bash deploy/local/node.sh)"
echo "[dependencies] npm ci on Node.js $("${node_bin}/node" --version) (package.json or package-lock.json changed since the last install)" >&2
# The npm that runs this script, on Node 24 (npm itself runs on the `node` first on the PATH).
PATH="${node_bin}:${PATH}" npm ci --no-audit --no-fund
echo "${wanted}" >"${STAMP}"
