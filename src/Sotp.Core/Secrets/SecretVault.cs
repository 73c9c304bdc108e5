using System.Globalization;
using Sotp.Core.Audit;
using Sotp.Core.Errors;
using Sotp.Core.Sites;
using Sotp.Core.Users;

namespace Sotp.Core.Secrets;

/// <summary>
/// Secrets are write-only: values go in encrypted and come out only through a timed reveal with a reason,
/// audited, within an hourly limit per role. Site scope applies as for the inventory.
/// </summary>
public sealed class SecretVault(ISecretStore secrets, SecretCipher cipher, SiteService sites, IAuditLog audit, TimeProvider time)
{
    public const int MinimumReasonLength = 5;
    public const int MaxValueLength = 16_384;
    public static readonly TimeSpan RevealShownFor = TimeSpan.FromSeconds(60);

    /// <summary>Reveals per hour; roles not listed (MASTER, ADMIN) have no limit, roles missing from the permission cannot reveal at all.</summary>
    public static readonly IReadOnlyDictionary<Role, int> HourlyRevealLimits = new Dictionary<Role, int>
    {
        [Role.Operator] = 10,
        [Role.Technician] = 20,
        [Role.FieldWorker] = 20,
        [Role.Auditor] = 20,
    };

    public async Task<IReadOnlyList<SecretInfo>> ListAsync(long? siteId, Caller caller, CancellationToken cancellationToken) =>
        await secrets.ListAsync(siteId, await sites.ScopeAsync(caller, cancellationToken), cancellationToken);

    public async Task<SecretInfo> CreateAsync(string? name, string? kind, long? siteId, string? value, Caller caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            errors["name"] = ["name is required, at most 200 characters."];
        }

        if (!EnumText.TryParse<SecretKind>(kind, out var parsedKind))
        {
            errors["kind"] = [$"kind is one of {string.Join(", ", EnumText.Names<SecretKind>())}."];
        }

        CheckValue(value, errors);
        if (siteId is not null && !await sites.ExistsForAsync(caller, siteId.Value, cancellationToken))
        {
            errors["siteId"] = [$"There is no site {siteId}."];
        }

        Require.Valid(errors);
        return await secrets.CreateAsync(name!.Trim(), parsedKind, siteId, id => cipher.Protect(value!, Purpose(id)), caller, cancellationToken);
    }

    public async Task<SecretInfo> ReplaceValueAsync(long id, string? value, long? version, Caller caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CheckValue(value, errors);
        Require.Valid(errors);
        await VisibleAsync(id, caller, cancellationToken);
        return await secrets.UpdateValueAsync(id, Require.Version(version), cipher.Protect(value!, Purpose(id)), caller, cancellationToken);
    }

    public async Task DeleteAsync(long id, long? version, Caller caller, CancellationToken cancellationToken)
    {
        await VisibleAsync(id, caller, cancellationToken);
        await secrets.DeleteAsync(id, Require.Version(version), caller, cancellationToken);
    }

    public async Task<RevealedSecret> RevealAsync(long id, string? reason, Caller caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < MinimumReasonLength || reason.Length > 500)
        {
            throw new DomainException(ErrorKind.Validation, ErrorCodes.ValidationFailed,
                $"A reason of at least {MinimumReasonLength} characters (at most 500) is required to reveal a secret.") { Field = "reason" };
        }

        var (info, protectedValue) = await VisibleAsync(id, caller, cancellationToken);
        var now = time.GetUtcNow();
        if (HourlyRevealLimits.TryGetValue(caller.Role, out var limit) &&
            await secrets.RevealsSinceAsync(caller.UserId ?? 0, now.AddHours(-1), cancellationToken) >= limit)
        {
            throw new DomainException(ErrorKind.TooMany, ErrorCodes.RevealLimitReached,
                $"{caller.Role.ToText()} may reveal {limit} secrets an hour; the limit is reached.");
        }

        var value = cipher.UnprotectString(protectedValue, Purpose(id));
        // The reason is the point of the record; the value never enters it.
        await audit.AppendAsync(new AuditEntry(caller.Actor, AuditActions.SecretRevealed, "secret", id.ToString(CultureInfo.InvariantCulture),
            Detail: reason.Trim(), RequestId: caller.RequestId, ClientIp: caller.ClientIp), cancellationToken);
        return new RevealedSecret(info.Id, info.Name, value, now + RevealShownFor);
    }

    /// <summary>
    /// A value for the system to act with (a panel's user code for a command), never to be shown or returned. Not a
    /// reveal, so no reason and no hourly limit: the action it is used for is what its caller audits.
    /// </summary>
    public async Task<string> UseAsync(long id, CancellationToken cancellationToken)
    {
        var found = await secrets.GetAsync(id, cancellationToken) ?? throw DomainException.NotFound("secret", id);
        return cipher.UnprotectString(found.ProtectedValue, Purpose(id));
    }

    private async Task<(SecretInfo Info, string ProtectedValue)> VisibleAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        var found = await secrets.GetAsync(id, cancellationToken);
        if (found is not { } secret || (secret.Info.SiteId is { } siteId && !await sites.CanSeeAsync(caller, siteId, cancellationToken)))
        {
            throw DomainException.NotFound("secret", id);
        }

        return secret;
    }

    private static void CheckValue(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxValueLength)
        {
            errors["value"] = [$"value is required, at most {MaxValueLength} characters."];
        }
    }

    private static string Purpose(long id) => $"secret:{id.ToString(CultureInfo.InvariantCulture)}";
}
