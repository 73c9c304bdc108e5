using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sotp.Core.Series;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class SeriesApiTests
{
    private static readonly SeriesKey Rtt = new(1, "icmp.rtt_ms");

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AChart_GetsRawPointsWhenTheyFit_AndRollUpsWhenTheyDoNot(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var reader = await server.SignedInAsync("reader", Role.ReadOnly);
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-3);
        // Three hours of one point every 30 s: 360 raw points, 36 five-minute buckets, 3 hours.
        var points = Enumerable.Range(0, 360).Select(i => new SeriesPoint(Rtt, start.AddSeconds(30 * i), i % 10)).ToList();
        await server.Store.Get<ISeriesStore>().AppendAsync(points, CancellationToken.None);
        var range = $"device=1&metric=icmp.rtt_ms&from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(start.AddHours(3).ToString("O"))}";

        var raw = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/series?{range}&maxPoints=500");
        var fiveMinutes = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/series?{range}&maxPoints=100");
        var hourly = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/series?{range}&maxPoints=10");
        var merged = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/series?{range}&maxPoints=2");

        Assert.Equal(("RAW", 360), (raw.GetProperty("resolution").GetString(), raw.GetProperty("points").GetArrayLength()));
        Assert.Equal(("FIVE_MINUTES", 36), (fiveMinutes.GetProperty("resolution").GetString(), fiveMinutes.GetProperty("points").GetArrayLength()));
        Assert.Equal(("HOUR", 3), (hourly.GetProperty("resolution").GetString(), hourly.GetProperty("points").GetArrayLength()));
        Assert.Equal(2, merged.GetProperty("points").GetArrayLength());
        var firstHour = hourly.GetProperty("points")[0];
        Assert.Equal((4.5, 0.0, 9.0, 120L), (firstHour.GetProperty("avg").GetDouble(), firstHour.GetProperty("min").GetDouble(),
            firstHour.GetProperty("max").GetDouble(), firstHour.GetProperty("count").GetInt64()));
    }

    [Fact]
    public async Task LatestValues_ComeFromMemory()
    {
        await using var server = await InMemoryServer.StartAsync();
        var reader = await server.SignedInAsync("reader", Role.ReadOnly);
        server.Factory.Services.GetRequiredService<SeriesWriter>().Write(new SeriesPoint(Rtt, DateTimeOffset.UtcNow, 0.25));

        var latest = await reader.GetFromJsonAsync<JsonElement>("/api/v1/devices/1/series");

        var only = Assert.Single(latest.EnumerateArray());
        Assert.Equal(("icmp.rtt_ms", 0.25), (only.GetProperty("metric").GetString(), only.GetProperty("value").GetDouble()));
    }

    [Theory]
    [InlineData("device=1&metric=icmp.rtt_ms&maxPoints=0", "maxPoints")]
    [InlineData("device=1&metric=icmp.rtt_ms&from=2026-12-01T04:00:00Z&to=2026-12-01T03:00:00Z", "from")]
    [InlineData("device=1&metric=%20", "metric")]
    public async Task BadQueries_AreRefusedNamingTheField(string query, string field)
    {
        await using var server = await InMemoryServer.StartAsync();
        var reader = await server.SignedInAsync("reader", Role.ReadOnly);

        using var response = await reader.GetAsync($"/api/v1/series?{query}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task AFieldWorker_Gets404ForTheSeriesOfADeviceOutsideTheirSites()
    {
        await using var server = await InMemoryServer.StartAsync();
        await server.CreateUserAsync("field", Role.FieldWorker, InMemoryServer.TestPassword);
        var (field, _) = await server.LoginClientAsync("field", InMemoryServer.TestPassword);

        using var series = await field.GetAsync("/api/v1/series?device=1&metric=icmp.rtt_ms");
        using var latest = await field.GetAsync("/api/v1/devices/1/series");

        await ProblemAssert.IsProblemAsync(series, HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.IsProblemAsync(latest, HttpStatusCode.NotFound, "not_found");
    }
}
