namespace Sotp.Core.Auth;

/// <summary>Brute-force limits (inventory/auth issue): per client address and per account.</summary>
public static class LoginLimits
{
    public const int FailuresPerAddress = 5;
    public static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan AddressBlock = TimeSpan.FromMinutes(1);

    public const int FailuresPerAccount = 10;
    public static readonly TimeSpan AccountLock = TimeSpan.FromMinutes(30);
}
