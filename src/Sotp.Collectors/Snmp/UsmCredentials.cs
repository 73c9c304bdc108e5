namespace Sotp.Collectors.Snmp;

/// <summary>
/// An SNMPv3 user. The security level follows from the protocols: no authentication = noAuthNoPriv, authentication
/// only = authNoPriv, both = authPriv. Privacy without authentication does not exist in USM.
/// </summary>
public sealed record UsmCredentials : SnmpCredentials
{
    /// <summary>net-snmp refuses shorter pass phrases, and so does RFC 3414's advice; we follow it.</summary>
    public const int MinPasswordLength = 8;

    public UsmCredentials(
        string userName,
        SnmpAuthProtocol auth = SnmpAuthProtocol.None,
        string? authPassword = null,
        SnmpPrivProtocol privacy = SnmpPrivProtocol.None,
        string? privPassword = null,
        string contextName = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        if (privacy != SnmpPrivProtocol.None && auth == SnmpAuthProtocol.None)
        {
            throw new ArgumentException("USM has no privacy without authentication.", nameof(privacy));
        }

        CheckPassword(auth != SnmpAuthProtocol.None, authPassword, nameof(authPassword));
        CheckPassword(privacy != SnmpPrivProtocol.None, privPassword, nameof(privPassword));
        UserName = userName;
        Auth = auth;
        AuthPassword = authPassword;
        Privacy = privacy;
        PrivPassword = privPassword;
        ContextName = contextName;
    }

    public string UserName { get; }

    public SnmpAuthProtocol Auth { get; }

    public string? AuthPassword { get; }

    public SnmpPrivProtocol Privacy { get; }

    public string? PrivPassword { get; }

    public string ContextName { get; }

    public override SnmpVersion Version => SnmpVersion.V3;

    /// <summary>The msgFlags security bits for this user's requests.</summary>
    public V3Flags SecurityFlags =>
        (Auth != SnmpAuthProtocol.None ? V3Flags.Auth : V3Flags.None) | (Privacy != SnmpPrivProtocol.None ? V3Flags.Priv : V3Flags.None);

    /// <summary>Passwords stay out of logs.</summary>
    public override string ToString() => $"UsmCredentials {{ UserName = {UserName}, Auth = {Auth}, Privacy = {Privacy} }}";

    private static void CheckPassword(bool needed, string? password, string name)
    {
        if (needed && (password is null || password.Length < MinPasswordLength))
        {
            throw new ArgumentException($"The pass phrase must have at least {MinPasswordLength} characters.", name);
        }
    }
}
