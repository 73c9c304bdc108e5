#!/usr/bin/env bash
# The web console in a real browser with a full store: 10,000 devices imported, then the overview, the device list
# and the alarm queue opened again and again in Debian's chromium; first paint and "data on screen" per page.
# Usage: bench/console.sh [devices=10000] [visits=7]   (needs chromium: apt-get install -y chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/console -c Release -nologo -v quiet >/dev/null
exec dotnet bench/console/bin/Release/net10.0/Sotp.Bench.Console.dll "$@"
