using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sotp.Bench.Alarms;
using Sotp.Core.Audit;
using Sotp.Core.Users;
using Sotp.Server;
using Sotp.Storage;
using Sotp.Testing;

// Events posted at an even pace to the whole server in this process (HTTP, intake, store, outbox relay, live
// feed, WebSocket), each opening its own alarm; an operator's live connection times the alarm.opened message.
// Usage: Sotp.Bench.Alarms [events=500] [seconds=10] [providers=Sqlite,Postgres]
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var providers = (args.Length > 2 ? args[2] : "Sqlite,Postgres").Split(',').Select(Enum.Parse<StoreProvider>).ToList();
if (events is < 1 or > 100_000 || seconds <= 0)
{
    Console.Error.WriteLine("usage: Sotp.Bench.Alarms [events 1..100000] [seconds > 0] [providers=Sqlite,Postgres]");
    return 2;
}

Console.WriteLine(FormattableString.Invariant($"{events} events in {seconds} s, each opening an alarm; latency = POST sent → alarm.opened received on the WebSocket; {Environment.ProcessorCount} CPUs"));
var failed = false;
foreach (var provider in providers)
{
    using var directory = new TempDirectory();
    var arguments = new List<string>
    {
        $"--Storage:Provider={provider}",
        $"--Storage:DataDirectory={Path.Combine(directory.Path, "data")}",
        "--Urls=http://127.0.0.1:0",
        "--Icmp:Enabled=false",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        "--Logging:LogLevel:Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning",
        "--Logging:Console:FormatterName=simple",
    };
    if (provider == StoreProvider.Postgres)
    {
        arguments.Add($"--Storage:ConnectionString={await (await PostgresServer.SharedAsync()).CreateDatabaseAsync()}");
    }

    await using var app = SotpServer.Build([.. arguments]);
    await app.StartAsync();
    var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    const string password = "bench password on duty";
    foreach (var (name, role) in new[] { ("reporter", Role.Admin), ("operator", Role.Operator) })
    {
        await app.Services.GetRequiredService<UserAccounts>().CreateAsync(name, role, AuditActor.Cli, CancellationToken.None);
        await app.Services.GetRequiredService<IUserStore>().SetPasswordAsync(name, PasswordHasher.Hash(password), false, audit: null, CancellationToken.None);
    }

    var run = await PushRun.StartAsync(address, password);
    await run.PostAsync("warmup", 20, TimeSpan.FromSeconds(1));
    var result = await run.PostAsync("bench", events, TimeSpan.FromSeconds(seconds));
    await run.DisposeAsync();
    await app.StopAsync();

    Console.WriteLine(FormattableString.Invariant(
        $"{provider,-8} pushed {result.Received}/{events}  p50 {result.Percentile(50):0.0} ms  p99 {result.Percentile(99):0.0} ms  max {result.Max:0.0} ms  (POST answered p50 {result.PostPercentile(50):0.0} ms, p99 {result.PostPercentile(99):0.0} ms)  goal p99 < 50 ms: {(result.Percentile(99) < 50 ? "met" : "NOT met")}"));
    failed |= result.Received < events;
}

return failed ? 3 : 0;
