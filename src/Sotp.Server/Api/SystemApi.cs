using Sotp.Server.Hosting;

namespace Sotp.Server.Api;

public static class SystemApi
{
    public sealed record VersionInfo(string Product, string Version, string Api);

    public static IEndpointRouteBuilder MapSystemApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1").WithTags("System");
        group.MapGet("/version", () => TypedResults.Ok(new VersionInfo("SOTP", SotpVersion.Current, "v1")))
            .AllowAnonymous().WithSummary("Product and API version; needs no login.");
        return endpoints;
    }
}
