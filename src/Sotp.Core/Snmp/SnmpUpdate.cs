using Sotp.Core.Events;
using Sotp.Core.Series;

namespace Sotp.Core.Snmp;

/// <summary>What one successful poll produced: points to write, events to file, and the device's new view.</summary>
public sealed record SnmpUpdate(IReadOnlyList<SeriesPoint> Points, IReadOnlyList<EventInput> Events, SnmpDeviceView View);
