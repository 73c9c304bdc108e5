using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;

namespace Sotp.Collectors.Tests.Netns;

/// <summary>
/// A network namespace of the test's own, joined to the host by a veth pair: the host side is
/// <see cref="HostAddress"/>, the namespace side <see cref="PeerAddress"/> (a /30 from 10.203.0.0/16 that
/// nothing outside this machine ever sees). Deleted with everything in it on dispose. Needs root.
/// </summary>
public sealed partial class NetworkNamespace : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private static int _created;

    private NetworkNamespace(string name, IPAddress host, IPAddress peer)
    {
        Name = name;
        HostAddress = host;
        PeerAddress = peer;
    }

    public string Name { get; }

    public IPAddress HostAddress { get; }

    public IPAddress PeerAddress { get; }

    public static NetworkNamespace Create()
    {
        var id = (Environment.ProcessId % 200 * 50) + Interlocked.Increment(ref _created) % 50;
        var name = $"sotp-test-{id}";
        var hostSide = $"sotp{id}h";
        var peerSide = $"sotp{id}n";
        var host = IPAddress.Parse($"10.203.{id / 64}.{(id % 64 * 4) + 1}");
        var peer = IPAddress.Parse($"10.203.{id / 64}.{(id % 64 * 4) + 2}");

        Run("ip", $"netns delete {name}", mayFail: true); // Left over from a killed run.
        Run("ip", $"link delete {hostSide}", mayFail: true);
        Run("ip", $"netns add {name}");
        var created = new NetworkNamespace(name, host, peer);
        try
        {
            Run("ip", $"link add {hostSide} type veth peer name {peerSide}");
            Run("ip", $"link set {peerSide} netns {name}");
            Run("ip", $"addr add {host}/30 dev {hostSide}");
            Run("ip", $"link set {hostSide} up");
            created.Exec($"ip addr add {peer}/30 dev {peerSide}");
            created.Exec($"ip link set {peerSide} up");
            created.Exec("ip link set lo up");
            return created;
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    /// <summary>Runs a command inside the namespace (<c>ip netns exec</c>).</summary>
    public string Exec(string command) => Run("ip", $"netns exec {Name} {command}");

    /// <summary>
    /// Runs <paramref name="action"/> on a thread that has joined the namespace, so sockets it opens live there
    /// (a socket keeps its namespace for life, whichever thread uses it later). The thread ends afterwards.
    /// </summary>
    public T Inside<T>(Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/var/run/netns/{Name}");
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns({Name}) failed: errno {Marshal.GetLastPInvokeError()}");
                }

                result = action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException($"Inside namespace {Name}: {failure.Message}", failure);
    }

    public void Dispose() => Run("ip", $"netns delete {Name}", mayFail: true); // Takes the veth pair with it.

    private static string Run(string file, string arguments, bool mayFail = false)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && !mayFail)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {error.Trim()}");
        }

        return output;
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);
}
