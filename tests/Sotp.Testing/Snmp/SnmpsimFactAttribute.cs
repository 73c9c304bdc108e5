using Xunit;

namespace Sotp.Testing.Snmp;

/// <summary>A test against snmpsim's snmpsimd (Debian package snmpsim); skipped without it unless root, where a missing package fails the test.</summary>
public sealed class SnmpsimFactAttribute : FactAttribute
{
    public SnmpsimFactAttribute()
    {
        if (!SnmpsimServer.Installed && !RootFactAttribute.IsRoot)
        {
            Skip = "Needs snmpsim: apt-get install snmpsim (./test.sh installs it when run as root).";
        }
    }
}
