using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class AuditApiTests
{
    private const string Password = "night shift on duty";

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AnAuditor_SeesLoginsAndFailures_WithRequestIdAndAnIntactChain(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        await server.CreateUserAsync("audrey", Role.Auditor, Password);
        using var failed = await server.LoginAsync("audrey", "wrong one");
        var (client, _) = await server.LoginClientAsync("audrey", Password);

        var failures = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=auth.login_failed");
        var verify = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");

        var failure = Assert.Single(failures.GetProperty("items").EnumerateArray());
        Assert.Equal("audrey", failure.GetProperty("actorName").GetString());
        Assert.Equal(failed.Headers.GetValues("X-Request-Id").Single(), failure.GetProperty("requestId").GetString());
        Assert.True(verify.GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task AFailedLoginWithAnUnknownName_KeepsOnlyAHashOfWhatWasTyped()
    {
        await using var server = await InMemoryServer.StartAsync();
        await server.CreateUserAsync("audrey", Role.Auditor, Password);
        using var first = await server.LoginAsync("my secret pass", "x");
        using var second = await server.LoginAsync("my secret pass", "y");
        var (client, _) = await server.LoginClientAsync("audrey", Password);

        var failures = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=auth.login_failed");
        using var export = await client.GetAsync("/api/v1/audit/export");

        var names = failures.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("actorName").GetString()).ToList();
        Assert.Equal(2, names.Count);
        Assert.Single(names.Distinct());
        Assert.StartsWith("unknown#", names[0]);
        Assert.DoesNotContain("secret", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_GivesCsvOldestFirst_AndIsItselfAudited()
    {
        await using var server = await InMemoryServer.StartAsync();
        await server.CreateUserAsync("audrey", Role.Auditor, Password);
        var (client, _) = await server.LoginClientAsync("audrey", Password);

        using var response = await client.GetAsync("/api/v1/audit/export?action=auth.login");
        var lines = (await response.Content.ReadAsStringAsync()).Trim().Split('\n');
        var exports = await client.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=audit.exported");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("id,at,actorId,actorName", lines[0].TrimStart('\uFEFF'));
        Assert.Contains("audrey", lines[1]);
        Assert.Equal(1, exports.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData(Role.Admin)]
    [InlineData(Role.Operator)]
    [InlineData(Role.ReadOnly)]
    public async Task OtherRoles_AreForbidden(Role role)
    {
        await using var server = await InMemoryServer.StartAsync();
        await server.CreateUserAsync("someone", role, Password);
        var (client, _) = await server.LoginClientAsync("someone", Password);

        using var response = await client.GetAsync("/api/v1/audit");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task WithoutAToken_Is401()
    {
        await using var server = await InMemoryServer.StartAsync();

        using var response = await server.Client.GetAsync("/api/v1/audit");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?pageSize=100000", "pageSize")]
    public async Task BadPaging_NamesTheParameter(string query, string field)
    {
        await using var server = await InMemoryServer.StartAsync();
        await server.CreateUserAsync("boss", Role.Master, Password);
        var (client, _) = await server.LoginClientAsync("boss", Password);

        using var response = await client.GetAsync("/api/v1/audit" + query);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }
}
