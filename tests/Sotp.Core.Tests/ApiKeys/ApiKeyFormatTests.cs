using Sotp.Core.ApiKeys;
using Sotp.Core.Auth;
using Sotp.Core.Users;

namespace Sotp.Core.Tests.ApiKeys;

public class ApiKeyFormatTests
{
    /// <summary>Many keys in a row: a key whose random parts contained the separator once failed to authenticate.</summary>
    [Fact]
    public async Task EveryIssuedKey_AuthenticatesAsItsAccount()
    {
        var store = new InMemoryKeys();
        var users = new OneSystemUser();
        var keys = new Sotp.Core.ApiKeys.ApiKeys(store, users, TimeProvider.System);

        for (var i = 0; i < 300; i++)
        {
            var (_, secret) = await keys.CreateAsync($"key {i}", OneSystemUser.Id, ["ReadInventory"], new Caller(null, "test", Role.Master), CancellationToken.None);
            var identity = await keys.AuthenticateAsync(secret, CancellationToken.None);
            Assert.True(identity is not null, $"key {secret} did not authenticate");
        }
    }

    private sealed class InMemoryKeys : IApiKeyStore
    {
        private readonly List<(ApiKey Key, string Hash)> _keys = [];

        public Task<ApiKey> CreateAsync(string name, string prefix, string keyHash, long userId, IReadOnlyList<Permission> scopes, Caller caller, CancellationToken cancellationToken)
        {
            var key = new ApiKey(_keys.Count + 1, name, prefix, userId, scopes, DateTimeOffset.UtcNow, null, null);
            _keys.Add((key, keyHash));
            return Task.FromResult(key);
        }

        public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ApiKey>>(_keys.Select(k => k.Key).ToList());

        public Task<bool> RevokeAsync(long id, Caller caller, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<(ApiKey Key, string KeyHash, string Username)?> FindActiveAsync(string prefix, CancellationToken cancellationToken) =>
            Task.FromResult(_keys.Where(k => k.Key.Prefix == prefix).Select(k => ((ApiKey, string, string)?)(k.Key, k.Hash, "receiver")).SingleOrDefault());

        public Task TouchAsync(long id, DateTimeOffset usedAt, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class OneSystemUser : IUserStore
    {
        public const long Id = 7;
        private static readonly User User = new(Id, "receiver", "", Role.System, false, DateTimeOffset.UtcNow, 1);

        public Task<User?> FindByIdAsync(long id, CancellationToken cancellationToken) => Task.FromResult(id == Id ? User : null);

        public Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<User> CreateAsync(string username, string passwordHash, Role role, bool mustChangePassword, Sotp.Core.Audit.AuditEntry? audit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> SetPasswordAsync(string username, string passwordHash, bool mustChangePassword, Sotp.Core.Audit.AuditEntry? audit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> RecordFailedLoginAsync(long userId, int lockAfter, DateTimeOffset lockUntil, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RecordSuccessfulLoginAsync(long userId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Page<User>> ListAsync(ListQuery query, Role? role, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<User> UpdateRoleAsync(long id, long expectedVersion, Role role, Sotp.Core.Audit.AuditEntry? audit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> UnlockAsync(long id, Sotp.Core.Audit.AuditEntry? audit, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
