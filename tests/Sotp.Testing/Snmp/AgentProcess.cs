using System.Diagnostics;
using Sotp.Collectors.Snmp;

namespace Sotp.Testing.Snmp;

/// <summary>An SNMP agent the tests run as a child process (snmpd, snmpsimd): started with its output drained, waited for, stopped.</summary>
internal static class AgentProcess
{
    public static Process Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until the agent answers a get of sysName.0, or has exited, or <paramref name="timeout"/> passed.</summary>
    public static async Task<bool> AnswersAsync(Process process, SnmpTarget target, TimeSpan timeout)
    {
        using var client = new SnmpClient();
        var probe = target with { Timeout = TimeSpan.FromMilliseconds(300), Retries = 0 };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !process.HasExited)
        {
            try
            {
                await client.GetAsync(probe, [Oid.Parse("1.3.6.1.2.1.1.5.0")]);
                return true;
            }
            catch (SnmpTimeoutException)
            {
                // Not listening yet.
            }
        }

        return false;
    }

    public static void Stop(Process? process)
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        process.Dispose();
    }
}
