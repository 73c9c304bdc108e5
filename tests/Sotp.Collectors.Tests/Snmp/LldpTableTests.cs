using Sotp.Collectors.Snmp;
using Sotp.Collectors.Snmp.Polling;
using Sotp.Core.Snmp;

namespace Sotp.Collectors.Tests.Snmp;

public class LldpTableTests
{
    private static readonly byte[] CoreMac = [0x00, 0x1b, 0x21, 0xaa, 0x00, 0x01];

    [Fact]
    public void ARemRow_IsANeighbourOnTheLocalPortItNames_WithChassisAsColonHex_AndTheManagementAddressFromTheIndex()
    {
        VarBind[] binds =
        [
            new(Mib.LldpLocPortId.Append(48), SnmpValue.OctetString("Gi0/48")),
            new(Mib.LldpLocPortDesc.Append(48), SnmpValue.OctetString("uplink to core")),
            new(Mib.LldpRemChassisId.Append(0, 48, 1), SnmpValue.OctetString(CoreMac)),
            new(Mib.LldpRemPortId.Append(0, 48, 1), SnmpValue.OctetString("Gi0/1")),
            new(Mib.LldpRemSysName.Append(0, 48, 1), SnmpValue.OctetString("core-sw-1")),
            new(Mib.LldpRemManAddrIfSubtype.Append(0, 48, 1, 1, 4, 192, 0, 2, 1), SnmpValue.Integer32(2)),
        ];

        var lldp = LldpTable.Parse(binds, SnmpValue.OctetString([0x00, 0x1b, 0x21, 0xbb, 0x00, 0x02]));

        Assert.Equal("00:1b:21:bb:00:02", lldp.LocalChassisId);
        Assert.Equal([new LldpNeighbour(48, "uplink to core", "00:1b:21:aa:00:01", "Gi0/1", "core-sw-1", "192.0.2.1")], lldp.Neighbours);
    }

    [Fact]
    public void WithoutAPortDescription_TheLocalPortIsItsIdOrNumber_AndAnIpv4AddressWinsOverIpv6()
    {
        var v6 = new uint[] { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01 };
        VarBind[] binds =
        [
            new(Mib.LldpLocPortId.Append(1), SnmpValue.OctetString("eth1")),
            new(Mib.LldpRemSysName.Append(100, 1, 3), SnmpValue.OctetString("a")),
            new(Mib.LldpRemManAddrIfSubtype.Append([100, 1, 3, 2, 16, .. v6]), SnmpValue.Integer32(2)),
            new(Mib.LldpRemManAddrIfSubtype.Append(100, 1, 3, 1, 4, 10, 0, 0, 7), SnmpValue.Integer32(2)),
            new(Mib.LldpRemChassisId.Append(0, 2, 1), SnmpValue.OctetString("b-chassis")),
        ];

        var lldp = LldpTable.Parse(binds, null);

        Assert.Null(lldp.LocalChassisId);
        Assert.Equal(
            [new LldpNeighbour(1, "eth1", null, null, "a", "10.0.0.7"), new LldpNeighbour(2, "2", "b-chassis", null, null, null)],
            lldp.Neighbours);
    }

    [Fact]
    public void AnAgentWithoutLldp_HasNoNeighbours() =>
        Assert.Equal(SnmpLldp.None.Neighbours, LldpTable.Parse([], SnmpValue.NoSuchObject).Neighbours);
}
