using System.Globalization;
using Microsoft.Extensions.Options;
using Sotp.Collectors.Satel;
using Sotp.Core;
using Sotp.Core.Audit;
using Sotp.Core.Devices;
using Sotp.Core.Errors;
using Sotp.Core.Events;
using Sotp.Core.Panels;
using Sotp.Core.Secrets;

namespace Sotp.Server.Satel;

/// <summary>
/// What the API does with a panel: read its live state, send a control command with the user code from the
/// device's secret, release it for DLOAD. Site scope as for the inventory; every command and release is audited.
/// What the panel says about itself (versions, names) is in the partial file next to this one.
/// </summary>
public sealed partial class PanelControl(
    DeviceService devices,
    SatelPanels panels,
    SatelCommandLog commands,
    SecretVault secrets,
    IAuditLog audit,
    IPanelHistoryStore history,
    IPanelZoneStore zones,
    IPanelDescriptionStore descriptions,
    InventoryChanges changes,
    IOptions<SatelOptions> options,
    TimeProvider time)
{
    public const int MaxReleaseMinutes = 240;
    private const int MaxPartition = 32;
    private const int MaxOutput = 256;
    private const int MaxZone = 256;
    public const int MaxHistoryLines = 1000;

    public async Task<PanelState> StateAsync(long deviceId, Caller caller, CancellationToken cancellationToken) =>
        PanelState.From(await WorkerAsync(deviceId, caller, cancellationToken));

    public async Task<IReadOnlyList<PanelCommandRecord>> CommandsAsync(long deviceId, Caller caller, CancellationToken cancellationToken)
    {
        await PanelAsync(deviceId, caller, cancellationToken);
        return commands.Of(deviceId);
    }

    /// <summary>The panel's timeline, newest first: what its partitions and zones went through between two times.</summary>
    public async Task<IReadOnlyList<PanelStateChange>> HistoryAsync(long deviceId, DateTimeOffset? from, DateTimeOffset? to, int? limit,
        Caller caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > MaxHistoryLines)
        {
            errors["limit"] = [$"limit is 1..{MaxHistoryLines}."];
        }

        if (from is { } start && to is { } end && end <= start)
        {
            errors["to"] = ["to must be after from."];
        }

        Require.Valid(errors);
        await PanelAsync(deviceId, caller, cancellationToken);
        return await history.ListAsync(deviceId, from, to, limit ?? 100, cancellationToken);
    }

    /// <summary>
    /// Sets (or with null removes) the priority a zone's alarms and tampers raise instead of CRITICAL. Audited; the
    /// panel's worker picks it up at once (it reconnects, and takes the state it then reads as its baseline).
    /// </summary>
    public async Task SetZonePriorityAsync(long deviceId, int zone, EventPriority? priority, Caller caller, CancellationToken cancellationToken)
    {
        if (zone is < 1 or > MaxZone)
        {
            Require.Valid(new Dictionary<string, string[]> { ["zone"] = [$"zone is 1..{MaxZone}."] });
        }

        await PanelAsync(deviceId, caller, cancellationToken);
        var before = await zones.SetOverrideAsync(deviceId, zone, priority, cancellationToken);
        await audit.AppendAsync(Audit(caller, AuditActions.PanelZonePriority, deviceId,
            $"zone {zone}: {before?.ToText() ?? "default"} → {priority?.ToText() ?? "default"}"), cancellationToken);
        changes.Signal();
    }

    /// <summary>Validates, sends ahead of the panel's next poll, waits for the answer (at most Satel:CommandTimeoutSeconds) and returns the record.</summary>
    public async Task<PanelCommandRecord> SendAsync(long deviceId, SatelCommandKind kind, IReadOnlyList<int>? numbers, int? mode, bool force,
        Caller caller, CancellationToken cancellationToken)
    {
        Validate(kind, numbers, mode);
        var device = await PanelAsync(deviceId, caller, cancellationToken);
        var worker = Watched(device);
        if (worker.ReleasedUntil is { } until)
        {
            throw new DomainException(ErrorKind.Conflict, ErrorCodes.PanelReleased,
                $"Panel {deviceId} is released for DLOAD until {until:u}; commands are refused until the worker is back.");
        }

        if (device.Credentials.PanelUserCodeSecretId is not { } codeSecret)
        {
            throw new DomainException(ErrorKind.Conflict, ErrorCodes.PanelUserCodeMissing,
                $"Device {deviceId} has no user code: set credentials.panelUserCodeSecretId to a secret of kind PANEL_USER_CODE.");
        }

        var command = new SatelPanelCommand(kind, numbers!, await secrets.UseAsync(codeSecret, cancellationToken), mode ?? 0, force);
        var pending = new PanelCommandRecord(Guid.NewGuid().ToString("N"), deviceId, kind, numbers!, kind == SatelCommandKind.Arm ? mode ?? 0 : null, force,
            command.Describe(), caller.Name, time.GetUtcNow(), SatelCommandStatus.Pending);
        commands.Record(pending);
        await audit.AppendAsync(Audit(caller, AuditActions.PanelCommandSent, deviceId, $"{pending.Description} (command {pending.Id})"), cancellationToken);

        // Once sent, the command runs to its answer even if the caller goes away, so that its outcome is recorded.
        var outcome = await worker.SendAsync(command, TimeSpan.FromSeconds(options.Value.CommandTimeoutSeconds), CancellationToken.None);
        var finished = pending with { Status = outcome.Status, ResultCode = outcome.ResultCode, Result = outcome.Description, FinishedAt = time.GetUtcNow() };
        commands.Record(finished);
        await audit.AppendAsync(Audit(caller, AuditActions.PanelCommandFinished, deviceId,
            $"{finished.Description} (command {finished.Id}): {finished.Status.ToText()}{(finished.ResultCode is { } code ? $" 0x{code:X2}" : "")} {finished.Result}"),
            CancellationToken.None);
        return finished;
    }

    /// <summary>Disconnects the worker for <paramref name="minutes"/> so an installer can connect DLOADX; it reconnects by itself.</summary>
    public async Task<PanelState> ReleaseAsync(long deviceId, int? minutes, Caller caller, CancellationToken cancellationToken)
    {
        if (minutes is not { } value || value is < 1 or > MaxReleaseMinutes)
        {
            throw new ValidationException(new Dictionary<string, string[]> { ["minutes"] = [$"minutes is 1..{MaxReleaseMinutes}."] });
        }

        var worker = await WorkerAsync(deviceId, caller, cancellationToken);
        worker.Release(TimeSpan.FromMinutes(value));
        await audit.AppendAsync(Audit(caller, AuditActions.PanelReleased, deviceId,
            $"released for DLOAD for {value} min, until {worker.ReleasedUntil:u}"), cancellationToken);
        return PanelState.From(worker);
    }

    private static void Validate(SatelCommandKind kind, IReadOnlyList<int>? numbers, int? mode)
    {
        var errors = new Dictionary<string, string[]>();
        var outputs = kind is SatelCommandKind.OutputsOn or SatelCommandKind.OutputsOff;
        var (field, max) = outputs ? ("outputs", MaxOutput) : ("partitions", MaxPartition);
        if (numbers is null || numbers.Count == 0 || numbers.Any(n => n < 1 || n > max))
        {
            errors[field] = [$"{field} is a non-empty list of numbers 1..{max}."];
        }

        if (mode is < 0 or > 3)
        {
            errors["mode"] = ["mode is 0..3."];
        }

        Require.Valid(errors);
    }

    private async Task<Device> PanelAsync(long deviceId, Caller caller, CancellationToken cancellationToken)
    {
        var device = await devices.GetAsync(deviceId, caller, cancellationToken);
        return device.Kind == DeviceKind.AlarmPanel ? device : throw DomainException.NotFound("alarm panel", deviceId);
    }

    private async Task<SatelPanelWorker> WorkerAsync(long deviceId, Caller caller, CancellationToken cancellationToken) =>
        Watched(await PanelAsync(deviceId, caller, cancellationToken));

    private SatelPanelWorker Watched(Device device) =>
        panels.Find(device.Id) ?? throw new DomainException(ErrorKind.Conflict, ErrorCodes.PanelNotWatched,
            $"Panel {device.Id} is not watched on this node: " + (panels.WhyNotWatched(device.Id)
                ?? (!device.Enabled ? "the device is disabled." : panels.Active ? "its worker is starting; try again in a moment." : "this node runs no panel workers (no alarm core, or Satel:Enabled=false).")));

    private static AuditEntry Audit(Caller caller, string action, long deviceId, string detail) =>
        new(caller.Actor, action, "device", deviceId.ToString(CultureInfo.InvariantCulture), Detail: detail, RequestId: caller.RequestId, ClientIp: caller.ClientIp);
}
