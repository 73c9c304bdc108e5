using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sotp.Bench.Soak;
using Sotp.Bench.SnmpSoak;
using Sotp.Core;
using Sotp.Core.Devices;
using Sotp.Core.Import;
using Sotp.Core.Secrets;
using Sotp.Core.Series;
using Sotp.Core.Users;
using Sotp.Server;
using Sotp.Server.Snmp;

// The whole server (schedules, SNMP poller, series store on SQLite in a temporary folder, HTTP; ICMP and traps off)
// in this process, with one device per address of <addresses-file> (agents answering v2c community "public" on
// <port>), each polled every <interval> s for <minutes> minutes. Prints CPU per minute, peak RSS, polls by status,
// poll lateness and series points.
// Usage: Sotp.Bench.SnmpSoak <addresses-file> <port> [minutes=10] [interval-s=300]
if (args.Length is < 2 or > 4)
{
    Console.Error.WriteLine("usage: Sotp.Bench.SnmpSoak <addresses-file> <port> [minutes=10] [interval-s=300]");
    return 2;
}

var addresses = File.ReadAllLines(args[0]).Where(line => line.Length > 0).ToList();
var port = int.Parse(args[1], CultureInfo.InvariantCulture);
var minutes = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var interval = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : DeviceInput.DefaultSnmpIntervalSeconds;
if (minutes <= 0 || interval is < 30 or > 86_400)
{
    Console.Error.WriteLine("minutes > 0, interval-s 30..86400");
    return 2;
}

var dataDirectory = Directory.CreateTempSubdirectory("sotp-snmp-soak-");
using var recorder = new PollRecorder();
try
{
    await using var app = SotpServer.Build([
        $"--Storage:DataDirectory={dataDirectory.FullName}",
        "--Urls=http://127.0.0.1:0",
        "--Icmp:Enabled=false",
        "--Snmp:Enabled=true",
        "--Snmp:TrapsEnabled=false",
        $"--Snmp:Port={port}",
        // Per-device problems of 2,000 devices and the HTTP lines would bury the figures; errors still show.
        "--Logging:LogLevel:Default=Error",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        "--Logging:Console:FormatterName=simple",
    ]);
    await app.StartAsync();
    var setupWatch = Stopwatch.StartNew();
    await ImportAsync(app.Services, addresses, interval);
    Console.WriteLine(FormattableString.Invariant(
        $"imported {addresses.Count} devices ({addresses[0]} …, SNMP v2c every {interval} s, agents on port {port}) in {setupWatch.Elapsed.TotalSeconds:0.0} s; server start and import used {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.0} CPU s"));
    var options = app.Services.GetRequiredService<IOptions<SnmpOptions>>().Value;
    Console.WriteLine(FormattableString.Invariant(
        $"settings: timeout {options.TimeoutMilliseconds} ms, {options.Retries} retries, max-repetitions {options.MaxRepetitions}, {options.MaxConcurrentPolls} polls at once; {Environment.ProcessorCount} CPUs"));

    recorder.Reset();
    app.Services.GetRequiredService<InventoryChanges>().Signal();
    var series = app.Services.GetRequiredService<SeriesWriter>();
    var writtenBefore = series.Written;
    var droppedBefore = series.Dropped;
    var (cpuTotal, elapsed) = await Soak.RunMinutesAsync(minutes, () =>
    {
        var (started, _, p99, _, _) = recorder.LatenessSummary();
        return FormattableString.Invariant($"polls started {started}, finished {recorder.Finished}, lateness p99 {p99 * 1000:0.0} ms so far");
    });
    var summary = recorder.LatenessSummary();
    var expected = (long)(addresses.Count * elapsed.TotalSeconds / interval);
    var statuses = recorder.Statuses;

    Console.WriteLine();
    Console.WriteLine(FormattableString.Invariant($"soak: {addresses.Count} devices every {interval} s for {elapsed.TotalSeconds:0} s"));
    Console.WriteLine(FormattableString.Invariant(
        $"  CPU            {cpuTotal.TotalSeconds:0.0} s = {100 * cpuTotal / elapsed:0.0} % of one core on average (whole process)"));
    Console.WriteLine(FormattableString.Invariant($"  peak RSS       {Soak.Rss("VmHWM")} MiB (VmHWM, start-up and import included)"));
    Console.WriteLine(FormattableString.Invariant(
        $"  polls          {summary.Started} started, {recorder.Finished} finished (≈{expected} due), {recorder.SkippedTurns} turns skipped, {recorder.ProblemCount} problems"));
    Console.WriteLine("  by status      " + (statuses.Count == 0 ? "none" : string.Join(", ", statuses.Select(s => FormattableString.Invariant($"{s.Key} {s.Value}")))));
    Console.WriteLine(FormattableString.Invariant(
        $"  lateness       p50 {summary.P50 * 1000:0.000} ms, p99 {summary.P99 * 1000:0.000} ms, max {summary.Max * 1000:0.000} ms, {summary.OverASecond} over 1 s (poll start after its due time)"));
    Console.WriteLine(FormattableString.Invariant(
        $"  series points  {series.Written - writtenBefore} written, {series.Dropped - droppedBefore} dropped, {series.Pending} pending, {series.Failures} failed batches"));

    await app.StopAsync();
    var failed = statuses.Where(s => s.Key is not ("OK" or "PARTIAL")).Sum(s => s.Value);
    return failed == 0 && series.Dropped == droppedBefore ? 0 : 3;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    dataDirectory.Delete(recursive: true);
}

// A site and the devices through the same import as POST /api/v1/devices/import?commit=true, in one transaction; then
// the community as a secret of the site and each device given it, as an operator does in the device form.
static async Task ImportAsync(IServiceProvider services, IReadOnlyList<string> addresses, int interval)
{
    var import = services.GetRequiredService<InventoryImport>();
    var caller = new Caller(null, "snmp-soak", Role.System);
    await Soak.CommitAsync(import.ImportSitesAsync(TableReader.ReadCsv("name\nsnmp-soak\n"u8.ToArray()), true, caller, CancellationToken.None));
    var csv = new StringBuilder("site,name,kind,address,snmpIntervalSeconds\n");
    for (var i = 0; i < addresses.Count; i++)
    {
        csv.Append(CultureInfo.InvariantCulture, $"snmp-soak,snmp-soak-{i},SWITCH,{addresses[i]},{interval}\n");
    }

    await Soak.CommitAsync(import.ImportDevicesAsync(TableReader.ReadCsv(Encoding.UTF8.GetBytes(csv.ToString())), true, caller, CancellationToken.None));
    var store = services.GetRequiredService<IDeviceStore>();
    var devices = (await store.ListAllAsync(new DeviceFilter(), CancellationToken.None)).Where(d => d.Name.StartsWith("snmp-soak-", StringComparison.Ordinal)).ToList();
    var secret = await services.GetRequiredService<SecretVault>().CreateAsync("soak community", "SNMP_COMMUNITY", devices[0].SiteId, "public", caller, CancellationToken.None);
    var credentials = new DeviceCredentials(SnmpVersion.V2c, secret.Id);
    foreach (var device in devices)
    {
        await store.UpdateAsync(device.Id, device.Version, new DeviceData(device.SiteId, device.Name, device.Kind, device.Vendor, device.Model, device.Address,
            device.Tags, device.ParentId, true, device.IcmpIntervalSeconds, device.SnmpIntervalSeconds, credentials), caller, CancellationToken.None);
    }
}

