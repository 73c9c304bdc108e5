using Sotp.Collectors.Snmp;

namespace Sotp.Collectors.Tests.Snmp;

/// <summary>Our engine and net-snmp's own tools read the same snmpd; the answers must agree.</summary>
[Collection(SnmpdCollection.Name)]
public sealed class SnmpdInteropTests(SnmpdServer snmpd) : IDisposable
{
    private static readonly Oid IfTable = Oid.Parse("1.3.6.1.2.1.2.2");
    private static readonly Oid SystemGroup = Oid.Parse("1.3.6.1.2.1.1");
    private static readonly Oid IfXTable = Oid.Parse("1.3.6.1.2.1.31.1.1");

    private readonly SnmpClient _client = new();

    public static TheoryData<string> V3Users => [.. SnmpdUser.All.Select(user => user.Name)];

    public void Dispose() => _client.Dispose();

    [SnmpdFact]
    public async Task V2c_Get_MatchesSnmpget()
    {
        Oid[] oids = [Oid.Parse("1.3.6.1.2.1.1.1.0"), Oid.Parse("1.3.6.1.2.1.1.2.0"), Oid.Parse("1.3.6.1.2.1.1.5.0"), Oid.Parse("1.3.6.1.2.1.1.3.0")];
        var ours = await _client.GetAsync(snmpd.V2c, oids);
        var theirs = NetSnmpFormat.Parse(await snmpd.RunToolAsync("snmpget",
            ["-v2c", "-c", SnmpdServer.Community, .. NetSnmpFormat.Options, snmpd.Address, .. oids.Select(oid => oid.ToString())]));
        NetSnmpFormat.AssertSame(theirs, ours);
        Assert.Equal(SnmpdServer.SysName, ours[2].Value.AsText());
    }

    [SnmpdFact]
    public async Task V2c_WalkOfIfTable_MatchesSnmpbulkwalk()
    {
        var ours = await _client.WalkAsync(snmpd.V2c, IfTable);
        var theirs = NetSnmpFormat.Parse(await snmpd.RunToolAsync("snmpbulkwalk",
            ["-v2c", "-c", SnmpdServer.Community, .. NetSnmpFormat.Options, snmpd.Address, IfTable.ToString()]));
        Assert.NotEmpty(ours);
        NetSnmpFormat.AssertSame(theirs, ours);
    }

    [SnmpdFact]
    public async Task V2c_WalkWithOneRepetition_MatchesSnmpbulkwalkOfIfXTable()
    {
        // One varbind per request crosses every row boundary one step at a time, Counter64 columns included.
        var ours = await _client.WalkAsync(snmpd.V2c with { MaxRepetitions = 1 }, IfXTable);
        var theirs = NetSnmpFormat.Parse(await snmpd.RunToolAsync("snmpbulkwalk",
            ["-v2c", "-c", SnmpdServer.Community, .. NetSnmpFormat.Options, snmpd.Address, IfXTable.ToString()]));
        Assert.Contains(ours, bind => bind.Value.Type == SnmpType.Counter64);
        NetSnmpFormat.AssertSame(theirs, ours);
    }

    [SnmpdFact]
    public async Task V1_WalkWithGetNext_MatchesSnmpwalk()
    {
        var v1 = snmpd.V2c with { Credentials = new CommunityCredentials(SnmpdServer.Community, SnmpVersion.V1) };
        var ours = await _client.WalkAsync(v1, SystemGroup);
        var theirs = NetSnmpFormat.Parse(await snmpd.RunToolAsync("snmpwalk",
            ["-v1", "-c", SnmpdServer.Community, .. NetSnmpFormat.Options, snmpd.Address, SystemGroup.ToString()]));
        NetSnmpFormat.AssertSame(theirs, ours);
    }

    [SnmpdTheory]
    [MemberData(nameof(V3Users))]
    public async Task V3_WalkOfTheSystemGroupAndIfTable_MatchesSnmpbulkwalk(string name)
    {
        var user = SnmpdUser.Named(name);
        foreach (var root in new[] { SystemGroup, IfTable })
        {
            var ours = await _client.WalkAsync(snmpd.V3(user.Credentials()), root);
            var theirs = NetSnmpFormat.Parse(await snmpd.RunToolAsync("snmpbulkwalk",
                [.. user.ToolArguments(), .. NetSnmpFormat.Options, snmpd.Address, root.ToString()]));
            Assert.NotEmpty(ours);
            NetSnmpFormat.AssertSame(theirs, ours);
        }
    }

    [SnmpdFact]
    public async Task GetBulk_ReturnsMaxRepetitionsVarbindsPerRepeater_AfterTheNonRepeaters()
    {
        var binds = await _client.GetBulkAsync(snmpd.V2c, 1, 3, [Oid.Parse("1.3.6.1.2.1.1.5"), Oid.Parse("1.3.6.1.2.1.2.2.1.1"), Oid.Parse("1.3.6.1.2.1.2.2.1.2")]);
        Assert.Equal(1 + (2 * 3), binds.Count);
        Assert.Equal(Oid.Parse("1.3.6.1.2.1.1.5.0"), binds[0].Oid);
        Assert.Equal("1.3.6.1.2.1.2.2.1.1.1", binds[1].Oid.ToString());
        Assert.StartsWith("1.3.6.1.2.1.2.2.1.2.", binds[2].Oid.ToString(), StringComparison.Ordinal);
    }
}
