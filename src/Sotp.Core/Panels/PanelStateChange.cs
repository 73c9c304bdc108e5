namespace Sotp.Core.Panels;

/// <summary>What of an alarm panel a line is about: a partition, a zone or (names only) an output.</summary>
public enum PanelItem
{
    Partition,
    Zone,
    Output,
}

/// <summary>
/// One line of a panel's timeline: a partition or zone went from one known status to another (ARMED, VIOLATED, …,
/// as the collector names them). Periods without an answer are not lines: the timeline shows what the panel said.
/// </summary>
public sealed record PanelStateChange(long DeviceId, DateTimeOffset At, PanelItem Item, int Number, string From, string To);
