using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sotp.Core;
using Sotp.Core.Devices;
using Sotp.Core.Secrets;
using Sotp.Core.Series;
using Sotp.Core.Sites;
using Sotp.Core.Snmp;
using Sotp.Core.Users;
using Sotp.Server.Snmp;
using Sotp.Storage;
using Sotp.Storage.Migrations;
using Sotp.Testing;
using Sotp.Testing.Snmp;

namespace Sotp.Server.Tests;

/// <summary>
/// The poller over a real store and inventory, polling a real snmpd on a loopback port, with fake time moved a
/// second at a time (the SNMP exchanges themselves run on real time, as they must).
/// </summary>
[Collection(SnmpdCollection.Name)]
public sealed class SnmpPollerTests(SnmpdServer snmpd) : IAsyncDisposable
{
    private static readonly Caller Admin = new(null, "test", Role.Master);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
    private readonly SnmpBoard _board = new();
    private TestStore? _store;
    private SnmpPoller? _poller;

    [SnmpdFact]
    public async Task OnePoll_FindsTheInterfacesSnmpwalkNames_AndTheSystem()
    {
        var device = await StartAsync(SnmpdServer.Community);
        var board = _board;

        await _time.AdvanceUntilAsync(() => board.Get(device)?.Status == SnmpPollStatus.Ok, maxSeconds: 300, pauseMilliseconds: 20);

        var view = board.Get(device)!;
        var names = (await snmpd.RunToolAsync("snmpwalk", ["-v2c", "-c", SnmpdServer.Community, "-Oqv", snmpd.Address, "1.3.6.1.2.1.31.1.1.1.1"]))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim().Trim('"'));
        Assert.Equal(names, view.Interfaces.Select(i => i.Name));
        Assert.Equal((SnmpdServer.SysName, "Net-SNMP"), (view.System!.Name, view.System.Vendor));
        Assert.Equal(view.LastPollAt, view.LastSuccessAt);
        Assert.All(view.Interfaces, i => Assert.Null(i.InBps));
    }

    [SnmpdFact]
    public async Task TwoPolls_GiveRatesPerInterface_ThatAreRealNumbers()
    {
        var device = await StartAsync(SnmpdServer.Community);
        var board = _board;
        await _time.AdvanceUntilAsync(() => board.Get(device)?.Status == SnmpPollStatus.Ok, maxSeconds: 300, pauseMilliseconds: 20);
        var first = board.Get(device)!.LastSuccessAt;

        await _time.AdvanceUntilAsync(() => board.Get(device)?.LastSuccessAt > first, maxSeconds: 300, pauseMilliseconds: 20);

        var latest = _store!.Get<LatestSeriesValues>().ForDevice(device);
        var rates = latest.Where(v => v.Metric is SnmpSeriesNames.InBps or SnmpSeriesNames.OutBps).ToList();
        Assert.NotEmpty(rates);
        Assert.All(rates, rate => Assert.True(double.IsFinite(rate.Value) && rate.Value >= 0, $"{rate.Metric} {rate.Labels} = {rate.Value}"));
        Assert.Contains(latest, v => v is { Metric: SnmpSeriesNames.OperStatus, Labels: "interface=lo", Value: 1 });
        Assert.Contains(board.Get(device)!.Interfaces, i => i.InBps is >= 0);
    }

    [SnmpdFact]
    public async Task AWrongCommunity_IsATimeoutWithAReason_AndStoresNoPoint()
    {
        var device = await StartAsync("not-the-community");
        var board = _board;

        await _time.AdvanceUntilAsync(() => board.Get(device) is { Status: not SnmpPollStatus.NotPolled }, maxSeconds: 300, pauseMilliseconds: 20);

        var view = board.Get(device)!;
        Assert.Equal(SnmpPollStatus.Timeout, view.Status);
        Assert.Contains("wrong community", view.Reason);
        Assert.Null(view.LastSuccessAt);
        Assert.Empty(_store!.Get<LatestSeriesValues>().ForDevice(device));
    }

    [SnmpdFact]
    public async Task AWrongV3Password_IsAnAuthError()
    {
        var user = SnmpdUser.Named("sha_aes");
        var device = await StartAsync(null, (user.Name, "wrong-password-1"));
        var board = _board;

        await _time.AdvanceUntilAsync(() => board.Get(device) is { Status: not SnmpPollStatus.NotPolled }, maxSeconds: 300, pauseMilliseconds: 20);

        Assert.Equal(SnmpPollStatus.AuthError, board.Get(device)!.Status);
        Assert.Contains("authentication", board.Get(device)!.Reason);
        Assert.Empty(_store!.Get<LatestSeriesValues>().ForDevice(device));
    }

    [SnmpdFact]
    public async Task TheServer_PollsADeviceCreatedOverTheApi_AndServesWhatItFound()
    {
        // Near the real clock: the server checks the tokens it issues against it.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await InMemoryServer.StartAsync(StoreProvider.Sqlite, time, new Dictionary<string, string?>
        {
            ["Snmp:Enabled"] = "true",
            ["Snmp:Port"] = snmpd.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Snmp:TimeoutMilliseconds"] = "1000",
        });
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        using var secret = await admin.PostAsJsonAsync("/api/v1/secrets", new { name = "lab community", kind = "SNMP_COMMUNITY", siteId = 1, value = SnmpdServer.Community });
        Assert.True(secret.IsSuccessStatusCode, await secret.Content.ReadAsStringAsync());
        var secretId = (await secret.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var created = await admin.PostAsJsonAsync("/api/v1/devices", new
        {
            siteId = 1, name = "lab-snmpd", kind = "SERVER", address = "127.0.0.1", snmpIntervalSeconds = 30,
            credentials = new { snmpVersion = "V2C", snmpCommunitySecretId = secretId },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var device = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var board = server.Factory.Services.GetRequiredService<SnmpBoard>();

        await time.AdvanceUntilAsync(() => board.Get(device)?.Status == SnmpPollStatus.Ok, maxSeconds: 300, pauseMilliseconds: 20);
        var state = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{device}/snmp");

        Assert.Equal(("OK", SnmpdServer.SysName), (state.GetProperty("status").GetString(), state.GetProperty("system").GetProperty("name").GetString()));
        Assert.Contains(state.GetProperty("interfaces").EnumerateArray(), i => i.GetProperty("name").GetString() == "lo");
        Assert.Contains("""sotp_snmp_polls_total{otel_scope_name="Sotp.Snmp",status="OK"}""", await server.Client.GetStringAsync("/metrics"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_poller is not null)
        {
            await _poller.StopAsync(CancellationToken.None);
            _poller.Dispose();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    /// <summary>A store with one device pointing at the test snmpd (v2c with this community, or v3 SHA/AES with this user and password), and the poller running.</summary>
    private async Task<long> StartAsync(string? community, (string User, string Password)? v3 = null)
    {
        _store = await TestStore.CreateAsync(StoreProvider.Sqlite, services => services.AddSingleton<TimeProvider>(_time));
        await _store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        var site = await _store.Get<ISiteStore>().CreateAsync(new SiteData("Lab", null, null, null, null, SiteStatus.Active, null, null), Admin, CancellationToken.None);
        var vault = _store.Get<SecretVault>();
        DeviceCredentials credentials;
        if (v3 is { } user)
        {
            var auth = await vault.CreateAsync("v3 auth", "SNMP_V3_AUTH", site.Id, user.Password, Admin, CancellationToken.None);
            var priv = await vault.CreateAsync("v3 priv", "SNMP_V3_PRIV", site.Id, SnmpdUser.PrivPassword, Admin, CancellationToken.None);
            credentials = new DeviceCredentials(SnmpVersion.V3, SnmpV3User: user.User, SnmpV3AuthProtocol: SnmpAuthProtocol.Sha, SnmpV3AuthSecretId: auth.Id,
                SnmpV3PrivProtocol: SnmpPrivProtocol.Aes, SnmpV3PrivSecretId: priv.Id);
        }
        else
        {
            var secret = await vault.CreateAsync("community", "SNMP_COMMUNITY", site.Id, community, Admin, CancellationToken.None);
            credentials = new DeviceCredentials(SnmpVersion.V2c, secret.Id);
        }

        var device = await _store.Get<IDeviceStore>().CreateAsync(
            new DeviceData(site.Id, "snmpd", DeviceKind.Server, null, null, "127.0.0.1", [], null, true, 30, 60, credentials), Admin, CancellationToken.None);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var options = new SnmpOptions { Port = snmpd.Endpoint.Port, TimeoutMilliseconds = 1000, Retries = 0 };
        _poller = new SnmpPoller(_store.Get<IDeviceStore>(), _store.Get<InventoryChanges>(), _board, new SnmpCredentialResolver(vault),
            _store.Get<SeriesWriter>(), Options.Create(options), new SnmpMetrics(meters), _time, NullLogger<SnmpPoller>.Instance, new RecordingEventSink());
        await _poller.StartAsync(CancellationToken.None);
        return device.Id;
    }
}
