using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace Sotp.Collectors.Icmp;

/// <summary>
/// The sending side: one thread paces every echo of every probe and expires every timeout, sleeping until the next
/// of either is due. A timer or task per host and per echo would cost a wake-up, a thread-pool hop and allocations
/// for each of them; this costs a clock read and a dictionary entry.
/// </summary>
public sealed partial class IcmpEngine
{
    // Timeouts are checked at this granularity: a few ms late is harmless, a wake-up per echo is not.
    private static readonly long SweepTicks = Stopwatch.Frequency / 200;

    private readonly PacketPacer _pacer;
    private readonly Thread _sender;
    private readonly ConcurrentQueue<Probe> _arrived = new();
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 1);

    // Owned by the sending thread alone.
    private readonly PriorityQueue<Probe, long> _due = new();
    private readonly PriorityQueue<uint, long> _deadlines = new();
    private readonly List<InFlight> _expired = [];
    private readonly byte[] _packet = new byte[IcmpPacket.HeaderBytes + PayloadBytes];
    private volatile bool _stopSending;
    private uint _nextToken = (uint)Random.Shared.Next();

    private void Enqueue(Probe probe)
    {
        _arrived.Enqueue(probe);
        _wake.Set(); // Cheap when already set: a burst of probes wakes the sender once.
        if (_stopSending)
        {
            AbandonArrived(); // Disposed while this probe was on its way in: the sender is gone.
        }
    }

    private void AbandonArrived()
    {
        while (_arrived.TryDequeue(out var probe))
        {
            probe.AbandonUnsent();
        }
    }

    private void StopSending()
    {
        _stopSending = true;
        _wake.Set();
        _sender.Join(TimeSpan.FromSeconds(1));
        AbandonArrived();
        while (_due.TryDequeue(out var probe, out _))
        {
            probe.AbandonUnsent();
        }
    }

    private void SendLoop()
    {
        while (!_stopSending)
        {
            _wake.Reset(); // Before draining: a probe enqueued after this sets it again.
            var now = Stopwatch.GetTimestamp();
            while (_arrived.TryDequeue(out var probe))
            {
                _due.Enqueue(probe, now);
            }

            Expire(now);
            var next = SendDue(now);
            if (_deadlines.TryPeek(out _, out var deadline))
            {
                next = Math.Min(next, deadline + SweepTicks);
            }

            if (next == long.MaxValue)
            {
                _wake.Wait();
                continue;
            }

            // Rounded up: waking a little early would only spin.
            var waitMs = Math.Ceiling(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next).TotalMilliseconds);
            if (waitMs > 0)
            {
                _wake.Wait((int)Math.Min(waitMs, int.MaxValue));
            }
        }
    }

    /// <summary>Sends every echo whose time has come, as far as the pacer lets; returns when the next one is due.</summary>
    private long SendDue(long now)
    {
        while (_due.TryPeek(out var probe, out var due))
        {
            if (probe.Finished)
            {
                _due.Dequeue(); // Cancelled by its caller.
                continue;
            }

            if (due > now)
            {
                return due;
            }

            if (!_pacer.TryTake(now, out var readyAt))
            {
                return readyAt;
            }

            _due.Dequeue();
            var sentAt = Send(probe);
            if (probe.NextEcho < probe.Count)
            {
                _due.Enqueue(probe, sentAt + probe.IntervalTicks);
            }

            now = sentAt;
        }

        return long.MaxValue;
    }

    /// <returns>The Stopwatch timestamp of the send.</returns>
    private long Send(Probe probe)
    {
        var echo = probe.NextEcho++;
        var token = ++_nextToken;
        var packet = _packet.AsSpan();
        Span<byte> payload = stackalloc byte[PayloadBytes];
        payload.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(payload, Magic);
        BinaryPrimitives.WriteUInt32BigEndian(payload[4..], token);
        var length = IcmpPacket.WriteEchoRequest(packet, probe.Socket.Ipv6, (ushort)(token >> 16), (ushort)token, payload);

        var sentUtcTicks = DateTime.UtcNow.Ticks;
        var sentAt = Stopwatch.GetTimestamp();
        lock (_inFlightLock)
        {
            _inFlight[token] = new InFlight(probe, echo, sentAt, sentUtcTicks);
        }

        _deadlines.Enqueue(token, sentAt + probe.TimeoutTicks);
        if (probe.Socket.TrySend(packet[..length], probe.Destination, out var error))
        {
            _metrics.Sent();
            return sentAt;
        }

        bool removed;
        lock (_inFlightLock)
        {
            removed = _inFlight.Remove(token);
        }

        if (removed)
        {
            _metrics.Error("send_failed");
            probe.Resolve(echo, new EchoOutcome(null, $"cannot send: {Describe(error)}"));
        }

        return sentAt;
    }

    /// <summary>Every echo whose timeout has passed and that is still in flight is lost.</summary>
    private void Expire(long now)
    {
        if (!_deadlines.TryPeek(out _, out var first) || first > now)
        {
            return;
        }

        foreach (var socket in _sockets.Values)
        {
            socket.DrainQueued(); // Replies that came in time but wait for a receiver starved of CPU.
        }

        lock (_inFlightLock)
        {
            while (_deadlines.TryPeek(out var token, out var deadline) && deadline <= now)
            {
                _deadlines.Dequeue();
                if (_inFlight.Remove(token, out var echo))
                {
                    _expired.Add(echo);
                }
            }
        }

        foreach (var echo in _expired)
        {
            _metrics.TimedOut();
            echo.Probe.Resolve(echo.Echo, EchoOutcome.Lost);
        }

        _expired.Clear();
    }

    private static string Describe(SocketError error) => error switch
    {
        SocketError.NetworkUnreachable => "network unreachable",
        SocketError.HostUnreachable => "host unreachable",
        SocketError.NoBufferSpaceAvailable => "send buffer full",
        SocketError.AccessDenied => "refused by the local firewall",
        _ => error.ToString(),
    };
}
