#!/usr/bin/env bash
# Installs what a fresh Debian machine with the .NET 10 SDK lacks for InferCost's tests, and only that:
# Node.js + npm and the genai-prices npm peer (conformance tests, benchmarks), and a local PostgreSQL (SQL
# pushdown tests) started with user postgres / password postgres. Called by ./test.sh; safe to run again.
# Uses sudo only when not root. Where something cannot be installed it says so and goes on: the tests that
# need it then fail, naming what to install.
set -uo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
say() { echo "setup-tests: $*" >&2; }

need=()
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
# Debian's chromium: the web app's browser tests drive it with Playwright (no browser download).
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ -z "${INFERCOST_TEST_POSTGRES:-}" ]; then
  command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
fi
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]} (apt-get)"
  if ! { $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}"; }; then
    say "could not install ${need[*]}; install them yourself (apt-get install ${need[*]})"
  fi
fi

# Node packages: the genai-prices peer, ECharts (vendored into the web app) and axe-core (browser tests), pinned by tools/peer/package-lock.json; reinstalled only when the lock changed.
if command -v npm >/dev/null 2>&1; then
  if [ ! -f tools/peer/node_modules/.package-lock.json ] || [ tools/peer/package-lock.json -nt tools/peer/node_modules/.package-lock.json ]; then
    (cd tools/peer && npm ci --no-audit --no-fund --loglevel=error) || say "npm ci in tools/peer failed"
  fi
fi

# PostgreSQL on localhost:5432, user postgres / password postgres (INFERCOST_TEST_POSTGRES names another server).
if [ -z "${INFERCOST_TEST_POSTGRES:-}" ] && command -v pg_lsclusters >/dev/null 2>&1; then
  cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
  if [ -z "$cluster" ]; then
    version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
    if [ -n "$version" ]; then
      $SUDO pg_createcluster "$version" main >/dev/null && cluster="$version main"
    fi
  fi
  if [ -n "$cluster" ]; then
    # shellcheck disable=SC2086
    $SUDO pg_ctlcluster $cluster start 2>/dev/null || true
    if [ "$(id -u)" = 0 ]; then AS_PG="runuser -u postgres --"; else AS_PG="sudo -u postgres"; fi
    $AS_PG psql -q -c "ALTER USER postgres PASSWORD 'postgres'" >/dev/null 2>&1 || say "could not set the postgres password"
  else
    say "no PostgreSQL cluster found"
  fi
fi
exit 0
