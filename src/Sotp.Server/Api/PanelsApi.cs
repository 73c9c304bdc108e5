using Microsoft.AspNetCore.Http.HttpResults;
using Sotp.Collectors.Satel;
using Sotp.Core.Auth;
using Sotp.Core.Events;
using Sotp.Server.Auth;
using Sotp.Server.Satel;

namespace Sotp.Server.Api;

/// <summary>Satel INTEGRA panels: live state, control commands (ADMIN/MASTER), release for DLOAD.</summary>
public static class PanelsApi
{
    public sealed record ArmRequest(IReadOnlyList<int>? Partitions, int? Mode, bool? Force);

    public sealed record PartitionsRequest(IReadOnlyList<int>? Partitions);

    public sealed record OutputsRequest(IReadOnlyList<int>? Outputs);

    /// <param name="PriorityOverride">CRITICAL … INFO, or null for the default (CRITICAL).</param>
    public sealed record ZonePriorityRequest(EventPriority? PriorityOverride);

    public static IEndpointRouteBuilder MapPanelsApi(this IEndpointRouteBuilder endpoints)
    {
        var panels = endpoints.MapGroup("/api/v1/panels/{deviceId:long}").WithTags("Panels").RequirePermission(Permission.ReadInventory);
        panels.MapGet("", async (long deviceId, PanelControl control, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await control.DescriptionAsync(deviceId, HttpCaller.From(context), ct)))
            .WithSummary("What the panel said about itself when its worker last connected: type, firmware and ETHM module versions; its partitions with their names and live status.");
        panels.MapGet("/zones", async (long deviceId, PanelControl control, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await control.ZonesAsync(deviceId, HttpCaller.From(context), ct)))
            .WithSummary("Every zone: number, name and partition as the panel has them, default priority, priority override, live status (UNKNOWN when not current).");
        panels.MapGet("/outputs", async (long deviceId, PanelControl control, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await control.OutputsAsync(deviceId, HttpCaller.From(context), ct)))
            .WithSummary("Every output: number, name as the panel has it, live on/off (null when not current).");
        panels.MapGet("/state", async (long deviceId, PanelControl control, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await control.StateAsync(deviceId, HttpCaller.From(context), ct)))
            .WithSummary("Live state: connection, every partition and zone (UNKNOWN when the panel has not answered lately), outputs on, troubles.");
        panels.MapGet("/commands", async (long deviceId, PanelControl control, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await control.CommandsAsync(deviceId, HttpCaller.From(context), ct)))
            .WithSummary("The panel's latest commands on this node, newest first, PENDING while unanswered.");
        panels.MapGet("/history", async (long deviceId, PanelControl control, HttpContext context, CancellationToken ct,
                    DateTimeOffset? from = null, DateTimeOffset? to = null, int? limit = null) =>
                TypedResults.Ok(await control.HistoryAsync(deviceId, from, to, limit, HttpCaller.From(context), ct)))
            .WithSummary($"The panel's timeline, newest first: every partition and zone change (from → to) between ?from and ?to, at most ?limit (1..{PanelControl.MaxHistoryLines}, 100) lines. Times the panel did not answer are gaps, not lines.");
        panels.MapPost("/arm", (long deviceId, ArmRequest? request, PanelControl control, HttpContext context, CancellationToken ct) =>
                SendAsync(control, context, deviceId, SatelCommandKind.Arm, request?.Partitions, request?.Mode ?? 0, request?.Force ?? false, ct))
            .RequirePermission(Permission.ControlPanels)
            .WithSummary("Arm partitions in mode 0-3; force arms despite violated zones. Answers when the panel does: ACK, NACK with the reason, or TIMEOUT.");
        panels.MapPost("/disarm", (long deviceId, PartitionsRequest? request, PanelControl control, HttpContext context, CancellationToken ct) =>
                SendAsync(control, context, deviceId, SatelCommandKind.Disarm, request?.Partitions, null, false, ct))
            .RequirePermission(Permission.ControlPanels).WithSummary("Disarm partitions.");
        panels.MapPost("/clear-alarm", (long deviceId, PartitionsRequest? request, PanelControl control, HttpContext context, CancellationToken ct) =>
                SendAsync(control, context, deviceId, SatelCommandKind.ClearAlarm, request?.Partitions, null, false, ct))
            .RequirePermission(Permission.ControlPanels).WithSummary("Clear the alarm (and its memory) in partitions.");
        panels.MapPost("/outputs/on", (long deviceId, OutputsRequest? request, PanelControl control, HttpContext context, CancellationToken ct) =>
                SendAsync(control, context, deviceId, SatelCommandKind.OutputsOn, request?.Outputs, null, false, ct))
            .RequirePermission(Permission.ControlPanels).WithSummary("Switch outputs on.");
        panels.MapPost("/outputs/off", (long deviceId, OutputsRequest? request, PanelControl control, HttpContext context, CancellationToken ct) =>
                SendAsync(control, context, deviceId, SatelCommandKind.OutputsOff, request?.Outputs, null, false, ct))
            .RequirePermission(Permission.ControlPanels).WithSummary("Switch outputs off.");
        panels.MapPut("/zones/{zone:int}/priority", async (long deviceId, int zone, ZonePriorityRequest? request, PanelControl control, HttpContext context, CancellationToken ct) =>
                {
                    await control.SetZonePriorityAsync(deviceId, zone, request?.PriorityOverride, HttpCaller.From(context), ct);
                    return TypedResults.NoContent();
                })
            .RequirePermission(Permission.ControlPanels)
            .WithSummary("Set a zone's priority override (what its alarms and tampers raise instead of CRITICAL), or remove it with null. Audited; applies at once.");
        panels.MapPost("/release", async (long deviceId, PanelControl control, HttpContext context, CancellationToken ct, int? minutes = null) =>
                TypedResults.Ok(await control.ReleaseAsync(deviceId, minutes, HttpCaller.From(context), ct)))
            .RequirePermission(Permission.ReleasePanels)
            .WithSummary($"Disconnect from the panel for ?minutes=1..{PanelControl.MaxReleaseMinutes} so an installer can connect DLOADX; the worker reconnects by itself. Audited.");
        return endpoints;
    }

    private static async Task<Ok<PanelCommandRecord>> SendAsync(PanelControl control, HttpContext context, long deviceId, SatelCommandKind kind,
        IReadOnlyList<int>? numbers, int? mode, bool force, CancellationToken cancellationToken) =>
        TypedResults.Ok(await control.SendAsync(deviceId, kind, numbers, mode, force, HttpCaller.From(context), cancellationToken));
}
