using Sotp.Core.Errors;

namespace Sotp.Core.Alarms;

/// <summary>
/// The alarm lifecycle as pure decisions: given the alarm as stored, the version the caller saw and who the
/// caller is, either the change to write or a <see cref="DomainException"/>. The store applies a change in one
/// transaction together with its log line and outbox message.
/// </summary>
public static class AlarmWorkflow
{
    public static AlarmChange Claim(Alarm alarm, long version, Caller caller, DateTimeOffset now, TimeSpan claimTtl)
    {
        CheckVersion(alarm, version);
        var expiredClaim = alarm.State == AlarmState.Claiming && alarm.ClaimExpiresAt <= now;
        if (alarm.State != AlarmState.New && !expiredClaim)
        {
            throw alarm.State == AlarmState.Claiming
                ? new DomainException(ErrorKind.Conflict, ErrorCodes.AlarmClaimed, $"Alarm {alarm.Id} is being claimed by {alarm.ClaimedByName}.")
                : NotAllowed(alarm, "claim");
        }

        var change = Change(alarm, now, AlarmState.Claiming, $"claimed by {caller.Name}");
        return change with { Updated = change.Updated with { ClaimedById = caller.UserId, ClaimedByName = caller.Name, ClaimExpiresAt = now + claimTtl } };
    }

    /// <summary>The claimer confirms: the alarm is theirs until it is resolved.</summary>
    public static AlarmChange Start(Alarm alarm, long version, Caller caller, DateTimeOffset now)
    {
        CheckVersion(alarm, version);
        if (alarm.State != AlarmState.Claiming)
        {
            throw NotAllowed(alarm, "start");
        }

        CheckOwner(alarm, caller);
        if (alarm.ClaimExpiresAt <= now)
        {
            throw new DomainException(ErrorKind.Conflict, ErrorCodes.ClaimExpired, $"The claim on alarm {alarm.Id} expired; claim it again.");
        }

        var change = Change(alarm, now, AlarmState.InProgress, $"taken in hand by {caller.Name}");
        return change with { Updated = change.Updated with { ClaimExpiresAt = null } };
    }

    public static AlarmChange Acknowledge(Alarm alarm, long version, string? note, Caller caller, DateTimeOffset now)
    {
        CheckVersion(alarm, version);
        if (alarm.State != AlarmState.InProgress)
        {
            throw NotAllowed(alarm, "acknowledge");
        }

        CheckOwner(alarm, caller);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (alarm.RequiresNote && note is null)
        {
            throw new ValidationException(new Dictionary<string, string[]> { ["note"] = [$"A {alarm.Category} alarm is acknowledged with a note saying what was done."] });
        }

        if (note?.Length > 2000)
        {
            throw new ValidationException(new Dictionary<string, string[]> { ["note"] = ["note is at most 2000 characters."] });
        }

        var change = Change(alarm, now, AlarmState.Ack, note is null ? $"acknowledged by {caller.Name}" : $"acknowledged by {caller.Name}: {note}");
        return change with { Updated = change.Updated with { AckedAt = now, AckNote = note } };
    }

    public static AlarmChange Resolve(Alarm alarm, long version, Caller caller, DateTimeOffset now)
    {
        CheckVersion(alarm, version);
        if (alarm.State != AlarmState.Ack)
        {
            throw NotAllowed(alarm, "resolve");
        }

        CheckOwner(alarm, caller);
        var change = Change(alarm, now, AlarmState.Resolved, $"resolved by {caller.Name}");
        return change with { Updated = change.Updated with { ResolvedAt = now } };
    }

    public static AlarmChange Close(Alarm alarm, long version, Caller caller, DateTimeOffset now)
    {
        CheckVersion(alarm, version);
        if (alarm.State != AlarmState.Resolved)
        {
            throw NotAllowed(alarm, "close");
        }

        var change = Change(alarm, now, AlarmState.Closed, $"closed by {caller.Name}");
        return change with { Updated = change.Updated with { ClosedAt = now } };
    }

    public static AlarmChange Note(Alarm alarm, string? text, Caller caller, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > 2000)
        {
            throw new ValidationException(new Dictionary<string, string[]> { ["text"] = ["text is 1..2000 characters."] });
        }

        return new AlarmChange(Touch(alarm, now), AlarmLogKind.Note, $"{caller.Name}: {text.Trim()}");
    }

    /// <summary>The reaper: a claim nobody confirmed goes back to the queue. Null when there is nothing to do.</summary>
    public static AlarmChange? ExpireClaim(Alarm alarm, DateTimeOffset now)
    {
        if (alarm.State != AlarmState.Claiming || alarm.ClaimExpiresAt > now)
        {
            return null;
        }

        var change = Change(alarm, now, AlarmState.New, $"claim by {alarm.ClaimedByName} not confirmed in time; back in the queue");
        return change with { Updated = change.Updated with { ClaimedById = null, ClaimedByName = null, ClaimExpiresAt = null } };
    }

    /// <summary>Auto-close: a RESOLVED alarm quiet for <paramref name="quietFor"/>. Null when not due.</summary>
    public static AlarmChange? AutoClose(Alarm alarm, DateTimeOffset now, TimeSpan quietFor)
    {
        if (alarm.State != AlarmState.Resolved || now - alarm.LastActivityAt < quietFor)
        {
            return null;
        }

        var change = Change(alarm, now, AlarmState.Closed, $"closed automatically after {quietFor.TotalMinutes:0} quiet minutes");
        return change with { Updated = change.Updated with { ClosedAt = now } };
    }

    /// <summary>The cause went away by itself (a device answers again): an open alarm is resolved by the system.</summary>
    public static AlarmChange? ResolveByRestore(Alarm alarm, string reason, DateTimeOffset now)
    {
        if (!alarm.State.IsOpen())
        {
            return null;
        }

        var change = Change(alarm, now, AlarmState.Resolved, $"resolved: {reason}");
        return change with { Updated = change.Updated with { ResolvedAt = now, ClaimExpiresAt = null } };
    }

    private static AlarmChange Change(Alarm alarm, DateTimeOffset now, AlarmState to, string text) =>
        new(Touch(alarm, now) with { State = to }, AlarmLogKind.Transition, $"{alarm.State.ToText()} → {to.ToText()}: {text}");

    private static Alarm Touch(Alarm alarm, DateTimeOffset now) => alarm with { LastActivityAt = now, Version = alarm.Version + 1 };

    private static void CheckVersion(Alarm alarm, long version)
    {
        if (alarm.Version != version)
        {
            throw DomainException.StaleVersion("alarm", alarm.Id, alarm.Version, version);
        }
    }

    /// <summary>Once claimed, an alarm is handled by its claimer; MASTER may take over.</summary>
    private static void CheckOwner(Alarm alarm, Caller caller)
    {
        if (alarm.ClaimedById != caller.UserId && caller.Role != Users.Role.Master)
        {
            throw new DomainException(ErrorKind.Conflict, ErrorCodes.AlarmClaimed, $"Alarm {alarm.Id} is handled by {alarm.ClaimedByName}.");
        }
    }

    private static DomainException NotAllowed(Alarm alarm, string action) =>
        new(ErrorKind.Conflict, ErrorCodes.InvalidTransition, $"Alarm {alarm.Id} is {alarm.State.ToText()}; it cannot be {Past(action)} now.");

    private static string Past(string action) => action switch
    {
        "claim" => "claimed",
        "start" => "started",
        "acknowledge" => "acknowledged",
        "resolve" => "resolved",
        _ => action + "d",
    };
}
