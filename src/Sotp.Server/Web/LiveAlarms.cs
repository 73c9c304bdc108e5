using System.Text.Json;
using Sotp.Core;
using Sotp.Core.Alarms;
using Sotp.Core.Sites;

namespace Sotp.Server.Web;

/// <summary>
/// Alarm changes for a console page, from the same <see cref="LiveFeed"/> as the WebSocket: only what happens from
/// now on (the page loads the current state itself after subscribing), only the sites the user may see.
/// </summary>
public sealed class LiveAlarms(LiveFeed feed, SiteService sites)
{
    public async Task<LivePump<OutboxMessage>> WatchAsync(Caller caller, Func<IReadOnlyList<Alarm>, Task> onChanges, Func<Task> onLost, CancellationToken cancellationToken)
    {
        var scope = await sites.ScopeAsync(caller, cancellationToken);
        var subscription = await feed.SubscribeAsync(null, siteId => scope is null || scope.Contains(siteId), cancellationToken);
        return new LivePump<OutboxMessage>(subscription.Reader, messages => onChanges(Decode(messages)), onLost, subscription);
    }

    private static List<Alarm> Decode(IReadOnlyList<OutboxMessage> messages) =>
        messages
            .Where(message => message.Type is OutboxTypes.AlarmOpened or OutboxTypes.AlarmChanged)
            .Select(message => JsonSerializer.Deserialize<Alarm>(message.Payload, SotpJson.Options))
            .OfType<Alarm>()
            .ToList();
}
