using Microsoft.AspNetCore.Http.HttpResults;
using Sotp.Core;
using Sotp.Core.Alarms;
using Sotp.Core.Auth;
using Sotp.Server.Auth;

namespace Sotp.Server.Api;

/// <summary>The operators' queue and the alarm lifecycle. Every step sends the version the caller saw; a stale one gets 409.</summary>
public static class AlarmsApi
{
    /// <param name="Note">Acknowledge only: what was done (required for some categories, e.g. temperature).</param>
    public sealed record StepRequest(long? Version, string? Note = null);

    public sealed record NoteRequest(string? Text);

    public static IEndpointRouteBuilder MapAlarmsApi(this IEndpointRouteBuilder endpoints)
    {
        var alarms = endpoints.MapGroup("/api/v1/alarms").WithTags("Alarms").RequirePermission(Permission.ReadAlarms);
        alarms.MapGet("/", ListAsync)
            .WithSummary("Alarms, most urgent first, then oldest. state is 'open' (NEW..ACK) or a comma-separated list of states; siteId, deviceId and priority filter.");
        alarms.MapGet("/response-times", async (AlarmService service, HttpContext context, CancellationToken ct, string? groupBy = null,
                    DateTimeOffset? from = null, DateTimeOffset? to = null) =>
                TypedResults.Ok(await service.ResponseStatsAsync(groupBy, from, to, HttpCaller.From(context), ct)))
            .WithSummary("MTTA (opened → ACK) and MTTR (opened → RESOLVED) in seconds of the alarms opened in [from, to) (default: the last 30 days) on your sites, per ?groupBy=SITE|DEVICE|OPERATOR (default SITE), the most alarms first.");
        alarms.MapGet("/{id:long}", async (long id, AlarmService service, HttpContext context, CancellationToken ct) =>
                Versioned(context, await service.GetAsync(id, HttpCaller.From(context), ct)))
            .WithSummary("One alarm; the ETag header carries its version.");
        alarms.MapGet("/{id:long}/log", async (long id, AlarmService service, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await service.LogAsync(id, HttpCaller.From(context), ct)))
            .WithSummary("The dispatch log: events that joined, every transition and every note, oldest first.");
        alarms.MapGet("/{id:long}/events", async (long id, AlarmService service, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await service.EventsAsync(id, HttpCaller.From(context), ct)))
            .WithSummary("The events bundled into the alarm, with how often each repeated.");
        Step(alarms, "claim", "Take the alarm (NEW → CLAIMING); confirm with /start within the claim TTL or it returns to the queue.",
            (service, id, request, caller, ct) => service.ClaimAsync(id, request.Version, caller, ct));
        Step(alarms, "start", "The claimer confirms (CLAIMING → IN_PROGRESS).",
            (service, id, request, caller, ct) => service.StartAsync(id, request.Version, caller, ct));
        Step(alarms, "ack", "Acknowledge (IN_PROGRESS → ACK) with a note saying what was done; required where the alarm says so.",
            (service, id, request, caller, ct) => service.AcknowledgeAsync(id, request.Version, request.Note, caller, ct));
        Step(alarms, "resolve", "The cause is dealt with (ACK → RESOLVED).",
            (service, id, request, caller, ct) => service.ResolveAsync(id, request.Version, caller, ct));
        Step(alarms, "close", "Close a RESOLVED alarm (otherwise closed automatically after quiet time).",
            (service, id, request, caller, ct) => service.CloseAsync(id, request.Version, caller, ct));
        alarms.MapPost("/{id:long}/notes", async (long id, NoteRequest request, AlarmService service, HttpContext context, CancellationToken ct) =>
                Versioned(context, await service.AddNoteAsync(id, request.Text, HttpCaller.From(context), ct)))
            .RequirePermission(Permission.HandleAlarms).WithSummary("Add a dispatch-log entry (1..2000 characters); needs no version.");
        return endpoints;
    }

    private static void Step(RouteGroupBuilder alarms, string name, string summary, Func<AlarmService, long, StepRequest, Caller, CancellationToken, Task<Alarm>> step) =>
        alarms.MapPost($"/{{id:long}}/{name}", async (long id, StepRequest? request, AlarmService service, HttpContext context, CancellationToken ct) =>
                Versioned(context, await step(service, id, (request ?? new StepRequest(null)) with { Version = request?.Version ?? HttpCaller.IfMatchVersion(context) }, HttpCaller.From(context), ct)))
            .RequirePermission(Permission.HandleAlarms).WithSummary(summary + " Send the version (body or If-Match).");

    private static Ok<Alarm> Versioned(HttpContext context, Alarm alarm)
    {
        HttpCaller.SetETag(context, alarm.Version);
        return TypedResults.Ok(alarm);
    }

    private static async Task<Ok<Page<Alarm>>> ListAsync(AlarmService service, HttpContext context, CancellationToken cancellationToken,
        string? state = null, long? siteId = null, long? deviceId = null, string? priority = null, int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await service.ListAsync(state, siteId, deviceId, priority, page, pageSize, HttpCaller.From(context), cancellationToken));
}
