using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Sotp.Core.Auth;

/// <summary>
/// The browser's way into the real-time channel: a logged-in client asks for a ticket, then opens
/// <c>/ws?ticket=…</c> within 30 seconds. A ticket works once, so one leaked from a URL or a log is worthless.
/// </summary>
public sealed class WsTickets(IWsTicketStore tickets, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task<string> IssueAsync(long userId, CancellationToken cancellationToken)
    {
        var ticket = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        await tickets.IssueAsync(Hash(ticket), userId, now, now + Lifetime, cancellationToken);
        return ticket;
    }

    /// <returns>The user id, or null for an unknown, used or expired ticket.</returns>
    public Task<long?> RedeemAsync(string ticket, CancellationToken cancellationToken) =>
        tickets.RedeemAsync(Hash(ticket), time.GetUtcNow(), cancellationToken);

    private static string Hash(string ticket) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ticket)));
}
