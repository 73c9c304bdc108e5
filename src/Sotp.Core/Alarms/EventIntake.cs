using System.Text.RegularExpressions;
using Sotp.Core.Devices;
using Sotp.Core.Errors;
using Sotp.Core.Events;
using Sotp.Core.Monitoring;
using Sotp.Core.Sites;

namespace Sotp.Core.Alarms;

/// <summary>
/// The one door events come through, from collectors and from the API: checks the event, finds its site, lowers
/// it in service mode, decides whether it belongs to a failing parent's alarm, and has the store file it.
/// </summary>
public sealed partial class EventIntake(
    IAlarmStore alarms,
    ISiteStore sites,
    IDeviceStore devices,
    DeviceStatusBoard statuses,
    OutboxSignal outbox,
    AlarmMetrics metrics,
    AlarmOptions options,
    TimeProvider time) : IEventSink
{
    /// <summary>An event dated further ahead than this is refused: a panel or sensor with a wrong clock.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public async Task PublishAsync(EventInput input, CancellationToken cancellationToken) => await FileAsync(input, cancellationToken);

    /// <exception cref="ValidationException">A field is missing or malformed.</exception>
    /// <exception cref="DomainException"><c>unknown_reference</c> (422): the site or device does not exist.</exception>
    public async Task<IngestOutcome> FileAsync(EventInput input, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = Validate(input, now);
        if (errors.Count > 0)
        {
            metrics.Rejected("invalid");
            throw new ValidationException(errors);
        }

        var routing = await RouteAsync(input, now, cancellationToken);
        var outcome = await alarms.IngestAsync(input with { Message = input.Message.Trim() }, routing, now, cancellationToken);
        metrics.Filed(outcome.Result);
        if (outcome.Result != IngestResult.Duplicate)
        {
            outbox.Pulse();
        }

        return outcome;
    }

    private async Task<EventRouting> RouteAsync(EventInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Device? device = null;
        if (input.DeviceId is { } deviceId)
        {
            device = await devices.GetAsync(deviceId, cancellationToken) ?? throw Unknown("device", deviceId);
            if (input.SiteId is { } claimedSite && claimedSite != device.SiteId)
            {
                metrics.Rejected("unknown_reference");
                throw new DomainException(ErrorKind.Unprocessable, ErrorCodes.UnknownReference,
                    $"Device {deviceId} belongs to site {device.SiteId}, not to site {claimedSite}.") { Field = "siteId" };
            }
        }

        var siteId = device?.SiteId ?? input.SiteId!.Value;
        var site = await sites.GetAsync(siteId, cancellationToken) ?? throw Unknown("site", siteId);
        var silent = site.Status == SiteStatus.Service || site.ServiceMode?.IsActiveAt(now) == true;
        // The device's own override comes first (a printer's trap is not CRITICAL just because the trap says so), then
        // service mode lowers whatever that gave.
        var priority = device?.PriorityOverride ?? input.Priority;
        priority = silent ? Lower(priority) : priority;
        var settings = options;
        var requiresNote = settings.NoteRequiredCategories.Contains(input.Category, StringComparer.OrdinalIgnoreCase);

        // A device whose uplink is down too is not a problem of its own: its event is filed as "affected" under
        // the parent's alarm, so the operator sees one alarm for the core switch, not one per device behind it.
        long? correlateTo = device?.ParentId is { } parentId && statuses.Get(parentId).Status == DeviceStatus.Down ? parentId : null;
        var title = device is null ? $"{site.Name}: {input.Message.Trim()}" : $"{device.Name}: {input.Message.Trim()}";
        return new EventRouting(siteId, priority, silent, requiresNote, Truncate(title, 200), correlateTo, settings.BundleWindow);
    }

    private DomainException Unknown(string what, long id)
    {
        metrics.Rejected("unknown_reference");
        return new DomainException(ErrorKind.Unprocessable, ErrorCodes.UnknownReference, $"There is no {what} {id}.") { Field = what + "Id" };
    }

    /// <summary>Service mode: one step less urgent, never below INFO.</summary>
    private static EventPriority Lower(EventPriority priority) => priority == EventPriority.Info ? priority : priority + 1;

    private static Dictionary<string, string[]> Validate(EventInput input, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        Word(errors, "source", input.Source);
        Word(errors, "category", input.Category);
        Word(errors, "code", input.Code);
        if (input.SiteId is null && input.DeviceId is null)
        {
            errors["siteId"] = ["siteId or deviceId is required."];
        }

        if (input.Zone?.Length > 100)
        {
            errors["zone"] = ["zone is at most 100 characters."];
        }

        if (string.IsNullOrWhiteSpace(input.Message) || input.Message.Length > 1000)
        {
            errors["message"] = ["message is 1..1000 characters."];
        }

        if (string.IsNullOrWhiteSpace(input.DedupKey) || input.DedupKey.Length > 200)
        {
            errors["dedupKey"] = ["dedupKey is 1..200 characters."];
        }

        if (!Enum.IsDefined(input.Priority))
        {
            errors["priority"] = [$"priority is one of {string.Join(", ", EnumText.Names<EventPriority>())}."];
        }

        if (!Enum.IsDefined(input.Kind))
        {
            errors["kind"] = [$"kind is one of {string.Join(", ", EnumText.Names<EventKind>())}."];
        }

        if (input.OccurredAt > now + MaxClockSkew || input.OccurredAt < now - TimeSpan.FromDays(7))
        {
            errors["occurredAt"] = ["occurredAt is within the last 7 days and at most 5 minutes ahead of the server's clock."];
        }

        return errors;
    }

    private static void Word(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (value is null || !WordPattern().IsMatch(value))
        {
            errors[field] = [$"{field} is 1..64 characters of a-z, 0-9, '_', '.', ':' or '-'."];
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    [GeneratedRegex("^[a-z0-9_.:-]{1,64}$")]
    private static partial Regex WordPattern();
}
