#!/usr/bin/env bash
# Poll 200 simulated agents once: snmpsim serves the test tree's recordings (Cisco 3750 and Linux, alternating) on
# 127.3.0.1-200, one agent per address; each agent's ifTable is walked once by our engine (all 200 in flight, as the
# poller runs them) and by net-snmp's snmpbulkwalk (one process per agent, $parallel at once via xargs), same run,
# same simulator, GetBulk with max-repetitions 25. One Python process answers all 200 agents, so walks/s are bounded
# by the simulator for both; CPU seconds are the client's own (snmpbulkwalk: all its processes).
# Usage: bench/snmp-agents.sh [agents] [parallel]   (default: 200 8)
set -euo pipefail
cd "$(dirname "$0")/.."
agents="${1:-200}"
parallel="${2:-8}"
root=1.3.6.1.2.1.2.2
port=16100
for tool in snmpsimd snmpbulkwalk; do
  command -v "$tool" >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq --no-install-recommends snmpsim snmp >/dev/null; }
done
[ -x /usr/bin/time ] || { [ "$(id -u)" = 0 ] && apt-get install -y -qq time >/dev/null; }
command -v snmpsimd >/dev/null && command -v snmpbulkwalk >/dev/null && [ -x /usr/bin/time ] ||
  { echo "bench/snmp-agents.sh needs snmpsim, snmp and time (apt-get install snmpsim snmp time, or run as root)." >&2; exit 1; }
dotnet build bench/snmp -c Release -nologo -v quiet >/dev/null
ours="bench/snmp/bin/Release/net10.0/Sotp.Bench.Snmp.dll"
work=$(mktemp -d)
pid=""
# snmpsimd ends on SIGTERM with 143; under set -e that status must not end the trap before the folder is removed.
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT

# --v2c-arch: endpoint n (0-based, in the order given) serves data/public/1.3.6.1.6.1.1.<n>.snmprec to community public.
mkdir -p "$work/data/public" "$work/cache"
recordings=(cisco_16_switch linux-full-walk)
for n in $(seq 0 $((agents - 1))); do
  cp "tests/Sotp.Testing/Snmp/Recordings/${recordings[n % 2]}.snmprec" "$work/data/public/1.3.6.1.6.1.1.$n.snmprec"
  echo "--agent-udpv4-endpoint=127.3.$(( (n + 1) / 256 )).$(( (n + 1) % 256 )):$port"
done >"$work/agents.args"
sed 's/^--agent-udpv4-endpoint=//' "$work/agents.args" >"$work/endpoints"
user=()
if [ "$(id -u)" = 0 ]; then
  chmod -R a+rX "$work"; chmod a+rwx "$work/cache"; user=(--process-user=nobody --process-group=nogroup)
fi
snmpsimd --v2c-arch --data-dir="$work/data" --args-from-file="$work/agents.args" --cache-dir="$work/cache" \
  --logging-method=null "${user[@]}" &
pid=$!
export MIBS= SNMP_PERSISTENT_DIR="$work/tools"
last=$(tail -1 "$work/endpoints")
for _ in $(seq 300); do
  snmpget -v2c -c public -r 0 -t 0.3 "$last" 1.3.6.1.2.1.1.5.0 >/dev/null 2>&1 && break
  sleep 0.1
done
# Warm the simulator's indexes and caches once, so neither side pays for them.
xargs -P "$parallel" -I{} snmpbulkwalk -v2c -c public -On -Cr25 -t 10 {} $root <"$work/endpoints" >/dev/null

measure() { # prints "wall cpu"; the command's output goes to $work/out
  /usr/bin/time -o "$work/time" -f "%e %U %S" "$@" >"$work/out" 2>"$work/err"
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$work/time"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
row() { # name walks varbinds wall cpu
  awk -v n="$1" -v w="$2" -v v="$3" -v s="$4" -v c="$5" \
    'BEGIN {printf "  %-22s %4d walks %7d varbinds %7.3f s %7.1f walks/s %7.3f CPU s\n", n, w, v, s, w / s, c}'
}

read -r nw nc < <(measure xargs -P "$parallel" -I{} snmpbulkwalk -v2c -c public -On -Cr25 -t 10 -r 2 {} $root <"$work/endpoints")
nv=$(wc -l <"$work/out")
read -r cw cc < <(measure dotnet "$ours" many "$work/endpoints" $root 25 public 200)
read -r walks failed varbinds ww wc < <(awk '$1 == "agents" {print $4, $6, $8, $10, $12}' "$work/out")
echo "$agents snmpsim agents (127.3.0.1-$last), $root once each:"
row "snmpbulkwalk -P $parallel" "$agents" "$nv" "$nw" "$nc"
row "sotp (process)" "$walks" "$varbinds" "$cw" "$cc"
row "sotp (round)" "$walks" "$varbinds" "$ww" "$wc"
[ "$failed" = 0 ] || echo "  sotp: $failed walks failed: $(head -3 "$work/err")"
echo "  sotp/snmpbulkwalk walks/s: process $(ratio "$nw" "$cw")x, round $(ratio "$nw" "$ww")x; CPU: process $(ratio "$cc" "$nc")x, round $(ratio "$wc" "$nc")x"
