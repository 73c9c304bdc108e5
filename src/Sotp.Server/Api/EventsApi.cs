using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Sotp.Core.Alarms;
using Sotp.Core.Auth;
using Sotp.Core.Errors;
using Sotp.Core.Events;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>Events from outside systems (API keys of SYSTEM users), one at a time or in batches.</summary>
public static class EventsApi
{
    public const int MaxBatch = 500;

    /// <param name="Kind">ALARM (default) or SIGNAL.</param>
    /// <param name="OccurredAt">Defaults to the time of arrival.</param>
    /// <param name="DedupKey">Defaults to a fresh key (no deduplication); send one so retries are counted, not stored twice.</param>
    public sealed record EventRequest(
        long? SiteId,
        long? DeviceId,
        string? Zone,
        string? Category,
        string? Code,
        EventPriority? Priority,
        EventKind? Kind,
        string? Message,
        DateTimeOffset? OccurredAt,
        string? DedupKey,
        string? Source = null);

    public sealed record BatchRequest(IReadOnlyList<EventRequest>? Events);

    /// <param name="Result">OPENED, JOINED, AFFECTED, SIGNAL or DUPLICATE; null when the event was refused.</param>
    /// <param name="Error">The error code of a refused event in a batch, e.g. unknown_reference.</param>
    public sealed record EventOutcome(int Index, IngestResult? Result, long? EventId, long? AlarmId, string? Error = null, string? Message = null);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        var events = endpoints.MapGroup("/api/v1/events").WithTags("Events").RequirePermission(Permission.ReportEvents);
        events.MapPost("/", async (EventRequest request, EventIntake intake, TimeProvider time, CancellationToken ct) =>
                TypedResults.Ok(Outcome(0, await intake.FileAsync(ToInput(request, time), ct))))
            .WithSummary("File one event. A known dedupKey is counted, not stored twice. Unknown site or device: 422 unknown_reference.");
        events.MapPost("/batch", BatchAsync)
            .WithSummary($"File up to {MaxBatch} events in order; each gets its own outcome (refused ones say why). More than {MaxBatch}: 413.");
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<EventOutcome>>> BatchAsync(BatchRequest request, EventIntake intake, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Events is null)
        {
            throw new ValidationException(new Dictionary<string, string[]> { ["events"] = ["events is required."] });
        }

        if (request.Events.Count > MaxBatch)
        {
            throw new DomainException(ErrorKind.TooLarge, ErrorCodes.RequestTooLarge, $"A batch holds at most {MaxBatch} events; this one has {request.Events.Count}.");
        }

        var outcomes = new List<EventOutcome>();
        for (var index = 0; index < request.Events.Count; index++)
        {
            try
            {
                outcomes.Add(Outcome(index, await intake.FileAsync(ToInput(request.Events[index], time), cancellationToken)));
            }
            catch (DomainException ex)
            {
                outcomes.Add(new EventOutcome(index, null, null, null, ex.Code, ex.Message));
            }
        }

        return TypedResults.Ok<IReadOnlyList<EventOutcome>>(outcomes);
    }

    private static EventOutcome Outcome(int index, IngestOutcome outcome) => new(index, outcome.Result, outcome.EventId, outcome.Alarm?.Id);

    private static EventInput ToInput(EventRequest request, TimeProvider time) => new(
        request.Source ?? "api",
        request.SiteId,
        request.DeviceId,
        request.Zone,
        request.Category ?? "",
        request.Code ?? "",
        request.Priority ?? EventPriority.Medium,
        request.Kind ?? EventKind.Alarm,
        request.Message ?? "",
        request.OccurredAt ?? time.GetUtcNow(),
        request.DedupKey ?? "api:" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
}
