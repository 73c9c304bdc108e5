using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sotp.Collectors.Icmp;

namespace Sotp.Collectors.Tests.Netns;

/// <summary>
/// Answers ICMP echo requests in userspace with a chosen delay and loss, standing in for <c>tc netem</c>, which this
/// kernel lacks. Open it inside a namespace whose kernel echo replies are off (net.ipv4.icmp_echo_ignore_all=1).
/// Loss comes from a seeded generator, so a run drops the same share every time. Replies leave at their due time
/// to within a few microseconds: a sleep to just before, then a spin.
/// </summary>
public sealed class IcmpEchoResponder : IDisposable
{
    private readonly Socket _socket;
    private readonly Random _random;
    private readonly PriorityQueue<(byte[] Reply, EndPoint To), long> _due = new();
    private readonly SemaphoreSlim _queued = new(0);
    private readonly Thread _receiver;
    private readonly Thread _sender;
    private volatile bool _closed;
    private int _answered;
    private long _lateTicks;
    private int _dropped;

    /// <summary>Call inside the namespace (see <see cref="NetworkNamespace.Inside{T}"/>).</summary>
    public IcmpEchoResponder(TimeSpan delay, double loss, int seed)
    {
        Delay = delay;
        Loss = loss;
        _random = new Random(seed);
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
        _socket.Bind(new IPEndPoint(IPAddress.Any, 0));
        _socket.ReceiveBufferSize = 4 * 1024 * 1024;
        _receiver = new Thread(Receive) { IsBackground = true, Name = "responder-receive" };
        _sender = new Thread(Send) { IsBackground = true, Name = "responder-send" };
        _receiver.Start();
        _sender.Start();
    }

    public TimeSpan Delay { get; set; }

    /// <summary>Share of requests not answered, 0..1; 1 makes the host dead.</summary>
    public double Loss { get; set; }

    public int Answered => Volatile.Read(ref _answered);

    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>
    /// How much later than <see cref="Delay"/> replies left, on average: on a busy machine the responder's thread is not
    /// always scheduled on time, and that delay is real on the wire, so an exact engine measures it too.
    /// </summary>
    public double AverageLatenessMs => Answered == 0 ? 0 : Interlocked.Read(ref _lateTicks) * 1000.0 / Stopwatch.Frequency / Answered;

    public void Dispose()
    {
        _closed = true;
        _socket.Dispose();
        _queued.Release();
        _sender.Join();
    }

    private void Receive()
    {
        var buffer = new byte[65536];
        while (!_closed)
        {
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, ref from);
            }
            catch (Exception) when (_closed)
            {
                return;
            }

            var arrived = Stopwatch.GetTimestamp();
            if (!IcmpPacket.TryParse(buffer.AsSpan(0, length), ipv6: false, withIpHeader: true, out var request) || request!.Kind != IcmpKind.EchoRequest)
            {
                continue; // Our own replies come past too.
            }

            if (_random.NextDouble() < Loss)
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }

            var reply = new byte[IcmpPacket.HeaderBytes + request.Payload.Length];
            IcmpPacket.WriteEchoRequest(reply, ipv6: false, request.Identifier, request.Sequence, request.Payload);
            reply[0] = 0; // Echo reply: same header and payload, type 0, checksum again.
            BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(2), 0);
            BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(2), IcmpPacket.Checksum(reply));
            lock (_due)
            {
                _due.Enqueue((reply, from), arrived + (long)(Delay.TotalSeconds * Stopwatch.Frequency));
            }

            _queued.Release();
        }
    }

    private void Send()
    {
        while (!_closed)
        {
            _queued.Wait();
            (byte[] Reply, EndPoint To) next;
            long due;
            lock (_due)
            {
                if (!_due.TryDequeue(out next, out due))
                {
                    continue;
                }
            }

            // A reply queued later is never due earlier (one delay for all), so waiting for this one is right.
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due) - TimeSpan.FromMilliseconds(1);
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }

            while (Stopwatch.GetTimestamp() < due)
            {
                Thread.SpinWait(20);
            }

            try
            {
                _socket.SendTo(next.Reply, next.To);
                Interlocked.Add(ref _lateTicks, Stopwatch.GetTimestamp() - due);
                Interlocked.Increment(ref _answered);
            }
            catch (Exception) when (_closed)
            {
                return;
            }
        }
    }
}
