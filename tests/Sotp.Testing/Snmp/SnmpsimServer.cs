using System.Diagnostics;
using System.Net;
using Sotp.Collectors.Snmp;
using Xunit;

namespace Sotp.Testing.Snmp;

/// <summary>
/// snmpsim (Debian's snmpsimd) serving every recording of <see cref="RecordingsFolder"/> on one free UDP port of one or
/// more loopback addresses; the v2c community is the recording's file name without .snmprec. The recordings are
/// Debian's examples cut down to the MIBs we poll (system, IF-MIB, HOST-RESOURCES) and decompressed, since snmpsim 0.4
/// cannot read .gz, plus small LLDP switches of our own for the topology. Several addresses on one port stand for
/// several devices, since the poller asks every device on the same port. Pitfalls (from the peers reference): as root
/// it must drop to nobody, so its data and cache folders must be readable and writable by nobody.
/// </summary>
public sealed class SnmpsimServer : IAsyncLifetime, IAsyncDisposable
{
    private const string Snmpsimd = "/usr/bin/snmpsimd";
    private const string ProbeRecording = "cisco_16_switch";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _folder = new("sotp-snmpsim");
    private readonly IReadOnlyList<IPAddress> _addresses;
    private Process? _process;
    private int? _port;

    /// <summary>The class fixture (xunit wants one public constructor): 127.0.0.1 and a free port.</summary>
    public SnmpsimServer()
        : this([IPAddress.Loopback])
    {
    }

    private SnmpsimServer(IReadOnlyList<IPAddress> addresses) => _addresses = addresses;

    public static bool Installed => File.Exists(Snmpsimd) && File.Exists("/usr/bin/snmpbulkwalk");

    /// <summary>The recordings as shipped with the tests (copied to the output folder).</summary>
    public static string RecordingsFolder => Path.Combine(AppContext.BaseDirectory, "Snmp", "Recordings");

    public int Port => _port ?? throw new InvalidOperationException(
        "snmpsim and the snmp tools are not installed: apt-get install -y --no-install-recommends snmpsim snmp (./test.sh does this as root).");

    /// <summary>The first address (127.0.0.1 for the fixture).</summary>
    public IPEndPoint Endpoint => new(_addresses[0], Port);

    public string Address => $"{_addresses[0]}:{Port}";

    /// <summary>Starts an agent answering on all of <paramref name="addresses"/> (one port, free on the first).</summary>
    public static async Task<SnmpsimServer> StartAsync(IReadOnlyList<IPAddress> addresses)
    {
        var server = new SnmpsimServer(addresses);
        await server.InitializeAsync();
        return server;
    }

    /// <summary>A v2c target for one recording.</summary>
    public SnmpTarget Recording(string name) => new(Endpoint, new CommunityCredentials(name)) { Timeout = TimeSpan.FromSeconds(2) };

    public async Task InitializeAsync()
    {
        if (!Installed)
        {
            return; // The tests skip themselves, or, as root, fail on Port with the reason.
        }

        var data = _folder.File("data");
        var cache = _folder.File("cache");
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(cache);
        foreach (var recording in Directory.GetFiles(RecordingsFolder, "*.snmprec"))
        {
            File.Copy(recording, Path.Combine(data, Path.GetFileName(recording)));
        }

        if (RootFactAttribute.IsRoot && !OperatingSystem.IsWindows())
        {
            // The temporary folder is the owner's only; snmpsimd reads and caches as nobody.
            foreach (var path in new[] { _folder.Path, data, cache }.Concat(Directory.GetFiles(data)))
            {
                File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
            }
        }

        // Another process can take the port between our check and snmpsimd's bind; it then does not answer and we pick again.
        for (var attempt = 1; ; attempt++)
        {
            _port = SnmpdServer.FreeUdpPort(_addresses[0]);
            StartProcess(data, cache);
            if (await AnswersAsync())
            {
                return;
            }

            Stop();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"snmpsimd did not start on {Address}: {File.ReadAllText(_folder.File("snmpsim.log"))}");
            }
        }
    }

    public Task DisposeAsync()
    {
        Stop();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    /// <summary>Runs one of net-snmp's tools against this agent; returns its standard output.</summary>
    public Task<string> RunToolAsync(string tool, IEnumerable<string> arguments) => SnmpdServer.RunToolAsync(tool, arguments, _folder.File("tools"));

    private void StartProcess(string data, string cache)
    {
        List<string> arguments = [$"--data-dir={data}", $"--cache-dir={cache}", $"--logging-method=file:{_folder.File("snmpsim.log")}",
            .. _addresses.Select(address => $"--agent-udpv4-endpoint={address}:{Port}")];
        if (RootFactAttribute.IsRoot)
        {
            arguments.AddRange(["--process-user=nobody", "--process-group=nogroup"]);
        }

        _process = AgentProcess.Start(new ProcessStartInfo(Snmpsimd, arguments));
    }

    /// <summary>Waits until snmpsim answers a get of the Cisco recording's sysName (it indexes the recordings first).</summary>
    private Task<bool> AnswersAsync() =>
        AgentProcess.AnswersAsync(_process!, Recording(ProbeRecording) with { Timeout = TimeSpan.FromMilliseconds(300), Retries = 0 }, StartTimeout);

    private void Stop()
    {
        AgentProcess.Stop(_process);
        _process = null;
    }
}
