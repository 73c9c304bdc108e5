using System.Diagnostics;
using System.Net;
using Sotp.Collectors.Snmp;

namespace Sotp.Testing.Snmp;

/// <summary>
/// snmpsim's <c>snmpsimd</c> (Debian package snmpsim) serving .snmprec recordings on one UDP port of several loopback
/// addresses; the v2c community is the recording's file name without the extension. As root it must drop to
/// nobody, so the recordings are copied to a folder nobody can read and the index cache to one it can write.
/// </summary>
public sealed class SnmpsimServer : IAsyncDisposable
{
    private const string Snmpsimd = "/usr/bin/snmpsimd";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _folder = new("sotp-snmpsim");
    private Process? _process;

    private SnmpsimServer(int port) => Port = port;

    public static bool Installed => File.Exists(Snmpsimd);

    public int Port { get; }

    /// <summary>Starts snmpsimd on <paramref name="addresses"/> (one port, free on the first) and waits until the first recording answers there.</summary>
    public static async Task<SnmpsimServer> StartAsync(IReadOnlyList<IPAddress> addresses, IEnumerable<string> recordings)
    {
        var server = new SnmpsimServer(SnmpdServer.FreeUdpPort(addresses[0]));
        var data = Directory.CreateDirectory(server._folder.File("data")).FullName;
        var cache = Directory.CreateDirectory(server._folder.File("cache")).FullName;
        var communities = new List<string>();
        foreach (var recording in recordings)
        {
            File.Copy(recording, Path.Combine(data, Path.GetFileName(recording)));
            communities.Add(Path.GetFileNameWithoutExtension(recording));
        }

        // The temporary folder is the owner's only; snmpsimd reads and caches as nobody. (snmpsim runs on Unix only.)
        foreach (var path in new[] { server._folder.Path, data, cache }.Concat(Directory.GetFiles(data)))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
            }
        }

        var start = new ProcessStartInfo(Snmpsimd) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { $"--data-dir={data}", $"--cache-dir={cache}", "--logging-method=null" }
                     .Concat(addresses.Select(address => $"--agent-udpv4-endpoint={address}:{server.Port}"))
                     .Concat(RootFactAttribute.IsRoot ? ["--process-user=nobody", "--process-group=nogroup"] : []))
        {
            start.ArgumentList.Add(argument);
        }

        server._process = Process.Start(start)!;
        server._process.OutputDataReceived += (_, _) => { };
        server._process.ErrorDataReceived += (_, _) => { };
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await server.WaitUntilAnswersAsync(addresses[0], communities[0]);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _folder.Dispose();
    }

    private async Task WaitUntilAnswersAsync(IPAddress address, string community)
    {
        using var client = new SnmpClient();
        var probe = new SnmpTarget(new IPEndPoint(address, Port), new CommunityCredentials(community)) { Timeout = TimeSpan.FromMilliseconds(300), Retries = 0 };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout && !_process!.HasExited)
        {
            try
            {
                await client.GetAsync(probe, [Oid.Parse("1.3.6.1.2.1.1.5.0")]);
                return;
            }
            catch (SnmpTimeoutException)
            {
                // Still indexing the recordings.
            }
        }

        throw new InvalidOperationException($"snmpsimd did not answer on {address}:{Port} within {StartTimeout.TotalSeconds} s (exited: {_process!.HasExited}).");
    }
}
