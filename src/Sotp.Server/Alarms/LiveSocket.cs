using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Sotp.Core.Alarms;
using Sotp.Core.Auth;
using Sotp.Core;
using Sotp.Core.Errors;
using Sotp.Core.Sites;
using Sotp.Core.Users;

namespace Sotp.Server.Alarms;

/// <summary>
/// <c>/ws?ticket=…&amp;since=N</c>: the live channel of the console. Authenticated by a single-use ticket (browsers
/// cannot send a bearer header on a WebSocket), it pushes <c>{"seq", "type", "payload"}</c> text messages in seq order,
/// starting after <c>since</c>; when that is no longer kept it sends <c>{"type":"replay_overflow","retry_after_ms":N}</c>
/// and closes, and the client reloads through the REST API.
/// </summary>
public static class LiveSocket
{
    public static IEndpointRouteBuilder MapLiveSocket(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/ws", HandleAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext context, WsTickets tickets, IUserStore users, SiteService sites, LiveFeed feed, CancellationToken cancellationToken)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw new DomainException(ErrorKind.Validation, ErrorCodes.BadRequest, "/ws takes WebSocket connections only (with ?ticket= from POST /api/v1/auth/ws-ticket).");
        }

        var user = context.Request.Query["ticket"].ToString() is { Length: > 0 } ticket && await tickets.RedeemAsync(ticket, cancellationToken) is { } userId
            ? await users.FindByIdAsync(userId, cancellationToken)
            : null;
        if (user is null)
        {
            throw new DomainException(ErrorKind.Unauthorized, ErrorCodes.Unauthorized, "The ticket is missing, used or expired; ask POST /api/v1/auth/ws-ticket for a new one.");
        }

        if (!PermissionMatrix.Allows(user.Role, Permission.ReadAlarms))
        {
            throw new DomainException(ErrorKind.Forbidden, ErrorCodes.Forbidden, $"The role {user.Role.ToText()} does not see alarms.");
        }

        long? since = null;
        if (context.Request.Query["since"].ToString() is { Length: > 0 } sinceText)
        {
            since = long.TryParse(sinceText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new ValidationException(new Dictionary<string, string[]> { ["since"] = ["since is the last seq the client saw, a whole number."] });
        }

        var scope = await sites.ScopeAsync(new Caller(user.Id, user.Username, user.Role), cancellationToken);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        LiveSubscription subscription;
        try
        {
            subscription = await feed.SubscribeAsync(since, siteId => scope is null || scope.Contains(siteId), cancellationToken);
        }
        catch (ReplayOverflowException overflow)
        {
            var message = JsonSerializer.Serialize(new Dictionary<string, object> { ["type"] = "replay_overflow", ["retry_after_ms"] = (long)overflow.RetryAfter.TotalMilliseconds });
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, cancellationToken);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "replay_overflow", cancellationToken);
            return;
        }

        using (subscription)
        {
            await PumpAsync(socket, subscription, cancellationToken);
        }
    }

    /// <summary>Sends until the client leaves, the server stops, or the client falls too far behind.</summary>
    private static async Task PumpAsync(WebSocket socket, LiveSubscription subscription, CancellationToken requestAborted)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        var receiving = DrainUntilClosedAsync(socket, done);
        try
        {
            await foreach (var message in subscription.Reader.ReadAllAsync(done.Token))
            {
                await socket.SendAsync(Frame(message), WebSocketMessageType.Text, true, done.Token);
            }

            await socket.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "server stopping", CancellationToken.None);
        }
        catch (SlowConsumerException)
        {
            await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "too slow; reconnect with since", CancellationToken.None);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away or the server stops; the client reconnects with the last seq it saw.
        }
        finally
        {
            await done.CancelAsync();
            await receiving;
            if (socket.State == WebSocketState.CloseReceived)
            {
                await AnswerCloseAsync(socket); // The client said goodbye and waits for ours.
            }
        }
    }

    private static async Task AnswerCloseAsync(WebSocket socket)
    {
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
    }

    /// <summary>Clients send nothing but pings and the close handshake; reading notices when they leave.</summary>
    private static async Task DrainUntilClosedAsync(WebSocket socket, CancellationTokenSource done)
    {
        var buffer = new byte[1024];
        try
        {
            while (!done.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, done.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }

        await done.CancelAsync();
    }

    /// <summary>The payload is already JSON (as written to the outbox); it is embedded, not quoted.</summary>
    private static byte[] Frame(OutboxMessage message) =>
        Encoding.UTF8.GetBytes($"{{\"seq\":{message.Seq.ToString(CultureInfo.InvariantCulture)},\"type\":{JsonSerializer.Serialize(message.Type)},\"payload\":{message.Payload}}}");
}
