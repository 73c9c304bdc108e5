namespace Sotp.Core.Auth;

/// <summary>WebSocket tickets by their SHA-256. In the store, not in memory, so any API node can redeem a ticket another issued.</summary>
public interface IWsTicketStore
{
    Task IssueAsync(string ticketHash, long userId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Marks the ticket used and returns its user, if it exists, is unused and has not expired; one caller wins.</summary>
    Task<long?> RedeemAsync(string ticketHash, DateTimeOffset now, CancellationToken cancellationToken);
}
