using System.Diagnostics;
using System.Globalization;
using System.Net;
using Sotp.Collectors.Snmp;

/// <summary>
/// One walk on each of many agents, a bounded number in flight, as the poller polls a site: the whole round is timed
/// (wall and this process's CPU). Prints "agents N walks OK failed N varbinds N wall-s X cpu-s X".
/// </summary>
internal static class ManyAgents
{
    public static async Task<int> RunAsync(string[] args)
    {
        var endpoints = File.ReadAllLines(args[1]).Where(line => line.Length > 0).Select(IPEndPoint.Parse).ToList();
        var root = Oid.Parse(args[2]);
        var maxRepetitions = int.Parse(args[3], CultureInfo.InvariantCulture);
        var credentials = new CommunityCredentials(args[4]);
        using var gate = new SemaphoreSlim(int.Parse(args[5], CultureInfo.InvariantCulture));
        using var client = new SnmpClient();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var results = await Task.WhenAll(endpoints.Select(async endpoint =>
        {
            await gate.WaitAsync();
            try
            {
                // A simulator answering 200 agents from one Python process is slow: give it time rather than count timeouts.
                var target = new SnmpTarget(endpoint, credentials) { MaxRepetitions = maxRepetitions, Timeout = TimeSpan.FromSeconds(10), Retries = 2 };
                return (await client.WalkAsync(target, root)).Count;
            }
            catch (SnmpException ex)
            {
                Console.Error.WriteLine($"{endpoint}: {ex.Message}");
                return -1;
            }
            finally
            {
                gate.Release();
            }
        }));
        var wall = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var ok = results.Count(count => count >= 0);
        Console.WriteLine(FormattableString.Invariant(
            $"agents {endpoints.Count} walks {ok} failed {endpoints.Count - ok} varbinds {results.Where(c => c > 0).Sum()} wall-s {wall.TotalSeconds:0.000} cpu-s {cpu.TotalSeconds:0.000}"));
        return ok == endpoints.Count ? 0 : 1;
    }
}
