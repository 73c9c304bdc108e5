using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Sotp.Core.Monitoring;

namespace Sotp.Collectors.Icmp;

/// <summary>
/// Pings many hosts at once through one socket per address family. Every echo request carries a 32-bit token:
/// on a raw socket it is the identifier and sequence themselves (so an ICMP error that quotes only 8 bytes of our
/// request is still matched), and the payload repeats it after a magic word, so replies to other pingers on the
/// same host (a raw socket sees them all) are told apart. Ping sockets let the kernel pick the identifier; there
/// the sequence and payload match alone, and ICMP errors are not delivered (they count as lost).
/// One thread sends every echo and expires every timeout (IcmpEngine.Sending.cs); one thread per socket receives.
/// </summary>
public sealed partial class IcmpEngine : IEchoProbe, IDisposable
{
    /// <summary>Payload size of an echo request, as ping and fping send by default.</summary>
    public const int PayloadBytes = 56;

    /// <summary>The engine's counters in /metrics.</summary>
    public const string MeterName = IcmpMetrics.MeterName;

    private static readonly uint Magic = BinaryPrimitives.ReadUInt32BigEndian("SOTP"u8);

    // Echoes sent and not yet resolved, by token. Written by the sending thread, taken out by whichever thread
    // resolves the echo; a plain dictionary under one short lock allocates nothing per echo.
    private readonly Dictionary<uint, InFlight> _inFlight = [];
    private readonly Lock _inFlightLock = new();
    private readonly IcmpMetrics _metrics;
    private readonly Lock _socketsLock = new();
    private readonly ConcurrentDictionary<AddressFamily, IcmpSocket> _sockets = new();
    private readonly Dictionary<AddressFamily, Exception> _unavailable = [];
    private readonly bool _rawSockets;
    private volatile bool _disposed;

    /// <param name="packetsPerSecond">Echo requests per second for the whole node.</param>
    public IcmpEngine(int packetsPerSecond, IMeterFactory? meters = null)
        : this(packetsPerSecond, meters, rawSockets: true)
    {
    }

    /// <param name="rawSockets">False: datagram (ping) sockets even where raw ones may be opened, for tests run as root.</param>
    internal IcmpEngine(int packetsPerSecond, IMeterFactory? meters, bool rawSockets)
    {
        _rawSockets = rawSockets;
        _pacer = new PacketPacer(packetsPerSecond);
        _metrics = new IcmpMetrics(meters);
        _sender = new Thread(SendLoop) { IsBackground = true, Name = "icmp-send" };
        _sender.Start();
    }

    /// <summary>True when the family's socket is raw (we own identifiers and see ICMP errors); opens it if needed.</summary>
    public bool IsRaw(AddressFamily family) => SocketFor(family).Raw;

    public Task<EchoResult> ProbeAsync(EchoRequest request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<EchoResult>(cancellationToken);
        }

        try
        {
            var address = request.Address.IsIPv4MappedToIPv6 ? request.Address.MapToIPv4() : request.Address;
            var probe = new Probe(SocketFor(address.AddressFamily), address, request);
            if (probe.Count == 0)
            {
                return Task.FromResult(Summarise([]));
            }

            if (cancellationToken.CanBeCanceled)
            {
                probe.CancelWith(cancellationToken);
            }

            Enqueue(probe);
            return probe.Task;
        }
        catch (Exception ex)
        {
            return Task.FromException<EchoResult>(ex); // As an async method would: the caller sees it when it awaits.
        }
    }

    public void Dispose()
    {
        lock (_socketsLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        StopSending();
        lock (_socketsLock)
        {
            foreach (var socket in _sockets.Values)
            {
                socket.Dispose();
            }

            _sockets.Clear();
        }

        List<InFlight> abandoned;
        lock (_inFlightLock)
        {
            abandoned = [.. _inFlight.Values];
            _inFlight.Clear();
        }

        foreach (var echo in abandoned)
        {
            echo.Probe.Resolve(echo.Echo, EchoOutcome.Lost);
        }
    }

    /// <summary>RTTs in ms of the answered echoes, in order sent; jitter is the mean difference between neighbours.</summary>
    internal static EchoResult Summarise(ReadOnlySpan<EchoOutcome> outcomes)
    {
        string? error = null;
        int received = 0;
        double min = double.MaxValue, max = double.MinValue, sum = 0, differences = 0, previous = 0;
        foreach (var outcome in outcomes)
        {
            error = outcome.Error ?? error;
            if (outcome.RttMs is not { } rtt)
            {
                continue;
            }

            differences += received > 0 ? Math.Abs(rtt - previous) : 0;
            previous = rtt;
            received++;
            sum += rtt;
            min = Math.Min(min, rtt);
            max = Math.Max(max, rtt);
        }

        return received == 0
            ? new EchoResult(outcomes.Length, 0, null, null, null, null, error)
            : new EchoResult(outcomes.Length, received, min, sum / received, max, received < 2 ? 0 : differences / (received - 1), error);
    }

    private IcmpSocket SocketFor(AddressFamily family)
    {
        lock (_socketsLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_sockets.TryGetValue(family, out var socket))
            {
                return socket;
            }

            if (_unavailable.TryGetValue(family, out var refused))
            {
                throw refused;
            }

            try
            {
                socket = IcmpSocket.Open(family, _rawSockets, (datagram, source, scopeId, arrival) => OnReceived(family, datagram, source, scopeId, arrival));
            }
            catch (Exception ex) when (ex is IcmpPermissionException or NotSupportedException)
            {
                // Remembered: asking the kernel again for every probe would not change its answer.
                _unavailable[family] = ex;
                throw;
            }

            _sockets[family] = socket;
            return socket;
        }
    }

    private void OnReceived(AddressFamily family, ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> source, uint scopeId, Arrival arrival)
    {
        var ipv6 = family == AddressFamily.InterNetworkV6;
        var raw = _sockets.TryGetValue(family, out var socket) && socket.Raw;
        if (!IcmpPacket.TryRead(datagram, ipv6, withIpHeader: raw && !ipv6, out var message))
        {
            _metrics.Unusable("malformed");
            return;
        }

        if (message.Kind is IcmpKind.EchoRequest or IcmpKind.Other)
        {
            return; // A raw socket sees every ICMP packet the host gets, our own requests on loopback included.
        }

        if (!TryToken(message, raw, out var token))
        {
            _metrics.Unusable("not_ours");
            return;
        }

        InFlight echo;
        lock (_inFlightLock)
        {
            if (!_inFlight.TryGetValue(token, out echo))
            {
                _metrics.Unusable("not_ours"); // Or timed out a moment ago, or a duplicate reply.
                return;
            }

            var fromTarget = message.Kind == IcmpKind.EchoReply
                ? echo.Probe.IsFrom(source, scopeId)
                : echo.Probe.IsFrom(message.QuotedDestination, 0);
            if (!fromTarget)
            {
                _metrics.Unusable("wrong_source");
                return;
            }

            _inFlight.Remove(token);
        }

        if (message.Kind == IcmpKind.EchoReply)
        {
            _metrics.Received();
            echo.Probe.Resolve(echo.Echo, new EchoOutcome(RoundTripMs(echo, arrival), null));
        }
        else
        {
            _metrics.Error(message.Kind == IcmpKind.TimeExceeded ? "ttl_exceeded" : "unreachable");
            var from = source.Length == 16 ? new IPAddress(source, scopeId) : new IPAddress(source);
            echo.Probe.Resolve(echo.Echo, new EchoOutcome(null, $"{message.ToMessage().Describe()} (from {from})"));
        }
    }

    /// <summary>
    /// The kernel's arrival time when it has one: it excludes the wait in the socket buffer behind a burst of other
    /// replies. It is wall-clock time, so a clock step could bend it; then it is outside [0, our own reading] and our
    /// monotonic reading stands.
    /// </summary>
    private static double RoundTripMs(InFlight echo, Arrival arrival)
    {
        var read = Stopwatch.GetElapsedTime(echo.SentAt, arrival.ReadAt).TotalMilliseconds;
        if (arrival.KernelUtcTicks is { } kernel)
        {
            var byKernel = TimeSpan.FromTicks(kernel - echo.SentUtcTicks).TotalMilliseconds;
            if (byKernel >= 0 && byKernel <= read)
            {
                return byKernel;
            }
        }

        return read;
    }

    /// <summary>The token an echo reply or error is about, if it is one of ours.</summary>
    private static bool TryToken(IcmpView message, bool raw, out uint token)
    {
        var payload = message.Payload;
        if (payload.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(payload) == Magic)
        {
            token = BinaryPrimitives.ReadUInt32BigEndian(payload[4..]);
            return (ushort)token == message.Sequence && (!raw || token >> 16 == message.Identifier);
        }

        token = ((uint)message.Identifier << 16) | message.Sequence; // An error that quoted only our header.
        return raw && message.Kind != IcmpKind.EchoReply && payload.Length < 8;
    }

    /// <param name="SentAt">Stopwatch timestamp just before the send.</param>
    /// <param name="SentUtcTicks">Wall-clock time of the send, to subtract from the kernel's arrival time.</param>
    private readonly record struct InFlight(Probe Probe, int Echo, long SentAt, long SentUtcTicks);
}

/// <summary>One echo request's fate: an RTT in ms, an ICMP error, or neither (lost, also the default).</summary>
internal readonly record struct EchoOutcome(double? RttMs, string? Error)
{
    public static EchoOutcome Lost => default;
}
