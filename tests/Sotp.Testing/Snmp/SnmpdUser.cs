using Sotp.Collectors.Snmp;

namespace Sotp.Testing.Snmp;

/// <summary>A v3 user the test snmpd is configured with, and the same user as net-snmp's tools spell it.</summary>
public sealed record SnmpdUser(string Name, SnmpAuthProtocol Auth, SnmpPrivProtocol Privacy)
{
    public const string AuthPassword = "authpass123";
    public const string PrivPassword = "privpass123";

    public static readonly SnmpdUser[] All =
    [
        new("sha_aes", SnmpAuthProtocol.Sha1, SnmpPrivProtocol.Aes128),
        new("sha256_aes256", SnmpAuthProtocol.Sha256, SnmpPrivProtocol.Aes256),
        new("md5_des", SnmpAuthProtocol.Md5, SnmpPrivProtocol.Des),
        new("sha_aes256", SnmpAuthProtocol.Sha1, SnmpPrivProtocol.Aes256),
        new("md5_aes192", SnmpAuthProtocol.Md5, SnmpPrivProtocol.Aes192),
        new("sha224_aes", SnmpAuthProtocol.Sha224, SnmpPrivProtocol.Aes128),
        new("sha384_aes192", SnmpAuthProtocol.Sha384, SnmpPrivProtocol.Aes192),
        new("sha512_aes256", SnmpAuthProtocol.Sha512, SnmpPrivProtocol.Aes256),
        new("auth_sha512", SnmpAuthProtocol.Sha512, SnmpPrivProtocol.None),
        new("auth_md5", SnmpAuthProtocol.Md5, SnmpPrivProtocol.None),
        new("noauth", SnmpAuthProtocol.None, SnmpPrivProtocol.None),
    ];

    public static SnmpdUser Named(string name) => All.Single(user => user.Name == name);

    public UsmCredentials Credentials(string? authPassword = null, string? privPassword = null, string? name = null) =>
        new(name ?? Name, Auth, Auth == SnmpAuthProtocol.None ? null : authPassword ?? AuthPassword,
            Privacy, Privacy == SnmpPrivProtocol.None ? null : privPassword ?? PrivPassword);

    /// <summary>The createUser line for snmpd.conf.</summary>
    public string CreateUser =>
        Auth == SnmpAuthProtocol.None ? $"createUser {Name}"
        : Privacy == SnmpPrivProtocol.None ? $"createUser {Name} {NetSnmpAuth} \"{AuthPassword}\""
        : $"createUser {Name} {NetSnmpAuth} \"{AuthPassword}\" {NetSnmpPriv} \"{PrivPassword}\"";

    /// <summary>Security options for snmpget and snmpbulkwalk.</summary>
    public IEnumerable<string> ToolArguments()
    {
        var level = Auth == SnmpAuthProtocol.None ? "noAuthNoPriv" : Privacy == SnmpPrivProtocol.None ? "authNoPriv" : "authPriv";
        yield return "-v3";
        yield return "-l";
        yield return level;
        yield return "-u";
        yield return Name;
        if (Auth != SnmpAuthProtocol.None)
        {
            yield return "-a";
            yield return NetSnmpAuth;
            yield return "-A";
            yield return AuthPassword;
        }

        if (Privacy != SnmpPrivProtocol.None)
        {
            yield return "-x";
            yield return NetSnmpPriv;
            yield return "-X";
            yield return PrivPassword;
        }
    }

    public override string ToString() => Name;

    private string NetSnmpAuth => Auth switch
    {
        SnmpAuthProtocol.Md5 => "MD5",
        SnmpAuthProtocol.Sha1 => "SHA",
        SnmpAuthProtocol.Sha224 => "SHA-224",
        SnmpAuthProtocol.Sha256 => "SHA-256",
        SnmpAuthProtocol.Sha384 => "SHA-384",
        _ => "SHA-512",
    };

    private string NetSnmpPriv => Privacy switch
    {
        SnmpPrivProtocol.Des => "DES",
        SnmpPrivProtocol.Aes128 => "AES",
        SnmpPrivProtocol.Aes192 => "AES-192",
        _ => "AES-256",
    };
}
