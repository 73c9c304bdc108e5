using System.Globalization;
using Sotp.Collectors.Snmp;
using Sotp.Collectors.Snmp.Polling;
using Sotp.Core.Snmp;

namespace Sotp.Collectors.Tests.Snmp;

/// <summary>
/// Recorded devices (a Cisco 3750 and a Linux host from Debian's snmpsim examples) polled through our reader and
/// compared, value by value, with what net-snmp's snmpget/snmpbulkwalk read from the same snmpsim agent.
/// </summary>
public sealed class SnmpsimRecordingTests(SnmpsimServer snmpsim) : IClassFixture<SnmpsimServer>, IDisposable
{
    private readonly SnmpClient _client = new();

    public void Dispose() => _client.Dispose();

    [SnmpsimFact]
    public async Task TheSystemGroup_IsWhatSnmpgetReads()
    {
        foreach (var recording in new[] { "cisco_16_switch", "linux-full-walk" })
        {
            var reading = await ReadAsync(recording);
            var net = await NetSnmpAsync("snmpget", recording, Mib.SysObjectId, Mib.SysUpTime, Mib.SysName);

            Assert.Equal(net[Mib.SysObjectId.ToString()].TrimStart('.'), reading.System.ObjectId);
            Assert.Equal(net[Mib.SysUpTime.ToString()], reading.System.UpTimeTicks?.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(net[Mib.SysName.ToString()], reading.System.Name);
            Assert.False(string.IsNullOrEmpty(reading.System.Description));
        }

        Assert.Equal("Cisco", SnmpVendors.FromSysObjectId((await ReadAsync("cisco_16_switch")).System.ObjectId)?.Name);
    }

    [SnmpsimFact]
    public async Task TheInterfaces_AreWhatSnmpbulkwalkReads_ColumnByColumn()
    {
        foreach (var recording in new[] { "cisco_16_switch", "linux-full-walk" })
        {
            var interfaces = (await ReadAsync(recording)).Interfaces.ToDictionary(i => i.Index);
            var descriptions = await ColumnAsync(recording, Mib.IfDescr);
            var names = await ColumnAsync(recording, Mib.IfName);
            var oper = await ColumnAsync(recording, Mib.IfOperStatus);
            var admin = await ColumnAsync(recording, Mib.IfAdminStatus);
            var hcIn = await ColumnAsync(recording, Mib.IfHcInOctets);
            var classicOut = await ColumnAsync(recording, Mib.IfOutOctets);

            Assert.True(interfaces.Count > 1, recording);
            Assert.Equal(descriptions.Keys.Order(), interfaces.Keys.Order());
            foreach (var (index, found) in interfaces)
            {
                Assert.Equal(descriptions[index], found.Description);
                Assert.Equal(names.GetValueOrDefault(index), found.Name);
                Assert.Equal(oper[index], found.OperStatus?.ToString(CultureInfo.InvariantCulture));
                Assert.Equal(admin[index], found.AdminStatus?.ToString(CultureInfo.InvariantCulture));
                // The HC counter where the agent has one, the 32-bit one otherwise, as net-snmp read them.
                Assert.Equal(hcIn.GetValueOrDefault(index), found.InOctets is { Bits: 64 } wide ? wide.Value.ToString(CultureInfo.InvariantCulture) : null);
                if (found.OutOctets is { Bits: 32 } narrow)
                {
                    Assert.Equal(classicOut[index], narrow.Value.ToString(CultureInfo.InvariantCulture));
                }
            }
        }
    }

    [SnmpsimFact]
    public async Task HostResources_CpuAndMemory_AreComputedFromWhatSnmpbulkwalkReads()
    {
        var reading = await ReadAsync("linux-full-walk");
        var loads = (await ColumnAsync("linux-full-walk", Mib.HrProcessorLoad)).Values.Select(double.Parse).ToList();
        var types = await ColumnAsync("linux-full-walk", Mib.HrStorageType);
        var sizes = await ColumnAsync("linux-full-walk", Mib.HrStorageSize);
        var used = await ColumnAsync("linux-full-walk", Mib.HrStorageUsed);
        var ram = types.Where(pair => pair.Value == "." + Mib.HrStorageRam).Select(pair => pair.Key).ToList();

        Assert.NotEmpty(loads);
        Assert.NotEmpty(ram);
        Assert.Equal(loads.Average(), reading.CpuPercent!.Value, 6);
        Assert.Equal(100.0 * ram.Sum(i => long.Parse(used[i], CultureInfo.InvariantCulture)) / ram.Sum(i => long.Parse(sizes[i], CultureInfo.InvariantCulture)),
            reading.MemoryUsedPercent!.Value, 6);
    }

    [SnmpsimFact]
    public async Task AnInterfaceTableTheAgentBreaks_FailsOnlyTheWalksThatReachIt()
    {
        // snmpsim's error variation on ifDescr.1 answers the walk with the column's own OID again (snmpbulkwalk says
        // "OID not increasing"); the system group and the CPU answer as recorded. This agent has no LLDP, and LLDP-MIB
        // sorts before the system group: the LLDP walk's bulk reads on past its columns into ifDescr.1 and fails too.
        var reading = await ReadAsync("broken-interfaces");

        Assert.Equal([SnmpParts.Interfaces, SnmpParts.Lldp], reading.Failures!.Select(failure => failure.Part));
        Assert.All(reading.Failures!, failure => Assert.False(string.IsNullOrWhiteSpace(failure.Reason)));
        Assert.Empty(reading.Interfaces);
        Assert.Equal("Profiler3750", reading.System.Name);
        Assert.Equal(30, reading.CpuPercent);
    }

    [SnmpsimFact]
    public async Task LldpNeighbours_AreRead_AndAnLldpTableTheAgentBreaks_FailsThatPartOnly()
    {
        var intact = await ReadAsync("lldp-core");
        // The same switch with snmpsim's error variation on one lldpRemSysName.
        var broken = await ReadAsync("lldp-core-broken");

        Assert.Empty(intact.Failures!);
        Assert.Equal("00:1b:21:aa:00:01", intact.Lldp!.LocalChassisId);
        Assert.Equal([("GigabitEthernet0/1", "00:1b:21:bb:00:02", "Gi0/48", "acc-sw-7.example.net"), ("GigabitEthernet0/2", "00:1b:21:cc:00:03", "eth0", "printer-3")],
            intact.Lldp.Neighbours.Select(n => (n.LocalPort, n.ChassisId, n.PortId, n.SysName)));
        var failure = Assert.Single(broken.Failures!);
        Assert.Equal(SnmpParts.Lldp, failure.Part);
        Assert.Null(broken.Lldp);
        Assert.Equal("core-sw-1", broken.System.Name);
    }

    private Task<SnmpReading> ReadAsync(string recording) => new SnmpDeviceReader(_client).ReadAsync(snmpsim.Recording(recording), CancellationToken.None);

    /// <summary>snmpget's answers by OID (without the leading dot): numeric OIDs, enums and time ticks as numbers, strings unquoted.</summary>
    private async Task<Dictionary<string, string>> NetSnmpAsync(string tool, string recording, params Oid[] oids)
    {
        var output = await snmpsim.RunToolAsync(tool, ["-v2c", "-c", recording, "-On", "-Oq", "-Oe", "-Ot", snmpsim.Address, .. oids.Select(o => o.ToString())]);
        return Parse(output).ToDictionary(pair => pair.Oid, pair => pair.Value);
    }

    /// <summary>One column as snmpbulkwalk reads it, by its single-number index.</summary>
    private async Task<Dictionary<int, string>> ColumnAsync(string recording, Oid column)
    {
        var output = await snmpsim.RunToolAsync("snmpbulkwalk", ["-v2c", "-c", recording, "-On", "-Oq", "-Oe", "-Ot", snmpsim.Address, column.ToString()]);
        return Parse(output).Where(pair => pair.Oid.StartsWith(column + ".", StringComparison.Ordinal))
            .ToDictionary(pair => int.Parse(pair.Oid[(column.ToString().Length + 1)..], CultureInfo.InvariantCulture), pair => pair.Value);
    }

    private static IEnumerable<(string Oid, string Value)> Parse(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.StartsWith('.')).Select(line =>
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var value = space < 0 ? "" : line[(space + 1)..].Trim();
            return (line[1..(space < 0 ? line.Length : space)], value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value);
        });
}
