using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Sotp.Server.Tests;

/// <summary>A console's live connection as a test sees it: gets a ticket, opens /ws and queues every message it receives.</summary>
internal sealed class LiveClient : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>();
    private readonly Task _reading;

    private LiveClient(WebSocket socket)
    {
        _socket = socket;
        _reading = Task.Run(ReadAsync);
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <param name="connect">Opens a WebSocket to the given URI (TestServer's client, or a ClientWebSocket for a real server).</param>
    public static async Task<LiveClient> ConnectAsync(HttpClient signedIn, Func<Uri, Task<WebSocket>> connect, Uri baseAddress, long? since = null)
    {
        using var response = await signedIn.PostAsync("/api/v1/auth/ws-ticket", null);
        response.EnsureSuccessStatusCode();
        var ticket = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString();
        var uri = new UriBuilder(baseAddress) { Scheme = baseAddress.Scheme == "https" ? "wss" : "ws", Path = "/ws", Query = $"ticket={ticket}" + (since is null ? "" : $"&since={since}") }.Uri;
        return new LiveClient(await connect(uri));
    }

    /// <summary>The next message, or a timeout failure naming what was awaited.</summary>
    public async Task<JsonElement> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _messages.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No live message arrived in time.");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The server closed the live connection ({_socket.CloseStatus} {_socket.CloseStatusDescription}).");
        }
    }

    /// <summary>Messages until <paramref name="seq"/> has arrived.</summary>
    public async Task<List<JsonElement>> UntilSeqAsync(long seq, TimeSpan? timeout = null)
    {
        var received = new List<JsonElement>();
        while (received.Count == 0 || received[^1].GetProperty("seq").GetInt64() < seq)
        {
            received.Add(await NextAsync(timeout));
        }

        return received;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                // Only the output side: the reader task is still receiving, and it ends when the server's close arrives.
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }

        await _reading;
        _socket.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                _messages.Writer.TryWrite(JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement.Clone());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        _messages.Writer.TryComplete();
    }
}
