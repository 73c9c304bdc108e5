#!/usr/bin/env bash
# Runs every test project and prints "tests: N passed, M failed" counted from the test results.
# As root it first installs the Debian packages the tests use as real peers (PostgreSQL, ip and nft for network namespaces,
# snmpd and snmpsim, and chromium for the browser tests).
set -uo pipefail
cd "$(dirname "$0")"

packages=(postgresql postgresql-client iproute2 nftables snmpd snmp snmpsim chromium)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${missing[*]} ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" || exit 1
  else
    echo "Missing Debian packages: ${missing[*]}. Run this script as root once, or: sudo apt-get install -y ${missing[*]}" >&2
  fi
fi

results="TestResults"
rm -rf "$results"
dotnet build Sotp.slnx -nologo -v quiet || { echo "tests: 0 passed, 1 failed (build failed)"; exit 1; }
dotnet test Sotp.slnx --no-build -nologo --logger "trx" --results-directory "$results" "$@"
test_status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$((passed + $(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')))
  failed=$((failed + $(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')))
done
if [ "$test_status" != 0 ] && [ "$failed" = 0 ]; then
  # A test host that crashed or aborted leaves no failed test behind; it is still a failure.
  failed=1
  echo "dotnet test failed ($test_status) without a failed test: a test run aborted; see above." >&2
fi
echo "tests: $passed passed, $failed failed"
[ "$test_status" = 0 ] && [ "$failed" = 0 ]
