using Sotp.Core;
using Sotp.Core.Panels;

namespace Sotp.Collectors.Satel;

/// <summary>
/// Turns a panel's successive states into lines of its timeline (<see cref="PanelStateChange"/>). Like
/// <see cref="SatelEventTranslator"/> it compares with the last status it knew, never with Unknown: a lost
/// connection is a gap in the timeline, not a "ZONE 3: VIOLATED → UNKNOWN → VIOLATED" pair. The first status seen
/// of each partition and zone is the baseline and is not a line. Not thread-safe: one worker owns it.
/// </summary>
public sealed class SatelTimeline(long deviceId)
{
    private readonly Dictionary<int, SatelPartitionStatus> _partitions = [];
    private readonly Dictionary<int, SatelZoneStatus> _zones = [];

    public IReadOnlyList<PanelStateChange> Record(
        IReadOnlyDictionary<int, SatelPartitionStatus> partitions,
        IReadOnlyDictionary<int, SatelZoneStatus> zones,
        DateTimeOffset now)
    {
        var lines = new List<PanelStateChange>();
        Compare(PanelItem.Partition, partitions, _partitions, SatelPartitionStatus.Unknown, now, lines);
        Compare(PanelItem.Zone, zones, _zones, SatelZoneStatus.Unknown, now, lines);
        return lines;
    }

    private void Compare<TStatus>(PanelItem item, IReadOnlyDictionary<int, TStatus> current, Dictionary<int, TStatus> known, TStatus unknown,
        DateTimeOffset now, List<PanelStateChange> lines)
        where TStatus : struct, Enum
    {
        foreach (var (number, status) in current.OrderBy(pair => pair.Key))
        {
            if (EqualityComparer<TStatus>.Default.Equals(status, unknown))
            {
                continue;
            }

            if (known.TryGetValue(number, out var before) && !EqualityComparer<TStatus>.Default.Equals(before, status))
            {
                lines.Add(new PanelStateChange(deviceId, now, item, number, before.ToText(), status.ToText()));
            }

            known[number] = status;
        }
    }
}
