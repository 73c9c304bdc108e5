using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Sotp.Core.Auth;
using Sotp.Core.Errors;
using Sotp.Core.Users;

namespace Sotp.Core.ApiKeys;

/// <summary>
/// Keys for programmatic clients (event sources, receivers, scripts): <c>sotp_{prefix}_{secret}</c>, shown once,
/// stored as SHA-256 (a key is 256 random bits, so a fast hash is enough), scoped to permissions of the SYSTEM role,
/// revocable. A key acts as a SYSTEM account so that the audit trail names who did what.
/// </summary>
public sealed class ApiKeys(IApiKeyStore keys, IUserStore users, TimeProvider time)
{
    private const string Scheme = "sotp";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<(ApiKey Key, string Secret)> CreateAsync(string? name, long? userId, IReadOnlyList<string>? scopes, Caller caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            errors["name"] = ["name is required, at most 200 characters."];
        }

        var owner = userId is { } id ? await users.FindByIdAsync(id, cancellationToken) : null;
        if (owner?.Role != Role.System)
        {
            errors["userId"] = ["userId names a SYSTEM account: keys act as one."];
        }

        var parsed = new List<Permission>();
        foreach (var scope in scopes ?? [])
        {
            if (Enum.TryParse<Permission>(scope, ignoreCase: true, out var permission) && PermissionMatrix.Allows(Role.System, permission))
            {
                parsed.Add(permission);
            }
            else
            {
                errors["scopes"] = [$"scopes are permissions of the SYSTEM role: {string.Join(", ", Enum.GetValues<Permission>().Where(p => PermissionMatrix.Allows(Role.System, p)))}."];
            }
        }

        if (parsed.Count == 0 && !errors.ContainsKey("scopes"))
        {
            errors["scopes"] = ["at least one scope is required."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        // Hex, not base64url: the prefix must never contain the '_' that separates the parts of a key.
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = $"{Scheme}_{prefix}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";
        var key = await keys.CreateAsync(name!.Trim(), prefix, Hash(secret), owner!.Id, parsed.Distinct().ToList(), caller, cancellationToken);
        return (key, secret);
    }

    /// <summary>The identity of a presented key, or null for anything else (malformed, unknown, revoked, wrong secret).</summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        var parts = presented.Split('_', 3);
        if (parts.Length != 3 || parts[0] != Scheme || parts[1].Length != 8)
        {
            return null;
        }

        if (await keys.FindActiveAsync(parts[1], cancellationToken) is not { } found ||
            !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(found.KeyHash), Encoding.ASCII.GetBytes(Hash(presented))))
        {
            return null;
        }

        // "Last used" is for spotting forgotten keys, not a request log: one write a minute per key at most,
        // not one per request of a busy event source.
        var now = time.GetUtcNow();
        if (found.Key.LastUsedAt is not { } lastUsed || now - lastUsed >= LastUsedResolution)
        {
            await keys.TouchAsync(found.Key.Id, now, cancellationToken);
        }

        return new ApiKeyIdentity(found.Key.Id, found.Key.UserId, found.Username, found.Key.Scopes);
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
