namespace Sotp.Collectors.Tests.Snmp;

/// <summary>Tests that share one snmpd.</summary>
[CollectionDefinition(Name)]
public sealed class SnmpdCollection : ICollectionFixture<SnmpdServer>
{
    public const string Name = "snmpd";
}
