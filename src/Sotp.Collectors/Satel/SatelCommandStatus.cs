namespace Sotp.Collectors.Satel;

/// <summary>Where a control command stands: PENDING until the panel answers, then ACK, NACK (a refusal code) or TIMEOUT.</summary>
public enum SatelCommandStatus
{
    Pending,
    Ack,
    Nack,

    /// <summary>No answer: the panel was not connected in time, or did not answer. Whether it acted is unknown; the live state tells.</summary>
    Timeout,
}

/// <summary>How a command ended; <see cref="ResultCode"/> is the panel's 0xEF code when it answered.</summary>
public sealed record SatelCommandOutcome(SatelCommandStatus Status, byte? ResultCode, string Description)
{
    public static SatelCommandOutcome From(SatelCommandResult result) =>
        new(result.IsSuccess ? SatelCommandStatus.Ack : SatelCommandStatus.Nack, result.Code, result.Description);

    public static SatelCommandOutcome TimedOut(string why) => new(SatelCommandStatus.Timeout, null, why);
}
