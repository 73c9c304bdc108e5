using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Core.Alarms;
using Sotp.Core.Audit;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;
using Xunit.Abstractions;

namespace Sotp.Server.Tests;

/// <summary>
/// The burst: 500 events in about 10 s into the real server while 10 operator consoles claim alarms over
/// their live channels, with the server killed (SIGKILL) halfway and started again on the same store and port.
/// </summary>
public class AlarmBurstTests(ITestOutputHelper output)
{
    private const int Events = 500;
    private const int Categories = 100;
    private const int Consoles = 10;
    private const string Password = "burst test on duty";

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task EveryAlarmIsClaimedOnce_AndEveryConsoleGetsEverySeqInOrder_AcrossAKill(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        // Claims must not expire during the test: the reaper returning one to NEW would allow a second, legal claim.
        var settings = new Dictionary<string, string?>(store.Settings) { ["Alarms:ClaimTtlSeconds"] = "600", ["Icmp:Enabled"] = "false" };
        var server = ServerProcess.Start(settings);
        var port = server.Port;
        try
        {
            await server.WaitUntilReadyAsync();
            await CreateUserAsync(store, "reporter", Role.Admin);
            var consoles = new List<OperatorConsole>();
            for (var i = 0; i < Consoles; i++)
            {
                await CreateUserAsync(store, $"operator{i}", Role.Operator);
                consoles.Add(await OperatorConsole.SignInAsync(server.Client.BaseAddress!, $"operator{i}", Password));
            }

            var reporter = await SignInAsync(server.Client.BaseAddress!, "reporter");
            var accepted = 0;
            var posting = Task.Run(() => PostEventsAsync(reporter, () => Interlocked.Increment(ref accepted)));
            while (Volatile.Read(ref accepted) < Events / 2)
            {
                await Task.Delay(10);
            }

            await server.KillAsync();
            await server.DisposeAsync();
            server = ServerProcess.StartOnPort(port, settings);
            await server.WaitUntilReadyAsync();
            await posting;

            var alarms = await SettleAsync(reporter, store, consoles);
            var lastSeq = await LastSeqAsync(store);
            foreach (var console in consoles)
            {
                output.WriteLine($"{console.Name}: {console.Seqs.Count} messages, {console.Won.Count} claims won, {console.Reconnects} reconnects");
                await console.DisposeAsync();
            }

            Assert.Empty(consoles.SelectMany(c => c.Faults));
            foreach (var console in consoles)
            {
                Assert.Equal(Enumerable.Range(1, (int)lastSeq).Select(s => (long)s), console.Seqs);
                Assert.All(console.Types, type => Assert.Equal(consoles[0].Types[type.Key], type.Value));
            }

            Assert.Equal(Categories, alarms.Count);
            Assert.Equal(Events, alarms.Sum(a => a.GetProperty("eventCount").GetInt32()));
            foreach (var alarm in alarms)
            {
                var id = alarm.GetProperty("id").GetInt64();
                var winners = consoles.Where(c => c.Won.ContainsKey(id)).Select(c => c.Name).ToList();
                Assert.Equal([alarm.GetProperty("claimedByName").GetString()!], winners);
                Assert.Equal(1, (await ClaimsInLogAsync(reporter, id)));
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Events paced over about 10 s; each retried with its dedup key until the (possibly restarting) server takes it.</summary>
    private static async Task PostEventsAsync(HttpClient reporter, Action accepted)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Events; i++)
        {
            var due = TimeSpan.FromMilliseconds(i * 10_000.0 / Events);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var body = new { siteId = 1, category = $"burst{i % Categories}", code = "test", message = $"burst event {i}", dedupKey = $"burst-{i}" };
            while (true)
            {
                HttpResponseMessage response;
                try
                {
                    response = await reporter.PostAsJsonAsync("/api/v1/events", body);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(100); // The server is down: the same dedup key again once it is back.
                    continue;
                }

                using (response)
                {
                    Assert.True(response.IsSuccessStatusCode, $"event {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }

                accepted();
                break;
            }
        }
    }

    /// <summary>Waits until no alarm is NEW and every console has caught up with the store's last seq.</summary>
    private static async Task<List<JsonElement>> SettleAsync(HttpClient reporter, TestStore store, List<OperatorConsole> consoles)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = await reporter.GetFromJsonAsync<JsonElement>("/api/v1/alarms?pageSize=500");
            var alarms = page.GetProperty("items").EnumerateArray().ToList();
            var lastSeq = await LastSeqAsync(store);
            if ((alarms.All(a => a.GetProperty("state").GetString() != "NEW") && consoles.All(c => c.LastSeq == lastSeq)) || DateTime.UtcNow > deadline)
            {
                return alarms;
            }

            await Task.Delay(200);
        }
    }

    private static async Task<long> LastSeqAsync(TestStore store)
    {
        var (lastSent, pending) = await store.Get<IOutboxStore>().PositionAsync(CancellationToken.None);
        return lastSent + pending;
    }

    private static async Task<int> ClaimsInLogAsync(HttpClient reporter, long alarmId)
    {
        var log = await reporter.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/{alarmId}/log");
        return log.EnumerateArray().Count(entry => entry.GetProperty("text").GetString()!.StartsWith("NEW → CLAIMING", StringComparison.Ordinal));
    }

    private static async Task CreateUserAsync(TestStore store, string username, Role role)
    {
        await store.Get<UserAccounts>().CreateAsync(username, role, AuditActor.Cli, CancellationToken.None);
        await store.Get<IUserStore>().SetPasswordAsync(username, PasswordHasher.Hash(Password), false, audit: null, CancellationToken.None);
    }

    private static async Task<HttpClient> SignInAsync(Uri server, string username)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) };
        using var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { username, password = Password });
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return http;
    }
}
