using System.Diagnostics;
using System.Net;
using Sotp.Collectors.Snmp;
using Xunit;

namespace Sotp.Testing.Snmp;

/// <summary>
/// snmpsim (Debian's snmpsimd) serving the recordings of <see cref="RecordingsFolder"/> on a free loopback UDP port;
/// the v2c community is the recording's file name without .snmprec. The recordings are Debian's examples cut down to
/// the MIBs we poll (system, IF-MIB, HOST-RESOURCES) and decompressed, since snmpsim 0.4 cannot read .gz. Pitfalls
/// (from the peers reference): as root it must drop to nobody, so its data and cache folders must be readable and
/// writable by nobody.
/// </summary>
public sealed class SnmpsimServer : IAsyncLifetime
{
    private const string Snmpsimd = "/usr/bin/snmpsimd";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _folder = new("sotp-snmpsim");
    private Process? _process;
    private IPEndPoint? _endpoint;

    public static bool Installed => File.Exists(Snmpsimd) && File.Exists("/usr/bin/snmpbulkwalk");

    /// <summary>The recordings as shipped with the tests (copied to the output folder).</summary>
    public static string RecordingsFolder => Path.Combine(AppContext.BaseDirectory, "Snmp", "Recordings");

    public IPEndPoint Endpoint => _endpoint ?? throw new InvalidOperationException(
        "snmpsim and the snmp tools are not installed: apt-get install -y --no-install-recommends snmpsim snmp (./test.sh does this as root).");

    public string Address => $"127.0.0.1:{Endpoint.Port}";

    /// <summary>A v2c target for one recording.</summary>
    public SnmpTarget Recording(string name) => new(Endpoint, new CommunityCredentials(name)) { Timeout = TimeSpan.FromSeconds(2) };

    public async Task InitializeAsync()
    {
        if (!Installed)
        {
            return; // The tests skip themselves, or, as root, fail on Endpoint with the reason.
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
            File.SetUnixFileMode(cache, (UnixFileMode)0b111_111_111);
        }

        for (var attempt = 1; ; attempt++)
        {
            _endpoint = new IPEndPoint(IPAddress.Loopback, SnmpdServer.FreeUdpPort());
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

    /// <summary>Runs one of net-snmp's tools against this agent; returns its standard output.</summary>
    public Task<string> RunToolAsync(string tool, IEnumerable<string> arguments) => SnmpdServer.RunToolAsync(tool, arguments, _folder.File("tools"));

    private void StartProcess(string data, string cache)
    {
        List<string> arguments = [$"--data-dir={data}", $"--agent-udpv4-endpoint={Address}", $"--cache-dir={cache}", $"--logging-method=file:{_folder.File("snmpsim.log")}"];
        if (RootFactAttribute.IsRoot)
        {
            arguments.AddRange(["--process-user=nobody", "--process-group=nogroup"]);
        }

        _process = AgentProcess.Start(new ProcessStartInfo(Snmpsimd, arguments));
    }

    /// <summary>Waits until snmpsim answers a get of the Cisco recording (it indexes the recordings first).</summary>
    private Task<bool> AnswersAsync() => AgentProcess.AnswersAsync(_process!, Recording("cisco_16_switch"), StartTimeout);

    private void Stop()
    {
        AgentProcess.Stop(_process);
        _process = null;
    }
}
