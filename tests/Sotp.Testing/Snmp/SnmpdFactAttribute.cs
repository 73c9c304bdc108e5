using Xunit;

namespace Sotp.Testing.Snmp;

/// <summary>
/// A test against net-snmp's snmpd and its command-line tools (Debian packages snmpd and snmp). Without them and
/// without root to install them (./test.sh does as root) the test is skipped and the runner says why; as root a
/// missing package fails the test, because CI must not quietly skip it.
/// </summary>
public sealed class SnmpdFactAttribute : FactAttribute
{
    public SnmpdFactAttribute()
    {
        if (!SnmpdServer.Installed && !RootFactAttribute.IsRoot)
        {
            Skip = "Needs net-snmp: apt-get install snmpd snmp (./test.sh installs them when run as root).";
        }
    }
}
