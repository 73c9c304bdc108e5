using System.Net;
using System.Text.Json;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class HealthAndDocsTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Readyz_AfterStart_IsHealthyWithEveryCheckNamed(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var client = server.Client;

        using var response = await client.GetAsync("/readyz");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("startup").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_AnswersWithoutTouchingTheStore()
    {
        await using var server = await InMemoryServer.StartAsync();
        var client = server.Client;

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"checks\":{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_ExposeHttpGcAndStoreFiguresInPrometheusFormat()
    {
        await using var server = await InMemoryServer.StartAsync();
        var client = server.Client;
        await client.GetAsync("/readyz");

        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("http_server_request_duration_seconds_count{", text);
        Assert.Contains("dotnet_gc_collections_total{", text);
        Assert.Matches("sotp_store_operation_duration_seconds_count\\{[^}]*operation=\"ping\"", text);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        await using var server = await InMemoryServer.StartAsync();
        var client = server.Client;

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        Assert.Equal("SOTP API", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/api/v1/version", out _));
    }

    [Fact]
    public async Task EveryOperation_HasASummaryForANewUser()
    {
        await using var server = await InMemoryServer.StartAsync();

        using var document = JsonDocument.Parse(await server.Client.GetStringAsync("/openapi/v1.json"));

        var undocumented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Path: path.Name, Method: operation.Name, Operation: operation.Value)))
            .Where(o => !o.Operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            .Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}")
            .ToList();
        Assert.Empty(undocumented);
    }

    [Fact]
    public async Task ApiReference_IsServedWithItsScriptFromThisServer()
    {
        await using var server = await InMemoryServer.StartAsync();
        var client = server.Client;

        var page = await client.GetStringAsync("/api/docs/");
        using var script = await client.GetAsync("/api/docs/scalar.js");

        Assert.Contains("<title>SOTP API</title>", page);
        Assert.Contains("openapi/v1.json", page);
        // Operators' networks are often closed: the reference must not need a CDN.
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
