#!/usr/bin/env bash
# IF-MIB walk: our engine vs net-snmp's snmpbulkwalk against the same private snmpd, same run, one walk after the
# other. Both use GetBulk with max-repetitions 25; v2c and v3 authPriv (SHA/AES).
# Rows: snmpbulkwalk is a loop of processes timed by /usr/bin/time (wall, CPU user+system), which is how the tool
# is used; "sotp cold" is our whole process (starting .NET, discovery and the first walk included); "sotp warm" is
# the walks after the first inside that process, as the engine runs in the server.
# Usage: bench/snmp.sh [walks] [root-oid]   (default: 100 1.3.6.1.2.1.2.2, the ifTable)
set -euo pipefail
cd "$(dirname "$0")/.."
walks="${1:-100}"
root="${2:-1.3.6.1.2.1.2.2}"
command -v snmpd >/dev/null || [ -x /usr/sbin/snmpd ] || { [ "$(id -u)" = 0 ] && apt-get install -y -qq --no-install-recommends snmpd snmp >/dev/null; }
[ -x /usr/bin/time ] || { [ "$(id -u)" = 0 ] && apt-get install -y -qq time >/dev/null; }
[ -x /usr/sbin/snmpd ] && command -v snmpbulkwalk >/dev/null && [ -x /usr/bin/time ] ||
  { echo "bench/snmp.sh needs snmpd, snmp and time (apt-get install snmpd snmp time, or run as root)." >&2; exit 1; }
dotnet build bench/snmp -c Release -nologo -v quiet >/dev/null
ours="bench/snmp/bin/Release/net10.0/Sotp.Bench.Snmp.dll"
work=$(mktemp -d)
pid=""
# snmpd writes its persistent file on the way out, so it must be gone before the folder is removed.
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT

port=$(python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
address="127.0.0.1:$port"
mkdir -p "$work/persist"
cat >"$work/snmpd.conf" <<CONF
agentAddress udp:$address
rocommunity public 127.0.0.1 .1
createUser bench SHA "authpass123" AES "privpass123"
rouser bench priv .1
dontLogTCPWrappersConnects yes
CONF
# The address is in the config only (also on the command line = bound twice, exits); -I -smux: no tcp :199.
MIBS= SNMP_PERSISTENT_DIR="$work/persist" /usr/sbin/snmpd -f -C -c "$work/snmpd.conf" -I -smux -Lf "$work/snmpd.log" &
pid=$!
export MIBS= SNMP_PERSISTENT_DIR="$work/tools"
for _ in $(seq 100); do
  snmpget -v2c -c public -r 0 -t 0.1 "$address" 1.3.6.1.2.1.1.3.0 >/dev/null 2>&1 && break
  sleep 0.05
done

measure() { # prints "wall cpu"; the command's output goes to $work/out
  /usr/bin/time -o "$work/time" -f "%e %U %S" "$@" >"$work/out" 2>&1
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$work/time"
}

row() { # name walks varbinds-per-walk wall cpu
  awk -v n="$1" -v w="$2" -v v="$3" -v s="$4" -v c="$5" \
    'BEGIN {printf "  %-13s %4d walks x %4d varbinds %7.3f s %8.1f walks/s %7.3f CPU s\n", n, w, v, s, w / s, c}'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

for mode in v2c v3; do
  if [ "$mode" = v2c ]; then
    tool=(-v2c -c public); mine=(v2c public)
  else
    tool=(-v3 -l authPriv -u bench -a SHA -A authpass123 -x AES -X privpass123); mine=(v3 bench SHA authpass123 AES privpass123)
  fi
  printf '%s\n' "${tool[@]}" >"$work/args"
  read -r nw nc < <(measure bash -c 'mapfile -t a <"$1"; for _ in $(seq "$2"); do snmpbulkwalk "${a[@]}" -On -Cr25 "$3" "$4" || exit 1; done' _ \
    "$work/args" "$walks" "$address" "$root")
  perwalk=$(( $(wc -l <"$work/out") / walks ))
  read -r cw cc < <(measure dotnet "$ours" "$address" "$walks" "$root" 25 "${mine[@]}")
  read -r ourvarbinds ww wc < <(awk '$1 == "walks" {print $4, $6, $8}' "$work/out")
  echo "$mode, $root ($address):"
  row snmpbulkwalk "$walks" "$perwalk" "$nw" "$nc"
  row "sotp cold" "$walks" "$((ourvarbinds / walks))" "$cw" "$cc"
  row "sotp warm" "$walks" "$((ourvarbinds / walks))" "$ww" "$wc"
  echo "  sotp/snmpbulkwalk walks/s: cold $(ratio "$nw" "$cw")x, warm $(ratio "$nw" "$ww")x; CPU: cold $(ratio "$cc" "$nc")x, warm $(ratio "$wc" "$nc")x"
done
