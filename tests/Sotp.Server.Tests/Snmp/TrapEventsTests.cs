using System.Net;
using Sotp.Collectors.Snmp;
using Sotp.Collectors.Snmp.Polling;
using Sotp.Collectors.Snmp.Traps;
using Sotp.Core.Events;
using Sotp.Server.Snmp.Traps;

namespace Sotp.Server.Tests.Snmp;

/// <summary>What each kind of trap becomes for the alarm core.</summary>
public sealed class TrapEventsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 1, 30, 15, TimeSpan.Zero);

    [Theory]
    [InlineData("1.3.6.1.6.3.1.1.5.1", "availability", "cold_start", EventPriority.Medium, EventKind.Alarm)]
    [InlineData("1.3.6.1.6.3.1.1.5.2", "availability", "warm_start", EventPriority.Medium, EventKind.Alarm)]
    [InlineData("1.3.6.1.6.3.1.1.5.5", "security", "auth_failure", EventPriority.Low, EventKind.Alarm)]
    [InlineData("1.3.6.1.4.1.9.9.41.2.0.1", "snmp_trap", "1.3.6.1.4.1.9.9.41.2.0.1", EventPriority.Info, EventKind.Signal)]
    public void EachTrap_HasItsCategoryCodePriorityAndKind(string oid, string category, string code, EventPriority priority, EventKind kind)
    {
        var found = TrapEvents.ToEvent(V2c(oid, 77), 5, At);

        Assert.Equal((category, code, priority, kind, 5L, "snmp"), (found.Category, found.Code, found.Priority, found.Kind, found.DeviceId, found.Source));
        Assert.Equal($"trap:5:{oid}::77", found.DedupKey);
    }

    [Fact]
    public void ALinkTrap_IsZonedByIfName_BeforeIfDescr_AndShowsItsVarBinds()
    {
        var found = TrapEvents.ToEvent(V2c("1.3.6.1.6.3.1.1.5.3", 9,
            new VarBind(Mib.IfIndex.Append(3), SnmpValue.Integer32(3)),
            new VarBind(Mib.IfDescr.Append(3), SnmpValue.OctetString("GigabitEthernet0/3")),
            new VarBind(Mib.IfName.Append(3), SnmpValue.OctetString("Gi0/3"))), 5, At);

        Assert.Equal(("link_down", "Gi0/3", EventPriority.High), (found.Code, found.Zone, found.Priority));
        Assert.Equal("trap:5:1.3.6.1.6.3.1.1.5.3:Gi0/3:9", found.DedupKey);
        Assert.Contains("GigabitEthernet0/3", found.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AV1Trap_HasNoRequestId_SoItsDedupKeyIsTheMinute()
    {
        var trap = new SnmpTrap(SnmpVersion.V1, [], false, null, TrapOids.LinkUp, IPAddress.Loopback, [], []);

        var found = TrapEvents.ToEvent(trap, 5, At);

        Assert.Equal(("link_up", EventKind.Signal, "trap:5:1.3.6.1.6.3.1.1.5.4::202612020130"), (found.Code, found.Kind, found.DedupKey));
    }

    [Fact]
    public void ManyLongVarBinds_MakeAShortMessage()
    {
        var binds = Enumerable.Range(1, 50).Select(i => new VarBind(Oid.Parse($"1.3.6.1.4.1.1.{i}"), SnmpValue.OctetString(new string('x', 500)))).ToArray();

        var found = TrapEvents.ToEvent(V2c("1.3.6.1.4.1.1.0.1", 1, binds), 5, At);

        Assert.True(found.Message.Length < 600, found.Message);
    }

    private static SnmpTrap V2c(string oid, int requestId, params VarBind[] binds) =>
        new(SnmpVersion.V2c, [], false, requestId, Oid.Parse(oid), null, binds, binds);
}
