#!/usr/bin/env bash
# Runs the factory locally: Azurite + the Server + the sample job (samples/sample-job.json) with live
# progress. Exits 0 only if the job completed. Add --serve to keep the factory running until Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x node_modules/.bin/azurite ]; then
  echo "Installing Azurite (npm ci) ..."
  npm ci --no-audit --no-fund --loglevel=error
fi
dotnet build tools/Local -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet tools/Local/bin/Release/net10.0/GenImageFactory.Local.dll run "$@"
