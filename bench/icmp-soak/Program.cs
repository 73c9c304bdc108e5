using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sotp.Bench.IcmpSoak;
using Sotp.Bench.Soak;
using Sotp.Core;
using Sotp.Core.Import;
using Sotp.Core.Devices;
using Sotp.Core.Monitoring;
using Sotp.Core.Series;
using Sotp.Core.Users;
using Sotp.Server;
using Sotp.Server.Monitoring;

// The whole server (schedules, ICMP engine, status board, series store on SQLite in a temporary folder, HTTP) in
// this process, with <devices> devices at 127.1.x.y imported in one transaction through the CSV import, each
// pinged every <interval> s for <minutes> minutes. Prints CPU per minute, peak RSS, probe lateness, status and series.
// Usage: Sotp.Bench.IcmpSoak [minutes=3] [devices=10000] [interval-s=30]
var minutes = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var deviceCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var interval = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : DeviceInput.DefaultIcmpIntervalSeconds;
if (minutes <= 0 || deviceCount is < 1 or > 62_500 || interval is < 5 or > 3600)
{
    Console.Error.WriteLine("usage: Sotp.Bench.IcmpSoak [minutes > 0] [devices 1..62500] [interval-s 5..3600]");
    return 2;
}

if (!Environment.IsPrivilegedProcess)
{
    Console.Error.WriteLine("icmp-soak needs root: the server pings through a raw ICMP socket (run it with sudo).");
    return 1;
}

var dataDirectory = Directory.CreateTempSubdirectory("sotp-soak-");
using var recorder = new ProbeRecorder();
try
{
    await using var app = SotpServer.Build([
        $"--Storage:DataDirectory={dataDirectory.FullName}",
        "--Urls=http://127.0.0.1:0",
        "--Icmp:Enabled=true",
        // Status changes of 10,000 devices and the HTTP lines would bury the figures; warnings and errors still show.
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        "--Logging:Console:FormatterName=simple",
    ]);
    await app.StartAsync();
    var setupWatch = Stopwatch.StartNew();
    var imported = await ImportAsync(app.Services, deviceCount, interval);
    Console.WriteLine(FormattableString.Invariant(
        $"imported {deviceCount} devices (127.1.0.1 …, ICMP every {interval} s) in {setupWatch.Elapsed.TotalSeconds:0.0} s; server start and import used {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.0} CPU s"));

    var options = app.Services.GetRequiredService<IOptions<IcmpOptions>>().Value;
    Console.WriteLine(FormattableString.Invariant(
        $"settings: {options.EchoCount} echoes {options.EchoIntervalMilliseconds} ms apart, timeout {options.TimeoutMilliseconds} ms, {options.PacketsPerSecond} packets/s, {options.MaxConcurrentProbes} probes in flight; {Environment.ProcessorCount} CPUs"));

    recorder.Reset();
    var series = app.Services.GetRequiredService<SeriesWriter>();
    var writtenBefore = series.Written;
    var droppedBefore = series.Dropped;
    var (cpuTotal, elapsed) = await Soak.RunMinutesAsync(minutes, () =>
    {
        var (started, _, p99, _, _) = recorder.LatenessSummary();
        return FormattableString.Invariant($"probes started {started}, lateness p99 {p99 * 1000:0.0} ms so far");
    });
    var summary = recorder.LatenessSummary();
    var states = app.Services.GetRequiredService<DeviceStatusBoard>().Count(imported);
    var expected = (long)(deviceCount * elapsed.TotalSeconds / interval);

    Console.WriteLine();
    Console.WriteLine(FormattableString.Invariant($"soak: {deviceCount} devices every {interval} s for {elapsed.TotalSeconds:0} s"));
    Console.WriteLine(FormattableString.Invariant(
        $"  CPU            {cpuTotal.TotalSeconds:0.0} s = {100 * cpuTotal / elapsed:0.0} % of one core on average (whole process)"));
    Console.WriteLine(FormattableString.Invariant($"  peak RSS       {Soak.Rss("VmHWM")} MiB (VmHWM, start-up and import included)"));
    Console.WriteLine(FormattableString.Invariant(
        $"  probes         {summary.Started} started (≈{expected} due), {recorder.Answered} answered, {recorder.Lost} lost, {recorder.SkippedTurns} turns skipped, {recorder.ProblemCount} problems"));
    Console.WriteLine(FormattableString.Invariant(
        $"  lateness       p50 {summary.P50 * 1000:0.000} ms, p99 {summary.P99 * 1000:0.000} ms, max {summary.Max * 1000:0.000} ms, {summary.OverASecond} over 1 s (probe start after its due time)"));
    Console.WriteLine(FormattableString.Invariant(
        $"  status at end  {states[DeviceStatus.Up]} UP, {states[DeviceStatus.Down]} DOWN, {states[DeviceStatus.Unknown]} UNKNOWN of {deviceCount}"));
    Console.WriteLine(FormattableString.Invariant(
        $"  series points  {series.Written - writtenBefore} written, {series.Dropped - droppedBefore} dropped, {series.Pending} pending, {series.Failures} failed batches"));

    await app.StopAsync();
    return states[DeviceStatus.Up] == deviceCount && series.Dropped == droppedBefore ? 0 : 3;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    dataDirectory.Delete(recursive: true);
}

// A site and the devices through the same import as POST /api/v1/devices/import?commit=true, in one transaction.
static async Task<IReadOnlyList<long>> ImportAsync(IServiceProvider services, int count, int interval)
{
    var import = services.GetRequiredService<InventoryImport>();
    var caller = new Caller(null, "icmp-soak", Role.System);
    await Soak.CommitAsync(import.ImportSitesAsync(TableReader.ReadCsv("name\nicmp-soak\n"u8.ToArray()), true, caller, CancellationToken.None));
    var csv = new StringBuilder("site,name,kind,address,icmpIntervalSeconds\n");
    for (var i = 0; i < count; i++)
    {
        csv.Append(CultureInfo.InvariantCulture, $"icmp-soak,soak-{i},SERVER,127.1.{i / 250}.{i % 250 + 1},{interval}\n");
    }

    await Soak.CommitAsync(import.ImportDevicesAsync(TableReader.ReadCsv(Encoding.UTF8.GetBytes(csv.ToString())), true, caller, CancellationToken.None));
    var targets = await services.GetRequiredService<IDeviceStore>().PollTargetsAsync(CancellationToken.None);
    return [.. targets.Where(t => t.Address.StartsWith("127.1.", StringComparison.Ordinal)).Select(t => t.DeviceId)];
}

