using Sotp.Testing.Snmp;

namespace Sotp.Server.Tests;

/// <summary>Tests that poll one shared snmpd (the fixture of Sotp.Testing, started once for the collection).</summary>
[CollectionDefinition(Name)]
public sealed class SnmpdCollection : ICollectionFixture<SnmpdServer>
{
    public const string Name = "snmpd";
}
