using System.Net;
using System.Text.Json;

namespace Sotp.Server.Tests;

public class ErrorShapeTests
{
    [Fact]
    public async Task UnknownRoute_Is404ProblemDetailsWithCodeAndRequestId()
    {
        await using var server = await InMemoryServer.StartAsync();
        var client = server.Client;

        using var response = await client.GetAsync("/api/v1/no-such-thing");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("route_not_found", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.RootElement.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task WrongMethod_Is405ProblemDetails()
    {
        await using var server = await InMemoryServer.StartAsync();
        var client = server.Client;

        using var response = await client.DeleteAsync("/api/v1/version");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("method_not_allowed", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ErrorResponses_AreCountedByCodeOnMetrics()
    {
        await using var server = await InMemoryServer.StartAsync();
        var client = server.Client;
        await client.GetAsync("/nowhere");

        var metrics = await client.GetStringAsync("/metrics");

        Assert.Matches("sotp_http_errors_total\\{[^}]*code=\"route_not_found\"[^}]*\\} [1-9]", metrics);
    }
}
