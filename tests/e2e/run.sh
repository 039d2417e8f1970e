#!/usr/bin/env bash
# End-to-end test in a real client: builds and starts the bot on a free loopback port, starts the Microsoft 365
# Agents Playground (channel msteams) pointed at it, and drives the Playground in headless Chromium (run.mjs).
# Prints one PASS/FAIL line per check and "e2e: N passed, N failed, N skipped" last; exits non-zero on a
# failure. Screenshots, logs and the Playground's frames go to .ci/out/e2e/. Every process it starts is stopped.
#
# Needs: the .NET SDK, Node.js 20+, `npm ci` in tests/e2e (done here when node_modules is missing) and Chromium
# (Debian: apt-get install chromium). Settings (environment):
#   E2E_CHROMIUM        browser binary (default: chromium or chromium-browser on PATH)
#   E2E_CONFIGURATION   build configuration of the bot (default Debug, which `dotnet test` has already built)
#   E2E_BOT_PORT, E2E_PLAYGROUND_PORT   ports (default: free ones; the bot's default 3978 is never used)
#   E2E_FEEDBACK_STORE_CMD   prints the feedback store as JSON (default: chatanalyst feedback export --format json)
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=$root/.ci/out/e2e
e2e=$root/tests/e2e
configuration=${E2E_CONFIGURATION:-Debug}
rm -rf "$out"
mkdir -p "$out"
: > "$out/counts"

pids=()
work=$(mktemp -d)
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A setup step that fails is one failed check: the run says why and stops.
fail() {
  echo "FAIL e2e: $1"
  echo "e2e: 0 passed, 1 failed, 0 skipped"
  echo "0 1 0" > "$out/counts"
  exit 1
}

clock() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(clock)" 'BEGIN { printf "%.1f s", b - a }'; }

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Waits until a URL answers 200, giving up when the process behind it has exited or after $3 seconds.
wait_for() {
  local url=$1 pid=$2 seconds=$3 i
  for ((i = 0; i < seconds * 5; i++)); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

command -v node >/dev/null 2>&1 || fail "Node.js not found on PATH (install Node.js 20 or later)"
chromium=${E2E_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chromium" ] && [ -x "$chromium" ] || fail "Chromium not found (Debian: apt-get install chromium; or set E2E_CHROMIUM)"
if [ ! -d "$e2e/node_modules/playwright-core" ] || [ ! -d "$e2e/node_modules/@microsoft/m365agentsplayground" ]; then
  (cd "$e2e" && npm ci --no-audit --no-fund) > "$out/npm.log" 2>&1 || fail "npm ci in tests/e2e failed (see $out/npm.log)"
fi

start=$(clock)
dotnet build src/ChatAnalyst.Bot -c "$configuration" --nologo -v q > "$out/build.log" 2>&1 \
  || fail "dotnet build src/ChatAnalyst.Bot failed (see $out/build.log)"
echo "e2e: built the bot ($configuration) in $(since "$start")"

bot_port=${E2E_BOT_PORT:-$(free_port)}
playground_port=${E2E_PLAYGROUND_PORT:-$(free_port)}
endpoint=http://127.0.0.1:$bot_port/api/messages

# The bot gets its own database, so the run neither reads nor changes a developer's data/chatanalyst.db.
export ASPNETCORE_ENVIRONMENT=Development
export ASPNETCORE_URLS=http://127.0.0.1:$bot_port
export ChatAnalyst__Knowledge__Database=$work/chatanalyst.db
start=$(clock)
dotnet "src/ChatAnalyst.Bot/bin/$configuration/net10.0/ChatAnalyst.Bot.dll" > "$out/bot.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$bot_port/readyz" "${pids[-1]}" 180 \
  || fail "the bot did not become ready on http://127.0.0.1:$bot_port/readyz (see $out/bot.log: $(tail -n 1 "$out/bot.log"))"
echo "e2e: bot ready on $endpoint in $(since "$start")"

# The Playground writes devTools/ into its working folder: the artifacts folder keeps it.
start=$(clock)
(cd "$out" && TEAMSAPPTESTER_BROWSER=none exec node "$e2e/node_modules/@microsoft/m365agentsplayground/cli.js" \
  -e "$endpoint" -c msteams -p "$playground_port" --disable-telemetry) > "$out/playground.log" 2>&1 &
pids+=($!)
# It takes another port when the one asked for is busy, and says which.
for ((i = 0; i < 150; i++)); do
  port=$(grep -so 'Listening on [0-9]*' "$out/playground.log" | grep -o '[0-9]*$')
  [ -n "$port" ] && break
  kill -0 "${pids[-1]}" 2>/dev/null || break
  sleep 0.2
done
[ -n "${port:-}" ] && wait_for "http://127.0.0.1:$port/" "${pids[-1]}" 30 \
  || fail "the Agents Playground did not start (see $out/playground.log)"
echo "e2e: Agents Playground on http://127.0.0.1:$port in $(since "$start")"

# The feedback check reads the store the way an operator would; the CLI is built when that check runs.
store="dotnet build src/ChatAnalyst.Cli -c $configuration --nologo -v q > '$out/build-cli.log' 2>&1"
store+=" && dotnet src/ChatAnalyst.Cli/bin/$configuration/net10.0/chatanalyst.dll feedback export --format json"
E2E_PLAYGROUND_URL=http://127.0.0.1:$port/ E2E_CHROMIUM=$chromium E2E_OUT=$out E2E_COUNTS=$out/counts \
E2E_FEEDBACK_STORE_CMD=${E2E_FEEDBACK_STORE_CMD:-$store} node "$e2e/run.mjs"
