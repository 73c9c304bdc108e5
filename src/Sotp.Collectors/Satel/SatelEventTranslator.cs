using System.Globalization;
using Sotp.Core.Events;

namespace Sotp.Collectors.Satel;

/// <summary>
/// Turns a panel's successive states into events for the alarm core. Pure: it keeps the last status it saw of each
/// partition, zone and trouble and compares the next state with it, never with Unknown, so a lost connection and a
/// reconnect that finds the panel as it was raise nothing twice.
/// <para>
/// The first state seen after start is the baseline: only what is an alarm at that moment (a zone or partition in
/// alarm) is reported, because a violated zone or a trouble that was there before we watched is not news, and a
/// restart of the server must not raise them all again.
/// </para>
/// Not thread-safe: one worker owns it.
/// </summary>
public sealed class SatelEventTranslator(SatelPanelIdentity panel)
{
    public const string Source = "satel";

    private readonly Dictionary<int, SatelZoneStatus> _zones = [];
    private readonly Dictionary<int, SatelPartitionStatus> _partitions = [];
    private HashSet<SatelTrouble>? _troubles;

    /// <summary>The events for what changed since the last call; Unknown statuses are skipped and change nothing.</summary>
    public IReadOnlyList<EventInput> Translate(
        IReadOnlyDictionary<int, SatelPartitionStatus> partitions,
        IReadOnlyDictionary<int, SatelZoneStatus> zones,
        IReadOnlyCollection<SatelTrouble>? troubles,
        DateTimeOffset now)
    {
        var events = new List<EventInput>();
        foreach (var (number, status) in partitions)
        {
            if (status != SatelPartitionStatus.Unknown)
            {
                var known = _partitions.TryGetValue(number, out var before);
                _partitions[number] = status;
                if (PartitionEvent(number, known ? before : null, status, now) is { } input)
                {
                    events.Add(input);
                }
            }
        }

        foreach (var (number, status) in zones)
        {
            if (status != SatelZoneStatus.Unknown)
            {
                var known = _zones.TryGetValue(number, out var before);
                _zones[number] = status;
                if (ZoneEvent(number, known ? before : null, status, now) is { } input)
                {
                    events.Add(input);
                }
            }
        }

        if (troubles is not null)
        {
            events.AddRange(TroubleEvents(troubles, now));
        }

        return events;
    }

    private EventInput? ZoneEvent(int zone, SatelZoneStatus? before, SatelZoneStatus now, DateTimeOffset at)
    {
        if (before == now)
        {
            return null;
        }

        var priority = panel.ZonePriorities.TryGetValue(zone, out var overridden) ? overridden : EventPriority.Critical;
        if (before is not { } from)
        {
            return now is SatelZoneStatus.Alarm or SatelZoneStatus.TamperAlarm ? ZoneAlarm(zone, now, priority, at) : null;
        }

        if (now == SatelZoneStatus.Bypassed)
        {
            return Zone(zone, "intrusion", "zone_bypassed", EventPriority.Info, EventKind.Signal, $"Zone {zone} bypassed", at);
        }

        if (Rank(now) > Rank(from))
        {
            return ZoneAlarm(zone, now, priority, at);
        }

        return Rank(now) == 0 && Rank(from) > 0
            ? Zone(zone, ZoneCategory(from), "zone_restore", EventPriority.Info, EventKind.Signal, $"Zone {zone} restored ({Describe(from)} ended)", at)
            : null;
    }

    private EventInput ZoneAlarm(int zone, SatelZoneStatus status, EventPriority priority, DateTimeOffset at) =>
        Zone(zone, ZoneCategory(status), status switch
        {
            SatelZoneStatus.Violated => "zone_violation",
            SatelZoneStatus.Tamper => "zone_tamper",
            SatelZoneStatus.TamperAlarm => "zone_tamper_alarm",
            _ => "zone_alarm",
        }, priority, EventKind.Alarm, $"Zone {zone}: {Describe(status)}", at);

    private EventInput? PartitionEvent(int partition, SatelPartitionStatus? before, SatelPartitionStatus now, DateTimeOffset at)
    {
        if (before == now)
        {
            return null;
        }

        if (before is not { } from)
        {
            return Rank(now) > 0 ? PartitionAlarm(partition, now, at) : null;
        }

        if (Rank(now) > Rank(from))
        {
            return PartitionAlarm(partition, now, at);
        }

        if (Rank(from) > 0 && Rank(now) == 0)
        {
            var category = from == SatelPartitionStatus.FireAlarm ? "fire" : "intrusion";
            return Partition(partition, category, "partition_alarm_restore", EventPriority.Info, EventKind.Signal, $"Partition {partition}: alarm ended", at);
        }

        return now switch
        {
            SatelPartitionStatus.Armed => Partition(partition, "arming", "partition_armed", EventPriority.Info, EventKind.Signal, $"Partition {partition} armed", at),
            SatelPartitionStatus.Disarmed => Partition(partition, "arming", "partition_disarmed", EventPriority.Info, EventKind.Signal, $"Partition {partition} disarmed", at),
            _ => null,
        };
    }

    private EventInput PartitionAlarm(int partition, SatelPartitionStatus status, DateTimeOffset at) =>
        status == SatelPartitionStatus.FireAlarm
            ? Partition(partition, "fire", "partition_fire_alarm", EventPriority.Critical, EventKind.Alarm, $"Partition {partition}: fire alarm", at)
            : Partition(partition, "intrusion", "partition_alarm", EventPriority.Critical, EventKind.Alarm, $"Partition {partition}: alarm", at);

    private List<EventInput> TroubleEvents(IReadOnlyCollection<SatelTrouble> troubles, DateTimeOffset at)
    {
        var now = troubles.ToHashSet();
        var before = _troubles;
        _troubles = now;
        if (before is null)
        {
            return [];
        }

        var events = new List<EventInput>();
        foreach (var trouble in now.Except(before).Order())
        {
            events.Add(Event(null, $"t{trouble}", "trouble", "trouble", EventPriority.Medium, EventKind.Alarm, $"Trouble {trouble} (part {trouble.Part}, bit {trouble.Bit})", at));
        }

        foreach (var trouble in before.Except(now).Order())
        {
            events.Add(Event(null, $"t{trouble}", "trouble", "trouble_restore", EventPriority.Info, EventKind.Signal, $"Trouble {trouble} ended", at));
        }

        return events;
    }

    private EventInput Zone(int zone, string category, string code, EventPriority priority, EventKind kind, string message, DateTimeOffset at)
    {
        var text = zone.ToString(CultureInfo.InvariantCulture);
        return Event(text, text, category, code, priority, kind, message, at);
    }

    private EventInput Partition(int partition, string category, string code, EventPriority priority, EventKind kind, string message, DateTimeOffset at) =>
        Event(null, $"p{partition.ToString(CultureInfo.InvariantCulture)}", category, code, priority, kind, message, at);

    /// <summary>The dedup key is the seed's <c>{panel}:{code}:{zone}:{minute}</c>; partitions and troubles take the zone's place as p3, t1.5.</summary>
    private EventInput Event(string? zone, string keyZone, string category, string code, EventPriority priority, EventKind kind, string message, DateTimeOffset at)
    {
        var minute = at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        var key = string.Create(CultureInfo.InvariantCulture, $"{panel.DeviceId}:{code}:{keyZone}:{minute}");
        return new EventInput(Source, panel.SiteId, panel.DeviceId, zone, category, code, priority, kind, message, at, key);
    }

    private static string ZoneCategory(SatelZoneStatus status) =>
        status is SatelZoneStatus.Tamper or SatelZoneStatus.TamperAlarm ? "tamper" : "intrusion";

    /// <summary>How much a status needs an operator: 0 for the quiet ones, higher for the more urgent.</summary>
    private static int Rank(SatelZoneStatus status) => status switch
    {
        SatelZoneStatus.Violated => 1,
        SatelZoneStatus.Tamper => 2,
        SatelZoneStatus.TamperAlarm => 3,
        SatelZoneStatus.Alarm => 4,
        _ => 0,
    };

    private static int Rank(SatelPartitionStatus status) => status switch
    {
        SatelPartitionStatus.Alarm => 1,
        SatelPartitionStatus.FireAlarm => 2,
        _ => 0,
    };

    private static string Describe(SatelZoneStatus status) => status switch
    {
        SatelZoneStatus.Violated => "violated",
        SatelZoneStatus.Tamper => "tamper",
        SatelZoneStatus.TamperAlarm => "tamper alarm",
        SatelZoneStatus.Alarm => "alarm",
        _ => status.ToString().ToLowerInvariant(),
    };
}
