using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sotp.Collectors.Snmp;
using Xunit;

namespace Sotp.Testing.Snmp;

/// <summary>
/// net-snmp's snmpd on a free loopback UDP port, with a private config and persistent folder, started once per test
/// collection. Pitfalls (from the peers reference): the address goes in the config only (also on the command line
/// = bound twice, exits); -I -smux keeps it off tcp 0.0.0.0:199; MIBS= because Debian ships no IETF MIBs;
/// createUser lines are consumed at start and persisted in SNMP_PERSISTENT_DIR. Any 127.x.y.z address works (all of
/// 127.0.0.0/8 is local), so several agents can share one port on different addresses, as devices of a network do.
/// </summary>
public sealed class SnmpdServer : IAsyncLifetime
{
    public const string Community = "public";
    public const string WriteCommunity = "private";
    public const string SysName = "sotp-snmpd";

    private const string Snmpd = "/usr/sbin/snmpd";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _folder = new("sotp-snmpd");
    private Process? _process;
    private IPEndPoint? _endpoint;

    private readonly IPAddress _address;
    private readonly int? _port;
    private readonly string _sysName;

    /// <summary>The collection fixture (xunit wants one public constructor): 127.0.0.1, a free port, sysName <see cref="SysName"/>.</summary>
    public SnmpdServer()
        : this(IPAddress.Loopback, null, SysName)
    {
    }

    private SnmpdServer(IPAddress address, int? port, string sysName)
    {
        _address = address;
        _port = port;
        _sysName = sysName;
    }

    /// <summary>An agent on this address and port with this sysName; call <see cref="InitializeAsync"/> to start it.</summary>
    public static SnmpdServer On(IPAddress address, int port, string sysName) => new(address, port, sysName);

    public static bool Installed => File.Exists(Snmpd) && File.Exists("/usr/bin/snmpbulkwalk");

    public IPEndPoint Endpoint => _endpoint ?? throw new InvalidOperationException(
        "snmpd and the snmp tools are not installed: apt-get install -y --no-install-recommends snmpd snmp (./test.sh does this as root).");

    public string Address => $"{Endpoint.Address}:{Endpoint.Port}";

    public SnmpTarget V2c => new(Endpoint, new CommunityCredentials(Community)) { Timeout = TimeSpan.FromSeconds(1) };

    public SnmpTarget V3(UsmCredentials user) => new(Endpoint, user) { Timeout = TimeSpan.FromSeconds(1) };

    public async Task InitializeAsync()
    {
        if (!Installed)
        {
            // The tests skip themselves (or, as root, fail on Endpoint with the reason); a throwing fixture would
            // fail every test of the collection with a less helpful message.
            return;
        }

        // Another process can take the port between our check and snmpd's bind; snmpd then exits and we pick again.
        for (var attempt = 1; ; attempt++)
        {
            _endpoint = new IPEndPoint(_address, _port ?? FreeUdpPort(_address));
            StartProcess();
            if (await AnswersAsync())
            {
                return;
            }

            Stop();
            if (attempt == 3 || _port is not null)
            {
                throw new InvalidOperationException($"snmpd did not start on {Address}: {ReadLog()}");
            }
        }
    }

    public Task DisposeAsync()
    {
        Stop();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Runs one of net-snmp's tools (snmpget, snmpbulkwalk, …) against this agent; returns its standard output.</summary>
    public Task<string> RunToolAsync(string tool, IEnumerable<string> arguments) => RunToolAsync(tool, arguments, _folder.File("tools"));

    /// <summary>Runs one of net-snmp's tools to its end; returns its standard output, throws with its error output when it failed.</summary>
    /// <param name="persistentFolder">The tools keep their own engine-boots file; a private folder keeps the tests off /var/lib/snmp.</param>
    public static async Task<string> RunToolAsync(string tool, IEnumerable<string> arguments, string persistentFolder)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MIBS"] = "";
        start.Environment["SNMP_PERSISTENT_DIR"] = persistentFolder;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }

    private void StartProcess()
    {
        var config = _folder.File("snmpd.conf");
        var persist = _folder.File($"persist-{Endpoint.Port}");
        Directory.CreateDirectory(persist);
        File.WriteAllLines(config,
        [
            $"agentAddress udp:{Address}",
            // Requests to any 127.x address leave from 127.0.0.1, but the whole loopback block is ours.
            $"rocommunity {Community} 127.0.0.0/8 .1",
            $"rwcommunity {WriteCommunity} 127.0.0.0/8 .1",
            .. SnmpdUser.All.Select(user => user.CreateUser),
            .. SnmpdUser.All.Select(user => $"rwuser {user.Name} noauth .1"),
            $"sysName {_sysName}",
            "sysLocation sotp-tests",
            "dontLogTCPWrappersConnects yes",
        ]);
        var start = new ProcessStartInfo(Snmpd, ["-f", "-C", "-c", config, "-I", "-smux", "-Lf", _folder.File("snmpd.log")]);
        start.Environment["MIBS"] = "";
        start.Environment["SNMP_PERSISTENT_DIR"] = persist;
        _process = AgentProcess.Start(start);
    }

    /// <summary>Waits until snmpd answers a v2c get, or has exited, or the start timeout passed.</summary>
    private Task<bool> AnswersAsync() => AgentProcess.AnswersAsync(_process!, V2c with { Timeout = TimeSpan.FromMilliseconds(200), Retries = 0 }, StartTimeout);

    private void Stop()
    {
        AgentProcess.Stop(_process);
        _process = null;
    }

    private string ReadLog()
    {
        var log = _folder.File("snmpd.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }

    /// <summary>A UDP port nobody uses on this address now.</summary>
    public static int FreeUdpPort(IPAddress address)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
