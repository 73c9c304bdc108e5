namespace Sotp.Core.Alarms;

/// <summary>What response times are grouped by.</summary>
public enum ResponseGrouping
{
    Site,
    Device,
    Operator,
}

/// <summary>
/// Mean time to acknowledge (opened → ACK) and to resolve (opened → RESOLVED) of one group's alarms, in seconds.
/// Alarms not yet acknowledged or resolved count in <see cref="Alarms"/> but not in the means.
/// </summary>
/// <param name="Key">The site or device id, or the operator's name; null for alarms without one (no device, never claimed).</param>
public sealed record ResponseStats(string? Key, int Alarms, int Acknowledged, double? MttaSeconds, int Resolved, double? MttrSeconds)
{
    /// <summary>One line per group, the most alarms first.</summary>
    public static IReadOnlyList<ResponseStats> Of(IEnumerable<AlarmTimes> alarms, ResponseGrouping grouping) =>
        [.. alarms
            .GroupBy(a => grouping switch
            {
                ResponseGrouping.Site => a.SiteId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ResponseGrouping.Device => a.DeviceId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => a.Operator,
            })
            .Select(group =>
            {
                var acked = group.Where(a => a.AckedAt is not null).Select(a => (a.AckedAt!.Value - a.OpenedAt).TotalSeconds).ToList();
                var resolved = group.Where(a => a.ResolvedAt is not null).Select(a => (a.ResolvedAt!.Value - a.OpenedAt).TotalSeconds).ToList();
                return new ResponseStats(group.Key, group.Count(), acked.Count, acked.Count == 0 ? null : acked.Average(), resolved.Count,
                    resolved.Count == 0 ? null : resolved.Average());
            })
            .OrderByDescending(s => s.Alarms)
            .ThenBy(s => s.Key, StringComparer.Ordinal)];
}
