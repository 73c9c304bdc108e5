using Sotp.Core.Audit;
using Sotp.Core.Errors;
using Sotp.Core.Sites;

namespace Sotp.Core.Users;

/// <summary>
/// Managing accounts (MASTER and ADMIN): list, create, change role, unlock, reset password, assign sites.
/// Only a MASTER may create, change or reset MASTER and SYSTEM accounts, or grant those roles: an ADMIN
/// cannot raise anyone, themselves included, above ADMIN.
/// </summary>
public sealed class UserAdministration(IUserStore users, UserAccounts accounts, ISiteStore sites)
{
    public static readonly IReadOnlyCollection<string> Sortable = ["username", "role", "createdAt"];

    public async Task<Page<User>> ListAsync(ListQuery query, string? role, CancellationToken cancellationToken)
    {
        var errors = query.Validate(Sortable);
        Role? parsed = null;
        if (role is not null)
        {
            if (EnumText.TryParse<Role>(role, out var value))
            {
                parsed = value;
            }
            else
            {
                errors["role"] = [$"role is one of {string.Join(", ", EnumText.Names<Role>())}."];
            }
        }

        Require.Valid(errors);
        return await users.ListAsync(query, parsed, cancellationToken);
    }

    public async Task<User> GetAsync(long id, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(id, cancellationToken) ?? throw NotFound(id);

    public async Task<(User User, string Password)> CreateAsync(string? username, string? role, Caller caller, CancellationToken cancellationToken)
    {
        var parsed = ParseRole(role);
        EnsureMayGrant(caller, parsed);
        return await accounts.CreateAsync(username ?? "", parsed, caller.Actor, cancellationToken);
    }

    public async Task<User> ChangeRoleAsync(long id, string? role, long? version, Caller caller, CancellationToken cancellationToken)
    {
        var parsed = ParseRole(role);
        var current = await GetAsync(id, cancellationToken);
        EnsureMayGrant(caller, current.Role);
        EnsureMayGrant(caller, parsed);
        return await users.UpdateRoleAsync(id, Require.Version(version), parsed, new AuditEntry(caller.Actor, "user.role_changed", "user",
            Before: SotpJson.Serialize(new { role = current.Role }), After: SotpJson.Serialize(new { role = parsed }), RequestId: caller.RequestId, ClientIp: caller.ClientIp),
            cancellationToken);
    }

    public async Task UnlockAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        EnsureMayGrant(caller, (await GetAsync(id, cancellationToken)).Role);
        await users.UnlockAsync(id, new AuditEntry(caller.Actor, "user.unlocked", "user", RequestId: caller.RequestId, ClientIp: caller.ClientIp), cancellationToken);
    }

    public async Task<string> ResetPasswordAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        var user = await GetAsync(id, cancellationToken);
        EnsureMayGrant(caller, user.Role);
        return await accounts.ResetPasswordAsync(user.Username, caller.Actor, cancellationToken);
    }

    /// <summary>The sites a TECHNICIAN or FIELD_WORKER is limited to.</summary>
    public async Task<IReadOnlyList<long>> AssignedSitesAsync(long id, CancellationToken cancellationToken)
    {
        await GetAsync(id, cancellationToken);
        return await sites.AssignedSiteIdsAsync(id, cancellationToken);
    }

    public async Task<IReadOnlyList<long>> AssignSitesAsync(long id, IReadOnlyCollection<long>? siteIds, Caller caller, CancellationToken cancellationToken)
    {
        await GetAsync(id, cancellationToken);
        var wanted = (siteIds ?? []).Distinct().ToList();
        var missing = new List<long>();
        foreach (var siteId in wanted)
        {
            if (await sites.GetAsync(siteId, cancellationToken) is null)
            {
                missing.Add(siteId);
            }
        }

        if (missing.Count > 0)
        {
            throw new DomainException(ErrorKind.Validation, ErrorCodes.ValidationFailed, $"There are no sites {string.Join(", ", missing)}.") { Field = "siteIds" };
        }

        await sites.AssignSitesAsync(id, wanted, caller, cancellationToken);
        return await sites.AssignedSiteIdsAsync(id, cancellationToken);
    }

    private static Role ParseRole(string? role) =>
        EnumText.TryParse<Role>(role, out var parsed)
            ? parsed
            : throw new DomainException(ErrorKind.Validation, ErrorCodes.ValidationFailed, $"role is one of {string.Join(", ", EnumText.Names<Role>())}.") { Field = "role" };

    private static void EnsureMayGrant(Caller caller, Role role)
    {
        if (role is Role.Master or Role.System && caller.Role != Role.Master)
        {
            throw new DomainException(ErrorKind.Forbidden, ErrorCodes.MasterOnly, $"Only a MASTER manages {role.ToText()} accounts.");
        }
    }

    private static DomainException NotFound(long id) => DomainException.NotFound("user", id);
}
