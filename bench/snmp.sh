#!/usr/bin/env bash
# IF-MIB walk: our engine vs net-snmp's snmpbulkwalk against the same private snmpd, same run, one walk after the
# other. Both use GetBulk with max-repetitions 25; v2c and v3 authPriv (SHA/AES).
# Rows: snmpbulkwalk is a loop of processes timed by /usr/bin/time (wall, CPU user+system), which is how the tool
# is used; "sotp cold" is our whole process (starting .NET, discovery and the first walk included); "sotp warm" is
# the walks after the first inside that process, as the engine runs in the server.
# Then vs Prometheus snmp_exporter (Debian's prometheus-snmp-exporter, installed when missing and run as root) on the
# same snmpd: <walks> scrapes of its if_mib module (walks 1.3.6.1.2.1.2 and ifXTable, gets sysUpTime; private copy
# bench/snmp/snmp_exporter.yml) with curl, one after the other, against our engine walking the same two subtrees
# <walks> times (warm). Exporter CPU = its process's utime+stime from /proc before and after (curl's not counted).
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
epid=""
# The exporter ends on SIGTERM with 143: under set -e that status must not end the trap before snmpd is stopped.
trap 'if [ -n "$epid" ]; then kill "$epid" 2>/dev/null; wait "$epid" 2>/dev/null || true; fi; [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT

freeport() { python3 -c 'import socket, sys; s = socket.socket(socket.AF_INET, getattr(socket, sys.argv[1])); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' "$1"; }
port=$(freeport SOCK_DGRAM)
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

exporter=/usr/bin/prometheus-snmp-exporter
[ -x "$exporter" ] || { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus-snmp-exporter >/dev/null; } || true
if [ ! -x "$exporter" ]; then
  echo "snmp_exporter: skipped (apt-get install prometheus-snmp-exporter, or run as root)"
  exit 0
fi
eport=$(freeport SOCK_STREAM)
"$exporter" --config.file=bench/snmp/snmp_exporter.yml --web.listen-address="127.0.0.1:$eport" >"$work/exporter.log" 2>&1 &
epid=$!
url="http://127.0.0.1:$eport/snmp?target=$address&module=if_mib"
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$eport/metrics" && break; sleep 0.05; done
curl -sf "$url" >"$work/scrape" # warm: the first scrape builds the exporter's SNMP session
cpuof() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.3f\n", ($14 + $15) / hz}' "/proc/$1/stat"; }
ebefore=$(cpuof "$epid")
read -r ew _ < <(measure bash -c 'for _ in $(seq "$1"); do curl -sf -o /dev/null "$2" || exit 1; done' _ "$walks" "$url")
ec=$(awk -v a="$ebefore" -v b="$(cpuof "$epid")" 'BEGIN {printf "%.3f", b - a}')
read -r _ _ < <(measure dotnet "$ours" "$address" "$walks" 1.3.6.1.2.1.2,1.3.6.1.2.1.31.1.1 25 v2c public)
read -r ourvarbinds ww wc < <(awk '$1 == "walks" {print $4, $6, $8}' "$work/out")
echo "v2c, snmp_exporter if_mib vs ours on 1.3.6.1.2.1.2 + 1.3.6.1.2.1.31.1.1 ($address):"
awk -v w="$walks" -v s="$ew" -v c="$ec" -v m="$(grep -vc '^#' "$work/scrape")" \
  'BEGIN {printf "  %-13s %4d scrapes (%d samples) %7.3f s %8.1f walks/s %7.3f CPU s (exporter process)\n", "snmp_exporter", w, m, s, w / s, c}'
row "sotp warm" "$walks" "$((ourvarbinds / walks))" "$ww" "$wc"
echo "  sotp/snmp_exporter walks/s: $(ratio "$ew" "$ww")x; CPU: $(ratio "$wc" "$ec")x"
