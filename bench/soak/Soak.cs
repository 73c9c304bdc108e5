using System.Diagnostics;
using System.Globalization;
using Sotp.Core.Import;

namespace Sotp.Bench.Soak;

/// <summary>What the soak commands (bench/icmp-soak, bench/snmp-soak) share: the measured window, minute by minute, and the set-up.</summary>
public static class Soak
{
    /// <summary>
    /// Waits out <paramref name="minutes"/> from now, printing this process's CPU and RSS each minute followed by
    /// <paramref name="progress"/>; returns the CPU used and the time passed.
    /// </summary>
    public static async Task<(TimeSpan Cpu, TimeSpan Elapsed)> RunMinutesAsync(double minutes, Func<string> progress)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        var window = Stopwatch.StartNew();
        var total = TimeSpan.FromMinutes(minutes);
        var cpuMark = cpuStart;
        var markAt = TimeSpan.Zero;
        for (var minute = 1; markAt < total; minute++)
        {
            var next = TimeSpan.FromMinutes(Math.Min(minute, minutes));
            if (next - window.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
            }

            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var span = window.Elapsed - markAt;
            Console.WriteLine(FormattableString.Invariant(
                $"minute {minute}: CPU {(cpu - cpuMark).TotalSeconds:0.00} s in {span.TotalSeconds:0} s = {100 * (cpu - cpuMark) / span:0.0} % of one core; RSS {Rss("VmRSS")} MiB; {progress()}"));
            cpuMark = cpu;
            markAt = window.Elapsed;
        }

        process.Refresh();
        return (process.TotalProcessorTime - cpuStart, window.Elapsed);
    }

    /// <summary>Resident memory of this process from /proc (VmRSS now, VmHWM the peak), in MiB.</summary>
    public static long Rss(string field) =>
        File.ReadLines("/proc/self/status").Where(line => line.StartsWith(field + ":", StringComparison.Ordinal))
            .Select(line => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).Single();

    /// <summary>An import that must go through: a refused one ends the soak with its first errors.</summary>
    public static async Task CommitAsync(Task<ImportResult> importing)
    {
        var result = await importing;
        if (!result.Committed)
        {
            throw new InvalidOperationException($"import refused: {string.Join("; ", result.Errors.Take(3).Select(e => $"row {e.Row} {e.Column}: {e.Reason}"))}");
        }
    }
}
