using Xunit;

namespace Sotp.Testing.Snmp;

/// <summary>The theory form of <see cref="SnmpdFactAttribute"/>.</summary>
public sealed class SnmpdTheoryAttribute : TheoryAttribute
{
    public SnmpdTheoryAttribute()
    {
        if (!SnmpdServer.Installed && !RootFactAttribute.IsRoot)
        {
            Skip = "Needs net-snmp: apt-get install snmpd snmp (./test.sh installs them when run as root).";
        }
    }
}
