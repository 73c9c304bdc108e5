using Sotp.Core.Audit;
using Sotp.Core.Errors;
using Sotp.Core.Users;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class UserStoreTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task CreatedUser_IsFoundWithItsRoleAndPassword(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);
        var accounts = store.Get<UserAccounts>();

        var (created, password) = await accounts.CreateAsync("Operator.One", Role.FieldWorker, AuditActor.Cli, CancellationToken.None);
        var found = await store.Get<IUserStore>().FindByUsernameAsync("operator.one", CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(created, found);
        Assert.Equal(Role.FieldWorker, found.Role);
        Assert.True(found.MustChangePassword);
        Assert.Equal(TimeSpan.Zero, found.CreatedAt.Offset);
        Assert.NotNull(await accounts.VerifyAsync("OPERATOR.ONE", password, CancellationToken.None));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Create_WithATakenUsernameInAnotherCase_IsAConflict(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);
        var accounts = store.Get<UserAccounts>();
        await accounts.CreateAsync("anna", Role.Operator, AuditActor.Cli, CancellationToken.None);

        var error = await Assert.ThrowsAsync<DomainException>(() => accounts.CreateAsync("ANNA", Role.Admin, AuditActor.Cli, CancellationToken.None));

        Assert.Equal(ErrorCodes.Conflict, error.Code);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Create_OfOneNameFromSeveralClientsAtOnce_LetsExactlyOneWin(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);
        var accounts = store.Get<UserAccounts>();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            try
            {
                await accounts.CreateAsync(i % 2 == 0 ? "race" : "RACE", Role.Operator, AuditActor.Cli, CancellationToken.None);
                return "created";
            }
            catch (DomainException ex)
            {
                return ex.Code;
            }
        })));

        Assert.Single(attempts, result => result == "created");
        Assert.All(attempts.Where(result => result != "created"), result => Assert.Equal(ErrorCodes.Conflict, result));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ARoleChange_CommitsWithItsAuditRecord_AndARefusedOneWritesNeither(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);
        var (user, _) = await store.Get<UserAccounts>().CreateAsync("anna", Role.Operator, AuditActor.Cli, CancellationToken.None);
        var users = store.Get<IUserStore>();
        var audit = store.Get<IAuditLog>();
        var entry = new AuditEntry(AuditActor.Cli, "user.role_changed", "user", RequestId: "r-1");

        var changed = await users.UpdateRoleAsync(user.Id, user.Version, Role.Technician, entry, CancellationToken.None);
        await Assert.ThrowsAsync<DomainException>(() => users.UpdateRoleAsync(user.Id, user.Version, Role.Admin, entry with { RequestId = "r-2" }, CancellationToken.None));

        var records = (await audit.ListAsync(new AuditQuery(Action: "user.role_changed"), CancellationToken.None)).Items;
        var record = Assert.Single(records);
        Assert.Equal(Role.Technician, changed.Role);
        Assert.Equal(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), record.EntityId);
        Assert.Equal("r-1", record.RequestId);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ResetPassword_ReplacesTheOldOne(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);
        var accounts = store.Get<UserAccounts>();
        var (_, oldPassword) = await accounts.CreateAsync("piotr", Role.Technician, AuditActor.Cli, CancellationToken.None);

        var newPassword = await accounts.ResetPasswordAsync("piotr", AuditActor.Cli, CancellationToken.None);

        Assert.Null(await accounts.VerifyAsync("piotr", oldPassword, CancellationToken.None));
        Assert.NotNull(await accounts.VerifyAsync("piotr", newPassword, CancellationToken.None));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ResetPassword_OfAnUnknownUser_IsNotFound(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);

        var error = await Assert.ThrowsAsync<DomainException>(() => store.Get<UserAccounts>().ResetPasswordAsync("ghost", AuditActor.Cli, CancellationToken.None));

        Assert.Equal(ErrorCodes.NotFound, error.Code);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task TheTenthFailedLogin_LocksTheAccountAndRestartsTheCount(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);
        var (user, _) = await store.Get<UserAccounts>().CreateAsync("target", Role.Operator, AuditActor.Cli, CancellationToken.None);
        var users = store.Get<IUserStore>();
        var lockUntil = new DateTimeOffset(2026, 11, 23, 3, 30, 0, TimeSpan.Zero);

        var locks = new List<bool>();
        for (var i = 0; i < 10; i++)
        {
            locks.Add(await users.RecordFailedLoginAsync(user.Id, 10, lockUntil, CancellationToken.None));
        }

        Assert.Equal([.. Enumerable.Repeat(false, 9), true], locks);
        var locked = await users.FindByIdAsync(user.Id, CancellationToken.None);
        Assert.Equal(lockUntil, locked!.LockedUntil);
        Assert.Equal(0, locked.FailedLogins);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ASuccessfulLogin_ResetsTheFailureCount(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);
        var (user, _) = await store.Get<UserAccounts>().CreateAsync("target", Role.Operator, AuditActor.Cli, CancellationToken.None);
        var users = store.Get<IUserStore>();
        await users.RecordFailedLoginAsync(user.Id, 10, DateTimeOffset.UtcNow, CancellationToken.None);

        await users.RecordSuccessfulLoginAsync(user.Id, CancellationToken.None);

        Assert.Equal(0, (await users.FindByIdAsync(user.Id, CancellationToken.None))!.FailedLogins);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("-leading-dash")]
    [InlineData("with space")]
    [InlineData("semi;colon")]
    public async Task Create_WithAnInvalidUsername_IsAValidationError(string username)
    {
        await using var store = await MigratedAsync(StoreProvider.Sqlite);

        var error = await Assert.ThrowsAsync<DomainException>(() => store.Get<UserAccounts>().CreateAsync(username, Role.Operator, AuditActor.Cli, CancellationToken.None));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
    }

    private static async Task<TestStore> MigratedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        return store;
    }
}
