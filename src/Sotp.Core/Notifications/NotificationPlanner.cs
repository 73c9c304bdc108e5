using System.Text.Json;
using Sotp.Core.Alarms;

namespace Sotp.Core.Notifications;

/// <summary>
/// Turns outbox rows (the alarm changes, in commit order) into deliveries: an opened alarm goes to every enabled channel
/// that takes its priority (except escalation-only ones); a resolved (or closed) one to the PAGERDUTY, SERVICENOW and WEBHOOK channels that were
/// triggered for it. Reading the outbox behind a cursor of its own means the alarm workflow needs no change, and a
/// restart picks up exactly where planning stopped.
/// </summary>
public sealed class NotificationPlanner(IOutboxStore outbox, INotificationStore store, TimeProvider time)
{
    public const int Batch = 200;

    /// <returns>How many outbox rows were read (a full batch means more may wait).</returns>
    public async Task<int> PlanAsync(CancellationToken cancellationToken)
    {
        var after = await store.PlannedThroughAsync(cancellationToken);
        var messages = await outbox.AfterAsync(after, Batch, cancellationToken);
        if (messages.Count == 0)
        {
            return 0;
        }

        var channels = await store.ListChannelsAsync(cancellationToken);
        var planned = new List<PlannedDelivery>();
        foreach (var message in messages.Where(m => m.Type is OutboxTypes.AlarmOpened or OutboxTypes.AlarmChanged))
        {
            var alarm = JsonSerializer.Deserialize<Alarm>(message.Payload, SotpJson.Options)!;
            if (message.Type == OutboxTypes.AlarmOpened)
            {
                planned.AddRange(channels.Where(c => c.Accepts(alarm.Priority)).Select(c => new PlannedDelivery(c.Id, NotificationEvent.Trigger, alarm)));
            }
            else if (!alarm.State.IsOpen())
            {
                var triggered = (await store.TriggeredChannelsAsync(alarm.Id, cancellationToken)).ToHashSet();
                triggered.UnionWith(planned.Where(p => p.Alarm.Id == alarm.Id && p.Event == NotificationEvent.Trigger).Select(p => p.ChannelId));
                planned.AddRange(channels.Where(c => c.Enabled && c.Kind.TakesResolve() && triggered.Contains(c.Id))
                    .Select(c => new PlannedDelivery(c.Id, NotificationEvent.Resolve, alarm)));
            }
        }

        await store.PlanAsync(planned, messages[^1].Seq, time.GetUtcNow(), cancellationToken);
        return messages.Count;
    }
}
