using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sotp.Server.Tests.Notifications;

/// <summary>
/// A minimal SMTP server on 127.0.0.1 speaking real SMTP (EHLO, AUTH PLAIN, MAIL, RCPT, DATA with dot-unstuffing, QUIT),
/// enough for MailKit to deliver to it. Each message is recorded with its envelope and the credentials it logged in with.
/// </summary>
public sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SmtpReceiver()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public sealed record Mail(string From, IReadOnlyList<string> To, string Data, string? Login);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public ConcurrentQueue<Mail> Messages { get; } = new();

    /// <summary>When set, RCPT TO is refused with this reply (a mailbox that does not exist).</summary>
    public string? RefuseRecipient { get; set; }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 127.0.0.1 test ESMTP");
        string? from = null, login = null;
        var to = new List<string>();
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-127.0.0.1 greets you");
                    await writer.WriteLineAsync("250-AUTH PLAIN");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "AUTH":
                    // AUTH PLAIN base64("\0user\0password")
                    var parts = Encoding.UTF8.GetString(Convert.FromBase64String(argument.Split(' ')[1])).Split('\0');
                    login = $"{parts[1]}:{parts[2]}";
                    await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                    break;
                case "MAIL":
                    (from, to) = (Address(argument), []);
                    await writer.WriteLineAsync("250 2.1.0 Ok");
                    break;
                case "RCPT" when RefuseRecipient is not null:
                    await writer.WriteLineAsync(RefuseRecipient);
                    break;
                case "RCPT":
                    to.Add(Address(argument));
                    await writer.WriteLineAsync("250 2.1.5 Ok");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    Messages.Enqueue(new Mail(from ?? "", to, data.ToString(), login));
                    await writer.WriteLineAsync($"250 2.0.0 Ok: queued as {Messages.Count}");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 2.0.0 Bye");
                    return;
                case "RSET" or "NOOP":
                    await writer.WriteLineAsync("250 2.0.0 Ok");
                    break;
                default:
                    await writer.WriteLineAsync("502 5.5.2 Command not recognized");
                    break;
            }
        }
    }

    private static string Address(string argument) => argument[(argument.IndexOf('<') + 1)..argument.IndexOf('>')];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
