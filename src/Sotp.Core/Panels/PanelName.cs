namespace Sotp.Core.Panels;

/// <summary>A partition's, zone's or output's name as the panel keeps it (set in DLOADX or on a keypad).</summary>
/// <param name="Function">The byte the panel sends with the name: partition type, zone reaction or output function (Satel's tables).</param>
/// <param name="Partition">For a zone, the partition it belongs to, when the panel said.</param>
public sealed record PanelName(PanelItem Item, int Number, string Name, int Function, int? Partition = null);
