using System.Net;
using System.Net.Sockets;
using Sotp.Collectors.Satel;

namespace Sotp.Testing.Satel;

/// <summary>
/// An ETHM-1 module on 127.0.0.1 that speaks the integration protocol byte for byte: frames with Satel's CRC and
/// FE stuffing, one answer per request, one client at a time (a second one is told "Busy!" and closed), and the
/// idle drop. The panel behind it (<see cref="Panel"/>) is scripted by the test; <see cref="Silent"/> and
/// <see cref="ResponseDelay"/> make the module misbehave the way a real one on a bad link does.
/// </summary>
public sealed class Ethm1Simulator : IAsyncDisposable
{
    /// <summary>What the module sends a second client instead of a frame: 0x10 "Busy!" CR LF.</summary>
    public static readonly byte[] BusyLine = [0x10, .. "Busy!\r\n"u8];

    private readonly Ethm1SimulatorOptions _options;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly Task _acceptLoop;
    private TcpClient? _client;
    private Task _session = Task.CompletedTask;
    private int _framesReceived;
    private int _answersSent;
    private int _busyRefusals;
    private int _idleDrops;
    private long _responseDelayTicks;
    private volatile bool _silent;
    private int _disposed;

    public Ethm1Simulator(Ethm1SimulatorOptions? options = null)
    {
        _options = options ?? new Ethm1SimulatorOptions();
        Panel = new Ethm1Panel(_options);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    public Ethm1Panel Panel { get; }

    /// <summary>When set, the module reads frames (they still count and keep the connection alive) but answers none.</summary>
    public bool Silent
    {
        get => _silent;
        set => _silent = value;
    }

    /// <summary>How long the module waits, on <see cref="Ethm1SimulatorOptions.TimeProvider"/>, before each answer.</summary>
    public TimeSpan ResponseDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _responseDelayTicks));
        set => Interlocked.Exchange(ref _responseDelayTicks, value.Ticks);
    }

    /// <summary>Valid frames received from the client, counted before they are answered.</summary>
    public int FramesReceived => Volatile.Read(ref _framesReceived);

    /// <summary>Answers written (or being written) to the client.</summary>
    public int AnswersSent => Volatile.Read(ref _answersSent);

    public int BusyRefusals => Volatile.Read(ref _busyRefusals);

    public int IdleDrops => Volatile.Read(ref _idleDrops);

    /// <summary>Completes when the current client (if any) is gone, so the next one is not refused as busy.</summary>
    public Task WaitUntilFreeAsync()
    {
        lock (_lock)
        {
            return _session;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task session;
        lock (_lock)
        {
            _client?.Dispose();
            session = _session;
        }

        await session;
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException && _stop.IsCancellationRequested)
            {
                return;
            }

            lock (_lock)
            {
                if (_client is null)
                {
                    _client = client;
                    _session = ServeAsync(client);
                    continue;
                }
            }

            await RefuseAsync(client);
        }
    }

    private async Task RefuseAsync(TcpClient client)
    {
        using (client)
        {
            Interlocked.Increment(ref _busyRefusals);
            try
            {
                await client.GetStream().WriteAsync(BusyLine, _stop.Token);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // The refused client may already be gone; there is nobody to tell.
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        // Yield first: the caller holds the lock and must record this task before the session can end.
        await Task.Yield();
        var time = _options.TimeProvider;
        using var idle = time.CreateTimer(_ => DropIdle(client), null, _options.IdleTimeout, Timeout.InfiniteTimeSpan);
        var decoder = new SatelFrameDecoder();
        using var encryption = _options.IntegrationKey is { } key ? new Ethm1Encryption(key) : null;
        var buffer = new byte[512];
        try
        {
            var stream = client.GetStream();
            while (true)
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                // The module ignores what is not a valid frame: no answer, and the idle clock keeps running.
                IEnumerable<byte[]> plain = encryption is null ? [buffer[..read]] : encryption.Receive(buffer.AsSpan(0, read));
                foreach (var frame in plain.SelectMany(bytes => decoder.Feed(bytes)).OfType<SatelDecoded.Frame>().ToList())
                {
                    idle.Change(_options.IdleTimeout, Timeout.InfiniteTimeSpan);
                    if (_silent)
                    {
                        Interlocked.Increment(ref _framesReceived);
                        continue;
                    }

                    // The delay's timer starts before the frame is counted, so a test that saw the count can move
                    // fake time past the delay.
                    var delay = ResponseDelay > TimeSpan.Zero ? Task.Delay(ResponseDelay, time, _stop.Token) : Task.CompletedTask;
                    Interlocked.Increment(ref _framesReceived);
                    await delay;
                    // Counted before the write: a test that has the answer in hand must see it counted.
                    Interlocked.Increment(ref _answersSent);
                    var answer = Panel.Answer(frame.Value).Encode();
                    await stream.WriteAsync(encryption is null ? answer : encryption.Send(answer), _stop.Token);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client left, the idle drop closed the socket, or the simulator stops: the session is over.
        }
        finally
        {
            lock (_lock)
            {
                _client = null;
            }

            client.Dispose();
        }
    }

    private void DropIdle(TcpClient client)
    {
        Interlocked.Increment(ref _idleDrops);
        client.Dispose();
    }
}
