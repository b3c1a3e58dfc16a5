#!/usr/bin/env bash
# Runs every test: installs Azurite and Redocly CLI (npm ci), Kiota (dotnet tool restore) and Chromium (apt) when missing,
# the first and last beside the build, then `dotnet test` on the whole solution.
# The tests start their own Azurite instances on free loopback ports; nothing else needs to run.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p artifacts

# Azurite and Redocly CLI (package.json), installed while the build runs: the build needs neither.
npm_install=""
if [ ! -x node_modules/.bin/azurite ] || [ ! -x node_modules/.bin/redocly ]; then
  echo "Installing Azurite and Redocly CLI (npm ci), beside the build ..."
  npm ci --no-audit --no-fund --loglevel=error > artifacts/npm-install.txt 2>&1 &
  npm_install=$!
fi

# Debian's Chromium for the dashboard's browser tests (Playwright drives it by path), installed while the build runs.
chromium_install=""
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (apt-get install chromium), beside the build ..."
  if [ "$(id -u)" -ne 0 ]; then
    echo "The browser tests need /usr/bin/chromium: run 'sudo apt-get install chromium' first." >&2
    exit 1
  fi
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) > artifacts/chromium-install.txt 2>&1 &
  chromium_install=$!
fi

# Kiota (.config/dotnet-tools.json) for the test that generates a client from the OpenAPI document.
dotnet tool restore

# Built first, whole, so that the test assemblies start together instead of each as its build ends (the Server's
# tests, which take most of the run, used to wait for builds slowed by the other assemblies' tests). Release: the
# Servers the tests start run optimised code, as deployed.
dotnet build GenImageFactory.sln -c Release --nologo -v quiet -clp:ErrorsOnly

if [ -n "$npm_install" ] && ! wait "$npm_install"; then
  cat artifacts/npm-install.txt >&2
  echo "npm ci failed." >&2
  exit 1
fi
if [ -n "$chromium_install" ] && ! wait "$chromium_install"; then
  cat artifacts/chromium-install.txt >&2
  echo "Installing Chromium failed." >&2
  exit 1
fi

set +e
dotnet test GenImageFactory.sln -c Release --no-build --nologo 2>&1 | tee artifacts/test-output.txt
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test assemblies.
awk '/^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+/ {
       gsub(",", ""); failed += $4; passed += $6; skipped += $8 }
     END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }' artifacts/test-output.txt
exit "$status"
