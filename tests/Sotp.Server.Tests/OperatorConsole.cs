using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Sotp.Server.Tests;

/// <summary>
/// An operator's console against the real server, as the burst test drives it: keeps its live channel open across
/// server restarts (reconnecting with <c>since</c> = the last seq it saw), records every seq in arrival order, and
/// claims every NEW alarm it hears of. A claim whose answer was lost in a crash is settled once the server is back.
/// </summary>
internal sealed class OperatorConsole : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<long> _seqs = [];
    private readonly ConcurrentDictionary<long, string> _types = new();
    private readonly Channel<(long Id, long Version)> _toClaim = Channel.CreateUnbounded<(long, long)>();
    private readonly ConcurrentBag<string> _faults = [];
    private readonly Task _listening;
    private readonly Task _claiming;
    private int _reconnects;

    private OperatorConsole(string name, HttpClient http)
    {
        Name = name;
        _http = http;
        _listening = Task.Run(ListenAsync);
        _claiming = Task.Run(ClaimAsync);
    }

    public string Name { get; }

    /// <summary>Alarms this console's claim was answered 200 for, or found claimed by it after a lost answer.</summary>
    public ConcurrentDictionary<long, bool> Won { get; } = new();

    public int Reconnects => _reconnects;

    /// <summary>Anything a console must never see: gaps, repeats, replay overflow, server errors.</summary>
    public IReadOnlyCollection<string> Faults => _faults;

    public IReadOnlyDictionary<long, string> Types => _types;

    public long LastSeq
    {
        get
        {
            lock (_seqs)
            {
                return _seqs.Count == 0 ? 0 : _seqs[^1];
            }
        }
    }

    public IReadOnlyList<long> Seqs
    {
        get
        {
            lock (_seqs)
            {
                return [.. _seqs];
            }
        }
    }

    public static async Task<OperatorConsole> SignInAsync(Uri server, string username, string password)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) };
        using var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { username, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return new OperatorConsole(username, http);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _toClaim.Writer.TryComplete();
        await Task.WhenAll(_listening, _claiming);
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ListenAsync()
    {
        var buffer = new byte[64 * 1024];
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var socket = await ConnectAsync();
                while (true)
                {
                    var text = await ReceiveAsync(socket, buffer);
                    if (text is null)
                    {
                        break;
                    }

                    Take(JsonDocument.Parse(text).RootElement);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or WebSocketException or IOException or TaskCanceledException)
            {
                // The server is down or restarting: try again shortly, as a console would.
            }

            if (!_stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _reconnects);
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private async Task<ClientWebSocket> ConnectAsync()
    {
        using var response = await _http.PostAsync("/api/v1/auth/ws-ticket", null, _stop.Token);
        response.EnsureSuccessStatusCode();
        var ticket = (await response.Content.ReadFromJsonAsync<JsonElement>(_stop.Token)).GetProperty("ticket").GetString();
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(_http.BaseAddress!) { Scheme = "ws", Path = "/ws", Query = $"ticket={ticket}&since={LastSeq}" }.Uri;
        try
        {
            await socket.ConnectAsync(uri, _stop.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<string?> ReceiveAsync(ClientWebSocket socket, byte[] buffer)
    {
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, _stop.Token);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return result.MessageType == WebSocketMessageType.Close ? null : Encoding.UTF8.GetString(message.ToArray());
    }

    private void Take(JsonElement message)
    {
        var type = message.GetProperty("type").GetString()!;
        if (!message.TryGetProperty("seq", out var seqElement))
        {
            _faults.Add($"{Name}: {type} without a seq");
            return;
        }

        var seq = seqElement.GetInt64();
        lock (_seqs)
        {
            if (seq != LastSeq + 1)
            {
                _faults.Add($"{Name}: seq {seq} after {LastSeq}");
            }

            _seqs.Add(seq);
        }

        _types[seq] = type;
        var alarm = message.GetProperty("payload");
        if (alarm.TryGetProperty("state", out var state) && state.GetString() == "NEW")
        {
            _toClaim.Writer.TryWrite((alarm.GetProperty("id").GetInt64(), alarm.GetProperty("version").GetInt64()));
        }
    }

    private async Task ClaimAsync()
    {
        await foreach (var (id, version) in _toClaim.Reader.ReadAllAsync())
        {
            try
            {
                using var response = await _http.PostAsJsonAsync($"/api/v1/alarms/{id}/claim", new { version });
                if (response.IsSuccessStatusCode)
                {
                    Won[id] = true;
                }
                else if (response.StatusCode != HttpStatusCode.Conflict)
                {
                    // 409 is losing the race (alarm_claimed) or a newer version; anything else is a fault.
                    _faults.Add($"{Name}: claim of {id} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The server died with the claim in flight: it may or may not have been stored.
                await SettleLostClaimAsync(id);
            }
        }
    }

    /// <summary>Once the server answers again: a claim stored before the crash is ours; one that was not is tried again.</summary>
    private async Task SettleLostClaimAsync(long id)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var alarm = await _http.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/{id}", _stop.Token);
                if (alarm.GetProperty("state").GetString() == "NEW")
                {
                    _toClaim.Writer.TryWrite((id, alarm.GetProperty("version").GetInt64()));
                }
                else if (alarm.GetProperty("claimedByName").GetString() == Name)
                {
                    Won[id] = true;
                }

                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }
}
