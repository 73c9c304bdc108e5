using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Sotp.Collectors.Snmp;

/// <summary>
/// An SNMP manager on one UDP socket: any number of requests to any number of agents in flight, each answer matched
/// to its request by request-id (v1/v2c) or msgID (v3, where the same number is used for both) and by the address it
/// came from. Each attempt waits <see cref="SnmpTarget.Timeout"/>; a retry re-encodes the request with the same
/// id, so a late answer to an earlier attempt still completes it.
/// </summary>
public sealed partial class SnmpClient : IDisposable
{
    /// <summary>msgMaxSize we announce: the largest UDP payload over IPv4.</summary>
    public const int MaxMessageBytes = 65507;

    private readonly TimeProvider _time;
    private readonly Socket _socket;
    private readonly ConcurrentDictionary<int, Pending> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _receiver;
    private int _nextId = Random.Shared.Next();
    private long _malformed;
    private long _unmatched;
    private long _rejected;

    public SnmpClient(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _socket = OpenSocket();
        _receiver = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Datagrams that did not decode as SNMP.</summary>
    public long MalformedDatagrams => Interlocked.Read(ref _malformed);

    /// <summary>Datagrams for no request in flight (late answers after the last attempt, strangers).</summary>
    public long UnmatchedDatagrams => Interlocked.Read(ref _unmatched);

    /// <summary>Answers that failed a check: wrong sender, bad MAC, undecryptable.</summary>
    public long RejectedDatagrams => Interlocked.Read(ref _rejected);

    public void Dispose()
    {
        _stopping.Cancel();
        _socket.Dispose();
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.Reply.TrySetException(new ObjectDisposedException(nameof(SnmpClient)));
            }
        }

        _receiver.Wait(TimeSpan.FromSeconds(1));
        _stopping.Dispose();
    }

    /// <summary>Sends one PDU and returns the answer's PDU, for v1/v2c and v3 alike (v3 discovers the engine first).</summary>
    internal Task<Pdu> RequestAsync(SnmpTarget target, Func<int, Pdu> makePdu, CancellationToken cancellationToken) =>
        target.Credentials switch
        {
            CommunityCredentials community => CommunityRequestAsync(target, community, makePdu, cancellationToken),
            UsmCredentials user => UsmRequestAsync(target, user, makePdu, cancellationToken),
            _ => throw new ArgumentException($"Unknown credentials {target.Credentials.GetType().Name}.", nameof(target)),
        };

    private async Task<Pdu> CommunityRequestAsync(SnmpTarget target, CommunityCredentials community, Func<int, Pdu> makePdu, CancellationToken cancellationToken)
    {
        var id = NextId();
        var bytes = new CommunityMessage(community.Version, community.CommunityBytes, makePdu(id)).Encode();
        var reply = await ExchangeAsync(target, id, () => bytes, AcceptCommunity, target.Retries, cancellationToken).ConfigureAwait(false);
        return reply.Pdu;
    }

    private static SnmpIncoming? AcceptCommunity(Datagram datagram) =>
        datagram.Community is { Pdu.Type: PduType.Response } message ? new SnmpIncoming(message.Pdu, null, V3Flags.None) : null;

    /// <summary>
    /// Sends (and re-sends) a request and waits for an answer that <paramref name="accept"/> takes; accept runs on the
    /// receive loop and returns null (or throws <see cref="SnmpDecodeException"/>) for answers to drop.
    /// </summary>
    private async Task<SnmpIncoming> ExchangeAsync(
        SnmpTarget target, int id, Func<byte[]> encode, Func<Datagram, SnmpIncoming?> accept, int retries, CancellationToken cancellationToken)
    {
        var endpoint = Normalise(target.Endpoint);
        var pending = new Pending(endpoint, accept);
        _pending[id] = pending;
        try
        {
            for (var attempt = 0; attempt <= retries; attempt++)
            {
                try
                {
                    await _socket.SendToAsync(encode(), SocketFlags.None, endpoint, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException ex)
                {
                    // No route, no IPv6, a full send buffer: the poll of this agent fails, the client goes on.
                    throw new SnmpException($"Cannot send to {target.Endpoint}: {ex.SocketErrorCode}.", ex);
                }

                try
                {
                    return await pending.Reply.Task.WaitAsync(target.Timeout, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Next attempt, or the SnmpTimeoutException below.
                }
            }

            throw new SnmpTimeoutException(target.Endpoint, retries + 1, target.Timeout);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[MaxMessageBytes + 1];
        EndPoint any = _socket.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        while (!_stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP error for an earlier datagram (port unreachable) surfaces here; the request it belongs to
                // times out on its own, and the socket stays usable.
                continue;
            }

            Dispatch(buffer.AsSpan(0, received.ReceivedBytes).ToArray(), Normalise((IPEndPoint)received.RemoteEndPoint));
        }
    }

    private void Dispatch(byte[] datagram, IPEndPoint from)
    {
        Datagram decoded;
        try
        {
            decoded = SnmpMessage.ReadVersion(datagram) == SnmpVersion.V3
                ? new Datagram(datagram, null, V3Message.Decode(datagram, out var macOffset), macOffset)
                : new Datagram(datagram, SnmpMessage.DecodeCommunity(datagram), null, 0);
        }
        catch (SnmpDecodeException)
        {
            Interlocked.Increment(ref _malformed);
            return;
        }

        var id = decoded.V3?.MessageId ?? decoded.Community!.Pdu.RequestId;
        if (!_pending.TryGetValue(id, out var pending))
        {
            Interlocked.Increment(ref _unmatched);
            return;
        }

        SnmpIncoming? incoming = null;
        try
        {
            incoming = pending.Endpoint.Equals(from) ? pending.Accept(decoded) : null;
        }
        catch (Exception ex) when (ex is SnmpDecodeException or CryptographicException)
        {
            // Rejected below: a datagram that decodes up to its id but not further (e.g. decrypted garbage). The
            // receive loop must outlive any datagram, or every request in flight would time out.
        }

        if (incoming is null)
        {
            Interlocked.Increment(ref _rejected);
            return;
        }

        pending.Reply.TrySetResult(incoming);
    }

    private int NextId()
    {
        // msgID and request-id are both 0..2^31-1 on the wire; zero is avoided so an unset field never matches.
        int id;
        do
        {
            id = Interlocked.Increment(ref _nextId) & int.MaxValue;
        }
        while (id == 0);

        return id;
    }

    private static IPEndPoint Normalise(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;

    private static Socket OpenSocket()
    {
        Socket socket;
        try
        {
            // One dual-stack socket serves IPv4 and IPv6 agents alike.
            socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        }
        catch (SocketException)
        {
            // Hosts with IPv6 disabled refuse the socket; IPv4 alone still works.
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Any, 0));
        }

        // Many answers can arrive at once when many agents are polled together.
        socket.ReceiveBufferSize = 1 << 20;
        return socket;
    }

    /// <summary>A decoded datagram with its bytes, which v3 needs again to check the MAC.</summary>
    private sealed record Datagram(byte[] Bytes, CommunityMessage? Community, V3Message? V3, int MacOffset);

    private sealed class Pending(IPEndPoint endpoint, Func<Datagram, SnmpIncoming?> accept)
    {
        public IPEndPoint Endpoint { get; } = endpoint;

        public Func<Datagram, SnmpIncoming?> Accept { get; } = accept;

        public TaskCompletionSource<SnmpIncoming> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
