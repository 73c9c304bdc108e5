using System.Reflection;

namespace Sotp.Server.Hosting;

public static class SotpVersion
{
    /// <summary>The informational version (e.g. <c>0.1.0+abc1234</c>) without the build metadata.</summary>
    public static string Current { get; } =
        (typeof(SotpVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];
}
