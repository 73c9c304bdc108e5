using Microsoft.AspNetCore.Http.HttpResults;
using Sotp.Core.Auth;
using Sotp.Core.Series;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>Time series for charts, and the latest value of every series of a device.</summary>
public static class SeriesApi
{
    public static IEndpointRouteBuilder MapSeriesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1").WithTags("Series").RequirePermission(Permission.ReadInventory);
        group.MapGet("/series", QueryAsync)
            .WithSummary("Points of one series (device, metric, labels) in [from, to) (default: the last hour), at most maxPoints (1..10000, default 500): raw, or 5-minute or 1-hour roll-ups with min/max/avg/count, whichever fits.");
        group.MapGet("/devices/{id:long}/series", LatestAsync)
            .WithSummary("Every series of a device with its latest value, from memory.");
        return endpoints;
    }

    private static async Task<Ok<SeriesAnswer>> QueryAsync(long device, string metric, SeriesQueries queries, TimeProvider time, HttpContext context,
        CancellationToken cancellationToken, string? labels = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int maxPoints = SeriesQueries.DefaultPoints)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddHours(-1);
        return TypedResults.Ok(await queries.QueryAsync(new SeriesKey(device, metric, labels ?? ""), start, end, maxPoints, HttpCaller.From(context), cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<LatestValue>>> LatestAsync(long id, SeriesQueries queries, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.LatestAsync(id, HttpCaller.From(context), cancellationToken));
}
