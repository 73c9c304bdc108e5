using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Sotp.Server.Tests;

public class EndpointGuardTests
{
    /// <summary>A new endpoint must choose: a permission (or login) requirement, or an explicit AllowAnonymous.</summary>
    [Fact]
    public async Task EveryEndpoint_RequiresAuthorizationOrIsExplicitlyAnonymous()
    {
        await using var server = await InMemoryServer.StartAsync();
        var endpoints = server.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var unguarded = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.Empty(unguarded);
    }
}
