using Sotp.Core.Alarms;
using Sotp.Core.Notifications;

namespace Sotp.Core.Escalation;

/// <summary>
/// Moves every alarm's escalation on: picks the policy of each newly opened alarm, and fires each step that is due while the
/// alarm is still NEW. A firing is a notification delivery (so retries, back-off and the delivery log apply), a line in the
/// dispatch log and a live <c>alarm.escalated</c> message, written in one transaction. While an operator's claim waits for
/// confirmation the escalation holds; once the alarm is taken in hand (or resolved, or closed) it stops. All state is in the
/// store: after a restart the steps that came due meanwhile fire at once, in order.
/// </summary>
public sealed class Escalator(IEscalationStore store, INotificationStore notifications, OutboxSignal outbox, TimeProvider time)
{
    public const int Batch = 200;

    /// <returns>How many steps fired (notifications owed).</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var policies = await store.ListAsync(cancellationToken);
        IReadOnlyList<Alarm> opened;
        do
        {
            opened = await store.UnstartedAsync(Batch, cancellationToken);
            foreach (var alarm in opened)
            {
                var policy = EscalationPlan.PolicyFor(alarm, policies);
                var first = policy is null ? null : EscalationPlan.Firing(policy, alarm.OpenedAt, 0);
                await store.StartAsync(alarm.Id, first is null ? null : policy!.Id, first?.At, cancellationToken);
            }
        }
        while (opened.Count == Batch);

        var channels = (await notifications.ListChannelsAsync(cancellationToken)).ToDictionary(c => c.Id);
        var fired = 0;
        bool progressed;
        do
        {
            // Steps overdue after a restart come due one after the other; a held (CLAIMING) alarm stays due but is no progress.
            progressed = false;
            var now = time.GetUtcNow();
            foreach (var due in await store.DueAsync(now, Batch, cancellationToken))
            {
                var policy = policies.FirstOrDefault(p => p.Id == due.PolicyId);
                var write = await store.AdvanceAsync(due, alarm => Decide(alarm, due, policy, channels, now), now, cancellationToken);
                progressed |= write is not null;
                fired += write?.Delivery is null ? 0 : 1;
            }
        }
        while (progressed);

        if (fired > 0)
        {
            outbox.Pulse();
        }

        return fired;
    }

    /// <summary>The earliest firing still to come, so the dispatcher can sleep until then.</summary>
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) => store.NextDueAsync(cancellationToken);

    /// <summary>The turn of one due escalation, given the alarm as it is now (read under the alarm lock).</summary>
    public static EscalationWrite? Decide(Alarm alarm, AlarmEscalation due, EscalationPolicy? policy, IReadOnlyDictionary<long, NotificationChannel> channels,
        DateTimeOffset now)
    {
        if (alarm.State == AlarmState.Claiming)
        {
            return null; // Held: a claim not confirmed in time puts the alarm back to NEW, and the escalation goes on.
        }

        if (alarm.State != AlarmState.New || alarm.Silent)
        {
            return new EscalationWrite(due.Fired, null); // Taken in hand, resolved or closed: the escalation is over.
        }

        if (policy is not { Enabled: true })
        {
            return new EscalationWrite(due.Fired, null, LogText: $"escalation stopped: its policy {due.PolicyId} was {(policy is null ? "deleted" : "disabled")}");
        }

        if (EscalationPlan.Firing(policy, alarm.OpenedAt, due.Fired) is not { } firing)
        {
            return new EscalationWrite(due.Fired, null); // The policy was shortened under it.
        }

        if (firing.At > now)
        {
            return new EscalationWrite(due.Fired, firing.At); // The policy was changed to wait longer.
        }

        var next = EscalationPlan.Firing(policy, alarm.OpenedAt, due.Fired + 1)?.At;
        if (!channels.TryGetValue(firing.ChannelId, out var channel) || !channel.Enabled)
        {
            var why = channel is null ? $"channel {firing.ChannelId} no longer exists" : $"channel '{channel.Name}' is disabled";
            return new EscalationWrite(due.Fired + 1, next, LogText: $"escalation '{policy.Name}' step {firing.Step} skipped: {why}");
        }

        return new EscalationWrite(due.Fired + 1, next, new PlannedDelivery(channel.Id, NotificationEvent.Escalate, alarm), firing.Index + 1,
            firing.Describe(policy, channel.Name),
            new EscalationNotice(alarm.Id, policy.Id, policy.Name, firing.Step, firing.Repeat, channel.Id, channel.Name, now));
    }
}
