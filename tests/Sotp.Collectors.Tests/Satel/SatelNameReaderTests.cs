using Sotp.Collectors.Satel;
using Sotp.Core.Panels;
using Sotp.Testing.Satel;

namespace Sotp.Collectors.Tests.Satel;

/// <summary>The name reader against the simulated module: batches, the plain-zone fallback, and a module that goes quiet.</summary>
public sealed class SatelNameReaderTests
{
    /// <summary>A loaded test machine must not look like a silent module: only the test of one waits for a timeout.</summary>
    private static readonly SatelClientOptions Patient = new() { RequestTimeout = TimeSpan.FromSeconds(10) };

    private static readonly SatelClientOptions ShortTimeout = new() { RequestTimeout = TimeSpan.FromMilliseconds(300) };

    [Fact]
    public async Task Names_AreReadInBatches_PartitionsThenZonesThenOutputs()
    {
        await using var simulator = new Ethm1Simulator();
        simulator.Panel.Name(SatelNameKind.Partition, 2, "Magazyn");
        simulator.Panel.Name(SatelNameKind.Zone, 1, "Drzwi");
        simulator.Panel.AssignZone(1, 2);
        simulator.Panel.Name(SatelNameKind.Output, 1, "Syrena");
        await using var client = await SatelClient.ConnectAsync("127.0.0.1", simulator.Port, Patient);
        var reader = new SatelNameReader(partitions: 2, zones: 2, outputs: 1);

        await reader.ReadAsync(client, 3, () => false, CancellationToken.None);
        var afterFirstBatch = reader.Names.Count;
        await reader.ReadAsync(client, 3, () => false, CancellationToken.None);

        Assert.Equal(2, afterFirstBatch);
        Assert.True(reader.Done);
        Assert.Equal(
            [new PanelName(PanelItem.Partition, 2, "Magazyn", 0), new(PanelItem.Zone, 1, "Drzwi", 0, Partition: 2), new(PanelItem.Output, 1, "Syrena", 0)],
            reader.Names);
    }

    [Fact]
    public async Task APanelThatRefusesZonesWithTheirPartition_IsAskedThePlainWay()
    {
        await using var simulator = new Ethm1Simulator(new Ethm1SimulatorOptions { ZoneNamesWithPartition = false });
        simulator.Panel.Name(SatelNameKind.Zone, 1, "Drzwi");
        simulator.Panel.Name(SatelNameKind.Zone, 2, "Okno");
        await using var client = await SatelClient.ConnectAsync("127.0.0.1", simulator.Port, Patient);
        var reader = new SatelNameReader(partitions: 0, zones: 2, outputs: 0);

        await reader.ReadAsync(client, 10, () => false, CancellationToken.None);

        Assert.Equal([new PanelName(PanelItem.Zone, 1, "Drzwi", 0), new(PanelItem.Zone, 2, "Okno", 0)], reader.Names);
        // Zone 1: type 5 refused, then plain; zone 2 plain at once.
        Assert.Equal(3, simulator.FramesReceived);
    }

    [Fact]
    public async Task AModuleThatStopsAnswering_EndsTheBatch_AfterOneTimeout_AndTheNameIsAskedOnceMoreAtTheEnd()
    {
        await using var simulator = new Ethm1Simulator();
        simulator.Panel.Name(SatelNameKind.Partition, 1, "Biuro");
        await using var client = await SatelClient.ConnectAsync("127.0.0.1", simulator.Port, ShortTimeout);
        var reader = new SatelNameReader(partitions: 2, zones: 0, outputs: 0);
        simulator.Silent = true;

        await reader.ReadAsync(client, 2, () => false, CancellationToken.None);
        var whileSilent = (reader.Unanswered, reader.BadAnswers, reader.Done, simulator.FramesReceived);
        simulator.Silent = false;
        await reader.ReadAsync(client, 2, () => false, CancellationToken.None);

        Assert.Equal((1, 0, false, 1), whileSilent);
        Assert.True(reader.Done);
        Assert.Equal([new PanelName(PanelItem.Partition, 1, "Biuro", 0)], reader.Names);
    }

    [Fact]
    public async Task AWaitingCommand_StopsTheBatch_BeforeTheNextName()
    {
        await using var simulator = new Ethm1Simulator();
        await using var client = await SatelClient.ConnectAsync("127.0.0.1", simulator.Port, Patient);
        var reader = new SatelNameReader(partitions: 4, zones: 0, outputs: 0);
        var asked = 0;

        await reader.ReadAsync(client, 4, () => ++asked > 2, CancellationToken.None);

        Assert.Equal(2, simulator.FramesReceived);
        Assert.False(reader.Done);
    }
}
