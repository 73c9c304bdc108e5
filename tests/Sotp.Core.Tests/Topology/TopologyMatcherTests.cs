using Sotp.Core.Devices;
using Sotp.Core.Snmp;
using Sotp.Core.Topology;

namespace Sotp.Core.Tests.Topology;

public class TopologyMatcherTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    private static readonly Device[] Devices = [Device(1, "core", "10.0.0.1"), Device(2, "access-switch", "10.0.0.2:1161"), Device(3, "SRV-9", "srv9.example")];

    [Fact]
    public void ANeighbour_IsFoundByTheChassisIdADevicePolledAsItsOwn()
    {
        var identities = new Dictionary<long, DeviceIdentity> { [2] = new("acc-7", "00:1b:21:bb:00:02") };

        var links = Match(1, identities, Neighbour("Gi0/1", chassis: "00:1B:21:BB:00:02"));

        Assert.Equal([new TopologyLink(1, "Gi0/1", 2, "p", Now)], links);
    }

    [Fact]
    public void ANeighbour_IsFoundByManagementAddress_EvenWhenTheDeviceAddressHasAPort() =>
        Assert.Equal(2, Match(1, [], Neighbour("Gi0/1", address: "10.0.0.2")).Single().RemoteDeviceId);

    [Theory]
    [InlineData("srv-9")]
    [InlineData("SRV-9.example.net")]
    public void ANeighbour_IsFoundByItsNameIgnoringCaseAndDomain(string sysName) =>
        Assert.Equal(3, Match(1, [], Neighbour("Gi0/2", sysName: sysName)).Single().RemoteDeviceId);

    [Fact]
    public void ANeighbour_IsFoundByTheSysNameADeviceAnswersPollsWith() =>
        Assert.Equal(2, Match(1, new Dictionary<long, DeviceIdentity> { [2] = new("acc-7", null) }, Neighbour("Gi0/1", sysName: "acc-7.lan")).Single().RemoteDeviceId);

    [Fact]
    public void AnUnknownNeighbour_OrTheDeviceItself_GivesNoLink() =>
        Assert.Empty(Match(1, [], Neighbour("Gi0/1", sysName: "printer-3", chassis: "aa"), Neighbour("Gi0/2", sysName: "core")));

    [Fact]
    public void OneNeighbourSeenTwiceOnAPort_IsOneLink() =>
        Assert.Single(Match(1, [], Neighbour("Gi0/1", sysName: "srv-9"), Neighbour("Gi0/1", address: "srv9.example")));

    private static IReadOnlyList<TopologyLink> Match(long local, Dictionary<long, DeviceIdentity> identities, params LldpNeighbour[] neighbours) =>
        TopologyMatcher.Match(local, new SnmpLldp(null, neighbours), Devices, identities, Now);

    private static LldpNeighbour Neighbour(string localPort, string? sysName = null, string? chassis = null, string? address = null) =>
        new(1, localPort, chassis, "p", sysName, address);

    private static Device Device(long id, string name, string address) =>
        new(id, 1, name, DeviceKind.Switch, null, null, address, [], null, true, 30, 300, DeviceCredentials.None, Now, null, 1);
}
