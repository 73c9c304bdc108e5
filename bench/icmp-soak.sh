#!/usr/bin/env bash
# ICMP soak: the whole server in one process (schedules, engine, status, series store on SQLite in a temporary
# folder) with 10,000 devices at 127.1.x.y (loopback answers them all), each pinged every 30 s with the default
# Icmp settings (3 echoes 1 s apart). Prints CPU per minute, peak RSS, probe lateness p50/p99/max, devices UP at the
# end and series points written/dropped. Exit code 3 when a device is not UP at the end or a point was dropped.
# Usage: bench/icmp-soak.sh [minutes=3] [devices=10000] [interval-s=30]
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "bench/icmp-soak.sh needs root: the server pings through a raw ICMP socket. Run it with sudo." >&2; exit 1; }
dotnet build bench/icmp-soak -c Release -nologo -v quiet >/dev/null
exec dotnet bench/icmp-soak/bin/Release/net10.0/Sotp.Bench.IcmpSoak.dll "$@"
