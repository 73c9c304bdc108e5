#!/usr/bin/env bash
# SNMP soak: the whole server in one process (schedules, SNMP poller, series store on SQLite in a temporary folder;
# ICMP and traps off) with <devices> devices, each an snmpsim agent of its own on 127.4.x.y:<port> serving one small
# recording (the test tree's Linux host without its process tables: system, ifTable, ifXTable, hrStorage,
# hrProcessor, UCD), polled with v2c every <interval> s for <minutes> minutes. snmpsim (pysnmp) watches its sockets
# with select(), so one process serves at most 1,000 agents: <devices>/1000 simulator processes share the load.
# Prints the server's CPU per minute, peak RSS, polls done vs due, by status, lateness p50/p99/max, series points,
# and the simulators' CPU. Exit code 3 when a poll was not OK/PARTIAL or a point was dropped.
# Usage: bench/snmp-soak.sh [minutes=10] [devices=2000] [interval-s=300] [port=16261]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-10}"
devices="${2:-2000}"
interval="${3:-300}"
port="${4:-16261}"
per=1000
for tool in snmpsimd snmpget; do
  command -v "$tool" >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq --no-install-recommends snmpsim snmp >/dev/null; }
done
command -v snmpsimd >/dev/null && command -v snmpget >/dev/null ||
  { echo "bench/snmp-soak.sh needs snmpsim and snmp (apt-get install snmpsim snmp, or run as root)." >&2; exit 1; }
dotnet build bench/snmp-soak -c Release -nologo -v quiet >/dev/null
work=$(mktemp -d)
pids=()
# snmpsimd ends on SIGTERM with 143; under set -e that status must not end the trap before the folder is removed.
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

# hrSWRun and hrSWRunPerf (1,485 of the recording's 1,769 OIDs) are nothing the poller reads.
grep -v -e '^1\.3\.6\.1\.2\.1\.25\.4\.' -e '^1\.3\.6\.1\.2\.1\.25\.5\.' tests/Sotp.Testing/Snmp/Recordings/linux-full-walk.snmprec >"$work/small.snmprec"
user=()
if [ "$(id -u)" = 0 ]; then user=(--process-user=nobody --process-group=nogroup); fi
: >"$work/addresses"
for first in $(seq 0 "$per" $((devices - 1))); do
  sim="$work/sim$first"
  mkdir -p "$sim/data/public" "$sim/cache"
  # --v2c-arch: endpoint n (0-based, in the order given) serves data/public/1.3.6.1.6.1.1.<n>.snmprec to community public.
  for n in $(seq 0 $(( (devices - first < per ? devices - first : per) - 1 ))); do
    i=$((first + n))
    ln -s "$work/small.snmprec" "$sim/data/public/1.3.6.1.6.1.1.$n.snmprec"
    echo "127.4.$((i / 250)).$((i % 250 + 1))" | tee -a "$work/addresses" | sed "s/^/--agent-udpv4-endpoint=/; s/\$/:$port/"
  done >"$sim/agents.args"
  [ "$(id -u)" = 0 ] && { chmod -R a+rX "$work"; chmod a+rwx "$sim/cache"; }
  snmpsimd --v2c-arch --data-dir="$sim/data" --args-from-file="$sim/agents.args" --cache-dir="$sim/cache" \
    --logging-method=null "${user[@]}" &
  pids+=($!)
done
export MIBS= SNMP_PERSISTENT_DIR="$work/tools"
last=$(tail -1 "$work/addresses")
for _ in $(seq 600); do
  snmpget -v2c -c public -r 0 -t 0.3 "$last:$port" 1.3.6.1.2.1.1.5.0 >/dev/null 2>&1 && break
  sleep 0.1
done
echo "${#pids[@]} snmpsim processes, $devices agents 127.4.0.1-$last:$port, $(wc -l <"$work/small.snmprec") OIDs each"
simcpu() { for p in "${pids[@]}"; do awk '{print $14 + $15}' "/proc/$p/stat"; done | awk -v hz="$(getconf CLK_TCK)" '{s += $1} END {printf "%.1f", s / hz}'; }
before=$(simcpu)
status=0
dotnet bench/snmp-soak/bin/Release/net10.0/Sotp.Bench.SnmpSoak.dll "$work/addresses" "$port" "$minutes" "$interval" || status=$?
echo "  simulators     $(awk -v a="$before" -v b="$(simcpu)" 'BEGIN {printf "%.1f", b - a}') CPU s (all snmpsim processes, while the server ran)"
exit "$status"
