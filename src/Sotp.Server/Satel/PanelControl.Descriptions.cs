using Sotp.Collectors.Satel;
using Sotp.Core;
using Sotp.Core.Events;
using Sotp.Core.Panels;

namespace Sotp.Server.Satel;

/// <summary>
/// The panel's description as its worker stored it (versions, names), joined with the live state when the panel is
/// watched on this node. Works without a worker too: names and priorities are configuration, and an operator needs
/// them most when the panel is down.
/// </summary>
public sealed partial class PanelControl
{
    /// <summary>Outputs whose state comes in a 16-byte set; the rest only on a module that sends 32-byte ones.</summary>
    private const int NarrowSetItems = 128;

    public async Task<PanelDescriptionView> DescriptionAsync(long deviceId, Caller caller, CancellationToken cancellationToken)
    {
        var (description, snapshot) = await DescribedAsync(deviceId, caller, cancellationToken);
        var numbers = Numbers(description, PanelItem.Partition, snapshot?.Partitions.Keys ?? []);
        return new PanelDescriptionView(deviceId, snapshot?.Connection, description.Versions, description.NamesReadAt,
            [.. numbers.Select(n => new PanelDescriptionView.PartitionEntry(n, description.Find(PanelItem.Partition, n)?.Name,
                snapshot?.Partitions.GetValueOrDefault(n) ?? SatelPartitionStatus.Unknown))]);
    }

    /// <summary>Every zone the panel has (as polled), is named or has an override: name, partition, priorities, live status.</summary>
    public async Task<IReadOnlyList<PanelZoneEntry>> ZonesAsync(long deviceId, Caller caller, CancellationToken cancellationToken)
    {
        var (description, snapshot) = await DescribedAsync(deviceId, caller, cancellationToken);
        var overrides = (await zones.AllOverridesAsync(cancellationToken)).GetValueOrDefault(deviceId) ?? new Dictionary<int, EventPriority>();
        var numbers = Numbers(description, PanelItem.Zone, [.. snapshot?.Zones.Keys ?? [], .. overrides.Keys]);
        return
        [
            .. numbers.Select(n =>
            {
                var named = description.Find(PanelItem.Zone, n);
                EventPriority? overridden = overrides.TryGetValue(n, out var priority) ? priority : null;
                return new PanelZoneEntry(n, named?.Name, named?.Partition, named?.Function, EventPriority.Critical, overridden, overridden ?? EventPriority.Critical,
                    snapshot?.Zones.GetValueOrDefault(n) ?? SatelZoneStatus.Unknown);
            }),
        ];
    }

    /// <summary>Every output the panel's model has, is named or is on: name and live on/off.</summary>
    public async Task<IReadOnlyList<PanelOutputEntry>> OutputsAsync(long deviceId, Caller caller, CancellationToken cancellationToken)
    {
        var (description, snapshot) = await DescribedAsync(deviceId, caller, cancellationToken);
        var live = snapshot is { Stale: false } ? snapshot.Outputs : null;
        var numbers = Numbers(description, PanelItem.Output, [.. Enumerable.Range(1, ModelOutputs(description.Versions)), .. live ?? new HashSet<int>()]);
        return
        [
            .. numbers.Select(n =>
            {
                var named = description.Find(PanelItem.Output, n);
                return new PanelOutputEntry(n, named?.Name, named?.Function, live?.Contains(n));
            }),
        ];
    }

    /// <summary>
    /// The live state from memory, no store read, for a console page that loaded the panel through the methods above
    /// (which checked the caller's site scope) and redraws as it changes. Null when the panel is not watched on this node.
    /// </summary>
    public SatelPanelSnapshot? Live(long deviceId) => panels.Find(deviceId)?.Snapshot();

    /// <summary>Why no worker watches the panel on this node (disabled, bad address…), or null.</summary>
    public string? WhyNotWatched(long deviceId) => panels.WhyNotWatched(deviceId);

    /// <summary>How many outputs the model has, as far as their state can be read (above 128 only through a module that sends 32-byte sets).</summary>
    private static int ModelOutputs(PanelVersions? versions)
    {
        if (versions is null)
        {
            return 0;
        }

        var outputs = new SatelPanelInfo((byte)versions.PanelType, versions.FirmwareVersion, (byte)versions.Language, versions.SettingsInFlash).OutputCount;
        return versions.ModuleSupports256 == true ? outputs : Math.Min(outputs, NarrowSetItems);
    }

    private async Task<(PanelDescription Description, SatelPanelSnapshot? Snapshot)> DescribedAsync(long deviceId, Caller caller, CancellationToken cancellationToken)
    {
        var device = await PanelAsync(deviceId, caller, cancellationToken);
        return (await descriptions.GetAsync(device.Id, cancellationToken), panels.Find(device.Id)?.Snapshot());
    }

    private static IEnumerable<int> Numbers(PanelDescription description, PanelItem item, IEnumerable<int> others) =>
        description.Names.Where(n => n.Item == item).Select(n => n.Number).Concat(others).Distinct().Order();
}
