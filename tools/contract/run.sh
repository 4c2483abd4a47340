#!/usr/bin/env bash
# The OpenAPI contract, checked outside the service (issue 18):
#   1. document: start the built service briefly (throwaway SQLite), save its live /openapi/v1.json to artifacts/openapi/v1.json;
#   2. lint:     Redocly's recommended rules and Spectral's spectral:oas must report 0 errors and 0 warnings;
#   3. client:   Kiota (the local dotnet tool pinned in .config/dotnet-tools.json) generates the C# client that
#                tests/Assessor.ClientTests drives through the README walkthrough, into tests/Assessor.ClientTests/Generated.
# Usage: tools/contract/run.sh [all|document|lint|client] [--no-build]
#   all (the default) is what .ci/run calls before `dotnet test`; `client` is what the client tests' build calls when
#   its generated client is missing or older than the service (it passes --no-build: the service is built by then).
# Exits non-zero when a step fails. A missing Node.js/npm skips the lint with a warning, except under CI=true.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tools="$root/tools/contract"
document="$root/artifacts/openapi/v1.json"
client="$root/tests/Assessor.ClientTests/Generated"
configuration="${CONFIGURATION:-Debug}"
service_dll="$root/service/Assessor.Service/bin/$configuration/net10.0/Assessor.Service.dll"

step="${1:-all}"
build=true
[ "${2:-}" = "--no-build" ] && build=false
in_ci=false
case "${CI:-}" in [Tt][Rr][Uu][Ee] | 1) in_ci=true ;; esac
# No tool phones home: no update checks, no telemetry.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true KIOTA_UPDATE_DISABLED=true

produce_document() {
  if [ "$build" = true ]; then
    dotnet build "$root/service/Assessor.Service" -c "$configuration" -v quiet -nologo >/dev/null || { echo "contract: the service does not build" >&2; return 1; }
  fi
  [ -f "$service_dll" ] || { echo "contract: $service_dll is missing; build the service first" >&2; return 1; }
  local data port pid ready=false
  data="$(mktemp -d /tmp/assessor-contract.XXXXXX)"
  # A port below the ephemeral range, retried like .ci/run's PostgreSQL, so it is not taken by an outgoing connection.
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    (cd "$(dirname "$service_dll")" && ASPNETCORE_ENVIRONMENT=Production exec dotnet "$service_dll" --urls "http://127.0.0.1:$port" \
      --Assessor:Database:Provider sqlite --Assessor:Database:ConnectionString "Data Source=$data/contract.db" \
      --Assessor:Reports:PublicBaseUrl "http://127.0.0.1:$port" >"$data/service.log" 2>&1) &
    pid=$!
    for _ in $(seq 1 100); do
      if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then ready=true; break; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    [ "$ready" = true ] && break
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
  if [ "$ready" != true ]; then
    echo "contract: the service did not start:" >&2; tail -n 20 "$data/service.log" >&2; rm -rf "$data"; return 1
  fi
  mkdir -p "$(dirname "$document")"
  curl -sf "http://127.0.0.1:$port/openapi/v1.json" -o "$document.tmp" && mv "$document.tmp" "$document"
  local fetched=$?
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  rm -rf "$data"
  [ "$fetched" -eq 0 ] || { echo "contract: could not fetch /openapi/v1.json" >&2; return 1; }
  echo "contract: document from the live service in ${document#"$root/"}"
}

lint() {
  if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
    if [ "$in_ci" = true ]; then echo "contract: error: Node.js and npm are needed for the OpenAPI linters (CI=true)" >&2; return 1; fi
    echo "contract: warning: Node.js/npm not installed; the OpenAPI linters are skipped" >&2; return 0
  fi
  # The pinned versions of package-lock.json; install scripts are not needed by either linter.
  if [ ! -d "$tools/node_modules" ] || [ "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]; then
    (cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) || { echo "contract: npm ci failed" >&2; return 1; }
  fi
  local status=0 report totals
  report="$(mktemp)"
  (cd "$tools" && npx --no-install redocly lint --config redocly.yaml --format=json "$document" >"$report" 2>/dev/null)
  totals="$(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));const t=r.totals;console.log(`${t.errors} ${t.warnings}`)' "$report" 2>/dev/null)"
  if [ "$totals" != "0 0" ]; then
    (cd "$tools" && npx --no-install redocly lint --config redocly.yaml --format=stylish "$document" 2>&1 | grep -v '[║╔╚]') >&2
    echo "contract: Redocly (recommended): ${totals:-no result} errors/warnings" >&2
    status=1
  else
    echo "contract: Redocly (recommended): 0 errors, 0 warnings"
  fi
  rm -f "$report"
  if (cd "$tools" && npx --no-install spectral lint --ruleset .spectral.yaml --fail-severity=warn --display-only-failures "$document" >"$tools/spectral.out" 2>&1); then
    echo "contract: Spectral (spectral:oas): 0 errors, 0 warnings"
  else
    cat "$tools/spectral.out" >&2
    echo "contract: Spectral (spectral:oas) reported problems" >&2
    status=1
  fi
  rm -f "$tools/spectral.out"
  return "$status"
}

generate_client() {
  (cd "$root" && dotnet tool restore >/dev/null) || { echo "contract: dotnet tool restore failed (Kiota)" >&2; return 1; }
  (cd "$root" && dotnet kiota generate --language CSharp --openapi "$document" --output "$client" \
    --namespace-name Assessor.Client --class-name AssessorClient --clean-output --exclude-backward-compatible \
    --log-level Warning >"$root/artifacts/openapi/kiota.log" 2>&1) \
    || { cat "$root/artifacts/openapi/kiota.log" >&2; echo "contract: Kiota could not generate the client" >&2; return 1; }
  echo "contract: Kiota client in ${client#"$root/"}"
}

case "$step" in
  document) produce_document ;;
  lint) produce_document && lint ;;
  client) produce_document && generate_client ;;
  all)
    produce_document || exit 1
    status=0
    lint || status=1
    generate_client || status=1
    exit "$status"
    ;;
  *) echo "usage: $0 [all|document|lint|client] [--no-build]" >&2; exit 2 ;;
esac
