#!/usr/bin/env bash
# Alarm push latency: events posted to the whole server (in one process) at 50/s, each opening an alarm, and the
# time until an operator's WebSocket receives the alarm.opened message; p50/p99/max on SQLite and PostgreSQL.
# Usage: bench/alarms.sh [events=500] [seconds=10] [providers=Sqlite,Postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/alarms -c Release -nologo -v quiet >/dev/null
exec dotnet bench/alarms/bin/Release/net10.0/Sotp.Bench.Alarms.dll "$@"
