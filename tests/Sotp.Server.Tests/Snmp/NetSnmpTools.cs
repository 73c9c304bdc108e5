using System.Diagnostics;
using Sotp.Testing;

namespace Sotp.Server.Tests.Snmp;

/// <summary>Runs net-snmp's command-line tools (snmptrap, snmpinform) the way an agent's operator would.</summary>
public sealed class NetSnmpTools : IDisposable
{
    private readonly TempDirectory _folder = new("sotp-snmptools");

    /// <summary>Runs the tool to its end; returns its exit code and what it wrote to stderr.</summary>
    public async Task<(int ExitCode, string Error)> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MIBS"] = "";
        // The tools keep an engine-boots file; a private folder keeps the tests off /var/lib/snmp.
        start.Environment["SNMP_PERSISTENT_DIR"] = _folder.Path;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        return (process.ExitCode, await error);
    }

    public void Dispose() => _folder.Dispose();
}
