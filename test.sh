#!/usr/bin/env bash
# The test command: installs what the tests need and is missing (tools/setup-tests.sh: Node.js/npm and the
# genai-prices peer, PostgreSQL), then runs every test. Arguments go to `dotnet test`, e.g. ./test.sh --filter Price
set -euo pipefail
cd "$(dirname "$0")"
tools/setup-tests.sh
exec dotnet test InferCost.slnx "$@"
