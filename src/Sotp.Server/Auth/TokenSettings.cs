namespace Sotp.Server.Auth;

/// <summary>Token lifetimes and key rotation (inventory/auth issue). Constants, not settings: they are security policy.</summary>
public static class TokenSettings
{
    public const string Issuer = "sotp";
    public const string Audience = "sotp-api";

    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(7);

    /// <summary>A signing key signs for this long after it is made…</summary>
    public static readonly TimeSpan KeyRotation = TimeSpan.FromDays(90);

    /// <summary>…and its signatures are still accepted this long after its successor takes over.</summary>
    public static readonly TimeSpan KeyOverlap = TimeSpan.FromDays(7);

    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Claim set on the access token of a user who must change the password first.</summary>
    public const string PasswordChangeClaim = "pwd_change";
}
