using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sotp.Core.Notifications;
using Sotp.Core.Users;
using Sotp.Storage;

namespace Sotp.Server.Tests.Notifications;

/// <summary>A server on fake time with an admin and an operator, and the calls the notification tests share.</summary>
public sealed class NotificationTestBed : IAsyncDisposable
{
    /// <summary>The demo site every fresh store has.</summary>
    public const long DemoSite = 1;

    /// <summary>Retry budget and back-off of these tests: attempts at 0 s, +10 s, +20 s.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Notifications:MaxAttempts"] = "3",
        ["Notifications:FirstRetryDelaySeconds"] = "10",
    };

    private NotificationTestBed(InMemoryServer server, FakeTimeProvider time, HttpClient admin, HttpClient operatorClient)
    {
        Server = server;
        Time = time;
        Admin = admin;
        Operator = operatorClient;
    }

    public InMemoryServer Server { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Admin { get; }

    public HttpClient Operator { get; }

    public NotificationDispatcher Dispatcher => Server.Factory.Services.GetRequiredService<NotificationDispatcher>();

    public static async Task<NotificationTestBed> StartAsync(StoreProvider provider = StoreProvider.Sqlite, Action<IServiceCollection>? services = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = await InMemoryServer.StartAsync(provider, time, Settings, services);
        return new NotificationTestBed(server, time, await server.SignedInAsync("admin2", Role.Admin), await server.SignedInAsync("anna", Role.Operator));
    }

    public async Task<long> CreateSecretAsync(string value, long? siteId = null)
    {
        using var response = await Admin.PostAsJsonAsync("/api/v1/secrets", new { name = $"secret-{Guid.NewGuid():N}", kind = "OTHER", siteId, value });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public async Task<JsonElement> CreateChannelAsync(object body)
    {
        using var response = await Admin.PostAsJsonAsync("/api/v1/notification-channels", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <returns>The id of the alarm the event opened.</returns>
    public async Task<long> OpenAlarmAsync(string priority = "CRITICAL", string category = "intrusion")
    {
        using var response = await Admin.PostAsJsonAsync("/api/v1/events",
            new { siteId = DemoSite, category, code = "zone_alarm", priority, message = "zone 3 violated", dedupKey = $"test:{Guid.NewGuid():N}" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alarmId").GetInt64();
    }

    /// <summary>Takes the alarm from NEW to RESOLVED as the operator.</summary>
    public async Task ResolveAsync(long alarmId)
    {
        var version = 1L;
        foreach (var (step, body) in new (string, object)[] { ("claim", new { }), ("start", new { }), ("ack", new { note = "checked" }), ("resolve", new { }) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/alarms/{alarmId}/{step}") { Content = JsonContent.Create(body) };
            request.Headers.IfMatch.Add(new($"\"{version}\""));
            using var response = await Operator.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{step}: {await response.Content.ReadAsStringAsync()}");
            version = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
        }
    }

    /// <summary>The alarm's delivery log as (channel name, attempt, status, response) lines, in order.</summary>
    public async Task<List<(string Channel, int Attempt, string Status, string? Response)>> LogAsync(long alarmId)
    {
        var log = await Operator.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/{alarmId}/notifications");
        return log.EnumerateArray().Select(line => (line.GetProperty("channelName").GetString()!, line.GetProperty("attempt").GetInt32(),
            line.GetProperty("status").GetString()!, line.GetProperty("response").GetString())).ToList();
    }

    /// <summary>Stops the server and starts a new one on the same store, clock and settings (a restart); ready when returned.</summary>
    public async Task<SotpServerFactory> RestartAsync()
    {
        await Server.Factory.DisposeAsync();
        var settings = new Dictionary<string, string?>(Server.Store.Settings);
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        var restarted = new SotpServerFactory(settings, Time);
        using var client = restarted.CreateClient();
        (await client.GetAsync("/readyz")).EnsureSuccessStatusCode();
        return restarted;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
