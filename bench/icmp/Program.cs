using System.Diagnostics;
using System.Globalization;
using System.Net;
using Sotp.Collectors.Icmp;
using Sotp.Core.Monitoring;

// Pings every address in a file, all in flight together, as the monitor does at scale; repeats the sweep so the
// later ones show the engine warm, as it runs inside the server.
// Usage: Sotp.Bench.Icmp <hosts-file> <count> <interval-ms> <timeout-ms> <packets-per-second> <sweeps>
// Prints one line per sweep: "sweep <k> sent <n> received <n> avg-rtt-ms <x> wall-s <x> cpu-s <x> user-s <x> gc <g0>/<g1>/<g2>"
// (user-s: the part of cpu-s spent outside the kernel; gc: collections so far per generation).
if (args.Length != 6)
{
    Console.Error.WriteLine("usage: Sotp.Bench.Icmp <hosts-file> <count> <interval-ms> <timeout-ms> <packets-per-second> <sweeps>");
    return 2;
}

int Number(int index) => int.Parse(args[index], CultureInfo.InvariantCulture);

var addresses = File.ReadLines(args[0]).Where(line => line.Length > 0).Select(IPAddress.Parse).ToList();
var request = (Count: Number(1), Interval: TimeSpan.FromMilliseconds(Number(2)), Timeout: TimeSpan.FromMilliseconds(Number(3)));
using var engine = new IcmpEngine(Number(4));
var process = Process.GetCurrentProcess();

for (var sweep = 1; sweep <= Number(5); sweep++)
{
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var userBefore = process.UserProcessorTime;
    var started = Stopwatch.GetTimestamp();
    var results = await Task.WhenAll(addresses.Select(address =>
        engine.ProbeAsync(new EchoRequest(address, request.Count, request.Interval, request.Timeout), CancellationToken.None)));
    var wall = Stopwatch.GetElapsedTime(started);
    process.Refresh();
    var cpu = process.TotalProcessorTime - cpuBefore;
    var user = process.UserProcessorTime - userBefore;

    var received = results.Sum(r => r.Received);
    var averageRtt = received == 0 ? 0 : results.Where(r => r.Answered).Sum(r => r.RttAvgMs!.Value * r.Received) / received;
    Console.WriteLine(FormattableString.Invariant(
        $"sweep {sweep} sent {results.Sum(r => r.Sent)} received {received} avg-rtt-ms {averageRtt:0.000} wall-s {wall.TotalSeconds:0.000} cpu-s {cpu.TotalSeconds:0.000} user-s {user.TotalSeconds:0.000} gc {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
}

return 0;
