using CsCheck;
using Sotp.Collectors.Satel;

namespace Sotp.Collectors.Tests.Satel;

public class SatelPanelStateTests
{
    private static readonly HashSet<int> None = [];

    [Fact]
    public void BeforeAnyRead_EverythingIsUnknown()
    {
        var state = new SatelPanelState([1, 2], [1, 2, 3]);

        Assert.All(state.Partitions.Values, s => Assert.Equal(SatelPartitionStatus.Unknown, s));
        Assert.All(state.Zones.Values, s => Assert.Equal(SatelZoneStatus.Unknown, s));
    }

    [Fact]
    public void APartition_StaysUnknown_UntilEveryReadItDependsOnHasArrived()
    {
        var state = new SatelPanelState([1], []);

        foreach (var query in SatelPanelState.PartitionReads.SkipLast(1))
        {
            state.Update(query, None);
        }

        var beforeLast = state.PartitionStatus(1);
        var changes = state.Update(SatelPanelState.PartitionReads[^1], None);

        Assert.Equal(SatelPartitionStatus.Unknown, beforeLast);
        Assert.Equal([new SatelStateChange<SatelPartitionStatus>(1, SatelPartitionStatus.Unknown, SatelPartitionStatus.Disarmed)], changes.Partitions);
    }

    [Theory]
    [InlineData(new byte[] { }, SatelPartitionStatus.Disarmed)]
    [InlineData(new byte[] { 0x0A }, SatelPartitionStatus.Armed)]
    [InlineData(new byte[] { 0x0F }, SatelPartitionStatus.ExitTime)]
    [InlineData(new byte[] { 0x10, 0x0A }, SatelPartitionStatus.ExitTime)]
    [InlineData(new byte[] { 0x0A, 0x0E }, SatelPartitionStatus.EntryTime)]
    [InlineData(new byte[] { 0x0A, 0x0E, 0x13 }, SatelPartitionStatus.Alarm)]
    [InlineData(new byte[] { 0x13 }, SatelPartitionStatus.Alarm)]
    [InlineData(new byte[] { 0x13, 0x14 }, SatelPartitionStatus.FireAlarm)]
    public void APartition_ShowsItsMostUrgentState(byte[] setIn, SatelPartitionStatus expected)
    {
        var state = PartitionsRead(setIn.Select(c => (SatelPartitionQuery)c).ToHashSet(), number: 4);

        Assert.Equal(expected, state.PartitionStatus(4));
        Assert.Equal(SatelPartitionStatus.Disarmed, state.PartitionStatus(5));
    }

    [Theory]
    [InlineData(new byte[] { }, SatelZoneStatus.Normal)]
    [InlineData(new byte[] { 0x00 }, SatelZoneStatus.Violated)]
    [InlineData(new byte[] { 0x00, 0x06 }, SatelZoneStatus.Bypassed)]
    [InlineData(new byte[] { 0x06, 0x01 }, SatelZoneStatus.Tamper)]
    [InlineData(new byte[] { 0x01, 0x03 }, SatelZoneStatus.TamperAlarm)]
    [InlineData(new byte[] { 0x00, 0x02, 0x03 }, SatelZoneStatus.Alarm)]
    public void AZone_ShowsItsMostUrgentState(byte[] setIn, SatelZoneStatus expected)
    {
        var state = new SatelPanelState([], [7, 8]);
        foreach (var query in SatelPanelState.ZoneReads)
        {
            state.Update(query, setIn.Contains((byte)query) ? new HashSet<int> { 7 } : None);
        }

        Assert.Equal(expected, state.ZoneStatus(7));
        Assert.Equal(SatelZoneStatus.Normal, state.ZoneStatus(8));
    }

    [Fact]
    public void AnUpdate_ReportsOnlyWhatChanged()
    {
        var state = PartitionsRead([], number: 1);
        state.Update(SatelPartitionQuery.Alarm, None);

        var changes = state.Update(SatelPartitionQuery.ReallyArmed, new HashSet<int> { 2 });

        Assert.Equal([new SatelStateChange<SatelPartitionStatus>(2, SatelPartitionStatus.Disarmed, SatelPartitionStatus.Armed)], changes.Partitions);
        Assert.Empty(changes.Zones);
    }

    [Fact]
    public void Forget_MakesEverythingUnknownAgain_AndSaysSo()
    {
        var state = PartitionsRead([SatelPartitionQuery.ReallyArmed], number: 1);

        var changes = state.Forget();

        Assert.Contains(new SatelStateChange<SatelPartitionStatus>(1, SatelPartitionStatus.Armed, SatelPartitionStatus.Unknown), changes.Partitions);
        Assert.All(state.Partitions.Values, s => Assert.Equal(SatelPartitionStatus.Unknown, s));
        Assert.False(state.HasRead(SatelPartitionQuery.ReallyArmed));
    }

    [Fact]
    public void TheFinalState_DoesNotDependOnTheOrderOfTheReads() =>
        Gen.Int[1, 8].HashSet[0, 8].Array[SatelPanelState.PartitionReads.Count].Sample(sets =>
        {
            var reads = SatelPanelState.PartitionReads.Zip(sets, (query, set) => (query, set)).ToList();
            var forward = new SatelPanelState(Enumerable.Range(1, 8), []);
            var backward = new SatelPanelState(Enumerable.Range(1, 8), []);
            reads.ForEach(r => forward.Update(r.query, r.set));
            Enumerable.Reverse(reads).ToList().ForEach(r => backward.Update(r.query, r.set));
            return forward.Partitions.OrderBy(p => p.Key).SequenceEqual(backward.Partitions.OrderBy(p => p.Key));
        });

    [Fact]
    public void TheSameReadTwice_ChangesNothing() =>
        Gen.Int[1, 16].HashSet[0, 16].Array[SatelPanelState.ZoneReads.Count].Sample(sets =>
        {
            var state = new SatelPanelState([], Enumerable.Range(1, 16));
            var reads = SatelPanelState.ZoneReads.Zip(sets, (query, set) => new KeyValuePair<SatelZoneQuery, IReadOnlySet<int>>(query, set)).ToList();
            state.Update([], reads);
            return !state.Update([], reads).Any;
        });

    /// <summary>Every partition read answered, <paramref name="number"/> in the sets of <paramref name="setIn"/>.</summary>
    private static SatelPanelState PartitionsRead(HashSet<SatelPartitionQuery> setIn, int number)
    {
        var state = new SatelPanelState([1, 2, 3, 4, 5], []);
        foreach (var query in SatelPanelState.PartitionReads)
        {
            state.Update(query, setIn.Contains(query) ? new HashSet<int> { number } : None);
        }

        return state;
    }
}
