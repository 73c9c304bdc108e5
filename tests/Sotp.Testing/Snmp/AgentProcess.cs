using System.Diagnostics;
using Sotp.Collectors.Snmp;

namespace Sotp.Testing.Snmp;

/// <summary>What the fixtures of SNMP agents (snmpd, snmpsimd) do alike: start one, wait until it answers, stop it.</summary>
internal static class AgentProcess
{
    /// <summary>Starts the agent with its output read and dropped (a full pipe would block it); it logs to a file.</summary>
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

    /// <summary>Asks sysName.0 until the agent answers (true), has exited or <paramref name="timeout"/> passed (false).</summary>
    public static async Task<bool> AnswersAsync(Process process, SnmpTarget probe, TimeSpan timeout)
    {
        using var client = new SnmpClient();
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
                // Not listening yet (snmpsimd indexes its recordings first).
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
