using Dapper;
using Sotp.Core.Auth;

namespace Sotp.Storage.Auth;

public sealed class WsTicketStore(Store store) : IWsTicketStore
{
    public async Task IssueAsync(string ticketHash, long userId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        // Expired tickets are dropped as new ones come, so the table holds only the live ones.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ws_tickets WHERE expires_at < @now; INSERT INTO ws_tickets (ticket_hash, user_id, expires_at) VALUES (@ticketHash, @userId, @expiresAt)",
            new { ticketHash, userId, now, expiresAt }, cancellationToken: cancellationToken));
    }

    public async Task<long?> RedeemAsync(string ticketHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "UPDATE ws_tickets SET used_at = @now WHERE ticket_hash = @ticketHash AND used_at IS NULL AND expires_at > @now RETURNING user_id",
            new { ticketHash, now }, cancellationToken: cancellationToken));
    }
}
