using Sotp.Core.Events;

namespace Sotp.Core.Panels;

/// <summary>Per-zone settings of alarm panels: the <c>priority_override</c> that replaces CRITICAL for a zone's alarms.</summary>
public interface IPanelZoneStore
{
    /// <summary>Every panel's overridden zones, for the workers (one read for all panels).</summary>
    Task<IReadOnlyDictionary<long, IReadOnlyDictionary<int, EventPriority>>> AllOverridesAsync(CancellationToken cancellationToken);

    /// <summary>Sets a zone's override, or removes it when <paramref name="priority"/> is null. Returns the override before.</summary>
    Task<EventPriority?> SetOverrideAsync(long deviceId, int zone, EventPriority? priority, CancellationToken cancellationToken);
}
