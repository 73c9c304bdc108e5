namespace Sotp.Core.Panels;

/// <summary>What is stored about a panel's own description: its versions and its names, each as last read.</summary>
/// <param name="Versions">Null until a worker has connected to the panel once.</param>
/// <param name="NamesReadAt">When the names were last read in full; null when never.</param>
public sealed record PanelDescription(PanelVersions? Versions, IReadOnlyList<PanelName> Names, DateTimeOffset? NamesReadAt)
{
    public static PanelDescription None { get; } = new(null, [], null);

    public PanelName? Find(PanelItem item, int number) => Names.FirstOrDefault(n => n.Item == item && n.Number == number);
}
