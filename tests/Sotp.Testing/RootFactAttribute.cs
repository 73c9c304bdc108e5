using Xunit;

namespace Sotp.Testing;

/// <summary>
/// A test that needs root (raw ICMP sockets, network namespaces). CI runs as root; elsewhere the test is skipped
/// and the runner shows why.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!IsRoot)
        {
            Skip = "Needs root: raw ICMP sockets and network namespaces (CI runs as root; run ./test.sh with sudo).";
        }
    }

    public static bool IsRoot => Environment.UserName == "root";
}
