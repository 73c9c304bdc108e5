namespace Sotp.Core.Auth;

public enum RefreshTokenStatus
{
    Rotated,
    /// <summary>No such token (or not ours).</summary>
    Unknown,
    Expired,
    /// <summary>Revoked by logout (or by a detected reuse) before it was ever used.</summary>
    Revoked,
    /// <summary>Used or revoked before: someone replays it, so its whole family was revoked.</summary>
    Reused,
}

/// <param name="UserId">Set when <see cref="Status"/> is <see cref="RefreshTokenStatus.Rotated"/>.</param>
public sealed record RefreshTokenRotation(RefreshTokenStatus Status, long? UserId = null, string? FamilyId = null);
