#!/usr/bin/env bash
# Start-up to ready on SQLite: time from process start until /readyz answers 200.
# "first" = empty data folder (migrations, admin and demo site created); "warm" = the same folder again.
# Usage: bench/startup.sh [runs]   (default 5). Prints the median of each.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
dotnet build src/Sotp.Server -c Release -nologo -v quiet >/dev/null
dll="src/Sotp.Server/bin/Release/net10.0/Sotp.Server.dll"
port=18999
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # $1 = data folder; prints milliseconds to ready
  local start end pid
  start=$(date +%s%N)
  dotnet "$dll" --urls "http://127.0.0.1:$port" --Storage:DataDirectory="$1" >"$work/log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/log" >&2; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  kill -TERM "$pid"; wait "$pid" || true
  echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

first=(); warm=()
for i in $(seq "$runs"); do
  first+=("$(measure "$work/data$i")")
  warm+=("$(measure "$work/data$i")")
done
echo "start-up to ready, SQLite, $runs runs: first start median $(printf '%s\n' "${first[@]}" | median) ms (${first[*]}), warm start median $(printf '%s\n' "${warm[@]}" | median) ms (${warm[*]})"
