using System.Net.Sockets;
using System.Threading.Channels;

namespace Sotp.Collectors.Satel;

/// <summary>
/// One integration connection to an ETHM-1: one request at a time, each awaited with a timeout, as the module
/// requires. A background loop feeds the socket to the decoder so a "Busy!" or a closed connection is known even
/// between requests. Typed reads and control commands are in the partial files next to this one.
/// </summary>
public sealed partial class SatelClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly SatelClientOptions _options;
    private readonly SemaphoreSlim _oneRequestAtATime = new(1, 1);
    private readonly Channel<SatelDecoded> _received = Channel.CreateUnbounded<SatelDecoded>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _closing = new();
    private readonly SatelFrameDecoder _decoder = new();
    private readonly SatelEncryptedSession? _encryption;
    private readonly Task _readLoop;
    private volatile bool _busy;
    private int _disposed;
    private int _corruptFrames;
    private int _staleFrames;

    private SatelClient(TcpClient tcp, SatelClientOptions options)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _options = options;
        _encryption = options.IntegrationKey is { } key ? new SatelEncryptedSession(new SatelCipher(key)) : null;
        _readLoop = ReadLoopAsync();
    }

    /// <summary>
    /// Frames dropped by the decoder (bad checksum, bad stuffing) and encrypted messages that did not open: a noisy
    /// link, or a wrong integration key, shows here.
    /// </summary>
    public int CorruptFrames => Volatile.Read(ref _corruptFrames) + (_encryption?.Refused ?? 0);

    /// <summary>Frames that answered no pending request: late answers to requests that had timed out.</summary>
    public int StaleFrames => Volatile.Read(ref _staleFrames);

    /// <summary>False once the module closed the connection (idle drop, Busy, another client knocking us off).</summary>
    public bool IsConnected => !_readLoop.IsCompleted;

    public static async Task<SatelClient> ConnectAsync(string host, int port, SatelClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SatelClientOptions();
        if (options.IntegrationKey is { } key && !SatelCipher.IsValidKey(key))
        {
            throw new ArgumentException($"The integration key must be 1..{SatelCipher.MaxKeyLength} printable ASCII characters.", nameof(options));
        }

        var tcp = new TcpClient { NoDelay = true };
        using var timeout = new CancellationTokenSource(options.ConnectTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await tcp.ConnectAsync(host, port, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            tcp.Dispose();
            throw new TimeoutException($"No TCP connection to the module at {host}:{port} within {options.ConnectTimeout.TotalSeconds:0.#} s.");
        }
        catch
        {
            tcp.Dispose();
            throw;
        }

        return new SatelClient(tcp, options);
    }

    /// <summary>
    /// Sends a frame and returns the module's answer: the frame with the same command byte, or a 0xEF result
    /// (which answers every control command and refuses some reads). Throws <see cref="SatelBusyException"/> when
    /// the module said "Busy!", <see cref="TimeoutException"/> when no answer came within the request timeout, and
    /// <see cref="IOException"/> when the connection is gone.
    /// </summary>
    public async Task<SatelFrame> RequestAsync(SatelFrame request, CancellationToken cancellationToken = default)
    {
        await _oneRequestAtATime.WaitAsync(cancellationToken);
        try
        {
            DropStaleFrames();
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                var wire = request.Encode();
                await _stream.WriteAsync(_encryption is null ? wire : _encryption.Seal(wire), linked.Token);
                return await AnswerToAsync(request.Command, linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"The module did not answer command 0x{request.Command:X2} within {_options.RequestTimeout.TotalSeconds:0.#} s.");
            }
            catch (IOException ex) when (ex is not SatelBusyException)
            {
                // A write fails when the module has already closed; if it said "Busy!" first, that is the reason.
                await WaitForReadLoopAsync(linked.Token);
                throw _busy ? new SatelBusyException("The module is busy: another client holds its integration connection.", ex) : ex;
            }
        }
        finally
        {
            _oneRequestAtATime.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _closing.CancelAsync();
        _tcp.Dispose();
        await _readLoop;
        _closing.Dispose();
        _oneRequestAtATime.Dispose();
        _encryption?.Dispose();
    }

    private async Task<SatelFrame> AnswerToAsync(byte command, CancellationToken cancellationToken)
    {
        while (true)
        {
            SatelDecoded received;
            try
            {
                received = await _received.Reader.ReadAsync(cancellationToken);
            }
            catch (ChannelClosedException ex)
            {
                throw _busy
                    ? new SatelBusyException("The module is busy: another client holds its integration connection.", ex)
                    : new IOException("The module closed the connection.", ex.InnerException ?? ex);
            }

            switch (received)
            {
                case SatelDecoded.Busy:
                    throw new SatelBusyException();
                case SatelDecoded.Frame { Value: var frame } when frame.Command == command || frame.Command == SatelResult.Command:
                    return frame;
                default:
                    Interlocked.Increment(ref _staleFrames);
                    break;
            }
        }
    }

    /// <summary>Frames that arrived with no request pending belong to an earlier, timed-out request.</summary>
    private void DropStaleFrames()
    {
        while (_received.Reader.TryPeek(out var waiting) && waiting is SatelDecoded.Frame)
        {
            _received.Reader.TryRead(out _);
            Interlocked.Increment(ref _staleFrames);
        }
    }

    private async Task WaitForReadLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _readLoop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The caller's own error is reported instead.
        }
    }

    private async Task ReadLoopAsync()
    {
        await Task.Yield();
        var buffer = new byte[512];
        Exception ended;
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(buffer, _closing.Token);
                if (read == 0)
                {
                    ended = new IOException("The module closed the connection.");
                    break;
                }

                if (_encryption is null)
                {
                    Deliver(_decoder.Feed(buffer.AsSpan(0, read)));
                    continue;
                }

                foreach (var opened in _encryption.Open(buffer.AsSpan(0, read)))
                {
                    Deliver(_decoder.Feed(opened));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            ended = ex as IOException ?? new IOException("The connection to the module ended.", ex);
        }

        _received.Writer.TryComplete(ended);
    }

    private void Deliver(IReadOnlyList<SatelDecoded> decoded)
    {
        foreach (var item in decoded)
        {
            switch (item)
            {
                case SatelDecoded.Corrupt:
                    // The module sends its next answer in a new frame; a request whose answer was mangled times out.
                    Interlocked.Increment(ref _corruptFrames);
                    break;
                case SatelDecoded.Busy:
                    _busy = true;
                    _received.Writer.TryWrite(item);
                    break;
                default:
                    _received.Writer.TryWrite(item);
                    break;
            }
        }
    }
}
