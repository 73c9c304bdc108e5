using System.Net;
using System.Net.Sockets;
using Sotp.Collectors.Satel;

namespace Sotp.Collectors.Tests.Satel;

/// <summary>
/// A bare TCP connection to a module, speaking through the codec only, so the simulator is checked without the
/// client under test. Every wait has a generous guard so a broken simulator fails the test instead of hanging it.
/// </summary>
internal sealed class RawModuleConnection : IAsyncDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly SatelFrameDecoder _decoder = new();
    private readonly Queue<SatelDecoded> _pending = new();
    private readonly byte[] _buffer = new byte[512];

    private RawModuleConnection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawModuleConnection> OpenAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Guard);
        return new RawModuleConnection(tcp);
    }

    public async Task SendAsync(byte command, params byte[] data) => await _stream.WriteAsync(new SatelFrame(command, data).Encode());

    public async Task SendRawAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Sends a request and returns the next frame the module sends.</summary>
    public async Task<SatelFrame> AskAsync(byte command, params byte[] data)
    {
        await SendAsync(command, data);
        return await ReceiveFrameAsync();
    }

    public async Task<SatelFrame> ReceiveFrameAsync() => Assert.IsType<SatelDecoded.Frame>(await ReceiveAsync()).Value;

    public async Task<SatelDecoded> ReceiveAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        while (_pending.Count == 0)
        {
            var read = await _stream.ReadAsync(_buffer, guard.Token);
            if (read == 0)
            {
                throw new IOException("The module closed the connection.");
            }

            foreach (var decoded in _decoder.Feed(_buffer.AsSpan(0, read)))
            {
                _pending.Enqueue(decoded);
            }
        }

        return _pending.Dequeue();
    }

    /// <summary>Every byte until the module closes the connection (a reset counts as closing).</summary>
    public async Task<byte[]> ReadUntilClosedAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        var all = new List<byte>();
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(_buffer, guard.Token)) > 0)
            {
                all.AddRange(_buffer.AsSpan(0, read));
            }
        }
        catch (IOException)
        {
            // Reset by the peer: closed as well.
        }

        return [.. all];
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
