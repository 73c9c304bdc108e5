using Sotp.Core.Events;

namespace Sotp.Collectors.Satel;

/// <summary>Which inventory device a panel is and how its zones rank, as its events must say.</summary>
/// <param name="ZonePriorities">A zone's <c>priority_override</c>; zones not listed raise <see cref="EventPriority.Critical"/>.</param>
public sealed record SatelPanelIdentity(long DeviceId, long SiteId, IReadOnlyDictionary<int, EventPriority> ZonePriorities)
{
    public SatelPanelIdentity(long deviceId, long siteId)
        : this(deviceId, siteId, new Dictionary<int, EventPriority>())
    {
    }
}
