using System.Net;
using System.Net.Sockets;

namespace Sotp.Collectors.Tests.Snmp;

/// <summary>
/// A scripted SNMP agent on a loopback UDP port, for the misbehaviour real agents cannot be made to show on demand:
/// loops, silence, garbage. The script gets each datagram and returns the datagrams to answer with.
/// </summary>
internal sealed class FakeAgent : IAsyncDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly Func<byte[], IEnumerable<byte[]>> _script;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private int _received;

    public FakeAgent(Func<byte[], IEnumerable<byte[]>> script)
    {
        _script = script;
        _loop = Task.Run(RunAsync);
    }

    public IPEndPoint Endpoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    public int Received => Volatile.Read(ref _received);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _socket.Dispose();
        await _loop;
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            UdpReceiveResult request;
            try
            {
                request = await _socket.ReceiveAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _received);
            foreach (var answer in _script(request.Buffer))
            {
                try
                {
                    await _socket.SendAsync(answer, request.RemoteEndPoint);
                }
                catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
                {
                    // Disposed mid-answer (broken pipe), or the client already went away: an agent shrugs and goes on.
                    if (_stopping.IsCancellationRequested)
                    {
                        return;
                    }
                }
            }
        }
    }
}
