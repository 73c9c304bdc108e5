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
/// </summary>
public sealed class IcmpEngine : IEchoProbe, IDisposable
{
    /// <summary>Payload size of an echo request, as ping and fping send by default.</summary>
    public const int PayloadBytes = 56;

    /// <summary>The engine's counters in /metrics.</summary>
    public const string MeterName = IcmpMetrics.MeterName;

    private static readonly uint Magic = BinaryPrimitives.ReadUInt32BigEndian("SOTP"u8);
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMilliseconds(5);

    private readonly ConcurrentDictionary<uint, Echo> _pending = new();
    private readonly PriorityQueue<uint, long> _deadlines = new();
    private readonly Lock _deadlinesLock = new();
    private readonly SemaphoreSlim _sweepWanted = new(0, 1);
    private readonly PacketPacer _pacer;
    private readonly IcmpMetrics _metrics;
    private readonly Lock _socketsLock = new();
    private readonly ConcurrentDictionary<AddressFamily, IcmpSocket> _sockets = new();
    private readonly Dictionary<AddressFamily, Exception> _unavailable = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _sweeper;
    private int _nextToken = Random.Shared.Next();

    /// <param name="packetsPerSecond">Echo requests per second for the whole node.</param>
    public IcmpEngine(int packetsPerSecond, IMeterFactory? meters = null)
    {
        _pacer = new PacketPacer(packetsPerSecond);
        _metrics = new IcmpMetrics(meters);
        _sweeper = Task.Run(SweepTimeoutsAsync);
    }

    /// <summary>True when the family's socket is raw (we own identifiers and see ICMP errors); opens it if needed.</summary>
    public bool IsRaw(AddressFamily family) => SocketFor(family).Raw;

    public async Task<EchoResult> ProbeAsync(EchoRequest request, CancellationToken cancellationToken)
    {
        var address = request.Address.IsIPv4MappedToIPv6 ? request.Address.MapToIPv4() : request.Address;
        var socket = SocketFor(address.AddressFamily);
        var target = new IPEndPoint(address, 0);
        var echoes = new List<Task<EchoOutcome>>(request.Count);
        for (var i = 0; i < request.Count; i++)
        {
            if (i > 0)
            {
                await Task.Delay(request.Interval, cancellationToken).ConfigureAwait(false);
            }

            await _pacer.WaitAsync(cancellationToken).ConfigureAwait(false);
            echoes.Add(Send(socket, target, request.Timeout));
        }

        var outcomes = await Task.WhenAll(echoes).WaitAsync(cancellationToken).ConfigureAwait(false);
        return Summarise(outcomes);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        lock (_socketsLock)
        {
            foreach (var socket in _sockets.Values)
            {
                socket.Dispose();
            }

            _sockets.Clear();
        }

        foreach (var token in _pending.Keys)
        {
            if (_pending.TryRemove(token, out var echo))
            {
                echo.Outcome.TrySetResult(EchoOutcome.Lost);
            }
        }

        _sweeper.Wait(TimeSpan.FromSeconds(1));
        _stopping.Dispose();
    }

    /// <summary>RTTs in ms of the answered echoes, in order sent; jitter is the mean difference between neighbours.</summary>
    internal static EchoResult Summarise(IReadOnlyList<EchoOutcome> outcomes)
    {
        var rtts = outcomes.Where(o => o.RttMs is not null).Select(o => o.RttMs!.Value).ToList();
        var error = outcomes.LastOrDefault(o => o.Error is not null)?.Error;
        if (rtts.Count == 0)
        {
            return new EchoResult(outcomes.Count, 0, null, null, null, null, error);
        }

        var jitter = rtts.Count < 2 ? 0 : rtts.Zip(rtts.Skip(1), (a, b) => Math.Abs(b - a)).Average();
        return new EchoResult(outcomes.Count, rtts.Count, rtts.Min(), rtts.Average(), rtts.Max(), jitter, error);
    }

    private IcmpSocket SocketFor(AddressFamily family)
    {
        lock (_socketsLock)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
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
                socket = IcmpSocket.Open(family, (datagram, from, arrival) => OnReceived(family, datagram.Span, from, arrival));
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

    private Task<EchoOutcome> Send(IcmpSocket socket, IPEndPoint target, TimeSpan timeout)
    {
        var token = (uint)Interlocked.Increment(ref _nextToken);
        var echo = new Echo(target.Address);
        _pending[token] = echo;
        Span<byte> payload = stackalloc byte[PayloadBytes];
        payload.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(payload, Magic);
        BinaryPrimitives.WriteUInt32BigEndian(payload[4..], token);
        Span<byte> packet = stackalloc byte[IcmpPacket.HeaderBytes + PayloadBytes];
        var length = IcmpPacket.WriteEchoRequest(packet, socket.Ipv6, (ushort)(token >> 16), (ushort)token, payload);

        echo.SentUtcTicks = DateTime.UtcNow.Ticks;
        echo.SentAt = Stopwatch.GetTimestamp();
        lock (_deadlinesLock)
        {
            _deadlines.Enqueue(token, echo.SentAt + (long)(timeout.TotalSeconds * Stopwatch.Frequency));
            if (_deadlines.Count == 1 && _sweepWanted.CurrentCount == 0)
            {
                _sweepWanted.Release(); // The sweeper sleeps while nothing is in flight.
            }
        }

        if (socket.TrySend(packet[..length], target, out var error))
        {
            _metrics.Sent();
        }
        else if (_pending.TryRemove(token, out _))
        {
            _metrics.Error("send_failed");
            echo.Outcome.TrySetResult(new EchoOutcome(null, $"cannot send: {Describe(error)}"));
        }

        return echo.Outcome.Task;
    }

    private void OnReceived(AddressFamily family, ReadOnlySpan<byte> datagram, IPAddress from, Arrival arrival)
    {
        var ipv6 = family == AddressFamily.InterNetworkV6;
        var raw = _sockets.TryGetValue(family, out var socket) && socket.Raw;
        if (!IcmpPacket.TryParse(datagram, ipv6, withIpHeader: raw && !ipv6, out var message) || message is null)
        {
            _metrics.Unusable("malformed");
            return;
        }

        if (message.Kind is IcmpKind.EchoRequest or IcmpKind.Other)
        {
            return; // A raw socket sees every ICMP packet the host gets, our own requests on loopback included.
        }

        if (!TryMatch(message, raw, out var token, out var echo))
        {
            _metrics.Unusable("not_ours");
            return;
        }

        var expectedSource = message.Kind == IcmpKind.EchoReply ? echo.Target : message.QuotedDestination;
        if (!echo.Target.Equals(expectedSource) || (message.Kind == IcmpKind.EchoReply && !from.Equals(echo.Target)))
        {
            _metrics.Unusable("wrong_source");
            return;
        }

        if (!_pending.TryRemove(token, out _))
        {
            return; // Timed out a moment ago, or a duplicate reply.
        }

        if (message.Kind == IcmpKind.EchoReply)
        {
            _metrics.Received();
            echo.Outcome.TrySetResult(new EchoOutcome(RoundTripMs(echo, arrival), null));
        }
        else
        {
            _metrics.Error(message.Kind == IcmpKind.TimeExceeded ? "ttl_exceeded" : "unreachable");
            echo.Outcome.TrySetResult(new EchoOutcome(null, $"{message.Describe()} (from {from})"));
        }
    }

    /// <summary>
    /// The kernel's arrival time when it has one: it excludes the wait in the socket buffer behind a burst of other
    /// replies. It is wall-clock time, so a clock step could bend it; then it is outside [0, our own reading] and our
    /// monotonic reading stands.
    /// </summary>
    private static double RoundTripMs(Echo echo, Arrival arrival)
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

    private bool TryMatch(IcmpMessage message, bool raw, out uint token, out Echo echo)
    {
        echo = null!;
        var payload = message.Payload;
        var payloadComplete = payload.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(payload) == Magic;
        if (payloadComplete)
        {
            token = BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(4));
            if ((ushort)token != message.Sequence || (raw && token >> 16 != message.Identifier))
            {
                return false;
            }
        }
        else if (raw && message.Kind != IcmpKind.EchoReply && payload.Length < 8)
        {
            token = ((uint)message.Identifier << 16) | message.Sequence; // An error that quoted only our header.
        }
        else
        {
            token = 0;
            return false;
        }

        return _pending.TryGetValue(token, out echo!);
    }

    private async Task SweepTimeoutsAsync()
    {
        try
        {
            while (true)
            {
                bool idle;
                lock (_deadlinesLock)
                {
                    idle = _deadlines.Count == 0;
                }

                if (idle)
                {
                    await _sweepWanted.WaitAsync(_stopping.Token).ConfigureAwait(false);
                }

                await Task.Delay(SweepEvery, _stopping.Token).ConfigureAwait(false);
                var now = Stopwatch.GetTimestamp();
                while (true)
                {
                    uint token;
                    lock (_deadlinesLock)
                    {
                        if (!_deadlines.TryPeek(out token, out var deadline) || deadline > now)
                        {
                            break;
                        }

                        _deadlines.Dequeue();
                    }

                    if (_pending.TryRemove(token, out var echo))
                    {
                        _metrics.TimedOut();
                        echo.Outcome.TrySetResult(EchoOutcome.Lost);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private static string Describe(SocketError error) => error switch
    {
        SocketError.NetworkUnreachable => "network unreachable",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NoBufferSpaceAvailable => "send buffer full",
        SocketError.AccessDenied => "refused by the local firewall",
        _ => error.ToString(),
    };

    private sealed class Echo(IPAddress target)
    {
        public IPAddress Target { get; } = target;

        public long SentAt { get; set; }

        public long SentUtcTicks { get; set; }

        public TaskCompletionSource<EchoOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>One echo request's fate: an RTT in ms, an ICMP error, or neither (lost).</summary>
internal sealed record EchoOutcome(double? RttMs, string? Error)
{
    public static readonly EchoOutcome Lost = new(null, null);
}
