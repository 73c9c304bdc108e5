namespace Sotp.Web.Tests;

/// <summary>
/// A browser test. It drives Debian's chromium; without it the test is skipped, unless running as root (CI), where
/// a missing browser is a failure: <c>.ci/run</c> and <c>./test.sh</c> install it.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && Environment.UserName != "root")
        {
            Skip = $"Needs Debian's chromium at {ChromiumPath}: sudo apt-get install -y --no-install-recommends chromium (./test.sh as root installs it).";
        }
    }
}
