using Dapper;
using Sotp.Core;
using Sotp.Core.Secrets;
using Sotp.Core.Users;
using Sotp.Storage.Migrations;
using Sotp.Storage.Secrets;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class MasterKeyRotationTests
{
    private static readonly Caller Admin = new(null, "test", Role.Master);

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Rotation_ReencryptsEverything_AndReplacesTheKeyFile(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        var vault = store.Get<SecretVault>();
        var old = store.Get<SecretCipher>();
        var first = await vault.CreateAsync("community", "SNMP_COMMUNITY", null, "public-7731", Admin, CancellationToken.None);
        await vault.CreateAsync("code", "PANEL_USER_CODE", null, "1234", Admin, CancellationToken.None);
        await ExecuteAsync(store, "INSERT INTO signing_keys (kid, private_key, created_at) VALUES ('k1', @value, @now)",
            new { value = old.Protect("pkcs8-bytes", "signing_key:k1"), now = DateTimeOffset.UtcNow });

        var result = await store.Get<MasterKeyRotation>().RotateAsync(CancellationToken.None);

        var loader = store.Get<MasterKeyLoader>();
        var fresh = loader.Load();
        Assert.Equal(3, result.ValuesReencrypted);
        Assert.NotEqual(old.KeyId, fresh.KeyId);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(loader.KeyFile!));
        Assert.False(File.Exists(loader.KeyFile + ".new"));
        await using var connection = await store.Get<Store>().OpenAsync(CancellationToken.None);
        var stored = await connection.QuerySingleAsync<string>("SELECT protected_value FROM secrets WHERE id = @Id", new { first.Id });
        Assert.Equal("public-7731", fresh.UnprotectString(stored, $"secret:{first.Id}"));
        Assert.Throws<SecretUnreadableException>(() => old.Unprotect(stored, $"secret:{first.Id}"));
        Assert.Equal("pkcs8-bytes", fresh.UnprotectString(await connection.QuerySingleAsync<string>("SELECT private_key FROM signing_keys"), "signing_key:k1"));
    }

    [Fact]
    public async Task AValueTheCurrentKeyCannotRead_StopsTheRotationAndChangesNothing()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        await store.Get<SecretVault>().CreateAsync("ok", "OTHER", null, "fine", Admin, CancellationToken.None);
        var foreign = new SecretCipher(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await ExecuteAsync(store, "INSERT INTO signing_keys (kid, private_key, created_at) VALUES ('k9', @value, @now)",
            new { value = foreign.Protect("x", "signing_key:k9"), now = DateTimeOffset.UtcNow });
        var keyFile = store.Get<MasterKeyLoader>().KeyFile!;
        var keyBefore = await File.ReadAllTextAsync(keyFile);
        var before = await StoreSnapshot.TakeAsync(store.Get<Store>());

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.Get<MasterKeyRotation>().RotateAsync(CancellationToken.None));

        Assert.Contains("signing_key:k9", error.Message);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(store.Get<Store>()));
        Assert.Equal(keyBefore, await File.ReadAllTextAsync(keyFile));
        Assert.False(File.Exists(keyFile + ".new"));
    }

    private static async Task ExecuteAsync(TestStore store, string sql, object parameters)
    {
        await using var connection = await store.Get<Store>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql, parameters);
    }
}
