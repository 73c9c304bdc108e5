using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Sotp.Bench.Alarms;

/// <summary>A reporter posting events and an operator's live connection receiving them, timed on one clock.</summary>
internal sealed class PushRun : IAsyncDisposable
{
    private readonly HttpClient _reporter;
    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<string, long> _received = new();
    private readonly Task _reading;

    private PushRun(HttpClient reporter, ClientWebSocket socket)
    {
        _reporter = reporter;
        _socket = socket;
        _reading = Task.Run(ReadAsync);
    }

    public static async Task<PushRun> StartAsync(Uri server, string password)
    {
        var reporter = await SignInAsync(server, "reporter", password);
        using var console = await SignInAsync(server, "operator", password);
        using var ticketResponse = await console.PostAsync("/api/v1/auth/ws-ticket", null);
        ticketResponse.EnsureSuccessStatusCode();
        var ticket = (await ticketResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString();
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(server) { Scheme = "ws", Path = "/ws", Query = $"ticket={ticket}" }.Uri, CancellationToken.None);
        return new PushRun(reporter, socket);
    }

    /// <summary>Posts <paramref name="count"/> events evenly over <paramref name="span"/> and waits (up to 10 s) for their messages.</summary>
    public async Task<PushResult> PostAsync(string label, int count, TimeSpan span)
    {
        var sent = new long[count];
        var answered = new double[count];
        var posts = new List<Task>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = span * i / count;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            posts.Add(PostOneAsync(label, i, sent, answered));
        }

        await Task.WhenAll(posts);
        var deadline = Stopwatch.StartNew();
        while (Enumerable.Range(0, count).Any(i => !_received.ContainsKey(Key(label, i))) && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        var latencies = Enumerable.Range(0, count)
            .Where(i => _received.ContainsKey(Key(label, i)))
            .Select(i => Stopwatch.GetElapsedTime(sent[i], _received[Key(label, i)]).TotalMilliseconds)
            .Order().ToArray();
        return new PushResult(latencies, [.. answered.Order()]);
    }

    public async ValueTask DisposeAsync()
    {
        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        await _reading;
        _socket.Dispose();
        _reporter.Dispose();
    }

    private async Task PostOneAsync(string label, int i, long[] sent, double[] answered)
    {
        sent[i] = Stopwatch.GetTimestamp();
        // A category of its own: every event opens an alarm, so every event has its own alarm.opened message.
        var body = new { siteId = 1, category = $"{label}{i}", code = "bench", message = Key(label, i), dedupKey = Key(label, i) };
        using var response = await _reporter.PostAsJsonAsync("/api/v1/events", body);
        response.EnsureSuccessStatusCode();
        answered[i] = Stopwatch.GetElapsedTime(sent[i]).TotalMilliseconds;
    }

    private static string Key(string label, int i) => $"{label}-event-{i}";

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                return;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var at = Stopwatch.GetTimestamp();
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
            message.SetLength(0);
            if (document.RootElement.GetProperty("type").GetString() == "alarm.opened")
            {
                // The title is "<site>: <message>", and the message is the event's key.
                var title = document.RootElement.GetProperty("payload").GetProperty("title").GetString()!;
                _received.TryAdd(title[(title.LastIndexOf(": ", StringComparison.Ordinal) + 2)..], at);
            }
        }
    }

    private static async Task<HttpClient> SignInAsync(Uri server, string username, string password)
    {
        var http = new HttpClient { BaseAddress = server };
        using var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { username, password });
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return http;
    }
}

/// <summary>Latencies in milliseconds, sorted.</summary>
internal sealed record PushResult(double[] Pushed, double[] Posted)
{
    public int Received => Pushed.Length;

    public double Max => Pushed.Length == 0 ? double.NaN : Pushed[^1];

    public double Percentile(int p) => Nearest(Pushed, p);

    public double PostPercentile(int p) => Nearest(Posted, p);

    private static double Nearest(double[] sorted, int p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
