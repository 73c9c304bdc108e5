#!/usr/bin/env bash
# ICMP sweep: our engine vs fping on the same addresses in 127.1.0.0/16 (loopback answers them all), same run.
# Two shapes: one echo per host (fping -c 1) and three echoes 1 s apart (fping -C 3 -p 1000); both flat out
# (fping -i 0; our pacer at 1,000,000 packets/s) with a 500 ms timeout. Needs root (raw sockets) and fping.
# Rows: fping and "sotp cold" are whole processes timed by /usr/bin/time (wall, CPU user+system, peak RSS), so
# cold includes starting .NET; "sotp warm" is the second sweep inside one process, as the engine runs in the server.
# Usage: bench/icmp.sh [host counts...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "bench/icmp.sh needs root for raw ICMP sockets (fping too, at -i 0)." >&2; exit 1; }
command -v fping >/dev/null && [ -x /usr/bin/time ] && command -v bc >/dev/null || apt-get install -y -qq fping time bc >/dev/null
dotnet build bench/icmp -c Release -nologo -v quiet >/dev/null
ours="bench/icmp/bin/Release/net10.0/Sotp.Bench.Icmp.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs a command under /usr/bin/time; prints "wall cpu rss_kb"; the command's output goes to $work/out.
measure() {
  /usr/bin/time -o "$work/time" -f "%e %U %S %M" "$@" >"$work/out" 2>&1
  awk '{printf "%.3f %.3f %d\n", $1, $2 + $3, $4}' "$work/time"
}

row() { # name shape hosts wall cpu rss_kb received expected avg_rtt
  printf "%-10s %-5s %6d hosts %7.3f s %8.0f hosts/s %6.2f CPU s %6.1f MiB %6d/%-6d answered  avg RTT %s ms\n" \
    "$1" "$2" "$3" "$4" "$(echo "$3 / $4" | bc -l)" "$5" "$(echo "$6 / 1024" | bc -l)" "$7" "$8" "$9"
}

ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }

for n in ${@:-1000 10000}; do
  seq 0 $((n - 1)) | awk '{printf "127.1.%d.%d\n", int($1 / 250), $1 % 250 + 1}' >"$work/hosts"
  for shape in "-c 1" "-C 3"; do
    if [ "$shape" = "-c 1" ]; then count=1; fargs=(-c 1); else count=3; fargs=(-C 3 -p 1000); fi
    expected=$((n * count))

    read -r fw fc fr < <(measure fping "${fargs[@]}" -q -i 0 -t 500 -f "$work/hosts")
    # -c prints "xmt/rcv/%loss = 1/1/0%, min/avg/max = a/b/c"; -C prints the RTTs, "-" for a lost one.
    if [ "$count" = 1 ]; then
      read -r freceived frtt < <(awk -F'[ /=,]+' '/xmt/ {r += $7; if ($7) s += $(NF-1)} END {printf "%d %.3f\n", r, r ? s / r : 0}' "$work/out")
    else
      read -r freceived frtt < <(awk -F' : ' '{n = split($2, v, " "); for (i = 1; i <= n; i++) if (v[i] != "-") {r++; s += v[i]}} END {printf "%d %.3f\n", r, r ? s / r : 0}' "$work/out")
    fi
    read -r cw cc cr < <(measure dotnet "$ours" "$work/hosts" "$count" 1000 500 1000000 1)
    read -r creceived crtt < <(awk '{print $6, $8}' "$work/out")
    read -r _ _ wr < <(measure dotnet "$ours" "$work/hosts" "$count" 1000 500 1000000 2)
    read -r wreceived wrtt ww wc < <(awk '$2 == 2 {print $6, $8, $10, $12}' "$work/out")

    row fping "$shape" "$n" "$fw" "$fc" "$fr" "$freceived" "$expected" "$frtt"
    row "sotp cold" "$shape" "$n" "$cw" "$cc" "$cr" "$creceived" "$expected" "$crtt"
    row "sotp warm" "$shape" "$n" "$ww" "$wc" "$wr" "$wreceived" "$expected" "$wrtt"
    echo "  sotp/fping hosts/s: cold $(ratio "$fw" "$cw")x, warm $(ratio "$fw" "$ww")x; CPU: cold $(ratio "$cc" "$fc + 0.005")x, warm $(ratio "$wc" "$fc + 0.005")x"
  done
done
