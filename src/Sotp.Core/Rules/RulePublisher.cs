using System.Globalization;
using Sotp.Core.Alarms;
using Sotp.Core.Errors;
using Sotp.Core.Events;

namespace Sotp.Core.Rules;

/// <summary>
/// Files what a rule's transition means through the one door for events: firing is an alarm event, clearing a
/// signal plus the restore that resolves the device's open alarm of the rule's category (as a device answering
/// again does for availability).
/// </summary>
public sealed class RulePublisher(IEventSink events, AlarmService alarms)
{
    public const string Source = "rules";

    private long _fired;
    private long _cleared;

    /// <summary>Firings filed as alarm events since start.</summary>
    public long Fired => Interlocked.Read(ref _fired);

    /// <summary>Clearings filed as restores since start.</summary>
    public long Cleared => Interlocked.Read(ref _cleared);

    /// <summary>
    /// One alarm event per firing: the key holds the minute the firing began, so a retried or repeated publish of the
    /// same firing is counted, not filed twice, and the next firing opens a new alarm.
    /// </summary>
    public static string DedupKey(long ruleId, long deviceId, string labels, DateTimeOffset firingSince) =>
        string.Create(CultureInfo.InvariantCulture, $"rule:{ruleId}:{deviceId}:{Cut(labels, 100)}:{firingSince:yyyyMMddHHmm}");

    /// <exception cref="Exception">The store could not file the event: the transition is taken back, so the next point or tick tries again.</exception>
    public async Task PublishAsync(AlertRule rule, RuleDevice device, string labels, RuleSeriesState state, RuleTransition transition, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        if (transition == RuleTransition.None)
        {
            return;
        }

        try
        {
            var message = Cut(RuleMessage.Render(rule, device.Name, rule.Condition == RuleCondition.Absent ? null : state.LastValue), 1000);
            var key = DedupKey(rule.Id, device.Id, labels, state.FiringSince ?? at);
            var zone = labels.Length == 0 ? null : Cut(labels, 100);
            if (transition == RuleTransition.Fired)
            {
                await events.PublishAsync(new EventInput(Source, null, device.Id, zone, rule.Category, rule.Code, rule.Priority, EventKind.Alarm, message, at, key),
                    cancellationToken);
                Interlocked.Increment(ref _fired);
                return;
            }

            await events.PublishAsync(new EventInput(Source, null, device.Id, zone, rule.Category, rule.Code + RuleInput.ClearSuffix, EventPriority.Info,
                EventKind.Signal, Cut($"cleared: {message}", 1000), at, key + RuleInput.ClearSuffix), cancellationToken);
            await alarms.ResolveByRestoreAsync(device.Id, rule.Category, $"rule '{rule.Name}' cleared", cancellationToken);
            Interlocked.Increment(ref _cleared);
        }
        catch (DomainException)
        {
            // The device went away meanwhile (unknown_reference), or the intake refused the event (a point dated outside
            // its window): retrying would not help.
        }
        catch
        {
            state.Revert(transition);
            throw;
        }
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
