using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sotp.Core;
using Sotp.Core.Auth;
using Sotp.Core.Users;
using Sotp.Server.Auth;

namespace Sotp.Server.Tests;

public class PermissionMatrixTests
{
    private const string Password = "night shift on duty";

    /// <summary>Every endpoint that names a permission, called by every role: 403 exactly when the matrix says no.</summary>
    [Fact]
    public async Task EveryGuardedEndpoint_AllowsExactlyTheRolesOfItsPermission()
    {
        await using var server = await InMemoryServer.StartAsync();
        var clients = new Dictionary<Role, HttpClient>();
        foreach (var role in Enum.GetValues<Role>())
        {
            await server.CreateUserAsync($"user-{role.ToText().ToLowerInvariant()}", role, Password);
            clients[role] = (await server.LoginClientAsync($"user-{role.ToText().ToLowerInvariant()}", Password)).Client;
        }

        var guarded = server.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Permission: e.Metadata.GetMetadata<AuthSetup.RequiredPermission>()))
            .Where(e => e.Permission is not null)
            .ToList();
        Assert.NotEmpty(guarded);

        var mismatches = new List<string>();
        foreach (var (endpoint, required) in guarded)
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var path = string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment =>
                string.Concat(segment.Parts.Select(part => part is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal ? literal.Content : "1"))));
            foreach (var method in methods)
            {
                using (var anonymous = await server.Client.SendAsync(Request(method, path)))
                {
                    if (anonymous.StatusCode != HttpStatusCode.Unauthorized)
                    {
                        mismatches.Add($"{method} /{path} without a token: {(int)anonymous.StatusCode}, expected 401");
                    }
                }

                foreach (var (role, client) in clients)
                {
                    using var response = await client.SendAsync(Request(method, path));
                    var allowed = PermissionMatrix.Allows(role, required!.Permission);
                    // A business rule may refuse too (e.g. master_only); only the permission layer's "forbidden" counts as denial here.
                    var refused = response.StatusCode == HttpStatusCode.Unauthorized ||
                        (response.StatusCode == HttpStatusCode.Forbidden && (await response.Content.ReadAsStringAsync()).Contains("\"code\":\"forbidden\"", StringComparison.Ordinal));
                    if (allowed == refused)
                    {
                        mismatches.Add($"{method} /{path} as {role.ToText()}: {(int)response.StatusCode}, matrix says {(allowed ? "allow" : "deny")}");
                    }
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void PermissionsDoc_IsTheRenderedMatrix()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Sotp.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        }

        var document = File.ReadAllText(Path.Combine(root, "docs", "permissions.md"));

        Assert.True(document == PermissionMatrix.RenderMarkdown(), "docs/permissions.md is out of date: run `sotp permissions > docs/permissions.md`.");
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), "/" + path) { Content = method is "GET" or "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/json") };
}
