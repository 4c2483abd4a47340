#!/usr/bin/env bash
# The load benchmark of issue 11: publishes the service in Release, starts it on a fresh SQLite database (or, with
# --postgres, on a throwaway PostgreSQL 15 cluster it starts and deletes), drives each endpoint with wrk and prints the
# table with the ratio to /health/live in the same run. Needs wrk and, for PDFs, chromium (Debian packages).
# Options: --postgres --duration S --rounds N --scale-plans N --no-scale --no-pdf --keep --publish FOLDER --only TEXT (or TEXT|TEXT), and --Assessor:... settings.
set -euo pipefail
cd "$(dirname "$0")/../../.."
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }
exec dotnet run -c Release --project tests/Assessor.Benchmarks -- load "$@"
