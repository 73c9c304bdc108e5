using Sotp.Collectors.Satel;

namespace Sotp.Server.Satel;

/// <summary>A control command as the console lists it: PENDING while the panel has not answered, then ACK, NACK or TIMEOUT.</summary>
/// <param name="Id">A fresh GUID: the list lives in memory, and an id must never be reused after a restart.</param>
/// <param name="ResultCode">The panel's 0xEF result code, when it answered.</param>
/// <param name="Result">What the answer means (for a NACK, why the panel refused), or why there was none.</param>
public sealed record PanelCommandRecord(
    string Id,
    long DeviceId,
    SatelCommandKind Command,
    IReadOnlyList<int> Numbers,
    int? Mode,
    bool Force,
    string Description,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    SatelCommandStatus Status,
    byte? ResultCode = null,
    string? Result = null,
    DateTimeOffset? FinishedAt = null);
