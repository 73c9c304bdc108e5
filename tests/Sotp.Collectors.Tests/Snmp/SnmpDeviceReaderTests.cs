using Sotp.Collectors.Snmp;
using Sotp.Collectors.Snmp.Polling;

namespace Sotp.Collectors.Tests.Snmp;

/// <summary>What the poller reads from a real snmpd, checked against net-snmp's own tools on the same agent.</summary>
[Collection(SnmpdCollection.Name)]
public sealed class SnmpDeviceReaderTests(SnmpdServer snmpd) : IDisposable
{
    private readonly SnmpClient _client = new();

    public void Dispose() => _client.Dispose();

    [SnmpdFact]
    public async Task TheInterfaces_AreTheOnesSnmpwalkNames_WithStatusAndCounters()
    {
        var reading = await new SnmpDeviceReader(_client).ReadAsync(snmpd.V2c, CancellationToken.None);
        var names = await IfNamesAsync(["-v2c", "-c", SnmpdServer.Community]);

        Assert.NotEmpty(names);
        Assert.Equal(names, reading.Interfaces.Select(i => i.Name));
        Assert.All(reading.Interfaces, i => Assert.InRange(i.OperStatus!.Value, 1, 7));
        var loopback = Assert.Single(reading.Interfaces, i => i.Name == "lo");
        // net-snmp has ifXTable, so the octets are the 64-bit HC counters.
        Assert.Equal(64, loopback.InOctets!.Value.Bits);
        Assert.Equal(32, loopback.InErrors!.Value.Bits);
    }

    [SnmpdFact]
    public async Task TheSystemGroup_AndMemory_AreRead()
    {
        var reading = await new SnmpDeviceReader(_client).ReadAsync(snmpd.V2c, CancellationToken.None);

        Assert.Equal(SnmpdServer.SysName, reading.System.Name);
        Assert.StartsWith("1.3.6.1.4.1.8072.", reading.System.ObjectId);
        Assert.NotNull(reading.System.UpTimeTicks);
        Assert.InRange(reading.MemoryUsedPercent!.Value, 0, 100);
        // HOST-RESOURCES has a processor load after snmpd's first minute; until then UCD's load average stands in.
        Assert.True(reading.CpuPercent is >= 0 and <= 100 || reading.LoadAverage1m is >= 0);
    }

    [SnmpdFact]
    public async Task SnmpV1AndV3_ReadTheSameInterfaces()
    {
        var v1 = snmpd.V2c with { Credentials = new CommunityCredentials(SnmpdServer.Community, SnmpVersion.V1) };
        var v3 = snmpd.V3(SnmpdUser.Named("sha256_aes256").Credentials());

        var byV1 = await new SnmpDeviceReader(_client).ReadAsync(v1, CancellationToken.None);
        var byV3 = await new SnmpDeviceReader(_client).ReadAsync(v3, CancellationToken.None);

        Assert.Equal(byV1.Interfaces.Select(i => i.Name), byV3.Interfaces.Select(i => i.Name));
        Assert.NotEmpty(byV1.Interfaces);
    }

    private async Task<List<string>> IfNamesAsync(IEnumerable<string> security)
    {
        var output = await snmpd.RunToolAsync("snmpwalk", [.. security, "-Oqv", snmpd.Address, Mib.IfName.ToString()]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim().Trim('"')).ToList();
    }
}
