using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Cli.Tests;

public class CliTests
{
    [Fact]
    public async Task Version_PrintsTheProductVersion()
    {
        var result = await Cli.RunAsync(new Dictionary<string, string?>(), "version");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("sotp 0.", result.Stdout);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Migrate_OnAnEmptyStore_AppliesAllAndThenReportsNothingPending(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);

        var migrate = await Cli.RunAsync(store.Settings, "migrate");
        var status = await Cli.RunAsync(store.Settings, "migrate", "--status");

        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("applied 0001_foundation", migrate.Stdout);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains(", 0 pending", status.Stdout);
        Assert.True((await store.Get<Migrator>().GetStatusAsync(CancellationToken.None)).IsUpToDate);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task UserCreate_PrintsAPasswordThatLogsIn(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);

        var result = await Cli.RunAsync(store.Settings, "user", "create", "dyspozytor", "--role", "OPERATOR");

        Assert.Equal(0, result.ExitCode);
        var user = await store.Get<UserAccounts>().VerifyAsync("dyspozytor", result.Line("password:"), CancellationToken.None);
        Assert.NotNull(user);
        Assert.Equal(Role.Operator, user.Role);
    }

    [Fact]
    public async Task UserCreate_OfATakenName_FailsWithAMessage()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await Cli.RunAsync(store.Settings, "user", "create", "jan", "--role", "ADMIN");

        var result = await Cli.RunAsync(store.Settings, "user", "create", "jan", "--role", "ADMIN");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("sotp: The username 'jan' is taken.", result.Stderr.Trim());
    }

    [Fact]
    public async Task UserCreate_WithAnUnknownRole_FailsListingTheRoles()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);

        var result = await Cli.RunAsync(store.Settings, "user", "create", "jan", "--role", "BOSS");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--role must be one of SYSTEM, MASTER, ADMIN, OPERATOR, TECHNICIAN, FIELD_WORKER, AUDITOR, READ_ONLY.", result.Stderr);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ResetPassword_PrintsANewWorkingPassword(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var created = await Cli.RunAsync(store.Settings, "user", "create", "ewa", "--role", "TECHNICIAN");

        var reset = await Cli.RunAsync(store.Settings, "user", "reset-password", "ewa");

        Assert.Equal(0, reset.ExitCode);
        var accounts = store.Get<UserAccounts>();
        Assert.Null(await accounts.VerifyAsync("ewa", created.Line("password:"), CancellationToken.None));
        Assert.NotNull(await accounts.VerifyAsync("ewa", reset.Line("password:"), CancellationToken.None));
    }

    [Fact]
    public async Task ResetPassword_OfAnUnknownUser_FailsWithAMessage()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);

        var result = await Cli.RunAsync(store.Settings, "user", "reset-password", "nobody");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("sotp: There is no user 'nobody'.", result.Stderr.Trim());
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task BackupThenRestore_ThroughTheCli_RoundTripsTheData(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await Cli.RunAsync(store.Settings, "user", "create", "in-backup", "--role", "AUDITOR");
        var atBackup = await StoreSnapshot.TakeAsync(store.Get<Store>());
        var file = Path.Combine(store.DirectoryPath, "nightly.bak");

        var backup = await Cli.RunAsync(store.Settings, "backup", file);
        await Cli.RunAsync(store.Settings, "user", "create", "after-backup", "--role", "OPERATOR");
        var restore = await Cli.RunAsync(store.Settings, "restore", file, "--yes");

        Assert.Equal(0, backup.ExitCode);
        Assert.Contains($"Backup written to {file}", backup.Stdout);
        Assert.Equal(0, restore.ExitCode);
        Assert.Equal(atBackup, await StoreSnapshot.TakeAsync(store.Get<Store>()));
    }

    [Fact]
    public async Task Restore_WithoutYes_RefusesAndChangesNothing()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var file = Path.Combine(store.DirectoryPath, "a.bak");
        await Cli.RunAsync(store.Settings, "backup", file);
        await Cli.RunAsync(store.Settings, "user", "create", "stays", "--role", "OPERATOR");
        var before = await StoreSnapshot.TakeAsync(store.Get<Store>());

        var result = await Cli.RunAsync(store.Settings, "restore", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("run again with --yes", result.Stderr);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(store.Get<Store>()));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AuditVerify_PassesOnAnUntouchedLog_AndNamesTheRowAfterTampering(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await Cli.RunAsync(store.Settings, "user", "create", "first", "--role", "ADMIN");
        await Cli.RunAsync(store.Settings, "user", "create", "second", "--role", "ADMIN");

        var intact = await Cli.RunAsync(store.Settings, "audit", "verify");
        await using (var connection = await store.Get<Store>().OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE audit_log SET after_json = '{}' WHERE id = 1");
        }

        var broken = await Cli.RunAsync(store.Settings, "audit", "verify");

        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("Audit log intact: 2 rows checked.", intact.Stdout);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("audit log broken at row 1", broken.Stderr);
    }

    [Fact]
    public async Task RotateKey_NeedsYes_ThenReplacesTheKeyFile()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        var keyFile = Path.Combine(store.Settings["Storage:DataDirectory"]!, "master.key");
        var unconfirmed = await Cli.RunAsync(store.Settings, "secrets", "rotate-key");
        await Cli.RunAsync(store.Settings, "secrets", "rotate-key", "--yes");
        var before = await File.ReadAllTextAsync(keyFile);

        var rotated = await Cli.RunAsync(store.Settings, "secrets", "rotate-key", "--yes");

        Assert.Equal(1, unconfirmed.ExitCode);
        Assert.Equal(0, rotated.ExitCode);
        Assert.Contains($"The new key is in {keyFile}", rotated.Stdout);
        Assert.NotEqual(before, await File.ReadAllTextAsync(keyFile));
    }

    [Fact]
    public async Task AnyCommand_WithABadSetting_FailsNamingTheSetting()
    {
        var result = await Cli.RunAsync(new Dictionary<string, string?> { ["Storage:Provider"] = "Oracle" }, "migrate");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("sotp: configuration error: Storage:Provider 'Oracle' is not a known store; use Sqlite or Postgres.", result.Stderr.Trim());
    }
}
