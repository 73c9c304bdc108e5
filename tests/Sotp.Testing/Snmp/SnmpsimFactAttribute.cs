using Xunit;

namespace Sotp.Testing.Snmp;

/// <summary>A test against snmpsim and net-snmp's tools: skipped without them unless root (./test.sh installs them), where it fails instead.</summary>
public sealed class SnmpsimFactAttribute : FactAttribute
{
    public SnmpsimFactAttribute()
    {
        if (!SnmpsimServer.Installed && !RootFactAttribute.IsRoot)
        {
            Skip = "Needs snmpsim and net-snmp's tools: apt-get install snmpsim snmp (./test.sh installs them when run as root).";
        }
    }
}
