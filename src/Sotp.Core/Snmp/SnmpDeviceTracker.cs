using System.Globalization;
using Sotp.Core.Events;
using Sotp.Core.Series;

namespace Sotp.Core.Snmp;

/// <summary>
/// Remembers a device's previous reading and turns each new one into points, events and a view: rates need two
/// readings, a reboot (sysUpTime backwards) makes this poll's counter deltas meaningless (no rates, a "reboot"
/// event), and an interface whose oper status went up→down or down→up becomes a link event. An interface is the same
/// one across polls only with the same ifIndex and ifName (agents re-index after changes). Not thread-safe: one poll
/// of a device at a time (the scheduler never runs two).
/// </summary>
public sealed class SnmpDeviceTracker(long deviceId)
{
    public const string Source = "snmp";
    public const string InterfaceCategory = "interface";
    public const string AvailabilityCategory = "availability";
    public const string LinkDownCode = "link_down";
    public const string LinkUpCode = "link_up";

    private SnmpReading? _previous;
    private DateTimeOffset _previousAt;

    // The interfaces of the last poll that read them, kept apart: a poll whose interface walk failed leaves them be,
    // so the next one still has counters to take rates from.
    private IReadOnlyList<SnmpInterfaceReading>? _interfaces;
    private DateTimeOffset _interfacesAt;
    private IReadOnlyList<SnmpInterfaceView> _interfaceViews = [];
    private bool _countersValid;

    public SnmpUpdate Apply(SnmpReading reading, DateTimeOffset at)
    {
        var points = new List<SeriesPoint>();
        var events = new List<EventInput>();
        var rebooted = _previous is not null && SnmpUptime.Rebooted(_previous.System.UpTimeTicks, _previousAt, reading.System.UpTimeTicks, at);
        if (rebooted)
        {
            events.Add(Event(AvailabilityCategory, "reboot", null, EventPriority.Medium, EventKind.Alarm,
                $"sysUpTime went back to {reading.System.UpTimeTicks / 100.0:0.##} s: the device (or its agent) restarted", at));
            _countersValid = false; // Counters from before the restart must not meet later ones, even across a failed walk.
        }

        var interfacesFailed = reading.Failed(SnmpParts.Interfaces);
        var views = interfacesFailed
            ? [.. _interfaceViews.Select(i => i with { InBps = null, OutBps = null })]
            : Interfaces(reading, at, points, events);
        Device(SnmpSeriesNames.CpuPercent, reading.CpuPercent, at, points);
        Device(SnmpSeriesNames.MemoryUsedPercent, reading.MemoryUsedPercent, at, points);
        Device(SnmpSeriesNames.LoadAverage1m, reading.LoadAverage1m, at, points);
        Device(SnmpSeriesNames.UpTimeSeconds, reading.System.UpTimeTicks / 100.0, at, points);
        _previous = reading;
        _previousAt = at;
        if (!interfacesFailed)
        {
            _interfaces = reading.Interfaces;
            _interfacesAt = at;
            _interfaceViews = views;
            _countersValid = true;
        }

        var failures = reading.Failures ?? [];
        var view = new SnmpDeviceView(deviceId, failures.Count == 0 ? SnmpPollStatus.Ok : SnmpPollStatus.Partial,
            failures.Count == 0 ? null : string.Join("; ", failures), at, at, SnmpSystemView.From(reading.System), views,
            reading.CpuPercent, reading.MemoryUsedPercent);
        return new SnmpUpdate(points, events, view);
    }

    private List<SnmpInterfaceView> Interfaces(SnmpReading reading, DateTimeOffset at, List<SeriesPoint> points, List<EventInput> events)
    {
        var before = _interfaces?.GroupBy(i => i.Index).ToDictionary(g => g.Key, g => g.First()) ?? [];
        var names = new HashSet<string>(StringComparer.Ordinal);
        var views = new List<SnmpInterfaceView>(reading.Interfaces.Count);
        foreach (var current in reading.Interfaces)
        {
            // Two interfaces with one name (it happens) must not write into one series.
            var name = names.Add(current.DisplayName) ? current.DisplayName : $"{current.DisplayName}#{current.Index.ToString(CultureInfo.InvariantCulture)}";
            var previous = before.GetValueOrDefault(current.Index) is { } found && found.Name == current.Name ? found : null;
            views.Add(Interface(current, name, _countersValid ? previous : null, at, points));
            if (previous is not null && LinkChange(previous.OperStatus, current) is { } up)
            {
                events.Add(up
                    ? Event(InterfaceCategory, LinkUpCode, name, EventPriority.Info, EventKind.Signal, $"interface {name} is up again", at)
                    : Event(InterfaceCategory, LinkDownCode, name, EventPriority.Medium, EventKind.Alarm,
                        $"interface {name} went down ({((InterfaceStatus)current.OperStatus!.Value).ToText()})", at));
            }
        }

        return views;
    }

    /// <summary>
    /// False for up→down (down or lowerLayerDown) on an interface that is administratively up (one shut on purpose
    /// is no news), true for down→up, null otherwise.
    /// </summary>
    public static bool? LinkChange(int? previousOper, SnmpInterfaceReading current)
    {
        static bool IsDown(int? status) => status is (int)InterfaceStatus.Down or (int)InterfaceStatus.LowerLayerDown;
        if (previousOper == (int)InterfaceStatus.Up && IsDown(current.OperStatus) && current.AdminStatus == (int)InterfaceStatus.Up)
        {
            return false;
        }

        return IsDown(previousOper) && current.OperStatus == (int)InterfaceStatus.Up ? true : null;
    }

    private SnmpInterfaceView Interface(SnmpInterfaceReading current, string name, SnmpInterfaceReading? previous, DateTimeOffset at, List<SeriesPoint> points)
    {
        var labels = SnmpSeriesNames.InterfaceLabel(name);
        double? inBps = null, outBps = null;
        if (previous is not null)
        {
            inBps = InterfaceRates.BitsPerSecond(previous.InOctets, _interfacesAt, current.InOctets, at, current.SpeedBps);
            outBps = InterfaceRates.BitsPerSecond(previous.OutOctets, _interfacesAt, current.OutOctets, at, current.SpeedBps);
            Add(points, SnmpSeriesNames.InBps, labels, inBps, at);
            Add(points, SnmpSeriesNames.OutBps, labels, outBps, at);
            Add(points, SnmpSeriesNames.InErrorsPerSecond, labels, InterfaceRates.PerSecond(previous.InErrors, _interfacesAt, current.InErrors, at), at);
            Add(points, SnmpSeriesNames.OutErrorsPerSecond, labels, InterfaceRates.PerSecond(previous.OutErrors, _interfacesAt, current.OutErrors, at), at);
            Add(points, SnmpSeriesNames.InDiscardsPerSecond, labels, InterfaceRates.PerSecond(previous.InDiscards, _interfacesAt, current.InDiscards, at), at);
            Add(points, SnmpSeriesNames.OutDiscardsPerSecond, labels, InterfaceRates.PerSecond(previous.OutDiscards, _interfacesAt, current.OutDiscards, at), at);
        }

        Add(points, SnmpSeriesNames.OperStatus, labels, current.OperStatus switch
        {
            (int)InterfaceStatus.Up => 1,
            (int)InterfaceStatus.Down or (int)InterfaceStatus.LowerLayerDown => 0,
            _ => null,
        }, at);
        return new SnmpInterfaceView(current.Index, name, current.Alias, current.SpeedBps, Status(current.AdminStatus), Status(current.OperStatus), inBps, outBps);
    }

    private void Device(string metric, double? value, DateTimeOffset at, List<SeriesPoint> points) => Add(points, metric, "", value, at);

    private void Add(List<SeriesPoint> points, string metric, string labels, double? value, DateTimeOffset at)
    {
        if (value is { } number && double.IsFinite(number))
        {
            points.Add(new SeriesPoint(new SeriesKey(deviceId, metric, labels), at, number));
        }
    }

    private static InterfaceStatus? Status(int? value) => value is >= 1 and <= 7 ? (InterfaceStatus)value : null;

    /// <summary>One event per device, code, zone and minute: a flapping link within a minute is counted, not repeated.</summary>
    private EventInput Event(string category, string code, string? zone, EventPriority priority, EventKind kind, string message, DateTimeOffset at) =>
        new(Source, null, deviceId, zone, category, code, priority, kind, message, at,
            $"{deviceId.ToString(CultureInfo.InvariantCulture)}:{code}:{zone}:{at.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}");
}
